//! The CSV sink: `documents.csv`, `hits.csv`, `errors.csv` and, with reuse detection,
//! `passages.csv` and `refrains.csv` in the output directory.
//!
//! With reuse detection, what is recycled is known only after the whole corpus is read, so hit rows
//! are spooled to disk (like the documents rows, see `spool.rs`) and written out at the end with
//! their `recycled` column.

use super::cells::unescape_cell;
use super::columns::{document_columns, HIT_COLUMNS, REUSE_DOCUMENT_COLUMNS, SEGMENT_COLUMNS};
use super::number::format_number;
use super::passages::{write_passages, write_refrains};
use super::spool::{Spool, SpooledRow};
use super::table::{csv_error, Table};
use super::{DocumentResult, Sink};
use crate::error::{Error, RecordError, Result};
use crate::lexicon::LexiconSet;
use crate::reuse::ReuseReport;
use crate::score::DocumentFigures;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Which tables a run writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tables {
    /// `documents.csv` and `hits.csv`.
    pub scan: bool,
    /// `passages.csv`, `refrains.csv`, and the reuse columns of the scan tables.
    pub reuse: bool,
    /// `documents.csv` has a row per (document, speaker) and a `speaker` column.
    pub speaker_rows: bool,
    /// CSV files start with a UTF-8 byte-order mark (`--excel`).
    pub byte_order_mark: bool,
}

/// Writes the CSV tables of a run.
pub struct CsvSink {
    dir: PathBuf,
    tables: Tables,
    frame_ids: Vec<String>,
    motif_frames: Vec<(String, String)>,
    pattern_sources: Vec<String>,
    motif_ids: Vec<String>,
    figure_columns: Vec<String>,
    segments: Option<Table>,
    /// `hits.csv`, or its spool (rows prefixed with the document ordinal) when reuse is on.
    hits: Option<Table>,
    errors: Option<Table>,
    documents: Option<Spool>,
    ordinal: usize,
}

impl CsvSink {
    /// Creates the output directory and opens the tables.
    pub fn create(dir: &Path, lexicons: &LexiconSet, tables: Tables) -> Result<CsvSink> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let errors = Table::create(dir.join("errors.csv"), ["source", "line", "message"], tables.byte_order_mark)?;
        let segments = if tables.scan {
            Some(Table::create(dir.join("segments.csv"), SEGMENT_COLUMNS, tables.byte_order_mark)?)
        } else {
            None
        };
        let (hits, documents) = if tables.scan {
            let hits = if tables.reuse {
                Table::create(
                    dir.join(".hits.csv.spool"),
                    std::iter::once("ordinal").chain(HIT_COLUMNS.iter().copied()),
                    false,
                )?
            } else {
                Table::create(dir.join("hits.csv"), HIT_COLUMNS, tables.byte_order_mark)?
            };
            (Some(hits), Some(Spool::create(dir.join(".documents.csv.spool"))?))
        } else {
            (None, None)
        };
        Ok(CsvSink {
            dir: dir.to_path_buf(),
            tables,
            frame_ids: lexicons.frames.iter().map(|f| f.id.clone()).collect(),
            motif_frames: lexicons.motifs.iter().map(|m| (lexicons.frames[m.frame].id.clone(), m.id.clone())).collect(),
            pattern_sources: lexicons.patterns.iter().map(|p| p.source.clone()).collect(),
            motif_ids: lexicons.motifs.iter().map(|m| m.id.clone()).collect(),
            figure_columns: document_columns(lexicons),
            segments,
            hits,
            errors: Some(errors),
            documents,
            ordinal: 0,
        })
    }

    fn figure_cells(&self, figures: &DocumentFigures) -> Vec<String> {
        let mut cells = vec![figures.words.to_string(), figures.sentences.to_string(), format_number(figures.seconds)];
        for frame in &figures.frames {
            cells.push(frame.hits.to_string());
            cells.push(frame.motifs.to_string());
            cells.push(format_number(frame.per_1k));
            cells.push(format_number(frame.share));
            cells.push(frame.first.map(format_number).unwrap_or_default());
            cells.push(format_number(frame.score));
            cells.push(format_number(frame.seconds));
            cells.push(format_number(frame.airtime));
        }
        let frame_name = |frame: Option<usize>| frame.map(|f| self.frame_ids[f].clone()).unwrap_or_default();
        cells.push(frame_name(figures.top_frame));
        cells.push(frame_name(figures.opening_frame));
        cells
    }

    fn write_segments(&mut self, result: &DocumentResult) -> Result<()> {
        let Some(table) = &mut self.segments else { return Ok(()) };
        for (index, segment) in result.segments.iter().enumerate() {
            let frame = segment.frame.map_or("(none)", |f| self.frame_ids[f].as_str());
            let motifs: Vec<&str> = segment.motifs.iter().map(|&m| self.motif_ids[m].as_str()).collect();
            table.row([
                result.id.as_str(),
                &segment.speaker,
                &index.to_string(),
                &segment.start.to_string(),
                &segment.end.to_string(),
                &segment.words.to_string(),
                &format_number(segment.start_s),
                &format_number(segment.end_s),
                frame,
                &motifs.join(";"),
            ])?;
        }
        Ok(())
    }

    /// Writes `hits.csv` from the spool with the `recycled` column; returns, per document, the
    /// frames (indices) with a hit inside a recycled passage.
    fn replay_hits(&self, spool: Table, report: &ReuseReport) -> Result<Vec<Vec<usize>>> {
        let spool_path = spool.path().to_path_buf();
        spool.finish()?;
        let frame_index: HashMap<&str, usize> =
            self.frame_ids.iter().enumerate().map(|(i, f)| (f.as_str(), i)).collect();
        let mut boilerplate = vec![Vec::new(); report.docs.len()];
        let mut hits = Table::create(
            self.dir.join("hits.csv"),
            HIT_COLUMNS.iter().copied().chain(["recycled"]),
            self.tables.byte_order_mark,
        )?;
        let mut reader = csv::Reader::from_path(&spool_path).map_err(|e| csv_error(&spool_path, e))?;
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).map_err(|e| csv_error(&spool_path, e))? {
            let number = |i: usize| record[i].parse::<usize>().expect("the spool holds numbers where it wrote them");
            let (ordinal, start, end) = (number(0), number(5), number(6));
            let recycled = report.is_recycled(ordinal, start, end);
            if recycled {
                boilerplate[ordinal].push(frame_index[&record[2]]);
            }
            // The spool was written with the formula-injection rule; `row` applies it again.
            hits.row(record.iter().skip(1).map(unescape_cell).chain([if recycled { "true" } else { "false" }]))?;
        }
        hits.finish()?;
        std::fs::remove_file(&spool_path).map_err(|e| Error::io(&spool_path, e))?;
        Ok(boilerplate)
    }

    fn write_documents(
        &self,
        spool: Spool,
        report: Option<&ReuseReport>,
        boilerplate: &mut [Vec<usize>],
    ) -> Result<()> {
        let mut header = vec!["doc_id".to_string()];
        if self.tables.speaker_rows {
            header.push("speaker".to_string());
        }
        // A metadata field named like a computed column (a JSONL field `speaker`, say) is written
        // as `meta_<name>`, so that every column name is unique.
        let speaker_column = if self.tables.speaker_rows { Some("speaker") } else { None };
        let reserved: Vec<&str> = std::iter::once("doc_id")
            .chain(speaker_column)
            .chain(self.figure_columns.iter().map(String::as_str))
            .chain(REUSE_DOCUMENT_COLUMNS.iter().copied())
            .collect();
        header.extend(spool.keys().iter().map(|k| {
            if reserved.contains(&k.as_str()) {
                format!("meta_{k}")
            } else {
                k.clone()
            }
        }));
        header.extend(self.figure_columns.iter().cloned());
        if report.is_some() {
            header.extend(REUSE_DOCUMENT_COLUMNS.iter().map(|c| c.to_string()));
        }
        let mut documents = Table::create(self.dir.join("documents.csv"), &header, self.tables.byte_order_mark)?;
        let speaker_rows = self.tables.speaker_rows;
        spool.drain(|spooled, meta| {
            let mut row = vec![spooled.id.clone()];
            if speaker_rows {
                row.push(spooled.speaker.clone().unwrap_or_default());
            }
            row.extend(meta.into_iter().map(String::from));
            row.extend(spooled.cells.iter().cloned());
            if let Some(report) = report {
                let figures = &report.per_document[spooled.ordinal];
                let frames = &mut boilerplate[spooled.ordinal];
                frames.sort_unstable();
                frames.dedup();
                let names: Vec<&str> = frames.iter().map(|&f| self.frame_ids[f].as_str()).collect();
                row.extend([
                    figures.recycled_words.to_string(),
                    format_number(figures.recycled_share),
                    figures.recycled_sources.to_string(),
                    names.join(";"),
                ]);
            }
            documents.row(&row)
        })?;
        documents.finish()
    }
}

impl Sink for CsvSink {
    fn document(&mut self, result: &DocumentResult) -> Result<()> {
        if let Some(hits) = &mut self.hits {
            let ordinal = self.ordinal.to_string();
            for hit in &result.hits {
                let (frame, motif) = &self.motif_frames[hit.motif];
                let cells = [
                    result.id.as_str(),
                    frame,
                    motif,
                    &self.pattern_sources[hit.pattern],
                    &hit.start.to_string(),
                    &hit.end.to_string(),
                    &hit.matched,
                    &hit.sentence.to_string(),
                    &hit.left,
                    &hit.right,
                    &hit.speaker,
                ];
                let prefix = self.tables.reuse.then_some(ordinal.as_str());
                hits.row(prefix.into_iter().chain(cells))?;
            }
        }
        for row in &result.rows {
            let cells = self.figure_cells(&row.figures);
            if let Some(documents) = &mut self.documents {
                documents.push(&SpooledRow {
                    ordinal: self.ordinal,
                    id: result.id.clone(),
                    speaker: row.speaker.clone(),
                    meta: result.meta.clone(),
                    cells,
                })?;
            }
        }
        self.write_segments(result)?;
        self.ordinal += 1;
        Ok(())
    }

    fn error(&mut self, error: &RecordError) -> Result<()> {
        let line = if error.line > 0 { error.line.to_string() } else { String::new() };
        let errors = self.errors.as_mut().expect("error() is not called after finish()");
        errors.row([error.source.as_str(), &line, &error.message])
    }

    fn finish(&mut self, reuse: Option<&ReuseReport>) -> Result<()> {
        if let Some(errors) = self.errors.take() {
            errors.finish()?;
        }
        if let Some(segments) = self.segments.take() {
            segments.finish()?;
        }
        let mut boilerplate = Vec::new();
        if let Some(hits) = self.hits.take() {
            match reuse {
                Some(report) if self.tables.reuse => boilerplate = self.replay_hits(hits, report)?,
                _ => hits.finish()?,
            }
        }
        if let Some(spool) = self.documents.take() {
            self.write_documents(spool, reuse.filter(|_| self.tables.reuse), &mut boilerplate)?;
        }
        if let Some(report) = reuse.filter(|_| self.tables.reuse) {
            write_passages(&self.dir.join("passages.csv"), report, self.tables.byte_order_mark)?;
            write_refrains(&self.dir.join("refrains.csv"), report, self.tables.byte_order_mark)?;
        }
        Ok(())
    }
}
