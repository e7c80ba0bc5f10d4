//! Cutting CSV and TSV input into raw rows, and a row into its fields (RFC 4180: `"` quotes a
//! field, `""` is a quote inside it, quoted fields may hold line breaks; blank lines are skipped;
//! text after a closing quote is kept, as the `csv` crate does).
//!
//! We cut rows ourselves, not with the `csv` crate, for one reason: a stray opening quote. The
//! crate reads on to the next quote, or to the end of the file, and returns every row in between
//! as one field, without an error. Here a quoted field that reaches the end of the file, or that
//! spans a line break and then closes with a quote followed by text (`…"Next row, a "quoted"
//! cell…` — the "closing" quote was really the next field's opening one), is an unterminated
//! quote: the row is an error naming the line where the quote opened, and the lines after that one
//! are read again as rows. A row longer than the size limit is passed over without being kept;
//! when such a row turns out to hold a stray quote, the file is opened again to re-read its rows.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

/// Reopens the source, for re-reading after a stray quote in a row too long to keep.
pub(crate) type Reopen = Box<dyn FnMut() -> io::Result<Box<dyn BufRead + Send>> + Send>;

/// A raw row, or why the lines from `line` on could not be cut into one.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RawRow {
    /// A row of at most the size limit, without its line ending.
    Row { line: u64, bytes: Vec<u8> },
    /// A row over the size limit (not kept).
    Oversized { line: u64, size: u64 },
    /// A stray quote; `message` says where it opened.
    Unterminated { line: u64, message: String },
}

/// The raw rows of one CSV or TSV stream.
pub(crate) struct CsvRows {
    input: Input,
    quotes: Quotes,
    reopen: Reopen,
    max: u64,
}

/// The stream, with bytes to read again in front of it.
struct Input {
    reader: Box<dyn BufRead + Send>,
    /// The lines after a stray quote, read again before `reader`.
    pending: Vec<u8>,
    pending_at: usize,
    /// Offset of the next byte in the stream.
    offset: u64,
}

impl Input {
    fn fill(&mut self) -> io::Result<&[u8]> {
        if self.pending_at < self.pending.len() {
            return Ok(&self.pending[self.pending_at..]);
        }
        while let Err(e) = self.reader.fill_buf() {
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
        self.reader.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.pending_at < self.pending.len() {
            self.pending_at += n;
            if self.pending_at == self.pending.len() {
                (self.pending, self.pending_at) = (Vec::new(), 0);
            }
        } else {
            self.reader.consume(n);
        }
        self.offset += n as u64;
    }

    /// Puts `bytes`, which end where the stream now stands, back in front of it.
    fn unread(&mut self, bytes: &[u8]) {
        let mut again = bytes.to_vec();
        again.extend_from_slice(&self.pending[self.pending_at..]);
        (self.pending, self.pending_at) = (again, 0);
        self.offset -= bytes.len() as u64;
    }
}

/// The quote state of the row being cut.
struct Quotes {
    delimiter: u8,
    /// Line of the next byte, 1-based.
    line: u64,
    state: State,
    open: Open,
    /// The last line break seen inside a quoted field was a `\r` (a `\n` right after it ends
    /// no further line).
    after_cr: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// Just after a quote inside a quoted field: the field's end, or the first of `""`.
    QuoteSeen,
}

/// Where the quote of the current quoted field opened, and where its first line ends.
#[derive(Debug, Clone, Copy, Default)]
struct Open {
    line: u64,
    /// Offset and line just after the first line break inside the field.
    resume: Option<(u64, u64)>,
}

/// How far [`Quotes::scan`] got in a chunk.
struct Scanned {
    /// Bytes of the chunk that belong to the row.
    used: usize,
    /// The row ends at the line break after them.
    ended: bool,
    /// The byte after them follows the closing quote of a field that spans a line break.
    stray: bool,
}

impl CsvRows {
    pub(crate) fn new(reader: Box<dyn BufRead + Send>, delimiter: u8, max: u64, reopen: Reopen) -> CsvRows {
        let input = Input { reader, pending: Vec::new(), pending_at: 0, offset: 0 };
        let quotes = Quotes { delimiter, line: 1, state: State::FieldStart, open: Open::default(), after_cr: false };
        CsvRows { input, quotes, reopen, max }
    }

    /// Line of the next byte, 1-based.
    pub(crate) fn line(&self) -> u64 {
        self.quotes.line
    }

    /// The next row, or `None` at the end of the stream.
    pub(crate) fn next_row(&mut self) -> io::Result<Option<RawRow>> {
        if self.input.offset == 0 && self.input.fill()?.starts_with(b"\xEF\xBB\xBF") {
            self.input.consume(3);
        }
        // Line endings between rows (blank lines are skipped). `\n`, `\r\n` and a lone `\r` (classic
        // Mac files) each end one line.
        let mut after_cr = false;
        loop {
            match self.input.fill()?.first() {
                None => return Ok(None),
                Some(b'\n') => {
                    self.quotes.line += u64::from(!after_cr);
                    after_cr = false;
                }
                Some(b'\r') => {
                    self.quotes.line += 1;
                    after_cr = true;
                }
                Some(_) => break,
            }
            self.input.consume(1);
        }
        let (line, start) = (self.quotes.line, self.input.offset);
        let mut bytes = Vec::new();
        self.quotes.state = State::FieldStart;
        loop {
            let offset = self.input.offset;
            let chunk = self.input.fill()?;
            if chunk.is_empty() {
                if self.quotes.state == State::Quoted {
                    let message = format!(
                        "unterminated quoted field (opened on line {}, runs to the end of the file)",
                        self.quotes.open.line
                    );
                    return self.stray(line, start, &bytes, message).map(Some);
                }
                break;
            }
            let scanned = self.quotes.scan(chunk, offset);
            if offset + scanned.used as u64 - start <= self.max {
                bytes.extend_from_slice(&chunk[..scanned.used]);
            }
            self.input.consume(scanned.used);
            if scanned.stray {
                let message = format!(
                    "unterminated quoted field (opened on line {}; the next quote, on line {}, is followed by text)",
                    self.quotes.open.line, self.quotes.line
                );
                return self.stray(line, start, &bytes, message).map(Some);
            }
            if scanned.ended {
                break;
            }
        }
        let size = self.input.offset - start;
        Ok(Some(if size > self.max { RawRow::Oversized { line, size } } else { RawRow::Row { line, bytes } }))
    }

    /// Reports a stray quote and arranges for the lines after the one where it opened to be read
    /// again: from the bytes kept, or else by reading the stream again up to them.
    fn stray(&mut self, line: u64, start: u64, bytes: &[u8], message: String) -> io::Result<RawRow> {
        if let Some((offset, resume_line)) = self.quotes.open.resume {
            if self.input.offset - start == bytes.len() as u64 {
                self.input.unread(&bytes[(offset - start) as usize..]);
            } else {
                let mut reader = (self.reopen)()?;
                io::copy(&mut Read::take(&mut reader, offset), &mut io::sink())?;
                self.input = Input { reader, pending: Vec::new(), pending_at: 0, offset };
            }
            self.quotes.line = resume_line;
        }
        Ok(RawRow::Unterminated { line, message })
    }
}

impl Quotes {
    /// Follows the quotes over `chunk`, which starts at `offset` in the stream.
    fn scan(&mut self, chunk: &[u8], offset: u64) -> Scanned {
        let delimiter = self.delimiter;
        let stop = |used, ended, stray| Scanned { used, ended, stray };
        let mut i = 0;
        while i < chunk.len() {
            match self.state {
                State::FieldStart => match chunk[i] {
                    b'"' => {
                        self.state = State::Quoted;
                        self.open = Open { line: self.line, resume: None };
                        i += 1;
                    }
                    b'\n' | b'\r' => return stop(i, true, false),
                    b if b == delimiter => i += 1,
                    _ => self.state = State::Unquoted,
                },
                State::Unquoted => match memchr::memchr3(delimiter, b'\n', b'\r', &chunk[i..]) {
                    Some(j) if chunk[i + j] == delimiter => {
                        self.state = State::FieldStart;
                        i += j + 1;
                    }
                    Some(j) => return stop(i + j, true, false),
                    None => i = chunk.len(),
                },
                State::Quoted => match memchr::memchr3(b'"', b'\n', b'\r', &chunk[i..]) {
                    Some(j) => {
                        let follows_cr = j == 0 && self.after_cr;
                        i += j + 1;
                        self.after_cr = chunk[i - 1] == b'\r';
                        match chunk[i - 1] {
                            b'"' => self.state = State::QuoteSeen,
                            byte => {
                                // `\n`, `\r\n` and a lone `\r` each end one line.
                                self.line += u64::from(byte == b'\r' || !follows_cr);
                                if self.open.resume.is_none() {
                                    self.open.resume = Some((offset + i as u64, self.line));
                                }
                            }
                        }
                    }
                    None => {
                        self.after_cr &= i == chunk.len();
                        i = chunk.len();
                    }
                },
                State::QuoteSeen => match chunk[i] {
                    b'"' => {
                        self.state = State::Quoted;
                        i += 1;
                    }
                    b'\n' | b'\r' => return stop(i, true, false),
                    b if b == delimiter => {
                        self.state = State::FieldStart;
                        i += 1;
                    }
                    _ if self.open.resume.is_some() => return stop(i, false, true),
                    _ => self.state = State::Unquoted,
                },
            }
        }
        stop(i, false, false)
    }
}

/// The fields of a raw row, quotes removed.
pub(crate) fn fields(row: &[u8], delimiter: u8) -> Vec<Cow<'_, [u8]>> {
    let field_end = |from: usize| memchr::memchr(delimiter, &row[from..]).map_or(row.len(), |j| from + j);
    let mut fields = Vec::new();
    let mut i = 0;
    loop {
        if row.get(i) == Some(&b'"') {
            let mut value = Vec::new();
            i += 1;
            loop {
                let Some(j) = memchr::memchr(b'"', &row[i..]) else {
                    value.extend_from_slice(&row[i..]);
                    i = row.len();
                    break;
                };
                value.extend_from_slice(&row[i..i + j]);
                i += j + 1;
                if row.get(i) != Some(&b'"') {
                    break;
                }
                value.push(b'"');
                i += 1;
            }
            let end = field_end(i);
            value.extend_from_slice(&row[i..end]);
            fields.push(Cow::Owned(value));
            i = end;
        } else {
            let end = field_end(i);
            fields.push(Cow::Borrowed(&row[i..end]));
            i = end;
        }
        if i >= row.len() {
            return fields;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests;
