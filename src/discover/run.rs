//! The passes of discovery over the corpus (see the module docs of `discover`): the sketch, the
//! exact counts of what the sketch lets through, the reference (another corpus, or the other
//! groups), the choice of candidates, and the examples of those kept.

use super::counts::{Counted, Exact, KeyMap, Seen};
use super::select::{select, Pooled};
use super::sketch::Sketch;
use super::units::{self, analyse, quote, Buffers, Depth, Kwic};
use super::{Candidate, DiscoverOptions, DiscoverStats, Discovery, Rank, MAX_WORDS};
use crate::corpus::{Compression, Document, SourceFile};
use crate::error::{Error, RecordError, Result};
use crate::hashing::combine;
use crate::lexicon::LexiconSet;
use crate::pipeline::{find_sources, stream, thread_pool, ErrorRows, Progress, ScanConfig, Sources};
use crate::scan::{Matcher, Scratch};
use std::collections::{HashMap, HashSet};
use std::time::Instant;

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
    // An error, or `None` when a pass over a corpus is done (a problem repeated on every line of a
    // file is one row for the file: see `ErrorRows`).
    let mut merging = ErrorRows::default();
    let mut note_error = |error: Option<&RecordError>, stats: &mut DiscoverStats| -> Result<()> {
        stats.errors += error.map_or(0, |e| e.records);
        let mut emit = |row: RecordError| -> Result<()> {
            if stats.first_errors.len() < 100 {
                stats.first_errors.push(row.clone());
            }
            on_error(&row)
        };
        match error {
            Some(error) => merging.push(error.clone(), &mut emit),
            None => merging.finish(&mut emit),
        }
    };
    for error in &walk_errors {
        note_error(Some(error), &mut stats)?;
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
                Err(error) => return note_error(Some(&error), &mut stats),
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
    note_error(None, &mut stats)?;
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
        let (counts, documents) = count_reference(
            reference,
            &wanted,
            lexicons,
            transcripts,
            &mut |e| note_error(Some(e), &mut stats),
            progress,
        )?;
        note_error(None, &mut stats)?;
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
