//! The pattern language: one string per pattern, parsed into token sequences or a regex.
//!
//! - `indivisible security`: these tokens in sequence;
//! - `secur*`: a token starting with `secur` (at least two characters before `*`);
//! - `(common|same|shared) roots`: alternatives for one position (each may carry `*`, and may be
//!   several tokens: `(prime minister|president)`);
//! - `(military)? operation`: a group followed by `?` is optional;
//! - `fair ~3 balance`: up to 3 arbitrary tokens between the neighbours (1–20);
//! - `re:...`: a regex over the normalised text (see `scan::regex_patterns`); its syntax is checked
//!   here, its size when the scanner compiles it;
//! - `{nato expan*}~8`: unordered proximity, a whole pattern of its own: 2 to [`MAX_NEAR_TERMS`]
//!   terms (words, globs or `(a|b*)` groups of one token each), each matched by its own token, in any
//!   order, with at most 8 other tokens inside the stretch from the first term to the last.
//!
//! Words are tokenised and normalised exactly like document text, so `neo-Nazi*` is the two steps
//! `neo` `nazi*`, and `NATO` matches `nato`. Groups whose alternatives are single tokens stay one
//! step; multi-token alternatives and optional groups expand into several sequences (at most
//! [`MAX_EXPANSIONS`]).

use super::stem::StemLanguage;
use crate::text::{normalize_token, tokenize};

/// The most tokens a `~N` gap may skip.
pub const MAX_GAP: usize = 20;

/// The most sequences one pattern may expand into.
pub const MAX_EXPANSIONS: usize = 64;

/// The most terms of one proximity pattern (`{a b c}~N`).
pub const MAX_NEAR_TERMS: usize = 6;

/// How a regex that does not parse or compile is reported (one line).
pub fn regex_error_message(e: &impl std::fmt::Display) -> String {
    format!("invalid regex: {}", one_line(&e.to_string()))
}

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Token sequences (the expansions of the pattern); any of them matching is a match.
    Sequence(Vec<Vec<Step>>),
    /// A regular expression over the normalised text.
    Regex(String),
    /// Unordered proximity (`{nato expan*}~8`): each term (alternative atoms of one token) matched by
    /// its own token, in any order, with at most `slop` other tokens inside the matched stretch.
    Near {
        /// The terms, as written.
        terms: Vec<Vec<Atom>>,
        /// Other tokens allowed inside the stretch from the first matched term to the last.
        slop: usize,
    },
}

/// One token position of a sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// How many arbitrary tokens may stand between the previous step and this one.
    pub max_gap_before: usize,
    /// The token matches if it matches any alternative.
    pub alternatives: Vec<Atom>,
}

/// What one token must be, in normalised form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Atom {
    /// Exactly this word.
    Word(String),
    /// A word starting with this prefix (`secur*`).
    Prefix(String),
    /// A word whose Snowball stem in this language is this (a word of a pattern in stem mode).
    Stem(StemLanguage, String),
}

/// A pattern that does not parse; `offset` is the byte offset in the pattern string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset of the problem in the pattern.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

fn error(offset: usize, message: impl Into<String>) -> PatternError {
    PatternError { offset, message: message.into() }
}

/// One item of a pattern before expansion.
enum Item {
    Gap(usize),
    /// One token position with single-token alternatives.
    Step(Vec<Atom>),
    /// Alternatives of several tokens, or an optional group (with an empty alternative).
    Choice(Vec<Vec<Atom>>),
}

/// Parses one pattern string.
pub fn parse_pattern(source: &str) -> Result<Pattern, PatternError> {
    if let Some(expression) = source.strip_prefix("re:") {
        if expression.trim().is_empty() {
            return Err(error(0, "empty regex after 're:'"));
        }
        // Only the syntax here: the regex is compiled, once, by the scanner (which `lexicon check`
        // builds too), where a regex too large to compile is reported at its place in the file.
        return match regex_syntax::Parser::new().parse(expression) {
            Ok(_) => Ok(Pattern::Regex(expression.to_string())),
            Err(e) => Err(error(3, regex_error_message(&e))),
        };
    }
    if source.trim_start().starts_with('{') {
        return parse_near(source);
    }
    let items = parse_items(source)?;
    expand(&items).map(Pattern::Sequence).map_err(|m| error(0, m))
}

fn parse_items(source: &str) -> Result<Vec<Item>, PatternError> {
    let mut items: Vec<Item> = Vec::new();
    let mut i = 0;
    while let Some(c) = source[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut item_end = if c == '(' {
            source[i..].find(')').map(|j| i + j + 1).ok_or_else(|| error(i, "'(' without ')'"))?
        } else {
            source[i..].find(char::is_whitespace).map_or(source.len(), |j| i + j)
        };
        let item = &source[i..item_end];
        if let Some(count) = item.strip_prefix('~') {
            let gap = parse_gap(count).map_err(|m| error(i, m))?;
            match items.last() {
                None => return Err(error(i, "a pattern cannot start with a gap")),
                Some(Item::Gap(_)) => return Err(error(i, "two gaps in a row")),
                _ => items.push(Item::Gap(gap)),
            }
        } else if let Some(inner) = item.strip_prefix('(') {
            let inner = &inner[..inner.len() - 1];
            if inner.contains('(') {
                return Err(error(i, "alternatives cannot be nested"));
            }
            let optional = source[item_end..].starts_with('?');
            if optional {
                item_end += 1;
            }
            let mut alternatives = Vec::new();
            for alternative in inner.split('|') {
                let mut atoms = Vec::new();
                for word in alternative.split_whitespace() {
                    atoms.extend(parse_word(word).map_err(|m| error(i, m))?);
                }
                if atoms.is_empty() {
                    return Err(error(i, format!("empty alternative in '{item}'")));
                }
                if !alternatives.contains(&atoms) {
                    alternatives.push(atoms);
                }
            }
            if !optional && alternatives.iter().all(|a| a.len() == 1) {
                items.push(Item::Step(alternatives.into_iter().flatten().collect()));
            } else {
                if optional {
                    alternatives.push(Vec::new());
                }
                items.push(Item::Choice(alternatives));
            }
        } else {
            if let Some(bad) = item.chars().find(|c| matches!(c, '(' | ')' | '|' | '~' | '?' | '{' | '}')) {
                return Err(error(i, format!("unexpected '{bad}' in '{item}'")));
            }
            items.extend(parse_word(item).map_err(|m| error(i, m))?.into_iter().map(|atom| Item::Step(vec![atom])));
        }
        i = item_end;
    }
    match items.last() {
        None => Err(error(0, "empty pattern")),
        Some(Item::Gap(_)) => Err(error(source.len(), "a pattern cannot end with a gap")),
        _ => Ok(items),
    }
}

/// Parses a proximity pattern `{term term...}~N`: the braces hold the whole pattern but its `~N`.
fn parse_near(source: &str) -> Result<Pattern, PatternError> {
    let open = source.find('{').expect("caller saw '{'");
    if let Some(at) = source[open + 1..].find('{') {
        return Err(error(open + 1 + at, "proximity groups cannot be nested"));
    }
    let close = source.find('}').ok_or_else(|| error(open, "'{' without '}'"))?;
    let after = &source[close + 1..];
    let slop = after.trim_end();
    let Some(count) = slop.strip_prefix('~') else {
        let message = if slop.is_empty() {
            "'}' must be followed by '~N'"
        } else {
            "a proximity group must be the whole pattern, followed by '~N'"
        };
        return Err(error(close + 1, message));
    };
    if let Some(space) = count.find(char::is_whitespace) {
        let at = close + 1 + 1 + space + (count.len() - space - count[space..].trim_start().len());
        return Err(error(at, "a proximity group must be the whole pattern"));
    }
    let slop = parse_gap(count).map_err(|m| error(close + 1, m))?;
    let inner = &source[open + 1..close];
    let mut terms: Vec<Vec<Atom>> = Vec::new();
    let mut i = 0;
    while let Some(c) = inner[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let at = open + 1 + i;
        let end = if c == '(' {
            inner[i..].find(')').map(|j| i + j + 1).ok_or_else(|| error(at, "'(' without ')'"))?
        } else {
            inner[i..].find(char::is_whitespace).map_or(inner.len(), |j| i + j)
        };
        let item = &inner[i..end];
        let words: Vec<&str> = match item.strip_prefix('(') {
            Some(group) => {
                if inner[end..].starts_with('?') {
                    return Err(error(at, "a proximity term cannot be optional"));
                }
                let group = &group[..group.len() - 1];
                if group.contains('(') {
                    return Err(error(at, "alternatives cannot be nested"));
                }
                group.split('|').map(str::trim).collect()
            }
            None => {
                if let Some(bad) = item.chars().find(|c| matches!(c, '(' | ')' | '|' | '~' | '?')) {
                    let message = match bad {
                        '~' => "gaps are not allowed inside a proximity group: its '~N' follows the '}'".to_string(),
                        _ => format!("unexpected '{bad}' in '{item}'"),
                    };
                    return Err(error(at, message));
                }
                vec![item]
            }
        };
        let mut term = Vec::new();
        for word in words {
            if word.is_empty() {
                return Err(error(at, format!("empty alternative in '{item}'")));
            }
            let mut atoms = parse_word(word).map_err(|m| error(at, m))?;
            if atoms.len() != 1 {
                return Err(error(at, format!("a proximity term must be one token, and '{word}' is {}", atoms.len())));
            }
            let atom = atoms.pop().expect("one atom");
            if !term.contains(&atom) {
                term.push(atom);
            }
        }
        terms.push(term);
        i = end;
    }
    if terms.len() < 2 {
        return Err(error(open, format!("a proximity group needs at least 2 terms, not {}", terms.len())));
    }
    if terms.len() > MAX_NEAR_TERMS {
        return Err(error(
            open,
            format!("a proximity group may hold at most {MAX_NEAR_TERMS} terms, not {}", terms.len()),
        ));
    }
    Ok(Pattern::Near { terms, slop })
}

/// Expands choices into plain sequences. A gap before an omitted optional group carries over to
/// the next step; gaps at either end of an expansion are dropped (a match starts and ends on a
/// pattern token).
fn expand(items: &[Item]) -> Result<Vec<Vec<Step>>, String> {
    let mut partial: Vec<(Vec<Step>, usize)> = vec![(Vec::new(), 0)];
    for item in items {
        match item {
            Item::Gap(n) => partial.iter_mut().for_each(|(_, gap)| *gap += n),
            Item::Step(alternatives) => {
                for (steps, gap) in &mut partial {
                    push_step(steps, gap, alternatives.clone());
                }
            }
            Item::Choice(options) => {
                let mut next = Vec::with_capacity(partial.len() * options.len());
                for (steps, gap) in &partial {
                    for option in options {
                        let (mut steps, mut gap) = (steps.clone(), *gap);
                        for atom in option {
                            push_step(&mut steps, &mut gap, vec![atom.clone()]);
                        }
                        next.push((steps, gap));
                    }
                }
                partial = next;
                if partial.len() > MAX_EXPANSIONS {
                    return Err(format!("pattern expands to more than {MAX_EXPANSIONS} sequences; split it"));
                }
            }
        }
    }
    let mut sequences: Vec<Vec<Step>> = Vec::new();
    for (steps, _) in partial {
        if steps.is_empty() {
            return Err("pattern can match an empty sequence (every part is optional)".into());
        }
        if !sequences.contains(&steps) {
            sequences.push(steps);
        }
    }
    Ok(sequences)
}

fn push_step(steps: &mut Vec<Step>, gap: &mut usize, alternatives: Vec<Atom>) {
    let max_gap_before = if steps.is_empty() { 0 } else { (*gap).min(MAX_GAP) };
    steps.push(Step { max_gap_before, alternatives });
    *gap = 0;
}

fn parse_gap(count: &str) -> Result<usize, String> {
    match count.parse::<usize>() {
        Ok(n) if (1..=MAX_GAP).contains(&n) => Ok(n),
        _ => Err(format!("'~' must be followed by a number of tokens from 1 to {MAX_GAP}")),
    }
}

/// A word of a pattern: one or more tokens, the last a prefix if the word ends with `*`.
fn parse_word(word: &str) -> Result<Vec<Atom>, String> {
    let (body, is_prefix) = match word.strip_suffix('*') {
        Some(body) => (body, true),
        None => (word, false),
    };
    if body.contains('*') {
        return Err(format!("'*' is only allowed at the end of a word, in '{word}'"));
    }
    let mut tokens = Vec::new();
    tokenize(body, &mut tokens);
    if tokens.is_empty() {
        return Err(format!("'{word}' has no letters or digits"));
    }
    if is_prefix && body[tokens[tokens.len() - 1].end..].chars().any(|c| !c.is_whitespace()) {
        return Err(format!("'*' must follow a letter or digit, in '{word}'"));
    }
    let last = tokens.len() - 1;
    let mut atoms = Vec::with_capacity(tokens.len());
    for (n, token) in tokens.iter().enumerate() {
        let text = normalize_token(&body[token.start..token.end]);
        if n == last && is_prefix {
            if text.chars().count() < 2 {
                return Err(format!("a prefix needs at least 2 characters before '*', in '{word}'"));
            }
            atoms.push(Atom::Prefix(text));
        } else {
            atoms.push(Atom::Word(text));
        }
    }
    Ok(atoms)
}

fn one_line(message: &str) -> String {
    message.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str) -> Atom {
        Atom::Word(s.into())
    }
    fn prefix(s: &str) -> Atom {
        Atom::Prefix(s.into())
    }
    fn step(gap: usize, alternatives: Vec<Atom>) -> Step {
        Step { max_gap_before: gap, alternatives }
    }

    #[test]
    fn valid_patterns() {
        let rows: Vec<(&str, Vec<Step>)> = vec![
            ("indivisible security", vec![step(0, vec![word("indivisible")]), step(0, vec![word("security")])]),
            ("Secur*", vec![step(0, vec![prefix("secur")])]),
            (
                "(common|same|Shared*) roots",
                vec![step(0, vec![word("common"), word("same"), prefix("shared")]), step(0, vec![word("roots")])],
            ),
            (
                "( common | same ) roots",
                vec![step(0, vec![word("common"), word("same")]), step(0, vec![word("roots")])],
            ),
            ("fair ~3 balance", vec![step(0, vec![word("fair")]), step(3, vec![word("balance")])]),
            ("neo-Nazi*", vec![step(0, vec![word("neo")]), step(0, vec![prefix("nazi")])]),
            ("братск* народ*", vec![step(0, vec![prefix("братск")]), step(0, vec![prefix("народ")])]),
            ("NATO ~2 expan*", vec![step(0, vec![word("nato")]), step(2, vec![prefix("expan")])]),
        ];
        for (source, expected) in rows {
            assert_eq!(parse_pattern(source), Ok(Pattern::Sequence(vec![expected])), "pattern {source:?}");
        }
        assert_eq!(parse_pattern("re:root causes?"), Ok(Pattern::Regex("root causes?".into())));
    }

    #[test]
    fn proximity_groups() {
        let rows: Vec<(&str, Vec<Vec<Atom>>, usize)> = vec![
            ("{nato expan*}~8", vec![vec![word("nato")], vec![prefix("expan")]], 8),
            (
                " { NATO  (расшир*|expan*|Enlarg*) }~3 ",
                vec![vec![word("nato")], vec![prefix("расшир"), prefix("expan"), prefix("enlarg")]],
                3,
            ),
            ("{nato nato west}~1", vec![vec![word("nato")], vec![word("nato")], vec![word("west")]], 1),
        ];
        for (source, terms, slop) in rows {
            assert_eq!(parse_pattern(source), Ok(Pattern::Near { terms, slop }), "pattern {source:?}");
        }
    }

    #[test]
    fn multi_token_and_optional_groups_expand() {
        let expansions = |source: &str| match parse_pattern(source).unwrap() {
            Pattern::Sequence(sequences) => sequences,
            _ => unreachable!(),
        };
        assert_eq!(
            expansions("(prime minister|president) said"),
            vec![
                vec![step(0, vec![word("prime")]), step(0, vec![word("minister")]), step(0, vec![word("said")])],
                vec![step(0, vec![word("president")]), step(0, vec![word("said")])],
            ]
        );
        assert_eq!(
            expansions("special (military)? operation"),
            vec![
                vec![step(0, vec![word("special")]), step(0, vec![word("military")]), step(0, vec![word("operation")])],
                vec![step(0, vec![word("special")]), step(0, vec![word("operation")])],
            ]
        );
        // The gap before an omitted group carries to the next step; a leading one is dropped.
        assert_eq!(
            expansions("nato ~2 (military)? infrastructure")[1],
            vec![step(0, vec![word("nato")]), step(2, vec![word("infrastructure")])]
        );
        assert_eq!(
            expansions("(very)? ~2 warm welcome")[1],
            vec![step(0, vec![word("warm")]), step(0, vec![word("welcome")])]
        );
    }

    #[test]
    fn invalid_patterns_say_where_and_why() {
        let rows: &[(&str, usize, &str)] = &[
            ("", 0, "empty pattern"),
            ("~2 security", 0, "cannot start with a gap"),
            ("security ~2", 11, "cannot end with a gap"),
            ("a ~2 ~3 b", 5, "two gaps in a row"),
            ("fair ~0 balance", 5, "from 1 to 20"),
            ("fair ~x balance", 5, "from 1 to 20"),
            ("se*cur", 0, "only allowed at the end"),
            ("s* roots", 0, "at least 2 characters"),
            ("(common|same roots", 0, "without ')'"),
            ("(common||same) roots", 0, "empty alternative"),
            ("(a)? (b)?", 0, "empty sequence"),
            ("(a|b c) (a|b c) (a|b c) (a|b c) (a|b c) (a|b c) (a|b c)", 0, "more than 64"),
            ("military? operation", 0, "unexpected '?'"),
            ("--", 0, "no letters or digits"),
            ("roots)", 0, "unexpected ')'"),
            ("re:(unclosed", 3, "invalid regex"),
            ("re:", 0, "empty regex"),
            ("{nato expan*}", 13, "followed by '~N'"),
            ("{nato expan*}~0", 13, "from 1 to 20"),
            ("{nato expan*}~21", 13, "from 1 to 20"),
            ("{nato expan*}~3 eastward", 16, "whole pattern"),
            ("{nato expan*} eastward", 13, "whole pattern"),
            ("{nato}~3", 0, "at least 2 terms, not 1"),
            ("{}~3", 0, "at least 2 terms, not 0"),
            ("{a1 a2 a3 a4 a5 a6 a7}~3", 0, "at most 6 terms, not 7"),
            ("{nato expan*~3}~3", 6, "gaps are not allowed"),
            ("{nato ~3 expan*}~3", 6, "gaps are not allowed"),
            ("{nato neo-nazi*}~3", 6, "one token, and 'neo-nazi*' is 2"),
            ("{nato (north atlantic|west)}~3", 6, "one token"),
            ("{nato (west)?}~3", 6, "cannot be optional"),
            ("{nato (west||east)}~3", 6, "empty alternative"),
            ("{nato (west}~3", 6, "without ')'"),
            ("{nato expan*~3", 0, "without '}'"),
            ("{nato {expan*}}~3", 6, "cannot be nested"),
            ("{nato e*}~3", 6, "at least 2 characters"),
            ("stop {nato expan*}~3", 5, "unexpected '{'"),
        ];
        for (source, offset, message) in rows {
            let err = parse_pattern(source).expect_err(source);
            assert_eq!(err.offset, *offset, "pattern {source:?}: {}", err.message);
            assert!(err.message.contains(message), "pattern {source:?}: {}", err.message);
        }
    }
}
