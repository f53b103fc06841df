//! What typed accessors hand out: text without control characters, and a test for the
//! bidirectional formatting characters that disguise file names and display names.
//!
//! A decoded header value can carry anything its sender encoded: CR LF and a fake
//! field, NUL, ESC sequences for a terminal. Typed accessors replace every C0 control
//! other than TAB, and DEL, with U+FFFD, so the value is safe to put in a header, a log
//! line or a file name; the raw bytes stay in the header map.

use std::borrow::Cow;

/// Whether `c` is replaced: a C0 control other than TAB, or DEL.
pub(crate) fn is_unsafe_control(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_unsafe_byte)
}

/// [`is_unsafe_control`] for one byte of UTF-8 text (every such character is one byte).
pub(crate) fn is_unsafe_byte(b: u8) -> bool {
    (b < b' ' && b != b'\t') || b == 0x7f
}

/// `text` with every C0 control other than TAB, and DEL, replaced by U+FFFD; whether
/// anything was replaced. Borrows when there is nothing to replace.
pub(crate) fn replace_controls(text: Cow<'_, str>) -> (Cow<'_, str>, bool) {
    if !has_unsafe_control(text.as_bytes()) {
        return (text, false);
    }
    let replaced =
        text.chars().map(|c| if is_unsafe_control(c) { char::REPLACEMENT_CHARACTER } else { c }).collect();
    (Cow::Owned(replaced), true)
}

/// Whether `bytes` holds a byte [`replace_controls`] replaces, eight bytes at a time.
pub(crate) fn has_unsafe_control(bytes: &[u8]) -> bool {
    const LOW: u64 = 0x2020_2020_2020_2020;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const DEL: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let unsafe_byte = |b: &u8| is_unsafe_byte(*b);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // The high bit of each byte below 0x20, and of each DEL (a zero byte of x ^ DEL);
        // a borrow can also flag a byte after one of those, so a hit is confirmed.
        let below = x.wrapping_sub(LOW) & !x & HIGH;
        let y = x ^ DEL;
        let del = y.wrapping_sub(ONES) & !y & HIGH;
        if below | del != 0 && chunk.iter().any(unsafe_byte) {
            return true;
        }
    }
    chunks.remainder().iter().any(unsafe_byte)
}

/// Whether `text` holds a bidirectional override or isolate (U+202A–U+202E,
/// U+2066–U+2069), which make `invoice\u{202e}fdp.exe` display as `invoiceexe.pdf`.
pub(crate) fn has_bidi_control(text: &str) -> bool {
    // Every one of them is encoded as E2 80 AA–AE or E2 81 A6–A9.
    memchr::memchr(0xe2, text.as_bytes()).is_some() && text.chars().any(is_bidi_control)
}

/// Whether `c` is a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_replacement_characters_and_tab_stays() {
        let (text, replaced) = replace_controls(Cow::Borrowed("a\r\nBcc: x\0\tb\u{7f}"));
        assert_eq!(text, "a\u{fffd}\u{fffd}Bcc: x\u{fffd}\tb\u{fffd}");
        assert!(replaced);
        let (text, replaced) = replace_controls(Cow::Borrowed("plain\ttext é"));
        assert!(matches!(text, Cow::Borrowed("plain\ttext é")));
        assert!(!replaced);
    }

    #[test]
    fn the_word_at_a_time_check_agrees_with_a_byte_loop() {
        for b in 0..=255u8 {
            for len in [1, 7, 8, 9, 17] {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let expected = (b < b' ' && b != b'\t') || b == 0x7f;
                    assert_eq!(has_unsafe_control(&bytes), expected, "{b:#x} at {at} of {len}");
                    // Neighbours that make borrows and near-misses.
                    bytes.iter_mut().enumerate().filter(|(i, _)| *i != at).for_each(|(_, x)| *x = 0x80);
                    assert_eq!(has_unsafe_control(&bytes), expected, "{b:#x} among 0x80");
                }
            }
        }
    }

    #[test]
    fn bidi_controls_are_found() {
        assert!(has_bidi_control("invoice\u{202e}fdp.exe"));
        assert!(has_bidi_control("\u{2066}x\u{2069}"));
        assert!(!has_bidi_control("naïve — “quoted” €"));
    }
}
