//! Everything mailmime writes is well-formed and says exactly what the caller meant
//! (issue 9): each finding is a named test with the exact expected result, for the
//! builder (`integrity/builder.rs`) and for edits of parsed messages
//! (`integrity/edits.rs`), in the LF and the CRLF form of each message.

mod common;

#[path = "integrity/builder.rs"]
mod builder;
#[path = "integrity/edits.rs"]
mod edits;
