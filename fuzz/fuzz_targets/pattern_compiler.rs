//! Fuzz target: arbitrary strings as patterns (`re:` patterns included). Parsing must succeed or
//! fail at an offset inside the pattern; a parsed pattern must respect the language's limits,
//! compile into a matcher and scan text. Two claims about matching are checked too: the words of
//! a pattern's first expansion, written out, are a hit; and a motif whose exclude pattern equals
//! its pattern never hits.
#![no_main]

use leitmotif::lexicon::{parse_pattern, Atom, Frame, LexiconInfo, LexiconSet, Motif, Pattern, PatternEntry, Role, MAX_GAP};
use leitmotif::scan::{Matcher, Scratch};
use leitmotif::text::{normalize_token, tokenize};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "Our brotherly people share common roots. NATO expansion threatens indivisible security.\n\n\
    Question: What about the special military operation? Братский народ, общие корни. Straße, é, ½ 1 2.";

fuzz_target!(|source: &str| {
    let pattern = match parse_pattern(source) {
        Ok(pattern) => pattern,
        Err(e) => {
            assert!(e.offset <= source.len() && source.is_char_boundary(e.offset), "{e:?}");
            assert!(!e.message.is_empty());
            return;
        }
    };
    let mut witness = None;
    if let Pattern::Sequence(expansions) = &pattern {
        assert!(!expansions.is_empty() && expansions.len() <= 64);
        for steps in expansions {
            assert!(!steps.is_empty() && steps[0].max_gap_before == 0, "{steps:?}");
            for step in steps {
                assert!(step.max_gap_before <= MAX_GAP && !step.alternatives.is_empty(), "{step:?}");
                for atom in &step.alternatives {
                    match atom {
                        Atom::Word(word) => assert!(!word.is_empty()),
                        Atom::Prefix(prefix) => assert!(prefix.chars().count() >= 2, "{atom:?}"),
                        Atom::Stem(..) => unreachable!("parsing never stems"),
                    }
                }
            }
        }
        witness = witness_text(&expansions[0]);
    }
    let set = lexicon_set(source, pattern.clone());
    let matcher = match Matcher::new(&set) {
        Ok(matcher) => matcher,
        Err(e) => {
            assert!(matches!(pattern, Pattern::Regex(_)), "only a regex may fail to compile: {e}");
            return;
        }
    };
    let mut scratch = Scratch::default();
    let doubled = format!("{source} {source}");
    for text in [TEXT, source, &doubled].into_iter().chain(witness.as_deref()) {
        let scan = matcher.scan(text, &mut scratch);
        leitmotif_fuzz::check_hits(text, &scan, &set, &[]);
        assert!(scan.hits.iter().all(|h| h.motif == 0), "a hit of a motif excluded by its own pattern");
        if Some(text) == witness.as_deref() {
            assert!(!scan.hits.is_empty(), "the words of {source:?} written out ({text:?}) are not a hit");
        }
    }
});

/// The atoms of one expansion written out as text, when each is a single token that
/// normalisation leaves alone (so that the text must match).
fn witness_text(steps: &[leitmotif::lexicon::Step]) -> Option<String> {
    let mut words = Vec::new();
    for step in steps {
        let (Atom::Word(word) | Atom::Prefix(word) | Atom::Stem(_, word)) = &step.alternatives[0];
        let mut tokens = Vec::new();
        tokenize(word, &mut tokens);
        if tokens.len() != 1 || tokens[0].start != 0 || tokens[0].end != word.len() || normalize_token(word) != *word {
            return None;
        }
        words.push(word.as_str());
    }
    Some(words.join(" "))
}

/// One frame; motif 0 holds the pattern, motif 1 holds it both as a pattern and as an exclude.
fn lexicon_set(source: &str, pattern: Pattern) -> LexiconSet {
    let entry = |motif, exclude: bool| PatternEntry {
        motif,
        source: source.to_string(),
        pattern: pattern.clone(),
        weight: 1.0,
        role: if exclude { Role::Exclude { window: None } } else { Role::Match { near: None } },
        lexicon: 0,
        line: 1,
        column: 1,
    };
    let motif = |id: &str| Motif { id: id.into(), label: id.into(), description: String::new(), frame: 0 };
    LexiconSet {
        lexicons: vec![LexiconInfo {
            name: "fuzz".into(),
            language: "xx".into(),
            version: "1".into(),
            description: String::new(),
            source: "fuzz.toml".into(),
            content_hash: String::new(),
        }],
        frames: vec![Frame { id: "f".into(), label: "F".into(), description: String::new() }],
        motifs: vec![motif("kept"), motif("excluded")],
        patterns: vec![entry(0, false), entry(1, false), entry(1, true)],
        examples: Vec::new(),
    }
}
