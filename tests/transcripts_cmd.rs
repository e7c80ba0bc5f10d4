//! Transcripts end to end: speaker turns and aliases, rows per speaker, the speaker filter,
//! segments and their frames, timing from words per minute and from subtitle cues.

use crate::util::{shared_corpora, Workdir, ONE_FRAME_LEXICON};

const PRESS: &str = "Opening remarks before anyone is named.\n\n\
President of Russia Vladimir Putin: NATO expansion is the issue. The answer is simple: no.\n\n\
Question: What about the brotherly people?\n\n\
Vladimir Putin: They are a brotherly people. Indivisible security matters.\n\n\
Dmitry Peskov: Last question, please.";

fn fixture(work: &Workdir) {
    work.write("lex.toml", ONE_FRAME_LEXICON);
    work.write("in.jsonl", serde_json::json!({"id": "press", "text": PRESS}).to_string() + "\n");
}

#[test]
fn rows_per_speaker_with_aliases_resolved() {
    let work = Workdir::new();
    fixture(&work);
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--by", "speaker", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let documents = work.table("out/documents.csv");
    assert_eq!(&documents.header[..3], ["doc_id", "speaker", "words"]);
    let rows: Vec<(&str, &str, &str, &str)> = documents
        .rows
        .iter()
        .map(|r| (r["speaker"].as_str(), r["words"].as_str(), r["security_hits"].as_str(), r["ties_hits"].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("(none)", "6", "0", "0"),
            ("Vladimir Putin", "18", "2", "1"),
            ("Question", "5", "0", "1"),
            ("Dmitry Peskov", "3", "0", "0")
        ]
    );
    let hits = work.table("out/hits.csv");
    assert_eq!(hits.column("speaker"), ["Vladimir Putin", "Question", "Vladimir Putin", "Vladimir Putin"]);
}

#[test]
fn the_speaker_filter_keeps_one_speakers_turns() {
    let work = Workdir::new();
    fixture(&work);
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--speaker", "Putin", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let documents = work.table("out/documents.csv");
    assert_eq!((documents.rows[0]["words"].as_str(), documents.rows[0]["ties_hits"].as_str()), ("18", "1"));
    assert!(work.table("out/hits.csv").column("speaker").iter().all(|s| *s == "Vladimir Putin"));
    assert!(work.table("out/segments.csv").column("speaker").iter().all(|s| *s == "Vladimir Putin"));
}

#[test]
fn an_alias_file_names_speakers() {
    let work = Workdir::new();
    fixture(&work);
    work.write("aliases.toml", "[speakers]\n\"Kremlin spokesman\" = [\"Dmitry Peskov\"]\n");
    let run = work.run(&[
        "scan",
        "in.jsonl",
        "--lexicon",
        "lex.toml",
        "--by",
        "speaker",
        "--aliases",
        "aliases.toml",
        "--out",
        "out",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(work.table("out/documents.csv").column("speaker")[3], "Kremlin spokesman");
    work.write("bad.toml", "[speakers]\nx = 3\n");
    let run = work.run(&["scan", "in.jsonl", "--aliases", "bad.toml", "--out", "out2"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.toml:2:1"), "{}", run.stderr);
}

#[test]
fn segments_frames_and_words_per_minute() {
    let work = Workdir::new();
    fixture(&work);
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--wpm", "60", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let segments = work.table("out/segments.csv");
    let rows: Vec<(&str, &str, &str, &str, &str, &str)> = segments
        .rows
        .iter()
        .map(|r| {
            (
                r["speaker"].as_str(),
                r["words"].as_str(),
                r["start_s"].as_str(),
                r["end_s"].as_str(),
                r["frame"].as_str(),
                r["motifs"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("(none)", "6", "0", "6", "(none)", ""),
            ("Vladimir Putin", "10", "6", "16", "security", "nato_expansion"),
            ("Question", "5", "16", "21", "ties", "brotherly"),
            // A tie (1 weighted hit each): the time is shared half and half; the main frame is
            // the one listed first in the lexicon.
            ("Vladimir Putin", "8", "21", "29", "security", "brotherly;indivisible"),
            ("Dmitry Peskov", "3", "29", "32", "(none)", ""),
        ]
    );
    let document = &work.table("out/documents.csv").rows[0];
    assert_eq!(document["seconds"], "32");
    assert_eq!((document["security_seconds"].as_str(), document["security_airtime"].as_str()), ("14", "0.4375"));
    assert_eq!((document["ties_seconds"].as_str(), document["ties_airtime"].as_str()), ("9", "0.2813"));
    // The first 25% of 32 s is 8 s: 6 s without a frame, then 2 s of security.
    assert_eq!(document["opening_frame"], "security");
}

#[test]
fn subtitles_give_real_times() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    work.write(
        "talk.srt",
        "1\n00:00:00,000 --> 00:00:10,000\nGood evening.\n\n2\n00:00:10,000 --> 00:01:40,000\nThey are a brotherly people.\n\n\
         3\n00:01:40,000 --> 00:02:00,000\nNATO expansion is the threat.\n",
    );
    let run = work.run(&["scan", "talk.srt", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let segments = work.table("out/segments.csv");
    let times: Vec<(&str, &str, &str)> =
        segments.rows.iter().map(|r| (r["start_s"].as_str(), r["end_s"].as_str(), r["frame"].as_str())).collect();
    assert_eq!(times, [("0", "10", "(none)"), ("10", "100", "ties"), ("100", "120", "security")]);
    let document = &work.table("out/documents.csv").rows[0];
    assert_eq!((document["seconds"].as_str(), document["ties_airtime"].as_str()), ("120", "0.75"));
    assert_eq!(document["opening_frame"], "ties");
    work.write("bad.srt", "1\n00:00:09,000 --> 00:00:01,000\nText\n");
    let run = work.run(&["scan", "bad.srt", "talk.srt", "--out", "out2"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("bad.srt:2: cue ends before it starts"), "{}", run.stderr);
}

#[test]
fn documents_without_labels_behave_as_before() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    work.write("a.txt", "The answer is simple: no. NATO expansion.");
    let run = work.run(&["scan", "a.txt", "--lexicon", "lex.toml", "--by", "speaker", "--out", "out"]);
    assert_eq!(run.code, 0);
    let documents = work.table("out/documents.csv");
    assert_eq!(documents.column("speaker"), ["(none)"]);
    assert_eq!(documents.rows[0]["words"], "7");
}

#[test]
fn kremlin_transcripts_have_their_speakers() {
    let Some(corpora) = shared_corpora() else { return };
    let work = Workdir::new();
    let csv = corpora.join("kremlin-news-2021-2022.csv");
    let args = [
        "scan",
        csv.to_str().unwrap(),
        "--text-column",
        "body",
        "--id-column",
        "link",
        "--by",
        "speaker",
        "--out",
        "out",
    ];
    assert_eq!(work.run(&args).code, 0);
    let documents = work.table("out/documents.csv");
    let putin = documents.rows.iter().filter(|r| r["speaker"] == "Vladimir Putin").count();
    assert!(putin > 200, "Putin speaks in {putin} documents");
    // Labels in flattened text ("... * * * President of Russia Vladimir Putin:") and the short
    // form later in the same document resolve to one speaker.
    let mut speakers_per_doc = std::collections::HashMap::new();
    for row in &documents.rows {
        speakers_per_doc.entry(row["doc_id"].as_str()).or_insert_with(Vec::new).push(row["speaker"].as_str());
    }
    assert!(speakers_per_doc.values().all(|s| !s.contains(&"President of Russia Vladimir Putin")));
}

/// Issue 8: 32,000 labelled turns in one document (4,000 speakers, 8 turns each, a NATO-expansion
/// hit in every turn) took 14 s; turn detection, name resolution and the rows per speaker are now
/// near-linear.
#[test]
fn issue8_a_transcript_of_32000_turns_by_4000_speakers() {
    let name = |i: usize| {
        let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
        format!("Delegate {}{}{}", letter(i / 676).to_ascii_uppercase(), letter(i / 26), letter(i))
    };
    let text: String = (0..32_000).map(|turn| format!("{}: NATO expansion today.\n", name(turn % 4_000))).collect();
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    work.write("in.jsonl", serde_json::json!({"id": "long", "text": text}).to_string() + "\n");
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--by", "speaker", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(work.table("out/segments.csv").rows.len(), 32_000, "one segment per turn");
    let documents = work.table("out/documents.csv");
    assert_eq!(documents.rows.len(), 4_000);
    for (i, row) in documents.rows.iter().enumerate() {
        assert_eq!(row["speaker"], name(i));
        assert_eq!((row["words"].as_str(), row["security_hits"].as_str()), ("24", "8"));
    }
    let hits = work.table("out/hits.csv");
    assert_eq!(hits.rows.len(), 32_000);
    assert_eq!((hits.rows[4_001]["speaker"].as_str(), hits.rows[4_001]["start"].as_str()), ("Delegate Aab", "144050"));
}

/// Issue 10, part 3: `--speaker Путин` and `--speaker Putin` keep the turns of `В.Путин` and
/// `V.Putin` (an initial glued to the surname by its dot).
#[test]
fn issue10_the_speaker_filter_splits_glued_initials_and_reads_either_script() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let docs = [
        serde_json::json!({"id": "ru", "text": "В.Путин: Они братский народ.\n\nА.Иванов: Спасибо."}),
        serde_json::json!({"id": "en", "text": "V.Putin: They are a brotherly people.\n\nAnna Berg: Thank you."}),
    ];
    work.write("in.jsonl", docs.iter().map(|d| d.to_string() + "\n").collect::<String>());
    for wanted in ["Путин", "Putin"] {
        let out = format!("out-{wanted}");
        let run = work.run(&[
            "scan",
            "in.jsonl",
            "--lexicon",
            "lex.toml",
            "--by",
            "speaker",
            "--speaker",
            wanted,
            "--out",
            &out,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let documents = work.table(&format!("{out}/documents.csv"));
        let kept: Vec<(&str, &str)> =
            documents.rows.iter().map(|r| (r["doc_id"].as_str(), r["speaker"].as_str())).collect();
        assert_eq!(kept, [("ru", "В.Путин"), ("en", "V.Putin")], "--speaker {wanted}");
    }
}

/// Issue 10, part 3: a document's own `speaker` field speaks where no label does — throughout a
/// document without labels, and before the first label of one with labels.
#[test]
fn issue10_a_documents_speaker_field_speaks_before_any_label() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let docs = [
        serde_json::json!({"id": "speech", "speaker": "Anna Berg", "text": "We are a brotherly people. NATO expansion worries us."}),
        serde_json::json!({"id": "talks", "speaker": "Anna Berg", "text": "Opening words here.\n\nPresident of Utopia Anna Berg: Welcome.\n\nQuestion: Why?"}),
        serde_json::json!({"id": "plain", "text": "Nobody is named here."}),
    ];
    work.write("in.jsonl", docs.iter().map(|d| d.to_string() + "\n").collect::<String>());
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--by", "speaker", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let documents = work.table("out/documents.csv");
    let rows: Vec<(&str, &str, &str)> =
        documents.rows.iter().map(|r| (r["doc_id"].as_str(), r["speaker"].as_str(), r["words"].as_str())).collect();
    assert_eq!(
        rows,
        [
            ("speech", "Anna Berg", "9"),
            ("talks", "Anna Berg", "4"),
            ("talks", "Question", "1"),
            ("plain", "(none)", "4")
        ]
    );
}
