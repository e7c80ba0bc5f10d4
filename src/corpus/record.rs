//! Raw records and their parsing into [`Document`]s (done on worker threads).

use super::csv_rows::fields;
use super::json::{parse_json, JsonError};
use super::subtitles::parse_subtitles;
use super::{Document, ReadOptions};
use crate::error::RecordError;
use std::borrow::Cow;
use std::sync::Arc;

/// A record cut out of a source, not yet parsed.
#[derive(Debug)]
/// One raw record as cut out by the reader thread, parsed later by a worker.
pub struct Record {
    /// The input file as named.
    pub source: Arc<str>,
    /// 1-based line where it starts (0: the whole file).
    pub line: u64,
    /// Its bytes.
    pub body: RecordBody,
}

/// The bytes of a raw record, by kind of input.
#[derive(Debug)]
pub enum RecordBody {
    /// A whole `.txt`/`.md` file, or a subtitle file.
    Text {
        /// The file's name.
        id: String,
        /// Its content.
        bytes: Vec<u8>,
        /// Whether it is `.srt`/`.vtt`.
        subtitles: bool,
    },
    /// One JSONL line.
    JsonLine(Vec<u8>),
    /// One CSV/TSV row, as in the file (quotes not yet removed).
    CsvRow {
        /// The row's bytes.
        bytes: Vec<u8>,
        /// Where the id and text columns are.
        layout: Arc<CsvLayout>,
    },
    /// A document handed over in memory by a library user (see
    /// [`run_scan_documents`](crate::pipeline::run_scan_documents)): nothing left to parse.
    Document(Box<Document>),
    /// Something that could not be read; the message says why.
    Unreadable(String),
    /// A whole file whose `records` records could not be read for one reason (a CSV file without
    /// the text column); the message says why and how many.
    UnreadableFile {
        /// Why, and how many records.
        message: String,
        /// Records of the file (at least 1: the file itself).
        records: u64,
    },
}

/// Column roles of one CSV/TSV file.
#[derive(Debug)]
pub struct CsvLayout {
    headers: Vec<String>,
    id: Option<usize>,
    text: usize,
    delimiter: u8,
}

impl CsvLayout {
    pub(crate) fn from_headers(
        headers: &[Cow<'_, [u8]>],
        delimiter: u8,
        options: &ReadOptions,
    ) -> Result<CsvLayout, String> {
        let headers: Vec<String> = headers
            .iter()
            .map(|h| std::str::from_utf8(h).map(|s| s.trim().to_string()))
            .collect::<Result<_, _>>()
            .map_err(|_| "the header row is not valid UTF-8".to_string())?;
        let position = |name: &str| headers.iter().position(|h| h == name);
        let text = position(&options.text_column).ok_or_else(|| {
            format!(
                "no column '{}' for the text (columns: {}); choose one with --text-column",
                options.text_column,
                headers.join(", ")
            )
        })?;
        Ok(CsvLayout { id: position(&options.id_column), text, headers, delimiter })
    }
}

impl Record {
    /// Bytes of text this record carries, for batching.
    pub fn size(&self) -> usize {
        match &self.body {
            RecordBody::Text { bytes, .. } | RecordBody::JsonLine(bytes) => bytes.len(),
            RecordBody::CsvRow { bytes, .. } => bytes.len(),
            RecordBody::Document(document) => document.text.len(),
            RecordBody::Unreadable(_) | RecordBody::UnreadableFile { .. } => 0,
        }
    }

    /// Whether it is a CSV/TSV row (its id is in `--id-column`, not `--id-field`).
    pub fn is_csv(&self) -> bool {
        matches!(self.body, RecordBody::CsvRow { .. })
    }

    /// Parses the record.
    pub fn into_document(self, options: &ReadOptions) -> Result<Document, RecordError> {
        let fail = |message: String| RecordError::new(self.source.to_string(), self.line, message);
        let fallback_id = || format!("{}:{}", self.source, self.line);
        let mut cues = Vec::new();
        let whole_file = matches!(self.body, RecordBody::Text { .. });
        let (id, meta, text) = match self.body {
            RecordBody::Document(document) => return Ok(*document),
            RecordBody::Unreadable(message) => return Err(fail(message)),
            RecordBody::UnreadableFile { message, records } => return Err(RecordError { records, ..fail(message) }),
            RecordBody::Text { id, bytes, subtitles } => {
                let mut text =
                    String::from_utf8(bytes).map_err(|e| fail(format!("text {}", utf8_message(e.utf8_error()))))?;
                if text.starts_with('\u{feff}') {
                    text.drain(..3);
                }
                if subtitles {
                    let (spoken, parsed) = parse_subtitles(&text)
                        .map_err(|(line, message)| RecordError::new(self.source.to_string(), line, message))?;
                    cues = parsed;
                    text = spoken;
                }
                (id, Vec::new(), text)
            }
            RecordBody::JsonLine(bytes) => parse_json(&bytes, options).map_err(|e| match e {
                JsonError::Invalid(message) => fail(message),
                JsonError::NoText(message) => RecordError { repeats: true, ..fail(message) },
            })?,
            RecordBody::CsvRow { bytes, layout } => {
                let row = fields(&bytes, layout.delimiter);
                if row.len() != layout.headers.len() {
                    return Err(fail(format!("row has {} fields, the header has {}", row.len(), layout.headers.len())));
                }
                let mut id = None;
                let mut text = String::new();
                let mut meta = Vec::with_capacity(layout.headers.len());
                for (i, field) in row.iter().enumerate() {
                    let value = std::str::from_utf8(field)
                        .map_err(|e| fail(format!("column '{}' {}", layout.headers[i], utf8_message(e))))?;
                    if i == layout.text {
                        text = value.to_string();
                    } else if Some(i) == layout.id {
                        id = Some(value.to_string());
                    } else {
                        meta.push((layout.headers[i].clone(), value.to_string()));
                    }
                }
                (id.unwrap_or_default(), meta, text)
            }
        };
        let id_missing = id.is_empty() && !whole_file;
        let id = if id.is_empty() { fallback_id() } else { id };
        Ok(Document { id, meta, text, source: Arc::clone(&self.source), line: self.line, cues, id_missing })
    }
}

fn utf8_message(e: std::str::Utf8Error) -> String {
    format!("is not valid UTF-8 (byte {})", e.valid_up_to())
}
