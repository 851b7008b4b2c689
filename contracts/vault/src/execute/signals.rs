//! Signal scaling: allow-listed sources set a market's conviction, which `Rebalance` follows.

use cosmwasm_std::{DepsMut, MessageInfo, SignedDecimal};

use ballast_types::attributes::{ACTION, MARKET};
use ballast_types::vault::ParamError;

use crate::VaultResponse;
use crate::error::{ContractError, ContractResult};
use crate::state::{MARKETS, SIGNAL_SOURCES, SIGNALS};

pub fn set_signal(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
    signal: SignedDecimal,
) -> ContractResult<VaultResponse> {
    if !SIGNAL_SOURCES.has(deps.storage, &info.sender) {
        return Err(ContractError::Unauthorized {
            role: "signal source",
        });
    }
    if !MARKETS.has(deps.storage, &market) {
        return Err(ContractError::UnknownMarket { market });
    }
    if signal > SignedDecimal::one() || signal < SignedDecimal::negative_one() {
        return Err(ContractError::Param(ParamError {
            name: "signal",
            value: signal.to_string(),
            rule: "in [-1, 1]",
        }));
    }
    SIGNALS.save(deps.storage, &market, &signal)?;
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "set_signal")
        .add_attribute(MARKET, market)
        .add_attribute("signal", signal.to_string()))
}
