//! `Message::parse_with` under tight limits, so every limit is reached often.
//!
//! Leniently (the default) content beyond a limit becomes an opaque leaf: parsing must
//! succeed, the tree must respect the limits, and the message must still write back
//! byte for byte. With `error_on_limit` parsing either fails with `LimitExceeded` or
//! succeeds and writes back the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::{ErrorKind, Message};
use mailmime_fuzz::Limits;

const LIMITS: Limits = Limits { depth: 3, parts: 20, headers: 10, header_bytes: 256 };

fuzz_target!(|data: &[u8]| {
    let options = LIMITS.options();

    let msg = Message::parse_with(data, &options).expect("lenient parsing never fails");
    mailmime_fuzz::touch_message(&msg);
    LIMITS.assert_respected_by(&msg);
    mailmime_fuzz::assert_round_trip(data, msg);

    match Message::parse_with(data, &options.error_on_limit(true)) {
        Ok(msg) => mailmime_fuzz::assert_round_trip(data, msg),
        Err(e) => assert!(matches!(e.kind(), ErrorKind::LimitExceeded(_)), "unexpected error {e:?}"),
    }
});
