//! `leitmotif discover`: propose candidate leitmotifs — recurring phrases the lexicon does not
//! cover — ranked by document frequency or by keyness against a reference corpus or the other
//! groups; writes candidates.csv and, with `--as-lexicon`, a draft TOML lexicon.

use super::args::{InputArgs, LexiconFormatArg, TableRunArgs};
use super::interrupt::abandon_on_signal;
use super::progress::Bar;
use super::scan_cmd::{excel_without_csv, inputs, nothing_read, read_options, refuse_format_names, warnings_note};
use super::{say, Exit};
use anyhow::Context;
use clap::Args;
use leitmotif::coverage::DateField;
use leitmotif::discover::{
    candidates_table, discover_phrases, draft_lexicon, reference_config, DiscoverOptions, Discovery, GroupBy, Rank,
};
use leitmotif::output::{utc_now, RunInfo, TableFiles};
use leitmotif::pipeline::{FramingConfig, ModelUse, ScanConfig};
use leitmotif::wording::plural;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const EXAMPLES: &str = "\
Examples:
  # phrases in at least 5 UN speeches that the bundled lexicons do not cover
  leitmotif discover ungdc.jsonl.gz --out discovered --threads 2

  # what Russia's speeches say more often than every other country's
  leitmotif discover ungdc.jsonl.gz --by country --group RUS --top 20 --out rus

  # Kremlin news against the UN speeches, with a draft lexicon to edit
  leitmotif discover kremlin.csv --text-column body --id-column link --reference ungdc.jsonl.gz \\
      --as-lexicon draft.toml --out kremlin

Writes DIR/candidates.csv (rank, [group,] phrase, words, docs, docs_share, ref_docs, ref_share, g2,
log_ratio, first_date, last_date, example_doc_id, left, matched, right) and DIR/errors.csv. Reads the
input three times (standard input cannot be used) and the reference once.";

/// The order of candidates.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankArg {
    /// Document frequency
    Docs,
    /// G² against the reference (or the other groups)
    Keyness,
}

#[derive(Args, Debug)]
pub struct DiscoverArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Lexicon file or directory of .toml files (repeatable): its hits are not candidates;
    /// default: the bundled lexicons
    #[arg(long = "lexicon", short = 'l', value_name = "PATH")]
    pub lexicons: Vec<PathBuf>,

    /// Read every --lexicon file in this format instead of guessing it from the extension
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub lexicon_format: Option<LexiconFormatArg>,

    /// Candidates per group: the value of a metadata field (field:NAME for a field called
    /// 'speaker'), or `speaker` for speaker turns; each group is compared with all the others
    #[arg(long, value_name = "FIELD|speaker")]
    pub by: Option<String>,

    /// With --by: only this group (repeatable)
    #[arg(long, value_name = "NAME", requires = "by")]
    pub group: Vec<String>,

    /// A reference corpus to compare with (repeatable; files or directories, read like the input)
    #[arg(long, value_name = "INPUT")]
    pub reference: Vec<PathBuf>,

    /// Fewest documents (of a group) a candidate must be found in
    #[arg(long, value_name = "N", default_value_t = leitmotif::discover::DEFAULT_MIN_DOCS)]
    pub min_docs: usize,

    /// Candidates kept (per group)
    #[arg(long, value_name = "K", default_value_t = leitmotif::discover::DEFAULT_TOP)]
    pub top: usize,

    /// Order of the candidates [default: keyness with --reference or --by, else docs]
    #[arg(long, value_enum, value_name = "ORDER")]
    pub rank: Option<RankArg>,

    /// Metadata field with the date of a document [default: date, else year]
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,

    /// Also write the candidates as a draft lexicon (TOML, with their examples)
    #[arg(long, value_name = "FILE.toml")]
    pub as_lexicon: Option<PathBuf>,

    #[command(flatten)]
    pub run: TableRunArgs,
}

pub fn run(args: DiscoverArgs) -> anyhow::Result<Exit> {
    refuse_format_names(&args.input.inputs, &args.run.format)?;
    let lexicons = super::lexicon_cmd::load(&args.lexicons, args.lexicon_format)?;
    let warnings = excel_without_csv(args.run.excel, &args.run.format);
    let config = ScanConfig {
        read: read_options(&args.input.read),
        threads: args.run.threads,
        output_dir: Some(args.run.out.clone()),
        framing: FramingConfig { model: ModelUse::Off, ..FramingConfig::default() },
        ..ScanConfig::new(inputs(&args.input.inputs))
    };
    let reference = (!args.reference.is_empty()).then(|| reference_config(&config, inputs(&args.reference)));
    let by = args.by.as_deref().map(|by| match by.strip_prefix("field:") {
        Some(field) => GroupBy::Field(field.to_string()),
        None if by == "speaker" => GroupBy::Speaker,
        None => GroupBy::Field(by.to_string()),
    });
    let options = DiscoverOptions {
        by,
        groups: args.group.clone(),
        min_docs: args.min_docs,
        top: args.top,
        rank: args.rank.map(|r| match r {
            RankArg::Docs => Rank::Docs,
            RankArg::Keyness => Rank::Keyness,
        }),
        date: args.date_field.clone().map_or(DateField::DateOrYear, DateField::Field),
        sketch_bits: None,
    };
    let started = utc_now();
    let run = &args.run;
    let mut files = TableFiles::create(&run.out, &lexicons, run.formats(), run.excel, run.force, true)?;
    abandon_on_signal(files.abort_handle())?;
    let bar = Bar::new(run.quiet);
    let clock = std::time::Instant::now();
    let result = discover_phrases(&config, reference.as_ref(), &lexicons, &options, &mut |e| files.error(e), &bar);
    bar.finish();
    let discovery = result?;
    let stats = &discovery.stats;
    for path in &stats.skipped {
        say(format_args!("leitmotif: skipped {}: unrecognised file type", path.display()));
    }
    for error in &stats.first_errors {
        say(format_args!("leitmotif: {error}"));
    }
    nothing_read(stats.documents, stats.errors, &run.out)?;
    let draft = match &args.as_lexicon {
        Some(path) => Some(stage_draft(path, &discovery)?),
        None => None,
    };
    let mut info = run_info(&args, &started, &discovery);
    info.facts.push(("warnings".into(), warnings.to_string()));
    for note in files.commit(vec![candidates_table(&discovery)], &info)? {
        say(format_args!("leitmotif: note: {note}"));
    }
    if let (Some(draft), Some(path)) = (draft, &args.as_lexicon) {
        draft.persist(path).with_context(|| format!("{}: cannot write the draft lexicon", path.display()))?;
    }
    if !run.quiet {
        say(format_args!("{}", summary(&discovery, clock.elapsed(), warnings, &run.out)));
    }
    Ok(if stats.errors > 0 { Exit::Partial } else { Exit::Success })
}

/// The draft lexicon, written next to its final name and moved there once the tables are written.
fn stage_draft(path: &Path, discovery: &Discovery) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_stem().map_or("discovered".into(), |s| s.to_string_lossy().into_owned());
    let mut file = tempfile::Builder::new()
        .prefix(".leitmotif-draft-")
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot write the draft lexicon", path.display()))?;
    file.write_all(draft_lexicon(&discovery.candidates, &name, "und").as_bytes())?;
    file.as_file().sync_all()?;
    Ok(file)
}

fn run_info(args: &DiscoverArgs, started: &str, discovery: &Discovery) -> RunInfo {
    let stats = &discovery.stats;
    let mut facts: Vec<(String, String)> = vec![
        ("version".into(), format!("leitmotif {}", env!("CARGO_PKG_VERSION"))),
        ("command line".into(), std::env::args().collect::<Vec<_>>().join(" ")),
        ("date".into(), started.to_string()),
    ];
    facts.extend(args.input.inputs.iter().map(|p| ("input".to_string(), p.display().to_string())));
    facts.extend(args.reference.iter().map(|p| ("reference".to_string(), p.display().to_string())));
    facts.extend([
        ("documents".into(), stats.documents.to_string()),
        ("units".into(), stats.units.to_string()),
        ("words".into(), stats.words.to_string()),
        ("errors".into(), stats.errors.to_string()),
        ("phrases counted exactly".into(), stats.counted.to_string()),
        ("phrases in at least --min-docs".into(), stats.frequent.to_string()),
        ("candidates".into(), discovery.candidates.len().to_string()),
    ]);
    for (pass, time) in &stats.passes {
        facts.push((format!("seconds: {pass}"), format!("{:.2}", time.as_secs_f64())));
    }
    RunInfo { facts, errors: stats.first_errors.iter().map(|e| e.to_string()).collect(), started: started.to_string() }
}

fn summary(discovery: &Discovery, elapsed: std::time::Duration, warnings: u64, out: &Path) -> String {
    let stats = &discovery.stats;
    let reference = stats
        .reference_documents
        .map_or(String::new(), |n| format!(" against {}", plural(n, "reference document", "reference documents")));
    let groups =
        if discovery.grouped { format!(" in {}", plural(stats.groups, "group", "groups")) } else { String::new() };
    let passes: Vec<String> =
        stats.passes.iter().map(|(pass, time)| format!("{pass} {:.1} s", time.as_secs_f64())).collect();
    format!(
        "{} = {} + {}; {}; {} sketched ({} MiB, {:.0}% empty), {} counted, {} frequent{groups}{reference}; {} in {:.2} s ({}){} → {}",
        plural(stats.documents + stats.errors, "input", "inputs"),
        plural(stats.documents, "document", "documents"),
        plural(stats.errors, "error", "errors"),
        plural(stats.words, "word", "words"),
        plural(stats.sketched, "phrase occurrence", "phrase occurrences"),
        stats.sketch_bytes >> 20,
        stats.sketch_empty * 100.0,
        plural(stats.counted, "phrase", "phrases"),
        stats.frequent,
        plural(discovery.candidates.len(), "candidate", "candidates"),
        elapsed.as_secs_f64(),
        passes.join(", "),
        warnings_note(warnings),
        out.display()
    )
}
