//! The tables of a run, declared once: each table's name, its columns in their fixed order and the
//! kind of every column. Every format (CSV, JSON lines, the workbook, the report, in-memory tables)
//! reads this declaration; nothing else lists columns or guesses a column's kind from its name.
//!
//! Some columns depend on the run: `documents` has one column per metadata field of the input (in
//! order of first appearance), eight per frame of the lexicon set, a `speaker` column with one row
//! per speaker, and the reuse columns with reuse detection; `hits` gains `recycled` with reuse
//! detection; `groups` (`--group-by`) has a column per key (declared in `groups.rs`). `lexicon coverage` writes `coverage`, `sample` and `precision`, `discover` writes
//! `candidates` (with a `group` column under `--by`); they come after the scan tables.

use crate::lexicon::LexiconSet;

/// One of the tables a run writes, in the order they are written (and the sheets of the workbook).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableName {
    /// One row per document (or per document and speaker): the framing figures.
    Documents,
    /// One row per group of documents (`--group-by`): their figures added up.
    Groups,
    /// One row per hit, with its position and context.
    Hits,
    /// One row per recycled passage, with its earliest source.
    Passages,
    /// One row per passage repeated inside one document.
    Refrains,
    /// The timeline: one row per segment.
    Segments,
    /// One row per record or file that could not be read.
    Errors,
    /// `lexicon coverage`: one row per motif and per pattern, with hits, documents and dates.
    Coverage,
    /// `lexicon coverage`: a keyword-in-context sample of hits per motif, to judge.
    Sample,
    /// `lexicon coverage --judged`: precision per motif and per frame.
    Precision,
    /// `discover`: candidate leitmotifs, ranked.
    Candidates,
}

impl TableName {
    /// Every table, in writing order.
    pub const ALL: [TableName; 11] = [
        TableName::Documents,
        TableName::Groups,
        TableName::Hits,
        TableName::Passages,
        TableName::Refrains,
        TableName::Segments,
        TableName::Errors,
        TableName::Coverage,
        TableName::Sample,
        TableName::Precision,
        TableName::Candidates,
    ];

    /// The table's name: the stem of its files and the name of its sheet.
    pub fn as_str(self) -> &'static str {
        match self {
            TableName::Documents => "documents",
            TableName::Groups => "groups",
            TableName::Hits => "hits",
            TableName::Passages => "passages",
            TableName::Refrains => "refrains",
            TableName::Segments => "segments",
            TableName::Errors => "errors",
            TableName::Coverage => "coverage",
            TableName::Sample => "sample",
            TableName::Precision => "precision",
            TableName::Candidates => "candidates",
        }
    }
}

impl std::fmt::Display for TableName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a column's values are typed in formats that have types (the workbook, JSON lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A field of the input, kept as text; the workbook shows ISO dates (`2022-02-24`) as dates.
    Metadata,
    /// A whole number.
    Integer,
    /// A number, written with at most four decimals.
    Number,
    /// A fraction 0–1, shown as a percentage in the workbook.
    Share,
    /// `true` or `false`.
    Bool,
    /// A list of items, joined by `;` in CSV, JSON lines and the workbook; a list of strings in
    /// Parquet.
    List,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header.
    pub name: String,
    /// How its values are typed.
    pub kind: Kind,
}

impl Column {
    pub(crate) fn new(name: impl Into<String>, kind: Kind) -> Column {
        Column { name: name.into(), kind }
    }
}

/// A table's declaration: its name and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    /// Which table.
    pub table: TableName,
    /// The columns in order.
    pub columns: Vec<Column>,
}

impl Schema {
    /// The position of the column called `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    fn fixed(table: TableName, columns: &[(&str, Kind)]) -> Schema {
        Schema { table, columns: columns.iter().map(|&(name, kind)| Column::new(name, kind)).collect() }
    }

    /// `hits`: one row per hit; with reuse detection a last column `recycled`.
    pub fn hits(reuse: bool) -> Schema {
        use Kind::*;
        let mut schema = Schema::fixed(
            TableName::Hits,
            &[
                ("doc_id", Text),
                ("frame", Text),
                ("motif", Text),
                ("pattern", Text),
                ("start", Integer),
                ("end", Integer),
                ("matched", Text),
                ("sentence", Integer),
                ("left", Text),
                ("right", Text),
                ("speaker", Text),
            ],
        );
        if reuse {
            schema.columns.push(Column::new("recycled", Bool));
        }
        schema
    }

    /// `segments`: the timeline: a row per segment with its main frame, where that came from and how
    /// sure, every frame of the segment (`frame:source:confidence`, largest share first), the motifs
    /// and cues in it, and each frame's share of its time as `<frame>_seconds`.
    pub fn segments(lexicons: &LexiconSet) -> Schema {
        use Kind::*;
        let mut schema = Schema::fixed(
            TableName::Segments,
            &[
                ("doc_id", Text),
                ("speaker", Text),
                ("segment", Integer),
                ("start", Integer),
                ("end", Integer),
                ("words", Integer),
                ("start_s", Number),
                ("end_s", Number),
                ("frame", Text),
                ("frame_source", Text),
                ("confidence", Number),
                ("frames", List),
                ("motifs", List),
                ("cues", List),
            ],
        );
        schema.columns.extend(lexicons.frames.iter().map(|f| Column::new(format!("{}_seconds", f.id), Number)));
        schema
    }

    /// `passages`: recycled passages.
    pub fn passages() -> Schema {
        use Kind::*;
        Schema::fixed(
            TableName::Passages,
            &[
                ("doc_id", Text),
                ("start", Integer),
                ("end", Integer),
                ("words", Integer),
                ("source_doc_id", Text),
                ("source_start", Integer),
                ("source_end", Integer),
                ("source_order", Text),
                ("similarity", Number),
                ("cluster_id", Integer),
                ("cluster_docs", Integer),
                ("text", Text),
            ],
        )
    }

    /// `refrains`: passages repeated inside one document.
    pub fn refrains() -> Schema {
        use Kind::*;
        Schema::fixed(
            TableName::Refrains,
            &[
                ("doc_id", Text),
                ("start", Integer),
                ("end", Integer),
                ("words", Integer),
                ("first_start", Integer),
                ("first_end", Integer),
                ("similarity", Number),
                ("text", Text),
            ],
        )
    }

    /// `errors`: what could not be read.
    pub fn errors() -> Schema {
        use Kind::*;
        Schema::fixed(TableName::Errors, &[("source", Text), ("line", Integer), ("message", Text)])
    }

    /// `coverage`: per motif (an empty `pattern`) and then per pattern of it, in lexicon order.
    pub fn coverage() -> Schema {
        use Kind::*;
        Schema::fixed(
            TableName::Coverage,
            &[
                ("frame", Text),
                ("motif", Text),
                ("pattern", Text),
                ("lexicon", Text),
                ("docs", Integer),
                ("hits", Integer),
                ("frame_share", Share),
                ("first_date", Metadata),
                ("last_date", Metadata),
            ],
        )
    }

    /// `sample`: hits to judge, with an empty `judgement` column.
    pub fn sample() -> Schema {
        use Kind::*;
        Schema::fixed(
            TableName::Sample,
            &[
                ("doc_id", Text),
                ("date", Metadata),
                ("speaker", Text),
                ("frame", Text),
                ("motif", Text),
                ("pattern", Text),
                ("left", Text),
                ("matched", Text),
                ("right", Text),
                ("judgement", Text),
            ],
        )
    }

    /// `precision`: per motif, per frame (an empty `motif`) and over all (`frame` = `(all)`).
    pub fn precision() -> Schema {
        use Kind::*;
        Schema::fixed(
            TableName::Precision,
            &[
                ("frame", Text),
                ("motif", Text),
                ("judged", Integer),
                ("correct", Integer),
                ("incorrect", Integer),
                ("unjudged", Integer),
                ("precision", Share),
                ("ci_low", Share),
                ("ci_high", Share),
            ],
        )
    }

    /// `candidates`: ranked phrases; `group` only when candidates are found per group (`--by`).
    pub fn candidates(groups: bool) -> Schema {
        use Kind::*;
        let mut columns = vec![("rank", Integer)];
        if groups {
            columns.push(("group", Text));
        }
        columns.extend([
            ("phrase", Text),
            ("words", Integer),
            ("docs", Integer),
            ("docs_share", Share),
            ("ref_docs", Integer),
            ("ref_share", Share),
            ("g2", Number),
            ("log_ratio", Number),
            ("first_date", Metadata),
            ("last_date", Metadata),
            ("example_doc_id", Text),
            ("left", Text),
            ("matched", Text),
            ("right", Text),
        ]);
        Schema::fixed(TableName::Candidates, &columns)
    }

    /// `documents`: `doc_id`, `speaker` (with one row per speaker), the metadata fields `meta_keys`
    /// (renamed `meta_<name>` where they would repeat a computed column), the figures, and the
    /// reuse columns with reuse detection.
    pub fn documents(lexicons: &LexiconSet, meta_keys: &[String], speaker_rows: bool, reuse: bool) -> Schema {
        let figures = figure_columns(lexicons);
        let mut columns = vec![Column::new("doc_id", Kind::Text)];
        if speaker_rows {
            columns.push(Column::new("speaker", Kind::Text));
        }
        let reserved = |key: &str| {
            key == "doc_id"
                || (speaker_rows && key == "speaker")
                || figures.iter().any(|c| c.name == key)
                || REUSE_COLUMNS.iter().any(|&(name, _)| name == key)
        };
        columns.extend(meta_keys.iter().map(|key| {
            let name = if reserved(key) { format!("meta_{key}") } else { key.clone() };
            Column::new(name, Kind::Metadata)
        }));
        columns.extend(figures);
        if reuse {
            columns.extend(REUSE_COLUMNS.iter().map(|&(name, kind)| Column::new(name, kind)));
        }
        Schema { table: TableName::Documents, columns }
    }
}

/// Per-frame column suffixes of `documents`, in order, with their kinds.
pub const FRAME_SUFFIXES: &[(&str, Kind)] = &[
    ("hits", Kind::Integer),
    ("motifs", Kind::Integer),
    ("per_1k", Kind::Number),
    ("share", Kind::Share),
    ("first", Kind::Share),
    ("score", Kind::Number),
    ("seconds", Kind::Number),
    ("airtime", Kind::Share),
];

/// Columns added to `documents` by reuse detection.
const REUSE_COLUMNS: &[(&str, Kind)] = &[
    ("recycled_words", Kind::Integer),
    ("recycled_share", Kind::Share),
    ("recycled_sources", Kind::Integer),
    ("boilerplate_frames", Kind::List),
];

/// The figure columns of `documents`, after the metadata: words, sentences, seconds, eight per
/// frame, the top and opening frames.
fn figure_columns(lexicons: &LexiconSet) -> Vec<Column> {
    let mut columns = vec![
        Column::new("words", Kind::Integer),
        Column::new("sentences", Kind::Integer),
        Column::new("seconds", Kind::Number),
    ];
    for frame in &lexicons.frames {
        columns
            .extend(FRAME_SUFFIXES.iter().map(|&(suffix, kind)| Column::new(format!("{}_{suffix}", frame.id), kind)));
    }
    columns.push(Column::new("top_frame", Kind::Text));
    columns.push(Column::new("opening_frame", Kind::Text));
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::load_bundled;

    #[test]
    fn metadata_named_like_a_computed_column_is_prefixed() {
        let lexicons = load_bundled().unwrap();
        let keys = vec!["date".to_string(), "speaker".to_string(), "words".to_string()];
        let schema = Schema::documents(&lexicons, &keys, true, true);
        let names: Vec<&str> = schema.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(&names[..5], ["doc_id", "speaker", "date", "meta_speaker", "meta_words"]);
        assert_eq!(names.last(), Some(&"boilerplate_frames"));
        assert_eq!(schema.columns[2].kind, Kind::Metadata);
        let share = schema.position(&format!("{}_share", lexicons.frames[0].id)).unwrap();
        assert_eq!(schema.columns[share].kind, Kind::Share);
    }

    #[test]
    fn hits_gain_recycled_with_reuse() {
        assert_eq!(Schema::hits(false).columns.len(), 11);
        assert_eq!(Schema::hits(true).columns.last().map(|c| c.kind), Some(Kind::Bool));
    }
}
