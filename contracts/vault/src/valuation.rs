//! The nav a share action prices at (DESIGN section 2): every open market is read from its venue in
//! the same transaction, at a price that passes the oracle guards for opening, and added to idle
//! (with what the venues report having paid since their last marks).
//!
//! Stored marks are not enough for shares. A mark can be up to `max_mark_age` old, so a depositor
//! could buy shares before a gain shows, or redeem before a loss does, at the other holders'
//! expense; and a venue that pays the vault on its own (a liquidation's remainder, a Levana crank)
//! raises the idle balance while the stored mark still counts the position, so the payout would be
//! counted twice. Reading both now counts every unit once. The cost is one oracle and one venue read
//! per open market (at most `MAX_MARKETS`), paid by the depositor or redeemer, not by orders.

use cosmwasm_std::{Deps, Env, Order, Storage, Uint128};

use ballast_types::pyth::PythPrice;
use ballast_types::vault::{MarketConfig, VaultParams};

use crate::error::{ContractError, ContractResult};
use crate::idle;
use crate::inputs::{self, equity, mark_of};
use crate::marks::store_mark;
use crate::pipeline::open_guard;
use crate::state::{CONFIG, Config, MARK_TIMES, MARKETS, MARKS, Mark, PARAMS, TOTALS};
use crate::venue;

/// Nav now, and the marks it was read from.
pub struct Valuation {
    /// Idle plus every open position's equity (each floored at zero), base units.
    pub nav: Uint128,
    /// Idle, with the payouts the fresh marks report.
    pub idle: Uint128,
    /// The fresh mark of every open market.
    pub marks: Vec<(String, Mark)>,
}

/// Values the vault now, reading every open market; `incoming` is left out of idle (a deposit's own
/// funds). Fails, naming the market, when a price fails a guard or a venue is mid-change.
pub fn value(deps: Deps, env: &Env, incoming: Uint128) -> ContractResult<Valuation> {
    let config = CONFIG.load(deps.storage)?;
    let params = PARAMS.load(deps.storage)?;
    let totals = TOTALS.load(deps.storage)?;
    let now = env.block.time.seconds();
    let mut idle = idle::held(deps, env, &config, &totals, incoming)?;
    let mut equity = Uint128::zero();
    let mut marks = vec![];
    for market in open_markets(deps.storage)? {
        let market_config = MARKETS.load(deps.storage, &market)?;
        let price = check_price(deps, &config, &params, &market_config, now)?;
        let (position, settling) =
            venue::position(deps, env, &config, &market_config, Some(&price))?;
        if settling {
            return Err(ContractError::MarketSettling { market });
        }
        let mark = mark_of(&position, now);
        if idle::LEDGER {
            let old = MARKS.may_load(deps.storage, &market)?.unwrap_or_default();
            idle = idle.checked_add(idle::payouts_since(&old, &mark)?)?;
        }
        equity = add_equity(equity, &mark)?;
        marks.push((market, mark));
    }
    Ok(Valuation {
        nav: idle.checked_add(equity)?,
        idle,
        marks,
    })
}

/// Stores the marks a valuation read, so the totals equal what was valued.
pub fn store(storage: &mut dyn Storage, valuation: &Valuation) -> ContractResult<()> {
    for (market, mark) in &valuation.marks {
        store_mark(storage, market, mark, Uint128::zero())?;
    }
    Ok(())
}

/// Markets with an open mark, oldest first; at most `MAX_MARKETS`.
fn open_markets(storage: &dyn Storage) -> ContractResult<Vec<String>> {
    MARK_TIMES
        .keys(storage, None, None, Order::Ascending)
        .map(|key| Ok(key?.1))
        .collect()
}

/// The market's oracle price, refused where the oracle guards would refuse it for an opening order.
fn check_price(
    deps: Deps,
    config: &Config,
    params: &VaultParams,
    market: &MarketConfig,
    now: u64,
) -> ContractResult<PythPrice> {
    let price = inputs::oracle_price(deps, config, &market.feed_id)?;
    match open_guard(params, &price, now)? {
        None => Ok(price),
        Some(reason) => Err(ContractError::UnpricedMarket {
            market: market.market.clone(),
            reason: reason.name().to_string(),
        }),
    }
}

fn add_equity(sum: Uint128, mark: &Mark) -> ContractResult<Uint128> {
    Ok(sum.checked_add(Uint128::try_from(equity(mark)?)?)?)
}
