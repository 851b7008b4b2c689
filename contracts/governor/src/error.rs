//! Errors of the governor.

use cosmwasm_std::{OverflowError, StdError};
use thiserror::Error;

use ballast_types::vault::ParamError;
use ballast_types::version::VersionError;

/// Everything the governor refuses. What the vault refuses (a bound, a loosening, an unknown market)
/// comes back as the vault's own error, failing the whole transaction.
#[derive(Debug, Error)]
pub enum ContractError {
    /// A storage, serialisation or query error.
    #[error(transparent)]
    Std(#[from] StdError),
    /// Arithmetic past its type's range (a timelock's end past u64).
    #[error(transparent)]
    Overflow(#[from] OverflowError),
    /// A parameter out of its hard bounds, refused at proposal.
    #[error("invalid parameter: {0}")]
    Param(#[from] ParamError),
    /// The sender does not hold the role the action needs.
    #[error("unauthorized: only the {role} may do this")]
    Unauthorized {
        /// `owner`, `guardian or owner` or `pending owner`.
        role: &'static str,
    },
    /// Applying a proposal before its timelock has passed.
    #[error("the timelock runs until {eta}; it is {now}")]
    TimelockNotPassed {
        /// When the proposal may be applied.
        eta: u64,
        /// Block time now.
        now: u64,
    },
    /// Applying or cancelling what was never proposed.
    #[error("no pending {what}")]
    NothingPending {
        /// What was looked for.
        what: String,
    },
    /// An action on the vault before the owner named it.
    #[error("no vault is governed yet: the owner names it with set_vault")]
    VaultNotSet {},
    /// Naming a vault a second time.
    #[error("this governor already governs {vault}")]
    VaultAlreadySet {
        /// The governed vault.
        vault: String,
    },
    /// Naming a vault that does not name this governor: nothing it forwards would be accepted, and a
    /// vault can be named only once.
    #[error("{vault} is governed by {governor}, not by this governor")]
    VaultNotGoverned {
        /// The vault named.
        vault: String,
        /// The governor that vault names.
        governor: String,
    },
    /// A migration from another contract or to an older version.
    #[error(transparent)]
    Version(#[from] VersionError),
}

impl ContractError {
    /// A stable snake_case id per variant, for clients and tests; never renamed or reused.
    pub fn id(&self) -> &'static str {
        match self {
            ContractError::Std(_) => "std",
            ContractError::Overflow(_) => "overflow",
            ContractError::Param(_) => "param",
            ContractError::Unauthorized { .. } => "unauthorized",
            ContractError::TimelockNotPassed { .. } => "timelock_not_passed",
            ContractError::NothingPending { .. } => "nothing_pending",
            ContractError::VaultNotSet {} => "vault_not_set",
            ContractError::VaultAlreadySet { .. } => "vault_already_set",
            ContractError::VaultNotGoverned { .. } => "vault_not_governed",
            ContractError::Version(VersionError::ForeignContract { .. }) => "foreign_contract",
            ContractError::Version(VersionError::Downgrade { .. }) => "downgrade",
            ContractError::Version(VersionError::TooOld { .. }) => "version_too_old",
        }
    }
}

/// cosmwasm-std 3's `StdError` has no `PartialEq`; two errors are equal when their id and every
/// field (all shown in the message) are.
impl PartialEq for ContractError {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id() && self.to_string() == other.to_string()
    }
}

/// Result of every handler.
pub type ContractResult<T> = Result<T, ContractError>;
