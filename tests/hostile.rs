//! Hostile input (issue 10): typed accessors never hand out control characters, and
//! every input that two readers could read two ways records its own defect. One
//! hand-written case per class, with the exact expected result, in the LF and the CRLF
//! form of each message, and a property test over arbitrary header bytes.

use mailmime::{DefectKind, Message, Part};
use proptest::prelude::*;

/// `lines` joined with CRLF, and the same message with LF line ends.
fn both_styles(lines: &[&str]) -> [Vec<u8>; 2] {
    let crlf = lines.iter().map(|l| format!("{l}\r\n")).collect::<String>();
    let lf = lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    [crlf.into_bytes(), lf.into_bytes()]
}

/// Offset of the first occurrence of `needle` in `input`.
fn at(input: &[u8], needle: &str) -> usize {
    input.windows(needle.len()).position(|w| w == needle.as_bytes()).unwrap()
}

fn defects(part: &Part<'_>) -> Vec<(DefectKind, usize)> {
    part.defects().iter().map(|d| (d.kind(), d.offset())).collect()
}

fn field_defects(part: &Part<'_>) -> Vec<(DefectKind, usize)> {
    part.field_defects().iter().map(|d| (d.kind(), d.offset())).collect()
}

// ---------------------------------------------------------------------------------------
// Controls in typed values
// ---------------------------------------------------------------------------------------

#[test]
fn display_name_that_decodes_to_crlf_and_a_bcc_line() {
    for input in
        both_styles(&["From: =?utf-8?q?Boss=0D=0ABcc=3A_victim=40example=2Ecom?= <boss@example.com>", ""])
    {
        let msg = Message::parse(&input).unwrap();
        let from = msg.from();
        let boss = from.mailboxes().next().unwrap();
        assert_eq!(boss.name(), Some("Boss\u{fffd}\u{fffd}Bcc: victim@example.com"));
        assert_eq!(boss.address(), "boss@example.com");
        assert_eq!(field_defects(msg.root()), [(DefectKind::ControlCharacterInHeader, 0)]);
        // The raw bytes are still there.
        assert!(msg.headers().get("from").unwrap().as_bytes().starts_with(b" =?utf-8?q?Boss=0D=0A"));
    }
}

#[test]
fn display_name_that_decodes_to_an_address_nul_and_lf() {
    for input in
        both_styles(&["Subject: x", "From: =?utf-8?b?Y2VvQGJhbmsuZXhhbXBsZQAK?= <a@evil.example>", ""])
    {
        let msg = Message::parse(&input).unwrap();
        let from = msg.from();
        assert_eq!(from.mailboxes().next().unwrap().name(), Some("ceo@bank.example\u{fffd}\u{fffd}"));
        assert_eq!(field_defects(msg.root()), [(DefectKind::ControlCharacterInHeader, at(&input, "From:"))]);
    }
}

#[test]
fn subject_local_part_domain_and_ids_lose_their_controls() {
    for input in both_styles(&[
        "Subject: =?utf-8?q?a=1B[2Jb=7F?=",
        "To: \"x\\\u{1}y\"@example.com, group=?utf-8?q?=00?=: m@[d\u{7f}x];",
        "Message-ID: <id\u{0}1@example.com>",
        "Content-ID: <c\u{8}id@example.com>",
        "",
    ]) {
        let msg = Message::parse(&input).unwrap();
        assert_eq!(msg.subject().as_deref(), Some("a\u{fffd}[2Jb\u{fffd}"));
        let to = msg.to();
        let locals: Vec<String> = to.mailboxes().map(|m| m.address().into_owned()).collect();
        assert_eq!(locals, ["x\u{fffd}y@example.com", "m@[d\u{fffd}x]"]);
        assert_eq!(msg.message_id().as_deref(), Some("id\u{fffd}1@example.com"));
        assert_eq!(msg.root().content_id().as_deref(), Some("c\u{fffd}id@example.com"));
        let kinds: Vec<DefectKind> = field_defects(msg.root()).iter().map(|d| d.0).collect();
        assert_eq!(kinds, [DefectKind::ControlCharacterInHeader; 4]);
    }
}

#[test]
fn filename_with_nul_and_with_a_right_to_left_override() {
    for input in both_styles(&["Content-Disposition: attachment; filename*=utf-8''evil%00.txt", "", "x"]) {
        let msg = Message::parse(&input).unwrap();
        assert_eq!(msg.root().filename().as_deref(), Some("evil\u{fffd}.txt"));
        assert_eq!(field_defects(msg.root()), [(DefectKind::ControlCharacterInHeader, 0)]);
    }
    for input in both_styles(&[
        "Content-Type: application/octet-stream; name*=utf-8''invoice%E2%80%AEfdp.exe",
        "",
        "x",
    ]) {
        let msg = Message::parse(&input).unwrap();
        // Kept, so the name is what the sender wrote; the defect says it is disguised.
        assert_eq!(msg.root().filename().as_deref(), Some("invoice\u{202e}fdp.exe"));
        assert_eq!(field_defects(msg.root()), [(DefectKind::BidiControlInHeader, 0)]);
    }
}

#[test]
fn bidi_isolate_in_a_display_name() {
    for input in both_styles(&["From: =?utf-8?q?Bank=E2=81=A6?= <a@b.example>", ""]) {
        let msg = Message::parse(&input).unwrap();
        assert_eq!(msg.from().mailboxes().next().unwrap().name(), Some("Bank\u{2066}"));
        assert_eq!(field_defects(msg.root()), [(DefectKind::BidiControlInHeader, 0)]);
    }
}

// ---------------------------------------------------------------------------------------
// Ambiguity
// ---------------------------------------------------------------------------------------

#[test]
fn every_duplicated_single_instance_field_is_reported_and_the_first_is_read() {
    let fields = [
        ("From", "a@first.example", "b@second.example"),
        ("Sender", "a@first.example", "b@second.example"),
        ("Subject", "first", "second"),
        ("Date", "Mon, 1 Jan 2024 00:00:00 +0000", "Tue, 2 Jan 2024 00:00:00 +0000"),
        ("Message-ID", "<first@x>", "<second@x>"),
        ("MIME-Version", "1.0", "2.0"),
        ("Content-Type", "text/plain; charset=utf-8", "text/html"),
        ("Content-Transfer-Encoding", "7bit", "base64"),
        ("Content-Disposition", "inline", "attachment; filename=x.exe"),
    ];
    for (name, first, second) in fields {
        let one = format!("{name}: {first}");
        let two = format!("{}: {second}", name.to_ascii_uppercase());
        for input in both_styles(&["X-Before: 1", &one, "X-Between: 2", &two, "", "body"]) {
            let msg = Message::parse(&input).unwrap();
            assert_eq!(defects(msg.root()), [(DefectKind::DuplicateField, at(&input, &two))], "{name}");
            assert_eq!(msg.headers().get(name).unwrap().as_bytes().trim_ascii(), first.as_bytes());
        }
    }
    // The accessors read the first.
    for input in both_styles(&["Subject: first", "Subject: second", "From: a@first.example", "From: b@x", ""])
    {
        let msg = Message::parse(&input).unwrap();
        assert_eq!(msg.subject().as_deref(), Some("first"));
        let kinds: Vec<DefectKind> = defects(msg.root()).iter().map(|d| d.0).collect();
        assert_eq!(kinds, [DefectKind::DuplicateField; 2]);
    }
    // Fields that may repeat are not reported.
    for input in
        both_styles(&["Received: a", "Received: b", "To: a@x", "To: b@x", "Comments: 1", "Comments: 2", ""])
    {
        assert_eq!(defects(Message::parse(&input).unwrap().root()), []);
    }
}

#[test]
fn field_hidden_behind_a_bare_cr() {
    let input = b"Subject: hello\rBcc: victim@example.com\r\nFrom: a@b.example\r\n\r\nbody\r\n";
    let msg = Message::parse(input).unwrap();
    // Read as two fields, like Python's email; the defect says another reader may not.
    assert_eq!(msg.subject().as_deref(), Some("hello"));
    assert_eq!(msg.bcc().mailboxes().next().unwrap().address(), "victim@example.com");
    assert_eq!(defects(msg.root()), [(DefectKind::BareCarriageReturnInHeader, 0)]);
    // The same inside a folded value.
    let input = b"Subject: hello\r\n there\rX-Hidden: 1\r\n\r\nbody\r\n";
    let msg = Message::parse(input).unwrap();
    assert_eq!(defects(msg.root()), [(DefectKind::BareCarriageReturnInHeader, 0)]);
}

#[test]
fn two_boundaries_or_a_boundary_and_a_disagreeing_extended_one() {
    let body = ["", "--a", "", "in a", "--b", "", "in b", "--a--", "--b--"];
    for ct in [
        "Content-Type: multipart/mixed; boundary=a; boundary=b",
        "Content-Type: multipart/mixed; boundary=\"a\";\tBOUNDARY=b",
        "Content-Type: multipart/mixed; boundary=b; boundary*=utf-8''a",
    ] {
        let lines: Vec<&str> = std::iter::once(ct).chain(body).collect();
        for input in both_styles(&lines) {
            let msg = Message::parse(&input).unwrap();
            assert_eq!(defects(msg.root()), [(DefectKind::AmbiguousBoundary, 0)], "{ct}");
            // The first plain one is used, or the RFC 2231 one when there is one.
            let first_text = msg.parts().nth(1).unwrap().text().into_owned();
            assert_eq!(
                first_text,
                "in a\r\n--b\r\n\r\nin b".replace("\r\n", if input.contains(&b'\r') { "\r\n" } else { "\n" })
            );
        }
    }
    // The same boundary twice is no ambiguity.
    for input in both_styles(&[
        "Content-Type: multipart/mixed; boundary=a; boundary*=utf-8''a",
        "",
        "--a",
        "",
        "x",
        "--a--",
    ]) {
        assert_eq!(defects(Message::parse(&input).unwrap().root()), []);
    }
}

#[test]
fn two_filenames_and_two_dispositions() {
    for cd in [
        "Content-Disposition: attachment; filename=report.pdf; filename=report.exe",
        "Content-Disposition: attachment; filename=report.pdf; filename*=utf-8''report.exe",
    ] {
        for input in both_styles(&["Content-Type: application/octet-stream", cd, "", "x"]) {
            let msg = Message::parse(&input).unwrap();
            assert_eq!(
                field_defects(msg.root()),
                [(DefectKind::AmbiguousFilename, at(&input, "Content-Disposition"))]
            );
        }
    }
    // The first plain filename, or the RFC 2231 one.
    let msg =
        Message::parse(b"Content-Disposition: attachment; filename=a.pdf; filename=b.exe\r\n\r\n").unwrap();
    assert_eq!(msg.root().filename().as_deref(), Some("a.pdf"));
    let msg =
        Message::parse(b"Content-Disposition: attachment; filename=a.pdf; filename*=utf-8''b.exe\r\n\r\n")
            .unwrap();
    assert_eq!(msg.root().filename().as_deref(), Some("b.exe"));
    for input in both_styles(&[
        "Content-Disposition: inline; filename=a.txt",
        "Content-Disposition: attachment; filename=b.exe",
        "",
        "x",
    ]) {
        let msg = Message::parse(&input).unwrap();
        assert_eq!(
            defects(msg.root()),
            [(DefectKind::DuplicateField, at(&input, "Content-Disposition: attachment"))]
        );
        assert_eq!(msg.root().filename().as_deref(), Some("a.txt"));
    }
}

#[test]
fn comment_between_the_atoms_of_a_domain() {
    for from in [
        "From: user@good.example(x)evil.example",
        "From: user@good(x).example",
        "From: <user@good.example (x) evil>",
    ] {
        for input in both_styles(&["Subject: s", from, ""]) {
            let msg = Message::parse(&input).unwrap();
            assert_eq!(
                field_defects(msg.root()),
                [(DefectKind::CommentInDomain, at(&input, "From"))],
                "{from}"
            );
        }
    }
    // A comment after a whole address is the usual display-name comment.
    for from in ["From: user@good.example (Good User)", "From: a@b.example (A), c@d.example"] {
        for input in both_styles(&[from, ""]) {
            assert_eq!(field_defects(Message::parse(&input).unwrap().root()), [], "{from}");
        }
    }
}

#[test]
fn base64_data_after_the_padding() {
    for input in both_styles(&["Content-Transfer-Encoding: base64", "", "aGk=", "dGhlcmU="]) {
        let msg = Message::parse(&input).unwrap();
        let mut out = Vec::new();
        let found = msg.root().decode_into(&mut out);
        assert_eq!(out, b"hithere");
        let body = at(&input, "dGhl");
        let kinds: Vec<(DefectKind, usize)> = found.iter().map(|d| (d.kind(), d.offset())).collect();
        assert_eq!(kinds, [(DefectKind::Base64DataAfterPadding, body)]);
    }
}

#[test]
fn nul_in_a_header_name_and_in_a_value() {
    for input in both_styles(&["Subject: a\u{0}b", "From: a@b.example", "", "x"]) {
        let msg = Message::parse(&input).unwrap();
        assert_eq!(defects(msg.root()), [(DefectKind::NulInHeader, 10)]);
        assert_eq!(msg.subject().as_deref(), Some("a\u{fffd}b"));
    }
    for input in both_styles(&["From: a@b.example", "Bc\u{0}c: victim@example.com", "", "x"]) {
        let msg = Message::parse(&input).unwrap();
        let name_at = at(&input, "Bc");
        assert_eq!(
            defects(msg.root()),
            [(DefectKind::MissingHeaderBodySeparator, name_at), (DefectKind::NulInHeader, name_at + 2)]
        );
    }
}

// ---------------------------------------------------------------------------------------
// No typed accessor returns a control character, on any header bytes
// ---------------------------------------------------------------------------------------

fn has_control(text: &str) -> bool {
    text.chars().any(|c| (c < ' ' && c != '\t') || c == '\u{7f}')
}

/// Every string a typed accessor of `part` returns.
fn typed_strings(part: &Part<'_>) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(part.subject().map(|s| s.into_owned()));
    for list in [part.from(), part.to(), part.cc(), part.bcc(), part.reply_to()] {
        for address in &list {
            match address {
                mailmime::address::Address::Group(g) => out.push(g.name().to_owned()),
                mailmime::address::Address::Mailbox(_) => {}
            }
        }
        for mailbox in list.mailboxes() {
            out.extend(mailbox.name().map(str::to_owned));
            out.push(mailbox.local_part().to_owned());
            out.extend(mailbox.domain().map(str::to_owned));
            out.push(mailbox.address().into_owned());
        }
    }
    if let Some(sender) = part.sender() {
        out.extend(sender.name().map(str::to_owned));
        out.push(sender.address().into_owned());
    }
    out.extend(part.message_id().map(|s| s.into_owned()));
    out.extend(part.in_reply_to().into_iter().map(|s| s.into_owned()));
    out.extend(part.references().into_iter().map(|s| s.into_owned()));
    out.extend(part.content_id().map(|s| s.into_owned()));
    out.extend(part.filename());
    for field in part.headers().iter() {
        out.push(field.value().decoded().into_owned());
    }
    out
}

fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    let name = prop_oneof![
        Just("From"),
        Just("To"),
        Just("Cc"),
        Just("Sender"),
        Just("Reply-To"),
        Just("Subject"),
        Just("Message-ID"),
        Just("In-Reply-To"),
        Just("References"),
        Just("Content-ID"),
        Just("Content-Type"),
        Just("Content-Disposition"),
    ];
    let piece = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..12),
        Just(b"=?utf-8?q?a=00=0D=0A=7F=1B?=".to_vec()),
        Just(b"=?utf-8?b?AAECAwQFBgcICQoLDA0ODw==?=".to_vec()),
        Just(b"; filename*=utf-8''a%00%0D%0A%7F".to_vec()),
        Just(b"\"q\\\x01\x02\"@d\x7f.x".to_vec()),
        Just(b"<i\x00d@x>".to_vec()),
        Just(b"g\x03: a@b;".to_vec()),
        "[ -~]{0,10}".prop_map(String::into_bytes),
    ];
    proptest::collection::vec((name, proptest::collection::vec(piece, 1..4)), 1..6).prop_map(|fields| {
        let mut out = Vec::new();
        for (name, pieces) in fields {
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend(pieces.concat());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"\r\nbody\r\n");
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

    #[test]
    fn no_typed_accessor_returns_a_control_character(input in header_bytes()) {
        let msg = Message::parse(&input).unwrap();
        for part in msg.parts() {
            for text in typed_strings(part) {
                prop_assert!(!has_control(&text), "{:?} from {:?}", text, String::from_utf8_lossy(&input));
            }
        }
    }
}
