//! The clap definition of every subcommand and option, with worked examples in `--help`.

use clap::{Args, Parser, Subcommand};
use leitmotif::lexicon::import::LexiconFormat;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "leitmotif",
    version,
    about = "Rhetoric and framing detection: scan speech archives against lexicons of leitmotifs"
)]
pub struct Opts {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan a corpus and write per-document framing scores and every hit
    #[command(after_help = SCAN_EXAMPLES)]
    Scan(Box<ScanArgs>),
    /// Find recycled passages only (passages.csv, refrains.csv)
    #[command(after_help = REUSE_EXAMPLES)]
    Reuse(Box<ReuseCmdArgs>),
    /// Validate, test, list or import lexicons; measure their coverage and precision on a corpus
    #[command(after_help = LEXICON_EXAMPLES)]
    Lexicon {
        #[command(subcommand)]
        command: LexiconCommand,
    },
    /// Propose candidate leitmotifs: recurring phrases the lexicon does not cover (candidates.csv)
    #[command(after_help = super::discover_cmd::EXAMPLES)]
    Discover(Box<super::discover_cmd::DiscoverArgs>),
    /// Score JSONL documents from standard input to standard output, one row per document, for
    /// Spark's TRANSFORM, Hadoop streaming, Dask or Ray
    #[command(after_help = super::score_cmd::EXAMPLES)]
    Score(Box<super::score_cmd::ScoreArgs>),
    /// Two-phase reuse, phase one: one row per kept fingerprint, for a cluster to group by hash
    #[command(after_help = super::shingles_cmd::EXAMPLES)]
    Shingles(Box<super::shingles_cmd::ShinglesArgs>),
    /// Two-phase reuse, phase two: passages from the grouped shingle rows (passages.csv)
    #[command(after_help = super::resolve_cmd::EXAMPLES)]
    Resolve(Box<super::resolve_cmd::ResolveArgs>),
}

const SCAN_EXAMPLES: &str = "\
Examples:
  # the bundled sample corpus against the bundled lexicons
  leitmotif scan corpus --out results

  # UN General Debate speeches, your own lexicon, two worker threads
  leitmotif scan ungdc.jsonl.gz --lexicon my-lexicon.toml --out ungdc --threads 2

  # a CSV archive whose text is in the column 'body' and id in 'link'
  leitmotif scan kremlin.csv --text-column body --id-column link

  # JSONL from another program
  zcat speeches.jsonl.gz | leitmotif scan - --out results

  # with recycled passages, earliest by the 'date' field
  leitmotif scan corpus --reuse --order-by date --out results

  # a workbook and JSON lines besides the CSV files, and an HTML report
  leitmotif scan corpus --format csv,xlsx,jsonl --report --out results

  # frames per month (groups.csv), with the months compared in the report
  leitmotif scan kremlin.csv --text-column body --id-column link --group-by date:month --report

  # one row per speaker; only Putin's turns; speaker aliases from a file
  leitmotif scan kremlin.csv --text-column body --by speaker --speaker Putin --aliases aliases.toml

Writes DIR/documents.csv (one row per document, or per speaker), DIR/hits.csv (one row per
hit), DIR/segments.csv (the timeline: one row per segment) and DIR/errors.csv (records that
could not be read). Exit code 0: all read; 1: some records
failed (listed in errors.csv, all others written); 2: nothing done.";

const LEXICON_EXAMPLES: &str = "\
Examples:
  leitmotif lexicon check my-lexicon.toml
  leitmotif lexicon test lexicons/
  leitmotif lexicon list --lexicon lexicons/
  leitmotif lexicon import LIWC2015.dic --out liwc.toml
  leitmotif lexicon coverage ungdc.jsonl.gz --sample 20 --out coverage
  leitmotif lexicon coverage --judged judged-sample.csv --out precision";

/// Inputs and where their ids and texts are.
const REUSE_EXAMPLES: &str = "\
Examples:
  # passages each statement recycles from earlier ones, earliest by the 'date' field
  leitmotif reuse corpus --order-by date --out reuse

  # the same inside a full scan: hits.csv and documents.csv gain the reuse columns
  leitmotif scan corpus --reuse --order-by date --out results

  # UN speeches, earliest by year, longer passages only
  leitmotif reuse ungdc.jsonl.gz --order-by year --min-words 40

Writes DIR/passages.csv (one row per recycled passage, with its earliest source),
DIR/refrains.csv (passages repeated inside one document) and DIR/errors.csv.";

#[derive(Args, Debug)]
pub struct InputArgs {
    /// Files or directories (recursive) to read; `-` reads JSONL from standard input.
    /// .txt/.md: one document per file; .jsonl/.ndjson: one per line; .csv/.tsv: one per row;
    /// .srt/.vtt: one per file, timed by its cues; .gz and .zst on top of any of these are
    /// decompressed on the fly
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,
}

/// Where ids and texts are, and the size limit of one record.
#[derive(Args, Debug)]
pub struct ReadArgs {
    /// JSONL field holding the document id
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,

    /// JSONL field holding the text
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,

    /// CSV/TSV column holding the document id
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_column: String,

    /// CSV/TSV column holding the text
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_column: String,

    /// Largest record read: a JSONL line, a CSV/TSV row, or a whole .txt/.md/.srt/.vtt file
    /// (after decompression). A larger one is listed in errors.csv without being held in memory,
    /// and reading goes on with the next. In bytes, or with a suffix K, M or G (powers of 1024)
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_doc_bytes: u64,
}

/// A size in bytes: `4096`, `512K`, `64M`, `1G` (powers of 1024; `KiB`, `MiB`, `GiB` too).
fn parse_size(text: &str) -> Result<u64, String> {
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        _ => return Err(format!("'{text}' is not a size (bytes, or a number with K, M or G)")),
    };
    let number: u64 =
        digits.parse().map_err(|_| format!("'{text}' is not a size (bytes, or a number with K, M or G)"))?;
    match number.checked_mul(multiplier) {
        Some(0) => Err("must be at least 1 byte".into()),
        Some(size) => Ok(size),
        None => Err(format!("'{text}' is too large")),
    }
}

/// How the run goes: output, threads, messages.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Output directory
    #[arg(long, short = 'o', value_name = "DIR", default_value = "leitmotif-out")]
    pub out: PathBuf,

    /// Worker threads (0: one per core)
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// No progress bar and no summary line
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Output formats, any of csv, xlsx (one workbook leitmotif.xlsx), jsonl, parquet (one file per
    /// table, typed)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST", default_value = "csv")]
    pub format: Vec<OutputFormat>,

    /// Start CSV files with a UTF-8 byte-order mark, so that Excel on Windows reads Cyrillic
    #[arg(long)]
    pub excel: bool,

    /// Also write report.html: a self-contained page with charts, top motifs, recycled passages
    /// and timelines
    #[arg(long)]
    pub report: bool,

    /// Replace output-named files in the output directory that leitmotif did not write (by default
    /// the run refuses to start); other files there are never touched
    #[arg(long)]
    pub force: bool,
}

/// Where the tables of `lexicon coverage` and `discover` go: no report, no reuse.
#[derive(Args, Debug)]
pub struct TableRunArgs {
    /// Output directory
    #[arg(long, short = 'o', value_name = "DIR", default_value = "leitmotif-out")]
    pub out: PathBuf,

    /// Worker threads (0: one per core)
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// No progress bar and no summary line
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Output formats, any of csv, xlsx (one workbook leitmotif.xlsx), jsonl, parquet (one file per
    /// table, typed)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST", default_value = "csv")]
    pub format: Vec<OutputFormat>,

    /// Start CSV files with a UTF-8 byte-order mark, so that Excel on Windows reads Cyrillic
    #[arg(long)]
    pub excel: bool,

    /// Replace output-named files in the output directory that leitmotif did not write
    #[arg(long)]
    pub force: bool,
}

impl TableRunArgs {
    /// The chosen formats.
    pub fn formats(&self) -> leitmotif::output::Formats {
        formats_of(&self.format)
    }
}

/// The library's choice of formats for the `--format` list.
pub fn formats_of(list: &[OutputFormat]) -> leitmotif::output::Formats {
    leitmotif::output::Formats {
        csv: list.contains(&OutputFormat::Csv),
        xlsx: list.contains(&OutputFormat::Xlsx),
        jsonl: list.contains(&OutputFormat::Jsonl),
        parquet: list.contains(&OutputFormat::Parquet),
    }
}

/// A format of the output tables.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Csv,
    Xlsx,
    Jsonl,
    Parquet,
}

/// Options of reuse detection.
#[derive(Args, Debug)]
pub struct ReuseArgs {
    /// Metadata field that orders the documents (ISO dates, years or numbers), so that "earliest"
    /// means earliest by it; ties and no field: input order
    #[arg(long, value_name = "FIELD")]
    pub order_by: Option<String>,

    /// Shared stretches shorter than this many words are not reported [default: 25]
    #[arg(long, value_name = "N")]
    pub min_words: Option<usize>,

    /// Keep the reuse index of a growing archive in this folder: documents it already holds (same
    /// id and text) are skipped, new ones are placed against the whole archive, and the index is
    /// updated when the run succeeds
    #[arg(long, value_name = "DIR")]
    pub index: Option<std::path::PathBuf>,

    /// With --index: start the index over from this run's documents
    #[arg(long)]
    pub rebuild: bool,
}

/// What a row of documents.csv is.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowsBy {
    Document,
    Speaker,
}

/// Speakers, segments and timing.
#[derive(Args, Debug)]
pub struct TranscriptArgs {
    /// One row per document, or per (document, speaker)
    #[arg(long, value_enum, value_name = "UNIT", default_value = "document")]
    pub by: RowsBy,

    /// Keep only the turns of this speaker (a name or its last words: "Putin")
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,

    /// Regex for a speaker label (without the colon) [default: capitalised words, initials, name particles]
    #[arg(long, value_name = "REGEX")]
    pub speaker_pattern: Option<String>,

    /// TOML file of speaker aliases: [speakers] "Vladimir Putin" = ["В.Путин", ...]
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,

    /// Speaking rate used to estimate seconds from words (subtitles use their timestamps)
    #[arg(long, value_name = "N", default_value_t = 150.0)]
    pub wpm: f64,
}

/// How timeline segments get their frames.
#[derive(Args, Debug)]
pub struct FramingArgs {
    /// Frame segments without the lexicons' cue terms
    #[arg(long)]
    pub no_cues: bool,

    /// Leave segments without hits or cues unframed instead of asking the corpus model
    #[arg(long)]
    pub no_model: bool,

    /// Probability the corpus model needs to frame a segment [default: 0.8]
    #[arg(long, value_name = "P", conflicts_with = "no_model")]
    pub model_threshold: Option<f64>,

    /// Frame with a model saved by --save-model instead of training one on this corpus
    #[arg(long, value_name = "FILE", conflicts_with = "no_model")]
    pub model: Option<PathBuf>,

    /// Save the model trained on this corpus (JSON), to frame other runs with --model
    #[arg(long, value_name = "FILE", conflicts_with_all = ["no_model", "model"])]
    pub save_model: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Lexicon file or directory of .toml files (repeatable); default: the bundled lexicons.
    /// .dic, .dicx, .yml/.yaml, .cat and .lc3 files are imported (see `lexicon import`)
    #[arg(long = "lexicon", short = 'l', value_name = "PATH")]
    pub lexicons: Vec<PathBuf>,

    /// Read every --lexicon file in this format instead of guessing it from the extension
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub lexicon_format: Option<LexiconFormatArg>,

    #[command(flatten)]
    pub run: RunArgs,

    #[command(flatten)]
    pub transcripts: TranscriptArgs,

    #[command(flatten)]
    pub framing: FramingArgs,

    /// Also detect recycled passages (passages.csv, refrains.csv, reuse columns)
    #[arg(long)]
    pub reuse: bool,

    #[command(flatten)]
    pub reuse_options: ReuseArgs,

    /// Add the documents' figures up per group into groups.csv: metadata fields, `speaker`, or a
    /// date field's month, quarter or year (`date:month`), comma-separated: --group-by country,year
    #[arg(long, value_name = "KEYS")]
    pub group_by: Option<String>,

    /// Write only these of the scan's tables, any of documents, hits, segments [default: all];
    /// `--tables documents` gives the scores alone and skips the cost of the hit rows
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    pub tables: Vec<ScanTable>,
}

/// A table of `scan` that `--tables` can leave out.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanTable {
    Documents,
    Hits,
    Segments,
}

#[derive(Args, Debug)]
pub struct ReuseCmdArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub run: RunArgs,

    #[command(flatten)]
    pub reuse_options: ReuseArgs,
}

#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// Validate lexicon files; prints every problem as file:line:col: message, then warnings
    #[command(after_help = "\
Examples:
  leitmotif lexicon check lexicons/
  leitmotif lexicon check --strict my-lexicon.toml other.toml

Warnings (file:line:col: warning: message): duplicate patterns, a pattern wholly containing another
of its motif, regexes that can never match, globs with fewer than 3 letters, stray spaces, motifs
without examples. Exit code 0: valid (warnings allowed unless --strict); 1: problems found (all are
printed), or warnings with --strict; 2: a file could not be read.")]
    Check(CheckArgs),
    /// Run every motif's examples and counter-examples through the matcher
    #[command(after_help = "\
Examples:
  leitmotif lexicon test lexicons/
  leitmotif lexicon test my-lexicon.toml

Prints each failure as file:line: motif: \"sentence\" — expected a hit, got none (or — unexpected
hit \"text\" for a counter-example), then a summary line. Exit code 0: all passed; 1: failures;
2: invalid lexicons.")]
    Test(TestArgs),
    /// List frames, motifs and pattern counts
    #[command(
        after_help = "Examples:\n  leitmotif lexicon list                       # the bundled lexicons\n  leitmotif lexicon list --lexicon my-lexicon.toml"
    )]
    List(ListArgs),
    /// Convert a LIWC, LIWC-22, quanteda YAML, WordStat or Lexicoder dictionary to a TOML lexicon
    #[command(after_help = "\
Examples:
  leitmotif lexicon import LIWC2015.dic --out liwc.toml
  leitmotif lexicon import policy.yml > policy.toml
  leitmotif lexicon import dictionary.txt --format lc3

Prints the TOML (or writes it to --out), every renamed id as `id <- original name` and every line
that was not converted as file:line: message on standard error. Exit code 0: everything converted;
1: some lines were not converted (the rest is written); 2: nothing could be converted.")]
    Import(ImportArgs),
    /// Hits and documents per motif and pattern on a corpus (coverage.csv), a sample of hits to
    /// judge (sample.csv); with --judged, precision per motif and frame (precision.csv)
    #[command(after_help = super::coverage_cmd::EXAMPLES)]
    Coverage(Box<super::coverage_cmd::CoverageArgs>),
}

/// A lexicon file format for --lexicon-format and --format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexiconFormatArg {
    /// leitmotif TOML
    Toml,
    /// LIWC .dic
    Dic,
    /// LIWC-22 .dicx (CSV)
    Dicx,
    /// quanteda dictionary YAML
    Yaml,
    /// WordStat .cat
    Cat,
    /// Lexicoder .lc3
    Lc3,
}

impl From<LexiconFormatArg> for LexiconFormat {
    fn from(format: LexiconFormatArg) -> LexiconFormat {
        match format {
            LexiconFormatArg::Toml => LexiconFormat::Toml,
            LexiconFormatArg::Dic => LexiconFormat::Dic,
            LexiconFormatArg::Dicx => LexiconFormat::Dicx,
            LexiconFormatArg::Yaml => LexiconFormat::Yaml,
            LexiconFormatArg::Cat => LexiconFormat::Cat,
            LexiconFormatArg::Lc3 => LexiconFormat::Lc3,
        }
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Lexicon files or directories of .toml files
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Fail (exit code 1) on warnings too
    #[arg(long)]
    pub strict: bool,

    /// Read every file in this format instead of guessing it from the extension
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub lexicon_format: Option<LexiconFormatArg>,
}

#[derive(Args, Debug)]
pub struct TestArgs {
    /// Lexicon files or directories of .toml files
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read every file in this format instead of guessing it from the extension
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub lexicon_format: Option<LexiconFormatArg>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Lexicon file or directory (repeatable); default: the bundled lexicons
    #[arg(long = "lexicon", short = 'l', value_name = "PATH")]
    pub lexicons: Vec<PathBuf>,

    /// Read every --lexicon file in this format instead of guessing it from the extension
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub lexicon_format: Option<LexiconFormatArg>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The dictionary to convert
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Its format; default: from the extension (.dic, .dicx, .yml/.yaml, .cat, .lc3)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<LexiconFormatArg>,

    /// Write the TOML lexicon here instead of standard output
    #[arg(long, short = 'o', value_name = "FILE.toml")]
    pub out: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("12 apples").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
