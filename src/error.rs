//! The crate's error type and the defects recorded while reading malformed mail.

use std::fmt;

/// Why an operation failed.
///
/// Malformed mail is never an `Error`: the parser recovers and records a [`Defect`]
/// instead. An `Error` means the caller asked for something that cannot be done, such
/// as parsing with [`ParseOptions::error_on_limit`](crate::ParseOptions::error_on_limit)
/// set and an input that exceeds a limit.
///
/// # Examples
///
/// ```
/// use mailmime::{ErrorKind, Limit, Message, ParseOptions};
///
/// let deep = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n";
/// let options = ParseOptions::default().max_depth(0).error_on_limit(true);
/// let err = Message::parse_with(deep.as_bytes(), &options).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::LimitExceeded(Limit::Depth));
/// assert_eq!(err.offset(), Some(0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{kind}{}{}",
    .offset.map(|o| format!(" at byte {o}")).unwrap_or_default(),
    .value.as_ref().map(|v| format!(": {v:?}")).unwrap_or_default()
)]
pub struct Error {
    kind: ErrorKind,
    offset: Option<usize>,
    /// The caller's value the error is about, cut to [`VALUE_CHARS`] characters.
    value: Option<Box<str>>,
}

/// How much of an offending value an [`Error`] keeps.
const VALUE_CHARS: usize = 80;

impl Error {
    pub(crate) fn new(kind: ErrorKind, offset: Option<usize>) -> Self {
        Error { kind, offset, value: None }
    }

    /// The error, naming the caller's value that caused it (its first 80 characters).
    pub(crate) fn with_value(mut self, value: &str) -> Self {
        let cut = value.char_indices().nth(VALUE_CHARS).map_or(value.len(), |(i, _)| i);
        self.value = Some(value[..cut].into());
        self
    }

    /// The value the error is about, when it names one: the header name or value, the
    /// boundary found in new content, the part that cannot be removed (its first 80
    /// characters).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, Message};
    ///
    /// let mut msg = Message::parse(b"Subject: hi\r\n\r\nbody\r\n").unwrap();
    /// let err = msg.headers_mut().append_raw("X-Tag", "a\r\nBcc: x@example.com").unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::InvalidHeaderValue);
    /// assert_eq!(err.value(), Some("a\r\nBcc: x@example.com"));
    /// ```
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The byte offset in the input where it went wrong, when there is one.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

/// The kinds of [`Error`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input exceeds one of the limits of [`ParseOptions`](crate::ParseOptions) and
    /// the options ask for an error rather than an opaque leaf.
    #[error("the {0} limit was exceeded")]
    LimitExceeded(Limit),
    /// A header field name is empty or has a character other than printable US-ASCII
    /// without `:` (RFC 5322 §3.6.8).
    #[error("invalid header field name")]
    InvalidHeaderName,
    /// A header value the builder cannot write safely (a Content-ID with white space or
    /// angle brackets, say).
    #[error("invalid header field value")]
    InvalidHeaderValue,
    /// The builder writes this field itself (Content-Type, Content-Transfer-Encoding,
    /// Content-Disposition, Content-ID, MIME-Version) or never writes it (Bcc: use
    /// `MessageBuilder::bcc`).
    #[error("this header field is written by the builder")]
    ReservedHeader,
    /// An address that cannot be written: control characters, no `@`, a domain that is
    /// not a dot-atom or literal, or non-ASCII text without the SMTPUTF8 transport.
    #[error("invalid address")]
    InvalidAddress,
    /// A media type that is not `type/subtype` of RFC 2045 tokens, or a multipart with no
    /// parts (to build, or left by removing its only part).
    #[error("invalid content type")]
    InvalidContentType,
    /// The chosen transfer encoding cannot carry the body over the transport profile
    /// (8-bit text as 7bit, binary without BINARYMIME, base64 for message/rfc822, ...).
    #[error("the transfer encoding cannot carry this body")]
    InvalidTransferEncoding,
    /// There is no part at that position, or it cannot be edited that way (a body
    /// replaced on a multipart, a part added to a leaf, the root removed).
    #[error("no such part")]
    NoSuchPart,
    /// New content contains a delimiter line of an enclosing multipart (the error's
    /// [`value`](Error::value) is that boundary).
    #[error("the part's content contains the boundary")]
    BoundaryInContent,
    /// The message has no From address (RFC 5322 §3.6 requires one).
    #[error("no From address")]
    MissingFrom,
    /// Reading a file to attach failed.
    #[error("I/O error: {0}")]
    Io(std::io::ErrorKind),
}

/// The configurable limits of [`ParseOptions`](crate::ParseOptions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// Nesting depth of multiparts and embedded messages.
    Depth,
    /// Number of parts in the whole message.
    Parts,
    /// Number of header fields in one header block.
    HeaderCount,
    /// Size in bytes of one header block.
    HeaderBytes,
    /// Size of the whole input: offsets in the tree are 32 bits, so an input must be
    /// smaller than 4 GiB. Always an error, whatever [`ParseOptions::error_on_limit`](crate::ParseOptions::error_on_limit) says.
    InputBytes,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::Depth => "nesting depth",
            Limit::Parts => "part count",
            Limit::HeaderCount => "header field count",
            Limit::HeaderBytes => "header size",
            Limit::InputBytes => "input size",
        })
    }
}

/// A recovery from malformed input, recorded on the part where it happened.
///
/// # Examples
///
/// ```
/// use mailmime::{DefectKind, Message};
///
/// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\nbody\r\n").unwrap();
/// let defect = msg.defects().next().unwrap();
/// assert_eq!(defect.kind(), DefectKind::CloseBoundaryNotFound);
/// assert_eq!(defect.offset(), 56); // where the close delimiter was due, before the last CRLF
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Defect {
    kind: DefectKind,
    offset: usize,
}

impl Defect {
    pub(crate) fn new(kind: DefectKind, offset: usize) -> Self {
        Defect { kind, offset }
    }

    /// What was wrong.
    pub fn kind(&self) -> DefectKind {
        self.kind
    }

    /// Byte offset in the parsed input where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind.name(), self.offset)
    }
}

macro_rules! defect_kinds {
    ($( $(#[$doc:meta])* $name:ident, )*) => {
        /// The kinds of [`Defect`]. Names follow Python's `email.errors` where the two agree.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum DefectKind {
            $( $(#[$doc])* $name, )*
        }

        impl DefectKind {
            /// The defect's name, as printed by the `dump` example (`"CloseBoundaryNotFound"`).
            pub fn name(self) -> &'static str {
                match self {
                    $( DefectKind::$name => stringify!($name), )*
                }
            }
        }
    };
}

defect_kinds! {
    /// The header block ended at a line that is not a header field, with no blank line
    /// before the body. The body starts at that line.
    MissingHeaderBodySeparator,
    /// The first line of a header block starts with white space, so it continues no field.
    /// The line is kept but belongs to no field.
    FirstHeaderLineIsContinuation,
    /// A header field name is followed by white space before the colon (RFC 5322 §4.5
    /// obsolete syntax).
    ObsoleteHeaderSyntax,
    /// A header field contains 8-bit bytes that are not valid UTF-8.
    NonUtf8Header,
    /// A multipart has no usable `boundary` parameter; its body is kept as a leaf.
    NoBoundaryInMultipart,
    /// No delimiter line of a multipart's boundary was found; its body is kept as a leaf.
    StartBoundaryNotFound,
    /// A multipart ended (at the end of input or at an enclosing delimiter) without its
    /// close delimiter.
    CloseBoundaryNotFound,
    /// The Content-Type field could not be parsed; the default type is used.
    InvalidContentType,
    /// A multipart or message part declares a transfer encoding other than 7bit, 8bit or
    /// binary (RFC 2045 §6.4); it is parsed as if unencoded.
    InvalidMultipartTransferEncoding,
    /// A message/rfc822 body is transfer-encoded (RFC 2045 §6.4 allows only 7bit, 8bit and
    /// binary); it is decoded and parsed, and its encoded bytes are kept for writing back.
    EncodedMessage,
    /// The nesting depth limit was reached; the part is kept as an opaque leaf.
    DepthLimitExceeded,
    /// A base64 body or encoded word has characters outside the base64 alphabet; they
    /// were skipped.
    InvalidBase64Characters,
    /// Base64 padding is missing, misplaced or followed by more data.
    InvalidBase64Padding,
    /// Base64 data ends in the middle of a 4-character group; the dangling bits were
    /// dropped.
    InvalidBase64Length,
    /// A quoted-printable `=` is not followed by two hex digits or a line end; it was
    /// kept literally.
    InvalidQuotedPrintableEscape,
    /// A uuencoded body lacks its `begin` or `end` line or has a short line.
    InvalidUuencode,
    /// The Content-Transfer-Encoding is not one this crate knows; the body is given as is.
    UnknownTransferEncoding,
    /// The charset is not known; the text was decoded as if none had been declared.
    UnknownCharset,
    /// Bytes that are invalid in the declared charset were replaced with U+FFFD.
    UndecodableBytes,
    /// A decoded header value contains CR, LF, NUL or another control character.
    ControlCharacterInHeader,
    /// The part count limit was reached; the rest of the input is kept as one opaque leaf.
    PartLimitExceeded,
    /// A header block has more fields than allowed; the rest of the part is kept as an
    /// opaque leaf.
    HeaderCountLimitExceeded,
    /// A header block is larger than allowed; the rest of the part is kept as an opaque leaf.
    HeaderBytesLimitExceeded,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_display_names_the_limit_and_offset() {
        let e = Error::new(ErrorKind::LimitExceeded(Limit::Parts), Some(12));
        assert_eq!(e.to_string(), "the part count limit was exceeded at byte 12");
        let e = Error::new(ErrorKind::LimitExceeded(Limit::Depth), None);
        assert_eq!(e.to_string(), "the nesting depth limit was exceeded");
    }

    #[test]
    fn defect_display_uses_the_stable_name() {
        let d = Defect::new(DefectKind::StartBoundaryNotFound, 7);
        assert_eq!(d.to_string(), "StartBoundaryNotFound at byte 7");
        assert_eq!(DefectKind::MissingHeaderBodySeparator.name(), "MissingHeaderBodySeparator");
    }
}
