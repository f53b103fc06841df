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
    for input in forms(template) {
        let eol = eol(&input);
        let msg = Message::parse(input.as_bytes()).unwrap();
        let m = multipart(msg.root());
        assert!(!m.is_closed());
        // The line end before a delimiter is the delimiter's; with no close delimiter at
        // the end, the last line end is the body's.
        assert_eq!(leaf(&m.parts()[0]), b"first");
        assert_eq!(leaf(&m.parts()[1]), format!("last line{eol}").as_bytes());
        assert_eq!(defects(msg.root()), [(DefectKind::CloseBoundaryNotFound, input.len())]);
        assert_eq!(msg.to_bytes(), input.as_bytes());
    }
}

#[test]
fn an_unclosed_multipart_reads_the_same_alone_and_inside_another() {
    // Inside, the enclosing close delimiter takes the line end before it and the leaf keeps
    // its own; the embedded message written alone ends with that leaf and reads the same.
    let template = "Content-Type: multipart/mixed; boundary=outer\n\n--outer\nContent-Type: message/rfc822\n\n\
        Content-Type: multipart/mixed; boundary=inner\n\n--inner\n\ntext\n\n--outer--\n";
    for input in forms(template) {
        let eol = eol(&input);
        let msg = Message::parse(input.as_bytes()).unwrap();
        let Body::Message(embedded) = multipart(msg.root()).parts()[0].body() else { panic!("no message") };
        let text = format!("text{eol}");
        assert_eq!(leaf(&multipart(embedded.root()).parts()[0]), text.as_bytes());
        let alone = embedded.to_bytes();
        assert!(alone.ends_with(text.as_bytes()));
        let reread = Message::parse(&alone).unwrap();
        assert_eq!(leaf(&multipart(reread.root()).parts()[0]), text.as_bytes());
        // The missing close delimiter was due where the message ends, in both readings.
        let start = embedded.root().offset();
        let due = at(&input, &format!("{eol}--outer--"));
        assert_eq!(defects(embedded.root()), [(DefectKind::CloseBoundaryNotFound, due)]);
        assert_eq!(defects(reread.root()), [(DefectKind::CloseBoundaryNotFound, due - start)]);
        assert_eq!(alone.len(), due - start);
    }
}
