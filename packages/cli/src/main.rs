//! `ballast`: the command-line tool of the Ballast vault.

mod fit_garch;
mod garch_fit;
mod prices;
mod replay;
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
        /// CSV with a time column (`date`, `time`, `timestamp`, `datetime` or an unnamed first one:
        /// YYYY-MM-DD, ISO 8601 or unix seconds or milliseconds) and a close column (`close`, `adj
        /// close` or `price`); names are matched without case, other columns are ignored.
        #[arg(long)]
        prices: PathBuf,
        /// Decay per reference step, in (0, 1).
        #[arg(long, default_value = "0.94")]
        lambda: String,
        /// The reference step tau, seconds.
        #[arg(long, default_value_t = 86_400)]
        step_seconds: u64,
    },
    /// Fit GARCH(1,1) by Gaussian maximum likelihood on the log returns of a price file: omega,
    /// alpha, beta, persistence, long-run annualised vol and the log-likelihood.
    FitGarch {
        /// CSV with a time column (`date`, `time`, `timestamp`, `datetime` or an unnamed first one:
        /// YYYY-MM-DD, ISO 8601 or unix seconds or milliseconds) and a close column (`close`, `adj
        /// close` or `price`); names are matched without case, other columns are ignored.
        #[arg(long)]
        prices: PathBuf,
        /// The reference step tau, seconds: omega is the variance per step, a gap counts as
        /// gap / tau steps.
        #[arg(long, default_value_t = 86_400)]
        step_seconds: u64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Replay the oracle, perp market and vault contracts over a price file; write replay.csv,
    /// summary.json, report.md and PNG plots to --out.
    Replay(Box<ReplayArgs>),
}

#[derive(clap::Args)]
struct ReplayArgs {
    /// CSV with a time column (`date`, `time`, `timestamp`, `datetime` or an unnamed first one:
    /// YYYY-MM-DD, ISO 8601 or unix seconds or milliseconds; one block per row, at its time) and a
    /// close column (`close`, `adj close`, preferred when both, or `price`); closes are rounded
    /// half to even to 8 decimals, the oracle's exponent.
    #[arg(long)]
    prices: PathBuf,
    /// Output directory.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Annualised volatility target, e.g. 0.40.
    #[arg(long, default_value = "0.40")]
    target_vol: String,
    /// EWMA decay per day, in (0, 1).
    #[arg(long, default_value = "0.94")]
    lambda: String,
    /// Largest gross notional as a multiple of nav.
    #[arg(long, default_value = "3")]
    max_leverage: String,
    /// The perp market's taker fee, a fraction of notional (0.0005 = 5 bp).
    #[arg(long, default_value = "0.0005")]
    taker_fee: String,
    /// The vault's annual management fee, a fraction of nav paid in shares (0.02 = 2%).
    #[arg(long, default_value = "0")]
    management_fee: String,
    /// The vault's performance fee on gains above the high-water mark, paid in shares (0.2 = 20%).
    #[arg(long, default_value = "0")]
    performance_fee: String,
    /// The perp market's depth: notional in USDC at which price impact would reach 100%. The
    /// default is deep enough that a vault compounding over years never moves the market.
    #[arg(long, default_value = "10000000000000")]
    depth: String,
    /// Starting capital deposited in the vault, USDC.
    #[arg(long, default_value = "1000000")]
    capital: String,
    /// Stress: outage:N@DATE, stale@DATE, future@DATE or crash:P@DATE (repeatable); DATE is a row's
    /// time, written in any form a price file may use. future@DATE publishes a price 30 minutes ahead
    /// through a foreign Pyth-style oracle that stores it (ours refuses more than 5 s ahead), so the
    /// vault's own future-price guard refuses it.
    #[arg(long = "scenario")]
    scenarios: Vec<String>,
    /// A signal for Rebalance to follow: `none` (a long signal of 1: the volatility target), `trend`
    /// (long while the average of the last 50 closes is above that of the last 200, rows of the file:
    /// days in a daily file; flat otherwise) or `column` (the price file's `signal` column, in
    /// [-1, 1]: negative is short).
    #[arg(long, default_value = "none", value_parser = ["none", "trend", "column"])]
    signal: String,
    /// Drawdown brake: the share price's fall from its peak at which the volatility budget is zero
    /// (only reductions trade), or `none` for no brake.
    #[arg(long, default_value = "0.5")]
    max_drawdown: String,
    /// Drawdown brake: the fall from the peak at which the budget starts to shrink (linearly to zero at
    /// --max-drawdown).
    #[arg(long, default_value = "0.25")]
    drawdown_start: String,
    /// Drawdown brake: days in which the gap between an old peak and the share price halves.
    #[arg(long, default_value = "730")]
    peak_half_life_days: String,
    /// Forecast with GARCH(1,1) on chain instead of the EWMA: OMEGA,ALPHA,BETA per day, as
    /// `ballast fit-garch` prints them.
    #[arg(long)]
    garch: Option<String>,
    /// Margin policy: the share of nav kept idle for redeems, the rest posted as margin to the
    /// position (so only a move the whole vault could not cover liquidates it), or `none` to post
    /// only what keeps the position 5 daily sigmas from liquidation.
    #[arg(long, default_value = "0.2")]
    redemption_buffer: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Vol {
            prices,
            lambda,
            step_seconds,
        } => vol::run(&prices, &lambda, step_seconds),
        Command::FitGarch {
            prices,
            step_seconds,
            json,
        } => fit_garch::run(&prices, step_seconds, json),
        Command::Replay(args) => replay::run(&replay::Options {
            prices: args.prices,
            out: args.out,
            target_vol: args.target_vol,
            lambda: args.lambda,
            max_leverage: args.max_leverage,
            taker_fee: args.taker_fee,
            management_fee: args.management_fee,
            performance_fee: args.performance_fee,
            depth: args.depth,
            capital: args.capital,
            scenarios: args.scenarios,
            signal: args.signal,
            max_drawdown: args.max_drawdown,
            drawdown_start: args.drawdown_start,
            peak_half_life_days: args.peak_half_life_days,
            garch: args.garch,
            redemption_buffer: args.redemption_buffer,
        }),
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
