//! Table-driven tests of the pattern language and the counting rules on real text.

use super::{Matcher, Scratch};
use crate::lexicon::{check_sources, LexiconSource};

/// A lexicon with one frame and the given motifs: (motif id, patterns, exclude patterns).
fn lexicon(motifs: &[(&str, &[&str], &[&str])]) -> crate::lexicon::LexiconSet {
    let mut text =
        String::from("name = \"t\"\nlanguage = \"en\"\nversion = \"1\"\n[[frames]]\nid = \"f\"\nlabel = \"F\"\n");
    for (id, patterns, exclude) in motifs {
        let list = |items: &[&str]| items.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ");
        text += &format!(
            "[[frames.motifs]]\nid = \"{id}\"\nlabel = \"{id}\"\npatterns = [{}]\nexclude = [{}]\n",
            list(patterns),
            list(exclude)
        );
    }
    check_sources(&[LexiconSource { name: "t.toml".into(), text }]).unwrap_or_else(|d| panic!("{d:?}"))
}

/// (motif, matched text) of every hit.
fn hits(motifs: &[(&str, &[&str], &[&str])], text: &str) -> Vec<(String, String)> {
    let set = lexicon(motifs);
    let matcher = Matcher::new(&set).unwrap();
    let scan = matcher.scan(text, &mut Scratch::default());
    scan.hits.iter().map(|h| (set.motifs[h.motif].id.clone(), text[h.start..h.end].to_string())).collect()
}

fn matched(pattern: &str, text: &str) -> Vec<String> {
    hits(&[("m", &[pattern], &[])], text).into_iter().map(|(_, m)| m).collect()
}

#[test]
fn pattern_language() {
    let rows: &[(&str, &str, &[&str])] = &[
        ("indivisible security", "On Indivisible  Security today", &["Indivisible  Security"]),
        ("indivisible security", "indivisible, security", &["indivisible, security"]),
        ("indivisible security", "indivisible securityx", &[]),
        ("secur*", "Security and insecurity, secure", &["Security", "secure"]),
        ("(common|same|shared) roots", "shared roots, the same roots", &["shared roots", "same roots"]),
        ("fair ~3 balance", "a fair and just balance", &["fair and just balance"]),
        ("fair ~3 balance", "a fair and a just, true balance", &[]),
        ("fair ~1 balance", "fair balance", &["fair balance"]),
        ("neo-Nazi*", "neo-Nazis and neo Nazi thugs and neonazis", &["neo-Nazis", "neo Nazi"]),
        ("NATO expansion", "nato EXPANSION", &["nato EXPANSION"]),
        ("братск* народ*", "братскому народу Украины", &["братскому народу"]),
        ("братск* народ*", "БРАТСКИЙ\u{a0}НАРОД", &["БРАТСКИЙ\u{a0}НАРОД"]),
        ("неделим* безопасност*", "неделимость\nбезопасности", &["неделимость\nбезопасности"]),
        ("счет", "за счёт", &["счёт"]),
        (
            "special (military)? operation",
            "special operation; special military operation",
            &["special operation", "special military operation"],
        ),
        ("(prime minister|president) said", "the Prime Minister said", &["Prime Minister said"]),
        ("root causes", "the “root causes” of it", &["root causes"]),
        ("re:root causes?", "the root cause and the root causes", &["root cause", "root causes"]),
        ("re:oot cause", "the root cause", &[]),
        ("café", "Cafe\u{301} society and café", &["Cafe\u{301}", "café"]),
    ];
    for (pattern, text, expected) in rows {
        assert_eq!(&matched(pattern, text), expected, "pattern {pattern:?} on {text:?}");
    }
}

#[test]
fn matches_do_not_cross_sentences() {
    assert!(matched("security guarantees", "We need security. Guarantees come later.").is_empty());
    assert!(matched("fair ~3 balance", "It is fair. The balance").is_empty());
    assert_eq!(matched("security guarantees", "security\nguarantees"), ["security\nguarantees"]);
}

#[test]
fn overlapping_matches_of_one_motif_count_once_longest_wins() {
    let found = hits(
        &[("m", &["nato expansion", "nato expansion eastward", "expansion eastward"], &[])],
        "NATO expansion eastward again",
    );
    assert_eq!(found, [("m".to_string(), "NATO expansion eastward".to_string())]);
}

#[test]
fn different_motifs_count_independently() {
    let found = hits(&[("a", &["nato expansion"], &[]), ("b", &["expansion"], &[])], "NATO expansion");
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn exclude_vetoes_the_motif_in_that_sentence_only() {
    let motifs: &[(&str, &[&str], &[&str])] = &[("nazi", &["nazi*"], &["nazi germany"]), ("war", &["germany"], &[])];
    let found = hits(motifs, "Nazi Germany fell. The Nazis in Kiev, they say.");
    assert_eq!(
        found,
        [("war".to_string(), "Germany".to_string()), ("nazi".to_string(), "Nazis".to_string())],
        "the veto applies to its motif and sentence only"
    );
}

#[test]
fn offsets_sentences_and_weights() {
    let set = lexicon(&[("m", &["brotherly people"], &[])]);
    let matcher = Matcher::new(&set).unwrap();
    let text = "Первое. We are a brotherly people.\r\n\r\nAgain: brotherly\r\npeople!";
    let scan = matcher.scan(text, &mut Scratch::default());
    let found: Vec<(&str, usize)> = scan.hits.iter().map(|h| (&text[h.start..h.end], h.sentence)).collect();
    assert_eq!(found, [("brotherly people", 1), ("brotherly\r\npeople", 2)]);
    assert_eq!(scan.hits[0].weight, 1.0);
}

#[test]
fn matcher_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Matcher>();
    assert_send_sync::<crate::lexicon::LexiconSet>();
}
