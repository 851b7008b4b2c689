//! Delta-neutral mode: a leg the vault holds outside the perp market and the band its net delta is
//! kept in by the permissionless `Hedge`.
//!
//! Units: sizes and deltas are units of the underlying, the unit the perp market's quantity and
//! prices use (price = base units of collateral per unit); the strike is a price in that unit.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, SignedDecimal, Uint128};

use crate::convert::{ConvertError, decimal_to_fixed, signed_decimal_to_fixed};
use crate::vault::{OrderPreview, OrderRequest, ParamError, check};

/// Largest implied volatility accepted, annualised (5 = 500%).
pub const MAX_IMPLIED_VOL: &str = "5";
/// Largest |rate| accepted, annual (1 = 100%).
pub const MAX_RATE: &str = "1";

/// Call or put.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum OptionKind {
    /// The right to buy at the strike.
    Call,
    /// The right to sell at the strike.
    Put,
}

impl From<OptionKind> for ballast_sizing::OptionKind {
    fn from(kind: OptionKind) -> Self {
        match kind {
            OptionKind::Call => ballast_sizing::OptionKind::Call,
            OptionKind::Put => ballast_sizing::OptionKind::Put,
        }
    }
}

/// What the vault holds beside its perp position in a market.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum HedgeLeg {
    /// Units of the underlying held outright; delta 1 per unit.
    Spot {
        /// Signed units of the underlying (negative: short); not 0.
        size: SignedDecimal,
    },
    /// European options on the underlying; delta by Black-Scholes at the oracle price.
    Option {
        /// Call or put.
        kind: OptionKind,
        /// Strike, base units of collateral per unit of the underlying; > 0.
        strike: Decimal,
        /// Expiry, unix seconds; after the block time when set. After it the delta is the step at
        /// the strike (1 or 0 for a call).
        expiry: u64,
        /// Implied volatility, annualised (0.5 = 50%); in (0, 5].
        implied_vol: Decimal,
        /// Signed number of contracts, each on one unit (negative: written); not 0.
        size: SignedDecimal,
        /// Continuously compounded annual rate (0.05 = 5%) in [-1, 1]; 0 when absent.
        rate: Option<SignedDecimal>,
    },
}

/// A market's hedge: the leg and the band its net delta is kept in.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct HedgeConfig {
    /// The leg held outside the perp market.
    pub leg: HedgeLeg,
    /// Largest |net delta| left unhedged, units of the underlying (0 hedges to exactly zero).
    pub band: Decimal,
}

fn bound(text: &str) -> Decimal {
    text.parse().unwrap_or(Decimal::zero())
}

impl HedgeConfig {
    /// Checks every field at block time `now`; the first one broken is the error.
    pub fn validate(&self, now: u64) -> Result<(), ParamError> {
        match &self.leg {
            HedgeLeg::Spot { size } => check(!size.is_zero(), "size", size, "not 0"),
            HedgeLeg::Option {
                strike,
                expiry,
                implied_vol,
                size,
                rate,
                ..
            } => {
                check(!strike.is_zero(), "strike", strike, "> 0")?;
                check(*expiry > now, "expiry", expiry, "after the block time")?;
                check(
                    !implied_vol.is_zero() && *implied_vol <= bound(MAX_IMPLIED_VOL),
                    "implied_vol",
                    implied_vol,
                    "in (0, 5]",
                )?;
                check(!size.is_zero(), "size", size, "not 0")?;
                let rate = rate.unwrap_or_default();
                check(
                    rate.abs_diff(SignedDecimal::zero()) <= bound(MAX_RATE),
                    "rate",
                    rate,
                    "in [-1, 1]",
                )
            }
        }
    }

    /// The leg in `ballast-sizing`'s terms at block time `now` (time to expiry in 365-day years,
    /// zero once expired) and the band.
    pub fn to_sizing(
        &self,
        now: u64,
    ) -> Result<(ballast_sizing::Leg, ballast_sizing::Fixed), ConvertError> {
        let leg = match &self.leg {
            HedgeLeg::Spot { size } => ballast_sizing::Leg::Spot {
                quantity: signed_decimal_to_fixed(*size)?,
            },
            HedgeLeg::Option {
                kind,
                strike,
                expiry,
                implied_vol,
                size,
                rate,
            } => ballast_sizing::Leg::Option {
                quantity: signed_decimal_to_fixed(*size)?,
                option: ballast_sizing::EuropeanOption {
                    kind: (*kind).into(),
                    strike: decimal_to_fixed(*strike)?,
                    years: ballast_sizing::caps::years(expiry.saturating_sub(now))?,
                    implied_vol: decimal_to_fixed(*implied_vol)?,
                    rate: signed_decimal_to_fixed(rate.unwrap_or_default())?,
                },
            },
        };
        Ok((leg, decimal_to_fixed(self.band)?))
    }
}

/// Reply to `QueryMsg::Hedge`: the market's hedge and its net delta at the oracle price now.
#[cw_serde]
pub struct HedgeResponse {
    /// Market id.
    pub market: String,
    /// The leg and band.
    pub hedge: HedgeConfig,
    /// Oracle price used, base units per unit of the underlying.
    pub price: Decimal,
    /// The leg's delta, units of the underlying.
    pub leg_delta: SignedDecimal,
    /// The perp position's delta (negative when short), units of the underlying.
    pub perp_delta: SignedDecimal,
    /// leg_delta + perp_delta.
    pub net_delta: SignedDecimal,
    /// The perp trade to the band's nearest edge, units of the underlying (positive buys; 0 inside
    /// the band).
    pub order_size: SignedDecimal,
    /// Its notional, base units, rounded down.
    pub order_notional: Uint128,
    /// The order `Hedge` would send through the pipeline (None inside the band or below `min_order`).
    pub order: Option<OrderRequest>,
    /// What the pipeline would decide on it now (None inside the band).
    pub preview: Option<OrderPreview>,
}
