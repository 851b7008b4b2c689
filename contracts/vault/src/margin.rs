//! The margin the vault posts with a trade and tops up on an open position: enough to keep the
//! position `liq_sigmas` from liquidation, never below the venue's own initial margin. Under the
//! margin policy (`redemption_buffer`), on a venue that returns margin on request, each position is
//! also given its share of the nav beyond the buffer by notional, so a position is liquidated only
//! by a move the whole vault could not cover; a redeem pulls the excess back ([`releasable`]).

use cosmwasm_std::{Int128, Uint128};

use ballast_sizing::{Fixed, Notional, caps, impact};
use ballast_types::perp::TradingTerms;
use ballast_types::vault::VaultParams;

use crate::error::ContractResult;
use crate::pipeline::{Book, Evaluation, MarketInputs, fx};
use crate::state::Mark;

/// Collateral to attach so that the position after the trade is backed at [`caps::margin_ratio`]
/// (and at least at the venue's own initial margin) and the venue's costs of the trade (fee and price
/// impact after the venue's recent flow in the trade's direction) are covered; at most the idle
/// balance. The venue counts margin less any unrealised loss.
/// Reducing trades post nothing: the venue returns the released margin.
pub fn to_post(
    params: &VaultParams,
    m: &MarketInputs,
    book: &Book,
    vol: Option<Fixed>,
    e: &Evaluation,
) -> ContractResult<Uint128> {
    let current = &book.mark;
    let same_side = current.side.is_none_or(|s| s == e.side);
    let (after, kept) = if same_side {
        (
            current.notional.checked_add(e.executed)?,
            usable_margin(current),
        )
    } else if e.executed > current.notional {
        // A flip: the new side starts from nothing.
        (e.executed.checked_sub(current.notional)?, Uint128::zero())
    } else {
        return Ok(Uint128::zero());
    };
    let Some(vol) = vol else {
        return Ok(Uint128::zero());
    };
    let venue = &m.venue.params;
    // The venue prices the trade after its recent flow in the trade's direction.
    let impact_cost = impact::cost(
        Notional(m.venue.recent_flow.of(e.side).u128()),
        Notional(e.executed.u128()),
        Notional(venue.depth.u128()),
        fx(venue.impact_exponent)?,
    )?;
    let costs = e
        .executed
        .checked_mul_ceil(venue.taker_fee)?
        .checked_add(Uint128::new(impact_cost))?;
    // No deficit to cover: a position under water is not traded (`Reason::UnderWater`).
    let required = required_margin(params, &m.venue.params, after, vol)?.checked_add(costs)?;
    posting(params, m, book, after, required, kept)
}

/// What to post on a position of `notional` whose usable margin is `kept`: up to `required` from
/// all of idle; under the margin policy, up to the position's [`allocation`] from idle above the
/// buffer (`nav * redemption_buffer`).
fn posting(
    params: &VaultParams,
    m: &MarketInputs,
    book: &Book,
    notional: Uint128,
    required: Uint128,
    kept: Uint128,
) -> ContractResult<Uint128> {
    let needed = required.saturating_sub(kept).min(book.idle);
    let Some(buffer) = params
        .redemption_buffer
        .filter(|_| m.config.venue.returns_margin())
    else {
        return Ok(needed);
    };
    let gross = book.other_gross.checked_add(notional)?;
    let share = allocation(book.nav, buffer, notional, gross)?;
    let spare = book
        .idle
        .saturating_sub(book.nav.checked_mul_ceil(buffer)?)
        .saturating_sub(needed);
    let extra = share
        .max(required)
        .saturating_sub(kept)
        .saturating_sub(needed)
        .min(spare);
    Ok(needed.checked_add(extra)?)
}

/// A position's share of the nav beyond the redemption buffer, by its part of the gross notional:
/// `(nav - ceil(nav * buffer)) * notional / gross`, rounded down; zero when nothing is open.
pub fn allocation(
    nav: Uint128,
    buffer: cosmwasm_std::Decimal,
    notional: Uint128,
    gross: Uint128,
) -> ContractResult<Uint128> {
    if gross.is_zero() {
        return Ok(Uint128::zero());
    }
    let deployable = nav.saturating_sub(nav.checked_mul_ceil(buffer)?);
    Ok(deployable.checked_multiply_ratio(notional, gross)?)
}

/// Margin a redeem may pull back from a position: its usable margin beyond what keeps it
/// `liq_sigmas` from liquidation (the venue's initial margin at least); nothing without a forecast
/// or while the position is under water.
pub fn releasable(
    params: &VaultParams,
    terms: &TradingTerms,
    mark: &Mark,
    vol: Option<Fixed>,
) -> ContractResult<Uint128> {
    let (Some(vol), Some(_)) = (vol, mark.side) else {
        return Ok(Uint128::zero());
    };
    let required = required_margin(params, terms, mark.notional, vol)?;
    Ok(usable_margin(mark).saturating_sub(required))
}

/// Margin that backs a position of `notional` at [`caps::margin_ratio`], never below the venue's own
/// initial margin computed as the venue does (in `Decimal`, rounded up), plus a cushion of one part
/// per million and ten units for the venue's rounding of quantity and price.
fn required_margin(
    params: &VaultParams,
    venue: &TradingTerms,
    notional: Uint128,
    vol: Fixed,
) -> ContractResult<Uint128> {
    let ratio = caps::margin_ratio(
        fx(venue.maintenance_margin)?,
        fx(venue.initial_margin)?,
        vol,
        fx(params.liq_sigmas)?,
        caps::years(params.liq_horizon)?,
    )?;
    let backing = ballast_sizing::mul_floor(notional.u128(), ratio)?
        .ok_or(ballast_sizing::SizingError::Overflow { op: "margin" })?;
    let venue_floor = notional.checked_mul_ceil(venue.initial_margin)?;
    let cushion = Uint128::new(notional.u128() / 1_000_000).checked_add(Uint128::new(10))?;
    Ok(Uint128::new(backing)
        .max(venue_floor)
        .checked_add(cushion)?)
}

/// Margin the venue counts for a position: margin less any unrealised loss.
fn usable_margin(mark: &Mark) -> Uint128 {
    let loss = mark.unrealized_pnl.min(Int128::zero()).unsigned_abs();
    mark.margin.saturating_sub(loss)
}

/// The unrealised loss of a position beyond its margin: what the venue would take from new collateral.
fn deficit(mark: &Mark) -> Uint128 {
    let loss = mark.unrealized_pnl.min(Int128::zero()).unsigned_abs();
    loss.saturating_sub(mark.margin)
}

/// Collateral to add to an open position whose usable margin has fallen below what keeps its
/// liquidation `liq_sigmas` away (losses wear margin down while nav sits idle), or below its
/// allocation under the margin policy; as [`posting`] allows.
pub fn top_up(
    params: &VaultParams,
    m: &MarketInputs,
    book: &Book,
    vol: Option<Fixed>,
) -> ContractResult<Uint128> {
    let (Some(vol), Some(_)) = (vol, book.mark.side) else {
        return Ok(Uint128::zero());
    };
    // Under water, new collateral would first fill the hole the venue's liquidation leaves to its
    // pool: the holders never owe it (nav counts the position at zero), so nothing is added.
    if !deficit(&book.mark).is_zero() {
        return Ok(Uint128::zero());
    }
    let required = required_margin(params, &m.venue.params, book.mark.notional, vol)?;
    posting(
        params,
        m,
        book,
        book.mark.notional,
        required,
        usable_margin(&book.mark),
    )
}
