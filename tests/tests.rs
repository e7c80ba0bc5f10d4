//! All integration tests, compiled into one binary. Each module mirrors a command; `bad_input`
//! feeds every kind of bad input at once.

mod util;

mod bad_input;
mod coverage_cmd;
mod discover_cmd;
mod formats_cmd;
mod lexicon_cmd;
mod lexicon_import_cmd;
mod library;
mod output_safety;
mod reuse_cmd;
mod scan_cmd;
mod shared_corpora;
mod transcripts_cmd;
