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

/// The bytes a chunked scan tests at once: a size the compiler turns into one vector
/// compare.
const CHUNK: usize = 16;

/// The offset of the first byte of `chunk` for which `stop` holds, or [`CHUNK`]. Written
/// so that it compiles to a vector compare and a bit scan rather than a byte loop.
#[inline(always)]
fn first_in_chunk(chunk: &[u8; CHUNK], stop: impl Fn(u8) -> bool) -> usize {
    let marks: [u8; CHUNK] = std::array::from_fn(|i| if stop(chunk[i]) { 0xff } else { 0 });
    (u128::from_le_bytes(marks).trailing_zeros() / 8) as usize
}

/// Whether `b` is not `ftext`, by arithmetic (the table lookup does not vectorize).
#[inline(always)]
fn not_ftext(b: u8) -> bool {
    b.wrapping_sub(33) >= 94 || b == b':'
}

/// [`run`] of [`FTEXT`], a chunk at a time: a field name.
#[inline(always)]
pub(crate) fn ftext_run(input: &[u8]) -> usize {
    let mut i = 0;
    loop {
        let Some(chunk) = input.get(i..i + CHUNK) else {
            return i + run(&input[i..], FTEXT);
        };
        let n = first_in_chunk(chunk.try_into().unwrap_or(&[0; CHUNK]), not_ftext);
        i += n;
        if n < CHUNK {
            return i;
        }
    }
}

/// Length of the line end that ends `line`: CRLF, LF, CR or none.
pub(crate) fn trailing_line_end_len(line: &[u8]) -> usize {
    match line {
        [.., b'\r', b'\n'] => 2,
        [.., b'\n'] | [.., b'\r'] => 1,
        _ => 0,
    }
}

/// The offset of the first CR or LF in `input`, or its length: a chunk at a time for the
/// first few chunks (most header lines end there), then with `memchr2`.
#[inline(always)]
pub(crate) fn line_content_len(input: &[u8]) -> usize {
    let is_end = |b: u8| b == b'\r' || b == b'\n';
    let mut i = 0;
    while let Some(chunk) = input.get(i..i + CHUNK) {
        let n = first_in_chunk(chunk.try_into().unwrap_or(&[0; CHUNK]), is_end);
        if n < CHUNK {
            return i + n;
        }
        i += CHUNK;
        if i == 4 * CHUNK {
            return i + memchr::memchr2(b'\r', b'\n', &input[i..]).unwrap_or(input.len() - i);
        }
    }
    // Fewer than CHUNK bytes left: the last CHUNK bytes of the input, if there are that
    // many (those before `i` hold no line end), else byte by byte.
    if let Some(back) = input.len().checked_sub(CHUNK) {
        let n = first_in_chunk(input[back..].try_into().unwrap_or(&[0; CHUNK]), is_end);
        return if n < CHUNK { back + n } else { input.len() };
    }
    input.iter().position(|&b| is_end(b)).unwrap_or(input.len())
}

/// Whether `input` holds neither a NUL nor an 8-bit byte, 64 bytes at a time (one pass
/// instead of a NUL search and an ASCII check), stopping at the first chunk with one.
#[inline]
pub(crate) fn is_ascii_without_nul(input: &[u8]) -> bool {
    // 1..=127 is the positive range of a signed byte: a compare the compiler vectorizes.
    let plain = |bytes: &[u8]| bytes.iter().fold(true, |all, &b| all & ((b as i8) > 0));
    let mut chunks = input.chunks_exact(4 * CHUNK);
    let tail = chunks.remainder();
    chunks.all(plain) && plain(tail)
}

/// Whether the field name `name` (`ftext`) is `lower` in any ASCII case, where `lower`
/// is lowercase letters, digits and `-` (every name the crate looks for), compared a word
/// at a time: setting bit 5 of each byte of an `ftext` name maps exactly the two cases of
/// a letter to the lowercase one, and only a digit or `-` to itself.
#[inline(always)]
pub(crate) fn is_name(name: &[u8], lower: &[u8]) -> bool {
    const WORD: usize = 8;
    let n = name.len();
    if n != lower.len() {
        return false;
    }
    if n < 4 {
        return name.iter().zip(lower).all(|(&a, &b)| a | 0x20 == b);
    }
    if n < WORD {
        let word = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
        return word(name, 0) | 0x2020_2020 == word(lower, 0)
            && word(name, n - 4) | 0x2020_2020 == word(lower, n - 4);
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + WORD].try_into().unwrap_or([0; WORD]));
    let mut at = 0;
    while at + WORD < n {
        if word(name, at) | 0x2020_2020_2020_2020 != word(lower, at) {
            return false;
        }
        at += WORD;
    }
    word(name, n - WORD) | 0x2020_2020_2020_2020 == word(lower, n - WORD)
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
    fn chunked_scans_match_the_byte_by_byte_definitions() {
        // Every byte value at every position of inputs around the chunk sizes, and the
        // tricky bytes of header lines (bare CR, NUL, 8-bit, colon, space, tab, DEL).
        let bytes: Vec<u8> = (0..=255).collect();
        let tricky = [b'\r', b'\n', 0, 0x80, 0xff, b':', b' ', b'\t', 0x7f, b'!', b'~', b'a'];
        for len in [0usize, 1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 80, 130] {
            for at in (0..len).step_by(3).chain([len.saturating_sub(1)]) {
                for &b in bytes.iter().filter(|_| len < 40).chain(tricky.iter()) {
                    let mut input = vec![b'x'; len];
                    if at < len {
                        input[at] = b;
                    }
                    let ends = input.iter().position(|&c| c == b'\r' || c == b'\n').unwrap_or(len);
                    assert_eq!(line_content_len(&input), ends, "{len} {at} {b}");
                    assert_eq!(ftext_run(&input), run(&input, FTEXT), "{len} {at} {b}");
                }
            }
        }
    }

    #[test]
    fn ascii_without_nul_rejects_every_nul_and_8_bit_byte_anywhere() {
        for len in [0usize, 1, 15, 16, 17, 63, 64, 65, 130] {
            assert!(is_ascii_without_nul(&vec![b'x'; len]));
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut input = vec![b'x'; len];
                    input[at] = b;
                    assert_eq!(is_ascii_without_nul(&input), b != 0 && b.is_ascii(), "{len} {at} {b}");
                }
            }
        }
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
