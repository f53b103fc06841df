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
//!
//! # Examples
//!
//! ```
//! use mailmime::encoding::quoted_printable::{self, EncodeMode};
//!
//! let mut encoded = Vec::new();
//! quoted_printable::encode_into("Grüße\n".as_bytes(), &mut encoded, EncodeMode::Text);
//! assert_eq!(encoded, b"Gr=C3=BC=C3=9Fe\r\n");
//! let (decoded, issues) = quoted_printable::decode(&encoded);
//! assert_eq!(decoded, "Grüße\r\n".as_bytes());
//! assert!(issues.is_empty());
//! // A soft line break joins two lines.
//! assert_eq!(quoted_printable::decode(b"long=\r\nline").0, b"longline");
//! ```

use super::report::{Issue, IssueKind, Reporter};

/// Maximum encoded line length (RFC 2045 §6.7 rule 5).
const MAX_LINE: usize = 76;

/// `HEX_VALUE[b]` is the value of the hex digit `b` (either case), or [`NOT_HEX`].
static HEX_VALUE: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'A' as usize + i] = 10 + i as u8;
        t[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// The [`HEX_VALUE`] entry of a byte that is not a hex digit (its high bits are set, so
/// OR-ing two entries tells whether both are digits).
const NOT_HEX: u8 = 0xFF;

/// The value of an ASCII hex digit, either case (shared by the Q, QP and RFC 2231 decoders).
#[inline]
pub(crate) fn hex_val(b: u8) -> Option<u8> {
    let v = HEX_VALUE[usize::from(b)];
    (v != NOT_HEX).then_some(v)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

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

/// Input bytes classified at a time: one bit each in a `u64` mask.
const BLOCK: usize = 64;

/// Bytes the decoder may write past the end of the decoded data (whole-block copies of
/// literal runs), so `decode_with` makes the output this much longer than the input
/// before truncating it.
const SLACK: usize = BLOCK;

/// One in each byte.
const LO: u64 = u64::from_ne_bytes([0x01; 8]);
/// The high bit of each byte.
const HI: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of each byte of `x` (little-endian) is set if the byte may need more than
/// a copy: every `=`, CR and LF, every other byte below 0x0E (TAB and rare controls: one
/// test for `< 0x0E` is cheaper than two for CR and LF), and, through borrows, a `<` or
/// 0x0E right after a marked byte. The decoder copies the extra ones like any literal
/// byte. Hex digits and bytes >= 0x80 are never marked.
#[inline(always)]
fn candidates(x: u64) -> u64 {
    let eq = x ^ (LO * u64::from(b'='));
    (eq.wrapping_sub(LO) | x.wrapping_sub(LO * 0x0E)) & !x & HI
}

/// Bit `k` of the result is the high bit of byte `k` of `m` (`m` has no other bits set).
#[inline(always)]
fn gather(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Bit `i` set for every byte `block[i]` that [`candidates`] marks.
#[inline(always)]
fn block_mask(block: &[u8; BLOCK]) -> u64 {
    let mut m = 0;
    for (i, word) in block.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        m |= gather(candidates(x)) << (8 * i);
    }
    m
}

/// `m` without the bits below `i` (none left if `i >= 64`).
#[inline(always)]
fn from_bit(m: u64, i: usize) -> u64 {
    m & u64::MAX.checked_shl(i as u32).unwrap_or(0)
}

pub(crate) fn decode_with(input: &[u8], out: &mut Vec<u8>, rep: &mut Reporter<'_>) {
    let start = out.len();
    // Decoding never grows the data; SLACK bytes more let literal runs be copied whole.
    let room = input.len() + SLACK;
    if start == 0 && out.capacity() < room {
        // A fresh zeroed allocation (often pages the OS already zeroed) instead of growing
        // and then zero-filling.
        *out = vec![0; room];
    } else {
        out.resize(start + room, 0);
    }
    let len = Decoder { input, dst: &mut out[start..], r: 0, w: 0, keep: 0 }.run(rep);
    out.truncate(start + len);
}

/// The state of one [`decode_with`] call.
///
/// `input[..r]` is decoded into `dst[..w]`; `w <= r` always, which keeps the writes
/// (at most `SLACK` bytes past `w`) inside `dst`, `input.len() + SLACK` bytes long.
/// `dst[..keep]` must not be trimmed: it ends with an escape-produced byte or a line break.
struct Decoder<'a> {
    input: &'a [u8],
    dst: &'a mut [u8],
    r: usize,
    w: usize,
    keep: usize,
}

impl Decoder<'_> {
    /// Decode everything and return the decoded length.
    ///
    /// The input is taken in blocks of 64 bytes. A block's candidate bytes (see
    /// [`candidates`]) are found a word at a time into one mask, computed from the block's
    /// bytes only, so it does not wait for the decoding before it; the decoder then visits
    /// the marked bytes in order, copying the literal run before each with a fixed-size
    /// copy. Every block is read through a window of two blocks, so the bytes after a
    /// candidate and a whole-block copy are always at hand; the last blocks are copied
    /// into a padded window first.
    fn run(mut self, rep: &mut Reporter<'_>) -> usize {
        let n = self.input.len();
        let mut base = 0;
        while let Some(win) = self.input.get(base..base + 2 * BLOCK) {
            let win: &[u8; 2 * BLOCK] = win.try_into().unwrap_or(&[0; 2 * BLOCK]);
            self.block(win, base, BLOCK, rep);
            base += BLOCK;
        }
        while base < n {
            // Zero padding: never a hex digit, CR or LF, so an `=` or CR at the end of the
            // input is settled by looking at the input itself.
            let mut win = [0; 2 * BLOCK];
            let rest = &self.input[base..];
            win[..rest.len()].copy_from_slice(rest);
            self.block(&win, base, rest.len().min(BLOCK), rep);
            base += BLOCK;
        }
        self.trim();
        self.w
    }

    /// Decode the block `win[..valid]` of the input at `base` (`win[..2 * BLOCK]` are the
    /// input bytes from `base` on, zero-padded past the end of the input), starting at
    /// `self.r`, which may already be past the block.
    #[inline(always)]
    fn block(&mut self, win: &[u8; 2 * BLOCK], base: usize, valid: usize, rep: &mut Reporter<'_>) {
        if self.r >= base + valid {
            return;
        }
        // Offset of the next byte to decode, relative to base.
        let mut ri = self.r - base;
        let first: &[u8; BLOCK] = win[..BLOCK].try_into().unwrap_or(&[0; BLOCK]);
        let mut m = from_bit(block_mask(first), ri) & (u64::MAX >> (BLOCK - valid));
        while m != 0 {
            let pi = m.trailing_zeros() as usize & (BLOCK - 1);
            self.literal(win, ri, pi - ri);
            ri = pi;
            let b = win[pi];
            // `=` first: most candidates are escapes.
            if b == b'=' {
                let (c1, c2) = (win[pi + 1], win[pi + 2]);
                let (h, l) = (HEX_VALUE[usize::from(c1)], HEX_VALUE[usize::from(c2)]);
                if (h | l) < 16 {
                    self.dst[self.w] = (h << 4) | l;
                    self.w += 1;
                    ri = pi + 3;
                    // The two hex digits are not marked.
                    m &= m - 1;
                } else {
                    if c1 == b'\r' && c2 == b'\n' {
                        // The usual soft line break,
                        ri = pi + 3;
                    } else if c1 == b'\n' {
                        // and the one of mail stored with LF line ends.
                        ri = pi + 2;
                    } else {
                        let (next, literal) = equals_not_escape(self.input, base + pi, rep);
                        if literal {
                            self.dst[self.w] = b'=';
                            self.w += 1;
                        }
                        ri = next - base;
                    }
                    m = from_bit(m, ri);
                }
                // (Whitespace before the `=` of a soft break is not trailing.)
                self.keep = self.w;
            } else if b == b'\r' || b == b'\n' {
                self.trim();
                let crlf = b == b'\r' && win[pi + 1] == b'\n';
                self.dst[self.w] = b;
                self.dst[self.w + 1] = b'\n';
                self.w += 1 + usize::from(crlf);
                self.keep = self.w;
                ri = pi + 1 + usize::from(crlf);
                m = from_bit(m, ri);
            } else {
                // Any other candidate is a literal byte: leave it to the next copy.
                m &= m - 1;
            }
        }
        if ri < valid {
            self.literal(win, ri, valid - ri);
            ri = valid;
        }
        self.r = base + ri;
    }

    /// Append the literal bytes `win[from..from + len]` (`len <= BLOCK`, `from <= BLOCK`),
    /// writing a whole block.
    #[inline(always)]
    fn literal(&mut self, win: &[u8; 2 * BLOCK], from: usize, len: usize) {
        let from = from.min(BLOCK);
        let w = self.w;
        // The whole block, whatever the length: a test of the length, which runs either
        // side of half a block in QP text (escapes and soft line breaks a line apart),
        // is mispredicted more often than the second half costs.
        self.dst[w..w + BLOCK].copy_from_slice(&win[from..from + BLOCK]);
        self.w += len;
    }

    /// Remove the SPACE/TAB at the end of the output, down to `keep` (RFC 2045 §6.7 rule 3).
    #[inline(always)]
    fn trim(&mut self) {
        while self.w > self.keep && matches!(self.dst[self.w - 1], b' ' | b'\t') {
            self.w -= 1;
        }
    }
}

/// `input[at]` is an `=` that does not start a valid `=XX`: a soft line break
/// (`=` [SP/TAB]* then CRLF, LF, CR or the end), or an invalid escape kept literally.
/// Returns where decoding goes on, and whether the `=` is kept.
#[cold]
fn equals_not_escape(input: &[u8], at: usize, rep: &mut Reporter<'_>) -> (usize, bool) {
    let mut j = at + 1;
    while matches!(input.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    match input.get(j) {
        None => (j, false),
        Some(b'\r') if input.get(j + 1) == Some(&b'\n') => (j + 2, false),
        Some(b'\r' | b'\n') => (j + 1, false),
        Some(_) => {
            rep.report(IssueKind::InvalidEscape, at);
            (at + 1, true)
        }
    }
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
///
/// # Examples
///
/// ```
/// use mailmime::encoding::quoted_printable::{self, EncodeMode};
///
/// let mut text = Vec::new();
/// quoted_printable::encode_into(b"line 1\nline 2", &mut text, EncodeMode::Text);
/// assert_eq!(text, b"line 1\r\nline 2");
///
/// let mut binary = Vec::new();
/// quoted_printable::encode_into(b"line 1\nline 2", &mut binary, EncodeMode::Binary);
/// assert_eq!(binary, b"line 1=0Aline 2");
/// // Binary mode gives back the input exactly.
/// assert_eq!(quoted_printable::decode(&binary).0, b"line 1\nline 2");
/// ```
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

/// The decoder as it was before the block decoder (`memchr3` from one special byte to the
/// next, a push per escape): the twin the tests compare [`decode_with`] against.
#[cfg(test)]
mod reference {
    use memchr::memchr3;

    use super::super::report::{IssueKind, Reporter};

    pub(super) fn hex_val(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'A'..=b'F' => Some(b - b'A' + 10),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        }
    }

    /// Remove SPACE/TAB at the end of `out`, but not below `keep` (whitespace
    /// that came from escapes).
    #[inline]
    fn trim_trailing_ws(out: &mut Vec<u8>, keep: usize) {
        while out.len() > keep && matches!(out.last(), Some(b' ' | b'\t')) {
            out.pop();
        }
    }

    pub(super) fn decode_with(input: &[u8], out: &mut Vec<u8>, rep: &mut Reporter<'_>) {
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
                    if let (Some(h), Some(l)) = (
                        input.get(at + 1).and_then(|&b| hex_val(b)),
                        input.get(at + 2).and_then(|&b| hex_val(b)),
                    ) {
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

    #[test]
    fn hex_table_agrees_with_reference() {
        for b in 0..=255u8 {
            assert_eq!(hex_val(b), reference::hex_val(b), "{b:#04x}");
        }
    }

    /// Both decoders on `input` appended to `prefix`: (bytes, issues) of the block decoder
    /// and of the reference.
    type Both = ((Vec<u8>, Vec<Issue>), (Vec<u8>, Vec<Issue>));
    fn both(prefix: &[u8], input: &[u8]) -> Both {
        let run = |f: fn(&[u8], &mut Vec<u8>, &mut Reporter<'_>)| {
            let mut out = prefix.to_vec();
            let mut issues = Vec::new();
            f(input, &mut out, &mut Reporter::new(&mut issues));
            (out, issues)
        };
        (run(decode_with), run(reference::decode_with))
    }

    #[test]
    fn block_decoder_matches_reference_at_every_offset() {
        // Each construct at every offset of the 64-byte blocks and their two-block windows,
        // straddling block ends, at the very end, and followed by short and long inputs.
        let constructs = [
            "=41",
            "=c3=a9",
            "=\r\n",
            "=\n",
            "=\r",
            "=\r=\n",
            "= \t\r\n",
            "=  ",
            "=",
            "=4",
            "=ZZ",
            "==41",
            "=<",
            " \r\n",
            "\t\n",
            " \r",
            "\r\r\n",
            "  ",
            " =20 \n",
            "\t\x0b\x00<",
            "<=",
        ];
        let long = "abc ".repeat(40);
        for c in constructs {
            for lead in 0..200 {
                let mut input = if lead % 2 == 0 { "x".repeat(lead) } else { " ".repeat(lead) }.into_bytes();
                input.extend_from_slice(c.as_bytes());
                for after in ["", "y", " \t", "  z =20 \r\n", &long] {
                    let mut input = input.clone();
                    input.extend_from_slice(after.as_bytes());
                    let (new, old) = both(b"", &input);
                    assert_eq!(new, old, "{:?}", String::from_utf8_lossy(&input));
                }
            }
        }
    }

    #[test]
    fn bytes_already_in_out_are_never_trimmed() {
        let (new, old) = both(b"kept \t", b" \r\n=");
        assert_eq!(new, old);
        assert_eq!(new.0, b"kept \t\r\n");
        let mut out = Vec::with_capacity(1000);
        out.extend_from_slice(b"a ");
        decode_into(b" ", &mut out, &mut Vec::new());
        assert_eq!(out, b"a ");
    }

    #[test]
    fn block_decoder_matches_reference_on_the_bench_like_html() {
        let line = "<p style=3D\"color: #333\">caf=C3=A9 na=C3=AFve Z=C3=BCrich r=\r\n=C3=A9sum=C3=A9 \t\r\n";
        let input = line.repeat(50);
        let (new, old) = both(b"", input.as_bytes());
        assert_eq!(new, old);
        assert!(new.1.is_empty());
    }

    proptest! {
        #[test]
        fn block_decoder_matches_reference(
            prefix in biased(b" \t", 4),
            data in biased(b"= \r\n\t0123456789ABCDEFabcdefZ<", 1200),
        ) {
            let (new, old) = both(&prefix, &data);
            prop_assert_eq!(new, old);
        }

        #[test]
        fn block_decoder_matches_reference_on_sparse_specials(
            data in proptest::collection::vec(
                prop_oneof![8 => Just(b'a'), 1 => Just(b' '), 1 => any::<u8>(), 1 => Just(b'='), 1 => Just(b'\n')],
                0..1200,
            ),
        ) {
            let (new, old) = both(b"", &data);
            prop_assert_eq!(new, old);
        }

        #[test]
        fn block_decoder_matches_reference_on_arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..1200)) {
            let (new, old) = both(b"", &data);
            prop_assert_eq!(new, old);
        }

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
