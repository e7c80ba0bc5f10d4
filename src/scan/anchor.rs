//! Choosing the anchor of each token sequence: the step whose words are rarest in running text.
//!
//! The scanner looks every document token up only in a dictionary of anchor atoms, and verifies
//! the rest of a sequence around an anchor hit. A pattern like `(our|the) common victory` is thus
//! anchored on `victory`, not on `the`, and the common words of running text mostly fall out of
//! the anchor dictionary at their first byte. Rarity is estimated without corpus statistics:
//! function words (English and Russian) and very short atoms count as common.

use crate::lexicon::{Atom, FUNCTION_WORDS};

/// How common a token matching `atom` is expected to be (higher: more common).
fn commonness(atom: &Atom) -> u32 {
    match atom {
        Atom::Word(word) if FUNCTION_WORDS.contains(&word.as_str()) => 100,
        Atom::Word(word) if word.chars().count() <= 3 => 10,
        Atom::Word(_) => 1,
        Atom::Prefix(prefix) if prefix.chars().count() <= 3 => 50,
        Atom::Prefix(prefix) if prefix.chars().count() <= 5 => 3,
        Atom::Prefix(_) => 2,
        // A stem stands for a few inflections, and its screen prefix makes tokens to stem.
        Atom::Stem(_, stem) if stem.chars().count() <= 3 => 50,
        Atom::Stem(_, stem) if FUNCTION_WORDS.contains(&stem.as_str()) => 100,
        Atom::Stem(..) => 2,
    }
}

/// Index of the step to anchor on: the lowest summed commonness of its alternatives (ties: the
/// earlier step).
pub(crate) fn anchor_step(steps: &[Vec<&Atom>]) -> usize {
    steps
        .iter()
        .enumerate()
        .min_by_key(|(i, alternatives)| (alternatives.iter().map(|a| commonness(a)).sum::<u32>(), *i))
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_on_the_rarest_step() {
        let the = Atom::Word("the".into());
        let our = Atom::Word("our".into());
        let victory = Atom::Word("victory".into());
        let secur = Atom::Prefix("secur".into());
        assert_eq!(anchor_step(&[vec![&our, &the], vec![&victory]]), 1);
        assert_eq!(anchor_step(&[vec![&victory], vec![&secur]]), 0);
        assert_eq!(anchor_step(&[vec![&the]]), 0);
    }
}
