//! Edits of parsed messages: delimiters of every enclosing multipart, empty multiparts,
//! line-end style, SMTP DATA.
