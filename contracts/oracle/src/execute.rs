//! One handler per action.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response};

use ballast_types::attributes::{ACTION, ADDRESS, FEED_ID, PRICE, PUBLISH_TIME};
use ballast_types::oracle::{InstantiateMsg, MAX_FUTURE_SKEW, PriceUpdate};
use ballast_types::pyth::{PriceFeed, PriceIdentifier, PythPrice};

use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::{ContractError, ContractResult};
use crate::state::{FEEDS, OWNER, PUBLISHERS};

pub fn instantiate(deps: DepsMut, msg: InstantiateMsg) -> ContractResult<Response> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let owner = deps.api.addr_validate(&msg.owner)?;
    OWNER.save(deps.storage, &owner)?;
    for publisher in &msg.publishers {
        PUBLISHERS.save(deps.storage, &deps.api.addr_validate(publisher)?, &())?;
    }
    Ok(Response::new()
        .add_attribute(ACTION, "instantiate")
        .add_attribute("owner", owner))
}

fn assert_owner(deps: &DepsMut, sender: &Addr) -> ContractResult<()> {
    if OWNER.load(deps.storage)? != *sender {
        return Err(ContractError::Unauthorized { role: "owner" });
    }
    Ok(())
}

/// Stores each feed's new price. The whole update fails if one feed is bad, so a publisher never
/// leaves half an update behind. This oracle computes no average: `ema_price` repeats `price`.
pub fn update_price_feeds(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    feeds: Vec<PriceUpdate>,
) -> ContractResult<Response> {
    let now = i64::try_from(env.block.time.seconds()).unwrap_or(i64::MAX);
    // A stored price further ahead than the consumers accept would freeze them, since no later update
    // with an earlier publish_time may replace it: the limit is the one the perp market reads as fresh.
    let max_skew = i64::try_from(MAX_FUTURE_SKEW).unwrap_or(i64::MAX);
    if !PUBLISHERS.has(deps.storage, &info.sender) {
        return Err(ContractError::Unauthorized { role: "publisher" });
    }
    let mut response = Response::new().add_attribute(ACTION, "update_price_feeds");
    let mut seen: Vec<String> = Vec::with_capacity(feeds.len());
    for update in feeds {
        let key = checked_id(&update.id)?;
        if seen.contains(&key) {
            return Err(ContractError::DuplicateFeed { id: key });
        }
        if update.price.i64() <= 0 {
            return Err(ContractError::NonPositivePrice {
                id: key,
                price: update.price.i64(),
            });
        }
        if update.publish_time > now.saturating_add(max_skew) {
            return Err(ContractError::FuturePublishTime {
                id: key,
                publish_time: update.publish_time,
                now,
                max_skew,
            });
        }
        if let Some(stored) = FEEDS.may_load(deps.storage, &key)?
            && update.publish_time < stored.price.publish_time
        {
            return Err(ContractError::OlderPrice {
                id: key,
                stored: stored.price.publish_time,
                received: update.publish_time,
            });
        }
        let price = PythPrice {
            price: update.price,
            conf: update.conf,
            expo: update.expo,
            publish_time: update.publish_time,
        };
        let feed = PriceFeed {
            id: PriceIdentifier(key.clone()),
            price,
            ema_price: price,
        };
        FEEDS.save(deps.storage, &key, &feed)?;
        response = response
            .add_attribute(FEED_ID, &key)
            .add_attribute(PRICE, format!("{}e{}", update.price, update.expo))
            .add_attribute(PUBLISH_TIME, update.publish_time.to_string());
        seen.push(key);
    }
    Ok(response)
}

pub fn add_publisher(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
) -> ContractResult<Response> {
    assert_owner(&deps, &info.sender)?;
    let publisher = deps.api.addr_validate(&address)?;
    PUBLISHERS.save(deps.storage, &publisher, &())?;
    Ok(Response::new()
        .add_attribute(ACTION, "add_publisher")
        .add_attribute(ADDRESS, publisher))
}

pub fn remove_publisher(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
) -> ContractResult<Response> {
    assert_owner(&deps, &info.sender)?;
    let publisher = deps.api.addr_validate(&address)?;
    PUBLISHERS.remove(deps.storage, &publisher);
    Ok(Response::new()
        .add_attribute(ACTION, "remove_publisher")
        .add_attribute(ADDRESS, publisher))
}

/// The lowercase key of a valid id.
pub fn checked_id(id: &PriceIdentifier) -> ContractResult<String> {
    if !id.is_valid() {
        return Err(ContractError::InvalidFeedId { id: id.0.clone() });
    }
    Ok(id.normalized())
}
