//! Fuzz target: arbitrary bytes as a lexicon TOML file. Loading must return a lexicon set or a
//! list of diagnostics located at `file:line:col` inside the file, never panic; a lexicon set that
//! loads must compile into a matcher (or fail with a typed error) and scan text.
#![no_main]

use leitmotif::lexicon::{check_sources, LexiconSource};
use leitmotif::scan::{Matcher, Scratch};
use libfuzzer_sys::fuzz_target;

const NAME: &str = "fuzz.toml";
const TEXT: &str = "Our brotherly people share common roots. NATO expansion threatens indivisible security.\n\n\
    Question: What about the special military operation? Братский народ, общие корни.";

fuzz_target!(|data: &[u8]| {
    // Lexicon files are read as UTF-8 text; other bytes fail before parsing (an I/O error).
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = LexiconSource { name: NAME.into(), text: text.into() };
    check(&[source.clone()], text);
    // The same file twice: the second copy merges into the first by frame and motif id.
    check(&[source.clone(), source], text);
});

fn check(sources: &[LexiconSource], text: &str) {
    let set = match check_sources(sources) {
        Ok(set) => set,
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a failed load says why");
            let lines: Vec<&str> = text.split('\n').collect();
            for d in diagnostics {
                assert_eq!(d.file, NAME);
                assert!(d.line >= 1 && d.line <= lines.len(), "{d}: the file has {} lines", lines.len());
                let width = lines[d.line - 1].chars().count();
                assert!(d.column >= 1 && d.column <= width + 1, "{d}: line {} has {width} characters", d.line);
                assert!(d.to_string().starts_with(&format!("{NAME}:{}:{}: ", d.line, d.column)));
            }
            return;
        }
    };
    assert_eq!(set.lexicons.len(), sources.len());
    assert!(set.motifs.iter().all(|m| m.frame < set.frames.len()));
    assert!(set.patterns.iter().all(|p| p.motif < set.motifs.len() && p.lexicon < set.lexicons.len()));
    assert!(set.pattern_counts().iter().all(|&n| n > 0), "every motif has a pattern");
    let Ok(matcher) = Matcher::new(&set) else { return };
    for haystack in [TEXT, text] {
        let scan = matcher.scan(haystack, &mut Scratch::default());
        leitmotif_fuzz::check_hits(haystack, &scan, &set, &[]);
    }
}
