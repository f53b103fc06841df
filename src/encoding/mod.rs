//! Byte codecs used by MIME (integration in progress: transfer encodings only).

pub mod base64;
pub mod quoted_printable;
mod report;
pub mod uuencode;

pub use report::{Issue, IssueKind};
