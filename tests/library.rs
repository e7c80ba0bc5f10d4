//! The library without the command line: a scan whose tables come back typed in memory, the same
//! figures as the files the binary writes, and an output folder written through `OutputSet`.

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
