//! Instantiate, execute and migrate messages of the governor.

use cosmwasm_schema::cw_serde;

use crate::vault::{MarketConfig, VaultParams};

/// Instantiates the governor.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    /// Proposes changes, sets roles, unpauses.
    pub owner: String,
    /// Pauses and tightens at once; never loosens.
    pub guardian: String,
    /// The vault it governs, when it already exists; otherwise the owner names it once with
    /// `SetVault`, after instantiating the vault with this governor.
    pub vault: Option<String>,
}

/// Actions of the governor.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    /// The owner names the vault this governor owns; once only.
    SetVault {
        /// The vault's address (instantiated with this governor as its `governor`).
        vault: String,
    },
    /// The owner proposes new parameters; anyone applies them after the vault's `timelock`.
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
    /// The guardian (or owner) tightens parameters at once; any loosening is refused. Cancels the
    /// pending parameters, which a later apply would otherwise use to undo the tightening.
    Tighten {
        /// The full new parameter set: every limit equal or tighter.
        params: VaultParams,
    },
    /// The guardian (or owner) lowers a market's weight or notional limit at once, cancelling that
    /// market's pending change.
    TightenMarket {
        /// The market's new configuration.
        config: MarketConfig,
    },
    /// The guardian or the owner pauses the vault at once: only reduce-only orders pass.
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
    /// The owner sets the vault's manager or fee recipient, or the guardian (each optional).
    SetRoles {
        /// New manager of the vault.
        manager: Option<String>,
        /// New guardian (kept by the governor).
        guardian: Option<String>,
        /// New fee recipient of the vault.
        fee_recipient: Option<String>,
    },
    /// The owner allows or removes a source of the vault's signals.
    SetSignalSource {
        /// The source's address.
        address: String,
        /// True to allow, false to remove.
        allowed: bool,
    },
    /// The owner allows or removes a strategy contract (`ballast-strategies`): it then sends the vault
    /// orders, through the whole pipeline, like the manager.
    SetStrategy {
        /// The strategy contract's address.
        address: String,
        /// True to allow, false to remove.
        allowed: bool,
    },
}

/// Migrates the governor to this version.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MigrateMsg {}
