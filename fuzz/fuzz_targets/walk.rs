//! `Message::parse` on arbitrary bytes, then the full walk of `mailmime_fuzz::walk`: every
//! typed accessor on every part and every nested message, every body transfer- and
//! charset-decoded, every header field decoded, each checked against what the library
//! documents. The unedited message must write back its input, and its owned copy must
//! give the same answer to every accessor.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::Message;
use mailmime_fuzz::walk::walk_message;

fuzz_target!(|data: &[u8]| {
    let msg = Message::parse(data).expect("parsing with default options never fails");
    let borrowed = walk_message(&msg, data);
    mailmime_fuzz::assert_bytes_eq(data, &msg.to_bytes(), "to_bytes of an unedited parse");
    let owned = msg.into_owned();
    let copied = walk_message(&owned, data);
    assert_eq!(borrowed.len(), copied.len(), "into_owned() changed the number of parts");
    if let Some(i) = borrowed.iter().zip(&copied).position(|(a, b)| a != b) {
        panic!("into_owned() changed what the accessors of part {i} (depth-first) return");
    }
});
