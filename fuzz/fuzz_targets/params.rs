//! Content-Type and Content-Disposition parameters, read from a message whose two fields
//! both have the fuzz data as their value. Must hold (see
//! `mailmime_fuzz::values::check_parameters`): `iter` gives each lowercased name once with
//! the value `get` gives, in any case; `is_empty` agrees; the owned copy is the same. And:
//! type, subtype and disposition are lowercase; `charset()` and `boundary()` are the
//! parameters (the boundary without trailing white space); `filename()` is the
//! disposition's `filename` or else the type's `name`.
#![no_main]

use std::hash::DefaultHasher;

use libfuzzer_sys::fuzz_target;
use mailmime::Message;
use mailmime_fuzz::values::check_parameters;

fuzz_target!(|data: &[u8]| {
    let mut input = b"Content-Type: ".to_vec();
    input.extend_from_slice(data);
    input.extend_from_slice(b"\r\nContent-Disposition: ");
    input.extend_from_slice(data);
    input.extend_from_slice(b"\r\n\r\n");
    let msg = Message::parse(&input).expect("parsing with default options never fails");
    let mut hash = DefaultHasher::new();

    let ct = msg.content_type();
    assert!(!ct.to_string().bytes().any(|b| b.is_ascii_uppercase()), "{ct} is not lowercased");
    let params = ct.parameters();
    check_parameters(params, &mut hash);
    assert_eq!(ct.charset(), params.get("charset"));
    let boundary = params.get("boundary");
    assert_eq!(ct.boundary().as_deref(), boundary.as_deref().map(str::trim_end), "boundary()");

    let cd = msg.content_disposition();
    if let Some(cd) = &cd {
        assert!(!cd.kind().bytes().any(|b| b.is_ascii_uppercase()), "disposition {:?}", cd.kind());
        assert_eq!(cd.is_attachment(), cd.kind() == "attachment");
        check_parameters(cd.parameters(), &mut hash);
    }
    let filename = cd.and_then(|cd| cd.param("filename").map(|f| f.into_owned()));
    // Typed values give U+FFFD for control characters (the crate docs, "Hostile input").
    let expected = filename.or_else(|| ct.param("name").map(|n| n.into_owned())).map(|name| {
        name.chars().map(|c| if (c < ' ' && c != '\t') || c == '\u{7f}' { '\u{fffd}' } else { c }).collect()
    });
    assert_eq!(msg.filename(), expected, "filename()");
});
