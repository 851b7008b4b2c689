//! Steps 2 and 3 of the pipeline: the oracle guards, the volatility update through the market's model
//! and the jump circuit breaker.

use ballast_sizing::math::narrow;
use ballast_sizing::{Fixed, GarchParams, GarchState, VolState, guards};
use ballast_types::convert::{confidence_ratio, pyth_to_price};
use ballast_types::pyth::PythPrice;
use ballast_types::vault::{MarketConfig, Reason, VaultParams};

use super::{BookInputs, MarketInputs, fx};
use crate::error::ContractResult;
use crate::state::{Anchor, StoredVol};

/// The new price checked and folded in.
pub struct Observation {
    /// The volatility state after the price (None only when the price was unusable and no state existed).
    pub vol: Option<VolState>,
    /// Halt after this price (a new trip extends it).
    pub halted_until: Option<u64>,
    /// The breaker's anchor to store when this price moved it.
    pub new_anchor: Option<Anchor>,
    /// The first guard that refuses orders adding exposure.
    pub guard_open: Option<Reason>,
    /// The first guard that refuses reduce-only orders.
    pub guard_reduce: Option<Reason>,
}

impl Observation {
    /// The forecast volatility after this price; None before the first return.
    pub fn forecast_vol(&self) -> ContractResult<Option<Fixed>> {
        Ok(self.vol.map(|v| v.vol()).transpose()?.flatten())
    }
}

/// A price no guard accepts: not positive, or published further ahead than the allowed skew (a
/// future price is not a fresh one: Pyth's SDK lets it pass with abs(), the vault does not).
fn unusable(params: &VaultParams, price: &PythPrice, now: u64) -> Option<Reason> {
    let publish_time = u64::try_from(price.publish_time).unwrap_or(0);
    if price.price.i64() <= 0 {
        Some(Reason::NonPositivePrice)
    } else if publish_time > now.saturating_add(params.guards.max_future_skew) {
        Some(Reason::FuturePrice)
    } else {
        None
    }
}

/// The first oracle guard that `price` fails for adding exposure, without the breaker: the bar every
/// price a share action values a position at must clear.
pub fn open_guard(
    params: &VaultParams,
    price: &PythPrice,
    now: u64,
) -> ContractResult<Option<Reason>> {
    if let Some(reason) = unusable(params, price, now) {
        return Ok(Some(reason));
    }
    let age = now.saturating_sub(u64::try_from(price.publish_time).unwrap_or(0));
    Ok(if age > params.guards.max_age {
        Some(Reason::StalePrice)
    } else if confidence_ratio(price)? > fx(params.guards.max_confidence)? {
        Some(Reason::WideConfidence)
    } else {
        None
    })
}

/// Step 2 and 3: oracle guards, the volatility update and the jump circuit breaker.
pub fn observe(
    params: &VaultParams,
    m: &MarketInputs,
    book: &BookInputs,
    now: u64,
) -> ContractResult<Observation> {
    let stored = m.vol.as_ref().map(StoredVol::to_state).transpose()?;
    let mut observation = Observation {
        vol: stored,
        halted_until: m.halted_until,
        new_anchor: None,
        guard_open: None,
        guard_reduce: None,
    };
    let publish_time = u64::try_from(m.price.publish_time).unwrap_or(0);
    if let Some(reason) = unusable(params, &m.price, now) {
        observation.guard_open = Some(reason);
        observation.guard_reduce = Some(reason);
        return Ok(observation);
    }
    let age = now.saturating_sub(publish_time);
    if age > params.guards.reduce_max_age {
        observation.guard_reduce = Some(Reason::StalePrice);
    }
    let mut open = open_guard(params, &m.price, now)?;

    let price = pyth_to_price(&m.price)?;
    let mut tripped = false;
    observation.vol = Some(match stored {
        None => {
            observation.new_anchor = Some(Anchor::at(publish_time, price));
            VolState::new(publish_time, price)
        }
        Some(state) if publish_time <= state.last_time => {
            // A second price for the same publish time (or an older one, from an oracle that goes
            // back) is a move over no time, and any move over no time is a jump. Unchecked, a flash
            // crash inside one block would pass the breaker.
            let move_size = narrow(price.log_return_since(&state.last_price)?)?;
            tripped = is_jump(params, move_size, state.vol()?, 0)?;
            state
        }
        Some(state) => {
            // A newer price's move is measured from the anchor, a price at least
            // `BREAKER_MIN_INTERVAL` old once one is that old, over at least that interval: a crash
            // marked step by step adds up as one move, and frequent marks cannot make a tick a jump.
            let anchor = match &m.anchor {
                Some(anchor) => anchor.clone(),
                None => Anchor::at(state.last_time, state.last_price),
            };
            let move_size = narrow(price.log_return_since(&anchor.price()?)?)?;
            let elapsed = publish_time.saturating_sub(anchor.time);
            tripped = is_jump(params, move_size, state.vol()?, elapsed)?;
            // The anchor moves once it is that old, and on a trip: the halt covers the jump, and
            // the next price is measured from the one that tripped.
            if tripped || elapsed >= guards::BREAKER_MIN_INTERVAL {
                observation.new_anchor = Some(Anchor::at(publish_time, price));
            } else if m.anchor.is_none() {
                observation.new_anchor = Some(anchor);
            }
            forecast(params, &m.config, state, publish_time, price)?
        }
    });
    if tripped {
        observation.halted_until = Some(now.saturating_add(params.guards.breaker_cooldown));
    }
    let halted = observation.halted_until.is_some_and(|until| until > now);
    let returns = observation.vol.map(|v| v.returns).unwrap_or(0);
    let guards = [
        (tripped, Reason::CircuitBreaker),
        (halted, Reason::MarketHalted),
        (book.paused, Reason::Paused),
        (
            returns < u64::from(params.estimator.min_observations),
            Reason::NotEnoughObservations,
        ),
        (book.others_stale, Reason::StaleMarks),
    ];
    for (failed, reason) in guards {
        if open.is_none() && failed {
            open = Some(reason);
        }
    }
    observation.guard_open = open;
    Ok(observation)
}

/// The breaker's test of a move over `elapsed` seconds (`guards::is_jump`).
fn is_jump(
    params: &VaultParams,
    move_size: Fixed,
    vol: Option<Fixed>,
    elapsed: u64,
) -> ContractResult<bool> {
    Ok(guards::is_jump(
        move_size,
        vol,
        elapsed,
        fx(params.guards.breaker_sigmas)?,
        fx(params.guards.breaker_max_move)?,
    )?)
}

/// The state after a newer price, through the market's model: its GARCH(1,1) if it has one, else the
/// vault's EWMA. Both keep the annualised variance, so a market may change models without a reset.
fn forecast(
    params: &VaultParams,
    market: &MarketConfig,
    state: VolState,
    time: u64,
    price: ballast_sizing::Price,
) -> ContractResult<VolState> {
    let step = params.estimator.vol_step;
    let Some(garch) = &market.garch else {
        let ewma = ballast_sizing::EwmaParams::new(fx(params.estimator.lambda)?, step)?;
        return Ok(state.observed(&ewma, time, price)?);
    };
    let model = GarchParams::new(fx(garch.omega)?, fx(garch.alpha)?, fx(garch.beta)?, step)?;
    let next = GarchState::from(state).observed(&model, time, price)?;
    Ok(next.into())
}
