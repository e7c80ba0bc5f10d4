//! `leitmotif lexicon check` and `leitmotif lexicon list`, and the loading of `--lexicon` files
//! that every command shares: other formats are imported, and what an import could not convert
//! is printed on standard error.

use super::args::{CheckArgs, LexiconFormatArg, ListArgs};
use super::{say, Exit};
use anyhow::Context;
use leitmotif::error::Diagnostic;
use leitmotif::lexicon::{check_sources, lint_sources, load_bundled, read_sources, LexiconSet, ReadSources};
use leitmotif::scan::Matcher;
use leitmotif::wording::plural;
use leitmotif::{Error, ErrorKind};
use std::io::Write;
use std::path::PathBuf;

/// Reads lexicon files, importing other formats; prints each renamed id (`id <- original`) and
/// each line an import could not convert (`file:line: message`) on standard error.
pub fn read(paths: &[PathBuf], format: Option<LexiconFormatArg>) -> anyhow::Result<ReadSources> {
    let read = read_sources(paths, format.map(Into::into))?;
    for imported in &read.imports {
        for (id, original) in &imported.slugs {
            say(format_args!("{id} <- {original}"));
        }
        for note in &imported.notes {
            say(format_args!("{note}"));
        }
    }
    Ok(read)
}

/// Loads the lexicons named on the command line (importing other formats), or the bundled ones.
pub fn load(paths: &[PathBuf], format: Option<LexiconFormatArg>) -> anyhow::Result<LexiconSet> {
    if paths.is_empty() {
        return load_bundled().context("the bundled lexicons are invalid");
    }
    let read = read(paths, format)?;
    check_sources(&read.sources).map_err(|d| Error::new(ErrorKind::Lexicon(d)).into())
}

/// Loads and validates the lexicons, then compiles them exactly as `scan` does (the scanner's
/// `Matcher`), so that a lexicon `check` approves also scans; problems of either step are
/// printed at their `file:line:col`.
pub fn check(args: CheckArgs) -> anyhow::Result<Exit> {
    let read = read_sources(&args.paths, args.lexicon_format.map(Into::into))?;
    let mut out = std::io::stdout().lock();
    // Imported files are checked by their import (their TOML is generated, so lint would point
    // at lines nobody wrote).
    let imported: Vec<&str> = read.imports.iter().map(|i| i.file.as_str()).collect();
    let written: Vec<_> = read.sources.iter().filter(|s| !imported.contains(&s.name.as_str())).cloned().collect();
    let mut warnings = 0usize;
    for imported in &read.imports {
        for (id, original) in &imported.slugs {
            say(format_args!("{id} <- {original}"));
        }
        for note in &imported.notes {
            writeln!(out, "{}:{}: warning: {}", note.file, note.line, note.message)?;
            warnings += 1;
        }
    }
    // Compiled exactly as `scan` compiles it, so that what `check` approves also scans (a regex
    // set over the size limit is reported at its pattern).
    let result = check_sources(&read.sources).and_then(|set| match Matcher::new(&set) {
        Ok(_) => Ok(set),
        Err(error) => match error.kind() {
            ErrorKind::Lexicon(diagnostics) => Err(diagnostics.clone()),
            _ => Err(vec![Diagnostic { file: String::new(), line: 0, column: 0, message: error.to_string() }]),
        },
    });
    if let Err(diagnostics) = &result {
        for diagnostic in diagnostics {
            writeln!(out, "{diagnostic}")?;
        }
    }
    for warning in lint_sources(&written) {
        let Diagnostic { file, line, column, message } = warning;
        writeln!(out, "{file}:{line}:{column}: warning: {message}")?;
        warnings += 1;
    }
    match result {
        Ok(set) => {
            let patterns = set.pattern_counts().iter().sum::<usize>();
            let cue_tables = set.motifs.iter().filter(|m| m.cue).count();
            let cues = if cue_tables > 0 {
                format!(", {}", plural(cue_tables, "cue table", "cue tables"))
            } else {
                String::new()
            };
            writeln!(
                out,
                "ok: {}, {}, {}{cues}, {}, {}; {}",
                plural(set.lexicons.len(), "lexicon", "lexicons"),
                plural(set.frames.len(), "frame", "frames"),
                plural(set.motifs.len() - cue_tables, "motif", "motifs"),
                plural(patterns, "pattern", "patterns"),
                plural(set.examples.len(), "example", "examples"),
                plural(warnings, "warning", "warnings"),
            )?;
            if args.strict && warnings > 0 {
                say(format_args!("leitmotif: {} (--strict)", plural(warnings, "warning", "warnings")));
                return Ok(Exit::Partial);
            }
            Ok(Exit::Success)
        }
        Err(diagnostics) => {
            say(format_args!("leitmotif: {} found", plural(diagnostics.len(), "problem", "problems")));
            Ok(Exit::Partial)
        }
    }
}

pub fn list(args: ListArgs) -> anyhow::Result<Exit> {
    let set = load(&args.lexicons, args.lexicon_format)?;
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
