//! `leitmotif lexicon test`: runs every motif's examples and counter-examples through the matcher
//! (the same compile path as a scan) and prints each failure with the line of the example.

use super::args::TestArgs;
use super::lexicon_cmd::load;
use super::Exit;
use leitmotif::scan::test_examples;
use leitmotif::wording::plural;
use std::io::Write;

pub fn run(args: TestArgs) -> anyhow::Result<Exit> {
    let set = load(&args.paths, args.lexicon_format)?;
    let report = test_examples(&set)?;
    let mut out = std::io::stdout().lock();
    for failure in &report.failures {
        let example = &set.examples[failure.example];
        let file = &set.lexicons[example.lexicon].source;
        let motif = &set.motifs[example.motif].id;
        let sentence = one_line(&example.text);
        if example.counter {
            let matched: Vec<String> = failure.matched.iter().map(|m| format!("\"{}\"", one_line(m))).collect();
            let hits = if matched.len() == 1 { "hit" } else { "hits" };
            writeln!(
                out,
                "{file}:{}: {motif}: \"{sentence}\" — unexpected {hits} {}",
                example.line,
                matched.join(", ")
            )?;
        } else {
            writeln!(out, "{file}:{}: {motif}: \"{sentence}\" — expected a hit, got none", example.line)?;
        }
    }
    let counter = set.examples.iter().filter(|e| e.counter).count();
    let without = (0..set.motifs.len()).filter(|&m| !set.examples.iter().any(|e| e.motif == m && !e.counter)).count();
    let n = |count: usize, noun: &str| plural(count, noun, &format!("{noun}s"));
    writeln!(
        out,
        "{} and {} of {} in {} ({} without examples)",
        n(set.examples.len() - counter, "example"),
        n(counter, "counter-example"),
        n(set.motifs.len(), "motif"),
        n(set.lexicons.len(), "lexicon"),
        n(without, "motif")
    )?;
    writeln!(out, "examples: {} passed, {} failed", report.passed, report.failures.len())?;
    Ok(if report.failures.is_empty() { Exit::Success } else { Exit::Partial })
}

/// The text with every run of white space (line breaks included) shown as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
