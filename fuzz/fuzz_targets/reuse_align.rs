//! Fuzz target: two arbitrary word sequences (over a small alphabet, so that they share words)
//! through the reuse aligner and the whole detector. The aligner must never panic, its extensions
//! stay within both sequences and end on a shared word, similarities lie in 0..=1 (1 for identical
//! stretches); every passage and refrain the detector reports lies within its documents.
#![no_main]

use arbitrary::Arbitrary;
use leitmotif::fuzzing::{extend, extend_backwards, similarity};
use leitmotif::reuse::{detect, ReuseDoc, ReuseOptions};
use leitmotif::text::{tokenize, CharOffsets};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    alphabet: u8,
    min_words: u8,
    a: Vec<u8>,
    b: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let alphabet = u32::from(input.alphabet % 16) + 1;
    let words = |bytes: &[u8]| bytes.iter().map(|&b| u32::from(b) % alphabet).collect::<Vec<u32>>();
    let (a, b) = (words(&input.a), words(&input.b));

    let (i, j) = extend(&a, &b);
    assert!(i <= a.len() && j <= b.len(), "extend: ({i}, {j})");
    assert!((i, j) == (0, 0) || (i > 0 && j > 0 && a[i - 1] == b[j - 1]), "extend ends on a shared word");
    let (i, j) = extend_backwards(&a, &b);
    assert!(i <= a.len() && j <= b.len(), "extend_backwards: ({i}, {j})");
    assert!((i, j) == (0, 0) || (i > 0 && j > 0 && a[a.len() - i] == b[b.len() - j]), "ends on a shared word");
    for (x, y) in [(&a, &b), (&a, &a), (&b, &a)] {
        let s = similarity(x, y);
        assert!((0.0..=1.0).contains(&s), "similarity {s}");
        if x == y && !x.is_empty() {
            assert_eq!(s, 1.0);
        }
    }

    // The detector over the two sequences and their concatenation, as documents of words.
    let joined: Vec<u32> = a.iter().chain(&b).copied().collect();
    let docs: Vec<ReuseDoc> = [&a, &b, &joined]
        .iter()
        .enumerate()
        .map(|(n, words)| {
            let text = words.iter().map(|w| format!("w{w}")).collect::<Vec<_>>().join(" ");
            let mut tokens = Vec::new();
            tokenize(&text, &mut tokens);
            ReuseDoc::new(format!("d{n}"), String::new(), text, &tokens)
        })
        .collect();
    let lengths: Vec<usize> = docs.iter().map(|d| d.words.len()).collect();
    let options = ReuseOptions { min_words: usize::from(input.min_words % 40) + 1, ..ReuseOptions::default() };
    let report = detect(docs, &options);
    for p in &report.passages {
        assert!(p.source < p.doc, "a passage's source is earlier: {p:?}");
        assert!(p.start < p.end && p.end <= lengths[p.doc], "{p:?}");
        assert!(p.source_start < p.source_end && p.source_end <= lengths[p.source], "{p:?}");
        assert!(p.end - p.start >= options.min_words && (0.7..=1.0).contains(&p.similarity), "{p:?}");
        assert!(p.cluster < report.clusters.len());
        let doc = &report.docs[p.doc];
        let quote = doc.quote(&CharOffsets::new(&doc.text), p.start, p.end, 80);
        assert!(quote.chars().count() <= 80);
    }
    for r in &report.refrains {
        assert!(r.start < r.end && r.end <= lengths[r.doc], "{r:?}");
        assert!(r.first_start < r.first_end && r.first_end <= r.start, "a refrain follows its first: {r:?}");
        assert!((0.7..=1.0).contains(&r.similarity), "{r:?}");
    }
    assert_eq!(report.per_document.len(), lengths.len());
    for (doc, figures) in report.per_document.iter().enumerate() {
        assert!(figures.recycled_words <= lengths[doc] && (0.0..=1.0).contains(&figures.recycled_share));
    }
});
