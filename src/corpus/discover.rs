//! Finding the input files: directories are walked recursively in path order (hidden entries
//! skipped), and each file's kind is told by its extension, under an optional `.gz` or `.zst`.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// What the user named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
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
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// One file (or standard input) to read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// How the file is named in ids and messages: relative to the directory given, or as given.
    pub name: String,
    pub kind: InputKind,
    pub compression: Compression,
    /// Size on disk, for progress.
    pub size: Option<u64>,
}

/// Expands the inputs into files to read. Files inside directories whose kind is not recognised
/// are returned in the second list (they are reported, not read). A named file of unknown kind or
/// a path that does not exist is an error.
pub fn discover(inputs: &[Input]) -> Result<(Vec<SourceFile>, Vec<PathBuf>)> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => files.push(SourceFile {
                path: None,
                name: "-".into(),
                kind: InputKind::Jsonl,
                compression: Compression::None,
                size: None,
            }),
            Input::Path(path) if path.is_dir() => walk(path, path, &mut files, &mut skipped)?,
            Input::Path(path) => {
                let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
                let name = path.display().to_string();
                let (kind, compression) = classify(path).ok_or_else(|| {
                    Error::usage(format!(
                        "{name}: unrecognised file type (expected .txt, .md, .jsonl, .ndjson, .csv, .tsv, .srt or .vtt, optionally .gz or .zst)"
                    ))
                })?;
                files.push(SourceFile {
                    path: Some(path.clone()),
                    name,
                    kind,
                    compression,
                    size: Some(metadata.len()),
                });
            }
        }
    }
    Ok((files, skipped))
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<SourceFile>, skipped: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        entries.push(entry.path());
    }
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(root, &path, files, skipped)?;
            continue;
        }
        match classify(&path) {
            Some((kind, compression)) => {
                let size = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?.len();
                let relative = path.strip_prefix(root).unwrap_or(&path);
                let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                files.push(SourceFile { path: Some(path.clone()), name, kind, compression, size: Some(size) });
            }
            None => skipped.push(path),
        }
    }
    Ok(())
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
