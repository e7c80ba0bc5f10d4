//! The library without the command line: a scan whose tables come back typed in memory, the same
//! figures as the files the binary writes, an output folder written through `OutputSet`, and the
//! facts the report states for the binary's warnings (ids, speakers, order values, error rows).

use crate::util::{sample_corpus, Workdir};
use leitmotif::corpus::Input;
use leitmotif::lexicon::load_bundled;
use leitmotif::output::{Cell, OutputOptions, OutputSet, RunInfo, TableName, TableOptions};
use leitmotif::pipeline::{run_scan, scan_to_tables, NoProgress, ScanConfig};

fn config() -> ScanConfig {
    let mut config = ScanConfig::new(vec![Input::Path(sample_corpus())]);
    config.threads = 2;
    config
}

#[test]
fn tables_in_memory_hold_the_figures_of_the_files() {
    let lexicons = load_bundled().unwrap();
    let options = TableOptions { scan: true, ..TableOptions::default() };
    let (report, tables) = scan_to_tables(&config(), &lexicons, options).unwrap();
    let documents = tables.get(TableName::Documents).unwrap();
    assert_eq!(documents.rows.len() as u64, report.stats.documents);
    assert_eq!(tables.get(TableName::Hits).unwrap().rows.len() as u64, report.stats.hits);
    assert!(tables.get(TableName::Passages).is_none(), "no reuse asked");

    let work = Workdir::new();
    let cli = work.run(&["scan", sample_corpus().to_str().unwrap(), "--out", "out", "-q"]);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    let files = work.table("out/documents.csv");
    let names: Vec<&str> = documents.schema.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, files.header);
    for (row, file_row) in documents.rows.iter().zip(&files.rows) {
        for (name, cell) in names.iter().zip(row) {
            assert_eq!(cell.to_text(), file_row[*name].as_str(), "column {name}");
        }
    }
    let words = documents.schema.position("words").unwrap();
    assert!(documents.rows.iter().all(|r| matches!(r[words], Cell::Int(n) if n > 0)), "typed counts");
}

#[test]
fn an_output_set_writes_the_files_without_the_command_line() {
    let lexicons = load_bundled().unwrap();
    let work = Workdir::new();
    let mut output = OutputSet::create(&work.path("out"), &lexicons, OutputOptions::default()).unwrap();
    let report = run_scan(&config(), &lexicons, &mut output, &NoProgress).unwrap();
    output.commit(&RunInfo::default()).unwrap();
    assert_eq!(work.table("out/documents.csv").rows.len() as u64, report.stats.documents);
    assert_eq!(work.table("out/hits.csv").rows.len() as u64, report.stats.hits);
}

#[test]
fn public_types_can_cross_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<leitmotif::Error>();
    send_sync::<leitmotif::lexicon::LexiconSet>();
    send_sync::<leitmotif::scan::Matcher>();
    send_sync::<ScanConfig>();
    send_sync::<leitmotif::output::Schema>();
    send_sync::<leitmotif::output::AbortHandle>();
    fn send<T: Send>() {}
    send::<OutputSet>();
}

#[test]
fn the_report_states_what_the_options_did_not_find() {
    let work = Workdir::new();
    let lines = [
        r#"{"id": "a", "text": "Vladimir Putin: NATO expansion.", "date": "2020"}"#,
        r#"{"text": "no id here"}"#,
        r#"{"id": "c", "body": "no text field"}"#,
        r#"{"id": "d", "body": "nor here"}"#,
    ];
    let path = work.write("in.jsonl", lines.join("\n") + "\n");
    let mut config = ScanConfig::new(vec![Input::Path(path)]);
    config.transcripts.only_speaker = Some("Putin".into());
    config.reuse = Some(leitmotif::reuse::ReuseOptions { order_by: Some("date".into()), ..Default::default() });
    let lexicons = load_bundled().unwrap();
    let options = TableOptions { scan: true, reuse: true, ..TableOptions::default() };
    let (report, tables) = scan_to_tables(&config, &lexicons, options).unwrap();
    assert_eq!((report.stats.documents, report.stats.errors, report.error_rows), (2, 2, 1));
    assert_eq!(report.errors[0].records, 2);
    assert_eq!(report.errors[0].line, 3);
    assert_eq!(tables.get(TableName::Errors).unwrap().rows.len(), 1, "one row for the two lines");
    assert_eq!(report.missing_id_fields, 1);
    assert_eq!(report.missing_id_columns, 0);
    assert_eq!(report.speaker_absent, 1, "the second document has no turn of Putin's");
    let reuse = report.reuse.unwrap();
    assert_eq!((reuse.unordered.len(), reuse.order_field_absent), (1, 1));
}
