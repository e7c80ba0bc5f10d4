//! Importing dictionaries of other tools into our lexicon format: LIWC `.dic` (`liwc`), LIWC-22
//! `.dicx` (`dicx`), quanteda YAML (`yaml`), WordStat `.cat` (`wordstat`) and Lexicoder
//! `.lc3` (`lexicoder`). Each reader turns its file into a `Draft` (frames, motifs, patterns)
//! and reports, by line, everything it could not convert; the draft is then written as TOML, which
//! loads like any lexicon.
//!
//! Mapping. Flat dictionaries (LIWC, LIWC-22, Lexicoder) have categories only: each category
//! becomes a frame holding one motif of the same id, so that every category gets its own columns in
//! `documents.csv` (`<category>_hits`, `_per_1k`, `_score`…), as LIWC reports a figure per category.
//! Hierarchical ones (YAML, WordStat) map level 1 to a frame and level 2 to a motif; deeper levels
//! are joined to the level-2 name with `.`; terms directly under a level-1 key form one motif with
//! the frame's id. Names that are not valid ids are slugged (see [`slug`]).

mod dicx;
mod draft;
mod lexicoder;
mod liwc;
mod terms;
mod wordstat;
mod yaml;

pub use draft::slug;

use draft::Draft;
use std::fmt;
use std::path::Path;

/// The format of a lexicon file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexiconFormat {
    /// Our own TOML format.
    Toml,
    /// LIWC `.dic`: `%`-delimited header of category ids and names, then `term<TAB>id…` lines.
    Dic,
    /// LIWC-22 `.dicx`: CSV with a `DicTerm` column and one column per category marked `X`.
    Dicx,
    /// quanteda dictionary YAML: nested maps of lists of terms.
    Yaml,
    /// WordStat `.cat`: categories and words, tab depth = hierarchy, `(n)` = weight.
    Cat,
    /// Lexicoder `.lc3`: `+category` lines followed by patterns.
    Lc3,
}

impl LexiconFormat {
    /// The format a file name's extension implies: `.dic`, `.dicx`, `.yml`/`.yaml`, `.cat`,
    /// `.lc3`; anything else is TOML.
    pub fn from_path(path: &Path) -> LexiconFormat {
        let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        match extension.as_str() {
            "dic" => LexiconFormat::Dic,
            "dicx" => LexiconFormat::Dicx,
            "yml" | "yaml" => LexiconFormat::Yaml,
            "cat" => LexiconFormat::Cat,
            "lc3" => LexiconFormat::Lc3,
            _ => LexiconFormat::Toml,
        }
    }

    /// A short description for messages and the generated file's header.
    pub fn describe(self) -> &'static str {
        match self {
            LexiconFormat::Toml => "leitmotif TOML",
            LexiconFormat::Dic => "LIWC .dic",
            LexiconFormat::Dicx => "LIWC-22 .dicx",
            LexiconFormat::Yaml => "quanteda YAML",
            LexiconFormat::Cat => "WordStat .cat",
            LexiconFormat::Lc3 => "Lexicoder .lc3",
        }
    }
}

/// A line of the imported file that was not (or not wholly) converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportNote {
    /// The imported file as named.
    pub file: String,
    /// 1-based line in the imported file.
    pub line: usize,
    /// What was not converted, and why.
    pub message: String,
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// The result of importing one file.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The file as named to [`import`].
    pub file: String,
    /// The lexicon in our TOML format.
    pub toml: String,
    /// (id, original name) of every id that had to be slugged, in order of first appearance.
    pub slugs: Vec<(String, String)>,
    /// Everything that was not converted, in line order.
    pub notes: Vec<ImportNote>,
    /// Frames written.
    pub frames: usize,
    /// Motifs written.
    pub motifs: usize,
    /// Patterns written.
    pub patterns: usize,
}

/// Converts the text of a dictionary file to our TOML format. `file` names it in notes and in the
/// lexicon's name (its stem); a TOML file is returned unchanged. Never fails: what cannot be
/// converted is reported in [`Imported::notes`] and the rest is kept.
pub fn import(text: &str, file: &str, format: LexiconFormat) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut draft = Draft::default();
    match format {
        LexiconFormat::Toml => {
            return Imported {
                file: file.to_string(),
                toml: text.to_string(),
                slugs: Vec::new(),
                notes: Vec::new(),
                frames: 0,
                motifs: 0,
                patterns: 0,
            }
        }
        LexiconFormat::Dic => liwc::read(text, &mut draft),
        LexiconFormat::Dicx => dicx::read(text, &mut draft),
        LexiconFormat::Yaml => yaml::read(text, &mut draft),
        LexiconFormat::Cat => wordstat::read(text, &mut draft),
        LexiconFormat::Lc3 => lexicoder::read(text, &mut draft),
    }
    draft.finish(file, format)
}

/// Lines of a text with their 1-based numbers; `\r\n`, `\n` and a lone `\r` all end a line.
fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.find(['\r', '\n']) {
            Some(i) => {
                let skip = if text[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&text[i + skip..]);
                Some(&text[..i])
            }
            None => {
                rest = None;
                (!text.is_empty()).then_some(text)
            }
        }
    })
    .enumerate()
    .map(|(i, line)| (i + 1, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_of_every_kind() {
        let lines: Vec<(usize, &str)> = numbered_lines("a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, [(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
        assert_eq!(numbered_lines("a\n").count(), 1);
    }

    const FORMATS: [LexiconFormat; 5] =
        [LexiconFormat::Dic, LexiconFormat::Dicx, LexiconFormat::Yaml, LexiconFormat::Cat, LexiconFormat::Lc3];

    proptest::proptest! {
        /// No input makes an importer panic, and whatever it converts loads as a lexicon.
        #[test]
        fn any_input_imports_to_a_loadable_lexicon(
            text in "(%|\\+|\t|\r|\n| |[a-zé*?_(),:~|<>/0-9X\\-]|\"|\\[|\\]|\\{|\\}|ж|#|NEAR|AFTER|/W 3){0,80}"
        ) {
            let with_header = format!("%\n1\ta\n2\tб в\n%\n{text}");
            let inputs = FORMATS.iter().map(|&f| (f, text.as_str())).chain([(LexiconFormat::Dic, with_header.as_str())]);
            for (format, text) in inputs {
                let imported = import(text, "fuzz", format);
                if imported.patterns > 0 {
                    let source = crate::lexicon::LexiconSource { name: "fuzz".into(), text: imported.toml.clone() };
                    if let Err(d) = crate::lexicon::check_sources(&[source]) {
                        panic!("{format:?} {text:?}: {d:?}\n{}", imported.toml);
                    }
                }
            }
        }
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(LexiconFormat::from_path(Path::new("x/LIWC2015.DIC")), LexiconFormat::Dic);
        assert_eq!(LexiconFormat::from_path(Path::new("x.yml")), LexiconFormat::Yaml);
        assert_eq!(LexiconFormat::from_path(Path::new("x.toml")), LexiconFormat::Toml);
        assert_eq!(LexiconFormat::from_path(Path::new("x")), LexiconFormat::Toml);
    }
}
