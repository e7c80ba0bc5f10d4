//! Lexicons as tested code: every motif's `examples` must produce a hit of the motif and its
//! `counter_examples` must not. They run through the same [`Matcher`] as a scan, compiled from the
//! whole [`LexiconSet`], so the counting rules (exclude vetoes, overlaps) apply exactly as in a scan.

use super::{Matcher, Scratch};
use crate::error::Result;
use crate::lexicon::LexiconSet;

/// The outcome of running every example of a lexicon set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleReport {
    /// Examples and counter-examples that behaved as written.
    pub passed: usize,
    /// The others, in file order.
    pub failures: Vec<ExampleFailure>,
}

/// An example without a hit of its motif, or a counter-example with one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Index into [`LexiconSet::examples`].
    pub example: usize,
    /// The text of each hit of the motif (empty for an example that found none).
    pub matched: Vec<String>,
}

/// Runs every example and counter-example of `lexicons` through the matcher.
pub fn test_examples(lexicons: &LexiconSet) -> Result<ExampleReport> {
    let matcher = Matcher::new(lexicons)?;
    let mut scratch = Scratch::default();
    let mut report = ExampleReport::default();
    for (index, example) in lexicons.examples.iter().enumerate() {
        let scan = matcher.scan(&example.text, &mut scratch);
        let matched: Vec<String> = scan
            .hits
            .iter()
            .chain(&scan.cues)
            .filter(|hit| hit.motif == example.motif)
            .map(|hit| example.text[hit.start..hit.end].to_string())
            .collect();
        if matched.is_empty() == example.counter {
            report.passed += 1;
        } else {
            report.failures.push(ExampleFailure { example: index, matched });
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{check_sources, LexiconSource};

    #[test]
    fn examples_and_counter_examples_run_through_the_matcher() {
        let text = r#"name = "t"
language = "en"
version = 1
[[frames]]
id = "f"
label = "F"
[[frames.motifs]]
id = "roots"
label = "Roots"
patterns = ["(common|shared) history"]
exclude = ["common history textbook*"]
examples = ["We share a common history.", "No shared roots here."]
counter_examples = [
  "A common history textbook was published.",
  "History is common.",
  "Our shared history matters.",
]
"#;
        let set = check_sources(&[LexiconSource { name: "t.toml".into(), text: text.into() }]).unwrap();
        assert_eq!(set.examples.len(), 5);
        assert_eq!(set.examples[2].line, 14);
        let report = test_examples(&set).unwrap();
        assert_eq!(report.passed, 3);
        let failed: Vec<(usize, usize, Vec<String>)> =
            report.failures.iter().map(|f| (f.example, set.examples[f.example].line, f.matched.clone())).collect();
        assert_eq!(failed, [(1, 12, vec![]), (4, 16, vec!["shared history".to_string()])]);
    }
}
