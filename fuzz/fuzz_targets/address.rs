//! `address::parse_address_list` on arbitrary bytes, then every `Mailbox`, `Group` and
//! `AddressList` accessor. Must hold (see `mailmime_fuzz::values`): the counts agree, no
//! display name is empty, `address()` is `<>` only for the null mailbox and never empty,
//! nothing written holds a line break, the owned copy is equal, and the list written with
//! `Display` reads back as the same names, addresses and groups.
#![no_main]

use std::hash::DefaultHasher;

use libfuzzer_sys::fuzz_target;
use mailmime::address::parse_address_list;
use mailmime_fuzz::values::{assert_address_list_reads_back, check_address_list};

fuzz_target!(|data: &[u8]| {
    let list = parse_address_list(data);
    check_address_list(&list, &mut DefaultHasher::new());
    assert_address_list_reads_back(&list);
});
