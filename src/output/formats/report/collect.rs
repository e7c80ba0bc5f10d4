//! What the report keeps of each table as it arrives: one compact record per document (rows per
//! speaker are merged into their document), the `groups` rows, per chart cell (frame × time bin)
//! and per motif the hit counts with a seeded sample of hits in context, and the recycled passages.

use super::sample::{hit_key, Sample};
use super::strips::Strip;
use super::timeline::{bin_documents, Timeline};
use crate::error::Result;
use crate::lexicon::LexiconSet;
use crate::output::cell::Cell;
use crate::output::table::Table;
use std::collections::HashMap;

/// Examples kept per chart cell and per motif.
pub(super) const EXAMPLES: usize = 5;

/// One document, as the page shows it.
#[derive(Debug, Clone, Default)]
pub(super) struct Doc {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    /// The speakers of its rows (per speaker), or its `speaker` field.
    pub speakers: Vec<String>,
    pub words: f64,
    pub seconds: f64,
    /// Per frame: hits, and seconds.
    pub hits: Vec<f64>,
    pub frame_seconds: Vec<f64>,
    /// Share of its words in recycled passages (with reuse detection).
    pub recycled_share: Option<f64>,
}

/// A hit in context.
#[derive(Debug, Clone)]
pub(super) struct Kwic {
    pub doc: usize,
    pub left: String,
    pub matched: String,
    pub right: String,
    pub speaker: String,
}

/// Hits of one motif.
#[derive(Debug, Clone)]
pub(super) struct MotifStats {
    pub hits: u64,
    /// Hits per document (index into `docs`).
    pub docs: HashMap<usize, u32>,
    pub sample: Sample<Kwic>,
}

/// A recycled passage.
#[derive(Debug, Clone)]
pub(super) struct Passage {
    pub doc_id: String,
    pub start: usize,
    pub end: usize,
    pub words: f64,
    pub source_doc_id: String,
    pub source_order: String,
    pub cluster: String,
    pub cluster_docs: f64,
    pub text: String,
}

/// The `groups` table: its key columns and rows.
#[derive(Debug, Clone, Default)]
pub(super) struct Groups {
    pub keys: Vec<String>,
    pub rows: Vec<GroupRow>,
}

/// A row of `groups`.
#[derive(Debug, Clone, Default)]
pub(super) struct GroupRow {
    pub key: String,
    pub documents: f64,
    pub words: f64,
    pub seconds: f64,
    pub hits: Vec<f64>,
    pub frame_seconds: Vec<f64>,
}

/// Everything the page is built from.
pub(super) struct ReportData {
    pub frames: usize,
    frame_ids: Vec<String>,
    /// A `documents` table was received (a scan, not `leitmotif reuse`).
    pub scanned: bool,
    pub docs: Vec<Doc>,
    pub index: HashMap<String, usize>,
    pub timeline: Timeline,
    pub groups: Option<Groups>,
    pub hits: u64,
    /// Per motif of the lexicon set.
    pub motifs: Vec<MotifStats>,
    /// Per (frame, bin; `None`: undated) the hits in context.
    pub cells: HashMap<(usize, Option<usize>), Sample<Kwic>>,
    pub passages: Vec<Passage>,
    /// Per document id, the character spans of its recycled passages.
    pub recycled: HashMap<String, Vec<(usize, usize)>>,
    pub refrains: usize,
    pub errors: usize,
    pub strips: Vec<Strip>,
    /// Documents in the segments table (those with a timeline).
    pub segment_documents: usize,
}

/// The text of a cell (empty when the column is absent).
pub(super) fn text(row: &[Cell], index: Option<usize>) -> String {
    index.and_then(|i| row.get(i)).map_or(String::new(), |cell| cell.to_text().into_owned())
}

/// The number in a cell (0 when absent or not a number).
pub(super) fn number(row: &[Cell], index: Option<usize>) -> f64 {
    match index.and_then(|i| row.get(i)) {
        Some(Cell::Int(n)) => *n as f64,
        Some(Cell::Float(x)) => *x,
        Some(cell) => cell.to_text().parse().unwrap_or(0.0),
        None => 0.0,
    }
}

fn non_empty(value: String) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

impl ReportData {
    pub fn new(lexicons: &LexiconSet) -> ReportData {
        ReportData {
            frames: lexicons.frames.len(),
            frame_ids: lexicons.frames.iter().map(|f| f.id.clone()).collect(),
            scanned: false,
            docs: Vec::new(),
            index: HashMap::new(),
            timeline: Timeline::default(),
            groups: None,
            hits: 0,
            motifs: lexicons
                .motifs
                .iter()
                .map(|_| MotifStats { hits: 0, docs: HashMap::new(), sample: Sample::new(EXAMPLES) })
                .collect(),
            cells: HashMap::new(),
            passages: Vec::new(),
            recycled: HashMap::new(),
            refrains: 0,
            errors: 0,
            strips: Vec::new(),
            segment_documents: 0,
        }
    }

    /// `documents`: a record per document; then the time bins.
    pub fn read_documents(&mut self, table: &dyn Table) -> Result<()> {
        self.scanned = true;
        let schema = table.schema();
        let at = |name: &str| schema.position(name);
        let (id, speaker, words, seconds) = (at("doc_id"), at("speaker"), at("words"), at("seconds"));
        let title = at("title").or_else(|| at("headline")).or_else(|| at("meta_title"));
        let dates = [at("date"), at("meta_date"), at("year"), at("meta_year")];
        let recycled = at("recycled_share");
        let frames: Vec<(Option<usize>, Option<usize>)> =
            self.frame_ids.iter().map(|id| (at(&format!("{id}_hits")), at(&format!("{id}_seconds")))).collect();
        for row in table.rows()? {
            let row = row?;
            let doc_id = text(&row, id);
            let index = match self.index.get(&doc_id) {
                Some(&index) => index,
                None => {
                    let date = dates
                        .iter()
                        .map(|&column| text(&row, column))
                        .find(|value| crate::output::year_month(value.trim()).is_some());
                    self.docs.push(Doc {
                        id: doc_id.clone(),
                        title: non_empty(text(&row, title)),
                        date,
                        hits: vec![0.0; self.frames],
                        frame_seconds: vec![0.0; self.frames],
                        recycled_share: recycled.map(|_| number(&row, recycled)),
                        ..Doc::default()
                    });
                    self.index.insert(doc_id, self.docs.len() - 1);
                    self.docs.len() - 1
                }
            };
            let doc = &mut self.docs[index];
            let name = non_empty(text(&row, speaker)).or_else(|| non_empty(text(&row, at("meta_speaker"))));
            if let Some(name) = name {
                if !doc.speakers.contains(&name) {
                    doc.speakers.push(name);
                }
            }
            doc.words += number(&row, words);
            doc.seconds += number(&row, seconds);
            for (f, &(hits, seconds)) in frames.iter().enumerate() {
                doc.hits[f] += number(&row, hits);
                doc.frame_seconds[f] += number(&row, seconds);
            }
        }
        let dates: Vec<_> =
            self.docs.iter().map(|d| d.date.as_deref().and_then(|v| crate::output::year_month(v.trim()))).collect();
        self.timeline = bin_documents(&dates);
        Ok(())
    }

    /// `groups`: key columns are those before `documents`.
    pub fn read_groups(&mut self, table: &dyn Table) -> Result<()> {
        let schema = table.schema();
        let first_figure = schema.position("documents").unwrap_or(0);
        let keys: Vec<String> = schema.columns[..first_figure].iter().map(|c| c.name.clone()).collect();
        let at = |name: &str| schema.position(name);
        let per_frame = |suffix: &str| -> Vec<Option<usize>> {
            self.frame_ids.iter().map(|id| at(&format!("{id}{suffix}"))).collect()
        };
        let (hits, seconds) = (per_frame("_hits"), per_frame("_seconds"));
        let mut rows = Vec::new();
        for row in table.rows()? {
            let row = row?;
            rows.push(GroupRow {
                key: (0..first_figure).map(|i| text(&row, Some(i))).collect::<Vec<_>>().join(" · "),
                documents: number(&row, at("documents")),
                words: number(&row, at("words")),
                seconds: number(&row, at("seconds")),
                hits: hits.iter().map(|&c| number(&row, c)).collect(),
                frame_seconds: seconds.iter().map(|&c| number(&row, c)).collect(),
            });
        }
        self.groups = Some(Groups { keys, rows });
        Ok(())
    }

    /// `hits`: counts per motif, and samples per motif and per chart cell.
    pub fn read_hits(&mut self, table: &dyn Table, lexicons: &LexiconSet) -> Result<()> {
        let schema = table.schema();
        let at = |name: &str| schema.position(name);
        let (doc_id, motif, start) = (at("doc_id"), at("motif"), at("start"));
        let (left, matched, right, speaker) = (at("left"), at("matched"), at("right"), at("speaker"));
        let motif_index: HashMap<&str, usize> =
            lexicons.motifs.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
        for row in table.rows()? {
            let row = row?;
            self.hits += 1;
            let id = text(&row, doc_id);
            let Some(&doc) = self.index.get(&id) else { continue };
            let Some(&m) = motif_index.get(text(&row, motif).as_str()) else { continue };
            let frame = lexicons.motifs[m].frame;
            let key = hit_key(&id, number(&row, start) as usize);
            let kwic = || Kwic {
                doc,
                left: text(&row, left),
                matched: text(&row, matched),
                right: text(&row, right),
                speaker: text(&row, speaker),
            };
            let stats = &mut self.motifs[m];
            stats.hits += 1;
            *stats.docs.entry(doc).or_default() += 1;
            stats.sample.offer(key, kwic);
            let bin = self.timeline.bin_of.get(doc).copied().flatten();
            self.cells.entry((frame, bin)).or_insert_with(|| Sample::new(EXAMPLES)).offer(key, kwic);
        }
        Ok(())
    }

    /// `passages`: every recycled passage (a few per document at most).
    pub fn read_passages(&mut self, table: &dyn Table) -> Result<()> {
        let schema = table.schema();
        let at = |name: &str| schema.position(name);
        for row in table.rows()? {
            let row = row?;
            let passage = Passage {
                doc_id: text(&row, at("doc_id")),
                start: number(&row, at("start")) as usize,
                end: number(&row, at("end")) as usize,
                words: number(&row, at("words")),
                source_doc_id: text(&row, at("source_doc_id")),
                source_order: text(&row, at("source_order")),
                cluster: text(&row, at("cluster_id")),
                cluster_docs: number(&row, at("cluster_docs")),
                text: text(&row, at("text")).chars().take(400).collect(),
            };
            self.recycled.entry(passage.doc_id.clone()).or_default().push((passage.start, passage.end));
            self.passages.push(passage);
        }
        Ok(())
    }
}
