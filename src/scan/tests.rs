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

/// A lexicon from the TOML of its motifs (one frame `f`, language `language`).
fn lexicon_toml(language: &str, motifs: &str) -> crate::lexicon::LexiconSet {
    let text = format!(
        "name = \"t\"\nlanguage = \"{language}\"\nversion = \"1\"\n[[frames]]\nid = \"f\"\nlabel = \"F\"\n{motifs}"
    );
    check_sources(&[LexiconSource { name: "t.toml".into(), text }]).unwrap_or_else(|d| panic!("{d:?}"))
}

/// (motif, matched text, frame weight) of every hit.
fn hits_toml(language: &str, motifs: &str, text: &str) -> Vec<(String, String, f64)> {
    let set = lexicon_toml(language, motifs);
    let matcher = Matcher::new(&set).unwrap();
    let scan = matcher.scan(text, &mut Scratch::default());
    scan.hits
        .iter()
        .map(|h| (set.motifs[h.motif].id.clone(), text[h.start..h.end].to_string(), h.frame_weight))
        .collect()
}

/// The matched texts of one motif given as TOML fields.
fn matched_toml(language: &str, fields: &str, text: &str) -> Vec<String> {
    hits_toml(language, &format!("[[frames.motifs]]\nid = \"m\"\nlabel = \"m\"\n{fields}\n"), text)
        .into_iter()
        .map(|(_, m, _)| m)
        .collect()
}

#[test]
fn no_match_starts_inside_a_compound_or_after_an_apostrophe() {
    let rows: &[(&str, &str, &[&str])] = &[
        ("nazi*", "neo-Nazis and Nazis", &["Nazis"]),
        ("nazi*", "neo\u{2011}Nazis, neo\u{2010}Nazis", &[]),
        ("neo-nazi*", "neo-Nazis", &["neo-Nazis"]),
        // It may end inside one: "NATO" in "NATO-Russia", "Russia" in "Russia's".
        ("nato", "the NATO-Russia Council", &["NATO"]),
        ("russia", "Russia's security", &["Russia"]),
        ("s security", "Russia's security and the S security", &["S security"]),
        ("s security", "Russia\u{2019}s security", &[]),
        // Spaced or doubled hyphens, dashes and line-end hyphens separate words.
        ("nazis", "neo - Nazis, neo--Nazis, neo–Nazis, neo-\nNazis", &["Nazis", "Nazis", "Nazis", "Nazis"]),
        ("nazis ~2 kiev", "neo-Nazis in Kiev", &[]),
        ("re:nazis", "neo-Nazis and Nazis", &["Nazis"]),
        ("{nazis kiev}~3", "neo-Nazis in Kiev", &[]),
        ("{nazis kiev}~3", "Kiev neo-Nazis", &["Kiev neo-Nazis"]),
    ];
    for (pattern, text, expected) in rows {
        assert_eq!(&matched(pattern, text), expected, "pattern {pattern:?} on {text:?}");
    }
}

#[test]
fn proximity_terms_in_any_order() {
    let rows: &[(&str, &str, &[&str])] = &[
        (
            "{nato expan*}~3",
            "NATO expansion; expansion of NATO; NATO's steady eastward expansion",
            &["NATO expansion", "expansion of NATO", "NATO's steady eastward expansion"],
        ),
        ("{nato expan*}~2", "NATO's steady eastward expansion", &[]),
        ("{nato expan*}~3", "NATO grew. Expansion followed.", &[]),
        (
            "{нато (расшир*|нерасшир*)}~4",
            "НАТО продолжает расширение. Расширение НАТО. О нерасширении НАТО.",
            &["НАТО продолжает расширение", "Расширение НАТО", "нерасширении НАТО"],
        ),
        // Each term takes its own token; the shortest stretch around the anchor wins.
        ("{nato nato}~1", "NATO and NATO, and NATO", &["NATO and NATO"]),
        (
            "{security (guarantee*|assurance*) legal*}~4",
            "legally binding guarantees of our security",
            &["legally binding guarantees of our security"],
        ),
        ("{security guarantee* legal*}~2", "legally binding guarantees of our security", &[]),
        ("{nato expan*}~5", "expansion, expansion and NATO", &["expansion and NATO"]),
    ];
    for (pattern, text, expected) in rows {
        assert_eq!(&matched(pattern, text), expected, "pattern {pattern:?} on {text:?}");
    }
}

#[test]
fn window_excludes_veto_only_nearby_hits() {
    let fields = "patterns = [\"root causes\"]\nexclude = [\"terrorism\", \"poverty\"]\nexclude_window = 3";
    let rows: &[(&str, &[&str])] = &[
        ("We must address the root causes of terrorism.", &[]),
        ("Poverty has root causes.", &[]),
        ("The root causes of this crisis lie in NATO's policy, and we fight terrorism.", &["root causes"]),
        ("The root causes of the crisis are clear. Terrorism is another matter.", &["root causes"]),
    ];
    for (text, expected) in rows {
        assert_eq!(&matched_toml("en", fields, text), expected, "{text:?}");
    }
    // Without a window the whole sentence is vetoed, as before.
    let sentence = "patterns = [\"root causes\"]\nexclude = [\"terrorism\"]";
    assert!(matched_toml("en", sentence, rows[2].0).is_empty());
}

#[test]
fn context_terms_are_required_nearby_in_the_paragraph() {
    let fields = "patterns = [\"package of measures\"]\nrequire_near = [\"minsk*\", \"donbass\"]\nnear_window = 10";
    let rows: &[(&str, &[&str])] = &[
        ("The Minsk Package of Measures must be implemented.", &["Package of Measures"]),
        ("The package of measures agreed in Minsk.", &["package of measures"]),
        ("A package of measures for farmers was adopted.", &[]),
        // The window crosses a sentence end, not a paragraph break.
        ("Kiev sabotages the Minsk agreements. The package of measures is dead.", &["package of measures"]),
        ("Kiev sabotages the Minsk agreements.\n\nThe package of measures is dead.", &[]),
        ("Minsk was mentioned once; then one two three four five six seven eight nine ten eleven package of measures.", &[]),
    ];
    for (text, expected) in rows {
        assert_eq!(&matched_toml("en", fields, text), expected, "{text:?}");
    }
    // The default window is 30 tokens.
    let default = "patterns = [\"package of measures\"]\nrequire_near = [\"minsk*\"]";
    assert_eq!(matched_toml("en", default, rows[5].0), ["package of measures"]);
}

#[test]
fn stem_mode_covers_inflections() {
    let rows: &[(&str, &str, &str, &[&str])] = &[
        (
            "en",
            "stem = true\npatterns = [\"indivisible security\"]",
            "indivisibility of security; the indivisible securities",
            &["indivisible securities"],
        ),
        (
            "en",
            "stem = true\npatterns = [\"indivisibility ~2 security\"]",
            "indivisibility of security; the indivisible securities",
            &["indivisibility of security", "indivisible securities"],
        ),
        (
            "en",
            "stem = true\npatterns = [\"fundamental threat\"]",
            "Fundamental THREATS and a fundamentally threatening",
            &["Fundamental THREATS"],
        ),
        ("en", "patterns = [\"fundamental threat\"]", "Fundamental THREATS", &[]),
        // A glob keeps its prefix meaning; a motif may turn stemming off.
        ("en", "stem = true\npatterns = [\"secur* guarantee\"]", "security guarantees", &["security guarantees"]),
        (
            "ru",
            "stem = true\npatterns = [\"расширение нато\"]",
            "расширения НАТО, расширением НАТО, о расширении НАТО",
            &["расширения НАТО", "расширением НАТО", "расширении НАТО"],
        ),
        ("ru", "stem = true\npatterns = [\"{нато расширение}~3\"]", "НАТО продолжает расширяться", &[]),
        (
            "ru",
            "stem = true\npatterns = [\"{нато расширение}~3\"]",
            "НАТО продолжает расширение",
            &["НАТО продолжает расширение"],
        ),
        ("ru", "stem = true\npatterns = [\"братский народ\"]", "БРАТСКИМ НАРОДОМ", &["БРАТСКИМ НАРОДОМ"]),
    ];
    for (language, fields, text, expected) in rows {
        assert_eq!(&matched_toml(language, fields, text), expected, "{fields} on {text:?}");
    }
}

#[test]
fn stem_mode_per_lexicon_and_motif() {
    let motifs = "[[frames.motifs]]\nid = \"a\"\nlabel = \"a\"\npatterns = [\"threat\"]\n\
        [[frames.motifs]]\nid = \"b\"\nlabel = \"b\"\nstem = false\npatterns = [\"threat\"]\n";
    let text = format!(
        "name = \"t\"\nlanguage = \"en\"\nversion = \"1\"\nstem = true\n[[frames]]\nid = \"f\"\nlabel = \"F\"\n{motifs}"
    );
    let set = check_sources(&[LexiconSource { name: "t.toml".into(), text }]).unwrap();
    let matcher = Matcher::new(&set).unwrap();
    let scan = matcher.scan("threats", &mut Scratch::default());
    let motifs: Vec<&str> = scan.hits.iter().map(|h| set.motifs[h.motif].id.as_str()).collect();
    assert_eq!(motifs, ["a"]);
}

#[test]
fn a_stretch_hit_by_motifs_of_one_frame_counts_once_for_the_frame() {
    let motifs =
        "[[frames.motifs]]\nid = \"indivisible\"\nlabel = \"i\"\nweight = 1.5\npatterns = [\"indivisible security\"]\n\
        [[frames.motifs]]\nid = \"balance\"\nlabel = \"b\"\npatterns = [\"equal and indivisible\"]\n\
        [[frames.motifs]]\nid = \"other\"\nlabel = \"o\"\nweight = 0.5\npatterns = [\"security\"]\n";
    let found = hits_toml("en", motifs, "equal and indivisible security, and security");
    let expected = [
        ("balance", "equal and indivisible", 1.5),
        ("indivisible", "indivisible security", 0.0),
        ("other", "security", 0.0),
        ("other", "security", 0.5),
    ];
    let found: Vec<(&str, &str, f64)> = found.iter().map(|(m, t, w)| (m.as_str(), t.as_str(), *w)).collect();
    assert_eq!(found, expected);
}
