//! Strategy contracts: clients of the core allow-listed to send `SubmitOrder` (through the whole
//! pipeline, like the manager) and to mark a market whose position they hold as a hedge.

use cosmwasm_std::{DepsMut, MessageInfo};

use ballast_types::attributes::{ACTION, ADDRESS, MARKET};

use crate::VaultResponse;
use crate::error::{ContractError, ContractResult};
use crate::state::{HEDGED, MARKETS, STRATEGIES};

/// Allows or removes a strategy contract. Removing one stops its orders at once and lifts its hedge
/// marks (a `Rebalance` no longer sees them).
pub fn set_strategy(
    deps: DepsMut,
    address: String,
    allowed: bool,
) -> ContractResult<VaultResponse> {
    let strategy = super::address(deps.api, "address", &address)?;
    if allowed {
        STRATEGIES.save(deps.storage, &strategy, &())?;
    } else {
        STRATEGIES.remove(deps.storage, &strategy);
    }
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "set_strategy")
        .add_attribute(ADDRESS, strategy)
        .add_attribute("allowed", allowed.to_string()))
}

/// An allow-listed strategy marks a market hedged or releases its own mark. One strategy holds a
/// market at a time: marking a market another allow-listed strategy holds is refused (its release
/// would open the market to `Rebalance` under the holder's live hedge), a removed strategy's mark is
/// taken over. The holder releases its mark even once removed (so its manager can still end its
/// hedge); releasing a market another strategy holds is refused, releasing an
/// unmarked one is a no-op.
pub fn set_hedged(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
    hedged: bool,
) -> ContractResult<VaultResponse> {
    if !MARKETS.has(deps.storage, &market) {
        return Err(ContractError::UnknownMarket { market });
    }
    if hedged {
        assert_strategy(deps.storage, &info.sender)?;
        if let Some(holder) = HEDGED.may_load(deps.storage, &market)?
            && holder != info.sender
            && STRATEGIES.has(deps.storage, &holder)
        {
            return Err(ContractError::MarketHedgedByOther {
                market,
                strategy: holder.into_string(),
            });
        }
        HEDGED.save(deps.storage, &market, &info.sender)?;
    } else {
        match HEDGED.may_load(deps.storage, &market)? {
            Some(holder) if holder == info.sender => HEDGED.remove(deps.storage, &market),
            holder => {
                assert_strategy(deps.storage, &info.sender)?;
                if holder.is_some() {
                    return Err(ContractError::Unauthorized {
                        role: "strategy that hedged the market",
                    });
                }
            }
        }
    }
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "set_hedged")
        .add_attribute(MARKET, market)
        .add_attribute("strategy", info.sender)
        .add_attribute("hedged", hedged.to_string()))
}

/// `Unauthorized` unless `sender` is an allow-listed strategy.
fn assert_strategy(
    storage: &dyn cosmwasm_std::Storage,
    sender: &cosmwasm_std::Addr,
) -> ContractResult<()> {
    if !STRATEGIES.has(storage, sender) {
        return Err(ContractError::Unauthorized { role: "strategy" });
    }
    Ok(())
}
