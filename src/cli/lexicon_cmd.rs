//! `leitmotif lexicon check` and `leitmotif lexicon list`.

use super::args::{CheckArgs, ListArgs};
use super::scan_cmd::lexicons;
use super::Exit;
use leitmotif::lexicon::load_paths;
use leitmotif::scan::Matcher;
use leitmotif::ErrorKind;
use std::io::Write;

/// Loads and validates the lexicons, then compiles them exactly as `scan` does (the scanner's
/// `Matcher`), so that a lexicon `check` approves also scans; problems of either step are
/// printed at their `file:line:col`.
pub fn check(args: CheckArgs) -> anyhow::Result<Exit> {
    let checked = load_paths(&args.paths).and_then(|set| Matcher::new(&set).map(|_| set));
    match checked {
        Ok(set) => {
            let patterns = set.pattern_counts().iter().sum::<usize>();
            println!(
                "ok: {} lexicons, {} frames, {} motifs, {} patterns",
                set.lexicons.len(),
                set.frames.len(),
                set.motifs.len(),
                patterns
            );
            Ok(Exit::Success)
        }
        Err(error) => match error.kind() {
            ErrorKind::Lexicon(diagnostics) => {
                let mut out = std::io::stdout().lock();
                for diagnostic in diagnostics {
                    writeln!(out, "{diagnostic}")?;
                }
                eprintln!("leitmotif: {} problems found", diagnostics.len());
                Ok(Exit::Partial)
            }
            _ => Err(error.into()),
        },
    }
}

pub fn list(args: ListArgs) -> anyhow::Result<Exit> {
    let set = lexicons(&args.lexicons)?;
    let counts = set.pattern_counts();
    let mut out = std::io::stdout().lock();
    for lexicon in &set.lexicons {
        writeln!(
            out,
            "lexicon {} ({}, version {}) from {}",
            lexicon.name, lexicon.language, lexicon.version, lexicon.source
        )?;
    }
    for (index, frame) in set.frames.iter().enumerate() {
        writeln!(out, "\n{}  {}", frame.id, frame.label)?;
        for (motif_index, motif) in set.motifs.iter().enumerate().filter(|(_, m)| m.frame == index) {
            writeln!(out, "  {:<32} {:>3} patterns  {}", motif.id, counts[motif_index], motif.label)?;
        }
    }
    Ok(Exit::Success)
}
