//! `leitmotif shingles`: phase one of two-phase reuse detection — one tab-separated row per kept
//! fingerprint of every document, for a cluster to group by hash (or for `sort` on one machine).

use super::args::ReadArgs;
use super::exit::Exit;
use super::say;
use super::scan_cmd::{inputs, read_options};
use clap::Args;
use leitmotif::error::RecordError;
use leitmotif::output::escape_tsv_cell;
use leitmotif::reuse::two_phase::{shingle_inputs, ShingleOptions, SCHEME, SHINGLE_COLUMNS};
use std::io::Write;
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  # on one machine: the same passages.csv as `leitmotif reuse corpus --order-by date`
  leitmotif shingles corpus --order-by date --docs | LC_ALL=C sort -S 25% \\
    | leitmotif resolve --out reuse

  # in a cluster (examples/spark/reuse_job.py): the driver adds the global input order
  ... TRANSFORM(json) USING 'leitmotif shingles - --order-by year --ordinal-field _ordinal'

  # the fingerprint scheme, to check that every executor runs the same one
  leitmotif shingles --scheme

Writes to standard output one row per kept fingerprint: hash (signed 64-bit), place (document
key and word position, 41 hex digits that sort earliest first), word position, character start
and end, document id (tab, newline, carriage return and backslash escaped as \\t \\n \\r \\\\).
With --docs, also one row per document: doc, document key, record (JSON). A record that cannot
be read is reported on standard error with its file and line (or, with --error-rows, written as a
row `error, file, line, , , message`) and the exit code is 1.";

#[derive(Args, Debug)]
pub struct ShinglesArgs {
    /// Files or directories to read, as `scan` reads them; `-` reads JSONL from standard input
    #[arg(value_name = "INPUT", required_unless_present = "scheme")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Metadata field that orders the documents (as `reuse --order-by`)
    #[arg(long, value_name = "FIELD")]
    pub order_by: Option<String>,

    /// Field holding each document's global input ordinal (a whole number, unique); without it
    /// documents are numbered 0, 1, 2, … in the order read
    #[arg(long, value_name = "FIELD")]
    pub ordinal_field: Option<String>,

    /// Also write one `doc` row per document (what `resolve` needs on one machine)
    #[arg(long)]
    pub docs: bool,

    /// Start with a row of column names
    #[arg(long)]
    pub header: bool,

    /// Write records that cannot be read as `error` rows on standard output (exit code 0)
    #[arg(long)]
    pub error_rows: bool,

    /// Print the fingerprint scheme and exit
    #[arg(long)]
    pub scheme: bool,

    /// Worker threads (0: one per core; 1 in a cluster task that has one core)
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

pub fn run(args: ShinglesArgs) -> anyhow::Result<Exit> {
    let stdout = std::io::stdout();
    if args.scheme {
        writeln!(stdout.lock(), "{SCHEME}")?;
        return Ok(Exit::Success);
    }
    super::resolve_cmd::use_threads(args.threads)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    if args.header {
        writeln!(out, "{}", SHINGLE_COLUMNS.join("\t"))?;
    }
    let options = ShingleOptions {
        order_by: args.order_by.clone(),
        ordinal_field: args.ordinal_field.clone(),
        doc_rows: args.docs,
    };
    let mut error_rows: Vec<RecordError> = Vec::new();
    let mut report = |error: &RecordError| {
        if args.error_rows {
            error_rows.push(error.clone());
        } else {
            say(format_args!("leitmotif: {error}"));
        }
    };
    let stats = shingle_inputs(&inputs(&args.inputs), &read_options(&args.read), &options, &mut out, &mut report)?;
    for error in &error_rows {
        writeln!(
            out,
            "error\t{}\t{}\t\t\t{}",
            escape_tsv_cell(&error.source),
            error.line,
            escape_tsv_cell(&error.message)
        )?;
    }
    out.flush()?;
    if stats.documents == 0 && stats.errors > 0 && !args.error_rows {
        anyhow::bail!("no document could be read ({} errors)", stats.errors);
    }
    Ok(if stats.errors > 0 && !args.error_rows { Exit::Partial } else { Exit::Success })
}
