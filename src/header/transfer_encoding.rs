//! `TransferEncoding`: the typed view of Content-Transfer-Encoding (RFC 2045 §6).

use std::borrow::Cow;
use std::fmt;

use crate::parse::lexical::lossy_text;

/// How a part's body is encoded for transport.
///
/// Names are matched without regard to case, with surrounding white space ignored.
///
/// # Examples
///
/// ```
/// use mailmime::TransferEncoding;
///
/// assert_eq!(TransferEncoding::from_name(b" BASE64 "), TransferEncoding::Base64);
/// assert_eq!(TransferEncoding::from_name(b"x-uue"), TransferEncoding::UuEncode);
/// assert_eq!(TransferEncoding::from_name(b"x-token").as_str(), "x-token");
/// assert_eq!(TransferEncoding::from_name(b"base64 (as sent)"), TransferEncoding::Base64);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TransferEncoding {
    /// `7bit`: short lines of US-ASCII; the default.
    #[default]
    SevenBit,
    /// `8bit`: short lines, 8-bit bytes allowed.
    EightBit,
    /// `binary`: any bytes.
    Binary,
    /// `base64`.
    Base64,
    /// `quoted-printable`.
    QuotedPrintable,
    /// `x-uuencode` and its aliases (`uuencode`, `x-uue`, `x-uu`).
    UuEncode,
    /// Any other name, lowercased.
    Other(String),
}

impl TransferEncoding {
    /// The encoding a Content-Transfer-Encoding value names.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::TransferEncoding;
    ///
    /// assert_eq!(TransferEncoding::from_name(b"Quoted-Printable"), TransferEncoding::QuotedPrintable);
    /// assert_eq!(TransferEncoding::from_name(b"7BIT"), TransferEncoding::SevenBit);
    /// assert_eq!(TransferEncoding::from_name(b"X-Compressed"), TransferEncoding::Other("x-compressed".into()));
    /// ```
    pub fn from_name(name: &[u8]) -> Self {
        // A comment may follow the token (RFC 2045 §6.1 with RFC 822 comments).
        let name = match memchr::memchr(b'(', name) {
            Some(at) => &name[..at],
            None => name,
        };
        let name = name.trim_ascii();
        let is = |s: &str| name.eq_ignore_ascii_case(s.as_bytes());
        if is("7bit") {
            TransferEncoding::SevenBit
        } else if is("8bit") {
            TransferEncoding::EightBit
        } else if is("binary") {
            TransferEncoding::Binary
        } else if is("base64") {
            TransferEncoding::Base64
        } else if is("quoted-printable") {
            TransferEncoding::QuotedPrintable
        } else if is("x-uuencode") || is("uuencode") || is("x-uue") || is("x-uu") {
            TransferEncoding::UuEncode
        } else {
            TransferEncoding::Other(lossy_text(Cow::Borrowed(name)).to_ascii_lowercase())
        }
    }

    /// The canonical name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, TransferEncoding};
    ///
    /// assert_eq!(TransferEncoding::from_name(b"uuencode").as_str(), "x-uuencode");
    /// let msg = Message::parse(b"Content-Transfer-Encoding: BASE64\r\n\r\naGk=")?;
    /// assert_eq!(msg.transfer_encoding().as_str(), "base64");
    /// assert_eq!(msg.transfer_encoding().to_string(), "base64");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            TransferEncoding::SevenBit => "7bit",
            TransferEncoding::EightBit => "8bit",
            TransferEncoding::Binary => "binary",
            TransferEncoding::Base64 => "base64",
            TransferEncoding::QuotedPrintable => "quoted-printable",
            TransferEncoding::UuEncode => "x-uuencode",
            TransferEncoding::Other(s) => s,
        }
    }

    /// Whether the body is stored as-is (7bit, 8bit or binary).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::TransferEncoding;
    ///
    /// assert!(TransferEncoding::EightBit.is_identity());
    /// assert!(TransferEncoding::Binary.is_identity());
    /// assert!(!TransferEncoding::Base64.is_identity());
    /// assert!(!TransferEncoding::from_name(b"x-gzip").is_identity());
    /// ```
    pub fn is_identity(&self) -> bool {
        matches!(self, TransferEncoding::SevenBit | TransferEncoding::EightBit | TransferEncoding::Binary)
    }
}

impl fmt::Display for TransferEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
