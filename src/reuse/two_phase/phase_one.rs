//! Reading a corpus for phase one: the same files, records and documents as a scan (any input
//! kind, in input order), each document keyed (`keys.rs`) and written as shingle rows — and, for the
//! local pipeline, as a `doc` row. A record that cannot be read, or whose `--ordinal-field` is not
//! a whole number, is handed to the caller as a [`RecordError`] naming its file and line, and
//! writes no row.

use super::shingles::ShingledDoc;
use crate::corpus::{discover, CorpusReader, DiscoverOptions, Discovered, Input, ReadOptions, Record};
use crate::error::{Error, RecordError, Result};
use rayon::prelude::*;
use std::io::Write;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// A document as read: id, order value (with `--order-by`), text, ordinal (with `--ordinal-field`).
type Parsed = (String, Option<String>, String, Option<u64>);

/// Records handed to the workers at a time.
const BATCH: usize = 256;

/// How phase one reads and keys documents.
#[derive(Debug, Clone, Default)]
pub struct ShingleOptions {
    /// Field giving the order (`--order-by`); `None`: input order.
    pub order_by: Option<String>,
    /// Field holding the document's global input ordinal (a whole number; a cluster's driver adds
    /// it); `None`: documents are numbered 0, 1, 2, … as they are read.
    pub ordinal_field: Option<String>,
    /// Also write one `doc` row per document (the local pipeline).
    pub doc_rows: bool,
}

/// What phase one read and wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ShingleStats {
    /// Documents read.
    pub documents: u64,
    /// Records that could not be read.
    pub errors: u64,
    /// Shingle rows written.
    pub rows: u64,
    /// Bytes of text read (UTF-8).
    pub text_bytes: u64,
}

/// Reads `inputs` and writes their rows to `out`; each unreadable record goes to `on_error`.
pub fn shingle_inputs(
    inputs: &[Input],
    read: &ReadOptions,
    options: &ShingleOptions,
    out: &mut dyn Write,
    on_error: &mut dyn FnMut(&RecordError),
) -> Result<ShingleStats> {
    let discover_options =
        DiscoverOptions { exclude_marked: vec![crate::output::MANIFEST.to_string()], ..DiscoverOptions::default() };
    let Discovered { files, errors, .. } = discover(inputs, &discover_options)?;
    let mut stats = ShingleStats::default();
    for error in &errors {
        stats.errors += 1;
        on_error(error);
    }
    let mut reader = CorpusReader::new(files, read.clone(), Arc::new(AtomicU64::new(0)));
    loop {
        let batch: Vec<Record> = reader.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            return Ok(stats);
        }
        let parsed: Vec<std::result::Result<Parsed, RecordError>> = batch
            .into_par_iter()
            .map(|record| {
                let (source, line) = (record.source.to_string(), record.line);
                let document = record.into_document(read)?;
                let field = |name: &String| document.meta.iter().find(|(key, _)| key == name).map(|(_, v)| v.clone());
                let ordinal = match &options.ordinal_field {
                    None => None,
                    Some(name) => match field(name).map(|v| v.trim().parse::<u64>()) {
                        Some(Ok(n)) if n < 1 << 63 => Some(n),
                        Some(_) => {
                            return Err(RecordError::new(source, line, format!("field '{name}' is not a whole number")))
                        }
                        None => {
                            return Err(RecordError::new(source, line, format!("no field '{name}' for the ordinal")))
                        }
                    },
                };
                let order = options.order_by.as_ref().map(|name| field(name).unwrap_or_default());
                Ok((document.id, order, document.text, ordinal))
            })
            .collect();
        let mut keyed = Vec::with_capacity(parsed.len());
        for result in parsed {
            match result {
                Ok((id, order, text, ordinal)) => {
                    keyed.push((id, order, text, ordinal.unwrap_or(stats.documents)));
                    stats.documents += 1;
                }
                Err(error) => {
                    stats.errors += 1;
                    on_error(&error);
                }
            }
        }
        let written: Vec<(Vec<u8>, u64, u64)> = keyed
            .into_par_iter()
            .map_init(Vec::new, |shingles, (id, order, text, ordinal)| {
                let bytes = text.len() as u64;
                let doc = ShingledDoc::new(id, order, text, ordinal);
                let mut rows = Vec::new();
                let count = doc.write_shingles(&mut rows, shingles).expect("writing to memory");
                if options.doc_rows {
                    doc.write_doc(&mut rows).expect("writing to memory");
                }
                (rows, count as u64, bytes)
            })
            .collect();
        for (rows, count, bytes) in written {
            out.write_all(&rows).map_err(|e| Error::io("-", e))?;
            stats.rows += count;
            stats.text_bytes += bytes;
        }
    }
}
