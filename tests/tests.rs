//! All integration tests, compiled into one binary. Each module mirrors a command, except
//! `invariance` (property tests through the library) and `regression` (inputs found by fuzzing).

mod util;

mod formats_cmd;
mod invariance;
mod lexicon_cmd;
mod regression;
mod reuse_cmd;
mod scan_cmd;
mod shared_corpora;
mod transcripts_cmd;
