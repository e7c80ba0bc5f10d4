//! The file format of a reuse index (`DIR/reuse.index`), versioned and checked: a header with a
//! magic string and a format version, the options the index was built with, every archived
//! document (id, order value, content hash, word hashes, compact word offsets), every passage
//! placed so far, the sorted fingerprints of the archived documents, and a checksum of all of it. All numbers little-endian. The fields are listed in
//! DESIGN.md ("Growing archives"); any change to them is a new [`FORMAT_VERSION`].
//!
//! A file that is not an index, of another version, cut short or damaged is refused with an error
//! that names it and suggests `--rebuild` — never a panic and never a partly read archive.

use super::archive::{Archive, ArchivedPassage};
use super::fingerprint::ReuseDoc;
use super::index::Entry;
use super::word_offsets::WordOffsets;
use crate::error::{Error, Result};
use crate::hashing::mix64;
use std::io::{Read, Write};
use std::path::Path;

/// The first 16 bytes of every reuse index.
pub const MAGIC: &[u8; 16] = b"leitmotif reuse\n";

/// The version of the format this release writes and reads.
pub const FORMAT_VERSION: u32 = 2;

/// Writes `archive` to `out` (buffered by the caller or not: writes are made in large pieces).
pub fn write_archive(archive: &Archive, out: impl Write) -> std::io::Result<()> {
    let mut w = Writer { out, sum: Checksum::default() };
    w.bytes(MAGIC)?;
    w.u32(FORMAT_VERSION)?;
    match &archive.order_by {
        Some(field) => {
            w.bytes(&[1])?;
            w.str(field)?;
        }
        None => w.bytes(&[0])?,
    }
    w.u64(archive.min_words as u64)?;
    w.u64(archive.docs.len() as u64)?;
    let mut buffer = Vec::new();
    for (doc, &hash) in archive.docs.iter().zip(&archive.hashes) {
        w.str(&doc.id)?;
        w.str(&doc.order_value)?;
        w.u64(hash)?;
        w.u64(doc.words.len() as u64)?;
        for chunk in doc.words.chunks(1 << 14) {
            buffer.clear();
            buffer.extend(chunk.iter().flat_map(|word| word.to_le_bytes()));
            w.bytes(&buffer)?;
        }
        let offsets = doc.compact.as_bytes();
        w.u64(offsets.len() as u64)?;
        w.bytes(offsets)?;
    }
    w.u64(archive.passages.len() as u64)?;
    for p in &archive.passages {
        for value in [p.doc, p.start, p.end, p.source, p.source_start, p.source_end] {
            w.u32(value)?;
        }
    }
    match &archive.entries {
        Some(entries) => {
            w.bytes(&[1])?;
            w.u64(entries.len() as u64)?;
            for chunk in entries.chunks(1 << 14) {
                buffer.clear();
                buffer.extend(chunk.iter().flat_map(|entry| entry.to_le_bytes()));
                w.bytes(&buffer)?;
            }
        }
        None => w.bytes(&[0])?,
    }
    let sum = w.sum.finish();
    w.out.write_all(&sum.to_le_bytes())?;
    w.out.flush()
}

/// Reads the index at `path` from `input`, checking every field and the checksum.
pub fn read_archive(path: &Path, input: impl Read) -> Result<Archive> {
    let mut r = Reader { input, sum: Checksum::default(), path };
    let mut magic = [0u8; 16];
    // A file shorter than the magic string is not an index either.
    if r.fill(&mut magic).is_err() || &magic != MAGIC {
        return Err(r.damaged("not a leitmotif reuse index (its first bytes are not the magic string)"));
    }
    let version = r.u32()?;
    if version != FORMAT_VERSION {
        return Err(
            r.damaged(&format!("reuse index format version {version}; this leitmotif reads version {FORMAT_VERSION}"))
        );
    }
    let order_by = match r.u8()? {
        0 => None,
        1 => Some(r.str()?),
        flag => return Err(r.damaged(&format!("unexpected --order-by flag {flag}"))),
    };
    let min_words = r.u64()? as usize;
    let count = r.u64()?;
    let mut archive = Archive::new(order_by, min_words);
    let mut bytes = Vec::new();
    for _ in 0..count {
        let id = r.str()?;
        let order_value = r.str()?;
        let hash = r.u64()?;
        let words = r.len(4)?;
        r.vec(words * 4, &mut bytes)?;
        let words: Vec<u32> =
            bytes.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes"))).collect();
        let offsets = r.len(1)?;
        let mut compact = Vec::new();
        r.vec(offsets, &mut compact)?;
        let compact = WordOffsets::from_bytes(compact);
        if compact.count_checked() != Some(words.len()) {
            return Err(r.damaged(&format!("the word offsets of document {id} do not match its words")));
        }
        archive.docs.push(ReuseDoc { id, order_value, words, compact, ..ReuseDoc::default() });
        archive.hashes.push(hash);
    }
    let passages = r.len(24)?;
    for _ in 0..passages {
        let mut v = [0u32; 6];
        for value in &mut v {
            *value = r.u32()?;
        }
        let p =
            ArchivedPassage { doc: v[0], start: v[1], end: v[2], source: v[3], source_start: v[4], source_end: v[5] };
        if !fits(&archive, p.doc, p.start, p.end) || !fits(&archive, p.source, p.source_start, p.source_end) {
            return Err(r.damaged("a passage lies outside its documents"));
        }
        archive.passages.push(p);
    }
    archive.entries = match r.u8()? {
        0 => None,
        1 => Some(read_entries(&mut r, archive.words())?),
        flag => return Err(r.damaged(&format!("unexpected fingerprint flag {flag}"))),
    };
    let expected = r.sum.finish();
    let mut stored = [0u8; 8];
    let read = r.input.read_exact(&mut stored);
    read.map_err(|e| r.io(e))?;
    if u64::from_le_bytes(stored) != expected {
        return Err(r.damaged("its checksum does not match its contents"));
    }
    let mut extra = [0u8; 1];
    let read = r.input.read(&mut extra);
    if read.map_err(|e| r.io(e))? != 0 {
        return Err(r.damaged("unexpected bytes after its end"));
    }
    Ok(archive)
}

/// The archived documents' fingerprints: strictly ascending (distinct hash and position pairs, as
/// the index sorts them) and inside the archive's `words`.
fn read_entries<R: Read>(r: &mut Reader<'_, R>, words: u64) -> Result<Vec<Entry>> {
    let count = r.len(12)?;
    let mut entries = Vec::with_capacity(count.min(1 << 24));
    let mut bytes = Vec::new();
    let mut done = 0;
    while done < count {
        let n = (count - done).min(1 << 14);
        r.vec(n * 12, &mut bytes)?;
        entries.extend(bytes.chunks_exact(12).map(|b| Entry::from_le_bytes(b.try_into().expect("12 bytes"))));
        done += n;
    }
    let in_order = entries.windows(2).all(|pair| pair[0] < pair[1]);
    if !in_order || entries.iter().any(|e| u64::from(e.at()) >= words) {
        return Err(r.damaged("its fingerprints are out of order or outside its documents"));
    }
    Ok(entries)
}

/// Whether words `start..end` lie in archived document `doc`.
fn fits(archive: &Archive, doc: u32, start: u32, end: u32) -> bool {
    archive.docs.get(doc as usize).is_some_and(|d| start < end && end as usize <= d.words.len())
}

/// A 64-bit checksum of a byte stream, 8 bytes at a time through SplitMix64's finaliser.
#[derive(Default)]
struct Checksum {
    state: u64,
    pending: u64,
    filled: u32,
    total: u64,
}

impl Checksum {
    /// The bytes so far as little-endian 64-bit words, each mixed into the state; whole words are
    /// taken eight bytes at a time (the same sum as byte by byte).
    fn add(&mut self, bytes: &[u8]) {
        self.total += bytes.len() as u64;
        let mut rest = bytes;
        while self.filled != 0 && !rest.is_empty() {
            self.push_byte(rest[0]);
            rest = &rest[1..];
        }
        let mut words = rest.chunks_exact(8);
        for word in &mut words {
            self.state = mix64(self.state ^ u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
        for &b in words.remainder() {
            self.push_byte(b);
        }
    }

    fn push_byte(&mut self, b: u8) {
        self.pending |= u64::from(b) << (8 * self.filled);
        self.filled += 1;
        if self.filled == 8 {
            self.state = mix64(self.state ^ self.pending);
            (self.pending, self.filled) = (0, 0);
        }
    }

    fn finish(&self) -> u64 {
        mix64(mix64(self.state ^ self.pending) ^ self.total)
    }
}

struct Writer<W> {
    out: W,
    sum: Checksum,
}

impl<W: Write> Writer<W> {
    fn bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.sum.add(bytes);
        self.out.write_all(bytes)
    }

    fn u32(&mut self, value: u32) -> std::io::Result<()> {
        self.bytes(&value.to_le_bytes())
    }

    fn u64(&mut self, value: u64) -> std::io::Result<()> {
        self.bytes(&value.to_le_bytes())
    }

    fn str(&mut self, value: &str) -> std::io::Result<()> {
        self.u64(value.len() as u64)?;
        self.bytes(value.as_bytes())
    }
}

struct Reader<'p, R> {
    input: R,
    sum: Checksum,
    path: &'p Path,
}

impl<R: Read> Reader<'_, R> {
    fn damaged(&self, why: &str) -> Error {
        damaged(self.path, why)
    }

    fn io(&self, error: std::io::Error) -> Error {
        if error.kind() == std::io::ErrorKind::UnexpectedEof {
            self.damaged("it is cut short")
        } else {
            Error::io(self.path, error)
        }
    }

    fn fill(&mut self, into: &mut [u8]) -> Result<()> {
        self.input.read_exact(into).map_err(|e| self.io(e))?;
        self.sum.add(into);
        Ok(())
    }

    fn u8(&mut self) -> Result<u8> {
        let mut b = [0u8; 1];
        self.fill(&mut b)?;
        Ok(b[0])
    }

    fn u32(&mut self) -> Result<u32> {
        let mut b = [0u8; 4];
        self.fill(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn u64(&mut self) -> Result<u64> {
        let mut b = [0u8; 8];
        self.fill(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    /// A count of items of `size` bytes each; one that could not fit in memory is damage, not an
    /// allocation failure.
    fn len(&mut self, size: u64) -> Result<usize> {
        let count = self.u64()?;
        match count.checked_mul(size) {
            Some(bytes) if bytes <= 1 << 40 => Ok(count as usize),
            _ => Err(self.damaged(&format!("an impossible count {count}"))),
        }
    }

    /// `len` bytes into `into`, read in pieces (a damaged length fails at the end of the file,
    /// before it is allocated whole).
    fn vec(&mut self, len: usize, into: &mut Vec<u8>) -> Result<()> {
        into.clear();
        let mut piece = [0u8; 1 << 16];
        while into.len() < len {
            let n = (len - into.len()).min(piece.len());
            self.fill(&mut piece[..n])?;
            into.extend_from_slice(&piece[..n]);
        }
        Ok(())
    }

    fn str(&mut self) -> Result<String> {
        let len = self.len(1)?;
        let mut bytes = Vec::new();
        self.vec(len, &mut bytes)?;
        String::from_utf8(bytes).map_err(|_| self.damaged("a string that is not UTF-8"))
    }
}

/// The error for an index file that cannot be used.
pub fn damaged(path: &Path, why: &str) -> Error {
    Error::usage(format!(
        "{}: cannot use this reuse index: {why}; run with --rebuild to build it again from the corpus",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fingerprint::test_doc;
    use super::*;

    fn archive() -> Archive {
        let mut archive = Archive::new(Some("year".into()), 25);
        for (i, text) in ["Мир — это «братский народ», said twice.", "", "plain words here"].iter().enumerate()
        {
            let mut doc = test_doc(text);
            (doc.id, doc.order_value, doc.text) = (format!("doc{i}"), format!("19{i}0"), String::new());
            archive.docs.push(doc);
            archive.hashes.push(i as u64 * 77);
        }
        archive.passages.push(ArchivedPassage { doc: 2, start: 0, end: 3, source: 0, source_start: 1, source_end: 4 });
        archive.entries = Some(super::super::index::Index::build(&archive.docs, &[0, 1, 2]).into_entries());
        archive
    }

    fn bytes(archive: &Archive) -> Vec<u8> {
        let mut out = Vec::new();
        write_archive(archive, &mut out).unwrap();
        out
    }

    #[test]
    fn an_archive_reads_back_as_written() {
        let written = archive();
        let file = bytes(&written);
        assert_eq!(&file[..16], MAGIC);
        assert_eq!(file[16..20], FORMAT_VERSION.to_le_bytes());
        let read = read_archive(Path::new("i"), file.as_slice()).unwrap();
        assert_eq!((read.order_by, read.min_words), (written.order_by.clone(), 25));
        assert_eq!(read.hashes, written.hashes);
        assert_eq!(read.passages, written.passages);
        assert!(written.entries.as_ref().is_some_and(|e| !e.is_empty()));
        assert_eq!(read.entries, written.entries);
        for (a, b) in read.docs.iter().zip(&written.docs) {
            assert_eq!((&a.id, &a.order_value, &a.words), (&b.id, &b.order_value, &b.words));
            assert_eq!(a.compact.decode(), b.compact.decode());
        }
        let none = Archive::new(None, 7);
        let read = read_archive(Path::new("i"), bytes(&none).as_slice()).unwrap();
        assert_eq!((read.order_by, read.min_words, read.docs.len()), (None, 7, 0));
        // An archive whose fingerprints a replaced document voided keeps saying so.
        let voided = Archive { entries: None, ..archive() };
        assert_eq!(read_archive(Path::new("i"), bytes(&voided).as_slice()).unwrap().entries, None);
    }

    #[test]
    fn every_cut_and_every_flipped_byte_is_refused_with_a_message() {
        let file = bytes(&archive());
        let message = |bytes: &[u8]| match read_archive(Path::new("DIR/reuse.index"), bytes) {
            Ok(_) => panic!("a damaged index was read"),
            Err(error) => error.to_string(),
        };
        for cut in 0..file.len() {
            let m = message(&file[..cut]);
            assert!(m.starts_with("DIR/reuse.index: cannot use this reuse index") && m.contains("--rebuild"), "{m}");
        }
        for at in 0..file.len() {
            let mut damaged = file.clone();
            damaged[at] ^= 0x10;
            message(&damaged);
        }
        let mut longer = file.clone();
        longer.push(0);
        assert!(message(&longer).contains("after its end"));
        let mut other = file;
        other[16] = 9;
        assert!(message(&other).contains(&format!("format version 9; this leitmotif reads version {FORMAT_VERSION}")));
    }

    #[test]
    fn the_checksum_does_not_depend_on_how_the_bytes_come() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = Checksum::default();
        whole.add(&bytes);
        for piece in [1, 3, 8, 13, 64] {
            let mut pieces = Checksum::default();
            for chunk in bytes.chunks(piece) {
                pieces.add(chunk);
            }
            assert_eq!(pieces.finish(), whole.finish(), "pieces of {piece}");
        }
    }
}
