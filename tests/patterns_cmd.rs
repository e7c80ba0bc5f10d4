//! The pattern language and counting rules of issue 10 through the CLI: proximity, stem mode,
//! windowed excludes, context terms, no match inside a compound, one stretch counting once for its
//! frame (`scan`), and their diagnostics (`lexicon check`, `lexicon test`).

use crate::util::Workdir;

const LEXICON: &str = r#"name = "p"
language = "en"
version = "1"

[[frames]]
id = "security"
label = "Security"

[[frames.motifs]]
id = "indivisible"
label = "Indivisible security"
weight = 1.5
stem = true
patterns = ["indivisible security"]
examples = ["Security is indivisible, and indivisible securities are a bond."]

[[frames.motifs]]
id = "balance"
label = "Equal and indivisible"
patterns = ["equal and indivisible", "{nato expan*}~4"]
examples = ["Equal and indivisible.", "The expansion of NATO."]

[[frames.motifs]]
id = "root_causes"
label = "Root causes"
patterns = ["root causes"]
exclude = ["terrorism", "poverty"]
exclude_window = 3
examples = ["The root causes of the crisis in Ukraine are clear, unlike terrorism."]
counter_examples = ["The root causes of terrorism."]

[[frames.motifs]]
id = "minsk"
label = "Minsk"
patterns = ["package of measures"]
require_near = ["minsk*"]
near_window = 10
examples = ["The Minsk Package of Measures."]
counter_examples = ["A package of measures for farmers."]

[[frames.motifs]]
id = "nazis"
label = "Nazis"
patterns = ["nazi*"]
examples = ["Nazis."]
counter_examples = ["The neo-Nazis."]
"#;

const TEXT: &str = "We want equal and indivisible security. NATO's eastward expansion goes on. \
    The root causes of terrorism are many; but the root causes of this long crisis are NATO's. \
    The Minsk agreements hold a package of measures.\n\nA package of measures for farmers. \
    Neo-Nazis and Nazis.";

#[test]
fn scan_applies_the_new_patterns_and_counts_a_stretch_once_per_frame() {
    let work = Workdir::new();
    work.write("p.toml", LEXICON);
    work.write("speech.txt", TEXT);
    let run = work.run(&["scan", "speech.txt", "--lexicon", "p.toml", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits = work.table("out/hits.csv");
    let found: Vec<(&str, &str)> = hits.rows.iter().map(|r| (r["motif"].as_str(), r["matched"].as_str())).collect();
    assert_eq!(
        found,
        [
            ("balance", "equal and indivisible"),
            ("indivisible", "indivisible security"),
            ("balance", "NATO's eastward expansion"),
            ("root_causes", "root causes"),
            ("minsk", "package of measures"),
            ("nazis", "Nazis"),
        ]
    );
    // Six hits, but "equal and indivisible security" is one stretch of the frame: 5 hits for the
    // frame, with weight 1.5 (not 2.5) for that stretch: 1.5 + 1 + 1 + 1 + 1 = 5.5.
    let documents = work.table("out/documents.csv");
    let row = &documents.rows[0];
    let words: f64 = row["words"].parse().unwrap();
    assert_eq!(row["security_hits"], "5");
    assert_eq!(row["security_motifs"], "5");
    let score: f64 = row["security_score"].parse().unwrap();
    assert!((score - 5.5 * 1000.0 / words).abs() < 1e-3, "{score} for {words} words");
}

#[test]
fn lexicon_test_runs_the_new_rules_and_check_reports_the_new_problems() {
    let work = Workdir::new();
    work.write("p.toml", LEXICON);
    let run = work.run(&["lexicon", "test", "p.toml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let broken = LEXICON
        .replace("{nato expan*}~4", "{nato}~4")
        .replace("exclude_window = 3", "exclude_window = 99")
        .replace("require_near = [\"minsk*\"]", "require_near = []")
        .replace("language = \"en\"", "language = \"de\"");
    work.write("broken.toml", broken);
    let run = work.run(&["lexicon", "check", "broken.toml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let expected = [
        "broken.toml:13:8: stem = true needs a language the stemmer supports (en or ru), not 'de'",
        "broken.toml:20:39: pattern '{nato}~4': a proximity group needs at least 2 terms, not 1",
        "broken.toml:28:18: exclude_window must be a number of tokens from 0 to 50, not 99",
        "broken.toml:36:16: motif 'minsk': require_near is empty (list context patterns, or remove it)",
    ];
    assert_eq!(lines[..expected.len()], expected, "{}", run.stdout);
    let warned = LEXICON.replace("\"indivisible security\"", "\"indivisible security \", \"being\"");
    work.write("warned.toml", warned);
    let run = work.run(&["lexicon", "check", "warned.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("warned.toml:14:34: warning: pattern 'indivisible security ' has a trailing space"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("warned.toml:14:39: warning: word 'being' in pattern 'being' has the English stem 'be'"),
        "{}",
        run.stdout
    );
}
