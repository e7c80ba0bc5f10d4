//! The output folder of a run, written all at once or not at all.
//!
//! Every file is first written into a staging folder inside the output folder
//! (`.leitmotif-staging-<pid>`). Only when the run succeeds are the files moved into place, each by
//! a rename on the same file system, after being flushed to disk; files of the previous run that
//! this run does not produce are then removed, and the list of what the run wrote is saved in
//! `.leitmotif-manifest`. A run that fails, is interrupted ([`AbortHandle`]) or is killed leaves
//! the previous complete set under the final names; its staging folder is removed (after `kill -9`,
//! by the next run into the same folder).
//!
//! **Ownership.** A run owns the files it writes. A file with the name of an output (`hits.csv`,
//! `leitmotif.xlsx`, …) that is not listed in the manifest was not written by leitmotif: the run
//! refuses to start rather than replace it, unless asked to (`force`). Other files in the folder
//! are never touched. A lock file (`.leitmotif-lock`) keeps two runs from writing to one folder at
//! once.

use super::schema::TableName;
use crate::error::{Error, Result};
use crate::folder_lock::lock_folder;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Lists the files the last run wrote, one name per line.
pub const MANIFEST: &str = ".leitmotif-manifest";
const LOCK: &str = ".leitmotif-lock";
const STAGING_PREFIX: &str = ".leitmotif-staging-";

/// Every file name a run may write in its output folder.
pub fn output_names() -> Vec<String> {
    let mut names: Vec<String> = TableName::ALL
        .iter()
        .flat_map(|table| ["csv", "jsonl", "parquet"].map(|ext| format!("{table}.{ext}")))
        .collect();
    names.extend(["leitmotif.xlsx".to_string(), "report.html".to_string()]);
    names
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Writing,
    Committed,
    Aborted,
}

/// An output folder being written.
#[derive(Debug)]
pub struct OutputDir {
    dir: PathBuf,
    staging: PathBuf,
    state: Arc<Mutex<State>>,
    /// Held for the whole run; the lock is released when the file is closed.
    _lock: File,
}

/// Stops a run from another thread (a signal handler): the staging folder is removed and nothing
/// is committed. Waits for a commit under way to end.
#[derive(Debug, Clone)]
pub struct AbortHandle {
    staging: PathBuf,
    state: Arc<Mutex<State>>,
}

impl AbortHandle {
    /// Abandons the run; returns whether it was still writing (false: already committed).
    pub fn abort(&self) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *state != State::Writing {
            return false;
        }
        *state = State::Aborted;
        remove_staging(&self.staging);
        true
    }
}

impl OutputDir {
    /// Creates `dir` if needed, takes its lock, clears what killed runs left, checks that every
    /// output-named file in it was written by leitmotif (unless `force`), and makes a staging folder.
    pub fn open(dir: &Path, force: bool) -> Result<OutputDir> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let Some(lock) = lock_folder(dir, LOCK)? else {
            return Err(Error::usage(format!(
                "{}: another leitmotif run is writing to this folder; wait for it or choose another --out",
                dir.display()
            )));
        };
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            if entry.file_name().to_string_lossy().starts_with(STAGING_PREFIX) {
                remove_staging(&entry.path());
            }
        }
        if !force {
            let owned = read_manifest(dir)?;
            let foreign: Vec<String> =
                output_names().into_iter().filter(|name| dir.join(name).exists() && !owned.contains(name)).collect();
            if !foreign.is_empty() {
                return Err(Error::usage(format!(
                    "{}: {} {} not written by leitmotif (not in {MANIFEST}); a run would replace {}: move {}, \
                     choose another --out, or pass --force",
                    dir.display(),
                    foreign.join(", "),
                    if foreign.len() == 1 { "was" } else { "were" },
                    if foreign.len() == 1 { "it" } else { "them" },
                    if foreign.len() == 1 { "it" } else { "them" },
                )));
            }
        }
        let staging = dir.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(OutputDir { dir: dir.to_path_buf(), staging, state: Arc::new(Mutex::new(State::Writing)), _lock: lock })
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the run writes its files until they are committed.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// A handle to abandon the run from another thread.
    pub fn abort_handle(&self) -> AbortHandle {
        AbortHandle { staging: self.staging.clone(), state: Arc::clone(&self.state) }
    }

    /// Moves the files named `files` from the staging folder into place, removes the previous run's
    /// other outputs, saves the manifest and removes the staging folder. An [`ErrorKind::Io`] error
    /// means the folder was not changed; once files are being moved, a failure is a
    /// [`ErrorKind::Usage`] error saying the folder holds part of the new results.
    pub fn commit(&self, files: &[String]) -> Result<()> {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *state != State::Writing {
            return Err(Error::usage("the run was interrupted; nothing was written"));
        }
        for name in files {
            let path = self.staging.join(name);
            File::open(&path).and_then(|f| f.sync_all()).map_err(|e| Error::io(&path, e))?;
        }
        // The manifest is written before anything in the folder changes, so that a full disk stops
        // the run while the previous results are still whole; the steps after it need no space.
        let manifest = self.staging.join(MANIFEST);
        let mut list = files.join("\n");
        list.push('\n');
        std::fs::write(&manifest, list)
            .and_then(|()| File::open(&manifest)?.sync_all())
            .map_err(|e| Error::io(&manifest, e))?;
        let previous = read_manifest(&self.dir)?;
        // From here on the folder changes: a failure (a permission, not space) leaves a mix.
        let mixed = |path: &Path, e: std::io::Error| {
            Error::usage(format!(
                "{}: {e}: the output folder now holds part of the new results; run again",
                path.display()
            ))
        };
        for name in output_names().iter().chain(&previous) {
            let path = self.dir.join(name);
            if !files.contains(name) && path.is_file() {
                std::fs::remove_file(&path).map_err(|e| mixed(&path, e))?;
            }
        }
        for name in files {
            let (from, to) = (self.staging.join(name), self.dir.join(name));
            std::fs::rename(&from, &to).map_err(|e| mixed(&to, e))?;
        }
        let final_manifest = self.dir.join(MANIFEST);
        std::fs::rename(&manifest, &final_manifest).map_err(|e| mixed(&final_manifest, e))?;
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        *state = State::Committed;
        remove_staging(&self.staging);
        Ok(())
    }
}

impl Drop for OutputDir {
    /// A run that ends without committing (an error, a panic) leaves nothing behind.
    fn drop(&mut self) {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *state == State::Writing {
            *state = State::Aborted;
            remove_staging(&self.staging);
        }
    }
}

/// The names listed in the folder's manifest (none without one).
fn read_manifest(dir: &Path) -> Result<Vec<String>> {
    let path = dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text.lines().filter(|l| !l.is_empty() && !l.contains(['/', '\\'])).map(String::from).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Removes a staging folder; files being created in it meanwhile are retried a few times.
fn remove_staging(path: &Path) {
    for _ in 0..5 {
        match std::fs::remove_dir_all(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => continue,
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_replaces_the_previous_set_and_removes_what_it_does_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = OutputDir::open(&out, false).unwrap();
        std::fs::write(first.staging().join("documents.csv"), "a\n").unwrap();
        std::fs::write(first.staging().join("passages.csv"), "p\n").unwrap();
        first.commit(&["documents.csv".into(), "passages.csv".into()]).unwrap();
        drop(first);
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let second = OutputDir::open(&out, false).unwrap();
        std::fs::write(second.staging().join("documents.csv"), "b\n").unwrap();
        second.commit(&["documents.csv".into()]).unwrap();
        drop(second);
        let mut names: Vec<String> =
            std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, [LOCK, MANIFEST, "documents.csv", "notes.txt"]);
        assert_eq!(std::fs::read_to_string(out.join("documents.csv")).unwrap(), "b\n");
    }

    #[test]
    fn an_aborted_run_leaves_the_previous_set() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputDir::open(dir.path(), false).unwrap();
        std::fs::write(first.staging().join("hits.csv"), "old\n").unwrap();
        first.commit(&["hits.csv".into()]).unwrap();
        drop(first);
        let second = OutputDir::open(dir.path(), false).unwrap();
        std::fs::write(second.staging().join("hits.csv"), "new, cut mid-r").unwrap();
        assert!(second.abort_handle().abort());
        assert!(!second.staging().exists());
        assert!(second.commit(&["hits.csv".into()]).is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("hits.csv")).unwrap(), "old\n");
    }

    #[test]
    fn files_not_written_by_leitmotif_are_not_replaced_without_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("hits.csv"), "someone else's\n").unwrap();
        let error = OutputDir::open(dir.path(), false).unwrap_err().to_string();
        assert!(error.ends_with("hits.csv was not written by leitmotif (not in .leitmotif-manifest); a run would replace it: move it, choose another --out, or pass --force"), "{error}");
        assert!(OutputDir::open(dir.path(), true).is_ok());
    }

    #[test]
    fn two_runs_cannot_write_one_folder() {
        let dir = tempfile::tempdir().unwrap();
        let _first = OutputDir::open(dir.path(), false).unwrap();
        let error = OutputDir::open(dir.path(), false).unwrap_err().to_string();
        assert!(error.contains("another leitmotif run is writing to this folder"), "{error}");
    }
}
