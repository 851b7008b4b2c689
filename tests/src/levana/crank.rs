//! The stand-in's crank: runs the queued executions in id order at the current price, as Levana's
//! deferred execution does. A failed one (a price past its slippage assertion, a removal of all the
//! collateral) pays its attached collateral back, as Levana does.

use cosmwasm_std::{BankMsg, Decimal256, DepsMut, Env, Response, StdResult, Storage, coins};

use super::model::to_units;
use super::{
    CLOSED, CONFIG, EXECS, NEXT_EXEC, NEXT_POSITION, POSITIONS, PRICE, PROCESSED, StubPosition,
    TOKENS,
};
use crate::levana_fixture::{DirectionToBase, PositionId, SlippageAssert};
use crate::levana_query_fixture::{
    DeferredExecCompleteTarget, DeferredExecItem, DeferredExecStatus, DeferredExecWithStatus,
};

/// Runs up to `execs` queued executions in id order at the current price.
pub(super) fn crank(deps: DepsMut, env: Env, execs: Option<u32>) -> StdResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    let price = PRICE.load(deps.storage)?;
    let issued = NEXT_EXEC.load(deps.storage)? - 1;
    let mut processed = PROCESSED.load(deps.storage)?;
    let mut response = Response::new();
    let mut left = execs.unwrap_or(u32::MAX);
    while processed < issued && left > 0 {
        processed += 1;
        left -= 1;
        let mut exec = EXECS.load(deps.storage, processed)?;
        let outcome = apply(deps.storage, &env, &exec, price);
        exec.status = match outcome {
            Ok((target, payout)) => {
                let units = to_units(payout, config.decimals);
                if !units.is_zero() {
                    response = response.add_message(BankMsg::Send {
                        to_address: exec.owner.to_string(),
                        amount: coins(units.u128(), &config.denom),
                    });
                }
                DeferredExecStatus::Success {
                    target: DeferredExecCompleteTarget::Position(target),
                    executed: env.block.time,
                }
            }
            Err(reason) => {
                let refund = to_units(attached(&exec.item), config.decimals);
                if !refund.is_zero() {
                    response = response.add_message(BankMsg::Send {
                        to_address: exec.owner.to_string(),
                        amount: coins(refund.u128(), &config.denom),
                    });
                }
                DeferredExecStatus::Failure {
                    reason,
                    executed: env.block.time,
                    crank_price: None,
                }
            }
        };
        EXECS.save(deps.storage, processed, &exec)?;
    }
    PROCESSED.save(deps.storage, &processed)?;
    Ok(response)
}

/// Applies one execution: the position it touched, and the collateral it pays back.
fn apply(
    storage: &mut dyn Storage,
    env: &Env,
    exec: &DeferredExecWithStatus,
    price: Decimal256,
) -> Result<(PositionId, Decimal256), String> {
    let load = |storage: &dyn Storage, id: PositionId| {
        POSITIONS.load(storage, id.u64()).map_err(|e| e.to_string())
    };
    let save = |storage: &mut dyn Storage, id: PositionId, p: &StubPosition| {
        POSITIONS
            .save(storage, id.u64(), p)
            .map_err(|e| e.to_string())
    };
    match &exec.item {
        DeferredExecItem::OpenPosition {
            slippage_assert,
            leverage,
            direction,
            take_profit,
            amount,
            ..
        } => {
            slipped(slippage_assert, *direction, price)?;
            let id = NEXT_POSITION.load(storage).map_err(|e| e.to_string())?;
            NEXT_POSITION
                .save(storage, &(id + 1))
                .map_err(|e| e.to_string())?;
            let collateral = amount.raw();
            let position = StubPosition {
                owner: exec.owner.clone(),
                direction: *direction,
                collateral,
                quantity: collateral * leverage.raw() / price,
                entry: price,
                deposited: collateral,
                withdrawn: Decimal256::zero(),
                created_at: env.block.time,
                take_profit: *take_profit,
            };
            let id = PositionId::new(id);
            save(storage, id, &position)?;
            TOKENS
                .save(storage, (&exec.owner, id.u64().to_string()), &())
                .map_err(|e| e.to_string())?;
            Ok((id, Decimal256::zero()))
        }
        DeferredExecItem::UpdatePositionAddCollateralImpactLeverage { id, amount } => {
            let mut p = load(storage, *id)?;
            p.add_impact_leverage(price, amount.raw());
            save(storage, *id, &p)?;
            Ok((*id, Decimal256::zero()))
        }
        DeferredExecItem::UpdatePositionAddCollateralImpactSize { id, amount, .. } => {
            let mut p = load(storage, *id)?;
            p.add_impact_size(price, amount.raw());
            save(storage, *id, &p)?;
            Ok((*id, Decimal256::zero()))
        }
        DeferredExecItem::UpdatePositionRemoveCollateralImpactSize { id, amount, .. } => {
            let mut p = load(storage, *id)?;
            p.remove_impact_size(price, amount.raw())?;
            save(storage, *id, &p)?;
            Ok((*id, amount.raw()))
        }
        DeferredExecItem::ClosePosition { id, .. } => {
            let p = load(storage, *id)?;
            POSITIONS.remove(storage, id.u64());
            TOKENS.remove(storage, (&p.owner, id.u64().to_string()));
            CLOSED
                .save(
                    storage,
                    id.u64(),
                    &p.closed(id.u64(), price, env.block.time),
                )
                .map_err(|e| e.to_string())?;
            Ok((*id, p.active(price)))
        }
    }
}

/// Collateral attached to an item, paid back when it fails.
fn attached(item: &DeferredExecItem) -> Decimal256 {
    match item {
        DeferredExecItem::OpenPosition { amount, .. }
        | DeferredExecItem::UpdatePositionAddCollateralImpactLeverage { amount, .. }
        | DeferredExecItem::UpdatePositionAddCollateralImpactSize { amount, .. } => amount.raw(),
        _ => Decimal256::zero(),
    }
}

/// Levana's slippage check of an open: the price moved against the trader past the tolerance.
fn slipped(
    assert: &Option<SlippageAssert>,
    direction: DirectionToBase,
    price: Decimal256,
) -> Result<(), String> {
    let Some(assert) = assert else {
        return Ok(());
    };
    let (expected, tolerance) = assert.parts();
    let worse = match direction {
        DirectionToBase::Long => price > expected * (Decimal256::one() + tolerance),
        DirectionToBase::Short => price < expected * (Decimal256::one() - tolerance),
    };
    if worse {
        Err(format!("slippage: {price} against {expected}"))
    } else {
        Ok(())
    }
}
