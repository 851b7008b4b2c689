//! Portfolio variance (issue 18): an EWMA covariance matrix of the vault's markets and the largest
//! position in one market that keeps the whole portfolio's volatility within the target.
//!
//! Exposures are signed notionals per unit of nav (`e_j = notional_j / nav`, negative for a short), so
//! the portfolio's annualised variance is `e' S e` with `S` the annualised covariance of the markets'
//! log returns. The per-market [`crate::caps::vol_target`] treats every pair of markets as perfectly
//! correlated; sizing on `S` lets uncorrelated markets share the budget.

use crate::amount::{Collateral, Notional, mul_floor};
use crate::error::{SizingError, SizingResult, invalid, overflow};
use crate::math::{Fixed, sqrt};

/// EWMA covariance of N markets' log returns, one synchronised step at a time:
/// `S_jk <- lambda * S_jk + (1 - lambda) * r_j * r_k`, per step (annualise with [`Covariance::annualised`]).
///
/// Stored as the lower triangle, `N (N + 1) / 2` cells: an observation costs O(N^2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covariance {
    markets: usize,
    cells: Vec<Fixed>,
    observations: u32,
}

fn cell(j: usize, k: usize) -> usize {
    let (hi, lo) = if j >= k { (j, k) } else { (k, j) };
    hi * (hi + 1) / 2 + lo
}

impl Covariance {
    /// No observation yet, for `markets` markets.
    pub fn new(markets: usize) -> Self {
        Self {
            markets,
            cells: vec![Fixed::ZERO; markets * (markets + 1) / 2],
            observations: 0,
        }
    }

    /// The matrix from its stored lower triangle (row by row) and observation count.
    pub fn from_cells(markets: usize, cells: Vec<Fixed>, observations: u32) -> SizingResult<Self> {
        if cells.len() != markets * (markets + 1) / 2 {
            return Err(SizingError::InvalidParameter {
                name: "cells",
                value: cells.len().to_string(),
                rule: "N (N + 1) / 2 for N markets",
            });
        }
        Ok(Self {
            markets,
            cells,
            observations,
        })
    }

    /// The lower triangle, row by row, as [`Covariance::from_cells`] takes it.
    pub fn cells(&self) -> &[Fixed] {
        &self.cells
    }

    /// Steps observed so far.
    pub fn observations(&self) -> u32 {
        self.observations
    }

    /// Markets in the matrix.
    pub fn markets(&self) -> usize {
        self.markets
    }

    /// Folds in one step: `returns[j]` is market j's log return over the step, already on the step's
    /// scale (a gap spread by the caller's calendar rule). `lambda` is in (0, 1).
    pub fn observe(&mut self, lambda: Fixed, returns: &[Fixed]) -> SizingResult<()> {
        if lambda <= Fixed::ZERO || lambda >= Fixed::ONE {
            return Err(invalid("lambda", lambda, "in (0, 1)"));
        }
        if returns.len() != self.markets {
            return Err(SizingError::InvalidParameter {
                name: "returns",
                value: returns.len().to_string(),
                rule: "one per market",
            });
        }
        let fresh = Fixed::ONE
            .checked_sub(lambda)
            .ok_or_else(|| overflow("covariance"))?;
        for j in 0..self.markets {
            for k in 0..=j {
                let product = returns[j]
                    .checked_mul(returns[k])
                    .ok_or_else(|| overflow("covariance"))?;
                let decayed = self.cells[cell(j, k)]
                    .checked_mul(lambda)
                    .ok_or_else(|| overflow("covariance"))?;
                self.cells[cell(j, k)] = product
                    .checked_mul(fresh)
                    .and_then(|p| p.checked_add(decayed))
                    .ok_or_else(|| overflow("covariance"))?;
            }
        }
        self.observations = self.observations.saturating_add(1);
        Ok(())
    }

    /// Annualised covariance of markets j and k: the per-step value times `steps_per_year`.
    pub fn annualised(&self, j: usize, k: usize, steps_per_year: Fixed) -> SizingResult<Fixed> {
        if j >= self.markets || k >= self.markets {
            return Err(SizingError::InvalidParameter {
                name: "market",
                value: j.max(k).to_string(),
                rule: "below the number of markets",
            });
        }
        self.cells[cell(j, k)]
            .checked_mul(steps_per_year)
            .ok_or_else(|| overflow("covariance"))
    }
}

/// What the portfolio looks like from market i: `own = S_ii`, `cross = sum_{j != i} S_ij e_j` and
/// `rest = sum_{j, k != i} e_j S_jk e_k`, all annualised. O(N^2) once (or kept up to date by
/// differences); an order then needs only these three numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// Market i's own annualised variance.
    pub own: Fixed,
    /// Its annualised covariance with the rest of the portfolio, per unit of its own exposure.
    pub cross: Fixed,
    /// The annualised variance of the portfolio without market i.
    pub rest: Fixed,
}

impl Outlook {
    /// The outlook of market `i` in a portfolio with exposures `e` (one per market, per unit of nav).
    pub fn of(
        s: &Covariance,
        e: &[Fixed],
        i: usize,
        steps_per_year: Fixed,
    ) -> SizingResult<Outlook> {
        if e.len() != s.markets() {
            return Err(SizingError::InvalidParameter {
                name: "exposures",
                value: e.len().to_string(),
                rule: "one per market",
            });
        }
        let own = s.annualised(i, i, steps_per_year)?;
        let mut cross = Fixed::ZERO;
        let mut rest = Fixed::ZERO;
        for j in (0..e.len()).filter(|&j| j != i) {
            let sij = s.annualised(i, j, steps_per_year)?;
            cross = add(cross, mul(sij, e[j])?)?;
            for k in (0..e.len()).filter(|&k| k != i) {
                let term = mul(mul(e[j], s.annualised(j, k, steps_per_year)?)?, e[k])?;
                rest = add(rest, term)?;
            }
        }
        Ok(Outlook { own, cross, rest })
    }

    /// The portfolio's annualised variance with market i at exposure `y`: `own y^2 + 2 cross y + rest`.
    pub fn variance_at(&self, y: Fixed) -> SizingResult<Fixed> {
        let quadratic = mul(mul(self.own, y)?, y)?;
        let linear = mul(mul(Fixed::from_num(2), self.cross)?, y)?;
        add(add(quadratic, linear)?, self.rest)
    }
}

fn mul(a: Fixed, b: Fixed) -> SizingResult<Fixed> {
    a.checked_mul(b).ok_or_else(|| overflow("portfolio_vol"))
}

fn neg(a: Fixed) -> SizingResult<Fixed> {
    a.checked_neg().ok_or_else(|| overflow("portfolio_vol"))
}

fn add(a: Fixed, b: Fixed) -> SizingResult<Fixed> {
    a.checked_add(b).ok_or_else(|| overflow("portfolio_vol"))
}

/// Portfolio volatility cap: the largest |notional| of market i, on the side given, for which the
/// portfolio's volatility `sqrt(e' S e)` stays within `target_vol`.
///
/// With `y` the market's exposure per unit of nav, the variance is `own y^2 + 2 cross y + rest` (see
/// [`Outlook`]); it stays within `target^2` between the roots
/// `y = (-cross +- sqrt(cross^2 + own (target^2 - rest))) / own`, so the bound is
/// `nav * (-cross + root) / own` for a long and `nav * (cross + root) / own` for a short.
/// When the rest of the portfolio alone is beyond the target (no real root), the market may only
/// hedge: up to the exposure of least variance, `-cross / own`, on the side that reduces it, and
/// nothing on the other. A market with no variance gives no bound (`None`).
pub fn portfolio_vol(
    nav: Collateral,
    outlook: &Outlook,
    target_vol: Fixed,
    long: bool,
) -> SizingResult<Option<Notional>> {
    if target_vol.is_negative() {
        return Err(invalid("target_vol", target_vol, ">= 0"));
    }
    if outlook.own.is_negative() || outlook.rest.is_negative() {
        return Err(invalid("variance", outlook.own.min(outlook.rest), ">= 0"));
    }
    if outlook.own.is_zero() {
        return Ok(None);
    }
    // The cross term toward the order's side: a long gains variance from a positive cross term.
    let toward = if long {
        outlook.cross
    } else {
        neg(outlook.cross)?
    };
    let room = mul(target_vol, target_vol)?
        .checked_sub(outlook.rest)
        .ok_or_else(|| overflow("portfolio_vol"))?;
    let discriminant = add(mul(toward, toward)?, mul(outlook.own, room)?)?;
    let reach = if discriminant.is_negative() {
        // Beyond the target without this market: only its hedge, up to the least variance.
        neg(toward)?
    } else {
        sqrt(discriminant)?
            .checked_sub(toward)
            .ok_or_else(|| overflow("portfolio_vol"))?
    };
    if reach <= Fixed::ZERO {
        return Ok(Some(Notional(0)));
    }
    let exposure = reach
        .checked_div(outlook.own)
        .ok_or_else(|| overflow("portfolio_vol"))?;
    Ok(mul_floor(nav.0, exposure)?.map(Notional))
}

/// Sweeps of [`risk_parity`]: cyclical coordinate descent converges geometrically; 30 sweeps take
/// any well-conditioned matrix of a few dozen markets to within the fixed-point step.
pub const RISK_PARITY_SWEEPS: u32 = 30;

/// The exposures (per unit of nav, signed by `sides`: +1 long, -1 short) at which each market's risk
/// contribution `x_i (S x)_i` is its share `budgets[i] / sum(budgets)` of the portfolio's variance, and
/// the portfolio's volatility is `target_vol` (equal risk contributions when the budgets are equal).
///
/// On the matrix with the sides folded in (`S'_ij = s_i s_j S_ij`), cyclical coordinate descent solves
/// `S'_ii x_i^2 + c_i x_i - b_i = 0` with `c_i = sum_{j != i} S'_ij x_j`, i.e.
/// `x_i = (-c_i + sqrt(c_i^2 + 4 S'_ii b_i)) / (2 S'_ii)`, for each market in turn
/// ([`RISK_PARITY_SWEEPS`] times); the result is then scaled to the target. A market without variance
/// or budget gets no exposure.
pub fn risk_parity(
    s: &Covariance,
    budgets: &[Fixed],
    sides: &[bool],
    target_vol: Fixed,
    steps_per_year: Fixed,
) -> SizingResult<Vec<Fixed>> {
    let n = s.markets();
    if budgets.len() != n || sides.len() != n {
        return Err(SizingError::InvalidParameter {
            name: "budgets",
            value: budgets.len().min(sides.len()).to_string(),
            rule: "one budget and one side per market",
        });
    }
    if target_vol.is_negative() {
        return Err(invalid("target_vol", target_vol, ">= 0"));
    }
    let mut folded = vec![Fixed::ZERO; n * n];
    for j in 0..n {
        for k in 0..n {
            let value = s.annualised(j, k, steps_per_year)?;
            folded[j * n + k] = if sides[j] == sides[k] {
                value
            } else {
                neg(value)?
            };
        }
    }
    let total = budgets.iter().try_fold(Fixed::ZERO, |sum, &b| {
        if b.is_negative() {
            Err(invalid("budget", b, ">= 0"))
        } else {
            add(sum, b)
        }
    })?;
    if total.is_zero() {
        return Ok(vec![Fixed::ZERO; n]);
    }
    let mut x = vec![Fixed::ZERO; n];
    for _ in 0..RISK_PARITY_SWEEPS {
        for i in 0..n {
            let own = folded[i * n + i];
            if own <= Fixed::ZERO || budgets[i].is_zero() {
                continue;
            }
            let share = budgets[i]
                .checked_div(total)
                .ok_or_else(|| overflow("risk_parity"))?;
            let mut c = Fixed::ZERO;
            for j in (0..n).filter(|&j| j != i) {
                c = add(c, mul(folded[i * n + j], x[j])?)?;
            }
            let root = sqrt(add(mul(c, c)?, mul(mul(Fixed::from_num(4), own)?, share)?)?)?;
            let two_own = mul(Fixed::from_num(2), own)?;
            x[i] = root
                .checked_sub(c)
                .and_then(|r| r.checked_div(two_own))
                .ok_or_else(|| overflow("risk_parity"))?;
        }
    }
    // Scale to the target: the variance is quadratic in a common factor.
    let mut variance = Fixed::ZERO;
    for j in 0..n {
        for k in 0..n {
            variance = add(variance, mul(mul(x[j], folded[j * n + k])?, x[k])?)?;
        }
    }
    if variance <= Fixed::ZERO {
        return Ok(vec![Fixed::ZERO; n]);
    }
    let scale = target_vol
        .checked_div(sqrt(variance)?)
        .ok_or_else(|| overflow("risk_parity"))?;
    x.iter()
        .zip(sides)
        .map(|(&xi, &long)| {
            let magnitude = mul(xi, scale)?;
            if long { Ok(magnitude) } else { neg(magnitude) }
        })
        .collect()
}

#[cfg(test)]
#[path = "portfolio_tests.rs"]
mod tests;
