//! `split_mbox` and `MboxReader` on arbitrary bytes: never panic, and the reader gives
//! exactly the messages `split_mbox` gives through a buffer of 1 to 64 bytes (the first
//! input byte chooses it); every message parses and writes back its unescaped bytes.
#![no_main]

use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use mailmime::{MboxMessage, MboxReader, split_mbox};

fuzz_target!(|data: &[u8]| {
    let Some((&first, mbox)) = data.split_first() else { return };
    let capacity = usize::from(first % 64) + 1;
    let split: Vec<MboxMessage<'static>> = split_mbox(mbox).map(MboxMessage::into_owned).collect();
    let streamed: Vec<MboxMessage<'static>> = MboxReader::new(BufReader::with_capacity(capacity, mbox))
        .collect::<std::io::Result<_>>()
        .expect("reading a slice cannot fail");
    assert_eq!(streamed, split, "MboxReader and split_mbox disagree");
    for m in &split {
        let msg = m.parse().expect("a fuzz input is far below 4 GiB");
        mailmime_fuzz::assert_bytes_eq(&m.unescaped(), &msg.to_bytes(), "parse(m).to_bytes()");
    }
});
