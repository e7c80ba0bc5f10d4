//! An index of speaker-name forms (the lower-cased words of a label, see `aliases.rs`) by their
//! words read from the last, so that the forms sharing a name tail with a new one are found by
//! walking a few branches of a tree, not by comparing it with every form seen before.
//!
//! Two forms share a name tail when the words of the shorter are the last words of the longer,
//! where a one-letter word (an initial) matches any word starting with that letter. In the tree a
//! form is the path of its words, last word first; the forms sharing a tail with a query are the
//! forms on the branches its words follow (the shorter ones) and every form below the ends of
//! those branches (the longer ones). A query costs the branches walked plus the forms found.

use std::collections::HashMap;

/// Name forms by their words, last word first.
#[derive(Debug, Default)]
pub struct NameTails {
    nodes: Vec<Node>,
}

#[derive(Debug, Default)]
struct Node {
    children: HashMap<String, usize>,
    /// Children by the first character of their word (an initial matches all of them).
    by_initial: HashMap<char, Vec<usize>>,
    form: Option<usize>,
}

fn is_initial(word: &str) -> bool {
    word.chars().count() == 1
}

impl NameTails {
    /// Adds form `form` with words `words` (not empty, not added before) and returns the forms added
    /// before it that share a name tail with it.
    pub fn insert(&mut self, words: &[String], form: usize) -> Vec<usize> {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut found = Vec::new();
        self.walk(0, words, &mut found);
        let mut node = 0;
        for word in words.iter().rev() {
            node = match self.nodes[node].children.get(word) {
                Some(&child) => child,
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node::default());
                    let parent = &mut self.nodes[node];
                    parent.children.insert(word.clone(), child);
                    let initial = word.chars().next().expect("words are not empty");
                    parent.by_initial.entry(initial).or_default().push(child);
                    child
                }
            };
        }
        debug_assert!(self.nodes[node].form.is_none(), "a form is added once");
        self.nodes[node].form = Some(form);
        found
    }

    /// Collects the forms sharing a tail with `rest` (the words not yet matched) below `node`.
    fn walk(&self, node: usize, rest: &[String], found: &mut Vec<usize>) {
        let Some((word, rest)) = rest.split_last() else {
            self.collect_below(node, found);
            return;
        };
        let here = &self.nodes[node];
        if node != 0 {
            found.extend(here.form);
        }
        if is_initial(word) {
            let initial = word.chars().next().expect("an initial is one character");
            for &child in here.by_initial.get(&initial).into_iter().flatten() {
                self.walk(child, rest, found);
            }
            return;
        }
        if let Some(&child) = here.children.get(word) {
            self.walk(child, rest, found);
        }
        let initial = word.chars().next().expect("words are not empty").to_string();
        if let Some(&child) = here.children.get(&initial) {
            self.walk(child, rest, found);
        }
    }

    fn collect_below(&self, node: usize, found: &mut Vec<usize>) {
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            found.extend(self.nodes[node].form);
            stack.extend(self.nodes[node].children.values());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(label: &str) -> Vec<String> {
        label.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn finds_shorter_and_longer_forms_and_initials() {
        let mut tails = NameTails::default();
        let forms = ["vladimir putin", "putin", "v putin", "dmitry peskov", "president of russia vladimir putin"];
        let mut found: Vec<Vec<usize>> = Vec::new();
        for (i, f) in forms.iter().enumerate() {
            let mut related = tails.insert(&form(f), i);
            related.sort_unstable();
            found.push(related);
        }
        assert_eq!(found, [vec![], vec![0], vec![0, 1], vec![], vec![0, 1, 2]]);
        let mut related = tails.insert(&form("p"), 5);
        related.sort_unstable();
        assert_eq!(related, [0, 1, 2, 3, 4], "an initial matches every word with its letter: putin, peskov");
        assert_eq!(tails.insert(&form("ivan putin"), 6), [1, 5], "not vladimir, not v");
    }
}
