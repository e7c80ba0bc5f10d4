//! Outputs you can trust: files appear all at once or not at all, a run owns its output set, the
//! output folder is never read as input, interruptions leave the previous results, and nothing
//! panics on odd metadata, odd frame ids or a closed standard error.

use crate::util::{Workdir, ONE_FRAME_LEXICON};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: &str = concat!(
    r#"{"id": "a", "date": "2021-12-17", "text": "NATO expansion threatens indivisible security. Brotherly people."}"#,
    "\n",
    r#"{"id": "b", "date": "12 декабря 2022", "text": "The brotherly nation and NATO expansion again."}"#,
    "\n"
);

/// Names of the files in a folder, sorted.
fn names(work: &Workdir, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(work.path(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file of a folder with its bytes.
fn snapshot(work: &Workdir, folder: &str) -> Vec<(String, Vec<u8>)> {
    names(work, folder)
        .into_iter()
        .filter(|n| !n.starts_with('.'))
        .map(|n| (n.clone(), work.read(&format!("{folder}/{n}"))))
        .collect()
}

#[test]
fn a_run_removes_the_outputs_of_the_previous_run_that_it_does_not_produce() {
    let work = Workdir::new();
    work.write("docs.jsonl", DOCS);
    let full =
        work.run(&["scan", "docs.jsonl", "--reuse", "--format", "csv,jsonl,xlsx", "--report", "--out", "out", "-q"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    assert!(names(&work, "out").contains(&"passages.csv".to_string()));
    let plain = work.run(&["scan", "docs.jsonl", "--out", "out", "-q"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert_eq!(
        names(&work, "out"),
        [".leitmotif-lock", ".leitmotif-manifest", "documents.csv", "errors.csv", "hits.csv", "segments.csv"]
    );
    assert_eq!(
        String::from_utf8(work.read("out/.leitmotif-manifest")).unwrap(),
        "documents.csv\nerrors.csv\nhits.csv\nsegments.csv\n"
    );
}

#[test]
fn reuse_into_a_folder_of_an_older_scan_exports_only_its_own_tables() {
    let work = Workdir::new();
    work.write("docs.jsonl", DOCS);
    assert_eq!(work.run(&["scan", "docs.jsonl", "--out", "out", "-q"]).code, 0);
    let reuse = work.run(&["reuse", "docs.jsonl", "--format", "xlsx", "--out", "out", "-q"]);
    assert_eq!(reuse.code, 0, "{}", reuse.stderr);
    assert_eq!(names(&work, "out"), [".leitmotif-lock", ".leitmotif-manifest", "leitmotif.xlsx"]);
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(work.path("out/leitmotif.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["passages", "refrains", "errors", "frames", "run"]);
}

#[test]
fn a_fatal_error_leaves_the_previous_results_untouched() {
    let work = Workdir::new();
    work.write("docs.jsonl", DOCS);
    assert_eq!(work.run(&["scan", "docs.jsonl", "--out", "out", "-q"]).code, 0);
    let before = snapshot(&work, "out");
    let typo = work.run(&["scan", "docz.jsonl", "--reuse", "--out", "out", "-q"]);
    assert_eq!(typo.code, 2, "{}", typo.stderr);
    assert_eq!(snapshot(&work, "out"), before);
    assert!(!names(&work, "out").iter().any(|n| n.starts_with(".leitmotif-staging")), "{:?}", names(&work, "out"));
}

#[test]
fn an_input_that_is_an_output_is_refused_before_anything_is_written() {
    let work = Workdir::new();
    work.write("docs.jsonl", DOCS);
    assert_eq!(work.run(&["scan", "docs.jsonl", "--out", "out", "-q"]).code, 0);
    let before = snapshot(&work, "out");
    let run = work.run(&["scan", "out/hits.csv", "--out", "out", "-q"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("out/hits.csv: this input is an output of the run")
            && run.stderr.contains("would be replaced"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&work, "out"), before);
}

#[test]
fn files_that_leitmotif_did_not_write_are_not_replaced_without_force() {
    let work = Workdir::new();
    let mine = "id,text\nx1,NATO expansion is a brotherly people matter\n";
    work.write("data/documents.csv", mine);
    let run = work.run(&["scan", "data/documents.csv", "--out", "data", "-q"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("documents.csv was not written by leitmotif"), "{}", run.stderr);
    let forced = work.run(&["scan", "data/documents.csv", "--out", "data", "--force", "-q"]);
    assert_eq!(forced.code, 2, "{}", forced.stderr);
    assert!(forced.stderr.contains("this input is an output of the run"), "{}", forced.stderr);
    assert_eq!(work.read("data/documents.csv"), mine.as_bytes());
    let elsewhere = work.run(&["scan", "data/documents.csv", "--out", "results", "-q"]);
    assert_eq!(elsewhere.code, 0, "{}", elsewhere.stderr);
    assert_eq!(work.table("results/documents.csv").column("doc_id"), ["x1"]);
}

#[test]
fn metadata_dates_in_words_and_frame_ids_like_formulas_do_not_panic() {
    let work = Workdir::new();
    work.write("docs.jsonl", DOCS);
    work.write("lexicon.toml", ONE_FRAME_LEXICON.replace("id = \"security\"", "id = \"-security\""));
    let run = work.run(&[
        "scan",
        "docs.jsonl",
        "--lexicon",
        "lexicon.toml",
        "--reuse",
        "--min-words",
        "3",
        "--report",
        "--format",
        "csv,jsonl",
        "--out",
        "out",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits = work.table("out/hits.csv");
    assert!(hits.column("frame").contains(&"'-security"), "CSV escapes: {:?}", hits.column("frame"));
    let jsonl = String::from_utf8(work.read("out/hits.jsonl")).unwrap();
    assert!(jsonl.contains(r#""frame":"-security""#), "JSON lines keep the value: {jsonl}");
    let documents = work.table("out/documents.csv");
    assert!(documents.header.contains(&"-security_hits".to_string()), "{:?}", documents.header);
    assert_eq!(documents.column("date"), ["2021-12-17", "12 декабря 2022"]);
    let report = String::from_utf8(work.read("out/report.html")).unwrap();
    assert!(report.contains("2021"), "the dated document is charted");
}

#[test]
fn a_closed_standard_error_is_not_a_crash() {
    let work = Workdir::new();
    work.write("docs.jsonl", format!("{DOCS}not json\n"));
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leitmotif"))
        .current_dir(work.path(""))
        .args(["scan", "docs.jsonl", "--out", "out"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "partial, not a panic (101)");
    assert_eq!(work.table("out/errors.csv").rows.len(), 1);
}

/// Starts a scan of standard input that is never closed, so the run is still going when a signal
/// arrives; returns once its staging folder exists.
fn start_endless_scan(work: &Workdir) -> std::process::Child {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leitmotif"))
        .current_dir(work.path(""))
        .args(["scan", "-", "--reuse", "--out", "out", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.as_mut().unwrap().write_all(DOCS.as_bytes()).unwrap();
    let started = Instant::now();
    while !names(work, "out").iter().any(|n| n.starts_with(".leitmotif-staging")) || !catches_signals(&child) {
        assert!(started.elapsed() < Duration::from_secs(30), "the run never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    child
}

/// Whether the process has its handlers for SIGINT and SIGTERM in place (Linux: the `SigCgt` mask
/// of /proc/PID/status), so a signal sent now is the run's to handle, however loaded the machine.
fn catches_signals(child: &std::process::Child) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let caught = status.lines().find_map(|line| line.strip_prefix("SigCgt:")).map(str::trim);
    let mask = caught.and_then(|hex| u64::from_str_radix(hex, 16).ok()).unwrap_or(0);
    let (sigint, sigterm) = (1 << (2 - 1), 1 << (15 - 1));
    mask & sigint != 0 && mask & sigterm != 0
}

fn signal(child: &std::process::Child, name: &str) {
    let status = Command::new("kill").args([name, &child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

#[test]
fn ctrl_c_and_sigterm_stop_cleanly_and_keep_the_previous_results() {
    let work = Workdir::new();
    work.write("docs.jsonl", DOCS);
    assert_eq!(work.run(&["scan", "docs.jsonl", "--out", "out", "-q"]).code, 0);
    let before = snapshot(&work, "out");
    for (name, code) in [("-INT", 130), ("-TERM", 143)] {
        let child = start_endless_scan(&work);
        signal(&child, name);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("interrupted; no output written (the previous results are unchanged)"), "{stderr}");
        assert_eq!(snapshot(&work, "out"), before, "{name}");
        assert!(!names(&work, "out").iter().any(|n| n.starts_with(".leitmotif-staging")), "{name}: staging removed");
    }
}

#[test]
fn kill_9_leaves_the_previous_results_and_the_next_run_cleans_up() {
    let work = Workdir::new();
    work.write("docs.jsonl", DOCS);
    assert_eq!(work.run(&["scan", "docs.jsonl", "--out", "out", "-q"]).code, 0);
    let before = snapshot(&work, "out");
    let mut child = start_endless_scan(&work);
    signal(&child, "-KILL");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), None, "killed by the signal");
    assert_eq!(snapshot(&work, "out"), before);
    assert!(names(&work, "out").iter().any(|n| n.starts_with(".leitmotif-staging")), "a killed run cannot clean up");
    let next = work.run(&["scan", "docs.jsonl", "--reuse", "--out", "out", "-q"]);
    assert_eq!(next.code, 0, "{}", next.stderr);
    assert!(!names(&work, "out").iter().any(|n| n.starts_with(".leitmotif-staging")), "{:?}", names(&work, "out"));
    assert!(names(&work, "out").contains(&"passages.csv".to_string()));
}

#[test]
fn output_folders_are_never_read_as_input() {
    let work = Workdir::new();
    work.write("speeches/a.txt", "NATO expansion threatens indivisible security.");
    work.write("speeches/b.txt", "A brotherly people.");
    let first = work.run(&["scan", ".", "--reuse", "--out", "leitmotif-out", "-q"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let older = work.run(&["scan", ".", "--reuse", "--out", "older-results", "-q"]);
    assert_eq!(older.code, 0, "{}", older.stderr);
    for _ in 0..2 {
        let again = work.run(&["scan", ".", "--reuse", "--out", "leitmotif-out"]);
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert!(again.stderr.starts_with("2 inputs = 2 documents + 0 errors;"), "{}", again.stderr);
        assert_eq!(work.table("leitmotif-out/documents.csv").column("doc_id"), ["speeches/a.txt", "speeches/b.txt"]);
    }
}

/// A disk that fills up mid-run: every file the second run writes is capped (`RLIMIT_FSIZE`, with
/// `SIGXFSZ` ignored, so a write past the cap fails with "File too large" as a full disk fails with
/// "No space left on device"). Whatever file hits the cap — a spool, a CSV, the workbook's
/// temporary sheets, the report — the run stops with exit 2 naming the file, says the previous
/// results are unchanged, removes its staging folder and leaves them byte for byte.
#[cfg(target_os = "linux")]
#[test]
fn a_write_error_mid_run_keeps_the_previous_results_and_names_the_file() {
    use std::os::unix::process::CommandExt;
    let work = Workdir::new();
    work.write("docs.jsonl", DOCS);
    assert_eq!(work.run(&["scan", "docs.jsonl", "--out", "out", "-q"]).code, 0);
    let before = snapshot(&work, "out");
    let corpus = crate::util::sample_corpus();
    let mut failed_files = std::collections::BTreeSet::new();
    for cap in [4 << 10, 64 << 10, 200 << 10, 320 << 10] {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("leitmotif"));
        command.current_dir(work.path("")).arg("scan").arg(&corpus);
        command.args(["--reuse", "--format", "csv,jsonl,xlsx", "--report", "--out", "out", "-q"]);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(move || {
                let limit = libc::rlimit { rlim_cur: cap, rlim_max: cap };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
        let output = command.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "cap {cap}: {stderr}");
        assert_eq!(stderr.matches("File too large").count(), 1, "cap {cap}: the cause is said once: {stderr}");
        assert!(stderr.contains("no output written; the previous results in out are unchanged"), "{stderr}");
        let named = stderr.split(".leitmotif-staging-").nth(1).and_then(|rest| rest.split(':').next());
        failed_files.insert(named.expect("the message names the file").split_once('/').unwrap().1.to_string());
        assert_eq!(snapshot(&work, "out"), before, "cap {cap}");
        assert!(!names(&work, "out").iter().any(|n| n.starts_with(".leitmotif-staging")), "cap {cap}");
    }
    assert!(failed_files.len() >= 2, "the caps stop the run at different files: {failed_files:?}");
}
