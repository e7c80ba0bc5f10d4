//! Finding the input files. Named files are taken as they are; directories are walked (`walk.rs`);
//! each file's kind is told by its extension, under an optional `.gz` or `.zst`. What cannot be
//! read — a dangling link, a loop, an unreadable folder, a FIFO — becomes one [`RecordError`] and
//! the rest is still found. Every file is listed once, under the first name it is found by.

use super::walk::{path_problem, special_kind, walk};
use crate::error::{Error, RecordError, Result};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What the user named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory.
    Path(PathBuf),
    /// JSONL on standard input (`-`).
    Stdin,
}

/// How a file is split into documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `.txt`, `.md`: the whole file is one document.
    Text,
    /// `.jsonl`, `.ndjson`: one JSON object per line.
    Jsonl,
    /// `.csv`: one row per document.
    Csv,
    /// `.tsv`: tab-separated rows.
    Tsv,
    /// `.srt`, `.vtt`: the whole file is one document whose cues give real times.
    Subtitles,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// How a file is compressed, told by its extension.
pub enum Compression {
    /// Not compressed.
    None,
    /// `.gz`.
    Gzip,
    /// `.zst`.
    Zstd,
}

/// One file (or standard input) to read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// How the file is named in ids and messages: relative to the directory given, or as given.
    pub name: String,
    /// How it is split into documents.
    pub kind: InputKind,
    /// How it is compressed.
    pub compression: Compression,
    /// Size on disk, for progress (`None` for standard input and named pipes).
    pub size: Option<u64>,
    /// The canonical path (symbolic links resolved); `None` for standard input. Two names of one
    /// file share it, so a caller can tell an input that is also an output.
    pub real_path: Option<PathBuf>,
}

/// How to look for files.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Directories never walked into, such as the output folder (compared by canonical path;
    /// those that do not exist are ignored).
    pub exclude: Vec<PathBuf>,
    /// Directories (below an input directory) holding a file of one of these names are never
    /// walked into: the output folders of earlier runs carry such a marker.
    pub exclude_marked: Vec<String>,
}

/// What [`discover`] found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Files to read, in the order of the inputs and, inside a directory, in path order.
    pub files: Vec<SourceFile>,
    /// Files inside input directories whose kind is not recognised (reported, not read).
    pub skipped: Vec<PathBuf>,
    /// Entries that could not be looked at, one per entry, with line 0: dangling links, loops,
    /// unreadable folders, FIFOs, sockets and devices, paths too long to open.
    pub errors: Vec<RecordError>,
}

/// Expands the inputs into files to read. A named path that does not exist and a named file of
/// unknown kind are errors; every other problem is reported in [`Discovered::errors`]. A file
/// reached under several names (through symbolic links, or named twice) is read once, under the
/// first name: inputs in the order given, and inside a directory in path order.
pub fn discover(inputs: &[Input], options: &DiscoverOptions) -> Result<Discovered> {
    let mut found = Found {
        exclude: options.exclude.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect(),
        exclude_marked: options.exclude_marked.clone(),
        ..Found::default()
    };
    for input in inputs {
        match input {
            Input::Stdin => found.discovered.files.push(SourceFile {
                path: None,
                name: "-".into(),
                kind: InputKind::Jsonl,
                compression: Compression::None,
                size: None,
                real_path: None,
            }),
            Input::Path(path) => named(path, &mut found)?,
        }
    }
    Ok(found.discovered)
}

/// A path named on the command line: a directory to walk or a file to read.
fn named(path: &Path, found: &mut Found) -> Result<()> {
    let name = path.display().to_string();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::io(path, e)),
        Err(e) => {
            found.error(name, path_problem(path, &e));
            return Ok(());
        }
    };
    if metadata.is_dir() {
        // A folder named twice is walked once.
        if std::fs::canonicalize(path).map_or(true, |real| found.walked.insert(real)) {
            walk(path, found);
        }
        return Ok(());
    }
    let (kind, compression) = classify(path).ok_or_else(|| {
        Error::usage(format!(
            "{name}: unrecognised file type (expected .txt, .md, .jsonl, .ndjson, .csv, .tsv, .srt or .vtt, optionally .gz or .zst)"
        ))
    })?;
    // A named pipe the user names is read like standard input; sockets and devices are not.
    let size = match special_kind(&metadata.file_type()) {
        None => Some(metadata.len()),
        Some("FIFO") => None,
        Some(special) => {
            found.error(name, format!("not a regular file ({special})"));
            return Ok(());
        }
    };
    found.file(path, name, kind, compression, size);
    Ok(())
}

/// The files found so far, their canonical paths, and the directories not to walk.
#[derive(Default)]
pub(super) struct Found {
    pub(super) discovered: Discovered,
    pub(super) exclude: Vec<PathBuf>,
    pub(super) exclude_marked: Vec<String>,
    /// Canonical paths of the files found and of the folders walked.
    seen: HashSet<PathBuf>,
    walked: HashSet<PathBuf>,
}

impl Found {
    pub(super) fn error(&mut self, source: String, message: String) {
        self.discovered.errors.push(RecordError::new(source, 0, message));
    }

    /// Adds a file unless its canonical path was seen already.
    pub(super) fn file(
        &mut self,
        path: &Path,
        name: String,
        kind: InputKind,
        compression: Compression,
        size: Option<u64>,
    ) {
        let real_path = match std::fs::canonicalize(path) {
            Ok(real_path) => real_path,
            Err(e) => return self.error(name, path_problem(path, &e)),
        };
        if self.seen.insert(real_path.clone()) {
            let path = Some(path.to_path_buf());
            let real_path = Some(real_path);
            self.discovered.files.push(SourceFile { path, name, kind, compression, size, real_path });
        }
    }
}

/// Kind and compression from the file name, e.g. `speeches.jsonl.gz`.
pub fn classify(path: &Path) -> Option<(InputKind, Compression)> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let (stem, compression) = if let Some(stem) = name.strip_suffix(".gz") {
        (stem, Compression::Gzip)
    } else if let Some(stem) = name.strip_suffix(".zst") {
        (stem, Compression::Zstd)
    } else {
        (name.as_str(), Compression::None)
    };
    let extension = stem.rsplit_once('.')?.1;
    let kind = match extension {
        "txt" | "md" => InputKind::Text,
        "jsonl" | "ndjson" => InputKind::Jsonl,
        "csv" => InputKind::Csv,
        "tsv" => InputKind::Tsv,
        "srt" | "vtt" => InputKind::Subtitles,
        _ => return None,
    };
    Some((kind, compression))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(discovered: &Discovered) -> Vec<&str> {
        discovered.files.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn an_excluded_folder_inside_the_input_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("out")).unwrap();
        std::fs::write(root.join("a.jsonl"), "").unwrap();
        std::fs::write(root.join("out/documents.csv"), "").unwrap();
        let inputs = [Input::Path(root.clone())];
        let all = discover(&inputs, &DiscoverOptions::default()).unwrap();
        assert_eq!(names(&all), ["a.jsonl", "out/documents.csv"]);
        // Named by another spelling of the same folder, and one that does not exist.
        let exclude = vec![root.join("out/../out"), dir.path().join("missing")];
        let found = discover(&inputs, &DiscoverOptions { exclude, ..DiscoverOptions::default() }).unwrap();
        assert_eq!(names(&found), ["a.jsonl"]);
        assert!(found.errors.is_empty() && found.skipped.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn each_file_once_under_its_first_name_in_path_order() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/speech.txt"), "text").unwrap();
        std::fs::write(root.join("notes.docx"), "").unwrap();
        symlink("sub/speech.txt", root.join("a-link.txt")).unwrap();
        symlink(".", root.join("self")).unwrap();
        symlink("user@host.1234", root.join(".#draft.txt")).unwrap();
        let inputs = [Input::Path(root.join("sub/speech.txt")), Input::Path(root.clone()), Input::Path(root.clone())];
        let found = discover(&inputs, &DiscoverOptions::default()).unwrap();
        let named = root.join("sub/speech.txt").display().to_string();
        assert_eq!(names(&found), [named.as_str()], "named first, then neither the link nor the walk again");
        let real = std::fs::canonicalize(root.join("sub/speech.txt")).unwrap();
        assert_eq!(found.files[0].real_path.as_ref(), Some(&real));
        let errors: Vec<String> = found.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors, ["self: symbolic link loop"], "the folder is walked once; hidden links are ignored");
        assert_eq!(found.skipped, [root.join("notes.docx")]);

        let found = discover(&[Input::Path(root.clone())], &DiscoverOptions::default()).unwrap();
        assert_eq!(names(&found), ["a-link.txt"], "the link sorts before sub/, so its name wins");
    }

    #[test]
    fn a_named_path_that_does_not_exist_is_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.jsonl");
        let error = discover(&[Input::Path(missing)], &DiscoverOptions::default()).unwrap_err();
        assert!(error.to_string().contains("missing.jsonl"), "{error}");
    }

    #[test]
    fn kinds_by_extension() {
        let rows = [
            ("a.txt", Some((InputKind::Text, Compression::None))),
            ("a.MD", Some((InputKind::Text, Compression::None))),
            ("a.jsonl.gz", Some((InputKind::Jsonl, Compression::Gzip))),
            ("a.ndjson.zst", Some((InputKind::Jsonl, Compression::Zstd))),
            ("a.tsv", Some((InputKind::Tsv, Compression::None))),
            ("a.csv.gz", Some((InputKind::Csv, Compression::Gzip))),
            ("talk.srt", Some((InputKind::Subtitles, Compression::None))),
            ("talk.vtt.gz", Some((InputKind::Subtitles, Compression::Gzip))),
            ("a.json", None),
            ("a.gz", None),
            ("README", None),
        ];
        for (name, expected) in rows {
            assert_eq!(classify(Path::new(name)), expected, "{name}");
        }
    }
}
