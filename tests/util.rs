//! Test helpers: a temporary working directory with input files, running the binary in it, and
//! reading output tables back as rows.

use assert_cmd::Command;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let output = Command::cargo_bin("leitmotif")
            .unwrap()
            .current_dir(self.dir.path())
            .args(args)
            .write_stdin(stdin)
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs the binary through another program, e.g. `setpriv` with its options.
    pub fn run_through(&self, wrapper: &[&str], args: &[&str]) -> Run {
        let output = std::process::Command::new(wrapper[0])
            .args(&wrapper[1..])
            .arg(assert_cmd::cargo::cargo_bin("leitmotif"))
            .args(args)
            .current_dir(self.dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Rows of a CSV output file as maps from column to value.
    pub fn table(&self, relative: &str) -> Table {
        read_table(&self.path(relative))
    }

    pub fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.path(relative)).unwrap()
    }
}

pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<HashMap<String, String>>,
}

impl Table {
    pub fn column(&self, name: &str) -> Vec<&str> {
        self.rows.iter().map(|r| r[name].as_str()).collect()
    }
}

pub fn read_table(path: &Path) -> Table {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows =
        reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect();
    Table { header, rows }
}

/// `text[start..end]` in characters, as Python or pandas would slice it.
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The repository's bundled sample corpus.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `../shared/corpora`, or `None` (with a printed reason) when absent.
pub fn shared_corpora() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if path.is_dir() {
        Some(path)
    } else {
        println!("skipped: {} is absent (the real corpora live beside the checkout)", path.display());
        None
    }
}

pub const ONE_FRAME_LEXICON: &str = r#"
name = "test"
language = "en"
version = "1"
description = "test lexicon"

[[frames]]
id = "security"
label = "Security"

[[frames.motifs]]
id = "nato_expansion"
label = "NATO expansion"
weight = 2.0
patterns = ["nato expansion", "expansion of nato"]

[[frames.motifs]]
id = "indivisible"
label = "Indivisible security"
patterns = ["indivisible security"]

[[frames]]
id = "ties"
label = "Ties"

[[frames.motifs]]
id = "brotherly"
label = "Brotherly people"
patterns = ["brotherly (people|nation)", "братск* народ*"]
"#;
