//! Reading a leaf's content: transfer decoding (`decoded`) and charset decoding (`text`).
//!
//! Both are lazy: nothing is decoded at parse time. Bodies that need no change (7bit,
//! 8bit, binary; UTF-8 or ASCII text) are borrowed, never copied.

use std::borrow::Cow;

use crate::encoding::{Charset, Issue, IssueKind, base64, charset, quoted_printable, uuencode};
use crate::error::{Defect, DefectKind};
use crate::header::TransferEncoding;
use crate::tree::{Body, Leaf, Part};

impl<'a> Part<'a> {
    /// The body after transfer decoding (base64, quoted-printable, x-uuencode; others as
    /// they are). Borrowed when no decoding is needed. An embedded message
    /// (`message/rfc822`) gives the message's bytes, as saving the attachment should
    /// write them; a multipart gives nothing. Malformed encodings are decoded as well as they can be; see
    /// [`decode_into`](Self::decode_into) for the defects found.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Transfer-Encoding: base64\r\n\r\naGVs\r\nbG8=\r\n").unwrap();
    /// assert_eq!(&*msg.decoded(), b"hello");
    /// let msg = Message::parse(b"Content-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9 =\r\nau lait").unwrap();
    /// assert_eq!(&*msg.decoded(), "café au lait".as_bytes());
    /// ```
    pub fn decoded(&self) -> Cow<'_, [u8]> {
        let leaf = match &self.body {
            Body::Leaf(leaf) => leaf,
            // An attached message's bytes are the message: what saving it should write.
            Body::Message(m) => return Cow::Owned(m.to_bytes()),
            _ => return Cow::Borrowed(&[]),
        };
        let encoding = self.transfer_encoding();
        if is_passthrough(&encoding) {
            return Cow::Borrowed(leaf.as_bytes());
        }
        let mut out = Vec::new();
        let mut issues = Vec::new();
        transfer_decode(leaf.as_bytes(), &encoding, &mut out, &mut issues);
        Cow::Owned(out)
    }

    /// Appends the transfer-decoded body to `out` and returns the defects found, with
    /// offsets in the parsed input.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message};
    ///
    /// let msg = Message::parse(b"Content-Transfer-Encoding: base64\r\n\r\naGk*").unwrap();
    /// let mut out = Vec::new();
    /// let defects = msg.decode_into(&mut out);
    /// assert_eq!(out, b"hi");
    /// assert_eq!(defects[0].kind(), DefectKind::InvalidBase64Characters);
    /// assert_eq!(defects[0].offset(), 40);
    /// ```
    pub fn decode_into(&self, out: &mut Vec<u8>) -> Vec<Defect> {
        let leaf = match &self.body {
            Body::Leaf(leaf) => leaf,
            Body::Message(m) => {
                m.write_to(out).unwrap_or_else(|e| unreachable!("a Vec takes every write: {e}"));
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        decode_leaf(leaf, &self.transfer_encoding(), out)
    }

    /// The body as text: transfer-decoded, then converted from its charset to UTF-8.
    ///
    /// The charset is the Content-Type `charset` parameter (every WHATWG label, the
    /// aliases real mail uses, and UTF-7). With no charset, an unknown one or `x-unknown`,
    /// the text is US-ASCII or UTF-8 when the bytes are (RFC 2045 §5.2 default, widened for
    /// RFC 6532 mail), else read in the part's
    /// [`fallback_charset`](Self::fallback_charset): windows-1252 unless the message was
    /// parsed with another [`ParseOptions::fallback_charset`](crate::ParseOptions::fallback_charset).
    /// [`text_with_fallback`](Self::text_with_fallback) chooses another for one call.
    /// Borrowed when the body needs no change.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nd=E9j=E0 vu",
    /// ).unwrap();
    /// assert_eq!(msg.text(), "déjà vu");
    ///
    /// // No charset, and not UTF-8: the fallback, windows-1252 by default.
    /// let msg = Message::parse(b"Content-Type: text/plain\r\n\r\nd\xe9j\xe0 vu").unwrap();
    /// assert_eq!(msg.text(), "déjà vu");
    /// ```
    pub fn text(&self) -> Cow<'_, str> {
        self.text_reporting(self.fallback_charset(), None)
    }

    /// [`text`](Self::text) with the charset for undeclared, non-UTF-8 bodies chosen by the
    /// caller instead of the part's [`fallback_charset`](Self::fallback_charset), and the
    /// defects found while decoding (transfer and charset).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::encoding::Charset;
    /// use mailmime::{DefectKind, Message};
    ///
    /// // No charset declared, and the bytes are not UTF-8: old Windows mail, most likely.
    /// let msg = Message::parse(b"Content-Type: text/plain\r\n\r\nPr\xe9sentation")?;
    /// assert_eq!(msg.text_with_fallback(Charset::WINDOWS_1252), ("Présentation".into(), vec![]));
    /// let (text, defects) = msg.text_with_fallback(Charset::US_ASCII);
    /// assert_eq!(text, "Pr\u{fffd}sentation");
    /// assert_eq!(defects[0].kind(), DefectKind::UndecodableBytes);
    /// // A declared charset wins over the fallback.
    /// let msg = Message::parse(b"Content-Type: text/plain; charset=koi8-r\r\n\r\n\xf0\xd2\xc9\xd7\xc5\xd4")?;
    /// assert_eq!(msg.text_with_fallback(Charset::WINDOWS_1252).0, "Привет");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn text_with_fallback(&self, fallback: Charset) -> (Cow<'_, str>, Vec<Defect>) {
        let mut defects = Vec::new();
        let text = self.text_reporting(fallback, Some(&mut defects));
        (text, defects)
    }

    /// [`text_with_fallback`](Self::text_with_fallback), the defects going to `defects`
    /// when it is given (transfer defects first, then charset ones).
    fn text_reporting(&self, fallback: Charset, mut defects: Option<&mut Vec<Defect>>) -> Cow<'_, str> {
        let Body::Leaf(leaf) = &self.body else {
            return Cow::Borrowed("");
        };
        let encoding = self.transfer_encoding();
        let bytes: Cow<'_, [u8]> = if is_passthrough(&encoding) {
            Cow::Borrowed(leaf.as_bytes())
        } else {
            let mut out = Vec::new();
            let found = decode_leaf(leaf, &encoding, &mut out);
            if let Some(defects) = defects.as_deref_mut() {
                defects.extend(found);
            }
            Cow::Owned(out)
        };
        let declared = self.charset_label();
        let mut issues = Vec::new();
        let text = decode_text(bytes, declared.as_deref(), fallback, &mut issues);
        if let Some(defects) = defects {
            defects.extend(issues.iter().map(|i| {
                let kind = match i.kind {
                    IssueKind::UnknownCharset => DefectKind::UnknownCharset,
                    _ => DefectKind::UndecodableBytes,
                };
                Defect::new(kind, leaf.offset())
            }));
        }
        text
    }
}

impl Part<'_> {
    /// The Content-Type `charset` parameter's bytes, found without parsing every parameter
    /// into a list when it is a plain `charset=...`.
    fn charset_label(&self) -> Option<Cow<'_, [u8]>> {
        let (_, _, rest) = self.content_type_parts()?;
        if let Some(found) = leading_charset(rest) {
            return found.map(Cow::Borrowed);
        }
        match crate::parse::params::find_parameter(rest, "charset") {
            crate::parse::params::Lookup::Plain(v) => Some(v),
            crate::parse::params::Lookup::Missing => None,
            crate::parse::params::Lookup::Complex => {
                self.declared_content_type()?.charset().map(|c| Cow::Owned(c.into_owned().into_bytes()))
            }
        }
    }
}

/// What [`find_parameter`](crate::parse::params::find_parameter) finds for `charset` in
/// the parameters `rest`, read at once for the list most text parts have: empty, or a
/// plain `charset=value` (a token or a quoted string without quoted pairs or line ends)
/// first, and no other parameter whose name holds `charset`. `None` for any other list:
/// the general lookup reads it.
///
/// The general lookup reads such a list the same way: the value ends where a white space
/// run ending at `;` (or at the end) starts, so the lenient grammar takes the same bytes,
/// and every later parameter lies in the tail, so naming `charset` (plain, or RFC 2231
/// `charset*`) needs those letters there.
fn leading_charset(rest: &[u8]) -> Option<Option<&[u8]>> {
    use crate::parse::chars;
    let blank = |mut i: usize| {
        while rest.get(i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
            i += 1;
        }
        i
    };
    let i = blank(0);
    match rest.get(i) {
        None => return Some(None),
        Some(b';') => {}
        Some(_) => return None,
    }
    let name = blank(i + 1);
    // One word compare: setting bit 5 lowercases exactly the letters, and `=` has it.
    let word = u64::from_le_bytes(rest.get(name..name + 8)?.try_into().ok()?);
    if word | 0x0020_2020_2020_2020 != u64::from_le_bytes(*b"charset=") {
        return None;
    }
    let start = name + 8;
    let (value, end) = if rest.get(start) == Some(&b'"') {
        let content = &rest[start + 1..];
        let close = content.iter().position(|&b| matches!(b, b'"' | b'\\' | b'\r' | b'\n'))?;
        if content[close] != b'"' {
            return None;
        }
        (&content[..close], start + close + 2)
    } else {
        let len = chars::run(&rest[start..], chars::TOKEN);
        if len == 0 {
            return None;
        }
        (&rest[start..start + len], start + len)
    };
    let tail = &rest[blank(end)..];
    if tail.first().is_some_and(|&b| b != b';') {
        return None;
    }
    // The shortest tail that names `charset` again is `;charset=` (an empty value).
    let names_charset = tail.len() >= 9
        && tail.iter().enumerate().any(|(at, &b)| {
            b | 0x20 == b'c' && tail[at..].get(..7).is_some_and(|w| w.eq_ignore_ascii_case(b"charset"))
        });
    (!names_charset).then_some(Some(value))
}

/// Transfer-decodes `leaf` as `encoding` into `out`; the defects found, with offsets in
/// the parsed input.
fn decode_leaf(leaf: &Leaf<'_>, encoding: &TransferEncoding, out: &mut Vec<u8>) -> Vec<Defect> {
    let mut issues = Vec::new();
    transfer_decode(leaf.as_bytes(), encoding, out, &mut issues);
    let mut defects: Vec<Defect> = issues
        .iter()
        .map(|i| Defect::new(transfer_defect(encoding, i.kind), leaf.offset() + i.offset))
        .collect();
    if let TransferEncoding::Other(_) = encoding {
        defects.push(Defect::new(DefectKind::UnknownTransferEncoding, leaf.offset()));
    }
    defects
}

/// Transfer encodings whose decoded form is the body itself.
fn is_passthrough(encoding: &TransferEncoding) -> bool {
    encoding.is_identity() || matches!(encoding, TransferEncoding::Other(_))
}

pub(crate) fn transfer_decode(
    bytes: &[u8],
    encoding: &TransferEncoding,
    out: &mut Vec<u8>,
    issues: &mut Vec<Issue>,
) {
    match encoding {
        TransferEncoding::Base64 => base64::decode_into(bytes, out, issues),
        TransferEncoding::QuotedPrintable => quoted_printable::decode_into(bytes, out, issues),
        TransferEncoding::UuEncode => {
            uuencode::decode_into(bytes, out, issues);
        }
        _ => out.extend_from_slice(bytes),
    }
}

fn transfer_defect(encoding: &TransferEncoding, kind: IssueKind) -> DefectKind {
    match (encoding, kind) {
        (TransferEncoding::Base64, IssueKind::InvalidPadding) => DefectKind::InvalidBase64Padding,
        (TransferEncoding::Base64, IssueKind::DataAfterPadding) => DefectKind::Base64DataAfterPadding,
        (TransferEncoding::Base64, IssueKind::TruncatedInput) => DefectKind::InvalidBase64Length,
        (TransferEncoding::Base64, _) => DefectKind::InvalidBase64Characters,
        (TransferEncoding::QuotedPrintable, _) => DefectKind::InvalidQuotedPrintableEscape,
        _ => DefectKind::InvalidUuencode,
    }
}

/// Charset-decodes `bytes`, keeping a borrow when the bytes are already the text.
fn decode_text<'p>(
    bytes: Cow<'p, [u8]>,
    declared: Option<&[u8]>,
    fallback: Charset,
    issues: &mut Vec<Issue>,
) -> Cow<'p, str> {
    match bytes {
        Cow::Borrowed(b) => charset::decode_with_fallback(b, declared, fallback, issues),
        // One pass over the decoded buffer; ASCII becomes the text in place.
        Cow::Owned(v) => Cow::Owned(charset::decode_owned_with_fallback(v, declared, fallback, issues)),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::leading_charset;
    use crate::parse::params::{Lookup, find_parameter};

    /// The fast lookup gives what the general one gives, whenever it answers.
    fn agrees(rest: &[u8]) -> Result<(), TestCaseError> {
        if let Some(found) = leading_charset(rest) {
            let general = match find_parameter(rest, "charset") {
                Lookup::Plain(value) => Some(value.into_owned()),
                Lookup::Missing => None,
                Lookup::Complex => return Err(TestCaseError::fail(format!("complex: {rest:?}"))),
            };
            prop_assert_eq!(found.map(<[u8]>::to_vec), general, "{:?}", String::from_utf8_lossy(rest));
        }
        Ok(())
    }

    #[test]
    fn the_leading_charset_is_what_the_general_lookup_finds() {
        let answered: &[(&[u8], Option<&[u8]>)] = &[
            (b"", None),
            (b"  \r\n ", None),
            (b"; charset=utf-8", Some(b"utf-8")),
            (b";charset=UTF-8;", Some(b"UTF-8")),
            (b"; CharSet=\"iso-8859-1\"", Some(b"iso-8859-1")),
            (b"; charset=\"\"", Some(b"")),
            (b";\r\n charset=us-ascii \r\n ; format=flowed", Some(b"us-ascii")),
            (b"; charset=koi8-r; name=\"a b.txt\"", Some(b"koi8-r")),
            (b"; charset=\xe9t\xe9", Some(b"\xe9t\xe9")),
            // Not a parameter: no `=`.
            (b"; charset=utf-8;charset", Some(b"utf-8")),
        ];
        for &(rest, value) in answered {
            assert_eq!(leading_charset(rest), Some(value), "{:?}", String::from_utf8_lossy(rest));
            agrees(rest).unwrap();
        }
        // Lists the general lookup reads.
        for rest in [
            &b"; format=flowed; charset=utf-8"[..],
            b"; charset=utf-8; charset=latin1",
            b"; charset=utf-8;charset=",
            b"; charset=utf-8; CHARSET*=utf-8''x",
            b"; charset=utf-8; charset*0=a",
            b"; charset=utf-8; name=\"charset.txt\"",
            b"; charset*=utf-8''utf-8",
            b"; charset = utf-8",
            b"; charset=utf-8 (comment)",
            b"; charset=(comment)utf-8",
            b"; charset=utf 8",
            b"; charset=\"utf\\-8\"",
            b"; charset=\"utf-8",
            b"; charset=\"utf\r\n -8\"",
            b"; charset=",
            b"; charset=;",
            b";; charset=utf-8",
            b"(c); charset=utf-8",
            b"; (c)charset=utf-8",
            b"x; charset=utf-8",
            b"; charsets=utf-8",
        ] {
            assert_eq!(leading_charset(rest), None, "{:?}", String::from_utf8_lossy(rest));
        }
    }

    #[test]
    fn text_reads_every_charset_form_as_before() {
        use crate::Message;
        let cases: &[(&[u8], &str)] = &[
            (b"Content-Type: text/plain; charset=utf-8\r\n\r\ncaf\xc3\xa9", "café"),
            (b"Content-Type: text/plain; charset=UTF-8\r\n\r\n\xef\xbb\xbfbom", "bom"),
            (b"Content-Type: text/plain; charset=\"ISO-8859-1\"\r\n\r\ncaf\xe9", "café"),
            (b"Content-Type: text/plain; charset=koi8-r; format=flowed\r\n\r\n\xf0\xd2", "Пр"),
            (b"Content-Type: text/plain; format=flowed; charset=koi8-r\r\n\r\n\xf0\xd2", "Пр"),
            (b"Content-Type: text/plain; charset*=utf-8''koi8-r\r\n\r\n\xf0\xd2", "Пр"),
            (b"Content-Type: text/plain; charset=utf-8; charset*=''koi8-r\r\n\r\n\xf0\xd2", "Пр"),
            (b"Content-Type: text/plain; charset*0=koi8; charset*1=-r\r\n\r\n\xf0\xd2", "Пр"),
            (b"Content-Type: text/plain; charset=us-ascii\r\n\r\ncaf\xe9", "caf\u{fffd}"),
            (b"Content-Type: text/plain\r\n\r\ncaf\xe9", "café"),
            (b"Content-Type: TEXT/PLAIN; CHARSET=KOI8-R\r\n\r\n\xf0\xd2", "Пр"),
            (b"Subject: no type\r\n\r\ncaf\xc3\xa9", "café"),
            (b"Content-Type: text/plain; charset=bogus\r\n\r\ncaf\xe9", "café"),
        ];
        for &(input, text) in cases {
            let mut msg = Message::parse(input).unwrap();
            assert_eq!(msg.text(), text, "{:?}", String::from_utf8_lossy(input));
            let fallback = msg.root().fallback_charset();
            assert_eq!(msg.root().text_with_fallback(fallback).0, text);
            // Edited: the parser's offsets are gone and the field is read again.
            msg.headers_mut().insert("X-Edited", "yes").unwrap();
            assert_eq!(msg.text(), text, "edited {:?}", String::from_utf8_lossy(input));
        }
    }

    const PIECES: &[&[u8]] = &[
        b"; ", b";", b"charset", b"CharSet", b"=", b"\"", b"\\", b"(", b")", b"*", b"*0", b" ", b"\r\n ",
        b"utf-8", b"x", b"\xe9", b"c",
    ];

    const STARTS: &[&[u8]] = &[b"", b"; charset=", b";\r\n CHARSET=\"", b"; charset=utf-8"];

    proptest! {
        #[test]
        fn the_leading_charset_agrees_with_the_general_lookup(
            start in proptest::sample::select(STARTS),
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..12),
        ) {
            agrees(&[start, &pieces.concat()].concat())?;
        }
    }
}
