//! The folder of a reuse index (`--index DIR`): `DIR/reuse.index` (the archive, `index_file.rs`),
//! `DIR/lock` (held for the whole run, so that two runs never update one index at once) and, while
//! a run writes its update, `DIR/reuse.index.tmp-*`. The update is written to the temporary file,
//! synced, and renamed over `reuse.index` only when the caller commits after the whole run
//! succeeded: an interrupted or failed run leaves the previous index as it was (and the next run
//! removes the temporary file it left).

use super::archive::Archive;
use super::index_file::{read_archive, write_archive};
use crate::error::{Error, Result};
use crate::folder_lock::lock_folder;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The index file inside the folder.
pub const INDEX_FILE: &str = "reuse.index";
/// The lock file inside the folder.
pub const LOCK_FILE: &str = "lock";
const TEMPORARY_PREFIX: &str = "reuse.index.tmp-";

/// An open reuse index: the archive it held when the run started, the documents it knows, and
/// the update staged by the run (committed by [`ReuseIndex::commit`]).
pub struct ReuseIndex {
    dir: PathBuf,
    /// Held open for the run: the lock lasts as long as it (the system releases it when the
    /// process ends, however it ends).
    _lock: File,
    /// Archive ordinals by (id, content hash).
    known: HashMap<(String, u64), Vec<u32>>,
    archive: Mutex<Option<Archive>>,
    /// Archived documents when the run started.
    archived: usize,
    staged: Mutex<Option<tempfile::NamedTempFile>>,
    created: bool,
}

impl std::fmt::Debug for ReuseIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReuseIndex").field("dir", &self.dir).field("archived", &self.archived).finish()
    }
}

impl ReuseIndex {
    /// Opens (or creates) the index in `dir` for a run with these options: takes the lock, removes
    /// what an interrupted run left, and reads the archive — unless `rebuild`, which starts from
    /// an empty one (the old index stays until the new one is committed). Options that differ from
    /// those the index was built with are refused.
    pub fn open(dir: &Path, rebuild: bool, order_by: Option<&str>, min_words: usize) -> Result<ReuseIndex> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::usage(format!("--index {}: not a folder", dir.display())));
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let Some(lock) = lock_folder(dir, LOCK_FILE)? else {
            return Err(Error::usage(format!(
                "--index {}: another leitmotif run is using this index; wait for it to finish",
                dir.display()
            )));
        };
        remove_leftovers(dir)?;
        let path = dir.join(INDEX_FILE);
        let (archive, created) = if rebuild || !path.exists() {
            (Archive::new(order_by.map(str::to_string), min_words), true)
        } else {
            let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
            let archive = read_archive(&path, BufReader::with_capacity(1 << 20, file))?;
            check_options(&archive, &path, order_by, min_words)?;
            (archive, false)
        };
        let mut known: HashMap<(String, u64), Vec<u32>> = HashMap::new();
        for (ordinal, (doc, &hash)) in archive.docs.iter().zip(&archive.hashes).enumerate() {
            known.entry((doc.id.clone(), hash)).or_default().push(ordinal as u32);
        }
        Ok(ReuseIndex {
            dir: dir.to_path_buf(),
            _lock: lock,
            known,
            archived: archive.docs.len(),
            archive: Mutex::new(Some(archive)),
            staged: Mutex::new(None),
            created,
        })
    }

    /// The archived documents with this id and content hash (archive ordinals; usually one).
    pub fn holds(&self, id: &str, hash: u64) -> Option<&[u32]> {
        self.known.get(&(id.to_string(), hash)).map(Vec::as_slice)
    }

    /// Documents in the index when the run started.
    pub fn archived(&self) -> usize {
        self.archived
    }

    /// The index was created by this run (new folder, no index file, or `--rebuild`).
    pub fn created(&self) -> bool {
        self.created
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The archive as read (once: detection takes it over).
    pub fn take_archive(&self) -> Option<Archive> {
        self.archive.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// Writes `archive` to a temporary file in the folder, synced, to be renamed into place by
    /// [`ReuseIndex::commit`].
    pub fn stage(&self, archive: &Archive) -> Result<()> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMPORARY_PREFIX);
        #[cfg(unix)]
        {
            // As any file the run writes (a temporary file is private by default).
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let mut file = builder.tempfile_in(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        let path = file.path().to_path_buf();
        let mut out = BufWriter::with_capacity(1 << 20, file.as_file_mut());
        write_archive(archive, &mut out).map_err(|e| Error::io(&path, e))?;
        out.flush().map_err(|e| Error::io(&path, e))?;
        drop(out);
        file.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
        *self.staged.lock().unwrap_or_else(|e| e.into_inner()) = Some(file);
        Ok(())
    }

    /// Renames the staged update over the index (nothing staged: nothing to do). Call it only when
    /// everything else the run writes is in place.
    pub fn commit(&self) -> Result<()> {
        let Some(file) = self.staged.lock().unwrap_or_else(|e| e.into_inner()).take() else { return Ok(()) };
        let path = self.dir.join(INDEX_FILE);
        file.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// The options of a run must be those the index was built with: both change what is a passage.
fn check_options(archive: &Archive, path: &Path, order_by: Option<&str>, min_words: usize) -> Result<()> {
    let name =
        |field: Option<&str>| field.map_or("no --order-by (input order)".to_string(), |f| format!("--order-by {f}"));
    if archive.order_by.as_deref() != order_by {
        return Err(Error::usage(format!(
            "{}: this run has {}, but the index was built with {}; use the same option, or --rebuild to start over",
            path.display(),
            name(order_by),
            name(archive.order_by.as_deref())
        )));
    }
    if archive.min_words != min_words {
        return Err(Error::usage(format!(
            "{}: this run has --min-words {min_words}, but the index was built with --min-words {}; use the same \
             value, or --rebuild to start over",
            path.display(),
            archive.min_words
        )));
    }
    Ok(())
}

/// Removes the temporary files of runs that were interrupted (the lock is held: none is running).
fn remove_leftovers(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        if entry.file_name().to_str().is_some_and(|name| name.starts_with(TEMPORARY_PREFIX)) {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staged_update_replaces_the_index_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let index = ReuseIndex::open(dir.path(), false, Some("year"), 25).unwrap();
        assert!(index.created());
        let mut archive = index.take_archive().unwrap();
        archive.docs.push(super::super::fingerprint::test_doc("one two three"));
        archive.hashes.push(1);
        index.stage(&archive).unwrap();
        // Not committed (a run that failed, or was interrupted): no index, and the temporary file
        // is gone once the next run opens the folder.
        drop(index);
        assert!(!dir.path().join(INDEX_FILE).exists());
        let index = ReuseIndex::open(dir.path(), false, Some("year"), 25).unwrap();
        assert_eq!(index.archived(), 0);
        index.stage(&archive).unwrap();
        index.commit().unwrap();
        drop(index);
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        assert!(names.iter().all(|n| !n.starts_with(TEMPORARY_PREFIX)), "{names:?}");
        let index = ReuseIndex::open(dir.path(), false, Some("year"), 25).unwrap();
        assert_eq!((index.archived(), index.created()), (1, false));
        assert_eq!(index.holds("d", 1), Some(&[0][..]));
        // A second update staged but not committed leaves the first.
        index.stage(&Archive::new(Some("year".into()), 25)).unwrap();
        drop(index);
        assert_eq!(ReuseIndex::open(dir.path(), false, Some("year"), 25).unwrap().archived(), 1);
    }

    #[test]
    fn other_options_and_a_second_run_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let index = ReuseIndex::open(dir.path(), false, Some("year"), 25).unwrap();
        index.stage(&index.take_archive().unwrap()).unwrap();
        index.commit().unwrap();
        let busy = ReuseIndex::open(dir.path(), false, Some("year"), 25).unwrap_err().to_string();
        assert!(busy.contains("another leitmotif run is using this index"), "{busy}");
        drop(index);
        let order = ReuseIndex::open(dir.path(), false, Some("date"), 25).unwrap_err().to_string();
        assert!(
            order.contains("this run has --order-by date, but the index was built with --order-by year"),
            "{order}"
        );
        let none = ReuseIndex::open(dir.path(), false, None, 25).unwrap_err().to_string();
        assert!(none.contains("this run has no --order-by (input order)"), "{none}");
        let words = ReuseIndex::open(dir.path(), false, Some("year"), 30).unwrap_err().to_string();
        assert!(words.contains("--min-words 30, but the index was built with --min-words 25"), "{words}");
        assert!(ReuseIndex::open(dir.path(), true, Some("date"), 30).unwrap().created());
    }
}
