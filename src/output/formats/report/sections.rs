//! The page, section by section: the corpus in figures, frames in the corpus, frames over time
//! (small multiples and a table of every bin), groups compared (`--group-by`), top motifs, recycled
//! passages, timelines, and the drill-down sections that the chart cells and motifs link to. A run
//! of `leitmotif reuse` has no documents table: its page shows what reuse found and nothing else.
//!
//! Formulas: a bin's or group's `per 1k` is `1000 × Σ hits ÷ Σ words` over its documents, its
//! `airtime` `Σ frame seconds ÷ Σ seconds` (hits, cues and the corpus model, as in
//! `documents.csv`).

use super::collect::{Doc, Kwic, ReportData, EXAMPLES};
use super::html::{
    anchor, count, document_link, duration, esc, frame_styles, percent, plural, rate, FrameStyle, STYLE,
};
use super::sample::Sample;
use crate::lexicon::LexiconSet;
use crate::wording::noun;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Groups compared at most; the rest are added up in one row.
const GROUPS_SHOWN: usize = 15;
/// Motifs in the top-motifs table.
const TOP_MOTIFS: usize = 25;
/// Documents listed per drill-down section.
const TOP_DOCUMENTS: usize = 5;

/// The whole page.
pub(super) fn page(data: &ReportData, lexicons: &LexiconSet, generated: &str) -> String {
    let frames = frame_styles(lexicons);
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/><title>leitmotif report</title><style>");
    html.push_str(STYLE);
    html.push_str("</style></head><body><h1>leitmotif report</h1>");
    let lexicon_names: Vec<String> =
        lexicons.lexicons.iter().map(|l| format!("{} {} ({})", l.name, l.version, l.language)).collect();
    let _ = write!(
        html,
        "<p class=\"note\">Generated {} · lexicons: {}</p>",
        esc(generated),
        esc(&if lexicon_names.is_empty() { "none".to_string() } else { lexicon_names.join(", ") })
    );
    if data.scanned {
        navigation(&mut html, data);
        cards(&mut html, data);
        legend(&mut html, &frames);
        corpus_frames(&mut html, data, &frames);
        over_time(&mut html, data, &frames);
        groups(&mut html, data, &frames);
        top_motifs(&mut html, data, lexicons, &frames);
        recycled(&mut html, data);
        super::strips::section(&mut html, data, lexicons);
        drill_down(&mut html, data, lexicons, &frames);
    } else {
        reuse_cards(&mut html, data);
        recycled(&mut html, data);
        recycled_documents(&mut html, data);
        if data.passages.is_empty() {
            html.push_str("<p>No recycled passage was found.</p>");
        }
    }
    html.push_str(
        "<p class=\"note\">Formulas and columns: see README.md of leitmotif. This page is self-contained: no script, no network.</p></body></html>\n",
    );
    html
}

fn navigation(html: &mut String, data: &ReportData) {
    html.push_str("<nav><a href=\"#frames\">Frames</a>");
    if data.timeline.resolution.is_some() {
        html.push_str("<a href=\"#time\">Over time</a>");
    }
    if data.groups.is_some() {
        html.push_str("<a href=\"#groups\">Groups</a>");
    }
    html.push_str("<a href=\"#motifs\">Top motifs</a>");
    if !data.passages.is_empty() {
        html.push_str("<a href=\"#recycled\">Recycled</a>");
    }
    if !data.strips.is_empty() {
        html.push_str("<a href=\"#timelines\">Timelines</a>");
    }
    html.push_str("<a href=\"#drill\">Quotes</a></nav>");
}

fn cards(html: &mut String, data: &ReportData) {
    let words: f64 = data.docs.iter().map(|d| d.words).sum();
    let seconds: f64 = data.docs.iter().map(|d| d.seconds).sum();
    let card = |html: &mut String, value: String, what: &str| {
        let _ = write!(html, "<div class=\"card\"><b>{value}</b>{what}</div>");
    };
    html.push_str("<div class=\"cards\">");
    card(html, count(data.docs.len() as f64), noun(data.docs.len(), "document", "documents"));
    card(html, count(words), "words");
    card(html, duration(seconds), "speaking time");
    card(html, count(data.hits as f64), noun(data.hits, "hit", "hits"));
    if data.docs.iter().any(|d| d.recycled_share.is_some()) {
        let recycled: f64 = data.docs.iter().map(|d| d.recycled_share.unwrap_or(0.0) * d.words).sum();
        card(html, percent(if words > 0.0 { recycled / words } else { 0.0 }), "of words recycled");
        card(html, count(data.passages.len() as f64), "recycled passages");
    }
    if data.errors > 0 {
        card(html, count(data.errors as f64), "records not read (errors.csv)");
    }
    html.push_str("</div>");
}

fn legend(html: &mut String, frames: &[FrameStyle]) {
    html.push_str("<p class=\"legend\">");
    for frame in frames {
        let _ =
            write!(html, "<span><i class=\"sw\" style=\"background:{}\"></i>{}</span>", frame.color, esc(&frame.label));
    }
    html.push_str("</p>");
}

/// The figures of a set of documents.
#[derive(Debug, Clone, Default)]
struct Totals {
    documents: usize,
    words: f64,
    seconds: f64,
    hits: Vec<f64>,
    frame_seconds: Vec<f64>,
    /// Documents with a hit of each frame.
    with_hits: Vec<usize>,
}

impl Totals {
    fn new(frames: usize) -> Totals {
        Totals {
            hits: vec![0.0; frames],
            frame_seconds: vec![0.0; frames],
            with_hits: vec![0; frames],
            ..Totals::default()
        }
    }

    fn add(&mut self, doc: &Doc) {
        self.documents += 1;
        self.words += doc.words;
        self.seconds += doc.seconds;
        for f in 0..self.hits.len() {
            self.hits[f] += doc.hits[f];
            self.frame_seconds[f] += doc.frame_seconds[f];
            self.with_hits[f] += usize::from(doc.hits[f] > 0.0);
        }
    }

    fn per_1k(&self, frame: usize) -> f64 {
        if self.words > 0.0 {
            1000.0 * self.hits[frame] / self.words
        } else {
            0.0
        }
    }

    fn airtime(&self, frame: usize) -> f64 {
        if self.seconds > 0.0 {
            self.frame_seconds[frame] / self.seconds
        } else {
            0.0
        }
    }
}

/// A header cell per frame, with its colour, closing the header row.
fn frame_headers(html: &mut String, frames: &[FrameStyle]) {
    for frame in frames {
        let _ = write!(
            html,
            "<th class=\"n\"><i class=\"sw\" style=\"background:{}\"></i>{}</th>",
            frame.color,
            esc(&frame.label)
        );
    }
    html.push_str("</tr>");
}

fn cell_anchor(frames: &[FrameStyle], frame: usize, bin: Option<&str>) -> String {
    anchor(&["cell", &frames[frame].id, bin.unwrap_or("undated")])
}

fn motif_anchor(motif: usize) -> String {
    format!("motif-{motif}")
}

/// Frames over the whole corpus.
fn corpus_frames(html: &mut String, data: &ReportData, frames: &[FrameStyle]) {
    let mut totals = Totals::new(frames.len());
    data.docs.iter().for_each(|d| totals.add(d));
    html.push_str("<h2 id=\"frames\">Frames in the corpus</h2><table><tr><th>frame</th><th class=\"n\">hits</th><th class=\"n\">per 1k words</th><th class=\"n\">documents with a hit</th><th class=\"n\">airtime</th><th class=\"n\">time</th></tr>");
    for (f, frame) in frames.iter().enumerate() {
        let hits = if totals.hits[f] > 0.0 && data.timeline.resolution.is_none() {
            format!("<a href=\"#{}\">{}</a>", cell_anchor(frames, f, None), count(totals.hits[f]))
        } else {
            count(totals.hits[f])
        };
        let _ = write!(
            html,
            "<tr><td><i class=\"sw\" style=\"background:{}\"></i>{}</td><td class=\"n\">{hits}</td><td class=\"n\">{}</td><td class=\"n\">{} ({})</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            frame.color,
            esc(&frame.label),
            rate(totals.per_1k(f)),
            count(totals.with_hits[f] as f64),
            percent(if totals.documents > 0 { totals.with_hits[f] as f64 / totals.documents as f64 } else { 0.0 }),
            percent(totals.airtime(f)),
            duration(totals.frame_seconds[f]),
        );
    }
    html.push_str("</table><p class=\"note\">per 1k words: 1000 × hits ÷ words of all documents; airtime: the frame's share of the speaking time (segments framed by hits, cue terms or the corpus model).</p>");
}

/// Frames over time: small multiples of per-1k (bars) and airtime (line), then every bin in a
/// table whose cells link to the quotes behind them.
fn over_time(html: &mut String, data: &ReportData, frames: &[FrameStyle]) {
    let Some(resolution) = data.timeline.resolution else { return };
    let bins = data.timeline.labels.len();
    let mut per_bin = vec![Totals::new(frames.len()); bins];
    let mut undated = Totals::new(frames.len());
    for (doc, bin) in data.docs.iter().zip(&data.timeline.bin_of) {
        match bin {
            Some(b) => per_bin[*b].add(doc),
            None => undated.add(doc),
        }
    }
    let _ = write!(
        html,
        "<h2 id=\"time\">Frames over time</h2><p class=\"note\">Per {}: bars are hits per 1k words, the line is airtime; each panel has its own scale (its highest value is printed). {} with a date, in {} from {} to {}{}.</p><div class=\"multiples\">",
        resolution.name(),
        plural(data.docs.len() - undated.documents, "document"),
        plural(bins, resolution.name()),
        esc(&data.timeline.labels[0]),
        esc(&data.timeline.labels[bins - 1]),
        if undated.documents > 0 {
            format!(
                "; {} without a usable date {} listed apart",
                plural(undated.documents, "document"),
                noun(undated.documents, "is", "are")
            )
        } else {
            String::new()
        }
    );
    for (f, frame) in frames.iter().enumerate() {
        multiple(html, &per_bin, &data.timeline.labels, f, frame);
    }
    html.push_str("</div>");
    // The table: a row per bin, the frames as columns.
    let peak: Vec<f64> = (0..frames.len()).map(|f| per_bin.iter().map(|t| t.per_1k(f)).fold(0.0, f64::max)).collect();
    let _ = write!(
        html,
        "<table><tr><th>{}</th><th class=\"n\">documents</th><th class=\"n\">words</th>",
        resolution.name()
    );
    frame_headers(html, frames);
    for (b, totals) in per_bin.iter().enumerate() {
        let label = &data.timeline.labels[b];
        let _ = write!(
            html,
            "<tr><td class=\"bin\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            esc(label),
            count(totals.documents as f64),
            count(totals.words)
        );
        for (f, frame) in frames.iter().enumerate() {
            if totals.documents == 0 {
                html.push_str("<td class=\"heat\">–</td>");
                continue;
            }
            let opacity = if peak[f] > 0.0 { 0.55 * totals.per_1k(f) / peak[f] } else { 0.0 };
            let figure = format!("{} · {}", rate(totals.per_1k(f)), percent(totals.airtime(f)));
            let figure = if totals.hits[f] > 0.0 {
                format!("<a href=\"#{}\">{figure}</a>", cell_anchor(frames, f, Some(label)))
            } else {
                figure
            };
            let _ = write!(
                html,
                "<td class=\"heat\" style=\"background:{}{:02x}\">{figure}</td>",
                frame.color,
                (opacity * 255.0).round() as u8
            );
        }
        html.push_str("</tr>");
    }
    if undated.documents > 0 {
        let _ = write!(
            html,
            "<tr><td class=\"apart\">no usable date</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            count(undated.documents as f64),
            count(undated.words)
        );
        for f in 0..frames.len() {
            let figure = format!("{} · {}", rate(undated.per_1k(f)), percent(undated.airtime(f)));
            let figure = if undated.hits[f] > 0.0 {
                format!("<a href=\"#{}\">{figure}</a>", cell_anchor(frames, f, None))
            } else {
                figure
            };
            let _ = write!(html, "<td class=\"heat apart\">{figure}</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</table><p class=\"note\">Each cell: hits per 1k words · airtime. The shade runs from none to the frame's highest per-1k over the dated bins; the row without a date is outside the scale. A cell links to quotes from it.</p>");
}

/// One panel of the small multiples: per-1k bars and the airtime line over the bins.
fn multiple(html: &mut String, per_bin: &[Totals], labels: &[String], frame: usize, style: &FrameStyle) {
    let (width, height, left, top, bottom) = (300.0, 120.0, 4.0, 16.0, 100.0);
    let plot = width - 2.0 * left;
    let values: Vec<f64> = per_bin.iter().map(|t| t.per_1k(frame)).collect();
    let airtime: Vec<f64> = per_bin.iter().map(|t| t.airtime(frame)).collect();
    let peak = values.iter().copied().fold(0.0, f64::max);
    let peak_air = airtime.iter().copied().fold(0.0, f64::max);
    let at_peak = values.iter().position(|&v| v == peak && peak > 0.0);
    let step = plot / per_bin.len().max(1) as f64;
    let _ = write!(
        html,
        "<div class=\"multiple\"><h4><i class=\"sw\" style=\"background:{}\"></i>{}</h4><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{} over time\">",
        style.color,
        esc(&style.label),
        esc(&style.label)
    );
    for (b, &value) in values.iter().enumerate() {
        if per_bin[b].documents == 0 {
            continue;
        }
        let h = if peak > 0.0 { (bottom - top) * value / peak } else { 0.0 };
        // A bar with hits links to the quotes of its cell.
        let (open, close) = if per_bin[b].hits[frame] > 0.0 {
            (format!("<a href=\"#{}\">", anchor(&["cell", &style.id, &labels[b]])), "</a>")
        } else {
            (String::new(), "")
        };
        let _ = write!(
            html,
            "{open}<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{}\" fill-opacity=\"0.75\"><title>{}: {} per 1k, airtime {}, {}</title></rect>{close}",
            left + b as f64 * step + step * 0.1,
            bottom - h,
            (step * 0.8).max(0.5),
            h.max(0.0),
            style.color,
            esc(&labels[b]),
            rate(value),
            percent(airtime[b]),
            plural(per_bin[b].documents, "document")
        );
    }
    if peak_air > 0.0 {
        let points: Vec<String> = airtime
            .iter()
            .enumerate()
            .filter(|(b, _)| per_bin[*b].documents > 0)
            .map(|(b, a)| {
                format!("{:.2},{:.2}", left + (b as f64 + 0.5) * step, bottom - (bottom - top) * a / peak_air)
            })
            .collect();
        let _ = write!(
            html,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\"/>",
            points.join(" ")
        );
    }
    let _ =
        write!(html, "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\" stroke=\"#999\"/>", width - left);
    let _ = write!(
        html,
        "<text x=\"{left}\" y=\"{}\" font-size=\"10\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
        bottom + 12.0,
        esc(&labels[0]),
        width - left,
        bottom + 12.0,
        esc(&labels[labels.len() - 1])
    );
    let peak_text = match at_peak {
        Some(b) => format!("max {} per 1k ({}) · airtime max {}", rate(peak), labels[b], percent(peak_air)),
        None => "no hits".to_string(),
    };
    let _ = write!(html, "<text x=\"{left}\" y=\"11\" font-size=\"10\">{}</text></svg></div>", esc(&peak_text));
}

/// Groups compared (`--group-by`): the largest by words, the rest added up.
fn groups(html: &mut String, data: &ReportData, frames: &[FrameStyle]) {
    let Some(groups) = &data.groups else { return };
    let mut rows: Vec<&super::collect::GroupRow> = groups.rows.iter().collect();
    rows.sort_by(|a, b| b.words.total_cmp(&a.words).then(a.key.cmp(&b.key)));
    // A single group left over is shown as itself, not as "the other 1 groups".
    let shown = if rows.len() <= GROUPS_SHOWN + 1 { rows.len() } else { GROUPS_SHOWN };
    let mut table: Vec<(String, Totals)> = rows[..shown]
        .iter()
        .map(|row| {
            let totals = Totals {
                documents: row.documents as usize,
                words: row.words,
                seconds: row.seconds,
                hits: row.hits.clone(),
                frame_seconds: row.frame_seconds.clone(),
                with_hits: vec![0; frames.len()],
            };
            (esc(&row.key), totals)
        })
        .collect();
    if rows.len() > shown {
        let mut rest = Totals::new(frames.len());
        for row in &rows[shown..] {
            rest.documents += row.documents as usize;
            rest.words += row.words;
            rest.seconds += row.seconds;
            for f in 0..frames.len() {
                rest.hits[f] += row.hits[f];
                rest.frame_seconds[f] += row.frame_seconds[f];
            }
        }
        table.push((format!("<i>the other {} groups</i>", count((rows.len() - shown) as f64)), rest));
    }
    let _ = write!(
        html,
        "<h2 id=\"groups\">Groups compared</h2><p class=\"note\">By {} ({}): {}. Each cell: hits per 1k words of the group (bar: relative to the highest shown) · airtime. All groups are in groups.csv.</p><table><tr><th>group</th><th class=\"n\">documents</th><th class=\"n\">words</th>",
        esc(&groups.keys.join(", ")),
        plural(rows.len(), "group"),
        if rows.len() > shown {
            format!("the {shown} with the most words, then the rest added up")
        } else {
            "all, by words".to_string()
        }
    );
    frame_headers(html, frames);
    let peak: Vec<f64> =
        (0..frames.len()).map(|f| table.iter().map(|(_, t)| t.per_1k(f)).fold(0.0, f64::max)).collect();
    for (name, totals) in &table {
        let _ = write!(
            html,
            "<tr><td>{name}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            count(totals.documents as f64),
            count(totals.words)
        );
        for (f, frame) in frames.iter().enumerate() {
            let bar = if peak[f] > 0.0 { 3.0 * totals.per_1k(f) / peak[f] } else { 0.0 };
            let _ = write!(
                html,
                "<td class=\"heat\">{} · {}<span class=\"bar\" style=\"width:{bar:.2}em;background:{}\"></span></td>",
                rate(totals.per_1k(f)),
                percent(totals.airtime(f)),
                frame.color
            );
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>");
}

fn top_motifs(html: &mut String, data: &ReportData, lexicons: &LexiconSet, frames: &[FrameStyle]) {
    let mut ranked: Vec<usize> = (0..data.motifs.len()).filter(|&m| data.motifs[m].hits > 0).collect();
    ranked.sort_by(|&a, &b| data.motifs[b].hits.cmp(&data.motifs[a].hits).then(a.cmp(&b)));
    let _ = write!(
        html,
        "<h2 id=\"motifs\">Top motifs</h2><p class=\"note\">{} hit; the {} with the most hits. Every motif hit has a section of quotes below.</p><table><tr><th>motif</th><th>frame</th><th class=\"n\">hits</th><th class=\"n\">documents</th></tr>",
        plural(ranked.len(), "motif"),
        ranked.len().min(TOP_MOTIFS)
    );
    for &m in ranked.iter().take(TOP_MOTIFS) {
        let motif = &lexicons.motifs[m];
        let frame = &frames[motif.frame];
        let _ = write!(
            html,
            "<tr><td><a href=\"#{}\">{}</a></td><td><i class=\"sw\" style=\"background:{}\"></i>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            motif_anchor(m),
            esc(&motif.label),
            frame.color,
            esc(&frame.label),
            count(data.motifs[m].hits as f64),
            count(data.motifs[m].docs.len() as f64)
        );
    }
    html.push_str("</table>");
}

fn recycled(html: &mut String, data: &ReportData) {
    if data.passages.is_empty() {
        return;
    }
    let mut clusters: BTreeMap<&str, Vec<&super::collect::Passage>> = BTreeMap::new();
    for p in &data.passages {
        clusters.entry(p.cluster.as_str()).or_default().push(p);
    }
    let mut ranked: Vec<_> = clusters.into_iter().collect();
    ranked.sort_by(|a, b| b.1[0].cluster_docs.total_cmp(&a.1[0].cluster_docs).then(a.0.cmp(b.0)));
    let _ = write!(
        html,
        "<h2 id=\"recycled\">Most recycled passages</h2><p class=\"note\">{} in {}; the {} held by the most documents. All are in passages.csv.</p><table><tr><th class=\"n\">documents</th><th>earliest source</th><th>passage (first copy)</th></tr>",
        plural(data.passages.len(), "passage"),
        plural(ranked.len(), "cluster"),
        ranked.len().min(15)
    );
    for (_, copies) in ranked.iter().take(15) {
        let first = copies[0];
        let text: String = first.text.chars().take(240).collect();
        let _ = write!(
            html,
            "<tr><td class=\"n\">{}</td><td>{} <span class=\"note\">({})</span></td><td>{}…</td></tr>",
            count(first.cluster_docs),
            document_link(&first.source_doc_id),
            esc(&first.source_order),
            esc(&text)
        );
    }
    html.push_str("</table>");
}

fn reuse_cards(html: &mut String, data: &ReportData) {
    let clusters: std::collections::BTreeSet<&str> = data.passages.iter().map(|p| p.cluster.as_str()).collect();
    let words: f64 = data.passages.iter().map(|p| p.words).sum();
    let _ = write!(
        html,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>recycled passages</div><div class=\"card\"><b>{}</b>clusters</div><div class=\"card\"><b>{}</b>documents with recycled passages</div><div class=\"card\"><b>{}</b>recycled words</div><div class=\"card\"><b>{}</b>refrains (repeated within a document)</div>",
        count(data.passages.len() as f64),
        count(clusters.len() as f64),
        count(data.recycled.len() as f64),
        count(words),
        count(data.refrains as f64)
    );
    if data.errors > 0 {
        let _ =
            write!(html, "<div class=\"card\"><b>{}</b>records not read (errors.csv)</div>", count(data.errors as f64));
    }
    html.push_str("</div>");
}

/// `leitmotif reuse`: the documents with the most recycled words.
fn recycled_documents(html: &mut String, data: &ReportData) {
    if data.passages.is_empty() {
        return;
    }
    let mut per_doc: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
    for p in &data.passages {
        let entry = per_doc.entry(p.doc_id.as_str()).or_default();
        entry.0 += 1;
        entry.1 += p.words;
    }
    let mut ranked: Vec<_> = per_doc.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .1.total_cmp(&a.1 .1).then(a.0.cmp(b.0)));
    let _ = write!(
        html,
        "<h2>Documents with the most recycled words</h2><p class=\"note\">The {} of {} documents with recycled passages.</p><table><tr><th>document</th><th class=\"n\">passages</th><th class=\"n\">recycled words</th></tr>",
        ranked.len().min(25),
        count(ranked.len() as f64)
    );
    for (doc, (passages, words)) in ranked.iter().take(25) {
        let _ = write!(
            html,
            "<tr><td>{}</td><td class=\"n\">{passages}</td><td class=\"n\">{}</td></tr>",
            document_link(doc),
            count(*words)
        );
    }
    html.push_str("</table>");
}

/// The quotes behind every chart cell and every motif.
fn drill_down(html: &mut String, data: &ReportData, lexicons: &LexiconSet, frames: &[FrameStyle]) {
    let _ = write!(
        html,
        "<h2 id=\"drill\">Quotes</h2><p class=\"note\">For every chart cell and every motif hit: up to {EXAMPLES} hits in context, a seeded sample (the same hits at every run), and the documents with the most hits. All hits are in hits.csv.</p>"
    );
    let bins = data.timeline.labels.len();
    // The documents of each bin, the undated ones last, and their totals: computed once.
    let mut docs_of: Vec<Vec<usize>> = vec![Vec::new(); bins + 1];
    for d in 0..data.docs.len() {
        docs_of[data.timeline.bin_of.get(d).copied().flatten().unwrap_or(bins)].push(d);
    }
    let totals_of: Vec<Totals> = docs_of
        .iter()
        .map(|docs| {
            let mut totals = Totals::new(frames.len());
            docs.iter().for_each(|&d| totals.add(&data.docs[d]));
            totals
        })
        .collect();
    for (f, frame) in frames.iter().enumerate() {
        for slot in 0..=bins {
            let bin = (slot < bins).then_some(slot);
            let Some(sample) = data.cells.get(&(f, bin)) else { continue };
            let label = bin.map(|b| data.timeline.labels[b].as_str());
            let (docs, totals) = (&docs_of[slot], &totals_of[slot]);
            let place = match label {
                Some(label) => esc(label),
                None if data.timeline.resolution.is_some() => "no usable date".to_string(),
                None => "all documents".to_string(),
            };
            let _ = write!(
                html,
                "<section class=\"drill\" id=\"{}\"><h3><i class=\"sw\" style=\"background:{}\"></i>{} · {place}</h3><p>{} in {} · {} per 1k words · airtime {}</p>",
                cell_anchor(frames, f, label),
                frame.color,
                esc(&frame.label),
                plural(sample.seen() as usize, "hit"),
                plural(totals.with_hits[f], "document"),
                rate(totals.per_1k(f)),
                percent(totals.airtime(f))
            );
            kwic(html, data, sample);
            let mut top: Vec<usize> = docs.iter().copied().filter(|&d| data.docs[d].hits[f] > 0.0).collect();
            top.sort_by(|&a, &b| data.docs[b].hits[f].total_cmp(&data.docs[a].hits[f]).then(a.cmp(&b)));
            top_documents(html, data, &top, |d| data.docs[d].hits[f]);
            html.push_str("</section>");
        }
    }
    for (m, stats) in data.motifs.iter().enumerate() {
        if stats.hits == 0 {
            continue;
        }
        let motif = &lexicons.motifs[m];
        let frame = &frames[motif.frame];
        let _ = write!(
            html,
            "<section class=\"drill\" id=\"{}\"><h3>{} <span class=\"note\">({}, <i class=\"sw\" style=\"background:{}\"></i>{})</span></h3><p>{} in {}</p>",
            motif_anchor(m),
            esc(&motif.label),
            esc(&motif.id),
            frame.color,
            esc(&frame.label),
            plural(stats.hits as usize, "hit"),
            plural(stats.docs.len(), "document")
        );
        kwic(html, data, &stats.sample);
        let mut top: Vec<usize> = stats.docs.keys().copied().collect();
        top.sort_by(|a, b| stats.docs[b].cmp(&stats.docs[a]).then(a.cmp(b)));
        top_documents(html, data, &top, |d| stats.docs[&d] as f64);
        html.push_str("</section>");
    }
}

fn kwic(html: &mut String, data: &ReportData, sample: &Sample<Kwic>) {
    html.push_str("<table class=\"kwic\">");
    for hit in sample.items() {
        let doc = &data.docs[hit.doc];
        let _ = write!(
            html,
            "<tr><td class=\"left\">{}</td><td class=\"match\">{}</td><td class=\"right\">{}</td><td class=\"note\">{}{} · {}</td></tr>",
            esc(&hit.left),
            esc(&hit.matched),
            esc(&hit.right),
            doc.date.as_deref().map(|d| format!("{} · ", esc(d))).unwrap_or_default(),
            doc_name(doc),
            esc(if hit.speaker.is_empty() { "(no speaker)" } else { &hit.speaker })
        );
    }
    html.push_str("</table>");
}

fn doc_name(doc: &Doc) -> String {
    match &doc.title {
        Some(title) => format!("{} ({})", esc(title), document_link(&doc.id)),
        None => document_link(&doc.id),
    }
}

fn top_documents(html: &mut String, data: &ReportData, ranked: &[usize], hits: impl Fn(usize) -> f64) {
    if ranked.is_empty() {
        return;
    }
    let _ = write!(
        html,
        "<table><tr><th>top documents ({} of {})</th><th>date</th><th>speakers</th><th class=\"n\">hits</th><th class=\"n\">per 1k words</th></tr>",
        ranked.len().min(TOP_DOCUMENTS),
        ranked.len()
    );
    for &d in ranked.iter().take(TOP_DOCUMENTS) {
        let doc = &data.docs[d];
        let per_1k = if doc.words > 0.0 { 1000.0 * hits(d) / doc.words } else { 0.0 };
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            doc_name(doc),
            esc(doc.date.as_deref().unwrap_or("")),
            esc(&doc.speakers.join(", ")),
            count(hits(d)),
            rate(per_1k)
        );
    }
    html.push_str("</table>");
}
