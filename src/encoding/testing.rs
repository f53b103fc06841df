//! Test helpers shared by the codec tests.

use proptest::prelude::*;

/// Arbitrary bytes biased towards `special` (cheap to generate, unlike a per-element
/// `prop_oneof!`).
pub(crate) fn biased(special: &'static [u8], max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u16>(), 0..max).prop_map(move |v| {
        v.into_iter()
            .map(|x| {
                let b = (x >> 8) as u8;
                if x & 1 == 0 { special[usize::from(b) % special.len()] } else { b }
            })
            .collect()
    })
}
