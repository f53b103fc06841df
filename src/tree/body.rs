//! `Body`: what a part contains: a leaf, a multipart, or an embedded message.

use crate::bytes::Bytes;
use crate::tree::{Message, Part};

/// The body of a [`Part`].
///
/// # Examples
///
/// ```
/// use mailmime::{Body, Message};
///
/// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n")?;
/// let describe = |body: &Body<'_>| match body {
///     Body::Leaf(leaf) => format!("{} bytes", leaf.as_bytes().len()),
///     Body::Multipart(multipart) => format!("{} parts", multipart.parts().len()),
///     Body::Message(message) => format!("a message: {:?}", message.subject()),
///     Body::DeliveryStatus(status) => format!("{} field groups", status.groups().len()),
///     _ => "something new".to_owned(), // `Body` is non-exhaustive
/// };
/// assert_eq!(describe(msg.body()), "1 parts");
/// assert_eq!(describe(msg.body().as_multipart().unwrap().parts()[0].body()), "2 bytes");
/// # Ok::<(), mailmime::Error>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// assert!(Message::parse(b"Content-Type: image/gif\r\n\r\nGIF89a")?.body().is_leaf());
    /// // A multipart without its boundary is kept as a leaf.
    /// assert!(Message::parse(b"Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n")?.body().is_leaf());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is_leaf(&self) -> bool {
        matches!(self, Body::Leaf(_))
    }

    /// The leaf, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=")?;
    /// // The bytes as sent; `Part::decoded` gives them decoded.
    /// assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), b"aGVsbG8=");
    /// assert_eq!(&*msg.decoded(), b"hello");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn as_leaf(&self) -> Option<&Leaf<'a>> {
        match self {
            Body::Leaf(l) => Some(l),
            _ => None,
        }
    }

    /// The multipart, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b--\r\n")?;
    /// let multipart = msg.body().as_multipart().unwrap();
    /// let texts: Vec<_> = multipart.parts().iter().map(|p| p.text()).collect();
    /// assert_eq!(texts, ["1", "2"]);
    /// assert!(multipart.parts()[0].body().as_multipart().is_none());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn as_multipart(&self) -> Option<&Multipart<'a>> {
        match self {
            Body::Multipart(m) => Some(m),
            _ => None,
        }
    }

    /// The embedded message, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nFYI\r\n--b\r\n\
    /// Content-Type: message/rfc822\r\n\r\nFrom: c@example.net\r\nSubject: Original\r\n\r\nhello\r\n--b--\r\n";
    /// let msg = Message::parse(input)?;
    /// let forwarded = msg.attachments().find_map(|p| p.body().as_message()).unwrap();
    /// assert_eq!(forwarded.subject().as_deref(), Some("Original"));
    /// assert_eq!(forwarded.from().mailboxes().next().unwrap().address(), "c@example.net");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
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
///
/// # Examples
///
/// ```
/// use mailmime::{Leaf, Message};
///
/// let input = b"Content-Transfer-Encoding: quoted-printable\r\n\r\nna=C3=AFve";
/// let msg = Message::parse(input)?;
/// let leaf: &Leaf<'_> = msg.body().as_leaf().unwrap();
/// assert_eq!(leaf.as_bytes(), b"na=C3=AFve");
/// assert_eq!(&input[leaf.offset()..], leaf.as_bytes());
/// assert_eq!(msg.text(), "naïve");
/// # Ok::<(), mailmime::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Leaf<'a> {
    pub(crate) bytes: Bytes<'a>,
    /// Offset of the first body byte in the parsed input.
    pub(crate) offset: u32,
}

impl Leaf<'_> {
    /// The body as it appears in the message, before transfer decoding.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nline 1\r\nline 2\r\n--b--\r\n")?;
    /// let part = &msg.body().as_multipart().unwrap().parts()[0];
    /// // The line end before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    /// assert_eq!(part.body().as_leaf().unwrap().as_bytes(), b"line 1\r\nline 2");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Byte offset of the body in the parsed input.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Subject: hi\r\n\r\nbody";
    /// let msg = Message::parse(input)?;
    /// assert_eq!(msg.body().as_leaf().unwrap().offset(), 15);
    /// assert_eq!(&input[15..], b"body");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset as usize
    }
}

/// A multipart body (RFC 2046 §5.1).
///
/// Besides the parts it keeps every byte between them (preamble, each delimiter line
/// with the line end before it, the close delimiter, the epilogue), so the body writes
/// back exactly.
///
/// # Examples
///
/// ```
/// use mailmime::{Message, Multipart};
///
/// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n\
/// This is a multi-part message in MIME format.\r\n--b\r\n\r\nhello\r\n--b--\r\ntrailer\r\n";
/// let msg = Message::parse(input)?;
/// let multipart: &Multipart<'_> = msg.body().as_multipart().unwrap();
/// assert_eq!(multipart.preamble(), b"This is a multi-part message in MIME format.");
/// assert_eq!(multipart.parts().len(), 1);
/// assert_eq!(multipart.epilogue(), b"trailer\r\n");
/// assert!(multipart.is_closed());
/// assert_eq!(msg.to_bytes(), input);
/// # Ok::<(), mailmime::Error>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n\
    /// --b\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n--b--\r\n",
    /// )?;
    /// let parts = msg.body().as_multipart().unwrap().parts();
    /// // In a multipart/alternative the last part is the richest (RFC 2046 §5.1.4).
    /// assert!(parts.last().unwrap().content_type().is("text/html"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn parts(&self) -> &[Part<'a>] {
        &self.parts
    }

    /// The text before the first delimiter (not including the line end that precedes it).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n")?;
    /// assert_eq!(msg.body().as_multipart().unwrap().preamble(), b"");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn preamble(&self) -> &[u8] {
        &self.preamble
    }

    /// The text after the close delimiter line.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n\
    /// \r\n-- \r\nList footer\r\n";
    /// let msg = Message::parse(input)?;
    /// assert_eq!(msg.body().as_multipart().unwrap().epilogue(), b"\r\n-- \r\nList footer\r\n");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn epilogue(&self) -> &[u8] {
        &self.epilogue
    }

    /// Whether the close delimiter was present.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message};
    ///
    /// // Cut off in transit: no close delimiter.
    /// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b\r\n\r\npart")?;
    /// assert!(!msg.body().as_multipart().unwrap().is_closed());
    /// assert_eq!(msg.defects().next().unwrap().kind(), DefectKind::CloseBoundaryNotFound);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

/// The delimiter lines of a multipart: as parsed, 8 bytes each (offsets into one slice of
/// the input); once built or edited, each its own bytes.
#[derive(Debug, Clone)]
pub(crate) enum Delimiters<'a> {
    /// Offsets into `source`.
    Spans { source: Bytes<'a>, spans: SpanList },
    /// Each delimiter's bytes.
    Owned(Vec<Bytes<'a>>),
}

/// How many delimiter spans a multipart holds without an allocation: most have two or
/// three parts.
const INLINE_SPANS: usize = 3;

/// The `(start, end)` offsets of parsed delimiters: the first [`INLINE_SPANS`] in place,
/// so that parsing and dropping a small multipart allocate nothing for them.
#[derive(Debug, Clone)]
pub(crate) enum SpanList {
    /// Up to [`INLINE_SPANS`] spans; the first `len` are used.
    Inline { len: u8, spans: [(u32, u32); INLINE_SPANS] },
    /// More.
    Heap(Vec<(u32, u32)>),
}

impl SpanList {
    fn with_capacity(capacity: usize) -> Self {
        if capacity <= INLINE_SPANS {
            SpanList::Inline { len: 0, spans: [(0, 0); INLINE_SPANS] }
        } else {
            SpanList::Heap(Vec::with_capacity(capacity))
        }
    }

    fn push(&mut self, span: (u32, u32)) {
        match self {
            SpanList::Inline { len, spans } => match spans.get_mut(usize::from(*len)) {
                Some(free) => {
                    *free = span;
                    *len += 1;
                }
                None => {
                    let mut heap = Vec::with_capacity(INLINE_SPANS * 4);
                    heap.extend_from_slice(spans);
                    heap.push(span);
                    *self = SpanList::Heap(heap);
                }
            },
            SpanList::Heap(heap) => heap.push(span),
        }
    }

    fn as_slice(&self) -> &[(u32, u32)] {
        match self {
            SpanList::Inline { len, spans } => &spans[..usize::from(*len)],
            SpanList::Heap(heap) => heap,
        }
    }
}

impl Default for Delimiters<'_> {
    fn default() -> Self {
        Delimiters::Owned(Vec::new())
    }
}

impl<'a> Delimiters<'a> {
    /// Parsed delimiters, all inside `source`, with room for `capacity`.
    pub(crate) fn spans(source: &'a [u8], capacity: usize) -> Self {
        Delimiters::Spans { source: Bytes::Borrowed(source), spans: SpanList::with_capacity(capacity) }
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
            let owned = spans.as_slice().iter().map(|&(s, e)| source.slice(s as usize..e as usize)).collect();
            *self = Delimiters::Owned(owned);
        }
        match self {
            Delimiters::Owned(v) => v,
            Delimiters::Spans { .. } => unreachable!("converted above"),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Delimiters::Spans { spans, .. } => spans.as_slice().len(),
            Delimiters::Owned(v) => v.len(),
        }
    }

    /// Delimiter `i`'s bytes.
    pub(crate) fn get(&self, i: usize) -> &[u8] {
        match self {
            Delimiters::Spans { source, spans } => spans
                .as_slice()
                .get(i)
                .map_or(&[][..], |&(s, e)| source.get(s as usize..e as usize).unwrap_or_default()),
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Body, Message};
    ///
    /// let input = b"Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n\
    /// --r\r\n\r\nDelivery failed.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\n\
    /// Reporting-MTA: dns; mx.example.com\r\n\r\n\
    /// Final-Recipient: rfc822; gone@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n\
    /// Final-Recipient: rfc822; full@example.org\r\nAction: delayed\r\nStatus: 4.2.2\r\n--r--\r\n";
    /// let msg = Message::parse(input)?;
    /// let status = msg.parts().find_map(|p| match p.body() {
    ///     Body::DeliveryStatus(status) => Some(status),
    ///     _ => None,
    /// });
    /// let groups = status.unwrap().groups();
    /// // The per-message fields, then one group per recipient.
    /// let failed: Vec<_> = groups[1..]
    ///     .iter()
    ///     .filter(|g| g.headers().get("Action").is_some_and(|a| a.to_str_lossy() == "failed"))
    ///     .map(|g| g.headers().get("Final-Recipient").unwrap().to_str_lossy().into_owned())
    ///     .collect();
    /// assert_eq!(failed, ["rfc822; gone@example.org"]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn groups(&self) -> &[Part<'a>] {
        &self.groups
    }
}

#[cfg(test)]
mod tests {
    use super::{Delimiters, INLINE_SPANS};

    #[test]
    fn delimiters_past_the_inline_ones_are_kept_in_order() {
        let source = b"--a\r\n--b\r\n--c\r\n--d\r\n--e\r\n";
        for capacity in [0, 2, INLINE_SPANS, 8] {
            let mut delimiters = Delimiters::spans(source, capacity);
            for (i, line) in source.chunks(5).enumerate() {
                delimiters.push_parsed(line);
                assert_eq!(delimiters.len(), i + 1);
                assert!((0..=i).all(|j| delimiters.get(j) == &source[j * 5..j * 5 + 5]));
            }
            assert_eq!(delimiters.get(5), b"");
            // A line from elsewhere makes them owned bytes, in order.
            delimiters.push_parsed(b"--f\r\n");
            assert!(matches!(delimiters, Delimiters::Owned(_)));
            let owned: Vec<u8> = delimiters.clone().owned().iter().flat_map(|d| d.to_vec()).collect();
            assert_eq!(owned, [&source[..], b"--f\r\n"].concat());
        }
    }
}
