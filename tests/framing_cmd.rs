//! Segment frames (issue 11): cue terms, several frames per segment with their shares, the corpus
//! model trained per run or saved and reused, provenance in segments.csv, and the options that turn
//! cues and the model off. The corpora here are composed for the tests.

use crate::util::Workdir;

const LEXICON: &str = r#"
name = "framing-test"
language = "en"
version = "1"

[[frames]]
id = "war"
label = "War"

[[frames.motifs]]
id = "operation"
label = "Military operation"
patterns = ["special military operation"]
examples = ["The special military operation goes on."]

[frames.cues]
patterns = ["ceasefire", "front line", "shelling"]
examples = ["A ceasefire along the front line."]
counter_examples = ["The line at the front desk was long."]

[[frames]]
id = "trade"
label = "Trade"

[[frames.motifs]]
id = "turnover"
label = "Trade turnover"
patterns = ["trade turnover"]
examples = ["Trade turnover grew."]

[frames.cues]
weight = 0.25
patterns = ["exports", "investment"]
examples = ["Exports and investment rose."]
"#;

/// A corpus with enough segments framed by hits for a model: each document has a war paragraph, a
/// trade paragraph and a paragraph about nothing in particular, in words that vary a little.
fn training_corpus() -> String {
    let war_words = ["troops", "artillery", "battalions", "positions", "advanced", "regiment"];
    let trade_words = ["grain", "fertiliser", "shipments", "contracts", "tariffs", "markets"];
    let other_words = ["choir", "weather", "poems", "garden", "library", "festival"];
    let mut lines = Vec::new();
    for i in 0..40 {
        let pick = |words: &[&'static str], k: usize| words[(i + k) % words.len()];
        let text = format!(
            "The special military operation goes on. Our {} and {} held the {} while the {} {}.\n\n\
             Trade turnover rose again. New {} of {} and {} opened {} for {}.\n\n\
             The {} met in the {} after the {} and read {} about the {}.",
            pick(&war_words, 0),
            pick(&war_words, 1),
            pick(&war_words, 3),
            pick(&war_words, 2),
            pick(&war_words, 4),
            pick(&trade_words, 0),
            pick(&trade_words, 1),
            pick(&trade_words, 2),
            pick(&trade_words, 3),
            pick(&trade_words, 4),
            pick(&other_words, 0),
            pick(&other_words, 1),
            pick(&other_words, 2),
            pick(&other_words, 3),
            pick(&other_words, 4),
        );
        lines.push(serde_json::json!({ "id": format!("train{i}"), "text": text }).to_string());
    }
    // No leitmotif and no cue: the model should see the war in its words.
    let unframed = "Our troops and artillery held the positions while the battalions advanced to the regiment.";
    lines.push(serde_json::json!({ "id": "target", "text": unframed }).to_string());
    lines.join("\n") + "\n"
}

fn segments_of<'t>(table: &'t crate::util::Table, doc: &str) -> Vec<&'t std::collections::HashMap<String, String>> {
    table.rows.iter().filter(|r| r["doc_id"] == doc).collect()
}

#[test]
fn the_lexicon_checks_and_tests_cues() {
    let work = Workdir::new();
    work.write("lex.toml", LEXICON);
    let tested = work.run(&["lexicon", "test", "lex.toml"]);
    assert_eq!(tested.code, 0, "{}{}", tested.stdout, tested.stderr);
    assert!(tested.stdout.contains("examples: 5 passed, 0 failed"), "{}", tested.stdout);
    let failing = LEXICON.replace("\"A ceasefire along the front line.\"", "\"A calm day.\"");
    work.write("bad.toml", failing);
    let tested = work.run(&["lexicon", "test", "bad.toml"]);
    assert_eq!(tested.code, 1, "{}{}", tested.stdout, tested.stderr);
    assert!(tested.stdout.contains("war/cues"), "{}", tested.stdout);
    let no_examples = LEXICON.replace("examples = [\"Exports and investment rose.\"]\n", "");
    work.write("lint.toml", no_examples);
    let checked = work.run(&["lexicon", "check", "lint.toml"]);
    assert!(checked.stdout.contains("motif 'trade/cues' has no examples"), "{}{}", checked.stdout, checked.stderr);
    let empty = LEXICON.replace("patterns = [\"exports\", \"investment\"]", "patterns = []");
    work.write("empty.toml", empty);
    let checked = work.run(&["lexicon", "check", "empty.toml"]);
    assert_eq!(checked.code, 1);
    assert!(
        checked.stdout.contains("empty.toml:33:12: [frames.cues] of frame 'trade' has no patterns"),
        "{}",
        checked.stdout
    );
}

#[test]
fn cues_frame_segments_without_counting_as_hits_and_frames_share_the_time() {
    let work = Workdir::new();
    work.write("lex.toml", LEXICON);
    let text = "The special military operation goes on and trade turnover grew.\n\n\
                A ceasefire along the front line held despite shelling.\n\n\
                Exports grew.\n\n\
                Exports and investment grew.";
    work.write("doc.jsonl", serde_json::json!({ "id": "d", "text": text }).to_string() + "\n");
    let run = work.run(&["scan", "doc.jsonl", "--lexicon", "lex.toml", "--out", "out", "--no-model", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let documents = work.table("out/documents.csv");
    let hits = work.table("out/hits.csv");
    assert_eq!(hits.column("motif"), ["operation", "turnover"], "cues are not hits");
    assert_eq!((documents.rows[0]["war_hits"].as_str(), documents.rows[0]["trade_hits"].as_str()), ("1", "1"));
    let segments = work.table("out/segments.csv");
    let rows = segments_of(&segments, "d");
    assert_eq!(rows.len(), 4);
    // A hit of each frame: half the time each, both from hits.
    assert_eq!(rows[0]["frames"], "war:hits:1;trade:hits:1");
    let seconds = |row: &std::collections::HashMap<String, String>, column: &str| row[column].parse::<f64>().unwrap();
    let time = seconds(rows[0], "end_s") - seconds(rows[0], "start_s");
    assert!((seconds(rows[0], "war_seconds") - time / 2.0).abs() < 1e-3, "{:?}", rows[0]);
    assert!((seconds(rows[0], "war_seconds") + seconds(rows[0], "trade_seconds") - time).abs() < 1e-3);
    // Three cues of the war (weight 1.5): framed by cues, confidence 1.5 / (2 × 1.0).
    assert_eq!((rows[1]["frame"].as_str(), rows[1]["frame_source"].as_str()), ("war", "cues"));
    assert_eq!((rows[1]["confidence"].as_str(), rows[1]["frames"].as_str()), ("0.75", "war:cues:0.75"));
    assert_eq!(rows[1]["cues"], "ceasefire;front line;shelling");
    // One trade cue at 0.25 is too little; two are still below 1.0.
    assert_eq!((rows[2]["frame"].as_str(), rows[2]["frame_source"].as_str()), ("(none)", ""));
    assert_eq!(rows[3]["frame"], "(none)");
    // Without cues the cue-framed segment is unframed and the document's airtime changes.
    let run = work.run(&[
        "scan",
        "doc.jsonl",
        "--lexicon",
        "lex.toml",
        "--out",
        "plain",
        "--no-model",
        "--no-cues",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plain = work.table("plain/segments.csv");
    assert_eq!((plain.rows[1]["frame"].as_str(), plain.rows[1]["cues"].as_str()), ("(none)", ""), "cues off");
    let with_cues = documents.rows[0]["war_airtime"].parse::<f64>().unwrap();
    let without = work.table("plain/documents.csv").rows[0]["war_airtime"].parse::<f64>().unwrap();
    assert!(with_cues > without, "{with_cues} vs {without}");
    assert_eq!(work.table("plain/documents.csv").rows[0]["war_hits"], "1", "hit figures do not change");
}

#[test]
fn the_model_frames_unframed_segments_deterministically_and_can_be_saved_and_reused() {
    let work = Workdir::new();
    work.write("lex.toml", LEXICON);
    work.write("corpus.jsonl", training_corpus());
    let scan = |out: &str, extra: &[&str]| {
        let mut args = vec!["scan", "corpus.jsonl", "--lexicon", "lex.toml", "--out", out, "--quiet"];
        args.extend_from_slice(extra);
        let run = work.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    scan("one", &["--threads", "1", "--save-model", "model.json"]);
    scan("four", &["--threads", "4"]);
    let segments = work.table("one/segments.csv");
    let target = segments_of(&segments, "target");
    assert_eq!(target.len(), 1);
    assert_eq!((target[0]["frame"].as_str(), target[0]["frame_source"].as_str()), ("war", "model"), "{:?}", target[0]);
    let confidence: f64 = target[0]["confidence"].parse().unwrap();
    assert!((0.8..=1.0).contains(&confidence), "{confidence}");
    let documents = work.table("one/documents.csv");
    let row = documents.rows.iter().find(|r| r["doc_id"] == "target").unwrap();
    assert_eq!(
        (row["war_hits"].as_str(), row["war_airtime"].as_str(), row["opening_frame"].as_str()),
        ("0", "1", "war")
    );
    // Unrelated paragraphs stay unframed.
    let others = segments.rows.iter().filter(|r| r["doc_id"] == "train3").collect::<Vec<_>>();
    assert_eq!(others[2]["frame"], "(none)", "{:?}", others[2]);
    for file in ["documents.csv", "segments.csv", "hits.csv"] {
        assert_eq!(work.read(&format!("one/{file}")), work.read(&format!("four/{file}")), "{file} at 1 and 4 threads");
    }
    // A saved model frames a run the same way, even one too small to train on.
    work.write("small.jsonl", training_corpus().lines().last().unwrap().to_string() + "\n");
    let small = |out: &str, extra: &[&str]| {
        let mut args = vec!["scan", "small.jsonl", "--lexicon", "lex.toml", "--out", out];
        args.extend_from_slice(extra);
        work.run(&args)
    };
    let alone = small("alone", &[]);
    assert_eq!(alone.code, 0);
    let said = work.run(&["scan", "corpus.jsonl", "--lexicon", "lex.toml", "--out", "said"]);
    let summary = format!("{}{}", said.stdout, said.stderr);
    assert!(summary.contains("the corpus model, trained on 80 segments framed by hits, framed 1 more"), "{summary}");
    let small_run = work.run(&["scan", "small.jsonl", "--lexicon", "lex.toml", "--out", "said2"]);
    let summary = format!("{}{}", small_run.stdout, small_run.stderr);
    assert!(summary.contains("too few segments framed by hits (0 of 30) to train a corpus model"), "{summary}");
    assert_eq!(work.table("alone/segments.csv").rows[0]["frame"], "(none)", "too few segments to train on");
    let reused_run = small("reused", &["--model", "model.json"]);
    assert_eq!(reused_run.code, 0);
    let summary = format!("{}{}", reused_run.stdout, reused_run.stderr);
    assert!(summary.contains("the saved corpus model framed 1 segment"), "{summary}");
    let reused = work.table("reused/segments.csv");
    assert_eq!(reused.rows[0]["frames"], target[0]["frames"]);
    scan("again", &["--model", "model.json"]);
    assert_eq!(work.read("again/segments.csv"), work.read("one/segments.csv"), "a loaded model frames as trained");
    // Off, or a threshold above its confidence: unframed.
    scan("off", &["--no-model"]);
    assert_eq!(segments_of(&work.table("off/segments.csv"), "target")[0]["frame"], "(none)");
    scan("strict", &["--model-threshold", "1"]);
    let strict = work.table("strict/segments.csv");
    assert!(segments_of(&strict, "target")[0]["frame"] == "(none)" || confidence >= 1.0);
}

#[test]
fn model_mistakes_are_clear_errors() {
    let work = Workdir::new();
    work.write("lex.toml", LEXICON);
    work.write("corpus.jsonl", training_corpus());
    let run =
        work.run(&["scan", "corpus.jsonl", "--lexicon", "lex.toml", "--out", "o", "--save-model", "corpus.jsonl"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--save-model corpus.jsonl is one of the inputs"), "{}", run.stderr);
    let run = work.run(&["scan", "corpus.jsonl", "--out", "o", "--quiet", "--save-model", "m.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = work.run(&["scan", "corpus.jsonl", "--out", "o", "--quiet", "--save-model", "m.json"]);
    assert_eq!(run.code, 2, "an existing model file is not replaced without --force");
    assert!(run.stderr.contains("--save-model m.json exists; use --force to replace it"), "{}", run.stderr);
    let run = work.run(&["scan", "corpus.jsonl", "--lexicon", "lex.toml", "--out", "o", "--model", "m.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--model m.json: cannot use it as a corpus model"), "{}", run.stderr);
    assert!(run.stderr.contains("m.json: the model was trained with the frames historical_ties"), "{}", run.stderr);
    work.write("junk.json", "{}");
    let run = work.run(&["scan", "corpus.jsonl", "--out", "o", "--model", "junk.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("junk.json: not a leitmotif model"), "{}", run.stderr);
    let run = work.run(&["scan", "corpus.jsonl", "--out", "o", "--model-threshold", "1.5"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--model-threshold must be a probability"), "{}", run.stderr);
    work.write("tiny.jsonl", "{\"id\": \"a\", \"text\": \"Nothing to see.\"}\n");
    let run = work.run(&["scan", "tiny.jsonl", "--out", "t", "--save-model", "tiny.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("too few segments with a frame from hits to train a model"), "{}", run.stderr);
    assert!(!work.path("tiny.json").exists());
}

#[test]
fn on_the_sample_corpus_the_model_gives_only_frames_with_enough_training_segments() {
    let work = Workdir::new();
    let corpus = crate::util::sample_corpus();
    let run = work.run(&["scan", corpus.to_str().unwrap(), "--out", "out", "--save-model", "model.json", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let model: serde_json::Value = serde_json::from_slice(&work.read("model.json")).unwrap();
    let frames: Vec<&str> = model["frames"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    let training: Vec<u64> = model["segments"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
    let trained = |frame: &str| training[frames.iter().position(|f| *f == frame).unwrap()];
    // Some frames of the sample have too few segments framed by hits to be learnt (fewer than 30).
    assert!(frames.iter().any(|f| (1..30).contains(&trained(f))), "{training:?}");
    let segments = work.table("out/segments.csv");
    let by_model: Vec<&str> =
        segments.rows.iter().filter(|r| r["frame_source"] == "model").map(|r| r["frame"].as_str()).collect();
    assert!(!by_model.is_empty(), "the model frames some segments of the sample");
    for frame in by_model {
        assert!(trained(frame) >= 30, "{frame}: {} training segments", trained(frame));
    }
}
