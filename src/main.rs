//! The `leitmotif` command: a thin layer over the library. It parses arguments (`cli`), turns them
//! into library configuration, draws progress, prints messages and maps outcomes to exit codes:
//! 0 success, 1 partial (some records failed, all others written), 2 fatal.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code.into(),
        Err(error) => {
            if cli::is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            cli::say(format_args!("leitmotif: error: {error:#}"));
            cli::Exit::Fatal.into()
        }
    }
}
