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
//! - Decoding is lazy: [`Part::decoded`] (transfer encodings), [`Part::text`] (charsets),
//!   [`HeaderValue::decoded`] (RFC 2047), and typed fields: [`Part::subject`],
//!   [`Part::from`], [`Part::to`], [`Part::date`], [`Part::filename`], ...
//! - [`MessageBuilder`] composes messages; [`MimePart`] builds any MIME tree;
//!   [`Envelope`] gives SMTP's reverse path and recipients.
//! - [`Message::to_bytes`] writes a parsed message back exactly as it was read, and after
//!   edits ([`Message::headers_mut`], [`Message::replace_part`], [`Message::attach`], ...)
//!   regenerates only what was edited.
//! - [`encoding`] holds the codecs on their own; [`split_mbox`] splits mbox files held in
//!   memory, and [`MboxReader`] reads them as a stream, one message at a time.
//! - [`safe_file_name`] and [`FileNames`] turn attachment names into safe, distinct file
//!   names for saving attachments.
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
//! ## Building a message
//!
//! ```
//! use mailmime::MessageBuilder;
//!
//! let (msg, envelope) = MessageBuilder::new()
//!     .from(("Ana", "ana@example.com"))
//!     .to("bob@example.org")
//!     .subject("Photos from Zürich")
//!     .text("Two photos attached.")
//!     .attachment("lake.jpg", "image/jpeg", vec![0xff, 0xd8, 0xff])
//!     .build()?;
//! let bytes = msg.to_bytes(); // CRLF, 7-bit, lines <= 998 octets
//! assert!(bytes.is_ascii());
//! assert_eq!(envelope.recipients(), ["bob@example.org"]);
//! # Ok::<(), mailmime::Error>(())
//! ```
//!
//! ## Editing
//!
//! ```
//! use mailmime::Message;
//!
//! let input = b"Subject: hi\r\nDKIM-Signature: v=1; ...\r\n\r\nbody\r\n";
//! let mut msg = Message::parse(input)?;
//! msg.headers_mut().insert("Subject", "hello")?;
//! assert_eq!(msg.to_bytes(), b"Subject: hello\r\nDKIM-Signature: v=1; ...\r\n\r\nbody\r\n");
//! # Ok::<(), mailmime::Error>(())
//! ```
//!
//! [`Message::strip_attachments`] and [`Message::retain_parts`] remove parts and keep what
//! the message cannot lose: signed and encrypted parts with their signatures, and the
//! images its HTML shows by `cid:`. Parts are edited by their depth-first position, which
//! [`Part::attachment_indices`] gives for attachments.
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
//! ## Hostile input
//!
//! Typed accessors return values that are safe to put in a header, a log line or a file
//! name: every C0 control character other than TAB (CR, LF, NUL, ESC, ...) and DEL in
//! what they decode is replaced with U+FFFD. This holds for [`HeaderValue::decoded`] and
//! so [`Part::subject`], for display names, group names, local parts and domains
//! ([`Part::from`], [`Part::to`], ... and [`Part::addresses`]), for message ids
//! ([`Part::message_id`], [`Part::in_reply_to`], [`Part::references`],
//! [`Part::content_id`]) and for [`Part::filename`]. Bidirectional overrides and isolates
//! (U+202A–U+202E, U+2066–U+2069) are kept. [`Part::field_defects`] reports each of these
//! with the offset of its field, and [`HeaderValue::as_bytes`] still gives the raw bytes.
//!
//! A file name safe to print is not yet safe to create: `../../etc/passwd`, `con` or a
//! 300-byte name are all valid file names in a message. Pass [`Part::filename`] through
//! [`safe_file_name`] (or [`FileNames::insert`], which also keeps names apart) before
//! joining it to a directory; `examples/extract_attachments` does.
//!
//! Where two readers could read one message two ways, the parser picks one reading and
//! records a defect:
//!
//! | input | reading | defect |
//! |---|---|---|
//! | a second From, Sender, Subject, Date, Message-ID, MIME-Version, Content-Type, Content-Transfer-Encoding or Content-Disposition | the first field | [`DefectKind::DuplicateField`] |
//! | a line of a header field ending in a bare CR | the CR ends the line, as in Python's email | [`DefectKind::BareCarriageReturnInHeader`] |
//! | a NUL in a header field | kept in the raw value, U+FFFD in typed values | [`DefectKind::NulInHeader`] |
//! | two `boundary` parameters, or `boundary` and `boundary*` that disagree | the first `boundary`, or the `boundary*` (RFC 2231 §4) | [`DefectKind::AmbiguousBoundary`] |
//! | two `filename` (or `name`) parameters, or `filename` and `filename*` that disagree | the first, or the `filename*` | [`DefectKind::AmbiguousFilename`] (field defect) |
//! | a comment between the atoms of a domain | the atoms before the comment, joined across a `.` | [`DefectKind::CommentInDomain`] (field defect) |
//! | base64 data after `=` padding | decoded too | [`DefectKind::Base64DataAfterPadding`] |
//!
//! Every other parameter read twice gives the first plain occurrence, or the RFC 2231
//! value when there is one. Fields that may repeat (To, Cc, Received, ...) are read
//! whole: the address accessors join every To field, in order.
//!
//! ## Limits
//!
//! [`ParseOptions`] bounds nesting depth, part count and header size. Parsing uses no
//! recursion that the input controls and runs in time linear in the input, and so does
//! every accessor (thousands of encoded words, parameters, nested comments or
//! delimiter-like lines included).
//!
//! Memory beside the input (measured on x86-64, `tests/bounds.rs` and
//! `benches/compare`): about 160 to 200 bytes per parsed part, header fields included
//! up to three per part, and 16 bytes for each further field; nothing per body. Typed
//! accessors allocate only what they return: an address list, for example, about 150
//! bytes per address. With the default options, the classic bombs (40,000-deep
//! nesting, 1,000,000 empty parts, 300,000 nested comments, a 150,000-address field,
//! ...) parse and walk within 4 × their size + 16 MiB; with the limits raised, memory
//! grows linearly with what is parsed.
//!
//! ## Crate features
//!
//! None are needed. `fuzzing` (hidden) exposes internals to the fuzz crate only.
//! `serde` adds `Serialize` for the parsed tree and its typed views (shape documented on
//! [`Message`]'s impl).
//!
//! ## Supported RFCs
//!
//! | RFC | what |
//! |---|---|
//! | 5322 | message syntax, folding, addresses, dates, obsolete syntax |
//! | 2045 | MIME header fields, base64, quoted-printable |
//! | 2046 | multipart delimiters, preamble/epilogue, message/rfc822, multipart/digest |
//! | 2047 | encoded words in header text and display names |
//! | 2152 | UTF-7 |
//! | 2183 | Content-Disposition |
//! | 2231 | parameter continuations, charsets and languages |
//! | 3464 | message/delivery-status field groups |
//! | 5321 | envelope, dot-stuffing, line length |
//! | 6152, 3030, 6531 | 8BITMIME, BINARYMIME, SMTPUTF8 transport profiles |
//! | 6532 | UTF-8 in header fields |

pub mod address;
mod build;
mod bytes;
pub mod date;
pub mod encoding;
mod envelope;
mod error;
mod filename;
mod header;
mod mbox;
mod options;
mod parse;
#[cfg(feature = "serde")]
mod serde_impls;
mod tree;

pub use address::{Address, AddressList, Group, Mailbox};
pub use build::{
    Addressee, BuildOptions, IntoAddressees, IntoFileName, MessageBuilder, MimePart, PartMut, Transport,
};
pub use date::{DateTime, Weekday};
pub use envelope::Envelope;
pub use error::{Defect, DefectKind, Error, ErrorKind, Limit};
pub use filename::{FileNames, safe_file_name};
pub use header::{
    ContentDisposition, ContentType, Fields, HeaderField, HeaderMap, HeaderName, HeaderValue, Parameters,
    TransferEncoding,
};
pub use mbox::{MboxMessage, MboxMessages, MboxReader, split_mbox};
pub use options::ParseOptions;
pub use tree::{Body, DeliveryStatus, Leaf, Message, Multipart, Part, Parts};

/// Internals for the fuzz crate (`fuzz/`) only, behind the hidden `fuzzing` feature: thin
/// wrappers that let fuzz targets compare fast paths with the scalar code they must agree
/// with. Not part of the public API and not covered by semver.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    /// Base64: the scalar tolerant decoder on its own, and the regular-line decoders (each
    /// vector kernel, the run-time dispatch, and their scalar twin).
    pub mod base64 {
        pub use crate::encoding::base64::fuzzing::{
            LineDecoder, decode_lines, decode_lines_scalar, decode_scalar, kernels,
        };
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
