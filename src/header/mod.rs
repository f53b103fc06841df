//! The header model: [`HeaderMap`], [`HeaderName`], [`HeaderValue`], and the typed views
//! of the MIME fields ([`ContentType`], [`ContentDisposition`], [`TransferEncoding`],
//! [`Parameters`]).

pub(crate) mod content_type;
mod disposition;
mod map;
mod name;
mod params;
mod transfer_encoding;
mod value;

pub use content_type::ContentType;
pub use disposition::ContentDisposition;
pub use map::{Fields, HeaderField, HeaderMap};
pub(crate) use map::{MimeCache, encoding_code};
pub use name::HeaderName;
pub use params::Parameters;
pub use transfer_encoding::TransferEncoding;
pub use value::HeaderValue;
// The token reading of bytes as text, for the callers that read tokens.
pub(crate) use crate::parse::lexical::bytes_to_text;
