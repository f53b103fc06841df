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
        let result = msg.remove_part(1);
        refused(&msg, &input, result, ErrorKind::InvalidContentType, "multipart/mixed");
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
