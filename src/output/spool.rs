//! The typed spool: rows of [`Cell`]s kept in a file of the staging folder while the corpus
//! streams, and read back, any number of times, when the tables are written.
//!
//! Some tables can be completed only once the whole corpus is read (the metadata columns of
//! `documents` are the union of every record's fields; the `recycled` column of `hits` needs reuse
//! detection), and some formats read a table twice (the workbook sizes its columns from the first
//! rows). Spooling keeps memory independent of the corpus size. The encoding is private and
//! short-lived: per row a little-endian `u32` cell count, per cell a tag byte and its value (text as
//! a `u64` length and UTF-8 bytes, numbers as eight bytes).
//!
//! Large tables (millions of hit rows) are written from borrowed values ([`CellRef`], no text
//! copied into a [`Cell`] first) and read back into one reused row ([`SpoolRows::next_into`], no
//! allocation per row once the row's texts have grown to their longest).

use super::cell::Cell;
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufReader, BufWriter, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

const EMPTY: u8 = 0;
const TEXT: u8 = 1;
const INT: u8 = 2;
const FLOAT: u8 = 3;
const BOOL: u8 = 4;

/// A spool being written.
pub struct SpoolWriter {
    path: PathBuf,
    out: BufWriter<File>,
    rows: usize,
}

impl SpoolWriter {
    /// Creates the spool file.
    pub fn create(path: PathBuf) -> Result<SpoolWriter> {
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        Ok(SpoolWriter { path, out: BufWriter::with_capacity(256 * 1024, file), rows: 0 })
    }

    /// Appends one row.
    pub fn push(&mut self, row: &[Cell]) -> Result<()> {
        self.push_refs(row.iter().map(CellRef::from), row.len())
    }

    /// Appends one row of `len` borrowed cells.
    pub fn push_refs<'a>(&mut self, row: impl IntoIterator<Item = CellRef<'a>>, len: usize) -> Result<()> {
        let encoded = (|| {
            self.out.write_all(&(len as u32).to_le_bytes())?;
            let mut written = 0;
            for cell in row {
                encode(&mut self.out, cell)?;
                written += 1;
            }
            debug_assert_eq!(written, len, "a spool row has the length it announces");
            Ok(())
        })();
        encoded.map_err(|e| Error::io(&self.path, e))?;
        self.rows += 1;
        Ok(())
    }

    /// Flushes the file; the spool can then be read.
    pub fn finish(mut self) -> Result<Spool> {
        self.out.flush().map_err(|e| Error::io(&self.path, e))?;
        Ok(Spool { path: self.path, rows: self.rows })
    }
}

/// A cell borrowed from the value it is made of, for writing a spool without copying text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellRef<'a> {
    /// See [`Cell::Empty`].
    Empty,
    /// See [`Cell::Text`].
    Text(&'a str),
    /// See [`Cell::Int`].
    Int(i64),
    /// See [`Cell::Float`].
    Float(f64),
    /// See [`Cell::Bool`].
    Bool(bool),
}

impl CellRef<'_> {
    /// A count or offset.
    pub fn count(n: usize) -> CellRef<'static> {
        CellRef::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl<'a> From<&'a Cell> for CellRef<'a> {
    fn from(cell: &'a Cell) -> CellRef<'a> {
        match cell {
            Cell::Empty => CellRef::Empty,
            Cell::Text(text) => CellRef::Text(text),
            Cell::Int(n) => CellRef::Int(*n),
            Cell::Float(x) => CellRef::Float(*x),
            Cell::Bool(b) => CellRef::Bool(*b),
        }
    }
}

fn encode(out: &mut impl Write, cell: CellRef<'_>) -> std::io::Result<()> {
    match cell {
        CellRef::Empty => out.write_all(&[EMPTY]),
        CellRef::Text(text) => {
            out.write_all(&[TEXT])?;
            out.write_all(&(text.len() as u64).to_le_bytes())?;
            out.write_all(text.as_bytes())
        }
        CellRef::Int(n) => {
            out.write_all(&[INT])?;
            out.write_all(&n.to_le_bytes())
        }
        CellRef::Float(x) => {
            out.write_all(&[FLOAT])?;
            out.write_all(&x.to_bits().to_le_bytes())
        }
        CellRef::Bool(b) => out.write_all(&[BOOL, u8::from(b)]),
    }
}

/// A complete spool, read any number of times.
#[derive(Debug)]
pub struct Spool {
    path: PathBuf,
    rows: usize,
}

impl Spool {
    /// Rows in the spool.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// The rows, in the order they were pushed.
    pub fn rows(&self) -> Result<SpoolRows> {
        let file = File::open(&self.path).map_err(|e| Error::io(&self.path, e))?;
        Ok(SpoolRows {
            path: self.path.clone(),
            input: BufReader::with_capacity(256 * 1024, file),
            left: self.rows,
            spare: Vec::new(),
        })
    }
}

/// Reads a spool row by row.
pub struct SpoolRows {
    path: PathBuf,
    input: BufReader<File>,
    left: usize,
    /// Text buffers of the previous row, reused by the next.
    spare: Vec<String>,
}

impl SpoolRows {
    /// Reads the next row into `row`, reusing its cells' text buffers; false after the last row.
    pub fn next_into(&mut self, row: &mut Vec<Cell>) -> Result<bool> {
        if self.left == 0 {
            return Ok(false);
        }
        self.left -= 1;
        let read = decode_into(&mut self.input, row, &mut self.spare).map_err(|e| spool_error(&self.path, e));
        if read.is_err() {
            self.left = 0;
        }
        read.map(|()| true)
    }
}

impl Iterator for SpoolRows {
    type Item = Result<Vec<Cell>>;

    fn next(&mut self) -> Option<Result<Vec<Cell>>> {
        let mut row = Vec::new();
        match self.next_into(&mut row) {
            Ok(true) => Some(Ok(row)),
            Ok(false) => None,
            Err(e) => Some(Err(e)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

fn spool_error(path: &Path, e: std::io::Error) -> Error {
    let e = if e.kind() == ErrorKind::UnexpectedEof {
        std::io::Error::new(ErrorKind::UnexpectedEof, "the spool file ends early (was it changed during the run?)")
    } else {
        e
    };
    Error::io(path, e)
}

/// Decodes one row into `row`: a text cell takes over the buffer of the text cell that was at its
/// place, so a table of rows alike is read without allocating.
fn decode_into(input: &mut impl Read, row: &mut Vec<Cell>, spare: &mut Vec<String>) -> std::io::Result<()> {
    let count = u32::from_le_bytes(read_array(input)?) as usize;
    spare.clear();
    for cell in row.iter_mut() {
        if let Cell::Text(text) = std::mem::replace(cell, Cell::Empty) {
            spare.push(text);
        }
    }
    spare.reverse();
    row.clear();
    for _ in 0..count {
        let [tag] = read_array(input)?;
        row.push(match tag {
            EMPTY => Cell::Empty,
            TEXT => {
                let len = u64::from_le_bytes(read_array(input)?);
                let mut bytes = spare.pop().map(String::into_bytes).unwrap_or_default();
                bytes.clear();
                if len <= 1 << 20 {
                    bytes.resize(len as usize, 0);
                    input.read_exact(&mut bytes)?;
                } else {
                    // A long text (or a damaged length) is read as far as it goes, not allocated first.
                    input.take(len).read_to_end(&mut bytes)?;
                    if bytes.len() as u64 != len {
                        return Err(ErrorKind::UnexpectedEof.into());
                    }
                }
                Cell::Text(String::from_utf8(bytes).map_err(|e| std::io::Error::new(ErrorKind::InvalidData, e))?)
            }
            INT => Cell::Int(i64::from_le_bytes(read_array(input)?)),
            FLOAT => Cell::Float(f64::from_bits(u64::from_le_bytes(read_array(input)?))),
            BOOL => Cell::Bool(read_array::<1>(input)?[0] != 0),
            other => {
                return Err(std::io::Error::new(ErrorKind::InvalidData, format!("unknown cell tag {other} in spool")))
            }
        });
    }
    Ok(())
}

fn read_array<const N: usize>(input: &mut impl Read) -> std::io::Result<[u8; N]> {
    let mut bytes = [0; N];
    input.read_exact(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_written_twice() {
        let dir = tempfile::tempdir().unwrap();
        let mut spool = SpoolWriter::create(dir.path().join("t.spool")).unwrap();
        let rows = vec![
            vec![Cell::Text("-frame, \"quoted\"\nнеонацисты".into()), Cell::Int(-7), Cell::Float(0.1), Cell::Empty],
            vec![],
            vec![Cell::Bool(true), Cell::Text(String::new())],
        ];
        for row in &rows {
            spool.push(row).unwrap();
        }
        let spool = spool.finish().unwrap();
        for _ in 0..2 {
            let read: Vec<Vec<Cell>> = spool.rows().unwrap().collect::<Result<_>>().unwrap();
            assert_eq!(read, rows);
        }
    }

    #[test]
    fn a_cut_spool_is_an_error_not_a_short_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.spool");
        let mut spool = SpoolWriter::create(path.clone()).unwrap();
        spool.push(&[Cell::Text("a long enough text".into())]).unwrap();
        let spool = spool.finish().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        let error = spool.rows().unwrap().next().unwrap().unwrap_err();
        assert!(error.to_string().contains("ends early"), "{error}");
    }
}
