//! `retain_parts` and `strip_attachments` (issue 11): what they remove, what they keep
//! whatever they are asked (signed and encrypted structures with their signatures, images
//! the HTML shows by `cid:`), and that everything left keeps its bytes. Each input is
//! written with LF line ends and checked with LF and with CRLF.
//!
//! `tests/signatures.rs` checks with `openssl smime -verify` that a real S/MIME
//! signature still verifies after both.

mod common;

use mailmime::{Message, Part};

/// The input as written (LF) and with CRLF line ends.
fn forms(input: &[u8]) -> [Vec<u8>; 2] {
    [input.to_vec(), common::to_crlf(input)]
}

fn content_types(msg: &Message<'_>) -> Vec<String> {
    msg.parts().map(|p| p.content_type().to_string()).collect()
}

/// The raw bytes of the first part whose Content-Type is `essence`.
fn raw_of<'m>(msg: &'m Message<'_>, essence: &str) -> &'m [u8] {
    msg.parts().find(|p| p.content_type().is(essence)).and_then(Part::raw).unwrap()
}

/// A signed report (S/MIME, detached) between a cover note and two attachments; the
/// signed content has an attachment of its own.
const SIGNED_BETWEEN_ATTACHMENTS: &[u8] = b"From: ann@example.com\n\
Subject: signed report\n\
Content-Type: multipart/mixed; boundary=outer\n\
\n\
--outer\n\
Content-Type: text/plain\n\
\n\
The signed report follows.\n\
--outer\n\
Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;\n\
\x20boundary=signed\n\
\n\
--signed\n\
Content-Type: multipart/mixed; boundary=content\n\
\n\
--content\n\
Content-Type: text/plain\n\
\n\
Figures attached.\n\
--content\n\
Content-Type: application/pdf; name=figures.pdf\n\
Content-Disposition: attachment; filename=figures.pdf\n\
Content-Transfer-Encoding: base64\n\
\n\
JVBERi0xLjcK\n\
--content--\n\
--signed\n\
Content-Type: application/pkcs7-signature; name=smime.p7s\n\
Content-Transfer-Encoding: base64\n\
Content-Disposition: attachment; filename=smime.p7s\n\
\n\
MIAGCSqGSIb3DQEHAqCAMIACAQEx\n\
--signed--\n\
--outer\n\
Content-Type: application/zip; name=raw-data.zip\n\
\n\
PK\x03\x04\n\
--outer\n\
Content-Type: message/rfc822\n\
\n\
Subject: forwarded\n\
\n\
forwarded text\n\
--outer--\n";

#[test]
fn strip_keeps_a_signed_part_whole_with_its_signature() {
    for input in forms(SIGNED_BETWEEN_ATTACHMENTS) {
        let original = Message::parse(&input).unwrap();
        let mut msg = Message::parse(&input).unwrap();
        let removed = msg.strip_attachments().unwrap();
        let removed: Vec<String> = removed.iter().map(|p| p.content_type().to_string()).collect();
        assert_eq!(removed, ["application/zip", "message/rfc822"]);

        let out = msg.to_bytes();
        let stripped = Message::parse(&out).unwrap();
        assert_eq!(
            content_types(&stripped),
            [
                "multipart/mixed",
                "text/plain",
                "multipart/signed",
                "multipart/mixed",
                "text/plain",
                "application/pdf",
                "application/pkcs7-signature",
            ]
        );
        // The signed entity, signature included, is the bytes that were signed.
        let signed = raw_of(&original, "multipart/signed");
        assert_eq!(raw_of(&stripped, "multipart/signed"), signed);
        assert!(out.windows(signed.len()).any(|w| w == signed));
        assert_eq!(raw_of(&stripped, "text/plain"), raw_of(&original, "text/plain"));
        // The fields of the message are as they were.
        let fields = |m: &Message<'_>| m.headers().iter().map(|f| f.raw().to_vec()).collect::<Vec<_>>();
        assert_eq!(fields(&stripped), fields(&original));
    }
}

#[test]
fn retain_parts_cannot_remove_signed_or_encrypted_content() {
    for input in forms(SIGNED_BETWEEN_ATTACHMENTS) {
        let mut msg = Message::parse(&input).unwrap();
        let mut asked = Vec::new();
        let removed = msg
            .retain_parts(|p| {
                asked.push(p.content_type().to_string());
                false
            })
            .unwrap();
        // Asked about each top-level part but the signed one, in order, and never inside.
        assert_eq!(asked, ["text/plain", "application/zip", "message/rfc822"]);
        assert_eq!(removed.len(), 3);
        let out = msg.to_bytes();
        let left = Message::parse(&out).unwrap();
        assert_eq!(left.body().as_multipart().unwrap().parts().len(), 1);
        assert_eq!(
            left.parts().nth(1).unwrap().raw(),
            Some(raw_of(&Message::parse(&input).unwrap(), "multipart/signed"))
        );
    }
}

#[test]
fn a_message_that_is_signed_or_encrypted_is_left_as_it_is() {
    let pgp_signed: &[u8] = b"Content-Type: multipart/signed; protocol=\"application/pgp-signature\";\n\
\x20micalg=pgp-sha256; boundary=s\n\
\n\
--s\n\
Content-Type: multipart/mixed; boundary=m\n\
\n\
--m\n\
\n\
text\n\
--m\n\
Content-Type: image/jpeg; name=photo.jpg\n\
\n\
JFIF\n\
--m--\n\
--s\n\
Content-Type: application/pgp-signature; name=signature.asc\n\
\n\
-----BEGIN PGP SIGNATURE-----\n\
-----END PGP SIGNATURE-----\n\
--s--\n";
    let pgp_encrypted: &[u8] =
        b"Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=e\n\
\n\
--e\n\
Content-Type: application/pgp-encrypted\n\
\n\
Version: 1\n\
--e\n\
Content-Type: application/octet-stream; name=encrypted.asc\n\
\n\
-----BEGIN PGP MESSAGE-----\n\
--e--\n";
    // S/MIME opaque content is a leaf that is the whole message.
    let smime_in_mixed: &[u8] = b"Content-Type: multipart/mixed; boundary=x\n\
\n\
--x\n\
Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\n\
Content-Disposition: attachment; filename=smime.p7m\n\
\n\
MIAGCSqGSIb3\n\
--x\n\
Content-Type: application/x-pkcs7-signature; name=smime.p7s\n\
\n\
MIAG\n\
--x--\n";
    for case in [pgp_signed, pgp_encrypted, smime_in_mixed] {
        for input in forms(case) {
            let mut msg = Message::parse(&input).unwrap();
            assert!(msg.attachments().count() > 0);
            assert!(msg.strip_attachments().unwrap().is_empty());
            assert!(msg.retain_parts(|_| false).unwrap().is_empty());
            assert_eq!(msg.to_bytes(), input);
        }
    }
}

/// An HTML newsletter: the HTML shows a logo and a banner by `cid:` (quoted, in a style,
/// percent-encoded, another case), beside an inline image it does not show and a real
/// attachment.
const HTML_WITH_INLINE_IMAGES: &[u8] = b"Subject: newsletter\n\
Content-Type: multipart/mixed; boundary=mixed\n\
\n\
--mixed\n\
Content-Type: multipart/alternative; boundary=alt\n\
\n\
--alt\n\
Content-Type: text/plain\n\
\n\
News.\n\
--alt\n\
Content-Type: multipart/related; boundary=rel; type=\"text/html\"\n\
\n\
--rel\n\
Content-Type: text/html; charset=utf-8\n\
Content-Transfer-Encoding: quoted-printable\n\
\n\
<img src=3D\"cid:logo@news.example\"><div style=3D\"background:url(CID:Banner%40news.example)\">News.</div>\n\
--rel\n\
Content-Type: image/png\n\
Content-ID: <logo@news.example>\n\
Content-Disposition: inline\n\
\n\
PNG-logo\n\
--rel\n\
Content-Type: image/gif\n\
Content-ID: <banner@news.example>\n\
\n\
GIF-banner\n\
--rel\n\
Content-Type: image/jpeg\n\
Content-ID: <unused@news.example>\n\
\n\
JPEG-unused\n\
--rel--\n\
--alt--\n\
--mixed\n\
Content-Type: application/pdf; name=report.pdf\n\
Content-Disposition: attachment; filename=report.pdf\n\
\n\
%PDF\n\
--mixed--\n";

#[test]
fn strip_keeps_the_images_the_html_shows_by_cid() {
    for input in forms(HTML_WITH_INLINE_IMAGES) {
        let original = Message::parse(&input).unwrap();
        let mut msg = Message::parse(&input).unwrap();
        let removed = msg.strip_attachments().unwrap();
        let removed: Vec<String> = removed.iter().map(|p| p.content_type().to_string()).collect();
        assert_eq!(removed, ["image/jpeg", "application/pdf"]);

        let out = msg.to_bytes();
        let stripped = Message::parse(&out).unwrap();
        assert_eq!(
            content_types(&stripped),
            [
                "multipart/mixed",
                "multipart/alternative",
                "text/plain",
                "multipart/related",
                "text/html",
                "image/png",
                "image/gif"
            ]
        );
        assert_eq!(stripped.attachments().count(), 2);
        for essence in ["text/plain", "text/html", "image/png", "image/gif"] {
            assert_eq!(raw_of(&stripped, essence), raw_of(&original, essence), "{essence}");
        }
        assert_eq!(stripped.subject().as_deref(), Some("newsletter"));
        assert_eq!(stripped.html_body().unwrap().text(), original.html_body().unwrap().text());
    }
}

#[test]
fn a_removed_html_part_keeps_no_image() {
    for input in forms(HTML_WITH_INLINE_IMAGES) {
        let mut msg = Message::parse(&input).unwrap();
        // The plain text alone: the HTML goes, so nothing keeps its images.
        let removed =
            msg.retain_parts(|p| !p.is_attachment() && !p.content_type().is("multipart/related")).unwrap();
        let removed: Vec<String> = removed.iter().map(|p| p.content_type().to_string()).collect();
        assert_eq!(removed, ["multipart/related", "application/pdf"]);
        let out = msg.to_bytes();
        let left = Message::parse(&out).unwrap();
        assert_eq!(content_types(&left), ["multipart/mixed", "multipart/alternative", "text/plain"]);
        assert_eq!(left.body_text().as_deref(), Some("News."));
    }
}

#[test]
fn a_multipart_left_empty_goes_and_the_root_keeps_an_empty_part() {
    let nested: &[u8] = b"Content-Type: multipart/mixed; boundary=a\n\
\n\
--a\n\
\n\
cover\n\
--a\n\
Content-Type: multipart/mixed; boundary=b\n\
\n\
--b\n\
Content-Type: application/zip; name=one.zip\n\
\n\
PK1\n\
--b\n\
Content-Type: multipart/mixed; boundary=c\n\
\n\
--c\n\
Content-Type: application/zip; name=two.zip\n\
\n\
PK2\n\
--c--\n\
--b--\n\
--a--\n";
    for input in forms(nested) {
        let mut msg = Message::parse(&input).unwrap();
        let removed = msg.strip_attachments().unwrap();
        // The emptied multipart goes whole, with what was in it.
        assert_eq!(removed.len(), 1);
        assert_eq!(
            removed[0].attachments().filter_map(|p| p.filename()).collect::<Vec<_>>(),
            ["one.zip", "two.zip"]
        );
        let out = msg.to_bytes();
        let left = Message::parse(&out).unwrap();
        assert_eq!(content_types(&left), ["multipart/mixed", "text/plain"]);
        assert_eq!(left.body_text().as_deref(), Some("cover"));
    }

    let only_attachments: &[u8] = b"Subject: files\n\
Content-Type: multipart/mixed; boundary=a\n\
\n\
--a\n\
Content-Type: application/pdf; name=a.pdf\n\
\n\
%PDF\n\
--a\n\
Content-Type: image/png; name=b.png\n\
\n\
PNG\n\
--a--\n";
    for input in forms(only_attachments) {
        let mut msg = Message::parse(&input).unwrap();
        let removed = msg.strip_attachments().unwrap();
        let names: Vec<Option<String>> = removed.iter().map(Part::filename).collect();
        assert_eq!(names, [Some("a.pdf".to_owned()), Some("b.png".to_owned())]);
        let out = msg.to_bytes();
        let left = Message::parse(&out).unwrap();
        assert_eq!(content_types(&left), ["multipart/mixed", "text/plain"]);
        assert_eq!(left.body_text().as_deref(), Some(""));
        assert_eq!(left.attachments().count(), 0);
        assert_eq!(left.subject().as_deref(), Some("files"));
        // The message keeps its own line ends.
        assert_eq!(out.windows(2).any(|w| w == b"\r\n"), input.windows(2).any(|w| w == b"\r\n"));
    }
}

#[test]
fn nothing_to_remove_leaves_every_byte() {
    for case in [&b"Subject: hi\n\nplain body\n"[..], HTML_WITH_INLINE_IMAGES] {
        for input in forms(case) {
            let mut msg = Message::parse(&input).unwrap();
            let mut asked = Vec::new();
            let removed = msg
                .retain_parts(|p| {
                    asked.push(p.content_type().to_string());
                    true
                })
                .unwrap();
            assert!(removed.is_empty());
            assert_eq!(msg.to_bytes(), input);
            // Every part but the root, in the order `parts()` gives them.
            assert_eq!(asked, content_types(&msg)[1..]);
        }
    }
    // A message whose whole body is one attachment has no part to remove.
    let mut msg = Message::parse(b"Content-Type: application/pdf\r\n\r\n%PDF").unwrap();
    assert!(msg.is_attachment());
    assert!(msg.strip_attachments().unwrap().is_empty());
    assert_eq!(msg.to_bytes(), b"Content-Type: application/pdf\r\n\r\n%PDF");
}

#[test]
fn stripping_a_deeply_nested_attachment_uses_no_deep_stack() {
    common::on_small_stack(|| {
        let depth = 10_000;
        let input = common::nested_multiparts_around(depth, b"Content-Type: application/zip\r\n\r\nPK\r\n");
        let options = mailmime::ParseOptions::new().max_depth(usize::MAX);
        let mut msg = Message::parse_with(&input, &options).unwrap();
        assert_eq!(msg.parts().count(), depth + 1);
        // Every multipart below the root is left empty, so the root's only part becomes
        // an empty text part, and the chain of multiparts comes back whole.
        let removed = msg.strip_attachments().unwrap();
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].parts().count(), depth);
        assert_eq!(removed[0].attachments().count(), 1);
        let out = msg.to_bytes();
        let left = Message::parse(&out).unwrap();
        assert_eq!(content_types(&left), ["multipart/mixed", "text/plain"]);
    });
}
