//! Regex patterns (`re:...`). They run over the document's *normalised text*: its tokens,
//! normalised, joined by single spaces. One pass of a `RegexSet` tells which regexes match at all;
//! only those are then run for positions. A match counts only if it starts at the start of a token
//! and ends at the end of a token, within one sentence, and does not start inside a hyphenated
//! compound or after an apostrophe (like every match).
//!
//! This is the one place regexes are compiled; `lexicon check` builds the scanner too, so it
//! accepts exactly what `scan` accepts. Each regex may take [`REGEX_SIZE_LIMIT`] (the regex crate's
//! default); one that does not fit is reported at its `file:line:col`. The set holding all of them
//! may take that much per regex: its size is about the sum of its members', so a lexicon of many
//! regexes is not rejected for their total (300 regexes of Unicode word classes exceed one regex's
//! limit together).

use super::resolve::Candidate;
use crate::error::{Error, ErrorKind, Result};
use crate::lexicon::{regex_error_message, LexiconSet};
use crate::text::{normalize_into, Segmentation};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

/// The most memory one compiled regex may take.
pub const REGEX_SIZE_LIMIT: usize = 10 << 20;

pub(crate) struct RegexPatterns {
    set: RegexSet,
    regexes: Vec<Regex>,
    entries: Vec<usize>,
}

impl RegexPatterns {
    /// Compiles `(pattern entry, expression)` pairs of `lexicons`; `None` when there are none.
    pub fn new(lexicons: &LexiconSet, patterns: Vec<(usize, String)>) -> Result<Option<RegexPatterns>> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let located = |entry: usize, message: String| {
            let source = &lexicons.patterns[entry].source;
            lexicons.diagnostic_at(entry, "re:".len(), format!("pattern '{source}': {message}"))
        };
        let mut regexes = Vec::with_capacity(patterns.len());
        let mut problems = Vec::new();
        for (entry, expression) in &patterns {
            match RegexBuilder::new(expression).size_limit(REGEX_SIZE_LIMIT).build() {
                Ok(regex) => regexes.push(regex),
                Err(e) => problems.push(located(*entry, regex_error_message(&e))),
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(ErrorKind::Lexicon(problems)));
        }
        let set = RegexSetBuilder::new(patterns.iter().map(|(_, e)| e))
            .size_limit(REGEX_SIZE_LIMIT.saturating_mul(patterns.len()))
            .build()
            .map_err(|e| {
                // Not expected once every regex compiled alone; named at the first pattern.
                let message = format!("the set of all {} regexes: {}", patterns.len(), regex_error_message(&e));
                Error::new(ErrorKind::Lexicon(vec![located(patterns[0].0, message)]))
            })?;
        let entries = patterns.iter().map(|(entry, _)| *entry).collect();
        Ok(Some(RegexPatterns { set, regexes, entries }))
    }

    pub fn find(&self, text: &str, segmentation: &Segmentation, out: &mut Vec<Candidate>) {
        let mut normalised = String::with_capacity(text.len());
        let mut starts = Vec::with_capacity(segmentation.tokens.len());
        let mut ends = Vec::with_capacity(segmentation.tokens.len());
        for token in &segmentation.tokens {
            if !normalised.is_empty() {
                normalised.push(' ');
            }
            starts.push(normalised.len());
            normalize_into(&text[token.start..token.end], &mut normalised);
            ends.push(normalised.len());
        }
        for index in self.set.matches(&normalised).iter() {
            for m in self.regexes[index].find_iter(&normalised) {
                let (Ok(first), Ok(last)) = (starts.binary_search(&m.start()), ends.binary_search(&m.end())) else {
                    continue;
                };
                let sentences = &segmentation.token_sentence;
                if last >= first && sentences[first] == sentences[last] && !segmentation.joined[first] {
                    out.push(Candidate { entry: self.entries[index], first, end: last + 1 });
                }
            }
        }
    }
}
