//! Cutting a stream into lines (JSONL records) without holding more than the size limit of any
//! one of them: a longer line is passed over to its end, only counted, so that a corrupt or
//! enormous line costs neither memory nor the lines after it.

use std::io::{self, BufRead};

/// One non-blank line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number.
    pub number: u64,
    /// The line without its line ending (and without a byte-order mark on line 1); empty when the
    /// line is longer than the limit.
    pub bytes: Vec<u8>,
    /// Bytes of the line before its `\n`; more than the limit means it was not kept.
    pub size: u64,
}

/// Reads the next non-blank line; `line` counts the lines read so far. Lines over `max` bytes are
/// returned with their size and no bytes.
pub(crate) fn next_line(reader: &mut dyn BufRead, line: &mut u64, max: u64) -> io::Result<Option<Line>> {
    loop {
        let mut bytes = Vec::new();
        let mut size = 0u64;
        let mut blank = true;
        let mut ended = false;
        while !ended {
            let chunk = match reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            let (part, used) = match memchr::memchr(b'\n', chunk) {
                Some(end) => (&chunk[..end], end + 1),
                None => (chunk, chunk.len()),
            };
            ended = used > part.len();
            blank = blank && part.iter().all(u8::is_ascii_whitespace);
            size += part.len() as u64;
            if size <= max {
                bytes.extend_from_slice(part);
            } else {
                bytes = Vec::new();
            }
            reader.consume(used);
        }
        if !ended && size == 0 {
            return Ok(None);
        }
        *line += 1;
        if blank {
            continue;
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        if *line == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        return Ok(Some(Line { number: *line, bytes, size }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: u64) -> Vec<(u64, String, u64)> {
        // A tiny buffer, so that lines span many reads.
        let mut reader = io::BufReader::with_capacity(3, input);
        let mut line = 0;
        let mut out = Vec::new();
        while let Some(l) = next_line(&mut reader, &mut line, max).unwrap() {
            out.push((l.number, String::from_utf8(l.bytes).unwrap(), l.size));
        }
        out
    }

    #[test]
    fn numbers_blank_lines_endings_and_byte_order_mark() {
        let input = b"\xEF\xBB\xBF{\"a\": 1}\r\n\n  \t\n{\"b\": 2}\nlast";
        assert_eq!(
            lines(input, 100),
            [(1, "{\"a\": 1}".into(), 12), (4, "{\"b\": 2}".into(), 8), (5, "last".into(), 4)]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_counted_not_kept_and_the_next_one_is_read() {
        let long = "x".repeat(50);
        let input = format!("short\n{long}\nafter\n");
        assert_eq!(
            lines(input.as_bytes(), 10),
            [(1, "short".into(), 5), (2, String::new(), 50), (3, "after".into(), 5)]
        );
        assert_eq!(lines(b"0123456789\n", 10), [(1, "0123456789".into(), 10)], "the limit itself is allowed");
    }
}
