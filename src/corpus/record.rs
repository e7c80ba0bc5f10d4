//! Raw records and their parsing into [`Document`]s (done on worker threads).

use super::subtitles::parse_subtitles;
use super::{Document, ReadOptions};
use crate::error::RecordError;
use std::io::Read;
use std::sync::Arc;

/// A record cut out of a source, not yet parsed.
#[derive(Debug)]
pub struct Record {
    pub source: Arc<str>,
    /// 1-based line where it starts (0: the whole file).
    pub line: u64,
    pub body: RecordBody,
}

#[derive(Debug)]
pub enum RecordBody {
    /// A whole `.txt`/`.md` file, or a subtitle file.
    Text { id: String, bytes: Vec<u8>, subtitles: bool },
    /// One JSONL line.
    JsonLine(Vec<u8>),
    /// One CSV/TSV row.
    CsvRow { row: csv::ByteRecord, layout: Arc<CsvLayout> },
    /// Something that could not be read; the message says why.
    Unreadable(String),
}

/// Column roles of one CSV/TSV file.
#[derive(Debug)]
pub struct CsvLayout {
    headers: Vec<String>,
    id: Option<usize>,
    text: usize,
}

impl CsvLayout {
    pub(crate) fn from_headers<R: Read>(
        reader: &mut csv::Reader<R>,
        options: &ReadOptions,
    ) -> Result<CsvLayout, String> {
        let headers = reader.byte_headers().map_err(|e| format!("cannot read the header row: {e}"))?;
        let headers: Vec<String> = headers
            .iter()
            .map(|h| String::from_utf8(h.to_vec()).map(|s| s.trim().to_string()))
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
        Ok(CsvLayout { id: position(&options.id_column), text, headers })
    }
}

impl Record {
    /// Bytes of text this record carries, for batching.
    pub fn size(&self) -> usize {
        match &self.body {
            RecordBody::Text { bytes, .. } | RecordBody::JsonLine(bytes) => bytes.len(),
            RecordBody::CsvRow { row, .. } => row.as_slice().len(),
            RecordBody::Unreadable(_) => 0,
        }
    }

    /// Parses the record.
    pub fn into_document(self, options: &ReadOptions) -> Result<Document, RecordError> {
        let fail = |message: String| RecordError { source: self.source.to_string(), line: self.line, message };
        let fallback_id = || format!("{}:{}", self.source, self.line);
        let mut cues = Vec::new();
        let (id, meta, text) = match self.body {
            RecordBody::Unreadable(message) => return Err(fail(message)),
            RecordBody::Text { id, bytes, subtitles } => {
                let mut text =
                    String::from_utf8(bytes).map_err(|e| fail(format!("text {}", utf8_message(e.utf8_error()))))?;
                if text.starts_with('\u{feff}') {
                    text.drain(..3);
                }
                if subtitles {
                    let (spoken, parsed) = parse_subtitles(&text).map_err(|(line, message)| RecordError {
                        source: self.source.to_string(),
                        line,
                        message,
                    })?;
                    cues = parsed;
                    text = spoken;
                }
                (id, Vec::new(), text)
            }
            RecordBody::JsonLine(bytes) => parse_json(&bytes, options).map_err(fail)?,
            RecordBody::CsvRow { row, layout } => {
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
        let id = if id.is_empty() { fallback_id() } else { id };
        Ok(Document { id, meta, text, source: Arc::clone(&self.source), line: self.line, cues })
    }
}

type Parsed = (String, Vec<(String, String)>, String);

fn parse_json(bytes: &[u8], options: &ReadOptions) -> Result<Parsed, String> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| format!("invalid JSON: {e}"))?;
    let serde_json::Value::Object(map) = value else {
        return Err("expected a JSON object".into());
    };
    let mut id = String::new();
    let mut text = None;
    let mut meta = Vec::with_capacity(map.len());
    for (key, value) in map {
        if key == options.text_field {
            match value {
                serde_json::Value::String(s) => text = Some(s),
                serde_json::Value::Null => text = Some(String::new()),
                _ => return Err(format!("field '{key}' is not a string")),
            }
        } else if key == options.id_field {
            id = json_text(value);
        } else {
            meta.push((key, json_text(value)));
        }
    }
    let text =
        text.ok_or_else(|| format!("no field '{}' for the text; choose one with --text-field", options.text_field))?;
    Ok((id, meta, text))
}

/// A JSON value as a cell: strings as they are, null as empty, anything else as compact JSON.
fn json_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn utf8_message(e: std::str::Utf8Error) -> String {
    format!("is not valid UTF-8 (byte {})", e.valid_up_to())
}
