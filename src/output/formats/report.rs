//! `report.html`: one self-contained page (inline CSS and SVG, no script, no network) built from
//! the run's tables as they are written: the corpus summary, frame shares per year (or per
//! document), the top motifs, the most recycled passages with their earliest source, and a timeline
//! strip per document showing where in the speech each frame sits. For large corpora it aggregates
//! by year and shows the strips of the documents with the most framed time, and says so.

use crate::error::{Error, Result};
use crate::lexicon::LexiconSet;
use crate::output::schema::{Schema, TableName};
use crate::output::table::{RunInfo, Table, TableSink};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

const PALETTE: &[&str] =
    &["#1f77b4", "#d62728", "#9467bd", "#ff7f0e", "#8c564b", "#2ca02c", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];
/// Timeline strips shown at most.
const STRIPS: usize = 40;
/// Columns of the share chart at most (documents, when there is no date or year).
const CHART_COLUMNS: usize = 60;

type Row = HashMap<String, String>;
type MotifCounts = HashMap<String, (usize, std::collections::HashSet<String>)>;

/// Builds `report.html` from the tables it receives; writes it when the run finishes.
pub struct HtmlReport {
    path: PathBuf,
    lexicons: LexiconSet,
    documents: Vec<Row>,
    motif_counts: MotifCounts,
    hit_count: usize,
    passages: Vec<Row>,
    strips: String,
}

impl HtmlReport {
    /// A report to be written at `path`.
    pub fn new(path: PathBuf, lexicons: &LexiconSet) -> HtmlReport {
        HtmlReport {
            path,
            lexicons: lexicons.clone(),
            documents: Vec::new(),
            motif_counts: HashMap::new(),
            hit_count: 0,
            passages: Vec::new(),
            strips: String::new(),
        }
    }
}

impl TableSink for HtmlReport {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        match table.schema().table {
            TableName::Documents => self.documents = read(table)?,
            TableName::Passages => self.passages = read(table)?,
            TableName::Hits => {
                let (motif, doc) = (column(table.schema(), "motif"), column(table.schema(), "doc_id"));
                for row in table.rows()? {
                    let row = row?;
                    let entry = self.motif_counts.entry(text(&row, motif)).or_default();
                    entry.0 += 1;
                    entry.1.insert(text(&row, doc));
                    self.hit_count += 1;
                }
            }
            TableName::Segments => strips(&mut self.strips, table, &frame_colors(&self.lexicons))?,
            TableName::Refrains
            | TableName::Groups
            | TableName::Errors
            | TableName::Coverage
            | TableName::Sample
            | TableName::Precision
            | TableName::Candidates => {}
        }
        Ok(())
    }

    fn finish(&mut self, run: &RunInfo) -> Result<()> {
        let html = page(self, &run.started);
        std::fs::write(&self.path, html).map_err(|e| Error::io(&self.path, e))
    }
}

/// The position of column `name` (`usize::MAX` when the table has none: its cells read as empty).
fn column(schema: &Schema, name: &str) -> usize {
    schema.position(name).unwrap_or(usize::MAX)
}

fn text(row: &[crate::output::Cell], index: usize) -> String {
    row.get(index).map_or(String::new(), |cell| cell.to_text().into_owned())
}

/// All rows of a small table (documents, passages), as maps from column to value.
fn read(table: &dyn Table) -> Result<Vec<Row>> {
    let names: Vec<&str> = table.schema().columns.iter().map(|c| c.name.as_str()).collect();
    let mut rows = Vec::with_capacity(table.len());
    for row in table.rows()? {
        let row = row?;
        rows.push(names.iter().zip(&row).map(|(name, cell)| (name.to_string(), cell.to_text().into_owned())).collect());
    }
    Ok(rows)
}

fn frame_colors(lexicons: &LexiconSet) -> Vec<(&str, &str, &str)> {
    lexicons
        .frames
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), f.label.as_str(), PALETTE[i % PALETTE.len()]))
        .collect()
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn num(row: &Row, key: &str) -> f64 {
    row.get(key).and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// The whole page.
fn page(report: &HtmlReport, generated: &str) -> String {
    let (lexicons, documents, passages) = (&report.lexicons, &report.documents, &report.passages);
    let hit_count = report.hit_count;
    let frames = frame_colors(lexicons);
    let mut html = String::new();
    html.push_str(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>leitmotif report</title><style>",
    );
    html.push_str("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}h1{margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd}.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}.card b{display:block;font-size:1.6em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left;vertical-align:top}td.n{text-align:right}.legend span{display:inline-block;margin-right:1em}.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.3em;vertical-align:-1px}.note{color:#666}.strip{margin:.3em 0}.strip div{font-size:12px}");
    html.push_str("</style></head><body><h1>leitmotif report</h1>");
    let _ = write!(
        html,
        "<p class=\"note\">Generated {} · lexicons: {}</p>",
        esc(generated),
        esc(&lexicons
            .lexicons
            .iter()
            .map(|l| format!("{} {} ({})", l.name, l.version, l.language))
            .collect::<Vec<_>>()
            .join(", "))
    );

    // Summary.
    let words: f64 = documents.iter().map(|d| num(d, "words")).sum();
    let doc_ids: std::collections::BTreeSet<&str> = documents.iter().map(|d| d["doc_id"].as_str()).collect();
    let _ = write!(html, "<div class=\"cards\"><div class=\"card\"><b>{}</b>documents</div><div class=\"card\"><b>{}</b>words</div><div class=\"card\"><b>{}</b>hits</div>", doc_ids.len(), words as u64, hit_count);
    if documents.first().is_some_and(|d| d.contains_key("recycled_words")) {
        let mut recycled_by_doc: HashMap<&str, f64> = HashMap::new();
        for d in documents {
            recycled_by_doc.insert(d["doc_id"].as_str(), num(d, "recycled_words"));
        }
        let recycled: f64 = recycled_by_doc.values().sum();
        let share = if words > 0.0 { recycled / words * 100.0 } else { 0.0 };
        let _ = write!(html, "<div class=\"card\"><b>{share:.1}%</b>of words recycled</div><div class=\"card\"><b>{}</b>recycled passages</div>", passages.len());
    }
    html.push_str("</div>");
    html.push_str("<p class=\"legend\">");
    for (_, label, color) in &frames {
        let _ = write!(html, "<span><i class=\"sw\" style=\"background:{color}\"></i>{}</span>", esc(label));
    }
    html.push_str("</p>");

    share_chart(&mut html, documents, &frames);
    top_motifs(&mut html, &report.motif_counts, lexicons);
    recycled(&mut html, passages);
    html.push_str(&report.strips);
    html.push_str("<p class=\"note\">Formulas and columns: see README.md of leitmotif. This page is self-contained: no script, no network.</p></body></html>\n");
    html
}

/// Frame shares (mean share of words in sentences with a hit of the frame) per year, or per
/// document when no `year` or `date` is known.
fn share_chart(html: &mut String, documents: &[Row], frames: &[(&str, &str, &str)]) {
    let period = |d: &Row| {
        d.get("year")
            .or_else(|| d.get("date"))
            .or_else(|| d.get("meta_date"))
            .and_then(|v| v.get(..4))
            .filter(|year| year.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string)
    };
    let dated = documents.iter().filter(|d| period(d).is_some()).count();
    let by_year = dated > 0 && dated * 2 >= documents.len();
    let mut columns: BTreeMap<String, (Vec<f64>, usize)> = BTreeMap::new();
    let mut note = String::new();
    if by_year {
        for d in documents {
            let entry = columns
                .entry(period(d).unwrap_or_else(|| "n/a".into()))
                .or_insert_with(|| (vec![0.0; frames.len()], 0));
            for (i, (id, _, _)) in frames.iter().enumerate() {
                entry.0[i] += num(d, &format!("{id}_share"));
            }
            entry.1 += 1;
        }
        let _ = write!(
            note,
            "Mean share of words in sentences with a hit of the frame, per year ({} columns, {} rows; n/a: {} rows without a year or date).",
            columns.len(),
            documents.len(),
            documents.len() - dated
        );
    } else {
        let mut ranked: Vec<&Row> = documents.iter().collect();
        ranked.sort_by(|a, b| {
            let total = |d: &Row| frames.iter().map(|(id, _, _)| num(d, &format!("{id}_share"))).sum::<f64>();
            total(b).total_cmp(&total(a))
        });
        for (rank, d) in ranked.iter().take(CHART_COLUMNS).enumerate() {
            let key =
                format!("{rank:05} {}{}", d["doc_id"], d.get("speaker").map(|s| format!(" · {s}")).unwrap_or_default());
            let values = frames.iter().map(|(id, _, _)| num(d, &format!("{id}_share"))).collect();
            columns.insert(key, (values, 1));
        }
        let _ = write!(note, "Share of words in sentences with a hit of the frame, per document; no year or date in the metadata. Showing the {} most framed of {} rows.", columns.len(), documents.len());
    }
    let _ = write!(html, "<h2>Frame shares</h2><p class=\"note\">{}</p>", esc(&note));
    let (cell_w, cell_h, left, top) = ((880.0 / columns.len().max(1) as f64).clamp(6.0, 22.0), 22.0, 190.0, 90.0);
    // Each frame's colour is scaled to its own highest value, so that faint frames show their trend.
    let peak: Vec<f64> = (0..frames.len())
        .map(|row| columns.values().map(|(sums, count)| sums[row] / *count as f64).fold(0.0, f64::max))
        .collect();
    let width = left + cell_w * columns.len() as f64 + 10.0;
    let height = top + cell_h * frames.len() as f64 + 10.0;
    let _ = write!(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"frame shares\">");
    for (row, (_, label, _)) in frames.iter().enumerate() {
        let y = top + row as f64 * cell_h;
        let _ = write!(
            html,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y + 15.0,
            esc(label)
        );
    }
    for (col, (key, (sums, count))) in columns.iter().enumerate() {
        let x = left + col as f64 * cell_w;
        let label = if by_year { key.clone() } else { key[6..].chars().take(28).collect() };
        // Label every column when they fit, else every fifth.
        if cell_w >= 10.0 || col % 5 == 0 {
            let _ = write!(
                html,
                "<text transform=\"translate({},{}) rotate(-60)\" font-size=\"10\">{}</text>",
                x + cell_w * 0.7,
                top - 4.0,
                esc(&label)
            );
        }
        for (row, (_, _, color)) in frames.iter().enumerate() {
            let value = sums[row] / *count as f64;
            let y = top + row as f64 * cell_h;
            let _ = write!(html, "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"{color}\" fill-opacity=\"{:.3}\"><title>{} · {}: {:.1}%</title></rect>", (cell_w - 1.0).max(1.0), cell_h - 1.0, if peak[row] > 0.0 { value / peak[row] } else { 0.0 }, esc(&label), esc(frames[row].1), value * 100.0);
        }
    }
    html.push_str("</svg><p class=\"note\">Darker is more: each frame's colour runs from none to its own highest value (hover a cell for the figure), so compare columns within a row.</p>");
}

fn top_motifs(html: &mut String, counts: &MotifCounts, lexicons: &LexiconSet) {
    let mut ranked: Vec<_> = counts.iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    html.push_str("<h2>Top motifs</h2><table><tr><th>motif</th><th>frame</th><th>hits</th><th>documents</th></tr>");
    for (motif, (count, docs)) in ranked.iter().take(20) {
        let (label, frame) =
            lexicons.motifs.iter().find(|m| &m.id == *motif).map_or((motif.to_string(), String::new()), |m| {
                (m.label.clone(), lexicons.frames[m.frame].label.clone())
            });
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{count}</td><td class=\"n\">{}</td></tr>",
            esc(&label),
            esc(&frame),
            docs.len()
        );
    }
    html.push_str("</table>");
}

fn recycled(html: &mut String, passages: &[Row]) {
    if passages.is_empty() {
        return;
    }
    let mut clusters: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for p in passages {
        clusters.entry(p["cluster_id"].as_str()).or_default().push(p);
    }
    let mut ranked: Vec<_> = clusters.into_iter().collect();
    ranked.sort_by(|a, b| num(b.1[0], "cluster_docs").total_cmp(&num(a.1[0], "cluster_docs")).then(a.0.cmp(b.0)));
    let _ = write!(html, "<h2>Most recycled passages</h2><p class=\"note\">{} passages in {} clusters; the 15 held by the most documents.</p><table><tr><th>documents</th><th>earliest source</th><th>passage (first copy)</th></tr>", passages.len(), ranked.len());
    for (_, copies) in ranked.iter().take(15) {
        let first = copies[0];
        let text: String = first["text"].chars().take(240).collect();
        let _ = write!(
            html,
            "<tr><td class=\"n\">{}</td><td>{} <span class=\"note\">({})</span></td><td>{}…</td></tr>",
            esc(&first["cluster_docs"]),
            esc(&first["source_doc_id"]),
            esc(&first["source_order"]),
            esc(&text)
        );
    }
    html.push_str("</table>");
}

/// One strip per document: segments as blocks proportional to their time, each block split among
/// the segment's frames by their shares, coloured by frame and drawn solid when the frame comes from
/// leitmotif hits, lighter from cue terms and lightest from the corpus model. Two passes over the
/// segments: the framed time of every document, then the segments of the documents shown.
fn strips(html: &mut String, table: &dyn Table, frames: &[(&str, &str, &str)]) -> Result<()> {
    let schema = table.schema();
    let [doc, speaker, start_s, end_s, frames_column, motifs, cues] =
        ["doc_id", "speaker", "start_s", "end_s", "frames", "motifs", "cues"].map(|name| column(schema, name));
    let seconds_columns: Vec<usize> =
        frames.iter().map(|(id, _, _)| column(schema, &format!("{id}_seconds"))).collect();
    let framed_time =
        |row: &[crate::output::Cell]| -> f64 { seconds_columns.iter().map(|&c| seconds(&text(row, c))).sum() };
    let mut framed: Vec<(String, f64)> = Vec::new();
    for row in table.rows()? {
        let row = row?;
        let id = text(&row, doc);
        let time = framed_time(&row);
        match framed.last_mut() {
            Some((last, total)) if *last == id => *total += time,
            _ => framed.push((id, time)),
        }
    }
    if framed.is_empty() {
        return Ok(());
    }
    let total = framed.len();
    let mut chosen: Vec<usize> = (0..total).collect();
    if total > STRIPS {
        chosen.sort_by(|&a, &b| framed[b].1.total_cmp(&framed[a].1).then(a.cmp(&b)));
        chosen.truncate(STRIPS);
        chosen.sort_unstable();
    }
    let shown: std::collections::HashSet<&str> = chosen.iter().map(|&i| framed[i].0.as_str()).collect();
    // (doc, segments) in input order.
    let mut kept: Vec<(String, Vec<StripSegment>)> = Vec::new();
    for row in table.rows()? {
        let row = row?;
        let id = text(&row, doc);
        if !shown.contains(id.as_str()) {
            continue;
        }
        let segment = StripSegment {
            speaker: text(&row, speaker),
            start_s: text(&row, start_s),
            end_s: text(&row, end_s),
            frames: text(&row, frames_column),
            motifs: text(&row, motifs),
            cues: text(&row, cues),
            seconds: seconds_columns.iter().map(|&c| seconds(&text(&row, c))).collect(),
        };
        match kept.last_mut() {
            Some((last, list)) if *last == id => list.push(segment),
            _ => kept.push((id, vec![segment])),
        }
    }
    let scope = if total > STRIPS {
        format!("Showing the {STRIPS} documents with the most framed time, of {total}.")
    } else {
        format!("All {total} documents.")
    };
    let _ = write!(html, "<h2>Timelines</h2><p class=\"note\">Where in each speech the frames sit: one block per segment, its width its time, shared among the segment's frames (grey: no frame). Solid: the frame comes from leitmotif hits; lighter: from cue terms; lightest: from the corpus model. {scope}</p><p class=\"legend\"><span><span class=\"sw\" style=\"background:#555\"></span>hits</span><span><span class=\"sw\" style=\"background:#555;opacity:.6\"></span>cues</span><span><span class=\"sw\" style=\"background:#555;opacity:.3\"></span>model</span><span><span class=\"sw\" style=\"background:#e5e5e5\"></span>no frame</span></p>");
    for (id, list) in &kept {
        let end = list.iter().map(|s| seconds(&s.end_s)).fold(0.0, f64::max).max(1e-9);
        let _ = write!(html, "<div class=\"strip\"><div>{} · {:.0} s</div><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"16\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\">", esc(id), end);
        for segment in list {
            let (start, stop) = (seconds(&segment.start_s) / end * 1000.0, seconds(&segment.end_s) / end * 1000.0);
            let title = format!(
                "{} · {}–{} s · {} · {}{}",
                segment.speaker,
                segment.start_s,
                segment.end_s,
                if segment.frames.is_empty() { "(none)" } else { segment.frames.as_str() },
                segment.motifs,
                if segment.cues.is_empty() { String::new() } else { format!(" · cues: {}", segment.cues) }
            );
            let time: f64 = segment.seconds.iter().sum();
            if time <= 0.0 {
                let _ = write!(html, "<rect x=\"{start:.2}\" y=\"0\" width=\"{:.2}\" height=\"16\" fill=\"#e5e5e5\"><title>{}</title></rect>", (stop - start).max(0.5), esc(&title));
                continue;
            }
            // The frames in the order listed (largest share first), each with its source.
            let mut x = start;
            for entry in segment.frames.split(';').filter(|e| !e.is_empty()) {
                let mut parts = entry.split(':');
                let (frame, source) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let Some(index) = frames.iter().position(|(id, _, _)| *id == frame) else { continue };
                let width = (stop - start) * segment.seconds[index] / time;
                let opacity = match source {
                    "hits" => "1",
                    "cues" => "0.6",
                    _ => "0.3",
                };
                let _ = write!(html, "<rect x=\"{x:.2}\" y=\"0\" width=\"{:.2}\" height=\"16\" fill=\"{}\" fill-opacity=\"{opacity}\"><title>{}</title></rect>", width.max(0.5), frames[index].2, esc(&title));
                x += width;
            }
        }
        html.push_str("</svg></div>");
    }
    Ok(())
}

/// One segment of a strip, as read from the segments table.
struct StripSegment {
    speaker: String,
    start_s: String,
    end_s: String,
    frames: String,
    motifs: String,
    cues: String,
    /// Seconds of each frame, in lexicon order.
    seconds: Vec<f64>,
}

fn seconds(value: &str) -> f64 {
    value.parse().unwrap_or(0.0)
}
