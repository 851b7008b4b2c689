//! The strategies contract in the [`Suite`]: grid plans (register, cancel, fill a level), the hedge
//! (set, clear, trade), their queries, and the vault's allow-list of strategies.

use cosmwasm_std::{Addr, CosmosMsg, Decimal, StdResult, Uint128, WasmMsg, coins, to_json_binary};
use cw_multi_test::{AppResponse, Executor};

use ballast_types::Side;
use ballast_types::strategies::{
    self, GridPlan, GridResponse, GridsResponse, HedgeLeg, HedgeResponse,
};
use ballast_types::vault::{self, MarkResponse};

use super::{DENOM, MARKET, Suite};

/// A plan for the first market: `levels` as decimal literals, `size` base units per level, expiring
/// at `expiry` (block time).
pub fn grid_plan(side: Side, levels: &[&str], size: u128, expiry: u64) -> GridPlan {
    GridPlan {
        market: MARKET.to_string(),
        side,
        levels: levels
            .iter()
            .map(|l| l.parse::<Decimal>().expect("level literal"))
            .collect(),
        size: Uint128::new(size),
        expiry,
        reduce_only: false,
    }
}

impl Suite {
    /// Any message to the strategies contract from `sender`.
    pub fn strategies_exec(
        &mut self,
        sender: &Addr,
        msg: strategies::ExecuteMsg,
    ) -> StdResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.strategies.clone(), &msg, &[])
    }

    /// Instantiates another strategies contract on the vault, not allow-listed; returns its address.
    pub fn deploy_strategies(&mut self) -> Addr {
        let code_id = self.app.store_code(super::strategies_code());
        let msg = strategies::InstantiateMsg {
            vault: self.vault.to_string(),
        };
        self.app
            .instantiate_contract(code_id, self.owner.clone(), &msg, &[], "strategies 2", None)
            .expect("instantiate strategies")
    }

    /// `SetStrategy` on the governor from `sender`: allow (or remove) `address` as a strategy.
    pub fn set_strategy(
        &mut self,
        sender: &Addr,
        address: &Addr,
        allowed: bool,
    ) -> StdResult<AppResponse> {
        let msg = ballast_types::governor::ExecuteMsg::SetStrategy {
            address: address.to_string(),
            allowed,
        };
        self.govern(sender, msg)
    }

    /// The governor's owner makes `manager` the vault's manager (`SetRoles`).
    pub fn replace_manager(&mut self, manager: &Addr) -> StdResult<AppResponse> {
        let msg = ballast_types::governor::ExecuteMsg::SetRoles {
            manager: Some(manager.to_string()),
            guardian: None,
            fee_recipient: None,
        };
        let owner = self.owner.clone();
        self.govern(&owner, msg)
    }

    /// `SetHedged` of the first market on the vault from `sender` (a strategy's message).
    pub fn set_hedged(&mut self, sender: &Addr, hedged: bool) -> StdResult<AppResponse> {
        let msg = vault::ExecuteMsg::SetHedged {
            market: self.market.clone(),
            hedged,
        };
        self.execute_vault(sender, msg)
    }

    /// The vault's `strategy` query: whether `address` is allow-listed.
    pub fn query_strategy(&self, address: &Addr) -> StdResult<bool> {
        let msg = vault::QueryMsg::Strategy {
            address: address.to_string(),
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// The vault's `position` query for the first market: the position as its venue marks it now.
    pub fn query_vault_position(&self) -> StdResult<MarkResponse> {
        let msg = vault::QueryMsg::Position {
            market: self.market.clone(),
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// `RegisterGrid` from the manager.
    pub fn register_grid(&mut self, plan: GridPlan) -> StdResult<AppResponse> {
        let manager = self.manager.clone();
        self.register_grid_as(&manager, plan)
    }

    /// `RegisterGrid` from anyone.
    pub fn register_grid_as(&mut self, sender: &Addr, plan: GridPlan) -> StdResult<AppResponse> {
        self.strategies_exec(sender, strategies::ExecuteMsg::RegisterGrid(plan))
    }

    /// `CancelGrid` of a first-market grid from `sender`.
    pub fn cancel_grid(&mut self, sender: &Addr, grid_id: u64) -> StdResult<AppResponse> {
        let msg = strategies::ExecuteMsg::CancelGrid {
            market: self.market.clone(),
            grid_id,
        };
        self.strategies_exec(sender, msg)
    }

    /// `ExecuteGridLevel` of a first-market grid by the keeper.
    pub fn execute_grid_level(&mut self, grid_id: u64, level: u32) -> StdResult<AppResponse> {
        let msg = strategies::ExecuteMsg::ExecuteGridLevel {
            market: self.market.clone(),
            grid_id,
            level,
        };
        let keeper = self.keeper.clone();
        self.strategies_exec(&keeper, msg)
    }

    /// `ExecuteGridLevel` of a first-market grid by the keeper with `amount` of the vault's denom
    /// attached.
    pub fn execute_grid_level_with_funds(
        &mut self,
        grid_id: u64,
        level: u32,
        amount: u128,
    ) -> StdResult<AppResponse> {
        let msg = strategies::ExecuteMsg::ExecuteGridLevel {
            market: self.market.clone(),
            grid_id,
            level,
        };
        let (keeper, strategies) = (self.keeper.clone(), self.strategies.clone());
        self.app
            .execute_contract(keeper, strategies, &msg, &coins(amount, DENOM))
    }

    /// The keeper's one transaction of several `ExecuteGridLevel` of first-market grids, in order.
    pub fn execute_grid_levels(&mut self, fills: &[(u64, u32)]) -> StdResult<AppResponse> {
        let msgs = fills
            .iter()
            .map(|&(grid_id, level)| {
                let msg = strategies::ExecuteMsg::ExecuteGridLevel {
                    market: self.market.clone(),
                    grid_id,
                    level,
                };
                Ok(CosmosMsg::Wasm(WasmMsg::Execute {
                    contract_addr: self.strategies.to_string(),
                    msg: to_json_binary(&msg)?,
                    funds: vec![],
                }))
            })
            .collect::<StdResult<Vec<_>>>()?;
        let keeper = self.keeper.clone();
        self.app
            .execute_multi(keeper, msgs)
            .map(|mut responses| responses.pop().expect("one response per message"))
    }

    /// The `grid` query for a first-market grid.
    pub fn query_grid(&self, grid_id: u64) -> StdResult<GridResponse> {
        let msg = strategies::QueryMsg::Grid {
            market: self.market.clone(),
            grid_id,
        };
        self.app.wrap().query_wasm_smart(&self.strategies, &msg)
    }

    /// The `grids` query for the first market.
    pub fn query_grids(
        &self,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> StdResult<GridsResponse> {
        let msg = strategies::QueryMsg::Grids {
            market: self.market.clone(),
            start_after,
            limit,
        };
        self.app.wrap().query_wasm_smart(&self.strategies, &msg)
    }

    /// `SetHedge` of the first market from `sender`, band in units of the underlying.
    pub fn set_hedge(
        &mut self,
        sender: &Addr,
        leg: HedgeLeg,
        band: &str,
    ) -> StdResult<AppResponse> {
        let msg = strategies::ExecuteMsg::SetHedge {
            market: self.market.clone(),
            leg,
            band: band.parse().expect("band literal"),
        };
        self.strategies_exec(sender, msg)
    }

    /// `ClearHedge` of the first market from `sender`.
    pub fn clear_hedge(&mut self, sender: &Addr) -> StdResult<AppResponse> {
        let market = self.market.clone();
        self.strategies_exec(sender, strategies::ExecuteMsg::ClearHedge { market })
    }

    /// `Hedge` of the first market by the keeper.
    pub fn hedge(&mut self) -> StdResult<AppResponse> {
        let (keeper, market) = (self.keeper.clone(), self.market.clone());
        self.strategies_exec(&keeper, strategies::ExecuteMsg::Hedge { market })
    }

    /// The `hedge` query for the first market.
    pub fn query_hedge(&self) -> StdResult<HedgeResponse> {
        let msg = strategies::QueryMsg::Hedge {
            market: self.market.clone(),
        };
        self.app.wrap().query_wasm_smart(&self.strategies, &msg)
    }
}
