//! `ParseOptions`: limits, leniency switches and the fallback charset for
//! [`Message::parse_with`](crate::Message::parse_with).

use crate::encoding::Charset;

/// Options for parsing.
///
/// The limits protect against hostile input. Content beyond a limit is not lost: it
/// becomes an opaque leaf and a [`Defect`](crate::Defect) is recorded, so the message
/// still writes back byte for byte. Set [`error_on_limit`](Self::error_on_limit) to get an
/// [`Error`](crate::Error) instead.
///
/// | limit | default |
/// |---|---|
/// | [`max_depth`](Self::max_depth): nested multiparts and embedded messages | 1,024 |
/// | [`max_parts`](Self::max_parts): parts in the whole message | 100,000 |
/// | [`max_headers`](Self::max_headers): fields in one header block | 10,000 |
/// | [`max_header_bytes`](Self::max_header_bytes): size of one header block | 1 MiB |
///
/// [`fallback_charset`](Self::fallback_charset) (windows-1252 by default) says how to read
/// 8-bit bytes that declare no charset, in header fields and in bodies.
///
/// # Examples
///
/// ```
/// use mailmime::{DefectKind, Message, ParseOptions};
///
/// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n";
/// let options = ParseOptions::default().max_depth(0);
/// let msg = Message::parse_with(input, &options).unwrap();
/// // The multipart is kept whole as an opaque leaf.
/// assert!(msg.body().is_leaf());
/// assert_eq!(msg.defects().next().unwrap().kind(), DefectKind::DepthLimitExceeded);
/// assert_eq!(msg.to_bytes(), input);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions {
    pub(crate) max_depth: usize,
    pub(crate) max_parts: usize,
    pub(crate) max_headers: usize,
    pub(crate) max_header_bytes: usize,
    pub(crate) error_on_limit: bool,
    pub(crate) fallback_charset: Charset,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: 1024,
            max_parts: 100_000,
            max_headers: 10_000,
            max_header_bytes: 1 << 20,
            error_on_limit: false,
            fallback_charset: Charset::WINDOWS_1252,
        }
    }
}

impl ParseOptions {
    /// The default options (see the table above).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::ParseOptions;
    ///
    /// assert_eq!(ParseOptions::new(), ParseOptions::default());
    /// ```
    pub fn new() -> Self {
        ParseOptions::default()
    }

    /// How deeply multiparts and embedded messages may nest. The top-level message is at
    /// depth 0; a multipart or message/rfc822 part at depth `max_depth` or deeper is kept as an
    /// opaque leaf. Parsing never recurses, so any value is safe for the stack.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, ParseOptions};
    ///
    /// // A message forwarded inside a message: depth 1 is the forwarded one.
    /// let input = b"Content-Type: message/rfc822\r\n\r\n\
    /// Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n";
    /// let msg = Message::parse_with(input, &ParseOptions::default().max_depth(1))?;
    /// let forwarded = msg.body().as_message().unwrap();
    /// // Reached at depth 1, the inner multipart is kept whole, as a leaf.
    /// assert!(forwarded.body().is_leaf());
    /// assert!(Message::parse(input)?.body().as_message().unwrap().body().as_multipart().is_some());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// How many parts (the top-level part included) the whole message may have. Past the
    /// limit, the rest of the input becomes one opaque leaf.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message, ParseOptions};
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n\
    /// --b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b\r\n\r\n3\r\n--b--\r\n";
    /// let msg = Message::parse_with(input, &ParseOptions::default().max_parts(3))?;
    /// // The root and two parts, then the rest of the input as one more, opaque leaf.
    /// let texts: Vec<_> = msg.leaves().map(|p| p.text()).collect();
    /// assert_eq!(texts, ["1", "2", "\r\n3\r\n--b--\r\n"]);
    /// assert!(msg.defects().any(|d| d.kind() == DefectKind::PartLimitExceeded));
    /// assert_eq!(msg.to_bytes(), input);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn max_parts(mut self, parts: usize) -> Self {
        self.max_parts = parts;
        self
    }

    /// How many fields one header block may have. Past the limit, the rest of that part
    /// (remaining fields and body) becomes an opaque leaf.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message, ParseOptions};
    ///
    /// let input = b"Received: 1\r\nReceived: 2\r\nReceived: 3\r\n\r\nbody";
    /// let msg = Message::parse_with(input, &ParseOptions::default().max_headers(2))?;
    /// assert_eq!(msg.headers().len(), 2);
    /// assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), b"Received: 3\r\n\r\nbody");
    /// assert_eq!(msg.defects().next().unwrap().kind(), DefectKind::HeaderCountLimitExceeded);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn max_headers(mut self, fields: usize) -> Self {
        self.max_headers = fields;
        self
    }

    /// How many bytes one header block may have. A field that would cross the limit, and
    /// the rest of its part, become an opaque leaf.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message, ParseOptions};
    ///
    /// let input = b"Subject: short\r\nX-Huge: 0123456789\r\n\r\nbody";
    /// let msg = Message::parse_with(input, &ParseOptions::default().max_header_bytes(20))?;
    /// assert_eq!(msg.headers().len(), 1);
    /// assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), b"X-Huge: 0123456789\r\n\r\nbody");
    /// assert_eq!(msg.defects().next().unwrap().kind(), DefectKind::HeaderBytesLimitExceeded);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes;
        self
    }

    /// Return [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded) when a limit is
    /// reached, instead of keeping the rest as an opaque leaf. Off by default.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, Limit, Message, ParseOptions};
    ///
    /// let bomb = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n".repeat(10);
    /// let lenient = ParseOptions::default().max_depth(4);
    /// assert!(Message::parse_with(bomb.as_bytes(), &lenient).is_ok());
    /// let strict = lenient.error_on_limit(true);
    /// let err = Message::parse_with(bomb.as_bytes(), &strict).unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::LimitExceeded(Limit::Depth));
    /// ```
    pub fn error_on_limit(mut self, error: bool) -> Self {
        self.error_on_limit = error;
        self
    }

    /// The charset for 8-bit bytes that name no charset and are not UTF-8; windows-1252
    /// by default.
    ///
    /// RFC 5322 header fields are ASCII, and RFC 6532 allows UTF-8 in them; a body without
    /// a `charset` parameter is US-ASCII (RFC 2045 §5.2). Real mail breaks both with raw
    /// bytes in a local charset: a Subject in KOI8-R, a file name in ISO-8859-1, a
    /// `text/plain` body in windows-1252 with no parameter. Such bytes are read as UTF-8
    /// when they are valid UTF-8, else in this charset, which windows-1252 (the superset of
    /// ISO-8859-1 that WHATWG, MimeKit and mail clients read it as) is the usual guess for.
    /// Set it when the mail's origin tells more (a Russian mailbox: KOI8-R or
    /// windows-1251).
    ///
    /// It applies, for every part of the parsed message, embedded messages included, to:
    ///
    /// - raw 8-bit bytes in header fields outside RFC 2047 encoded words: the
    ///   [`subject`](crate::Part::subject), display names, [`HeaderValue::decoded`](crate::HeaderValue::decoded),
    ///   plain `name=` and `filename=` parameters ([`filename`](crate::Part::filename));
    /// - encoded words and RFC 2231 values whose charset is unknown or `x-unknown`;
    /// - [`text`](crate::Part::text) of a body with no `charset` parameter, an unknown one,
    ///   or `x-unknown`.
    ///
    /// A raw 8-bit byte inside an encoded word is part of that word, and is read in the
    /// word's charset (`=?iso-8859-1?q?J\xFCrgen?=` is "Jürgen" whatever the fallback).
    /// A declared charset always wins. [`Part::fallback_charset`](crate::Part::fallback_charset)
    /// tells a part's.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::encoding::Charset;
    /// use mailmime::{Message, ParseOptions};
    ///
    /// // "Привет" in KOI8-R, unencoded, as some Russian mailers sent it.
    /// let input = b"Subject: \xf0\xd2\xc9\xd7\xc5\xd4\r\nFrom: \xf0\xc5\xd4\xd2 <p@example.ru>\r\n\r\n\xf0\xd2\xc9\xd7\xc5\xd4\r\n";
    /// let msg = Message::parse(input).unwrap();
    /// assert_eq!(msg.subject().as_deref(), Some("ðÒÉ×ÅÔ"));
    ///
    /// let koi8 = Charset::for_label(b"koi8-r").unwrap();
    /// let msg = Message::parse_with(input, &ParseOptions::new().fallback_charset(koi8)).unwrap();
    /// assert_eq!(msg.subject().as_deref(), Some("Привет"));
    /// assert_eq!(msg.from().mailboxes().next().unwrap().name(), Some("Петр"));
    /// assert_eq!(msg.text(), "Привет\r\n");
    /// ```
    pub fn fallback_charset(mut self, charset: Charset) -> Self {
        self.fallback_charset = charset;
        self
    }
}
