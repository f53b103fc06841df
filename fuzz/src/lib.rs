//! Helpers shared by the fuzz targets in `fuzz_targets/`.
//!
//! Each target is one small file that calls into this module, so the checks are written
//! once and every target states only what it feeds in.

use mailmime::encoding::Issue;
use mailmime::{Body, Message, Part};

/// Calls every read-only accessor on every part of `msg`, depth-first, and the walking
/// helpers on the root. Panics only if the library does.
pub fn touch_message(msg: &Message<'_>) {
    for part in msg.parts() {
        touch_part(part);
    }
    let _ = msg.defects().count();
    if let Some(p) = msg.text_body() {
        assert!(p.content_type().is_text(), "text_body returned a non-text part");
        assert!(p.body().is_leaf(), "text_body returned a non-leaf");
    }
    if let Some(p) = msg.html_body() {
        assert!(p.content_type().is_text(), "html_body returned a non-text part");
        assert!(p.body().is_leaf(), "html_body returned a non-leaf");
    }
    for p in msg.attachments() {
        let _ = p.filename();
        assert!(!matches!(p.body(), Body::Multipart(_)), "attachments() returned a multipart");
    }
    let _ = msg.leaves().count();
}

/// Calls every read-only accessor of one part (not its children).
pub fn touch_part(part: &Part<'_>) {
    let content_type = part.content_type();
    let _ = content_type.to_string();
    let _ = content_type.charset();
    let _ = content_type.boundary();
    let _ = content_type.is_multipart() || content_type.is_message();
    for (name, value) in content_type.parameters().iter() {
        let _ = (name.len(), value.len());
    }
    if let Some(disposition) = part.content_disposition() {
        let _ = (disposition.kind().len(), disposition.is_attachment(), disposition.is_inline());
        for (name, value) in disposition.parameters().iter() {
            let _ = (name.len(), value.len());
        }
    }
    let _ = part.filename();
    let _ = part.transfer_encoding().as_str().len();
    let _ = part.content_id();
    let _ = part.is_attachment();
    for field in part.headers() {
        let _ = field.name_str().len();
        let _ = field.value().unfolded();
        let _ = field.value().to_str_lossy();
        let _ = field.raw().len();
    }
    let _ = part.headers().get("subject");
    let _ = part.headers().get_all("received").count();
    for defect in part.defects() {
        let _ = defect.to_string();
    }
    let _ = (part.offset(), part.raw().map(<[u8]>::len));
    match part.body() {
        Body::Leaf(leaf) => {
            let _ = leaf.as_bytes().len();
        }
        Body::Multipart(m) => {
            let _ = (m.preamble().len(), m.epilogue().len(), m.is_closed(), m.parts().len());
        }
        Body::Message(m) => {
            let _ = m.encoded().map(<[u8]>::len);
        }
        _ => {}
    }
}

/// Asserts that `msg` writes back exactly `input`, and so does its owned copy.
pub fn assert_round_trip(input: &[u8], msg: Message<'_>) {
    assert_bytes_eq(input, &msg.to_bytes(), "to_bytes");
    let owned: Message<'static> = msg.into_owned();
    assert_bytes_eq(input, &owned.to_bytes(), "into_owned().to_bytes");
}

/// `assert_eq!` for byte strings that names the first differing offset instead of
/// printing two long vectors.
pub fn assert_bytes_eq(expected: &[u8], actual: &[u8], what: &str) {
    if expected != actual {
        let at = expected.iter().zip(actual).position(|(a, b)| a != b);
        let at = at.unwrap_or(expected.len().min(actual.len()));
        panic!(
            "{what}: output differs from input at byte {at} (input {} bytes, output {} bytes)\n  input  from there: {:?}\n  output from there: {:?}",
            expected.len(),
            actual.len(),
            String::from_utf8_lossy(&expected[at..expected.len().min(at + 64)]),
            String::from_utf8_lossy(&actual[at..actual.len().min(at + 64)]),
        );
    }
}

/// Asserts that every issue a decoder reported points into its input (the documented
/// meaning of [`Issue::offset`]).
pub fn assert_issues_in_input(input: &[u8], issues: &[Issue]) {
    for issue in issues {
        assert!(issue.offset <= input.len(), "{issue:?} points past the end of a {}-byte input", input.len());
    }
}

/// The limits the `limits` target parses with, and what they promise about the tree.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// `ParseOptions::max_depth`.
    pub depth: usize,
    /// `ParseOptions::max_parts`.
    pub parts: usize,
    /// `ParseOptions::max_headers`.
    pub headers: usize,
    /// `ParseOptions::max_header_bytes`.
    pub header_bytes: usize,
}

impl Limits {
    /// The options that set these limits (lenient: limits become opaque leaves).
    pub fn options(&self) -> mailmime::ParseOptions {
        mailmime::ParseOptions::default()
            .max_depth(self.depth)
            .max_parts(self.parts)
            .max_headers(self.headers)
            .max_header_bytes(self.header_bytes)
    }

    /// Asserts what `ParseOptions` documents: no multipart, embedded message or
    /// delivery-status body at depth `depth` or deeper; at most `parts` parts besides the
    /// opaque leaves that record `PartLimitExceeded`; at most `headers` fields and
    /// `header_bytes` bytes of fields in any header block.
    pub fn assert_respected_by(&self, msg: &Message<'_>) {
        use mailmime::DefectKind;

        let mut counted = 0usize;
        let mut stack: Vec<(&Part<'_>, usize)> = vec![(msg.root(), 0)];
        while let Some((part, depth)) = stack.pop() {
            let limit_leaf = part.defects().iter().any(|d| d.kind() == DefectKind::PartLimitExceeded);
            if !limit_leaf {
                counted += 1;
            }
            let fields = part.headers().len();
            assert!(fields <= self.headers, "{fields} header fields in one block");
            let bytes: usize = part.headers().iter().map(|f| f.raw().len()).sum();
            assert!(bytes <= self.header_bytes, "{bytes} bytes of header fields in one block");
            let children: &[Part<'_>] = match part.body() {
                Body::Leaf(_) => &[],
                Body::Multipart(m) => m.parts(),
                Body::Message(m) => std::slice::from_ref(m.root()),
                Body::DeliveryStatus(d) => d.groups(),
                _ => &[],
            };
            if !part.body().is_leaf() {
                assert!(depth < self.depth, "a nested body at depth {depth}");
            }
            stack.extend(children.iter().map(|c| (c, depth + 1)));
        }
        assert!(counted <= self.parts, "{counted} parts counted against the limit");
    }
}
