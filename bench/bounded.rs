//! Criterion benchmarks of the bounded costs of issue 8: single documents whose cost used to grow
//! much faster than their size. Each input is measured at size N and 10N; near-linear code takes
//! about ten times as long for the larger one (the target is at most ~15 times).
//!
//! - `reuse_one_document`: the reuse detector (`reuse::detect`) on one document: `repeat` is one
//!   50-word paragraph said over and over (10 KB and 100 KB), `mixed` is paragraphs drawn from a
//!   pool of 40 with a few words changed in each copy (1 MB and 10 MB).
//! - `speaker_labels`: a whole `scan --by speaker` (one thread, output discarded) of one transcript
//!   of 3,200 and 32,000 short turns `Delegate Abc: ...` by an eighth as many speakers: turn
//!   detection, name resolution, rows per speaker.
//!
//! The texts are generated (seeded) here; `bench/make_bounded_inputs.py` writes similar inputs for
//! the command line.
//!
//!     cargo bench --bench bounded

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use leitmotif::corpus::Input;
use leitmotif::error::{RecordError, Result};
use leitmotif::lexicon::load_bundled;
use leitmotif::output::{DocumentResult, Sink};
use leitmotif::pipeline::{run_scan, NoProgress, ScanConfig, TranscriptOptions};
use leitmotif::reuse::{detect, ReuseDoc, ReuseOptions, ReuseReport};
use leitmotif::text::tokenize;

const WORDS: &[&str] = &[
    "security",
    "nation",
    "people",
    "peace",
    "development",
    "cooperation",
    "region",
    "council",
    "states",
    "world",
    "economic",
    "future",
    "history",
    "children",
    "water",
    "energy",
    "climate",
    "rights",
    "justice",
    "freedom",
    "dialogue",
    "partnership",
    "progress",
    "challenge",
    "crisis",
    "support",
    "community",
    "growth",
    "trade",
    "health",
    "education",
    "border",
    "conflict",
    "agreement",
    "treaty",
    "assembly",
    "member",
    "government",
];

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn paragraph(&mut self, words: usize) -> Vec<&'static str> {
        (0..words).map(|_| WORDS[self.below(WORDS.len())]).collect()
    }
}

/// One 50-word paragraph, repeated to about `bytes`.
fn repeat(bytes: usize) -> String {
    let paragraph = Lcg(8).paragraph(50).join(" ") + ".";
    let mut text = paragraph.clone();
    while text.len() < bytes {
        text = text + "\n\n" + &paragraph;
    }
    text
}

/// Paragraphs drawn from a pool of 40, each copy with up to three words changed, to about `bytes`.
fn mixed(bytes: usize) -> String {
    let mut rng = Lcg(8);
    let pool: Vec<Vec<&str>> = (0..40)
        .map(|_| {
            let words = 30 + rng.below(60);
            rng.paragraph(words)
        })
        .collect();
    let mut text = String::new();
    while text.len() < bytes {
        let mut words = pool[rng.below(pool.len())].clone();
        for _ in 0..rng.below(4) {
            let at = rng.below(words.len());
            words[at] = WORDS[rng.below(WORDS.len())];
        }
        text += &(words.join(" ") + ".\n\n");
    }
    text
}

fn reuse_doc(text: &str) -> ReuseDoc {
    let mut tokens = Vec::new();
    tokenize(text, &mut tokens);
    ReuseDoc::new("one".into(), String::new(), text.to_string(), &tokens)
}

fn reuse_one_document(c: &mut Criterion) {
    let mut group = c.benchmark_group("reuse_one_document");
    group.sample_size(10);
    let options = ReuseOptions::default();
    // `mixed` starts at 1 MB: at 10 KB most paragraphs of the pool are said once (the work per word
    // grows with the repetition), and up to about 1 MB the detector's tables fit in the cache.
    let inputs = [("repeat", repeat as fn(usize) -> String, 10_000), ("mixed", mixed, 1_000_000)];
    for (kind, make, n) in inputs {
        for bytes in [n, 10 * n] {
            let doc = reuse_doc(&make(bytes));
            group.throughput(Throughput::Bytes(doc.text.len() as u64));
            group.bench_with_input(BenchmarkId::new(kind, bytes), &doc, |b, doc| {
                b.iter_batched(
                    || vec![doc.clone()],
                    |docs| detect(docs, &options).refrains.len(),
                    BatchSize::LargeInput,
                )
            });
        }
    }
    group.finish();
}

/// `turns` lines `Delegate Abc: ...`, by `turns / 8` speakers taking turns in order.
fn transcript(turns: usize) -> String {
    let speakers = turns / 8;
    let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
    let mut rng = Lcg(8);
    (0..turns)
        .map(|turn| {
            let i = turn % speakers;
            let count = 3 + rng.below(6);
            let words = rng.paragraph(count).join(" ");
            format!(
                "Delegate {}{}{}: NATO expansion, {words}.\n",
                letter(i / 676).to_ascii_uppercase(),
                letter(i / 26),
                letter(i)
            )
        })
        .collect()
}

/// Counts rows and drops them.
#[derive(Default)]
struct Discard(usize);

impl Sink for Discard {
    fn document(&mut self, result: &DocumentResult) -> Result<()> {
        self.0 += result.rows.len() + result.hits.len() + result.segments.len();
        Ok(())
    }

    fn error(&mut self, _: &RecordError) -> Result<()> {
        Ok(())
    }

    fn finish(&mut self, _: Option<&ReuseReport>) -> Result<()> {
        Ok(())
    }
}

fn speaker_labels(c: &mut Criterion) {
    let lexicons = load_bundled().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("speaker_labels");
    group.sample_size(10);
    for turns in [3_200, 32_000] {
        let text = transcript(turns);
        let path = dir.path().join(format!("transcript-{turns}.txt"));
        std::fs::write(&path, &text).unwrap();
        let config = ScanConfig {
            threads: 1,
            transcripts: TranscriptOptions { by_speaker: true, ..TranscriptOptions::default() },
            ..ScanConfig::new(vec![Input::Path(path)])
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("by_speaker", turns), &config, |b, config| {
            b.iter(|| {
                let mut sink = Discard::default();
                run_scan(config, &lexicons, &mut sink, &NoProgress).unwrap();
                sink.0
            })
        });
    }
    group.finish();
}

criterion_group!(benches, reuse_one_document, speaker_labels);
criterion_main!(benches);
