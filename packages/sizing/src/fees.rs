//! Fees of a managed vault, paid by minting new shares to a fee recipient, so that nav is untouched and
//! every holder is diluted alike.
//!
//! Rates are exact rationals `rate_num / rate_den` (a `Decimal` is `atomics / 10^18`). Shares minted
//! round down: a holder's stake never shrinks by more than the fee, the recipient loses under a share.

use crate::amount::mul_div_u128;
use crate::error::{SizingError, SizingResult, overflow};
use crate::vol::SECONDS_PER_YEAR;

fn checked(value: Option<u128>, op: &'static str) -> SizingResult<u128> {
    value.ok_or_else(|| overflow(op))
}

/// Management fee: the shares that give the recipient `r = rate * elapsed / year` of the vault,
/// `supply * r / (1 - r)`, so that after minting the recipient holds exactly r of the new supply.
pub fn management_fee_shares(
    supply: u128,
    rate_num: u128,
    rate_den: u128,
    elapsed_seconds: u64,
) -> SizingResult<u128> {
    let accrued = checked(
        rate_num.checked_mul(u128::from(elapsed_seconds)),
        "management_fee",
    )?;
    let whole = checked(
        rate_den.checked_mul(u128::from(SECONDS_PER_YEAR)),
        "management_fee",
    )?;
    // r = accrued / whole; r / (1 - r) = accrued / (whole - accrued). r >= 1 means a fee of everything.
    if accrued >= whole {
        return Err(SizingError::InvalidParameter {
            name: "management_fee",
            value: format!("{rate_num}/{rate_den} over {elapsed_seconds} s"),
            rule: "below 100% of the vault per accrual",
        });
    }
    checked(
        mul_div_u128(supply, accrued, whole - accrued),
        "management_fee",
    )
}

/// Performance fee over a high-water mark: `rate` of the value above the mark, where value is
/// `assets` (nav) and the mark says what `supply` shares were worth at their best,
/// `hwm_assets = hwm_price * supply`. Returns the shares worth that fee after minting,
/// `fee * supply / (assets - fee)`; zero at or below the mark.
pub fn performance_fee_shares(
    supply: u128,
    assets: u128,
    hwm_assets: u128,
    rate_num: u128,
    rate_den: u128,
) -> SizingResult<u128> {
    if assets <= hwm_assets || rate_num == 0 {
        return Ok(0);
    }
    if rate_num > rate_den {
        return Err(SizingError::InvalidParameter {
            name: "performance_fee",
            value: format!("{rate_num}/{rate_den}"),
            rule: "in [0, 1]",
        });
    }
    let fee = checked(
        mul_div_u128(assets - hwm_assets, rate_num, rate_den),
        "performance_fee",
    )?;
    if fee >= assets {
        return Ok(0);
    }
    checked(mul_div_u128(fee, supply, assets - fee), "performance_fee")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEC: u128 = 1_000_000_000_000_000_000;
    const SUPPLY: u128 = 1_000_000_000_000_000_000;

    #[test]
    fn a_year_at_two_percent_gives_the_recipient_two_percent() {
        // supply * 0.02 / 0.98
        let shares = management_fee_shares(SUPPLY, 2 * DEC / 100, DEC, SECONDS_PER_YEAR).unwrap();
        assert_eq!(shares, SUPPLY * 2 / 98);
        // shares / (supply + shares) = 2%, to within one share.
        assert!((50 * shares).abs_diff(SUPPLY + shares) <= 50);
    }

    #[test]
    fn no_time_or_no_rate_costs_nothing() {
        assert_eq!(management_fee_shares(SUPPLY, DEC / 50, DEC, 0), Ok(0));
        assert_eq!(
            management_fee_shares(SUPPLY, 0, DEC, SECONDS_PER_YEAR),
            Ok(0)
        );
    }

    #[test]
    fn a_fee_of_everything_is_refused() {
        assert!(matches!(
            management_fee_shares(SUPPLY, DEC, DEC, SECONDS_PER_YEAR),
            Err(SizingError::InvalidParameter {
                name: "management_fee",
                ..
            })
        ));
    }

    #[test]
    fn performance_fee_takes_its_rate_of_the_gain_above_the_mark() {
        // nav 1,100 against a mark of 1,000: a gain of 100, 20% of it = 20;
        // shares = 20 * supply / 1,080, whose value after minting is 20.
        let shares = performance_fee_shares(1_080_000, 1_100, 1_000, DEC / 5, DEC).unwrap();
        assert_eq!(shares, 20_000);
        let value = 1_100 * shares / (1_080_000 + shares);
        assert_eq!(value, 20);
    }

    #[test]
    fn no_performance_fee_at_or_below_the_mark() {
        assert_eq!(
            performance_fee_shares(SUPPLY, 1_000, 1_000, DEC / 5, DEC),
            Ok(0)
        );
        assert_eq!(
            performance_fee_shares(SUPPLY, 900, 1_000, DEC / 5, DEC),
            Ok(0)
        );
    }

    #[test]
    fn a_performance_rate_above_one_is_refused() {
        assert!(performance_fee_shares(SUPPLY, 2_000, 1_000, 2 * DEC, DEC).is_err());
    }
}
