//! What 0.2.x stored that 0.3.0 changed. (0.2.0 moved 0.1.0's JSON records to the binary codec; this
//! build migrates from 0.2.0 on.)

use crate::codec::CompactItem;

/// The oldest version this build migrates from: the first that stored its records in binary.
pub const VERSION: &str = "0.2.0";

/// The roles record of 0.1.0 and 0.2.x: owner and guardian were the vault's until 0.3.0 handed them
/// to the governor (`v0_3`).
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub owner: cosmwasm_std::Addr,
    pub manager: cosmwasm_std::Addr,
    pub guardian: cosmwasm_std::Addr,
    pub fee_recipient: cosmwasm_std::Addr,
    pub denom: String,
    pub oracle: cosmwasm_std::Addr,
    pub perp_market: cosmwasm_std::Addr,
}

crate::codec::compact!(Config {
    owner,
    manager,
    guardian,
    fee_recipient,
    denom,
    oracle,
    perp_market
});

/// 0.2.x's binary roles record.
pub const CONFIG: CompactItem<Config> = CompactItem::new("C");
