//! The parsers. Private: each is named after the ABNF rule it reads, with the rule in its
//! doc comment. `nom` is used here and nowhere else in the crate.

pub(crate) mod address;
pub(crate) mod body;
pub(crate) mod chars;
pub(crate) mod date;
pub(crate) mod header;
pub(crate) mod lexical;
pub(crate) mod msg_id;
pub(crate) mod multipart;
pub(crate) mod params;
