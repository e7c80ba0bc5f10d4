//! Walking an input directory with `walkdir`: recursively, in path order, following symbolic
//! links, skipping hidden entries and excluded directories. Each entry that cannot be looked at is
//! one error and the walk goes on: a dangling link, a link that leads back to a directory above
//! it (walked once, not again through the link), an unreadable folder, a path too long to open,
//! and anything that is neither a file nor a directory (a FIFO would block the reader forever).

use super::discover::{classify, Found};
use std::fs::FileType;
use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Adds the files under `root` to `found`; names are relative to `root`, `/`-separated.
pub(super) fn walk(root: &Path, found: &mut Found) {
    let exclude = found.exclude.clone();
    let marked = found.exclude_marked.clone();
    let entries = WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().filter_entry(|entry| {
        let hidden = entry.depth() > 0 && is_hidden(entry.path());
        let is_dir = entry.file_type().is_dir();
        let excluded = is_dir && is_excluded(&exclude, entry.path());
        let marked = is_dir && entry.depth() > 0 && marked.iter().any(|m| entry.path().join(m).is_file());
        !(hidden || excluded || marked)
    });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // Errors bypass the filter; an editor's lock file `.#draft.txt` is a dangling link.
                let path = e.path().unwrap_or(root);
                if !(e.depth() > 0 && is_hidden(path)) {
                    found.error(name(root, path), walk_problem(&e, path));
                }
                continue;
            }
        };
        let (path, file_type) = (entry.path(), entry.file_type());
        if file_type.is_dir() {
            continue;
        }
        if let Some(special) = special_kind(&file_type) {
            found.error(name(root, path), format!("not a regular file ({special})"));
            continue;
        }
        let Some((kind, compression)) = classify(path) else {
            found.discovered.skipped.push(path.to_path_buf());
            continue;
        };
        match entry.metadata() {
            Ok(metadata) => found.file(path, name(root, path), kind, compression, Some(metadata.len())),
            Err(e) => found.error(name(root, path), walk_problem(&e, path)),
        }
    }
}

/// What is wrong with a path that cannot be looked at, in a few words.
pub(super) fn path_problem(path: &Path, e: &io::Error) -> String {
    #[cfg(unix)]
    match e.raw_os_error() {
        Some(libc::ELOOP) => return "symbolic link loop".into(),
        Some(libc::ENAMETOOLONG) => return "path too long to open".into(),
        _ => {}
    }
    match e.kind() {
        io::ErrorKind::NotFound if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) => {
            "dangling symbolic link".into()
        }
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// `FIFO`, `socket`… for what is neither a regular file nor a directory.
pub(super) fn special_kind(file_type: &FileType) -> Option<&'static str> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("FIFO");
        } else if file_type.is_socket() {
            return Some("socket");
        } else if file_type.is_block_device() {
            return Some("block device");
        } else if file_type.is_char_device() {
            return Some("character device");
        }
    }
    Some("special file")
}

fn walk_problem(e: &walkdir::Error, path: &Path) -> String {
    match (e.loop_ancestor(), e.io_error()) {
        (Some(_), _) => "symbolic link loop".into(),
        (None, Some(io)) => path_problem(path, io),
        (None, None) => e.to_string(),
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

fn is_excluded(exclude: &[PathBuf], dir: &Path) -> bool {
    !exclude.is_empty() && std::fs::canonicalize(dir).is_ok_and(|real| exclude.contains(&real))
}

/// `path` relative to `root`, `/`-separated; `root` itself as given.
fn name(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(relative) if !relative.as_os_str().is_empty() => {
            relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        }
        _ => path.display().to_string(),
    }
}
