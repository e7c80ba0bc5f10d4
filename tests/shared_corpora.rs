//! Checks on the real corpora in `../shared/corpora` (skipped with a printed reason when absent):
//! hit counts of literal patterns against an independent count done here with plain regexes.

use crate::util::{shared_corpora, Workdir};
use std::collections::HashMap;

/// (motif id, leitmotif pattern, independent regex). The regexes are written from the pattern
/// rules, not from the implementation: tokens are runs of letters and digits, anything else
/// separates them, matching ignores case, and no match crosses a sentence end; a match does not
/// start right after a letter or digit and one hyphen or apostrophe ([`inside_a_word`]).
const LITERALS: &[(&str, &str, &str)] = &[
    ("nato", "NATO", r"(?i)\bnato\b"),
    ("minsk", "Minsk agreements", r"(?i)\bminsk[^\w.!?]+agreements\b"),
    ("neonazi", "neo-Nazi*", r"(?i)\bneo[^\w.!?]+nazi\w*"),
    ("sanction", "sanction*", r"(?i)\bsanction\w*"),
    ("donbass", "Donbass", r"(?i)\bdonbass\b"),
    ("brotherly", "(brotherly|fraternal) (people|peoples)", r"(?i)\b(brotherly|fraternal)[^\w.!?]+(people|peoples)\b"),
];

fn lexicon() -> String {
    let mut text = String::from(
        "name = \"literals\"\nlanguage = \"en\"\nversion = \"1\"\n[[frames]]\nid = \"f\"\nlabel = \"F\"\n",
    );
    for (id, pattern, _) in LITERALS {
        text += &format!("[[frames.motifs]]\nid = \"{id}\"\nlabel = \"{id}\"\npatterns = [{pattern:?}]\n");
    }
    text
}

/// Whether a match after `before` starts inside a word: `before` ends with a letter or digit and
/// one hyphen or apostrophe (`neo-Nazis`, `Russia's`).
fn inside_a_word(before: &str) -> bool {
    let mut chars = before.chars().rev();
    let glue = chars.next().is_some_and(|c| matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}' | '\u{2bc}'));
    glue && chars.next().is_some_and(char::is_alphanumeric)
}

#[test]
fn kremlin_news_hit_counts_match_an_independent_count() {
    let Some(corpora) = shared_corpora() else {
        return;
    };
    let csv_path = corpora.join("kremlin-news-2021-2022.csv");
    let work = Workdir::new();
    work.write("literals.toml", lexicon());
    let run = work.run(&[
        "scan",
        csv_path.to_str().unwrap(),
        "--lexicon",
        "literals.toml",
        "--text-column",
        "body",
        "--id-column",
        "link",
        "--out",
        "out",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut counted: HashMap<&str, usize> = HashMap::new();
    for hit in work.table("out/hits.csv").rows {
        *counted.entry(LITERALS.iter().find(|l| l.0 == hit["motif"]).unwrap().0).or_default() += 1;
    }
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let body = reader.headers().unwrap().iter().position(|h| h == "body").unwrap();
    let texts: Vec<String> = reader.records().map(|r| r.unwrap()[body].to_string()).collect();
    assert_eq!(work.table("out/documents.csv").rows.len(), texts.len());
    for (id, _, regex) in LITERALS {
        let regex = regex::Regex::new(regex).unwrap();
        let expected: usize =
            texts.iter().map(|t| regex.find_iter(t).filter(|m| !inside_a_word(&t[..m.start()])).count()).sum();
        let found = counted.get(id).copied().unwrap_or(0);
        println!("{id}: leitmotif {found}, independent {expected}");
        assert!(expected > 0, "{id}: the corpus should contain it");
        assert_eq!(found, expected, "motif {id}");
    }
}

#[test]
fn russian_files_hard_wrapped_with_no_break_spaces() {
    let Some(corpora) = shared_corpora() else {
        return;
    };
    let work = Workdir::new();
    let run = work.run(&["scan", corpora.join("ru").to_str().unwrap(), "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let documents = work.table("out/documents.csv");
    assert_eq!(documents.rows.len(), 53);
    assert!(documents.header.contains(&"url".to_string()));
    let hits = work.table("out/hits.csv");
    let regex = regex::Regex::new(r"(?i)\bнеонацист\w*").unwrap();
    let independent: usize = ["russia_chechnya_putin.csv", "russia_ukraine_putin.csv", "lavrov_ukraine.csv"]
        .iter()
        .map(|f| {
            let mut reader = csv::Reader::from_path(corpora.join("ru").join(f)).unwrap();
            reader.records().map(|r| regex.find_iter(&r.unwrap()[3]).count()).sum::<usize>()
        })
        .sum();
    let found = hits.rows.iter().filter(|h| h["pattern"] == "неонацист*").count();
    assert_eq!(found, independent);
    assert!(found > 0);
    // A hit spanning a hard line wrap is still one hit.
    assert!(hits.rows.iter().any(|h| h["matched"].contains('\n')));
}

/// The first `count` speeches of UNGDC after skipping `skip`, as JSON lines in `work`.
fn ungdc_subset(corpora: &std::path::Path, work: &Workdir, name: &str, skip: usize, count: usize) -> String {
    use std::io::BufRead;
    let file = std::fs::File::open(corpora.join("ungdc.jsonl.gz")).unwrap();
    let lines: Vec<String> = std::io::BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .skip(skip)
        .take(count)
        .map(Result::unwrap)
        .collect();
    work.write(name, lines.join("\n") + "\n");
    name.to_string()
}

/// Every output file of `dir` (name, bytes), the manifest and lock left out.
fn output_files(work: &Workdir, dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(work.path(dir))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .map(|name| {
            let bytes = work.read(&format!("{dir}/{name}"));
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn outputs_are_the_same_bytes_at_any_thread_count_on_ungdc_subsets() {
    let Some(corpora) = shared_corpora() else {
        return;
    };
    let work = Workdir::new();
    // Two subsets: the first speeches, and a stretch from the middle (other years, other lengths).
    // Enough rows for CSV files written in several parallel parts (4,096 rows each).
    let subsets = [
        ungdc_subset(&corpora, &work, "early.jsonl", 0, 250),
        ungdc_subset(&corpora, &work, "middle.jsonl", 5000, 250),
    ];
    for subset in &subsets {
        for options in
            [&["--reuse", "--order-by", "year", "--format", "csv,jsonl"][..], &["--by", "speaker", "--no-model"][..]]
        {
            let mut outputs = Vec::new();
            for threads in ["1", "2", "3"] {
                let out = format!("out-{subset}-{threads}");
                let mut args = vec!["scan", subset.as_str(), "--out", &out, "--threads", threads];
                args.extend_from_slice(options);
                let run = work.run(&args);
                assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
                outputs.push(output_files(&work, &out));
            }
            let names: Vec<&str> = outputs[0].iter().map(|(name, _)| name.as_str()).collect();
            assert!(names.contains(&"hits.csv") && names.contains(&"segments.csv"), "{names:?}");
            let segments = outputs[0].iter().find(|(name, _)| name == "segments.csv").unwrap();
            assert!(segments.1.iter().filter(|&&b| b == b'\n').count() > 4096, "segments.csv spans several parts");
            for (threads, output) in ["2", "3"].iter().zip(&outputs[1..]) {
                for ((name, one), (_, other)) in outputs[0].iter().zip(output) {
                    assert!(one == other, "{subset} {options:?}: {name} differs between 1 and {threads} threads");
                }
                assert_eq!(outputs[0].len(), output.len());
            }
        }
    }
}
