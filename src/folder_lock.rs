//! One run at a time in a folder: an output folder (`--out`) or a reuse index (`--index`) holds a
//! lock file, locked for the whole run and released by the system however the process ends (so a
//! killed run never leaves a stale lock). A file system without locks (some network mounts) runs
//! unlocked.

use crate::error::{Error, Result};
use std::fs::File;
use std::path::Path;

/// Locks `dir/name` (creating it): the open file, held for the run, or `None` when another run
/// holds the lock.
pub(crate) fn lock_folder(dir: &Path, name: &str) -> Result<Option<File>> {
    let path = dir.join(name);
    let lock = File::options().create(true).truncate(false).write(true).open(&path).map_err(|e| Error::io(&path, e))?;
    match lock.try_lock() {
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Ok(()) | Err(std::fs::TryLockError::Error(_)) => Ok(Some(lock)),
    }
}
