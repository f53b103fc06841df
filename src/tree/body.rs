//! `Body`: what a part contains: a leaf, a multipart, or an embedded message.

use crate::bytes::Bytes;
use crate::tree::{Message, Part};

/// The body of a [`Part`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Body<'a> {
    /// A single body, still transfer-encoded.
    Leaf(Leaf<'a>),
    /// A `multipart/*` body: preamble, parts, epilogue.
    Multipart(Box<Multipart<'a>>),
    /// An embedded message (`message/rfc822`, `message/global`, `message/news`), or the
    /// header of the external entity of a `message/external-body` (RFC 2046 §5.2.3).
    Message(Box<Message<'a>>),
    /// A `message/delivery-status` body (RFC 3464): blocks of fields, each a [`Part`]
    /// whose headers are the fields.
    DeliveryStatus(Box<DeliveryStatus<'a>>),
}

impl Default for Body<'_> {
    fn default() -> Self {
        Body::Leaf(Leaf::default())
    }
}

impl<'a> Body<'a> {
    /// Whether this is a leaf.
    pub fn is_leaf(&self) -> bool {
        matches!(self, Body::Leaf(_))
    }

    /// The leaf, if this is one.
    pub fn as_leaf(&self) -> Option<&Leaf<'a>> {
        match self {
            Body::Leaf(l) => Some(l),
            _ => None,
        }
    }

    /// The multipart, if this is one.
    pub fn as_multipart(&self) -> Option<&Multipart<'a>> {
        match self {
            Body::Multipart(m) => Some(m),
            _ => None,
        }
    }

    /// The embedded message, if this is one.
    pub fn as_message(&self) -> Option<&Message<'a>> {
        match self {
            Body::Message(m) => Some(m),
            _ => None,
        }
    }

    /// The direct child parts: a multipart's parts, or an embedded message's root.
    pub(crate) fn children(&self) -> &[Part<'a>] {
        match self {
            Body::Leaf(_) => &[],
            Body::Multipart(m) => &m.parts,
            Body::Message(m) => std::slice::from_ref(m.root()),
            Body::DeliveryStatus(d) => &d.groups,
        }
    }

    /// The direct child parts, for editing.
    pub(crate) fn children_mut(&mut self) -> &mut [Part<'a>] {
        match self {
            Body::Leaf(_) => &mut [],
            Body::Multipart(m) => &mut m.parts,
            Body::Message(m) => std::slice::from_mut(m.root_mut()),
            Body::DeliveryStatus(d) => &mut d.groups,
        }
    }

    /// Moves the children out (for dropping a deep tree without recursion).
    pub(crate) fn take_children(&mut self, into: &mut Vec<Part<'a>>) {
        match self {
            Body::Leaf(_) => {}
            Body::Multipart(m) => into.append(&mut m.parts),
            Body::Message(m) => into.push(std::mem::take(m.root_mut())),
            Body::DeliveryStatus(d) => into.append(&mut d.groups),
        }
    }
}

/// A leaf body: the bytes between the header block and the next delimiter, as they
/// appear in the input (still transfer-encoded).
#[derive(Debug, Default)]
pub struct Leaf<'a> {
    pub(crate) bytes: Bytes<'a>,
    /// Offset of the first body byte in the parsed input.
    pub(crate) offset: u32,
}

impl Leaf<'_> {
    /// The body as it appears in the message, before transfer decoding.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Byte offset of the body in the parsed input.
    pub fn offset(&self) -> usize {
        self.offset as usize
    }
}

/// A multipart body (RFC 2046 §5.1).
///
/// Besides the parts it keeps every byte between them (preamble, each delimiter line
/// with the line end before it, the close delimiter, the epilogue), so the body writes
/// back exactly.
#[derive(Debug, Default)]
pub struct Multipart<'a> {
    pub(crate) preamble: Bytes<'a>,
    pub(crate) parts: Vec<Part<'a>>,
    /// One delimiter per part: the line end before it, `--boundary`, trailing white
    /// space and its line end.
    pub(crate) delimiters: Delimiters<'a>,
    /// The close delimiter line with the line end before it; empty when the close
    /// delimiter is missing (the last part then keeps its final line end).
    pub(crate) close: Bytes<'a>,
    pub(crate) closed: bool,
    pub(crate) epilogue: Bytes<'a>,
}

impl<'a> Multipart<'a> {
    /// The parts, in order. Empty when the body has its close delimiter but no body part
    /// before it ([`StartBoundaryNotFound`](crate::DefectKind::StartBoundaryNotFound)).
    pub fn parts(&self) -> &[Part<'a>] {
        &self.parts
    }

    /// The text before the first delimiter (not including the line end that precedes it).
    pub fn preamble(&self) -> &[u8] {
        &self.preamble
    }

    /// The text after the close delimiter line.
    pub fn epilogue(&self) -> &[u8] {
        &self.epilogue
    }

    /// Whether the close delimiter was present.
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

/// The delimiter lines of a multipart: as parsed, 8 bytes each (offsets into one slice of
/// the input); once built or edited, each its own bytes.
#[derive(Debug, Clone)]
pub(crate) enum Delimiters<'a> {
    /// Offsets into `source`.
    Spans { source: Bytes<'a>, spans: Vec<(u32, u32)> },
    /// Each delimiter's bytes.
    Owned(Vec<Bytes<'a>>),
}

impl Default for Delimiters<'_> {
    fn default() -> Self {
        Delimiters::Owned(Vec::new())
    }
}

impl<'a> Delimiters<'a> {
    /// Parsed delimiters, all inside `source`, with room for `capacity`.
    pub(crate) fn spans(source: &'a [u8], capacity: usize) -> Self {
        Delimiters::Spans { source: Bytes::Borrowed(source), spans: Vec::with_capacity(capacity) }
    }

    /// Adds a parsed delimiter, `line`, a slice of the source.
    pub(crate) fn push_parsed(&mut self, line: &'a [u8]) {
        if let Delimiters::Spans { source, spans } = self {
            let base = source.as_ptr() as usize;
            let at = line.as_ptr() as usize;
            let fits = at >= base && at + line.len() <= base + source.len();
            if let (true, Ok(start), Ok(end)) = (
                fits,
                u32::try_from(at.wrapping_sub(base)),
                u32::try_from(at.wrapping_sub(base) + line.len()),
            ) {
                spans.push((start, end));
                return;
            }
        }
        self.owned().push(Bytes::Borrowed(line));
    }

    /// The delimiters as their own bytes, for editing.
    pub(crate) fn owned(&mut self) -> &mut Vec<Bytes<'a>> {
        if let Delimiters::Spans { source, spans } = self {
            let owned = spans.iter().map(|&(s, e)| source.slice(s as usize..e as usize)).collect();
            *self = Delimiters::Owned(owned);
        }
        match self {
            Delimiters::Owned(v) => v,
            Delimiters::Spans { .. } => unreachable!("converted above"),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Delimiters::Spans { spans, .. } => spans.len(),
            Delimiters::Owned(v) => v.len(),
        }
    }

    /// Delimiter `i`'s bytes.
    pub(crate) fn get(&self, i: usize) -> &[u8] {
        match self {
            Delimiters::Spans { source, spans } => {
                spans.get(i).map_or(&[][..], |&(s, e)| source.get(s as usize..e as usize).unwrap_or_default())
            }
            Delimiters::Owned(v) => v.get(i).map_or(&[][..], |b| &b[..]),
        }
    }

    pub(crate) fn into_static(self, shared: &crate::bytes::SharedInput<'_>) -> Delimiters<'static> {
        match self {
            Delimiters::Spans { source, spans } => {
                Delimiters::Spans { source: source.into_static(shared), spans }
            }
            Delimiters::Owned(v) => Delimiters::Owned(v.into_iter().map(|d| d.into_static(shared)).collect()),
        }
    }
}

/// The body of a `message/delivery-status` part (RFC 3464 §2.1): a block of per-message
/// fields followed by blocks of per-recipient fields, separated by blank lines.
///
/// # Examples
///
/// ```
/// use mailmime::{Body, Message};
///
/// let msg = Message::parse(
///     b"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; a@example.org\r\nStatus: 5.1.1\r\n",
/// ).unwrap();
/// let Body::DeliveryStatus(status) = msg.body() else { panic!() };
/// assert_eq!(status.groups().len(), 2);
/// assert_eq!(status.groups()[1].headers().get("status").unwrap().as_bytes(), b" 5.1.1");
/// ```
#[derive(Debug, Default)]
pub struct DeliveryStatus<'a> {
    pub(crate) groups: Vec<Part<'a>>,
    /// The blank line after each group (empty after the last one when none follows).
    pub(crate) separators: Vec<Bytes<'a>>,
}

impl<'a> DeliveryStatus<'a> {
    /// The blocks of fields, in order: per-message fields first.
    pub fn groups(&self) -> &[Part<'a>] {
        &self.groups
    }
}
