//! `HeaderValue`: the bytes of a field body, raw and unfolded.

use std::borrow::Cow;
use std::fmt;

use crate::encoding::Charset;
use crate::parse::lexical::{lossy_text, unfold};

/// The body of a header field: everything after the colon, up to the line end that
/// ends the field.
///
/// A `HeaderValue` is a view: it borrows the bytes of the [`HeaderMap`](crate::HeaderMap)
/// (or the parsed input) it came from, is `Copy`, and costs nothing to make. Everything it
/// returns borrows that source, not the view, so `headers.get("x").map(|v| v.as_bytes())`
/// works.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(b"Subject: a long\r\n  subject\r\n\r\n").unwrap();
/// let value = msg.headers().get("subject").unwrap();
/// assert_eq!(value.as_bytes(), b" a long\r\n  subject");
/// assert_eq!(&*value.unfolded(), b"a long  subject");
/// ```
#[derive(Clone, Copy)]
pub struct HeaderValue<'a> {
    bytes: &'a [u8],
    /// The charset of raw 8-bit bytes, as a [`Charset::code`]: the map's.
    fallback: u8,
}

/// Values are equal when their bytes are: the fallback charset is how a reader reads
/// them, not part of the value.
///
/// # Examples
///
/// ```
/// use mailmime::encoding::Charset;
/// use mailmime::{Message, ParseOptions};
///
/// let input = b"Subject: caf\xe9\r\n\r\n";
/// let greek = ParseOptions::new().fallback_charset(Charset::for_label(b"iso-8859-7").unwrap());
/// let (latin, other) = (Message::parse(input).unwrap(), Message::parse_with(input, &greek).unwrap());
/// let (a, b) = (latin.headers().get("subject").unwrap(), other.headers().get("subject").unwrap());
/// assert_eq!(a, b);
/// assert_ne!(a.decoded(), b.decoded());
/// ```
impl PartialEq for HeaderValue<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for HeaderValue<'_> {}

impl<'a> HeaderValue<'a> {
    /// A value over `bytes` (what follows the colon, without the final line end) whose raw
    /// 8-bit bytes are read in the charset `fallback` codes.
    pub(crate) fn with_fallback(bytes: &'a [u8], fallback: u8) -> Self {
        HeaderValue { bytes, fallback }
    }

    /// The charset raw 8-bit bytes that are not UTF-8 are read in by
    /// [`decoded`](Self::decoded) and the typed accessors: the
    /// [`ParseOptions::fallback_charset`](crate::ParseOptions::fallback_charset) of the
    /// message the value was parsed from (windows-1252 unless set otherwise).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::encoding::Charset;
    /// use mailmime::{Message, ParseOptions};
    ///
    /// let koi8 = Charset::for_label(b"koi8-r").unwrap();
    /// let input = b"Subject: \xf0\xd2\xc9\xd7\xc5\xd4\r\n\r\n";
    /// let msg = Message::parse_with(input, &ParseOptions::new().fallback_charset(koi8)).unwrap();
    /// let subject = msg.headers().get("subject").unwrap();
    /// assert_eq!(subject.fallback_charset(), koi8);
    /// assert_eq!(subject.decoded(), "Привет");
    /// ```
    pub fn fallback_charset(&self) -> Charset {
        Charset::from_code(self.fallback)
    }

    /// The raw bytes after the colon, folding line ends included, as they appear in
    /// the message.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Subject:  two spaces,\r\n folded\r\n\r\n")?;
    /// // Everything after the colon, as it was.
    /// assert_eq!(msg.headers().get("Subject").unwrap().as_bytes(), b"  two spaces,\r\n folded");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The value unfolded (RFC 5322 §2.2.3: every line end removed) with leading and
    /// trailing white space trimmed. Borrowed when the field was not folded.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"References: <a@example.com>\r\n <b@example.com>\r\nSubject: hi \r\n\r\n")?;
    /// let references = msg.headers().get("References").unwrap().unfolded();
    /// assert_eq!(&*references, b"<a@example.com> <b@example.com>");
    /// let subject = msg.headers().get("Subject").unwrap().unfolded();
    /// assert!(matches!(subject, Cow::Borrowed(b"hi")));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn unfolded(&self) -> Cow<'a, [u8]> {
        unfold(self.bytes.trim_ascii())
    }

    /// The unfolded value as text: UTF-8 (RFC 6532), with invalid bytes replaced by
    /// U+FFFD. Encoded words are not decoded here.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse("Subject: Grüße =?utf-8?q?aus?=\r\n\r\n".as_bytes())?;
    /// let subject = msg.headers().get("Subject").unwrap();
    /// // Raw UTF-8 is text already; the encoded word is left as it is.
    /// assert_eq!(subject.to_str_lossy(), "Grüße =?utf-8?q?aus?=");
    /// assert_eq!(subject.decoded(), "Grüße aus");
    /// let msg = Message::parse(b"X-Latin1: caf\xe9\r\n\r\n")?;
    /// assert_eq!(msg.headers().get("X-Latin1").unwrap().to_str_lossy(), "caf\u{fffd}");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn to_str_lossy(&self) -> Cow<'a, str> {
        lossy_text(self.unfolded())
    }
}

/// The decoded text, as [`decoded`](Self::decoded) gives it: RFC 2047 encoded words
/// decoded, control characters replaced with U+FFFD.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(b"Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= aus\r\n Berlin\r\n\r\n").unwrap();
/// let subject = msg.headers().get("subject").unwrap();
/// assert_eq!(subject.to_string(), "Grüße aus Berlin");
/// assert_eq!(format!("[{subject}]"), format!("[{}]", subject.decoded()));
/// ```
impl fmt::Display for HeaderValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.decoded())
    }
}

impl fmt::Debug for HeaderValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&String::from_utf8_lossy(self.bytes), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfold_removes_every_line_end_and_keeps_the_folding_white_space() {
        let unfold = |raw| HeaderValue::with_fallback(raw, 0).unfolded();
        assert_eq!(&*unfold(b" a\r\n b\n\tc\r d "), b"a b\tc d");
        assert!(matches!(unfold(b" plain "), Cow::Borrowed(b"plain")));
    }
}
