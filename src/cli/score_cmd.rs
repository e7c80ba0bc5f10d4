//! `leitmotif score`: a filter for distributed engines. JSONL documents on standard input, one score
//! row per input record on standard output, in input order; messages only on standard error.

use super::args::{LexiconFormatArg, ReadArgs, RowsBy, TranscriptArgs};
use super::scan_cmd::{model_threshold, read_options, saved_model, transcript_options};
use super::{say, Exit};
use clap::Args;
use leitmotif::corpus::Input;
use leitmotif::output::{score_schema, Kind, ScoreFormat, ScoreRows};
use leitmotif::pipeline::{run_scan, FramingConfig, ModelUse, NoProgress, ScanConfig};
use leitmotif::score::FramingOptions;
use leitmotif::wording::plural;
use std::io::Write;

pub const EXAMPLES: &str = "\
Examples:
  # scores of each speech, one JSON object per line
  zcat ungdc.jsonl.gz | leitmotif score > scores.jsonl

  # tab-separated rows for Spark's TRANSFORM, with the year kept, framed by a saved model
  leitmotif score --format tsv --keep year --model model.json < part-00000.jsonl

  # the columns and their Spark SQL types, for TRANSFORM ... AS (...)
  leitmotif score --schema --keep year

Reads JSONL on standard input to its end and writes exactly one row per input line (blank lines
aside) in input order: the figures of documents.csv, or, for a record that cannot be read, empty
figures and the message in the last column, `error`. The figures do not depend on the other
documents, so any split of a corpus gives the same rows: segments are framed by hits and cues, and
by the corpus model only when one is given with --model (train it once with
`leitmotif scan --save-model`). Exit code 0: every row written (rows with errors included);
2: nothing could be done (bad options, unreadable lexicon or model, a write error).";

#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// Lexicon file or directory of .toml files (repeatable); default: the bundled lexicons
    #[arg(long = "lexicon", short = 'l', value_name = "PATH")]
    pub lexicons: Vec<std::path::PathBuf>,

    /// Read every --lexicon file in this format instead of guessing it from the extension
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub lexicon_format: Option<LexiconFormatArg>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Row format: JSON lines, or tab-separated values without a header (`\t`, `\n`, `\r`, `\\`
    /// escaped inside text, `\N` for an empty number)
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "jsonl")]
    pub format: ScoreFormatArg,

    /// Input fields to copy into each row after doc_id, comma-separated: --keep year,country
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub keep: Vec<String>,

    /// Print the columns with their Spark SQL types (`doc_id STRING, words BIGINT, …`) and exit
    #[arg(long)]
    pub schema: bool,

    #[command(flatten)]
    pub transcripts: TranscriptArgs,

    /// Frame segments without the lexicons' cue terms
    #[arg(long)]
    pub no_cues: bool,

    /// Frame segments without hits or cues with a model saved by `scan --save-model`
    #[arg(long, value_name = "FILE")]
    pub model: Option<std::path::PathBuf>,

    /// Probability the --model needs to frame a segment [default: 0.8]
    #[arg(long, value_name = "P", requires = "model")]
    pub model_threshold: Option<f64>,

    /// Worker threads (0: one per core); the rows are the same at any number
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// No summary line on standard error
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// The row format of `--format`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreFormatArg {
    Jsonl,
    Tsv,
}

pub fn run(args: ScoreArgs) -> anyhow::Result<Exit> {
    let lexicons = super::lexicon_cmd::load(&args.lexicons, args.lexicon_format)?;
    if args.schema {
        let columns: Vec<String> = score_schema(&lexicons, &args.keep)
            .columns
            .iter()
            .map(|column| format!("{} {}", column.name, spark_type(column.kind)))
            .collect();
        writeln!(std::io::stdout(), "{}", columns.join(", "))?;
        return Ok(Exit::Success);
    }
    if args.transcripts.by == RowsBy::Speaker {
        anyhow::bail!("score writes one row per document; --by speaker needs `leitmotif scan`");
    }
    let config = ScanConfig {
        read: read_options(&args.read),
        threads: args.threads,
        transcripts: transcript_options(&args.transcripts)?,
        framing: framing(&args, &lexicons)?,
        hit_rows: false,
        merge_repeated_errors: false,
        ..ScanConfig::new(vec![Input::Stdin])
    };
    let format = match args.format {
        ScoreFormatArg::Jsonl => ScoreFormat::Jsonl,
        ScoreFormatArg::Tsv => ScoreFormat::Tsv,
    };
    let stdout = std::io::BufWriter::with_capacity(256 * 1024, std::io::stdout());
    let mut rows = ScoreRows::new(stdout, format, &lexicons, &args.keep);
    let report = run_scan(&config, &lexicons, &mut rows, &NoProgress)?;
    let written = rows.rows();
    rows.into_inner()?;
    if !args.quiet {
        let stats = &report.stats;
        say(format_args!(
            "leitmotif score: {} = {} + {}; {}, {} in {:.2} s",
            plural(written, "row", "rows"),
            plural(stats.documents, "document", "documents"),
            plural(report.error_rows, "error", "errors"),
            plural(stats.words, "word", "words"),
            plural(stats.hits, "hit", "hits"),
            report.elapsed.as_secs_f64()
        ));
    }
    Ok(Exit::Success)
}

/// Hits and cues; the corpus model only when one is given (a model trained on each part of a
/// corpus would make the rows depend on how the corpus was split).
fn framing(args: &ScoreArgs, lexicons: &leitmotif::lexicon::LexiconSet) -> anyhow::Result<FramingConfig> {
    let options = FramingOptions { cues: !args.no_cues, ..FramingOptions::default() };
    let threshold = model_threshold(args.model_threshold)?;
    let model = match &args.model {
        Some(path) => saved_model(path, lexicons, threshold)?,
        None => ModelUse::Off,
    };
    Ok(FramingConfig { options, model })
}

/// The Spark SQL type of a column of `kind`.
fn spark_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Text | Kind::Metadata | Kind::List => "STRING",
        Kind::Integer => "BIGINT",
        Kind::Number | Kind::Share => "DOUBLE",
        Kind::Bool => "BOOLEAN",
    }
}
