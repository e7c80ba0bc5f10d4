//! `leitmotif lexicon check` and `leitmotif lexicon list`.

use crate::util::{Workdir, ONE_FRAME_LEXICON};

#[test]
fn check_reports_every_problem_with_file_line_and_column() {
    let work = Workdir::new();
    let broken = ONE_FRAME_LEXICON
        .replace("\"indivisible security\"", "\"indivisible ~ security\"")
        .replace("weight = 2.0", "weight = 0");
    work.write("lexicons/broken.toml", broken);
    work.write(
        "lexicons/ok.toml",
        ONE_FRAME_LEXICON
            .replace("id = \"security\"", "id = \"security2\"")
            .replace("\"nato_expansion\"", "\"other\"")
            .replace("\"indivisible\"", "\"indivisible2\"")
            .replace("\"brotherly\"", "\"brotherly2\""),
    );
    let run = work.run(&["lexicon", "check", "lexicons"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with("lexicons/broken.toml:14:10: weight must be a positive number"), "{}", lines[0]);
    assert!(lines[1].starts_with("lexicons/broken.toml:20:26: pattern 'indivisible ~ security'"), "{}", lines[1]);
}

#[test]
fn check_accepts_the_bundled_lexicons() {
    let work = Workdir::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    let run = work.run(&["lexicon", "check", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("ok: 2 lexicons, 8 frames"), "{}", run.stdout);
}

#[test]
fn list_shows_frames_motifs_and_pattern_counts() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let run = work.run(&["lexicon", "list", "--lexicon", "lex.toml"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("security  Security"), "{}", run.stdout);
    assert!(run.stdout.contains("nato_expansion") && run.stdout.contains("  2 patterns"), "{}", run.stdout);
    let bundled = work.run(&["lexicon", "list"]);
    assert!(bundled.stdout.contains("bundled:kremlin-ru.toml"), "{}", bundled.stdout);
}

/// A lexicon of `count` motifs, each with one regex `re:\w{<width>} x<i>`.
fn regex_lexicon(count: usize, width: usize) -> String {
    let mut text =
        String::from("name = \"gen\"\nlanguage = \"en\"\nversion = \"1\"\n[[frames]]\nid = \"g\"\nlabel = \"G\"\n");
    for i in 0..count {
        text +=
            &format!("[[frames.motifs]]\nid = \"m{i}\"\nlabel = \"M{i}\"\npatterns = [\"re:\\\\w{{{width}}} x{i}\"]\n");
    }
    text
}

/// Issue 8: eight regexes that compile one by one but not as one set within one regex's size limit
/// were approved by `lexicon check` and rejected by `scan` (without a file or line).
#[test]
fn issue8_check_and_scan_accept_regexes_too_large_only_together() {
    let work = Workdir::new();
    work.write("lex.toml", regex_lexicon(8, 60));
    let check = work.run(&["lexicon", "check", "lex.toml"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    work.write("in.txt", format!("Words before {} x3 and after.", "a".repeat(60)));
    let scan = work.run(&["scan", "in.txt", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    assert_eq!(work.table("out/hits.csv").column("motif"), ["m3"]);
}

/// Issue 8: a regex too large to compile is named at its file, line and column by both commands.
#[test]
fn issue8_a_regex_too_large_is_named_at_its_place_by_check_and_scan() {
    let work = Workdir::new();
    let mut lexicon = regex_lexicon(3, 10);
    lexicon = lexicon.replace(r#""re:\\w{10} x1""#, r#""re:\\w{1000} x1""#);
    work.write("lex.toml", &lexicon);
    let line = lexicon.lines().position(|l| l.contains("1000")).unwrap() + 1;
    let expected =
        format!("lex.toml:{line}:17: pattern 're:\\w{{1000}} x1': invalid regex: Compiled regex exceeds size limit");
    let check = work.run(&["lexicon", "check", "lex.toml"]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.starts_with(&expected), "{}", check.stdout);
    work.write("in.txt", "Some text.");
    let scan = work.run(&["scan", "in.txt", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(scan.code, 2, "{}", scan.stderr);
    assert!(scan.stderr.contains(&expected), "{}", scan.stderr);
}
