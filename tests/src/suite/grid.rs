//! Grid plans in the [`Suite`]: register, cancel, fill a level, query.

use cosmwasm_std::{Addr, Decimal, StdResult, Uint128};
use cw_multi_test::AppResponse;

use ballast_types::Side;
use ballast_types::vault::{self, ExecuteMsg, GridPlan, GridResponse, GridsResponse};

use super::{MARKET, Suite};

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
    /// `RegisterGrid` from the manager.
    pub fn register_grid(&mut self, plan: GridPlan) -> StdResult<AppResponse> {
        let manager = self.manager.clone();
        self.register_grid_as(&manager, plan)
    }

    /// `RegisterGrid` from anyone.
    pub fn register_grid_as(&mut self, sender: &Addr, plan: GridPlan) -> StdResult<AppResponse> {
        self.vault_exec(sender, &ExecuteMsg::RegisterGrid(plan), &[])
    }

    /// `CancelGrid` of a first-market grid from `sender`.
    pub fn cancel_grid(&mut self, sender: &Addr, grid_id: u64) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::CancelGrid {
            market: self.market.clone(),
            grid_id,
        };
        self.vault_exec(sender, &msg, &[])
    }

    /// `ExecuteGridLevel` of a first-market grid by the keeper.
    pub fn execute_grid_level(&mut self, grid_id: u64, level: u32) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::ExecuteGridLevel {
            market: self.market.clone(),
            grid_id,
            level,
        };
        let keeper = self.keeper.clone();
        self.vault_exec(&keeper, &msg, &[])
    }

    /// The `grid` query for a first-market grid.
    pub fn query_grid(&self, grid_id: u64) -> StdResult<GridResponse> {
        let msg = vault::QueryMsg::Grid {
            market: self.market.clone(),
            grid_id,
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// The `grids` query for the first market.
    pub fn query_grids(
        &self,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> StdResult<GridsResponse> {
        let msg = vault::QueryMsg::Grids {
            market: self.market.clone(),
            start_after,
            limit,
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }
}
