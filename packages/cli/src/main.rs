//! `ballast`: the command-line tool of the Ballast vault.

mod prices;
mod vol;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ballast",
    version,
    about = "Ballast risk vault: volatility series and replays"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the annualised EWMA volatility after every row of a price file, as `date,vol`.
    Vol {
        /// CSV with a `date` column (YYYY-MM-DD, 00:00 UTC) and a `close` column; others are ignored.
        #[arg(long)]
        prices: PathBuf,
        /// Decay per reference step, in (0, 1).
        #[arg(long, default_value = "0.94")]
        lambda: String,
        /// The reference step tau, seconds.
        #[arg(long, default_value_t = 86_400)]
        step_seconds: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Vol {
            prices,
            lambda,
            step_seconds,
        } => vol::run(&prices, &lambda, step_seconds),
    };
    match result {
        // A closed pipe (`ballast vol ... | head`) is the reader's choice, not a failure.
        Ok(output) => match std::io::stdout().lock().write_all(output.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                eprintln!("ballast: writing stdout: {e}");
                ExitCode::FAILURE
            }
            _ => ExitCode::SUCCESS,
        },
        Err(message) => {
            eprintln!("ballast: {message}");
            ExitCode::FAILURE
        }
    }
}
