//! Edits of parsed messages: delimiters of every enclosing multipart, empty multiparts,
//! line-end style, SMTP DATA, `message/*` encodings, header injection.
//!
//! Every message is written once with `\n` and run in both forms, LF (as written) and
//! CRLF (every `\n` made `\r\n`); the expected output is converted the same way, so each
//! test states the exact bytes or the exact error for both.

use mailmime::{ErrorKind, Message, MimePart, TransferEncoding};

/// `template` with its `\n` line ends, or with each made `\r\n`.
fn form(template: &str, lf: bool) -> Vec<u8> {
    if lf { template.as_bytes().to_vec() } else { template.replace('\n', "\r\n").into_bytes() }
}

/// Runs `test` on the LF and the CRLF form.
fn both(test: impl Fn(bool)) {
    test(true);
    test(false);
}

/// Text as a test writes it (with `\n`) in the form's line ends.
fn eol(text: &str, lf: bool) -> String {
    if lf { text.to_owned() } else { text.replace('\n', "\r\n") }
}

/// Two levels of multipart: mixed(alternative(plain, html), octet-stream). Depth-first
/// positions: 0 the root, 1 the alternative, 2 plain, 3 html, 4 the octet-stream part.
const NESTED: &str = "From: a@example.com
Content-Type: multipart/mixed; boundary=\"outer\"

--outer
Content-Type: multipart/alternative; boundary=\"inner\"

--inner
Content-Type: text/plain; charset=us-ascii

plain
--inner
Content-Type: text/html; charset=us-ascii

<p>html</p>
--inner--
--outer
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64

AAEC
--outer--
";

/// Asserts `result` is the error `kind` naming `value`, and the message writes exactly
/// `input` still.
fn refused<T: std::fmt::Debug>(
    msg: &Message<'_>,
    input: &[u8],
    result: Result<T, mailmime::Error>,
    kind: ErrorKind,
    value: &str,
) {
    let err = result.unwrap_err();
    assert_eq!(err.kind(), &kind);
    assert_eq!(err.value(), Some(value));
    assert_eq!(msg.to_bytes(), input, "a refused edit changed the message");
}

// (c) Delimiters of any enclosing multipart.

#[test]
fn set_text_on_a_grandchild_refuses_the_grandparents_delimiter() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        for (text, boundary) in [
            ("a\n--outer\nb", "outer"),
            ("a\n--outer--\nb", "outer"),
            ("--outer", "outer"),
            ("a\n--outer \t \nb", "outer"),
            ("a\n--outer--\t\nb", "outer"),
            ("a\n--inner\nb", "inner"),
        ] {
            let result = msg.part_mut(2).unwrap().set_text(&eol(text, lf));
            refused(&msg, &input, result, ErrorKind::BoundaryInContent, boundary);
        }
        // The other line-end style is made the message's first, so it is found too.
        let other = if lf { "a\r\n--outer\r\nb" } else { "a\n--outer\nb" };
        let result = msg.part_mut(2).unwrap().set_text(other);
        refused(&msg, &input, result, ErrorKind::BoundaryInContent, "outer");
    });
}

#[test]
fn set_text_keeps_lines_that_only_look_like_delimiters() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.part_mut(2).unwrap().set_text("--outer-x\n --outer\n--outerx").unwrap();
        let expected = NESTED.replace("\n\nplain\n", "\n\n--outer-x\n --outer\n--outerx\n");
        assert_eq!(msg.to_bytes(), form(&expected, lf));
    });
}

#[test]
fn set_body_on_a_grandchild_refuses_the_grandparents_delimiter_when_written_as_is() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        // Declared 7bit, and the bytes have the message's line ends: written as they are.
        let result = msg.part_mut(2).unwrap().set_body(form("x\n--outer--\n", lf));
        refused(&msg, &input, result, ErrorKind::BoundaryInContent, "outer");
    });
}

#[test]
fn set_body_with_the_other_line_ends_is_base64_so_no_delimiter_is_written() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        // "x\r\n--outer--\r\n" or "x\n--outer--\n": these bytes would mix line ends.
        let data = form("x\n--outer--\n", !lf);
        msg.part_mut(2).unwrap().set_body(data.clone()).unwrap();
        let encoded = if lf { "eA0KLS1vdXRlci0tDQo=" } else { "eAotLW91dGVyLS0K" };
        let expected = NESTED.replace(
            "charset=us-ascii\n\nplain\n",
            &format!("charset=us-ascii\nContent-Transfer-Encoding: base64\n\n{encoded}\n"),
        );
        let out = msg.to_bytes();
        assert_eq!(out, form(&expected, lf));
        let reparsed = Message::parse(&out).unwrap();
        assert_eq!(&*reparsed.parts().nth(2).unwrap().decoded(), &data[..]);
    });
}

#[test]
fn replace_part_on_a_grandchild_refuses_the_grandparents_delimiter() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        let result = msg.replace_part(2, MimePart::text("plain", "x\n--outer--\ny"));
        refused(&msg, &input, result, ErrorKind::BoundaryInContent, "outer");
        let result = msg.replace_part(3, MimePart::text("plain", "x\n--inner\ny"));
        refused(&msg, &input, result, ErrorKind::BoundaryInContent, "inner");
    });
}

#[test]
fn push_part_and_attach_refuse_an_enclosing_delimiter() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        let result = msg.part_mut(1).unwrap().push_part(MimePart::text("plain", "--outer"));
        refused(&msg, &input, result, ErrorKind::BoundaryInContent, "outer");
        let result = msg.attach(MimePart::text("plain", "a\n--outer--"));
        refused(&msg, &input, result, ErrorKind::BoundaryInContent, "outer");
    });
}

#[test]
fn set_message_refuses_an_enclosing_delimiter_in_the_embedded_message() {
    let template = "Content-Type: multipart/mixed; boundary=\"outer\"

--outer
Content-Type: message/rfc822

Subject: inner

inner body
--outer--
";
    both(|lf| {
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        let replacement = form("Subject: new\n\nline\n--outer--\n", lf);
        let replacement = Message::parse(&replacement).unwrap().into_owned();
        let result = msg.part_mut(1).unwrap().set_message(replacement);
        refused(&msg, &input, result, ErrorKind::BoundaryInContent, "outer");
        // Without the delimiter it is written with the message's line ends, whatever the
        // replacement had.
        let replacement = form("Subject: new\n\nline\n", !lf);
        msg.part_mut(1).unwrap().set_message(Message::parse(&replacement).unwrap().into_owned()).unwrap();
        let expected = template.replace("Subject: inner\n\ninner body\n", "Subject: new\n\nline\n\n");
        assert_eq!(msg.to_bytes(), form(&expected, lf));
    });
}

// (g) No multipart without parts.

#[test]
fn remove_part_of_the_only_child_is_refused() {
    let template = "Content-Type: multipart/mixed; boundary=\"outer\"

--outer
Content-Type: multipart/alternative; boundary=\"inner\"

--inner

only
--inner--
--outer--
";
    both(|lf| {
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        let result = msg.remove_part(2);
        refused(&msg, &input, result, ErrorKind::InvalidContentType, "multipart/alternative");
        let err = msg.remove_part(1).unwrap_err();
        assert!(err.reason().is_some_and(|r| r.contains("remove the multipart itself")), "{err}");
        refused(&msg, &input, Err::<(), _>(err), ErrorKind::InvalidContentType, "multipart/mixed");
    });
}

#[test]
fn remove_part_of_one_of_two_keeps_the_other_and_the_delimiters() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        let removed = msg.remove_part(2).unwrap();
        assert_eq!(removed.text(), eol("plain", lf));
        let expected = NESTED.replace("--inner\nContent-Type: text/plain; charset=us-ascii\n\nplain\n", "");
        assert_eq!(msg.to_bytes(), form(&expected, lf));
    });
}

// (d) Line ends: an edited message keeps its own.

#[test]
fn replace_part_writes_the_messages_line_ends() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.replace_part(4, MimePart::text("plain", "one\r\ntwo")).unwrap();
        let expected = NESTED.replace(
            "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAEC\n",
            "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\none\ntwo\n",
        );
        assert_eq!(msg.to_bytes(), form(&expected, lf));
    });
}

#[test]
fn set_text_writes_the_messages_line_ends_in_every_transfer_encoding() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        // Declared us-ascii: "café" needs UTF-8, and 7bit cannot carry it.
        msg.part_mut(2).unwrap().set_text("caf\u{e9} au lait\r\nsecond line\n").unwrap();
        let expected = NESTED.replace(
            "Content-Type: text/plain; charset=us-ascii\n\nplain\n",
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\ncaf=C3=A9 au lait\nsecond line\n\n",
        );
        let out = msg.to_bytes();
        assert_eq!(out, form(&expected, lf));
        let reparsed = Message::parse(&out).unwrap();
        assert_eq!(reparsed.parts().nth(2).unwrap().text(), eol("caf\u{e9} au lait\nsecond line\n", lf));
    });
}

#[test]
fn set_text_in_base64_encodes_the_messages_line_ends() {
    let template = "Content-Type: text/plain
Content-Transfer-Encoding: base64

aGk=
";
    both(|lf| {
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.part_mut(0).unwrap().set_text("a\nb").unwrap();
        let encoded = if lf { "YQpi" } else { "YQ0KYg==" };
        assert_eq!(msg.to_bytes(), form(&template.replace("aGk=\n", encoded), lf));
        let out = msg.to_bytes();
        assert_eq!(Message::parse(&out).unwrap().text(), eol("a\nb", lf));
    });
}

#[test]
fn attach_to_a_single_part_message_writes_the_messages_line_ends() {
    let template = "From: a@example.com
Content-Type: text/plain

Hello
";
    both(|lf| {
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.attach(MimePart::bytes("application/octet-stream", vec![0u8, 1, 2]).attachment("a.bin")).unwrap();
        let out = msg.to_bytes();
        let text = String::from_utf8(out.clone()).unwrap();
        let boundary = Message::parse(&out).unwrap().content_type().boundary().unwrap().into_owned();
        let expected = format!(
            "From: a@example.com
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=\"{boundary}\"

--{boundary}
Content-Type: text/plain

Hello

--{boundary}
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename=a.bin

AAEC
--{boundary}--
"
        );
        assert_eq!(text, eol(&expected, lf));
    });
}

#[test]
fn push_part_attach_and_header_edits_write_the_messages_line_ends() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.part_mut(1).unwrap().push_part(MimePart::text("enriched", "third")).unwrap();
        msg.attach(MimePart::text("plain", "fourth")).unwrap();
        msg.headers_mut().append("X-Top", "top").unwrap();
        let mut plain = msg.part_mut(2).unwrap();
        plain.headers_mut().insert("Content-Description", "the plain text").unwrap();
        plain.headers_mut().remove("content-type");
        plain.headers_mut().remove("content-description");
        // Every field of the part is gone: the new one still gets the message's line end.
        plain.headers_mut().append("X-Part", "part").unwrap();
        let expected = NESTED
            .replace("boundary=\"outer\"\n\n", "boundary=\"outer\"\nX-Top: top\n\n")
            .replace("Content-Type: text/plain; charset=us-ascii\n\nplain", "X-Part: part\n\nplain")
            .replace(
                "<p>html</p>\n--inner--",
                "<p>html</p>\n--inner\nContent-Type: text/enriched; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nthird\n--inner--",
            )
            .replace(
                "AAEC\n--outer--",
                "AAEC\n--outer\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nfourth\n--outer--",
            );
        assert_eq!(msg.to_bytes(), form(&expected, lf));
    });
}

// SMTP DATA is always CRLF, dot-stuffed, with one CRLF.CRLF at the end.

#[test]
fn write_smtp_data_sends_crlf_for_either_form() {
    let template = "Subject: x

.dot
end
";
    both(|lf| {
        let input = form(template, lf);
        let msg = Message::parse(&input).unwrap();
        let mut data = Vec::new();
        msg.write_smtp_data(&mut data).unwrap();
        assert_eq!(data, b"Subject: x\r\n\r\n..dot\r\nend\r\n.\r\n");
    });
}

#[test]
fn write_smtp_data_after_an_edit_of_an_lf_message_is_crlf() {
    let input = form(NESTED, true);
    let mut msg = Message::parse(&input).unwrap();
    msg.part_mut(2).unwrap().set_text(".first\nlast").unwrap();
    let mut data = Vec::new();
    msg.write_smtp_data(&mut data).unwrap();
    let expected = NESTED.replace("\n\nplain\n", "\n\n..first\nlast\n").replace('\n', "\r\n") + ".\r\n";
    assert_eq!(String::from_utf8(data).unwrap(), expected);
}

// (e) message/* and multipart/* only 7bit, 8bit or binary.

#[test]
fn set_body_on_a_message_leaf_uses_an_identity_encoding() {
    let template = "Content-Type: multipart/mixed; boundary=\"outer\"

--outer
Content-Type: message/partial; id=\"x\"; number=1

Subject: part one
--outer--
";
    both(|lf| {
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.part_mut(1).unwrap().set_body(form("Subject: caf\u{e9}\n", lf)).unwrap();
        let expected = template.replace(
            "number=1\n\nSubject: part one\n",
            // The part's body is the bytes set; the delimiter brings its own line end.
            "number=1\nContent-Transfer-Encoding: 8bit\n\nSubject: caf\u{e9}\n\n",
        );
        assert_eq!(msg.to_bytes(), form(&expected, lf));
        // A line no identity encoding may carry (over 998 octets) is refused.
        let before = msg.to_bytes();
        let long = "x".repeat(1000);
        let result = msg.part_mut(1).unwrap().set_body(long.into_bytes());
        refused(&msg, &before, result, ErrorKind::InvalidTransferEncoding, "message/partial");
    });
}

#[test]
fn an_encoded_message_part_is_refused() {
    both(|lf| {
        let input = form(NESTED, lf);
        let mut msg = Message::parse(&input).unwrap();
        let part =
            MimePart::pre_encoded("message/rfc822", TransferEncoding::Base64, b"U3ViamVjdDogeA==".to_vec());
        let err = msg.replace_part(4, part).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidTransferEncoding);
        assert_eq!(msg.to_bytes(), input);
    });
}

// Header edits go through the header writer: no CR, LF or NUL from the caller.

#[test]
fn header_edits_encode_or_refuse_line_breaks_and_bad_names() {
    both(|lf| {
        let input = form("Subject: hi\n\nbody\n", lf);
        let mut msg = Message::parse(&input).unwrap();
        let result = msg.headers_mut().append_raw("X-A", "a\r\nBcc: x@example.com");
        refused(&msg, &input, result, ErrorKind::InvalidHeaderValue, "a\r\nBcc: x@example.com");
        let result = msg.headers_mut().insert_raw("X-A", "nul\0");
        refused(&msg, &input, result, ErrorKind::InvalidHeaderValue, "nul\0");
        let result = msg.headers_mut().append("X-A\r\nBcc", "x");
        refused(&msg, &input, result, ErrorKind::InvalidHeaderName, "X-A\r\nBcc");
        let result = msg.headers_mut().insert("Bad Name", "x");
        refused(&msg, &input, result, ErrorKind::InvalidHeaderName, "Bad Name");
        let long_name = "X".repeat(1000);
        let result = msg.headers_mut().append(&long_name, "x");
        let err = result.unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidHeaderName);
        assert_eq!(err.value(), Some(&long_name[..80]));
        // Text is encoded, so its line break cannot start a field.
        msg.headers_mut().append("X-A", "a\r\nBcc: x@example.com").unwrap();
        assert_eq!(
            msg.to_bytes(),
            form("Subject: hi\nX-A: =?UTF-8?Q?a=0D=0ABcc:?= x@example.com\n\nbody\n", lf)
        );
    });
}

#[test]
fn appending_a_second_single_instance_field_is_refused_and_insert_replaces() {
    both(|lf| {
        let input = form("From: a@example.com\nSubject: first\n\nbody\n", lf);
        let mut msg = Message::parse(&input).unwrap();
        for name in ["Subject", "FROM"] {
            let err = msg.headers_mut().append(name, "second").unwrap_err();
            assert_eq!((err.kind(), err.value()), (&ErrorKind::DuplicateHeader, Some(name)));
            let err = msg.headers_mut().append_raw(name, "second").unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::DuplicateHeader);
        }
        assert_eq!(msg.to_bytes(), input, "a refused append changes nothing");
        msg.headers_mut().insert("Subject", "second").unwrap();
        msg.headers_mut().append("Date", "Tue, 1 Dec 2026 10:00:00 +0000").unwrap();
        let expected =
            form("From: a@example.com\nSubject: second\nDate: Tue, 1 Dec 2026 10:00:00 +0000\n\nbody\n", lf);
        assert_eq!(msg.to_bytes(), expected);
        assert_eq!(Message::parse(&expected).unwrap().defects().count(), 0);
    });
}

#[test]
fn a_body_set_on_a_header_of_one_unterminated_continuation_line_stays_the_body() {
    // Found by the edit fuzz target: the line had no line end, so the new body was read
    // as more of the header block.
    for input in [&b"\t?"[..], b"\t", b" a"] {
        for body in [&b"\t?"[..], b" indented", b"x"] {
            let mut msg = Message::parse(input).unwrap();
            msg.part_mut(0).unwrap().set_body(body.to_vec()).unwrap();
            let out = msg.to_bytes();
            let mut expected = input.to_vec();
            expected.extend_from_slice(b"\r\n\r\n");
            expected.extend_from_slice(body);
            assert_eq!(out, expected);
            assert_eq!(&*Message::parse(&out).unwrap().root().decoded(), body);
        }
    }
}

/// An unclosed multipart inside an unclosed multipart, at the end of the input: its leaf
/// runs to the end, its final line end included (no close delimiter takes it).
/// Depth-first positions: 0 the root, 1 the inner multipart, 2 its leaf.
const UNCLOSED_NESTED: &str = "Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/mixed; boundary=inner

--inner

old
";

/// The same with an embedded message between the two: 3 is the leaf.
const UNCLOSED_IN_A_MESSAGE: &str = "Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: message/rfc822

Content-Type: multipart/mixed; boundary=inner

--inner

old
";

/// The part `attach` adds to a multipart whose close delimiter is missing: its delimiter
/// brings the line end before it.
const ADDED: &str =
    "\n--outer\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nadded";

#[test]
fn set_body_on_the_last_leaf_of_an_unclosed_multipart_after_a_part_was_attached_keeps_its_bytes() {
    // Found by the edit fuzz target, when the parser gave the last line end to the missing
    // close delimiter: once a part was added after the leaf, that line end was written
    // before the new delimiter's own, and read back as the leaf's. Now the leaf owns it,
    // and the new delimiter has its own.
    for (template, leaf) in [(UNCLOSED_NESTED, 2), (UNCLOSED_IN_A_MESSAGE, 3)] {
        both(|lf| {
            let input = form(template, lf);
            let mut msg = Message::parse(&input).unwrap();
            assert_eq!(*msg.parts().nth(leaf).unwrap().decoded(), *form("old\n", lf));
            // A refused part leaves every byte, and the leaf keeps its raw bytes.
            let result = msg.attach(MimePart::text("plain", "a\n--outer\nb"));
            refused(&msg, &input, result, ErrorKind::BoundaryInContent, "outer");
            assert!(msg.parts().nth(leaf).unwrap().raw().is_some());
            msg.attach(MimePart::text("plain", "added")).unwrap();
            let expected = form(&format!("{template}{ADDED}"), lf);
            assert_eq!(msg.to_bytes(), expected);
            let reread = Message::parse(&expected).unwrap();
            assert_eq!(*reread.parts().nth(leaf).unwrap().decoded(), *form("old\n", lf));
            assert_eq!(&*reread.parts().nth(leaf + 1).unwrap().decoded(), b"added");
            for body in ["new", "new\n", ""] {
                let body = form(body, lf);
                msg.part_mut(leaf).unwrap().set_body(body.clone()).unwrap();
                let mut expected = form(template.strip_suffix("old\n").unwrap(), lf);
                expected.extend_from_slice(&body);
                expected.extend_from_slice(&form(ADDED, lf));
                assert_eq!(msg.to_bytes(), expected);
                assert_eq!(*Message::parse(&expected).unwrap().parts().nth(leaf).unwrap().decoded(), *body);
            }
            // Without the added part the (now empty) leaf ends the input again.
            msg.remove_part(leaf + 1).unwrap();
            let expected = form(template.strip_suffix("old\n").unwrap(), lf);
            assert_eq!(msg.to_bytes(), expected);
            assert_eq!(&*Message::parse(&expected).unwrap().parts().nth(leaf).unwrap().decoded(), b"");
        });
    }
}

#[test]
fn attach_to_an_unclosed_multipart_at_the_end_of_the_input_keeps_its_last_body() {
    // The multipart/alternative becomes the first part of a new multipart/mixed: its leaf
    // keeps its final line end, and the next delimiter brings its own.
    let template = "Content-Type: multipart/alternative; boundary=alt

--alt

old
";
    both(|lf| {
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.attach(MimePart::text("plain", "added")).unwrap();
        let out = msg.to_bytes();
        let boundary = Message::parse(&out).unwrap().content_type().boundary().unwrap().into_owned();
        let expected = |body: &str| {
            format!(
                "MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=\"{boundary}\"

--{boundary}
Content-Type: multipart/alternative; boundary=alt

--alt

{body}
--{boundary}
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

added
--{boundary}--
"
            )
        };
        assert_eq!(String::from_utf8(out.clone()).unwrap(), eol(&expected("old\n"), lf));
        assert_eq!(*Message::parse(&out).unwrap().parts().nth(2).unwrap().decoded(), *form("old\n", lf));
        msg.part_mut(2).unwrap().set_body(form("new", lf)).unwrap();
        let out = msg.to_bytes();
        assert_eq!(String::from_utf8(out.clone()).unwrap(), eol(&expected("new"), lf));
        assert_eq!(&*Message::parse(&out).unwrap().parts().nth(2).unwrap().decoded(), b"new");
        // Found by the edit fuzz target, when the parser gave the leaf's last line end to
        // the missing close delimiter: a part in place of the leaf ran into the delimiter.
        msg.replace_part(2, MimePart::text("plain", "replaced")).unwrap();
        let out = msg.to_bytes();
        let replaced =
            "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nreplaced";
        let expected = expected("old").replace("--alt\n\nold", &format!("--alt\n{replaced}"));
        assert_eq!(String::from_utf8(out.clone()).unwrap(), eol(&expected, lf));
        assert_eq!(Message::parse(&out).unwrap().parts().count(), 4);
    });
}

#[test]
fn remove_part_of_the_last_part_of_an_unclosed_multipart_keeps_the_part_before_as_it_was() {
    both(|lf| {
        // The part before is a leaf: the line end before the removed delimiter was the
        // delimiter's, and the leaf now ends the input without it, as it was.
        let template = "Content-Type: multipart/mixed; boundary=outer

--outer

first
--outer
Content-Type: multipart/mixed; boundary=inner

--inner

old
";
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.remove_part(2).unwrap();
        let expected = form("Content-Type: multipart/mixed; boundary=outer\n\n--outer\n\nfirst", lf);
        assert_eq!(msg.to_bytes(), expected);
        assert_eq!(&*Message::parse(&expected).unwrap().parts().nth(1).unwrap().decoded(), b"first");

        // Found by the edit fuzz target: the part before is a multipart kept as a leaf
        // (its first delimiter is missing).
        let template = "Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/mixed; boundary=inner

kept as a leaf
--outer

last
";
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.remove_part(2).unwrap();
        let head = "Content-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: multipart/mixed; boundary=inner\n\n";
        let expected = form(&format!("{head}kept as a leaf"), lf);
        assert_eq!(msg.to_bytes(), expected);
        assert_eq!(&*Message::parse(&expected).unwrap().parts().nth(1).unwrap().decoded(), b"kept as a leaf");
        msg.part_mut(1).unwrap().set_body(b"new".to_vec()).unwrap();
        let expected = form(&format!("{head}new"), lf);
        assert_eq!(msg.to_bytes(), expected);
        assert_eq!(&*Message::parse(&expected).unwrap().parts().nth(1).unwrap().decoded(), b"new");

        // A part pushed after an unclosed multipart inside another, then removed: each new
        // delimiter brings its own line end, and goes with it. Positions: 0 the root, 1
        // the middle multipart, 2 the inner one, 3 its leaf, 4 the part pushed after it.
        let template = "Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/mixed; boundary=middle

--middle
Content-Type: multipart/mixed; boundary=inner

--inner

old
";
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.part_mut(1).unwrap().push_part(MimePart::text("plain", "pushed")).unwrap();
        msg.attach(MimePart::text("plain", "added")).unwrap();
        let pushed = "\n--middle\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\npushed";
        let expected = form(&format!("{template}{pushed}{ADDED}"), lf);
        assert_eq!(msg.to_bytes(), expected);
        msg.remove_part(4).unwrap();
        let expected = form(&format!("{template}{ADDED}"), lf);
        assert_eq!(msg.to_bytes(), expected);
        assert_eq!(*Message::parse(&expected).unwrap().parts().nth(3).unwrap().decoded(), *form("old\n", lf));
        msg.part_mut(3).unwrap().set_body(b"new".to_vec()).unwrap();
        let out = msg.to_bytes();
        assert_eq!(&*Message::parse(&out).unwrap().parts().nth(3).unwrap().decoded(), b"new");
    });
}

#[test]
fn a_body_set_after_a_last_field_ending_in_a_bare_cr_stays_the_body() {
    // Found by the edit fuzz target: the block ended at a line that is not a field, and
    // its last field in a bare CR, which the LF blank line made one CRLF line end, so a
    // body line that looks like a field was read as one. In the LF message the bare CR
    // becomes an LF (a CRLF there would mix the line ends); the CRLF message keeps it.
    for (input, expected) in [
        (&b"X-A: a\nX-B: b\r\0"[..], &b"X-A: a\nX-B: b\n\n"[..]),
        (b"X-A: a\r\nX-B: b\r\0", b"X-A: a\r\nX-B: b\r\r\n"),
    ] {
        for body in [&b"x: y"[..], b" indented", b"plain"] {
            let mut msg = Message::parse(input).unwrap();
            msg.part_mut(0).unwrap().set_body(body.to_vec()).unwrap();
            let out = msg.to_bytes();
            assert_eq!(out, [expected, body].concat());
            let reparsed = Message::parse(&out).unwrap();
            assert_eq!(reparsed.headers().len(), 2);
            assert_eq!(&*reparsed.root().decoded(), body);
        }
    }
}

#[test]
fn a_body_set_on_an_embedded_root_without_fields_stays_the_roots() {
    // Found by the edit fuzz target: the message part's header block ended at the root's
    // first line, not a field, so the blank line the root got was read as the part's,
    // and the first lines of the new body as the root's fields.
    both(|lf| {
        let input = form("Content-Type: message/rfc822\nnot a field\n", lf);
        let mut msg = Message::parse(&input).unwrap();
        assert!(msg.root().body().as_message().is_some());
        assert_eq!(msg.parts().nth(1).unwrap().headers().len(), 0);
        for body in ["X-A: 1\n\nbody", " indented", "plain\n"] {
            let body = form(body, lf);
            msg.part_mut(1).unwrap().set_body(body.clone()).unwrap();
            let out = msg.to_bytes();
            assert_eq!(out, [form("Content-Type: message/rfc822\n\n\n", lf), body.clone()].concat());
            let reparsed = Message::parse(&out).unwrap();
            assert_eq!(reparsed.parts().nth(1).unwrap().headers().len(), 0);
            assert_eq!(*reparsed.parts().nth(1).unwrap().decoded(), *body);
        }
    });
}

#[test]
fn a_body_set_on_a_multipart_kept_as_a_leaf_at_the_end_of_the_input_gets_no_line_end() {
    // Found by the edit fuzz target: the parser reads such a body as the preamble of a
    // multipart whose first delimiter is missing, and a preamble keeps its last line end;
    // so no line end for the missing close delimiter of the multipart around it.
    let template = "Content-Type: multipart/mixed; boundary=outer

--outer
Content-Type: multipart/mixed; boundary=inner

no delimiter of its own
";
    both(|lf| {
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        let part = msg.parts().nth(1).unwrap();
        assert!(part.content_type().is_multipart() && part.body().is_leaf());
        assert_eq!(&*part.decoded(), &form("no delimiter of its own\n", lf)[..]);
        for body in ["new", "new\n"] {
            let body = form(body, lf);
            msg.part_mut(1).unwrap().set_body(body.clone()).unwrap();
            let out = msg.to_bytes();
            assert_eq!(
                out,
                [form(template.strip_suffix("no delimiter of its own\n").unwrap(), lf), body.clone()]
                    .concat()
            );
            assert_eq!(*Message::parse(&out).unwrap().parts().nth(1).unwrap().decoded(), *body);
        }
    });
}

#[test]
fn a_delivery_status_leaf_with_a_transfer_encoding_refuses_a_new_body() {
    // Found by the edit fuzz target: the part is a leaf only because of its encoding; the
    // 7bit its new body got made the parser read it as a delivery status.
    let template = "Content-Type: multipart/report; boundary=b

--b
Content-Type: message/delivery-status
Content-Transfer-Encoding: quoted-printable

Reporting-MTA: dns; example.com
--b--
";
    both(|lf| {
        let input = form(template, lf);
        let mut msg = Message::parse(&input).unwrap();
        assert!(msg.parts().nth(1).unwrap().body().is_leaf());
        let result = msg.part_mut(1).unwrap().set_text("Reporting-MTA: dns; example.org");
        refused(&msg, &input, result, ErrorKind::InvalidTransferEncoding, "message/delivery-status");
        let result = msg.part_mut(1).unwrap().set_body(b"x".to_vec());
        refused(&msg, &input, result, ErrorKind::InvalidTransferEncoding, "message/delivery-status");
    });
}

#[test]
fn a_message_whose_first_field_ends_the_input_unended_keeps_its_line_ends() {
    // Found by the edit fuzz target: the line ends were read from the first field alone,
    // and one with no line end at all read as CRLF, in an LF message.
    both(|lf| {
        let input = form(" not a field\nSubject: x", lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.headers_mut().append("X-New", "1").unwrap();
        assert_eq!(msg.to_bytes(), form(" not a field\nSubject: x\nX-New: 1\n", lf));
        msg.part_mut(0).unwrap().set_body(b"body".to_vec()).unwrap();
        assert_eq!(msg.to_bytes(), form(" not a field\nSubject: x\nX-New: 1\n\nbody", lf));
    });
}

/// A multipart/alternative that lost its close delimiter, inside a closed multipart/mixed
/// (`WRAP` is empty, or puts an embedded message between the two): the outer delimiter
/// ends it. Its last part, `text/html`, has no body: the line end before the outer
/// delimiter is its last field's or its blank line (`LAST`). `NEXT` is what follows the
/// delimiter `--outer`. Depth-first positions: 0 the root, 1 the alternative (or the
/// message), 2 plain, 3 the last part (each one more under a message).
const ENDED_BY_AN_ENCLOSING_DELIMITER: &str = "Content-Type: multipart/mixed; boundary=outer

--outer
WRAPContent-Type: multipart/alternative; boundary=inner

--inner
Content-Type: text/plain

plain
--inner
Content-Type: text/htmlLAST--outerNEXT
";

/// [`ENDED_BY_AN_ENCLOSING_DELIMITER`] with its placeholders filled in, in `\n` form, and
/// the position of the `text/html` part.
fn ended_by_an_enclosing_delimiter(wrap: bool, last: &str, next: &str) -> (String, usize) {
    let template = ENDED_BY_AN_ENCLOSING_DELIMITER
        .replace("WRAP", if wrap { "Content-Type: message/rfc822\n\n" } else { "" })
        .replace("LAST", last)
        .replace("NEXT", next);
    (template, if wrap { 4 } else { 3 })
}

/// What follows the outer delimiter: its close, or another part and then its close.
const AFTER_THE_OUTER_DELIMITER: [&str; 2] = ["--", "\nContent-Type: text/plain\n\nsecond\n--outer--"];

#[test]
fn set_body_on_a_last_part_that_an_enclosing_delimiter_ends_ends_its_body_before_it() {
    // Found by the edit fuzz target: the delimiter after the part was the outer
    // multipart's, and had no line end of its own (the last field or the blank line had
    // taken it), so the new body ran into it: `new--outer--`, read back as the body.
    for wrap in [false, true] {
        for last in ["\n", "\n\n"] {
            for next in AFTER_THE_OUTER_DELIMITER {
                both(|lf| {
                    let (template, leaf) = ended_by_an_enclosing_delimiter(wrap, last, next);
                    let input = form(&template, lf);
                    let mut msg = Message::parse(&input).unwrap();
                    let count = msg.parts().count();
                    assert!(!msg.parts().nth(leaf - 2).unwrap().body().as_multipart().unwrap().is_closed());
                    assert!(msg.parts().nth(leaf).unwrap().content_type().is("text/html"));
                    assert!(msg.parts().nth(leaf).unwrap().decoded().is_empty());
                    // A refused body leaves the outer delimiter as it was.
                    let result = msg.part_mut(leaf).unwrap().set_body(form("a\n--outer\nb", lf));
                    refused(&msg, &input, result, ErrorKind::BoundaryInContent, "outer");
                    for text in ["new", "new\n", ""] {
                        let body = form(text, lf);
                        msg.part_mut(leaf).unwrap().set_body(body.clone()).unwrap();
                        // The part gets its blank line, and the delimiter its line end.
                        let expected = template.replace(
                            &format!("text/html{last}--outer"),
                            &format!("text/html\n\n{text}\n--outer"),
                        );
                        let out = msg.to_bytes();
                        assert_eq!(
                            String::from_utf8_lossy(&out),
                            String::from_utf8_lossy(&form(&expected, lf))
                        );
                        let reparsed = Message::parse(&out).unwrap();
                        assert_eq!(reparsed.parts().count(), count);
                        assert_eq!(*reparsed.parts().nth(leaf).unwrap().decoded(), *body);
                    }
                });
            }
        }
    }
}

#[test]
fn set_body_after_a_last_field_in_the_other_line_end_that_an_enclosing_delimiter_ends() {
    // Found by the edit fuzz target: as above, in a part whose last field ends in the other
    // style (CRLF in an LF message, LF in a CRLF one), which it keeps.
    for wrap in [false, true] {
        for next in AFTER_THE_OUTER_DELIMITER {
            both(|lf| {
                let other = if lf { "\r\n" } else { "\n" };
                let (template, leaf) = ended_by_an_enclosing_delimiter(wrap, "OTHER", next);
                let in_form =
                    |template: &str| String::from_utf8(form(template, lf)).unwrap().replace("OTHER", other);
                let input = in_form(&template).into_bytes();
                let mut msg = Message::parse(&input).unwrap();
                let count = msg.parts().count();
                assert!(msg.parts().nth(leaf).unwrap().decoded().is_empty());
                for text in ["new", "new\n", ""] {
                    let body = form(text, lf);
                    msg.part_mut(leaf).unwrap().set_body(body.clone()).unwrap();
                    let expected = template.replace("OTHER--outer", &format!("OTHER\n{text}\n--outer"));
                    let out = msg.to_bytes();
                    assert_eq!(String::from_utf8_lossy(&out), in_form(&expected));
                    let reparsed = Message::parse(&out).unwrap();
                    assert_eq!(reparsed.parts().count(), count);
                    assert_eq!(*reparsed.parts().nth(leaf).unwrap().decoded(), *body);
                }
            });
        }
    }
}

/// Every part's kind and media type, depth-first: what an edit must leave as intended.
fn structure(msg: &Message<'_>) -> Vec<(&'static str, String)> {
    msg.parts()
        .map(|p| {
            let kind = match p.body() {
                mailmime::Body::Multipart(_) => "multipart",
                mailmime::Body::Message(_) => "message",
                _ => "leaf",
            };
            (kind, p.content_type().to_string())
        })
        .collect()
}

/// Asserts that `edited` writes `expected` (in the form's line ends) and reads back as
/// the tree it is, the part at `new` holding `new` and the one at `last` still `last`.
fn reads_back_as_edited(edited: &Message<'_>, expected: &str, lf: bool, new: usize, last: usize) {
    let out = edited.to_bytes();
    assert_eq!(String::from_utf8_lossy(&out), eol(expected, lf));
    let reread = Message::parse(&out).unwrap();
    assert_eq!(structure(&reread), structure(edited));
    assert_eq!(&*reread.parts().nth(new).unwrap().decoded(), b"new");
    assert_eq!(&*reread.parts().nth(last).unwrap().decoded(), b"last");
}

/// A multipart/mixed whose first part is `inner`, ended by the next delimiter, and whose
/// second part is `last`.
fn before_last(inner: &str) -> String {
    format!("Content-Type: multipart/mixed; boundary=o\n\n--o\n{inner}--o\n\nlast\n--o--\n")
}

#[test]
fn an_edit_of_the_last_part_of_an_unclosed_digest_inside_a_multipart_reads_back_as_intended() {
    // Found by the edit fuzz target: the last part of a digest without its close
    // delimiter is an embedded message of no body, whose blank line the enclosing
    // delimiter shares. A new last part has no such line end, so the enclosing delimiter
    // gets one of its own; the edits were refused with `EditChangesStructure` instead.
    // Positions: 0 the root, 1 the digest, 2 the embedded message, 3 its root, 4 `last`.
    both(|lf| {
        let template = &before_last("Content-Type: multipart/digest; boundary=d\n\n--d\n\n");
        let msg = Message::parse(&form(template, lf)).unwrap().into_owned();
        let mut replaced = msg.clone();
        replaced.replace_part(2, MimePart::text("plain", "new")).unwrap();
        let expected = template.replace("--d\n\n--o", &format!("--d\n{NEW_TEXT}\n--o"));
        reads_back_as_edited(&replaced, &expected, lf, 2, 3);
        let kinds = structure(&replaced).into_iter().map(|(kind, _)| kind).collect::<Vec<_>>();
        assert_eq!(kinds, ["multipart", "multipart", "leaf", "leaf"]);

        // The embedded message's root gets a body: the same delimiter gets a line end.
        let mut set = msg.clone();
        set.part_mut(3).unwrap().set_text("new").unwrap();
        reads_back_as_edited(&set, &template.replace("--d\n\n--o", "--d\n\n\nnew\n--o"), lf, 3, 4);
        assert_eq!(structure(&set), structure(&msg));
    });
}

#[test]
fn a_new_last_part_of_an_unclosed_multipart_ended_by_an_enclosing_delimiter_keeps_it_a_delimiter() {
    // The same without a digest: a text part of no body, its blank line shared with the
    // enclosing delimiter, replaced or given a body.
    both(|lf| {
        let template = &before_last(
            "Content-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/plain\n\n",
        );
        let msg = Message::parse(&form(template, lf)).unwrap().into_owned();
        let mut replaced = msg.clone();
        replaced.replace_part(2, MimePart::text("plain", "new")).unwrap();
        let expected =
            template.replace("--a\nContent-Type: text/plain\n\n--o", &format!("--a\n{NEW_TEXT}\n--o"));
        reads_back_as_edited(&replaced, &expected, lf, 2, 3);
        let mut set = msg.clone();
        set.part_mut(2).unwrap().set_text("new").unwrap();
        reads_back_as_edited(
            &set,
            &template.replace("text/plain\n\n--o", "text/plain\n\nnew\n--o"),
            lf,
            2,
            3,
        );
        assert_eq!(structure(&set), structure(&msg));
    });
}

#[test]
fn attach_moves_a_content_type_with_white_space_before_its_colon_and_it_reads_back() {
    // Found with the edit fuzz target: the moved field was stored under the name
    // `Content-Type ` (the white space before the colon, RFC 5322 §4.5.8 obsolete syntax,
    // taken into the name), so the part that keeps the old body lost its media type in
    // the tree and `attach` was refused with `EditChangesStructure`.
    both(|lf| {
        let body = "--b\n\nx\n--b--\n";
        let input = form(
            &format!("From: a@example.com\nContent-Type : multipart/alternative; boundary=b\n\n{body}"),
            lf,
        );
        let mut msg = Message::parse(&input).unwrap();
        msg.attach(MimePart::text("plain", "last")).unwrap();
        let out = msg.to_bytes();
        let reread = Message::parse(&out).unwrap();
        assert_eq!(structure(&reread), structure(&msg));
        let kinds: Vec<_> = structure(&msg).into_iter().map(|(_, media_type)| media_type).collect();
        assert_eq!(kinds, ["multipart/mixed", "multipart/alternative", "text/plain", "text/plain"]);
        // The moved field and the old body, byte for byte, in the first part.
        let first = reread.parts().nth(1).unwrap().raw().unwrap();
        let field = "Content-Type : multipart/alternative; boundary=b\n";
        assert_eq!(String::from_utf8_lossy(first), eol(&format!("{field}\n{body}"), lf));
        assert_eq!(&*reread.parts().nth(3).unwrap().decoded(), b"last");
    });
}

/// The Content-Type and Content-Transfer-Encoding of `MimePart::text("plain", "new")`
/// and its body.
const NEW_TEXT: &str = "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\nnew";

#[test]
fn a_body_set_after_a_blank_line_of_a_bare_cr_keeps_its_first_line_end() {
    // Found by the edit fuzz target: the bare CR that ended the header block and a body
    // starting with a line end were read back as one CRLF, so the body lost its first
    // line end. Before an LF the blank line becomes CRLF; before anything else it stays a
    // bare CR (an LF there would make one CRLF with a CR before it, in a message of bare
    // CR line ends).
    both(|lf| {
        let input = [&form("X: y\n", lf)[..], b"\r", &form("body\n", lf)].concat();
        let mut msg = Message::parse(&input).unwrap();
        assert_eq!(&*msg.decoded(), &form("body\n", lf)[..]);
        let body = form("\nTo: a@example.com\n", lf);
        msg.part_mut(0).unwrap().set_body(body.clone()).unwrap();
        let out = msg.to_bytes();
        // In the CRLF form the body starts with CR: the bare CR stays.
        let separator: &[u8] = if lf { b"\r\n" } else { b"\r" };
        assert_eq!(out, [&form("X: y\n", lf)[..], separator, &body].concat());
        assert_eq!(&*Message::parse(&out).unwrap().decoded(), &body[..]);
    });
    // Bare CR line ends, the message read as LF (its one line end that is not a CR).
    let input = b"X: a\nContent-Type: multipart/mixed; boundary=cr\r\r--cr\r\rold\r--cr--\r";
    for (body, separator) in [(&b"new"[..], &b"\r"[..]), (b"\nnew", b"\r\n")] {
        let mut msg = Message::parse(input).unwrap();
        msg.part_mut(1).unwrap().set_body(body.to_vec()).unwrap();
        let out = msg.to_bytes();
        let expected = [
            &b"X: a\nContent-Type: multipart/mixed; boundary=cr\r\r--cr\r"[..],
            separator,
            body,
            b"\r--cr--\r",
        ];
        assert_eq!(out, expected.concat());
        assert_eq!(&*Message::parse(&out).unwrap().parts().nth(1).unwrap().decoded(), body);
    }
}

#[test]
fn set_body_inside_an_empty_transfer_encoded_message_keeps_the_delimiter_on_its_own_line() {
    // fuzz/regressions/edit-6: a message/rfc822 part whose body is empty (its close
    // delimiter right after the blank line) and whose Content-Transfer-Encoding asks for
    // encoding again. The new body of its root, written base64 because it holds the
    // delimiter, ended without a line end, so the close delimiter was glued to it and the
    // body read back with the delimiter's bytes. Unknown encodings (kept as they are) and
    // base64 alike.
    for encoding in [",8bit", "base64"] {
        both(|lf| {
            let input = form(
                &format!(
                    "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n\
                     Content-Type: message/rfc822\nContent-Transfer-Encoding: {encoding}\n\n--b--\n"
                ),
                lf,
            );
            let mut msg = Message::parse(&input).unwrap();
            // Binary, so that it is written base64 (as is it would hold the delimiter).
            let mut body = eol("--b--\nnot the end\n", lf).into_bytes();
            body.extend_from_slice(b"\x00\xff");
            msg.part_mut(2).unwrap().set_body(body.clone()).unwrap();
            let out = msg.to_bytes();
            let back = Message::parse(&out).unwrap();
            let parts: Vec<_> = back.parts().map(|p| p.content_type().to_string()).collect();
            assert_eq!(parts, ["multipart/mixed", "message/rfc822", "text/plain"], "{encoding} {lf}");
            assert_eq!(back.parts().nth(2).unwrap().decoded().as_ref(), &body[..], "{encoding} {lf}");
            let close = eol("\n--b--\n", lf);
            assert!(out.ends_with(close.as_bytes()), "{encoding} {lf}: {:?}", String::from_utf8_lossy(&out));
        });
    }
}

#[test]
fn attach_keeps_the_blank_line_after_a_field_that_ends_in_a_bare_cr() {
    // fuzz/regressions/edit-7: the Content-* fields that move to the part keeping the old
    // body ended in a bare CR; in an LF message the blank line after them made that CR
    // one CRLF, so the part lost its blank line and its body read as more header lines.
    both(|lf| {
        let input = form("From: a@example.com\nContent-Type: text/plain\rSubject: s\n\nold body\n", lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.attach(MimePart::bytes("application/octet-stream", b"new".to_vec())).unwrap();
        let out = msg.to_bytes();
        let back = Message::parse(&out).unwrap();
        let parts: Vec<_> = back.parts().map(|p| p.content_type().to_string()).collect();
        assert_eq!(parts, ["multipart/mixed", "text/plain", "application/octet-stream"], "{lf}");
        let old = back.parts().nth(1).unwrap();
        assert_eq!(old.text(), eol("old body\n", lf), "{lf}");
        // In the LF form the bare CR became an LF like every other line end; the CRLF
        // form keeps it (a line end there too), reported as before.
        let kinds: Vec<_> = old.defects().iter().map(|d| d.kind()).collect();
        let bare_cr = if lf { vec![] } else { vec![mailmime::DefectKind::BareCarriageReturnInHeader] };
        assert_eq!(kinds, bare_cr, "{lf}");
        assert!(!out.windows(2).any(|w| w == b"\r\n") || !lf, "{lf}: mixed line ends");
        assert_eq!(back.subject().as_deref(), Some("s"));
    });
}

/// fuzz/regressions/edit-8: a part that is only a header block, ended by the next
/// delimiter line, shares its last line end with that delimiter. Once its last field is
/// removed it writes nothing, and two delimiter lines in a row read back as one: the part
/// vanished. It keeps a line end of its own, so that it reads back as an empty part.
#[test]
fn a_part_left_with_no_fields_and_no_body_before_a_delimiter_still_reads_back() {
    both(|lf| {
        // The empty part, then the close delimiter at once: its header block, when it
        // has one, ends at the next delimiter line.
        let input = form("Content-Type: multipart/mixed; boundary=b\n\n--b\n--b--\n", lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.part_mut(1).unwrap().headers_mut().insert("X-A", "1").unwrap();
        msg.part_mut(0).unwrap().push_part(MimePart::text("plain", "second")).unwrap();
        assert_eq!(msg.part_mut(1).unwrap().headers_mut().remove("X-A"), 1);
        let out = msg.to_bytes();
        let reread = Message::parse(&out).unwrap();
        let texts: Vec<String> = reread.leaves().map(|p| p.text().into_owned()).collect();
        assert_eq!(texts, ["", "second"], "{:?}", String::from_utf8_lossy(&out));
        assert_eq!(reread.to_bytes(), out);
    });
}
