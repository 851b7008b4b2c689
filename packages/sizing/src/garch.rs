//! The GARCH(1,1) volatility estimator beside the EWMA of [`crate::vol`], one observation at a time.
//!
//! Per reference step tau, GARCH(1,1) reads `sigma^2_t = omega + alpha * r^2_{t-1} + beta * sigma^2_{t-1}`.
//! The state keeps the variance annualised, with the conventions of the EWMA (Y = 31,536,000 s):
//! ```text
//! r_i  = ln(P_i / P_{i-1})            D_i = t_i - t_{i-1}      k_i = D_i / tau
//! s_i  = r_i^2 * Y / D_i              (the return's annualised sample, as in the EWMA)
//! w    = omega * Y / tau              (omega annualised)
//! h_L  = w / (1 - alpha - beta)       (the long-run variance; h_0 = h_L before the first return)
//! b_i  = beta^k_i                     g_i = (1 - b_i) / (1 - beta)
//! h_i  = b_i * h_{i-1} + g_i * (alpha * s_i + w)
//! vol_i = sqrt(h_i)                   annualised
//! ```
//! For a return over exactly one step (k = 1) this is GARCH(1,1): h = beta * h + alpha * s + w.
//! **Gaps** (a weekend, an outage, intraday updates) apply the recursion for k steps in continuous
//! time: the old variance decays as beta^k, and the new sample and omega enter with the weight
//! (1 + beta + ... + beta^(k-1)) = (1 - beta^k) / (1 - beta). So a short interval moves the forecast
//! little, a long one pulls it toward alpha * s / (1 - beta) + w / (1 - beta), and the weights
//! always sum as in GARCH: with alpha + beta = 1 and omega = 0 (excluded here) the rule is exactly
//! the EWMA's gap rule with lambda = beta. The expected forecast reverts to h_L at the rate
//! b + g * alpha per interval (alpha + beta for one step).
//!
//! omega is the variance of a log return per reference step (1e-5 per day is about 6% annualised
//! long-run volatility at alpha + beta = 0.9); `ballast fit-garch` estimates all three parameters.

use crate::error::{SizingError, SizingResult, invalid, overflow};
use crate::math::{self, Fixed, Wide};
use crate::vol::{Price, SECONDS_PER_YEAR, VolState};

/// Parameters of the GARCH(1,1) estimator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GarchParams {
    omega: Fixed,
    alpha: Fixed,
    beta: Fixed,
    persistence: Fixed,
    step_seconds: u64,
}

impl GarchParams {
    /// `omega` > 0 (variance per step), `alpha` >= 0, `beta` >= 0 with `alpha + beta` < 1 (the
    /// persistence), and `step_seconds` (tau) > 0; each violation is named.
    pub fn new(omega: Fixed, alpha: Fixed, beta: Fixed, step_seconds: u64) -> SizingResult<Self> {
        if omega <= Fixed::ZERO {
            return Err(invalid("omega", omega, "> 0"));
        }
        if alpha.is_negative() {
            return Err(invalid("alpha", alpha, ">= 0"));
        }
        if beta.is_negative() {
            return Err(invalid("beta", beta, ">= 0"));
        }
        let persistence = alpha
            .checked_add(beta)
            .ok_or_else(|| overflow("garch_params"))?;
        if persistence >= Fixed::ONE {
            return Err(invalid("persistence", persistence, "alpha + beta < 1"));
        }
        if step_seconds == 0 {
            return Err(invalid("step_seconds", 0, "> 0"));
        }
        Ok(Self {
            omega,
            alpha,
            beta,
            persistence,
            step_seconds,
        })
    }

    /// Variance of a log return per reference step, the constant of the recursion.
    pub fn omega(&self) -> Fixed {
        self.omega
    }

    /// Weight of the last squared return.
    pub fn alpha(&self) -> Fixed {
        self.alpha
    }

    /// Weight of the last variance.
    pub fn beta(&self) -> Fixed {
        self.beta
    }

    /// The reference step tau, seconds.
    pub fn step_seconds(&self) -> u64 {
        self.step_seconds
    }

    /// alpha + beta: how much of a shock is left after one step.
    pub fn persistence(&self) -> Fixed {
        self.persistence
    }

    /// omega annualised: w = omega * Y / tau.
    fn omega_annual(&self) -> SizingResult<Wide> {
        math::div(
            math::mul(
                math::widen(self.omega)?,
                wide_from_u64(SECONDS_PER_YEAR)?,
                "garch",
            )?,
            wide_from_u64(self.step_seconds)?,
            "garch",
        )
    }

    /// h_L = w / (1 - alpha - beta) at internal precision.
    fn long_run_wide(&self) -> SizingResult<Wide> {
        let one_minus_p = math::sub(Wide::ONE, math::widen(self.persistence())?, "garch")?;
        math::div(self.omega_annual()?, one_minus_p, "garch")
    }

    /// The long-run annualised variance h_L = omega * Y / tau / (1 - alpha - beta).
    pub fn long_run_variance(&self) -> SizingResult<Fixed> {
        math::narrow(self.long_run_wide()?)
    }

    /// The long-run annualised volatility sqrt(h_L).
    pub fn long_run_vol(&self) -> SizingResult<Fixed> {
        math::sqrt_wide(self.long_run_wide()?).and_then(math::narrow)
    }
}

/// The estimator's state between observations, the same shape as [`crate::VolState`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GarchState {
    /// Unix seconds of the last observation.
    pub last_time: u64,
    /// The last observed price.
    pub last_price: Price,
    /// Annualised variance forecast at internal precision; None until the first return (the
    /// recursion then starts from the long-run variance).
    pub variance: Option<Wide>,
    /// Number of returns folded in so far.
    pub returns: u64,
}

/// The same state read by the other model: both keep the annualised variance, so a market can switch.
impl From<VolState> for GarchState {
    fn from(s: VolState) -> Self {
        Self {
            last_time: s.last_time,
            last_price: s.last_price,
            variance: s.variance,
            returns: s.returns,
        }
    }
}

impl From<GarchState> for VolState {
    fn from(s: GarchState) -> Self {
        Self {
            last_time: s.last_time,
            last_price: s.last_price,
            variance: s.variance,
            returns: s.returns,
        }
    }
}

impl GarchState {
    /// The state after the first price: no return yet, so no forecast.
    pub fn new(time: u64, price: Price) -> Self {
        Self {
            last_time: time,
            last_price: price,
            variance: None,
            returns: 0,
        }
    }

    /// Folds in the next observation. On error the state is unchanged.
    pub fn observe(&mut self, params: &GarchParams, time: u64, price: Price) -> SizingResult<()> {
        *self = self.observed(params, time, price)?;
        Ok(())
    }

    /// The state after the next observation, leaving `self` as it is.
    pub fn observed(&self, params: &GarchParams, time: u64, price: Price) -> SizingResult<Self> {
        let elapsed = match time.checked_sub(self.last_time) {
            Some(d) if d > 0 => d,
            _ => {
                return Err(SizingError::TimeNotIncreasing {
                    previous: self.last_time,
                    time,
                });
            }
        };
        let r = price.log_return_since(&self.last_price)?;
        let d = wide_from_u64(elapsed)?;
        // r * (r * Y / D): the small square keeps its digits.
        let r_annual = math::div(
            math::mul(r, wide_from_u64(SECONDS_PER_YEAR)?, "garch")?,
            d,
            "garch",
        )?;
        let sample = math::mul(r, r_annual, "garch")?;
        let previous = match self.variance {
            Some(h) => h,
            None => params.long_run_wide()?,
        };
        let steps = math::div(d, wide_from_u64(params.step_seconds)?, "garch")?;
        let (kept, fresh) = gap_weights(params.beta, steps)?;
        let innovation = math::add(
            math::mul(math::widen(params.alpha)?, sample, "garch")?,
            params.omega_annual()?,
            "garch",
        )?;
        let variance = math::add(
            math::mul(kept, previous, "garch")?,
            math::mul(fresh, innovation, "garch")?,
            "garch",
        )?;
        Ok(Self {
            last_time: time,
            last_price: price,
            variance: Some(variance),
            returns: self
                .returns
                .checked_add(1)
                .ok_or_else(|| overflow("garch"))?,
        })
    }

    /// Annualised variance, rounded to [`Fixed`]; None before the first return.
    pub fn variance(&self) -> SizingResult<Option<Fixed>> {
        self.variance.map(math::narrow).transpose()
    }

    /// Annualised volatility sqrt(variance) (0.5 = 50%); None before the first return.
    pub fn vol(&self) -> SizingResult<Option<Fixed>> {
        self.variance
            .map(|v| math::sqrt_wide(v).and_then(math::narrow))
            .transpose()
    }
}

/// (b, g) = (beta^k, (1 - beta^k) / (1 - beta)) for an interval of k steps; beta = 0 gives (0, 1).
fn gap_weights(beta: Fixed, steps: Wide) -> SizingResult<(Wide, Wide)> {
    if beta.is_zero() {
        return Ok((Wide::ZERO, Wide::ONE));
    }
    let kept = math::decay(beta, steps)?;
    let fresh = math::div(
        math::sub(Wide::ONE, kept, "garch")?,
        math::sub(Wide::ONE, math::widen(beta)?, "garch")?,
        "garch",
    )?;
    Ok((kept, fresh))
}

fn wide_from_u64(x: u64) -> SizingResult<Wide> {
    Wide::checked_from_num(x).ok_or_else(|| overflow("garch"))
}

#[cfg(test)]
#[path = "garch_tests.rs"]
mod tests;
