//! Everyday use (issue 11): the body a reader sees, attachments, and real-mail header
//! decoding. Each finding of the issue is a named test with its exact expected result.

mod common;

use mailmime::encoding::Charset;
use mailmime::{Body, Message, MimePart, ParseOptions};

#[test]
fn inline_text_with_a_file_name_is_the_body_not_an_attachment() {
    // XEmacs VM writes its text this way (cpython msg_04.txt, msg_44.txt).
    let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\
        Content-Type: text/plain; charset=us-ascii\r\nContent-Disposition: inline; filename=\"msg.txt\"\r\n\r\n\
        the text\r\n--b\r\nContent-Type: application/pdf; name=r.pdf\r\n\r\n%PDF\r\n--b--\r\n";
    let msg = Message::parse(input).unwrap();
    let body = msg.text_body().expect("the inline text is the body");
    assert_eq!(body.text(), "the text");
    assert!(!body.is_attachment());
    let names: Vec<_> = msg.attachments().map(|p| p.filename().unwrap()).collect();
    assert_eq!(names, ["r.pdf"]);
}

#[test]
fn single_part_text_with_a_name_is_the_body() {
    let msg = Message::parse(b"Content-Type: text/plain; name=\"note.txt\"\r\n\r\nhello\r\n").unwrap();
    assert_eq!(msg.text_body().map(|p| p.text().into_owned()).as_deref(), Some("hello\r\n"));
    assert_eq!(msg.attachments().count(), 0);
    // With `attachment` it is an attachment, and not the body.
    let msg = Message::parse(
        b"Content-Type: text/plain; name=\"note.txt\"\r\nContent-Disposition: attachment\r\n\r\nhello\r\n",
    )
    .unwrap();
    assert!(msg.text_body().is_none());
    assert_eq!(msg.attachments().count(), 1);
}

#[test]
fn a_message_whose_whole_body_is_a_forwarded_message() {
    // cpython msg_11.txt and msg_46.txt.
    let inner = "From: b@example.com\r\nSubject: inner\r\nContent-Type: multipart/mixed; boundary=i\r\n\r\n\
        --i\r\n\r\nforwarded text\r\n--i\r\nContent-Type: image/png; name=x.png\r\n\r\nPNG\r\n--i--\r\n";
    let input = format!("From: a@example.com\r\nContent-Type: message/rfc822\r\n\r\n{inner}");
    let msg = Message::parse(input.as_bytes()).unwrap();
    // Its text is the forwarded message's, not its own (Python's get_body: None).
    assert!(msg.text_body().is_none());
    assert!(msg.body_text().is_none());
    // The forwarded message is the attachment, and saving it writes the message.
    let attached: Vec<_> = msg.attachments().collect();
    assert_eq!(attached.len(), 1);
    assert!(attached[0].is_attachment());
    assert_eq!(&*attached[0].decoded(), inner.as_bytes());
    // The attachment inside it is reachable.
    let all: Vec<String> = msg.all_attachments().map(|p| p.content_type().to_string()).collect();
    assert_eq!(all, ["message/rfc822", "image/png"]);
    let Body::Message(forwarded) = msg.root().body() else { panic!("an embedded message") };
    assert_eq!(forwarded.body_text().as_deref(), Some("forwarded text"));
}

#[test]
fn an_attached_message_decodes_to_its_bytes() {
    let inner = "Subject: old\r\n\r\nold text\r\n";
    let input = format!(
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nsee below\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n{inner}--b--\r\n"
    );
    let msg = Message::parse(input.as_bytes()).unwrap();
    let attached = msg.attachments().next().unwrap();
    // The line end before the close delimiter belongs to the delimiter.
    assert_eq!(&*attached.decoded(), inner.trim_end().as_bytes());
    let mut out = Vec::new();
    attached.decode_into(&mut out);
    assert_eq!(out, inner.trim_end().as_bytes());
}

#[test]
fn multipart_related_looks_only_at_its_start_part() {
    let input = b"Content-Type: multipart/related; boundary=r; start=\"<html@x>\"\r\n\r\n\
        --r\r\nContent-Type: text/plain\r\n\r\nnot the start\r\n\
        --r\r\nContent-Type: text/html\r\nContent-ID: <html@x>\r\n\r\n<p>start</p>\r\n--r--\r\n";
    let msg = Message::parse(input).unwrap();
    assert_eq!(msg.html_body().unwrap().text(), "<p>start</p>");
    assert!(msg.text_body().is_none(), "the plain part is not the start part");
    assert_eq!(msg.body_text().as_deref(), Some("start"));
}

#[test]
fn body_text_and_body_html_fall_back_to_each_other() {
    let alternative = b"Content-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nplain\r\n\
        --a\r\nContent-Type: text/html\r\n\r\n<b>html</b>\r\n--a--\r\n";
    let msg = Message::parse(alternative).unwrap();
    assert_eq!(msg.body_text().as_deref(), Some("plain"));
    assert_eq!(msg.body_html().as_deref(), Some("<b>html</b>"));
    let msg = Message::parse(
        b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>caf&eacute; &amp; <i>cr\xc3\xa8me</i></p>",
    )
    .unwrap();
    assert_eq!(msg.body_text().as_deref(), Some("caf&eacute; & crème"));
    let msg = Message::parse(b"\r\n<tag> & more").unwrap();
    assert_eq!(msg.body_html().as_deref(), Some("<pre>&lt;tag&gt; &amp; more</pre>"));
    let msg = Message::parse(b"Content-Type: image/png\r\n\r\nPNG").unwrap();
    assert_eq!((msg.body_text(), msg.body_html()), (None, None));
}

#[test]
fn raw_8bit_in_an_encoded_word_and_in_a_display_name_read_as_juergen() {
    let msg = Message::parse(
        b"To: =?iso-8859-1?Q?J\xFCrgen?= <j@example.com>\r\nCc: J\xFCrgen <j@x>\r\nSubject: =?iso-8859-1?Q?J\xFCrgen?=\r\n\r\n",
    )
    .unwrap();
    assert_eq!(msg.to().mailboxes().next().unwrap().name(), Some("Jürgen"));
    assert_eq!(msg.to().mailboxes().next().unwrap().address(), "j@example.com");
    assert_eq!(msg.cc().mailboxes().next().unwrap().name(), Some("Jürgen"));
    assert_eq!(msg.subject().as_deref(), Some("Jürgen"));
}

/// "Привет" and "Петр" in KOI8-R, written raw (no encoded word, no charset) as old
/// Russian mailers did, in every place the fallback charset reaches: the Subject, a
/// display name, a file name, a body without a charset, an encoded word whose charset is
/// unknown, a body in `x-unknown`, and the parts of an embedded message.
const KOI8_MESSAGE: &[u8] = b"Subject: \xf0\xd2\xc9\xd7\xc5\xd4\n\
From: \xf0\xc5\xd4\xd2 <p@example.ru>\n\
To: =?iso-8859-1?Q?J\xFCrgen?= <j@example.com>, =?x-no-such?Q?=F0=C5=D4=D2?= <q@example.ru>\n\
Content-Type: multipart/mixed; boundary=b\n\
\n\
--b\n\
Content-Type: text/plain\n\
\n\
\xf0\xd2\xc9\xd7\xc5\xd4\n\
--b\n\
Content-Type: text/plain; charset=iso-8859-1\n\
\n\
J\xFCrgen\n\
--b\n\
Content-Type: text/plain; charset=x-unknown\n\
\n\
\xf0\xc5\xd4\xd2\n\
--b\n\
Content-Type: application/octet-stream; name=\"\xf0\xd2\xc9\xd7\xc5\xd4.bin\"\n\
Content-Disposition: attachment; filename=\"\xf0\xc5\xd4\xd2.bin\"\n\
\n\
data\n\
--b\n\
Content-Type: message/rfc822\n\
\n\
Subject: \xf0\xc5\xd4\xd2\n\
\n\
\xf0\xc5\xd4\xd2\n\
--b--\n";

/// What every fallback-charset reading of [`KOI8_MESSAGE`] gives, in KOI8-R (`koi8`) or
/// in the default, windows-1252.
fn check_koi8_readings(msg: &Message<'_>, koi8: bool) {
    let (hello, peter) = if koi8 { ("Привет", "Петр") } else { ("ðÒÉ×ÅÔ", "ðÅÔÒ") };
    assert_eq!(msg.subject().as_deref(), Some(hello));
    assert_eq!(msg.headers().get("subject").unwrap().decoded(), hello);
    assert_eq!(msg.headers().get("subject").unwrap().to_string(), hello);
    assert_eq!(msg.from().mailboxes().next().unwrap().name(), Some(peter));
    let to: Vec<_> = msg.to().mailboxes().map(|m| m.name().map(str::to_owned)).collect();
    // A raw byte inside an encoded word is the word's: ISO-8859-1 whatever the fallback;
    // a word in an unknown charset is read in the fallback.
    assert_eq!(to, [Some("Jürgen".to_owned()), Some(peter.to_owned())]);
    let parts = msg.body().as_multipart().unwrap().parts();
    // The line end before a delimiter belongs to the delimiter.
    let text = |i: usize| parts[i].text();
    assert_eq!(text(0), hello);
    // A declared charset always wins.
    assert_eq!(text(1), "Jürgen");
    assert_eq!(text(2), peter);
    assert_eq!(parts[3].filename().as_deref(), Some(&*format!("{peter}.bin")));
    assert_eq!(parts[3].content_type().param("name").as_deref(), Some(&*format!("{hello}.bin")));
    let inner = parts[4].body().as_message().unwrap();
    assert_eq!(inner.subject().as_deref(), Some(peter));
    assert_eq!(inner.text(), peter);
}

#[test]
fn raw_koi8r_headers_and_bodies_read_in_the_fallback_charset() {
    let koi8 = Charset::for_label(b"koi8-r").unwrap();
    for input in [KOI8_MESSAGE.to_vec(), common::to_crlf(KOI8_MESSAGE)] {
        let msg = Message::parse(&input).unwrap();
        assert!(msg.parts().all(|p| p.fallback_charset() == Charset::WINDOWS_1252));
        check_koi8_readings(&msg, false);

        let msg = Message::parse_with(&input, &ParseOptions::new().fallback_charset(koi8)).unwrap();
        assert_eq!(msg.parts().count(), 7);
        assert!(msg.parts().all(|p| p.fallback_charset() == koi8));
        check_koi8_readings(&msg, true);
        assert_eq!(msg.to_bytes(), input);
    }
}

#[test]
fn valid_utf8_wins_over_the_fallback_charset() {
    let koi8 = Charset::for_label(b"koi8-r").unwrap();
    let input = "Subject: Grüße\r\nContent-Disposition: attachment; filename=\"ü.txt\"\r\n\r\nGrüße\r\n";
    let msg = Message::parse_with(input.as_bytes(), &ParseOptions::new().fallback_charset(koi8)).unwrap();
    assert_eq!(msg.subject().as_deref(), Some("Grüße"));
    assert_eq!(msg.filename().as_deref(), Some("ü.txt"));
    assert_eq!(msg.text(), "Grüße\r\n");
}

#[test]
fn an_unlabelled_8bit_body_reads_as_windows_1252_by_default() {
    // It read as U+FFFD (US-ASCII) before the fallback charset became an option.
    let msg = Message::parse(b"Content-Type: text/plain\r\n\r\nna\xefve \x80 5\r\n").unwrap();
    assert_eq!(msg.text(), "naïve € 5\r\n");
    assert_eq!(msg.body_text().as_deref(), Some("naïve € 5\r\n"));
    let (text, defects) = msg.text_with_fallback(Charset::US_ASCII);
    assert_eq!(text, "na\u{fffd}ve \u{fffd} 5\r\n");
    assert_eq!(defects.len(), 1);
}

#[test]
fn the_fallback_charset_is_kept_by_clone_into_owned_and_edits() {
    let koi8 = Charset::for_label(b"koi8-r").unwrap();
    for input in [KOI8_MESSAGE.to_vec(), common::to_crlf(KOI8_MESSAGE)] {
        let options = ParseOptions::new().fallback_charset(koi8);
        let msg = Message::parse_with(&input, &options).unwrap();
        check_koi8_readings(&msg.clone(), true);
        let owned: Message<'static> = msg.clone().into_owned();
        check_koi8_readings(&owned, true);

        // An edited header block keeps reading its other fields in the fallback.
        let mut edited = msg.clone();
        edited.headers_mut().append("X-Archived", "yes").unwrap();
        edited.part_mut(4).unwrap().headers_mut().append("X-Checked", "yes").unwrap();
        check_koi8_readings(&edited, true);

        // New parts get the message's fallback, so they read as they will when parsed again.
        edited.replace_part(2, MimePart::bytes("text/plain", b"\xf0\xc5\xd4\xd2".to_vec())).unwrap();
        let reread = Message::parse_with(&edited.to_bytes(), &options).unwrap().into_owned();
        for (new, again) in edited.parts().zip(reread.parts()) {
            assert_eq!(new.fallback_charset(), koi8);
            assert_eq!(new.text(), again.text());
        }
        assert_eq!(edited.parts().nth(2).unwrap().text(), "Петр");
    }
}

#[test]
fn attach_keeps_the_fallback_charset_of_the_fields_it_moves() {
    let koi8 = Charset::for_label(b"koi8-r").unwrap();
    let input = b"Subject: \xf0\xd2\xc9\xd7\xc5\xd4\r\nContent-Type: text/plain\r\n\r\n\xf0\xc5\xd4\xd2\r\n";
    let mut msg = Message::parse_with(input, &ParseOptions::new().fallback_charset(koi8)).unwrap();
    msg.attach(MimePart::bytes("application/pdf", b"%PDF".to_vec()).attachment("a.pdf")).unwrap();
    assert!(msg.content_type().is("multipart/mixed"));
    assert_eq!(msg.subject().as_deref(), Some("Привет"));
    assert_eq!(msg.text_body().unwrap().text(), "Петр\r\n");
    assert!(msg.parts().all(|p| p.fallback_charset() == koi8));
}

#[test]
fn mbox_messages_are_read_with_the_fallback_charset() {
    let koi8 = Charset::for_label(b"koi8-r").unwrap();
    let mbox = b"From a@example.ru Thu Apr 11 01:10:30 1996\nSubject: \xf0\xd2\xc9\xd7\xc5\xd4\n\nbody\n";
    let first = mailmime::split_mbox(mbox).next().unwrap();
    let msg = first.parse_with(&ParseOptions::new().fallback_charset(koi8)).unwrap();
    assert_eq!(msg.subject().as_deref(), Some("Привет"));
}
