//! The typed error behind a failed transaction.
//!
//! cw-multi-test turns a contract's error into text on its way out (see [`crate::assertions`]), and a
//! text says nothing stable about which variant failed. The harness's contract codes therefore call
//! the contracts' entry points through the wrappers below, which note the stable id
//! (`ContractError::id`) of every error an entry point returns, on this thread, before multi-test
//! flattens it. A random session clears the log before a step and reads the failure after it, so a
//! refusal is judged by variant id (`stale_mark`, `not_liquidatable`), and an overflow or a perp book
//! failing its sanity check can never pass as an ordinary refusal.
//!
//! A failing query is noted too: the vault wraps a failed query in its `std` error, and the query's own
//! id says why.

use std::cell::RefCell;
use std::fmt;

use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response};

/// Which entry point raised an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `execute` (or `instantiate`, `migrate`).
    Execute,
    /// `reply`.
    Reply,
    /// `query`.
    Query,
}

/// One error an entry point returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raised {
    /// `vault`, `governor`, `strategies`, `perp` or `oracle`.
    pub contract: &'static str,
    /// The entry point.
    pub entry: Entry,
    /// The variant's stable id.
    pub id: &'static str,
    /// The error's message.
    pub text: String,
}

impl fmt::Display for Raised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} ({})", self.contract, self.id, self.text)
    }
}

/// Errors kept per thread; older ones are dropped (a fuzz run raises hundreds of thousands).
const KEEP: usize = 64;

thread_local! {
    static RAISED: RefCell<Vec<Raised>> = const { RefCell::new(Vec::new()) };
}

fn note(contract: &'static str, entry: Entry, id: &'static str, text: String) {
    RAISED.with(|log| {
        let mut log = log.borrow_mut();
        if log.len() >= KEEP {
            log.remove(0);
        }
        log.push(Raised {
            contract,
            entry,
            id,
            text,
        });
    });
}

/// Forgets every error noted so far on this thread.
pub fn clear_raised() {
    RAISED.with(|log| log.borrow_mut().clear());
}

/// Every error noted on this thread since the last [`clear_raised`], oldest first.
pub fn raised() -> Vec<Raised> {
    RAISED.with(|log| log.borrow().clone())
}

/// The error that failed a transaction: the last one an `execute` or `reply` returned (a submessage's
/// error propagates unchanged through a `reply_on_success`), with, when it is a wrapped `std` error,
/// the last failed query before it, which says why. None when no contract returned an error (the
/// bank refused, or the message did not parse).
pub fn failure() -> Option<(Raised, Option<Raised>)> {
    let log = raised();
    let at = log.iter().rposition(|r| r.entry != Entry::Query)?;
    let cause = match log[at].id {
        "std" => log[..at]
            .iter()
            .rev()
            .find(|r| r.entry == Entry::Query)
            .cloned(),
        _ => None,
    };
    Some((log[at].clone(), cause))
}

/// Notes `res`'s error, if any, and passes it on.
fn noted<T, E: fmt::Display>(
    contract: &'static str,
    entry: Entry,
    id: impl Fn(&E) -> &'static str,
    res: Result<T, E>,
) -> Result<T, E> {
    if let Err(e) = &res {
        note(contract, entry, id(e), e.to_string());
    }
    res
}

/// The vault's entry points, noting errors.
pub mod vault {
    use super::*;
    use ballast_types::vault::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
    use ballast_vault::VaultResponse;
    use ballast_vault::contract;
    use ballast_vault::error::ContractError;

    type Result<T> = std::result::Result<T, ContractError>;

    pub fn execute(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: ExecuteMsg,
    ) -> Result<VaultResponse> {
        noted(
            "vault",
            Entry::Execute,
            ContractError::id,
            contract::execute(deps, env, info, msg),
        )
    }

    pub fn instantiate(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: InstantiateMsg,
    ) -> Result<VaultResponse> {
        let res = contract::instantiate(deps, env, info, msg);
        noted("vault", Entry::Execute, ContractError::id, res)
    }

    pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary> {
        noted(
            "vault",
            Entry::Query,
            ContractError::id,
            contract::query(deps, env, msg),
        )
    }

    pub fn migrate(deps: DepsMut, env: Env, msg: MigrateMsg) -> Result<VaultResponse> {
        noted(
            "vault",
            Entry::Execute,
            ContractError::id,
            contract::migrate(deps, env, msg),
        )
    }
}

/// The governor's entry points, noting errors.
pub mod governor {
    use super::*;
    use ballast_governor::contract;
    use ballast_governor::error::ContractError;
    use ballast_types::governor::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

    type Result<T> = std::result::Result<T, ContractError>;

    pub fn execute(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: ExecuteMsg,
    ) -> Result<Response> {
        noted(
            "governor",
            Entry::Execute,
            ContractError::id,
            contract::execute(deps, env, info, msg),
        )
    }

    pub fn instantiate(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: InstantiateMsg,
    ) -> Result<Response> {
        let res = contract::instantiate(deps, env, info, msg);
        noted("governor", Entry::Execute, ContractError::id, res)
    }

    pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary> {
        noted(
            "governor",
            Entry::Query,
            ContractError::id,
            contract::query(deps, env, msg),
        )
    }

    pub fn migrate(deps: DepsMut, env: Env, msg: MigrateMsg) -> Result<Response> {
        noted(
            "governor",
            Entry::Execute,
            ContractError::id,
            contract::migrate(deps, env, msg),
        )
    }
}

/// The perp market's entry points, noting errors.
pub mod perp {
    use super::*;
    use ballast_perp::contract;
    use ballast_perp::error::ContractError;
    use ballast_types::perp::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

    type Result<T> = std::result::Result<T, ContractError>;

    pub fn execute(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: ExecuteMsg,
    ) -> Result<Response> {
        noted(
            "perp",
            Entry::Execute,
            ContractError::id,
            contract::execute(deps, env, info, msg),
        )
    }

    pub fn instantiate(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: InstantiateMsg,
    ) -> Result<Response> {
        let res = contract::instantiate(deps, env, info, msg);
        noted("perp", Entry::Execute, ContractError::id, res)
    }

    pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary> {
        noted(
            "perp",
            Entry::Query,
            ContractError::id,
            contract::query(deps, env, msg),
        )
    }

    pub fn migrate(deps: DepsMut, env: Env, msg: MigrateMsg) -> Result<Response> {
        noted(
            "perp",
            Entry::Execute,
            ContractError::id,
            contract::migrate(deps, env, msg),
        )
    }
}

/// The oracle's entry points, noting errors.
pub mod oracle {
    use super::*;
    use ballast_oracle::contract;
    use ballast_oracle::error::ContractError;
    use ballast_types::oracle::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

    type Result<T> = std::result::Result<T, ContractError>;

    pub fn execute(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: ExecuteMsg,
    ) -> Result<Response> {
        noted(
            "oracle",
            Entry::Execute,
            ContractError::id,
            contract::execute(deps, env, info, msg),
        )
    }

    pub fn instantiate(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: InstantiateMsg,
    ) -> Result<Response> {
        let res = contract::instantiate(deps, env, info, msg);
        noted("oracle", Entry::Execute, ContractError::id, res)
    }

    pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary> {
        noted(
            "oracle",
            Entry::Query,
            ContractError::id,
            contract::query(deps, env, msg),
        )
    }

    pub fn migrate(deps: DepsMut, env: Env, msg: MigrateMsg) -> Result<Response> {
        noted(
            "oracle",
            Entry::Execute,
            ContractError::id,
            contract::migrate(deps, env, msg),
        )
    }
}

/// The strategies contract's entry points, noting errors.
pub mod strategies {
    use super::*;
    use ballast_strategies::contract;
    use ballast_strategies::error::ContractError;
    use ballast_types::strategies::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

    type Result<T> = std::result::Result<T, ContractError>;

    pub fn execute(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: ExecuteMsg,
    ) -> Result<Response> {
        noted(
            "strategies",
            Entry::Execute,
            ContractError::id,
            contract::execute(deps, env, info, msg),
        )
    }

    pub fn instantiate(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: InstantiateMsg,
    ) -> Result<Response> {
        let res = contract::instantiate(deps, env, info, msg);
        noted("strategies", Entry::Execute, ContractError::id, res)
    }

    pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary> {
        noted(
            "strategies",
            Entry::Query,
            ContractError::id,
            contract::query(deps, env, msg),
        )
    }

    pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response> {
        noted(
            "strategies",
            Entry::Reply,
            ContractError::id,
            contract::reply(deps, env, msg),
        )
    }

    pub fn migrate(deps: DepsMut, env: Env, msg: MigrateMsg) -> Result<Response> {
        noted(
            "strategies",
            Entry::Execute,
            ContractError::id,
            contract::migrate(deps, env, msg),
        )
    }
}
