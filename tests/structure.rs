//! The structure of broken mail (issue 11, "Structure of broken mail"): each finding is a
//! named test with its exact expected tree, run with LF and with CRLF line ends.

use mailmime::{Body, DefectKind, Message, Multipart, Part};

/// `template` (written with `\n`) in both forms: LF as written, and every `\n` made `\r\n`.
fn forms(template: &str) -> [String; 2] {
    [template.to_owned(), template.replace('\n', "\r\n")]
}

/// The line end of a form.
fn eol(input: &str) -> &'static str {
    if input.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Runs `test` on `template` parsed in both [`forms`] (with the input and its line end),
/// then checks that the message writes back byte for byte.
fn each_form(template: &str, test: impl Fn(&str, &str, &Message<'_>)) {
    for input in forms(template) {
        let msg = Message::parse(input.as_bytes()).unwrap();
        test(&input, eol(&input), &msg);
        assert_eq!(msg.to_bytes(), input.as_bytes(), "{input:?} does not write back");
    }
}

/// Where `needle` starts in `input`.
fn at(input: &str, needle: &str) -> usize {
    input.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the input"))
}

fn defects(part: &Part<'_>) -> Vec<(DefectKind, usize)> {
    part.defects().iter().map(|d| (d.kind(), d.offset())).collect()
}

fn multipart<'p, 'a>(part: &'p Part<'a>) -> &'p Multipart<'a> {
    part.body().as_multipart().unwrap_or_else(|| panic!("not a multipart: {:?}", part.body()))
}

fn leaf<'p>(part: &'p Part<'_>) -> &'p [u8] {
    part.body().as_leaf().unwrap_or_else(|| panic!("not a leaf: {:?}", part.body())).as_bytes()
}

#[test]
fn an_unclosed_multipart_keeps_the_last_parts_final_line_break() {
    let template = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n\nlast line\n";
    each_form(template, |input, eol, msg| {
        let m = multipart(msg.root());
        assert!(!m.is_closed());
        // The line end before a delimiter is the delimiter's; with no close delimiter at
        // the end, the last line end is the body's.
        assert_eq!(leaf(&m.parts()[0]), b"first");
        assert_eq!(leaf(&m.parts()[1]), format!("last line{eol}").as_bytes());
        assert_eq!(defects(msg.root()), [(DefectKind::CloseBoundaryNotFound, input.len())]);
    });
}

#[test]
fn an_unclosed_multipart_reads_the_same_alone_and_inside_another() {
    // Inside, the enclosing close delimiter takes the line end before it and the leaf keeps
    // its own; the embedded message written alone ends with that leaf and reads the same.
    let template = "Content-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: message/rfc822\n\n\
        Content-Type: multipart/mixed; boundary=inner\n\n--inner\n\ntext\n\n--outer--\n";
    each_form(template, |input, eol, msg| {
        let Body::Message(embedded) = multipart(msg.root()).parts()[0].body() else { panic!("no message") };
        let text = format!("text{eol}");
        assert_eq!(leaf(&multipart(embedded.root()).parts()[0]), text.as_bytes());
        let alone = embedded.to_bytes();
        assert!(alone.ends_with(text.as_bytes()));
        let reread = Message::parse(&alone).unwrap();
        assert_eq!(leaf(&multipart(reread.root()).parts()[0]), text.as_bytes());
        // The missing close delimiter was due where the message ends, in both readings.
        let start = embedded.root().offset();
        let due = at(input, &format!("{eol}--outer--"));
        assert_eq!(defects(embedded.root()), [(DefectKind::CloseBoundaryNotFound, due)]);
        assert_eq!(defects(reread.root()), [(DefectKind::CloseBoundaryNotFound, due - start)]);
        assert_eq!(alone.len(), due - start);
    });
}

#[test]
fn a_multipart_with_a_close_delimiter_and_no_body_part_has_no_parts() {
    // cpython msg_42.txt; mime4j multipartnopart.msg, missing-inner-start-boundary.msg.
    let template = "Content-Type: multipart/mixed; boundary=b\n\npreamble text\n\n--b--\n\nepilogue\n";
    each_form(template, |input, eol, msg| {
        let m = multipart(msg.root());
        assert!(m.parts().is_empty());
        assert!(m.is_closed());
        // RFC 2046 §5.1.1: the line end before the close delimiter is the delimiter's.
        assert_eq!(m.preamble(), format!("preamble text{eol}").as_bytes());
        assert_eq!(m.epilogue(), format!("{eol}epilogue{eol}").as_bytes());
        assert_eq!(defects(msg.root()), [(DefectKind::StartBoundaryNotFound, at(input, "preamble"))]);
        // Nothing to read, nothing to panic on.
        assert_eq!(msg.parts().count(), 1);
        assert_eq!(msg.leaves().count(), 0);
        assert!(msg.text_body().is_none() && msg.html_body().is_none());
        assert_eq!((msg.body_text(), msg.body_html()), (None, None));
        assert_eq!((msg.attachments().count(), msg.all_attachments().count()), (0, 0));
        assert_eq!(msg.clone().into_owned().to_bytes(), input.as_bytes());
    });
}

#[test]
fn a_multipart_without_its_first_delimiter_inside_another_has_no_parts() {
    // mime4j missing-inner-start-boundary.msg, and cpython msg_42.txt's embedded message.
    let template = "Content-Type: multipart/mixed; boundary=outer\n\n--outer\n\nFoo\n\n\
        --outer\nContent-Type: multipart/alternative; boundary=inner\n\nAAA\n\n--inner--\n--outer\n\
        Content-Type: message/rfc822\n\nContent-Type: multipart/mixed; boundary=BBB\n\n--BBB--\n\n--outer--\n";
    each_form(template, |input, eol, msg| {
        let outer = multipart(msg.root());
        assert_eq!(outer.parts().len(), 3);
        assert!(outer.is_closed());
        assert_eq!(leaf(&outer.parts()[0]), format!("Foo{eol}").as_bytes());
        let inner = multipart(&outer.parts()[1]);
        assert_eq!(
            (inner.parts().len(), inner.preamble(), inner.epilogue()),
            (0, format!("AAA{eol}").as_bytes(), &b""[..])
        );
        assert!(inner.is_closed());
        let Body::Message(embedded) = outer.parts()[2].body() else { panic!("no message") };
        // The blank line after its close delimiter is the outer delimiter's line end.
        let empty = multipart(embedded.root());
        assert_eq!((empty.parts().len(), empty.preamble(), empty.epilogue()), (0, &b""[..], &b""[..]));
        let found: Vec<_> = msg.defects().map(|d| (d.kind(), d.offset())).collect();
        assert_eq!(
            found,
            [
                (DefectKind::StartBoundaryNotFound, at(input, "AAA")),
                (DefectKind::StartBoundaryNotFound, at(input, "--BBB--")),
            ]
        );
        assert_eq!(msg.text_body().map(|p| p.text().into_owned()), Some(format!("Foo{eol}")));
    });
}

#[test]
fn a_multipart_with_no_parts_can_be_edited() {
    let template = "Content-Type: multipart/mixed; boundary=b\n\npreamble\n\n--b--\nepilogue\n";
    for input in forms(template) {
        let eol = eol(&input);
        // No part to remove or replace: an error, and no byte changes.
        let mut msg = Message::parse(input.as_bytes()).unwrap();
        assert_eq!(msg.remove_part(1).unwrap_err().kind(), &mailmime::ErrorKind::NoSuchPart);
        let part = mailmime::MimePart::text("plain", "x");
        assert_eq!(msg.replace_part(1, part).unwrap_err().kind(), &mailmime::ErrorKind::NoSuchPart);
        assert_eq!(msg.to_bytes(), input.as_bytes());
        // A part pushed into it goes between the preamble and the close delimiter.
        msg.attach(mailmime::MimePart::text("plain", "added")).unwrap();
        let added =
            "\n--b\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nadded";
        let expected = template.replace("preamble\n", &format!("preamble\n{added}")).replace('\n', eol);
        assert_eq!(String::from_utf8(msg.to_bytes()).unwrap(), expected);
        let reread = Message::parse(expected.as_bytes()).unwrap();
        let m = multipart(reread.root());
        assert_eq!(
            (m.parts().len(), m.preamble(), m.is_closed()),
            (1, format!("preamble{eol}").as_bytes(), true)
        );
        assert_eq!(leaf(&m.parts()[0]), b"added");
        assert!(reread.defects().next().is_none());
        // Its headers can be edited as any part's.
        let mut msg = Message::parse(input.as_bytes()).unwrap();
        msg.headers_mut().append("X-Note", "empty").unwrap();
        let expected = template.replace("\n\npreamble", "\nX-Note: empty\n\npreamble").replace('\n', eol);
        assert_eq!(String::from_utf8(msg.to_bytes()).unwrap(), expected);
        assert!(multipart(Message::parse(expected.as_bytes()).unwrap().root()).parts().is_empty());
    }
}

/// The names of the header fields of `part`, in order.
fn names(part: &Part<'_>) -> Vec<String> {
    part.headers().iter().map(|f| f.name_str().to_owned()).collect()
}

#[test]
fn a_line_that_is_not_a_field_is_skipped_when_fields_follow_it_to_the_blank_line() {
    // mime4j obsolete.msg and malformedHeader-nocrlfcrlf.msg, ruby-mail raw_email_incorrect_header.eml.
    let template = "From: a@example.com\nthis line is not a field\nSubject: kept\n\nbody\n";
    each_form(template, |input, eol, msg| {
        assert_eq!(names(msg.root()), ["From", "Subject"]);
        assert_eq!(msg.subject().as_deref(), Some("kept"));
        assert_eq!(leaf(msg.root()), format!("body{eol}").as_bytes());
        assert_eq!(defects(msg.root()), [(DefectKind::InvalidHeaderLine, at(input, "this line"))]);
        // Its bytes stay, for writing back and for edits of the other fields.
        let mut edited = Message::parse(input.as_bytes()).unwrap();
        // With the field after it removed, it moves before the one left (alone before the
        // blank line it would start the body).
        edited.headers_mut().remove("subject");
        let expected = "this line is not a field\nFrom: a@example.com\n\nbody\n".replace('\n', eol);
        assert_eq!(String::from_utf8(edited.to_bytes()).unwrap(), expected);
        let back = Message::parse(expected.as_bytes()).unwrap();
        assert_eq!(leaf(back.root()), format!("body{eol}").as_bytes());
    });
    // The first line too, here of a part: its fields come after it.
    let template = "Content-Type: multipart/mixed; boundary=b\n\n--b\nnot a field\nContent-Type: text/html\n\n<p>x</p>\n--b--\n";
    each_form(template, |input, _, msg| {
        let part = &multipart(msg.root()).parts()[0];
        assert!(part.content_type().is("text/html"));
        assert_eq!(leaf(part), b"<p>x</p>");
        assert_eq!(defects(part), [(DefectKind::InvalidHeaderLine, at(input, "not a field"))]);
    });
    // ruby-mail rfc2822/example13.eml (RFC 5322 A.6.3 with '__' for a white-space line):
    // the line's own continuation lines go with it.
    let template = "From  : John Doe <jdoe@machine.example>\nTo    : Mary Smith\n__\n          <mary@example.net>\n\
        Subject     : Saying Hello\n\nThis is a message just to say hello.\n";
    each_form(template, |input, _, msg| {
        assert_eq!(names(msg.root()), ["From", "To", "Subject"]);
        assert_eq!(msg.subject().as_deref(), Some("Saying Hello"));
        assert_eq!(
            msg.to().mailboxes().map(|m| (m.local_part(), m.domain())).collect::<Vec<_>>(),
            [("Mary Smith", None)]
        );
        assert!(leaf(msg.root()).starts_with(b"This is a message"));
        let skipped = (DefectKind::InvalidHeaderLine, at(input, "__"));
        assert!(defects(msg.root()).contains(&skipped), "{:?}", defects(msg.root()));
    });
}

#[test]
fn a_skipped_line_stays_in_the_header_when_the_fields_after_it_are_removed() {
    // fuzz/regressions/edit-5: removing the fields after the line (here by set_body,
    // which rewrites an unknown Content-Transfer-Encoding and drops its duplicate) used to leave it last, so the
    // output read it as the start of the body. It moves before the last field left.
    let template = "From: a@example.com\nContent-Transfer-Encoding: x-unknown\nbad line\n\
        Content-Transfer-Encoding: 8bit\n\nold\n";
    each_form(template, |input, eol, _| {
        let mut msg = Message::parse(input.as_bytes()).unwrap();
        msg.part_mut(0).unwrap().set_body(b"new".to_vec()).unwrap();
        let out = msg.to_bytes();
        let expected =
            "From: a@example.com\nbad line\nContent-Transfer-Encoding: 7bit\n\nnew".replace('\n', eol);
        assert_eq!(String::from_utf8_lossy(&out), expected);
        let back = Message::parse(&out).unwrap();
        assert_eq!(leaf(back.root()), b"new");
        assert_eq!(defects(back.root()), [(DefectKind::InvalidHeaderLine, at(&expected, "bad line"))]);
    });
    // With every field removed it goes: alone it would be read as the body.
    let template = "X: 1\nbad line\nY: 2\n\nbody\n";
    each_form(template, |input, eol, _| {
        let mut msg = Message::parse(input.as_bytes()).unwrap();
        msg.headers_mut().remove("x");
        msg.headers_mut().remove("y");
        let out = msg.to_bytes();
        assert_eq!(String::from_utf8_lossy(&out), format!("{eol}body{eol}"));
        assert_eq!(leaf(Message::parse(&out).unwrap().root()), format!("body{eol}").as_bytes());
    });
    // An mbox From line reads back as one on its own, so it stays.
    let mut msg = Message::parse(b"From a@b Mon Jan  1 00:00:00 2001\nX: 1\n\nbody\n").unwrap();
    msg.headers_mut().remove("x");
    assert_eq!(msg.to_bytes(), b"From a@b Mon Jan  1 00:00:00 2001\n\nbody\n");
}

#[test]
fn a_line_that_is_not_a_field_starts_the_body_unless_only_fields_follow_it() {
    // (template, where the body starts): cpython msg_35.txt has no blank line after the
    // line; a second such line, a delimiter line, or no field at all before the blank
    // line (cpython msg_47.txt's parts) leave the body where the line is; and when that
    // line is the first, the message has no header (mime4j malformedHeader-noheader.msg).
    let cases = [
        ("From: a@example.com\nSubject: s\nno blank line here\n", "no blank line here"),
        ("A: 1\nbad\nB: 2\nworse\nC: 3\n\nbody\n", "bad"),
        ("A: 1\nbad\n\nbody\n", "bad"),
        ("not a field\nnor this\nA: 1\n\nbody\n", "not a field"),
    ];
    for (template, body) in cases {
        each_form(template, |input, _, msg| {
            let start = at(input, body);
            assert_eq!(leaf(msg.root()), &input.as_bytes()[start..], "{template:?}");
            assert_eq!(
                defects(msg.root()),
                [(DefectKind::MissingHeaderBodySeparator, start)],
                "{template:?}"
            );
        });
    }
    // Inside a multipart the look-ahead stops at a delimiter line.
    let template = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\nbar\nX: y\n--b\n\
        Content-Type: text/html\n<p>baz</p>\n\n--b--\n";
    each_form(template, |input, eol, msg| {
        let m = multipart(msg.root());
        assert_eq!(leaf(&m.parts()[0]), format!("bar{eol}X: y").as_bytes());
        assert_eq!(defects(&m.parts()[0]), [(DefectKind::MissingHeaderBodySeparator, at(input, "bar"))]);
        assert_eq!(leaf(&m.parts()[1]), format!("<p>baz</p>{eol}").as_bytes());
    });
}

#[test]
fn base64_after_the_padding_is_decoded_only_when_it_is_well_formed_base64() {
    // RFC 2045 §6.8 lets `=` end the data: what follows is decoded when it is whole base64
    // groups (separately encoded blocks, concatenated), and left out otherwise.
    let cases = [
        ("aGk=\ndGhlcmU=\n", "dGhl", &b"hithere"[..]),
        ("aGk=\n-- \nSent from my phone\n", "-- ", b"hi"),
        ("aGk=\ndGhlcm\n", "dGhl", b"hi"),
    ];
    for (body, after, decoded) in cases {
        each_form(
            &format!("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n{body}"),
            |input, _, msg| {
                let mut out = Vec::new();
                let found: Vec<_> =
                    msg.root().decode_into(&mut out).iter().map(|d| (d.kind(), d.offset())).collect();
                assert_eq!(out, decoded, "{body:?}");
                assert_eq!(found, [(DefectKind::Base64DataAfterPadding, at(input, after))], "{body:?}");
                assert_eq!(&*msg.root().decoded(), decoded);
            },
        );
    }
}

#[test]
fn a_header_edit_keeps_a_skipped_line_skipped() {
    // Found by the edit fuzz target (fuzz/regressions/edit-1): when only a line after a
    // field could be skipped, a first line that is not a field started the body, and a
    // field added before it made it a skipped line on reading back.
    let template = "not a field\nContent-Type: text/html\n\n<p>x</p>\n";
    each_form(template, |input, eol, msg| {
        assert!(msg.content_type().is("text/html"));
        let mut edited = Message::parse(input.as_bytes()).unwrap();
        edited.headers_mut().append("X-Tag", "1").unwrap();
        let expected = template.replace("text/html\n", "text/html\nX-Tag: 1\n").replace('\n', eol);
        assert_eq!(String::from_utf8(edited.to_bytes()).unwrap(), expected);
        let reread = Message::parse(expected.as_bytes()).unwrap();
        assert!(reread.content_type().is("text/html"));
        assert_eq!(leaf(reread.root()), leaf(msg.root()));
    });
}
