//! `Message::parse(data).to_bytes() == data`, borrowed and after `into_owned()`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::Message;

fuzz_target!(|data: &[u8]| {
    let msg = Message::parse(data).expect("parsing with default options never fails");
    mailmime_fuzz::assert_round_trip(data, msg);
});
