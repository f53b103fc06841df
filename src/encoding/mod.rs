//! Byte codecs used by MIME: content-transfer-encodings, RFC 2047 encoded
//! words, RFC 2231 parameter values, and charsets.
//!
//! Every decoder here is *tolerant*: malformed input never panics and never
//! produces an error. Decoders recover (skip, keep literally, or substitute
//! U+FFFD) and push an [`Issue`] describing what they recovered from into a
//! caller-supplied `Vec<Issue>`. Only the first occurrence of each
//! [`IssueKind`] is recorded per call, and clean input never allocates there.
//!
//! This module depends on nothing else in the crate.
//!
//! # Examples
//!
//! ```
//! use mailmime::encoding::{Charset, IssueKind, base64, encoded_word, quoted_printable};
//!
//! // Transfer encodings, and what was wrong with the input.
//! let (bytes, issues) = base64::decode(b"SGVsbG8s\r\nIHdvcmxk!");
//! assert_eq!(bytes, b"Hello, world");
//! assert_eq!(issues[0].kind, IssueKind::InvalidCharacter);
//! assert_eq!(quoted_printable::decode(b"caf=C3=A9").0, "café".as_bytes());
//!
//! // Encoded words and charsets.
//! let mut issues = Vec::new();
//! assert_eq!(encoded_word::decode_text(b"=?iso-8859-1?q?caf=E9?=", &mut issues), "café");
//! let koi8 = Charset::for_label(b"koi8-r").unwrap();
//! assert_eq!(koi8.decode(b"\xf0\xd2\xc9\xd7\xc5\xd4", &mut issues), "Привет");
//! assert!(issues.is_empty());
//! ```
#![warn(missing_docs)]

pub mod base64;
pub mod charset;
pub mod encoded_word;
pub mod quoted_printable;
mod report;
pub mod rfc2231;
pub(crate) mod safe;
#[cfg(test)]
mod testing;
pub mod utf7;
pub mod uuencode;

pub use charset::Charset;
pub use report::{Issue, IssueKind};
