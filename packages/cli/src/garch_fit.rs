//! Gaussian maximum-likelihood fit of GARCH(1,1) on log returns, off chain, in f64.
//!
//! The model is the one `ballast_sizing::garch` runs on chain, so fitted parameters mean the same
//! thing there: the annualised variance h starts at the long-run h_L and, after a return r over D
//! seconds (k = D / tau steps), becomes
//! `beta^k * h + (1 - beta^k) / (1 - beta) * (alpha * r^2 * Y / D + omega * Y / tau)`.
//! Returns have mean zero, and the return over D seconds is N(0, h * D / Y) with h the forecast
//! before it, so
//! ```text
//! log L = -1/2 * sum( ln(2 pi) + ln(h_i * D_i / Y) + r_i^2 / (h_i * D_i / Y) )
//! ```
//! For daily closes with no gaps this is the textbook GARCH(1,1) likelihood, started at the
//! long-run variance.
//!
//! The optimiser is Nelder-Mead over an unconstrained reparameterisation that keeps every point
//! valid: persistence p = alpha + beta = logistic(x1) (in (0, 1)), alpha's share of it
//! logistic(x2), and ln h_L = x3. It starts from several persistences and keeps the best, then
//! restarts once from there (a collapsed simplex is the classic failure of Nelder-Mead).

/// Seconds in the 365-day year, as in `ballast_sizing::SECONDS_PER_YEAR`.
pub const YEAR: f64 = 31_536_000.0;
/// Fewer returns than this cannot pin three parameters down.
pub const MIN_RETURNS: usize = 50;

/// GARCH(1,1) parameters; omega is the variance of a log return per reference step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Garch {
    /// Variance per step.
    pub omega: f64,
    /// Weight of the last squared return.
    pub alpha: f64,
    /// Weight of the last variance.
    pub beta: f64,
}

impl Garch {
    /// alpha + beta.
    pub fn persistence(&self) -> f64 {
        self.alpha + self.beta
    }

    /// Long-run annualised variance omega * Y / tau / (1 - alpha - beta).
    pub fn long_run_variance(&self, tau: f64) -> f64 {
        self.omega * YEAR / tau / (1.0 - self.persistence())
    }
}

/// A log return and the seconds it spans.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Return {
    /// ln(P_i / P_{i-1}).
    pub r: f64,
    /// t_i - t_{i-1}, seconds.
    pub seconds: f64,
}

/// The annualised variance forecast before each return and after the last: `returns.len() + 1`
/// values, the first the long-run variance.
pub fn variance_path(returns: &[Return], g: &Garch, tau: f64) -> Vec<f64> {
    let w = g.omega * YEAR / tau;
    let mut h = g.long_run_variance(tau);
    let mut path = Vec::with_capacity(returns.len() + 1);
    path.push(h);
    for ret in returns {
        let kept = g.beta.powf(ret.seconds / tau);
        let fresh = (1.0 - kept) / (1.0 - g.beta);
        h = kept * h + fresh * (g.alpha * ret.r * ret.r * YEAR / ret.seconds + w);
        path.push(h);
    }
    path
}

/// Gaussian log-likelihood of the returns under `g`.
pub fn log_likelihood(returns: &[Return], g: &Garch, tau: f64) -> f64 {
    let ln_2pi = (2.0 * std::f64::consts::PI).ln();
    variance_path(returns, g, tau)
        .iter()
        .zip(returns)
        .map(|(h, ret)| {
            let var = h * ret.seconds / YEAR;
            -0.5 * (ln_2pi + var.ln() + ret.r * ret.r / var)
        })
        .sum()
}

/// What the fit found.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// The maximum-likelihood parameters.
    pub params: Garch,
    /// The log-likelihood there.
    pub log_likelihood: f64,
    /// Likelihood evaluations spent.
    pub evaluations: usize,
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The parameters at a point of the search space; persistence stays below 1 - 1e-12.
fn unpack(x: &[f64; 3], tau: f64) -> Garch {
    let p = logistic(x[0].clamp(-30.0, 27.0));
    let share = logistic(x[1].clamp(-30.0, 30.0));
    let long_run = x[2].clamp(-60.0, 30.0).exp();
    Garch {
        omega: long_run * (1.0 - p) * tau / YEAR,
        alpha: p * share,
        beta: p * (1.0 - share),
    }
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

/// Fits omega, alpha and beta; an error when there are too few returns or no variation.
pub fn fit(returns: &[Return], tau: f64) -> Result<Fit, String> {
    if returns.len() < MIN_RETURNS {
        return Err(format!(
            "needs at least {MIN_RETURNS} returns to fit GARCH(1,1), found {}",
            returns.len()
        ));
    }
    let seconds: f64 = returns.iter().map(|r| r.seconds).sum();
    let sample = returns.iter().map(|r| r.r * r.r).sum::<f64>() * YEAR / seconds;
    if sample <= 0.0 || !sample.is_finite() {
        return Err("every log return is zero: there is no volatility to fit".into());
    }
    let objective = |x: &[f64; 3]| {
        let ll = log_likelihood(returns, &unpack(x, tau), tau);
        if ll.is_finite() { -ll } else { f64::INFINITY }
    };
    let mut evaluations = 0;
    let mut best: Option<([f64; 3], f64)> = None;
    for p in [0.8, 0.95, 0.99] {
        for share in [0.05, 0.15] {
            let start = [logit(p), logit(share), sample.ln()];
            let (x, f, n) = nelder_mead(&objective, start, 0.5);
            evaluations += n;
            if best.is_none_or(|(_, b)| f < b) {
                best = Some((x, f));
            }
        }
    }
    let (x, _) = best.ok_or("no start point")?;
    let (x, f, n) = nelder_mead(&objective, x, 0.1);
    evaluations += n;
    if !f.is_finite() {
        return Err("the likelihood is not finite anywhere the search went".into());
    }
    Ok(Fit {
        params: unpack(&x, tau),
        log_likelihood: -f,
        evaluations,
    })
}

/// Minimises `f` from `start` with an initial simplex of side `step`: (point, value, evaluations).
fn nelder_mead(
    f: &impl Fn(&[f64; 3]) -> f64,
    start: [f64; 3],
    step: f64,
) -> ([f64; 3], f64, usize) {
    const MAX_ITERATIONS: usize = 4_000;
    let mut simplex: Vec<([f64; 3], f64)> = (0..4)
        .map(|i| {
            let mut x = start;
            if i > 0 {
                x[i - 1] += step;
            }
            (x, f(&x))
        })
        .collect();
    let mut evaluations = 4;
    let along = |a: &[f64; 3], b: &[f64; 3], t: f64| -> [f64; 3] {
        [0, 1, 2].map(|k| a[k] + t * (b[k] - a[k]))
    };
    for _ in 0..MAX_ITERATIONS {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best, worst) = (simplex[0].1, simplex[3].1);
        let origin = simplex[0].0;
        let size = simplex[1..]
            .iter()
            .flat_map(|(x, _)| (0..3).map(move |k| (x[k] - origin[k]).abs()))
            .fold(0.0, f64::max);
        if (worst - best).abs() <= 1e-10 * (1.0 + best.abs()) && size <= 1e-9 {
            break;
        }
        let centroid = [0, 1, 2].map(|k| simplex[..3].iter().map(|(x, _)| x[k]).sum::<f64>() / 3.0);
        let worst_x = simplex[3].0;
        let reflected = along(&centroid, &worst_x, -1.0);
        let fr = f(&reflected);
        evaluations += 1;
        if fr < best {
            let expanded = along(&centroid, &worst_x, -2.0);
            let fe = f(&expanded);
            evaluations += 1;
            simplex[3] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
        } else if fr < simplex[2].1 {
            simplex[3] = (reflected, fr);
        } else {
            // Contract toward the better of the worst point and its reflection.
            let (toward, ft) = if fr < worst {
                (reflected, fr)
            } else {
                (worst_x, worst)
            };
            let contracted = along(&centroid, &toward, 0.5);
            let fc = f(&contracted);
            evaluations += 1;
            if fc < ft {
                simplex[3] = (contracted, fc);
            } else {
                let anchor = simplex[0].0;
                for point in simplex.iter_mut().skip(1) {
                    let x = along(&anchor, &point.0, 0.5);
                    *point = (x, f(&x));
                    evaluations += 1;
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    (simplex[0].0, simplex[0].1, evaluations)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400.0;

    /// A GARCH(1,1) path from known parameters, driven by a deterministic normal sequence.
    fn simulate(g: &Garch, n: usize) -> Vec<Return> {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut uniform = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            ((seed >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        let mut h = g.long_run_variance(DAY);
        (0..n)
            .map(|_| {
                // Box-Muller.
                let z =
                    (-2.0 * uniform().ln()).sqrt() * (2.0 * std::f64::consts::PI * uniform()).cos();
                let r = z * (h * DAY / YEAR).sqrt();
                h = g.beta * h + g.alpha * r * r * YEAR / DAY + g.omega * YEAR / DAY;
                Return { r, seconds: DAY }
            })
            .collect()
    }

    #[test]
    fn the_fit_recovers_simulated_parameters() {
        let truth = Garch {
            omega: 4e-6,
            alpha: 0.08,
            beta: 0.9,
        };
        let returns = simulate(&truth, 20_000);
        let fit = fit(&returns, DAY).unwrap();
        let p = fit.params;
        assert!((p.alpha - 0.08).abs() < 0.02, "{p:?}");
        assert!((p.beta - 0.9).abs() < 0.03, "{p:?}");
        assert!(p.persistence() < 1.0);
        // No worse than the truth: the fit maximises the likelihood.
        assert!(fit.log_likelihood >= log_likelihood(&returns, &truth, DAY));
    }

    #[test]
    fn daily_likelihood_is_the_textbook_formula() {
        let g = Garch {
            omega: 1e-5,
            alpha: 0.1,
            beta: 0.8,
        };
        let returns: Vec<Return> = [0.01, -0.02, 0.005]
            .iter()
            .map(|&r| Return { r, seconds: DAY })
            .collect();
        // Per-step variance s2: s2_1 = omega / (1 - a - b), s2_{t+1} = omega + a r_t^2 + b s2_t.
        let mut s2: f64 = 1e-5 / 0.1;
        let mut want = 0.0;
        for ret in &returns {
            want += -0.5 * ((2.0 * std::f64::consts::PI).ln() + s2.ln() + ret.r * ret.r / s2);
            s2 = 1e-5 + 0.1 * ret.r * ret.r + 0.8 * s2;
        }
        assert!((log_likelihood(&returns, &g, DAY) - want).abs() < 1e-9);
    }

    #[test]
    fn too_few_or_flat_returns_are_refused() {
        let few = vec![
            Return {
                r: 0.01,
                seconds: DAY
            };
            MIN_RETURNS - 1
        ];
        assert!(
            fit(&few, DAY)
                .unwrap_err()
                .contains("needs at least 50 returns")
        );
        let flat = vec![
            Return {
                r: 0.0,
                seconds: DAY
            };
            100
        ];
        assert!(fit(&flat, DAY).unwrap_err().contains("no volatility"));
    }
}
