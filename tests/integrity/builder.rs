//! The builder: injection, duplicates, addresses, line length, message/rfc822.
