//! Ctrl-C, `kill` (SIGTERM) and a closed terminal (SIGHUP): the run is abandoned at once, its
//! staging folder removed, the previous complete output left in place, and the process exits with
//! 128 + the signal number (130 for Ctrl-C).

use super::say;
use leitmotif::output::AbortHandle;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Watches for the signals on a thread of its own for the rest of the process.
pub fn abandon_on_signal(handle: AbortHandle) -> anyhow::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            if handle.abort() {
                say(format_args!("leitmotif: interrupted; no output written (the previous results are unchanged)"));
            } else {
                say(format_args!("leitmotif: interrupted after the output was complete"));
            }
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}
