//! `leitmotif lexicon import`, and other tools' dictionaries given to `--lexicon` directly: one small
//! file per format with every quirk the importer handles (line ends, spaces for tabs, LIWC2007
//! conditionals, slugs, weights, deeper YAML levels, WordStat rules).

use crate::util::Workdir;

/// (exit code, TOML on stdout, stderr lines) of `lexicon import FILE ARGS…`.
fn import(work: &Workdir, file: &str, args: &[&str]) -> (i32, String, Vec<String>) {
    let mut all = vec!["lexicon", "import", file];
    all.extend_from_slice(args);
    let run = work.run(&all);
    (run.code, run.stdout, run.stderr.lines().map(String::from).collect())
}

/// The patterns of motif `id` in an imported TOML text, and its weight.
fn motif(toml_text: &str, id: &str) -> (Vec<String>, f64) {
    let value: toml::Value = toml::from_str(toml_text).unwrap_or_else(|e| panic!("{e}\n{toml_text}"));
    for frame in value["frames"].as_array().unwrap() {
        for motif in frame["motifs"].as_array().unwrap() {
            if motif["id"].as_str() == Some(id) {
                let patterns = motif["patterns"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string());
                return (patterns.collect(), motif.get("weight").and_then(|w| w.as_float()).unwrap_or(1.0));
            }
        }
    }
    panic!("no motif {id} in\n{toml_text}")
}

/// Frame ids in order.
fn frames(toml_text: &str) -> Vec<String> {
    let value: toml::Value = toml::from_str(toml_text).unwrap();
    value["frames"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn liwc_dic_with_crlf_spaces_conditionals_and_slugs() {
    let work = Workdir::new();
    work.write(
        "liwc.dic",
        "%\r\n1\tposemo\r\n2\tnegemo\r\n3   Gefühl & Stimmung\r\n9\tempty\r\n%\r\n\
         love\t1\t3\r\nnice*\t1\r\nkind of   1  2\r\nhate*\t2\r\na*\t1\r\n\
         kind\t<of>131/125\t3\r\nlike\t(02 134)125/464\t1\r\nwow\t7\r\n:)\t1\r\n",
    );
    let (code, toml_text, stderr) = import(&work, "liwc.dic", &[]);
    assert_eq!(code, 1, "{stderr:?}");
    assert_eq!(frames(&toml_text), ["posemo", "negemo", "gefuhl_stimmung"]);
    assert_eq!(motif(&toml_text, "posemo").0, ["love", "nice*", "kind of", "like"]);
    assert_eq!(motif(&toml_text, "negemo").0, ["kind of", "hate*"]);
    assert_eq!(motif(&toml_text, "gefuhl_stimmung").0, ["love", "kind"]);
    assert_eq!(
        stderr,
        [
            "gefuhl_stimmung <- Gefühl & Stimmung",
            "liwc.dic:5: category 9 'empty' has no terms; left out",
            "liwc.dic:11: 'a*': a glob needs at least 2 letters before '*' in our patterns; not converted",
            "liwc.dic:12: conditional category '<of>131/125' of 'kind' (LIWC2007) cannot be expressed; not converted",
            "liwc.dic:13: conditional category '(02 134)125/464' of 'like' (LIWC2007) cannot be expressed; not converted",
            "liwc.dic:14: 'wow': unknown category id '7'; not converted",
            "liwc.dic:15: ':)' has no letters or digits; not converted",
            "imported liwc.dic (LIWC .dic): 3 frames, 3 motifs, 8 patterns; 6 lines not converted",
        ]
    );
}

#[test]
fn liwc_dic_with_cr_only_line_ends_converts_wholly() {
    let work = Workdir::new();
    work.write("cr.dic", "%\r1\tposemo\r%\rgood\t1\rgreat*\t1\r");
    let (code, toml_text, stderr) = import(&work, "cr.dic", &["--out", "cr.toml"]);
    assert_eq!(code, 0, "{stderr:?}");
    assert_eq!(toml_text, "");
    assert_eq!(stderr, ["imported cr.dic (LIWC .dic): 1 frame, 1 motif, 2 patterns; 0 lines not converted → cr.toml"]);
    let written = String::from_utf8(work.read("cr.toml")).unwrap();
    assert_eq!(motif(&written, "posemo").0, ["good", "great*"]);
    assert!(written.contains("name = \"cr\"\nlanguage = \"und\""), "{written}");
}

#[test]
fn liwc22_dicx() {
    let work = Workdir::new();
    work.write(
        "liwc22.dicx",
        "DicTerm,Posemo,Négation,Blank\r\nlove,X,,\r\n\"kind of\",x,X,\r\nnope,,Y,\r\nnothing,,,\r\n",
    );
    let (code, toml_text, stderr) = import(&work, "liwc22.dicx", &[]);
    assert_eq!(code, 1);
    assert_eq!(frames(&toml_text), ["Posemo", "negation"]);
    assert_eq!(motif(&toml_text, "Posemo").0, ["love", "kind of"]);
    assert_eq!(motif(&toml_text, "negation").0, ["kind of"]);
    assert_eq!(
        stderr[..5],
        [
            "negation <- Négation",
            "liwc22.dicx:1: category 'Blank' has no terms; left out",
            "liwc22.dicx:4: 'nope': cell 'Y' in column 'Négation' is not 'X'; not converted",
            "liwc22.dicx:4: 'nope' is marked in no category; not converted",
            "liwc22.dicx:5: 'nothing' is marked in no category; not converted",
        ]
    );
}

const YAML: &str = "\
# quanteda dictionary
economy:
  positive: [growth, \"job*\", prosperity]
  negative:
    - recession
    - \"unemploy*\"
    - colo?r
politics:
  - vote*
  - election
  - [nested, list]
Внешняя политика:
  позитив:
    союзники:
      - партнер*
  negative:
    - санкц*
security:
  positive: safe
  empty: []
";

#[test]
fn quanteda_yaml_levels_flat_lists_and_slugs() {
    let work = Workdir::new();
    work.write("policy.yml", YAML);
    let (code, toml_text, stderr) = import(&work, "policy.yml", &[]);
    assert_eq!(code, 1);
    assert_eq!(frames(&toml_text), ["economy", "politics", "vneshniaia_politika", "security"]);
    assert_eq!(motif(&toml_text, "positive").0, ["growth", "job*", "prosperity"]);
    assert_eq!(motif(&toml_text, "negative").0, ["recession", "unemploy*"]);
    assert_eq!(motif(&toml_text, "politics").0, ["vote*", "election"]);
    assert_eq!(motif(&toml_text, "pozitiv_soiuzniki").0, ["партнер*"]);
    assert_eq!(motif(&toml_text, "vneshniaia_politika_negative").0, ["санкц*"]);
    assert_eq!(motif(&toml_text, "security_positive").0, ["safe"]);
    assert_eq!(
        stderr,
        [
            "vneshniaia_politika <- Внешняя политика",
            "pozitiv_soiuzniki <- позитив.союзники",
            "vneshniaia_politika_negative <- Внешняя политика.negative",
            "security_positive <- security.positive",
            "policy.yml:7: 'colo?r': the one-character wildcard '?' cannot be expressed (only '*' at the end of a word); not converted",
            "policy.yml:11: a list inside the term list of 'politics'; not converted",
            "policy.yml:20: category 'security.empty' has no terms; left out",
            "imported policy.yml (quanteda YAML): 4 frames, 6 motifs, 10 patterns; 3 lines not converted",
        ]
    );
    let broken = work.write("broken.yaml", "a:\n  - x\n  b: [\n");
    let (code, toml_text, stderr) = import(&work, broken.to_str().unwrap(), &[]);
    assert_eq!(code, 1, "{stderr:?}");
    assert_eq!(motif(&toml_text, "a").0, ["x"]);
    assert!(stderr[0].contains("broken.yaml:3: YAML syntax error"), "{stderr:?}");
}

#[test]
fn wordstat_cat_depth_weights_and_rules() {
    let work = Workdir::new();
    work.write(
        "policy.cat",
        "ECONOMY\n\tTRADE\n\t\tEXPORT* (1)\n\t\tFREE_TRADE (1)\n\t\tTARIFF* (2)\n\
         \t\tBARRIERS AFTER TRADE /W 3 (1)\n\t\tBANK NEAR RIVER /W 5 (1)\n\t\tTURN* BEFORE OFF /S 1 (1)\n\
         \t\tGOOD NOT NEAR DEAL (1)\n\tFINANCE\n\t\tBANKING\n\t\t\tLOAN* (1)\n\t\t\tX* (1)\n\
         SECURITY\n\tTHREAT* (1)\n    SPACED (1)\nORPHAN (1)\n",
    );
    let (code, toml_text, stderr) = import(&work, "policy.cat", &[]);
    assert_eq!(code, 1);
    assert_eq!(frames(&toml_text), ["ECONOMY", "SECURITY"]);
    assert_eq!(
        motif(&toml_text, "TRADE"),
        (vec!["EXPORT*".into(), "FREE TRADE".into(), "TRADE ~3 BARRIERS".into()], 1.0)
    );
    assert_eq!(motif(&toml_text, "trade_weight_2"), (vec!["TARIFF*".into()], 2.0));
    assert_eq!(motif(&toml_text, "finance_banking").0, ["LOAN*"]);
    assert_eq!(motif(&toml_text, "SECURITY").0, ["THREAT*"]);
    assert_eq!(
        stderr,
        [
            "trade_weight_2 <- TRADE (weight 2)",
            "finance_banking <- FINANCE.BANKING",
            "policy.cat:7: rule 'BANK NEAR RIVER /W 5': unordered proximity (NEAR) cannot be expressed yet; not converted",
            "policy.cat:8: rule 'TURN* BEFORE OFF /S 1': a sentence window (/S) cannot be expressed (a match stays within one sentence, gaps are at most 20 words); not converted",
            "policy.cat:9: rule 'GOOD NOT NEAR DEAL': negation (NOT) cannot be expressed; not converted",
            "policy.cat:13: 'X*': a glob needs at least 2 letters before '*' in our patterns; not converted",
            "policy.cat:16: indented with spaces: WordStat indents with tabs; not converted",
            "policy.cat:17: 'ORPHAN' is outside any category; not converted",
            "imported policy.cat (WordStat .cat): 2 frames, 4 motifs, 6 patterns; 6 lines not converted",
        ]
    );
}

#[test]
fn lexicoder_lc3_and_the_format_option() {
    let work = Workdir::new();
    work.write("lsd.txt", "stray\n+negative\nabandon*\na lie\nbad*\n+positive\ngood\ngreat*\n+empty\n");
    let (code, _, stderr) = import(&work, "lsd.txt", &[]);
    assert_eq!(code, 2);
    assert!(stderr[0].contains("cannot tell the format from the extension; give --format"), "{stderr:?}");
    let (code, toml_text, stderr) = import(&work, "lsd.txt", &["--format", "lc3"]);
    assert_eq!(code, 1);
    assert_eq!(frames(&toml_text), ["negative", "positive"]);
    assert_eq!(motif(&toml_text, "negative").0, ["abandon*", "a lie", "bad*"]);
    assert_eq!(
        stderr,
        [
            "lsd.txt:1: 'stray' comes before any '+category' line; not converted",
            "lsd.txt:9: category 'empty' has no patterns; left out",
            "imported lsd.txt (Lexicoder .lc3): 2 frames, 2 motifs, 5 patterns; 2 lines not converted",
        ]
    );
    let (code, _, stderr) = import(&work, "lsd.txt", &["--format", "lc3", "--out", "lsd.txt"]);
    assert_eq!(code, 2, "{stderr:?}");
}

#[test]
fn scan_check_list_and_test_read_other_formats_directly() {
    let work = Workdir::new();
    work.write("policy.yml", YAML);
    work.write("liwc.txt", "%\n1\tposemo\n%\nlove\t1\nnice*\t1\n");
    work.write("in.jsonl", "{\"id\":\"d1\",\"text\":\"Growth and prosperity. We love nice people.\"}\n");
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "policy.yml", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("policy.yml:7: 'colo?r'"), "{}", run.stderr);
    let documents = work.table("out/documents.csv");
    assert_eq!(documents.column("economy_hits"), ["2"]);
    assert_eq!(documents.column("vneshniaia_politika_hits"), ["0"]);
    // --lexicon-format overrides the extension, for every --lexicon file.
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "liwc.txt", "--lexicon-format", "dic", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(work.table("out/documents.csv").column("posemo_hits"), ["2"]);
    let hits = work.table("out/hits.csv");
    assert_eq!(hits.column("matched"), ["love", "nice"]);
    assert_eq!(hits.column("motif"), ["posemo", "posemo"]);

    let check = work.run(&["lexicon", "check", "policy.yml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains("policy.yml:11: warning: a list inside the term list"), "{}", check.stdout);
    assert!(
        check.stdout.ends_with("ok: 1 lexicon, 4 frames, 6 motifs, 10 patterns, 0 examples; 3 warnings\n"),
        "{}",
        check.stdout
    );
    assert_eq!(work.run(&["lexicon", "check", "--strict", "policy.yml"]).code, 1);
    let list = work.run(&["lexicon", "list", "--lexicon", "liwc.txt", "--lexicon-format", "dic"]);
    assert!(list.stdout.contains("posemo                             2 patterns"), "{}", list.stdout);
    let test = work.run(&["lexicon", "test", "policy.yml"]);
    assert_eq!(test.code, 0);
    assert!(test.stdout.ends_with("examples: 0 passed, 0 failed\n"), "{}", test.stdout);
}
