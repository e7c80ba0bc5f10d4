//! `leitmotif lexicon coverage`: scan a corpus and write what each motif and pattern finds
//! (coverage.csv) and a sample of hits to judge (sample.csv); with `--judged`, read a judged
//! sample back and report precision per motif and frame (stdout and precision.csv).

use super::args::{LexiconFormatArg, ReadArgs, TableRunArgs};
use super::interrupt::abandon_on_signal;
use super::progress::Bar;
use super::scan_cmd::{
    excel_without_csv, inputs, nothing_read, print_errors, read_options, refuse_format_names, run_info, warnings_note,
};
use super::{say, Exit};
use clap::Args;
use leitmotif::coverage::{precision_table, read_judged, run_coverage, CoverageOptions, DateField, Judged, MARKS};
use leitmotif::lexicon::LexiconSet;
use leitmotif::output::{output_names, utc_now, Cell, RunInfo, TableFiles};
use leitmotif::pipeline::{FramingConfig, ModelUse, ScanConfig};
use leitmotif::wording::plural;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const EXAMPLES: &str = "\
Examples:
  # what the bundled lexicons find in UN speeches, and 20 hits per motif to judge
  leitmotif lexicon coverage ungdc.jsonl.gz --out coverage --threads 2

  # your lexicon, 50 hits per motif, another seed, dates from the field 'session'
  leitmotif lexicon coverage speeches.csv --lexicon mine.toml --sample 50 --seed 7 --date-field session

  # precision, once the judgement column of a copy of sample.csv is filled in (y / n / ?)
  leitmotif lexicon coverage --judged judged.csv --out precision

Writes DIR/coverage.csv (per motif, then per pattern: docs, hits, frame_share, first_date,
last_date; patterns that found nothing have 0), DIR/sample.csv (doc_id, date, speaker, frame, motif,
pattern, left, matched, right and an empty judgement column) and DIR/errors.csv. Judgements: y, yes,
1, true, + (correct); n, no, 0, false, - (wrong); empty or ? (not judged, left out). With --judged:
DIR/precision.csv and the same table on standard output, with 95% Wilson intervals.";

#[derive(Args, Debug)]
pub struct CoverageArgs {
    /// Files or directories to scan, as for `scan` (not with --judged)
    #[arg(value_name = "INPUT", required_unless_present = "judged", conflicts_with = "judged")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Lexicon file or directory of .toml files (repeatable); default: the bundled lexicons
    #[arg(long = "lexicon", short = 'l', value_name = "PATH")]
    pub lexicons: Vec<PathBuf>,

    /// Read every --lexicon file in this format instead of guessing it from the extension
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub lexicon_format: Option<LexiconFormatArg>,

    /// Hits sampled per motif for sample.csv
    #[arg(long, value_name = "N", default_value_t = leitmotif::coverage::DEFAULT_SAMPLE)]
    pub sample: usize,

    /// Seed of the sample: the same seed draws the same hits, at any --threads
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,

    /// Metadata field with the date of a document [default: date, else year]
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,

    /// A judged sample.csv: report precision per motif and frame instead of scanning
    #[arg(long, value_name = "FILE")]
    pub judged: Option<PathBuf>,

    #[command(flatten)]
    pub run: TableRunArgs,
}

pub fn run(args: CoverageArgs) -> anyhow::Result<Exit> {
    if let Some(judged) = &args.judged {
        return precision(&args, judged);
    }
    refuse_format_names(&args.inputs, &args.run.format)?;
    let lexicons = super::lexicon_cmd::load(&args.lexicons, args.lexicon_format)?;
    let mut warnings = excel_without_csv(args.run.excel, &args.run.format);
    let config = ScanConfig {
        read: read_options(&args.read),
        threads: args.run.threads,
        output_dir: Some(args.run.out.clone()),
        framing: FramingConfig { model: ModelUse::Off, ..FramingConfig::default() },
        ..ScanConfig::new(inputs(&args.inputs))
    };
    let options = CoverageOptions {
        sample: args.sample,
        seed: args.seed,
        date: args.date_field.clone().map_or(DateField::DateOrYear, DateField::Field),
    };
    let started = utc_now();
    let run = &args.run;
    let mut files = TableFiles::create(&run.out, &lexicons, run.formats(), run.excel, run.force, true)?;
    abandon_on_signal(files.abort_handle())?;
    let bar = Bar::new(run.quiet);
    let result = run_coverage(&config, &lexicons, &options, &mut |e| files.error(e), &bar);
    bar.finish();
    let coverage = result?;
    let documents = coverage.report.stats.documents;
    warnings += print_errors(&coverage.report, &config, documents > 0);
    nothing_read(documents, coverage.report.stats.errors, &run.out)?;
    let mut info = run_info(&config, &lexicons, &coverage.report, &started);
    info.facts.push(("sample".into(), format!("{} hits per motif, seed {}", args.sample, args.seed)));
    info.facts.push(("warnings".into(), warnings.to_string()));
    let silent_motifs =
        coverage.coverage.rows.iter().filter(|r| r[2] == Cell::Text(String::new()) && r[5] == Cell::Int(0)).count();
    let silent_patterns =
        coverage.coverage.rows.iter().filter(|r| r[2] != Cell::Text(String::new()) && r[5] == Cell::Int(0)).count();
    let sampled = coverage.sample.rows.len();
    let stats = &coverage.report.stats;
    let errors = stats.errors;
    for note in files.commit(vec![coverage.coverage, coverage.sample], &info)? {
        say(format_args!("leitmotif: note: {note}"));
    }
    if !run.quiet {
        say(format_args!(
            "{} = {} + {}; {}, {}; {} of {} motifs and {} of {} patterns found nothing; {} sampled in {:.2} s{} → {}",
            plural(stats.documents + errors, "input", "inputs"),
            plural(stats.documents, "document", "documents"),
            plural(errors, "error", "errors"),
            plural(stats.words, "word", "words"),
            plural(stats.hits, "hit", "hits"),
            silent_motifs,
            lexicons.motifs.len(),
            silent_patterns,
            lexicons.patterns.iter().filter(|p| p.is_match()).count(),
            plural(sampled, "hit", "hits"),
            coverage.report.elapsed.as_secs_f64(),
            warnings_note(warnings),
            run.out.display()
        ));
    }
    Ok(if errors > 0 { Exit::Partial } else { Exit::Success })
}

/// `--judged`: precision per motif and frame.
fn precision(args: &CoverageArgs, path: &Path) -> anyhow::Result<Exit> {
    refuse_judged_in_out(path, &args.run.out)?;
    let judged = read_judged(path)?;
    for (line, mark) in &judged.unknown {
        let accepted: Vec<&str> = MARKS.iter().map(|(m, _)| *m).filter(|m| !m.is_empty()).collect();
        say(format_args!(
            "leitmotif: {}:{line}: unknown judgement '{mark}' (accepted: {}, or empty); counted as not judged",
            path.display(),
            accepted.join(", ")
        ));
    }
    print_precision(&judged)?;
    let run = &args.run;
    let files = TableFiles::create(&run.out, &LexiconSet::default(), run.formats(), run.excel, run.force, false)?;
    abandon_on_signal(files.abort_handle())?;
    let started = utc_now();
    let info = RunInfo {
        facts: vec![
            ("version".into(), format!("leitmotif {}", env!("CARGO_PKG_VERSION"))),
            ("command line".into(), std::env::args().collect::<Vec<_>>().join(" ")),
            ("date".into(), started.clone()),
            ("judged sample".into(), path.display().to_string()),
        ],
        errors: Vec::new(),
        started,
    };
    for note in files.commit(vec![precision_table(&judged)], &info)? {
        say(format_args!("leitmotif: note: {note}"));
    }
    Ok(if judged.unknown.is_empty() { Exit::Success } else { Exit::Partial })
}

/// A judged sample inside the output folder under an output name would be removed by the run.
fn refuse_judged_in_out(path: &Path, out: &Path) -> anyhow::Result<()> {
    let (Ok(file), Ok(dir)) = (path.canonicalize(), out.canonicalize()) else { return Ok(()) };
    let named_like_output = file.file_name().is_some_and(|n| output_names().iter().any(|o| n == o.as_str()));
    if file.parent() == Some(dir.as_path()) && named_like_output {
        anyhow::bail!(
            "{}: the judged sample is an output file of --out {} and would be removed by this run; \
             choose another --out (or copy the sample under another name)",
            path.display(),
            out.display()
        );
    }
    Ok(())
}

/// The precision table on standard output.
fn print_precision(judged: &Judged) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let width = |f: fn(&leitmotif::coverage::PrecisionRow) -> usize| judged.rows.iter().map(f).max().unwrap_or(0);
    let frame_width = width(|r| r.frame.chars().count()).max(5);
    let motif_width = width(|r| r.motif.chars().count()).max(5);
    writeln!(
        out,
        "{:<frame_width$}  {:<motif_width$}  {:>6}  {:>7}  {:>9}  {:>9}  95% interval",
        "frame", "motif", "judged", "correct", "unjudged", "precision"
    )?;
    for row in &judged.rows {
        let (precision, interval) = match (row.precision(), row.interval()) {
            (Some(p), Some((low, high))) => (format!("{p:.3}"), format!("{low:.3}–{high:.3}")),
            _ => ("-".to_string(), "-".to_string()),
        };
        writeln!(
            out,
            "{:<frame_width$}  {:<motif_width$}  {:>6}  {:>7}  {:>9}  {:>9}  {interval}",
            row.frame,
            row.motif,
            row.judged(),
            row.correct,
            row.unjudged,
            precision
        )?;
    }
    Ok(())
}
