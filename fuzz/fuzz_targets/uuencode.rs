//! `encoding::uuencode::decode_into` on arbitrary bytes: never panics, issues point into
//! the input, and `decode(encode(x)) == x` with the file name and mode kept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::encoding::uuencode;

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    let _header = uuencode::decode_into(data, &mut out, &mut issues);
    mailmime_fuzz::assert_issues_in_input(data, &issues);

    let mut encoded = Vec::new();
    uuencode::encode_into(data, "file.bin", 0o644, &mut encoded);
    let mut decoded = Vec::new();
    let mut issues = Vec::new();
    let header = uuencode::decode_into(&encoded, &mut decoded, &mut issues)
        .expect("our own encoding has a begin line");
    assert!(issues.is_empty(), "decoding our own encoding reported {issues:?}");
    assert_eq!(header.name, "file.bin");
    assert_eq!(header.mode, Some(0o644));
    mailmime_fuzz::assert_bytes_eq(data, &decoded, "decode(encode(x))");
});
