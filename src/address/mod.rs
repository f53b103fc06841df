//! Mailboxes, groups and address lists: the typed view of `From`, `To`, `Cc`,
//! `Bcc`, `Reply-To` and `Sender` (RFC 5322 §3.4).
//!
//! [`parse_address_list`] reads a header value into an [`AddressList`]. It
//! never fails: it returns every address it could read and skips what it
//! could not. The `Display` impls write the RFC 5322 form back, and `str::parse`
//! reads it strictly: `"Ann <ann@example.com>".parse::<Mailbox>()` is one mailbox or an
//! [`Error`](crate::Error) that says what is wrong.
//!
//! # Decisions
//!
//! - **Display names** are the phrase before `<...>` with quoted strings
//!   unquoted, quoted-pairs resolved, comments removed and each run of white
//!   space between words collapsed to one space (white space inside a quoted
//!   string is kept). RFC 2047 encoded words are not decoded here.
//! - **A comment is never a display name.** `a@b (Comment Name)` has no name;
//!   the comment is available from [`Mailbox::comments`]. This is what Python's
//!   `email.policy.default` does (its legacy `email.utils.parseaddr` differs).
//!   Callers who want the legacy behaviour can write
//!   `mailbox.name().or_else(|| mailbox.comments().next())`.
//! - **Text before `<` is always the display name**, whatever it looks like:
//!   `a@evil.com <b@good.com>` is the mailbox `b@good.com` named `a@evil.com`.
//!   (Python reads `a@evil.com` as the address there; we do not, so a display
//!   name can never pose as the address.)
//! - **Missing domains** are kept: `<user>` and a bare `root` are mailboxes
//!   with [`Mailbox::domain`] `None`.
//! - **`;` between addresses** at the top level separates them like `,`
//!   (`a@b; c@d` gives two mailboxes; Python stops after the first).
//! - **Obsolete routes** (`<@route1,@route2:user@dom>`) are kept in
//!   [`Mailbox::route`] and never written back.
//!
//! # Examples
//!
//! ```
//! use mailmime::address::{AddressList, Mailbox, parse_address_list};
//!
//! let list = parse_address_list(
//!     b"\"Doe, Jane\" <jane@example.com>, Team: a@example.com, b@example.com;, (no name) c@example.com",
//! );
//! let addresses: Vec<_> = list.mailboxes().map(|m| m.address().into_owned()).collect();
//! assert_eq!(addresses, ["jane@example.com", "a@example.com", "b@example.com", "c@example.com"]);
//! assert_eq!(list.mailboxes().next().unwrap().name(), Some("Doe, Jane"));
//!
//! // Strict parsing and writing back.
//! let mailbox: Mailbox = "Anaïs <anais@example.com>".parse()?;
//! assert_eq!(mailbox.to_string(), "\"Anaïs\" <anais@example.com>");
//! assert!("Anaïs <anais@example.com".parse::<Mailbox>().is_err());
//! let list: AddressList = "a@example.com, b@example.com".parse()?;
//! assert_eq!(list.len(), 2);
//! # Ok::<(), mailmime::Error>(())
//! ```

// The types, in a file that does not call the parser; the grammar's public entry is
// defined with the grammar (with the `FromStr` impls) and named here.
mod mailbox;

pub use crate::parse::address::parse_address_list;
pub use mailbox::*;
