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
