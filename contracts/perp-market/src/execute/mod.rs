//! Handlers of the traders' and the owner's actions, one per `ExecuteMsg` variant. The pool's
//! actions live in [`crate::pool`] and liquidation in [`crate::liquidation`].

mod margin;
mod market;
mod trade;

pub use margin::{add_margin, remove_margin};
pub use market::add_market;
pub use trade::trade;

use cosmwasm_std::Storage;

use crate::error::{ContractError, ContractResult};
use crate::state::{MARKETS, Market};

/// The market `id`, or `UnknownMarket`.
pub fn load_market(storage: &dyn Storage, id: &str) -> ContractResult<Market> {
    MARKETS
        .may_load(storage, id)?
        .ok_or_else(|| ContractError::UnknownMarket {
            market: id.to_string(),
        })
}
