//! Loading lexicon files: TOML parsing, validation with `file:line:col` diagnostics, and merging of
//! several files into one [`LexiconSet`]. Every problem in every file is reported, not just the
//! first.

use super::format::{FrameEntry, LexiconFile, MotifEntry};
use super::import::{import, Imported, LexiconFormat};
use super::pattern::parse_pattern;
use super::stem::{stem_pattern, StemLanguage};
use super::{Example, Frame, LexiconInfo, LexiconSet, Motif, PatternEntry, Role, BUNDLED};
use super::{DEFAULT_NEAR_WINDOW, MAX_EXCLUDE_WINDOW, MAX_NEAR_WINDOW};
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The text of one lexicon file and the name to report it by.
#[derive(Debug, Clone)]
pub struct LexiconSource {
    /// The name in messages (a path, or `bundled:<file>`).
    pub name: String,
    /// The TOML text.
    pub text: String,
}

/// The lexicons compiled into the binary, as sources named `bundled:<file>`.
pub fn bundled_sources() -> Vec<LexiconSource> {
    BUNDLED
        .iter()
        .map(|(file, text)| LexiconSource { name: format!("bundled:{file}"), text: text.to_string() })
        .collect()
}

/// Loads the lexicons compiled into the binary.
pub fn load_bundled() -> Result<LexiconSet> {
    check_sources(&bundled_sources()).map_err(|d| Error::new(ErrorKind::Lexicon(d)))
}

/// Loads lexicon files; a directory stands for the `.toml` files below it, in path order. Files of
/// other formats are imported by extension; what importing could not convert is not reported here
/// (use [`read_sources`] to see it).
pub fn load_paths(paths: &[PathBuf]) -> Result<LexiconSet> {
    let read = read_sources(paths, None)?;
    check_sources(&read.sources).map_err(|d| Error::new(ErrorKind::Lexicon(d)))
}

/// Lexicon files as read: TOML as written, other formats converted to TOML.
#[derive(Debug, Clone, Default)]
pub struct ReadSources {
    /// Every file as TOML.
    pub sources: Vec<LexiconSource>,
    /// Each imported file with what its import reported, in the order read.
    pub imports: Vec<Imported>,
}

/// Reads lexicon files; a directory stands for the `.toml` files below it, in path order. A file
/// is read in `format`, or in the format its extension implies ([`LexiconFormat::from_path`]);
/// formats other than TOML are imported ([`import`]).
pub fn read_sources(paths: &[PathBuf], format: Option<LexiconFormat>) -> Result<ReadSources> {
    let mut read = ReadSources::default();
    for path in list_files(paths)? {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let name = path.display().to_string();
        match format.unwrap_or_else(|| LexiconFormat::from_path(&path)) {
            LexiconFormat::Toml => read.sources.push(LexiconSource { name, text }),
            other => {
                let imported = import(&text, &name, other);
                read.sources.push(LexiconSource { name, text: imported.toml.clone() });
                read.imports.push(imported);
            }
        }
    }
    Ok(read)
}

fn list_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            collect_toml_files(path, &mut files)?;
            if files.len() == before {
                return Err(Error::usage(format!("{}: directory holds no .toml lexicon files", path.display())));
            }
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect_toml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| Error::io(dir, e)))
        .collect::<Result<_>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_toml_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Validates and merges lexicon sources; on failure returns every diagnostic found.
pub fn check_sources(sources: &[LexiconSource]) -> Result<LexiconSet, Vec<Diagnostic>> {
    let mut builder = Builder::default();
    for source in sources {
        builder.add(source);
    }
    if builder.diagnostics.is_empty() {
        Ok(builder.set)
    } else {
        Err(builder.diagnostics)
    }
}

#[derive(Default)]
struct Builder {
    set: LexiconSet,
    frame_index: HashMap<String, usize>,
    motif_index: HashMap<String, usize>,
    diagnostics: Vec<Diagnostic>,
}

/// Reports problems of one file at byte offsets of its text.
struct Reporter<'a> {
    source: &'a LexiconSource,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = locate(&self.source.text, offset);
        self.diagnostics.push(Diagnostic { file: self.source.name.clone(), line, column, message: message.into() });
    }
}

impl Builder {
    fn add(&mut self, source: &LexiconSource) {
        let mut report = Reporter { source, diagnostics: Vec::new() };
        self.add_file(source, &mut report);
        self.diagnostics.append(&mut report.diagnostics);
    }

    fn add_file(&mut self, source: &LexiconSource, report: &mut Reporter) {
        let file: LexiconFile = match toml::from_str(&source.text) {
            Ok(file) => file,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                report.at(offset, e.message().trim().to_string());
                return;
            }
        };
        for (field, value) in [("name", &file.name), ("language", &file.language)] {
            if value.trim().is_empty() {
                report.at(0, format!("'{field}' must not be empty"));
            }
        }
        if file.frames.is_empty() {
            report.at(0, "lexicon has no [[frames]]");
        }
        let stem_language = StemLanguage::from_code(&file.language);
        if let Some(stem) = file.stem.as_ref().filter(|s| *s.get_ref()) {
            if stem_language.is_none() {
                report.at(stem.span().start, unsupported_stem_language(&file.language));
            }
        }
        let file_stem = file.stem.as_ref().is_some_and(|s| *s.get_ref());
        let settings = FileSettings {
            stem: if file_stem { stem_language } else { None },
            language: &file.language,
            stem_language,
        };
        let lexicon = self.set.lexicons.len();
        self.set.lexicons.push(LexiconInfo {
            name: file.name.clone(),
            language: file.language.clone(),
            version: file.version.clone(),
            description: file.description.clone(),
            source: source.name.clone(),
            content_hash: format!("{:016x}", fnv1a(source.text.as_bytes())),
        });
        let mut frames_here: HashSet<String> = HashSet::new();
        let mut motifs_here: HashSet<String> = HashSet::new();
        for frame in &file.frames {
            if !valid_id(frame.id.get_ref()) {
                report.at(frame.id.span().start, id_message("frame", frame.id.get_ref()));
            }
            if !frames_here.insert(frame.id.get_ref().clone()) {
                report.at(frame.id.span().start, format!("duplicate frame id '{}'", frame.id.get_ref()));
                continue;
            }
            if frame.motifs.is_empty() {
                report.at(frame.id.span().start, format!("frame '{}' has no motifs", frame.id.get_ref()));
            }
            let frame_index = self.frame(frame);
            for motif in &frame.motifs {
                if !motifs_here.insert(motif.id.get_ref().clone()) {
                    report.at(motif.id.span().start, format!("duplicate motif id '{}'", motif.id.get_ref()));
                    continue;
                }
                self.add_motif(report, motif, frame_index, lexicon, &settings, false);
            }
            if let Some(cues) = frame.cue_motif() {
                self.add_motif(report, &cues, frame_index, lexicon, &settings, true);
            }
        }
    }

    fn frame(&mut self, frame: &FrameEntry) -> usize {
        let id = frame.id.get_ref();
        if let Some(&index) = self.frame_index.get(id) {
            return index;
        }
        self.set.frames.push(Frame {
            id: id.clone(),
            label: frame.label.clone(),
            description: frame.description.clone(),
        });
        self.frame_index.insert(id.clone(), self.set.frames.len() - 1);
        self.set.frames.len() - 1
    }

    fn add_motif(
        &mut self,
        report: &mut Reporter,
        motif: &MotifEntry,
        frame: usize,
        lexicon: usize,
        file: &FileSettings,
        cue: bool,
    ) {
        let id = motif.id.get_ref();
        if !cue && !valid_id(id) {
            report.at(motif.id.span().start, id_message("motif", id));
        }
        let motif_index = match self.motif_index.get(id) {
            Some(&index) if self.set.motifs[index].frame != frame => {
                let other = &self.set.frames[self.set.motifs[index].frame].id;
                report.at(
                    motif.id.span().start,
                    format!("motif '{id}' belongs to frame '{other}' in an earlier lexicon"),
                );
                return;
            }
            Some(&index) => index,
            None => {
                self.set.motifs.push(Motif {
                    id: id.clone(),
                    label: motif.label.clone(),
                    description: motif.description.clone(),
                    frame,
                    cue,
                });
                self.motif_index.insert(id.clone(), self.set.motifs.len() - 1);
                self.set.motifs.len() - 1
            }
        };
        let weight = *motif.weight.get_ref();
        if !(weight.is_finite() && weight > 0.0) {
            report.at(motif.weight.span().start, format!("weight must be a positive number, not {weight}"));
        }
        if motif.patterns.get_ref().is_empty() {
            let message = if cue {
                format!("[frames.cues] of frame '{}' has no patterns", self.set.frames[frame].id)
            } else {
                format!("motif '{id}' has no patterns")
            };
            report.at(motif.patterns.span().start, message);
        }
        let stem = match &motif.stem {
            Some(flag) if *flag.get_ref() => {
                if file.stem_language.is_none() {
                    report.at(flag.span().start, unsupported_stem_language(file.language));
                }
                file.stem_language
            }
            Some(_) => None,
            None => file.stem,
        };
        let exclude_window = window(report, &motif.exclude_window, "exclude_window", 0, MAX_EXCLUDE_WINDOW);
        let near_window = window(report, &motif.near_window, "near_window", 1, MAX_NEAR_WINDOW);
        let context: &[Spanned<String>] = motif.require_near.as_ref().map_or(&[], |list| list.get_ref());
        if let Some(list) = &motif.require_near {
            if list.get_ref().is_empty() {
                report.at(
                    list.span().start,
                    format!("motif '{id}': require_near is empty (list context patterns, or remove it)"),
                );
            }
        }
        let near = (!context.is_empty()).then(|| near_window.unwrap_or(DEFAULT_NEAR_WINDOW));
        let all = motif.patterns.get_ref().iter().map(|p| (p, Role::Match { near }));
        let all = all
            .chain(motif.exclude.iter().map(|p| (p, Role::Exclude { window: exclude_window })))
            .chain(context.iter().map(|p| (p, Role::Context)));
        let mut seen: HashSet<(&str, u8)> = HashSet::new();
        for (pattern, role) in all {
            let text = pattern.get_ref();
            // The span covers the quoted string; the pattern starts after the opening quote.
            let origin = pattern.span().start + 1;
            let list = match role {
                Role::Match { .. } => 0,
                Role::Exclude { .. } => 1,
                Role::Context => 2,
            };
            if !seen.insert((text.as_str(), list)) {
                report.at(origin, format!("duplicate pattern '{text}'"));
                continue;
            }
            match parse_pattern(text) {
                Ok(mut parsed) => {
                    if let Some(language) = stem {
                        stem_pattern(&mut parsed, language);
                    }
                    let (line, column) = locate(&report.source.text, origin);
                    self.set.patterns.push(PatternEntry {
                        motif: motif_index,
                        source: text.clone(),
                        pattern: parsed,
                        weight,
                        role,
                        lexicon,
                        line,
                        column,
                    })
                }
                Err(e) => report.at(origin + e.offset, format!("pattern '{text}': {}", e.message)),
            }
        }
        let examples =
            motif.examples.iter().map(|e| (e, false)).chain(motif.counter_examples.iter().map(|e| (e, true)));
        for (example, counter) in examples {
            let start = example.span().start;
            if example.get_ref().trim().is_empty() {
                report.at(start + 1, "empty example");
                continue;
            }
            self.set.examples.push(Example {
                motif: motif_index,
                lexicon,
                text: example.get_ref().clone(),
                counter,
                line: locate(&report.source.text, start).0,
            });
        }
    }
}

/// What applies to every motif of one file.
struct FileSettings<'a> {
    /// Stem mode of the file (`stem = true`) in its language, if supported.
    stem: Option<StemLanguage>,
    language: &'a str,
    /// The stemmer of the file's language, if there is one.
    stem_language: Option<StemLanguage>,
}

fn unsupported_stem_language(language: &str) -> String {
    format!("stem = true needs a language the stemmer supports (en or ru), not '{language}'")
}

/// A window in tokens, checked to lie in `min..=max`.
fn window(report: &mut Reporter, value: &Option<Spanned<i64>>, name: &str, min: usize, max: usize) -> Option<usize> {
    let value = value.as_ref()?;
    match usize::try_from(*value.get_ref()) {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            report.at(
                value.span().start,
                format!("{name} must be a number of tokens from {min} to {max}, not {}", value.get_ref()),
            );
            None
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn id_message(what: &str, id: &str) -> String {
    format!("{what} id '{id}' must be ASCII letters, digits, '_' or '-' (it names output columns)")
}

/// 1-based line and column (in characters) of a byte offset.
pub(super) fn locate(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<LexiconSet, Vec<Diagnostic>> {
        check_sources(&[LexiconSource { name: "t.toml".into(), text: text.into() }])
    }

    const HEADER: &str = "name = \"t\"\nlanguage = \"en\"\nversion = 1\n";

    #[test]
    fn bundled_lexicons_are_valid() {
        let set = load_bundled().unwrap();
        assert_eq!(set.lexicons.len(), BUNDLED.len());
        assert!(set.frames.len() >= 4);
    }

    #[test]
    fn every_lexicon_file_is_bundled() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
        let mut files = Vec::new();
        collect_toml_files(&dir, &mut files).unwrap();
        let names: Vec<String> = files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        let bundled: Vec<String> = BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(names, bundled);
    }

    #[test]
    fn diagnostics_point_at_the_pattern() {
        let text = format!(
            "{HEADER}[[frames]]\nid = \"f\"\nlabel = \"F\"\n[[frames.motifs]]\nid = \"m\"\nlabel = \"M\"\npatterns = [\"ok\", \"bad ~\"]\n"
        );
        let diagnostics = check(&text).unwrap_err();
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert_eq!((d.line, d.column), (10, 24), "{d}");
        assert!(d.message.contains("'~' must be followed"), "{d}");
    }

    #[test]
    fn every_problem_is_reported() {
        let text = format!(
            "{HEADER}[[frames]]\nid = \"bad id\"\nlabel = \"F\"\n[[frames.motifs]]\nid = \"m\"\nlabel = \"M\"\npatterns = []\nweight = -1\n[[frames.motifs]]\nid = \"m\"\nlabel = \"again\"\npatterns = [\"x\"]\n"
        );
        let messages: Vec<String> = check(&text).unwrap_err().iter().map(|d| d.to_string()).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(messages[0].starts_with("t.toml:5:6: frame id 'bad id'"), "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("weight must be a positive number")));
        assert!(messages.iter().any(|m| m.contains("has no patterns")));
        assert!(messages.iter().any(|m| m.starts_with("t.toml:13:6: duplicate motif id 'm'")));
    }

    #[test]
    fn syntax_and_unknown_keys_are_located() {
        let d = check(&format!("{HEADER}paterns = 3\n")).unwrap_err();
        assert_eq!((d[0].line, d[0].column), (4, 1), "{}", d[0]);
        assert!(d[0].message.contains("unknown field `paterns`"), "{}", d[0]);
        let d = check("name = \"t\"\nlanguage = [\n").unwrap_err();
        assert_eq!(d[0].line, 3, "{}", d[0]);
    }

    #[test]
    fn motifs_merge_across_files_by_id() {
        let en = format!("{HEADER}[[frames]]\nid = \"f\"\nlabel = \"F\"\n[[frames.motifs]]\nid = \"m\"\nlabel = \"M\"\npatterns = [\"brotherly people\"]\n");
        let ru = en.replace("brotherly people", "братск* народ*").replace("\"en\"", "\"ru\"");
        let set = check_sources(&[
            LexiconSource { name: "en.toml".into(), text: en.clone() },
            LexiconSource { name: "ru.toml".into(), text: ru },
        ])
        .unwrap();
        assert_eq!((set.frames.len(), set.motifs.len(), set.patterns.len()), (1, 1, 2));
        let moved = en.replace("id = \"f\"", "id = \"g\"");
        let d = check_sources(&[
            LexiconSource { name: "en.toml".into(), text: en },
            LexiconSource { name: "other.toml".into(), text: moved },
        ])
        .unwrap_err();
        assert!(d[0].message.contains("belongs to frame 'f'"), "{}", d[0]);
    }

    #[test]
    fn windows_context_and_stem_mode_are_checked() {
        let motif = |fields: &str| {
            format!("{HEADER}[[frames]]\nid = \"f\"\nlabel = \"F\"\n[[frames.motifs]]\nid = \"m\"\nlabel = \"M\"\npatterns = [\"x y\"]\n{fields}\n")
        };
        let rows: &[(&str, (usize, usize), &str)] = &[
            ("exclude_window = 51", (11, 18), "exclude_window must be a number of tokens from 0 to 50, not 51"),
            ("exclude_window = -1", (11, 18), "from 0 to 50, not -1"),
            (
                "near_window = 0\nrequire_near = [\"minsk\"]",
                (11, 15),
                "near_window must be a number of tokens from 1 to 200, not 0",
            ),
            ("require_near = []", (11, 16), "require_near is empty"),
            ("require_near = [\"minsk ~\"]", (11, 24), "pattern 'minsk ~'"),
            ("stem = true\nrequire_near = [\"a\", \"a\"]", (12, 23), "duplicate pattern 'a'"),
        ];
        for (fields, at, message) in rows {
            let d = check(&motif(fields)).unwrap_err();
            assert_eq!(d.len(), 1, "{fields}: {d:?}");
            assert_eq!((d[0].line, d[0].column), *at, "{fields}: {}", d[0]);
            assert!(d[0].message.contains(message), "{fields}: {}", d[0]);
        }
        let german = motif("stem = true").replace("\"en\"", "\"de\"");
        let d = check(&german).unwrap_err();
        assert!(
            d[0].message.contains("stem = true needs a language the stemmer supports (en or ru), not 'de'"),
            "{}",
            d[0]
        );
        let german = format!("stem = true\n{}", motif("").replace("\"en\"", "\"de\""));
        assert_eq!(check(&german).unwrap_err()[0].line, 1);
        let set = check(&motif("exclude = [\"z\"]\nexclude_window = 4\nrequire_near = [\"w\"]")).unwrap();
        let roles: Vec<Role> = set.patterns.iter().map(|p| p.role).collect();
        assert_eq!(
            roles,
            [Role::Match { near: Some(DEFAULT_NEAR_WINDOW) }, Role::Exclude { window: Some(4) }, Role::Context]
        );
    }
}
