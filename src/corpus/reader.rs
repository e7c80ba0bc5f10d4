//! [`CorpusReader`]: the sources, one after another, as a stream of raw [`Record`]s in input
//! order. Problems with a whole file (cannot open, no text column) and with single records
//! (malformed CSV row, read error) come out as `Unreadable` records, in their place.

use super::discover::{InputKind, SourceFile};
use super::lines::LineStarts;
use super::open::open;
use super::record::{CsvLayout, Record, RecordBody};
use super::ReadOptions;
use std::collections::VecDeque;
use std::io::{BufRead, Read};
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
    Lines { name: Arc<str>, reader: Box<dyn BufRead + Send>, line: u64 },
    Csv { name: Arc<str>, reader: Box<csv::Reader<LineStarts<Box<dyn BufRead + Send>>>>, layout: Arc<CsvLayout> },
}

impl CorpusReader {
    /// `bytes_read` is advanced by the bytes read from disk (before decompression).
    pub fn new(sources: Vec<SourceFile>, options: ReadOptions, bytes_read: Arc<AtomicU64>) -> CorpusReader {
        CorpusReader { sources: sources.into(), options, bytes_read, current: None }
    }

    /// Opens the next source; returns a record for whole-file documents and for failures.
    fn start(&mut self, source: SourceFile) -> Option<Record> {
        match open(&source, &self.bytes_read) {
            Ok(reader) => self.begin(&source.name, source.kind, reader),
            Err(e) => Some(Record {
                source: source.name.as_str().into(),
                line: 0,
                body: RecordBody::Unreadable(format!("cannot open: {e}")),
            }),
        }
    }

    /// Starts reading an open stream of `kind` named `name`; like [`CorpusReader::start`].
    fn begin(&mut self, name: &str, kind: InputKind, mut reader: Box<dyn BufRead + Send>) -> Option<Record> {
        let id = name.to_string();
        let name: Arc<str> = name.into();
        let unreadable =
            |line, message: String| Record { source: Arc::clone(&name), line, body: RecordBody::Unreadable(message) };
        match kind {
            InputKind::Text | InputKind::Subtitles => {
                let mut bytes = Vec::new();
                let subtitles = kind == InputKind::Subtitles;
                Some(match reader.read_to_end(&mut bytes) {
                    Ok(_) => {
                        Record { source: Arc::clone(&name), line: 1, body: RecordBody::Text { id, bytes, subtitles } }
                    }
                    Err(e) => unreadable(0, format!("cannot read: {e}")),
                })
            }
            InputKind::Jsonl => {
                self.current = Some(Current::Lines { name, reader, line: 0 });
                None
            }
            InputKind::Csv | InputKind::Tsv => {
                let delimiter = if kind == InputKind::Tsv { b'\t' } else { b',' };
                let mut reader =
                    Box::new(csv::ReaderBuilder::new().delimiter(delimiter).from_reader(LineStarts::new(reader)));
                match CsvLayout::from_headers(&mut reader, &self.options) {
                    Ok(layout) => {
                        self.current = Some(Current::Csv { name, reader, layout: Arc::new(layout) });
                        None
                    }
                    Err(message) => Some(unreadable(1, message)),
                }
            }
        }
    }
}

/// The raw records of one already-open stream of `kind`, read exactly as a file of that kind would
/// be, without touching the file system. Exposed for the fuzz targets (`leitmotif::fuzzing`).
pub fn read_stream(
    name: &str,
    kind: InputKind,
    reader: Box<dyn BufRead + Send>,
    options: ReadOptions,
) -> impl Iterator<Item = Record> {
    let mut corpus = CorpusReader::new(Vec::new(), options, Arc::new(AtomicU64::new(0)));
    let first = corpus.begin(name, kind, reader);
    first.into_iter().chain(corpus)
}

impl Iterator for CorpusReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            match &mut self.current {
                None => {
                    let source = self.sources.pop_front()?;
                    if let Some(record) = self.start(source) {
                        return Some(record);
                    }
                }
                Some(Current::Lines { name, reader, line }) => match next_line(reader, line) {
                    Ok(Some((start_line, bytes))) => {
                        return Some(Record {
                            source: Arc::clone(name),
                            line: start_line,
                            body: RecordBody::JsonLine(bytes),
                        })
                    }
                    Ok(None) => self.current = None,
                    Err(e) => {
                        let record = Record {
                            source: Arc::clone(name),
                            line: *line + 1,
                            body: RecordBody::Unreadable(format!("cannot read: {e}")),
                        };
                        self.current = None;
                        return Some(record);
                    }
                },
                Some(Current::Csv { name, reader, layout }) => {
                    let mut row = csv::ByteRecord::new();
                    match reader.read_byte_record(&mut row) {
                        Ok(true) => {
                            let line = row.position().map_or(0, |p| reader.get_mut().line(p));
                            return Some(Record {
                                source: Arc::clone(name),
                                line,
                                body: RecordBody::CsvRow { row, layout: Arc::clone(layout) },
                            });
                        }
                        Ok(false) => self.current = None,
                        Err(e) => {
                            let line = e.position().map_or(0, |p| reader.get_mut().line(p));
                            let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                            let record = Record {
                                source: Arc::clone(name),
                                line,
                                body: RecordBody::Unreadable(csv_message(&e)),
                            };
                            if fatal {
                                self.current = None;
                            }
                            return Some(record);
                        }
                    }
                }
            }
        }
    }
}

/// The next non-blank line (without its line ending) and its 1-based number.
fn next_line(reader: &mut Box<dyn BufRead + Send>, line: &mut u64) -> std::io::Result<Option<(u64, Vec<u8>)>> {
    loop {
        let mut bytes = Vec::new();
        if reader.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        *line += 1;
        while matches!(bytes.last(), Some(b'\n' | b'\r')) {
            bytes.pop();
        }
        if *line == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Some((*line, bytes)));
        }
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("row has {len} fields, the header has {expected_len}")
        }
        csv::ErrorKind::Io(e) => format!("cannot read: {e}"),
        _ => e.to_string(),
    }
}
