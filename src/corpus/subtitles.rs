//! Subtitles (`.srt`, `.vtt`) as documents: the cue texts joined by line breaks, with each cue's
//! byte range in that text and its start and end in seconds. A speaker label at the start of a cue
//! is a turn like any other.

/// One subtitle cue: bytes `start..end` of the document text, shown from `start_s` to `end_s`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// First byte of its text.
    pub start: usize,
    /// Byte after its text.
    pub end: usize,
    /// When it is shown, in seconds.
    pub start_s: f64,
    /// When it ends, in seconds.
    pub end_s: f64,
}

/// Parses SRT or WebVTT; an error names the 1-based line.
pub fn parse_subtitles(source: &str) -> Result<(String, Vec<Cue>), (u64, String)> {
    let mut text = String::new();
    let mut cues: Vec<Cue> = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line == "WEBVTT" || line.starts_with("WEBVTT ") || line.starts_with("NOTE") {
            i = skip_block(&lines, i, line.starts_with("NOTE") || line.starts_with("WEBVTT"));
            continue;
        }
        let timing_line = if line.contains("-->") { i } else { i + 1 };
        let Some(timing) = lines.get(timing_line).filter(|l| l.contains("-->")) else {
            return Err((i as u64 + 1, format!("expected a cue timing line 'start --> end', found '{line}'")));
        };
        let (start_s, end_s) = parse_timing(timing).map_err(|m| (timing_line as u64 + 1, m))?;
        let mut body = Vec::new();
        i = timing_line + 1;
        while i < lines.len() && !lines[i].trim().is_empty() {
            body.push(lines[i].trim());
            i += 1;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        text.push_str(&body.join("\n"));
        cues.push(Cue { start, end: text.len(), start_s, end_s });
    }
    Ok((text, cues))
}

fn skip_block(lines: &[&str], mut i: usize, whole_block: bool) -> usize {
    i += 1;
    if whole_block {
        while i < lines.len() && !lines[i].trim().is_empty() {
            i += 1;
        }
    }
    i
}

fn parse_timing(line: &str) -> Result<(f64, f64), String> {
    let (start, rest) = line.split_once("-->").ok_or("missing '-->'")?;
    let end = rest.split_whitespace().next().unwrap_or("");
    let (start_s, end_s) = (parse_time(start.trim()), parse_time(end));
    match (start_s, end_s) {
        (Some(s), Some(e)) if e >= s => Ok((s, e)),
        (Some(_), Some(_)) => Err(format!("cue ends before it starts: '{}'", line.trim())),
        _ => Err(format!("invalid cue timing '{}'", line.trim())),
    }
}

/// `hh:mm:ss,mmm` (SRT), `hh:mm:ss.mmm` or `mm:ss.mmm` (VTT). Each part must be digits (and a
/// decimal point): `f64` parsing alone takes `-1`, `1e999` or `inf`, negative or infinite times
/// that make a document's seconds and airtime negative or NaN.
fn parse_time(value: &str) -> Option<f64> {
    let value = value.replace(',', ".");
    let number = |part: &str| {
        let digits =
            part.starts_with(|c: char| c.is_ascii_digit()) && part.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        digits.then(|| part.parse::<f64>().ok()).flatten()
    };
    let parts: Vec<&str> = value.split(':').collect();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        [m, s] => (0.0, number(m)?, number(s)?),
        _ => return None,
    };
    Some(hours * 3600.0 + minutes * 60.0 + seconds).filter(|t| t.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srt_and_vtt() {
        let srt = "1\n00:00:01,000 --> 00:00:04,500\nGood evening.\n\n2\n00:00:05,000 --> 00:00:09,000\nI will speak\nabout security.\n";
        let (text, cues) = parse_subtitles(srt).unwrap();
        assert_eq!(text, "Good evening.\nI will speak\nabout security.");
        assert_eq!(cues[1], Cue { start: 14, end: 42, start_s: 5.0, end_s: 9.0 });
        let vtt = "WEBVTT\n\nNOTE written for leitmotif\n\nintro\n00:01.500 --> 00:03.000 align:start\nHello.\n";
        let (text, cues) = parse_subtitles(vtt).unwrap();
        assert_eq!((text.as_str(), cues[0].start_s, cues[0].end_s), ("Hello.", 1.5, 3.0));
    }

    #[test]
    fn bad_timing_names_the_line() {
        let err = parse_subtitles("1\n00:00:05,000 --> 00:00:01,000\nText\n").unwrap_err();
        assert_eq!(err.0, 2);
        assert!(err.1.contains("ends before it starts"));
        assert_eq!(parse_subtitles("just text\nmore\n").unwrap_err().0, 1);
    }
}
