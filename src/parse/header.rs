//! The header block: RFC 5322 §2.2 and §3.6 fields with folding, §4.5 obsolete syntax,
//! and the line ends real mail uses.
//!
//! ```text
//! fields      = *field [separator]
//! field       = field-name *WSP ":" unstructured line-end *(WSP *text line-end)
//! field-name  = 1*ftext              ; %d33-57 / %d59-126
//! line-end    = CRLF / LF / CR       ; bare LF and bare CR are accepted
//! separator   = line-end             ; the empty line before the body
//! ```
//!
//! The block ends at the empty line (kept as the separator), at the end of input, at a
//! delimiter line of an enclosing multipart, or at a line that is not a field (a
//! `MissingHeaderBodySeparator` defect; the body starts at that line). RFC 5322 §2.1
//! puts the body after the empty line, so a line that is not a field is skipped instead
//! (an `InvalidHeaderLine` defect; its bytes are kept for writing back) when fields
//! follow it, and only fields and continuation lines, up to the empty line, unless it
//! starts with `--` (it may be the block's own multipart's first delimiter); one such
//! look-ahead per block keeps the cost linear.

use crate::error::{Defect, DefectKind, Limit};
use crate::header::HeaderMap;
use crate::options::ParseOptions;
use crate::parse::chars;

/// What the header parser read.
pub(crate) struct HeaderBlock<'a> {
    pub(crate) headers: HeaderMap<'a>,
    /// The empty line after the fields (`""` when there is none).
    pub(crate) separator: &'a [u8],
    /// Absolute offset of the first body byte.
    pub(crate) body_start: usize,
    pub(crate) defects: Vec<Defect>,
    /// Set when a limit stopped the block; the body then starts at the field that did not fit.
    pub(crate) limit: Option<Limit>,
    /// Whether a delimiter line of an enclosing multipart ended the block (no blank line).
    pub(crate) at_delimiter: bool,
    /// The indexes in `headers` of the first Content-Type and the first
    /// Content-Transfer-Encoding field, found while the names were read, so that the body
    /// parser need not look them up among all the fields.
    pub(crate) content_type: Option<usize>,
    pub(crate) transfer_encoding: Option<usize>,
}

/// [`single_instance_bit`] of Content-Type and of Content-Transfer-Encoding.
const CONTENT_TYPE_BIT: u16 = 1 << 6;
const TRANSFER_ENCODING_BIT: u16 = 1 << 8;

/// Length of the line end at the start of `input`: 2 for CRLF, 1 for LF or a bare CR, 0 for none.
pub(crate) fn line_end_len(input: &[u8]) -> usize {
    match input {
        [b'\r', b'\n', ..] => 2,
        [b'\n', ..] | [b'\r', ..] => 1,
        _ => 0,
    }
}

pub(crate) use crate::parse::chars::{line_content_len, trailing_line_end_len};

/// ```text
/// field-body = *text line-end *(WSP *text line-end)
/// ```
/// Returns the value (folding included, final line end excluded), the length of the
/// whole body with its final line end, and whether one of its lines ended in a bare CR.
#[inline(always)]
pub(crate) fn field_body(input: &[u8]) -> (&[u8], usize, bool) {
    let mut end = line_content_len(input);
    let mut bare_cr = false;
    loop {
        let eol = line_end_len(&input[end..]);
        bare_cr |= eol == 1 && input[end] == b'\r';
        let after = end + eol;
        match input.get(after) {
            Some(b' ' | b'\t') if after > end => {
                end = after + line_content_len(&input[after..]);
            }
            _ => return (&input[..end], after, bare_cr),
        }
    }
}

/// The fields RFC 5322 §3.6 and RFC 2045 allow once in a header, whose repetition
/// [`header_block`] reports: a bit for each, 0 for every other name.
#[inline]
fn single_instance_bit(name: &[u8]) -> u16 {
    let is = |literal: &[u8], bit: u16| if chars::is_name(name, literal) { bit } else { 0 };
    // Most names are ruled out by their length alone, the rest by one comparison or two.
    match name.len() {
        4 => is(b"from", 1) | is(b"date", 1 << 1),
        6 => is(b"sender", 1 << 2),
        7 => is(b"subject", 1 << 3),
        10 => is(b"message-id", 1 << 4),
        12 => is(b"mime-version", 1 << 5) | is(b"content-type", CONTENT_TYPE_BIT),
        19 => is(b"content-disposition", 1 << 7),
        25 => is(b"content-transfer-encoding", TRANSFER_ENCODING_BIT),
        _ => 0,
    }
}

/// The field head at the start of `line`: the name's length and the offset just after
/// the colon, and whether obsolete white space stood before the colon.
#[inline(always)]
fn scan_field_head(line: &[u8]) -> Option<(usize, usize, bool)> {
    let name = chars::ftext_run(line);
    if name == 0 {
        return None;
    }
    match line.get(name) {
        Some(b':') => Some((name, name + 1, false)),
        Some(b' ' | b'\t') => {
            let wsp = chars::run(&line[name..], chars::WSP);
            (line.get(name + wsp) == Some(&b':')).then_some((name, name + wsp + 1, true))
        }
        _ => None,
    }
}

/// Whether the lines from the line start `pos` up to the next empty line are header
/// fields and continuation lines, at least one a field, with that empty line at or before
/// `limit` (so the fields fit in it); not when the input ends first or a delimiter line
/// comes.
fn fields_follow(
    input: &[u8],
    mut pos: usize,
    limit: usize,
    is_delimiter: &mut dyn FnMut(usize) -> bool,
) -> bool {
    let mut fields = 0usize;
    while pos <= limit {
        let rest = &input[pos..];
        let Some(&first) = rest.first() else { return false };
        if chars::is(first, chars::LINE_END) {
            return fields > 0;
        }
        if first == b'-' && rest.starts_with(b"--") && is_delimiter(pos) {
            return false;
        }
        if !chars::is(first, chars::WSP) {
            if scan_field_head(rest).is_none() {
                return false;
            }
            fields += 1;
        }
        let content = line_content_len(rest);
        pos += content + line_end_len(&rest[content..]);
    }
    false
}

/// The NUL and non-UTF-8 defects of a parsed `block` (at absolute offset `start`) that
/// holds a NUL or an 8-bit byte.
#[inline]
fn byte_defects(block: &[u8], start: usize, headers: &HeaderMap<'_>, defects: &mut Vec<Defect>) {
    if let Some(nul) = memchr::memchr(0, block) {
        defects.push(Defect::new(DefectKind::NulInHeader, start + nul));
        defects.sort_by_key(Defect::offset);
    }
    // A block that is UTF-8 as a whole holds no field that is not: each field starts and
    // ends at a line boundary, an ASCII byte, so never inside a character.
    if !block.is_ascii() && crate::encoding::charset::utf8_str(block).is_none() {
        for field in headers.iter() {
            let raw = field.raw();
            if !raw.is_ascii() && crate::encoding::charset::utf8_str(raw).is_none() {
                let at = start + (raw.as_ptr() as usize - block.as_ptr() as usize);
                defects.push(Defect::new(DefectKind::NonUtf8Header, at));
            }
        }
        defects.sort_by_key(Defect::offset);
    }
}

/// Reads the header block that starts at `start`. `is_delimiter` is asked about each line
/// that starts with `--`, by absolute offset.
pub(crate) fn header_block<'a>(
    input: &'a [u8],
    start: usize,
    options: &ParseOptions,
    is_delimiter: &mut dyn FnMut(usize) -> bool,
) -> HeaderBlock<'a> {
    let mut headers = HeaderMap::parsed(&input[start..start]);
    let mut defects = Vec::new();
    let mut pos = start;
    // Offsets in the block are 31 bits: a block stops before it reaches 2 GiB.
    let max_bytes = options.max_header_bytes.min(i32::MAX as usize);
    let rel = |at: usize| (at - start) as u32;
    // The single-instance fields read so far (`single_instance_bit`).
    let mut seen = 0u16;
    let mut at_delimiter = false;
    // Whether the block has looked ahead for fields after a line that is not one.
    let mut looked_ahead = false;
    let (mut content_type, mut transfer_encoding) = (None, None);

    // An mbox "From " line before the first field.
    if input[pos..].starts_with(b"From ") && scan_field_head(&input[pos..]).is_none() {
        let len = line_content_len(&input[pos..]);
        let end = pos + len + line_end_len(&input[pos + len..]);
        if end - start <= max_bytes {
            headers.push_extra(rel(pos), rel(end));
            pos = end;
        }
    }

    let (separator, body_start, limit) = loop {
        let rest = &input[pos..];
        let Some(&first) = rest.first() else {
            break (&input[pos..pos], pos, None);
        };
        if chars::is(first, chars::LINE_END) {
            let eol = line_end_len(rest);
            break (&rest[..eol], pos + eol, None);
        }
        if first == b'-' && rest.starts_with(b"--") && is_delimiter(pos) {
            at_delimiter = true;
            break (&input[pos..pos], pos, None);
        }
        if chars::is(first, chars::WSP) {
            // Only reachable before the first field: later continuation lines are read with
            // the field they continue.
            let (_, len, _) = field_body(rest);
            if pos + len - start > max_bytes {
                defects.push(Defect::new(DefectKind::HeaderBytesLimitExceeded, pos));
                break (&input[pos..pos], pos, Some(Limit::HeaderBytes));
            }
            defects.push(Defect::new(DefectKind::FirstHeaderLineIsContinuation, pos));
            headers.push_extra(rel(pos), rel(pos + len));
            pos += len;
            continue;
        }
        let Some((name_len, after_colon, obsolete)) = scan_field_head(rest) else {
            // Not a field: the line and the continuation lines after it are one unit. A
            // line that starts with `--` is never skipped: it may be the first delimiter
            // of the multipart this block declares, whose boundary is not known yet.
            let (_, len, _) = field_body(rest);
            if !looked_ahead && !rest.starts_with(b"--") {
                // Once per block: a look-ahead that succeeds leaves no other such line
                // before the blank line, and one that fails ends the block.
                looked_ahead = true;
                if fields_follow(input, pos + len, start.saturating_add(max_bytes), is_delimiter) {
                    defects.push(Defect::new(DefectKind::InvalidHeaderLine, pos));
                    headers.push_extra(rel(pos), rel(pos + len));
                    pos += len;
                    continue;
                }
            }
            defects.push(Defect::new(DefectKind::MissingHeaderBodySeparator, pos));
            // A NUL in what looks like a field name: readers that skip it read a field.
            let line = &rest[..line_content_len(rest)];
            if let Some(colon) = memchr::memchr(b':', line)
                && let Some(nul) = memchr::memchr(0, &line[..colon])
            {
                defects.push(Defect::new(DefectKind::NulInHeader, pos + nul));
            }
            break (&input[pos..pos], pos, None);
        };
        if headers.len() >= options.max_headers {
            defects.push(Defect::new(DefectKind::HeaderCountLimitExceeded, pos));
            break (&input[pos..pos], pos, Some(Limit::HeaderCount));
        }
        let (value, body_len, bare_cr) = field_body(&rest[after_colon..]);
        let len = after_colon + body_len;
        if pos + len - start > max_bytes {
            defects.push(Defect::new(DefectKind::HeaderBytesLimitExceeded, pos));
            break (&input[pos..pos], pos, Some(Limit::HeaderBytes));
        }
        if obsolete {
            defects.push(Defect::new(DefectKind::ObsoleteHeaderSyntax, pos));
        }
        if bare_cr {
            defects.push(Defect::new(DefectKind::BareCarriageReturnInHeader, pos));
        }
        let bit = single_instance_bit(&rest[..name_len]);
        if seen & bit != 0 {
            defects.push(Defect::new(DefectKind::DuplicateField, pos));
        } else if bit == CONTENT_TYPE_BIT {
            content_type = Some(headers.len());
        } else if bit == TRANSFER_ENCODING_BIT {
            transfer_encoding = Some(headers.len());
        }
        seen |= bit;
        debug_assert_eq!(value.len() + trailing_line_end_len(&rest[..len]), body_len);
        headers.push_parsed(rel(pos), rel(pos + name_len), rel(pos + len), first);
        pos += len;
    };
    let block = &input[start..pos];
    headers.set_block(block);
    if !chars::is_ascii_without_nul(block) {
        byte_defects(block, start, &headers, &mut defects);
    }
    HeaderBlock {
        headers,
        separator,
        body_start,
        defects,
        limit,
        at_delimiter,
        content_type,
        transfer_encoding,
    }
}

/// Start of the first empty line at or after the line start `pos`, or `input.len()`.
pub(crate) fn next_blank_line(input: &[u8], mut pos: usize) -> usize {
    while pos < input.len() {
        if line_end_len(&input[pos..]) > 0 {
            return pos;
        }
        let content = line_content_len(&input[pos..]);
        pos += content + line_end_len(&input[pos + content..]);
    }
    input.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(input: &[u8]) -> HeaderBlock<'_> {
        header_block(input, 0, &ParseOptions::default(), &mut |_| false)
    }

    fn fields(b: &HeaderBlock<'_>) -> Vec<(String, String)> {
        b.headers
            .iter()
            .map(|f| (f.name().to_string(), String::from_utf8_lossy(f.value().as_bytes()).into_owned()))
            .collect()
    }

    fn kinds(b: &HeaderBlock<'_>) -> Vec<DefectKind> {
        b.defects.iter().map(|d| d.kind()).collect()
    }

    #[test]
    fn line_content_len_finds_the_first_line_end() {
        for n in 0..140 {
            for end in ["\r", "\n", "\r\n", ""] {
                let line = format!("{}{end}tail\n", "x".repeat(n));
                let expected = if end.is_empty() { n + 4 } else { n };
                assert_eq!(line_content_len(line.as_bytes()), expected, "{n} {end:?}");
            }
        }
        assert_eq!(line_content_len(b""), 0);
        assert_eq!(line_content_len(b"\x8d\x8a\x0b\x0e\xff\n"), 5);
    }

    #[test]
    fn names_too_long_for_sixteen_bits_are_still_read_whole() {
        let name = "X".repeat(70_000);
        let input = format!("{name} : v\r\nSubject: s\r\n\r\n");
        let b = block(input.as_bytes());
        let first = b.headers.iter().next().unwrap();
        assert_eq!(first.name_str().len(), 70_000);
        assert_eq!(first.value().as_bytes(), b" v");
        assert_eq!(b.headers.get(&name).unwrap().as_bytes(), b" v");
        assert_eq!(b.headers.get("subject").unwrap().as_bytes(), b" s");
        assert!(b.headers.get("x").is_none());
    }

    #[test]
    fn single_instance_names_match_in_any_case_and_nothing_else() {
        let names = [
            "from",
            "date",
            "sender",
            "subject",
            "message-id",
            "mime-version",
            "content-type",
            "content-disposition",
            "content-transfer-encoding",
        ];
        let slow = |name: &[u8]| names.iter().position(|n| name.eq_ignore_ascii_case(n.as_bytes()));
        for (i, name) in names.iter().enumerate() {
            let bit = single_instance_bit(name.as_bytes());
            assert!(bit != 0 && names[..i].iter().all(|n| single_instance_bit(n.as_bytes()) != bit));
            // Every byte replaced by every ftext byte, and the case of each byte flipped.
            for at in 0..name.len() {
                for b in 33..=126u8 {
                    let mut v = name.as_bytes().to_vec();
                    v[at] = b;
                    if b == b':' {
                        continue;
                    }
                    let expected = slow(&v).map_or(0, |j| single_instance_bit(names[j].as_bytes()));
                    assert_eq!(single_instance_bit(&v), expected, "{:?}", String::from_utf8_lossy(&v));
                }
                let mut v = name.as_bytes().to_vec();
                v[at] = v[at].to_ascii_uppercase();
                assert_eq!(single_instance_bit(&v), bit);
            }
            assert_eq!(single_instance_bit(name.to_uppercase().as_bytes()), bit);
        }
        for other in ["x", "to", "cc", "froms", "dat", "content-typ", "received", "x-mailer"] {
            assert_eq!(single_instance_bit(other.as_bytes()), 0, "{other}");
        }
    }

    #[test]
    fn field_head_reads_name_and_colon() {
        assert_eq!(scan_field_head(b"Subject: x"), Some((7, 8, false)));
        assert_eq!(scan_field_head(b"Subject \t: x"), Some((7, 10, true)));
        assert_eq!(scan_field_head(b"Not a field"), None);
        assert_eq!(scan_field_head(b": empty name"), None);
        assert_eq!(scan_field_head(b"Subject"), None);
    }

    #[test]
    fn field_body_takes_continuation_lines_of_every_line_end_style() {
        assert_eq!(field_body(b" a\r\n b\r\nX: y"), (&b" a\r\n b"[..], 8, false));
        assert_eq!(field_body(b" a\n\tb\nX"), (&b" a\n\tb"[..], 6, false));
        assert_eq!(field_body(b" a\r b\r\r"), (&b" a\r b"[..], 6, true));
        assert_eq!(field_body(b" a\r\n b\rX: y"), (&b" a\r\n b"[..], 7, true));
        assert_eq!(field_body(b" last line"), (&b" last line"[..], 10, false));
        assert_eq!(field_body(b" a\r\n \r\n\r\n"), (&b" a\r\n "[..], 7, false));
    }

    #[test]
    fn rfc5322_appendix_a_header_block() {
        let input = b"From: John Doe <jdoe@machine.example>\r\nTo: Mary Smith <mary@example.net>\r\nSubject: Saying Hello\r\nDate: Fri, 21 Nov 1997 09:55:06 -0600\r\nMessage-ID: <1234@local.machine.example>\r\n\r\nThis is a message just to say hello.\r\n";
        let b = block(input);
        assert_eq!(b.headers.len(), 5);
        assert_eq!(fields(&b)[2], ("Subject".to_string(), " Saying Hello".to_string()));
        assert_eq!(b.separator, b"\r\n");
        assert_eq!(&input[b.body_start..], b"This is a message just to say hello.\r\n");
        assert!(b.defects.is_empty());
    }

    #[test]
    fn lf_and_bare_cr_line_ends() {
        let b = block(b"A: 1\nB: 2\n\nbody");
        assert_eq!(fields(&b), [("A".into(), " 1".into()), ("B".into(), " 2".into())]);
        assert_eq!((b.separator, b.body_start), (&b"\n"[..], 11));
        let b = block(b"A: 1\rB: 2\r\rbody");
        assert_eq!(fields(&b), [("A".into(), " 1".into()), ("B".into(), " 2".into())]);
        assert_eq!((b.separator, b.body_start), (&b"\r"[..], 11));
    }

    #[test]
    fn missing_separator_starts_the_body_at_the_first_non_field_line() {
        let b = block(b"A: 1\r\nthis is body\r\n");
        assert_eq!(fields(&b).len(), 1);
        assert_eq!((b.separator, b.body_start), (&b""[..], 6));
        assert_eq!(kinds(&b), [DefectKind::MissingHeaderBodySeparator]);
    }

    #[test]
    fn message_with_no_headers_and_no_final_line_end() {
        let b = block(b"\r\nbody");
        assert!(b.headers.is_empty());
        assert_eq!((b.separator, b.body_start), (&b"\r\n"[..], 2));
        let b = block(b"Subject: no line end");
        assert_eq!(fields(&b), [("Subject".into(), " no line end".into())]);
        assert_eq!((b.separator, b.body_start), (&b""[..], 20));
        let b = block(b"");
        assert_eq!((b.headers.len(), b.body_start), (0, 0));
    }

    #[test]
    fn obsolete_space_before_colon_is_accepted_with_a_defect() {
        let b = block(b"Subject : hi\r\n\r\n");
        assert_eq!(fields(&b), [("Subject".into(), " hi".into())]);
        assert_eq!(kinds(&b), [DefectKind::ObsoleteHeaderSyntax]);
    }

    #[test]
    fn eight_bit_bytes_are_kept_and_invalid_utf8_is_a_defect() {
        let b = block("Subject: café\r\n\r\n".as_bytes());
        assert_eq!(fields(&b), [("Subject".into(), " café".into())]);
        assert!(b.defects.is_empty());
        let b = block(b"Subject: caf\xe9\r\n\r\n");
        assert_eq!(b.headers.get("subject").unwrap().as_bytes(), b" caf\xe9");
        assert_eq!(kinds(&b), [DefectKind::NonUtf8Header]);
    }

    /// The whole block is checked first; only a block that is not UTF-8 is checked field
    /// by field, and then exactly the fields that are not get the defect, at their start.
    #[test]
    fn only_the_fields_that_are_not_utf8_get_the_defect_whatever_the_others_hold() {
        for eol in ["\n", "\r\n", "\r"] {
            let fields = ["A: caf\u{e9}", "B: \u{1F600} \u{4E2D}", "C: plain", "D: \u{fc}ber"];
            let utf8 = fields.iter().map(|f| format!("{f}{eol}")).collect::<String>().into_bytes();
            let input = [&utf8[..], eol.as_bytes()].concat();
            let b = block(&input);
            let not_utf8 = |b: &HeaderBlock<'_>| -> Vec<usize> {
                b.defects
                    .iter()
                    .filter(|d| d.kind() == DefectKind::NonUtf8Header)
                    .map(Defect::offset)
                    .collect()
            };
            assert_eq!(b.headers.len(), fields.len(), "{eol:?}");
            assert_eq!(not_utf8(&b), [], "{eol:?}");
            for bad in 0..fields.len() {
                let mut input = Vec::new();
                let mut at = 0;
                for (i, f) in fields.iter().enumerate() {
                    if i == bad {
                        at = input.len();
                        input.extend_from_slice(b"X: \xe9\xff");
                    } else {
                        input.extend_from_slice(f.as_bytes());
                    }
                    input.extend_from_slice(eol.as_bytes());
                }
                input.extend_from_slice(eol.as_bytes());
                let b = block(&input);
                assert_eq!(not_utf8(&b), [at], "{eol:?} {bad}");
            }
        }
    }

    #[test]
    fn mbox_from_line_and_leading_continuation_are_kept_apart() {
        let b = block(b"From someone Sat Jan  3 01:05:34 1996\r\n  orphan\r\nA: 1\r\n\r\n");
        assert_eq!(fields(&b), [("A".into(), " 1".into())]);
        assert_eq!(kinds(&b), [DefectKind::FirstHeaderLineIsContinuation]);
        let mut out = Vec::new();
        b.headers.write_raw(&mut out);
        assert_eq!(out, b"From someone Sat Jan  3 01:05:34 1996\r\n  orphan\r\nA: 1\r\n");
    }

    #[test]
    fn a_line_that_is_not_a_field_is_skipped_only_when_fields_follow_to_the_blank_line() {
        // (input, fields read, body start, defect): skipped with its continuation line.
        let b = block(b"A: 1\r\nnot a field\r\n cont\r\nB: 2\r\n\r\nbody");
        assert_eq!(fields(&b), [("A".into(), " 1".into()), ("B".into(), " 2".into())]);
        assert_eq!(
            (b.separator, &b"A: 1\r\nnot a field\r\n cont\r\nB: 2\r\n\r\nbody"[b.body_start..]),
            (&b"\r\n"[..], &b"body"[..])
        );
        assert_eq!(
            b.defects.iter().map(|d| (d.kind(), d.offset())).collect::<Vec<_>>(),
            [(DefectKind::InvalidHeaderLine, 6)]
        );
        let mut out = Vec::new();
        b.headers.write_raw(&mut out);
        assert_eq!(out, b"A: 1\r\nnot a field\r\n cont\r\nB: 2\r\n");
        // The first line too: the header is the fields after it.
        let b = block(b"bad\nB: 2\n\nbody");
        assert_eq!(
            (fields(&b), b.body_start, kinds(&b)),
            (vec![("B".into(), " 2".into())], 10, vec![DefectKind::InvalidHeaderLine])
        );
        // Not skipped: no field follows, no blank line, a second such line, a line that
        // starts with `--` (a delimiter of the block's own multipart, maybe), or a
        // delimiter line of an enclosing multipart before the blank line.
        for input in [
            &b"A: 1\nbad\n\nbody"[..],
            b"A: 1\nbad\nB: 2\n",
            b"A: 1\nbad\nB: 2\nworse\n\nbody",
            b"A: 1\n--b\nB: 2\n\nbody",
            b"bad\nworse\nB: 2\n\nbody",
        ] {
            let b = block(input);
            let at = input.windows(3).position(|w| w == b"bad" || w == b"--b").unwrap();
            assert_eq!(
                (b.body_start, kinds(&b)),
                (at, vec![DefectKind::MissingHeaderBodySeparator]),
                "{input:?}"
            );
        }
        let input = b"A: 1\nbad\nB: 2\n--b\n\nbody";
        let b = header_block(input, 0, &ParseOptions::default(), &mut |at| input[at..].starts_with(b"--b"));
        assert_eq!((b.body_start, kinds(&b)), (5, vec![DefectKind::MissingHeaderBodySeparator]));
        // The fields up to the blank line must fit in the header byte limit (14 bytes here).
        let input = b"A: 1\nbad\nB: 2\n\nbody";
        let b = header_block(input, 0, &ParseOptions::default().max_header_bytes(13), &mut |_| false);
        assert_eq!((b.body_start, kinds(&b)), (5, vec![DefectKind::MissingHeaderBodySeparator]));
        let b = header_block(input, 0, &ParseOptions::default().max_header_bytes(14), &mut |_| false);
        assert_eq!((b.body_start, kinds(&b)), (15, vec![DefectKind::InvalidHeaderLine]));
    }

    #[test]
    fn obsolete_from_field_is_not_an_mbox_line() {
        let b = block(b"From  : John Doe <jdoe@machine.example>\r\n\r\n");
        assert_eq!(fields(&b), [("From".into(), " John Doe <jdoe@machine.example>".into())]);
        assert_eq!(kinds(&b), [DefectKind::ObsoleteHeaderSyntax]);
    }

    #[test]
    fn delimiter_line_ends_the_block() {
        let input = b"A: 1\r\n--b\r\nB: 2\r\n";
        let b = header_block(input, 0, &ParseOptions::default(), &mut |at| &input[at..at + 3] == b"--b");
        assert_eq!(fields(&b).len(), 1);
        assert_eq!((b.separator, b.body_start, b.at_delimiter), (&b""[..], 6, true));
        assert!(b.defects.is_empty());
    }

    #[test]
    fn limits_stop_the_block_at_the_field_that_does_not_fit() {
        let input = b"A: 1\r\nB: 2\r\nC: 3\r\n\r\n";
        let b = header_block(input, 0, &ParseOptions::default().max_headers(2), &mut |_| false);
        assert_eq!((b.headers.len(), b.body_start, b.limit), (2, 12, Some(Limit::HeaderCount)));
        let b = header_block(input, 0, &ParseOptions::default().max_header_bytes(11), &mut |_| false);
        assert_eq!((b.headers.len(), b.body_start, b.limit), (1, 6, Some(Limit::HeaderBytes)));
    }
}
