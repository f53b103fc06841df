//! `encoding::quoted_printable::decode_into` on arbitrary bytes: never panics, issues
//! point into the input, and `decode(encode_binary(x)) == x` with no issues.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::encoding::quoted_printable::{self, EncodeMode};

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    quoted_printable::decode_into(data, &mut out, &mut issues);
    mailmime_fuzz::assert_issues_in_input(data, &issues);

    let mut encoded = Vec::new();
    quoted_printable::encode_into(data, &mut encoded, EncodeMode::Binary);
    let mut decoded = Vec::new();
    let mut issues = Vec::new();
    quoted_printable::decode_into(&encoded, &mut decoded, &mut issues);
    assert!(issues.is_empty(), "decoding our own encoding reported {issues:?}");
    mailmime_fuzz::assert_bytes_eq(data, &decoded, "decode(encode(x, Binary))");
});
