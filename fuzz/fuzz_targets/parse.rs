//! `Message::parse` on arbitrary bytes, then every accessor on every part.
//! Must not panic; with default options parsing never fails.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::Message;

fuzz_target!(|data: &[u8]| {
    let msg = Message::parse(data).expect("parsing with default options never fails");
    mailmime_fuzz::touch_message(&msg);
});
