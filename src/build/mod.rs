//! Building messages: [`MessageBuilder`] for the usual structures, [`MimePart`] for any
//! tree, [`BuildOptions`] and [`Transport`] for what the output may contain.
//!
//! The builder writes a [`Message`](crate::Message) tree whose header fields and bodies are
//! already in their final form (CRLF line ends, folded at 78 columns, no line over 998
//! octets, RFC 2047 / RFC 2231 where needed), so [`Message::to_bytes`](crate::Message::to_bytes)
//! gives transport-ready bytes. It never calls the parser.

mod builder;
pub(crate) mod edit;
pub(crate) mod header;
mod options;
pub(crate) mod part;
mod random;
mod retain;
pub(crate) mod transfer;

pub use builder::{Addressee, IntoAddressees, MessageBuilder};
pub use edit::PartMut;
pub use options::{BuildOptions, Transport};
pub use part::{IntoFileName, MimePart};
