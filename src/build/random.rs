//! Unpredictable tokens for boundaries and Message-IDs, from the standard library's
//! randomly keyed hasher (no extra dependency; uniqueness, not secrecy, is what is needed).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// 64 bits that differ on every call.
pub(crate) fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    hasher.write_u128(now);
    hasher.write_u64(std::process::id().into());
    hasher.finish()
}

/// A boundary: `=_` (which can occur in neither base64 nor quoted-printable text) and
/// 32 hex digits.
pub(crate) fn boundary() -> String {
    format!("=_{:016x}{:016x}", random_u64(), random_u64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_differ_and_are_valid_rfc2046_boundaries() {
        let a = boundary();
        let b = boundary();
        assert_ne!(a, b);
        assert_eq!(a.len(), 34);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'=' || c == b'_'));
    }
}
