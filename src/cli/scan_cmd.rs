//! `leitmotif scan`: options → [`ScanConfig`], run the pipeline into the CSV sink, print errors and
//! the summary line, choose the exit code.

use super::args::{
    formats_of, FramingArgs, InputArgs, OutputFormat, ReadArgs, ReuseArgs, ReuseCmdArgs, RowsBy, RunArgs, ScanArgs,
    ScanTable, TranscriptArgs,
};
use super::interrupt::abandon_on_signal;
use super::progress::Bar;
use super::{say, Exit};
use anyhow::Context;
use leitmotif::corpus::{Input, ReadOptions};
use leitmotif::lexicon::LexiconSet;
use leitmotif::model::{Model, ModelOptions};
use leitmotif::output::{utc_now, GroupBy, OutputOptions, OutputSet, RunInfo, TableName, TableOptions};
use leitmotif::pipeline::{run_scan, FramingConfig, ModelUse, ScanConfig, ScanReport, TranscriptOptions};
use leitmotif::reuse::{Growth, ReuseIndex, ReuseOptions};
use leitmotif::score::FramingOptions;
use leitmotif::text::{AliasTable, SpeakerPattern};
use leitmotif::wording::plural;
use leitmotif::ErrorKind;
use std::sync::Arc;

pub fn run(args: ScanArgs) -> anyhow::Result<Exit> {
    if !args.reuse && (args.reuse_options.order_by.is_some() || args.reuse_options.min_words.is_some()) {
        anyhow::bail!("--order-by and --min-words need --reuse");
    }
    if !args.reuse && (args.reuse_options.index.is_some() || args.reuse_options.rebuild) {
        anyhow::bail!("--index and --rebuild need --reuse (the index holds what reuse detection places)");
    }
    let lexicons = super::lexicon_cmd::load(&args.lexicons, args.lexicon_format)?;
    let reuse = args.reuse.then(|| reuse_options(&args.reuse_options, &args.run.out)).transpose()?;
    let group_by = args.group_by.as_deref().map(GroupBy::parse).transpose()?;
    let mut transcripts = transcript_options(&args.transcripts)?;
    if group_by.as_ref().is_some_and(GroupBy::by_speaker) && !transcripts.by_speaker {
        transcripts.by_speaker = true;
        say(format_args!(
            "leitmotif: note: --group-by speaker adds up speakers' rows: documents.csv has a row per (document, speaker), as with --by speaker"
        ));
    }
    let speaker_rows = transcripts.by_speaker;
    let only = scan_tables(&args.tables, args.run.report)?;
    let tables = TableOptions { scan: true, reuse: args.reuse, speaker_rows, group_by, only };
    let framing = framing_config(&args.framing, &lexicons, &args.input.inputs, args.run.force)?;
    execute(&args.input, &args.run, &lexicons, reuse, transcripts, framing, tables)
}

/// The scan tables named by `--tables` (`None`: all of them); the report needs all three.
fn scan_tables(named: &[ScanTable], report: bool) -> anyhow::Result<Option<Vec<TableName>>> {
    if named.is_empty() {
        return Ok(None);
    }
    let tables: Vec<TableName> = named
        .iter()
        .map(|table| match table {
            ScanTable::Documents => TableName::Documents,
            ScanTable::Hits => TableName::Hits,
            ScanTable::Segments => TableName::Segments,
        })
        .collect();
    let missing: Vec<String> = [TableName::Documents, TableName::Hits, TableName::Segments]
        .into_iter()
        .filter(|table| !tables.contains(table))
        .map(|table| table.to_string())
        .collect();
    if report && !missing.is_empty() {
        anyhow::bail!(
            "--report draws on documents, hits and segments; add {} to --tables, or leave out --report",
            missing.join(" and ")
        );
    }
    Ok(Some(tables))
}

fn framing_config(
    args: &FramingArgs,
    lexicons: &LexiconSet,
    input_paths: &[std::path::PathBuf],
    force: bool,
) -> anyhow::Result<FramingConfig> {
    let options = FramingOptions { cues: !args.no_cues, ..FramingOptions::default() };
    let threshold = model_threshold(args.model_threshold)?;
    let model = if args.no_model {
        ModelUse::Off
    } else if let Some(path) = &args.model {
        saved_model(path, lexicons, threshold)?
    } else {
        if let Some(save) = &args.save_model {
            if input_paths.iter().any(|input| same_file(input, save)) {
                anyhow::bail!("--save-model {} is one of the inputs; choose another file", save.display());
            }
            if save.exists() && !force {
                anyhow::bail!("--save-model {} exists; use --force to replace it", save.display());
            }
        }
        ModelUse::Train {
            options: ModelOptions { threshold, ..ModelOptions::default() },
            save: args.save_model.clone(),
        }
    };
    Ok(FramingConfig { options, model })
}

/// `--model-threshold`, checked, or the default.
pub fn model_threshold(given: Option<f64>) -> anyhow::Result<f64> {
    let threshold = given.unwrap_or(ModelOptions::default().threshold);
    if !(threshold > 0.0 && threshold <= 1.0) {
        anyhow::bail!("--model-threshold must be a probability above 0 and at most 1, not {threshold}");
    }
    Ok(threshold)
}

/// The model saved at `path` (`--model`), for the frames of `lexicons`.
pub fn saved_model(path: &std::path::Path, lexicons: &LexiconSet, threshold: f64) -> anyhow::Result<ModelUse> {
    let frames: Vec<String> = lexicons.frames.iter().map(|f| f.id.clone()).collect();
    let model = Model::load(path, &frames, threshold)
        .with_context(|| format!("--model {}: cannot use it as a corpus model", path.display()))?;
    Ok(ModelUse::Given(Arc::new(model)))
}

/// Whether two paths name the same existing file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `leitmotif reuse`: the same pipeline with no lexicon, writing only the reuse tables.
pub fn run_reuse(args: ReuseCmdArgs) -> anyhow::Result<Exit> {
    let lexicons = LexiconSet::default();
    let reuse = Some(reuse_options(&args.reuse_options, &args.run.out)?);
    let tables = TableOptions { scan: false, reuse: true, speaker_rows: false, group_by: None, only: None };
    let framing = FramingConfig { model: ModelUse::Off, ..FramingConfig::default() };
    execute(&args.input, &args.run, &lexicons, reuse, TranscriptOptions::default(), framing, tables)
}

pub fn transcript_options(args: &TranscriptArgs) -> anyhow::Result<TranscriptOptions> {
    let mut options = TranscriptOptions::default();
    if let Some(pattern) = &args.speaker_pattern {
        options.speaker_pattern = SpeakerPattern::new(pattern).context("invalid --speaker-pattern")?;
    }
    if let Some(path) = &args.aliases {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        options.aliases = AliasTable::parse(&text, &path.display().to_string())?;
    }
    if !(args.wpm.is_finite() && args.wpm > 0.0) {
        anyhow::bail!("--wpm must be a positive number, not {}", args.wpm);
    }
    options.wpm = args.wpm;
    options.by_speaker = args.by == RowsBy::Speaker;
    options.only_speaker = args.speaker.clone();
    Ok(options)
}

/// The reuse options; with `--index`, the index is opened (and locked) here, before anything is
/// read.
fn reuse_options(args: &ReuseArgs, out: &std::path::Path) -> anyhow::Result<ReuseOptions> {
    let defaults = ReuseOptions::default();
    let min_words = args.min_words.unwrap_or(defaults.min_words).max(1);
    let index = match &args.index {
        Some(dir) => {
            refuse_index_in_output(dir, out)?;
            Some(Arc::new(ReuseIndex::open(dir, args.rebuild, args.order_by.as_deref(), min_words)?))
        }
        None if args.rebuild => anyhow::bail!("--rebuild needs --index DIR (the index to start over)"),
        None => None,
    };
    Ok(ReuseOptions { order_by: args.order_by.clone(), min_words, index })
}

/// The output folder is replaced whole by each run: an index inside it would be lost.
fn refuse_index_in_output(dir: &std::path::Path, out: &std::path::Path) -> anyhow::Result<()> {
    let absolute = |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (index, out) = (absolute(dir), absolute(out));
    if index.starts_with(&out) || out.starts_with(&index) {
        anyhow::bail!(
            "--index {} and --out {} overlap; keep the index in a folder of its own (each run replaces its output folder)",
            dir.display(),
            out.display()
        );
    }
    Ok(())
}

fn execute(
    input: &InputArgs,
    run: &RunArgs,
    lexicons: &LexiconSet,
    reuse: Option<ReuseOptions>,
    transcripts: TranscriptOptions,
    framing: FramingConfig,
    tables: TableOptions,
) -> anyhow::Result<Exit> {
    refuse_format_names(&input.inputs, &run.format)?;
    let mut warnings = excel_without_csv(run.excel, &run.format);
    let inputs = inputs(&input.inputs);
    let config = ScanConfig {
        inputs,
        read: read_options(&input.read),
        threads: run.threads,
        score: tables.scan,
        hit_rows: tables.needs_hit_rows(),
        reuse,
        transcripts,
        framing,
        output_dir: Some(run.out.clone()),
        work_dir: None,
        merge_repeated_errors: true,
    };
    let started = utc_now();
    let formats = formats_of(&run.format);
    let options = OutputOptions { formats, tables, report: run.report, byte_order_mark: run.excel, force: run.force };
    let mut output = OutputSet::create(&run.out, lexicons, options)?;
    let config = ScanConfig { work_dir: Some(output.scratch_dir()), ..config };
    abandon_on_signal(output.abort_handle())?;
    let bar = Bar::new(run.quiet);
    let report = run_scan(&config, lexicons, &mut output, &bar);
    bar.finish();
    let report = report.map_err(|error| unchanged(error, &run.out))?;
    let stats = &report.stats;
    warnings += print_errors(&report, &config, stats.documents > 0);
    let skipped = report.reuse.as_ref().and_then(|r| r.growth.as_ref()).map_or(0, |g| g.skipped);
    nothing_read(stats.documents + skipped, stats.errors, &run.out)?;
    let mut info = run_info(&config, lexicons, &report, &started);
    info.facts.push(("warnings".into(), warnings.to_string()));
    let committed = output.commit(&info).map_err(|error| match error.kind() {
        ErrorKind::Usage(_) => anyhow::Error::from(error),
        _ => unchanged(error, &run.out),
    });
    for note in committed? {
        say(format_args!("leitmotif: note: {note}"));
    }
    if let Some(index) = config.reuse.as_ref().and_then(|r| r.index.as_ref()) {
        index.commit().map_err(|error| {
            anyhow::anyhow!(
                "{error}\n  the output in {} is complete, but the reuse index was not updated: the next run places \
                 these documents again",
                run.out.display()
            )
        })?;
    }
    if !run.quiet {
        say(format_args!("{}", summary(&report, warnings, &run.out)));
    }
    Ok(if report.stats.errors > 0 { Exit::Partial } else { Exit::Success })
}

/// A run that stopped before the output folder changed: says so after the error.
fn unchanged(error: leitmotif::Error, out: &std::path::Path) -> anyhow::Error {
    anyhow::anyhow!("{error}\n  no output written; the previous results in {} are unchanged", out.display())
}

/// Where ids and texts are.
pub fn read_options(read: &ReadArgs) -> ReadOptions {
    ReadOptions {
        id_field: read.id_field.clone(),
        text_field: read.text_field.clone(),
        id_column: read.id_column.clone(),
        text_column: read.text_column.clone(),
        max_doc_bytes: read.max_doc_bytes,
    }
}

/// The inputs named on the command line (`-` is standard input).
pub fn inputs(paths: &[std::path::PathBuf]) -> Vec<Input> {
    paths.iter().map(|p| if p.as_os_str() == "-" { Input::Stdin } else { Input::Path(p.clone()) }).collect()
}

/// Provenance for the `run` sheet.
pub fn run_info(config: &ScanConfig, lexicons: &LexiconSet, report: &ScanReport, started: &str) -> RunInfo {
    let mut facts: Vec<(String, String)> = vec![
        ("version".into(), format!("leitmotif {}", env!("CARGO_PKG_VERSION"))),
        ("command line".into(), std::env::args().collect::<Vec<_>>().join(" ")),
        ("date".into(), started.to_string()),
        ("threads".into(), if config.threads == 0 { "one per core".into() } else { config.threads.to_string() }),
    ];
    for input in &config.inputs {
        let name = match input {
            Input::Path(path) => path.display().to_string(),
            Input::Stdin => "-".to_string(),
        };
        facts.push(("input".into(), name));
    }
    for lexicon in &lexicons.lexicons {
        facts.push((
            "lexicon".into(),
            format!(
                "{} {} ({}) from {}, content hash {}",
                lexicon.name, lexicon.version, lexicon.language, lexicon.source, lexicon.content_hash
            ),
        ));
    }
    let stats = &report.stats;
    facts.extend([
        ("inputs (documents + errors)".into(), (stats.documents + stats.errors).to_string()),
        ("documents".into(), stats.documents.to_string()),
        ("words".into(), stats.words.to_string()),
        ("hits".into(), stats.hits.to_string()),
        ("errors".into(), stats.errors.to_string()),
        ("elapsed seconds".into(), format!("{:.2}", report.elapsed.as_secs_f64())),
    ]);
    if let Some(model) = report.model.as_ref().filter(|m| m.trained) {
        facts.push((
            "corpus model training segments (per frame, then none)".into(),
            format!("{:?}", model.training_segments),
        ));
        facts.push(("segments framed by the corpus model".into(), model.framed.to_string()));
    }
    if let Some(reuse) = &report.reuse {
        facts.push(("recycled passages".into(), reuse.passages.to_string()));
        facts.push(("refrains".into(), reuse.refrains.to_string()));
    }
    if let (Some(growth), Some(index)) =
        (report.reuse.as_ref().and_then(|r| r.growth.as_ref()), config.reuse.as_ref().and_then(|r| r.index.as_ref()))
    {
        let how = if growth.created { "created by this run" } else { "added to" };
        facts.extend([
            ("reuse index".into(), format!("{} ({how})", index.dir().display())),
            ("documents already in the reuse index (skipped, not in these tables)".into(), growth.skipped.to_string()),
            ("new documents placed (in these tables)".into(), growth.new.to_string()),
            ("of them, new versions of archived documents".into(), growth.changed.to_string()),
            ("documents in the reuse index after this run".into(), growth.archived.to_string()),
        ]);
    }
    RunInfo { facts, errors: report.errors.iter().map(|e| e.to_string()).collect(), started: started.to_string() }
}

/// Prints what went wrong and what the options did not find; returns the number of warnings
/// (for the summary line). `listed`: errors.csv is written (the run was not abandoned).
pub fn print_errors(report: &ScanReport, config: &ScanConfig, listed: bool) -> u64 {
    let mut warnings = 0;
    for path in &report.skipped {
        say(format_args!("leitmotif: skipped {}: unrecognised file type", path.display()));
    }
    for error in &report.errors {
        say(format_args!("leitmotif: {error}"));
    }
    let unlisted = report.error_rows.saturating_sub(report.errors.len() as u64);
    if unlisted > 0 {
        let all = if listed { ", all listed in errors.csv" } else { "" };
        say(format_args!("leitmotif: … and {} more{all}", plural(unlisted, "error", "errors")));
    }
    if report.duplicates > 0 {
        warn(
            &mut warnings,
            format_args!(
                "{} an earlier id (all are written; join on doc_id with care): {}",
                plural(report.duplicates, "document repeats", "documents repeat"),
                report.duplicate_ids.join(", ")
            ),
        );
    }
    let read = &config.read;
    for (count, option, name, what) in [
        (report.missing_id_fields, "--id-field", &read.id_field, "field"),
        (report.missing_id_columns, "--id-column", &read.id_column, "column"),
    ] {
        if count > 0 {
            warn(
                &mut warnings,
                format_args!(
                    "{} no id in the {what} '{name}' ({option}: no such {what}, or an empty value); {} <file>:<line>",
                    plural(count, "document has", "documents have"),
                    if count == 1 { "its id is" } else { "their ids are" },
                ),
            );
        }
    }
    if let Some(speaker) = &config.transcripts.only_speaker {
        warnings += speaker_messages(report, speaker, config.transcripts.by_speaker);
    }
    if let Some(growth) = report.reuse.as_ref().and_then(|r| r.growth.as_ref()) {
        warnings += growth_messages(growth, config);
    }
    if let (Some(summary), Some(field)) = (&report.reuse, config.reuse.as_ref().and_then(|r| r.order_by.as_ref())) {
        let documents = report.stats.documents;
        if documents > 0 && summary.order_field_absent == documents {
            warn(
                &mut warnings,
                format_args!("no document has a field '{field}' (--order-by); every document counts in input order"),
            );
        } else if !summary.unordered.is_empty() {
            let shown: Vec<&str> = summary.unordered.iter().take(10).map(String::as_str).collect();
            let more = if summary.unordered.len() > shown.len() { ", …" } else { "" };
            warn(
                &mut warnings,
                format_args!(
                    "{} no usable '{field}' value (a date, year or number; {} without the field); \
                     {} as later than all others, in input order: {}{more}",
                    plural(summary.unordered.len(), "document has", "documents have"),
                    summary.order_field_absent,
                    if summary.unordered.len() == 1 { "it counts" } else { "they count" },
                    shown.join(", ")
                ),
            );
        }
    }
    warnings
}

/// What a run with `--index` did to the archive: notes, and warnings where the archive's own
/// passages are no longer what a run over all of it would give (returns the warnings).
fn growth_messages(growth: &Growth, config: &ScanConfig) -> u64 {
    let mut warnings = 0;
    let dir = config.reuse.as_ref().and_then(|r| r.index.as_ref()).map(|i| i.dir().display().to_string());
    let dir = dir.unwrap_or_default();
    if growth.changed > 0 {
        say(format_args!(
            "leitmotif: note: {} in the index {dir} with another text or order value: the new version replaces the old and is placed again",
            plural(growth.changed as u64, "document has an id", "documents have ids"),
        ));
    }
    if growth.new == 0 && growth.skipped > 0 {
        say(format_args!(
            "leitmotif: note: nothing new: every document is already in the index {dir}; the tables of this run are empty (--rebuild gives the whole archive's tables)"
        ));
    }
    if growth.earlier > 0 {
        let field = config.reuse.as_ref().and_then(|r| r.order_by.as_deref()).unwrap_or("input order");
        warn(
            &mut warnings,
            format_args!(
                "{} before {} of the index in the order ({field}): {} placed exactly, but the archived documents'                  passages are not placed again against {}, so some may now have an earlier source; run with                  --rebuild to place the whole archive again",
                plural(growth.earlier as u64, "new document comes", "new documents come"),
                plural(growth.archived_after as u64, "archived document", "archived documents"),
                if growth.earlier == 1 { "its passages are" } else { "their passages are" },
                if growth.earlier == 1 { "it" } else { "them" },
            ),
        );
    }
    if growth.stale > 0 {
        warn(
            &mut warnings,
            format_args!(
                "{} of archived documents came from a document now replaced by a new version and {} dropped from                  the index {dir}; run with --rebuild to place them again",
                plural(growth.stale as u64, "passage", "passages"),
                if growth.stale == 1 { "was" } else { "were" },
            ),
        );
    }
    warnings
}

/// What `--speaker` did: a warning when it matched no one, else a note saying what the rows hold.
fn speaker_messages(report: &ScanReport, speaker: &str, by_speaker: bool) -> u64 {
    let documents = report.stats.documents;
    let absent = report.speaker_absent;
    let mut warnings = 0;
    if documents == 0 {
        return warnings;
    }
    let of = plural(documents, "document", "documents");
    if absent == documents {
        let rows = if by_speaker { "documents.csv has no rows" } else { "every figure in documents.csv is 0" };
        let all = if documents == 1 { "the one document".to_string() } else { format!("any of the {of}") };
        warn(
            &mut warnings,
            format_args!(
                "--speaker '{speaker}' matched no speaker in {all}: {rows}, hits.csv and segments.csv are empty"
            ),
        );
    } else if by_speaker {
        if absent > 0 {
            say(format_args!(
                "leitmotif: note: --speaker '{speaker}' matched a speaker in {} of {of}; the others have no row in documents.csv",
                documents - absent
            ));
        }
    } else {
        say(format_args!(
            "leitmotif: note: --speaker '{speaker}' kept only the turns of matching speakers ({} of {of} have some): \
             each row of documents.csv is computed over those turns (0 where there are none), and hits.csv and \
             segments.csv hold only them; --by speaker gives one row per speaker",
            documents - absent
        ));
    }
    warnings
}

/// `--excel` without CSV output: a warning (returns the count, 0 or 1).
pub fn excel_without_csv(excel: bool, formats: &[OutputFormat]) -> u64 {
    let mut warnings = 0;
    if excel && !formats.contains(&OutputFormat::Csv) {
        warn(
            &mut warnings,
            format_args!(
                "--excel has no effect without csv in --format (it only starts CSV files with a byte-order mark)"
            ),
        );
    }
    warnings
}

/// A run in which every input failed: nothing is committed, the command exits 2.
pub fn nothing_read(documents: u64, errors: u64, out: &std::path::Path) -> anyhow::Result<()> {
    if documents == 0 && errors > 0 {
        anyhow::bail!(
            "no document could be read ({})\n  no output written; the previous results in {} are unchanged",
            plural(errors, "error", "errors"),
            out.display()
        );
    }
    Ok(())
}

/// `; 2 warnings` for a summary line (empty without warnings).
pub fn warnings_note(warnings: u64) -> String {
    if warnings > 0 {
        format!("; {}", plural(warnings, "warning", "warnings"))
    } else {
        String::new()
    }
}

/// Prints a warning and counts it.
fn warn(warnings: &mut u64, message: std::fmt::Arguments) {
    say(format_args!("leitmotif: warning: {message}"));
    *warnings += 1;
}

/// An input that does not exist but is named like an output format (`--format csv xlsx`: the space
/// makes `xlsx` an input): says what was meant, before anything is read.
pub fn refuse_format_names(inputs: &[std::path::PathBuf], formats: &[OutputFormat]) -> anyhow::Result<()> {
    let names = ["csv", "xlsx", "jsonl", "parquet"];
    let strays: Vec<String> = inputs
        .iter()
        .filter(|path| !path.exists())
        .filter_map(|path| path.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|name| names.contains(&name.as_str()))
        .collect();
    if strays.is_empty() {
        return Ok(());
    }
    let mut list: Vec<String> = formats.iter().map(|f| format!("{f:?}").to_ascii_lowercase()).collect();
    for stray in &strays {
        if !list.contains(stray) {
            list.push(stray.clone());
        }
    }
    anyhow::bail!(
        "{}: no such input; did you mean --format {}? (formats are separated by commas, not spaces)",
        strays.join(", "),
        list.join(",")
    )
}

fn summary(report: &ScanReport, warnings: u64, out: &std::path::Path) -> String {
    let stats = &report.stats;
    let reuse = report.reuse.as_ref().map_or(String::new(), |r| {
        format!(
            "; {} ({}), {} found in {:.2} s",
            plural(r.passages, "recycled passage", "recycled passages"),
            plural(r.recycled_words, "word", "words"),
            plural(r.refrains, "refrain", "refrains"),
            r.elapsed.as_secs_f64()
        )
    });
    let model = report.model.as_ref().map_or(String::new(), |m| {
        let labelled: u64 = m.training_segments[..m.training_segments.len().saturating_sub(1)].iter().sum();
        if !m.trained {
            format!("; the saved corpus model framed {}", plural(m.framed, "segment", "segments"))
        } else if m.available {
            format!(
                "; the corpus model, trained on {} framed by hits, framed {} more",
                plural(labelled, "segment", "segments"),
                m.framed
            )
        } else {
            format!(
                "; too few segments framed by hits ({labelled} of {}) to train a corpus model",
                leitmotif::model::MIN_LABELLED_SEGMENTS
            )
        }
    });
    let growth = report.reuse.as_ref().and_then(|r| r.growth.as_ref()).map_or(String::new(), |g| {
        format!(
            "; {} already in the index, skipped; {} new{} (index: {}, {})",
            plural(g.skipped, "document", "documents"),
            g.new,
            if g.changed > 0 { format!(", {} changed", g.changed) } else { String::new() },
            plural(g.archived as u64, "document", "documents"),
            plural(g.words, "word", "words"),
        )
    });
    let warnings = warnings_note(warnings);
    let skipped = report.reuse.as_ref().and_then(|r| r.growth.as_ref()).map_or(0, |g| g.skipped);
    let documents = match skipped {
        0 => plural(stats.documents, "document", "documents"),
        _ => format!("{} + {skipped} already in the index", plural(stats.documents, "document", "documents")),
    };
    format!(
        "{} = {documents} + {}; {}, {} in {:.2} s{reuse}{growth}{model}{warnings} → {}",
        plural(stats.documents + skipped + stats.errors, "input", "inputs"),
        plural(stats.errors, "error", "errors"),
        plural(stats.words, "word", "words"),
        plural(stats.hits, "hit", "hits"),
        report.elapsed.as_secs_f64(),
        out.display()
    )
}
