//! Criterion benchmarks of the scanner: bytes per second of `Matcher::scan` on growing inputs,
//! with the bundled lexicons, with a lexicon of 1,000 extra patterns (pattern count should
//! barely matter), and with the bundled lexicons in stem mode (`stem = true`: what stemming costs);
//! and of the stages around it on 1 MB of text (`stages/…`): tokenisation, sentences and
//! paragraphs, the lookup of every token in the bundled lexicons' anchor dictionary, the corpus
//! model's token features, the reuse view of a document (word hashes and compact offsets), and
//! the shingling and winnowing of its words that the fingerprint index does. Text: UNGDC speeches
//! from `../shared/corpora` when present, otherwise the bundled sample corpus.
//!
//!     cargo bench --bench scan

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use leitmotif::lexicon::{check_sources, load_bundled, LexiconSet, LexiconSource, BUNDLED};
use leitmotif::scan::{Matcher, Scratch};
use std::io::BufRead;
use std::path::Path;

fn corpus_text(limit: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ungdc = root.join("../shared/corpora/ungdc.jsonl.gz");
    let mut text = String::new();
    if let Ok(file) = std::fs::File::open(&ungdc) {
        let reader = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file));
        for line in reader.lines().map_while(Result::ok) {
            let value: serde_json::Value = serde_json::from_str(&line).unwrap();
            text += value["text"].as_str().unwrap_or_default();
            text.push_str("\n\n");
            if text.len() >= limit {
                break;
            }
        }
    } else {
        let sample = std::fs::read_to_string(root.join("corpus/sample-statements.jsonl")).unwrap();
        while text.len() < limit {
            for line in sample.lines() {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                text += value["text"].as_str().unwrap();
                text.push_str("\n\n");
            }
        }
    }
    text
}

/// The bundled lexicons plus 1,000 generated motifs of two-word patterns with a prefix and a gap.
fn large_lexicon() -> LexiconSet {
    let mut sources: Vec<LexiconSource> =
        BUNDLED.iter().map(|(name, text)| LexiconSource { name: name.to_string(), text: text.to_string() }).collect();
    let mut extra = String::from(
        "name = \"extra\"\nlanguage = \"en\"\nversion = \"1\"\n[[frames]]\nid = \"extra\"\nlabel = \"Extra\"\n",
    );
    for i in 0..1000 {
        extra += &format!(
            "[[frames.motifs]]\nid = \"m{i}\"\nlabel = \"m{i}\"\npatterns = [\"word{i}a* ~2 (word{i}b|word{i}c)\"]\n"
        );
    }
    sources.push(LexiconSource { name: "extra.toml".into(), text: extra });
    check_sources(&sources).unwrap()
}

/// The bundled lexicons with `stem = true` for every motif.
fn stem_lexicon() -> LexiconSet {
    let sources: Vec<LexiconSource> = BUNDLED
        .iter()
        .map(|(name, text)| {
            let at = text.find("\nversion").expect("a version line") + 1;
            let line_end = at + text[at..].find('\n').expect("a line end") + 1;
            let text = format!("{}stem = true\n{}", &text[..line_end], &text[line_end..]);
            LexiconSource { name: name.to_string(), text }
        })
        .collect();
    check_sources(&sources).unwrap()
}

fn scan(c: &mut Criterion) {
    let text = corpus_text(8 << 20);
    let lexicons =
        [("bundled", load_bundled().unwrap()), ("bundled+1000", large_lexicon()), ("bundled-stem", stem_lexicon())];
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    for (name, lexicon) in &lexicons {
        let matcher = Matcher::new(lexicon).unwrap();
        for size in [64 << 10, 1 << 20, 8 << 20] {
            let mut end = size.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let input = &text[..end];
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::new(*name, input.len()), input, |b, input| {
                let mut scratch = Scratch::default();
                b.iter(|| matcher.scan(input, &mut scratch).hits.len());
            });
        }
    }
    group.finish();
}

/// The stages around the matcher, each in bytes per second of the same megabyte of text.
fn stages(c: &mut Criterion) {
    let text = corpus_text(1 << 20);
    let mut tokens = Vec::new();
    leitmotif::text::tokenize(&text, &mut tokens);
    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("tokenize", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            leitmotif::text::tokenize(&text, &mut out);
            out.len()
        })
    });
    group.bench_function("sentences and paragraphs", |b| {
        let mut segmentation = leitmotif::text::Segmentation::default();
        b.iter(|| {
            segmentation.analyse(&text);
            segmentation.words()
        })
    });
    group.bench_function("model token features", |b| {
        let (mut buffer, mut features) = (String::new(), Vec::new());
        b.iter(|| {
            leitmotif::model::token_features(&text, &tokens, &mut buffer, &mut features);
            features.len()
        })
    });
    let lexicons = load_bundled().expect("the bundled lexicons load");
    let matcher = leitmotif::scan::Matcher::new(&lexicons).expect("the bundled lexicons compile");
    let mut segmentation = leitmotif::text::Segmentation::default();
    segmentation.analyse(&text);
    group.bench_function("token lookup (bundled lexicons)", |b| {
        let mut scratch = leitmotif::scan::Scratch::default();
        b.iter(|| matcher.anchor_lookups(&text, &segmentation, &mut scratch))
    });
    let words = leitmotif::reuse::ReuseDoc::new(String::new(), String::new(), text.clone(), &tokens).words;
    group.bench_function("reuse shingles and winnowing", |b| {
        let mut shingles = Vec::new();
        b.iter(|| leitmotif::reuse::fingerprint_count(&words, &mut shingles))
    });
    group.bench_function("reuse view", |b| {
        b.iter(|| leitmotif::reuse::ReuseDoc::new(String::new(), String::new(), text.clone(), &tokens).words.len())
    });
    group.finish();
}

criterion_group!(benches, scan, stages);
criterion_main!(benches);
