//! The input of the round-trip property: sessions of steps across blocks, with round trips (an
//! attacker's deposit and redeem in one block, framing permissionless actions) between them.

use ballast_types::Side;

/// A market of the world by index: 0 is `BTC-PERP`, 1 is `ETH-PERP`.
pub type Market = usize;

/// An action anyone may send (the publisher's price push included): what may happen inside a
/// round trip's block, in any order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `Mark` of a market.
    Mark(Market),
    /// `Rebalance` of a market.
    Rebalance(Market),
    /// `Deleverage` of a market.
    Deleverage(Market),
    /// The perp market's `Liquidate` of the vault's position in a market.
    Liquidate(Market),
    /// The publisher pushes a price `bp` basis points from the last, published now.
    Price { market: Market, bp: i64 },
    /// `ExecuteGridLevel` of the registered grid number `pick` (modulo how many there are).
    GridLevel { pick: usize, level: u32 },
    /// `Hedge` of a market.
    Hedge(Market),
    /// `AccrueFees`.
    AccrueFees,
    /// An LP adds `amount` to the perp market's pool.
    LpDeposit { amount: u128 },
    /// The LP withdraws `permille` of its pool shares.
    LpWithdraw { permille: u128 },
}

/// A change of role or ownership, by whoever holds the role now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleChange {
    /// The owner offers ownership to the other owner address.
    TransferOwnership,
    /// The other owner address accepts (refused when nothing was offered to it).
    AcceptOwnership,
    /// The owner makes the other manager address the manager.
    SwapManager,
    /// The owner makes the other guardian address the guardian.
    SwapGuardian,
}

/// A step between round trips; blocks may pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A permissionless action.
    Act(Action),
    /// Time passes.
    Wait { seconds: u64 },
    /// After `after` seconds the publisher pushes both markets' prices, `bp` basis points from
    /// their last.
    PriceLater { after: u64, bp: [i64; 2] },
    /// The manager's order.
    Order {
        market: Market,
        side: Side,
        size: u128,
        reduce_only: bool,
    },
    /// A depositor (0 or 1) deposits.
    Deposit { user: usize, amount: u128 },
    /// A depositor redeems `permille` of their shares.
    Redeem { user: usize, permille: u128 },
    /// The signal source sets a market's signal, in thousandths.
    Signal { market: Market, permille: i64 },
    /// The manager registers a grid of `levels` levels `spacing_bp` apart, starting one spacing
    /// below the price for a long grid (above it for a short one).
    RegisterGrid {
        market: Market,
        side: Side,
        spacing_bp: u32,
        levels: u32,
        size: u128,
        reduce_only: bool,
    },
    /// The manager cancels registered grid number `pick`.
    CancelGrid { pick: usize },
    /// The manager hedges a spot leg of `size` units of the underlying with a band of `band` units.
    SetHedge {
        market: Market,
        size: i64,
        band: u32,
    },
    /// The manager ends a market's hedge.
    ClearHedge(Market),
    /// A role changes hands.
    Role(RoleChange),
    /// The guardian pauses.
    Pause,
    /// The owner unpauses.
    Unpause,
}

/// One round trip, all in one block: actions, the attacker's deposit, actions, the attacker's
/// redeem of every share the deposit minted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundTrip {
    /// Before the deposit: a price pushed while the vault's marks are older is the stale-nav attack.
    pub before: Vec<Action>,
    /// The attacker's deposit, base units.
    pub deposit: u128,
    /// Between the deposit and the redeem.
    pub inside: Vec<Action>,
}

/// A piece of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A step.
    Step(Step),
    /// A round trip.
    RoundTrip(RoundTrip),
}

impl Action {
    /// A short name for the statistics.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Mark(_) => "mark",
            Action::Rebalance(_) => "rebalance",
            Action::Deleverage(_) => "deleverage",
            Action::Liquidate(_) => "liquidate",
            Action::Price { .. } => "price",
            Action::GridLevel { .. } => "grid_level",
            Action::Hedge(_) => "hedge",
            Action::AccrueFees => "accrue_fees",
            Action::LpDeposit { .. } => "lp_deposit",
            Action::LpWithdraw { .. } => "lp_withdraw",
        }
    }

    /// The markets whose marks the action leaves out of date (a new price, a liquidation).
    pub fn unmarks(&self) -> Vec<Market> {
        match self {
            Action::Price { market, .. } | Action::Liquidate(market) => vec![*market],
            _ => vec![],
        }
    }
}

impl Step {
    /// A short name for the statistics.
    pub fn kind(&self) -> &'static str {
        match self {
            Step::Act(a) => a.kind(),
            Step::Wait { .. } => "wait",
            Step::PriceLater { .. } => "price_later",
            Step::Order { .. } => "order",
            Step::Deposit { .. } => "deposit",
            Step::Redeem { .. } => "redeem",
            Step::Signal { .. } => "signal",
            Step::RegisterGrid { .. } => "register_grid",
            Step::CancelGrid { .. } => "cancel_grid",
            Step::SetHedge { .. } => "set_hedge",
            Step::ClearHedge(_) => "clear_hedge",
            Step::Role(_) => "role",
            Step::Pause => "pause",
            Step::Unpause => "unpause",
        }
    }
}
