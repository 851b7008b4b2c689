//! Progress of the replay on stderr: a bar on a terminal, a line every tenth of the steps otherwise
//! (a log, `scripts/run.sh | tee`), so that a long replay never looks stuck.

use std::io::IsTerminal;
use std::time::Instant;

/// How progress is shown.
pub enum Progress {
    /// indicatif's bar, on a terminal.
    Bar(indicatif::ProgressBar),
    /// Lines at each tenth: `replay: 30% (1035 of 3450 steps, 12 s)`.
    Lines {
        len: usize,
        done: usize,
        started: Instant,
    },
}

impl Progress {
    /// Progress over `len` steps.
    pub fn new(len: usize) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self::Lines {
                len,
                done: 0,
                started: Instant::now(),
            };
        }
        let bar = indicatif::ProgressBar::new(u64::try_from(len).unwrap_or(u64::MAX));
        let style = indicatif::ProgressStyle::with_template(
            "replay {wide_bar} {pos}/{len} steps, {elapsed} elapsed, eta {eta}",
        );
        if let Ok(style) = style {
            bar.set_style(style);
        }
        Self::Bar(bar)
    }

    /// One more step done.
    pub fn inc(&mut self) {
        match self {
            Self::Bar(bar) => bar.inc(1),
            Self::Lines { len, done, started } => {
                *done += 1;
                let tenth = |n: usize| n * 10 / (*len).max(1);
                if tenth(*done) > tenth(*done - 1) {
                    eprintln!(
                        "replay: {}% ({} of {len} steps, {:.0} s)",
                        tenth(*done) * 10,
                        done,
                        started.elapsed().as_secs_f64()
                    );
                }
            }
        }
    }

    /// The steps are done; the bar goes.
    pub fn finish(&self) {
        if let Self::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
