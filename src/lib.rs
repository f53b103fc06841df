//! # mailmime
//!
//! Parse, decode, build and losslessly edit MIME email messages (RFC 5322, RFC 2045–2049).
//!
//! ## Overview
//!
//! - [`Message::parse`] reads raw `.eml` bytes into a tree of [`Part`]s that borrows the
//!   input: nothing is copied while parsing.
//! - Each [`Part`] has a [`HeaderMap`] (order kept, duplicates kept, case-insensitive
//!   lookup) and a [`Body`]: a [`Leaf`], a [`Multipart`], or an embedded [`Message`].
//! - Typed views: [`ContentType`], [`ContentDisposition`], [`TransferEncoding`], with
//!   [`Parameters`] that reassemble RFC 2231 sections.
//! - Walking: [`Part::parts`] (depth-first), [`Part::leaves`], [`Part::attachments`],
//!   [`Part::text_body`], [`Part::html_body`].
//! - [`Message::to_bytes`] writes a parsed message back exactly as it was read.
//!
//! ## Parsing a message
//!
//! ```
//! use mailmime::Message;
//!
//! let eml = b"From: a@example.com\r\n\
//! Subject: Report\r\n\
//! Content-Type: multipart/mixed; boundary=\"sep\"\r\n\
//! \r\n\
//! --sep\r\n\
//! Content-Type: text/plain; charset=utf-8\r\n\
//! \r\n\
//! See attached.\r\n\
//! --sep\r\n\
//! Content-Type: application/pdf; name=\"report.pdf\"\r\n\
//! Content-Transfer-Encoding: base64\r\n\
//! \r\n\
//! JVBERi0xLjQK\r\n\
//! --sep--\r\n";
//!
//! let msg = Message::parse(eml)?;
//! assert!(msg.content_type().is("multipart/mixed"));
//! let text = msg.text_body().unwrap();
//! assert_eq!(text.body().as_leaf().unwrap().as_bytes(), b"See attached.");
//! let pdf = msg.attachments().next().unwrap();
//! assert_eq!(pdf.filename().as_deref(), Some("report.pdf"));
//! assert_eq!(msg.to_bytes(), eml);
//! # Ok::<(), mailmime::Error>(())
//! ```
//!
//! ## Zero-copy and lifetimes
//!
//! `Message<'a>` borrows the input slice `&'a [u8]`. Header values, bodies and raw spans
//! are slices of it. [`Message::into_owned`] gives a `Message<'static>` that keeps one
//! shared copy of the input, for trees that must outlive their buffer.
//!
//! Dropping a tree never recurses, however deep it is; the price is a `Drop`
//! implementation, so the borrow checker keeps the input borrowed until the message is
//! dropped (call `drop(msg)` before reusing the buffer).
//!
//! ## Defects
//!
//! Malformed mail is never an error. Every recovery (a missing close delimiter, a header
//! line that is not a field, ...) is recorded as a [`Defect`] with a byte offset on the
//! part where it happened; [`Message::defects`] lists them all.
//!
//! ## Limits
//!
//! [`ParseOptions`] bounds nesting depth, part count and header size. Parsing uses no
//! recursion that the input controls and runs in time linear in the input.
//!
//! ## Crate features
//!
//! None are needed. `fuzzing` (hidden) exposes internals to the fuzz crate only.
//!
//! ## Supported RFCs
//!
//! | RFC | what |
//! |---|---|
//! | 5322 | message syntax, folding, obsolete header syntax |
//! | 2045 | MIME header fields, Content-Type, Content-Transfer-Encoding |
//! | 2046 | multipart delimiters, preamble/epilogue, message/rfc822, multipart/digest |
//! | 2183 | Content-Disposition |
//! | 2231 | parameter value continuations and charsets |
//! | 6532 | UTF-8 in header fields |

pub mod address;
mod build;
mod bytes;
pub mod date;
pub mod encoding;
mod envelope;
mod error;
mod header;
mod mbox;
mod options;
mod parse;
mod tree;

pub use address::{Address, AddressList, Group, Mailbox};
pub use build::{Addressee, BuildOptions, MessageBuilder, MimePart, Transport};
pub use date::{DateTime, Weekday};
pub use envelope::Envelope;
pub use error::{Defect, DefectKind, Error, ErrorKind, Limit};
pub use header::{
    ContentDisposition, ContentType, HeaderField, HeaderMap, HeaderName, HeaderValue, Parameters,
    TransferEncoding,
};
pub use mbox::{MboxMessage, MboxMessages, split_mbox};
pub use options::ParseOptions;
pub use tree::{Body, DeliveryStatus, Leaf, Message, Multipart, Part, Parts};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
