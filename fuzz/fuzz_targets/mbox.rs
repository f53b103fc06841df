//! `split_mbox` on arbitrary bytes (the crate has no streaming mbox reader). The pieces
//! must cover the input as `split_mbox` documents: text before the first line that starts
//! with `From ` is skipped; a message starts at every line that starts with `From `, and
//! is that line (given without its line end), then its bytes, then the line end of the
//! blank line before the next message, dropped when (and only when) the bytes end in a
//! blank line. `offset()` is where the bytes are; `unescaped()` removes one `>` from each
//! `>From ` line (borrowed when there is none); each message parses and writes back byte
//! for byte.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use mailmime::{Message, split_mbox};

/// Offset of `inner` in `outer`, which must hold it.
fn offset_in(inner: &[u8], outer: &[u8]) -> usize {
    let at = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    assert!(at <= outer.len() && at + inner.len() <= outer.len(), "a piece lies outside the input");
    at
}

/// Where the first line at or after `from` that starts with `From ` starts (a line
/// starts at 0 or after a LF).
fn next_from_line(data: &[u8], from: usize) -> usize {
    if from == 0 && data.starts_with(b"From ") {
        return 0;
    }
    let search = from.saturating_sub(1);
    data[search..].windows(6).position(|w| w == b"\nFrom ").map_or(data.len(), |at| search + at + 1)
}

fn quoted_from(line: &[u8]) -> bool {
    let gts = line.iter().take_while(|&&b| b == b'>').count();
    gts > 0 && line[gts..].starts_with(b"From ")
}

fuzz_target!(|data: &[u8]| {
    let mut start = next_from_line(data, 0);
    for message in split_mbox(data) {
        assert!(start < data.len(), "a message after the end of the input");
        let line_len = data[start..].iter().position(|&b| b == b'\n').map_or(data.len() - start, |at| at + 1);
        let body_start = start + line_len;
        let line = &data[start..body_start];
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let from_line = message.from_line();
        assert_eq!(offset_in(from_line, data), start, "a message does not start at its From line");
        assert_eq!(from_line, line, "from_line() is not the line without its line end");

        let next = next_from_line(data, body_start);
        let bytes = message.as_bytes();
        assert_eq!(offset_in(bytes, data), body_start, "as_bytes() does not follow the From line");
        assert_eq!(message.offset(), body_start, "offset()");
        let end = body_start + bytes.len();
        assert!(end <= next, "a message runs into the next one");
        let separator = &data[end..next];
        // Whether the last line of `b` is blank (a message may be that line alone).
        let blank =
            |b: &[u8]| matches!(b, b"\n" | b"\r\n") || b.ends_with(b"\n\n") || b.ends_with(b"\r\n\r\n");
        match separator {
            b"" => assert!(!blank(bytes), "a blank line before the next message was kept"),
            b"\n" | b"\r\n" => {
                assert!(blank(&data[body_start..next]), "dropped a line end that ends no blank line")
            }
            _ => panic!("{separator:?} left out between two messages"),
        }

        let unescaped = message.unescaped();
        let quoted = bytes.split_inclusive(|&b| b == b'\n').filter(|l| quoted_from(l)).count();
        assert_eq!(unescaped.len() + quoted, bytes.len(), "unescaped() removes one > per >From line");
        if quoted == 0 {
            assert!(matches!(unescaped, Cow::Borrowed(b) if b == bytes), "nothing to unescape, yet copied");
        }

        let msg = Message::parse(bytes).expect("parsing with default options never fails");
        mailmime_fuzz::assert_bytes_eq(bytes, &msg.to_bytes(), "a message of the mbox");
        start = next;
    }
    assert_eq!(start, data.len(), "split_mbox stopped before the last From line");
});
