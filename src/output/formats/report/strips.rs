//! Timeline strips: where in a speech each frame sits. One strip per document shown, one block per
//! segment, split among the segment's frames by their shares of its time; solid when the frame
//! comes from leitmotif hits, lighter from cue terms, lightest from the corpus model, grey without a
//! frame, hatched when at least half of the segment is a recycled passage. Strips are grouped by
//! length (under 10 minutes, under an hour, longer) and share one time scale within a group, so
//! that a three-minute statement is drawn a third as long as a nine-minute one, with a time axis.
//!
//! The segments table is read twice: first the framed time of every document, to choose the
//! [`STRIPS`] documents with the most framed time, then the segments of those documents.

use super::collect::{number, text, ReportData};
use super::html::{duration, esc, frame_styles, plural, FrameStyle};
use crate::error::Result;
use crate::lexicon::LexiconSet;
use crate::output::table::Table;
use std::collections::HashSet;
use std::fmt::Write as _;

/// Timeline strips shown at most.
pub(super) const STRIPS: usize = 40;

/// One document's timeline.
#[derive(Debug, Clone)]
pub(super) struct Strip {
    /// Index into the report's documents (`usize::MAX` when the document is unknown).
    pub doc: usize,
    pub id: String,
    pub segments: Vec<StripSegment>,
}

/// One segment of a strip.
#[derive(Debug, Clone)]
pub(super) struct StripSegment {
    pub speaker: String,
    pub start_s: f64,
    pub end_s: f64,
    /// (frame, source, seconds), largest share first.
    pub frames: Vec<(usize, String, f64)>,
    pub motifs: String,
    pub cues: String,
    pub recycled: bool,
}

/// The strips chosen, and how many documents the segments table had.
pub(super) fn collect(table: &dyn Table, data: &ReportData, lexicons: &LexiconSet) -> Result<(Vec<Strip>, usize)> {
    let schema = table.schema();
    let at = |name: &str| schema.position(name);
    let (doc, speaker, start, end) = (at("doc_id"), at("speaker"), at("start"), at("end"));
    let (start_s, end_s, frames_column, motifs, cues) =
        (at("start_s"), at("end_s"), at("frames"), at("motifs"), at("cues"));
    let seconds: Vec<Option<usize>> = lexicons.frames.iter().map(|f| at(&format!("{}_seconds", f.id))).collect();
    let frame_index = |id: &str| lexicons.frames.iter().position(|f| f.id == id);
    let mut framed: Vec<(String, f64)> = Vec::new();
    for row in table.rows()? {
        let row = row?;
        let id = text(&row, doc);
        let time: f64 = seconds.iter().map(|&c| number(&row, c)).sum();
        match framed.last_mut() {
            Some((last, total)) if *last == id => *total += time,
            _ => framed.push((id, time)),
        }
    }
    let mut chosen: Vec<usize> = (0..framed.len()).collect();
    if framed.len() > STRIPS {
        chosen.sort_by(|&a, &b| framed[b].1.total_cmp(&framed[a].1).then(a.cmp(&b)));
        chosen.truncate(STRIPS);
        chosen.sort_unstable();
    }
    let shown: HashSet<&str> = chosen.iter().map(|&i| framed[i].0.as_str()).collect();
    let mut strips: Vec<Strip> = Vec::new();
    for row in table.rows()? {
        let row = row?;
        let id = text(&row, doc);
        if !shown.contains(id.as_str()) {
            continue;
        }
        let (from, to) = (number(&row, start) as usize, number(&row, end) as usize);
        let recycled_chars: usize = data
            .recycled
            .get(&id)
            .map_or(0, |spans| spans.iter().map(|&(a, b)| b.min(to).saturating_sub(a.max(from))).sum());
        let frames = text(&row, frames_column)
            .split(';')
            .filter_map(|entry| {
                let mut parts = entry.split(':');
                let frame = frame_index(parts.next()?)?;
                let source = parts.next().unwrap_or("").to_string();
                Some((frame, source, number(&row, seconds[frame])))
            })
            .collect();
        let segment = StripSegment {
            speaker: text(&row, speaker),
            start_s: number(&row, start_s),
            end_s: number(&row, end_s),
            frames,
            motifs: text(&row, motifs),
            cues: text(&row, cues),
            recycled: to > from && recycled_chars * 2 >= to - from,
        };
        match strips.last_mut() {
            Some(strip) if strip.id == id => strip.segments.push(segment),
            _ => strips.push(Strip {
                doc: data.index.get(&id).copied().unwrap_or(usize::MAX),
                id,
                segments: vec![segment],
            }),
        }
    }
    Ok((strips, framed.len()))
}

/// The length groups of strips: upper bound in seconds and name.
const LENGTH_GROUPS: [(f64, &str); 3] =
    [(600.0, "under 10 minutes"), (3600.0, "10 minutes to an hour"), (f64::INFINITY, "an hour or longer")];

/// The timelines section.
pub(super) fn section(html: &mut String, data: &ReportData, lexicons: &LexiconSet) {
    let documents_with_segments = data.segment_documents;
    if data.strips.is_empty() {
        return;
    }
    let frames = frame_styles(lexicons);
    let scope = if documents_with_segments > data.strips.len() {
        format!(
            "Showing the {} with the most framed time, of {}.",
            plural(data.strips.len(), "document"),
            plural(documents_with_segments, "document")
        )
    } else {
        format!("All {}.", plural(data.strips.len(), "document"))
    };
    let _ = write!(
        html,
        "<h2 id=\"timelines\">Timelines</h2><p class=\"note\">Where in each speech the frames sit: one block per segment, \
         its width its time, shared among the segment's frames (grey: no frame). Solid: the frame comes from leitmotif hits; \
         lighter: from cue terms; lightest: from the corpus model; hatched: a recycled passage. Within each group the strips \
         share one time scale. {scope}</p>\
         <p class=\"legend\"><span><i class=\"sw\" style=\"background:#555\"></i>hits</span>\
         <span><i class=\"sw\" style=\"background:#555;opacity:.6\"></i>cues</span>\
         <span><i class=\"sw\" style=\"background:#555;opacity:.3\"></i>model</span>\
         <span><i class=\"sw\" style=\"background:#e5e5e5\"></i>no frame</span>\
         <span><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"#ccc\"/><path d=\"M0,12 L12,0\" stroke=\"#000\" stroke-width=\"1.5\"/></svg> recycled</span></p>"
    );
    let length = |strip: &Strip| strip.segments.iter().map(|s| s.end_s).fold(0.0, f64::max);
    let mut lower = 0.0;
    for (upper, name) in LENGTH_GROUPS {
        let group: Vec<&Strip> = data.strips.iter().filter(|s| length(s) >= lower && length(s) < upper).collect();
        lower = upper;
        if group.is_empty() {
            continue;
        }
        let scale = group.iter().map(|s| length(s)).fold(1.0, f64::max);
        let _ = write!(html, "<h3>Speeches {name} ({})</h3>", plural(group.len(), "document"));
        axis(html, scale);
        for strip in group {
            strip_html(html, strip, data, &frames, scale);
        }
    }
}

/// A time axis for strips of `scale` seconds: ticks at round minutes.
fn axis(html: &mut String, scale: f64) {
    let step = [60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0]
        .into_iter()
        .find(|step| scale / step <= 10.0)
        .unwrap_or(14400.0);
    let _ = write!(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"16\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"time axis\">");
    let mut t = 0.0;
    while t <= scale {
        let x = t / scale * 1000.0;
        let _ = write!(html, "<line x1=\"{x:.1}\" y1=\"10\" x2=\"{x:.1}\" y2=\"16\" stroke=\"#999\"/>");
        t += step;
    }
    html.push_str("</svg><div class=\"note\" style=\"display:flex;justify-content:space-between;font-size:11px\">");
    let mut t = 0.0;
    while t <= scale {
        let _ = write!(html, "<span>{}</span>", duration(t));
        t += step;
    }
    html.push_str("</div>");
}

fn strip_html(html: &mut String, strip: &Strip, data: &ReportData, frames: &[FrameStyle], scale: f64) {
    let doc = data.docs.get(strip.doc);
    let end = strip.segments.iter().map(|s| s.end_s).fold(0.0, f64::max);
    let mut head = String::new();
    if let Some(date) = doc.and_then(|d| d.date.as_deref()) {
        let _ = write!(head, "{} · ", esc(date));
    }
    match doc.and_then(|d| d.title.as_deref()) {
        Some(title) => {
            let _ = write!(head, "<b>{}</b> · ", esc(title));
        }
        None => {
            let _ = write!(head, "<b>{}</b> · ", esc(&strip.id));
        }
    }
    let mut speakers: Vec<&str> = Vec::new();
    for segment in &strip.segments {
        if !segment.speaker.is_empty() && !speakers.contains(&segment.speaker.as_str()) {
            speakers.push(&segment.speaker);
        }
    }
    if !speakers.is_empty() {
        let shown: Vec<&str> = speakers.iter().take(3).copied().collect();
        let more = if speakers.len() > 3 { format!(" and {} more", speakers.len() - 3) } else { String::new() };
        let _ = write!(head, "{}{more} · ", esc(&shown.join(", ")));
    }
    let _ = write!(head, "{}", duration(end));
    if doc.is_some_and(|d| d.title.is_some()) || strip.id.starts_with("http") {
        let _ = write!(head, " · {}", super::html::document_link(&strip.id));
    }
    let width = (end / scale * 1000.0).max(1.0);
    let pattern = format!("hatch-{}", super::html::anchor(&[&strip.id]));
    let _ = write!(
        html,
        "<div class=\"strip\"><div class=\"head\">{head}</div><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"16\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"timeline\">\
         <defs><pattern id=\"{pattern}\" width=\"6\" height=\"16\" patternUnits=\"userSpaceOnUse\"><path d=\"M0,16 L6,0\" stroke=\"#000\" stroke-width=\"1.2\" stroke-opacity=\".55\"/></pattern></defs>\
         <rect x=\"0\" y=\"0\" width=\"{width:.2}\" height=\"16\" fill=\"none\" stroke=\"#ddd\"/>"
    );
    for segment in &strip.segments {
        let (start, stop) = (segment.start_s / scale * 1000.0, segment.end_s / scale * 1000.0);
        let labels: Vec<String> = segment
            .frames
            .iter()
            .map(|(f, source, _)| format!("{}:{source}", frames.get(*f).map_or("?", |s| s.id.as_str())))
            .collect();
        let title = format!(
            "{} · {}–{} · {}{}{}{}",
            segment.speaker,
            duration(segment.start_s),
            duration(segment.end_s),
            if labels.is_empty() { "(no frame)".to_string() } else { labels.join(", ") },
            if segment.motifs.is_empty() { String::new() } else { format!(" · {}", segment.motifs) },
            if segment.cues.is_empty() { String::new() } else { format!(" · cues: {}", segment.cues) },
            if segment.recycled { " · recycled" } else { "" }
        );
        let time: f64 = segment.frames.iter().map(|(_, _, s)| s).sum();
        if time <= 0.0 {
            let _ = write!(
                html,
                "<rect x=\"{start:.2}\" y=\"0\" width=\"{:.2}\" height=\"16\" fill=\"#e5e5e5\"><title>{}</title></rect>",
                (stop - start).max(0.5),
                esc(&title)
            );
        } else {
            let mut x = start;
            for (frame, source, seconds) in &segment.frames {
                let Some(style) = frames.get(*frame) else { continue };
                let part = (stop - start) * seconds / time;
                let opacity = match source.as_str() {
                    "hits" => "1",
                    "cues" => "0.6",
                    _ => "0.3",
                };
                let _ = write!(
                    html,
                    "<rect x=\"{x:.2}\" y=\"0\" width=\"{:.2}\" height=\"16\" fill=\"{}\" fill-opacity=\"{opacity}\"><title>{}</title></rect>",
                    part.max(0.5),
                    style.color,
                    esc(&title)
                );
                x += part;
            }
        }
        if segment.recycled {
            let _ = write!(
                html,
                "<rect x=\"{start:.2}\" y=\"0\" width=\"{:.2}\" height=\"16\" fill=\"url(#{pattern})\"/>",
                (stop - start).max(0.5)
            );
        }
    }
    html.push_str("</svg></div>");
}
