//! Parse, write, parse again. `Message::parse(data).to_bytes() == data`, borrowed and
//! after `into_owned()`; every embedded message (the first few, depth-first), written
//! alone with its own `to_bytes()` and parsed as a message of its own, has the shape it had
//! in place (types, body kinds and sizes, header counts, defects with relative offsets);
//! and the owned copy has the shape of the borrowed tree. (Reparsing the whole written
//! message would only repeat the first parse: its bytes are the input.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::{Body, Message};
use mailmime_fuzz::shape::{hit_a_limit, shape};

/// Embedded messages reparsed per input: each costs a write and a parse of its size.
const NESTED: usize = 8;

fuzz_target!(|data: &[u8]| {
    let msg = Message::parse(data).expect("parsing with default options never fails");
    mailmime_fuzz::assert_bytes_eq(data, &msg.to_bytes(), "to_bytes");

    // A limit depends on where a part sits; a tree that hit one is not compared.
    if !hit_a_limit(&msg) {
        let nested = msg.parts().filter_map(|p| match p.body() {
            Body::Message(m) => Some(m),
            _ => None,
        });
        for m in nested.take(NESTED) {
            let written = m.to_bytes();
            let again = Message::parse(&written).expect("parsing with default options never fails");
            mailmime_fuzz::assert_bytes_eq(&written, &again.to_bytes(), "to_bytes of a nested message");
            assert_eq!(shape(&again), shape(m), "a nested message parsed alone has another shape");
        }
    }

    let before = shape(&msg);
    let owned = msg.into_owned();
    let written = owned.to_bytes();
    mailmime_fuzz::assert_bytes_eq(data, &written, "into_owned().to_bytes");
    assert_eq!(shape(&owned), before, "into_owned() changed the shape");
});
