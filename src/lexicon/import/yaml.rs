//! quanteda dictionary YAML: nested maps whose leaves are lists of terms (globs: `*` for any
//! characters, `?` for one). A top-level key is a frame; a second-level key a motif; deeper keys are
//! joined to the motif's name with `.`; a list of terms directly under a top-level key is one motif
//! with the frame's id. A single term instead of a list is read as a list of one.
//!
//! The file is read as parser events with their positions, so every value that cannot be converted
//! (a number, a list inside a list, an alias) is reported with its line.

use super::draft::Draft;
use super::terms::{term_pattern, Wildcards};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Nesting deeper than this is reported rather than followed.
const MAX_DEPTH: usize = 32;

/// A YAML value with the line it starts on.
#[derive(Debug)]
enum Node {
    Scalar(String, usize),
    List(Vec<Node>, usize),
    Map(Vec<(Node, Node)>, usize),
    Alias(usize),
}

impl Node {
    fn line(&self) -> usize {
        match self {
            Node::Scalar(_, line) | Node::List(_, line) | Node::Map(_, line) | Node::Alias(line) => *line,
        }
    }
}

/// Builds [`Node`]s from parser events without recursion; values nested deeper than
/// [`MAX_DEPTH`] are skipped (and their first line remembered), so no tree is too deep to drop.
#[derive(Default)]
struct Builder {
    /// Open lists and maps; a map collects alternating keys and values.
    open: Vec<(Vec<Node>, bool, usize)>,
    documents: Vec<Node>,
    skipping: usize,
    too_deep: Option<usize>,
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let line = mark.line().max(1);
        if self.skipping > 0
            || (self.open.len() > MAX_DEPTH && matches!(event, Event::SequenceStart(..) | Event::MappingStart(..)))
        {
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => self.skipping += 1,
                Event::SequenceEnd | Event::MappingEnd => self.skipping -= 1,
                _ => {}
            }
            self.too_deep.get_or_insert(line);
            return;
        }
        let node = match event {
            Event::Scalar(value, ..) => Node::Scalar(value, line),
            Event::Alias(_) => Node::Alias(line),
            Event::SequenceStart(..) => return self.open.push((Vec::new(), false, line)),
            Event::MappingStart(..) => return self.open.push((Vec::new(), true, line)),
            Event::SequenceEnd | Event::MappingEnd => return self.close(),
            _ => return,
        };
        self.push(node);
    }
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.open.last_mut() {
            Some((items, ..)) => items.push(node),
            None => self.documents.push(node),
        }
    }

    /// Ends the innermost open list or map.
    fn close(&mut self) {
        let Some((items, is_map, line)) = self.open.pop() else { return };
        let node = if is_map {
            let mut pairs = Vec::with_capacity(items.len() / 2);
            let mut items = items.into_iter();
            while let (Some(key), Some(value)) = (items.next(), items.next()) {
                pairs.push((key, value));
            }
            Node::Map(pairs, line)
        } else {
            Node::List(items, line)
        };
        self.push(node);
    }
}

pub(super) fn read(text: &str, draft: &mut Draft) {
    let mut builder = Builder::default();
    if let Err(e) = Parser::new_from_str(text).load(&mut builder, true) {
        draft.note(e.marker().line().max(1), format!("YAML syntax error: {}; nothing after it is converted", e.info()));
        // Keep what was read before the error.
        while !builder.open.is_empty() {
            builder.close();
        }
    }
    if let Some(line) = builder.too_deep {
        draft.note(line, format!("nested deeper than {MAX_DEPTH} levels; not converted"));
    }
    for document in builder.documents {
        match document {
            Node::Map(pairs, _) => {
                for (key, value) in pairs {
                    if let Some(name) = key_name(draft, &key) {
                        walk(draft, &mut vec![name], value);
                    }
                }
            }
            other => draft.note(other.line(), "the top level is not a map of categories; not converted"),
        }
    }
}

fn key_name(draft: &mut Draft, key: &Node) -> Option<String> {
    match key {
        Node::Scalar(name, _) if !name.trim().is_empty() => Some(name.trim().to_string()),
        other => {
            draft.note(other.line(), "a category key must be a non-empty text; its terms are not converted");
            None
        }
    }
}

fn walk(draft: &mut Draft, path: &mut Vec<String>, node: Node) {
    if path.len() > MAX_DEPTH {
        return draft.note(node.line(), format!("nested deeper than {MAX_DEPTH} levels; not converted"));
    }
    match node {
        Node::Map(pairs, _) => {
            for (key, value) in pairs {
                if let Some(name) = key_name(draft, &key) {
                    path.push(name);
                    walk(draft, path, value);
                    path.pop();
                }
            }
        }
        Node::List(items, line) => {
            if items.is_empty() {
                draft.note(line, format!("category '{}' has no terms; left out", path.join(".")));
            }
            for item in items {
                term(draft, path, item);
            }
        }
        scalar @ Node::Scalar(..) => term(draft, path, scalar),
        Node::Alias(line) => draft.note(line, "YAML aliases are not followed; not converted"),
    }
}

fn term(draft: &mut Draft, path: &[String], node: Node) {
    match node {
        Node::Scalar(text, line) => match term_pattern(&text, Wildcards::Glob) {
            Ok(pattern) => draft.add(path, 1.0, pattern),
            Err(message) => draft.note(line, format!("{message}; not converted")),
        },
        Node::List(_, line) => {
            draft.note(line, format!("a list inside the term list of '{}'; not converted", path.join(".")))
        }
        Node::Map(_, line) => {
            draft.note(line, format!("a map inside the term list of '{}'; not converted", path.join(".")))
        }
        Node::Alias(line) => draft.note(line, "YAML aliases are not followed; not converted"),
    }
}
