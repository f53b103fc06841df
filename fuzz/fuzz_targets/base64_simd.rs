//! The base64 fast path on inputs that reach the vector kernels: the fuzz data becomes a
//! body of regular 76-symbol lines (CRLF or LF) with a few fuzz-chosen mutations
//! (garbage, `=` or white space in place of a byte, a line end dropped or added, an
//! insertion, a deletion, truncation). `decode_into` must give the same bytes and issues as
//! the scalar tolerant decoder alone, and each kernel the same as its scalar twin, on the
//! body (with both line ends, from a fuzz-chosen offset too) and on the raw data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime_fuzz::{Base64Lines, assert_base64_matches_scalar, assert_line_decoders_agree};

fuzz_target!(|data: &[u8]| {
    let body = Base64Lines::from_fuzz(data);
    assert_base64_matches_scalar(&body);

    let input = &body.input[..];
    assert_line_decoders_agree(input, body.crlf, &body.prefix);
    assert_line_decoders_agree(input, !body.crlf, &body.prefix);
    assert_line_decoders_agree(&input[body.start.min(input.len())..], body.crlf, &body.prefix);
    assert_line_decoders_agree(data, true, &[]);
    assert_line_decoders_agree(data, false, &[]);
});
