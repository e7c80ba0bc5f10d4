//! The CSV sink: `documents.csv`, `hits.csv` and `errors.csv` in the output directory (UTF-8,
//! header row, RFC 4180 quoting). One place configures every writer.

use super::columns::{document_columns, HIT_COLUMNS};
use super::number::format_number;
use super::spool::{Spool, SpooledRow};
use super::{DocumentResult, Sink};
use crate::error::{Error, RecordError, Result};
use crate::lexicon::LexiconSet;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

type Writer = csv::Writer<BufWriter<File>>;

/// Writes the CSV tables of a scan.
pub struct CsvSink {
    dir: PathBuf,
    frame_ids: Vec<String>,
    motif_frames: Vec<(String, String)>,
    pattern_sources: Vec<String>,
    figure_columns: Vec<String>,
    hits: Writer,
    errors: Writer,
    spool: Option<Spool>,
}

fn writer(path: &Path) -> Result<Writer> {
    let file = File::create(path).map_err(|e| Error::io(path, e))?;
    Ok(csv::WriterBuilder::new().from_writer(BufWriter::with_capacity(256 * 1024, file)))
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::io(path, std::io::Error::other(e))
}

impl CsvSink {
    /// Creates the output directory and opens the tables.
    pub fn create(dir: &Path, lexicons: &LexiconSet) -> Result<CsvSink> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut hits = writer(&dir.join("hits.csv"))?;
        hits.write_record(HIT_COLUMNS)
            .map_err(|e| csv_error(&dir.join("hits.csv"), e))?;
        let mut errors = writer(&dir.join("errors.csv"))?;
        errors
            .write_record(["source", "line", "message"])
            .map_err(|e| csv_error(&dir.join("errors.csv"), e))?;
        Ok(CsvSink {
            dir: dir.to_path_buf(),
            frame_ids: lexicons.frames.iter().map(|f| f.id.clone()).collect(),
            motif_frames: lexicons
                .motifs
                .iter()
                .map(|m| (lexicons.frames[m.frame].id.clone(), m.id.clone()))
                .collect(),
            pattern_sources: lexicons.patterns.iter().map(|p| p.source.clone()).collect(),
            figure_columns: document_columns(lexicons),
            hits,
            errors,
            spool: Some(Spool::create(dir.join(".documents.csv.spool"))?),
        })
    }

    fn figure_cells(&self, result: &DocumentResult) -> Vec<String> {
        let figures = &result.figures;
        let mut cells = vec![figures.words.to_string(), figures.sentences.to_string()];
        for frame in &figures.frames {
            cells.push(frame.hits.to_string());
            cells.push(frame.motifs.to_string());
            cells.push(format_number(frame.per_1k));
            cells.push(format_number(frame.share));
            cells.push(frame.first.map(format_number).unwrap_or_default());
            cells.push(format_number(frame.score));
        }
        cells.push(
            figures
                .top_frame
                .map(|f| self.frame_ids[f].clone())
                .unwrap_or_default(),
        );
        cells
    }
}

impl Sink for CsvSink {
    fn document(&mut self, result: &DocumentResult) -> Result<()> {
        let path = self.dir.join("hits.csv");
        for hit in &result.hits {
            let (frame, motif) = &self.motif_frames[hit.motif];
            self.hits
                .write_record([
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
                ])
                .map_err(|e| csv_error(&path, e))?;
        }
        let row = SpooledRow {
            id: result.id.clone(),
            meta: result.meta.clone(),
            cells: self.figure_cells(result),
        };
        self.spool
            .as_mut()
            .expect("document() is not called after finish()")
            .push(&row)
    }

    fn error(&mut self, error: &RecordError) -> Result<()> {
        let line = if error.line > 0 {
            error.line.to_string()
        } else {
            String::new()
        };
        self.errors
            .write_record([error.source.as_str(), &line, &error.message])
            .map_err(|e| csv_error(&self.dir.join("errors.csv"), e))
    }

    fn finish(&mut self) -> Result<()> {
        let hits_path = self.dir.join("hits.csv");
        self.hits.flush().map_err(|e| Error::io(&hits_path, e))?;
        let errors_path = self.dir.join("errors.csv");
        self.errors
            .flush()
            .map_err(|e| Error::io(&errors_path, e))?;
        let Some(spool) = self.spool.take() else {
            return Ok(());
        };
        let path = self.dir.join("documents.csv");
        let mut documents = writer(&path)?;
        let mut header = vec!["doc_id".to_string()];
        header.extend(spool.keys().iter().cloned());
        header.extend(self.figure_columns.iter().cloned());
        documents
            .write_record(&header)
            .map_err(|e| csv_error(&path, e))?;
        spool.drain(|id, meta, cells| {
            documents
                .write_record(
                    std::iter::once(id)
                        .chain(meta)
                        .chain(cells.iter().map(String::as_str)),
                )
                .map_err(|e| csv_error(&path, e))
        })?;
        documents.flush().map_err(|e| Error::io(&path, e))
    }
}
