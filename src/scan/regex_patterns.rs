//! Regex patterns (`re:...`). They run over the document's *normalised text*: its tokens,
//! normalised, joined by single spaces. One `RegexSet` pass tells which regexes match at all; only
//! those are then run for positions. A match counts only if it starts at the start of a token and
//! ends at the end of a token, within one sentence.

use super::resolve::Candidate;
use crate::error::{Error, Result};
use crate::text::{normalize_into, Segmentation};
use regex::{Regex, RegexSet};

pub(crate) struct RegexPatterns {
    set: RegexSet,
    regexes: Vec<Regex>,
    entries: Vec<usize>,
}

impl RegexPatterns {
    /// Compiles `(pattern entry, expression)` pairs; `None` when there are none.
    pub fn new(patterns: Vec<(usize, String)>) -> Result<Option<RegexPatterns>> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let compile_error = |e: regex::Error| Error::usage(format!("invalid regex pattern: {e}"));
        let set = RegexSet::new(patterns.iter().map(|(_, e)| e)).map_err(compile_error)?;
        let regexes = patterns.iter().map(|(_, e)| Regex::new(e)).collect::<Result<_, _>>().map_err(compile_error)?;
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
                if last >= first && sentences[first] == sentences[last] {
                    out.push(Candidate { entry: self.entries[index], first, end: last + 1 });
                }
            }
        }
    }
}
