//! The default build trades the ballast perp market only: a Levana venue, which only the `levana`
//! build can trade, is refused at instantiation and by the governor's `SetMarket`, naming the venue.
//! (`cargo test -p ballast-tests --features levana` builds the vault with `levana`, where it is skipped.)
#![cfg(not(feature = "levana"))]

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use serde_json::{Value, json};

use ballast_types::vault::{ExecuteMsg, GovernMsg, InstantiateMsg};
use ballast_types::venue::VenueError;
use ballast_vault::contract::{execute, instantiate};
use ballast_vault::error::ContractError;

const DAY: u64 = 86_400;

fn params() -> Value {
    json!({"target_vol":"0.4","max_leverage":"3","max_concentration":"3","kelly_fraction":"0.5","max_edge":"0.3",
        "var_confidence":"0.99","var_budget":"0.1","var_horizon":DAY,"max_slippage":"0.01","liq_sigmas":"3",
        "liq_horizon":DAY,"min_order":"1000000",
        "guards":{"max_age":60,"reduce_max_age":600,"max_future_skew":5,"max_confidence":"0.01","breaker_sigmas":"8",
                  "breaker_max_move":"0.25","breaker_cooldown":3600,"max_mark_age":3600},
        "estimator":{"lambda":"0.94","vol_step":DAY,"min_observations":3},
        "deleverage_tolerance":"0.05","rebalance_threshold":"0.05","share_offset_decimals":6,
        "management_fee":"0","performance_fee":"0","timelock":DAY})
}

fn levana_market(market_contract: &str) -> Value {
    json!({"market":"BTC-PERP","feed_id":"b7".repeat(32),"weight":"1","max_notional":"10000000000000",
        "venue":{"levana":{"market_contract":market_contract,"take_profit":"0.5","slippage_tolerance":"0.01",
            "collateral_decimals":6,"terms":{"depth":"1000000000000000","impact_exponent":"1",
            "taker_fee":"0.0005","initial_margin":"0.1","maintenance_margin":"0.05"}}}})
}

fn instantiate_msg(api: &cosmwasm_std::testing::MockApi, markets: Vec<Value>) -> InstantiateMsg {
    let addr = |name: &str| api.addr_make(name).to_string();
    // From JSON text: the contracts' types borrow their fields from it (`ballast_types::json`).
    serde_json::from_str(
        &json!({
        "governor": addr("governor"), "manager": addr("manager"), "denom": "uusdc",
        "oracle": addr("oracle"), "perp_market": addr("perp"), "fee_recipient": addr("fees"),
        "params": params(), "markets": markets,
        "share_token": {"token_factory": "osmosis", "subdenom": "share"}})
        .to_string(),
    )
    .unwrap()
}

fn unsupported() -> ContractError {
    ContractError::Venue(VenueError::Unsupported {
        venue: "levana",
        action: "trade a Levana market from this vault build",
    })
}

fn assert_unsupported(err: ContractError) {
    assert_eq!(
        (err.id(), err.to_string()),
        ("venue_unsupported", unsupported().to_string())
    );
}

#[test]
fn a_levana_market_is_refused_at_instantiation() {
    let mut deps = mock_dependencies();
    let levana = deps.api.addr_make("levana market").to_string();
    let msg = instantiate_msg(&deps.api, vec![levana_market(&levana)]);
    let owner = deps.api.addr_make("owner");
    let err = instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), msg).unwrap_err();
    assert_unsupported(err);
}

#[test]
fn a_levana_market_from_the_governor_is_refused() {
    let mut deps = mock_dependencies();
    let msg = instantiate_msg(&deps.api, vec![]);
    let owner = deps.api.addr_make("owner");
    instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), msg).unwrap();
    let levana = deps.api.addr_make("levana market").to_string();
    let set = ExecuteMsg::Govern(GovernMsg::SetMarket {
        config: serde_json::from_str(&levana_market(&levana).to_string()).unwrap(),
    });
    let governor = deps.api.addr_make("governor");
    let err = execute(deps.as_mut(), mock_env(), message_info(&governor, &[]), set).unwrap_err();
    assert_unsupported(err);
}
