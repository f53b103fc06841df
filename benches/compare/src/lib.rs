//! The three parsers behind one interface, so the bench and the sanity test time and
//! check exactly the same calls.
//!
//! For each parser, `parse` parses and drops; `parse_decode` parses, then decodes every
//! leaf body (transfer encoding, and charset for text) into fresh memory, and returns
//! the number of leaves and decoded bytes so nothing is optimised away.
//!
//! | parser | parse | full decode |
//! |---|---|---|
//! | mailmime | `Message::parse` | `leaves()`: `text()` for `text/*`, `decoded()` otherwise |
//! | mail-parser | `MessageParser::new().max_depth(1024).max_parts(100_000).parse` | `parts()`: `text()` for text and HTML, `decoded()` for binary |
//! | mailparse | `parse_mail` | recursively on `subparts`: `get_body()` for `text/*`, `get_body_raw()` otherwise |
//!
//! mail-parser's depth and part limits are raised to mailmime's defaults (1,024 and
//! 100,000): with its own default depth of 64 it would stop early on `nested_100` and
//! do less work than the others.

#[path = "../../inputs.rs"]
pub mod inputs;

/// What a full decode saw: leaves decoded and the total of their decoded lengths (bytes
/// of binary bodies, UTF-8 bytes of text bodies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decoded {
    /// Leaf bodies decoded.
    pub leaves: usize,
    /// Sum of their decoded lengths.
    pub bytes: usize,
}

impl Decoded {
    fn add(&mut self, len: usize) {
        self.leaves += 1;
        self.bytes += len;
    }
}

/// mailmime.
pub mod mailmime_side {
    use mailmime::Message;

    use super::Decoded;

    /// Parses and drops; the number of parts.
    pub fn parse(input: &[u8]) -> usize {
        Message::parse(input).expect("default options").parts().count()
    }

    /// Parses and decodes every leaf: `text()` for `text/*`, `decoded()` otherwise.
    pub fn parse_decode(input: &[u8]) -> Decoded {
        let msg = Message::parse(input).expect("default options");
        let mut seen = Decoded::default();
        for part in msg.leaves() {
            if part.content_type().is_text() {
                seen.add(part.text().len());
            } else {
                seen.add(part.decoded().len());
            }
        }
        seen
    }
}

/// mail-parser 1.0.
pub mod mail_parser_side {
    use mail_parser::{MessageParser, PartKind};

    use super::Decoded;

    fn parser() -> MessageParser {
        MessageParser::new().max_depth(1024).max_parts(100_000)
    }

    /// Parses and drops; the number of parts.
    pub fn parse(input: &[u8]) -> usize {
        parser().parse(input).expect("a message").parts().len()
    }

    /// Parses and decodes every leaf.
    pub fn parse_decode(input: &[u8]) -> Decoded {
        let msg = parser().parse(input).expect("a message");
        let mut seen = Decoded::default();
        for part in msg.parts() {
            match part.kind() {
                PartKind::Text | PartKind::Html => {
                    seen.add(part.text().expect("a text part").len());
                }
                PartKind::Binary | PartKind::InlineBinary => seen.add(part.decoded().len()),
                _ => {}
            }
        }
        seen
    }
}

/// mailparse.
pub mod mailparse_side {
    use mailparse::{ParsedMail, parse_mail};

    use super::Decoded;

    /// Parses and drops; the number of parts.
    pub fn parse(input: &[u8]) -> usize {
        fn count(mail: &ParsedMail<'_>) -> usize {
            1 + mail.subparts.iter().map(count).sum::<usize>()
        }
        count(&parse_mail(input).expect("a message"))
    }

    /// Parses and decodes every leaf.
    pub fn parse_decode(input: &[u8]) -> Decoded {
        fn walk(mail: &ParsedMail<'_>, seen: &mut Decoded) {
            if mail.subparts.is_empty() {
                if mail.ctype.mimetype.starts_with("text/") {
                    seen.add(mail.get_body().expect("a text body").len());
                } else {
                    seen.add(mail.get_body_raw().expect("a body").len());
                }
            }
            for sub in &mail.subparts {
                walk(sub, seen);
            }
        }
        let mail = parse_mail(input).expect("a message");
        let mut seen = Decoded::default();
        walk(&mail, &mut seen);
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_encoders_match_known_answers() {
        assert_eq!(inputs::base64_lines(b"Hello, world"), b"SGVsbG8sIHdvcmxk\r\n");
        assert_eq!(inputs::base64_lines(b"ab"), b"YWI=\r\n");
        assert_eq!(inputs::quoted_printable("a=b é \nc".as_bytes()), b"a=3Db =C3=A9=20\r\nc\r\n");
    }

    /// The three parsers see the same tree and decode to the same sizes on every input,
    /// so the bench compares equal work.
    #[test]
    fn parsers_agree_on_every_input() {
        for input in inputs::all() {
            for (i, message) in input.messages.iter().enumerate() {
                let parts = (
                    mailmime_side::parse(message),
                    mail_parser_side::parse(message),
                    mailparse_side::parse(message),
                );
                let decoded = (
                    mailmime_side::parse_decode(message),
                    mail_parser_side::parse_decode(message),
                    mailparse_side::parse_decode(message),
                );
                println!("{} #{i}: parts {parts:?}, decoded {decoded:?}", input.name);
                assert_eq!(parts.0, parts.1, "{} #{i}: mailmime vs mail-parser parts", input.name);
                assert_eq!(parts.0, parts.2, "{} #{i}: mailmime vs mailparse parts", input.name);
                assert_eq!(decoded.0, decoded.1, "{} #{i}: mailmime vs mail-parser", input.name);
                assert_eq!(decoded.0, decoded.2, "{} #{i}: mailmime vs mailparse", input.name);
            }
        }
    }
}
