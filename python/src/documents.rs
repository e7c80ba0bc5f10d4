//! Python values into the library's [`Document`]s: texts, ids and metadata columns as the
//! Python wrapper lays them out, each cell written as the JSONL reader would write it (strings
//! as they are, `None` and NaN empty, `True`/`False` as `true`/`false`, dates in ISO form,
//! anything else as `str()` gives it).

use leitmotif::corpus::Document;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyString};
use std::sync::Arc;

/// The documents: `texts[i]` with `ids[i]` (absent or `None`: `<source>:<line>`, as the CLI
/// names a record without an id) and `meta[c][i]` under the name `names[c]`. Line `i + 1` of
/// `source`.
pub fn documents(
    texts: &Bound<'_, PyAny>,
    ids: Option<&Bound<'_, PyAny>>,
    names: &[String],
    columns: &[Bound<'_, PyAny>],
    source: &str,
) -> PyResult<Vec<Document>> {
    let source: Arc<str> = source.into();
    let mut documents = Vec::new();
    for (i, text) in texts.try_iter()?.enumerate() {
        let text = text?;
        let line = i as u64 + 1;
        documents.push(Document {
            id: String::new(),
            meta: Vec::with_capacity(names.len()),
            text: cell(&text)?,
            source: Arc::clone(&source),
            line,
            cues: Vec::new(),
            id_missing: false,
        });
    }
    if let Some(ids) = ids {
        let mut count = 0;
        for (document, id) in documents.iter_mut().zip(ids.try_iter()?) {
            document.id = cell(&id?)?;
            count += 1;
        }
        if count != documents.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(format!("{count} ids for {} texts", documents.len())));
        }
    }
    for document in documents.iter_mut().filter(|d| d.id.is_empty()) {
        document.id = format!("{}:{}", document.source, document.line);
        document.id_missing = ids.is_some();
    }
    for (name, column) in names.iter().zip(columns) {
        let mut count = 0;
        for (document, value) in documents.iter_mut().zip(column.try_iter()?) {
            document.meta.push((name.clone(), cell(&value?)?));
            count += 1;
        }
        if count != documents.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "column {name:?} has {count} values for {} texts",
                documents.len()
            )));
        }
    }
    Ok(documents)
}

/// One value as text.
fn cell(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if value.is_instance_of::<PyString>() {
        return value.extract();
    }
    if value.is_none() {
        return Ok(String::new());
    }
    if let Ok(flag) = value.downcast::<PyBool>() {
        return Ok(if flag.is_true() { "true" } else { "false" }.to_string());
    }
    if let Ok(number) = value.downcast::<PyFloat>() {
        if number.value().is_nan() {
            return Ok(String::new());
        }
    }
    // pandas' missing values (NaT, NA) are not equal to themselves.
    if value.ne(value).unwrap_or(false) {
        return Ok(String::new());
    }
    // Dates and times (datetime, pandas' Timestamp) in ISO form.
    if value.hasattr("isoformat")? {
        if let Ok(iso) = value.call_method0("isoformat").and_then(|iso| iso.extract::<String>()) {
            return Ok(iso);
        }
    }
    value.str()?.extract()
}
