//! The parsers. Private: each is named after the ABNF rule it reads, with the rule in its
//! doc comment. `nom` is used here and nowhere else in the crate.
//!
//! The files here stand in two layers, so that the grammar and the data model it fills
//! never depend on each other both ways:
//!
//! - Below the data model: the lexer and the grammars the model's lazy accessors call.
//!   [`chars`] (the one set of character-class tables), [`lexical`] (tokens, comments,
//!   quoted strings, unfolding, and the readings of header bytes as text), [`params`]
//!   (Content-Type and Content-Disposition parameters) and [`msg_id`] depend on
//!   `encoding` and on each other only. `header`, `address` and `tree` call down into
//!   them; nothing here calls back.
//! - Above the data model: the grammars that build parts of it. [`address`] and [`date`]
//!   build `Mailbox`, `AddressList` and `DateTime`, and hold the public entries
//!   (`parse_address_list`, `parse_date_time`, which `address.rs` and `date.rs` only
//!   re-export) and the `FromStr` impls of those types; [`header`] builds the header map
//!   of a block, and [`multipart`] finds delimiter lines and boundaries.
//!
//! Nothing here builds the tree: `tree::assemble` does, calling [`header`] and
//! [`multipart`] for each part, so `tree` calls into `parse` and never the other way.

pub(crate) mod address;
pub(crate) mod chars;
pub(crate) mod date;
pub(crate) mod header;
pub(crate) mod lexical;
pub(crate) mod msg_id;
pub(crate) mod multipart;
pub(crate) mod params;
