//! Everyday use (issue 11): the body a reader sees, attachments, and real-mail header
//! decoding. Each finding of the issue is a named test with its exact expected result.

use mailmime::{Body, Message};

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
