//! Reuse detection end to end: exact and edited copies, copies at the start and end of documents,
//! refrains, order by date versus input order, the reuse columns of the scan tables.

use crate::util::{char_slice, shared_corpora, Workdir, ONE_FRAME_LEXICON};

/// A 46-word stock paragraph.
const STOCK: &str = "Our peoples are bound by centuries of common history and by spiritual unity. We have always \
regarded your nation as a brotherly people, and the traditional friendship between our countries has withstood \
every trial of the past century, which we must preserve for the next generations.";

/// A passage as reported: from its first word to its last (the final full stop is not a word).
fn words_of(text: &str) -> &str {
    text.trim_end_matches('.')
}

/// Sentences no other document shares.
fn filler(tag: &str, sentences: usize) -> String {
    (0..sentences)
        .map(|i| format!("Filler{tag}x{i} w{tag}a{i} w{tag}b{i} w{tag}c{i}, w{tag}d{i} w{tag}e{i}."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn line(id: &str, date: &str, text: &str) -> String {
    serde_json::json!({"id": id, "date": date, "text": text}).to_string() + "\n"
}

/// STOCK with about 14% of its words edited: substitutions, one insertion, one deletion.
fn edited_stock() -> String {
    STOCK
        .replace("centuries of", "many centuries of")
        .replace("spiritual unity", "spiritual kinship")
        .replace("always regarded", "regarded")
        .replace("every trial", "each trial")
        .replace("past century", "last century")
        .replace("we must preserve", "we shall preserve")
}

fn offsets(row: &std::collections::HashMap<String, String>, prefix: &str) -> (usize, usize) {
    (row[&format!("{prefix}start")].parse().unwrap(), row[&format!("{prefix}end")].parse().unwrap())
}

#[test]
fn exact_copies_at_start_middle_and_end_point_to_the_earliest_source() {
    let work = Workdir::new();
    let a = format!("{} {STOCK} {}", filler("a", 6), filler("aa", 6));
    let b = format!("{STOCK} {}", filler("b", 8));
    let c = format!("{} {STOCK}", filler("c", 8));
    work.write("in.jsonl", line("a", "2001-05-01", &a) + &line("b", "2002-05-01", &b) + &line("c", "2003-05-01", &c));
    let run = work.run(&["reuse", "in.jsonl", "--order-by", "date", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let passages = work.table("out/passages.csv");
    assert_eq!(passages.column("doc_id"), ["b", "c"]);
    for (row, text) in passages.rows.iter().zip([&b, &c]) {
        let (start, end) = offsets(row, "");
        assert_eq!(char_slice(text, start, end), words_of(STOCK), "edges accurate to the word");
        let (source_start, source_end) = offsets(row, "source_");
        assert_eq!(char_slice(&a, source_start, source_end), words_of(STOCK));
        assert_eq!(row["source_doc_id"], "a");
        assert_eq!(row["source_order"], "2001-05-01");
        assert_eq!(row["similarity"], "1");
        assert_eq!(row["words"], "46");
        assert_eq!((row["cluster_id"].as_str(), row["cluster_docs"].as_str()), ("1", "3"));
        assert!(STOCK.starts_with(&row["text"]));
    }
    assert!(work.table("out/refrains.csv").rows.is_empty());
}

#[test]
fn a_lightly_edited_copy_is_one_passage_with_exact_edges() {
    let work = Workdir::new();
    let edited = edited_stock();
    let a = format!("{} {STOCK} {}", filler("a", 5), filler("aa", 5));
    let b = format!("{} {edited} {}", filler("b", 5), filler("bb", 5));
    work.write("in.jsonl", line("a", "2001", &a) + &line("b", "2002", &b));
    let run = work.run(&["reuse", "in.jsonl", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let passages = work.table("out/passages.csv");
    assert_eq!(passages.rows.len(), 1, "one passage, not fragments");
    let row = &passages.rows[0];
    let (start, end) = offsets(row, "");
    assert_eq!(char_slice(&b, start, end), words_of(&edited));
    let (source_start, source_end) = offsets(row, "source_");
    assert_eq!(char_slice(&a, source_start, source_end), words_of(STOCK));
    let similarity: f64 = row["similarity"].parse().unwrap();
    assert!((0.8..0.95).contains(&similarity), "{similarity}");
    assert_eq!(row["source_order"], "0", "without --order-by the order value is the input position");
}

#[test]
fn order_by_date_versus_input_order() {
    let work = Workdir::new();
    let late = format!("{} {STOCK}", filler("late", 4));
    let early = format!("{STOCK} {}", filler("early", 4));
    work.write("in.jsonl", line("late", "2020-01-01", &late) + &line("early", "1999-12-31", &early));
    work.run(&["reuse", "in.jsonl", "--out", "by-input"]);
    assert_eq!(work.table("by-input/passages.csv").column("source_doc_id"), ["late"]);
    work.run(&["reuse", "in.jsonl", "--order-by", "date", "--out", "by-date"]);
    let by_date = work.table("by-date/passages.csv");
    assert_eq!(by_date.column("doc_id"), ["late"]);
    assert_eq!(by_date.column("source_doc_id"), ["early"]);
}

#[test]
fn documents_without_an_order_value_are_reported_and_come_last() {
    let work = Workdir::new();
    let undated = format!("{STOCK} {}", filler("u", 4));
    let dated = format!("{} {STOCK}", filler("d", 4));
    work.write("in.jsonl", line("undated", "NA", &undated) + &line("dated", "2010-01-01", &dated));
    let run = work.run(&["reuse", "in.jsonl", "--order-by", "date", "--out", "out"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("1 document has no usable 'date' value") && run.stderr.contains("undated"),
        "{}",
        run.stderr
    );
    let passages = work.table("out/passages.csv");
    assert_eq!((passages.rows[0]["doc_id"].as_str(), passages.rows[0]["source_doc_id"].as_str()), ("undated", "dated"));
}

#[test]
fn a_refrain_inside_one_document_is_not_recycling() {
    let work = Workdir::new();
    let text = format!("{STOCK} {} {STOCK} {}", filler("r", 4), filler("rr", 3));
    work.write("in.jsonl", line("speech", "2001", &text));
    work.run(&["reuse", "in.jsonl", "--out", "out"]);
    assert!(work.table("out/passages.csv").rows.is_empty());
    let refrains = work.table("out/refrains.csv");
    assert_eq!(refrains.rows.len(), 1);
    let row = &refrains.rows[0];
    let (start, end) = offsets(row, "");
    let (first_start, first_end) = offsets(row, "first_");
    assert_eq!(char_slice(&text, start, end), words_of(STOCK));
    assert_eq!(char_slice(&text, first_start, first_end), words_of(STOCK));
    assert!(start > first_end);
}

#[test]
fn scan_with_reuse_marks_recycled_hits_and_adds_document_columns() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let a = format!("{STOCK} NATO expansion was mentioned.");
    let b = format!("Fresh words about NATO expansion. {STOCK}");
    work.write("in.jsonl", line("a", "2001", &a) + &line("b", "2002", &b));
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--reuse", "--order-by", "date", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 recycled passage (46 words)"), "{}", run.stderr);
    let hits = work.table("out/hits.csv");
    let flags: Vec<(&str, &str, &str)> =
        hits.rows.iter().map(|h| (h["doc_id"].as_str(), h["motif"].as_str(), h["recycled"].as_str())).collect();
    assert_eq!(
        flags,
        [
            ("a", "brotherly", "false"),
            ("a", "nato_expansion", "false"),
            ("b", "nato_expansion", "false"),
            ("b", "brotherly", "true")
        ]
    );
    let documents = work.table("out/documents.csv");
    let tail: Vec<&str> = documents.header.iter().rev().take(4).rev().map(String::as_str).collect();
    assert_eq!(tail, ["recycled_words", "recycled_share", "recycled_sources", "boilerplate_frames"]);
    let b_row = &documents.rows[1];
    assert_eq!(
        (b_row["recycled_words"].as_str(), b_row["recycled_sources"].as_str(), b_row["boilerplate_frames"].as_str()),
        ("46", "1", "ties")
    );
    assert_eq!(b_row["recycled_share"], "0.902", "46 of 51 words");
    assert_eq!(documents.rows[0]["recycled_words"], "0");
}

#[test]
fn reuse_output_is_identical_at_any_thread_count() {
    let work = Workdir::new();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let sample = sample.to_str().unwrap();
    let one = work.run(&["scan", sample, "--reuse", "--order-by", "date", "--out", "one", "--threads", "1"]);
    let two = work.run(&["scan", sample, "--reuse", "--order-by", "date", "--out", "two", "--threads", "3"]);
    assert_eq!((one.code, two.code), (0, 0));
    for file in ["documents.csv", "hits.csv", "passages.csv", "refrains.csv"] {
        assert!(work.read(&format!("one/{file}")) == work.read(&format!("two/{file}")), "{file} differs");
    }
    let passages = work.table("one/passages.csv");
    assert!(passages.rows.len() > 20, "the sample corpus recycles its stock paragraphs");
    assert!(!work.table("one/refrains.csv").rows.is_empty(), "the press conferences hold a refrain");
}

#[test]
fn russian_site_footers_are_flagged_as_recycled() {
    let Some(corpora) = shared_corpora() else { return };
    let work = Workdir::new();
    let run = work.run(&[
        "reuse",
        corpora.join("ru").to_str().unwrap(),
        "--order-by",
        "date",
        "--out",
        "out",
        "--min-words",
        "8",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let passages = work.table("out/passages.csv");
    let with = |needle: &str| {
        let mut docs: Vec<&str> =
            passages.rows.iter().filter(|p| p["text"].contains(needle)).map(|p| p["doc_id"].as_str()).collect();
        docs.dedup();
        docs.len()
    };
    // 53 documents: all but the earliest of each kind of page repeat the licence line and footer.
    assert!(with("Creative Commons") >= 45, "licence line in {} documents", with("Creative Commons"));
    assert!(with("Опубликован в") >= 35, "footer in {} documents", with("Опубликован в"));
}

/// Issue 8: a document that is one paragraph said 200 times used to take time cubic in its length.
#[test]
fn issue8_a_paragraph_said_200_times_gives_199_refrains_pointing_at_the_first() {
    let work = Workdir::new();
    let text = vec![STOCK; 200].join("\n\n");
    work.write("in.jsonl", line("speech", "2001", &text));
    let run = work.run(&["reuse", "in.jsonl", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(work.table("out/passages.csv").rows.is_empty());
    let refrains = work.table("out/refrains.csv");
    assert_eq!(refrains.rows.len(), 199);
    let step = STOCK.chars().count() + 2;
    for (i, row) in refrains.rows.iter().enumerate() {
        let (start, end) = offsets(row, "");
        assert_eq!((start, char_slice(&text, start, end)), ((i + 1) * step, words_of(STOCK).to_string()));
        assert_eq!(offsets(row, "first_"), (0, words_of(STOCK).chars().count()));
        assert_eq!((row["words"].as_str(), row["similarity"].as_str()), ("46", "1"));
    }
}

/// Issue 8: two documents that are both one paragraph said 200 times: the later one is one passage,
/// all of it, recycled from all of the earlier one.
#[test]
fn issue8_a_repetitive_document_copied_whole_is_one_passage() {
    let work = Workdir::new();
    let text = vec![STOCK; 200].join("\n\n");
    work.write("in.jsonl", line("a", "2001", &text) + &line("b", "2002", &text));
    let run = work.run(&["reuse", "in.jsonl", "--order-by", "date", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let passages = work.table("out/passages.csv");
    assert_eq!(passages.rows.len(), 1);
    let row = &passages.rows[0];
    let whole = (0, words_of(&text).chars().count());
    assert_eq!((offsets(row, ""), offsets(row, "source_")), (whole, whole));
    assert_eq!((row["words"].as_str(), row["source_doc_id"].as_str()), ("9200", "a"));
    assert_eq!(work.table("out/refrains.csv").rows.len(), 2 * 199);
}

/// Issue 13: a verbatim copy of generic prose, every 4-word shingle of which was said before in
/// other documents (so every seed points at one of those, none of which holds more than 14 of its
/// words), is still found, with the document it was copied from as its source.
#[test]
fn issue13_a_verbatim_copy_of_generic_prose_is_found_with_its_source() {
    // Composed for this test: eight generic-sounding phrases, 57 words in all.
    let phrases = [
        "the delegation of my country wishes to",
        "reaffirm its steadfast commitment to the principles",
        "enshrined in the charter of this organization",
        "and to the peaceful settlement of disputes",
        "through dialogue and cooperation among all nations",
        "in a spirit of mutual respect and",
        "shared responsibility for the common future of",
        "humankind which all peoples rightly expect from us",
    ];
    let passage = phrases.join(" ");
    assert!(passage.split(' ').count() >= 50);
    let work = Workdir::new();
    let mut corpus = String::new();
    // Three rounds of earlier documents, each saying two neighbouring phrases and never three: every
    // shingle of the passage, across phrase boundaries too, is said first in one of them.
    for round in 0..3 {
        for (i, pair) in phrases.windows(2).enumerate() {
            let tag = format!("e{round}p{i}");
            let text = format!("{}. {} {}. {}", filler(&tag, 3), pair[0], pair[1], filler(&format!("{tag}z"), 3));
            corpus += &line(&tag, &format!("{}-01-{:02}", 1990 + round, i + 1), &text);
        }
    }
    let source = format!("{}. {passage}. {}", filler("src", 4), filler("srcz", 4));
    let copy = format!("{}. {passage}. {}", filler("copy", 5), filler("copyz", 2));
    corpus += &line("source", "2000-06-01", &source);
    corpus += &line("copy", "2005-06-01", &copy);
    work.write("in.jsonl", corpus);
    let run = work.run(&["reuse", "in.jsonl", "--order-by", "date", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let passages = work.table("out/passages.csv");
    assert_eq!(passages.rows.len(), 1, "{:?}", passages.rows);
    let row = &passages.rows[0];
    assert_eq!((row["doc_id"].as_str(), row["source_doc_id"].as_str()), ("copy", "source"));
    let (start, end) = offsets(row, "");
    assert_eq!(char_slice(&copy, start, end), passage);
    let (source_start, source_end) = offsets(row, "source_");
    assert_eq!(char_slice(&source, source_start, source_end), passage);
    assert_eq!((row["similarity"].as_str(), row["words"].as_str()), ("1", "57"));
}
