//! Escaping, number formats, the frame colours and the style sheet of the report. The page is
//! written as well-formed XML (every element closed, attributes quoted), so that it can be checked
//! by an XML parser as well as read by a browser.

use crate::lexicon::LexiconSet;

/// Frame colours, in lexicon order (repeated after ten frames).
const PALETTE: &[&str] =
    &["#1f77b4", "#d62728", "#9467bd", "#ff7f0e", "#8c564b", "#2ca02c", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

/// A frame as the page shows it.
pub(super) struct FrameStyle {
    pub id: String,
    pub label: String,
    pub color: &'static str,
}

pub(super) fn frame_styles(lexicons: &LexiconSet) -> Vec<FrameStyle> {
    lexicons
        .frames
        .iter()
        .enumerate()
        .map(|(i, f)| FrameStyle { id: f.id.clone(), label: f.label.clone(), color: PALETTE[i % PALETTE.len()] })
        .collect()
}

/// Text for element content and attribute values.
pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML; a line break or tab reads as a space.
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A count with thousands separators: `12,345`.
pub(super) fn count(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A rate with one decimal (two below 1): `2.3`, `0.41`, `<0.01`.
pub(super) fn rate(x: f64) -> String {
    if x > 0.0 && x < 0.005 {
        "&lt;0.01".to_string()
    } else if x > 0.0 && x < 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    }
}

/// A fraction as a whole percentage: `14%` (`<1%` for a small non-zero one).
pub(super) fn percent(x: f64) -> String {
    if x > 0.0 && x < 0.005 {
        "&lt;1%".to_string()
    } else {
        format!("{:.0}%", x * 100.0)
    }
}

/// Seconds as `m:ss`, or `h:mm:ss` from an hour.
pub(super) fn duration(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `n nouns` with thousands separators, the noun agreeing with `n` (an `s` added unless `n` is 1).
pub(super) fn plural(n: usize, noun: &str) -> String {
    format!("{} {}", count(n as f64), crate::wording::noun(n, noun, &format!("{noun}s")))
}

/// An anchor id made of ASCII letters, digits and hyphens.
pub(super) fn anchor(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(part.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }));
    }
    out
}

/// A document id as a link when it is a web address (the text itself), else as text.
pub(super) fn document_link(id: &str) -> String {
    if id.starts_with("https://") || id.starts_with("http://") {
        format!("<a href=\"{0}\">{0}</a>", esc(id))
    } else {
        esc(id)
    }
}

/// The style sheet: readable on screen, and in print every number stays visible and sections do
/// not break inside a table row.
pub(super) const STYLE: &str = "\
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}\
h1{margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd}h3{margin:1.2em 0 .3em}\
a{color:#1a5fb4}nav a{margin-right:1em}\
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}\
.card b{display:block;font-size:1.6em}\
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border-bottom:1px solid #eee;padding:.2em .45em;text-align:left;vertical-align:top}\
th{font-weight:600;background:#fafafa}th.n{text-align:right}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
td.heat{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;font-size:12px}td.heat a{color:inherit}\
td.apart{color:#666;font-style:italic}td.bin{white-space:nowrap}\
.legend span{display:inline-block;margin-right:1em}.sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.3em;vertical-align:-1px}\
.note{color:#666}.multiples{display:flex;flex-wrap:wrap;gap:.8em}.multiple{border:1px solid #eee;padding:.3em .5em}\
.multiple h4{margin:0;font-size:13px}.bar{display:inline-block;height:.7em;vertical-align:middle;margin-left:.4em}\
.kwic td.left{text-align:right;color:#444}.kwic td.match{font-weight:600}.kwic td.right{color:#444}\
.strip{margin:.4em 0}.strip .head{font-size:12px}.strip .head b{font-weight:600}\
section.drill{border-top:1px solid #eee;margin-top:1em}\
@media print{body{max-width:none;margin:0;font-size:11px;-webkit-print-color-adjust:exact;print-color-adjust:exact}nav{display:none}a{color:inherit;text-decoration:none}\
section,tr,.multiple,.strip{break-inside:avoid}h2{break-after:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(count(1234567.0), "1,234,567");
        assert_eq!(count(12.0), "12");
        assert_eq!((rate(2.345), rate(0.412), rate(0.0)), ("2.3".into(), "0.41".into(), "0.0".into()));
        assert_eq!(rate(0.004), "&lt;0.01");
        assert_eq!((percent(0.137), percent(0.001), percent(0.0)), ("14%".into(), "&lt;1%".into(), "0%".into()));
        assert_eq!((duration(75.0), duration(3725.0)), ("1:15".into(), "1:02:05".into()));
        assert_eq!((plural(1, "document"), plural(2, "document")), ("1 document".into(), "2 documents".into()));
        assert_eq!(anchor(&["cell", "the_war", "2022-Q1"]), "cell-the-war-2022-q1");
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot; ");
    }
}
