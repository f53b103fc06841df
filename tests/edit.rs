//! Editing writes back every untouched byte: a header edit changes only that field's
//! lines, and parts outside an edit (a signed part, say) keep their exact bytes.

use mailmime::{Body, Message, MessageBuilder, MimePart};
use proptest::prelude::*;

/// Offset of `inner` (a slice of `outer`) in `outer`.
fn offset_in(outer: &[u8], inner: &[u8]) -> usize {
    let offset = inner.as_ptr() as usize - outer.as_ptr() as usize;
    assert!(offset + inner.len() <= outer.len());
    offset
}

fn header_block() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        Just("Subject".to_string()),
        Just("X-Tag".to_string()),
        Just("Received".to_string()),
        Just("To".to_string()),
        "[A-Za-z][A-Za-z0-9-]{0,10}",
    ];
    let value = prop_oneof!["[ -~]{0,60}", "[ -~]{1,30}(\r\n[ \t][ -~]{1,30}){1,3}"];
    proptest::collection::vec((name, value), 1..8)
}

fn message(fields: &[(String, String)], lf: bool) -> Vec<u8> {
    let mut out = String::new();
    for (n, v) in fields {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str("\r\nbody line\r\n");
    if lf { out.replace("\r\n", "\n").into_bytes() } else { out.into_bytes() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn one_header_edit_changes_only_that_fields_lines(
        fields in header_block(),
        pick in any::<prop::sample::Index>(),
        new_value in "\\PC{0,80}",
        lf in any::<bool>(),
    ) {
        let input = message(&fields, lf);
        let parsed = Message::parse(&input).unwrap();
        let index = pick.index(parsed.headers().len());
        let target = parsed.headers().iter().nth(index).unwrap();
        let name = target.name_str().to_owned();
        // `insert` rewrites the first field of that name and removes later ones.
        let same: Vec<(usize, usize)> = parsed
            .headers()
            .iter()
            .filter(|f| f.name().is(&name))
            .map(|f| (offset_in(&input, f.raw()), f.raw().len()))
            .collect();
        let mut msg = Message::parse(&input).unwrap();
        msg.headers_mut().insert(&name, &new_value).unwrap();
        let out = msg.to_bytes();

        // Expected: the input with the first field's lines replaced by the new field and
        // the later ones of that name cut out.
        let new_raw = msg.headers().iter().find(|f| f.name().is(&name)).unwrap().raw().to_vec();
        let mut expected = Vec::new();
        let mut pos = 0;
        for (i, (start, len)) in same.iter().enumerate() {
            expected.extend_from_slice(&input[pos..*start]);
            if i == 0 {
                expected.extend_from_slice(&new_raw);
            }
            pos = start + len;
        }
        expected.extend_from_slice(&input[pos..]);
        prop_assert_eq!(&out, &expected);
        let line_end: &[u8] = if lf { b"\n" } else { b"\r\n" };
        prop_assert!(new_raw.ends_with(line_end));

        // Reparsed: the edit is there, everything else unchanged.
        let reparsed = Message::parse(&out).unwrap();
        prop_assert_eq!(reparsed.headers().get(&name).unwrap().decoded(), new_value.as_str());
        let others = |m: &Message<'_>| -> Vec<Vec<u8>> {
            m.headers().iter().filter(|f| !f.name().is(&name)).map(|f| f.raw().to_vec()).collect()
        };
        prop_assert_eq!(others(&reparsed), others(&parsed));
        prop_assert_eq!(reparsed.body().as_leaf().unwrap().as_bytes(), parsed.body().as_leaf().unwrap().as_bytes());
    }

    #[test]
    fn append_and_remove_keep_every_other_byte(fields in header_block(), lf in any::<bool>()) {
        let input = message(&fields, lf);
        let mut msg = Message::parse(&input).unwrap();
        msg.headers_mut().append("X-Added", "value").unwrap();
        let end = if lf { "\n" } else { "\r\n" };
        let sep = input.windows(end.len() * 2).position(|w| w == format!("{end}{end}").as_bytes()).unwrap() + end.len();
        let mut expected = input[..sep].to_vec();
        expected.extend_from_slice(format!("X-Added: value{end}").as_bytes());
        expected.extend_from_slice(&input[sep..]);
        prop_assert_eq!(msg.to_bytes(), expected);
        prop_assert_eq!(msg.headers_mut().remove("X-Added"), 1);
        prop_assert_eq!(&msg.to_bytes(), &input);
    }
}

const SIGNED: &[u8] = b"From: alice@example.com\r
To: bob@example.org\r
Subject: signed report\r
Content-Type: multipart/mixed; boundary=\"outer\"\r
\r
preamble\r
--outer\r
Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; micalg=pgp-sha256;\r
 boundary=\"signed\"\r
\r
--signed\r
Content-Type: text/plain; charset=us-ascii\r
Content-Transfer-Encoding: 7bit\r
\r
The signed text.  \r
Trailing spaces matter to the signature.\r
--signed\r
Content-Type: application/pgp-signature\r
\r
-----BEGIN PGP SIGNATURE-----\r
iQEzBAEBCAAdFiEE\r
-----END PGP SIGNATURE-----\r
--signed--\r
--outer\r
Content-Type: application/zip; name=\"big.zip\"\r
Content-Disposition: attachment; filename=\"big.zip\"\r
Content-Transfer-Encoding: base64\r
\r
UEsDBBQAAAAIAAAAIQAAAAAAAAAAAAAAAAAAAAAA\r
--outer--\r
epilogue\r
";

#[test]
fn signed_part_keeps_its_bytes_through_header_edits_and_attachment_stripping() {
    let original = Message::parse(SIGNED).unwrap();
    let signed_index = original.parts().position(|p| p.content_type().is("multipart/signed")).unwrap();
    let signed_bytes = original.parts().nth(signed_index).unwrap().raw().unwrap().to_vec();
    let zip_index = original.parts().position(|p| p.content_type().is("application/zip")).unwrap();

    let mut msg = Message::parse(SIGNED).unwrap();
    msg.headers_mut().insert("Subject", "signed report (archived)").unwrap();
    msg.headers_mut().append("X-Archived", "yes").unwrap();
    let old = msg.replace_part(zip_index, MimePart::text("plain", "[big.zip removed]")).unwrap();
    assert_eq!(old.filename().as_deref(), Some("big.zip"));
    let out = msg.to_bytes();

    // The signed part's exact bytes are in the output, at the same place in the tree.
    let reparsed = Message::parse(&out).unwrap();
    let signed = reparsed.parts().nth(signed_index).unwrap();
    assert!(signed.content_type().is("multipart/signed"));
    assert_eq!(signed.raw().unwrap(), &signed_bytes[..]);
    // And everything outside the edits is untouched: preamble, epilogue, boundaries.
    let Body::Multipart(m) = reparsed.body() else { panic!() };
    assert_eq!(m.preamble(), b"preamble");
    assert_eq!(m.epilogue(), b"epilogue\r\n");
    assert_eq!(reparsed.subject().as_deref(), Some("signed report (archived)"));
    assert_eq!(reparsed.parts().nth(zip_index).unwrap().text(), "[big.zip removed]");
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.starts_with(
        "From: alice@example.com\r\nTo: bob@example.org\r\nSubject: signed report (archived)\r\n"
    ));
}

#[test]
fn owned_messages_edit_the_same_way() {
    let msg = Message::parse(SIGNED).unwrap().into_owned();
    let mut msg: Message<'static> = msg;
    msg.headers_mut().remove("To");
    assert!(msg.headers().get("to").is_none());
    let out = msg.to_bytes();
    let mut expected = SIGNED.to_vec();
    let at = expected.windows(21).position(|w| w == b"To: bob@example.org\r\n").unwrap();
    expected.drain(at..at + 21);
    assert_eq!(out, expected);
}

#[test]
fn bodies_parts_and_embedded_messages_can_be_replaced() {
    let (inner, _) = MessageBuilder::new().from("x@example.com").subject("inner").text("v1").build().unwrap();
    let (outer, _) = MessageBuilder::new()
        .from("a@example.com")
        .text("cover note")
        .part(MimePart::message(&inner))
        .attachment("data.bin", "application/octet-stream", vec![1, 2, 3])
        .build()
        .unwrap();
    let bytes = outer.to_bytes();
    let mut msg = Message::parse(&bytes).unwrap();

    // Replace a text body: re-encoded with its declared encoding.
    msg.part_mut(1).unwrap().set_text("new cover note").unwrap();
    // Replace a binary body.
    let data_index = msg.parts().position(|p| p.filename().as_deref() == Some("data.bin")).unwrap();
    msg.part_mut(data_index).unwrap().set_body(vec![9u8; 100]).unwrap();
    // Replace the embedded message.
    let (v2, _) = MessageBuilder::new().from("x@example.com").subject("inner v2").text("v2").build().unwrap();
    let embedded = msg.parts().position(|p| p.content_type().is("message/rfc822")).unwrap();
    msg.part_mut(embedded)
        .unwrap()
        .set_message(Message::parse(&v2.to_bytes()).unwrap().into_owned())
        .unwrap();

    let out = msg.to_bytes();
    let reparsed = Message::parse(&out).unwrap();
    assert_eq!(reparsed.text_body().unwrap().text(), "new cover note");
    assert_eq!(&*reparsed.parts().nth(data_index).unwrap().decoded(), &[9u8; 100][..]);
    let Body::Message(m) = reparsed.parts().nth(embedded).unwrap().body() else { panic!() };
    assert_eq!(m.subject().as_deref(), Some("inner v2"));

    // Remove a part, then add one.
    let mut msg = Message::parse(&out).unwrap();
    let removed = msg.remove_part(data_index).unwrap();
    assert_eq!(removed.filename().as_deref(), Some("data.bin"));
    msg.attach(MimePart::bytes("image/png", vec![0x89, b'P', b'N', b'G']).attachment("pic.png")).unwrap();
    let reparsed_bytes = msg.to_bytes();
    let reparsed = Message::parse(&reparsed_bytes).unwrap();
    let names: Vec<String> = reparsed.attachments().filter_map(|p| p.filename()).collect();
    assert_eq!(names, ["pic.png"]);
    assert_eq!(reparsed.defects().count(), 0);
}

#[test]
fn editing_inside_a_base64_encoded_message_re_encodes_it() {
    let inner = b"Subject: inner\r\n\r\nhello\r\n";
    let mut encoded = Vec::new();
    let b64: String = {
        use std::fmt::Write;
        let table = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::new();
        for chunk in inner.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                if i <= chunk.len() {
                    s.push(table[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    s.push('=');
                }
            }
        }
        let _ = write!(&mut String::new(), "");
        s
    };
    encoded.extend_from_slice(b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    encoded.extend_from_slice(b64.as_bytes());
    encoded.extend_from_slice(b"\r\n");
    let mut msg = Message::parse(&encoded).unwrap();
    assert_eq!(msg.to_bytes(), encoded);
    msg.part_mut(1).unwrap().headers_mut().insert("Subject", "edited").unwrap();
    let out = msg.to_bytes();
    let reparsed = Message::parse(&out).unwrap();
    assert_eq!(reparsed.transfer_encoding(), mailmime::TransferEncoding::Base64);
    let Body::Message(m) = reparsed.body() else { panic!() };
    assert_eq!(m.subject().as_deref(), Some("edited"));
    assert_eq!(m.body().as_leaf().unwrap().as_bytes(), b"hello\r\n");
}

/// A message with attachments at three levels of multipart and inside a forwarded
/// message, LF line ends. Depth-first positions: 0 root, 1 cover note, 2 `mid`, 3
/// `alt`, 4 plain, 5 html, 6 a.pdf, 7 `deep`, 8 deep note, 9 b.zip, 10 c.png, 11 d.doc,
/// 12 the forwarded message, 13 its root, 14 its text, 15 e.gif.
const NESTED_ATTACHMENTS: &[u8] = b"Subject: files\n\
Content-Type: multipart/mixed; boundary=outer\n\
\n\
--outer\n\
Content-Type: text/plain\n\
\n\
cover note\n\
--outer\n\
Content-Type: multipart/mixed; boundary=mid\n\
\n\
--mid\n\
Content-Type: multipart/alternative; boundary=alt\n\
\n\
--alt\n\
Content-Type: text/plain\n\
\n\
plain\n\
--alt\n\
Content-Type: text/html\n\
\n\
<p>html</p>\n\
--alt--\n\
--mid\n\
Content-Type: application/pdf; name=a.pdf\n\
Content-Transfer-Encoding: base64\n\
\n\
JVBERg==\n\
--mid\n\
Content-Type: multipart/mixed; boundary=deep\n\
\n\
--deep\n\
Content-Type: text/plain\n\
\n\
deep note\n\
--deep\n\
Content-Type: application/zip; name=b.zip\n\
\n\
PK\n\
--deep\n\
Content-Type: image/png; name=c.png\n\
\n\
PNG\n\
--deep--\n\
--mid--\n\
--outer\n\
Content-Type: application/msword\n\
Content-Disposition: attachment; filename=d.doc\n\
\n\
DOC\n\
--outer\n\
Content-Type: message/rfc822\n\
\n\
Subject: fwd\n\
Content-Type: multipart/mixed; boundary=fwd\n\
\n\
--fwd\n\
\n\
forwarded\n\
--fwd\n\
Content-Type: image/gif; name=e.gif\n\
\n\
GIF\n\
--fwd--\n\
--outer--\n";

fn with_line_ends(lf: bool) -> Vec<u8> {
    if lf {
        NESTED_ATTACHMENTS.to_vec()
    } else {
        String::from_utf8_lossy(NESTED_ATTACHMENTS).replace('\n', "\r\n").into_bytes()
    }
}

fn content_types(msg: &Message<'_>) -> Vec<String> {
    msg.parts().map(|p| p.content_type().to_string()).collect()
}

#[test]
fn attachment_indices_are_the_positions_part_mut_and_remove_part_take() {
    for lf in [true, false] {
        let input = with_line_ends(lf);
        let msg = Message::parse(&input).unwrap();
        let found: Vec<usize> = msg.attachment_indices().map(|(i, _)| i).collect();
        assert_eq!(found, [6, 9, 10, 11, 12]);
        let all: Vec<usize> = msg.all_attachment_indices().map(|(i, _)| i).collect();
        assert_eq!(all, [6, 9, 10, 11, 12, 15]);
        for (index, part) in msg.all_attachment_indices() {
            assert!(std::ptr::eq(part, msg.parts().nth(index).unwrap()), "position {index}");
        }
        // Without positions, the same parts in the same order.
        let plain: Vec<*const _> = msg.all_attachments().map(|p| p as *const _).collect();
        let indexed: Vec<*const _> = msg.all_attachment_indices().map(|(_, p)| p as *const _).collect();
        assert_eq!(plain, indexed);
        // Counted from the part they are called on.
        let mid = msg.parts().nth(2).unwrap();
        let below: Vec<usize> = mid.attachment_indices().map(|(i, _)| i).collect();
        assert_eq!(below, [4, 7, 8]);
    }
}

#[test]
fn attachments_found_by_position_are_removed_last_first_at_every_depth() {
    for lf in [true, false] {
        let input = with_line_ends(lf);
        let mut msg = Message::parse(&input).unwrap();
        let found: Vec<usize> = msg.attachment_indices().map(|(i, _)| i).collect();
        let mut removed = Vec::new();
        for &index in found.iter().rev() {
            removed.push(msg.remove_part(index).unwrap().content_type().to_string());
        }
        assert_eq!(
            removed,
            ["message/rfc822", "application/msword", "image/png", "application/zip", "application/pdf"]
        );
        let out = msg.to_bytes();
        let stripped = Message::parse(&out).unwrap();
        assert_eq!(stripped.all_attachments().count(), 0);
        assert_eq!(
            content_types(&stripped),
            [
                "multipart/mixed",
                "text/plain",
                "multipart/mixed",
                "multipart/alternative",
                "text/plain",
                "text/html",
                "multipart/mixed",
                "text/plain"
            ]
        );
        // What stayed keeps its bytes: the cover note, the whole alternative, the deep note.
        let original = Message::parse(&input).unwrap();
        for (before, after) in [(1, 1), (3, 3), (8, 7)] {
            let raw = original.parts().nth(before).unwrap().raw().unwrap();
            assert_eq!(stripped.parts().nth(after).unwrap().raw().unwrap(), raw, "part {before}");
        }
        assert!(!out.windows(2).any(|w| w == b"PK") && !out.windows(3).any(|w| w == b"DOC"));
    }
}

#[test]
fn an_attachment_inside_a_forwarded_message_is_removed_at_its_position() {
    for lf in [true, false] {
        let input = with_line_ends(lf);
        let mut msg = Message::parse(&input).unwrap();
        let gif_and_doc: Vec<usize> = msg
            .all_attachment_indices()
            .filter(|(_, p)| p.content_type().is("image/gif") || p.filename().as_deref() == Some("d.doc"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(gif_and_doc, [11, 15]);
        for &index in gif_and_doc.iter().rev() {
            msg.remove_part(index).unwrap();
        }
        let out = msg.to_bytes();
        let reparsed = Message::parse(&out).unwrap();
        let left: Vec<String> = reparsed.all_attachments().map(|p| p.content_type().to_string()).collect();
        assert_eq!(left, ["application/pdf", "application/zip", "image/png", "message/rfc822"]);
        let forwarded = reparsed.attachments().last().unwrap().body().as_message().unwrap();
        assert_eq!(forwarded.subject().as_deref(), Some("fwd"));
        assert_eq!(forwarded.parts().count(), 2);
    }
}

#[test]
fn a_removal_of_a_bodiless_last_part_gives_the_enclosing_delimiter_its_line_end() {
    // Found by the `edit` fuzz target: the last part of an unclosed multipart that the
    // enclosing one's delimiter ends, empty, its blank line the line end that delimiter
    // needs. Removed, the text before it ran into that delimiter ("one--a") and the
    // enclosing multipart lost its second part (then the removal was refused with
    // `EditChangesStructure`); the delimiter now gets the removed delimiter's line end.
    let head = "Content-Type: multipart/mixed; boundary=a\n\n--a\n\
        Content-Type: multipart/alternative; boundary=b\n\n--b\n\none\n";
    let tail = "--a\nContent-Type: multipart/alternative\n\nx\n";
    let input = format!("{head}--b\nContent-Type: text/html\n\n{tail}");
    for lf in [true, false] {
        let form = |s: &str| if lf { s.to_owned() } else { s.replace('\n', "\r\n") };
        let input = form(&input);
        let mut msg = Message::parse(input.as_bytes()).unwrap();
        assert_eq!(msg.parts().nth(3).unwrap().content_type().to_string(), "text/html");
        assert_eq!(msg.remove_part(3).unwrap().content_type().to_string(), "text/html");
        let out = msg.to_bytes();
        assert_eq!(String::from_utf8_lossy(&out), form(&format!("{head}{tail}")));
        let reread = Message::parse(&out).unwrap();
        let types = |m: &Message<'_>| m.parts().map(|p| p.content_type().to_string()).collect::<Vec<_>>();
        assert_eq!(types(&reread), types(&msg));
        assert_eq!(
            types(&msg),
            ["multipart/mixed", "multipart/alternative", "text/plain", "multipart/alternative"]
        );
        assert_eq!(&*reread.parts().nth(2).unwrap().decoded(), b"one");
    }
}
