//! Internals reachable by the fuzz targets in `fuzz/` (see README.md, "Fuzzing") and the checks they
//! share; not part of the API and free to change. Built with the library, so CI compiles them, and
//! `tests/invariants.rs` runs [`check_text`] on generated text.
//!
//! The checks: reading a byte string as a file of one kind, and the
//! invariants every analysed text must keep. A broken invariant panics, which libFuzzer reports as
//! a crash, so each `assert!` here is a claim about the library:
//!
//! - tokens are ordered, disjoint, non-empty byte ranges on character boundaries;
//! - sentences partition the tokens; speaker turns lie within the text, in order;
//! - every hit covers whole tokens of one sentence, never crosses a turn label, and its byte range
//!   quotes the text (`text[start..end] == matched`); its character offsets select the same text;
//! - segments cover each turn body's tokens once; times and figures are finite and in range;
//! - the reuse view has one word per token, at the token's character offsets.

// Not part of the API: its items are not documented one by one.
#![allow(missing_docs)]

pub use crate::corpus::reader::read_stream;
pub use crate::reuse::align::{extend, extend_backwards, similarity};

use crate::corpus::{Cue, Document, InputKind, ReadOptions};
use crate::error::RecordError;
use crate::lexicon::{check_sources, LexiconSet, LexiconSource, BUNDLED};
use crate::output::HitRow;
use crate::pipeline::{turns_of, TranscriptOptions};
use crate::reuse::ReuseDoc;
use crate::scan::{DocumentScan, Matcher, Scratch};
use crate::score::{score_view, timeline, Clock, DocumentFigures, FramingOptions, DEFAULT_WPM};
use crate::text::{detect_turns, is_token_char, paragraph_breaks, segment, CharOffsets};
use std::sync::OnceLock;

/// A small lexicon of short, common patterns (a gap, an optional group, prefixes, words that
/// normalisation changes, regexes, an exclude), so that arbitrary text produces hits.
const FUZZ_LEXICON: &str = r#"
name = "fuzz"
language = "xx"
version = 1

[[frames]]
id = "fuzz_words"
label = "Words"

[[frames.motifs]]
id = "fuzz_letters"
label = "Letters"
patterns = ["a", "b ~2 c", "(x|y z)? w", "ab*", "straße", "é", "ёл*", "1 2"]
exclude = ["q"]

[[frames]]
id = "fuzz_regex"
label = "Regexes"

[[frames.motifs]]
id = "fuzz_regexes"
label = "Regexes"
patterns = ['re:[a-z]+ [0-9]+', 're:s+', 're:\w', 're:(d|e) f']
weight = 2.5
"#;

/// The lexicons every target scans with (bundled + `FUZZ_LEXICON`) and their matcher.
pub struct Scanner {
    pub lexicons: LexiconSet,
    pub matcher: Matcher,
}

pub fn scanner() -> &'static Scanner {
    static SCANNER: OnceLock<Scanner> = OnceLock::new();
    SCANNER.get_or_init(|| {
        let mut sources: Vec<LexiconSource> = BUNDLED
            .iter()
            .map(|(file, text)| LexiconSource { name: format!("bundled:{file}"), text: text.to_string() })
            .collect();
        sources.push(LexiconSource { name: "fuzz.toml".into(), text: FUZZ_LEXICON.into() });
        let lexicons = check_sources(&sources).expect("the fuzz lexicons are valid");
        let matcher = Matcher::new(&lexicons).expect("the fuzz lexicons compile");
        Scanner { lexicons, matcher }
    })
}

/// Reads `data` as a file of `kind` and parses every record, as the scan workers do.
pub fn read_all(name: &str, kind: InputKind, data: &[u8]) -> Vec<Result<Document, RecordError>> {
    let options = ReadOptions::default();
    read_stream(name, kind, std::sync::Arc::from(data), options.clone())
        .map(|record| record.into_document(&options))
        .collect()
}

/// The reader targets: every record is a document or a located error, and every document is
/// analysed without breaking an invariant.
pub fn check_reader(kind: InputKind, data: &[u8]) {
    let name = "input";
    let mut last_line = 0;
    for result in read_all(name, kind, data) {
        match result {
            Ok(document) => {
                assert_eq!(&*document.source, name);
                assert!(!document.id.is_empty(), "documents always have an id");
                assert!(document.line >= 1, "line {} of a document", document.line);
                if matches!(kind, InputKind::Jsonl | InputKind::Csv | InputKind::Tsv) {
                    assert!(document.line > last_line, "records come out in line order");
                    last_line = document.line;
                }
                if kind != InputKind::Subtitles {
                    assert!(document.cues.is_empty());
                }
                check_cues(&document.text, &document.cues);
                check_text(&document.text, &document.cues);
            }
            Err(error) => {
                assert_eq!(error.source, name);
                assert!(!error.message.is_empty(), "an error says what is wrong");
                assert!(error.records >= 1, "an error stands for at least one record");
            }
        }
    }
}

/// Cues are ordered, disjoint byte ranges of the text with finite, non-negative times.
pub fn check_cues(text: &str, cues: &[Cue]) {
    let mut last_end = 0;
    for cue in cues {
        assert!(last_end <= cue.start && cue.start <= cue.end && cue.end <= text.len(), "{cue:?}");
        assert!(text.is_char_boundary(cue.start) && text.is_char_boundary(cue.end), "{cue:?}");
        assert!(cue.start_s.is_finite() && cue.end_s.is_finite(), "cue times must be finite: {cue:?}");
        assert!(0.0 <= cue.start_s && cue.start_s <= cue.end_s, "cue times must be ordered, not negative: {cue:?}");
        last_end = cue.end;
    }
}

/// Analyses `text` the way the scan pipeline does (turns, scan, segments, timeline, figures, hit
/// rows, reuse view) and checks every invariant listed in the crate docs.
pub fn check_text(text: &str, cues: &[Cue]) {
    let Scanner { lexicons, matcher } = scanner();

    // Speaker turns.
    static OPTIONS: OnceLock<TranscriptOptions> = OnceLock::new();
    let options = OPTIONS.get_or_init(TranscriptOptions::default);
    let turns = detect_turns(text, &options.speaker_pattern);
    let mut previous_end = 0;
    for turn in &turns {
        assert!(previous_end <= turn.label_start, "turns overlap: {turn:?}");
        assert!(turn.label_start < turn.label_end && turn.body_start <= text.len(), "{turn:?}");
        assert!(text.is_char_boundary(turn.label_start) && text.is_char_boundary(turn.label_end), "{turn:?}");
        assert_eq!(&text[turn.label_end..turn.body_start], ":", "{turn:?}");
        previous_end = turn.body_start;
    }
    let label_starts: Vec<usize> = turns.iter().map(|t| t.label_start).collect();

    // Tokens and sentences.
    let scan = matcher.scan_with_breaks(text, &label_starts, &mut Scratch::default());
    let seg = &scan.segmentation;
    let mut last_end = 0;
    for token in &seg.tokens {
        assert!(last_end <= token.start && token.start < token.end && token.end <= text.len(), "{token:?}");
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end), "{token:?}");
        assert!(is_token_char(text[token.start..].chars().next().unwrap()), "{token:?}");
        last_end = token.end;
    }
    assert_eq!(seg.token_sentence.len(), seg.tokens.len());
    let mut next = 0;
    for (index, sentence) in seg.sentences.iter().enumerate() {
        assert!(sentence.start == next && sentence.end > sentence.start, "sentence {index}: {sentence:?}");
        assert!(seg.token_sentence[sentence.clone()].iter().all(|&s| s as usize == index));
        next = sentence.end;
    }
    assert_eq!(next, seg.tokens.len(), "sentences cover every token");

    // Hits and hit rows.
    let offsets = CharOffsets::new(text);
    let char_count = text.chars().count();
    for (n, (byte, _)) in text.char_indices().enumerate() {
        assert_eq!(offsets.char_offset(byte), n, "character offset of byte {byte}");
    }
    assert_eq!(offsets.len(), char_count);
    check_hits(text, &scan, lexicons, &label_starts);

    // Turn bodies, segments, timeline and figures.
    let cut = turns_of(text, None, options);
    assert_eq!(cut.label_starts, label_starts, "the pipeline cuts the turns found");
    let (bodies, body_speaker, speakers) = (cut.bodies, cut.body_speaker, cut.speakers.len());
    assert!(body_speaker.iter().all(|&s| s < speakers));
    let mut breaks = paragraph_breaks(text);
    breaks.extend(cues.iter().map(|c| c.start));
    breaks.sort_unstable();
    breaks.dedup();
    let spans = segment(seg, &bodies, &breaks);
    for (body, range) in bodies.iter().enumerate() {
        let inside: Vec<usize> = (0..seg.tokens.len())
            .filter(|&t| range.start <= seg.tokens[t].start && seg.tokens[t].start < range.end)
            .collect();
        let covered: Vec<usize> = spans.iter().filter(|s| s.body == body).flat_map(|s| s.tokens.clone()).collect();
        assert_eq!(inside, covered, "segments cover the tokens of body {body} once, in order");
    }
    let clock = if cues.is_empty() { Clock::WordsPerMinute(DEFAULT_WPM) } else { Clock::Cues(cues) };
    let segments = timeline(&spans, &body_speaker, &scan, lexicons, clock, &FramingOptions::default());
    for g in &segments {
        assert!(g.start_s.is_finite() && g.end_s.is_finite() && g.start_s <= g.end_s, "{g:?}");
        assert!(g.frames.iter().all(|f| f.frame < lexicons.frames.len() && f.share > 0.0));
        let shares: f64 = g.frames.iter().map(|f| f.share).sum();
        assert!(g.frames.is_empty() || (shares - 1.0).abs() < 1e-9, "shares of a framed segment add up to 1: {g:?}");
        let (start, end) = (seg.tokens[g.tokens.start].start, seg.tokens[g.tokens.end - 1].end);
        assert!(offsets.char_offset(start) < offsets.char_offset(end) && offsets.char_offset(end) <= char_count);
    }
    let all: Vec<_> = segments.iter().collect();
    let figures = score_view(&scan, lexicons, None, &all);
    check_figures(&figures, lexicons);
    assert_eq!(figures.words, seg.tokens.len());
    // A frame counts a stretch of words hit by several of its motifs once: at most one per hit,
    // and at least one when any of its motifs hit.
    for (frame, figure) in figures.frames.iter().enumerate() {
        let of_frame = scan.hits.iter().filter(|h| lexicons.motifs[h.motif].frame == frame).count();
        assert!(figure.hits <= of_frame && (figure.hits == 0) == (of_frame == 0), "frame {frame}: {figure:?}");
    }
    let (mut words, mut hits) = (0, 0);
    for speaker in 0..speakers {
        let mask: Vec<bool> = (0..seg.tokens.len())
            .map(|t| bodies.iter().zip(&body_speaker).any(|(r, &s)| s == speaker && r.contains(&seg.tokens[t].start)))
            .collect();
        let mine: Vec<_> = segments.iter().filter(|g| g.speaker == speaker).collect();
        let figures = score_view(&scan, lexicons, Some(&mask), &mine);
        check_figures(&figures, lexicons);
        words += figures.words;
        hits += figures.frames.iter().map(|f| f.hits).sum::<usize>();
    }
    assert!(words <= seg.tokens.len() && hits <= scan.hits.len());

    // The reuse view.
    let reuse = ReuseDoc::new("doc".into(), String::new(), text.to_string(), &seg.tokens);
    assert_eq!(reuse.words.len(), seg.tokens.len());
    for (token, &(start, end)) in seg.tokens.iter().zip(&reuse.offsets) {
        assert_eq!((start as usize, end as usize), (offsets.char_offset(token.start), offsets.char_offset(token.end)));
    }
    if !reuse.words.is_empty() {
        let quote = reuse.quote(&offsets, 0, reuse.words.len(), 200);
        assert!(quote.chars().count() <= 200);
    }
}

/// Every hit covers whole tokens of one sentence, crosses no break in `breaks`, belongs to a
/// non-exclude pattern of its motif, and quotes the text by bytes and by characters; hits are
/// ordered, and hits of one motif do not overlap.
pub fn check_hits(text: &str, scan: &DocumentScan, lexicons: &LexiconSet, breaks: &[usize]) {
    let seg = &scan.segmentation;
    let offsets = CharOffsets::new(text);
    let mut previous: Option<(usize, usize)> = None;
    for hit in &scan.hits {
        assert!(hit.first_token < hit.end_token && hit.end_token <= seg.tokens.len(), "{hit:?}");
        assert_eq!(hit.start, seg.tokens[hit.first_token].start, "{hit:?}");
        assert_eq!(hit.end, seg.tokens[hit.end_token - 1].end, "{hit:?}");
        assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end), "{hit:?}");
        assert_eq!(hit.sentence, seg.token_sentence[hit.first_token] as usize, "{hit:?}");
        assert_eq!(hit.sentence, seg.token_sentence[hit.end_token - 1] as usize, "a hit stays in its sentence");
        let last_start = seg.tokens[hit.end_token - 1].start;
        assert!(!breaks.iter().any(|&b| hit.start < b && b <= last_start), "a hit crosses a turn label");
        let entry = &lexicons.patterns[hit.pattern];
        assert!(entry.motif == hit.motif && entry.is_match(), "{hit:?}");
        assert!(previous <= Some((hit.first_token, hit.motif)), "hits are ordered by token, then motif");
        previous = Some((hit.first_token, hit.motif));
        let row = HitRow::new(text, &offsets, hit, String::new());
        assert_eq!(row.matched, &text[hit.start..hit.end]);
        assert_eq!(row.start, text[..hit.start].chars().count());
        assert_eq!(row.end, text[..hit.end].chars().count());
        let by_chars: String = text.chars().skip(row.start).take(row.end - row.start).collect();
        assert_eq!(by_chars, row.matched, "character offsets select the matched text");
        assert!(!row.left.contains('\n') && !row.right.contains('\n'));
    }
    for motif in 0..lexicons.motifs.len() {
        let mine: Vec<_> = scan.hits.iter().filter(|h| h.motif == motif).collect();
        for pair in mine.windows(2) {
            assert!(pair[0].end_token <= pair[1].first_token, "hits of one motif overlap: {pair:?}");
        }
    }
}

fn check_figures(figures: &DocumentFigures, lexicons: &LexiconSet) {
    assert_eq!(figures.frames.len(), lexicons.frames.len());
    assert!(figures.seconds.is_finite() && figures.seconds >= 0.0, "{figures:?}");
    for f in &figures.frames {
        let in_unit = |x: f64| (0.0..=1.0).contains(&x);
        assert!(f.per_1k.is_finite() && f.score.is_finite() && f.seconds.is_finite(), "{figures:?}");
        assert!(in_unit(f.share) && in_unit(f.airtime) && f.first.is_none_or(in_unit), "{figures:?}");
        // A stretch hit by several motifs of one frame counts once in `hits` but each motif in
        // `motifs`, so motifs may outnumber hits; a frame has motifs exactly when it has hits.
        assert_eq!(f.motifs == 0, f.hits == 0, "{figures:?}");
    }
}
