//! The work done for one document on a worker thread: speaker turns, scan, segments and their
//! timeline, figures for the document or for each speaker, hit and segment rows, and the reuse view.

use super::framing::model_pass;
use super::{Analysed, IdOption, Processed, ScanConfig};
use crate::corpus::{Document, Record};
use crate::lexicon::LexiconSet;
use crate::output::{DocumentResult, FigureRow, HitRow, SegmentRow};
use crate::reuse::{ReuseDoc, ReuseOptions};
use crate::scan::{Matcher, Scratch};
use crate::score::{score_view, score_views, timeline, Clock, DocumentFigures, Segment};
use crate::text::{
    detect_turns, paragraph_breaks, resolve_speakers, segment, speaker_matches, tokenize, AliasTable, CharOffsets,
    SpeakerPattern, Token, DEFAULT_SPEAKER_PATTERN, NO_SPEAKER,
};
use std::collections::HashMap;
use std::ops::Range;

/// How transcripts are read and reported.
#[derive(Debug, Clone)]
pub struct TranscriptOptions {
    /// What a speaker label looks like.
    pub speaker_pattern: SpeakerPattern,
    /// Names under which one speaker appears.
    pub aliases: AliasTable,
    /// Speaking rate for documents without timestamps.
    pub wpm: f64,
    /// One row per (document, speaker) instead of one per document.
    pub by_speaker: bool,
    /// Keep only the turns of this speaker.
    pub only_speaker: Option<String>,
    /// The metadata field naming a document's own speaker (`speaker`): the speaker of a document
    /// without labels, and of the text before its first label.
    pub speaker_field: String,
}

impl Default for TranscriptOptions {
    fn default() -> Self {
        TranscriptOptions {
            speaker_pattern: SpeakerPattern::new(DEFAULT_SPEAKER_PATTERN).expect("the default pattern compiles"),
            aliases: AliasTable::default(),
            wpm: crate::score::DEFAULT_WPM,
            by_speaker: false,
            only_speaker: None,
            speaker_field: DEFAULT_SPEAKER_FIELD.to_string(),
        }
    }
}

/// The metadata field that names a document's own speaker, unless configured otherwise.
pub const DEFAULT_SPEAKER_FIELD: &str = "speaker";

/// A document's own speaker: the non-empty value of its speaker field.
pub(crate) fn document_speaker<'m>(meta: &'m [(String, String)], options: &TranscriptOptions) -> Option<&'m str> {
    meta.iter()
        .find(|(key, _)| *key == options.speaker_field)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

pub(super) fn process(
    record: Record,
    config: &ScanConfig,
    matcher: &Matcher,
    lexicons: &LexiconSet,
    scratch: &mut Scratch,
) -> Processed {
    let csv = record.is_csv();
    let document = record.into_document(&config.read)?;
    let id_missing = document.id_missing.then_some(if csv { IdOption::Column } else { IdOption::Field });
    let Document { id, meta, text, cues, .. } = document;
    // With a reuse index: a document it holds (same id, same content) is not scanned again.
    let growing = config.reuse.as_ref().and_then(|reuse| reuse.index.as_ref().map(|index| (reuse, index)));
    let content_hash = growing.map(|(reuse, _)| crate::reuse::content_hash(&text, &order_value(&meta, reuse)));
    if let (Some((_, index)), Some(hash)) = (growing, content_hash) {
        if index.holds(&id, hash).is_some() {
            return Ok(Analysed::archived(id, hash, id_missing));
        }
    }
    if !config.score {
        let (document, reuse) = reuse_only(id, meta, text, config);
        return Ok(Analysed {
            document,
            hits: 0,
            reuse,
            framing: None,
            id_missing,
            speaker_found: true,
            content_hash,
            archived: false,
        });
    }
    let options = &config.transcripts;

    let own_speaker = document_speaker(&meta, options);
    let Turns { speakers, bodies, body_speaker, label_starts } = turns_of(&text, own_speaker, options);
    let scan = matcher.scan_with_breaks(&text, &label_starts, scratch);
    let tokens = &scan.segmentation.tokens;
    let mut token_speaker: Vec<Option<usize>> = vec![None; tokens.len()];
    for (body, range) in bodies.iter().enumerate() {
        let first = tokens.partition_point(|t| t.start < range.start);
        let end = tokens.partition_point(|t| t.start < range.end);
        token_speaker[first..end].fill(Some(body_speaker[body]));
    }

    let mut breaks = paragraph_breaks(&text);
    breaks.extend(cues.iter().map(|c| c.start));
    breaks.sort_unstable();
    breaks.dedup();
    let spans = segment(&scan.segmentation, &bodies, &breaks);
    let clock = if cues.is_empty() { Clock::WordsPerMinute(options.wpm) } else { Clock::Cues(&cues) };
    let mut segments = timeline(&spans, &body_speaker, &scan, lexicons, clock, &config.framing.options);

    // Which speakers are reported.
    let kept: Vec<bool> = speakers
        .iter()
        .map(|name| options.only_speaker.as_deref().is_none_or(|wanted| speaker_matches(name, wanted)))
        .collect();
    // The row each segment becomes in the segments table, if its speaker is reported.
    let mut rows_so_far = 0;
    let row_of: Vec<Option<usize>> = segments
        .iter()
        .map(|g| {
            kept[g.speaker].then(|| {
                rows_so_far += 1;
                rows_so_far - 1
            })
        })
        .collect();
    let framing = model_pass(&config.framing.model, &text, tokens, &mut segments, &row_of);
    let token_kept = |t: usize| options.only_speaker.is_none() || token_speaker[t].is_some_and(|s| kept[s]);
    let mut rows = Vec::new();
    if options.by_speaker {
        // Every speaker in one pass over the document (there may be thousands).
        let mut by_speaker: Vec<Vec<&Segment>> = vec![Vec::new(); speakers.len()];
        for g in &segments {
            by_speaker[g.speaker].push(g);
        }
        let figures = score_views(&scan, lexicons, |t| token_speaker[t], &by_speaker);
        for ((name, figures), _) in speakers.iter().zip(figures).zip(&kept).filter(|(_, &kept)| kept) {
            rows.push(FigureRow { speaker: Some(name.clone()), figures });
        }
    } else {
        let mask: Option<Vec<bool>> =
            options.only_speaker.as_ref().map(|_| (0..tokens.len()).map(token_kept).collect());
        let mine: Vec<_> = segments.iter().filter(|g| kept[g.speaker]).collect();
        rows.push(FigureRow { speaker: None, figures: score_view(&scan, lexicons, mask.as_deref(), &mine) });
    }

    let offsets = CharOffsets::new(&text);
    let speaker_name = |t: usize| token_speaker[t].map_or(NO_SPEAKER, |s| speakers[s].as_str()).to_string();
    let kept_hits = scan.hits.iter().filter(|hit| token_kept(hit.first_token));
    let hit_count = kept_hits.clone().count();
    let hits = match config.hit_rows {
        true => kept_hits.map(|hit| HitRow::new(&text, &offsets, hit, speaker_name(hit.first_token))).collect(),
        false => Vec::new(),
    };
    let segment_rows = segments
        .iter()
        .filter(|g| kept[g.speaker])
        .map(|g| SegmentRow {
            speaker: speakers[g.speaker].clone(),
            start: offsets.char_offset(tokens[g.tokens.start].start),
            end: offsets.char_offset(tokens[g.tokens.end - 1].end),
            words: g.tokens.len(),
            start_s: g.start_s,
            end_s: g.end_s,
            frames: g.frames.clone(),
            motifs: g.motifs.clone(),
            cues: if config.framing.options.cues {
                scan.cues[g.cues.clone()].iter().map(|c| text[c.start..c.end].to_string()).collect()
            } else {
                Vec::new()
            },
        })
        .collect();

    let reuse = config.reuse.as_ref().map(|reuse| reuse_doc(&id, &meta, text, &scan.segmentation.tokens, reuse));
    let document = DocumentResult { id, meta, rows, hits, segments: segment_rows };
    let speaker_found = kept.iter().any(|&k| k);
    Ok(Analysed { document, hits: hit_count, reuse, framing, id_missing, speaker_found, content_hash, archived: false })
}

/// The speaker turns of a document: the bodies of text (labels excluded), each with its speaker.
pub(crate) struct Turns {
    /// Speaker names in order of first appearance.
    pub speakers: Vec<String>,
    pub bodies: Vec<Range<usize>>,
    /// Index into `speakers` of each body.
    pub body_speaker: Vec<usize>,
    /// Where each label starts: no sentence, and so no hit, crosses it.
    pub label_starts: Vec<usize>,
}

/// The turns of `text`; `own_speaker` (the document's speaker field) speaks before the first label,
/// or throughout a document without labels, and is resolved with the labels (`Vladimir Putin` is
/// one speaker with a later `President of Russia Vladimir Putin:`).
pub(crate) fn turns_of(text: &str, own_speaker: Option<&str>, options: &TranscriptOptions) -> Turns {
    let turns = detect_turns(text, &options.speaker_pattern);
    let labels = own_speaker.map(str::to_string).into_iter().chain(turns.iter().map(|t| t.label.clone()));
    let mut names = resolve_speakers(&labels.collect::<Vec<_>>(), &options.aliases);
    // The document's own speaker keeps its name as written (or as the alias file renames it), and
    // so do the labels resolved to it.
    let opening_speaker = match own_speaker {
        Some(own) => {
            let resolved = names.remove(0);
            let own = options.aliases.name_of(own).unwrap_or(own).to_string();
            names.iter_mut().filter(|name| **name == resolved).for_each(|name| *name = own.clone());
            own
        }
        None => NO_SPEAKER.to_string(),
    };
    let mut speakers: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut speaker_index = |name: &str| match index.get(name) {
        Some(&i) => i,
        None => {
            index.insert(name.to_string(), speakers.len());
            speakers.push(name.to_string());
            speakers.len() - 1
        }
    };
    let mut bodies: Vec<Range<usize>> = Vec::new();
    let mut body_speaker: Vec<usize> = Vec::new();
    // Text before the first label belongs to the document's own speaker, or to nobody; a document
    // without labels is all of it.
    let first_label = turns.first().map_or(text.len(), |t| t.label_start);
    if first_label == text.len() || text[..first_label].chars().any(char::is_alphanumeric) {
        bodies.push(0..first_label);
        body_speaker.push(speaker_index(&opening_speaker));
    }
    for (i, turn) in turns.iter().enumerate() {
        let end = turns.get(i + 1).map_or(text.len(), |next| next.label_start);
        bodies.push(turn.body_start..end);
        body_speaker.push(speaker_index(&names[i]));
    }
    let label_starts = turns.iter().map(|t| t.label_start).collect();
    Turns { speakers, bodies, body_speaker, label_starts }
}

fn reuse_doc(id: &str, meta: &[(String, String)], text: String, tokens: &[Token], options: &ReuseOptions) -> ReuseDoc {
    ReuseDoc::new(id.to_string(), order_value(meta, options), text, tokens)
}

/// The raw value of the `--order-by` field (empty without one).
fn order_value(meta: &[(String, String)], options: &ReuseOptions) -> String {
    options
        .order_by
        .as_ref()
        .and_then(|field| meta.iter().find(|(key, _)| key == field))
        .map(|(_, value)| value.clone())
        .unwrap_or_default()
}

/// Only what reuse detection needs: the tokens (and the word count for the summary).
fn reuse_only(
    id: String,
    meta: Vec<(String, String)>,
    text: String,
    config: &ScanConfig,
) -> (DocumentResult, Option<ReuseDoc>) {
    let mut tokens = Vec::new();
    tokenize(&text, &mut tokens);
    let figures = DocumentFigures { words: tokens.len(), ..DocumentFigures::default() };
    let reuse = config.reuse.as_ref().map(|reuse| reuse_doc(&id, &meta, text, &tokens, reuse));
    let rows = vec![FigureRow { speaker: None, figures }];
    (DocumentResult { id, meta, rows, hits: Vec::new(), segments: Vec::new() }, reuse)
}
