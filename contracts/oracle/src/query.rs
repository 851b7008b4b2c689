//! One function per query.

use cosmwasm_std::{Deps, Order};

use ballast_types::oracle::ConfigResponse;
use ballast_types::pyth::{PriceFeedResponse, PriceIdentifier};

use crate::error::{ContractError, ContractResult};
use crate::execute::checked_id;
use crate::state::{FEEDS, OWNER, PUBLISHERS};

/// Most publishers listed by `config`; an oracle has a handful.
const MAX_PUBLISHERS: usize = 100;

pub fn price_feed(deps: Deps, id: PriceIdentifier) -> ContractResult<PriceFeedResponse> {
    let key = checked_id(&id)?;
    let price_feed = FEEDS
        .may_load(deps.storage, &key)?
        .ok_or(ContractError::FeedNotFound { id: key })?;
    Ok(PriceFeedResponse { price_feed })
}

pub fn config(deps: Deps) -> ContractResult<ConfigResponse> {
    let publishers = PUBLISHERS
        .keys(deps.storage, None, None, Order::Ascending)
        .take(MAX_PUBLISHERS)
        .collect::<Result<_, _>>()?;
    Ok(ConfigResponse {
        owner: OWNER.load(deps.storage)?,
        publishers,
    })
}
