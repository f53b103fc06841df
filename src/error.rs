//! The crate's error type and the defects recorded while reading malformed mail.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
///
/// An error of the builder names what the caller gave: [`argument`](Self::argument) says
/// which argument (`"param name"`, `"to"`, `"message_id"`, ...) and
/// [`value`](Self::value) holds the value that could not be written.
///
/// ```
/// use mailmime::{ErrorKind, MimePart, MessageBuilder};
///
/// let part = MimePart::text("plain", "hi").param("format\r\nBcc: x@y", "flowed");
/// let err = MessageBuilder::new().from("a@example.com").body(part).build().unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::InvalidParameterName);
/// assert_eq!(err.argument(), Some("param name"));
/// assert_eq!(err.value(), Some("format\r\nBcc: x@y"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    offset: Option<usize>,
    culprit: Option<Box<Culprit>>,
}

/// The argument and value an error is about, why the value was refused, and for an
/// I/O error the path and the underlying error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Culprit {
    /// The builder argument, when the value came from one.
    argument: Option<&'static str>,
    value: Option<String>,
    reason: Option<Cow<'static, str>>,
    path: Option<PathBuf>,
    io: Option<IoSource>,
}

/// An `io::Error`, shared so that [`Error`] stays `Clone`; two compare equal when their
/// kinds do (`io::Error` has no equality of its own).
#[derive(Debug, Clone)]
struct IoSource(Arc<io::Error>);

impl PartialEq for IoSource {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind() == other.0.kind()
    }
}

impl Eq for IoSource {}

impl Culprit {
    /// `: argument "value"` (or `: "value"`), the value cut after 60 characters.
    fn describe_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(full) = &self.value else {
            return match self.argument {
                Some(argument) => write!(f, ": {argument}"),
                None => Ok(()),
            };
        };
        let mut value: String = full.chars().take(60).collect();
        if value.len() < full.len() {
            value.push('…');
        }
        match self.argument {
            Some(argument) => write!(f, ": {argument} {value:?}"),
            None => write!(f, ": {value:?}"),
        }
    }
}

impl fmt::Display for Error {
    /// `kind[: argument "value"][: reason][ at byte N][: I/O error]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)?;
        if let Some(culprit) = &self.culprit {
            culprit.describe_value(f)?;
            if let Some(reason) = &culprit.reason {
                write!(f, ": {reason}")?;
            }
        }
        if let Some(offset) = self.offset {
            write!(f, " at byte {offset}")?;
        }
        if let Some(io) = self.culprit.as_ref().and_then(|c| c.io.as_ref()) {
            write!(f, ": {}", io.0)?;
        }
        Ok(())
    }
}

/// The underlying `io::Error` of an [`ErrorKind::Io`] error.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let io = self.culprit.as_ref()?.io.as_ref()?;
        Some(&*io.0)
    }
}

/// How much of an offending value an [`Error`] keeps.
const VALUE_CHARS: usize = 80;

impl Error {
    pub(crate) fn new(kind: ErrorKind, offset: Option<usize>) -> Self {
        Error { kind, offset, culprit: None }
    }

    /// An error about the caller's `argument`, whose value was `value`.
    pub(crate) fn naming(kind: ErrorKind, argument: &'static str, value: impl Into<String>) -> Self {
        Error {
            kind,
            offset: None,
            culprit: Some(Box::new(Culprit {
                argument: Some(argument),
                value: Some(value.into()),
                ..Culprit::default()
            })),
        }
    }

    /// An I/O error on `path`, for the caller's `argument`: keeps `error` as the
    /// [`source`](std::error::Error::source) and the path.
    pub(crate) fn io(argument: &'static str, path: &Path, error: io::Error) -> Self {
        Error {
            kind: ErrorKind::Io(error.kind()),
            offset: None,
            culprit: Some(Box::new(Culprit {
                argument: Some(argument),
                value: Some(path.display().to_string()),
                path: Some(path.to_owned()),
                io: Some(IoSource(Arc::new(error))),
                ..Culprit::default()
            })),
        }
    }

    /// This error, saying why the value was refused (unless it says so already).
    pub(crate) fn because(mut self, reason: impl Into<Cow<'static, str>>) -> Self {
        let culprit = self.culprit.get_or_insert_with(Box::default);
        if culprit.reason.is_none() {
            culprit.reason = Some(reason.into());
        }
        self
    }

    /// This error, about the caller's `argument` with `value` (unless it names one already).
    pub(crate) fn about(mut self, argument: &'static str, value: impl Into<String>) -> Self {
        match &mut self.culprit {
            Some(culprit) if culprit.value.is_some() => {}
            Some(culprit) => {
                culprit.argument = Some(argument);
                culprit.value = Some(value.into());
            }
            None => {
                self.culprit = Some(Box::new(Culprit {
                    argument: Some(argument),
                    value: Some(value.into()),
                    ..Culprit::default()
                }))
            }
        }
        self
    }

    /// The error, naming the caller's value that caused it (its first 80 characters),
    /// unless it names one already.
    pub(crate) fn with_value(mut self, value: &str) -> Self {
        let culprit = self.culprit.get_or_insert_with(Box::default);
        if culprit.value.is_none() {
            let cut = value.char_indices().nth(VALUE_CHARS).map_or(value.len(), |(i, _)| i);
            culprit.value = Some(value[..cut].to_owned());
        }
        self
    }

    /// Which argument of the builder held the value that could not be written:
    /// `"from"`, `"sender"`, `"reply_to"`, `"to"`, `"cc"`, `"bcc"`, `"message_id"`,
    /// `"in_reply_to"`, `"references"`, `"content_id"`, `"header name"`,
    /// `"header value"`, `"header"` (a finished field, named by its name), `"param name"`,
    /// `"media_type"`, `"transfer_encoding"`, `"body"`, `"attachment"` or
    /// `"attach_file"`. `None` for other errors, edits included (see
    /// [`value`](Self::value)).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let err = MessageBuilder::new().from("a@example.com").cc("carol@exa mple.org").build().unwrap_err();
    /// assert_eq!(err.argument(), Some("cc"));
    /// assert_eq!(err.value(), Some("carol@exa mple.org"));
    /// // Errors of edits name no argument.
    /// let mut msg = mailmime::Message::parse(b"Subject: x\r\n\r\n")?;
    /// assert_eq!(msg.headers_mut().append("Bad Name", "x").unwrap_err().argument(), None);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn argument(&self) -> Option<&str> {
        self.culprit.as_ref().and_then(|c| c.argument)
    }

    /// The value the error is about, as the caller gave it: for the builder, the
    /// value of [`argument`](Self::argument) (an address, a name, a parameter name, an
    /// encoding name); for an edit, the header name or value, the boundary found in new
    /// content, or the part that cannot be removed (its first 80 characters).
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
        self.culprit.as_ref().and_then(|c| c.value.as_deref())
    }

    /// Why the value was refused, when the error says more than its kind: for an
    /// address, which part of it is wrong (`"the address has no @"`); for a string
    /// parsed with [`str::parse`], what was expected.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder};
    ///
    /// let err = MessageBuilder::new().from("a@example.com").to("bob.example.org").build().unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::InvalidAddress);
    /// assert_eq!((err.argument(), err.value()), (Some("to"), Some("bob.example.org")));
    /// assert_eq!(err.reason(), Some("the address has no @"));
    /// assert_eq!(err.to_string(), "invalid address: to \"bob.example.org\": the address has no @");
    /// ```
    pub fn reason(&self) -> Option<&str> {
        self.culprit.as_ref().and_then(|c| c.reason.as_deref())
    }

    /// The file an [`ErrorKind::Io`] error is about, such as the path given to
    /// [`MessageBuilder::attach_file`](crate::MessageBuilder::attach_file). The
    /// `io::Error` itself is the error's [`source`](std::error::Error::source).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::error::Error as _;
    /// use std::path::Path;
    /// use mailmime::{ErrorKind, MessageBuilder};
    ///
    /// let err = MessageBuilder::new().from("a@example.com").attach_file("/no/such/file.pdf").build().unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::Io(std::io::ErrorKind::NotFound));
    /// assert_eq!(err.path(), Some(Path::new("/no/such/file.pdf")));
    /// let io = err.source().unwrap().downcast_ref::<std::io::Error>().unwrap();
    /// assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    /// assert!(err.to_string().starts_with("I/O error: entity not found: attach_file \"/no/such/file.pdf\": "));
    /// ```
    pub fn path(&self) -> Option<&Path> {
        self.culprit.as_ref().and_then(|c| c.path.as_deref())
    }

    /// What went wrong.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder};
    ///
    /// let result = MessageBuilder::new().to("bob@example.org").build();
    /// match result.as_ref().map_err(|e| e.kind()) {
    ///     Err(ErrorKind::MissingFrom) => {} // ask the user for a sender
    ///     Err(other) => panic!("unexpected: {other}"),
    ///     Ok(_) => panic!("built without a From"),
    /// }
    /// ```
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The byte offset in the input where it went wrong, when there is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, ParseOptions};
    ///
    /// let input = b"A: 1\r\nB: 2\r\nC: 3\r\n\r\nbody";
    /// let options = ParseOptions::default().max_headers(2).error_on_limit(true);
    /// let err = Message::parse_with(input, &options).unwrap_err();
    /// // The third field is where the limit was reached.
    /// assert_eq!(err.offset(), Some(12));
    /// assert!(input[12..].starts_with(b"C: 3"));
    /// ```
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

/// The kinds of [`Error`].
///
/// # Examples
///
/// ```
/// use mailmime::{ErrorKind, HeaderName, MessageBuilder};
///
/// assert_eq!(HeaderName::new("X Bad").unwrap_err().kind(), &ErrorKind::InvalidHeaderName);
/// let builder = MessageBuilder::new().from("a@example.com").header("Content-Type", "text/html");
/// let err = builder.build().unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::ReservedHeader);
/// // Each kind describes itself; the error adds the argument and value.
/// assert_eq!(ErrorKind::ReservedHeader.to_string(), "this header field is written by the builder");
/// ```
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
    /// Content-Disposition, Content-ID, MIME-Version), through a setter of its own (From,
    /// Sender, Reply-To, To, Cc, Subject, Date, Message-ID, In-Reply-To, References: the
    /// fields RFC 5322 §3.6 allows once), or never writes it (Bcc: use
    /// `MessageBuilder::bcc`).
    #[error("this header field is written by the builder")]
    ReservedHeader,
    /// An edit appended a field that a header holds once (From, Sender, Date, Subject,
    /// Message-ID, To, Cc, Reply-To, In-Reply-To, References, MIME-Version,
    /// Content-Type, Content-Transfer-Encoding, Content-Disposition, Content-ID) to a header
    /// that has one; `insert` replaces it instead.
    #[error("the header already has this field, which it may hold once (insert replaces it)")]
    DuplicateHeader,
    /// A Content-Type parameter name that is not an RFC 2045 token of RFC 2231
    /// `attribute-char`s (no white space, controls, tspecials, `*`, `'` or `%`).
    #[error("invalid parameter name")]
    InvalidParameterName,
    /// A Content-Type parameter given twice (names compare without regard to case).
    #[error("parameter given twice")]
    DuplicateParameter,
    /// A parameter the builder writes itself: `boundary` of a multipart (chosen so that
    /// it occurs in no part) or `charset` of a text part (the charset the text is written
    /// in).
    #[error("this parameter is written by the builder")]
    ReservedParameter,
    /// A value that has no place to fold and cannot be encoded (an address, a message
    /// id) would make a line longer than 998 octets (RFC 5322 §2.1.1).
    #[error("the value makes a line longer than 998 octets")]
    LineTooLong,
    /// An address that cannot be written: control characters, no `@`, a domain that is
    /// not a dot-atom or literal, or non-ASCII text without the SMTPUTF8 transport.
    #[error("invalid address")]
    InvalidAddress,
    /// A string parsed as a [`DateTime`](crate::DateTime) that is not an RFC 5322
    /// date-time, or has a field out of range.
    #[error("invalid date")]
    InvalidDate,
    /// A media type that is not `type/subtype` of RFC 2045 tokens, or a multipart with no
    /// parts (to build, or left by removing its only part).
    #[error("invalid content type")]
    InvalidContentType,
    /// The chosen transfer encoding cannot carry the body over the transport profile
    /// (8-bit text as 7bit, binary without BINARYMIME, a pre-encoded body with 8-bit
    /// bytes or bare line ends under the 7-bit profile, an encoding name that is not an
    /// RFC 2045 token), or it is not allowed for the media type (RFC 2045 §6.4: message/*
    /// and multipart/* take only 7bit, 8bit or binary).
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
    /// The edited message, written out, would read back as another MIME structure (a
    /// multipart whose delimiters are broken in the input, say), so the edit was undone.
    #[error("the edited message would read back as another structure")]
    EditChangesStructure,
    /// The message has no From address (RFC 5322 §3.6 requires one).
    #[error("no From address")]
    MissingFrom,
    /// Reading a file to attach failed.
    #[error("I/O error: {0}")]
    Io(std::io::ErrorKind),
}

/// The configurable limits of [`ParseOptions`](crate::ParseOptions).
///
/// # Examples
///
/// ```
/// use mailmime::{ErrorKind, Limit, Message, ParseOptions};
///
/// let options = ParseOptions::default().max_header_bytes(16).error_on_limit(true);
/// let err = Message::parse_with(b"Subject: a rather long subject\r\n\r\n", &options).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::LimitExceeded(Limit::HeaderBytes));
/// assert_eq!(Limit::HeaderBytes.to_string(), "header size");
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message};
    ///
    /// let msg = Message::parse(b"Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n")?;
    /// assert_eq!(msg.defects().next().unwrap().kind(), DefectKind::NoBoundaryInMultipart);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn kind(&self) -> DefectKind {
        self.kind
    }

    /// Byte offset in the parsed input where the problem was found.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Subject: hi\r\nnot a field\r\n\r\nbody";
    /// let msg = Message::parse(input)?;
    /// let defect = msg.defects().next().unwrap();
    /// assert_eq!(&input[defect.offset()..][..11], b"not a field");
    /// assert_eq!(defect.to_string(), "MissingHeaderBodySeparator at byte 13");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
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
        ///
        /// # Examples
        ///
        /// ```
        /// use mailmime::{DefectKind, Message};
        ///
        /// let msg = Message::parse(b"From: a@example.com\r\nFrom: b@example.com\r\n\r\nbody")?;
        /// let kinds: Vec<DefectKind> = msg.defects().map(|d| d.kind()).collect();
        /// assert_eq!(kinds, [DefectKind::DuplicateField]);
        /// // The accessors read the first field.
        /// assert_eq!(msg.from().mailboxes().next().unwrap().address(), "a@example.com");
        /// # Ok::<(), mailmime::Error>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum DefectKind {
            $( $(#[$doc])* $name, )*
        }

        impl DefectKind {
            /// The defect's name, as printed by the `dump` example (`"CloseBoundaryNotFound"`).
            ///
            /// # Examples
            ///
            /// ```
            /// use mailmime::DefectKind;
            ///
            /// assert_eq!(DefectKind::CloseBoundaryNotFound.name(), "CloseBoundaryNotFound");
            /// assert_eq!(format!("{:?}", DefectKind::NulInHeader), DefectKind::NulInHeader.name());
            /// ```
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
    /// A decoded header value contains CR, LF, NUL or another control character; the
    /// typed accessors give U+FFFD in its place.
    ControlCharacterInHeader,
    /// The part count limit was reached; the rest of the input is kept as one opaque leaf.
    PartLimitExceeded,
    /// A header block has more fields than allowed; the rest of the part is kept as an
    /// opaque leaf.
    HeaderCountLimitExceeded,
    /// A header block is larger than allowed; the rest of the part is kept as an opaque leaf.
    HeaderBytesLimitExceeded,
    /// A field that RFC 5322 or RFC 2045 allows once per header (From, Sender, Subject,
    /// Date, Message-ID, MIME-Version, Content-Type, Content-Transfer-Encoding,
    /// Content-Disposition) occurs again, here; the accessors read the first.
    DuplicateField,
    /// A header line ends in a carriage return not followed by a line feed. This crate
    /// (like Python's email) ends the line there, so what follows is read as the next
    /// field or continuation line; a reader that does not will see it as part of this
    /// field's value.
    BareCarriageReturnInHeader,
    /// A header field name or value contains a NUL byte.
    NulInHeader,
    /// A multipart has two `boundary` parameters, or a `boundary` and a `boundary*` that
    /// disagree; the first plain one (or the RFC 2231 one) is used.
    AmbiguousBoundary,
    /// Two `filename` (or `name`) parameters, or a `filename` and a `filename*` that
    /// disagree (from [`Part::field_defects`](crate::Part::field_defects)).
    AmbiguousFilename,
    /// A comment stands between the atoms of a domain (`user@good.example(x)evil.example`),
    /// which readers join or split differently (from
    /// [`Part::field_defects`](crate::Part::field_defects)).
    CommentInDomain,
    /// A file name or display name holds a bidirectional override or isolate
    /// (U+202A–U+202E, U+2066–U+2069), which can make `invoice\u{202e}fdp.exe` display
    /// as `invoiceexe.pdf`; the character is kept (from
    /// [`Part::field_defects`](crate::Part::field_defects)).
    BidiControlInHeader,
    /// Base64 data continues after the padding that ends it; the data after the padding
    /// is decoded too, though other readers stop at the padding.
    Base64DataAfterPadding,
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
    fn error_display_names_the_argument_and_cuts_long_values() {
        let e = Error::naming(ErrorKind::InvalidParameterName, "param name", "a b");
        assert_eq!(e.to_string(), "invalid parameter name: param name \"a b\"");
        let e = Error::naming(ErrorKind::LineTooLong, "to", "x".repeat(100));
        assert_eq!(
            e.to_string(),
            format!("the value makes a line longer than 998 octets: to \"{}…\"", "x".repeat(60))
        );
        assert_eq!(e.value().map(str::len), Some(100));
        let e = Error::new(ErrorKind::InvalidAddress, None).about("from", "a").about("to", "b");
        assert_eq!((e.argument(), e.value()), (Some("from"), Some("a")));
    }

    #[test]
    fn error_display_says_why_after_the_value() {
        let e = Error::naming(ErrorKind::InvalidAddress, "to", "a@").because("no domain");
        assert_eq!(e.to_string(), "invalid address: to \"a@\": no domain");
        assert_eq!(e.reason(), Some("no domain"));
        // The first reason given stays; a reason alone still takes the argument later.
        let e = Error::new(ErrorKind::InvalidAddress, None).because("first").because("second");
        let e = e.about("cc", "x");
        assert_eq!((e.argument(), e.value(), e.reason()), (Some("cc"), Some("x"), Some("first")));
        assert_eq!(e.to_string(), "invalid address: cc \"x\": first");
    }

    #[test]
    fn io_error_keeps_the_path_and_the_source() {
        use std::error::Error as _;
        let path = Path::new("dir/report.pdf");
        let e = Error::io("attach_file", path, io::Error::new(io::ErrorKind::PermissionDenied, "locked"));
        assert_eq!(e.kind(), &ErrorKind::Io(io::ErrorKind::PermissionDenied));
        assert_eq!(e.path(), Some(path));
        assert_eq!((e.argument(), e.value()), (Some("attach_file"), Some("dir/report.pdf")));
        assert_eq!(e.to_string(), "I/O error: permission denied: attach_file \"dir/report.pdf\": locked");
        assert_eq!(e.source().map(ToString::to_string).as_deref(), Some("locked"));
        // Clone shares the io::Error; equality compares its kind.
        let copy = e.clone();
        assert_eq!(copy, e);
        assert_eq!(copy.source().map(ToString::to_string).as_deref(), Some("locked"));
        let other = Error::io("attach_file", path, io::Error::new(io::ErrorKind::PermissionDenied, "other"));
        assert_eq!(other, e);
        let not_found = Error::io("attach_file", path, io::Error::from(io::ErrorKind::NotFound));
        assert_ne!(not_found, e);
        assert!(Error::new(ErrorKind::MissingFrom, None).source().is_none());
    }

    #[test]
    fn defect_display_uses_the_stable_name() {
        let d = Defect::new(DefectKind::StartBoundaryNotFound, 7);
        assert_eq!(d.to_string(), "StartBoundaryNotFound at byte 7");
        assert_eq!(DefectKind::MissingHeaderBodySeparator.name(), "MissingHeaderBodySeparator");
    }
}
