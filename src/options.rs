//! `ParseOptions`: limits and leniency switches for [`Message::parse_with`](crate::Message::parse_with).

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
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: 1024,
            max_parts: 100_000,
            max_headers: 10_000,
            max_header_bytes: 1 << 20,
            error_on_limit: false,
        }
    }
}

impl ParseOptions {
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
}
