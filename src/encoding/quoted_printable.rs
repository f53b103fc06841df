//! Quoted-printable content-transfer-encoding (RFC 2045 §6.7).
//!
//! # Decoding rules ([`decode_into`])
//!
//! * `=XX` with two hex digits decodes to one byte; lowercase hex digits are
//!   accepted silently (RFC 2045 §6.7 (1) allows a robust decoder to do so).
//! * `=` followed by optional SPACE/TAB and then CRLF, LF, CR or the end of
//!   the input is a soft line break and vanishes. (A final `=` without a line
//!   break is common right before a multipart boundary, so it is not reported.)
//! * Any other `=` (`=ZZ`, `=4` at the end, `= x`) is kept literally together
//!   with what follows, and reported once as [`IssueKind::InvalidEscape`].
//! * SPACE and TAB at the end of a line (before CRLF, LF, CR or the end of the
//!   input) are removed (rule 3); whitespace produced by `=20`/`=09` is kept.
//! * Line breaks are copied exactly as they appear (CRLF is not normalised).
//! * Other bytes, including 8-bit and control bytes, are copied unchanged.
//!
//! # Encoding ([`encode_into`])
//!
//! Lines are at most 76 characters, soft breaks (`=` CRLF) never split an
//! escape, `=` and every byte outside `!`..=`~` except inner SPACE/TAB are
//! escaped with uppercase hex, and SPACE/TAB before a line end are escaped.

use memchr::memchr3;

use super::report::{Issue, IssueKind, Reporter};

/// Maximum encoded line length (RFC 2045 §6.7 rule 5).
const MAX_LINE: usize = 76;

/// The value of an ASCII hex digit, either case (shared by the Q, QP and RFC 2231 decoders).
#[inline]
pub(crate) fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Remove SPACE/TAB at the end of `out`, but not below `keep` (whitespace
/// that came from escapes).
#[inline]
fn trim_trailing_ws(out: &mut Vec<u8>, keep: usize) {
    while out.len() > keep && matches!(out.last(), Some(b' ' | b'\t')) {
        out.pop();
    }
}

/// Decode quoted-printable `input`, appending the bytes to `out` and recording
/// recovered problems in `issues` (see the [module docs](self) for the rules).
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::quoted_printable;
///
/// let mut out = Vec::new();
/// let mut issues = Vec::new();
/// quoted_printable::decode_into(b"caf=C3=A9 =\r\nnoir  \r\n", &mut out, &mut issues);
/// assert_eq!(out, "café noir\r\n".as_bytes());
/// assert!(issues.is_empty());
/// ```
pub fn decode_into(input: &[u8], out: &mut Vec<u8>, issues: &mut Vec<Issue>) {
    let mut rep = Reporter::new(issues);
    decode_with(input, out, &mut rep);
}

pub(crate) fn decode_with(input: &[u8], out: &mut Vec<u8>, rep: &mut Reporter<'_>) {
    out.reserve(input.len());
    let n = input.len();
    let mut pos = 0;
    // out[..keep] must not be trimmed (it ends with an escape-produced byte or a line break).
    let mut keep = out.len();
    while pos < n {
        let Some(i) = memchr3(b'=', b'\r', b'\n', &input[pos..]) else {
            out.extend_from_slice(&input[pos..]);
            trim_trailing_ws(out, keep);
            return;
        };
        out.extend_from_slice(&input[pos..pos + i]);
        let at = pos + i;
        match input[at] {
            b'=' => {
                if let (Some(h), Some(l)) =
                    (input.get(at + 1).and_then(|&b| hex_val(b)), input.get(at + 2).and_then(|&b| hex_val(b)))
                {
                    out.push((h << 4) | l);
                    keep = out.len();
                    pos = at + 3;
                    continue;
                }
                // Soft line break: '=' [SP/TAB]* (CRLF | LF | CR | end)
                let mut j = at + 1;
                while j < n && matches!(input[j], b' ' | b'\t') {
                    j += 1;
                }
                // Whitespace before the '=' of a soft break is not trailing.
                keep = out.len();
                if j == n {
                    pos = n;
                    continue;
                }
                match input[j] {
                    b'\r' => {
                        pos = if input.get(j + 1) == Some(&b'\n') { j + 2 } else { j + 1 };
                    }
                    b'\n' => pos = j + 1,
                    _ => {
                        rep.report(IssueKind::InvalidEscape, at);
                        out.push(b'=');
                        pos = at + 1;
                    }
                }
            }
            b'\r' => {
                trim_trailing_ws(out, keep);
                if input.get(at + 1) == Some(&b'\n') {
                    out.extend_from_slice(b"\r\n");
                    pos = at + 2;
                } else {
                    out.push(b'\r');
                    pos = at + 1;
                }
                keep = out.len();
            }
            _ => {
                trim_trailing_ws(out, keep);
                out.push(b'\n');
                pos = at + 1;
                keep = out.len();
            }
        }
    }
    trim_trailing_ws(out, keep);
}

/// Decode quoted-printable `input` into a new vector; convenience over
/// [`decode_into`].
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::quoted_printable;
///
/// let (bytes, issues) = quoted_printable::decode(b"a=3Db");
/// assert_eq!(bytes, b"a=b");
/// assert!(issues.is_empty());
/// ```
pub fn decode(input: &[u8]) -> (Vec<u8>, Vec<Issue>) {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    decode_into(input, &mut out, &mut issues);
    (out, issues)
}

/// How [`encode_into`] treats line breaks in its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodeMode {
    /// Text: CRLF and bare LF in the input become CRLF hard line breaks. A
    /// bare CR is not a line break and is escaped as `=0D`.
    Text,
    /// Binary: every CR and LF is escaped (`=0D`, `=0A`); the output only
    /// has soft line breaks.
    Binary,
}

/// Whether `b` may appear literally (RFC 2045 §6.7 rule 2), ignoring the
/// special handling of SPACE/TAB.
#[inline]
fn is_literal(b: u8) -> bool {
    (b'!'..=b'~').contains(&b) && b != b'='
}

/// Encode `input` as quoted-printable, appending to `out`.
///
/// Output lines are at most 76 characters; soft line breaks (`=` CRLF) never
/// split an `=XX` escape. In [`EncodeMode::Text`], decoding the result gives
/// back the input with bare LF normalised to CRLF; in [`EncodeMode::Binary`]
/// it gives back the input exactly.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::quoted_printable::{encode_into, EncodeMode};
///
/// let mut out = Vec::new();
/// encode_into("a=b \nc".as_bytes(), &mut out, EncodeMode::Text);
/// assert_eq!(out, b"a=3Db=20\r\nc");
/// ```
pub fn encode_into(input: &[u8], out: &mut Vec<u8>, mode: EncodeMode) {
    out.reserve(input.len() + input.len() / 8);
    let n = input.len();
    let mut col = 0usize;
    let mut i = 0;
    while i < n {
        let b = input[i];
        if mode == EncodeMode::Text {
            if b == b'\n' {
                out.extend_from_slice(b"\r\n");
                col = 0;
                i += 1;
                continue;
            }
            if b == b'\r' && input.get(i + 1) == Some(&b'\n') {
                out.extend_from_slice(b"\r\n");
                col = 0;
                i += 2;
                continue;
            }
        }
        // Is the next byte the end of the (encoded) line?
        let at_line_end = match input.get(i + 1) {
            None => true,
            Some(b'\n') => mode == EncodeMode::Text,
            Some(b'\r') => mode == EncodeMode::Text && input.get(i + 2) == Some(&b'\n'),
            Some(_) => false,
        };
        let literal = is_literal(b) || (matches!(b, b' ' | b'\t') && !at_line_end);
        let width = if literal { 1 } else { 3 };
        // A soft break is needed unless this token ends the line and fits in 76.
        let limit = if at_line_end { MAX_LINE } else { MAX_LINE - 1 };
        if col + width > limit {
            out.extend_from_slice(b"=\r\n");
            col = 0;
        }
        if literal {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'=', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
        }
        col += width;
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::testing::biased;
    use proptest::prelude::*;

    fn dec(input: &[u8]) -> (Vec<u8>, Vec<Issue>) {
        decode(input)
    }

    fn enc(input: &[u8], mode: EncodeMode) -> Vec<u8> {
        let mut v = Vec::new();
        encode_into(input, &mut v, mode);
        v
    }

    fn ok(input: &[u8]) -> Vec<u8> {
        let (out, issues) = dec(input);
        assert!(issues.is_empty(), "{issues:?}");
        out
    }

    #[test]
    fn rfc2045_rule1_general_8bit_representation() {
        assert_eq!(ok(b"=3D"), b"=");
        assert_eq!(ok(b"=0C"), b"\x0c");
        assert_eq!(ok(b"=FF=00"), b"\xff\x00");
    }

    #[test]
    fn rfc2045_rule3_trailing_whitespace_is_removed_on_decode() {
        assert_eq!(ok(b"abc  \t\r\ndef \r\n"), b"abc\r\ndef\r\n");
        assert_eq!(ok(b"abc  "), b"abc");
        // whitespace produced by escapes is data and stays
        assert_eq!(ok(b"abc=20\r\n"), b"abc \r\n");
        assert_eq!(ok(b"abc =20 \r\n"), b"abc  \r\n");
    }

    #[test]
    fn rfc2045_rule5_soft_line_breaks_vanish() {
        // The example from RFC 2045 §6.7 (5)
        assert_eq!(
            ok(b"Now's the time =\r\nfor all folk to come=\r\n to the aid of their country."),
            b"Now's the time for all folk to come to the aid of their country."
        );
        // whitespace after the '=' of a soft break is tolerated
        assert_eq!(ok(b"a= \t\r\nb"), b"ab");
        assert_eq!(ok(b"a=\nb=\rc"), b"abc");
    }

    #[test]
    fn whitespace_before_a_soft_break_is_kept() {
        assert_eq!(ok(b"a  =\r\n\r\nb"), b"a  \r\nb");
        assert_eq!(ok(b"a \t=\nb"), b"a \tb");
    }

    #[test]
    fn line_breaks_are_preserved_as_in_the_input() {
        assert_eq!(ok(b"a\nb\r\nc\rd"), b"a\nb\r\nc\rd");
    }

    #[test]
    fn lowercase_hex_is_accepted_without_issue() {
        assert_eq!(ok(b"caf=c3=a9"), "café".as_bytes());
    }

    #[test]
    fn invalid_escape_is_kept_literally_with_issue() {
        let (out, issues) = dec(b"x=ZZy=4");
        assert_eq!(out, b"x=ZZy=4");
        assert_eq!(issues, [Issue { kind: IssueKind::InvalidEscape, offset: 1 }]);
        let (out, issues) = dec(b"a= b");
        assert_eq!(out, b"a= b");
        assert_eq!(issues.len(), 1);
        let (out, _) = dec(b"==41");
        assert_eq!(out, b"=A");
    }

    #[test]
    fn equals_at_end_is_a_soft_break() {
        assert_eq!(ok(b"abc="), b"abc");
        assert_eq!(ok(b"abc  = "), b"abc  ");
        assert_eq!(ok(b"="), b"");
    }

    #[test]
    fn encoder_escapes_equals_nonprintables_and_trailing_space() {
        assert_eq!(enc(b"a=b\x00\xff", EncodeMode::Text), b"a=3Db=00=FF");
        assert_eq!(enc(b"a \t b \r\nc\t", EncodeMode::Text), b"a \t b=20\r\nc=09");
        assert_eq!(enc(b"x\ry\n", EncodeMode::Text), b"x=0Dy\r\n");
        assert_eq!(enc(b"x\r\ny \n", EncodeMode::Binary), b"x=0D=0Ay =0A");
        assert_eq!(enc(b"y ", EncodeMode::Binary), b"y=20");
    }

    #[test]
    fn encoder_uses_76_column_lines_without_splitting_escapes() {
        let input = "é".repeat(100);
        let e = enc(input.as_bytes(), EncodeMode::Text);
        for line in e.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            assert!(line.len() <= 76, "{}", line.len());
            // a line ends either with a soft break or a complete escape
            let body = line.strip_suffix(b"=").unwrap_or(line);
            assert_eq!(body.len() % 3, 0);
        }
        assert_eq!(ok(&e), input.as_bytes());
        // exactly 76 literal characters fit on a final line without soft break
        let a76 = "a".repeat(76);
        assert_eq!(enc(a76.as_bytes(), EncodeMode::Text), a76.as_bytes());
        let a77 = "a".repeat(77);
        assert_eq!(enc(a77.as_bytes(), EncodeMode::Text), format!("{}=\r\naa", "a".repeat(75)).as_bytes());
    }

    fn normalise_crlf(data: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        for (i, &b) in data.iter().enumerate() {
            if b == b'\n' && (i == 0 || data[i - 1] != b'\r') {
                v.push(b'\r');
            }
            v.push(b);
        }
        v
    }

    proptest! {
        #[test]
        fn binary_mode_round_trips_exactly(data in proptest::collection::vec(any::<u8>(), 0..600)) {
            let e = enc(&data, EncodeMode::Binary);
            for line in e.split(|&b| b == b'\n') {
                prop_assert!(line.len() <= 77);
            }
            let (out, issues) = dec(&e);
            prop_assert!(issues.is_empty());
            prop_assert_eq!(out, data);
        }

        #[test]
        fn text_mode_round_trips_up_to_crlf_normalisation(data in biased(b" \t\n\r=", 600)) {
            let e = enc(&data, EncodeMode::Text);
            for line in e.split(|&b| b == b'\n') {
                prop_assert!(line.len() <= 77);
            }
            let (out, issues) = dec(&e);
            prop_assert!(issues.is_empty());
            prop_assert_eq!(out, normalise_crlf(&data));
        }

        #[test]
        fn decoder_never_panics_on_arbitrary_bytes(data in biased(b"=\r\n ", 600)) {
            let (out, _) = dec(&data);
            prop_assert!(out.len() <= data.len());
        }
    }
}
