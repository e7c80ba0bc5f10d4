//! Typed errors of the leitmotif library.
//!
//! Every failure the library can report is an [`Error`] carrying an [`ErrorKind`]. Kinds name the
//! offending file (and line, where there is one) so that a message printed at the edge of the
//! program tells the user exactly where to look. The binary wraps these in `anyhow` and maps them to
//! exit codes; the library never prints.

use std::fmt;
use std::path::PathBuf;

/// A failure of the library, with its [`ErrorKind`].
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file or stream could not be opened, read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// One record of the corpus could not be read (`path:line: message`).
    Record(RecordError),
    /// One or more lexicon files are invalid; every problem is listed.
    Lexicon(Vec<Diagnostic>),
    /// The request itself cannot be carried out (bad option value, no input…).
    Usage(String),
    /// The run was stopped by its caller ([`Progress::cancelled`](crate::pipeline::Progress::cancelled)).
    Cancelled,
}

impl Error {
    /// An error of this kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// A file could not be opened, read or written.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::new(ErrorKind::Io { path: path.into(), source })
    }

    /// The request cannot be carried out.
    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage(message.into()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            ErrorKind::Record(record) => record.fmt(f),
            ErrorKind::Lexicon(diagnostics) => {
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    d.fmt(f)?;
                }
                Ok(())
            }
            ErrorKind::Usage(message) => f.write_str(message),
            ErrorKind::Cancelled => f.write_str("cancelled"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A record of the corpus that could not be read. The rest of the corpus is still processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The input file as the user named it (or `-` for standard input).
    pub source: String,
    /// 1-based line where the record starts; 0 when the whole file is affected.
    pub line: u64,
    /// What is wrong with it.
    pub message: String,
    /// Records this error stands for: 1, or more when one problem shared by many records of a file
    /// is reported once (the message then says how many).
    pub records: u64,
    /// The same problem on every line of a file (a JSONL file without the text field) is reported
    /// once for the file: such errors merge into the first (see `pipeline::ErrorRows`).
    pub(crate) repeats: bool,
}

impl RecordError {
    /// One record at `line` of `source` (0: the whole file) that could not be read.
    pub fn new(source: impl Into<String>, line: u64, message: impl Into<String>) -> RecordError {
        RecordError { source: source.into(), line, message: message.into(), records: 1, repeats: false }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.source, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.source, self.message)
        }
    }
}

/// One problem in a lexicon file, located by 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The lexicon file as named.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
