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
            cli::say(format_args!("leitmotif: error: {}", message_of(&error)));
            cli::Exit::Fatal.into()
        }
    }
}

/// The error and its causes, joined by `: `, leaving out a cause whose text the message already
/// holds (a library error names the file and quotes its I/O error itself).
fn message_of(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}
