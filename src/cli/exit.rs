//! Exit codes of the `leitmotif` command.

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything was read and written.
    Success = 0,
    /// Some records (or lexicon files, for `lexicon check`) had errors; all others were processed.
    Partial = 1,
    /// Nothing useful could be done: bad options, unreadable lexicons, output not writable.
    Fatal = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}
