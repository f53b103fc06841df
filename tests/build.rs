//! Building, then parsing with mailmime, gives back exactly what the caller gave.
//!
//! Generated input: Unicode header text (controls, quotes, leading spaces, encoded-word
//! look-alikes), display names, text and binary bodies, file names with quotes, CR, LF and
//! non-ASCII. Every built message must have CRLF line ends only, no line over 998
//! octets, and (default 7-bit transport) no octet of 128 or more.

use mailmime::{Body, BuildOptions, ErrorKind, MessageBuilder, MimePart, TransferEncoding, Transport};
use proptest::prelude::*;

mod common;
use common::assert_transport_ready;

/// What typed reads give for `text`: control characters the caller put in travel
/// encoded, and come back as U+FFFD (the crate docs, "Hostile input").
fn safe(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_control() && c != '\t' { '\u{fffd}' } else { c }).collect()
}

fn header_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,40}",
        "\\PC{0,30}",
        any::<String>().prop_map(|s| s.chars().take(60).collect()),
        Just("=?utf-8?q?not_an_encoded_word?=".to_string()),
        Just("  leading and trailing  ".to_string()),
        Just("line\r\nBcc: injected@example.com".to_string()),
        "[a-z ]{100,300}",
    ]
}

fn display_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,10}( [A-Za-z]{1,10}){0,2}",
        "[ -~]{1,30}",
        "\\PC{1,20}",
        Just("Doe, \"J\" \\ Jr.".to_string()),
    ]
    // The parser reads a display name with its white space runs collapsed and trimmed
    // (RFC 5322 §3.2.2 folding white space), so names are generated that way.
    .prop_map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
    .prop_filter("non-empty", |n| !n.is_empty() && !n.chars().any(char::is_control))
}

fn text_body() -> impl Strategy<Value = String> {
    prop_oneof!["[ -~\n]{0,200}", "\\PC{0,100}", "(\\PC{0,20}\r?\n){0,10}", "[a-z]{990,1100}"]
}

fn file_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,12}\\.(txt|pdf|png)",
        "\\PC{1,30}",
        Just("quo\"te's \\name.txt".to_string()),
        Just("cr\rlf\nname.bin".to_string()),
        "[a-zé ]{60,120}\\.pdf",
    ]
}

fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn built_messages_parse_back_to_the_callers_values(
        subject in header_text(),
        from_name in display_name(),
        to_names in proptest::collection::vec(display_name(), 1..4),
        custom in header_text(),
        text in text_body(),
        html in proptest::option::of(text_body()),
        attachments in proptest::collection::vec((file_name(), proptest::collection::vec(any::<u8>(), 0..300)), 0..3),
        eight_bit in any::<bool>(),
    ) {
        let transport = if eight_bit { Transport::EightBitMime } else { Transport::SevenBit };
        let mut builder = MessageBuilder::new()
            .options(BuildOptions::default().transport(transport))
            .from((from_name.as_str(), "sender@example.com"))
            .subject(subject.clone())
            .header("X-Custom", custom.clone())
            .text(text.clone());
        for (i, name) in to_names.iter().enumerate() {
            builder = builder.to((name.as_str(), format!("rcpt{i}@example.org")));
        }
        if let Some(html) = &html {
            builder = builder.html(html.clone());
        }
        for (name, data) in &attachments {
            builder = builder.attachment(name.clone(), "application/octet-stream", data.clone());
        }
        let (msg, envelope) = builder.build().unwrap();
        let bytes = msg.to_bytes();
        assert_transport_ready(&bytes, !eight_bit);

        let parsed = mailmime::Message::parse(&bytes).unwrap();
        prop_assert_eq!(parsed.defects().count(), 0, "{:?}", parsed.defects().collect::<Vec<_>>());
        let got_subject = parsed.subject().map(|s| s.into_owned());
        prop_assert_eq!(got_subject, Some(safe(&subject)));
        prop_assert_eq!(parsed.headers().get("x-custom").unwrap().decoded().into_owned(), safe(&custom));
        let from = parsed.from();
        let from: Vec<_> = from.mailboxes().map(|m| (m.name().map(str::to_owned), m.address().into_owned())).collect();
        prop_assert_eq!(from, vec![(Some(from_name.clone()), "sender@example.com".to_string())]);
        let to = parsed.to();
        let to: Vec<_> = to.mailboxes().map(|m| (m.name().unwrap_or("").to_owned(), m.address().into_owned())).collect();
        let want: Vec<_> = to_names.iter().enumerate().map(|(i, n)| (n.clone(), format!("rcpt{i}@example.org"))).collect();
        prop_assert_eq!(to, want);
        prop_assert_eq!(envelope.recipients().len(), to_names.len());

        let text_part = parsed.text_body().unwrap();
        prop_assert_eq!(text_part.text(), crlf(&text));
        if let Some(html) = &html {
            prop_assert_eq!(parsed.html_body().unwrap().text(), crlf(html));
        }
        let got: Vec<(String, Vec<u8>)> =
            parsed.attachments().map(|p| (p.filename().unwrap(), p.decoded().into_owned())).collect();
        let want: Vec<(String, Vec<u8>)> = attachments.iter().map(|(name, data)| (safe(name), data.clone())).collect();
        prop_assert_eq!(got, want);
        prop_assert_eq!(msg.to_bytes(), parsed.to_bytes());
    }

    #[test]
    fn caller_text_never_adds_a_header_or_a_part(evil in "[a-z]{0,5}(\r\n|\n|\r)(Bcc: x@y|--b|\r\n--b--)[a-z\r\n]{0,10}") {
        let (msg, _) = MessageBuilder::new()
            .from(("a", "a@example.com"))
            .subject(evil.clone())
            .header("X-Note", evil.clone())
            .text("body")
            .build()
            .unwrap();
        let parsed = mailmime::Message::parse(&msg.to_bytes()).unwrap().into_owned();
        let names: Vec<String> = parsed.headers().iter().map(|f| f.name_str().to_owned()).collect();
        prop_assert_eq!(names, ["Date", "From", "Subject", "Message-ID", "X-Note", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"]);
        prop_assert!(parsed.body().is_leaf());
    }
}

#[test]
fn structure_follows_the_content() {
    let shape = |b: MessageBuilder| {
        let (msg, _) = b.from("a@example.com").build().unwrap();
        msg.parts().map(|p| p.content_type().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(shape(MessageBuilder::new().text("t")), ["text/plain"]);
    assert_eq!(shape(MessageBuilder::new().html("h")), ["text/html"]);
    assert_eq!(
        shape(MessageBuilder::new().text("t").html("h")),
        ["multipart/alternative", "text/plain", "text/html"]
    );
    assert_eq!(
        shape(MessageBuilder::new().text("t").html("h").inline("c1", "image/png", vec![1])),
        ["multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png"]
    );
    assert_eq!(
        shape(MessageBuilder::new().text("t").attachment("a.bin", "application/octet-stream", vec![0])),
        ["multipart/mixed", "text/plain", "application/octet-stream"]
    );
    assert_eq!(shape(MessageBuilder::new()), ["text/plain"]);
}

#[test]
fn misuse_is_an_error_not_a_broken_message() {
    let kind = |b: MessageBuilder| b.build().unwrap_err().kind().clone();
    assert_eq!(kind(MessageBuilder::new().text("x")), ErrorKind::MissingFrom);
    assert_eq!(kind(MessageBuilder::new().from("a@b.c\r\nBcc: d@e.f")), ErrorKind::InvalidAddress);
    assert_eq!(kind(MessageBuilder::new().from("a@b.c").to("no-domain")), ErrorKind::InvalidAddress);
    assert_eq!(
        kind(MessageBuilder::new().from("a@b.c").header("Bad Name", "v")),
        ErrorKind::InvalidHeaderName
    );
    assert_eq!(
        kind(MessageBuilder::new().from("a@b.c").header("Content-Type", "text/html")),
        ErrorKind::ReservedHeader
    );
    assert_eq!(kind(MessageBuilder::new().from("a@b.c").header("bcc", "x@y.z")), ErrorKind::ReservedHeader);
    assert_eq!(kind(MessageBuilder::new().from("a@b.c").message_id("a b@c")), ErrorKind::InvalidHeaderValue);
    assert_eq!(
        kind(
            MessageBuilder::new()
                .from("a@b.c")
                .body(MimePart::text("plain", "é").transfer_encoding(TransferEncoding::SevenBit))
        ),
        ErrorKind::InvalidTransferEncoding
    );
    assert_eq!(
        kind(MessageBuilder::new().from("a@b.c").body(MimePart::bytes("nonsense", vec![]))),
        ErrorKind::InvalidContentType
    );
    assert_eq!(
        kind(MessageBuilder::new().from("a@b.c").attach_file("/no/such/file")),
        ErrorKind::Io(std::io::ErrorKind::NotFound)
    );
}

#[test]
fn embedded_and_pre_encoded_parts_are_written_untouched() {
    let (inner, _) =
        MessageBuilder::new().from("x@example.com").subject("inner").text("hello").build().unwrap();
    let (outer, _) = MessageBuilder::new()
        .from("a@example.com")
        .body(MimePart::multipart(
            "mixed",
            vec![
                MimePart::text("plain", "see attached"),
                MimePart::message(&inner),
                MimePart::pre_encoded("application/octet-stream", TransferEncoding::Base64, b"AAEC".to_vec()),
            ],
        ))
        .build()
        .unwrap();
    let bytes = outer.to_bytes();
    let parsed = mailmime::Message::parse(&bytes).unwrap();
    let Body::Multipart(m) = parsed.body() else { panic!() };
    let Body::Message(embedded) = m.parts()[1].body() else { panic!() };
    assert_eq!(embedded.to_bytes(), inner.to_bytes());
    assert_eq!(embedded.subject().as_deref(), Some("inner"));
    assert_eq!(&*m.parts()[2].decoded(), &[0, 1, 2]);
}

#[test]
fn non_ascii_headers_are_raw_utf8_only_under_smtputf8() {
    let (msg, envelope) = MessageBuilder::new()
        .options(BuildOptions::default().transport(Transport::SmtpUtf8))
        .from(("Jörg", "jörg@bücher.example"))
        .subject("Grüße")
        .text("ä")
        .build()
        .unwrap();
    let bytes = msg.to_bytes();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("Subject: Grüße\r\n"), "{text}");
    assert!(text.contains("From: \"Jörg\" <jörg@bücher.example>\r\n"), "{text}");
    assert!(text.contains("Content-Transfer-Encoding: 8bit"), "{text}");
    assert_eq!(envelope.reverse_path(), "jörg@bücher.example");
    assert!(MessageBuilder::new().from("jörg@bücher.example").build().is_err());
}

/// What a reader sees of one part: its kind, media type, header fields (name and decoded
/// value) and, for a leaf, its decoded bytes.
type Seen = (&'static str, String, Vec<(String, String)>, Vec<u8>);

/// What a reader sees of every part, depth-first through embedded messages and delivery
/// status groups.
fn tree(msg: &mailmime::Message<'_>) -> Vec<Seen> {
    msg.parts()
        .map(|part| {
            let kind = match part.body() {
                Body::Leaf(_) => "leaf",
                Body::Multipart(_) => "multipart",
                Body::Message(_) => "message",
                _ => "delivery status",
            };
            let fields =
                part.headers().iter().map(|f| (f.name_str().to_owned(), f.value().decoded().into_owned()));
            let body = if part.body().is_leaf() { part.decoded().into_owned() } else { Vec::new() };
            (kind, part.content_type().to_string(), fields.collect(), body)
        })
        .collect()
}

#[test]
fn a_built_tree_is_the_tree_its_bytes_parse_to_with_embedded_messages() {
    // An embedded message holding a multipart with an embedded message of its own, the
    // same message given as bytes with LF line ends, and a delivery status.
    let (forwarded, _) = MessageBuilder::new()
        .from("x@example.com")
        .subject("forwarded")
        .text("first")
        .attachment("note.eml", "message/rfc822", b"Subject: note\n\nnote body\n".to_vec())
        .build()
        .unwrap();
    let lf = forwarded.to_bytes().iter().filter(|&&b| b != b'\r').copied().collect::<Vec<u8>>();
    let status = b"Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; b@example.org\r\nAction: failed\r\n";
    let (msg, _) = MessageBuilder::new()
        .from("a@example.com")
        .subject("outer")
        .body(MimePart::multipart(
            "mixed",
            vec![
                MimePart::text("plain", "see attached"),
                MimePart::message(&forwarded),
                MimePart::bytes("message/rfc822", lf).attachment("again.eml"),
                MimePart::bytes("message/delivery-status", status.to_vec()),
            ],
        ))
        .build()
        .unwrap();
    let bytes = msg.to_bytes();
    let parsed = mailmime::Message::parse(&bytes).unwrap();
    assert_eq!(tree(&msg), tree(&parsed));
    let kinds: Vec<_> = tree(&msg).into_iter().map(|(kind, media_type, ..)| (kind, media_type)).collect();
    let message = |t: &str| ("message", t.to_owned());
    let leaf = |t: &str| ("leaf", t.to_owned());
    let multipart = |t: &str| ("multipart", t.to_owned());
    let forwarded_parts =
        [multipart("multipart/mixed"), leaf("text/plain"), message("message/rfc822"), leaf("text/plain")];
    let expected: Vec<_> = [multipart("multipart/mixed"), leaf("text/plain"), message("message/rfc822")]
        .into_iter()
        .chain(forwarded_parts.clone())
        .chain([message("message/rfc822")])
        .chain(forwarded_parts)
        .chain([
            ("delivery status", "message/delivery-status".to_owned()),
            leaf("text/plain"),
            leaf("text/plain"),
        ])
        .collect();
    assert_eq!(kinds, expected);

    // The same message attached to a parsed LF message: written in its line ends, read
    // back as the tree the edit made.
    let mut edited = mailmime::Message::parse(b"From: b@example.com\nSubject: lf\n\nbody\n").unwrap();
    edited.attach(MimePart::message(&forwarded)).unwrap();
    let bytes = edited.to_bytes();
    assert!(!bytes.contains(&b'\r'));
    assert_eq!(tree(&edited), tree(&mailmime::Message::parse(&bytes).unwrap()));
    assert_eq!(tree(&edited).iter().filter(|(kind, ..)| *kind == "message").count(), 2);
}
