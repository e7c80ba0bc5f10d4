//! `leitmotif resolve`: phase two of two-phase reuse detection. On one machine it reads the sorted
//! output of `shingles --docs` and writes `passages.csv`; in a cluster, `--grouped` runs the
//! targets the driver hands it (rows grouped by target) and `--finish` numbers the clusters of all
//! their passages.

use super::args::OutputFormat;
use super::exit::Exit;
use super::interrupt::abandon_on_signal;
use super::say;
use clap::Args;
use leitmotif::lexicon::LexiconSet;
use leitmotif::output::{utc_now, RunInfo, TableFiles};
use leitmotif::reuse::two_phase::{passages_table, read_passage_rows, resolve_grouped, resolve_local};
use std::io::{BufRead, Write};
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  # on one machine: the same passages.csv as `leitmotif reuse corpus --order-by date`
  leitmotif shingles corpus --order-by date --docs | LC_ALL=C sort -S 25% \\
    | leitmotif resolve --out reuse

  # in a cluster, per partition of rows clustered by group (examples/spark/reuse_job.py)
  leitmotif resolve --grouped
  # then, over all passage rows on one partition
  leitmotif resolve --finish --stdout

Without --grouped or --finish: reads shingle and doc rows sorted with `LC_ALL=C sort` (a hash's
rows together) and writes DIR/passages.csv. --grouped reads rows `group, target, seed|doc|hold, a, b` (a
group's rows together) and writes per target either `passage, target, JSON` rows or `need-doc`/`need-hash` rows. --finish
reads passage rows and writes DIR/passages.csv (or, with --stdout, passages as JSON lines).";

#[derive(Args, Debug)]
pub struct ResolveArgs {
    /// Rows to read (`-`: standard input)
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: PathBuf,

    /// Read rows grouped by target (a cluster's partition) and write passage or need rows
    #[arg(long, conflicts_with = "finish")]
    pub grouped: bool,

    /// Read passage rows of all targets, number clusters and write the passages
    #[arg(long)]
    pub finish: bool,

    /// Shared stretches shorter than this many words are not reported (as `reuse --min-words`)
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub min_words: usize,

    /// Write the passages as JSON lines on standard output instead of files
    #[arg(long, conflicts_with = "grouped")]
    pub stdout: bool,

    /// Output directory
    #[arg(long, short = 'o', value_name = "DIR", default_value = "leitmotif-out")]
    pub out: PathBuf,

    /// Output formats, any of csv, jsonl
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST", default_value = "csv")]
    pub format: Vec<OutputFormat>,

    /// Replace output-named files in the output directory that leitmotif did not write
    #[arg(long)]
    pub force: bool,

    /// No summary line
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Worker threads on one machine (0: one per core)
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

/// Runs the parallel parts on `threads` workers (0: one per core).
pub fn use_threads(threads: usize) -> anyhow::Result<()> {
    if threads > 0 {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build_global()?;
    }
    Ok(())
}

pub fn run(args: ResolveArgs) -> anyhow::Result<Exit> {
    use_threads(args.threads)?;
    let min_words = args.min_words.max(1);
    let name = args.input.display().to_string();
    let input: Box<dyn BufRead> = if args.input.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(&args.input).map_err(|e| anyhow::anyhow!("{name}: cannot open: {e}"))?;
        Box::new(std::io::BufReader::with_capacity(1 << 16, file))
    };
    let clock = std::time::Instant::now();
    if args.grouped {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let stats = resolve_grouped(input, &name, &mut out, min_words)?;
        out.flush()?;
        if !args.quiet {
            say(format_args!(
                "{} groups, {} targets, {} complete ({} passages), {} need more in {:.2} s",
                stats.groups,
                stats.targets,
                stats.complete,
                stats.passages,
                stats.targets - stats.complete,
                clock.elapsed().as_secs_f64()
            ));
        }
        return Ok(Exit::Success);
    }
    let started = utc_now();
    let (rows, summary) = if args.finish {
        let rows = read_passage_rows(input, &name)?;
        let summary = format!("{} passage rows", rows.len());
        (rows, summary)
    } else {
        let run = resolve_local(input, &name, min_words)?;
        let summary = format!(
            "{} documents, {} shingle rows, {} targets ({} rounds asked for more)",
            run.documents, run.shingles, run.targets, run.rounds_with_needs
        );
        (run.passages, summary)
    };
    let table = passages_table(rows)?;
    let passages = table.rows.len();
    if args.stdout {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        leitmotif::output::formats::write_json_lines(&table, &mut out, std::path::Path::new("<standard output>"))?;
        out.flush()?;
    } else {
        let formats = super::args::formats_of(&args.format);
        let files = TableFiles::create(&args.out, &LexiconSet::default(), formats, false, args.force, false)?;
        abandon_on_signal(files.abort_handle())?;
        let facts = vec![
            ("version".into(), format!("leitmotif {}", env!("CARGO_PKG_VERSION"))),
            ("command line".into(), std::env::args().collect::<Vec<_>>().join(" ")),
            ("date".into(), started.clone()),
            ("recycled passages".into(), passages.to_string()),
        ];
        for note in files.commit(vec![table], &RunInfo { facts, errors: Vec::new(), started })? {
            say(format_args!("leitmotif: note: {note}"));
        }
    }
    if !args.quiet {
        say(format_args!("{summary}: {passages} passages in {:.2} s", clock.elapsed().as_secs_f64()));
    }
    Ok(Exit::Success)
}
