//! Edit sequences on a parsed message: every accepted edit writes a well-formed message
//! that reads back as the edited tree, and a refused one changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (edits, message) = mailmime_fuzz::split_edits(data);
    mailmime_fuzz::assert_edits_well_formed(message, &edits);
});
