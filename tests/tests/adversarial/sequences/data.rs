//! The input of the stateful property: one step of a random session against the vault.

use ballast_types::Side;

/// Who sends an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trader {
    /// The vault's manager.
    Manager,
    /// A depositor who is not the manager.
    Depositor,
    /// An address with no role and no deposit.
    Stranger,
}

/// Who sends a governance message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The owner.
    Owner,
    /// The guardian.
    Guardian,
    /// The manager (no governance role).
    Manager,
    /// An address with no role.
    Stranger,
}

/// A price the publisher pushes (or does not), relative to the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceEvent {
    /// After `after` seconds, a move of `bp` basis points, published now.
    Normal { after: u64, bp: i64 },
    /// After `after` seconds, a move of `pct` percent, published now.
    Jump { after: u64, pct: i64 },
    /// After `after` seconds, a price published `age` seconds ago.
    Stale { after: u64, age: u64 },
    /// A price published `skew` seconds in the future.
    Future { skew: u64 },
    /// The same price with a confidence interval of `bp` basis points of it.
    WideConfidence { bp: u64 },
    /// A second price for the same publish time, `bp` basis points away: a flash move in one block.
    SameTime { bp: i64 },
    /// The last price and publish time again (the oracle must refuse nothing else but an older one).
    Replay,
    /// Time passes and nobody publishes.
    Missing { after: u64 },
}

/// A change of one parameter: field number `field` (see the runner's table) scaled by `percent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamChange {
    /// Which parameter.
    pub field: usize,
    /// New value = old value * percent / 100 (at least one step away from the old one).
    pub percent: u32,
}

/// One action of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `user` deposits `amount` base units.
    Deposit { user: usize, amount: u128 },
    /// `user` redeems `permille` of their shares.
    Redeem { user: usize, permille: u128 },
    /// Someone sends base denom to the vault without a message.
    Donate { amount: u128 },
    /// The publisher's next move.
    Price(PriceEvent),
    /// An order through `SubmitOrder`.
    Order {
        by: Trader,
        side: Side,
        size: u128,
        reduce_only: bool,
        /// Signal in thousandths; None for no signal.
        signal_permille: Option<i64>,
        /// Names a market the vault does not know.
        unknown_market: bool,
    },
    /// The manager reduces `permille` of the open position, reduce-only.
    ReduceOnly { permille: u128 },
    /// A keeper's `Rebalance`.
    Rebalance,
    /// A keeper's `Deleverage`.
    Deleverage,
    /// A keeper's `Mark`.
    Mark,
    /// A keeper liquidates the vault's position on the perp market.
    Liquidate,
    /// `ProposeParams` with one parameter changed.
    Propose { by: Role, change: ParamChange },
    /// `ApplyParams` by a keeper.
    Apply,
    /// `CancelParams`.
    Cancel { by: Role },
    /// `Tighten` with one parameter changed (a loosening must be refused).
    Tighten { by: Role, change: ParamChange },
    /// `ProposeMarket` of the first market with its weight and limit scaled.
    ProposeMarket {
        by: Role,
        weight_percent: u32,
        notional_percent: u32,
    },
    /// `ApplyMarket` of the first market by a keeper.
    ApplyMarket,
    /// `TightenMarket` of the first market with its weight and limit scaled.
    TightenMarket {
        by: Role,
        weight_percent: u32,
        notional_percent: u32,
    },
    /// `Pause`.
    Pause { by: Role },
    /// `Unpause`.
    Unpause { by: Role },
    /// Time passes.
    Wait { seconds: u64 },
}

impl Step {
    /// A short name for the statistics.
    pub fn kind(&self) -> &'static str {
        match self {
            Step::Deposit { .. } => "deposit",
            Step::Redeem { .. } => "redeem",
            Step::Donate { .. } => "donate",
            Step::Price(_) => "price",
            Step::Order { .. } => "order",
            Step::ReduceOnly { .. } => "reduce_only",
            Step::Rebalance => "rebalance",
            Step::Deleverage => "deleverage",
            Step::Mark => "mark",
            Step::Liquidate => "liquidate",
            Step::Propose { .. } => "propose_params",
            Step::Apply => "apply_params",
            Step::Cancel { .. } => "cancel_params",
            Step::Tighten { .. } => "tighten",
            Step::ProposeMarket { .. } => "propose_market",
            Step::ApplyMarket => "apply_market",
            Step::TightenMarket { .. } => "tighten_market",
            Step::Pause { .. } => "pause",
            Step::Unpause { .. } => "unpause",
            Step::Wait { .. } => "wait",
        }
    }
}
