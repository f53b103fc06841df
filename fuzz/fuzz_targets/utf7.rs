//! `encoding::utf7` (RFC 2152) on arbitrary bytes: decoding never panics, issues point
//! into the input, ASCII without `+` comes back borrowed and unchanged, and so does any
//! input through `Charset::UTF_7`. The fuzz data read as text (lossily) encodes to ASCII,
//! the same with `encode` and `encode_into`, and decodes back to itself with no issue.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use mailmime::encoding::{Charset, utf7};

fuzz_target!(|data: &[u8]| {
    let mut issues = Vec::new();
    let decoded = utf7::decode(data, &mut issues);
    mailmime_fuzz::assert_issues_in_input(data, &issues);
    if data.is_ascii() && !data.contains(&b'+') {
        assert!(matches!(decoded, Cow::Borrowed(_)), "plain ASCII was copied");
        assert_eq!(decoded.as_bytes(), data, "plain ASCII changed");
    }
    let mut charset_issues = Vec::new();
    assert_eq!(Charset::UTF_7.decode(data, &mut charset_issues), decoded, "Charset::UTF_7 vs utf7::decode");
    assert_eq!(charset_issues, issues, "Charset::UTF_7 reports other issues");

    let text = String::from_utf8_lossy(data);
    let encoded = utf7::encode(&text);
    assert!(encoded.is_ascii(), "UTF-7 is ASCII");
    let mut appended = b"x".to_vec();
    utf7::encode_into(&text, &mut appended);
    mailmime_fuzz::assert_bytes_eq(&encoded, &appended[1..], "encode_into vs encode");
    let mut issues = Vec::new();
    let back = utf7::decode(&encoded, &mut issues);
    assert!(issues.is_empty(), "decoding our own encoding reported {issues:?}");
    assert_eq!(back, text, "decode(encode(x))");
});
