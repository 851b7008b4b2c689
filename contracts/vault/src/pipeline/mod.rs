//! The order pipeline of DESIGN section 3, steps 2 to 5, without side effects: from the gathered
//! inputs to a decision. `SubmitOrder`, `Rebalance`, `Deleverage` and `PreviewOrder` all run it, so a
//! preview is what the order would do.

use cosmwasm_std::{Decimal, Int128, SignedDecimal, Uint128};

use ballast_sizing::{Cap, CapKind, Collateral, Fixed, Notional, Order, caps, decide, drawdown};
use ballast_types::Side;
use ballast_types::convert::{
    decimal_to_fixed, fixed_to_decimal, signed_decimal_to_fixed, var_quantile,
};
use ballast_types::perp::{MarketSummary, PositionSummary};
use ballast_types::pyth::PythPrice;
use ballast_types::vault::{CapLimit, Decision, MarketConfig, OrderRequest, Reason, VaultParams};

use crate::brake::{self, Brake, BrakeInputs};
use crate::error::{ContractError, ContractResult};
use crate::inputs::{equity, mark_of};
use crate::margin;
use crate::state::{Anchor, Mark, Peak, StoredVol, Totals};
use crate::venue::levana::LevanaBook;

mod observe;
pub use observe::{Observation, observe, open_guard};

/// What the pipeline needs to know about one market, read before deciding.
pub struct MarketInputs {
    /// Its configuration.
    pub config: MarketConfig,
    /// The oracle's current price.
    pub price: PythPrice,
    /// Volatility state before this price.
    pub vol: Option<StoredVol>,
    /// The breaker's anchor before this price.
    pub anchor: Option<Anchor>,
    /// Halt from an earlier breaker trip.
    pub halted_until: Option<u64>,
    /// The stored mark before this action.
    pub old_mark: Mark,
    /// The position as the perp market marks it now, or why it could not (a venue that refuses the
    /// oracle's price refuses to mark too; the guards then decide without it).
    pub position: Result<PositionSummary, String>,
    /// The venue's market parameters.
    pub venue: MarketSummary,
    /// The venue has yet to execute a change the vault sent: the mark is stored as not fresh.
    pub settling: bool,
    /// Levana's read-back of the position, which the order's messages are built from.
    pub levana: Option<LevanaBook>,
}

/// What the pipeline needs to know about the whole vault.
pub struct BookInputs {
    /// Sums over the stored marks.
    pub totals: Totals,
    /// Base denom held by the vault.
    pub idle: Uint128,
    /// Paused by the guardian.
    pub paused: bool,
    /// Another open market's mark is older than `max_mark_age`.
    pub others_stale: bool,
    /// The drawdown brake's inputs, when the params configure one.
    pub brake: Option<BrakeInputs>,
}

/// Nav and exposure with this market freshly marked.
pub struct Book {
    /// Idle plus marked equity, floored at 0.
    pub nav: Uint128,
    /// Gross notional of every other market.
    pub other_gross: Uint128,
    /// What the vault can post for this market: its equity here plus idle, floored at 0.
    pub backing: Uint128,
    /// Base denom held by the vault.
    pub idle: Uint128,
    /// The new mark of this market.
    pub mark: Mark,
    /// The drawdown brake at this nav, when configured.
    pub brake: Option<Brake>,
}

/// The pipeline's verdict.
pub struct Evaluation {
    /// Accepted, scaled or rejected.
    pub decision: Decision,
    /// The binding cap or failed guard.
    pub reason: Reason,
    /// The order as decided (side, requested size, reduce-only).
    pub side: Side,
    /// Requested notional.
    pub requested: Uint128,
    /// Notional to execute.
    pub executed: Uint128,
    /// Whether the forwarded trade is reduce-only.
    pub reduce_only: bool,
    /// Collateral to attach to the trade as margin.
    pub margin_to_post: Uint128,
    /// Every cap's limit.
    pub caps: Vec<CapLimit>,
    /// Nav the caps used.
    pub nav: Uint128,
    /// Base denom held by the vault (what a venue's collateral can come from).
    pub idle: Uint128,
    /// Forecast volatility used.
    pub forecast_vol: Option<Decimal>,
    /// State changes of the observation.
    pub observation: Observation,
    /// The market's new mark (before the trade).
    pub mark: Mark,
    /// The drawdown brake's new peak, when configured.
    pub peak: Option<Peak>,
}

/// The venue's error, naming the venue, when it could not mark the position.
pub fn require_position(m: &MarketInputs) -> ContractResult<()> {
    match &m.position {
        Ok(_) => Ok(()),
        Err(error) => Err(ContractError::VenueUnavailable {
            market: m.config.market.clone(),
            venue: m.config.venue.name().to_string(),
            error: error.clone(),
        }),
    }
}

/// A position that has lost more than its margin. Nav counts it at zero (the venue's liquidation takes
/// the margin and no more); trading it, even to close it, would pay the deficit from idle.
fn under_water(mark: &Mark) -> ContractResult<bool> {
    let margin = Int128::try_from(mark.margin)?;
    Ok(margin.checked_add(mark.unrealized_pnl)? < Int128::zero())
}

pub(crate) fn fx(d: Decimal) -> ContractResult<Fixed> {
    Ok(decimal_to_fixed(d)?)
}

/// Nav, other markets' gross and this market's backing, with this market's fresh mark, and the drawdown
/// brake at that nav.
pub fn book(
    params: &VaultParams,
    m: &MarketInputs,
    b: &BookInputs,
    now: u64,
) -> ContractResult<Book> {
    let mark = match &m.position {
        Ok(position) => {
            // A mark is as old as the price it was read at, not the block that read it.
            let priced = u64::try_from(m.price.publish_time).unwrap_or(0).min(now);
            mark_of(position, crate::marks::mark_time(m.settling, priced))
        }
        _ => m.old_mark.clone(),
    };
    let here = equity(&mark)?;
    let marked = b
        .totals
        .marked_equity
        .checked_sub(equity(&m.old_mark)?)?
        .checked_add(here)?;
    // What the venue reports having paid since the stored mark is idle once the fresh mark is stored.
    let idle_now = b
        .idle
        .checked_add(crate::idle::payouts_since(&m.old_mark, &mark)?)?;
    let idle = Int128::try_from(idle_now)?;
    let floor_zero = |x: Int128| Uint128::try_from(x.max(Int128::zero()));
    let nav = floor_zero(idle.checked_add(marked)?)?;
    let brake = match (&params.drawdown_brake, &b.brake) {
        (Some(config), Some(inputs)) => Some(brake::at(config, inputs, nav, now)?),
        _ => None,
    };
    Ok(Book {
        nav,
        other_gross: b.totals.gross_notional.checked_sub(m.old_mark.notional)?,
        backing: floor_zero(idle.checked_add(here)?)?,
        idle: idle_now,
        mark,
        brake,
    })
}

/// Step 4: every cap for an order on `side` (the Kelly and signal caps only with a signal; the
/// liquidity cap for a trade on `side`). Caps that need a volatility are left out while there is none.
pub fn caps(
    params: &VaultParams,
    m: &MarketInputs,
    book: &Book,
    vol: Option<Fixed>,
    side: Side,
    signal: Option<SignedDecimal>,
) -> ContractResult<Vec<Cap>> {
    let nav = Collateral(book.nav.u128());
    let long = side == Side::Long;
    let mut out = Vec::with_capacity(9);
    if let Some(vol) = vol {
        let target = caps::vol_target(nav, fx(m.config.weight)?, fx(params.target_vol)?, vol)?;
        out.push(target);
        if let Some(brake) = &book.brake {
            out.push(drawdown::cap(target.limit, brake.scale)?);
        }
        if let Some(signal) = signal {
            out.push(caps::signal(
                target.limit,
                signed_decimal_to_fixed(signal)?,
                long,
            )?);
        }
    }
    out.push(caps::gross_leverage(
        nav,
        fx(params.max_leverage)?,
        Notional(book.other_gross.u128()),
    )?);
    out.push(caps::market_notional(Notional(
        m.config.max_notional.u128(),
    )));
    out.push(caps::concentration(nav, fx(params.max_concentration)?)?);
    if let Some(vol) = vol {
        if let Some(signal) = signal {
            let edge =
                caps::signal_edge(signed_decimal_to_fixed(signal)?, fx(params.max_edge)?, long)?;
            let variance = vol
                .checked_mul(vol)
                .ok_or(ballast_sizing::SizingError::Overflow { op: "variance" })?;
            out.push(caps::kelly(
                nav,
                fx(params.kelly_fraction)?,
                edge,
                variance,
            )?);
        }
        let z = var_quantile(params.var_confidence)?;
        out.push(caps::var(
            nav,
            fx(params.var_budget)?,
            z,
            vol,
            caps::years(params.var_horizon)?,
        )?);
    }
    out.push(liquidity(params, m, side)?);
    if let Some(vol) = vol {
        out.push(caps::liquidation_distance(
            Collateral(book.backing.u128()),
            fx(m.venue.params.maintenance_margin)?,
            fx(m.venue.params.initial_margin)?,
            vol,
            fx(params.liq_sigmas)?,
            caps::years(params.liq_horizon)?,
        )?);
    }
    Ok(out)
}

/// The tightest limit on the position among position caps (liquidity limits orders, not positions).
pub fn position_limit(caps: &[Cap]) -> Option<Uint128> {
    caps.iter()
        .filter(|c| !c.kind.limits_order())
        .filter_map(|c| c.limit)
        .min()
        .map(|n| Uint128::new(n.0))
}

/// The liquidity cap of a trade on `side`: the largest whose average slippage stays within
/// `max_slippage` after the venue's recent flow in that direction (a reduction of a long is a short
/// trade). Without flow, a closed form; the venue's flow decays over minutes, so orders in one block
/// or a few apart share one allowance instead of each getting a fresh one.
fn liquidity(params: &VaultParams, m: &MarketInputs, side: Side) -> ContractResult<Cap> {
    Ok(caps::liquidity_with_flow(
        Notional(m.venue.params.depth.u128()),
        Notional(m.venue.recent_flow.of(side).u128()),
        fx(params.max_slippage)?,
        fx(m.venue.params.impact_exponent)?,
    )?)
}

/// The liquidity cap's limit on one trade on `side` (the direction of the trade, not of the
/// position), if bounded: what a keeper's reduction is sliced to.
pub fn liquidity_limit(
    params: &VaultParams,
    m: &MarketInputs,
    side: Side,
) -> ContractResult<Option<Uint128>> {
    Ok(liquidity(params, m, side)?.limit.map(|n| Uint128::new(n.0)))
}

/// A reason code from a cap.
pub fn reason_of(kind: CapKind) -> Reason {
    match kind {
        CapKind::VolTarget => Reason::VolTarget,
        CapKind::GrossLeverage => Reason::GrossLeverage,
        CapKind::MarketNotional => Reason::MarketNotional,
        CapKind::Concentration => Reason::Concentration,
        CapKind::Kelly => Reason::Kelly,
        CapKind::Var => Reason::Var,
        CapKind::Liquidity => Reason::Liquidity,
        CapKind::LiquidationDistance => Reason::LiquidationDistance,
        CapKind::Signal => Reason::Signal,
        CapKind::Drawdown => Reason::Drawdown,
        CapKind::ReduceOnly => Reason::ReduceOnly,
        CapKind::MinOrder => Reason::MinOrder,
    }
}

/// Steps 2 to 5 for an order request.
pub fn evaluate(
    params: &VaultParams,
    m: &MarketInputs,
    b: &BookInputs,
    now: u64,
    request: &OrderRequest,
) -> ContractResult<Evaluation> {
    let observation = observe(params, m, b, now)?;
    let book = book(params, m, b, now)?;
    let vol = observation.forecast_vol()?;
    let caps = caps(params, m, &book, vol, request.side, request.signal)?;
    decide_with(params, m, observation, book, vol, caps, request)
}

/// Step 5 with the caps computed: the decision and the margin to post.
pub fn decide_with(
    params: &VaultParams,
    m: &MarketInputs,
    observation: Observation,
    book: Book,
    vol: Option<Fixed>,
    caps: Vec<Cap>,
    request: &OrderRequest,
) -> ContractResult<Evaluation> {
    let guard = if request.reduce_only {
        observation.guard_reduce
    } else {
        observation.guard_open
    };
    let forecast_vol = vol.map(fixed_to_decimal).transpose()?;
    let limits = caps
        .iter()
        .map(|c| CapLimit {
            cap: reason_of(c.kind),
            limit: c.limit.map(|n| Uint128::new(n.0)),
        })
        .collect();
    let mut evaluation = Evaluation {
        decision: Decision::Rejected,
        reason: Reason::None,
        side: request.side,
        requested: request.size,
        executed: Uint128::zero(),
        reduce_only: request.reduce_only,
        margin_to_post: Uint128::zero(),
        caps: limits,
        nav: book.nav,
        idle: book.idle,
        forecast_vol,
        observation,
        mark: book.mark.clone(),
        peak: book.brake.as_ref().map(|b| b.peak.clone()),
    };
    if let Some(reason) = guard {
        evaluation.reason = reason;
        evaluation.caps = vec![];
        return Ok(evaluation);
    }
    require_position(m)?;
    if under_water(&book.mark)? {
        evaluation.reason = Reason::UnderWater;
        evaluation.caps = vec![];
        return Ok(evaluation);
    }
    let current = book.mark.notional;
    let current_side = book.mark.side.unwrap_or(request.side);
    let outcome = decide(
        &Order {
            side: request.side.into(),
            size: Notional(request.size.u128()),
            reduce_only: request.reduce_only,
        },
        current_side.into(),
        Notional(current.u128()),
        &caps,
        Notional(params.min_order.u128()),
    )?;
    evaluation.decision = match outcome.decision {
        ballast_sizing::Decision::Accepted => Decision::Accepted,
        ballast_sizing::Decision::Scaled => Decision::Scaled,
        ballast_sizing::Decision::Rejected => Decision::Rejected,
    };
    evaluation.reason = outcome.binding_cap.map(reason_of).unwrap_or(Reason::None);
    evaluation.executed = Uint128::new(outcome.executed.0);
    evaluation.margin_to_post = margin::to_post(params, m, &book, vol, &evaluation)?;
    Ok(evaluation)
}
