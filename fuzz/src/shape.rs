//! The structure of a parsed tree, for comparing two parses of the same bytes: the
//! `roundtrip` target reparses what it wrote and compares.

use mailmime::{Body, DefectKind, Message, Part};

/// One part of a tree, as seen by [`shape`].
#[derive(Debug, PartialEq, Eq)]
pub struct PartShape {
    /// Nesting depth below the root.
    pub depth: usize,
    /// Offset of the part, relative to the root of the tree that was shaped (for the
    /// parts of a transfer-encoded embedded message: in its decoded bytes).
    pub offset: usize,
    /// `type/subtype`.
    pub essence: String,
    /// The body kind, and its size: leaf bytes, or parts of a multipart (with preamble and
    /// epilogue sizes and whether it was closed), or groups of a delivery status.
    pub body: BodyShape,
    /// Number of header fields.
    pub fields: usize,
    /// The defects, offsets relative like `offset`.
    pub defects: Vec<(DefectKind, usize)>,
}

/// The body part of a [`PartShape`].
#[derive(Debug, PartialEq, Eq)]
pub enum BodyShape {
    /// A leaf of that many bytes.
    Leaf(usize),
    /// A multipart: parts, preamble and epilogue bytes, closed.
    Multipart(usize, usize, usize, bool),
    /// An embedded message, and whether it was transfer-encoded.
    Message(bool),
    /// A delivery status of that many groups.
    DeliveryStatus(usize),
}

/// The shape of every part of `msg`, depth-first.
pub fn shape(msg: &Message<'_>) -> Vec<PartShape> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Part<'_>, usize, usize)> = vec![(msg.root(), 0, msg.root().offset())];
    while let Some((part, depth, base)) = stack.pop() {
        let relative = |offset: usize| offset.wrapping_sub(base);
        let (body, children, child_base): (BodyShape, &[Part<'_>], usize) = match part.body() {
            Body::Leaf(leaf) => (BodyShape::Leaf(leaf.as_bytes().len()), &[], base),
            Body::Multipart(m) => (
                BodyShape::Multipart(m.parts().len(), m.preamble().len(), m.epilogue().len(), m.is_closed()),
                m.parts(),
                base,
            ),
            Body::DeliveryStatus(d) => (BodyShape::DeliveryStatus(d.groups().len()), d.groups(), base),
            Body::Message(m) => {
                // A transfer-encoded message was decoded into bytes of its own, at 0.
                let base = if m.encoded().is_some() { 0 } else { base };
                (BodyShape::Message(m.encoded().is_some()), std::slice::from_ref(m.root()), base)
            }
            _ => panic!("a Body kind the shape does not know"),
        };
        out.push(PartShape {
            depth,
            offset: relative(part.offset()),
            essence: part.content_type().to_string(),
            body,
            fields: part.headers().len(),
            defects: part.defects().iter().map(|d| (d.kind(), relative(d.offset()))).collect(),
        });
        stack.extend(children.iter().rev().map(|c| (c, depth + 1, child_base)));
    }
    out
}

/// Whether a limit cut the tree somewhere (then a part of it, parsed alone, may be read
/// deeper than it was in place).
pub fn hit_a_limit(msg: &Message<'_>) -> bool {
    msg.defects().any(|d| {
        matches!(
            d.kind(),
            DefectKind::DepthLimitExceeded
                | DefectKind::PartLimitExceeded
                | DefectKind::HeaderCountLimitExceeded
                | DefectKind::HeaderBytesLimitExceeded
        )
    })
}
