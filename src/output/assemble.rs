//! The assembler: turns the stream of per-document results into the run's typed tables and hands
//! each complete table to every output format.
//!
//! While the corpus streams, the rows of `documents`, `hits`, `segments` and `errors` go to typed
//! spools in the staging folder (memory stays independent of the corpus). When the run finishes, the
//! tables are completed — the metadata columns of `documents` are the union of every record's
//! fields, and with reuse detection `hits` gains `recycled` and `documents` the reuse columns — and
//! each table is handed, in the order of [`TableName::ALL`], to every [`TableSink`].

use super::cell::Cell;
use super::groups::{GroupBy, Groups};
use super::number::push_number;
use super::passages::{passages_table, refrains_table};
use super::schema::{Schema, TableName};
use super::spool::{CellRef, Spool, SpoolWriter};
use super::table::{Rows, RunInfo, Table, TableSink};
use super::{DocumentResult, Sink};
use crate::error::{Error, RecordError, Result};
use crate::lexicon::LexiconSet;
use crate::reuse::ReuseReport;
use crate::score::{add_segment_seconds, DocumentFigures};
use std::collections::HashMap;
use std::path::Path;

/// Which tables a run writes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableOptions {
    /// `documents`, `hits` and `segments` (false for `leitmotif reuse`).
    pub scan: bool,
    /// `passages`, `refrains`, and the reuse columns of `documents` and `hits`.
    pub reuse: bool,
    /// `documents` has a row per (document, speaker) and a `speaker` column.
    pub speaker_rows: bool,
    /// `groups`: the rows of `documents` added up per group.
    pub group_by: Option<GroupBy>,
    /// Which of `documents`, `hits` and `segments` a scan writes (`--tables`); `None`: all three.
    pub only: Option<Vec<TableName>>,
}

impl TableOptions {
    /// Whether the run writes `table` (one of the scan's own tables).
    pub fn writes(&self, table: TableName) -> bool {
        self.scan && self.only.as_ref().is_none_or(|only| only.contains(&table))
    }

    /// Whether the run needs the hits' rows: for the `hits` table, or, with reuse detection, for
    /// the `boilerplate_frames` column of `documents` (the frames with hits inside recycled
    /// passages), even when `hits` is not written.
    pub fn needs_hit_rows(&self) -> bool {
        self.writes(TableName::Hits) || (self.reuse && self.writes(TableName::Documents))
    }
}

/// The run's tables, spooled as the results arrive and handed to the sinks at the end.
pub struct Assembler<'s> {
    options: TableOptions,
    lexicons: LexiconSet,
    sinks: Vec<Box<dyn TableSink + Send + 's>>,
    documents: Option<SpoolWriter>,
    hits: Option<SpoolWriter>,
    segments: Option<SpoolWriter>,
    errors: Option<SpoolWriter>,
    groups: Option<Groups>,
    meta_keys: Vec<String>,
    key_index: HashMap<String, usize>,
    /// Documents received so far.
    ordinal: usize,
    /// Documents whose hits came first ([`Sink::hits_first`]).
    early_hits: usize,
    /// Reused buffers of a segment row: its frames, motifs and cues, and its seconds per frame.
    segment_texts: [String; 3],
    segment_seconds: Vec<f64>,
}

/// `items` joined by `;` into `out`.
fn join_into<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    out.clear();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(item);
    }
}

impl<'s> Assembler<'s> {
    /// An assembler whose spools live in `spool_dir` (a folder of its own, removed by the caller)
    /// and whose tables go to `sinks`.
    pub fn new(
        spool_dir: &Path,
        lexicons: &LexiconSet,
        options: TableOptions,
        sinks: Vec<Box<dyn TableSink + Send + 's>>,
    ) -> Result<Assembler<'s>> {
        let spool = |name: &str| SpoolWriter::create(spool_dir.join(format!("{name}.spool")));
        let scan_spool = |table: TableName| {
            if options.writes(table) {
                spool(&table.to_string()).map(Some)
            } else {
                Ok(None)
            }
        };
        let groups = options.group_by.clone().filter(|_| options.scan).map(|by| Groups::new(by, lexicons.frames.len()));
        let documents = scan_spool(TableName::Documents)?;
        let hits = if options.needs_hit_rows() { spool("hits").map(Some)? } else { None };
        let segments = scan_spool(TableName::Segments)?;
        Ok(Assembler {
            options,
            groups,
            lexicons: lexicons.clone(),
            sinks,
            documents,
            hits,
            segments,
            errors: Some(spool("errors")?),
            meta_keys: Vec::new(),
            key_index: HashMap::new(),
            ordinal: 0,
            early_hits: 0,
            segment_texts: Default::default(),
            segment_seconds: Vec::new(),
        })
    }

    /// What the groups and the sinks have to say about the output (keys without values, tables
    /// split or cut).
    pub fn notes(&self) -> Vec<String> {
        let groups = self.groups.iter().flat_map(|groups| groups.notes(&self.meta_keys));
        groups.chain(self.sinks.iter().flat_map(|sink| sink.notes())).collect()
    }

    /// Completes every sink once the pipeline has finished (the workbook is saved, the report
    /// written); returns their notes on anything split or cut.
    pub fn complete(mut self, run: &RunInfo) -> Result<Vec<String>> {
        for sink in &mut self.sinks {
            sink.finish(run)?;
        }
        Ok(self.notes())
    }

    fn key(&mut self, key: &str) -> usize {
        if let Some(&index) = self.key_index.get(key) {
            return index;
        }
        self.key_index.insert(key.to_string(), self.meta_keys.len());
        self.meta_keys.push(key.to_string());
        self.meta_keys.len() - 1
    }

    /// Spooled document row: ordinal, id, speaker, the number of metadata fields, (key index,
    /// value) per field, then the figure cells.
    fn spool_documents(&mut self, result: &DocumentResult) -> Result<()> {
        if self.documents.is_none() {
            return Ok(());
        }
        let keys: Vec<usize> = result.meta.iter().map(|(key, _)| self.key(key)).collect();
        for row in &result.rows {
            let mut cells = vec![
                Cell::count(self.ordinal),
                Cell::Text(result.id.clone()),
                row.speaker.clone().map_or(Cell::Empty, Cell::Text),
                Cell::count(keys.len()),
            ];
            for (&key, (_, value)) in keys.iter().zip(&result.meta) {
                cells.push(Cell::count(key));
                cells.push(Cell::Text(value.clone()));
            }
            figure_cells(&row.figures, &self.lexicons, &mut cells);
            self.documents.as_mut().expect("checked above").push(&cells)?;
        }
        Ok(())
    }

    /// Spooled hit row: ordinal, frame index, then the cells of `hits` (borrowed, not copied: a
    /// run can have millions of hits).
    fn spool_hits(&mut self, ordinal: usize, result: &DocumentResult) -> Result<()> {
        let Some(spool) = &mut self.hits else { return Ok(()) };
        let lexicons = &self.lexicons;
        for hit in &result.hits {
            let motif = &lexicons.motifs[hit.motif];
            let cells = [
                CellRef::count(ordinal),
                CellRef::count(motif.frame),
                CellRef::Text(&result.id),
                CellRef::Text(&lexicons.frames[motif.frame].id),
                CellRef::Text(&motif.id),
                CellRef::Text(&lexicons.patterns[hit.pattern].source),
                CellRef::count(hit.start),
                CellRef::count(hit.end),
                CellRef::Text(&hit.matched),
                CellRef::count(hit.sentence),
                CellRef::Text(&hit.left),
                CellRef::Text(&hit.right),
                CellRef::Text(&hit.speaker),
            ];
            spool.push_refs(cells)?;
        }
        Ok(())
    }

    /// Spooled segment row: the cells of `segments`, from borrowed values and reused buffers (a
    /// run can have millions of segments).
    fn spool_segments(&mut self, result: &DocumentResult) -> Result<()> {
        let Some(spool) = &mut self.segments else { return Ok(()) };
        let lexicons = &self.lexicons;
        let frame_id = |f: usize| lexicons.frames[f].id.as_str();
        let [frames, motifs, cues] = &mut self.segment_texts;
        let seconds = &mut self.segment_seconds;
        for (index, segment) in result.segments.iter().enumerate() {
            let main = segment.frames.first();
            frames.clear();
            for (i, f) in segment.frames.iter().enumerate() {
                let separator = if i > 0 { ";" } else { "" };
                frames.extend([separator, frame_id(f.frame), ":", f.source.name(), ":"]);
                push_number(frames, f.confidence);
            }
            join_into(motifs, segment.motifs.iter().map(|&m| lexicons.motifs[m].id.as_str()));
            join_into(cues, segment.cues.iter().map(String::as_str));
            // The segment's time shared among its frames, by the rule of the documents' figures.
            seconds.clear();
            seconds.resize(lexicons.frames.len(), 0.0);
            add_segment_seconds(seconds, segment.end_s - segment.start_s, &segment.frames);
            let cells = [
                CellRef::Text(&result.id),
                CellRef::Text(&segment.speaker),
                CellRef::count(index),
                CellRef::count(segment.start),
                CellRef::count(segment.end),
                CellRef::count(segment.words),
                CellRef::Float(segment.start_s),
                CellRef::Float(segment.end_s),
                CellRef::Text(main.map_or("(none)", |f| frame_id(f.frame))),
                main.map_or(CellRef::Empty, |f| CellRef::Text(f.source.name())),
                main.map_or(CellRef::Empty, |f| CellRef::Float(f.confidence)),
                CellRef::Text(frames),
                CellRef::Text(motifs),
                CellRef::Text(cues),
            ];
            let per_frame = seconds.iter().map(|&s| CellRef::Float(s));
            spool.push_refs(cells.into_iter().chain(per_frame))?;
        }
        Ok(())
    }
}

/// Hands a complete table to every sink.
fn send(sinks: &mut [Box<dyn TableSink + Send + '_>], table: &dyn Table) -> Result<()> {
    for sink in sinks {
        sink.table(table)?;
    }
    Ok(())
}

/// The figure cells of a `documents` row, in the order of [`Schema::documents`].
pub(super) fn figure_cells(figures: &DocumentFigures, lexicons: &LexiconSet, cells: &mut Vec<Cell>) {
    cells.extend([Cell::count(figures.words), Cell::count(figures.sentences), Cell::Float(figures.seconds)]);
    for frame in &figures.frames {
        cells.extend([
            Cell::count(frame.hits),
            Cell::count(frame.motifs),
            Cell::Float(frame.per_1k),
            Cell::Float(frame.share),
            frame.first.map_or(Cell::Empty, Cell::Float),
            Cell::Float(frame.score),
            Cell::Float(frame.seconds),
            Cell::Float(frame.airtime),
        ]);
    }
    let frame_name = |frame: Option<usize>| frame.map_or(Cell::Empty, |f| Cell::Text(lexicons.frames[f].id.clone()));
    cells.push(frame_name(figures.top_frame));
    cells.push(frame_name(figures.opening_frame));
}

impl Sink for Assembler<'_> {
    fn document(&mut self, result: &DocumentResult) -> Result<()> {
        self.spool_documents(result)?;
        // Empty when the hits came first.
        self.spool_hits(self.ordinal, result)?;
        self.spool_segments(result)?;
        if let Some(groups) = &mut self.groups {
            groups.add(self.ordinal, result);
        }
        self.ordinal += 1;
        Ok(())
    }

    fn hits_first(&mut self, result: &DocumentResult) -> Result<bool> {
        self.spool_hits(self.early_hits, result)?;
        self.early_hits += 1;
        Ok(true)
    }

    fn error(&mut self, error: &RecordError) -> Result<()> {
        let line = if error.line > 0 { Cell::Int(error.line as i64) } else { Cell::Empty };
        let spool = self.errors.as_mut().ok_or_else(|| Error::usage("an error was reported after the run finished"))?;
        spool.push(&[Cell::Text(error.source.clone()), line, Cell::Text(error.message.clone())])
    }

    fn finish(&mut self, reuse: Option<&ReuseReport>) -> Result<()> {
        let reuse = reuse.filter(|_| self.options.reuse);
        let documents = self.documents.take().map(SpoolWriter::finish).transpose()?;
        let hits = self.hits.take().map(SpoolWriter::finish).transpose()?;
        let segments = self.segments.take().map(SpoolWriter::finish).transpose()?;
        let errors = self.errors.take().map(SpoolWriter::finish).transpose()?;
        let boilerplate = match (&hits, reuse) {
            (Some(hits), Some(report)) => boilerplate_frames(hits, report, self.lexicons.frames.len())?,
            _ => Vec::new(),
        };
        for name in TableName::ALL {
            match name {
                TableName::Documents => {
                    if let Some(spool) = &documents {
                        let schema = Schema::documents(
                            &self.lexicons,
                            &self.meta_keys,
                            self.options.speaker_rows,
                            reuse.is_some(),
                        );
                        let complete = DocumentsRow {
                            keys: self.meta_keys.len(),
                            speaker_rows: self.options.speaker_rows,
                            reuse: reuse.map(|report| (report, boilerplate.as_slice())),
                            frame_ids: self.lexicons.frames.iter().map(|f| f.id.as_str()).collect(),
                        };
                        let complete = |row: &mut Vec<Cell>| {
                            *row = complete.row(std::mem::take(row))?;
                            Ok(())
                        };
                        let table = SpooledTable { schema, spool, complete: &complete };
                        send(&mut self.sinks, &table)?;
                    }
                }
                TableName::Groups => {
                    if let Some(groups) = &self.groups {
                        send(&mut self.sinks, &groups.table(&self.lexicons))?;
                    }
                }
                TableName::Hits => {
                    if let (Some(spool), true) = (&hits, self.options.writes(TableName::Hits)) {
                        let complete = |row: &mut Vec<Cell>| hit_row(row, reuse);
                        let table = SpooledTable { schema: Schema::hits(reuse.is_some()), spool, complete: &complete };
                        send(&mut self.sinks, &table)?;
                    }
                }
                TableName::Passages => {
                    if let Some(report) = reuse {
                        send(&mut self.sinks, &passages_table(report))?;
                    }
                }
                TableName::Refrains => {
                    if let Some(report) = reuse {
                        send(&mut self.sinks, &refrains_table(report))?;
                    }
                }
                TableName::Segments => {
                    if let Some(spool) = &segments {
                        send(
                            &mut self.sinks,
                            &SpooledTable { schema: Schema::segments(&self.lexicons), spool, complete: &|_| Ok(()) },
                        )?;
                    }
                }
                TableName::Errors => {
                    if let Some(spool) = &errors {
                        send(
                            &mut self.sinks,
                            &SpooledTable { schema: Schema::errors(), spool, complete: &|_| Ok(()) },
                        )?;
                    }
                }
                TableName::Coverage | TableName::Sample | TableName::Precision | TableName::Candidates => {}
            }
        }
        Ok(())
    }
}

/// A table read from a spool, each row completed in place by `complete`.
struct SpooledTable<'a> {
    schema: Schema,
    spool: &'a Spool,
    complete: &'a (dyn Fn(&mut Vec<Cell>) -> Result<()> + Sync),
}

impl Table for SpooledTable<'_> {
    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn len(&self) -> usize {
        self.spool.len()
    }

    fn rows(&self) -> Result<Rows<'_>> {
        Ok(Box::new(self.spool.rows()?.map(|row| {
            let mut row = row?;
            (self.complete)(&mut row)?;
            Ok(row)
        })))
    }

    fn parts(&self) -> usize {
        self.spool.parts().max(1)
    }

    fn for_each_row_of(&self, part: usize, each: &mut dyn FnMut(&[Cell]) -> Result<()>) -> Result<()> {
        let mut rows = self.spool.part(part)?;
        let mut row = Vec::new();
        while rows.next_into(&mut row)? {
            (self.complete)(&mut row)?;
            each(&row)?;
        }
        Ok(())
    }
}

/// Completes spooled `documents` rows.
struct DocumentsRow<'a> {
    keys: usize,
    speaker_rows: bool,
    reuse: Option<(&'a ReuseReport, &'a [Vec<usize>])>,
    frame_ids: Vec<&'a str>,
}

impl DocumentsRow<'_> {
    fn row(&self, spooled: Vec<Cell>) -> Result<Vec<Cell>> {
        let mut cells = spooled.into_iter();
        let ordinal = int(cells.next())?;
        let mut row = vec![cells.next().unwrap_or(Cell::Empty)];
        let speaker = cells.next().unwrap_or(Cell::Empty);
        if self.speaker_rows {
            row.push(speaker);
        }
        let mut meta = vec![Cell::Empty; self.keys];
        for _ in 0..int(cells.next())? {
            let key = int(cells.next())?;
            let value = cells.next().unwrap_or(Cell::Empty);
            *meta.get_mut(key).ok_or_else(|| corrupt("metadata key"))? = value;
        }
        row.extend(meta);
        row.extend(cells);
        if let Some((report, boilerplate)) = self.reuse {
            let figures = report.per_document.get(ordinal).ok_or_else(|| corrupt("document ordinal"))?;
            let names: Vec<&str> = boilerplate[ordinal].iter().map(|&f| self.frame_ids[f]).collect();
            row.extend([
                Cell::count(figures.recycled_words),
                Cell::Float(figures.recycled_share),
                Cell::count(figures.recycled_sources),
                Cell::Text(names.join(";")),
            ]);
        }
        Ok(row)
    }
}

/// A spooled hit row made a `hits` row: without its ordinal and frame index, with `recycled` under
/// reuse detection.
fn hit_row(row: &mut Vec<Cell>, reuse: Option<&ReuseReport>) -> Result<()> {
    let (ordinal, start, end) = hit_position(row)?;
    row.drain(..2);
    if let Some(report) = reuse {
        row.push(Cell::Bool(report.is_recycled(ordinal, start, end)));
    }
    Ok(())
}

/// Document ordinal, character start and end of a spooled hit.
fn hit_position(spooled: &[Cell]) -> Result<(usize, usize, usize)> {
    let at = |i: usize| int(spooled.get(i).cloned());
    Ok((at(0)?, at(6)?, at(7)?))
}

/// Per document, the frames (indices, sorted) with a hit inside a recycled passage.
fn boilerplate_frames(hits: &Spool, report: &ReuseReport, frames: usize) -> Result<Vec<Vec<usize>>> {
    let mut found = vec![vec![false; frames]; report.docs.len()];
    for row in hits.rows()? {
        let row = row?;
        let (ordinal, start, end) = hit_position(&row)?;
        if report.is_recycled(ordinal, start, end) {
            let frame = int(row.get(1).cloned())?;
            if let Some(flag) = found.get_mut(ordinal).and_then(|f| f.get_mut(frame)) {
                *flag = true;
            }
        }
    }
    Ok(found.into_iter().map(|flags| (0..frames).filter(|&f| flags[f]).collect()).collect())
}

fn int(cell: Option<Cell>) -> Result<usize> {
    match cell {
        Some(Cell::Int(n)) if n >= 0 => Ok(n as usize),
        _ => Err(corrupt("number")),
    }
}

fn corrupt(what: &str) -> Error {
    Error::io("spool", std::io::Error::new(std::io::ErrorKind::InvalidData, format!("unexpected {what} in a spool")))
}
