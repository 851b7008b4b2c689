//! Instantiate, execute and migrate messages of the vault.

use cosmwasm_std::{SignedDecimal, Uint128};
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;

use super::{MarketConfig, ShareToken, VaultParams};
use crate::Side;

/// Instantiates the vault.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    /// The governor contract (`ballast-governor`): the only sender of [`GovernMsg`].
    pub governor: String,
    /// Sends orders that add exposure.
    pub manager: String,
    /// The one denom deposited, traded as margin and redeemed.
    pub denom: String,
    /// The oracle contract (Pyth-compatible).
    pub oracle: String,
    /// The perp market contract, the only place the vault's funds may go.
    pub perp_market: String,
    /// Receives fee shares.
    pub fee_recipient: String,
    /// Risk parameters.
    pub params: VaultParams,
    /// Markets, at most `MAX_MARKETS`.
    pub markets: Vec<MarketConfig>,
    /// The share denom to create. The chain's denom creation fee is paid from the funds attached to
    /// the instantiation (they are never counted as idle).
    pub share_token: ShareToken,
}

/// An order request, as the manager or a strategy sends it and as `PreviewOrder` takes it.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct OrderRequest {
    /// Market id.
    pub market: String,
    /// Direction.
    pub side: Side,
    /// Requested notional, base units.
    pub size: Uint128,
    /// Only reduce the open position.
    pub reduce_only: bool,
    /// Conviction in [-1, 1], positive for long; enables the Kelly and signal caps.
    pub signal: Option<SignedDecimal>,
}

/// Actions of the vault.
// A message is parsed once per call and matched at once: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    /// Deposits `amount` of the base denom, attached; mints shares (the vault standard's `Deposit`).
    Deposit {
        /// Base units attached.
        amount: Uint128,
        /// Receives the shares; the sender when absent.
        recipient: Option<String>,
    },
    /// Burns `amount` shares, attached, for base denom from the idle balance (the vault standard's
    /// `Redeem`).
    Redeem {
        /// Receives the base denom; the sender when absent.
        recipient: Option<String>,
        /// Shares attached.
        amount: Uint128,
    },
    /// The manager's or an allow-listed strategy's order, through the whole pipeline.
    SubmitOrder(OrderRequest),
    /// Anyone: trade a market toward its target. With a signal, the volatility-target size times the
    /// signal; without one, the position itself cut to its caps: never turned around, never grown.
    Rebalance {
        /// Market id.
        market: String,
    },
    /// Anyone: cut a position that exceeds the caps by more than the tolerance back to them.
    Deleverage {
        /// Market id.
        market: String,
    },
    /// Anyone: read a market's price and position and store its mark.
    Mark {
        /// Market id.
        market: String,
    },
    /// A change the governor has decided (after its timelock, or at once for the guardian's
    /// tightening and pause); the vault checks its hard bounds again.
    Govern(GovernMsg),
    /// Anyone: mint the management and performance fees accrued so far.
    AccrueFees {},
    /// An allow-listed signal source sets a market's conviction in [-1, 1] (positive long); `Rebalance`
    /// then targets the volatility-target size times the signal, through the signal and Kelly caps.
    SetSignal {
        /// Market id.
        market: String,
        /// Conviction in [-1, 1]; 0 means flat.
        signal: SignedDecimal,
    },
    /// An allow-listed strategy marks a market whose perp position it holds as a hedge (`hedged`), or
    /// releases it; while marked, and the strategy allow-listed, a keeper's `Rebalance` of the market
    /// is refused (it would undo the hedge, and the hedge would redo it at the depositors' cost).
    SetHedged {
        /// Market id.
        market: String,
        /// True to mark, false to release.
        hedged: bool,
    },
    /// Re-marks a market once the venue has executed the vault's trade or margin. Only the vault
    /// sends it, as the last message after its own trade (so the mark is the venue's position).
    RemarkAfterTrade {
        /// Market id.
        market: String,
        /// The oracle price the order read, which the perp market marks at (saving it an oracle
        /// read); none: the market reads its oracle.
        price: Option<crate::pyth::PythPrice>,
    },
}

/// What only the governor may change. Each is checked here against the hard bounds, whoever decided it.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum GovernMsg {
    /// New parameters, within hard bounds; `share_offset_decimals` is fixed at instantiation.
    SetParams {
        /// The full new parameter set.
        params: VaultParams,
    },
    /// New parameters that loosen nothing (the guardian's tightening).
    TightenParams {
        /// The full new parameter set: every limit equal or tighter.
        params: VaultParams,
    },
    /// Adds a market or changes one (its venue only while flat).
    SetMarket {
        /// The market's new configuration.
        config: MarketConfig,
    },
    /// Lowers a market's weight or notional limit.
    TightenMarket {
        /// The market's new configuration.
        config: MarketConfig,
    },
    /// Pauses (only reduce-only orders pass) or lifts the pause.
    SetPaused {
        /// True to pause.
        paused: bool,
    },
    /// Sets the manager or the fee recipient (each optional).
    SetRoles {
        /// New manager.
        manager: Option<String>,
        /// New fee recipient.
        fee_recipient: Option<String>,
    },
    /// Allows or removes a signal source.
    SetSignalSource {
        /// The source's address.
        address: String,
        /// True to allow, false to remove.
        allowed: bool,
    },
    /// Allows or removes a strategy contract: an allow-listed strategy sends `SubmitOrder` like the
    /// manager (through the whole pipeline) and may mark a market hedged (`SetHedged`).
    SetStrategy {
        /// The strategy contract's address.
        address: String,
        /// True to allow, false to remove.
        allowed: bool,
    },
}

/// Migrates the vault to this version.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MigrateMsg {
    /// From 0.2.x: the governor that takes over ownership, guardian and proposals. It must already
    /// govern this vault with the same owner and guardian (checked), and nothing may be pending.
    #[serde(default)]
    pub governor: Option<String>,
    /// From 0.4.x: the share denom to create; every holder's shares are minted to them. The chain's
    /// denom creation fee must be sent to the vault first (it is paid from what idle does not count).
    #[serde(default)]
    pub share_token: Option<ShareToken>,
}

crate::json_struct!(InstantiateMsg {
    governor,
    manager,
    denom,
    oracle,
    perp_market,
    fee_recipient,
    params,
    markets,
    share_token
});
crate::json_struct!(OrderRequest {
    market,
    side,
    size,
    reduce_only,
    signal
});
crate::json_enum!(ExecuteMsg {
    "deposit" => Deposit { amount, recipient = default },
    "redeem" => Redeem { recipient = default, amount },
    "submit_order" => SubmitOrder (_),
    "rebalance" => Rebalance { market },
    "deleverage" => Deleverage { market },
    "mark" => Mark { market },
    "govern" => Govern (_),
    "accrue_fees" => AccrueFees {  },
    "set_signal" => SetSignal { market, signal },
    "set_hedged" => SetHedged { market, hedged },
    "remark_after_trade" => RemarkAfterTrade { market, price },
});
crate::json_enum!(GovernMsg {
    "set_params" => SetParams { params },
    "tighten_params" => TightenParams { params },
    "set_market" => SetMarket { config },
    "tighten_market" => TightenMarket { config },
    "set_paused" => SetPaused { paused },
    "set_roles" => SetRoles { manager, fee_recipient },
    "set_signal_source" => SetSignalSource { address, allowed },
    "set_strategy" => SetStrategy { address, allowed },
});
crate::json_struct!(MigrateMsg {
    governor = default,
    share_token = default
});
