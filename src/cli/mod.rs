//! Command-line interface: clap options (`args`), one module per subcommand, the progress bar and
//! exit codes. Nothing outside this folder sees clap.

mod args;
mod coverage_cmd;
mod discover_cmd;
mod exit;
mod interrupt;
mod lexicon_cmd;
mod lexicon_import_cmd;
mod lexicon_test_cmd;
mod progress;
mod resolve_cmd;
mod scan_cmd;
mod score_cmd;
mod shingles_cmd;

pub use exit::Exit;

use args::{Command, LexiconCommand, Opts};
use clap::Parser;

/// Parses the command line and runs the subcommand.
pub fn run() -> anyhow::Result<Exit> {
    let opts = Opts::parse();
    match opts.command {
        Command::Scan(args) => scan_cmd::run(*args),
        Command::Reuse(args) => scan_cmd::run_reuse(*args),
        Command::Lexicon { command: LexiconCommand::Check(args) } => lexicon_cmd::check(args),
        Command::Lexicon { command: LexiconCommand::List(args) } => lexicon_cmd::list(args),
        Command::Lexicon { command: LexiconCommand::Test(args) } => lexicon_test_cmd::run(args),
        Command::Lexicon { command: LexiconCommand::Import(args) } => lexicon_import_cmd::run(args),
        Command::Lexicon { command: LexiconCommand::Coverage(args) } => coverage_cmd::run(*args),
        Command::Discover(args) => discover_cmd::run(*args),
        Command::Score(args) => score_cmd::run(*args),
        Command::Shingles(args) => shingles_cmd::run(*args),
        Command::Resolve(args) => resolve_cmd::run(*args),
    }
}

/// Whether the error is a closed output pipe (as in `leitmotif lexicon list | head`), which is not
/// a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

/// Prints a message on standard error; a closed or full standard error is not a reason to stop
/// (`leitmotif scan … 2>&1 | head -1` must not crash).
pub fn say(message: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}
