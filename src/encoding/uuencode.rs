//! uuencode (`x-uuencode` / `x-uue` bodies).
//!
//! Format: a `begin MODE NAME` line, data lines whose first character gives
//! the number of bytes on the line (`32 + n`), four characters (`32 + value`,
//! with `` ` `` or SPACE for zero) per three bytes, a zero-length line
//! (`` ` ``) and an `end` line.
//!
//! The decoder is tolerant:
//!
//! * no `begin` line: every line from the start is treated as data, reported
//!   as [`IssueKind::MissingDelimiter`] (offset 0);
//! * no zero-length line nor `end` before the input ends: reported as
//!   [`IssueKind::TruncatedInput`]; a zero-length line without `end`
//!   afterwards is accepted silently;
//! * a data line shorter than its length character says (transports often
//!   strip trailing spaces, which encode zeros) is padded with zero bits and
//!   reported as [`IssueKind::TruncatedInput`]; extra characters (some
//!   encoders append a checksum character) are ignored;
//! * characters outside `` ` ``..=`` ` `` (SPACE to GRAVE ACCENT) count as zero
//!   and are reported as [`IssueKind::InvalidCharacter`];
//! * empty lines are skipped; everything after `end` is ignored.
//!
//! # Examples
//!
//! ```
//! use mailmime::encoding::uuencode;
//!
//! let mut encoded = Vec::new();
//! uuencode::encode_into(b"Cat", "cat.txt", 0o644, &mut encoded);
//! assert_eq!(encoded, b"begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n");
//! let (mut decoded, mut issues) = (Vec::new(), Vec::new());
//! let header = uuencode::decode_into(&encoded, &mut decoded, &mut issues).unwrap();
//! assert_eq!((decoded.as_slice(), header.name.as_str()), (&b"Cat"[..], "cat.txt"));
//! ```

use super::report::{Issue, IssueKind, Reporter};

/// What the `begin` line said.
///
/// # Examples
///
/// ```
/// use mailmime::encoding::uuencode::{self, UuHeader};
///
/// let mut encoded = Vec::new();
/// uuencode::encode_into(b"hello", "greeting.txt", 0o600, &mut encoded);
/// let (mut data, mut issues) = (Vec::new(), Vec::new());
/// let header = uuencode::decode_into(&encoded, &mut data, &mut issues);
/// assert_eq!(header, Some(UuHeader { mode: Some(0o600), name: "greeting.txt".to_owned() }));
/// assert_eq!(data, b"hello");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UuHeader {
    /// The octal file mode, if it parsed (`0o644`).
    pub mode: Option<u32>,
    /// The file name (lossily decoded as UTF-8, surrounding whitespace
    /// removed); may be empty.
    pub name: String,
}

/// Split `input` into lines: (line start, content without CR/LF, next start).
fn lines(input: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= input.len() {
            return None;
        }
        let start = pos;
        let end = match memchr::memchr(b'\n', &input[pos..]) {
            Some(i) => {
                pos += i + 1;
                start + i
            }
            None => {
                pos = input.len();
                input.len()
            }
        };
        let mut line = &input[start..end];
        while let Some(l) = line.strip_suffix(b"\r") {
            line = l;
        }
        Some((start, line))
    })
}

fn parse_begin(line: &[u8]) -> Option<UuHeader> {
    let rest = line.strip_prefix(b"begin")?;
    if !rest.first().is_some_and(|&b| b == b' ' || b == b'\t') {
        return None;
    }
    let rest = rest.trim_ascii_start();
    let mode_len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let mode = if mode_len > 0 && mode_len <= 7 {
        rest[..mode_len].iter().try_fold(0u32, |a, &d| (d < b'8').then(|| a * 8 + u32::from(d - b'0')))
    } else {
        None
    };
    let name = rest[mode_len..].trim_ascii();
    Some(UuHeader { mode, name: String::from_utf8_lossy(name).into_owned() })
}

#[inline]
fn val(c: u8) -> Option<u8> {
    (b' '..=b'`').contains(&c).then(|| (c - b' ') & 63)
}

/// Decode a uuencoded body, appending the bytes to `out`; returns what the
/// `begin` line said, or `None` when there was no `begin` line.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::uuencode;
///
/// let body = b"begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n";
/// let mut out = Vec::new();
/// let mut issues = Vec::new();
/// let header = uuencode::decode_into(body, &mut out, &mut issues).unwrap();
/// assert_eq!(out, b"Cat");
/// assert_eq!(header.name, "cat.txt");
/// assert_eq!(header.mode, Some(0o644));
/// assert!(issues.is_empty());
/// ```
pub fn decode_into(input: &[u8], out: &mut Vec<u8>, issues: &mut Vec<Issue>) -> Option<UuHeader> {
    let mut rep = Reporter::new(issues);
    let mut header = None;
    let mut data_from = 0;
    for (start, line) in lines(input) {
        if let Some(h) = parse_begin(line) {
            header = Some(h);
            data_from = start + line.len();
            break;
        }
    }
    if header.is_none() {
        rep.report(IssueKind::MissingDelimiter, 0);
    }
    let body = &input[data_from..];
    let mut finished = false;
    for (start, line) in lines(body) {
        let start = start + data_from;
        if line.is_empty() {
            continue;
        }
        if line.trim_ascii_end() == b"end" {
            finished = true;
            break;
        }
        let Some(n) = val(line[0]) else {
            rep.report(IssueKind::InvalidCharacter, start);
            continue;
        };
        let n = usize::from(n);
        if n == 0 {
            finished = true;
            break;
        }
        let needed = n.div_ceil(3) * 4;
        let chars = &line[1..];
        if chars.len() < needed {
            rep.report(IssueKind::TruncatedInput, start + line.len());
        }
        let mut produced = 0;
        for g in 0..needed / 4 {
            let mut acc = 0u32;
            for k in 0..4 {
                let idx = g * 4 + k;
                let v = match chars.get(idx) {
                    Some(&c) => val(c).unwrap_or_else(|| {
                        rep.report(IssueKind::InvalidCharacter, start + 1 + idx);
                        0
                    }),
                    None => 0,
                };
                acc = (acc << 6) | u32::from(v);
            }
            let bytes = [(acc >> 16) as u8, (acc >> 8) as u8, acc as u8];
            let take = (n - produced).min(3);
            out.extend_from_slice(&bytes[..take]);
            produced += take;
        }
    }
    if !finished {
        rep.report(IssueKind::TruncatedInput, input.len());
    }
    header
}

#[inline]
fn enc_char(v: u8) -> u8 {
    if v == 0 { b'`' } else { b' ' + v }
}

/// Uuencode `data` as file `name` with octal `mode`, appending to `out`
/// (CRLF line ends, 45 bytes per line, `` ` `` for zero).
///
/// CR and LF in `name` are replaced by spaces.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::uuencode;
///
/// let mut out = Vec::new();
/// uuencode::encode_into(b"Cat", "cat.txt", 0o644, &mut out);
/// assert_eq!(out, b"begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n");
/// ```
pub fn encode_into(data: &[u8], name: &str, mode: u32, out: &mut Vec<u8>) {
    let name = name.replace(['\r', '\n'], " ");
    out.extend_from_slice(format!("begin {mode:o} {name}\r\n").as_bytes());
    for line in data.chunks(45) {
        out.push(b' ' + line.len() as u8);
        for g in line.chunks(3) {
            let b = [g[0], *g.get(1).unwrap_or(&0), *g.get(2).unwrap_or(&0)];
            out.extend_from_slice(&[
                enc_char(b[0] >> 2),
                enc_char(((b[0] & 3) << 4) | (b[1] >> 4)),
                enc_char(((b[1] & 15) << 2) | (b[2] >> 6)),
                enc_char(b[2] & 63),
            ]);
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"`\r\nend\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(input: &[u8]) -> (Vec<u8>, Option<UuHeader>, Vec<Issue>) {
        let mut out = Vec::new();
        let mut issues = Vec::new();
        let h = decode_into(input, &mut out, &mut issues);
        (out, h, issues)
    }

    #[test]
    fn decodes_classic_body_with_spaces_for_zero() {
        // "Cat\0" with SPACE as the zero character, LF line ends, text before begin
        let (out, h, issues) = dec(b"some preamble\nbegin 600 a b.bin\n$0V%T    \n \nend\n");
        assert_eq!(out, b"Cat\0");
        let h = h.unwrap();
        assert_eq!(h.name, "a b.bin");
        assert_eq!(h.mode, Some(0o600));
        assert!(issues.is_empty());
    }

    #[test]
    fn missing_begin_and_end_are_tolerated_with_issues() {
        let (out, h, issues) = dec(b"#0V%T\r\n");
        assert_eq!(out, b"Cat");
        assert!(h.is_none());
        assert_eq!(
            issues,
            [
                Issue { kind: IssueKind::MissingDelimiter, offset: 0 },
                Issue { kind: IssueKind::TruncatedInput, offset: 7 },
            ]
        );
    }

    #[test]
    fn stripped_trailing_spaces_are_padded_with_zeros() {
        let (out, _, issues) = dec(b"begin 644 x\n$0V%T\n`\nend\n");
        assert_eq!(out, b"Cat\0");
        assert_eq!(issues, [Issue { kind: IssueKind::TruncatedInput, offset: 17 }]);
    }

    #[test]
    fn invalid_characters_count_as_zero() {
        let (out, _, issues) = dec(b"begin 644 x\n#0V\x7fT\n`\nend\n");
        assert_eq!(out.len(), 3);
        assert_eq!(issues, [Issue { kind: IssueKind::InvalidCharacter, offset: 15 }]);
    }

    #[test]
    fn encoder_uses_45_byte_lines() {
        let data = vec![0xAB; 100];
        let mut e = Vec::new();
        encode_into(&data, "f", 0o644, &mut e);
        let text = String::from_utf8(e.clone()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "begin 644 f");
        assert!(lines[1].starts_with('M'));
        assert_eq!(lines[1].len(), 61);
        assert_eq!(&lines[4..], ["`", "end", ""]);
    }

    proptest! {
        #[test]
        fn decode_inverts_encode(data in proptest::collection::vec(any::<u8>(), 0..500), name in "[a-z. ]{0,12}") {
            let mut e = Vec::new();
            encode_into(&data, &name, 0o644, &mut e);
            let (out, h, issues) = dec(&e);
            prop_assert!(issues.is_empty());
            prop_assert_eq!(out, data);
            let h = h.unwrap();
            prop_assert_eq!(h.name, name.trim());
            prop_assert_eq!(h.mode, Some(0o644));
        }

        #[test]
        fn decoder_never_panics(data in proptest::collection::vec(any::<u8>(), 0..500)) {
            let _ = dec(&data);
        }
    }
}
