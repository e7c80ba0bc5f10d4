//! The progress bar on standard error: bytes read of the total (ETA), documents done and
//! throughput. Hidden when standard error is not a terminal or with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use leitmotif::pipeline::Progress;
use std::io::IsTerminal;

pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8))
        };
        Bar { bar }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn begin(&self, total_bytes: Option<u64>) {
        let template = match total_bytes {
            Some(total) => {
                self.bar.set_length(total);
                "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}"
            }
            None => "{spinner} {elapsed_precise} {bytes} {bytes_per_sec} {msg}",
        };
        self.bar
            .set_style(ProgressStyle::with_template(template).expect("the template is valid").progress_chars("=> "));
    }

    fn advance(&self, documents: u64, bytes_read: u64) {
        self.bar.set_position(bytes_read);
        self.bar.set_message(format!("{documents} docs"));
    }
}
