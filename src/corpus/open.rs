//! Opening a source for streaming: the raw bytes are counted (for progress) before transparent
//! `.gz` / `.zst` decompression.

use super::discover::{Compression, SourceFile};
use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Counts the bytes read from the underlying file.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens `source` as a buffered stream of decompressed bytes.
pub fn open(source: &SourceFile, counter: &Arc<AtomicU64>) -> io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = match &source.path {
        Some(path) => Box::new(std::fs::File::open(path)?),
        None => Box::new(io::stdin()),
    };
    let counted = Counting { inner: raw, counter: Arc::clone(counter) };
    const BUFFER: usize = 256 * 1024;
    Ok(match source.compression {
        Compression::None => Box::new(BufReader::with_capacity(BUFFER, counted)),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER,
            flate2::read::MultiGzDecoder::new(BufReader::with_capacity(BUFFER, counted)),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(BUFFER, zstd::stream::read::Decoder::new(counted)?)),
    })
}
