//! The `leitmotif._leitmotif` extension module: the leitmotif library for Python. It holds no
//! logic of its own: lexicons are loaded and documents scanned by the library, tables leave as
//! Arrow IPC streams typed by the library's `ArrowLayout` (the same columns and types as the CLI's
//! Parquet files), and library errors become the typed exceptions of [`errors`]. The pure-Python
//! package `leitmotif` (python/leitmotif/__init__.py) wraps it in the public API.

mod arrow_tables;
mod documents;
mod errors;
mod lexicon;
mod options;
mod run;

use pyo3::prelude::*;

#[pymodule]
fn _leitmotif(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<lexicon::Lexicon>()?;
    m.add_function(wrap_pyfunction!(run::scan_documents, m)?)?;
    m.add_function(wrap_pyfunction!(run::scan_files, m)?)?;
    errors::register(m)?;
    Ok(())
}
