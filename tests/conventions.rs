//! The standard traits a user reaches for: `FromStr` and `Display` that read each other
//! back, `Clone` of whole trees, a readable `Debug` (issue 11, "Rust conventions").

use mailmime::address::{AddressList, Mailbox};
use mailmime::{
    Addressee, Body, ContentType, DateTime, Error, ErrorKind, Message, MessageBuilder, MimePart, ParseOptions,
};
use proptest::prelude::*;

mod common;

#[test]
fn mailbox_from_str_reads_names_quotes_and_encoded_words() {
    let cases = [
        ("anais@example.com", None, "anais@example.com"),
        ("Anaïs <anais@example.com>", Some("Anaïs"), "anais@example.com"),
        ("\"Doe, John\" <john.doe@example.com>", Some("Doe, John"), "john.doe@example.com"),
        ("=?iso-8859-1?q?J=FCrgen?= <j@example.com>", Some("Jürgen"), "j@example.com"),
        ("  <\"john doe\"@example.com>  ", None, "\"john doe\"@example.com"),
        ("bob@example.org (Bob)", None, "bob@example.org"),
    ];
    for (input, name, address) in cases {
        let mailbox: Mailbox<'static> = input.parse().unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!((mailbox.name(), &*mailbox.address()), (name, address), "{input:?}");
    }
}

#[test]
fn mailbox_from_str_says_why_a_string_is_not_one_mailbox() {
    let cases = [
        ("", "there is no mailbox", None),
        (" , ", "there is no mailbox", None),
        (
            "a@example.com, b@example.com",
            "more than one address (parse an AddressList to read several)",
            None,
        ),
        ("team: a@example.com;", "this is a group (name: members;), not one mailbox", None),
        ("Anaïs <anais@example.com", "this `<` has no closing `>`", Some(7)),
        ("@@@", "this is not an address", Some(0)),
        ("root", "the mailbox \"root\" has no @domain", None),
        ("=?utf-8?q?a=0Ab?= <a@example.com>", "it holds a control character (a line break, say)", None),
    ];
    for (input, reason, offset) in cases {
        let err = input.parse::<Mailbox<'static>>().unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidAddress, "{input:?}");
        assert_eq!(
            (err.value(), err.reason(), err.offset()),
            (Some(input), Some(reason), offset),
            "{input:?}"
        );
    }
}

#[test]
fn address_list_from_str_reads_groups_and_reports_junk_with_its_offset() {
    let list: AddressList<'static> =
        "Ann <ann@example.com>, team: b@example.com, c@example.com;".parse().unwrap();
    assert_eq!(list.len(), 2);
    let addresses: Vec<String> = list.mailboxes().map(|m| m.address().into_owned()).collect();
    assert_eq!(addresses, ["ann@example.com", "b@example.com", "c@example.com"]);
    assert_eq!(list.to_string(), "Ann <ann@example.com>, team: b@example.com, c@example.com;");
    assert_eq!("".parse::<AddressList<'static>>().unwrap(), AddressList::new());

    let err = "ann@example.com, (c) a@b.example junk".parse::<AddressList<'static>>().unwrap_err();
    assert_eq!((err.kind(), err.offset()), (&ErrorKind::InvalidAddress, Some(33)));
    assert_eq!(
        err.to_string(),
        "invalid address: \"ann@example.com, (c) a@b.example junk\": this is not an address at byte 33"
    );
    let err = "ann@example.com, (c) junk".parse::<AddressList<'static>>().unwrap_err();
    assert_eq!((err.offset(), err.reason()), (None, Some("the mailbox \"junk\" has no @domain")));
}

#[test]
fn date_time_from_str_reads_what_a_date_field_holds() {
    let date: DateTime = "Fri, 21 Nov 1997 09:55:06 -0600".parse().unwrap();
    assert_eq!(date, DateTime::new(1997, 11, 21, 9, 55, 6, -360).unwrap());
    let date: DateTime = "21 Nov 97 09:55:06 GMT".parse().unwrap();
    assert_eq!(date.to_iso8601(), "1997-11-21T09:55:06+00:00");
    for bad in ["", "yesterday", "31 Apr 2001 10:00:00 +0000", "1 Jan 2001 24:00:00 +0000"] {
        let err = bad.parse::<DateTime>().unwrap_err();
        assert_eq!((err.kind(), err.value()), (&ErrorKind::InvalidDate, Some(bad)), "{bad:?}");
        assert!(
            err.to_string().starts_with(&format!("invalid date: {bad:?}: expected an RFC 5322")),
            "{err}"
        );
    }
}

#[test]
fn content_type_from_str_reads_parameters_and_alternate_display_writes_them() {
    let ct: ContentType<'static> = "Text/Plain; charset=\"utf-8\"; format=flowed".parse().unwrap();
    assert_eq!((ct.main_type(), ct.subtype()), ("text", "plain"));
    assert_eq!(ct.charset().as_deref(), Some("utf-8"));
    assert_eq!(ct.param("format").as_deref(), Some("flowed"));
    assert_eq!(ct.to_string(), "text/plain");
    assert_eq!(format!("{ct:#}"), "text/plain; charset=\"utf-8\"; format=flowed");
    assert_eq!(format!("{ct:#}").parse::<ContentType<'static>>().unwrap(), ct);

    let ct: ContentType<'static> = "application/x-thing; name*=utf-8''r%C3%A9sum%C3%A9.pdf".parse().unwrap();
    assert_eq!(ct.param("name").as_deref(), Some("résumé.pdf"));
    assert_eq!("image/png".parse::<ContentType<'static>>().unwrap(), ContentType::new("image", "png"));

    for bad in ["", "text", "text/", "text plain", "text/plain junk", "té/xt"] {
        let err = bad.parse::<ContentType<'static>>().unwrap_err();
        assert_eq!((err.kind(), err.value()), (&ErrorKind::InvalidContentType, Some(bad)), "{bad:?}");
        assert_eq!(
            err.reason(),
            Some("expected type/subtype (RFC 2045 tokens), then only `;`-separated parameters")
        );
    }
}

#[test]
fn header_value_display_is_the_decoded_text() {
    let msg = Message::parse(
        b"Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n =?utf-8?q?_aus_Berlin?=\r\nX-Raw: caf\xc3\xa9 \r\n\r\n",
    )
    .unwrap();
    let subject = msg.headers().get("subject").unwrap();
    assert_eq!(subject.to_string(), "Grüße aus Berlin");
    assert_eq!(format!("{subject}"), subject.decoded());
    assert_eq!(msg.headers().get("x-raw").unwrap().to_string(), "café ");
}

#[test]
fn debug_of_dispositions_and_parameters_shows_decoded_text() {
    let msg = Message::parse(
        b"Content-Type: Application/PDF; NAME=\"a b.pdf\"\r\nContent-Disposition: Attachment;\r\n filename*0*=utf-8''r%C3%A9sum; filename*1=\"\xC3\xA9.pdf\"; size=12\r\n\r\n",
    )
    .unwrap();
    let disposition = msg.content_disposition().unwrap();
    assert_eq!(
        format!("{disposition:?}"),
        r#"ContentDisposition { kind: "attachment", params: {"filename": "résumé.pdf", "size": "12"} }"#
    );
    assert_eq!(
        format!("{:?}", msg.content_type()),
        r#"ContentType { main: "application", sub: "pdf", params: {"name": "a b.pdf"} }"#
    );
    assert_eq!(format!("{:?}", ContentType::new("text", "plain").parameters()), "{}");
}

/// The unfolded lines of field `name` in `bytes`.
fn field(bytes: &[u8], name: &str) -> Option<String> {
    let msg = Message::parse(bytes).unwrap();
    msg.headers().get(name).map(|v| String::from_utf8(v.unfolded().into_owned()).unwrap())
}

fn build_error(builder: MessageBuilder) -> Error {
    builder.build().unwrap_err()
}

#[test]
fn builder_reads_name_addr_strings_and_encodes_non_ascii_names() {
    let (msg, envelope) = MessageBuilder::new()
        .from("Anaïs <anais@example.com>")
        .to("\"Doe, John\" <john@example.org>")
        .cc(String::from("=?utf-8?q?Zo=C3=AB?= <zoe@example.org>"))
        .bcc("<audit@example.com>")
        .reply_to("\"john doe\"@example.com")
        .text("x")
        .build()
        .unwrap();
    let bytes = msg.to_bytes();
    assert!(bytes.is_ascii());
    assert_eq!(field(&bytes, "From").as_deref(), Some("=?UTF-8?B?QW5hw69z?= <anais@example.com>"));
    assert_eq!(field(&bytes, "To").as_deref(), Some("\"Doe, John\" <john@example.org>"));
    assert_eq!(field(&bytes, "Reply-To").as_deref(), Some("\"john doe\"@example.com"));
    let parsed = Message::parse(&bytes).unwrap();
    assert_eq!(parsed.from().mailboxes().next().unwrap().name(), Some("Anaïs"));
    assert_eq!(parsed.cc().mailboxes().next().unwrap().name(), Some("Zoë"));
    assert_eq!(envelope.reverse_path(), "anais@example.com");
    assert_eq!(envelope.recipients(), ["john@example.org", "zoe@example.org", "audit@example.com"]);
}

#[test]
fn builder_errors_name_the_argument_and_value_and_say_why() {
    let from = || MessageBuilder::new().from("a@example.com");
    #[rustfmt::skip]
    let cases = [
        (MessageBuilder::new().from("Anaïs <anais@example.com"), "from", "Anaïs <anais@example.com", "this `<` has no closing `>`"),
        (from().to("Bob <bob.example.org>"), "to", "Bob <bob.example.org>", "the mailbox \"bob.example.org\" has no @domain"),
        (from().cc("A <a@x.example>, B <b@x.example>"), "cc", "A <a@x.example>, B <b@x.example>", "more than one address (parse an AddressList to read several)"),
        (from().bcc("bob.example.org"), "bcc", "bob.example.org", "the address has no @"),
        (from().reply_to("Ann <ann@exa mple.com>"), "reply_to", "Ann <ann@exa mple.com>", "this is not an address"),
        (from().to("Jörg <jörg@example.com>"), "to", "jörg@example.com", "the address is not ASCII, which needs the SMTPUTF8 transport (BuildOptions::transport)"),
    ];
    for (builder, argument, value, reason) in cases {
        let err = build_error(builder);
        assert_eq!(err.kind(), &ErrorKind::InvalidAddress, "{value}");
        assert_eq!((err.argument(), err.value(), err.reason()), (Some(argument), Some(value), Some(reason)));
        assert!(
            err.to_string().starts_with(&format!("invalid address: {argument} {value:?}: {reason}")),
            "{err}"
        );
    }
}

#[test]
fn to_cc_and_bcc_take_several_recipients_in_one_call() {
    let list: AddressList<'static> =
        "Eve <eve@example.com>, team: f@example.com, g@example.com;".parse().unwrap();
    let names = vec![String::from("h@example.com"), String::from("I <i@example.com>")];
    let mailbox: Mailbox<'static> = "J <j@example.com>".parse().unwrap();
    let (msg, envelope) = MessageBuilder::new()
        .from("a@example.com")
        .to(["b@example.com", "C <c@example.com>"])
        .to(("D", "d@example.com"))
        .cc(&list)
        .cc(&names[..])
        .bcc(names.clone())
        .bcc(vec![Addressee::from(&mailbox)])
        .bcc(&mailbox)
        .bcc((1..3).map(|i| format!("k{i}@example.com")).collect::<Vec<_>>())
        .text("x")
        .build()
        .unwrap();
    let bytes = msg.to_bytes();
    assert_eq!(field(&bytes, "To").as_deref(), Some("b@example.com, C <c@example.com>, D <d@example.com>"));
    assert_eq!(
        field(&bytes, "Cc").as_deref(),
        Some("Eve <eve@example.com>, f@example.com, g@example.com, h@example.com, I <i@example.com>")
    );
    assert_eq!(field(&bytes, "Bcc"), None);
    // In order, each once (the envelope drops repeats).
    assert_eq!(
        envelope.recipients(),
        [
            "b@example.com",
            "c@example.com",
            "d@example.com",
            "eve@example.com",
            "f@example.com",
            "g@example.com",
            "h@example.com",
            "i@example.com",
            "j@example.com",
            "k1@example.com",
            "k2@example.com",
        ]
    );
    // One bad recipient in a list fails the build, naming it.
    let err = build_error(MessageBuilder::new().from("a@example.com").to(["b@example.com", "c@"]));
    assert_eq!((err.argument(), err.value()), (Some("to"), Some("c@")));
}

#[test]
fn inline_parts_take_content_ids_in_angle_brackets_and_optional_file_names() {
    let (msg, _) = MessageBuilder::new()
        .from("a@example.com")
        .html("<img src=\"cid:logo@example.com\"><img src=\"cid:dot@example.com\">")
        .inline("<logo@example.com>", "image/png", vec![1, 2, 3])
        .part(MimePart::bytes("image/gif", vec![4]).inline("dot.gif").content_id(" <dot@example.com> "))
        .part(
            MimePart::bytes("image/gif", vec![5])
                .inline(Some(String::from("b.gif")))
                .content_id("b@example.com"),
        )
        .part(MimePart::bytes("image/gif", vec![6]).inline(None).content_id("c@example.com"))
        .message_id("<id@example.com>")
        .build()
        .unwrap();
    let bytes = msg.to_bytes();
    let parsed = Message::parse(&bytes).unwrap();
    let images: Vec<(Option<String>, Option<String>)> = parsed
        .parts()
        .filter(|p| p.content_type().main_type() == "image")
        .map(|p| (p.content_id().map(|c| c.into_owned()), p.filename()))
        .collect();
    let expected = [
        (Some("logo@example.com"), None),
        (Some("dot@example.com"), Some("dot.gif")),
        (Some("b@example.com"), Some("b.gif")),
        (Some("c@example.com"), None),
    ];
    let expected: Vec<_> =
        expected.iter().map(|(c, f)| (c.map(str::to_owned), f.map(str::to_owned))).collect();
    assert_eq!(images, expected);
    assert_eq!(parsed.message_id().as_deref(), Some("id@example.com"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("Content-ID: <logo@example.com>\r\n"), "{text}");
    assert!(!text.contains("<<"), "{text}");
}

#[test]
fn media_types_with_parameters_are_accepted_or_refused_with_a_reason() {
    let (msg, _) = MessageBuilder::new()
        .from("a@example.com")
        .text("see attached")
        .attachment("a.csv", "text/csv; charset=utf-8; header=present", b"a,b\r\n".to_vec())
        .part(MimePart::bytes("application/x-thing; name*=utf-8''%C3%A9.bin", vec![0]).attachment("é.bin"))
        .build()
        .unwrap();
    let bytes = msg.to_bytes();
    let parsed = Message::parse(&bytes).unwrap();
    let attachments: Vec<_> = parsed.attachments().collect();
    let csv = attachments[0].content_type();
    assert_eq!(format!("{csv:#}"), "text/csv; charset=utf-8; header=present");
    assert_eq!(attachments[1].content_type().param("name").as_deref(), Some("é.bin"));

    let from = || MessageBuilder::new().from("a@example.com");
    #[rustfmt::skip]
    let cases = [
        (MimePart::bytes("text/csv; header", vec![]), ErrorKind::InvalidContentType, "text/csv; header", Some("this is not a name=value parameter")),
        (MimePart::bytes("text csv; a=b", vec![]), ErrorKind::InvalidContentType, "text csv; a=b", Some("expected type/subtype (RFC 2045 tokens), then only `;`-separated parameters")),
        (MimePart::bytes("textcsv", vec![]), ErrorKind::InvalidContentType, "textcsv", Some("expected type/subtype")),
        (MimePart::bytes("text/c sv", vec![]), ErrorKind::InvalidContentType, "text/c sv", Some("the type and subtype must be RFC 2045 tokens (no white space, controls or tspecials)")),
        (MimePart::bytes("text/csv; a=1", vec![]).param("A", "2"), ErrorKind::DuplicateParameter, "A", None),
        (MimePart::text("plain; charset=latin1", "x"), ErrorKind::ReservedParameter, "charset", None),
    ];
    for (part, kind, value, reason) in cases {
        let err = build_error(from().body(part));
        assert_eq!((err.kind(), err.value(), err.reason()), (&kind, Some(value), reason), "{value}");
    }
}

/// Runs `f` on a thread with a 2 MiB stack (the default for spawned threads), where a
/// recursion as deep as the trees below would overflow.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap()
}

fn unlimited_depth() -> ParseOptions {
    ParseOptions::default().max_depth(usize::MAX).max_parts(usize::MAX)
}

/// `depth` messages, each embedded in the one above as message/rfc822.
fn nested_messages(depth: usize) -> Vec<u8> {
    let mut out = b"Content-Type: message/rfc822\r\n\r\n".repeat(depth);
    out.extend_from_slice(b"Subject: innermost\r\n\r\nbody\r\n");
    out
}

#[test]
fn clone_copies_a_hundred_thousand_level_tree_on_a_small_stack() {
    on_small_stack(|| {
        for input in [common::nested_multiparts(100_000), nested_messages(100_000)] {
            let msg = Message::parse_with(&input, &unlimited_depth()).unwrap();
            assert_eq!(msg.parts().count(), 100_001);
            let copy = msg.clone();
            drop(msg);
            assert_eq!(copy.parts().count(), 100_001);
            assert_eq!(copy.to_bytes(), input);
            assert_eq!(copy.root().clone().raw(), Some(&input[..]));
            let owned = copy.clone().into_owned();
            drop(copy);
            assert_eq!(owned.clone().to_bytes(), input);
        }
    });
}

#[test]
fn a_clone_is_edited_on_its_own_and_keeps_every_kind_of_body() {
    let input: &[u8] = b"Subject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\npreamble\r\n\
--b\r\nContent-Type: text/plain\r\n\r\none\r\n\
--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nU3ViamVjdDogaW5uZXINCg0KaGk=\r\n\
--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nStatus: 5.1.1\r\n\
--b--\r\nepilogue\r\n";
    let msg = Message::parse(input).unwrap();
    let mut copy = msg.clone();
    assert_eq!(copy.to_bytes(), input);
    let kinds = |m: &Message<'_>| m.parts().map(common::kind).collect::<Vec<_>>();
    assert_eq!(kinds(&copy), kinds(&msg));
    assert_eq!(kinds(&copy), ["multipart", "leaf", "message", "leaf", "delivery-status", "leaf", "leaf"]);
    let Body::Message(embedded) = copy.body().as_multipart().unwrap().parts()[1].body() else { panic!() };
    assert_eq!(embedded.encoded(), Some(&b"U3ViamVjdDogaW5uZXINCg0KaGk="[..]));
    assert_eq!(embedded.subject().as_deref(), Some("inner"));
    assert_eq!(copy.defects().collect::<Vec<_>>(), msg.defects().collect::<Vec<_>>());

    copy.replace_part(1, MimePart::text("plain", "two")).unwrap();
    assert_eq!(msg.to_bytes(), input);
    assert_ne!(copy.to_bytes(), input);
    assert_eq!(copy.clone().to_bytes(), copy.to_bytes());
}

/// A display name: any printable text, non-ASCII and specials included, but no
/// `=?` (which would be read back as an RFC 2047 encoded word).
fn display_name() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        "[ a-zA-Z0-9.,;:<>@\"\\\\()'éßЖ✓-]{1,20}".prop_filter("no encoded word", |n| !n.contains("=?")),
    )
}

fn local_part() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,8}(\\.[a-zA-Z0-9_-]{1,8}){0,2}",
        "[ a-zA-Z0-9.,@\"\\\\()<>-]{1,12}",
    ]
}

fn domain() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,10}(\\.[a-z0-9-]{0,8}[a-z0-9]){0,3}"
}

/// Text made of the characters the address, date and media-type grammars care about.
fn grammar_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<"),
        Just(">"),
        Just("\""),
        Just("\\"),
        Just("("),
        Just(")"),
        Just(","),
        Just(";"),
        Just(":"),
        Just("@"),
        Just("="),
        Just("=?utf-8?q?"),
        Just("?="),
        Just("/"),
        Just(" "),
        Just("\r\n"),
        Just("*0*"),
        Just("a"),
        Just("é"),
        Just("text/plain"),
        Just("Fri, 21 Nov 1997"),
        Just("09:55:06"),
        Just("-0600"),
    ];
    prop_oneof![proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat()), any::<String>()]
}

proptest! {
    #[test]
    fn parsing_any_string_never_panics(s in grammar_soup()) {
        let _ = s.parse::<Mailbox<'static>>();
        let _ = s.parse::<AddressList<'static>>();
        let _ = s.parse::<DateTime>();
        if let Ok(ct) = s.parse::<ContentType<'static>>() {
            // What was accepted is written and read again.
            prop_assert!(format!("{ct:#}").parse::<ContentType<'static>>().is_ok(), "{:?}", s);
        }
        let _ = MessageBuilder::new().from(s.as_str()).to(s.as_str()).body(MimePart::bytes(s.as_str(), vec![])).build();
    }

    #[test]
    fn mailbox_display_and_from_str_read_each_other_back(
        name in display_name(),
        local in local_part(),
        domain in domain(),
    ) {
        let mut mailbox = Mailbox::new(local, domain);
        if let Some(name) = name {
            mailbox = mailbox.with_name(name);
        }
        let written = mailbox.to_string();
        let read: Mailbox<'static> = written.parse().map_err(|e| TestCaseError::fail(format!("{written:?}: {e}")))?;
        prop_assert_eq!(&read, &mailbox, "{:?}", written);
        prop_assert_eq!(read.to_string(), written);
    }

    #[test]
    fn date_time_display_and_from_str_read_each_other_back(
        year in 1u16..=9999,
        month in 1u8..=12,
        day in 1u8..=31,
        hour in 0u8..=23,
        minute in 0u8..=59,
        second in 0u8..=60,
        offset in -1439i16..=1439,
    ) {
        let Some(date) = DateTime::new(year, month, day, hour, minute, second, offset) else {
            return Ok(());
        };
        let written = date.to_string();
        let read: DateTime = written.parse().map_err(|e| TestCaseError::fail(format!("{written:?}: {e}")))?;
        prop_assert_eq!(read, date, "{}", written);
        prop_assert_eq!(read.to_string(), written);
    }
}
