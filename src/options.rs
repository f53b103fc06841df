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
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// How many parts (the top-level part included) the whole message may have. Past the
    /// limit, the rest of the input becomes one opaque leaf.
    pub fn max_parts(mut self, parts: usize) -> Self {
        self.max_parts = parts;
        self
    }

    /// How many fields one header block may have. Past the limit, the rest of that part
    /// (remaining fields and body) becomes an opaque leaf.
    pub fn max_headers(mut self, fields: usize) -> Self {
        self.max_headers = fields;
        self
    }

    /// How many bytes one header block may have. A field that would cross the limit, and
    /// the rest of its part, become an opaque leaf.
    pub fn max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes;
        self
    }

    /// Return [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded) when a limit is
    /// reached, instead of keeping the rest as an opaque leaf. Off by default.
    pub fn error_on_limit(mut self, error: bool) -> Self {
        self.error_on_limit = error;
        self
    }
}
