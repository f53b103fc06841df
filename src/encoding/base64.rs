//! Base64 content-transfer-encoding (RFC 2045 §6.8).
//!
//! # Decoding
//!
//! [`decode_into`] is tolerant and fast:
//!
//! * CR, LF, SPACE and TAB are skipped anywhere.
//! * Any other byte outside the base64 alphabet is skipped and reported once
//!   as [`IssueKind::InvalidCharacter`].
//! * Missing padding at the end is recovered (the partial group is decoded)
//!   and reported as [`IssueKind::InvalidPadding`]; so are stray or extra `=`.
//! * A dangling single symbol (6 bits, not a whole byte) is dropped and
//!   reported as [`IssueKind::TruncatedInput`].
//! * **Data after `=` padding is decoded only when it is well-formed base64.**
//!   RFC 2045 §6.8 lets `=` mark the end of the data, so what follows the padding
//!   is ignored, unless it is itself well-formed base64 (whole groups of four
//!   symbols, padded only at the end of a block, with white space and line
//!   breaks anywhere): some mail software concatenates separately encoded
//!   blocks, and dropping all but the first would lose data. Either way the first
//!   byte after the padding that is neither white space nor more padding is
//!   reported as [`IssueKind::DataAfterPadding`].
//! * Non-zero trailing bits in the last group are ignored silently.
//!
//! The fast path has two parts. Runs of regular lines (76 symbols, no padding, each
//! followed by the same line end) are decoded where they are, the line breaks
//! skipped, by an AVX2 or SSSE3 kernel when the CPU has one. Other lines are
//! gathered (without their line break) into a small stack buffer, which the `base64`
//! crate's SIMD engine decodes and validates. Only a chunk that fails validation is decoded
//! again, from the original bytes, by the scalar tolerant decoder (so issue offsets
//! always point into the input).
//!
//! # Encoding
//!
//! [`encode_into`] writes lines of 76 characters, each ended by CRLF
//! (including the last one, unless the input is empty).
//!
//! # Examples
//!
//! ```
//! use mailmime::encoding::base64;
//!
//! let mut encoded = Vec::new();
//! base64::encode_into(&[0u8; 60], &mut encoded);
//! // One line of 76 characters and one of 4, each ended by CRLF.
//! assert_eq!(encoded.len(), base64::encoded_len(60));
//! assert_eq!(encoded.len(), 76 + 2 + 4 + 2);
//! let (decoded, issues) = base64::decode(&encoded);
//! assert_eq!(decoded, [0u8; 60]);
//! assert!(issues.is_empty());
//! ```

use std::cell::RefCell;
use std::sync::LazyLock;

use ::base64::Engine as _;

use super::report::{Issue, IssueKind, Reporter};

mod simd;

#[cfg(any(target_arch = "x86_64", all(target_arch = "aarch64", target_feature = "neon")))]
type FastEngine = ::base64::engine::Simd;
#[cfg(not(any(target_arch = "x86_64", all(target_arch = "aarch64", target_feature = "neon"))))]
type FastEngine = ::base64::engine::GeneralPurpose;

/// Strict engine (canonical padding required) used to validate and decode
/// clean chunks, and to encode.
static ENGINE: LazyLock<FastEngine> = LazyLock::new(make_engine);

#[cfg(any(target_arch = "x86_64", all(target_arch = "aarch64", target_feature = "neon")))]
fn make_engine() -> FastEngine {
    ::base64::engine::Simd::standard(::base64::engine::general_purpose::PAD)
}

#[cfg(not(any(target_arch = "x86_64", all(target_arch = "aarch64", target_feature = "neon"))))]
fn make_engine() -> FastEngine {
    ::base64::engine::general_purpose::STANDARD
}

/// Size of the staging buffer holding line contents for the fast path.
const STAGE: usize = 4 * 1024;
/// Flush the staging buffer once it holds at least this many symbols.
const FLUSH_AT: usize = 3 * 1024;
/// Inputs shorter than this are decoded by the scalar decoder only.
const SMALL: usize = 256;
/// Encoded line length (RFC 2045 limit).
const LINE: usize = 76;
/// Input bytes per encoded line.
const LINE_BYTES: usize = LINE / 4 * 3;

const SKIP: u8 = 0xFE;
const PAD: u8 = 0xFD;
const BAD: u8 = 0xFF;

static TABLE: [u8; 256] = {
    let mut t = [BAD; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t[b'\r' as usize] = SKIP;
    t[b'\n' as usize] = SKIP;
    t[b' ' as usize] = SKIP;
    t[b'\t' as usize] = SKIP;
    t[b'=' as usize] = PAD;
    t
};

/// Scalar tolerant decoder state, carried across chunks.
#[derive(Default)]
struct Scalar {
    acc: u32,
    /// Symbols collected in the current group (0..=3).
    n: u8,
    /// Input offset of the first symbol of the current group.
    group_start: usize,
    /// A padded group was seen and no data followed yet.
    ended: bool,
    /// `=` still expected after a padded group.
    pad_left: u8,
    /// What followed the padding is well-formed base64, decoded as well.
    concatenated: bool,
    /// What followed the padding is not well-formed base64: decoding ended there.
    stopped: bool,
}

impl Scalar {
    fn pristine(&self) -> bool {
        self.n == 0 && !self.ended && !self.stopped
    }

    /// Decode `input[range]`; `input` is the whole input, whose rest is looked at when
    /// data follows padding.
    fn feed(
        &mut self,
        input: &[u8],
        range: std::ops::Range<usize>,
        out: &mut Vec<u8>,
        rep: &mut Reporter<'_>,
    ) {
        if self.stopped {
            return;
        }
        let base = range.start;
        for (i, &b) in input[range].iter().enumerate() {
            let v = TABLE[b as usize];
            if self.ended && v != SKIP && v != PAD {
                // The first byte after the padding that is not white space or more padding.
                rep.report(IssueKind::DataAfterPadding, base + i);
                if !self.concatenated {
                    // Looked at once: the rest is either decoded whole or not at all.
                    if !well_formed(&input[base + i..]) {
                        self.stopped = true;
                        return;
                    }
                    self.concatenated = true;
                }
                self.ended = false;
                self.pad_left = 0;
            }
            if v < 64 {
                if self.n == 0 {
                    self.group_start = base + i;
                }
                self.acc = (self.acc << 6) | u32::from(v);
                self.n += 1;
                if self.n == 4 {
                    let a = self.acc;
                    out.extend_from_slice(&[(a >> 16) as u8, (a >> 8) as u8, a as u8]);
                    self.n = 0;
                    self.acc = 0;
                }
            } else if v == SKIP {
                continue;
            } else if v == PAD {
                if self.ended {
                    if self.pad_left > 0 {
                        self.pad_left -= 1;
                    } else {
                        rep.report(IssueKind::InvalidPadding, base + i);
                    }
                    continue;
                }
                match self.n {
                    0 => rep.report(IssueKind::InvalidPadding, base + i),
                    1 => {
                        rep.report(IssueKind::TruncatedInput, self.group_start);
                        self.ended = true;
                        self.pad_left = 0;
                    }
                    2 => {
                        out.push((self.acc >> 4) as u8);
                        self.ended = true;
                        self.pad_left = 1;
                    }
                    _ => {
                        out.extend_from_slice(&[(self.acc >> 10) as u8, (self.acc >> 2) as u8]);
                        self.ended = true;
                        self.pad_left = 0;
                    }
                }
                self.n = 0;
                self.acc = 0;
            } else {
                rep.report(IssueKind::InvalidCharacter, base + i);
            }
        }
    }

    /// End of input at offset `end`.
    fn finish(&mut self, end: usize, out: &mut Vec<u8>, rep: &mut Reporter<'_>) {
        if self.stopped {
            *self = Scalar::default();
            return;
        }
        if self.ended && self.pad_left > 0 {
            rep.report(IssueKind::InvalidPadding, end);
        }
        match self.n {
            0 => {}
            1 => rep.report(IssueKind::TruncatedInput, self.group_start),
            2 => {
                out.push((self.acc >> 4) as u8);
                rep.report(IssueKind::InvalidPadding, end);
            }
            _ => {
                out.extend_from_slice(&[(self.acc >> 10) as u8, (self.acc >> 2) as u8]);
                rep.report(IssueKind::InvalidPadding, end);
            }
        }
        *self = Scalar::default();
    }
}

/// Whether `rest` is well-formed base64 on its own: whole groups of four symbols, `=`
/// only to pad the last group of a block (`==` after two symbols, `=` after three), more
/// blocks after that, white space and line breaks anywhere, nothing else.
fn well_formed(rest: &[u8]) -> bool {
    // Symbols in the current group, and `=` still owed by a padded one.
    let (mut n, mut owed) = (0u8, 0u8);
    for &b in rest {
        match TABLE[b as usize] {
            SKIP => {}
            PAD if owed > 0 => {
                owed = 0;
                n = 0;
            }
            PAD if n == 2 => owed = 1,
            PAD if n == 3 => n = 0,
            v if v < 64 && owed == 0 => n = (n + 1) % 4,
            _ => return false,
        }
    }
    n == 0 && owed == 0
}

/// Try the strict SIMD engine on `staged` (the line contents of
/// `input[range]`); on failure decode `input[range]` with the scalar decoder.
fn flush(
    staged: &[u8],
    input: &[u8],
    range: std::ops::Range<usize>,
    st: &mut Scalar,
    out: &mut Vec<u8>,
    rep: &mut Reporter<'_>,
) {
    if (staged.is_empty() && range.is_empty()) || st.stopped {
        return;
    }
    if st.pristine() && staged.len().is_multiple_of(4) {
        let old = out.len();
        out.resize(old + staged.len() / 4 * 3, 0);
        if let Ok(k) = ENGINE.decode_slice(staged, &mut out[old..]) {
            out.truncate(old + k);
            st.ended = staged.last() == Some(&b'=');
            return;
        }
        out.truncate(old);
    }
    st.feed(input, range, out, rep);
}

/// Decode base64 `input`, appending the bytes to `out` and recording
/// recovered problems in `issues` (see the [module docs](self) for the rules).
///
/// Never panics and never fails.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::base64;
///
/// let mut out = Vec::new();
/// let mut issues = Vec::new();
/// base64::decode_into(b"SGVsbG8s\r\nIHdvcmxk\r\n", &mut out, &mut issues);
/// assert_eq!(out, b"Hello, world");
/// assert!(issues.is_empty());
/// ```
pub fn decode_into(input: &[u8], out: &mut Vec<u8>, issues: &mut Vec<Issue>) {
    let mut rep = Reporter::new(issues);
    decode_with(input, out, &mut rep);
}

/// Decodes a short input with the engine when it is clean; `false` (and `out` unchanged)
/// otherwise.
fn decode_small_clean(input: &[u8], out: &mut Vec<u8>) -> bool {
    if input.len() >= SMALL {
        return false;
    }
    const LO: u64 = u64::from_ne_bytes([0x01; 8]);
    const HI: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether a byte of `x` is zero.
    let any_zero = |x: u64| x.wrapping_sub(LO) & !x & HI != 0;
    // Every byte is stored, and kept unless it is a line break: no branch per byte.
    // (`input` is shorter than `SMALL`, so the remainder never changes `k`.)
    let strip = |buf: &mut [u8; SMALL], k: &mut usize, bytes: &[u8]| {
        for &b in bytes {
            buf[*k % SMALL] = b;
            *k += usize::from((b != b'\r') & (b != b'\n'));
        }
    };
    let mut buf = [0u8; SMALL];
    let mut k = 0;
    let mut words = input.chunks_exact(8);
    for word in words.by_ref() {
        let x = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        if any_zero(x ^ (LO * u64::from(b'\r'))) | any_zero(x ^ (LO * u64::from(b'\n'))) {
            strip(&mut buf, &mut k, word);
        } else {
            // Most words, inside a line: kept whole (`k` is at most the bytes read).
            buf[k..k + 8].copy_from_slice(word);
            k += 8;
        }
    }
    strip(&mut buf, &mut k, words.remainder());
    if k % 4 != 0 {
        return false;
    }
    let start = out.len();
    out.resize(start + k / 4 * 3, 0);
    match ENGINE.decode_slice(&buf[..k], &mut out[start..]) {
        Ok(n) => {
            out.truncate(start + n);
            true
        }
        Err(_) => {
            out.truncate(start);
            false
        }
    }
}

/// [`decode_into`] with an existing reporter (used by the RFC 2047 decoder).
pub(crate) fn decode_with(input: &[u8], out: &mut Vec<u8>, rep: &mut Reporter<'_>) {
    out.reserve(input.len() / 4 * 3 + 3);
    if input.len() < SMALL {
        // Not worth setting up the staging buffer (encoded words, short parts). Clean input
        // (whole groups, canonical padding, only line breaks to skip) goes through the
        // engine in one call; anything else, and anything the engine refuses, through the
        // scalar decoder, which gives the same bytes and reports what it recovers from.
        if decode_small_clean(input, out) {
            return;
        }
        let mut st = Scalar::default();
        st.feed(input, 0..input.len(), out, rep);
        st.finish(input.len(), out, rep);
        return;
    }
    thread_local! {
        /// The staging buffer, one per thread: zeroing a fresh 4 KiB on every call cost
        /// more than decoding a body of a few lines (which stages one or two).
        static STAGE_BUF: RefCell<[u8; STAGE]> = const { RefCell::new([0; STAGE]) };
    }
    let staged = STAGE_BUF.try_with(|buf| {
        let mut buf = buf.try_borrow_mut().ok()?;
        decode_staged(input, out, rep, &mut buf);
        Some(())
    });
    if !matches!(staged, Ok(Some(()))) {
        // The thread's buffer is gone (thread exit) or in use: a buffer of this call's own.
        decode_staged(input, out, rep, &mut [0; STAGE]);
    }
}

/// [`decode_with`] for an input of at least [`SMALL`] bytes, with `stage` to gather
/// lines in (its contents do not matter).
fn decode_staged(input: &[u8], out: &mut Vec<u8>, rep: &mut Reporter<'_>, stage: &mut [u8; STAGE]) {
    let mut st = Scalar::default();
    let mut slen = 0usize;
    let mut seg_start = 0usize;
    let mut pos = 0usize;
    // Predicted length of the next line's content, and whether lines end in CRLF.
    let mut pred = 0usize;
    let mut crlf = true;
    let n = input.len();

    let accelerated = simd::accelerated();

    while pos < n && !st.stopped {
        if accelerated && pred == LINE && st.pristine() {
            // The lines are regular so far: decode as many more as are, in place.
            if slen > 0 || seg_start < pos {
                flush(&stage[..slen], input, seg_start..pos, &mut st, out, rep);
                slen = 0;
                seg_start = pos;
            }
            if st.pristine() {
                let eol = if crlf { simd::Eol::CrLf } else { simd::Eol::Lf };
                pos += simd::decode_lines(&input[pos..], eol, out);
                seg_start = pos;
                if pos == n {
                    break;
                }
            }
        }
        // Locate the current line: content is input[pos..cend], next line at `next`.
        let p = pos + pred;
        let (mut cend, next) = if pred > 0 && crlf && p + 1 < n && input[p] == b'\r' && input[p + 1] == b'\n'
        {
            (p, p + 2)
        } else if pred > 0 && !crlf && p < n && input[p] == b'\n' {
            (p, p + 1)
        } else {
            match memchr::memchr(b'\n', &input[pos..]) {
                Some(i) => {
                    let nl = pos + i;
                    crlf = nl > pos && input[nl - 1] == b'\r';
                    let cend = if crlf { nl - 1 } else { nl };
                    pred = cend - pos;
                    (cend, nl + 1)
                }
                None => (n, n),
            }
        };

        if !st.pristine() {
            // Resynchronise line by line with the scalar decoder.
            if slen > 0 || seg_start < pos {
                flush(&stage[..slen], input, seg_start..pos, &mut st, out, rep);
                slen = 0;
            }
            st.feed(input, pos..next, out, rep);
            pos = next;
            seg_start = pos;
            continue;
        }

        while cend > pos && matches!(input[cend - 1], b' ' | b'\t' | b'\r') {
            cend -= 1;
        }
        let line = &input[pos..cend];
        if line.len() == LINE && slen + LINE <= STAGE {
            // The usual 76-symbol line: a fixed-size copy the compiler inlines.
            let dst: &mut [u8; LINE] = (&mut stage[slen..slen + LINE]).try_into().expect("LINE bytes");
            let src: &[u8; LINE] = line.try_into().expect("LINE bytes");
            *dst = *src;
            slen += LINE;
            pos = next;
            if slen >= FLUSH_AT && slen.is_multiple_of(4) {
                flush(&stage[..slen], input, seg_start..pos, &mut st, out, rep);
                slen = 0;
                seg_start = pos;
            }
            continue;
        }
        if line.len() > STAGE - slen {
            flush(&stage[..slen], input, seg_start..pos, &mut st, out, rep);
            slen = 0;
            seg_start = pos;
            if line.len() > STAGE {
                // A huge line: it is contiguous, so decode it in place.
                flush(line, input, pos..next, &mut st, out, rep);
                pos = next;
                seg_start = pos;
                continue;
            }
        }
        stage[slen..slen + line.len()].copy_from_slice(line);
        slen += line.len();
        pos = next;
        if slen >= FLUSH_AT && slen.is_multiple_of(4) {
            flush(&stage[..slen], input, seg_start..pos, &mut st, out, rep);
            slen = 0;
            seg_start = pos;
        }
    }
    flush(&stage[..slen], input, seg_start..n, &mut st, out, rep);
    st.finish(n, out, rep);
}

/// Decode base64 `input` into a new vector; convenience over [`decode_into`].
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::base64;
///
/// let (bytes, issues) = base64::decode(b"Zm9v YmFy");
/// assert_eq!(bytes, b"foobar");
/// assert!(issues.is_empty());
/// ```
pub fn decode(input: &[u8]) -> (Vec<u8>, Vec<Issue>) {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    decode_into(input, &mut out, &mut issues);
    (out, issues)
}

/// Number of bytes [`encode_into`] writes for `n` input bytes (76-column
/// lines, each ended by CRLF).
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::base64;
///
/// assert_eq!(base64::encoded_len(0), 0);
/// assert_eq!(base64::encoded_len(3), 6);
/// assert_eq!(base64::encoded_len(57), 78);
/// assert_eq!(base64::encoded_len(58), 84);
/// ```
pub const fn encoded_len(n: usize) -> usize {
    let full = n / LINE_BYTES;
    let rem = n % LINE_BYTES;
    full * (LINE + 2) + if rem > 0 { rem.div_ceil(3) * 4 + 2 } else { 0 }
}

/// Encode `input` as base64 in 76-character lines separated by CRLF,
/// appending to `out`. The final line is also ended by CRLF unless `input`
/// is empty.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::base64;
///
/// let mut out = Vec::new();
/// base64::encode_into(b"hi", &mut out);
/// assert_eq!(out, b"aGk=\r\n");
/// ```
pub fn encode_into(input: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + encoded_len(input.len()), 0);
    let mut o = start;
    for chunk in input.chunks(LINE_BYTES) {
        let k = chunk.len().div_ceil(3) * 4;
        // The destination is exactly sized, so this cannot fail.
        let written = ENGINE.encode_slice(chunk, &mut out[o..o + k]).unwrap_or(0);
        debug_assert_eq!(written, k);
        out[o + k] = b'\r';
        out[o + k + 1] = b'\n';
        o += k + 2;
    }
    debug_assert_eq!(o, out.len());
}

/// Thin wrappers for the fuzz crate only (the hidden `fuzzing` feature), re-exported as
/// `crate::fuzzing::base64`. Not part of the public API.
#[cfg(feature = "fuzzing")]
pub(crate) mod fuzzing {
    use super::{Issue, Reporter, Scalar};

    pub use super::simd::fuzzing::{LineDecoder, decode_lines, decode_lines_scalar, kernels};

    /// The scalar tolerant decoder alone, on all of `input` at once (no engine, no
    /// kernel, no staging): [`decode_into`](super::decode_into) must give the same bytes
    /// and the same issues.
    pub fn decode_scalar(input: &[u8], out: &mut Vec<u8>, issues: &mut Vec<Issue>) {
        let mut rep = Reporter::new(issues);
        let mut st = Scalar::default();
        st.feed(input, 0..input.len(), out, &mut rep);
        st.finish(input.len(), out, &mut rep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(input: &[u8]) -> (Vec<u8>, Vec<Issue>) {
        decode(input)
    }

    fn kinds(issues: &[Issue]) -> Vec<IssueKind> {
        issues.iter().map(|i| i.kind).collect()
    }

    fn enc(input: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        encode_into(input, &mut v);
        v
    }

    #[test]
    fn rfc4648_test_vectors_round_trip() {
        let cases: [(&[u8], &[u8]); 7] = [
            (b"", b""),
            (b"f", b"Zg==\r\n"),
            (b"fo", b"Zm8=\r\n"),
            (b"foo", b"Zm9v\r\n"),
            (b"foob", b"Zm9vYg==\r\n"),
            (b"fooba", b"Zm9vYmE=\r\n"),
            (b"foobar", b"Zm9vYmFy\r\n"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(enc(plain), encoded);
            assert_eq!(dec(encoded), (plain.to_vec(), vec![]));
        }
    }

    #[test]
    fn rfc2045_decoder_ignores_line_breaks_and_whitespace() {
        // RFC 2045 §6.8: characters outside the alphabet (line breaks, white
        // space) are ignored; line breaks are not significant.
        let (out, issues) = dec(b"Zm9v\r\nYm\n  Fy\t");
        assert_eq!(out, b"foobar");
        assert!(issues.is_empty());
    }

    #[test]
    fn encoder_writes_76_column_crlf_lines() {
        let data: Vec<u8> = (0..200u8).collect();
        let e = enc(&data);
        assert_eq!(e.len(), encoded_len(200));
        let lines: Vec<&[u8]> = e.split(|&b| b == b'\n').collect();
        assert_eq!(lines.len(), 5); // 4 lines + empty tail
        for l in &lines[..3] {
            assert_eq!(l.len(), 77);
            assert!(l.ends_with(b"\r"));
        }
        assert!(lines[4].is_empty());
        assert!(e.ends_with(b"\r\n"));
    }

    #[test]
    fn garbage_characters_are_skipped_with_one_issue_at_first_offset() {
        let (out, issues) = dec(b"Zm9v!Ym*Fy");
        assert_eq!(out, b"foobar");
        assert_eq!(issues, [Issue { kind: IssueKind::InvalidCharacter, offset: 4 }]);
    }

    #[test]
    fn missing_padding_is_recovered_and_reported() {
        let (out, issues) = dec(b"Zm9vYg");
        assert_eq!(out, b"foob");
        assert_eq!(issues, [Issue { kind: IssueKind::InvalidPadding, offset: 6 }]);
        let (out, issues) = dec(b"Zm9vYmE");
        assert_eq!(out, b"fooba");
        assert_eq!(kinds(&issues), [IssueKind::InvalidPadding]);
    }

    #[test]
    fn incomplete_padding_is_reported() {
        let (out, issues) = dec(b"Zm9vYg=");
        assert_eq!(out, b"foob");
        assert_eq!(kinds(&issues), [IssueKind::InvalidPadding]);
    }

    #[test]
    fn dangling_single_symbol_is_dropped_as_truncated() {
        let (out, issues) = dec(b"Zm9vY");
        assert_eq!(out, b"foo");
        assert_eq!(issues, [Issue { kind: IssueKind::TruncatedInput, offset: 4 }]);
    }

    #[test]
    fn stray_and_extra_padding_is_ignored_with_issue() {
        let (out, issues) = dec(b"=Zm9v");
        assert_eq!(out, b"foo");
        assert_eq!(issues, [Issue { kind: IssueKind::InvalidPadding, offset: 0 }]);
        let (out, issues) = dec(b"Zg====");
        assert_eq!(out, b"f");
        assert_eq!(kinds(&issues), [IssueKind::InvalidPadding]);
    }

    #[test]
    fn data_after_padding_keeps_decoding_concatenated_blocks() {
        let (out, issues) = dec(b"Zg==\r\nZm8=\r\nZm9v\r\n");
        assert_eq!(out, b"ffofoo");
        assert_eq!(issues, [Issue { kind: IssueKind::DataAfterPadding, offset: 6 }]);
        for lf in [true, false] {
            let eol: &[u8] = if lf { b"\n" } else { b"\r\n" };
            let blocks = [&b"aGk="[..], eol, b"dGhlcmU=", eol, b"IQ==", eol].concat();
            assert_eq!(
                dec(&blocks),
                (
                    b"hithere!".to_vec(),
                    vec![Issue { kind: IssueKind::DataAfterPadding, offset: 4 + eol.len() }]
                )
            );
        }
    }

    #[test]
    fn data_after_padding_that_is_not_well_formed_base64_is_ignored() {
        // RFC 2045 §6.8: `=` marks the end of the data. What follows is decoded only when it
        // is itself well-formed base64; else it is left out, reported where it starts.
        for lf in [true, false] {
            let eol = if lf { "\n" } else { "\r\n" };
            for (input, out) in [
                // Junk with characters outside the alphabet (a signature, say).
                (format!("aGk={eol}-- {eol}Sent from my phone{eol}"), &b"hi"[..]),
                // Only alphabet characters, but not whole groups.
                (format!("aGk={eol}dGhlcm{eol}"), b"hi"),
                // A group of two symbols with one `=` of its two.
                (format!("aGk={eol}dGhlcmU={eol}IQ={eol}"), b"hi"),
                (format!("Zm9vYg=={eol}YmFy!{eol}"), b"foob"),
            ] {
                let after = input.find(eol).unwrap() + eol.len();
                assert_eq!(
                    dec(input.as_bytes()),
                    (out.to_vec(), vec![Issue { kind: IssueKind::DataAfterPadding, offset: after }]),
                    "{input:?}"
                );
                assert_eq!(dec(input.as_bytes()), scalar(input.as_bytes()), "{input:?}");
            }
        }
        // More `=` after complete padding is still just invalid padding.
        assert_eq!(
            dec(b"Zg===\r\n"),
            (b"f".to_vec(), vec![Issue { kind: IssueKind::InvalidPadding, offset: 4 }])
        );
    }

    #[test]
    fn data_after_padding_in_a_large_body_is_read_as_the_scalar_decoder_reads_it() {
        // Bodies long enough for the staging buffer and the line kernels: two separately
        // encoded blocks (the first ends in padding) decode whole; junk after the first
        // is left out. Both as the scalar decoder alone reads them.
        let first: Vec<u8> = (0..10_000u32).map(|i| (i * 13 + i / 97) as u8).collect();
        let second: Vec<u8> = (0..7_001u32).map(|i| (i * 7 + 3) as u8).collect();
        assert_ne!(first.len() % 3, 0);
        for lf in [true, false] {
            let restyle = |e: Vec<u8>| if lf { e.into_iter().filter(|&b| b != b'\r').collect() } else { e };
            let a = restyle(enc(&first));
            let b = restyle(enc(&second));
            let blocks = [&a[..], &b[..]].concat();
            let expected = (
                [&first[..], &second[..]].concat(),
                vec![Issue { kind: IssueKind::DataAfterPadding, offset: a.len() }],
            );
            assert_eq!(dec(&blocks), expected);
            assert_eq!(scalar(&blocks), expected);
            let junk = [&a[..], b"XXXXXX--unique-boundary-2--\r\n", &b[..]].concat();
            let expected =
                (first.clone(), vec![Issue { kind: IssueKind::DataAfterPadding, offset: a.len() }]);
            assert_eq!(dec(&junk), expected);
            assert_eq!(scalar(&junk), expected);
        }
    }

    #[test]
    fn non_canonical_trailing_bits_are_accepted_silently() {
        let (out, issues) = dec(b"Zh==");
        assert_eq!(out, b"f");
        assert!(issues.is_empty());
    }

    #[test]
    fn large_clean_body_decodes_via_fast_path_identically() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let e = enc(&data);
        let (out, issues) = dec(&e);
        assert!(issues.is_empty());
        assert_eq!(out, data);
        // LF-only line ends and a single huge line
        let lf: Vec<u8> = e.iter().copied().filter(|&b| b != b'\r').collect();
        assert_eq!(dec(&lf), (data.clone(), vec![]));
        let one: Vec<u8> = e.iter().copied().filter(|&b| b != b'\r' && b != b'\n').collect();
        assert_eq!(dec(&one), (data.clone(), vec![]));
    }

    #[test]
    fn garbage_deep_in_a_large_body_reports_offset_in_the_original_input() {
        let data: Vec<u8> = (0..60_000u32).map(|i| (i * 7 + i / 300) as u8).collect();
        let mut e = enc(&data);
        let bad = 40_000;
        assert!(e[bad].is_ascii_alphanumeric() || e[bad] == b'+' || e[bad] == b'/');
        e.insert(bad, b'#');
        let (out, issues) = dec(&e);
        assert_eq!(out, data);
        assert_eq!(issues, [Issue { kind: IssueKind::InvalidCharacter, offset: bad }]);
    }

    #[test]
    fn odd_line_lengths_and_trailing_spaces_still_decode() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let flat: Vec<u8> = enc(&data).into_iter().filter(|&b| b != b'\r' && b != b'\n').collect();
        let mut body = Vec::new();
        for (i, line) in flat.chunks(75).enumerate() {
            body.extend_from_slice(line);
            if i % 3 == 0 {
                body.extend_from_slice(b"  ");
            }
            body.extend_from_slice(b"\r\n");
        }
        assert_eq!(dec(&body), (data, vec![]));
    }

    #[test]
    fn issues_from_earlier_calls_are_kept() {
        let mut out = Vec::new();
        let mut issues = vec![Issue { kind: IssueKind::InvalidCharacter, offset: 99 }];
        decode_into(b"Zm9v!", &mut out, &mut issues);
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[1].offset, 4);
    }

    /// The scalar tolerant decoder alone, on the whole input.
    fn scalar(data: &[u8]) -> (Vec<u8>, Vec<Issue>) {
        let mut out = Vec::new();
        let mut issues = Vec::new();
        let mut rep = Reporter::new(&mut issues);
        let mut st = Scalar::default();
        st.feed(data, 0..data.len(), &mut out, &mut rep);
        st.finish(data.len(), &mut out, &mut rep);
        (out, issues)
    }

    /// Noise for line-structured inputs: garbage, white space, line breaks, padding.
    fn noise_byte() -> impl Strategy<Value = Vec<u8>> {
        proptest::sample::select(vec![
            b"#".to_vec(),
            b"=".to_vec(),
            b"==".to_vec(),
            b" ".to_vec(),
            b"\t".to_vec(),
            b"\r".to_vec(),
            b"\n".to_vec(),
            b"\r\n".to_vec(),
            b"A".to_vec(),
            vec![0x80],
            vec![0xFF],
            b"-".to_vec(),
        ])
    }

    #[test]
    fn regular_lines_then_irregular_ones_match_the_scalar_decoder() {
        // 76-symbol lines (the in-place path), then a short line, a line with a stray `=`,
        // one with garbage, trailing white space, LF-only lines and a short last line.
        let data: Vec<u8> = (0..3000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
        let mut e = enc(&data);
        let line = LINE + 2;
        // From the last insertion to the first, so that each is where the lines put it.
        e.insert(30 * line + 5, b'=');
        e.insert(20 * line + 3, b'\n');
        e.insert(15 * line + LINE, b' ');
        e.insert(10 * line + 30, b'*');
        let tail = e.split_off(40 * line);
        e.extend(tail.iter().copied().filter(|&b| b != b'\r'));
        let (out, issues) = dec(&e);
        assert_eq!((out.clone(), issues.clone()), scalar(&e));
        // The `=` ends a group of one symbol (the line's fifth), and what follows it is
        // not whole groups: the data ends there.
        let pad = e.iter().position(|&b| b == b'=').unwrap();
        assert_eq!(
            issues,
            [
                Issue { kind: IssueKind::InvalidCharacter, offset: 10 * line + 30 },
                Issue { kind: IssueKind::TruncatedInput, offset: pad - 1 },
                Issue { kind: IssueKind::DataAfterPadding, offset: pad + 1 },
            ]
        );
        assert_eq!(out, data[..(30 * LINE + 4) / 4 * 3]);
    }

    #[test]
    fn short_inputs_match_the_scalar_decoder_with_a_byte_at_every_position() {
        // The short-input path strips line breaks a word at a time: every length of
        // encoding it takes, CRLF or LF lines, a line break or another byte inserted at
        // each position.
        for len in 0..=180usize {
            let data: Vec<u8> = (0..len as u32).map(|i| (i * 37 + i / 5) as u8).collect();
            let crlf = enc(&data);
            let lf: Vec<u8> = crlf.iter().copied().filter(|&b| b != b'\r').collect();
            for e in [crlf, lf] {
                assert_eq!(dec(&e), (data.clone(), vec![]), "{len}");
                for at in 0..=e.len() {
                    for extra in [&b"\r"[..], b"\n", b"\r\n", b" ", b"=", b"#", b"A", b"\x80"] {
                        let input = [&e[..at], extra, &e[at..]].concat();
                        if input.len() < SMALL {
                            assert_eq!(dec(&input), scalar(&input), "{len} {at} {extra:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn what_the_staging_buffer_held_before_does_not_matter() {
        // The thread's staging buffer is reused: decoding with one full of other bytes, or
        // after another input filled it, gives what the scalar decoder gives.
        let data: Vec<u8> = (0..4000u32).map(|i| (i * 29 + i / 11) as u8).collect();
        let flat: Vec<u8> = enc(&data).into_iter().filter(|&b| b != b'\r' && b != b'\n').collect();
        let mut odd = Vec::new();
        for line in flat.chunks(72) {
            odd.extend_from_slice(line);
            odd.extend_from_slice(b"\r\n");
        }
        let mut junk = odd.clone();
        junk.insert(3000, b'#');
        for input in [&odd, &junk, &enc(&data)] {
            let want = scalar(input);
            for fill in [0x00, b'A', b'=', 0xFF] {
                let mut out = Vec::new();
                let mut issues = Vec::new();
                decode_staged(input, &mut out, &mut Reporter::new(&mut issues), &mut [fill; STAGE]);
                assert_eq!((&out, &issues), (&want.0, &want.1), "fill {fill:#04x}");
            }
            assert_eq!(dec(input), want);
        }
    }

    #[test]
    fn output_is_reserved_once_and_never_grows() {
        // The in-place path writes into the capacity reserved up front (input / 4 * 3 + 3)
        // and never needs more, down to the shortest inputs that take it.
        for len in (190..400).chain([100_000]) {
            let data: Vec<u8> = (0..len as u32).map(|i| (i * 31 + i / 7) as u8).collect();
            let crlf = enc(&data);
            let lf: Vec<u8> = crlf.iter().copied().filter(|&b| b != b'\r').collect();
            for e in [crlf, lf] {
                let mut out = Vec::new();
                let mut issues = Vec::new();
                decode_into(&e, &mut out, &mut issues);
                assert_eq!((&out, &issues), (&data, &vec![]), "{len} bytes");
                assert_eq!(out.capacity(), e.len() / 4 * 3 + 3, "{len} bytes");
            }
        }
    }

    proptest! {
        #[test]
        fn line_structured_input_with_noise_matches_the_scalar_decoder(
            raw in proptest::collection::vec(any::<u8>(), 0..6000),
            lf in any::<bool>(),
            line_len in proptest::sample::select(vec![76usize, 76, 76, 72, 64, 75, 77, 4]),
            noise in proptest::collection::vec((any::<usize>(), noise_byte()), 0..4),
        ) {
            // Lines of `line_len` symbols (mostly the usual 76) with a few insertions; all
            // of the decoder's output and issues (kinds and offsets) must be the scalar's.
            let flat: Vec<u8> = enc(&raw).into_iter().filter(|&b| b != b'\r' && b != b'\n').collect();
            let mut data = Vec::new();
            for chunk in flat.chunks(line_len) {
                data.extend_from_slice(chunk);
                data.extend_from_slice(if lf { b"\n" } else { b"\r\n" });
            }
            for (at, bytes) in noise {
                let at = at % (data.len() + 1);
                data.splice(at..at, bytes);
            }
            prop_assert_eq!(dec(&data), scalar(&data));
        }

        #[test]
        fn arbitrary_bytes_match_the_scalar_decoder(
            data in proptest::collection::vec(any::<u8>(), 0..3000),
        ) {
            prop_assert_eq!(dec(&data), scalar(&data));
        }

        #[test]
        fn decode_inverts_encode(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let e = enc(&data);
            prop_assert_eq!(e.len(), encoded_len(data.len()));
            let (out, issues) = dec(&e);
            prop_assert!(issues.is_empty());
            prop_assert_eq!(out, data);
        }

        #[test]
        fn decoder_never_panics_on_arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..3000)) {
            let (out, _) = dec(&data);
            prop_assert!(out.len() <= data.len());
        }

        #[test]
        fn fast_and_scalar_paths_agree(
            raw in proptest::collection::vec(any::<u8>(), 0..3000),
            noise in proptest::collection::vec((any::<usize>(), proptest::sample::select(b"=#\r\n \tA".to_vec())), 0..4),
        ) {
            // Valid encodings (which take the fast path) with a few insertions.
            let mut data = enc(&raw);
            for (at, b) in noise {
                let at = at % (data.len() + 1);
                data.insert(at, b);
            }
            let (fast, fi) = dec(&data);
            let mut slow = Vec::new();
            let mut si = Vec::new();
            let mut rep = Reporter::new(&mut si);
            let mut st = Scalar::default();
            st.feed(&data, 0..data.len(), &mut slow, &mut rep);
            st.finish(data.len(), &mut slow, &mut rep);
            prop_assert_eq!(fast, slow);
            prop_assert_eq!(kinds(&fi), kinds(&si));
        }
    }
}
