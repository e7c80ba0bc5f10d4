//! [`CorpusReader`]: the sources, one after another, as a stream of raw [`Record`]s in input
//! order. Problems with a whole file (cannot open, no text column) and with single records (a
//! stray quote, a record over the size limit, a read error) come out as `Unreadable` records, in
//! their place.

use super::csv_rows::{fields, CsvRows, RawRow, Reopen};
use super::discover::{Compression, InputKind, SourceFile};
use super::lines::next_line;
use super::open::open;
use super::record::{CsvLayout, Record, RecordBody};
use super::ReadOptions;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// Iterator over the raw records of a list of sources.
pub struct CorpusReader {
    sources: VecDeque<SourceFile>,
    options: ReadOptions,
    bytes_read: Arc<AtomicU64>,
    current: Option<Current>,
}

enum Current {
    Lines {
        name: Arc<str>,
        reader: Box<dyn BufRead + Send>,
        line: u64,
    },
    Csv {
        name: Arc<str>,
        rows: Box<CsvRows>,
        layout: Arc<CsvLayout>,
    },
    /// A CSV/TSV file that cannot be read for want of its text column: its rows are only counted,
    /// so that the one error for the file says how many records were not read.
    Unread {
        name: Arc<str>,
        rows: Box<CsvRows>,
        message: String,
        count: u64,
    },
}

impl CorpusReader {
    /// `bytes_read` is advanced by the bytes read from disk (before decompression).
    pub fn new(sources: Vec<SourceFile>, options: ReadOptions, bytes_read: Arc<AtomicU64>) -> CorpusReader {
        CorpusReader { sources: sources.into(), options, bytes_read, current: None }
    }

    /// Opens the next source; returns a record for whole-file documents and for failures.
    fn start(&mut self, source: SourceFile) -> Option<Record> {
        let max = self.options.max_doc_bytes;
        let whole_file = matches!(source.kind, InputKind::Text | InputKind::Subtitles);
        if let (true, Compression::None, Some(size)) = (whole_file, source.compression, source.size) {
            if size > max {
                return Some(unreadable_record(&source.name, 0, oversized(size, max)));
            }
        }
        let reader = match open(&source, &self.bytes_read) {
            Ok(reader) => reader,
            Err(e) => return Some(unreadable_record(&source.name, 0, format!("cannot open: {e}"))),
        };
        let (name, kind) = (source.name.clone(), source.kind);
        // Read again only after a stray quote in a huge row; progress counts the first read.
        let again = Arc::new(AtomicU64::new(0));
        let reopen: Reopen = Box::new(move || open(&source, &again));
        self.begin(&name, kind, reader, reopen)
    }

    /// Starts reading an open stream of `kind` named `name` (`reopen` opens it again from the
    /// start); like [`CorpusReader::start`].
    fn begin(
        &mut self,
        name: &str,
        kind: InputKind,
        mut reader: Box<dyn BufRead + Send>,
        reopen: Reopen,
    ) -> Option<Record> {
        let max = self.options.max_doc_bytes;
        let name: Arc<str> = name.into();
        let unreadable =
            |line, message: String| Record { source: Arc::clone(&name), line, body: RecordBody::Unreadable(message) };
        match kind {
            InputKind::Text | InputKind::Subtitles => Some(match read_whole(&mut reader, max) {
                Ok(Ok(bytes)) => Record {
                    source: Arc::clone(&name),
                    line: 1,
                    body: RecordBody::Text { id: name.to_string(), bytes, subtitles: kind == InputKind::Subtitles },
                },
                Ok(Err(size)) => unreadable(0, oversized(size, max)),
                Err(e) => unreadable(0, format!("cannot read: {e}")),
            }),
            InputKind::Jsonl => {
                self.current = Some(Current::Lines { name, reader, line: 0 });
                None
            }
            InputKind::Csv | InputKind::Tsv => {
                let delimiter = if kind == InputKind::Tsv { b'\t' } else { b',' };
                let mut rows = Box::new(CsvRows::new(reader, delimiter, max, reopen));
                let header = match rows.next_row() {
                    Ok(Some(RawRow::Row { bytes, .. })) => bytes,
                    Ok(None) => return None,
                    Ok(Some(RawRow::Oversized { size, .. })) => {
                        return Some(unreadable(1, format!("cannot read the header row: {}", oversized(size, max))))
                    }
                    Ok(Some(RawRow::Unterminated { message, .. })) => {
                        return Some(unreadable(1, format!("cannot read the header row: {message}")))
                    }
                    Err(e) => return Some(unreadable(1, format!("cannot read: {e}"))),
                };
                match CsvLayout::from_headers(&fields(&header, delimiter), delimiter, &self.options) {
                    Ok(layout) => {
                        self.current = Some(Current::Csv { name, rows, layout: Arc::new(layout) });
                        None
                    }
                    Err(message) => {
                        self.current = Some(Current::Unread { name, rows, message, count: 0 });
                        None
                    }
                }
            }
        }
    }
}

fn unreadable_record(name: &str, line: u64, message: String) -> Record {
    Record { source: name.into(), line, body: RecordBody::Unreadable(message) }
}

/// The raw records of `data` read exactly as a file of `kind` named `name` would be, without
/// touching the file system. Exposed for the fuzz targets (`leitmotif::fuzzing`).
pub fn read_stream(name: &str, kind: InputKind, data: Arc<[u8]>, options: ReadOptions) -> impl Iterator<Item = Record> {
    let stream = |data: &Arc<[u8]>| -> Box<dyn BufRead + Send> { Box::new(io::Cursor::new(Arc::clone(data))) };
    let mut corpus = CorpusReader::new(Vec::new(), options, Arc::new(AtomicU64::new(0)));
    let again = Arc::clone(&data);
    let first = corpus.begin(name, kind, stream(&data), Box::new(move || Ok(stream(&again))));
    first.into_iter().chain(corpus)
}

impl Iterator for CorpusReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let max = self.options.max_doc_bytes;
        loop {
            let (source, line, body) = match &mut self.current {
                None => {
                    let source = self.sources.pop_front()?;
                    if let Some(record) = self.start(source) {
                        return Some(record);
                    }
                    continue;
                }
                Some(Current::Lines { name, reader, line }) => match next_line(reader, line, max) {
                    Ok(Some(l)) if l.size > max => (name, l.number, RecordBody::Unreadable(oversized(l.size, max))),
                    Ok(Some(l)) => (name, l.number, RecordBody::JsonLine(l.bytes)),
                    Ok(None) => {
                        self.current = None;
                        continue;
                    }
                    Err(e) => {
                        let record = unreadable_rest(name, *line + 1, &e);
                        self.current = None;
                        return Some(record);
                    }
                },
                Some(Current::Csv { name, rows, layout }) => match rows.next_row() {
                    Ok(Some(RawRow::Row { line, bytes })) => {
                        (name, line, RecordBody::CsvRow { bytes, layout: Arc::clone(layout) })
                    }
                    Ok(Some(RawRow::Oversized { line, size })) => {
                        (name, line, RecordBody::Unreadable(oversized(size, max)))
                    }
                    Ok(Some(RawRow::Unterminated { line, message })) => (name, line, RecordBody::Unreadable(message)),
                    Ok(None) => {
                        self.current = None;
                        continue;
                    }
                    Err(e) => {
                        let record = unreadable_rest(name, rows.line(), &e);
                        self.current = None;
                        return Some(record);
                    }
                },
                Some(Current::Unread { name, rows, message, count }) => match rows.next_row() {
                    Ok(Some(_)) => {
                        *count += 1;
                        continue;
                    }
                    Ok(None) | Err(_) => {
                        let record = unread_file(name, message, *count);
                        self.current = None;
                        return Some(record);
                    }
                },
            };
            return Some(Record { source: Arc::clone(source), line, body });
        }
    }
}

/// A read error, after which the rest of the file is not read.
fn unreadable_rest(name: &Arc<str>, line: u64, e: &io::Error) -> Record {
    Record { source: Arc::clone(name), line, body: RecordBody::Unreadable(format!("cannot read: {e}")) }
}

/// The whole stream if it holds at most `max` bytes, else its size (read to the end, not kept).
fn read_whole(reader: &mut Box<dyn BufRead + Send>, max: u64) -> io::Result<Result<Vec<u8>, u64>> {
    let mut bytes = Vec::new();
    reader.by_ref().take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 <= max {
        return Ok(Ok(bytes));
    }
    let rest = io::copy(reader, &mut io::sink())?;
    Ok(Err(bytes.len() as u64 + rest))
}

fn oversized(size: u64, max: u64) -> String {
    format!("record of {size} bytes exceeds --max-doc-bytes ({max})")
}

/// The one error of a CSV/TSV file that could not be read, with the number of rows passed over.
fn unread_file(name: &Arc<str>, message: &str, rows: u64) -> Record {
    let message = match rows {
        0 => message.to_string(),
        n => format!("{message}; {} not read", crate::wording::plural(n, "row", "rows")),
    };
    Record { source: Arc::clone(name), line: 1, body: RecordBody::UnreadableFile { message, records: rows.max(1) } }
}
