//! The full walk of the `walk` target: every typed accessor on every part of a parsed
//! message and of every message nested in it, every body transfer- and charset-decoded,
//! every header field decoded, with the invariants the library documents for each.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use mailmime::encoding::Charset;
use mailmime::{Body, Message, Part};

use crate::assert_bytes_eq;
use crate::values::{assert_address_list_reads_back, check_address_list, check_date, check_parameters};

/// Whether `inner` lies inside `outer` (same buffer, within its bounds).
fn within(inner: &[u8], outer: &[u8]) -> bool {
    let (start, end) = (outer.as_ptr() as usize, outer.as_ptr() as usize + outer.len());
    let at = inner.as_ptr() as usize;
    inner.is_empty() || (at >= start && at + inner.len() <= end)
}

/// Offset of `inner` in `outer` (which must hold it), or `None` when `inner` is empty
/// (an empty slice need not point into anything).
fn offset_in(inner: &[u8], outer: &[u8]) -> Option<usize> {
    assert!(within(inner, outer));
    (!inner.is_empty()).then(|| inner.as_ptr() as usize - outer.as_ptr() as usize)
}

/// Walks `msg` (parsed from `input`, borrowed or owned), checking every invariant below,
/// and returns one digest per part (in `parts()` order) of everything the accessors
/// returned, so that two trees can be compared accessor by accessor.
///
/// Offsets of a part are in its *space*: the input, or for the parts of an embedded
/// message that was transfer-encoded, the decoded bytes (the raw span of that message's
/// root). In its space, each part's raw span starts at its offset, holds the raw spans of
/// its children and, for a leaf, the body bytes at the leaf's offset; every defect offset
/// lies inside it.
pub fn walk_message(msg: &Message<'_>, input: &[u8]) -> Vec<u64> {
    let root_raw = msg.root().raw().expect("a parsed root has a raw span");
    assert_bytes_eq(input, root_raw, "root().raw()");
    walk_helpers(msg, true);

    let mut digests = Vec::new();
    let mut order: Vec<&Part<'_>> = Vec::new();
    let mut stack: Vec<(&Part<'_>, &[u8])> = vec![(msg.root(), root_raw)];
    while let Some((part, space)) = stack.pop() {
        order.push(part);
        let mut hash = DefaultHasher::new();
        walk_part(part, space, &mut hash);
        let raw = part.raw().expect("every parsed part has a raw span");
        let children: &[Part<'_>] = match part.body() {
            Body::Leaf(_) => &[],
            Body::Multipart(m) => m.parts(),
            Body::DeliveryStatus(d) => d.groups(),
            Body::Message(m) => {
                walk_helpers(m, false);
                let nested = m.root().raw().expect("a nested root has a raw span");
                if let Some(encoded) = m.encoded() {
                    // Decoded into a buffer of its own: a new space.
                    assert!(within(encoded, raw), "encoded() lies outside its part");
                    assert_eq!(m.root().offset(), 0, "the root of a decoded message is at 0");
                    stack.push((m.root(), nested));
                } else {
                    assert!(within(nested, raw), "an embedded message lies outside its part");
                    stack.push((m.root(), space));
                }
                m.encoded().map(<[u8]>::len).hash(&mut hash);
                &[]
            }
            _ => panic!("a Body kind the walk does not know"),
        };
        let mut previous_end = offset_in(raw, space).unwrap_or(0);
        for child in children {
            let child_raw = child.raw().expect("every parsed part has a raw span");
            assert!(within(child_raw, raw), "a child part lies outside its parent");
            if let Some(at) = offset_in(child_raw, space) {
                assert!(at >= previous_end, "child parts overlap or go backwards");
                previous_end = at + child_raw.len();
            }
        }
        stack.extend(children.iter().rev().map(|child| (child, space)));
        digests.push(hash.finish());
    }
    let listed: Vec<&Part<'_>> = msg.parts().collect();
    assert_eq!(listed.len(), order.len(), "parts() does not list every part once");
    for (a, b) in listed.iter().zip(&order) {
        assert!(std::ptr::eq(*a, *b), "parts() is not depth-first pre-order");
    }
    digests
}

/// The walking helpers of one message: the body finders, `attachments()` and, on the
/// top-level message only (elsewhere it would be quadratic in the nesting depth),
/// `leaves()`.
fn walk_helpers(msg: &Message<'_>, top: bool) {
    for (found, subtype) in [(msg.text_body(), "plain"), (msg.html_body(), "html")] {
        if let Some(p) = found {
            let ct = p.content_type();
            assert!(ct.is_text() && ct.subtype() == subtype, "a {subtype} body finder gave {ct}");
            assert!(p.body().is_leaf(), "a body finder gave a non-leaf");
            assert!(!p.is_attachment(), "a body finder gave an attachment");
        }
    }
    for p in msg.attachments() {
        assert!(p.is_attachment(), "attachments() gave a part that is not one");
        assert!(!matches!(p.body(), Body::Multipart(_)), "attachments() gave a multipart");
    }
    let _ = msg.defects().count();
    if top {
        let leaves = msg.leaves().count();
        assert_eq!(leaves, msg.parts().filter(|p| p.body().is_leaf()).count());
    }
}

/// Every accessor of one part (not its children), in `space` (see [`walk_message`]).
fn walk_part(part: &Part<'_>, space: &[u8], hash: &mut DefaultHasher) {
    let raw = part.raw().expect("every parsed part has a raw span");
    assert!(within(raw, space), "raw() lies outside its space");
    if let Some(at) = offset_in(raw, space) {
        assert_eq!(at, part.offset(), "offset() is not where raw() starts");
    }
    for defect in part.defects() {
        assert!(defect.offset() <= space.len(), "{defect:?} points past the end of its space");
        (defect.to_string(), defect.offset()).hash(hash);
    }

    walk_headers(part, hash);
    walk_mime(part, hash);
    walk_fields(part, hash);

    match part.body() {
        Body::Leaf(leaf) => {
            assert!(within(leaf.as_bytes(), raw), "the leaf bytes lie outside the part");
            if let Some(at) = offset_in(leaf.as_bytes(), space) {
                assert_eq!(at, leaf.offset(), "Leaf::offset() is not where its bytes are");
            }
            walk_leaf(part, space, hash);
        }
        Body::Multipart(m) => {
            let ct = part.content_type();
            assert!(ct.is_multipart() && ct.boundary().is_some(), "a multipart body under {ct}");
            assert!(part.decoded().is_empty() && part.text().is_empty(), "a multipart has content");
            (m.preamble(), m.epilogue(), m.is_closed(), m.parts().len()).hash(hash);
        }
        Body::Message(m) => {
            let ct = part.content_type();
            assert!(ct.is_message(), "an embedded message under {ct}");
            // Saving an attached message writes the message.
            assert_bytes_eq(&m.to_bytes(), &part.decoded(), "an embedded message's decoded()");
            assert!(part.text().is_empty(), "an embedded message has text of its own");
        }
        Body::DeliveryStatus(_) => {
            let ct = part.content_type();
            assert!(ct.is_message(), "a delivery status under {ct}");
            assert!(part.decoded().is_empty() && part.text().is_empty(), "a delivery status has content");
        }
        _ => panic!("a Body kind the walk does not know"),
    }
}

/// Header iteration: every field's name, raw bytes and value in each form.
fn walk_headers(part: &Part<'_>, hash: &mut DefaultHasher) {
    let headers = part.headers();
    assert_eq!(headers.iter().len(), headers.len());
    assert_eq!(headers.is_empty(), headers.len() == 0);
    for (i, field) in headers.iter().enumerate() {
        let at = headers.field_at(i).expect("field_at within len()");
        assert!(std::ptr::eq(at.raw(), field.raw()), "field_at({i}) is not the {i}th field");
        let name = field.name_str();
        assert!(field.is(name) && field.name().is(name), "field {name:?} is not named {name:?}");
        assert!(field.raw().starts_with(name.as_bytes()), "raw() of {name:?} does not start with it");
        let value = field.value();
        assert!(within(value.as_bytes(), field.raw()), "the value of {name:?} lies outside its field");
        let unfolded = value.unfolded();
        assert!(!unfolded.contains(&b'\r') && !unfolded.contains(&b'\n'), "unfolded() holds a line end");
        assert_eq!(unfolded.trim_ascii().len(), unfolded.len(), "unfolded() is not trimmed");
        let (decoded, defects) = value.decoded_with_defects();
        assert_eq!(value.decoded(), decoded, "decoded() vs decoded_with_defects()");
        for defect in &defects {
            assert!(defect.offset() <= value.as_bytes().len(), "{defect:?} in a {name:?} value");
            defect.offset().hash(hash);
        }
        (name, field.raw(), &*unfolded, &*value.to_str_lossy(), &*decoded).hash(hash);
    }
    assert!(headers.field_at(headers.len()).is_none());
}

/// The MIME views: Content-Type and its parameters, Content-Disposition, file name,
/// Content-ID, transfer encoding, attachment status.
fn walk_mime(part: &Part<'_>, hash: &mut DefaultHasher) {
    let ct = part.content_type();
    let (main, sub) = (ct.main_type(), ct.subtype());
    assert!(!main.bytes().chain(sub.bytes()).any(|b| b.is_ascii_uppercase()), "{ct} is not lowercased");
    let essence = format!("{main}/{sub}");
    assert!(ct.is(&essence) && ct.to_string() == essence, "{ct} is not {essence:?}");
    check_parameters(ct.parameters(), hash);
    (&essence, ct.charset(), ct.boundary()).hash(hash);

    let disposition = part.content_disposition();
    if let Some(cd) = &disposition {
        assert!(!cd.kind().bytes().any(|b| b.is_ascii_uppercase()), "disposition {:?}", cd.kind());
        (cd.kind(), cd.is_attachment(), cd.is_inline()).hash(hash);
        check_parameters(cd.parameters(), hash);
    }
    let filename = part.filename();
    let expected = disposition
        .and_then(|cd| cd.param("filename").map(|f| f.into_owned()))
        .or_else(|| ct.param("name").map(|n| n.into_owned()))
        // Typed values give U+FFFD for control characters (the crate docs, "Hostile input").
        .map(|name| {
            name.chars()
                .map(|c| if (c < ' ' && c != '\t') || c == '\u{7f}' { '\u{fffd}' } else { c })
                .collect()
        });
    assert_eq!(filename, expected, "filename() is neither filename= nor name=");

    let content_id = part.content_id();
    assert!(!content_id.as_deref().is_some_and(|id| id.contains(['\r', '\n'])), "{content_id:?}");
    let encoding = part.transfer_encoding();
    assert_eq!(encoding.to_string(), encoding.as_str());
    (filename, content_id, encoding.as_str(), encoding.is_identity(), part.is_attachment()).hash(hash);
}

/// The RFC 5322 fields: subject, address lists, date, message ids, trace fields.
fn walk_fields(part: &Part<'_>, hash: &mut DefaultHasher) {
    let subject = part.subject();
    assert_eq!(subject, part.headers().get("subject").map(|v| v.decoded()), "subject()");
    subject.hash(hash);

    for list in [part.from(), part.to(), part.cc(), part.bcc(), part.reply_to()] {
        check_address_list(&list, hash);
        assert_address_list_reads_back(&list);
    }
    let sender = part.sender();
    assert_eq!(sender.as_ref(), part.addresses("sender").mailboxes().next(), "sender()");
    if let Some(sender) = &sender {
        sender.address().hash(hash);
    }

    if let Some(date) = part.date() {
        check_date(date, hash);
    }
    let message_id = part.message_id();
    let in_reply_to = part.in_reply_to();
    let references = part.references();
    for id in message_id.iter().chain(&in_reply_to).chain(&references) {
        assert!(!id.contains(['\r', '\n']), "a message id holds a line end: {id:?}");
        assert_eq!(id.trim(), &**id, "a message id is not trimmed: {id:?}");
    }
    (message_id, in_reply_to, references).hash(hash);
    for received in part.received() {
        received.as_bytes().hash(hash);
    }
}

/// A leaf's content: transfer-decoded both ways, and as text with both fallbacks.
fn walk_leaf(part: &Part<'_>, space: &[u8], hash: &mut DefaultHasher) {
    let decoded = part.decoded();
    let mut out = b"kept".to_vec();
    let defects = part.decode_into(&mut out);
    assert!(out.starts_with(b"kept"), "decode_into() did not append");
    assert_bytes_eq(&decoded, &out[4..], "decode_into() vs decoded()");
    for defect in &defects {
        assert!(defect.offset() <= space.len(), "{defect:?} points past the end of its space");
    }

    let text = part.text();
    assert_eq!(part.fallback_charset(), Charset::WINDOWS_1252, "the default fallback charset");
    let (latin, text_defects) = part.text_with_fallback(Charset::WINDOWS_1252);
    assert_eq!(text, latin, "text() vs text_with_fallback(WINDOWS_1252), the default fallback");
    let (ascii, _) = part.text_with_fallback(Charset::US_ASCII);
    // With no charset, or one the library does not know, text() reads UTF-8 when the
    // bytes are UTF-8 (dropping a BOM) and otherwise the fallback, one character a byte.
    let declared = part.content_type().charset().and_then(|label| Charset::for_label(label.as_bytes()));
    if declared.is_none() {
        match std::str::from_utf8(&decoded) {
            Ok(utf8) => {
                let utf8 = utf8.strip_prefix('\u{FEFF}').unwrap_or(utf8);
                assert_eq!(text, utf8, "text() of a UTF-8 body with no known charset");
                assert_eq!(ascii, utf8, "text_with_fallback() of a UTF-8 body with no known charset");
            }
            Err(_) => {
                assert_eq!(ascii.chars().count(), decoded.len(), "US-ASCII is one character a byte");
                assert!(
                    ascii.chars().all(|c| c.is_ascii() || c == '\u{FFFD}'),
                    "text_with_fallback(US_ASCII)"
                );
                assert_eq!(text.chars().count(), decoded.len(), "text() read windows-1252 otherwise");
            }
        }
    }
    (&*decoded, defects.len(), &*text, &*latin, text_defects.len()).hash(hash);
}
