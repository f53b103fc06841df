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
