//! `leitmotif scan`: options → [`ScanConfig`], run the pipeline into the CSV sink, print errors and
//! the summary line, choose the exit code.

use super::args::ScanArgs;
use super::progress::Bar;
use super::Exit;
use anyhow::Context;
use leitmotif::corpus::{Input, ReadOptions};
use leitmotif::lexicon::{load_bundled, load_paths, LexiconSet};
use leitmotif::output::CsvSink;
use leitmotif::pipeline::{run_scan, ScanConfig, ScanReport};
use std::path::PathBuf;

/// Loads the lexicons named on the command line, or the bundled ones.
pub fn lexicons(paths: &[PathBuf]) -> anyhow::Result<LexiconSet> {
    if paths.is_empty() {
        load_bundled().context("the bundled lexicons are invalid")
    } else {
        Ok(load_paths(paths)?)
    }
}

pub fn run(args: ScanArgs) -> anyhow::Result<Exit> {
    let lexicons = lexicons(&args.lexicons)?;
    let inputs = args
        .inputs
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Input::Stdin
            } else {
                Input::Path(p.clone())
            }
        })
        .collect();
    let config = ScanConfig {
        inputs,
        read: ReadOptions {
            id_field: args.id_field,
            text_field: args.text_field,
            id_column: args.id_column,
            text_column: args.text_column,
        },
        threads: args.threads,
    };
    let mut sink = CsvSink::create(&args.out, &lexicons)?;
    let bar = Bar::new(args.quiet);
    let report = run_scan(&config, &lexicons, &mut sink, &bar);
    bar.finish();
    let report = report?;
    print_errors(&report);
    if !args.quiet {
        eprintln!("{}", summary(&report, &args.out));
    }
    Ok(if report.stats.errors > 0 {
        Exit::Partial
    } else {
        Exit::Success
    })
}

fn print_errors(report: &ScanReport) {
    for path in &report.skipped {
        eprintln!(
            "leitmotif: skipped {}: unrecognised file type",
            path.display()
        );
    }
    for error in &report.errors {
        eprintln!("leitmotif: {error}");
    }
    let unlisted = report
        .stats
        .errors
        .saturating_sub(report.errors.len() as u64);
    if unlisted > 0 {
        eprintln!("leitmotif: … and {unlisted} more errors, all listed in errors.csv");
    }
}

fn summary(report: &ScanReport, out: &std::path::Path) -> String {
    let stats = &report.stats;
    format!(
        "{} documents, {} words, {} hits, {} errors in {:.2} s → {}",
        stats.documents,
        stats.words,
        stats.hits,
        stats.errors,
        report.elapsed.as_secs_f64(),
        out.display()
    )
}
