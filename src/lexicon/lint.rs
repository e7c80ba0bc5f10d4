//! Warnings about lexicons that load but are probably not what their author meant
//! (`leitmotif lexicon check`): patterns that duplicate or wholly contain another pattern of the
//! same motif, regexes that can never match normalised text, short globs, stray spaces, words whose
//! stem (in stem mode) is very short, windows without the list they size, and motifs without
//! examples. Warnings never stop a scan; `lexicon check --strict` fails on them.
//!
//! "Contains" is decided on the parsed pattern: pattern B wholly contains pattern A when every
//! expansion of B starts with a run of steps where A's step accepts every alternative of B's (a
//! word is accepted by itself or by a glob it starts with, a glob by a shorter glob it starts
//! with) and A's gaps are at least B's. Then every match of B holds a match of A at its start, and
//! since overlapping matches of one motif count once, B adds no hits (only longer matched text).
//! A run further inside B is no such proof: no match starts inside a compound, so
//! `russian ukrainian conflict` finds "Russian-Ukrainian conflict" where `ukrainian conflict`
//! cannot.

use super::format::{LexiconFile, MotifEntry};
use super::load::{locate, LexiconSource};
use super::pattern::{parse_pattern, Atom, Pattern, Step};
use super::stem::{stem_pattern, StemLanguage};
use crate::error::Diagnostic;
use crate::text::{is_token_char, normalize_token};
use regex_syntax::hir::{Hir, HirKind};
use toml::Spanned;

/// Globs with fewer letters than this before `*` are reported.
const MIN_GLOB_LETTERS: usize = 3;

/// Every warning about every source that parses as a lexicon file, by file, then line and column.
/// Sources that do not parse are left to [`super::check_sources`], which reports them as errors.
pub fn lint_sources(sources: &[LexiconSource]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for source in sources {
        let Ok(file) = toml::from_str::<LexiconFile>(&source.text) else {
            continue;
        };
        let first = warnings.len();
        let language = StemLanguage::from_code(&file.language);
        let file_stem = file.stem.as_ref().is_some_and(|s| *s.get_ref());
        let mut lint = Lint { source, warnings: &mut warnings, stem: None };
        // A frame's cues are checked as a motif of their own (`<frame>/cues`).
        let cues: Vec<_> = file.frames.iter().filter_map(|f| f.cue_motif()).collect();
        for motif in file.frames.iter().flat_map(|f| &f.motifs).chain(&cues) {
            lint.stem = if motif.stem.as_ref().map_or(file_stem, |s| *s.get_ref()) { language } else { None };
            lint.motif(motif);
        }
        warnings[first..].sort_by_key(|w| (w.line, w.column));
    }
    warnings
}

struct Lint<'a> {
    source: &'a LexiconSource,
    warnings: &'a mut Vec<Diagnostic>,
    /// Stem mode of the motif being checked, in the file's language.
    stem: Option<StemLanguage>,
}

/// One pattern of a motif: its text, the byte offset where it starts in the file, its parsed form.
struct Written<'a> {
    text: &'a str,
    origin: usize,
    line: usize,
    sequences: Option<Vec<Vec<Step>>>,
}

impl Lint<'_> {
    fn at(&mut self, offset: usize, message: String) {
        let (line, column) = locate(&self.source.text, offset);
        self.warnings.push(Diagnostic { file: self.source.name.clone(), line, column, message });
    }

    fn motif(&mut self, motif: &MotifEntry) {
        let id = motif.id.get_ref();
        if motif.examples.is_empty() {
            self.at(motif.id.span().start, format!("motif '{id}' has no examples"));
        }
        if let Some(window) = &motif.exclude_window {
            if motif.exclude.is_empty() {
                self.at(window.span().start, format!("motif '{id}' has an exclude_window but no exclude patterns"));
            }
        }
        if let Some(window) = &motif.near_window {
            if motif.require_near.is_none() {
                self.at(window.span().start, format!("motif '{id}' has a near_window but no require_near"));
            }
        }
        let context = motif.require_near.as_ref().map_or(&[][..], |list| list.get_ref());
        for list in [motif.patterns.get_ref(), &motif.exclude, context] {
            let written: Vec<Written> = list.iter().map(|p| self.written(p)).collect();
            for (w, pattern) in written.iter().zip(list) {
                self.text_checks(w);
                self.short_stems(w, pattern.get_ref());
            }
            self.overlaps(&written);
        }
    }

    /// Words cut to a stem shorter than [`MIN_GLOB_LETTERS`] (`being` → `be`): like a short glob,
    /// such a stem matches many unrelated words.
    fn short_stems(&mut self, w: &Written, text: &str) {
        let Some(language) = self.stem else { return };
        let Ok(parsed) = parse_pattern(text) else { return };
        let mut words: Vec<&str> = Vec::new();
        let atoms: Vec<&Atom> = match &parsed {
            Pattern::Sequence(sequences) => sequences.iter().flatten().flat_map(|s| &s.alternatives).collect(),
            Pattern::Near { terms, .. } => terms.iter().flatten().collect(),
            Pattern::Regex(_) => Vec::new(),
        };
        for atom in atoms {
            if let Atom::Word(word) = atom {
                if !words.contains(&word.as_str()) {
                    words.push(word);
                }
            }
        }
        for word in words {
            let stem = language.stem(word);
            let letters = stem.chars().count();
            if letters < MIN_GLOB_LETTERS && stem != word {
                self.at(
                    w.origin,
                    format!(
                        "word '{word}' in pattern '{text}' has the {} stem '{stem}' of {letters} letter{} (fewer than {MIN_GLOB_LETTERS}): in stem mode it matches many unrelated words",
                        language.name(),
                        if letters == 1 { "" } else { "s" }
                    ),
                );
            }
        }
    }

    fn written<'p>(&self, pattern: &'p Spanned<String>) -> Written<'p> {
        // The span covers the quoted string; the pattern starts after the opening quote.
        let origin = pattern.span().start + 1;
        let mut parsed = parse_pattern(pattern.get_ref());
        if let (Ok(parsed), Some(language)) = (&mut parsed, self.stem) {
            stem_pattern(parsed, language);
        }
        let sequences = match parsed {
            Ok(Pattern::Sequence(sequences)) => Some(canonical(sequences)),
            _ => None,
        };
        Written { text: pattern.get_ref(), origin, line: locate(&self.source.text, origin).0, sequences }
    }

    /// Spaces, short globs and regexes that cannot match.
    fn text_checks(&mut self, w: &Written) {
        let text = w.text;
        let regex = text.strip_prefix("re:");
        let never = if regex.is_some() {
            " (in a regex it can never match: normalised text has single spaces between tokens)"
        } else {
            ""
        };
        if text.trim_end().len() < text.len() {
            self.at(w.origin + text.trim_end().len(), format!("pattern '{text}' has a trailing space{never}"));
        }
        let body = regex.unwrap_or(text);
        if body.trim_start().len() < body.len() {
            self.at(w.origin + text.len() - body.len(), format!("pattern '{text}' has a leading space{never}"));
        }
        if let Some(at) = doubled_space(body.trim()) {
            let offset = text.len() - body.len() + (body.len() - body.trim_start().len()) + at;
            self.at(w.origin + offset, format!("pattern '{text}' has a doubled space{never}"));
        }
        match regex {
            Some(expression) => {
                if let Some(message) = regex_never_matches(expression) {
                    self.at(w.origin, format!("regex '{text}' can never match: {message}"));
                }
            }
            None => {
                for (at, letters) in short_globs(text) {
                    self.at(
                        w.origin + at,
                        format!(
                            "glob '{}*' in pattern '{text}' has {letters} letter{} before '*' (fewer than {MIN_GLOB_LETTERS}): it matches many unrelated words",
                            &text[at..at + text[at..].find('*').unwrap_or(0)],
                            if letters == 1 { "" } else { "s" }
                        ),
                    );
                }
            }
        }
    }

    /// Patterns of one list that duplicate or wholly contain an earlier or later one.
    fn overlaps(&mut self, written: &[Written]) {
        for (j, outer) in written.iter().enumerate() {
            let Some(outer_seq) = &outer.sequences else { continue };
            for (i, inner) in written.iter().enumerate() {
                let Some(inner_seq) = &inner.sequences else { continue };
                // Identical text is already an error of the loader; a duplicate is reported once.
                let repeated = written[..i].iter().any(|w| w.sequences.as_ref() == Some(inner_seq));
                if i == j || inner.text == outer.text || (repeated && outer_seq != inner_seq) {
                    continue;
                }
                let (a, b) = (outer.text, inner.text);
                if outer_seq == inner_seq {
                    if i < j {
                        let line = inner.line;
                        self.at(
                            outer.origin,
                            format!("duplicate pattern: '{a}' matches exactly what '{b}' (line {line}) matches"),
                        );
                    }
                } else if contains(outer_seq, inner_seq) {
                    let line = inner.line;
                    self.at(
                        outer.origin,
                        format!("pattern '{a}' wholly contains '{b}' (line {line}) of the same motif: every match of it holds a match of '{b}', so it adds no hits"),
                    );
                }
            }
        }
    }
}

/// Alternatives sorted and expansions sorted, so that `(a|b) c` equals `(b|a) c`.
fn canonical(mut sequences: Vec<Vec<Step>>) -> Vec<Vec<Step>> {
    for step in sequences.iter_mut().flatten() {
        step.alternatives.sort();
        step.alternatives.dedup();
    }
    sequences.sort_by(|a, b| {
        let key = |s: &Vec<Step>| s.iter().map(|st| (st.max_gap_before, st.alternatives.clone())).collect::<Vec<_>>();
        key(a).cmp(&key(b))
    });
    sequences.dedup();
    sequences
}

/// Whether every expansion of `outer` holds a match of some expansion of `inner`.
fn contains(outer: &[Vec<Step>], inner: &[Vec<Step>]) -> bool {
    outer.iter().all(|b| inner.iter().any(|a| sequence_within(a, b)))
}

/// Whether every match of `b` holds a match of `a` on the run of `b`'s first steps.
fn sequence_within(a: &[Step], b: &[Step]) -> bool {
    a.len() <= b.len()
        && a.iter().zip(b).enumerate().all(|(i, (step, other))| {
            (i == 0 || step.max_gap_before >= other.max_gap_before)
                && other.alternatives.iter().all(|atom| step.alternatives.iter().any(|mine| covers(mine, atom)))
        })
}

/// Whether every token `atom` accepts is accepted by `by`.
fn covers(by: &Atom, atom: &Atom) -> bool {
    match (by, atom) {
        (Atom::Word(x), Atom::Word(y)) => x == y,
        (Atom::Prefix(p), Atom::Word(y) | Atom::Prefix(y)) => y.starts_with(p.as_str()),
        (Atom::Word(_), Atom::Prefix(_)) => false,
        (Atom::Stem(l, x), Atom::Stem(m, y)) => l == m && x == y,
        // Which words have a stem is not known here: no claim.
        (Atom::Stem(..), _) | (_, Atom::Stem(..)) => false,
    }
}

fn doubled_space(text: &str) -> Option<usize> {
    let mut previous = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if space && previous {
            return Some(i);
        }
        previous = space;
    }
    None
}

/// (byte offset of the glob's word, letters before `*`) for every glob with too few letters.
fn short_globs(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (star, _) in text.match_indices('*') {
        let before = &text[..star];
        let start = before.char_indices().rev().find(|&(_, c)| !is_token_char(c)).map_or(0, |(i, c)| i + c.len_utf8());
        let letters = before[start..].chars().count();
        if letters > 0 && letters < MIN_GLOB_LETTERS {
            found.push((start, letters));
        }
    }
    found
}

/// Why a regex can never match normalised text (lower case tokens joined by single spaces), if it
/// cannot: a required literal character that normalised text never holds.
fn regex_never_matches(expression: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(expression).ok()?;
    let c = impossible_char(&hir)?;
    Some(if c.is_uppercase() {
        format!("it requires '{c}', but normalised text is lower case (write '{}')", normalize_token(&c.to_string()))
    } else {
        format!("it requires '{c}', which normalised text never holds (tokens are joined by single spaces)")
    })
}

/// A character that every match of `hir` must hold and normalised text never does.
fn impossible_char(hir: &Hir) -> Option<char> {
    match hir.kind() {
        HirKind::Literal(literal) => String::from_utf8_lossy(&literal.0).chars().find(|&c| !in_normalised_text(c)),
        HirKind::Empty | HirKind::Class(_) | HirKind::Look(_) => None,
        HirKind::Repetition(repetition) if repetition.min > 0 => impossible_char(&repetition.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(capture) => impossible_char(&capture.sub),
        HirKind::Concat(parts) => parts.iter().find_map(impossible_char),
        HirKind::Alternation(options) => {
            let chars: Vec<Option<char>> = options.iter().map(impossible_char).collect();
            if chars.iter().all(Option::is_some) {
                chars[0]
            } else {
                None
            }
        }
    }
}

fn in_normalised_text(c: char) -> bool {
    c == ' ' || (is_token_char(c) && normalize_token(&c.to_string()) == c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, column, message) of every warning about a one-motif lexicon.
    fn warnings(patterns: &str, extra: &str) -> Vec<(usize, usize, String)> {
        let text = format!(
            "name = \"t\"\nlanguage = \"en\"\nversion = 1\n[[frames]]\nid = \"f\"\nlabel = \"F\"\n[[frames.motifs]]\nid = \"m\"\nlabel = \"M\"\npatterns = [{patterns}]\n{extra}"
        );
        lint_sources(&[LexiconSource { name: "t.toml".into(), text }])
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect()
    }

    const EXAMPLES: &str = "examples = [\"x\"]\n";

    #[test]
    fn a_clean_motif_has_no_warnings() {
        assert_eq!(warnings(r#""nato expansion", "re:root causes?", "secur*""#, EXAMPLES), []);
    }

    #[test]
    fn motifs_without_examples() {
        let found = warnings(r#""nato expansion""#, "counter_examples = [\"x\"]\n");
        assert_eq!(found, [(8, 6, "motif 'm' has no examples".to_string())]);
    }

    #[test]
    fn duplicates_and_contained_patterns() {
        let rows: &[(&str, &[&str])] = &[
            (
                r#""nato expansion", "nato expansion eastward""#,
                &["'nato expansion eastward' wholly contains 'nato expansion' (line 10)"],
            ),
            (
                r#""nato expansion", "NATO  Expansion""#,
                &["duplicate pattern: 'NATO  Expansion' matches exactly what 'nato expansion'", "doubled space"],
            ),
            (r#""(a|b) c", "(b|a) c""#, &["duplicate pattern: '(b|a) c'"]),
            (
                r#""nato expan*", "nato expansion eastward""#,
                &["'nato expansion eastward' wholly contains 'nato expan*'"],
            ),
            (r#""(common|shared) roots", "common roots""#, &["'common roots' wholly contains '(common|shared) roots'"]),
            (r#""fair ~3 balance", "fair ~2 balance""#, &["'fair ~2 balance' wholly contains 'fair ~3 balance'"]),
            (
                r#""special (military)? operation", "special operation""#,
                &["'special operation' wholly contains 'special (military)? operation'"],
            ),
            // Not contained: an alternative the other lacks, a glob inside a word, a regex, a run
            // after the first word (it may start inside a compound: "the-NATO expansion").
            (r#""nato expan*", "the nato expansion""#, &[]),
            (r#""common roots", "(shared|same) roots""#, &[]),
            (r#""nato expansion", "nat* expansion eastward""#, &[]),
            (r#""nato expansion", "re:nato expansion eastward""#, &[]),
        ];
        for (patterns, expected) in rows {
            let found = warnings(patterns, EXAMPLES);
            assert_eq!(found.len(), expected.len(), "{patterns}: {found:#?}");
            for (warning, fragment) in found.iter().zip(expected.iter()) {
                assert!(warning.2.contains(fragment), "{patterns}: {warning:?}");
            }
        }
    }

    #[test]
    fn regexes_that_can_never_match() {
        let rows: &[(&str, Option<&str>)] = &[
            ("re:NATO expansion", Some("requires 'N', but normalised text is lower case (write 'n')")),
            ("re:neo-nazi", Some("requires '-', which normalised text never holds")),
            ("re:(?i)NATO", None),
            ("re:neo-?nazi", None),
            ("re:(NATO|nato)", None),
            ("re:(NATO|Nato)", Some("requires 'N'")),
            ("re:root causes?", None),
            ("re:[A-Z]+", None),
        ];
        for (pattern, expected) in rows {
            let found = warnings(&format!("{pattern:?}"), EXAMPLES);
            match expected {
                None => assert_eq!(found, [], "{pattern}"),
                Some(fragment) => {
                    assert_eq!(found.len(), 1, "{pattern}: {found:?}");
                    assert!(found[0].2.contains(fragment), "{pattern}: {found:?}");
                    assert_eq!((found[0].0, found[0].1), (10, 14), "{pattern}");
                }
            }
        }
    }

    #[test]
    fn short_globs_and_stray_spaces_point_at_the_place() {
        let found = warnings(r#""ab* roots", "mutual (benefit|trust) ", " x  y""#, EXAMPLES);
        let messages: Vec<String> = found.iter().map(|(l, c, m)| format!("{l}:{c}: {m}")).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(messages[0].starts_with("10:14: glob 'ab*' in pattern 'ab* roots' has 2 letters"), "{messages:#?}");
        assert!(
            messages[1].starts_with("10:49: pattern 'mutual (benefit|trust) ' has a trailing space"),
            "{messages:#?}"
        );
        assert!(messages[2].starts_with("10:54: pattern ' x  y' has a leading space"), "{messages:#?}");
        assert!(messages[3].starts_with("10:57: pattern ' x  y' has a doubled space"), "{messages:#?}");
        let regex = warnings(r#""re:root causes ""#, EXAMPLES);
        assert!(regex[0].2.contains("trailing space (in a regex it can never match"), "{regex:?}");
    }

    #[test]
    fn stem_mode_windows_and_context() {
        // Stem mode: words cut to a stem shorter than 3 letters; stemmed duplicates.
        let found = warnings(r#""being treated", "threats""#, &format!("stem = true\n{EXAMPLES}"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].2.contains("word 'being' in pattern 'being treated' has the English stem 'be' of 2 letters"),
            "{found:?}"
        );
        let found = warnings(r#""fundamental threat", "fundamental threats""#, &format!("stem = true\n{EXAMPLES}"));
        assert!(found[0].2.contains("duplicate pattern: 'fundamental threats'"), "{found:?}");
        assert_eq!(warnings(r#""fundamental threat", "fundamental threats""#, EXAMPLES), []);
        // Windows without their list; trailing spaces in every list.
        let found = warnings(r#""root causes""#, &format!("exclude_window = 3\nnear_window = 9\n{EXAMPLES}"));
        let messages: Vec<String> = found.iter().map(|(l, c, m)| format!("{l}:{c}: {m}")).collect();
        assert_eq!(
            messages,
            [
                "11:18: motif 'm' has an exclude_window but no exclude patterns",
                "12:15: motif 'm' has a near_window but no require_near",
            ]
        );
        let found = warnings(
            r#""root causes""#,
            &format!("exclude = [\"terrorism \"]\nrequire_near = [\" minsk*\"]\n{EXAMPLES}"),
        );
        let messages: Vec<String> = found.iter().map(|(l, c, m)| format!("{l}:{c}: {m}")).collect();
        assert_eq!(
            messages,
            ["11:22: pattern 'terrorism ' has a trailing space", "12:18: pattern ' minsk*' has a leading space",]
        );
    }
}
