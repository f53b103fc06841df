//! The MIME tree: [`Message`], [`Part`], [`Body`] and walking it.

mod assemble;
mod body;
mod decode;
mod fields;
pub(crate) mod html;
mod message;
pub(crate) mod part;
mod walk;

pub(crate) use body::Delimiters;
pub use body::{Body, DeliveryStatus, Leaf, Multipart};
pub use message::Message;
pub(crate) use message::Reencode;
pub use part::Part;
pub(crate) use part::{DefaultType, LineEnd};
pub use walk::Parts;
