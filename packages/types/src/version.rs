//! The version rule every contract's `migrate` applies: same contract, never a downgrade.

use thiserror::Error;

/// Why a migration is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum VersionError {
    /// The stored contract is another contract.
    #[error("cannot migrate from {found}, only from {expected}")]
    ForeignContract {
        /// Our contract name.
        expected: String,
        /// The stored name.
        found: String,
    },
    /// The stored version is newer than this code.
    #[error("cannot migrate from version {from} down to {to}")]
    Downgrade {
        /// Stored version.
        from: String,
        /// This code's version.
        to: String,
    },
    /// The stored version is older than the oldest this code migrates from.
    #[error("cannot migrate from version {from}: this code migrates from {oldest} on")]
    TooOld {
        /// Stored version.
        from: String,
        /// The oldest version this code migrates from.
        oldest: &'static str,
    },
}

/// Accepts a migration from (`stored_name`, `stored_version`) to (`name`, `version`) when the names
/// match and the stored version is not newer.
pub fn check_upgrade(
    stored_name: &str,
    stored_version: &str,
    name: &str,
    version: &str,
) -> Result<(), VersionError> {
    if stored_name != name {
        return Err(VersionError::ForeignContract {
            expected: name.to_string(),
            found: stored_name.to_string(),
        });
    }
    if is_newer(stored_version, version) {
        return Err(VersionError::Downgrade {
            from: stored_version.to_string(),
            to: version.to_string(),
        });
    }
    Ok(())
}

/// True when dotted version `a` is later than `b`, numerically by part. A part that is not a number
/// counts as newer, so an unknown version is never overwritten.
pub fn is_newer(a: &str, b: &str) -> bool {
    let parts = |v: &str| -> Vec<Option<u64>> { v.split('.').map(|p| p.parse().ok()).collect() };
    let (pa, pb) = (parts(a), parts(b));
    for i in 0..pa.len().max(pb.len()) {
        let x = pa.get(i).copied().unwrap_or(Some(0));
        let y = pb.get(i).copied().unwrap_or(Some(0));
        match (x, y) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x), Some(y)) => return x > y,
            (None, _) => return true,
            (_, None) => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_number() {
        assert!(is_newer("0.10.0", "0.9.0"));
        assert!(!is_newer("0.1.0", "0.1.0"));
        assert!(!is_newer("0.1.0", "0.2.0"));
        assert!(is_newer("1.0", "0.9.9"));
        assert!(is_newer("x", "0.1.0"));
    }

    #[test]
    fn upgrade_rules() {
        assert_eq!(check_upgrade("a", "0.1.0", "a", "0.2.0"), Ok(()));
        assert_eq!(check_upgrade("a", "0.2.0", "a", "0.2.0"), Ok(()));
        assert!(matches!(
            check_upgrade("b", "0.1.0", "a", "0.2.0"),
            Err(VersionError::ForeignContract { .. })
        ));
        assert!(matches!(
            check_upgrade("a", "0.3.0", "a", "0.2.0"),
            Err(VersionError::Downgrade { .. })
        ));
    }
}
