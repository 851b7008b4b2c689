//! Reconciling the vault with what the venue itself says, and checking that a refusal moved nothing.
//!
//! - [`Suite::fair_nav`]: the vault's worth by the venue's own reports: its bank balance plus, for each
//!   market, the perp market's `Position` of the vault, margin + unrealised PnL, floored at zero (an
//!   isolated position can lose its margin, never more).
//! - [`Holdings`]: every amount an order could move (bank balances, the share ledger, the venue's
//!   positions, the vault's marks and nav), to assert that a *successful* transaction whose decision
//!   was `rejected` moved none of them. (A failed transaction proves nothing: cw-multi-test rolls it
//!   back before the test looks.)

use cosmwasm_std::{Addr, Decimal256, Int128, StdResult, Uint128};

use ballast_types::Side;
use ballast_types::perp::{self, PositionResponse, PositionTermsResponse, QuoteResponse};
use ballast_types::vault::{self, MarkResponse, MarketResponse};

use crate::probe::ShareLedger;
use crate::suite::Suite;

/// Margin + unrealised PnL of a venue position, floored at zero.
pub fn equity_floored(position: &PositionResponse) -> u128 {
    let margin = Int128::try_from(position.margin).expect("margin fits i128");
    let equity = margin.checked_add(position.unrealized_pnl).expect("equity");
    u128::try_from(equity.i128().max(0)).expect("non-negative")
}

impl Suite {
    /// The vault's position in `market`, as the perp market reports it now.
    pub fn query_position_in(&self, market: &str) -> StdResult<PositionResponse> {
        let msg = perp::QueryMsg::Position {
            trader: self.vault.to_string(),
            market: market.to_string(),
            at_price: None,
        };
        self.app.wrap().query_wasm_smart(&self.perp, &msg)
    }

    /// The perp market's `PositionTerms` of the vault in `market`.
    pub fn query_position_terms_in(&self, market: &str) -> StdResult<PositionTermsResponse> {
        let msg = perp::QueryMsg::PositionTerms {
            trader: self.vault.to_string(),
            market: market.to_string(),
            at_price: None,
        };
        self.app.wrap().query_wasm_smart(&self.perp, &msg)
    }

    /// What the venue charges now for a trade of `notional` on `side`: its quoted fee plus the quoted
    /// impact, rounded up.
    pub fn quoted_cost(&self, market: &str, side: Side, notional: u128) -> Result<u128, String> {
        let quote = self
            .query_quote(market, side, notional)
            .map_err(|e| e.to_string())?;
        let impact = Decimal256::from_ratio(notional, 1u128)
            .checked_mul(quote.impact)
            .map_err(|e| e.to_string())?
            .to_uint_ceil();
        let impact = Uint128::try_from(impact).map_err(|e| e.to_string())?;
        Ok(quote.fee.u128() + impact.u128())
    }

    /// How the perp market's `PositionTerms` of the vault disagrees with its `Position` in `market`
    /// (None when they agree: the same summary, or both unable to mark it).
    pub fn position_terms_disagreement(&self, market: &str) -> Result<Option<String>, String> {
        let terms = self
            .query_position_terms_in(market)
            .map_err(|e| e.to_string())?;
        Ok(match self.query_position_in(market) {
            Ok(p) => {
                let summary = terms
                    .position
                    .as_ref()
                    .map(|s| (s.side, s.notional, s.margin, s.unrealized_pnl));
                (summary != Some((p.side, p.notional, p.margin, p.unrealized_pnl)))
                    .then(|| format!("PositionTerms {terms:?}, Position {p:?}"))
            }
            Err(e) => (terms.position.is_some() || terms.unmarked.is_none())
                .then(|| format!("Position failed ({e}), PositionTerms says {terms:?}")),
        })
    }

    /// The perp market's quote of a trade now.
    pub fn query_quote(
        &self,
        market: &str,
        side: Side,
        notional: u128,
    ) -> StdResult<QuoteResponse> {
        let msg = perp::QueryMsg::Quote {
            market: market.to_string(),
            side,
            notional: Uint128::new(notional),
        };
        self.app.wrap().query_wasm_smart(&self.perp, &msg)
    }

    /// The vault's `Market` query for any market.
    pub fn query_market_of(&self, market: &str) -> StdResult<MarketResponse> {
        let msg = vault::QueryMsg::Market {
            market: market.to_string(),
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// The vault's worth by the venue's reports: bank balance plus each market's position equity
    /// floored at zero. An error (as text) when the venue cannot mark a position (its price is
    /// unusable): there is no figure to reconcile with then.
    pub fn fair_nav(&self, markets: &[String]) -> Result<u128, String> {
        let mut nav = self.balance(&self.vault);
        for market in markets {
            let position = self
                .query_position_in(market)
                .map_err(|e| format!("{market}: {e}"))?;
            nav += equity_floored(&position);
        }
        Ok(nav)
    }

    /// Everything an order could move, across `markets`, with the bank balances of `people`.
    pub fn holdings(&self, markets: &[String], people: &[Addr]) -> Holdings {
        let mut balances = vec![
            (self.vault.clone(), self.balance(&self.vault)),
            (self.perp.clone(), self.balance(&self.perp)),
        ];
        balances.extend(people.iter().map(|p| (p.clone(), self.balance(p))));
        Holdings {
            balances,
            held_shares: people
                .iter()
                .map(|p| (p.clone(), self.stored_shares(p).expect("shares").u128()))
                .collect(),
            shares: self.share_ledger().expect("share ledger"),
            positions: markets
                .iter()
                .map(|m| self.query_position_in(m).map_err(|e| e.to_string()))
                .collect(),
            marks: markets
                .iter()
                .map(|m| self.query_market_of(m).expect("vault market").mark)
                .collect(),
            nav: self.query_state().expect("vault state").nav,
        }
    }
}

/// Amounts an order could move; see [`Suite::holdings`].
#[derive(Debug, Clone, PartialEq)]
pub struct Holdings {
    /// Bank balances: the vault, the perp market, then the people asked for.
    pub balances: Vec<(Addr, u128)>,
    /// The share denom held by the people asked for.
    pub held_shares: Vec<(Addr, u128)>,
    /// The share denom's supply at the bank and in the vault.
    pub shares: ShareLedger,
    /// The venue's position of the vault per market (or why it cannot be marked).
    pub positions: Vec<Result<PositionResponse, String>>,
    /// The vault's stored mark per market.
    pub marks: Vec<MarkResponse>,
    /// The vault's nav (`State`).
    pub nav: Uint128,
}

impl Holdings {
    /// What differs between `self` (before) and `after`, one line per amount; empty when nothing moved.
    pub fn moved(&self, after: &Holdings) -> Vec<String> {
        let mut out = Vec::new();
        for ((who, a), (_, b)) in self.balances.iter().zip(&after.balances) {
            if a != b {
                out.push(format!("balance of {who}: {a} -> {b}"));
            }
        }
        for ((who, a), (_, b)) in self.held_shares.iter().zip(&after.held_shares) {
            if a != b {
                out.push(format!("shares of {who}: {a} -> {b}"));
            }
        }
        if self.shares != after.shares {
            out.push(format!("shares: {:?} -> {:?}", self.shares, after.shares));
        }
        for (a, b) in self.positions.iter().zip(&after.positions) {
            if a != b {
                out.push(format!("position: {a:?} -> {b:?}"));
            }
        }
        for (a, b) in self.marks.iter().zip(&after.marks) {
            if a != b {
                out.push(format!("mark: {a:?} -> {b:?}"));
            }
        }
        if self.nav != after.nav {
            out.push(format!("nav: {} -> {}", self.nav, after.nav));
        }
        out
    }
}
