//! `encoding::base64::decode_into` on arbitrary bytes: never panics, issues point into
//! the input, white space anywhere changes nothing (which also compares the line-based
//! SIMD path against the scalar path used for short and stripped inputs), and
//! `decode(encode(x)) == x` with no issues.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::encoding::base64;

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    base64::decode_into(data, &mut out, &mut issues);
    mailmime_fuzz::assert_issues_in_input(data, &issues);

    let stripped: Vec<u8> =
        data.iter().copied().filter(|b| !matches!(b, b'\r' | b'\n' | b' ' | b'\t')).collect();
    let mut out_stripped = Vec::new();
    base64::decode_into(&stripped, &mut out_stripped, &mut Vec::new());
    mailmime_fuzz::assert_bytes_eq(&out_stripped, &out, "decode with white space vs without");

    let mut encoded = Vec::new();
    base64::encode_into(data, &mut encoded);
    let mut decoded = Vec::new();
    let mut issues = Vec::new();
    base64::decode_into(&encoded, &mut decoded, &mut issues);
    assert!(issues.is_empty(), "decoding our own encoding reported {issues:?}");
    mailmime_fuzz::assert_bytes_eq(data, &decoded, "decode(encode(x))");
});
