//! Property tests through the library's [`run_scan`]: a document's figures (words, sentences,
//! hits per frame and motif, hit rows, segments) do not depend on the number of worker threads,
//! nor on where the document stands in the corpus. Shuffling the documents permutes the rows and
//! nothing else. Corpora are small JSONL files of phrases the bundled lexicons hit, with speaker
//! labels, sentence ends and paragraph breaks; case counts are kept low so `cargo test` stays fast.

use leitmotif::corpus::{Input, ReadOptions};
use leitmotif::error::RecordError;
use leitmotif::lexicon::{load_bundled, LexiconSet};
use leitmotif::output::{DocumentResult, Sink};
use leitmotif::pipeline::{run_scan, FramingConfig, NoProgress, ScanConfig, TranscriptOptions};
use leitmotif::reuse::ReuseReport;
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Keeps every result in the order the pipeline hands them over.
#[derive(Default)]
struct Collect {
    documents: Vec<DocumentResult>,
    errors: Vec<RecordError>,
}

impl Sink for Collect {
    fn document(&mut self, result: &DocumentResult) -> leitmotif::Result<()> {
        self.documents.push(result.clone());
        Ok(())
    }

    fn error(&mut self, error: &RecordError) -> leitmotif::Result<()> {
        self.errors.push(error.clone());
        Ok(())
    }

    fn finish(&mut self, _reuse: Option<&ReuseReport>) -> leitmotif::Result<()> {
        Ok(())
    }
}

fn lexicons() -> &'static LexiconSet {
    static LEXICONS: OnceLock<LexiconSet> = OnceLock::new();
    LEXICONS.get_or_init(|| load_bundled().unwrap())
}

/// Scans `texts` (ids `d0`, `d1`… in the order given) with `threads` workers.
fn scan(texts: &[(String, String)], threads: usize, by_speaker: bool) -> Collect {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    let lines: Vec<String> =
        texts.iter().map(|(id, text)| serde_json::json!({ "id": id, "text": text }).to_string()).collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let config = ScanConfig {
        read: ReadOptions::default(),
        threads,
        transcripts: TranscriptOptions { by_speaker, ..TranscriptOptions::default() },
        framing: FramingConfig::default(),
        ..ScanConfig::new(vec![Input::Path(path)])
    };
    let mut sink = Collect::default();
    let report = run_scan(&config, lexicons(), &mut sink, &NoProgress).unwrap();
    assert_eq!(report.stats.documents as usize, texts.len());
    assert!(sink.errors.is_empty(), "{:?}", sink.errors);
    sink
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    let pieces = prop::sample::select(vec![
        "We are one people. ",
        "Our brotherly people share common roots. ",
        "NATO expansion threatens indivisible security",
        "the special military operation",
        "root causes of the crisis. ",
        "and ",
        "plain words here ",
        ", ",
        ". ",
        "\n\n",
        "\nVladimir Putin: ",
        "\nQuestion: ",
        "Братский народ, общие корни. ",
        "расширение НАТО ",
    ]);
    let text = prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat());
    prop::collection::vec(text, 1..12)
}

fn with_ids(texts: &[String]) -> Vec<(String, String)> {
    texts.iter().enumerate().map(|(n, text)| (format!("d{n}"), text.clone())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn figures_do_not_depend_on_the_thread_count(texts in texts(), by_speaker in any::<bool>()) {
        let docs = with_ids(&texts);
        let one = scan(&docs, 1, by_speaker).documents;
        prop_assert_eq!(one.len(), docs.len());
        for threads in [2, 4] {
            let many = scan(&docs, threads, by_speaker).documents;
            prop_assert_eq!(&one, &many, "{} threads", threads);
        }
    }

    #[test]
    fn shuffling_documents_permutes_rows_only(
        (texts, order) in texts().prop_flat_map(|t| {
            let order = Just((0..t.len()).collect::<Vec<_>>()).prop_shuffle();
            (Just(t), order)
        }),
        threads in 1usize..=4,
    ) {
        let docs = with_ids(&texts);
        let shuffled: Vec<(String, String)> = order.iter().map(|&i| docs[i].clone()).collect();
        let before = scan(&docs, 1, false).documents;
        let after = scan(&shuffled, threads, false).documents;
        let ids: Vec<&str> = after.iter().map(|d| d.id.as_str()).collect();
        let expected: Vec<&str> = shuffled.iter().map(|(id, _)| id.as_str()).collect();
        prop_assert_eq!(ids, expected, "rows come out in input order");
        let by_id: HashMap<&str, &DocumentResult> = after.iter().map(|d| (d.id.as_str(), d)).collect();
        for document in &before {
            prop_assert_eq!(Some(&document), by_id.get(document.id.as_str()), "figures of {}", document.id);
        }
    }
}

/// More documents than one batch holds (1024 records), so results of several batches meet at the
/// writer; the rows and figures are the same at every thread count.
#[test]
fn many_batches_give_the_same_rows_at_any_thread_count() {
    let phrases = ["Our brotherly people share common roots.", "Nothing.", "NATO expansion. Question: Why?"];
    let texts: Vec<String> = (0..1100).map(|n| phrases[n % phrases.len()].repeat(1 + n % 3)).collect();
    let docs = with_ids(&texts);
    let one = scan(&docs, 1, false).documents;
    assert_eq!(one.len(), docs.len());
    assert!(one.iter().any(|d| !d.hits.is_empty()), "the corpus has hits");
    assert_eq!(one, scan(&docs, 3, false).documents);
}

/// Pieces of transcript-like text: labels, compounds, hits of the bundled lexicons, Cyrillic,
/// paragraph breaks and odd separators.
fn transcript_pieces() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Vladimir Putin: ",
        "\nQuestion: ",
        "В.Путин: ",
        "President of Russia Vladimir Putin (in English): ",
        "neo-Nazis in Kiev. ",
        "NATO expansion threatens indivisible security",
        "братский народ, ",
        "the root causes of the conflict",
        "\n\n",
        "* * *",
        " — ",
        "Russia's ",
        "é\u{301}",
        "\u{a0}",
        ": ",
        ". ",
        "Look: ",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The checks the fuzz targets run (`leitmotif::fuzzing::check_text`), on generated
    /// transcripts: tokens, sentences, turns, hits, segments, figures and the reuse view keep
    /// their invariants. The fuzz targets run the same checks on arbitrary bytes for hours; this
    /// keeps them compiled and running in CI.
    #[test]
    fn analysed_transcripts_keep_every_invariant(text in transcript_pieces()) {
        leitmotif::fuzzing::check_text(&text, &[]);
    }
}
