//! UTF-7 (RFC 2152), the "mail-safe" Unicode transformation format.
//!
//! Mostly reached through [`Charset`](super::Charset) (labels `utf-7`,
//! `unicode-1-1-utf-7`), but usable directly.
//!
//! The decoder is tolerant: bytes >= 0x80, unpaired surrogates and shifted
//! sequences with leftover data become U+FFFD (reported once as
//! [`IssueKind::MalformedCharacter`]); a `+` followed by neither a base64
//! character nor `-` is kept literally (also reported). Non-zero padding bits
//! at the end of a shifted sequence are reported but decoding goes on.
//!
//! The encoder writes RFC 2152 Set D and Set O characters, SPACE, TAB, CR and
//! LF directly, `+` as `+-`, and everything else (including `\` and `~`) as
//! modified base64 of UTF-16. A shifted sequence is closed with `-` only when
//! needed (next character is a base64 character or `-`) or at the end.
//!
//! # Examples
//!
//! ```
//! use mailmime::encoding::utf7;
//!
//! let mut issues = Vec::new();
//! assert_eq!(utf7::decode(b"A+ImIDkQ.", &mut issues), "A\u{2262}\u{391}.");
//! assert_eq!(&*utf7::encode("A\u{2262}\u{391}."), b"A+ImIDkQ.");
//! assert!(issues.is_empty());
//! ```

use std::borrow::Cow;

use super::report::{Issue, IssueKind, Reporter};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

#[inline]
fn b64_val(b: u8) -> Option<u32> {
    Some(u32::from(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    }))
}

/// Characters written directly by the encoder.
#[inline]
fn is_direct(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '\'' | '('
                | ')'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | '?'
                | ' '
                | '\t'
                | '\r'
                | '\n'
                | '!'
                | '"'
                | '#'
                | '$'
                | '%'
                | '&'
                | '*'
                | ';'
                | '<'
                | '='
                | '>'
                | '@'
                | '['
                | ']'
                | '^'
                | '_'
                | '`'
                | '{'
                | '|'
                | '}'
        )
}

/// Decode UTF-7 `input` to a string, recording recovered problems in `issues`.
///
/// Returns [`Cow::Borrowed`] when the input is ASCII without any `+`.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::utf7;
///
/// let mut issues = Vec::new();
/// assert_eq!(utf7::decode(b"Hi Mom -+Jjo--!", &mut issues), "Hi Mom -\u{263A}-!");
/// assert!(issues.is_empty());
/// ```
pub fn decode<'a>(input: &'a [u8], issues: &mut Vec<Issue>) -> Cow<'a, str> {
    decode_with(input, &mut Reporter::new(issues))
}

pub(crate) fn decode_with<'a>(input: &'a [u8], rep: &mut Reporter<'_>) -> Cow<'a, str> {
    if let Ok(s) = std::str::from_utf8(input)
        && s.is_ascii()
        && !input.contains(&b'+')
    {
        return Cow::Borrowed(s);
    }
    let n = input.len();
    let mut out = String::with_capacity(n);
    let mut i = 0;
    while i < n {
        let b = input[i];
        if b >= 0x80 {
            rep.report(IssueKind::MalformedCharacter, i);
            out.push('\u{FFFD}');
            i += 1;
            continue;
        }
        if b != b'+' {
            out.push(char::from(b));
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if input.get(i) == Some(&b'-') {
            out.push('+');
            i += 1;
            continue;
        }
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        let mut high: Option<u32> = None;
        let mut any = false;
        while let Some(v) = input.get(i).and_then(|&b| b64_val(b)) {
            any = true;
            acc = (acc << 6) | v;
            bits += 6;
            if bits >= 16 {
                bits -= 16;
                let unit = (acc >> bits) & 0xFFFF;
                acc &= (1 << bits) - 1;
                if let Some(h) = high.take() {
                    if (0xDC00..=0xDFFF).contains(&unit) {
                        let cp = 0x10000 + ((h - 0xD800) << 10) + (unit - 0xDC00);
                        out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                        i += 1;
                        continue;
                    }
                    rep.report(IssueKind::MalformedCharacter, i);
                    out.push('\u{FFFD}');
                }
                if (0xD800..=0xDBFF).contains(&unit) {
                    high = Some(unit);
                } else if let Some(c) = char::from_u32(unit) {
                    out.push(c);
                } else {
                    rep.report(IssueKind::MalformedCharacter, i);
                    out.push('\u{FFFD}');
                }
            }
            i += 1;
        }
        if !any {
            // '+' followed by neither base64 nor '-': keep it literally.
            rep.report(IssueKind::MalformedCharacter, start);
            out.push('+');
            continue;
        }
        if high.is_some() || bits >= 6 {
            rep.report(IssueKind::MalformedCharacter, start);
            out.push('\u{FFFD}');
        } else if acc != 0 {
            rep.report(IssueKind::MalformedCharacter, start);
        }
        if input.get(i) == Some(&b'-') {
            i += 1;
        }
    }
    Cow::Owned(out)
}

/// Encode `text` as UTF-7, appending to `out`.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::utf7;
///
/// let mut out = Vec::new();
/// utf7::encode_into("日本語", &mut out);
/// assert_eq!(out, b"+ZeVnLIqe-");
/// ```
pub fn encode_into(text: &str, out: &mut Vec<u8>) {
    let mut chars = text.chars().peekable();
    let mut units = [0u16; 2];
    while let Some(c) = chars.next() {
        if c == '+' {
            out.extend_from_slice(b"+-");
            continue;
        }
        if is_direct(c) {
            out.push(c as u8);
            continue;
        }
        out.push(b'+');
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        let mut cur = Some(c);
        while let Some(ch) = cur {
            for &u in ch.encode_utf16(&mut units).iter() {
                acc = (acc << 16) | u32::from(u);
                bits += 16;
                while bits >= 6 {
                    bits -= 6;
                    out.push(B64[((acc >> bits) & 63) as usize]);
                }
                acc &= (1 << bits) - 1;
            }
            cur = chars.next_if(|&n| n != '+' && !is_direct(n));
        }
        if bits > 0 {
            out.push(B64[((acc << (6 - bits)) & 63) as usize]);
        }
        match chars.peek() {
            Some(&n) if !(n.is_ascii_alphanumeric() || n == '+' || n == '/' || n == '-') => {}
            _ => out.push(b'-'),
        }
    }
}

/// Encode `text` as UTF-7; borrowed when `text` only has directly written
/// characters.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::utf7;
///
/// assert_eq!(utf7::encode("A\u{2262}\u{391}."), &b"A+ImIDkQ."[..]);
/// ```
pub fn encode(text: &str) -> Cow<'_, [u8]> {
    if text.chars().all(|c| c != '+' && is_direct(c)) {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut out = Vec::with_capacity(text.len() + 8);
    encode_into(text, &mut out);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(input: &[u8]) -> (String, Vec<Issue>) {
        let mut issues = Vec::new();
        let s = decode(input, &mut issues).into_owned();
        (s, issues)
    }

    #[test]
    fn rfc2152_examples_decode() {
        assert_eq!(dec(b"A+ImIDkQ."), ("A\u{2262}\u{391}.".to_string(), vec![]));
        assert_eq!(dec(b"Hi Mom -+Jjo--!"), ("Hi Mom -\u{263A}-!".to_string(), vec![]));
        assert_eq!(dec(b"+ZeVnLIqe-"), ("日本語".to_string(), vec![]));
        assert_eq!(dec(b"Item 3 is +AKM-1."), ("Item 3 is £1.".to_string(), vec![]));
    }

    #[test]
    fn rfc2152_examples_encode() {
        assert_eq!(&*encode("A\u{2262}\u{391}."), b"A+ImIDkQ.");
        assert_eq!(&*encode("Hi Mom -\u{263A}-!"), b"Hi Mom -+Jjo--!");
        assert_eq!(&*encode("日本語"), b"+ZeVnLIqe-");
        assert_eq!(&*encode("Item 3 is £1."), b"Item 3 is +AKM-1.");
    }

    #[test]
    fn plus_minus_is_a_literal_plus() {
        assert_eq!(dec(b"1 +- 1"), ("1 + 1".to_string(), vec![]));
        assert_eq!(&*encode("1 + 1"), b"1 +- 1");
    }

    #[test]
    fn astral_characters_use_surrogate_pairs() {
        let s = "\u{1F600}x";
        let e = encode(s);
        assert_eq!(dec(&e).0, s);
    }

    #[test]
    fn malformed_sequences_become_replacement_with_issue() {
        let (s, issues) = dec(b"a\xffb");
        assert_eq!(s, "a\u{FFFD}b");
        assert_eq!(issues, [Issue { kind: IssueKind::MalformedCharacter, offset: 1 }]);
        // lone high surrogate
        let (s, issues) = dec(b"+2D0-x");
        assert_eq!(s, "\u{FFFD}x");
        assert_eq!(issues.len(), 1);
        // '+' followed by a non-base64 character is kept
        let (s, issues) = dec(b"a+!b");
        assert_eq!(s, "a+!b");
        assert_eq!(issues.len(), 1);
    }

    #[test]
    fn plain_ascii_decodes_borrowed() {
        let mut issues = Vec::new();
        assert!(matches!(decode(b"hello", &mut issues), Cow::Borrowed("hello")));
    }

    proptest! {
        #[test]
        fn decode_inverts_encode(s in any::<String>()) {
            let e = encode(&s);
            prop_assert!(e.is_ascii());
            let (d, issues) = dec(&e);
            prop_assert!(issues.is_empty());
            prop_assert_eq!(d, s);
        }

        #[test]
        fn decoder_never_panics(data in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = dec(&data);
        }
    }
}
