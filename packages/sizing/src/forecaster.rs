//! One volatility forecaster per market, chosen by governance: the EWMA of [`crate::vol`] or the
//! GARCH(1,1) of [`crate::garch`]. Both take the same observations (time, price) and give the same
//! annualised forecast, so a caller sizes with either without knowing which.

use crate::error::SizingResult;
use crate::garch::{GarchParams, GarchState};
use crate::math::Fixed;
use crate::vol::{EwmaParams, Price, VolState};

/// Which estimator, with its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// Exponentially weighted moving average of squared returns.
    Ewma(EwmaParams),
    /// GARCH(1,1), mean-reverting to a long-run variance.
    Garch(GarchParams),
}

/// An estimator and its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forecaster {
    /// The EWMA and its state.
    Ewma {
        /// Decay and reference step.
        params: EwmaParams,
        /// Last observation and variance.
        state: VolState,
    },
    /// The GARCH(1,1) and its state.
    Garch {
        /// omega, alpha, beta and reference step.
        params: GarchParams,
        /// Last observation and variance.
        state: GarchState,
    },
}

impl Forecaster {
    /// A forecaster that has seen one price and no return yet.
    pub fn new(model: Model, time: u64, price: Price) -> Self {
        match model {
            Model::Ewma(params) => Forecaster::Ewma {
                params,
                state: VolState::new(time, price),
            },
            Model::Garch(params) => Forecaster::Garch {
                params,
                state: GarchState::new(time, price),
            },
        }
    }

    /// The estimator and its parameters.
    pub fn model(&self) -> Model {
        match self {
            Forecaster::Ewma { params, .. } => Model::Ewma(*params),
            Forecaster::Garch { params, .. } => Model::Garch(*params),
        }
    }

    /// Folds in the next observation. On error the forecaster is unchanged.
    pub fn observe(&mut self, time: u64, price: Price) -> SizingResult<()> {
        match self {
            Forecaster::Ewma { params, state } => state.observe(params, time, price),
            Forecaster::Garch { params, state } => state.observe(params, time, price),
        }
    }

    /// Annualised volatility forecast (0.5 = 50%); None before the first return.
    pub fn vol(&self) -> SizingResult<Option<Fixed>> {
        match self {
            Forecaster::Ewma { state, .. } => state.vol(),
            Forecaster::Garch { state, .. } => state.vol(),
        }
    }

    /// Annualised variance forecast; None before the first return.
    pub fn variance(&self) -> SizingResult<Option<Fixed>> {
        match self {
            Forecaster::Ewma { state, .. } => state.variance(),
            Forecaster::Garch { state, .. } => state.variance(),
        }
    }

    /// Returns folded in so far.
    pub fn returns(&self) -> u64 {
        match self {
            Forecaster::Ewma { state, .. } => state.returns,
            Forecaster::Garch { state, .. } => state.returns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prices() -> [(u64, Price); 4] {
        let p = |s: &str| s.parse::<Price>().unwrap();
        [
            (0, p("100")),
            (86_400, p("103")),
            (172_800, p("99")),
            (345_600, p("101.5")),
        ]
    }

    #[test]
    fn ewma_forecaster_is_the_vol_state() {
        let params = EwmaParams::new(Fixed::lit("0.94"), 86_400).unwrap();
        let obs = prices();
        let mut f = Forecaster::new(Model::Ewma(params), obs[0].0, obs[0].1);
        let mut s = VolState::new(obs[0].0, obs[0].1);
        assert_eq!(f.vol(), Ok(None));
        for (t, p) in &obs[1..] {
            f.observe(*t, *p).unwrap();
            s.observe(&params, *t, *p).unwrap();
            assert_eq!(f.vol(), s.vol());
            assert_eq!(f.variance(), s.variance());
        }
        assert_eq!(f.returns(), 3);
        assert_eq!(f.model(), Model::Ewma(params));
    }

    #[test]
    fn garch_forecaster_is_the_garch_state() {
        let params = GarchParams::new(
            Fixed::lit("0.00001"),
            Fixed::lit("0.1"),
            Fixed::lit("0.85"),
            86_400,
        )
        .unwrap();
        let obs = prices();
        let mut f = Forecaster::new(Model::Garch(params), obs[0].0, obs[0].1);
        let mut s = GarchState::new(obs[0].0, obs[0].1);
        for (t, p) in &obs[1..] {
            f.observe(*t, *p).unwrap();
            s.observe(&params, *t, *p).unwrap();
            assert_eq!(f.vol(), s.vol());
        }
        assert_eq!(f.returns(), 3);
        assert_eq!(f.model(), Model::Garch(params));
    }

    #[test]
    fn the_two_models_differ_on_the_same_prices() {
        let ewma = EwmaParams::new(Fixed::lit("0.94"), 86_400).unwrap();
        let garch = GarchParams::new(
            Fixed::lit("0.00001"),
            Fixed::lit("0.1"),
            Fixed::lit("0.85"),
            86_400,
        )
        .unwrap();
        let obs = prices();
        let mut a = Forecaster::new(Model::Ewma(ewma), obs[0].0, obs[0].1);
        let mut b = Forecaster::new(Model::Garch(garch), obs[0].0, obs[0].1);
        for (t, p) in &obs[1..] {
            a.observe(*t, *p).unwrap();
            b.observe(*t, *p).unwrap();
        }
        assert_ne!(a.vol().unwrap(), b.vol().unwrap());
    }

    #[test]
    fn a_refused_observation_leaves_the_forecaster_unchanged() {
        let garch = GarchParams::new(
            Fixed::lit("0.00001"),
            Fixed::lit("0.1"),
            Fixed::lit("0.85"),
            86_400,
        )
        .unwrap();
        let obs = prices();
        let mut f = Forecaster::new(Model::Garch(garch), obs[0].0, obs[0].1);
        f.observe(obs[1].0, obs[1].1).unwrap();
        let before = f;
        assert!(f.observe(obs[1].0, obs[2].1).is_err());
        assert_eq!(f, before);
    }
}
