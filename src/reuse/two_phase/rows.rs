//! Reading the tab-separated rows of phase two: lines with their numbers, cells split and parsed,
//! and every malformed line an error naming it (never a panic, never a row passed over).

use super::keys::{parse_doc_key, parse_place, DocKey};
use super::shingles::reuse_doc;
use crate::error::{Error, ErrorKind, RecordError, Result};
use crate::reuse::fingerprint::ReuseDoc;
use std::io::BufRead;

/// The lines of a stream, numbered from 1, `\r\n` or `\n` ended.
pub struct Lines<R> {
    input: R,
    name: String,
    number: u64,
    buffer: String,
}

impl<R: BufRead> Lines<R> {
    /// Reads `input`, named `name` in messages.
    pub fn new(input: R, name: &str) -> Lines<R> {
        Lines { input, name: name.to_string(), number: 0, buffer: String::new() }
    }

    /// The next line (without its end) and its number; `None` at the end.
    pub fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
        self.buffer.clear();
        let read = self.input.read_line(&mut self.buffer).map_err(|e| {
            let message = format!("cannot read line {}: {e}", self.number + 1);
            Error::new(ErrorKind::Record(RecordError::new(self.name.clone(), self.number + 1, message)))
        })?;
        if read == 0 {
            return Ok(None);
        }
        self.number += 1;
        let line = self.buffer.strip_suffix('\n').unwrap_or(&self.buffer);
        Ok(Some((self.number, line.strip_suffix('\r').unwrap_or(line))))
    }
}

/// An error at line `number` of the stream named `name`.
pub fn line_error(name: &str, number: u64, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Record(RecordError::new(name, number, message)))
}

/// The cells of a line, exactly `count` of them.
pub fn cells(line: &str, count: usize) -> std::result::Result<Vec<&str>, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    if cells.len() == count {
        Ok(cells)
    } else {
        Err(format!("expected {count} tab-separated cells, found {}", cells.len()))
    }
}

/// A document key cell.
pub fn doc_key_cell(cell: &str) -> std::result::Result<DocKey, String> {
    parse_doc_key(cell).ok_or_else(|| format!("'{}' is not a document key (33 hex digits)", clip(cell)))
}

/// A place cell.
pub fn place_cell(cell: &str) -> std::result::Result<(DocKey, u32), String> {
    parse_place(cell).ok_or_else(|| format!("'{}' is not a place (41 hex digits)", clip(cell)))
}

/// A hash cell (a signed 64-bit number).
pub fn hash_cell(cell: &str) -> std::result::Result<u64, String> {
    cell.parse::<i64>().map(|h| h as u64).map_err(|_| format!("'{}' is not a 64-bit hash", clip(cell)))
}

/// A word position cell.
pub fn pos_cell(cell: &str) -> std::result::Result<u32, String> {
    cell.parse::<u32>().map_err(|_| format!("'{}' is not a word position", clip(cell)))
}

/// A document record (`{"id", "text"[, "order"]}`, as `shingles --docs` writes it): the reuse
/// view and whether it carries an order value.
pub fn record_cell(cell: &str) -> std::result::Result<(ReuseDoc, bool), String> {
    let value: serde_json::Value =
        serde_json::from_str(cell).map_err(|e| format!("the document record is not JSON: {e}"))?;
    let text_of = |name: &str| -> std::result::Result<Option<String>, String> {
        match value.get(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(serde_json::Value::Number(n)) if name != "text" => Ok(Some(n.to_string())),
            Some(_) => Err(format!("the document record's \"{name}\" is not a string")),
        }
    };
    if !value.is_object() {
        return Err("the document record is not a JSON object".into());
    }
    let text = text_of("text")?.ok_or("the document record has no \"text\"")?;
    let order = text_of("order")?;
    let ordered = value.get("order").is_some();
    let doc = reuse_doc(text_of("id")?.unwrap_or_default(), order.clone().unwrap_or_default(), text);
    Ok((doc, ordered))
}

/// At most 40 characters of a cell, for messages.
fn clip(cell: &str) -> String {
    match cell.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &cell[..i]),
        None => cell.to_string(),
    }
}
