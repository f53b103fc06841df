//! The builder driven by arbitrary bytes: each byte picks a call (from, to, subject,
//! header, param, attachment, ...) and the bytes after it give the call's arguments.
//!
//! Building either fails with an `Error` or gives a message in which every line ends in
//! CRLF and has at most 998 octets (every octet below 128 under the 7-bit transport;
//! binary bodies under BINARYMIME excepted; header fields ASCII unless SMTPUTF8),
//! which parses again, and whose Subject, From, To, Cc, Message-ID, custom fields and
//! attachments read back as the calls gave them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::{Body, BuildOptions, Message, MessageBuilder, MimePart, TransferEncoding, Transport};

/// Reads call arguments from the fuzz input.
struct Input<'a> {
    data: &'a [u8],
}

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.data.split_first()?;
        self.data = rest;
        Some(b)
    }

    /// Up to 199 bytes as given, or (for a length byte of 200 or more) four bytes
    /// repeated up to 1,100 times: long values without long inputs.
    fn bytes(&mut self) -> Vec<u8> {
        let len = self.byte().unwrap_or(0);
        let (take, repeat) = if len < 200 { (usize::from(len), 1) } else { (4, usize::from(len - 199) * 20) };
        let take = take.min(self.data.len());
        let (piece, rest) = self.data.split_at(take);
        self.data = rest;
        piece.repeat(repeat)
    }

    fn string(&mut self) -> String {
        String::from_utf8_lossy(&self.bytes()).into_owned()
    }

    /// An address, mostly well-formed so that building gets past the addresses, and
    /// the local part it stands for when that is known by construction.
    fn address(&mut self) -> (String, Option<String>) {
        match self.byte().unwrap_or(0) % 4 {
            0 => (self.string(), None),
            1 => {
                // A leading quote would make it a quoted string.
                let local = self.string().trim_start_matches('"').to_owned();
                (format!("{local}@example.com"), Some(local))
            }
            2 => {
                let local = self.string();
                let escaped: String = local
                    .chars()
                    .flat_map(|c| (c == '"' || c == '\\').then_some('\\').into_iter().chain([c]))
                    .collect();
                (format!("\"{escaped}\"@example.org"), Some(local))
            }
            _ => {
                let local = format!("user{}", self.byte().unwrap_or(0));
                (format!("{local}@example.net"), Some(local))
            }
        }
    }

    fn media_type(&mut self) -> String {
        const TYPES: [&str; 6] = [
            "application/octet-stream",
            "image/png",
            "text/plain",
            "message/rfc822",
            "multipart/mixed",
            "text/html",
        ];
        match self.byte().unwrap_or(0) {
            b if usize::from(b) < TYPES.len() * 40 => TYPES[usize::from(b) % TYPES.len()].to_owned(),
            _ => self.string(),
        }
    }

    fn encoding(&mut self) -> TransferEncoding {
        match self.byte().unwrap_or(0) % 7 {
            0 => TransferEncoding::SevenBit,
            1 => TransferEncoding::EightBit,
            2 => TransferEncoding::Binary,
            3 => TransferEncoding::Base64,
            4 => TransferEncoding::QuotedPrintable,
            5 => TransferEncoding::UuEncode,
            _ => TransferEncoding::Other(self.string()),
        }
    }

    /// A part for `MessageBuilder::part`, with parameters, fields and an encoding.
    fn part(&mut self) -> MimePart {
        let mut part = match self.byte().unwrap_or(0) % 4 {
            0 => MimePart::text("plain", self.string()),
            1 => MimePart::bytes(self.media_type(), self.bytes()),
            2 => MimePart::pre_encoded(self.media_type(), self.encoding(), self.bytes()),
            _ => MimePart::multipart("mixed", vec![MimePart::text("plain", self.string())]),
        };
        for _ in 0..self.byte().unwrap_or(0) % 4 {
            part = match self.byte().unwrap_or(0) % 5 {
                0 => part.param(self.string(), self.string()),
                1 => part.header(self.string(), self.string()),
                2 => part.transfer_encoding(self.encoding()),
                3 => part.content_id(self.string()),
                _ => part.attachment(self.string()),
            };
        }
        part
    }
}

/// What the calls asked for, to compare with the message read back.
#[derive(Default)]
struct Expected {
    subject: Option<String>,
    from: Vec<Who>,
    to: Vec<Who>,
    cc: Vec<Who>,
    message_id: Option<String>,
    fields: Vec<(String, String)>,
    attachments: Vec<(String, Vec<u8>)>,
}

/// A mailbox given to the builder: display name, address, and the local part meant.
#[derive(Clone)]
struct Who {
    name: Option<String>,
    address: String,
    local: Option<String>,
}

fn addressee(input: &mut Input<'_>) -> Who {
    let name = (input.byte().unwrap_or(0) % 2 == 0).then(|| input.string()).filter(|n| !n.is_empty());
    let (address, local) = input.address();
    Who { name, address, local }
}

fn add(builder: MessageBuilder, call: u8, who: &Who) -> MessageBuilder {
    let (name, address) = (who.name.clone(), who.address.clone());
    let mailbox: mailmime::Addressee = match name {
        Some(name) => (name, address).into(),
        None => address.into(),
    };
    match call {
        0 => builder.from(mailbox),
        1 => builder.to(mailbox),
        2 => builder.cc(mailbox),
        3 => builder.bcc(mailbox),
        4 => builder.reply_to(mailbox),
        _ => builder.sender(mailbox),
    }
}

/// A display name the parser gives back as it was: one space between words, no
/// controls (RFC 5322 folding white space collapses).
fn comparable_name(name: &str) -> bool {
    name.split_whitespace().collect::<Vec<_>>().join(" ") == name && !name.chars().any(char::is_control)
}

fn assert_mailboxes(list: mailmime::address::AddressList<'_>, want: &[Who], field: &str) {
    let got: Vec<_> = list.mailboxes().collect();
    assert_eq!(got.len(), want.len(), "{field}: {got:?}");
    for (m, who) in got.iter().zip(want) {
        if let Some(local) = &who.local {
            assert_eq!(m.local_part(), local, "{field} {:?}", who.address);
            assert_eq!(m.domain(), who.address.rsplit_once('@').map(|(_, d)| d), "{field}");
        }
        if let Some(name) = who.name.as_deref().filter(|n| comparable_name(n)) {
            let got = m.name().unwrap_or_default();
            assert!(same_text(got, name), "{field} name {got:?}, want {name:?}");
        }
    }
}

/// Whether text read back is `want`. Decoding UTF-8 drops a U+FEFF (BOM) at the start
/// of each decoded piece, by the decision in `encoding/charset.rs` ("it is never content
/// in mail"), and that holds for each RFC 2047 encoded word and RFC 2231 value too, so a
/// value with a U+FEFF where a piece starts reads back without it. That is the reader's
/// doing, not the builder's: the two are compared without U+FEFF.
fn same_text(got: &str, want: &str) -> bool {
    // Typed reads give U+FFFD for control characters (the crate docs, "Hostile input").
    let want: String =
        want.chars().map(|c| if (c < ' ' && c != '\t') || c == '\u{7f}' { '\u{fffd}' } else { c }).collect();
    got == want || got.replace('\u{feff}', "") == want.replace('\u{feff}', "")
}

fn crlf_lines_within_998(bytes: &[u8], seven_bit: bool) {
    let mut pieces = bytes.split(|&b| b == b'\n').peekable();
    while let Some(piece) = pieces.next() {
        // Every piece but the last ended at an LF, which must have had a CR before it.
        let line = if pieces.peek().is_some() {
            piece.strip_suffix(b"\r").unwrap_or_else(|| panic!("bare LF after {piece:?}"))
        } else {
            piece
        };
        assert!(!line.contains(&b'\r'), "bare CR in {line:?}");
        assert!(line.len() <= 998, "a line of {} octets", line.len());
        assert!(!seven_bit || line.is_ascii(), "8-bit octet under the 7-bit transport in {line:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input { data };
    let transport = match input.byte().unwrap_or(0) % 4 {
        0 => Transport::SevenBit,
        1 => Transport::EightBitMime,
        2 => Transport::BinaryMime,
        _ => Transport::SmtpUtf8,
    };
    let mut builder = MessageBuilder::new().options(BuildOptions::default().transport(transport));
    let mut want = Expected::default();
    while let Some(call) = input.byte() {
        builder = match call % 16 {
            c @ 0..=5 => {
                let who = addressee(&mut input);
                match c {
                    0 => want.from.push(who.clone()),
                    1 => want.to.push(who.clone()),
                    2 => want.cc.push(who.clone()),
                    _ => {}
                }
                add(builder, c, &who)
            }
            6 => {
                let subject = input.string();
                want.subject = Some(subject.clone());
                builder.subject(subject)
            }
            7 => {
                let (name, value) = (input.string(), input.string());
                want.fields.push((name.clone(), value.clone()));
                builder.header(name, value)
            }
            8 => builder.text(input.string()),
            9 => builder.html(input.string()),
            10 => {
                let (name, media_type, bytes) = (input.string(), input.media_type(), input.bytes());
                if !media_type.starts_with("message/") {
                    want.attachments.push((name.clone(), bytes.clone()));
                }
                builder.attachment(name, media_type, bytes)
            }
            11 => builder.inline(input.string(), input.media_type(), input.bytes()),
            12 => {
                let id = input.string();
                want.message_id = Some(id.trim().trim_start_matches('<').trim_end_matches('>').to_owned());
                builder.message_id(id)
            }
            13 => builder.in_reply_to(input.string()),
            14 => builder.references(input.string()),
            _ => builder.part(input.part()),
        };
    }
    let Ok((msg, _envelope)) = builder.build() else {
        return;
    };
    let bytes = msg.to_bytes();
    // BINARYMIME (RFC 3030) carries binary bodies, whose lines are any length and end
    // anyhow; every header field is held to the rules still.
    if transport != Transport::BinaryMime {
        crlf_lines_within_998(&bytes, transport == Transport::SevenBit);
    }
    let parsed = Message::parse(&bytes).expect("parsing with default options never fails");
    // The fields of every part the builder made (not those inside an embedded message,
    // which are its body).
    let mut stack = vec![parsed.root()];
    while let Some(part) = stack.pop() {
        for field in part.headers() {
            crlf_lines_within_998(field.raw(), transport != Transport::SmtpUtf8);
        }
        if let Body::Multipart(m) = part.body() {
            stack.extend(m.parts());
        }
    }
    assert!(!parsed.headers().contains("bcc"), "a Bcc field was written");

    if let Some(subject) = &want.subject {
        let got = parsed.subject().map(|s| s.into_owned()).unwrap_or_default();
        assert!(same_text(&got, subject), "Subject {got:?}, want {subject:?}");
    }
    assert_mailboxes(parsed.from(), &want.from, "From");
    assert_mailboxes(parsed.to(), &want.to, "To");
    assert_mailboxes(parsed.cc(), &want.cc, "Cc");
    if let Some(id) = &want.message_id {
        assert_eq!(parsed.message_id().as_deref(), Some(id.as_str()));
    }
    for (name, _) in &want.fields {
        let got: Vec<String> = parsed.headers().get_all(name).map(|v| v.decoded().into_owned()).collect();
        let expected: Vec<&str> = want
            .fields
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        assert!(
            got.len() == expected.len() && got.iter().zip(&expected).all(|(g, w)| same_text(g, w)),
            "field {name:?}: {got:?}, want {expected:?}"
        );
    }
    // The attachments given with `attachment`, in order, among all attachments.
    let mut got = parsed.attachments().map(|p| (p.filename(), p.decoded().into_owned()));
    for (name, data) in &want.attachments {
        assert!(
            got.any(|(n, d)| n.is_some_and(|n| same_text(&n, name)) && d == *data),
            "attachment {name:?} not read back"
        );
    }
});
