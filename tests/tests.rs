//! All integration tests, compiled into one binary. Each module mirrors a command, except
//! `bad_input` (every kind of bad input at once), `messages` (what the command says happened:
//! warnings, error rows, exit codes), `output_safety` (interruptions, stale and foreign outputs),
//! `library` (the library without the CLI), `invariance` (property tests through the library),
//! `regression` (inputs found by fuzzing) and `same_speech` (Russian and English versions of one
//! address give the same profile).

mod util;

mod bad_input;
mod coverage_cmd;
mod discover_cmd;
mod formats_cmd;
mod framing_cmd;
mod groups_cmd;
mod in_memory;
mod index_cmd;
mod invariance;
mod lexicon_cmd;
mod lexicon_import_cmd;
mod library;
mod messages;
mod output_safety;
mod patterns_cmd;
mod regression;
mod report_cmd;
mod reuse_cmd;
mod same_speech;
mod scan_cmd;
mod score_cmd;
mod shared_corpora;
mod transcripts_cmd;
mod two_phase_cmd;
