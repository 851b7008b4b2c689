//! Queries of the vault and their replies.

use cosmwasm_schema::{QueryResponses, cw_serde};
use cosmwasm_std::{Addr, Decimal, Int128, SignedDecimal, Uint128};
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;

use super::{MarketConfig, OrderRequest, VaultParams};
use crate::Side;

/// Queries of the vault.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Roles, contracts and parameters.
    #[returns(ConfigResponse)]
    Config {},
    /// Nav, shares and exposure from the stored marks.
    #[returns(StateResponse)]
    State {},
    /// One market's configuration, volatility, halt and mark.
    #[returns(MarketResponse)]
    Market {
        /// Market id.
        market: String,
    },
    /// Runs the order pipeline without executing and says what would happen and why.
    #[returns(OrderPreview)]
    PreviewOrder(OrderRequest),
    /// A holder's shares (its balance of the share denom) and what they would redeem for now.
    #[returns(HolderResponse)]
    Holder {
        /// The holder.
        address: String,
    },
    /// The vault standard's version and extensions.
    #[returns(super::VaultStandardInfoResponse)]
    VaultStandardInfo {},
    /// The base and share denoms.
    #[returns(super::VaultInfoResponse)]
    Info {},
    /// Shares a deposit of `amount` base units would mint now (fees accrued first).
    #[returns(Uint128)]
    PreviewDeposit {
        /// Base units.
        amount: Uint128,
    },
    /// Base units a redeem of `amount` shares would pay now (fees accrued first).
    #[returns(Uint128)]
    PreviewRedeem {
        /// Shares.
        amount: Uint128,
    },
    /// Nav now, every open market read from its venue: the vault standard's total assets.
    #[returns(Uint128)]
    TotalAssets {},
    /// Shares outstanding.
    #[returns(Uint128)]
    TotalVaultTokenSupply {},
    /// Shares `amount` base units are worth now, before fees due (the vault standard's conversion).
    #[returns(Uint128)]
    ConvertToShares {
        /// Base units.
        amount: Uint128,
    },
    /// Base units `amount` shares are worth now, before fees due.
    #[returns(Uint128)]
    ConvertToAssets {
        /// Shares.
        amount: Uint128,
    },
    /// The vault's position in a market as its venue marks it now (the stored mark when the venue
    /// cannot): what a hedge measures its perp delta from.
    #[returns(MarkResponse)]
    Position {
        /// Market id.
        market: String,
    },
    /// Whether an address is an allow-listed strategy.
    #[returns(bool)]
    Strategy {
        /// The address.
        address: String,
    },
}

/// Reply to [`QueryMsg::Holder`].
#[cw_serde]
pub struct HolderResponse {
    /// Shares held.
    pub shares: Uint128,
    /// Base units they would redeem for now, rounded down.
    pub value: Uint128,
}

/// Reply to [`QueryMsg::Config`].
#[cw_serde]
pub struct ConfigResponse {
    /// The governor contract: owner, guardian and proposals live there.
    pub governor: Addr,
    /// Manager.
    pub manager: Addr,
    /// Receives fee shares.
    pub fee_recipient: Addr,
    /// Base denom.
    pub denom: String,
    /// The share denom (`factory/{vault}/{subdenom}`).
    pub share_denom: String,
    /// Oracle contract.
    pub oracle: Addr,
    /// Perp market contract.
    pub perp_market: Addr,
    /// Risk parameters.
    pub params: VaultParams,
}

/// Reply to [`QueryMsg::State`].
#[cw_serde]
pub struct StateResponse {
    /// Idle balance plus every market's marked equity (margin + unrealised PnL), base units.
    pub nav: Uint128,
    /// Base denom the vault holds itself.
    pub idle: Uint128,
    /// Shares outstanding.
    pub total_shares: Uint128,
    /// Base units per share, (nav + 1) / (supply + 10^d).
    pub share_price: Decimal,
    /// The best share price on which a performance fee was charged.
    pub high_water_mark: Decimal,
    /// The drawdown brake's peak share price as of its last update (None without a brake).
    pub peak_share_price: Option<Decimal>,
    /// Sum of |notional| over markets at their marks.
    pub gross_notional: Uint128,
    /// True when paused.
    pub paused: bool,
}

/// A market's stored mark: the last time the vault read its position.
#[cw_serde]
pub struct MarkResponse {
    /// Long, short, or None when flat.
    pub side: Option<Side>,
    /// |notional| at the mark price, base units.
    pub notional: Uint128,
    /// Margin posted.
    pub margin: Uint128,
    /// Unrealised PnL at the mark.
    pub unrealized_pnl: Int128,
    /// Block time of the mark, unix seconds.
    pub time: u64,
}

/// Reply to [`QueryMsg::Market`].
#[cw_serde]
pub struct MarketResponse {
    /// Configuration.
    pub config: MarketConfig,
    /// Forecast volatility, annualised; None before the first return.
    pub forecast_vol: Option<Decimal>,
    /// Returns the estimator has seen.
    pub observations: u64,
    /// publish_time of the last price folded into the volatility, unix seconds.
    pub last_price_time: Option<u64>,
    /// Block time until which the breaker halts orders that add exposure.
    pub halted_until: Option<u64>,
    /// The signal `Rebalance` follows; None: it only cuts the position back to its caps.
    pub signal: Option<SignedDecimal>,
    /// The stored mark.
    pub mark: MarkResponse,
}

/// Outcome of the pipeline.
// Serialised by `name` (`serialize_by_name!`).
#[derive(serde::Deserialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
#[derive(Copy, Eq)]
pub enum Decision {
    /// Full size.
    Accepted,
    /// Cut to the binding cap.
    Scaled,
    /// Not executed.
    Rejected,
}

/// Why an order was cut or refused: a cap from `ballast-sizing`, or a guard of the pipeline.
/// Serialised in snake_case; a released code is never renamed or reused.
// Serialised by `name` (`serialize_by_name!`).
#[derive(serde::Deserialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
#[derive(Copy, Eq, Hash)]
pub enum Reason {
    /// Nothing cut the order.
    None,
    /// Volatility target.
    VolTarget,
    /// Gross leverage over all markets.
    GrossLeverage,
    /// Per-market notional limit.
    MarketNotional,
    /// Share of nav per market.
    Concentration,
    /// Fractional Kelly.
    Kelly,
    /// Parametric VaR budget.
    Var,
    /// Price impact within max slippage.
    Liquidity,
    /// Distance to liquidation.
    LiquidationDistance,
    /// Signal strength.
    Signal,
    /// The drawdown brake.
    Drawdown,
    /// Reduce-only order cut to (or refused without) an opposing position.
    ReduceOnly,
    /// Below the minimum order after the caps.
    MinOrder,
    /// Oracle price <= 0.
    NonPositivePrice,
    /// Oracle price older than allowed.
    StalePrice,
    /// Oracle publish_time in the future beyond the allowed skew.
    FuturePrice,
    /// Confidence interval wider than allowed.
    WideConfidence,
    /// This update's move tripped the jump circuit breaker.
    CircuitBreaker,
    /// The market is halted by an earlier breaker trip.
    MarketHalted,
    /// The vault is paused.
    Paused,
    /// The market has not seen `min_observations` returns yet.
    NotEnoughObservations,
    /// Another market's mark is older than `max_mark_age`.
    StaleMarks,
    /// The position has lost more than its margin: any trade on it would pay the deficit from idle,
    /// which the vault, holding isolated margin, never owes; it waits for the venue's liquidation.
    UnderWater,
}

impl Reason {
    /// The code as it is serialised (an attribute's value), without the serializer's cost.
    pub fn name(self) -> &'static str {
        match self {
            Reason::None => "none",
            Reason::VolTarget => "vol_target",
            Reason::GrossLeverage => "gross_leverage",
            Reason::MarketNotional => "market_notional",
            Reason::Concentration => "concentration",
            Reason::Kelly => "kelly",
            Reason::Var => "var",
            Reason::Liquidity => "liquidity",
            Reason::LiquidationDistance => "liquidation_distance",
            Reason::Signal => "signal",
            Reason::Drawdown => "drawdown",
            Reason::ReduceOnly => "reduce_only",
            Reason::MinOrder => "min_order",
            Reason::NonPositivePrice => "non_positive_price",
            Reason::StalePrice => "stale_price",
            Reason::FuturePrice => "future_price",
            Reason::WideConfidence => "wide_confidence",
            Reason::CircuitBreaker => "circuit_breaker",
            Reason::MarketHalted => "market_halted",
            Reason::Paused => "paused",
            Reason::NotEnoughObservations => "not_enough_observations",
            Reason::StaleMarks => "stale_marks",
            Reason::UnderWater => "under_water",
        }
    }

    /// Every reason, for tests that cover them all.
    pub const ALL: [Reason; 23] = [
        Reason::None,
        Reason::VolTarget,
        Reason::GrossLeverage,
        Reason::MarketNotional,
        Reason::Concentration,
        Reason::Kelly,
        Reason::Var,
        Reason::Liquidity,
        Reason::LiquidationDistance,
        Reason::Signal,
        Reason::Drawdown,
        Reason::ReduceOnly,
        Reason::MinOrder,
        Reason::NonPositivePrice,
        Reason::StalePrice,
        Reason::FuturePrice,
        Reason::WideConfidence,
        Reason::CircuitBreaker,
        Reason::MarketHalted,
        Reason::Paused,
        Reason::NotEnoughObservations,
        Reason::StaleMarks,
        Reason::UnderWater,
    ];
}

impl Decision {
    /// The decision as it is serialised.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::Scaled => "scaled",
            Decision::Rejected => "rejected",
        }
    }
}

/// One cap's limit in a preview.
#[cw_serde]
pub struct CapLimit {
    /// The cap.
    pub cap: Reason,
    /// Largest notional it allows (position or, for liquidity, order); None when unbounded.
    pub limit: Option<Uint128>,
}

/// Reply to [`QueryMsg::PreviewOrder`]: what `SubmitOrder` would do now, and why.
#[cw_serde]
pub struct OrderPreview {
    /// Accepted, scaled or rejected.
    pub decision: Decision,
    /// The binding cap or failed guard.
    pub reason: Reason,
    /// Requested notional.
    pub requested: Uint128,
    /// Notional that would execute.
    pub executed: Uint128,
    /// Forecast volatility used, annualised.
    pub forecast_vol: Option<Decimal>,
    /// Nav used by the caps.
    pub nav: Uint128,
    /// Every cap's limit (empty when a guard refused before the caps).
    pub caps: Vec<CapLimit>,
}

crate::json_enum!(QueryMsg {
    "config" => Config {  },
    "state" => State {  },
    "market" => Market { market },
    "preview_order" => PreviewOrder (_),
    "holder" => Holder { address },
    "vault_standard_info" => VaultStandardInfo {  },
    "info" => Info {  },
    "preview_deposit" => PreviewDeposit { amount },
    "preview_redeem" => PreviewRedeem { amount },
    "total_assets" => TotalAssets {  },
    "total_vault_token_supply" => TotalVaultTokenSupply {  },
    "convert_to_shares" => ConvertToShares { amount },
    "convert_to_assets" => ConvertToAssets { amount },
    "position" => Position { market },
    "strategy" => Strategy { address },
});

crate::serialize_by_name!(Reason);
crate::serialize_by_name!(Decision);

#[cfg(test)]
mod name_tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    /// `name` (which serialises them) against the deserializers: serde's snake_case derive for reasons
    /// and decisions, `json_enum!`'s tags for sides.
    #[test]
    fn names_are_the_codes_the_deserializers_read() {
        for reason in Reason::ALL {
            let text = to_json_string(&reason).unwrap();
            assert_eq!(text, format!("\"{}\"", reason.name()));
            assert_eq!(from_json::<Reason>(&text).unwrap(), reason);
        }
        for side in [crate::Side::Long, crate::Side::Short] {
            let text = to_json_string(&side).unwrap();
            assert_eq!(from_json::<crate::Side>(&text).unwrap(), side);
        }
        for decision in [Decision::Accepted, Decision::Scaled, Decision::Rejected] {
            let text = to_json_string(&decision).unwrap();
            assert_eq!(from_json::<Decision>(&text).unwrap(), decision);
        }
    }
}
