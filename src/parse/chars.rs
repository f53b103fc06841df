//! The character classes of every grammar, in one table.
//!
//! Each byte maps to a set of class bits, computed at compile time from the ABNF
//! definitions below, so a class test is one load and one mask.

/// RFC 5322 §3.6.8 `ftext`: printable US-ASCII except `:`.
pub(crate) const FTEXT: u8 = 1;
/// RFC 5322 §3.2.3 `atext`, with RFC 6532 §3.2 UTF8-non-ascii:
///
/// ```text
/// atext = ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" /
///         "-" / "/" / "=" / "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~" /
///         UTF8-non-ascii
/// ```
pub(crate) const ATEXT: u8 = 1 << 1;
/// RFC 2045 §5.1 `token` characters, with 8-bit bytes accepted (RFC 6532 mail carries them).
pub(crate) const TOKEN: u8 = 1 << 2;
/// `WSP`: space and horizontal tab.
pub(crate) const WSP: u8 = 1 << 3;
/// CR or LF.
pub(crate) const LINE_END: u8 = 1 << 4;

const fn classes(b: u8) -> u8 {
    let mut c = 0;
    if b >= 33 && b <= 126 && b != b':' {
        c |= FTEXT;
    }
    let atext_special = matches!(
        b,
        b'!' | b'#'
            | b'$'
            | b'%'
            | b'&'
            | b'\''
            | b'*'
            | b'+'
            | b'-'
            | b'/'
            | b'='
            | b'?'
            | b'^'
            | b'_'
            | b'`'
            | b'{'
            | b'|'
            | b'}'
            | b'~'
    );
    if b.is_ascii_alphanumeric() || b >= 0x80 || atext_special {
        c |= ATEXT;
    }
    // RFC 2045 tspecials.
    let tspecial = matches!(
        b,
        b'(' | b')'
            | b'<'
            | b'>'
            | b'@'
            | b','
            | b';'
            | b':'
            | b'\\'
            | b'"'
            | b'/'
            | b'['
            | b']'
            | b'?'
            | b'='
    );
    if b > b' ' && b != 0x7f && !tspecial {
        c |= TOKEN;
    }
    if b == b' ' || b == b'\t' {
        c |= WSP;
    }
    if b == b'\r' || b == b'\n' {
        c |= LINE_END;
    }
    c
}

static TABLE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = classes(i as u8);
        i += 1;
    }
    t
};

/// Whether `b` is in every class of `class`.
#[inline(always)]
pub(crate) fn is(b: u8, class: u8) -> bool {
    TABLE[b as usize] & class == class
}

/// The length of the run of bytes at the start of `input` that are in `class`.
#[inline]
pub(crate) fn run(input: &[u8], class: u8) -> usize {
    input.iter().position(|&b| !is(b, class)).unwrap_or(input.len())
}

/// Whether `text` is one RFC 5322 atom: `1*atext` (UTF-8 too, as RFC 6532 allows).
#[inline]
pub(crate) fn is_atom(text: &[u8]) -> bool {
    !text.is_empty() && run(text, ATEXT) == text.len()
}

/// ```text
/// dot-atom-text = 1*atext *("." 1*atext)
/// ```
///
/// (UTF-8 `atext` too, as RFC 6532 allows.)
#[inline]
pub(crate) fn is_dot_atom(text: &[u8]) -> bool {
    // One pass: `previous` starts as a dot, so a leading dot fails like a double one.
    let mut previous = b'.';
    for &b in text {
        if if b == b'.' { previous == b'.' } else { !is(b, ATEXT) } {
            return false;
        }
        previous = b;
    }
    previous != b'.'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_their_abnf() {
        assert!(is(b'a', FTEXT | ATEXT | TOKEN));
        assert!(!is(b':', FTEXT) && !is(b':', TOKEN) && !is(b':', ATEXT));
        assert!(is(b'.', FTEXT) && !is(b'.', ATEXT) && is(b'.', TOKEN));
        assert!(is(b'=', ATEXT) && !is(b'=', TOKEN));
        assert!(is(0xc3, ATEXT) && is(0xc3, TOKEN) && !is(0xc3, FTEXT));
        assert!(!is(b' ', FTEXT) && is(b' ', WSP) && is(b'\t', WSP));
        assert!(is(b'\r', LINE_END) && is(b'\n', LINE_END) && !is(b'\r', WSP));
        assert!(!is(0x7f, FTEXT) && !is(0x7f, TOKEN) && !is(0, FTEXT));
        assert_eq!(run(b"Subject: x", FTEXT), 7);
    }

    #[test]
    fn atoms_and_dot_atoms() {
        assert!(is_atom(b"a!#$%&'*+-/=?^_`{|}~9") && is_atom("j\u{f6}rg".as_bytes()));
        assert!(!is_atom(b"") && !is_atom(b"a.b") && !is_atom(b"a b") && !is_atom(b"a\"b"));
        assert!(is_dot_atom(b"john.q.public") && is_dot_atom(b"x"));
        for bad in [&b""[..], b".a", b"a.", b"a..b", b"a b", b"a@b", b"[x]", b"."] {
            assert!(!is_dot_atom(bad), "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn dot_atoms_are_atoms_between_single_dots(text in proptest::collection::vec(
            proptest::prop_oneof![proptest::strategy::Just(b'.'), proptest::strategy::Just(b'a'), proptest::strategy::Just(b' '), proptest::strategy::Just(0xc3u8)],
            0..8,
        )) {
            let by_split = !text.is_empty() && text.split(|&b| b == b'.').all(is_atom);
            proptest::prop_assert_eq!(is_dot_atom(&text), by_split);
        }
    }
}
