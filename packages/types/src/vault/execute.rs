//! Instantiate, execute and migrate messages of the vault.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{SignedDecimal, Uint128};

use super::{MarketConfig, VaultParams};
use crate::Side;

/// Instantiates the vault.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    /// Adds markets; later, governs parameters.
    pub owner: String,
    /// Sends orders that add exposure.
    pub manager: String,
    /// May pause the vault.
    pub guardian: String,
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
}

/// An order request, as the manager or a strategy sends it and as `PreviewOrder` takes it.
#[cw_serde]
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
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    /// Deposits the attached base denom; mints shares to the sender.
    Deposit {},
    /// Burns the sender's shares for base denom from the idle balance.
    Redeem {
        /// Shares to burn.
        shares: Uint128,
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
    /// The owner proposes new parameters; anyone applies them after the timelock.
    ProposeParams {
        /// The full new parameter set, within hard bounds.
        params: VaultParams,
    },
    /// Anyone: apply the pending parameters once their timelock has passed.
    ApplyParams {},
    /// The owner withdraws the pending parameters.
    CancelParams {},
    /// The owner proposes to add a market or change one; anyone applies it after the timelock.
    ProposeMarket {
        /// The market's new configuration.
        config: MarketConfig,
    },
    /// Anyone: apply a pending market change once its timelock has passed.
    ApplyMarket {
        /// Market id.
        market: String,
    },
    /// The owner withdraws a pending market change.
    CancelMarket {
        /// Market id.
        market: String,
    },
    /// The guardian (or owner) tightens parameters at once; any loosening is refused.
    Tighten {
        /// The full new parameter set: every limit equal or tighter.
        params: VaultParams,
    },
    /// The guardian (or owner) lowers a market's weight or notional limit at once.
    TightenMarket {
        /// The market's new configuration.
        config: MarketConfig,
    },
    /// The guardian or the owner pauses: only reduce-only orders pass.
    Pause {},
    /// The owner lifts a pause.
    Unpause {},
    /// The owner offers ownership; it moves when the new owner accepts.
    TransferOwnership {
        /// The proposed owner.
        new_owner: String,
    },
    /// The proposed owner takes ownership.
    AcceptOwnership {},
    /// The owner sets the manager, guardian or fee recipient (each optional).
    SetRoles {
        /// New manager.
        manager: Option<String>,
        /// New guardian.
        guardian: Option<String>,
        /// New fee recipient.
        fee_recipient: Option<String>,
    },
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
    /// The owner allows or removes a signal source.
    SetSignalSource {
        /// The source's address.
        address: String,
        /// True to allow, false to remove.
        allowed: bool,
    },
    /// The owner allows or removes a strategy contract: an allow-listed strategy sends `SubmitOrder`
    /// like the manager (through the whole pipeline) and may mark a market hedged (`SetHedged`).
    SetStrategy {
        /// The strategy contract's address.
        address: String,
        /// True to allow, false to remove.
        allowed: bool,
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
}

/// Migrates the vault to this version.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MigrateMsg {}
