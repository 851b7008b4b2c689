//! 0.3.x to 0.4.0: idle becomes a ledger (`crate::idle`). `Totals` gains `idle`, seeded from the bank
//! balance at the migration, and each mark gains `paid_out`, the venue's running total of payouts at
//! that moment, read from the perp market (0.3.2 or later: an older one does not report it, and the
//! migration is refused with the perp's answer named). From then on a payout is counted once, when a
//! mark shows the total risen.

use cosmwasm_std::{DepsMut, Env, Int128, Uint128};

use ballast_types::Side;
use ballast_types::venue::Venue;

use crate::codec::{CompactItem, CompactMap, compact};
use crate::error::ContractResult;
use crate::idle;
use crate::inputs;
use crate::state::{CONFIG, MARKETS, MARKS, Mark, TOTALS, Totals};

/// The first version with the idle ledger.
pub const VERSION: &str = "0.4.0";

/// A mark as 0.2.x and 0.3.x stored it: without `paid_out`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegacyMark {
    pub side: Option<Side>,
    pub notional: Uint128,
    pub margin: Uint128,
    pub unrealized_pnl: Int128,
    pub time: u64,
}

compact!(LegacyMark {
    side,
    notional,
    margin,
    unrealized_pnl,
    time
});

/// The totals as 0.2.x and 0.3.x stored them: without `idle`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegacyTotals {
    pub gross_notional: Uint128,
    pub marked_equity: Int128,
}

compact!(LegacyTotals {
    gross_notional,
    marked_equity
});

/// 0.3.x's marks and totals, under the keys this version keeps.
pub const MARKS_0_3: CompactMap<LegacyMark> = CompactMap::new("K");
pub const TOTALS_0_3: CompactItem<LegacyTotals> = CompactItem::new("S");

/// Rewrites the totals and every mark; returns the idle the ledger starts from.
pub fn migrate(deps: DepsMut, env: &Env) -> ContractResult<Uint128> {
    let config = CONFIG.load(deps.storage)?;
    for market in MARKS_0_3.markets(deps.storage)? {
        let old = MARKS_0_3.load(deps.storage, &market)?;
        let venue = MARKETS.load(deps.storage, &market)?;
        let paid_out = match venue.venue {
            Venue::Ballast => {
                inputs::position(deps.as_ref(), env, &config, &venue, None)?.paid_out
            }
            _ => Uint128::zero(),
        };
        let mark = Mark {
            side: old.side,
            notional: old.notional,
            margin: old.margin,
            unrealized_pnl: old.unrealized_pnl,
            time: old.time,
            paid_out,
        };
        MARKS.save(deps.storage, &market, &mark)?;
    }
    let old = TOTALS_0_3.load(deps.storage)?;
    let idle = idle::bank::balance(deps.as_ref(), env, &config)?;
    TOTALS.save(
        deps.storage,
        &Totals {
            gross_notional: old.gross_notional,
            marked_equity: old.marked_equity,
            idle,
        },
    )?;
    Ok(idle)
}
