//! The builder: injection, duplicates, addresses, line length, message/rfc822.
//!
//! Each finding of issue 9 is a test named after it. A call either fails with the exact
//! `ErrorKind`, argument and value, or builds a message whose lines are CRLF, at most 998
//! octets (78 for the header lines asserted), and which reparses to the caller's values.

use mailmime::address::parse_address_list;
use mailmime::{
    Body, BuildOptions, Envelope, Error, ErrorKind, Message, MessageBuilder, MimePart, TransferEncoding,
    Transport,
};

fn from() -> MessageBuilder {
    MessageBuilder::new().from("a@example.com")
}

fn with_transport(transport: Transport) -> MessageBuilder {
    from().options(BuildOptions::default().transport(transport))
}

fn build(builder: MessageBuilder) -> (Message<'static>, Envelope, Vec<u8>) {
    let (msg, envelope) = builder.build().unwrap_or_else(|e| panic!("build failed: {e}"));
    let bytes = msg.to_bytes();
    assert_well_formed(&bytes);
    (msg, envelope, bytes)
}

fn error(builder: MessageBuilder) -> Error {
    match builder.build() {
        Ok((msg, _)) => panic!("built, but an error was due:\n{}", String::from_utf8_lossy(&msg.to_bytes())),
        Err(e) => e,
    }
}

/// Asserts the kind, argument and value of the error `builder` gives.
fn assert_error(builder: MessageBuilder, kind: ErrorKind, argument: &str, value: &str) {
    let e = error(builder);
    assert_eq!((e.kind(), e.argument(), e.value()), (&kind, Some(argument), Some(value)), "{e}");
}

/// CRLF line ends only, no bare CR or LF, no line over 998 octets.
fn assert_well_formed(bytes: &[u8]) {
    crate::common::assert_transport_ready(bytes, false);
}

/// The top-level header block's lines, without their CRLF.
fn header_lines(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let end = text.find("\r\n\r\n").expect("a header block");
    text[..end].split("\r\n").map(str::to_owned).collect()
}

/// The lines of the field `name` (its first line and its continuation lines).
fn field_lines(bytes: &[u8], name: &str) -> Vec<String> {
    let lines = header_lines(bytes);
    let start = lines
        .iter()
        .position(|l| {
            l.len() > name.len()
                && l[..name.len()].eq_ignore_ascii_case(name)
                && l.as_bytes()[name.len()] == b':'
        })
        .unwrap_or_else(|| panic!("no {name} field in {lines:#?}"));
    let mut out = vec![lines[start].clone()];
    out.extend(lines[start + 1..].iter().take_while(|l| l.starts_with([' ', '\t'])).cloned());
    out
}

fn field_names(msg: &Message<'_>) -> Vec<String> {
    msg.headers().iter().map(|f| f.name_str().to_owned()).collect()
}

// Injection

#[test]
fn param_name_with_line_break_or_specials_is_an_error_naming_it() {
    for name in [
        "format\r\nBcc: x@y",
        "charset=utf-8; boundary",
        "a b",
        "a;b",
        "a=b",
        "",
        "é",
        "name*",
        "x'y",
        "a%b",
        "a\0b",
    ] {
        let part = MimePart::bytes("application/octet-stream", b"x".to_vec()).param(name, "v");
        assert_error(from().body(part), ErrorKind::InvalidParameterName, "param name", name);
    }
}

#[test]
fn param_value_with_line_break_is_rfc2231_encoded() {
    let value = "a\r\nBcc: x@y\0z";
    let part = MimePart::bytes("application/x-note", b"x".to_vec()).param("note", value);
    let (_, _, bytes) = build(from().body(part));
    assert_eq!(
        field_lines(&bytes, "Content-Type"),
        ["Content-Type: application/x-note; note*=utf-8''a%0D%0ABcc%3A%20x%40y%00z"]
    );
    let parsed = Message::parse(&bytes).unwrap();
    assert!(!field_names(&parsed).iter().any(|n| n.eq_ignore_ascii_case("bcc")));
    assert_eq!(parsed.content_type().param("note").as_deref(), Some(value));
}

#[test]
fn header_value_with_line_break_or_nul_is_encoded() {
    let value = "a\r\nBcc: x@y\0";
    let part = MimePart::text("plain", "x").header("X-Part-Note", value);
    let (_, _, bytes) = build(from().header("X-Note", value).body(part));
    assert_eq!(field_lines(&bytes, "X-Note"), ["X-Note: =?UTF-8?B?YQ0KQmNjOiB4QHkA?="]);
    let parsed = Message::parse(&bytes).unwrap();
    assert_eq!(
        field_names(&parsed),
        [
            "Date",
            "From",
            "Message-ID",
            "X-Note",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding",
            "X-Part-Note"
        ]
    );
    // The encoded word carries the caller's exact value; typed reads give U+FFFD for
    // its control characters (the crate docs, "Hostile input").
    for name in ["x-note", "x-part-note"] {
        let field = parsed.parts().find_map(|p| p.headers().get(name)).unwrap();
        let mut issues = Vec::new();
        let raw = mailmime::encoding::encoded_word::decode_text(field.as_bytes().trim_ascii(), &mut issues);
        assert_eq!(raw, value);
        assert_eq!(field.decoded(), "a\u{fffd}\u{fffd}Bcc: x@y\u{fffd}");
    }
}

#[test]
fn header_name_outside_ftext_is_an_error_naming_it() {
    for name in ["X-A\r\nBcc", "X A", "X:A", "", "Xé", "X\0"] {
        assert_error(from().header(name, "v"), ErrorKind::InvalidHeaderName, "header name", name);
        let part = MimePart::text("plain", "x").header(name, "v");
        assert_error(from().body(part), ErrorKind::InvalidHeaderName, "header name", name);
    }
}

#[test]
fn transfer_encoding_name_must_be_a_token() {
    let evil = "7bit\r\nBcc: x@y";
    let part = MimePart::pre_encoded("text/plain", TransferEncoding::Other(evil.into()), b"x".to_vec());
    assert_error(from().body(part), ErrorKind::InvalidTransferEncoding, "transfer_encoding", evil);
    let part =
        MimePart::bytes("text/plain", b"x".to_vec()).transfer_encoding(TransferEncoding::Other(evil.into()));
    assert_error(from().body(part), ErrorKind::InvalidTransferEncoding, "transfer_encoding", evil);
    // A token is written, with its body, when the transport carries the bytes.
    let part = MimePart::pre_encoded(
        "application/x-y",
        TransferEncoding::Other("x-private".into()),
        b"abc".to_vec(),
    );
    let (_, _, bytes) = build(from().body(part));
    assert_eq!(field_lines(&bytes, "Content-Transfer-Encoding"), ["Content-Transfer-Encoding: x-private"]);
}

#[test]
fn pre_encoded_body_must_fit_its_label_and_the_transport() {
    let cases: [(TransferEncoding, &[u8], Transport); 6] = [
        (TransferEncoding::SevenBit, "caf\u{e9}".as_bytes(), Transport::SevenBit),
        (TransferEncoding::SevenBit, "caf\u{e9}".as_bytes(), Transport::EightBitMime),
        (TransferEncoding::SevenBit, b"bare\nlf", Transport::SevenBit),
        (TransferEncoding::Base64, b"AAEC\nAAEC", Transport::SevenBit),
        (TransferEncoding::QuotedPrintable, b"a=\r\n\xe9", Transport::EightBitMime),
        (TransferEncoding::EightBit, "caf\u{e9}".as_bytes(), Transport::SevenBit),
    ];
    for (encoding, body, transport) in cases {
        let part = MimePart::pre_encoded("application/octet-stream", encoding, body.to_vec());
        for (part, argument, value) in [
            (part.clone(), "body", "application/octet-stream"),
            (part.attachment("f.bin"), "attachment", "f.bin"),
        ] {
            assert_error(
                with_transport(transport).body(part),
                ErrorKind::InvalidTransferEncoding,
                argument,
                value,
            );
        }
    }
    let part =
        MimePart::pre_encoded("text/plain", TransferEncoding::EightBit, "caf\u{e9}".as_bytes().to_vec())
            .param("charset", "utf-8");
    let (_, _, bytes) = build(with_transport(Transport::EightBitMime).body(part));
    assert_eq!(Message::parse(&bytes).unwrap().text_body().unwrap().text(), "caf\u{e9}");
}

// Duplicates the caller did not ask for

const ONCE_ONLY: [&str; 10] =
    ["From", "Sender", "Date", "Subject", "Message-ID", "To", "Cc", "Reply-To", "In-Reply-To", "References"];

#[test]
fn once_only_and_builder_fields_via_header_are_refused() {
    let builder_fields = [
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Content-Disposition",
        "Content-ID",
        "Bcc",
    ];
    for name in ONCE_ONLY.into_iter().chain(builder_fields).chain(["from", "DATE"]) {
        assert_error(from().header(name, "x"), ErrorKind::ReservedHeader, "header name", name);
        let part = MimePart::text("plain", "x").header(name, "x");
        assert_error(from().body(part), ErrorKind::ReservedHeader, "header name", name);
    }
}

#[test]
fn every_once_only_field_is_written_once() {
    let (msg, _, bytes) = build(
        from()
            .sender("s@example.com")
            .reply_to("r@example.com")
            .to("t@example.com")
            .cc("c@example.com")
            .subject("s")
            .message_id("id@example.com")
            .in_reply_to("<p@example.com>")
            .references("o@example.com")
            .references("<p@example.com>")
            .text("x"),
    );
    let names = field_names(&Message::parse(&bytes).unwrap());
    for name in ONCE_ONLY {
        assert_eq!(names.iter().filter(|n| n.eq_ignore_ascii_case(name)).count(), 1, "{name} in {names:?}");
    }
    assert_eq!(field_lines(&bytes, "In-Reply-To"), ["In-Reply-To: <p@example.com>"]);
    assert_eq!(field_lines(&bytes, "References"), ["References: <o@example.com> <p@example.com>"]);
    assert_eq!(msg.in_reply_to(), ["p@example.com"]);
    assert_eq!(msg.references(), ["o@example.com", "p@example.com"]);
    assert_error(from().in_reply_to("a b@c"), ErrorKind::InvalidHeaderValue, "in_reply_to", "a b@c");
    assert_error(from().references("<a>b@c>"), ErrorKind::InvalidHeaderValue, "references", "<a>b@c>");
}

#[test]
fn boundary_param_on_a_multipart_is_refused() {
    for name in ["boundary", "BOUNDARY"] {
        let part = MimePart::multipart("mixed", vec![MimePart::text("plain", "x")]).param(name, "fixed");
        assert_error(from().body(part), ErrorKind::ReservedParameter, "param name", name);
    }
}

#[test]
fn charset_param_on_text_is_refused() {
    let part = MimePart::text("plain", "caf\u{e9}").param("charset", "iso-8859-1");
    assert_error(from().body(part), ErrorKind::ReservedParameter, "param name", "charset");
    // Bytes the caller encoded carry the caller's charset.
    let part = MimePart::bytes("text/plain", b"caf\xe9".to_vec()).param("charset", "iso-8859-1");
    let (_, _, bytes) = build(from().body(part));
    assert_eq!(Message::parse(&bytes).unwrap().text_body().unwrap().text(), "caf\u{e9}");
}

#[test]
fn a_parameter_given_twice_is_an_error() {
    let part = MimePart::text("plain", "x").param("format", "flowed").param("Format", "fixed");
    assert_error(from().body(part), ErrorKind::DuplicateParameter, "param name", "Format");
}

// Addresses

#[test]
fn quoted_local_part_of_a_parsed_mailbox_is_quoted_once() {
    let list = parse_address_list(b"\"john doe\"@example.com, Jane <\"a\\\"b\"@example.com>");
    let mailboxes: Vec<_> = list.mailboxes().collect();
    let (_, envelope, bytes) =
        build(MessageBuilder::new().from(mailboxes[0]).to(mailboxes[0]).cc(mailboxes[1].clone()).text("x"));
    assert_eq!(field_lines(&bytes, "From"), ["From: \"john doe\"@example.com"]);
    assert_eq!(field_lines(&bytes, "To"), ["To: \"john doe\"@example.com"]);
    assert_eq!(field_lines(&bytes, "Cc"), ["Cc: Jane <\"a\\\"b\"@example.com>"]);
    assert_eq!(envelope.reverse_path(), "\"john doe\"@example.com");
    assert_eq!(envelope.recipients(), ["\"john doe\"@example.com", "\"a\\\"b\"@example.com"]);
    let parsed = Message::parse(&bytes).unwrap();
    let to = parsed.to();
    let to = to.mailboxes().next().unwrap();
    assert_eq!(
        (to.local_part(), to.domain(), to.address().as_ref()),
        ("john doe", Some("example.com"), "\"john doe\"@example.com")
    );
    let cc = parsed.cc();
    let cc = cc.mailboxes().next().unwrap();
    assert_eq!((cc.name(), cc.local_part()), (Some("Jane"), "a\"b"));
    // The same address given as a string, quoted or not, is the same mailbox.
    for given in ["\"john doe\"@example.com", "john doe@example.com"] {
        let (_, envelope, bytes) = build(from().to(given));
        assert_eq!(field_lines(&bytes, "To"), ["To: \"john doe\"@example.com"]);
        assert_eq!(envelope.recipients(), ["\"john doe\"@example.com"]);
    }
}

#[test]
fn a_less_than_sign_inside_a_comment_does_not_make_the_string_name_and_address() {
    // fuzz/regressions/builder-1: a `<` only inside a comment made the builder read the
    // string as `Name <addr>`, which dropped the comments from the local part; without
    // the `<` the same string was taken as given. Both are now taken as given.
    for local in ["Pete(A comment)pete(x)  this", "Pete(A ni; ha< p)pete(h) this", "(x<y)z"] {
        let (_, envelope, bytes) = build(from().cc(format!("{local}@example.com")));
        let parsed = Message::parse(&bytes).unwrap();
        let cc = parsed.cc();
        let cc: Vec<_> =
            cc.mailboxes().map(|m| (m.local_part().to_owned(), m.domain().map(str::to_owned))).collect();
        assert_eq!(cc, [(local.to_owned(), Some("example.com".to_owned()))]);
        assert_eq!(envelope.recipients(), [format!("\"{local}\"@example.com")]);
    }
    // A `<` outside them still does.
    let (_, envelope, _) = build(from().cc("Pete (x<y) <pete@example.com>"));
    assert_eq!(envelope.recipients(), ["pete@example.com"]);
}

#[test]
fn a_parsed_mailbox_given_back_to_the_builder_reads_back_the_same() {
    // Names the builder must quote or encode, white space a reader would collapse, and
    // local parts that must be quoted; the From line holds what `Display` writes, but for
    // the transport's encoding of non-ASCII names.
    let list = parse_address_list(
        "\"Doe, \\\"JD\\\"\" <\"john doe\"@example.com>, \"Ann  Müller\" <a@example.com>, \
         \"\\\\x\ty\" <\"a..b\"@example.jp>"
            .as_bytes(),
    );
    for transport in [Transport::SevenBit, Transport::SmtpUtf8] {
        for mailbox in list.mailboxes() {
            let (_, envelope, bytes) = build(with_transport(transport).to(mailbox).text("x"));
            let parsed = Message::parse(&bytes).unwrap();
            let to = parsed.to();
            assert_eq!(to.mailboxes().collect::<Vec<_>>(), [mailbox], "{transport:?}");
            assert_eq!(envelope.recipients(), [mailbox.address()]);
            if transport == Transport::SmtpUtf8 {
                assert_eq!(field_lines(&bytes, "To"), [format!("To: {mailbox}")]);
            }
        }
    }
}

// Line length

#[test]
fn display_name_of_60_words_folds_between_words() {
    let name = (0..60).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ");
    let (_, _, bytes) = build(MessageBuilder::new().from((name.as_str(), "a@example.com")).text("x"));
    let lines = field_lines(&bytes, "From");
    assert!(lines.len() > 1 && lines.iter().all(|l| l.len() <= 78), "{lines:#?}");
    assert_eq!(lines.concat(), format!("From: {name} <a@example.com>"));
    let parsed = Message::parse(&bytes).unwrap();
    let from = parsed.from();
    let from = from.mailboxes().next().unwrap();
    assert_eq!((from.name(), from.address().as_ref()), (Some(name.as_str()), "a@example.com"));
}

#[test]
fn display_name_of_one_long_word_is_encoded_to_fold() {
    let name = "x".repeat(1100);
    let (_, _, bytes) = build(MessageBuilder::new().from((name.as_str(), "a@example.com")).text("x"));
    let lines = field_lines(&bytes, "From");
    assert!(lines.iter().all(|l| l.len() <= 78), "{lines:#?}");
    let parsed = Message::parse(&bytes).unwrap();
    assert_eq!(parsed.from().mailboxes().next().unwrap().name(), Some(name.as_str()));
}

#[test]
fn address_or_id_too_long_for_a_line_is_an_error_naming_it() {
    let long = format!("{}@example.com", "x".repeat(1100));
    assert_error(from().to(long.as_str()), ErrorKind::LineTooLong, "to", &long);
    assert_error(MessageBuilder::new().from(long.as_str()), ErrorKind::LineTooLong, "from", &long);
    assert_error(from().cc(("Name", long.as_str())), ErrorKind::LineTooLong, "cc", &long);
    assert_error(from().message_id(long.as_str()), ErrorKind::LineTooLong, "message_id", &long);
    assert_error(from().references(long.as_str()), ErrorKind::LineTooLong, "references", &long);
    let part = MimePart::bytes("image/png", vec![1]).inline(None).content_id(long.as_str());
    assert_error(from().html("h").part(part), ErrorKind::LineTooLong, "content_id", &long);
    let token = "x".repeat(1000);
    let part = MimePart::text("plain", "x").param(token.as_str(), "v");
    assert_error(from().body(part), ErrorKind::LineTooLong, "param name", &token);
    let media_type = format!("application/{token}");
    assert_error(
        from().body(MimePart::bytes(media_type.as_str(), vec![1])),
        ErrorKind::LineTooLong,
        "media_type",
        &media_type,
    );
    assert_error(from().header(token.as_str(), "v"), ErrorKind::LineTooLong, "header", &token);
}

#[test]
fn long_address_that_fits_a_line_gets_a_line_of_its_own() {
    let long = format!("{}@example.com", "x".repeat(900));
    let (_, envelope, bytes) = build(from().to(("Some Name", long.as_str())).text("x"));
    assert_eq!(field_lines(&bytes, "To"), ["To: Some Name".to_owned(), format!(" <{long}>")]);
    assert_eq!(envelope.recipients(), [long]);
    let id = format!("{}@example.com", "i".repeat(900));
    let (msg, _, bytes) = build(from().message_id(id.as_str()).text("x"));
    assert_eq!(field_lines(&bytes, "Message-ID"), [format!("Message-ID: <{id}>")]);
    assert_eq!(msg.message_id().as_deref(), Some(id.as_str()));
}

#[test]
fn fully_encoded_header_lines_fit_in_78_columns() {
    // Leading white space can only be kept inside encoded words.
    let subject = format!("  {}", "\u{e9}t\u{e9} ".repeat(40));
    let (_, _, bytes) = build(from().subject(subject.as_str()).text("x"));
    let lines = field_lines(&bytes, "Subject");
    assert!(lines.len() > 1, "{lines:#?}");
    assert!(lines.iter().all(|l| l.len() <= 78), "{lines:#?}");
    assert_eq!(Message::parse(&bytes).unwrap().subject().as_deref(), Some(subject.as_str()));
}

#[test]
fn from_line_of_83_octets_folds_before_its_address() {
    let name = "Alexandra Q Montgomery-Smithson";
    let address = "alexandra.montgomery@department.example.org";
    assert_eq!("From: ".len() + name.len() + 2 + address.len() + 1, 83);
    let (_, _, bytes) = build(MessageBuilder::new().from((name, address)).text("x"));
    assert_eq!(field_lines(&bytes, "From"), [format!("From: {name}"), format!(" <{address}>")]);
}

// message/rfc822

fn inner(text: &str) -> Vec<u8> {
    let (msg, _) = MessageBuilder::new()
        .options(BuildOptions::default().transport(Transport::EightBitMime))
        .from("x@example.com")
        .subject("inner")
        .text(text)
        .build()
        .unwrap();
    msg.to_bytes()
}

/// The embedded message's part: its Content-Transfer-Encoding line, if any, and the
/// embedded message's subject.
fn embedded(bytes: &[u8]) -> (Option<String>, Option<String>) {
    let parsed = Message::parse(bytes).unwrap();
    let Body::Multipart(m) = parsed.body() else { panic!("not a multipart") };
    let part = &m.parts()[1];
    assert!(part.content_type().is("message/rfc822"));
    let Body::Message(inner) = part.body() else { panic!("not an embedded message") };
    let cte = part.headers().get("content-transfer-encoding").map(|v| v.decoded().into_owned());
    (cte, inner.subject().map(|s| s.into_owned()))
}

#[test]
fn message_rfc822_attachment_is_never_base64() {
    let ascii = inner("hello");
    let (_, _, bytes) = build(from().text("see").attachment("inner.eml", "message/rfc822", ascii.clone()));
    assert_eq!(embedded(&bytes), (None, Some("inner".into())));

    let path = std::env::temp_dir().join(format!("mailmime-integrity-{}.eml", std::process::id()));
    std::fs::write(&path, &ascii).unwrap();
    let built = from().text("see").attach_file(&path).build();
    std::fs::remove_file(&path).unwrap();
    let bytes = built.unwrap().0.to_bytes();
    assert_well_formed(&bytes);
    assert_eq!(embedded(&bytes), (None, Some("inner".into())));

    // LF line ends (an .eml saved on Unix) become CRLF.
    let lf: Vec<u8> = String::from_utf8(ascii.clone()).unwrap().replace("\r\n", "\n").into_bytes();
    let (_, _, bytes) = build(from().text("see").attachment("lf.eml", "message/rfc822", lf));
    assert_eq!(embedded(&bytes), (None, Some("inner".into())));
}

#[test]
fn eight_bit_message_rfc822_is_8bit_or_an_error_as_message_says() {
    let eight_bit = inner("caf\u{e9}");
    let parsed_inner = Message::parse(&eight_bit).unwrap();
    // Under 8BITMIME all three ways write 8bit.
    for builder in [
        with_transport(Transport::EightBitMime).text("see").attachment(
            "i.eml",
            "message/rfc822",
            eight_bit.clone(),
        ),
        with_transport(Transport::EightBitMime).text("see").part(MimePart::message(&parsed_inner)),
    ] {
        let (_, _, bytes) = build(builder);
        assert_eq!(embedded(&bytes), (Some("8bit".into()), Some("inner".into())));
    }
    // Under 7-bit, an error that names the attachment, as MimePart::message refuses.
    assert_error(
        from().text("see").attachment("i.eml", "message/rfc822", eight_bit.clone()),
        ErrorKind::InvalidTransferEncoding,
        "attachment",
        "i.eml",
    );
    assert_error(
        from().text("see").part(MimePart::message(&parsed_inner)),
        ErrorKind::InvalidTransferEncoding,
        "body",
        "message/rfc822",
    );
}

#[test]
fn message_and_multipart_take_only_7bit_8bit_or_binary() {
    let msg = Message::parse(b"Subject: s\r\n\r\nx\r\n").unwrap();
    for encoding in [TransferEncoding::Base64, TransferEncoding::QuotedPrintable] {
        let name = encoding.as_str().to_owned();
        for part in [
            MimePart::message(&msg).transfer_encoding(encoding.clone()),
            MimePart::bytes("message/rfc822", b"Subject: s\r\n\r\nx".to_vec())
                .transfer_encoding(encoding.clone()),
            MimePart::multipart("mixed", vec![MimePart::text("plain", "x")])
                .transfer_encoding(encoding.clone()),
            MimePart::pre_encoded("message/rfc822", encoding.clone(), b"U3ViamVjdDogcw==".to_vec()),
            MimePart::pre_encoded("multipart/mixed", encoding.clone(), b"LS1i".to_vec()),
        ] {
            assert_error(from().body(part), ErrorKind::InvalidTransferEncoding, "transfer_encoding", &name);
        }
    }
    assert_error(
        from().body(MimePart::bytes("multipart/mixed", b"--b\r\n\r\nx\r\n--b--".to_vec())),
        ErrorKind::InvalidContentType,
        "media_type",
        "multipart/mixed",
    );
    // 8bit chosen for a multipart is checked against its parts and written.
    let part = MimePart::multipart("mixed", vec![MimePart::text("plain", "caf\u{e9}")])
        .transfer_encoding(TransferEncoding::EightBit);
    let (_, _, bytes) = build(with_transport(Transport::EightBitMime).body(part.clone()));
    assert_eq!(field_lines(&bytes, "Content-Transfer-Encoding"), ["Content-Transfer-Encoding: 8bit"]);
    assert_error(from().body(part), ErrorKind::InvalidTransferEncoding, "body", "multipart/mixed");
}
