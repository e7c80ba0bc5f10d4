//! The typed spool: rows of [`Cell`]s kept in a file of the staging folder while the corpus
//! streams, and read back, any number of times, when the tables are written.
//!
//! Some tables can be completed only once the whole corpus is read (the metadata columns of
//! `documents` are the union of every record's fields; the `recycled` column of `hits` needs reuse
//! detection), and some formats read a table twice (the workbook sizes its columns from the first
//! rows). Spooling keeps memory independent of the corpus size. The encoding is private and
//! short-lived: per row a little-endian `u32` byte length and a `u32` cell count, then per cell a
//! tag byte and its value (text as a `u32` length and UTF-8 bytes, numbers as eight bytes).
//!
//! Large tables (millions of hit rows) are written from borrowed values ([`CellRef`], no text
//! copied into a [`Cell`] first) and read back into one reused row ([`SpoolRows::next_into`], no
//! allocation per row once the row's texts have grown to their longest). The spool also notes where
//! every [`PART_ROWS`]-th row starts, so that a table can be read in parts, in parallel
//! ([`Spool::part`]).

use super::cell::Cell;
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufReader, BufWriter, ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const EMPTY: u8 = 0;
const TEXT: u8 = 1;
const INT: u8 = 2;
const FLOAT: u8 = 3;
const BOOL: u8 = 4;

/// Rows per part of a spool (see [`Spool::part`]).
pub const PART_ROWS: usize = 4096;

/// A spool being written.
pub struct SpoolWriter {
    path: PathBuf,
    out: BufWriter<File>,
    rows: usize,
    /// Bytes written so far.
    written: u64,
    /// Where each part starts.
    parts: Vec<u64>,
    /// The row being encoded.
    row: Vec<u8>,
}

impl SpoolWriter {
    /// Creates the spool file.
    pub fn create(path: PathBuf) -> Result<SpoolWriter> {
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let out = BufWriter::with_capacity(256 * 1024, file);
        Ok(SpoolWriter { path, out, rows: 0, written: 0, parts: Vec::new(), row: Vec::new() })
    }

    /// Appends one row.
    pub fn push(&mut self, row: &[Cell]) -> Result<()> {
        self.push_refs(row.iter().map(CellRef::from))
    }

    /// Appends one row of borrowed cells. Its byte length and cell count are filled in once the
    /// cells are encoded.
    pub fn push_refs<'a>(&mut self, row: impl IntoIterator<Item = CellRef<'a>>) -> Result<()> {
        let too_long = || Error::io(&self.path, std::io::Error::other("a row too long for the spool (4 GiB)"));
        self.row.clear();
        self.row.extend_from_slice(&[0; 8]);
        let mut cells = 0u32;
        for cell in row {
            encode(&mut self.row, cell).ok_or_else(too_long)?;
            cells = cells.checked_add(1).ok_or_else(too_long)?;
        }
        let length = u32::try_from(self.row.len() - 4).map_err(|_| too_long())?;
        self.row[..4].copy_from_slice(&length.to_le_bytes());
        self.row[4..8].copy_from_slice(&cells.to_le_bytes());
        if self.rows.is_multiple_of(PART_ROWS) {
            self.parts.push(self.written);
        }
        self.out.write_all(&self.row).map_err(|e| Error::io(&self.path, e))?;
        self.written += self.row.len() as u64;
        self.rows += 1;
        Ok(())
    }

    /// Flushes the file; the spool can then be read.
    pub fn finish(mut self) -> Result<Spool> {
        self.out.flush().map_err(|e| Error::io(&self.path, e))?;
        Ok(Spool { path: self.path, rows: self.rows, parts: self.parts })
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

/// Appends the encoding of `cell` to `out`; `None` for a text of 4 GiB or more.
fn encode(out: &mut Vec<u8>, cell: CellRef<'_>) -> Option<()> {
    match cell {
        CellRef::Empty => out.push(EMPTY),
        CellRef::Text(text) => {
            out.push(TEXT);
            out.extend_from_slice(&u32::try_from(text.len()).ok()?.to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        }
        CellRef::Int(n) => {
            out.push(INT);
            out.extend_from_slice(&n.to_le_bytes());
        }
        CellRef::Float(x) => {
            out.push(FLOAT);
            out.extend_from_slice(&x.to_bits().to_le_bytes());
        }
        CellRef::Bool(b) => out.extend_from_slice(&[BOOL, u8::from(b)]),
    }
    Some(())
}

/// A complete spool, read any number of times.
#[derive(Debug)]
pub struct Spool {
    path: PathBuf,
    rows: usize,
    parts: Vec<u64>,
}

impl Spool {
    /// Rows in the spool.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// The rows, in the order they were pushed.
    pub fn rows(&self) -> Result<SpoolRows> {
        self.part_from(0, self.rows)
    }

    /// How many parts the spool has: [`PART_ROWS`] rows each, the last one fewer.
    pub fn parts(&self) -> usize {
        self.parts.len()
    }

    /// The rows of part `part` (each part can be read on a thread of its own).
    pub fn part(&self, part: usize) -> Result<SpoolRows> {
        let rows = PART_ROWS.min(self.rows.saturating_sub(part * PART_ROWS));
        self.part_from(part, rows)
    }

    fn part_from(&self, part: usize, rows: usize) -> Result<SpoolRows> {
        let error = |e| Error::io(&self.path, e);
        let mut file = File::open(&self.path).map_err(error)?;
        if let Some(&offset) = self.parts.get(part).filter(|&&offset| offset > 0) {
            file.seek(SeekFrom::Start(offset)).map_err(error)?;
        }
        let input = BufReader::with_capacity(256 * 1024, file);
        Ok(SpoolRows { path: self.path.clone(), input, left: rows, bytes: Vec::new(), spare: Vec::new() })
    }
}

/// Reads a spool row by row.
pub struct SpoolRows {
    path: PathBuf,
    input: BufReader<File>,
    left: usize,
    /// The bytes of the row being decoded.
    bytes: Vec<u8>,
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
        let read = self.read_row(row).map_err(|e| spool_error(&self.path, e));
        if read.is_err() {
            self.left = 0;
        }
        read.map(|()| true)
    }

    fn read_row(&mut self, row: &mut Vec<Cell>) -> std::io::Result<()> {
        let mut length = [0u8; 4];
        self.input.read_exact(&mut length)?;
        let length = u32::from_le_bytes(length) as usize;
        self.bytes.clear();
        if length <= 1 << 20 {
            self.bytes.resize(length, 0);
            self.input.read_exact(&mut self.bytes)?;
        } else {
            // Read as far as the file goes before trusting a long (possibly damaged) length.
            (&mut self.input).take(length as u64).read_to_end(&mut self.bytes)?;
            if self.bytes.len() != length {
                return Err(ErrorKind::UnexpectedEof.into());
            }
        }
        decode_into(&self.bytes, row, &mut self.spare)
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

/// Decodes the row encoded in `bytes` into `row`: a text cell takes over the buffer of the text
/// cell that was at its place, so a table of rows alike is read without allocating.
fn decode_into(mut bytes: &[u8], row: &mut Vec<Cell>, spare: &mut Vec<String>) -> std::io::Result<()> {
    let damaged = || std::io::Error::new(ErrorKind::InvalidData, "a damaged spool row");
    let count = u32::from_le_bytes(take_array(&mut bytes).ok_or_else(damaged)?) as usize;
    spare.clear();
    for cell in row.iter_mut() {
        if let Cell::Text(text) = std::mem::replace(cell, Cell::Empty) {
            spare.push(text);
        }
    }
    spare.reverse();
    row.clear();
    for _ in 0..count {
        let [tag] = take_array(&mut bytes).ok_or_else(damaged)?;
        row.push(match tag {
            EMPTY => Cell::Empty,
            TEXT => {
                let len = u32::from_le_bytes(take_array(&mut bytes).ok_or_else(damaged)?) as usize;
                let text = bytes.get(..len).ok_or_else(damaged)?;
                bytes = &bytes[len..];
                let text = std::str::from_utf8(text).map_err(|e| std::io::Error::new(ErrorKind::InvalidData, e))?;
                let mut cell = spare.pop().unwrap_or_default();
                cell.clear();
                cell.push_str(text);
                Cell::Text(cell)
            }
            INT => Cell::Int(i64::from_le_bytes(take_array(&mut bytes).ok_or_else(damaged)?)),
            FLOAT => Cell::Float(f64::from_bits(u64::from_le_bytes(take_array(&mut bytes).ok_or_else(damaged)?))),
            BOOL => Cell::Bool(take_array::<1>(&mut bytes).ok_or_else(damaged)?[0] != 0),
            other => {
                return Err(std::io::Error::new(ErrorKind::InvalidData, format!("unknown cell tag {other} in spool")))
            }
        });
    }
    Ok(())
}

/// The first `N` bytes of `bytes`, which then start after them.
fn take_array<const N: usize>(bytes: &mut &[u8]) -> Option<[u8; N]> {
    let (head, rest) = bytes.split_first_chunk::<N>()?;
    *bytes = rest;
    Some(*head)
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
    fn parts_hold_the_rows_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut spool = SpoolWriter::create(dir.path().join("t.spool")).unwrap();
        let rows = 2 * PART_ROWS + 17;
        for n in 0..rows {
            spool.push(&[Cell::count(n), Cell::Text("x".repeat(n % 7))]).unwrap();
        }
        let spool = spool.finish().unwrap();
        assert_eq!(spool.parts(), 3);
        let mut read = Vec::new();
        for part in (0..spool.parts()).rev() {
            let mut rows: Vec<Vec<Cell>> = spool.part(part).unwrap().collect::<Result<_>>().unwrap();
            rows.extend(read);
            read = rows;
        }
        assert_eq!(read.len(), rows);
        for (n, row) in read.iter().enumerate() {
            assert_eq!(row, &vec![Cell::count(n), Cell::Text("x".repeat(n % 7))]);
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
