//! Discovery of candidate leitmotifs (`leitmotif discover`): recurring phrases of 2 to 6 words
//! found in many documents, or in many documents of one group, that the lexicon does not cover
//! yet, ranked by document frequency or by keyness against a reference corpus, each with its
//! first and last date and one example in context.
//!
//! **Phrases** are runs of the project's tokens, normalised as patterns are, inside one sentence,
//! neither beginning nor ending with a stopword, not made of stopwords and numbers only, and not
//! overlapping a hit of the lexicon (`phrases.rs`, `stopwords.rs`). A phrase whose own text the
//! lexicon matches (a hit vetoed in the corpus by an `exclude` pattern, say) is dropped too.
//!
//! **Counting** is per *unit*: a document, or with `--by speaker` the turns of one speaker in one
//! document. A unit counts a phrase once (document frequency). Memory stays bounded with two
//! passes over the corpus (`sketch.rs`): the first adds every occurrence of a phrase to a
//! count-min sketch of 8-bit counters (an upper bound of its document frequency); the second
//! counts exactly, once per unit, only the phrases whose counter reaches `--min-docs`
//! (`counts.rs`). The sketch never under-counts, so no phrase that reaches `--min-docs` is missed;
//! the price is reading the corpus twice, and once more for the examples of the phrases kept.
//!
//! **Groups** (`--by FIELD` or `--by speaker`): a candidate must reach `--min-docs` units of its
//! group; a second sketch counts (group, phrase) pairs. Without `--reference`, a group is
//! compared with all other groups.
//!
//! **Ranking** (`select.rs`): by keyness (`keyness.rs`: G² over document frequencies, with the log
//! ratio as effect size) when there is a reference — only phrases relatively more frequent in the
//! target than in the reference — else by document frequency. Shorter phrases nearly always inside
//! one longer candidate are dropped as subsumed.

mod counts;
mod draft;
mod keyness;
mod phrases;
mod select;
mod sketch;
mod stopwords;
mod units;

pub use draft::draft_lexicon;
pub use keyness::{g2, log_ratio};
pub use phrases::{MAX_WORDS, MIN_WORDS};
pub use select::SUBSUMED;
pub use stopwords::{ENGLISH, RUSSIAN};
pub use units::{Kwic, NO_GROUP};

use crate::corpus::{Compression, Document, Input, SourceFile};
use crate::coverage::DateField;
use crate::error::{Error, RecordError, Result};
use crate::hashing::combine;
use crate::lexicon::LexiconSet;
use crate::output::{Cell, RowsTable, Schema};
use crate::pipeline::{find_sources, stream, thread_pool, Progress, ScanConfig, Sources};
use crate::scan::{Matcher, Scratch};
use counts::{Counted, Exact, KeyMap, Seen};
use select::{select, Pooled};
use sketch::Sketch;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use units::{analyse, quote, Buffers, Depth};

/// Default of [`DiscoverOptions::min_docs`].
pub const DEFAULT_MIN_DOCS: usize = 5;
/// Default of [`DiscoverOptions::top`].
pub const DEFAULT_TOP: usize = 100;

/// What a unit's group is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    /// The value of a metadata field (`(none)` where a document lacks it).
    Field(String),
    /// The speaker of each turn: one unit per speaker and document.
    Speaker,
}

/// How candidates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    /// By document frequency (then G², then first appearance).
    Docs,
    /// By G² against the reference, over-represented phrases only (then documents, first
    /// appearance).
    Keyness,
}

/// How discovery runs.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// Candidates per group of units.
    pub by: Option<GroupBy>,
    /// With `by`: only these groups (all when empty).
    pub groups: Vec<String>,
    /// Fewest units (documents) a candidate must be found in (at least 2).
    pub min_docs: usize,
    /// Candidates kept per group.
    pub top: usize,
    /// The order; default: keyness when there is a reference (or groups), else documents.
    pub rank: Option<Rank>,
    /// Where a document's date is.
    pub date: DateField,
    /// Counters of each sketch as a power of two; default from the size of the input.
    pub sketch_bits: Option<u32>,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            by: None,
            groups: Vec::new(),
            min_docs: DEFAULT_MIN_DOCS,
            top: DEFAULT_TOP,
            rank: None,
            date: DateField::default(),
            sketch_bits: None,
        }
    }
}

/// One candidate leitmotif.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// 1-based rank in its group.
    pub rank: usize,
    /// Its group (empty without `by`).
    pub group: String,
    /// The phrase: its normalised tokens joined by single spaces (a pattern that matches it).
    pub phrase: String,
    /// Its number of words.
    pub words: usize,
    /// Units of the group holding it.
    pub docs: u64,
    /// Units of the group.
    pub units: u64,
    /// Reference units holding it, and reference units (none without a reference).
    pub reference: Option<(u64, u64)>,
    /// Dunning's G² against the reference.
    pub g2: Option<f64>,
    /// Log ratio of the relative document frequencies.
    pub log_ratio: Option<f64>,
    /// First and last date seen (as written).
    pub first_date: Option<String>,
    /// See `first_date`.
    pub last_date: Option<String>,
    /// Id of the document of the example.
    pub example_doc: String,
    /// The first occurrence in context.
    pub example: Kwic,
}

/// Counts of a discovery run.
#[derive(Debug, Clone, Default)]
pub struct DiscoverStats {
    /// Documents read (target corpus).
    pub documents: u64,
    /// Units counted (documents, or speaker turns per document).
    pub units: u64,
    /// Words read.
    pub words: u64,
    /// Records (and folder entries) that could not be read, target and reference.
    pub errors: u64,
    /// The first errors (all are handed to the error callback).
    pub first_errors: Vec<RecordError>,
    /// Files of an unknown kind that were not read.
    pub skipped: Vec<PathBuf>,
    /// Reference documents read.
    pub reference_documents: Option<u64>,
    /// Distinct groups.
    pub groups: usize,
    /// Phrases (and group-phrase pairs) counted exactly in the second pass.
    pub counted: usize,
    /// Phrases reaching `min_docs` (in a group).
    pub frequent: usize,
    /// Memory of the sketches, in bytes.
    pub sketch_bytes: usize,
    /// (unit, phrase) pairs added to the sketch of all phrases in the first pass.
    pub sketched: u64,
    /// Share of that sketch's counters left at 0 (a full sketch lets more rare phrases through).
    pub sketch_empty: f64,
    /// Time of each pass.
    pub passes: Vec<(&'static str, Duration)>,
}

/// The outcome of discovery.
#[derive(Debug, Clone)]
pub struct Discovery {
    /// Candidates by group (in name order), then rank.
    pub candidates: Vec<Candidate>,
    /// Whether candidates are per group.
    pub grouped: bool,
    /// Counts.
    pub stats: DiscoverStats,
}

/// The groups seen, in order of first appearance, with their units.
#[derive(Debug, Default)]
struct Groups {
    names: Vec<String>,
    index: HashMap<String, u32>,
    units: Vec<u64>,
    selected: Vec<bool>,
}

impl Groups {
    fn intern(&mut self, name: &str, wanted: &[String]) -> u32 {
        if let Some(&id) = self.index.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), id);
        self.units.push(0);
        self.selected.push(wanted.is_empty() || wanted.iter().any(|w| w == name));
        id
    }
}

/// Reads the corpus of `config` (several times) and proposes candidates; `reference` is the
/// corpus to compare with. Every record that cannot be read is handed to `on_error` once.
pub fn discover_phrases(
    config: &ScanConfig,
    reference: Option<&ScanConfig>,
    lexicons: &LexiconSet,
    options: &DiscoverOptions,
    on_error: &mut (dyn FnMut(&RecordError) -> Result<()> + Send),
    progress: &dyn Progress,
) -> Result<Discovery> {
    if options.min_docs < 2 {
        return Err(Error::usage("--min-docs must be at least 2"));
    }
    if options.by.is_none() && !options.groups.is_empty() {
        return Err(Error::usage("--group needs --by"));
    }
    let Sources { files, skipped, errors: walk_errors } = find_sources(config)?;
    refuse_single_read(&files)?;
    let matcher = Matcher::new(lexicons)?;
    let pool = thread_pool(config.threads)?;
    let mut stats = DiscoverStats { skipped, ..DiscoverStats::default() };
    let mut note_error = |error: &RecordError, stats: &mut DiscoverStats| -> Result<()> {
        stats.errors += 1;
        if stats.first_errors.len() < 100 {
            stats.first_errors.push(error.clone());
        }
        on_error(error)
    };
    for error in &walk_errors {
        note_error(error, &mut stats)?;
    }
    let by = options.by.as_ref();
    let read = &config.read;
    let transcripts = &config.transcripts;
    let min = options.min_docs;

    // Pass 1: every (unit, phrase) into the sketches.
    let started = Instant::now();
    let text_bytes = estimated_text_bytes(&files);
    let sketch = |bytes| options.sketch_bits.map_or_else(|| Sketch::for_bytes(bytes), Sketch::with_bits);
    let mut totals = sketch(text_bytes);
    let mut pairs = by.map(|_| sketch(text_bytes));
    let mut groups = Groups::default();
    stream(
        &files,
        None,
        config,
        &pool,
        progress,
        Buffers::default,
        |_, record, buffers| {
            let document = record.into_document(read)?;
            // Not deduplicated: a phrase repeated in a unit is counted again, which only over-counts.
            let analysed = analyse(&document, by, transcripts, &matcher, Depth::Tokens, buffers);
            let units: Vec<(String, Vec<u64>)> =
                analysed.units.into_iter().map(|u| (u.group, u.phrases.iter().map(|p| p.key).collect())).collect();
            Ok((units, analysed.tokens.len()))
        },
        |result: Result<_, RecordError>| {
            let (units, words) = match result {
                Ok(found) => found,
                Err(error) => return note_error(&error, &mut stats),
            };
            stats.documents += 1;
            stats.words += words as u64;
            for (name, keys) in units {
                let group = groups.intern(&name, &options.groups);
                groups.units[group as usize] += 1;
                stats.units += 1;
                let selected = groups.selected[group as usize];
                stats.sketched += keys.len() as u64;
                for &key in &keys {
                    totals.add(key);
                    if let (Some(pairs), true) = (&mut pairs, selected) {
                        pairs.add(pair_key(group, key));
                    }
                }
            }
            Ok(())
        },
    )?;
    stats.passes.push(("count (sketch)", started.elapsed()));
    stats.sketch_bytes = totals.bytes() + pairs.as_ref().map_or(0, Sketch::bytes);
    stats.sketch_empty = totals.empty_share();
    stats.groups = groups.names.len();
    if let Some(missing) = options.groups.iter().find(|g| !groups.index.contains_key(g.as_str())) {
        let mut names = groups.names.clone();
        names.sort();
        names.truncate(20);
        return Err(Error::usage(format!(
            "no documents of group '{missing}' (groups: {}{})",
            names.join(", "),
            if groups.names.len() > 20 { ", …" } else { "" }
        )));
    }

    // Pass 2: exact counts of the phrases the sketch let through.
    let started = Instant::now();
    let mut exact = Exact::default();
    stream(
        &files,
        None,
        config,
        &pool,
        progress,
        Buffers::default,
        |ordinal, record, buffers| {
            let document = record.into_document(read).ok()?;
            let analysed = analyse(&document, by, transcripts, &matcher, Depth::Full, buffers);
            let date = options.date.value(&document.meta).map(|d| (d.raw.to_string(), d.key));
            let units: Vec<units::Unit> = analysed
                .units
                .into_iter()
                .map(|mut unit| {
                    unit.phrases.retain(|p| totals.passes(p.key, min));
                    unit.distinct();
                    unit
                })
                .collect();
            // The word hashes go along once per document; a phrase's are copied when it is new.
            let words =
                if units.iter().any(|u| !u.phrases.is_empty()) { buffers.words.hashes.clone() } else { Vec::new() };
            Some((ordinal as u32, date, words, units))
        },
        |result| {
            let Some((ordinal, date, words, units)) = result else { return Ok(()) };
            let Exact { phrases, pairs: exact_pairs, dates } = &mut exact;
            let date = dates.intern(date.as_ref().map(|(raw, key)| crate::coverage::Dated { raw, key: *key }));
            for unit in units {
                let group = groups.index.get(&unit.group).copied().unwrap_or(0);
                let selected = groups.selected.get(group as usize).copied().unwrap_or(false);
                for phrase in unit.phrases {
                    let key = phrase.key;
                    let entry = phrases.entry(key).or_insert_with(|| {
                        let mut copied = [0u64; MAX_WORDS];
                        let (start, len) = (phrase.start as usize, phrase.len as usize);
                        copied[..len].copy_from_slice(&words[start..start + len]);
                        Counted { words: copied, len: phrase.len, seen: Seen::new(ordinal) }
                    });
                    entry.seen.add(date, dates);
                    if let (Some(sketch), true) = (&pairs, selected) {
                        if sketch.passes(pair_key(group, key), min) {
                            exact_pairs.entry((group, key)).or_insert_with(|| Seen::new(ordinal)).add(date, dates);
                        }
                    }
                }
            }
            Ok(())
        },
    )?;
    stats.passes.push(("count (exact)", started.elapsed()));
    stats.counted = exact.phrases.len() + exact.pairs.len();
    drop(totals);
    drop(pairs);

    // The phrases reaching min_docs, per group.
    let mut pool_entries: Vec<Pooled> = Vec::new();
    if by.is_some() {
        for (&(group, key), seen) in &exact.pairs {
            if seen.docs as usize >= min {
                let counted = &exact.phrases[&key];
                pool_entries.push(Pooled::new(group, key, counted, *seen, groups.units[group as usize]));
            }
        }
    } else {
        for (&key, counted) in &exact.phrases {
            if counted.seen.docs as usize >= min {
                pool_entries.push(Pooled::new(
                    0,
                    key,
                    counted,
                    counted.seen,
                    groups.units.first().copied().unwrap_or(0),
                ));
            }
        }
    }
    stats.frequent = pool_entries.len();

    // The reference: another corpus, or the other groups.
    let total_units: u64 = groups.units.iter().sum();
    if let Some(reference) = reference {
        let started = Instant::now();
        let wanted: HashSet<u64> = pool_entries.iter().map(|p| p.key).collect();
        let (counts, documents) =
            count_reference(reference, &wanted, lexicons, transcripts, &mut |e| note_error(e, &mut stats), progress)?;
        for entry in &mut pool_entries {
            entry.set_reference(counts.get(&entry.key).copied().unwrap_or(0), documents);
        }
        stats.reference_documents = Some(documents);
        stats.passes.push(("reference", started.elapsed()));
    } else if by.is_some() {
        for entry in &mut pool_entries {
            let total = u64::from(exact.phrases[&entry.key].seen.docs);
            entry.set_reference(total - entry.docs, total_units - entry.units);
        }
    }
    let has_reference = reference.is_some() || by.is_some();
    let rank = options.rank.unwrap_or(if has_reference { Rank::Keyness } else { Rank::Docs });
    if rank == Rank::Keyness && !has_reference {
        return Err(Error::usage("ranking by keyness needs --reference or --by"));
    }
    let pool_size = options.top + options.top / 4 + 10;
    let mut chosen = select(pool_entries, rank, pool_size);
    drop(exact.phrases);
    drop(exact.pairs);

    // Pass 3: the examples of the phrases kept.
    let started = Instant::now();
    let wanted: KeyMap<(u32, u64), u32> = chosen.iter().map(|c| ((c.group, c.key), c.seen.example)).collect();
    let needed: HashSet<u32> = chosen.iter().map(|c| c.seen.example).collect();
    let last_needed = needed.iter().max().map_or(0, |&last| last as usize + 1);
    let mut examples: KeyMap<(u32, u64), (String, String, Kwic)> = KeyMap::default();
    stream(
        &files,
        Some(last_needed),
        config,
        &pool,
        progress,
        Buffers::default,
        |ordinal, record, buffers| {
            let ordinal = ordinal as u32;
            if !needed.contains(&ordinal) {
                return Vec::new();
            }
            let Ok(document) = record.into_document(read) else { return Vec::new() };
            let analysed = analyse(&document, by, transcripts, &matcher, Depth::Full, buffers);
            let mut found = Vec::new();
            let mut done = HashSet::new();
            for unit in &analysed.units {
                let group = groups.index.get(&unit.group).copied().unwrap_or(0);
                for phrase in &unit.phrases {
                    let pair = (group, phrase.key);
                    if wanted.get(&pair) == Some(&ordinal) && done.insert(pair) {
                        let (start, end) = (phrase.start as usize, phrase.start as usize + phrase.len as usize);
                        let kwic = quote(&document.text, &analysed.tokens, &analysed.sentences, start, end);
                        let text = phrase_text(&document, &analysed.tokens[start..end]);
                        found.push((pair, (text, document.id.clone(), kwic)));
                    }
                }
            }
            found
        },
        |found| {
            examples.extend(found);
            Ok(())
        },
    )?;
    stats.passes.push(("examples", started.elapsed()));

    // A phrase that the lexicon matches is covered already.
    let mut scratch = Scratch::default();
    chosen.retain(|c| {
        examples.get(&(c.group, c.key)).is_some_and(|(text, _, _)| matcher.scan(text, &mut scratch).hits.is_empty())
    });
    let mut candidates = Vec::new();
    let mut order: Vec<u32> = (0..groups.names.len() as u32).collect();
    order.sort_by(|&a, &b| groups.names[a as usize].cmp(&groups.names[b as usize]));
    for group in order {
        let mine = chosen.iter().filter(|c| c.group == group).take(options.top);
        for (index, pooled) in mine.enumerate() {
            let Some((phrase, doc, kwic)) = examples.get(&(group, pooled.key)) else { continue };
            candidates.push(Candidate {
                rank: index + 1,
                group: if by.is_some() { groups.names[group as usize].clone() } else { String::new() },
                phrase: phrase.clone(),
                words: pooled.len as usize,
                docs: pooled.docs,
                units: pooled.units,
                reference: pooled.reference,
                g2: pooled.g2,
                log_ratio: pooled.log_ratio,
                first_date: exact.dates.raw(pooled.seen.first).map(String::from),
                last_date: exact.dates.raw(pooled.seen.last).map(String::from),
                example_doc: doc.clone(),
                example: kwic.clone(),
            });
        }
    }
    Ok(Discovery { candidates, grouped: by.is_some(), stats })
}

/// The key of a (group, phrase) pair in the groups' sketch.
fn pair_key(group: u32, key: u64) -> u64 {
    combine(u64::from(group) + 1, key)
}

/// The normalised tokens of a phrase joined by single spaces.
fn phrase_text(document: &Document, tokens: &[crate::text::Token]) -> String {
    let mut text = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        crate::text::normalize_into(&document.text[token.start..token.end], &mut text);
    }
    text
}

/// Discovery reads its input more than once: standard input and pipes cannot be.
fn refuse_single_read(files: &[SourceFile]) -> Result<()> {
    for file in files {
        let regular = file.path.as_ref().is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()));
        if !regular {
            return Err(Error::usage(format!(
                "{}: discover reads its input several times; standard input and pipes cannot be read again (save it to a file)",
                file.name
            )));
        }
    }
    Ok(())
}

/// About how many bytes of text the files hold (compressed files count four times their size).
fn estimated_text_bytes(files: &[SourceFile]) -> u64 {
    files
        .iter()
        .map(|f| {
            let size = f.size.unwrap_or(1 << 30);
            match f.compression {
                Compression::None => size,
                Compression::Gzip | Compression::Zstd => size.saturating_mul(4),
            }
        })
        .sum()
}

/// Reference documents holding each of the `wanted` phrases, and the number of documents read.
fn count_reference(
    config: &ScanConfig,
    wanted: &HashSet<u64>,
    lexicons: &LexiconSet,
    transcripts: &crate::pipeline::TranscriptOptions,
    on_error: &mut (dyn FnMut(&RecordError) -> Result<()> + Send),
    progress: &dyn Progress,
) -> Result<(KeyMap<u64, u64>, u64)> {
    let Sources { files, errors, .. } = find_sources(config)?;
    for error in &errors {
        on_error(error)?;
    }
    let matcher = Matcher::new(lexicons)?;
    let pool = thread_pool(config.threads)?;
    let mut counts: KeyMap<u64, u64> = KeyMap::default();
    let mut documents = 0;
    stream(
        &files,
        None,
        config,
        &pool,
        progress,
        Buffers::default,
        |_, record, buffers| {
            let document = record.into_document(&config.read)?;
            let analysed = analyse(&document, None, transcripts, &matcher, Depth::Full, buffers);
            let mut keys: Vec<u64> =
                analysed.units.iter().flat_map(|u| &u.phrases).map(|p| p.key).filter(|k| wanted.contains(k)).collect();
            keys.sort_unstable();
            keys.dedup();
            Ok(keys)
        },
        |result: Result<Vec<u64>, RecordError>| {
            match result {
                Ok(keys) => {
                    documents += 1;
                    for key in keys {
                        *counts.entry(key).or_default() += 1;
                    }
                }
                Err(error) => on_error(&error)?,
            }
            Ok(())
        },
    )?;
    Ok((counts, documents))
}

/// The `candidates` table.
pub fn candidates_table(discovery: &Discovery) -> RowsTable {
    let number = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Float);
    let text = |x: &Option<String>| x.clone().map_or(Cell::Empty, Cell::Text);
    let rows = discovery
        .candidates
        .iter()
        .map(|c| {
            let mut row = vec![Cell::count(c.rank)];
            if discovery.grouped {
                row.push(Cell::Text(c.group.clone()));
            }
            let share = |docs: u64, units: u64| if units == 0 { 0.0 } else { docs as f64 / units as f64 };
            row.extend([
                Cell::Text(c.phrase.clone()),
                Cell::count(c.words),
                Cell::Int(c.docs as i64),
                Cell::Float(share(c.docs, c.units)),
                c.reference.map_or(Cell::Empty, |(docs, _)| Cell::Int(docs as i64)),
                c.reference.map_or(Cell::Empty, |(docs, units)| Cell::Float(share(docs, units))),
                number(c.g2),
                number(c.log_ratio),
                text(&c.first_date),
                text(&c.last_date),
                Cell::Text(c.example_doc.clone()),
                Cell::Text(c.example.left.clone()),
                Cell::Text(c.example.matched.clone()),
                Cell::Text(c.example.right.clone()),
            ]);
            row
        })
        .collect();
    RowsTable { schema: Schema::candidates(discovery.grouped), rows }
}

/// The inputs of a reference corpus read like the target.
pub fn reference_config(config: &ScanConfig, inputs: Vec<Input>) -> ScanConfig {
    ScanConfig { inputs, ..config.clone() }
}
