//! Library errors as Python exceptions, one class per [`ErrorKind`], all under `LeitmotifError`,
//! with the message the CLI prints.

use leitmotif::{Error, ErrorKind};
use pyo3::exceptions::{PyException, PyKeyboardInterrupt};
use pyo3::prelude::*;

pyo3::create_exception!(leitmotif, LeitmotifError, PyException, "Any error of leitmotif.");
pyo3::create_exception!(
    leitmotif,
    LexiconError,
    LeitmotifError,
    "A lexicon file is invalid; the message lists every problem as file:line:column: message."
);
pyo3::create_exception!(leitmotif, InputError, LeitmotifError, "An input file or stream could not be opened or read.");
pyo3::create_exception!(
    leitmotif,
    UsageError,
    LeitmotifError,
    "The request cannot be carried out (a bad option value, no input files…)."
);

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("LeitmotifError", py.get_type::<LeitmotifError>())?;
    m.add("LexiconError", py.get_type::<LexiconError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("UsageError", py.get_type::<UsageError>())?;
    Ok(())
}

/// The Python exception for a library error.
pub fn to_py(error: Error) -> PyErr {
    let message = error.to_string();
    match error.kind() {
        ErrorKind::Lexicon(_) => LexiconError::new_err(message),
        ErrorKind::Io { .. } | ErrorKind::Record(_) => InputError::new_err(message),
        ErrorKind::Usage(_) => UsageError::new_err(message),
        ErrorKind::Cancelled => PyKeyboardInterrupt::new_err(message),
        _ => LeitmotifError::new_err(message),
    }
}
