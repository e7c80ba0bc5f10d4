//! The documents spool. `documents.csv` has one column per metadata field, and with JSONL input the
//! set of fields is known only once every record has been read. Rows therefore go to a spool file
//! (one JSON array per line) while the corpus streams, and the table is written from it at the end
//! with the union of the fields, in order of first appearance. Memory stays independent of the
//! corpus size.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
pub struct SpooledRow {
    /// Position of the document in the input (several rows may share it with `--by speaker`).
    pub ordinal: usize,
    pub id: String,
    pub speaker: Option<String>,
    pub meta: Vec<(String, String)>,
    pub cells: Vec<String>,
}

pub struct Spool {
    path: PathBuf,
    writer: BufWriter<File>,
    keys: Vec<String>,
    key_index: HashMap<String, usize>,
}

impl Spool {
    pub fn create(path: PathBuf) -> Result<Spool> {
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        Ok(Spool { path, writer: BufWriter::new(file), keys: Vec::new(), key_index: HashMap::new() })
    }

    pub fn push(&mut self, row: &SpooledRow) -> Result<()> {
        for (key, _) in &row.meta {
            if !self.key_index.contains_key(key) {
                self.key_index.insert(key.clone(), self.keys.len());
                self.keys.push(key.clone());
            }
        }
        serde_json::to_writer(&mut self.writer, row).map_err(|e| Error::io(&self.path, e.into()))?;
        self.writer.write_all(b"\n").map_err(|e| Error::io(&self.path, e))
    }

    /// Metadata keys in order of first appearance.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Replays the rows with metadata aligned to [`Spool::keys`] (missing values empty), then
    /// deletes the spool file.
    pub fn drain(mut self, mut each: impl FnMut(&SpooledRow, Vec<&str>) -> Result<()>) -> Result<()> {
        self.writer.flush().map_err(|e| Error::io(&self.path, e))?;
        drop(self.writer);
        let file = File::open(&self.path).map_err(|e| Error::io(&self.path, e))?;
        for line in BufReader::new(file).lines() {
            let line = line.map_err(|e| Error::io(&self.path, e))?;
            let row: SpooledRow = serde_json::from_str(&line).map_err(|e| Error::io(&self.path, e.into()))?;
            let mut values = vec![""; self.keys.len()];
            for (key, value) in &row.meta {
                values[self.key_index[key]] = value;
            }
            each(&row, values)?;
        }
        remove(&self.path)
    }
}

fn remove(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(|e| Error::io(path, e))
}
