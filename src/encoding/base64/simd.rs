//! Decoding of regular base64 lines (exactly [`LINE`] symbols, then the same line end)
//! straight from the input: the line breaks are skipped where they are, without
//! copying the symbols into a buffer first.
//!
//! [`decode_lines`] uses an AVX2 kernel or, failing that, an SSSE3 one, whichever
//! the CPU has (detected at run time), and [`decode_lines_scalar`], their scalar
//! twin, otherwise; the tests compare each kernel with the twin.
//!
//! This is the only module of the crate with `unsafe` code: the vector kernels and
//! the writes into the output's spare capacity.
#![allow(unsafe_code)]

use super::{LINE, LINE_BYTES, TABLE};

/// The line end that follows every line of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Eol {
    /// `\r\n`
    CrLf,
    /// `\n`
    Lf,
}

impl Eol {
    /// Input bytes of one line, line end included.
    const fn stride(self) -> usize {
        match self {
            Eol::CrLf => LINE + 2,
            Eol::Lf => LINE + 1,
        }
    }
}

/// A vector kernel for [`decode_lines`].
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kernel {
    /// Two lines at a time, 32 symbols per vector.
    Avx2,
    /// One line at a time, 16 symbols per vector.
    Ssse3,
}

#[cfg(target_arch = "x86_64")]
impl Kernel {
    /// The best kernel this CPU runs, if any.
    fn detect() -> Option<Kernel> {
        if std::is_x86_feature_detected!("avx2") {
            Some(Kernel::Avx2)
        } else if std::is_x86_feature_detected!("ssse3") {
            Some(Kernel::Ssse3)
        } else {
            None
        }
    }

    /// Whether this CPU runs the kernel.
    fn supported(self) -> bool {
        match self {
            Kernel::Avx2 => std::is_x86_feature_detected!("avx2"),
            Kernel::Ssse3 => std::is_x86_feature_detected!("ssse3"),
        }
    }
}

/// Whether [`decode_lines`] has a vector kernel on this CPU (otherwise it runs the
/// scalar twin, and the caller's own path is likely faster).
pub(super) fn accelerated() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        Kernel::detect().is_some()
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Decodes the longest prefix of `input` made of regular lines, appending
/// [`LINE_BYTES`] bytes per line to `out`, and returns the number of input bytes
/// consumed (a multiple of the line's stride).
///
/// A regular line is exactly [`LINE`] symbols of the standard alphabet (no `=`,
/// no white space, nothing else) followed by `eol`. Such a line decodes on its own,
/// so decoding it here gives the same bytes as the tolerant decoder, with no issue.
///
/// Reserves room for every line `input` could hold, which the tolerant decoder has
/// already reserved: no reallocation happens there.
pub(super) fn decode_lines(input: &[u8], eol: Eol, out: &mut Vec<u8>) -> usize {
    #[cfg(target_arch = "x86_64")]
    if let Some(kernel) = Kernel::detect() {
        return decode_lines_with(kernel, input, eol, out);
    }
    decode_lines_scalar(input, eol, out)
}

/// The scalar twin of [`decode_lines`]: same contract, same result, one symbol at a
/// time through the tolerant decoder's table.
pub(super) fn decode_lines_scalar(input: &[u8], eol: Eol, out: &mut Vec<u8>) -> usize {
    let stride = eol.stride();
    let mut consumed = 0;
    for line in input.chunks_exact(stride) {
        let ends = match eol {
            Eol::CrLf => line[LINE..] == *b"\r\n",
            Eol::Lf => line[LINE] == b'\n',
        };
        if !ends || line[..LINE].iter().any(|&b| TABLE[b as usize] >= 64) {
            break;
        }
        for quad in line[..LINE].chunks_exact(4) {
            let v = quad.iter().fold(0u32, |acc, &b| (acc << 6) | u32::from(TABLE[b as usize]));
            out.extend_from_slice(&[(v >> 16) as u8, (v >> 8) as u8, v as u8]);
        }
        consumed += stride;
    }
    consumed
}

/// The standard alphabet, in value order.
#[cfg(any(target_arch = "x86_64", test))]
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Indexed by a byte's low nibble: bit `h` is set when the byte `h << 4 | low` is a
/// symbol (every symbol is below 0x80, so `h < 8`).
#[cfg(any(target_arch = "x86_64", test))]
const VALID_BY_LOW: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut i = 0;
    while i < 64 {
        let c = ALPHABET[i];
        t[(c & 15) as usize] |= 1 << (c >> 4);
        i += 1;
    }
    t
};

/// Indexed by a byte's high nibble: the bit tested in [`VALID_BY_LOW`]; none for
/// bytes of 0x80 and above.
#[cfg(any(target_arch = "x86_64", test))]
const BIT_BY_HIGH: [u8; 16] = [1, 2, 4, 8, 16, 32, 64, 128, 0, 0, 0, 0, 0, 0, 0, 0];

/// Indexed by a symbol's high nibble, minus one for `/`: what to add to the symbol
/// to get its value. Within one high nibble the values of the symbols run on
/// consecutively (`A`..`O` and `P`..`Z`, `a`..`o` and `p`..`z`, `0`..`9`), except
/// for `+` and `/`, which share nibble 2; `/` takes the unused slot 1.
#[cfg(any(target_arch = "x86_64", test))]
const SHIFT: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut set = [false; 16];
    let mut i = 0;
    while i < 64 {
        let c = ALPHABET[i];
        let slot = (c >> 4) as usize - (c == b'/') as usize;
        let shift = (i as u8).wrapping_sub(c);
        assert!(!set[slot] || t[slot] == shift, "one shift per slot");
        t[slot] = shift;
        set[slot] = true;
        i += 1;
    }
    t
};

/// [`decode_lines`] with the given kernel, with the bounds it needs worked out.
///
/// # Panics
///
/// If the CPU does not run `kernel`.
#[cfg(target_arch = "x86_64")]
fn decode_lines_with(kernel: Kernel, input: &[u8], eol: Eol, out: &mut Vec<u8>) -> usize {
    assert!(kernel.supported(), "{kernel:?} is not supported by this CPU");
    let stride = eol.stride();
    let lines = input.len() / stride;
    out.reserve(lines * LINE_BYTES);
    let dst = out.spare_capacity_mut();
    debug_assert!(dst.len() >= lines * LINE_BYTES);
    let (src, dst) = (input.as_ptr(), dst.as_mut_ptr().cast::<u8>());
    // SAFETY: the CPU runs the kernel (asserted above); `src` holds `lines * stride`
    // bytes and `dst` has room for `lines * LINE_BYTES` bytes (reserved above).
    let done = unsafe {
        match (kernel, eol) {
            (Kernel::Avx2, Eol::CrLf) => avx2::decode::<true>(src, lines, dst),
            (Kernel::Avx2, Eol::Lf) => avx2::decode::<false>(src, lines, dst),
            (Kernel::Ssse3, Eol::CrLf) => ssse3::decode::<true>(src, lines, dst),
            (Kernel::Ssse3, Eol::Lf) => ssse3::decode::<false>(src, lines, dst),
        }
    };
    debug_assert!(done <= lines);
    // SAFETY: the kernel wrote (initialised) the first `done * LINE_BYTES` bytes of the
    // spare capacity, which the reserve above made at least that long.
    unsafe { out.set_len(out.len() + done * LINE_BYTES) };
    done * stride
}

/// Whether the line at `line` is followed by the line end (CRLF, or LF).
///
/// # Safety
///
/// `line` must be followed by `LINE + 2` (CRLF) or `LINE + 1` (LF) readable bytes.
#[cfg(target_arch = "x86_64")]
#[inline]
unsafe fn ends<const CRLF: bool>(line: *const u8) -> bool {
    if CRLF {
        // SAFETY: bytes LINE and LINE + 1 are readable (the caller's contract).
        let eol = unsafe { line.add(LINE).cast::<[u8; 2]>().read_unaligned() };
        eol == *b"\r\n"
    } else {
        // SAFETY: byte LINE is readable (the caller's contract).
        unsafe { *line.add(LINE) == b'\n' }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    //! 32 symbols per vector, validated and translated with nibble lookups
    //! (`pshufb`), packed to 24 bytes with two multiply-adds and a shuffle.
    //!
    //! A line of 76 symbols is decoded as two vectors (symbols 0..32 and 32..64) plus
    //! a 16-symbol tail (60..76, overlapping four symbols already decoded), and two
    //! lines share one vector for their tails.

    use core::arch::x86_64::*;

    use super::{BIT_BY_HIGH, LINE, LINE_BYTES, SHIFT, VALID_BY_LOW, ends};

    // The kernel's layout (two vectors and a 16-symbol tail per line) is for this length.
    const _: () = assert!(LINE == 76 && LINE_BYTES == 57);

    /// Vector constants, built once per call.
    struct Consts {
        low_nibble: __m256i,
        valid_by_low: __m256i,
        bit_by_high: __m256i,
        shift: __m256i,
        slash: __m256i,
        /// `a * 64 + b` for each pair of 6-bit values.
        pairs: __m256i,
        /// `ab * 4096 + cd` for each pair of 12-bit values.
        quads: __m256i,
        /// The three bytes of each 32-bit group, most significant first, packed
        /// into the low 12 bytes of each 128-bit lane.
        pack: __m256i,
    }

    impl Consts {
        #[target_feature(enable = "avx2")]
        unsafe fn new() -> Self {
            let lut = |t: &[u8; 16]| {
                // SAFETY: `t` is 16 readable bytes; the load has no alignment requirement.
                let v = unsafe { _mm_loadu_si128(t.as_ptr().cast()) };
                _mm256_broadcastsi128_si256(v)
            };
            #[rustfmt::skip]
            let pack = _mm256_setr_epi8(
                2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
                2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
            );
            Consts {
                low_nibble: _mm256_set1_epi8(0x0f),
                valid_by_low: lut(&VALID_BY_LOW),
                bit_by_high: lut(&BIT_BY_HIGH),
                shift: lut(&SHIFT),
                slash: _mm256_set1_epi8(b'/' as i8),
                pairs: _mm256_set1_epi32(0x0140_0140),
                quads: _mm256_set1_epi32(0x0001_1000),
                pack,
            }
        }
    }

    /// Decodes the 32 symbols of `x` (8 groups of 4) into 12 bytes at the start of each
    /// 128-bit lane. Also returns, per byte, a value that is zero exactly when the
    /// byte is not a symbol.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn block(k: &Consts, x: __m256i) -> (__m256i, __m256i) {
        let high = _mm256_and_si256(_mm256_srli_epi32(x, 4), k.low_nibble);
        let low = _mm256_and_si256(x, k.low_nibble);
        let valid = _mm256_and_si256(
            _mm256_shuffle_epi8(k.valid_by_low, low),
            _mm256_shuffle_epi8(k.bit_by_high, high),
        );
        // cmpeq gives -1 for `/`, moving it to slot 1.
        let slot = _mm256_add_epi8(high, _mm256_cmpeq_epi8(x, k.slash));
        let values = _mm256_add_epi8(x, _mm256_shuffle_epi8(k.shift, slot));
        let bits = _mm256_madd_epi16(_mm256_maddubs_epi16(values, k.pairs), k.quads);
        (_mm256_shuffle_epi8(bits, k.pack), valid)
    }

    /// Stores the 24 bytes [`block`] decoded (12 per lane) at `dst`, followed by 4
    /// bytes of garbage, which a later store must overwrite.
    ///
    /// # Safety
    ///
    /// `dst` must be valid for writing 28 bytes.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn store24(dst: *mut u8, v: __m256i) {
        // SAFETY: `dst..dst + 28` is writable (the caller's contract); the stores have
        // no alignment requirement. The second overwrites the first one's garbage.
        unsafe {
            _mm_storeu_si128(dst.cast(), _mm256_castsi256_si128(v));
            _mm_storeu_si128(dst.add(12).cast(), _mm256_extracti128_si256::<1>(v));
        }
    }

    /// Stores the 12 bytes at the start of `v` at `dst`, followed by 4 bytes of
    /// garbage, which a later store must overwrite.
    ///
    /// # Safety
    ///
    /// `dst` must be valid for writing 16 bytes.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn store12_loose(dst: *mut u8, v: __m128i) {
        // SAFETY: `dst..dst + 16` is writable (the caller's contract); the store has no
        // alignment requirement.
        unsafe { _mm_storeu_si128(dst.cast(), v) }
    }

    /// Stores the 12 bytes at the start of `v` at `dst`.
    ///
    /// # Safety
    ///
    /// `dst` must be valid for writing 12 bytes.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn store12(dst: *mut u8, v: __m128i) {
        let last = _mm_extract_epi32::<2>(v);
        // SAFETY: `dst..dst + 12` is writable (the caller's contract); the stores have
        // no alignment requirement.
        unsafe {
            _mm_storel_epi64(dst.cast(), v);
            dst.add(8).cast::<i32>().write_unaligned(last);
        }
    }

    /// Decodes up to `lines` leading regular lines from `src` (stride `LINE + 2` with
    /// `CRLF`, else `LINE + 1`) to `dst`, [`LINE_BYTES`] bytes per line; returns how
    /// many lines it decoded, stopping at the first line that is not regular. The
    /// output of the line that stops it, and of the one after it, may have been written
    /// (with garbage) as well.
    ///
    /// # Safety
    ///
    /// The CPU must support AVX2; `src` must be valid for reading `lines` strides and
    /// `dst` for writing `lines * LINE_BYTES` bytes.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn decode<const CRLF: bool>(src: *const u8, lines: usize, dst: *mut u8) -> usize {
        let stride = if CRLF { LINE + 2 } else { LINE + 1 };
        // SAFETY: AVX2 is supported (the caller's contract).
        let k = unsafe { Consts::new() };
        let zero = _mm256_setzero_si256();
        let mut i = 0;
        loop {
            if i + 2 <= lines {
                // SAFETY: lines `i` and `i + 1` are within the `lines` readable strides
                // and their output within the `lines * LINE_BYTES` writable bytes.
                let ok = unsafe {
                    let a = src.add(i * stride);
                    let b = a.add(stride);
                    let (a0, va0) = block(&k, _mm256_loadu_si256(a.cast()));
                    let (a1, va1) = block(&k, _mm256_loadu_si256(a.add(32).cast()));
                    let (b0, vb0) = block(&k, _mm256_loadu_si256(b.cast()));
                    let (b1, vb1) = block(&k, _mm256_loadu_si256(b.add(32).cast()));
                    let tails = _mm256_loadu2_m128i(b.add(LINE - 16).cast(), a.add(LINE - 16).cast());
                    let (t, vt) = block(&k, tails);
                    // Stored before the lines are known to be regular: the output of lines
                    // that are not stays past the length (in the spare capacity), where a
                    // later write or nothing replaces it. In this order each store's
                    // garbage is overwritten by a later one, and the last store is exact:
                    // every write stays within the two lines' output.
                    let o = dst.add(i * LINE_BYTES);
                    store24(o, a0);
                    store24(o.add(24), a1);
                    store12_loose(o.add(LINE_BYTES - 12), _mm256_castsi256_si128(t));
                    let o = o.add(LINE_BYTES);
                    store24(o, b0);
                    store24(o.add(24), b1);
                    store12(o.add(LINE_BYTES - 12), _mm256_extracti128_si256::<1>(t));
                    let min = _mm256_min_epu8(
                        _mm256_min_epu8(_mm256_min_epu8(va0, va1), _mm256_min_epu8(vb0, vb1)),
                        vt,
                    );
                    let symbols = _mm256_movemask_epi8(_mm256_cmpeq_epi8(min, zero)) == 0;
                    // One branch for the three tests.
                    symbols & ends::<CRLF>(a) & ends::<CRLF>(b)
                };
                if ok {
                    i += 2;
                    continue;
                }
            }
            if i < lines {
                // SAFETY: line `i` is within the `lines` readable strides and its
                // output within the `lines * LINE_BYTES` writable bytes.
                let ok = unsafe {
                    let a = src.add(i * stride);
                    if ends::<CRLF>(a) {
                        let (a0, va0) = block(&k, _mm256_loadu_si256(a.cast()));
                        let (a1, va1) = block(&k, _mm256_loadu_si256(a.add(32).cast()));
                        let tail = _mm_loadu_si128(a.add(LINE - 16).cast());
                        let (t, vt) = block(&k, _mm256_broadcastsi128_si256(tail));
                        let min = _mm256_min_epu8(_mm256_min_epu8(va0, va1), vt);
                        let ok = _mm256_movemask_epi8(_mm256_cmpeq_epi8(min, zero)) == 0;
                        if ok {
                            let o = dst.add(i * LINE_BYTES);
                            store24(o, a0);
                            store24(o.add(24), a1);
                            store12(o.add(LINE_BYTES - 12), _mm256_castsi256_si128(t));
                        }
                        ok
                    } else {
                        false
                    }
                };
                if ok {
                    i += 1;
                    continue;
                }
            }
            return i;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod ssse3 {
    //! The AVX2 kernel's method on 16 symbols per vector, for CPUs without AVX2: a
    //! line is five vectors (symbols 0..16, 16..32, 32..48, 48..64 and 60..76).

    use core::arch::x86_64::*;

    use super::{BIT_BY_HIGH, LINE, LINE_BYTES, SHIFT, VALID_BY_LOW, ends};

    // The kernel's layout (four vectors and a 16-symbol tail per line) is for this length.
    const _: () = assert!(LINE == 76 && LINE_BYTES == 57);

    /// Vector constants, built once per call.
    struct Consts {
        low_nibble: __m128i,
        valid_by_low: __m128i,
        bit_by_high: __m128i,
        shift: __m128i,
        slash: __m128i,
        /// `a * 64 + b` for each pair of 6-bit values.
        pairs: __m128i,
        /// `ab * 4096 + cd` for each pair of 12-bit values.
        quads: __m128i,
        /// The three bytes of each 32-bit group, most significant first, packed
        /// into the low 12 bytes.
        pack: __m128i,
    }

    impl Consts {
        #[target_feature(enable = "ssse3")]
        unsafe fn new() -> Self {
            // SAFETY: each table is 16 readable bytes; the load has no alignment
            // requirement.
            let lut = |t: &[u8; 16]| unsafe { _mm_loadu_si128(t.as_ptr().cast()) };
            Consts {
                low_nibble: _mm_set1_epi8(0x0f),
                valid_by_low: lut(&VALID_BY_LOW),
                bit_by_high: lut(&BIT_BY_HIGH),
                shift: lut(&SHIFT),
                slash: _mm_set1_epi8(b'/' as i8),
                pairs: _mm_set1_epi32(0x0140_0140),
                quads: _mm_set1_epi32(0x0001_1000),
                pack: _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1),
            }
        }
    }

    /// Decodes the 16 symbols of `x` into 12 bytes at its start. Also returns, per
    /// byte, a value that is zero exactly when the byte is not a symbol.
    #[inline]
    #[target_feature(enable = "ssse3")]
    unsafe fn block(k: &Consts, x: __m128i) -> (__m128i, __m128i) {
        let high = _mm_and_si128(_mm_srli_epi32(x, 4), k.low_nibble);
        let low = _mm_and_si128(x, k.low_nibble);
        let valid =
            _mm_and_si128(_mm_shuffle_epi8(k.valid_by_low, low), _mm_shuffle_epi8(k.bit_by_high, high));
        // cmpeq gives -1 for `/`, moving it to slot 1.
        let slot = _mm_add_epi8(high, _mm_cmpeq_epi8(x, k.slash));
        let values = _mm_add_epi8(x, _mm_shuffle_epi8(k.shift, slot));
        let bits = _mm_madd_epi16(_mm_maddubs_epi16(values, k.pairs), k.quads);
        (_mm_shuffle_epi8(bits, k.pack), valid)
    }

    /// Decodes up to `lines` leading regular lines from `src` (stride `LINE + 2` with
    /// `CRLF`, else `LINE + 1`) to `dst`, [`LINE_BYTES`] bytes per line; returns how
    /// many lines it decoded, stopping at the first line that is not regular.
    ///
    /// # Safety
    ///
    /// The CPU must support SSSE3; `src` must be valid for reading `lines` strides and
    /// `dst` for writing `lines * LINE_BYTES` bytes.
    #[target_feature(enable = "ssse3")]
    pub(super) unsafe fn decode<const CRLF: bool>(src: *const u8, lines: usize, dst: *mut u8) -> usize {
        let stride = if CRLF { LINE + 2 } else { LINE + 1 };
        // SAFETY: SSSE3 is supported (the caller's contract).
        let k = unsafe { Consts::new() };
        let zero = _mm_setzero_si128();
        for i in 0..lines {
            // SAFETY: line `i` is within the `lines` readable strides and its output
            // within the `lines * LINE_BYTES` writable bytes.
            let ok = unsafe {
                let a = src.add(i * stride);
                if !ends::<CRLF>(a) {
                    return i;
                }
                let (d0, v0) = block(&k, _mm_loadu_si128(a.cast()));
                let (d1, v1) = block(&k, _mm_loadu_si128(a.add(16).cast()));
                let (d2, v2) = block(&k, _mm_loadu_si128(a.add(32).cast()));
                let (d3, v3) = block(&k, _mm_loadu_si128(a.add(48).cast()));
                let (t, vt) = block(&k, _mm_loadu_si128(a.add(LINE - 16).cast()));
                let min = _mm_min_epu8(_mm_min_epu8(_mm_min_epu8(v0, v1), _mm_min_epu8(v2, v3)), vt);
                let ok = _mm_movemask_epi8(_mm_cmpeq_epi8(min, zero)) == 0;
                if ok {
                    // Each 16-byte store's last 4 bytes are overwritten by the next
                    // store; the tail's store is exact.
                    let o = dst.add(i * LINE_BYTES);
                    _mm_storeu_si128(o.cast(), d0);
                    _mm_storeu_si128(o.add(12).cast(), d1);
                    _mm_storeu_si128(o.add(24).cast(), d2);
                    _mm_storeu_si128(o.add(36).cast(), d3);
                    _mm_storel_epi64(o.add(LINE_BYTES - 12).cast(), t);
                    o.add(LINE_BYTES - 4)
                        .cast::<i32>()
                        .write_unaligned(_mm_cvtsi128_si32(_mm_srli_si128::<8>(t)));
                }
                ok
            };
            if !ok {
                return i;
            }
        }
        lines
    }
}

/// Thin wrappers for the fuzz crate only (the hidden `fuzzing` feature), re-exported as
/// `crate::fuzzing::base64`: the line decoders with the line end given as a `bool`, and
/// each vector kernel on its own, so that a fuzz target can compare every kernel with the
/// scalar twin. Not part of the public API.
#[cfg(feature = "fuzzing")]
pub(crate) mod fuzzing {
    use super::Eol;

    /// A line decoder: `(input, crlf, out)` to input bytes consumed, with the contract of
    /// `simd::decode_lines` (`crlf == false` means LF line ends).
    pub type LineDecoder = fn(&[u8], bool, &mut Vec<u8>) -> usize;

    fn eol(crlf: bool) -> Eol {
        if crlf { Eol::CrLf } else { Eol::Lf }
    }

    /// `simd::decode_lines`: the best kernel this CPU runs, else the scalar twin.
    pub fn decode_lines(input: &[u8], crlf: bool, out: &mut Vec<u8>) -> usize {
        super::decode_lines(input, eol(crlf), out)
    }

    /// `simd::decode_lines_scalar`: the kernels' scalar twin.
    pub fn decode_lines_scalar(input: &[u8], crlf: bool, out: &mut Vec<u8>) -> usize {
        super::decode_lines_scalar(input, eol(crlf), out)
    }

    /// Every vector kernel this CPU runs, by name, each as a [`LineDecoder`] that always
    /// uses that kernel. Empty where there is none (and off x86-64).
    pub fn kernels() -> Vec<(&'static str, LineDecoder)> {
        #[cfg(target_arch = "x86_64")]
        {
            use super::{Kernel, decode_lines_with};
            let all: [(Kernel, &'static str, LineDecoder); 2] = [
                (Kernel::Avx2, "avx2", |i, c, o| decode_lines_with(Kernel::Avx2, i, eol(c), o)),
                (Kernel::Ssse3, "ssse3", |i, c, o| decode_lines_with(Kernel::Ssse3, i, eol(c), o)),
            ];
            all.into_iter().filter(|(k, ..)| k.supported()).map(|(_, name, f)| (name, f)).collect()
        }
        #[cfg(not(target_arch = "x86_64"))]
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every kernel this CPU runs (all of them, on the machines the tests run on).
    #[cfg(target_arch = "x86_64")]
    fn kernels() -> Vec<Kernel> {
        [Kernel::Avx2, Kernel::Ssse3].into_iter().filter(|k| k.supported()).collect()
    }

    /// [`decode_lines_scalar`] on `input`, after a prefix already in the output; panics
    /// unless [`decode_lines`] and every kernel give the same.
    fn decoded(input: &[u8], eol: Eol) -> (usize, Vec<u8>) {
        let run = |f: &dyn Fn(&mut Vec<u8>) -> usize| {
            let mut out = b"prefix".to_vec();
            let n = f(&mut out);
            (n, out)
        };
        let want = run(&|out| decode_lines_scalar(input, eol, out));
        assert_eq!(run(&|out| decode_lines(input, eol, out)), want, "decode_lines");
        #[cfg(target_arch = "x86_64")]
        for kernel in kernels() {
            assert_eq!(run(&|out| decode_lines_with(kernel, input, eol, out)), want, "{kernel:?}");
        }
        want
    }

    fn lines(n: usize, eol: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        for i in 0..n {
            for j in 0..LINE {
                v.push(ALPHABET[(i * 7 + j * 13) % 64]);
            }
            v.extend_from_slice(eol);
        }
        v
    }

    #[test]
    fn tables_give_every_symbol_its_value() {
        // The nibble tables, applied by hand, agree with the tolerant decoder's table.
        for b in 0..=255u8 {
            let high = usize::from(b >> 4);
            let valid = VALID_BY_LOW[usize::from(b & 15)] & BIT_BY_HIGH[high] != 0;
            assert_eq!(valid, TABLE[usize::from(b)] < 64, "byte {b:#04x}");
            if valid {
                let slot = high - usize::from(b == b'/');
                assert_eq!(b.wrapping_add(SHIFT[slot]), TABLE[usize::from(b)], "byte {b:#04x}");
            }
        }
    }

    #[test]
    fn known_answer_crlf_and_lf() {
        // Three lines of 57 zero bytes, then of 57 bytes 0xFF, in both line-end forms.
        let mut input = Vec::new();
        for _ in 0..3 {
            input.extend_from_slice(&[b'A'; LINE]);
            input.extend_from_slice(b"\r\n");
        }
        input.extend_from_slice(&[b'/'; LINE]);
        input.extend_from_slice(b"\r\n");
        let mut want = b"prefix".to_vec();
        want.extend_from_slice(&[0; 3 * LINE_BYTES]);
        want.extend_from_slice(&[0xFF; LINE_BYTES]);
        assert_eq!(decoded(&input, Eol::CrLf), (input.len(), want.clone()));
        let lf: Vec<u8> = input.iter().copied().filter(|&b| b != b'\r').collect();
        assert_eq!(decoded(&lf, Eol::Lf), (lf.len(), want));
    }

    #[test]
    fn stops_before_the_first_irregular_line() {
        let good = lines(5, b"\r\n");
        for at in 0..good.len() {
            for bad in [b'=', b'#', b' ', b'\r', b'\n', 0x80, 0xFF, b'-', b'_'] {
                let mut input = good.clone();
                if input[at] == bad {
                    continue;
                }
                input[at] = bad;
                let line = at / (LINE + 2);
                let (consumed, out) = decoded(&input, Eol::CrLf);
                assert_eq!(consumed, line * (LINE + 2), "byte {bad:#04x} at {at}");
                assert_eq!(out.len(), 6 + line * LINE_BYTES, "byte {bad:#04x} at {at}");
            }
        }
    }

    #[test]
    fn partial_last_line_is_left_alone() {
        let mut input = lines(4, b"\n");
        input.truncate(input.len() - 1);
        assert_eq!(decoded(&input, Eol::Lf).0, 3 * (LINE + 1));
        assert_eq!(decoded(&[], Eol::CrLf), (0, b"prefix".to_vec()));
    }

    proptest! {
        #[test]
        fn kernels_and_scalar_twin_agree_on_arbitrary_bytes(
            input in proptest::collection::vec(any::<u8>(), 0..2000),
            crlf in any::<bool>(),
        ) {
            let eol = if crlf { Eol::CrLf } else { Eol::Lf };
            decoded(&input, eol);
        }

        #[test]
        fn kernels_and_scalar_twin_agree_on_lines_with_noise(
            n in 0usize..12,
            crlf in any::<bool>(),
            seed in any::<u64>(),
            noise in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..3),
        ) {
            let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            let mut input = Vec::new();
            let mut x = seed | 1;
            for _ in 0..n {
                for _ in 0..LINE {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    input.push(ALPHABET[(x % 64) as usize]);
                }
                input.extend_from_slice(eol);
            }
            for (at, b) in noise {
                if !input.is_empty() {
                    let at = at % input.len();
                    input[at] = b;
                }
            }
            decoded(&input, if crlf { Eol::CrLf } else { Eol::Lf });
        }
    }
}
