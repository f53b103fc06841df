//! `HeaderValue`: the bytes of a field body, raw and unfolded.

use std::borrow::Cow;
use std::fmt;

use crate::bytes::{Bytes, SharedInput};

/// The body of a header field: everything after the colon, up to the line end that
/// ends the field.
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
#[derive(Clone, PartialEq, Eq)]
pub struct HeaderValue<'a> {
    bytes: Bytes<'a>,
}

impl<'a> HeaderValue<'a> {
    pub(crate) fn from_bytes(bytes: Bytes<'a>) -> Self {
        HeaderValue { bytes }
    }

    /// The raw bytes after the colon, folding line ends included, as they appear in
    /// the message.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The value unfolded (RFC 5322 §2.2.3: every line end removed) with leading and
    /// trailing white space trimmed. Borrowed when the field was not folded.
    pub fn unfolded(&self) -> Cow<'_, [u8]> {
        unfold(&self.bytes)
    }

    /// The unfolded value as text: UTF-8 (RFC 6532), with invalid bytes replaced by
    /// U+FFFD. Encoded words are not decoded here.
    pub fn to_str_lossy(&self) -> Cow<'_, str> {
        match self.unfolded() {
            Cow::Borrowed(b) => String::from_utf8_lossy(b),
            Cow::Owned(v) => Cow::Owned(String::from_utf8_lossy(&v).into_owned()),
        }
    }

    /// This value with no borrow of the input.
    pub fn into_owned(self) -> HeaderValue<'static> {
        HeaderValue { bytes: Bytes::from(self.bytes.to_vec()) }
    }

    pub(crate) fn into_static(self, shared: &SharedInput<'_>) -> HeaderValue<'static> {
        HeaderValue { bytes: self.bytes.into_static(shared) }
    }
}

/// Removes CR and LF (RFC 5322 unfolding) and trims surrounding white space.
pub(crate) fn unfold(raw: &[u8]) -> Cow<'_, [u8]> {
    let trimmed = raw.trim_ascii();
    if memchr::memchr2(b'\r', b'\n', trimmed).is_none() {
        return Cow::Borrowed(trimmed);
    }
    let mut out = Vec::with_capacity(trimmed.len());
    out.extend(trimmed.iter().copied().filter(|&b| b != b'\r' && b != b'\n'));
    Cow::Owned(out)
}

impl fmt::Debug for HeaderValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.bytes, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfold_removes_every_line_end_and_keeps_the_folding_white_space() {
        assert_eq!(&*unfold(b" a\r\n b\n\tc\r d "), b"a b\tc d");
        assert!(matches!(unfold(b" plain "), Cow::Borrowed(b"plain")));
    }
}
