//! Line numbers of CSV and TSV records, counted here rather than taken from the csv crate. The
//! crate ends a record at `\n`, `\r\n` or a lone `\r`, but its positions are off in three cases:
//! it counts lines by `\n` only, so in a file saved with classic Mac line ends (a lone `\r`, as
//! Excel's "CSV (Macintosh)" writes them) every row is on line 1; a record's position is taken
//! before the previous record's `\r\n` is fully read, so in a Windows file every row is one line
//! early; and it is taken before skipped blank lines. Wrong lines mislead error messages and give
//! rows without an id clashing fallback ids (`file:line`).
//!
//! [`LineStarts`] sits between the stream and the csv reader and notes, for every line that holds
//! more than line ends, the byte offset where it starts and its number (a lone `\r`, `\n` and
//! `\r\n` each end a line). A record's position, however early, lies before its first byte and
//! after the previous record's last, and records start lines, so the first such line start at or
//! after the position is the record's.

use std::collections::VecDeque;
use std::io::{self, Read};

/// A reader that notes where its lines start.
pub struct LineStarts<R> {
    inner: R,
    /// Bytes read so far.
    offset: u64,
    /// The number of the line the next byte is on.
    line: u64,
    /// The last byte read ended a line (or nothing has been read yet).
    at_line_start: bool,
    /// The last byte read was `\r`: a `\n` right after it ends no further line.
    after_cr: bool,
    /// (offset, line) of the lines with content not yet passed by [`LineStarts::line`].
    starts: VecDeque<(u64, u64)>,
}

impl<R> LineStarts<R> {
    pub fn new(inner: R) -> LineStarts<R> {
        LineStarts { inner, offset: 0, line: 1, at_line_start: true, after_cr: false, starts: VecDeque::new() }
    }

    /// The 1-based line of the record that the csv crate places at `position`. Records must be
    /// asked about in the order they are read; `position.line()` is the fallback.
    pub fn line(&mut self, position: &csv::Position) -> u64 {
        while self.starts.front().is_some_and(|&(offset, _)| offset < position.byte()) {
            self.starts.pop_front();
        }
        self.starts.front().map_or(position.line(), |&(_, line)| line)
    }
}

impl<R: Read> Read for LineStarts<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (offset, &byte) in (self.offset..).zip(&buf[..n]) {
            match byte {
                b'\r' => self.line += 1,
                b'\n' if !self.after_cr => self.line += 1,
                b'\n' => {}
                _ if self.at_line_start => self.starts.push_back((offset, self.line)),
                _ => {}
            }
            self.at_line_start = matches!(byte, b'\r' | b'\n');
            self.after_cr = byte == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::LineStarts;

    fn lines(input: &[u8]) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(LineStarts::new(input));
        let mut lines = Vec::new();
        let mut row = csv::ByteRecord::new();
        while reader.read_byte_record(&mut row).unwrap() {
            let position = row.position().unwrap().clone();
            lines.push(reader.get_mut().line(&position));
        }
        lines
    }

    #[test]
    fn every_line_ending_counts() {
        assert_eq!(lines(b"a\nb\r\nc\rd\r\re\n"), [1, 2, 3, 4, 6]);
        assert_eq!(lines(b"h\r\n1\r\n2\r\n"), [1, 2, 3], "Windows line ends");
        assert_eq!(lines(b"h\r1\r2"), [1, 2, 3], "classic Mac line ends");
        assert_eq!(lines(b"a\n\n\nb\r\n\r\nc"), [1, 4, 6], "blank lines are skipped, and counted");
        assert_eq!(lines(b"\"x\ry\nz\"\rw\r"), [1, 4], "line ends inside quotes count too");
    }
}
