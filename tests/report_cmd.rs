//! `report.html`, read as an analyst and a parser would: well-formed, every in-page link lands on a
//! section with quotes, the numbers are printed (not only in hover titles) and agree with the CSV
//! files, the same bytes at any thread count, a reuse-only page without empty sections, and a
//! corpus of 10,000 documents summarised with the sampling said.

use crate::util::{sample_corpus, Workdir};
use std::collections::HashSet;

/// The page parsed as XML (the report is written well-formed for this).
fn parse(html: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(html, options)
        .unwrap_or_else(|e| panic!("report.html is not well-formed: {e}"))
}

fn element_text(node: roxmltree::Node) -> String {
    node.descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap_or("")).collect()
}

fn run_report(work: &Workdir, out: &str, threads: &str) -> String {
    let corpus = sample_corpus();
    let run = work.run(&[
        "scan",
        corpus.to_str().unwrap(),
        "--reuse",
        "--order-by",
        "date",
        "--group-by",
        "date:year",
        "--report",
        "--threads",
        threads,
        "--out",
        out,
        "-q",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    String::from_utf8(work.read(&format!("{out}/report.html"))).unwrap()
}

#[test]
fn every_link_lands_on_quotes_and_the_numbers_are_printed() {
    let work = Workdir::new();
    let html = run_report(&work, "out", "2");
    let page = parse(&html);
    let ids: HashSet<&str> = page.descendants().filter_map(|n| n.attribute("id")).collect();
    for section in ["frames", "time", "groups", "motifs", "recycled", "timelines", "drill"] {
        assert!(ids.contains(section), "no section {section}");
    }
    let links: Vec<&str> =
        page.descendants().filter_map(|n| n.attribute("href")).filter_map(|h| h.strip_prefix('#')).collect();
    assert!(links.len() > 100, "{} in-page links", links.len());
    for link in &links {
        assert!(ids.contains(link), "link to #{link} lands nowhere");
    }
    // Every chart cell and motif section holds quotes in context.
    let drill: Vec<roxmltree::Node> = page.descendants().filter(|n| n.attribute("class") == Some("drill")).collect();
    assert!(drill.len() > 50, "{} drill-down sections", drill.len());
    for section in &drill {
        let quotes = section.descendants().filter(|n| n.attribute("class") == Some("match")).count();
        assert!((1..=5).contains(&quotes), "{:?}: {quotes} quotes", section.attribute("id"));
    }
    // The table over time: a row per year from 2008 to 2024, then the undated document apart; the
    // figures are text in the cells.
    let time_table = page
        .descendants()
        .filter(|n| n.has_tag_name("table"))
        .find(|t| t.descendants().any(|n| n.has_tag_name("th") && element_text(n) == "year"))
        .expect("a table by year");
    let rows: Vec<String> = time_table
        .children()
        .filter(|n| n.has_tag_name("tr"))
        .skip(1)
        .map(|r| element_text(r.first_element_child().unwrap()))
        .collect();
    let years: Vec<String> = (2008..=2024).map(|y| y.to_string()).collect();
    assert_eq!(rows[..years.len()], years[..]);
    assert_eq!(rows.last().map(String::as_str), Some("no usable date"));
    let cells: Vec<String> = time_table
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("heat")))
        .map(element_text)
        .collect();
    assert!(cells.iter().all(|c| c == "–" || (c.contains(" · ") && c.ends_with('%'))), "{cells:?}");
    // The corpus table agrees with documents.csv (a stretch hit by several motifs of a frame
    // counts once there, as in the report).
    let documents = work.table("out/documents.csv");
    let frame_hits: usize = documents
        .header
        .iter()
        .filter(|c| c.ends_with("_hits"))
        .flat_map(|c| documents.column(c).into_iter().map(|v| v.parse::<usize>().unwrap()).collect::<Vec<_>>())
        .sum();
    let frames_table = page
        .descendants()
        .filter(|n| n.has_tag_name("table"))
        .find(|t| t.descendants().any(|n| n.has_tag_name("th") && element_text(n) == "frame"))
        .unwrap();
    let printed: usize = frames_table
        .children()
        .filter(|n| n.has_tag_name("tr"))
        .skip(1)
        .map(|r| element_text(r.children().filter(|c| c.has_tag_name("td")).nth(1).unwrap()).replace(',', ""))
        .map(|n| n.parse::<usize>().unwrap())
        .sum();
    assert_eq!(printed, frame_hits);
    assert!(frame_hits > 600);
    // Timelines: dated, titled, on a time axis, with recycled segments hatched.
    assert!(html.contains("<h3>Speeches under 10 minutes"));
    assert!(html.contains("<b>Press statements following talks with"));
    assert!(html.contains("fill=\"url(#hatch-"), "recycled segments are hatched");
    assert!(!html.contains("<script") && !html.contains(" src=") && !html.contains("<link"));
}

#[test]
fn the_page_is_the_same_at_any_thread_count() {
    let work = Workdir::new();
    let generated =
        |html: String| html.lines().map(|l| l.split("Generated ").next().unwrap().to_string()).collect::<Vec<_>>();
    let one = run_report(&work, "one", "1");
    let two = run_report(&work, "two", "2");
    assert_eq!(generated(one), generated(two));
}

#[test]
fn a_reuse_only_page_shows_what_reuse_found_and_nothing_empty() {
    let work = Workdir::new();
    let corpus = sample_corpus();
    let run = work.run(&["reuse", corpus.to_str().unwrap(), "--order-by", "date", "--report", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = String::from_utf8(work.read("out/report.html")).unwrap();
    let page = parse(&html);
    let passages = work.table("out/passages.csv").rows.len();
    assert!(passages > 0);
    assert!(html.contains(&format!("<b>{passages}</b>recycled passages")), "the count of passages.csv");
    for absent in ["0 documents", "Frames over time", "Top motifs", "Timelines", ">0</b>hits"] {
        assert!(!html.contains(absent), "a reuse-only page shows {absent}");
    }
    for table in page.descendants().filter(|n| n.has_tag_name("table")) {
        assert!(table.children().filter(|n| n.has_tag_name("tr")).count() >= 2, "an empty table");
    }
    assert!(html.contains("Documents with the most recycled words"));
}

#[test]
fn ten_thousand_documents_are_summarised_and_the_page_says_how() {
    let work = Workdir::new();
    let mut corpus = String::new();
    for i in 0..10_000 {
        let year = 2000 + i % 9;
        let text = if i % 3 == 0 {
            "Our brotherly people will not forget. NATO expansion threatens our security."
        } else {
            "The committee discussed the harvest, the budget and the new school calendar."
        };
        corpus.push_str(&format!(
            "{{\"id\":\"d{i}\",\"date\":\"{year}-{:02}-15\",\"country\":\"c{}\",\"text\":\"{text}\"}}\n",
            i % 12 + 1,
            i % 40
        ));
    }
    work.write("big.jsonl", corpus);
    let run = work.run(&["scan", "big.jsonl", "--report", "--group-by", "country", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = String::from_utf8(work.read("out/report.html")).unwrap();
    parse(&html);
    assert!(html.len() < 4_000_000, "{} bytes", html.len());
    assert!(html.contains("<b>10,000</b>documents"));
    assert!(html.contains("Per quarter"), "nine years of monthly dates are binned by quarter");
    assert!(html.contains("Showing the 40 documents with the most framed time, of 10,000 documents."));
    assert!(html.contains("the 15 with the most words, then the rest added up"));
    assert!(html.contains("<i>the other 25 groups</i>"));
    assert_eq!(html.matches("<div class=\"strip\">").count(), 40);
}
