//! Builds the MIME tree in one pass over the input, without recursion. The grammars it
//! reads with are in `parse` (header blocks, delimiter lines, parameters); this file only
//! assembles what they find into the data model, so that `parse` never depends on `tree`.
//!
//! The parser keeps an explicit stack of open containers (multiparts and embedded
//! messages). Each step either starts a part (reads its header block and decides what
//! its body is) or scans forward to the next delimiter line of any open multipart, hands
//! the bytes before it to whatever was being read (a leaf body, a preamble, an
//! epilogue), and then closes or continues containers as that delimiter says. Each
//! input byte is scanned a bounded number of times, so time is linear in the input and
//! the call stack stays flat whatever the nesting depth.

use std::borrow::Cow;

use crate::bytes::{Bytes, SharedInput};
use crate::error::{Defect, DefectKind, Error, ErrorKind, Limit};
use crate::header::{HeaderMap, MimeCache, TransferEncoding, bytes_to_text, encoding_code};
use crate::options::ParseOptions;
use crate::parse::header::{header_block, line_end_len, next_blank_line};
use crate::parse::multipart::{BoundaryIndex, Delimiter, boundary_of, find_delimiter};
use crate::parse::{chars, params};
use crate::tree::{Body, DefaultType, Delimiters, DeliveryStatus, Leaf, LineEnd, Message, Multipart, Part};

/// A part whose header block has been read.
struct Head<'a> {
    headers: HeaderMap<'a>,
    separator: &'a [u8],
    defects: Vec<Defect>,
    start: usize,
    default_type: DefaultType,
}

impl<'a> Head<'a> {
    /// The head of the opaque leaf that holds what is past the part limit.
    fn over_limit(input: &'a [u8], pos: usize, default_type: DefaultType) -> Self {
        Head {
            headers: HeaderMap::new(),
            separator: &input[pos..pos],
            defects: vec![Defect::new(DefectKind::PartLimitExceeded, pos)],
            start: pos,
            default_type,
        }
    }

    fn finish(self, input: &'a [u8], body: Body<'a>, end: usize) -> Part<'a> {
        let mut part = self.into_part();
        complete(&mut part, input, body, end);
        part
    }

    /// The part, with an empty body for now and the header block as its span: see
    /// [`complete`].
    fn into_part(self) -> Part<'a> {
        Part {
            headers: self.headers,
            body: Body::default(),
            defects: (!self.defects.is_empty()).then(|| Box::new(self.defects)),
            offset: self.start as u32,
            separator: LineEnd::of(self.separator),
            default_type: self.default_type,
            parsed: true,
        }
    }
}

/// Gives a part made by [`Head::into_part`] its body, and its span up to `end`.
#[inline]
fn complete<'a>(part: &mut Part<'a>, input: &'a [u8], body: Body<'a>, end: usize) {
    part.headers.set_part_span(&input[part.offset as usize..end]);
    part.body = body;
}

/// Records a defect found after the part was made.
fn add_defect(part: &mut Part<'_>, defect: Defect) {
    part.defects.get_or_insert_with(Box::default).push(defect);
}

/// A stack of the parts of open containers that have no enclosing multipart: the root,
/// and the root of each open embedded message. The first, often the only one, is kept
/// without an allocation.
#[derive(Default)]
struct OwnParts<'a> {
    first: Option<Part<'a>>,
    more: Vec<Part<'a>>,
}

impl<'a> OwnParts<'a> {
    fn push(&mut self, part: Part<'a>) {
        if self.first.is_none() {
            self.first = Some(part);
        } else {
            self.more.push(part);
        }
    }

    fn last_mut(&mut self) -> Option<&mut Part<'a>> {
        match self.more.last_mut() {
            Some(part) => Some(part),
            None => self.first.as_mut(),
        }
    }

    fn pop(&mut self) -> Option<Part<'a>> {
        self.more.pop().or_else(|| self.first.take())
    }
}

/// Where the part of an open container is kept while its body is read. Each part is
/// moved once, when its header block has been read, to where it stays: the parts of the
/// enclosing multipart, so that neither the part nor the frame is moved again.
#[derive(Clone, Copy)]
enum Place {
    /// At this index in the parts of the multipart of the frame below.
    Parent(usize),
    /// Last in [`Parser::own`]: a root (of the input or of an embedded message).
    Own,
}

enum Frame<'a> {
    Multipart {
        place: Place,
        boundary: Cow<'a, [u8]>,
        digest: bool,
        body: Box<Multipart<'a>>,
        body_start: usize,
        closed: bool,
    },
    Message {
        place: Place,
    },
}

/// What the bytes up to the next delimiter belong to.
enum Segment {
    /// A leaf whose head is [`Parser::pending`].
    Leaf(LeafKind),
    /// A plain leaf, already last in the parts of the multipart on top of the stack.
    Placed,
    Preamble,
    Epilogue,
}

/// How a part's body is to be read.
enum Kind<'a> {
    Leaf(LeafKind),
    Multipart(Cow<'a, [u8]>, bool),
    Message,
}

/// Bodies read to the next delimiter and then looked into.
#[derive(Clone, PartialEq, Eq)]
enum LeafKind {
    Plain,
    /// A transfer-encoded message/rfc822: decoded, then parsed as a nested message.
    EncodedMessage(TransferEncoding),
    /// message/delivery-status (RFC 3464): blocks of fields separated by blank lines.
    DeliveryStatus,
}

/// How deeply transfer-encoded messages may nest inside each other. Each level is parsed
/// from its own decoded buffer by a nested call, so this bounds that recursion.
const MAX_ENCODED_NESTING: usize = 16;

struct Parser<'a, 'o> {
    input: &'a [u8],
    options: &'o ParseOptions,
    stack: Vec<Frame<'a>>,
    /// The parts of open containers that have no enclosing multipart ([`Place::Own`]).
    own: OwnParts<'a>,
    /// The head of the [`Segment::Leaf`] being read.
    pending: Option<Head<'a>>,
    index: BoundaryIndex<'a>,
    parts: usize,
    /// Depth of this input's root: non-zero for a decoded embedded message.
    base_depth: usize,
    /// How many transfer-encoded messages enclose this input.
    encoded_nesting: usize,
}

/// Parses a whole message into its root part.
pub(crate) fn message<'a>(input: &'a [u8], options: &ParseOptions) -> Result<Part<'a>, Error> {
    if u32::try_from(input.len()).is_err() {
        return Err(Error::new(ErrorKind::LimitExceeded(Limit::InputBytes), None));
    }
    Parser::new(input, options, 0, 0, 0).run()
}

impl<'a, 'o> Parser<'a, 'o> {
    fn new(
        input: &'a [u8],
        options: &'o ParseOptions,
        parts: usize,
        base_depth: usize,
        encoded_nesting: usize,
    ) -> Self {
        Parser {
            input,
            options,
            stack: Vec::new(),
            own: OwnParts::default(),
            pending: None,
            index: BoundaryIndex::default(),
            parts,
            base_depth,
            encoded_nesting,
        }
    }
}

impl<'a> Parser<'a, '_> {
    fn limit(&self, limit: Limit, at: usize) -> Result<(), Error> {
        if self.options.error_on_limit {
            Err(Error::new(ErrorKind::LimitExceeded(limit), Some(at)))
        } else {
            Ok(())
        }
    }

    fn run(&mut self) -> Result<Part<'a>, Error> {
        let input = self.input;
        let mut pos = 0;
        loop {
            // Start a part at `pos`.
            let (segment, mut from) = match self.start_part(pos)? {
                Start::Segment(segment, from) => (segment, from),
                Start::Nested(at) => {
                    pos = at;
                    continue;
                }
                Start::Done(root) => return Ok(root),
            };
            let mut segment = segment;
            // Scan until a delimiter starts the next part, or the input ends.
            loop {
                let delimiter = find_delimiter(input, from, &self.index);
                let Some(d) = delimiter else {
                    // The input ends inside unclosed multiparts. RFC 2046 §5.1.1 gives a line
                    // end to the delimiter line that follows it; none follows here, so the
                    // last part keeps every byte to the end, its final line end included
                    // (as it does when an enclosing delimiter ends the multipart instead).
                    if let Some(root) = self.end_segment(segment, from, input.len())? {
                        return Ok(root);
                    }
                    return Ok(self.close_all(input.len()));
                };
                if let Some(root) = self.end_segment(segment, from, d.start)? {
                    return Ok(root);
                }
                match self.take_delimiter(d) {
                    Next::Part(at) => {
                        pos = at;
                        break;
                    }
                    Next::Epilogue(at) => {
                        segment = Segment::Epilogue;
                        from = at;
                    }
                }
            }
        }
    }

    fn start_part(&mut self, pos: usize) -> Result<Start<'a>, Error> {
        let input = self.input;
        self.parts += 1;
        let default_type = match self.stack.last() {
            Some(Frame::Multipart { digest: true, .. }) => DefaultType::MessageRfc822,
            _ => DefaultType::TextPlain,
        };
        if self.parts > self.options.max_parts {
            self.limit(Limit::Parts, pos)?;
            // The rest of the input, delimiters and all, becomes one opaque leaf.
            let head = Head::over_limit(input, pos, default_type);
            let leaf = head.finish(input, leaf_body(&input[pos..], pos), input.len());
            return Ok(Start::Done(match self.attach(leaf) {
                Some(root) => root,
                None => self.close_all(input.len()),
            }));
        }
        let index = &self.index;
        let block = header_block(input, pos, self.options, &mut |at| {
            !index.is_empty() && index.match_line(input, at).is_some()
        });
        if let Some(limit) = block.limit {
            self.limit(limit, block.body_start)?;
        }
        let at_delimiter = block.at_delimiter;
        let block_defects = block.defects.len();
        let mime_fields = (block.content_type, block.transfer_encoding);
        let mut head = Head {
            headers: block.headers,
            separator: block.separator,
            defects: block.defects,
            start: pos,
            default_type,
        };
        let body_start = block.body_start;
        let kind = if block.limit.is_some() {
            Kind::Leaf(LeafKind::Plain)
        } else {
            classify(input, &mut head, body_start, mime_fields)
        };
        let depth = self.stack.len();
        let nests = match &kind {
            Kind::Leaf(LeafKind::Plain) => false,
            Kind::Leaf(LeafKind::EncodedMessage(_)) => {
                if self.encoded_nesting >= MAX_ENCODED_NESTING {
                    self.limit(Limit::Depth, pos)?;
                    head.defects.push(Defect::new(DefectKind::DepthLimitExceeded, pos));
                    return Ok(self.leaf(head, LeafKind::Plain, body_start));
                }
                true
            }
            _ => true,
        };
        if nests && self.base_depth + depth >= self.options.max_depth {
            self.limit(Limit::Depth, pos)?;
            head.defects.push(Defect::new(DefectKind::DepthLimitExceeded, pos));
            return Ok(self.leaf(head, LeafKind::Plain, body_start));
        }
        Ok(match kind {
            Kind::Leaf(leaf) => self.leaf(head, leaf, body_start),
            Kind::Message => {
                let place = self.place(head);
                self.stack.push(Frame::Message { place });
                Start::Nested(body_start)
            }
            Kind::Multipart(boundary, digest) => {
                self.index.push(boundary.clone(), depth);
                if at_delimiter && self.index.match_line(input, body_start).is_some_and(|(f, ..)| f == depth)
                {
                    // The line that ended the header block is this multipart's own delimiter
                    // (its boundary reuses an enclosing one and shadows it), so the body
                    // starts there with no blank line before it: the separator is missing,
                    // as it is when the part is read on its own, where no enclosing
                    // boundary ends the block. Put where the block's own defect would be.
                    let missing = Defect::new(DefectKind::MissingHeaderBodySeparator, body_start);
                    head.defects.insert(block_defects, missing);
                }
                let place = self.place(head);
                self.stack.push(Frame::Multipart {
                    place,
                    boundary,
                    digest,
                    // Most multiparts have two parts: start there rather than at four.
                    body: Box::new(Multipart {
                        parts: Vec::with_capacity(2),
                        delimiters: Delimiters::spans(&input[body_start..], 2),
                        ..Multipart::default()
                    }),
                    body_start,
                    closed: false,
                });
                Start::Segment(Segment::Preamble, body_start)
            }
        })
    }

    /// Where a leaf's body is read: a plain leaf in a multipart goes to its parts at
    /// once, any other waits in [`Parser::pending`].
    fn leaf(&mut self, head: Head<'a>, kind: LeafKind, body_start: usize) -> Start<'a> {
        if kind == LeafKind::Plain
            && let Some(Frame::Multipart { body, .. }) = self.stack.last_mut()
        {
            body.parts.push(head.into_part());
            return Start::Segment(Segment::Placed, body_start);
        }
        self.pending = Some(head);
        Start::Segment(Segment::Leaf(kind), body_start)
    }

    /// Moves the part of a container that opens to where it stays (see [`Place`]).
    fn place(&mut self, head: Head<'a>) -> Place {
        let part = head.into_part();
        if let Some(Frame::Multipart { body, .. }) = self.stack.last_mut() {
            body.parts.push(part);
            return Place::Parent(body.parts.len() - 1);
        }
        self.own.push(part);
        Place::Own
    }

    /// The part kept at `place`, for the frame just popped.
    fn placed(&mut self, place: Place) -> &mut Part<'a> {
        let part = match place {
            Place::Parent(at) => match self.stack.last_mut() {
                Some(Frame::Multipart { body, .. }) => body.parts.get_mut(at),
                _ => None,
            },
            Place::Own => self.own.last_mut(),
        };
        part.unwrap_or_else(|| unreachable!("a container's part is kept where its place says"))
    }

    /// Completes the part at `place` with `body`, ending at `end`; returns it when it has
    /// no enclosing multipart, to be attached.
    fn complete_placed(&mut self, place: Place, body: Body<'a>, end: usize) -> Option<Part<'a>> {
        let input = self.input;
        complete(self.placed(place), input, body, end);
        match place {
            Place::Parent(_) => None,
            Place::Own => self.own.pop(),
        }
    }

    /// Gives `input[from..end]` to what was being read. Returns the root if that
    /// completed the whole tree.
    fn end_segment(&mut self, segment: Segment, from: usize, end: usize) -> Result<Option<Part<'a>>, Error> {
        let input = self.input;
        let bytes = &input[from..end];
        let kind = match segment {
            Segment::Placed => {
                if let Some(Frame::Multipart { body, .. }) = self.stack.last_mut()
                    && let Some(part) = body.parts.last_mut()
                {
                    complete(part, input, leaf_body(bytes, from), end);
                }
                return Ok(None);
            }
            Segment::Preamble | Segment::Epilogue => {
                if let Some(Frame::Multipart { body, closed, .. }) = self.stack.last_mut() {
                    if *closed {
                        body.epilogue = Bytes::Borrowed(bytes);
                    } else {
                        body.preamble = Bytes::Borrowed(bytes);
                    }
                }
                return Ok(None);
            }
            Segment::Leaf(kind) => kind,
        };
        let Some(head) = self.pending.take() else {
            unreachable!("a leaf segment has its head pending");
        };
        let body = match kind {
            LeafKind::Plain => leaf_body(bytes, from),
            LeafKind::EncodedMessage(encoding) => {
                let depth = self.base_depth + self.stack.len() + 1;
                let decoded = decode_transfer(bytes, &encoding);
                let mut nested =
                    Parser::new(&decoded, self.options, self.parts, depth, self.encoded_nesting + 1);
                let root = nested.run()?;
                self.parts = nested.parts;
                let root = root.into_static(&SharedInput::new(&decoded));
                Body::Message(Box::new(Message::from_encoded(root, Bytes::Borrowed(bytes))))
            }
            LeafKind::DeliveryStatus => {
                let (groups, separators) = self.field_groups(from, end)?;
                Body::DeliveryStatus(Box::new(DeliveryStatus { groups, separators }))
            }
        };
        let part = head.finish(input, body, end);
        Ok(self.attach(part))
    }

    /// Reads `input[from..end]` as blocks of fields separated by blank lines (RFC 3464
    /// §2.1). Each block runs to the next blank line and is a part with an empty body,
    /// unless a line in it is not a field: that line and the rest of the block are its
    /// body. Returns the blocks and, for each, the blank line after it.
    fn field_groups(&mut self, from: usize, end: usize) -> Result<(Vec<Part<'a>>, Vec<Bytes<'a>>), Error> {
        let mut groups = Vec::new();
        let mut separators = Vec::new();
        let mut pos = from;
        while pos < end {
            let block_end = next_blank_line(&self.input[..end], pos);
            let input = &self.input[..block_end];
            self.parts += 1;
            if self.parts > self.options.max_parts {
                self.limit(Limit::Parts, pos)?;
                let head = Head::over_limit(input, pos, DefaultType::TextPlain);
                groups.push(head.finish(self.input, leaf_body(&self.input[pos..end], pos), end));
                separators.push(Bytes::default());
                break;
            }
            let block = header_block(input, pos, self.options, &mut |_| false);
            if let Some(limit) = block.limit {
                self.limit(limit, block.body_start)?;
            }
            let head = Head {
                headers: block.headers,
                separator: block.separator,
                defects: block.defects,
                start: pos,
                default_type: DefaultType::TextPlain,
            };
            groups.push(head.finish(
                input,
                leaf_body(&input[block.body_start..], block.body_start),
                block_end,
            ));
            let after = block_end + line_end_len(&self.input[block_end..end]);
            separators.push(Bytes::Borrowed(&self.input[block_end..after]));
            pos = after;
        }
        Ok((groups, separators))
    }

    /// Acts on a delimiter: closes the containers inside its multipart, then starts the
    /// next part or the epilogue.
    fn take_delimiter(&mut self, d: Delimiter) -> Next {
        while self.stack.len() > d.frame + 1 {
            // Containers inside the delimiter's multipart end here, unclosed.
            if let Some(done) = self.pop_frame(d.start) {
                let root = self.attach(done);
                debug_assert!(root.is_none(), "the delimiter's multipart is still open");
            }
        }
        let line = Bytes::Borrowed(&self.input[d.start..d.end]);
        let Some(Frame::Multipart { body, boundary, closed, .. }) = self.stack.last_mut() else {
            unreachable!("a delimiter always belongs to an open multipart");
        };
        if d.close {
            body.close = line;
            body.closed = true;
            *closed = true;
            let boundary = std::mem::take(boundary);
            self.index.remove(&boundary, d.frame);
            Next::Epilogue(d.end)
        } else {
            // Delimiter lines that follow each other directly enclose no body part: RFC
            // 2046's `delimiter := CRLF dash-boundary` needs a line end of its own before the
            // next one, and the line end of the first was taken by its own line (Python's
            // email reads it the same way). They are kept together as one delimiter.
            let mut end = d.end;
            while end < self.input.len() && self.input[end..].starts_with(b"--") {
                match self.index.match_line(self.input, end) {
                    Some((frame, false, next)) if frame == d.frame => end = next,
                    _ => break,
                }
            }
            body.delimiters.push_parsed(&self.input[d.start..end]);
            Next::Part(end)
        }
    }

    /// Adds a finished part to the container on top of the stack. Embedded messages end
    /// with their root, so finishing one may finish several. Returns the root when the
    /// stack empties.
    fn attach(&mut self, mut part: Part<'a>) -> Option<Part<'a>> {
        loop {
            match self.stack.last_mut() {
                None => return Some(part),
                Some(Frame::Multipart { body, .. }) => {
                    body.parts.push(part);
                    return None;
                }
                Some(Frame::Message { .. }) => {
                    let Some(Frame::Message { place }) = self.stack.pop() else { unreachable!() };
                    let end = part.offset() + part.raw().map_or(0, <[u8]>::len);
                    let body = Body::Message(Box::new(Message::from_root(part)));
                    part = self.complete_placed(place, body, end)?;
                }
            }
        }
    }

    /// Removes the top container, ending at `end`, and completes its part. Returns the
    /// part when it has no enclosing multipart, to be attached.
    fn pop_frame(&mut self, end: usize) -> Option<Part<'a>> {
        let input = self.input;
        match self.stack.pop() {
            Some(Frame::Multipart { place, boundary, body, body_start, closed, .. }) => {
                if !closed {
                    self.index.remove(&boundary, self.stack.len());
                }
                if body.parts.is_empty() {
                    add_defect(
                        self.placed(place),
                        Defect::new(DefectKind::StartBoundaryNotFound, body_start),
                    );
                    if !closed {
                        // Not one delimiter line: the body is kept as a leaf.
                        return self.complete_placed(
                            place,
                            leaf_body(&input[body_start..end], body_start),
                            end,
                        );
                    }
                    // Only the close delimiter: a multipart with no body part (RFC 2046
                    // §5.1.1 wants one), whose preamble and epilogue are the text before
                    // and after it, as GMime and mime4j read it.
                }
                if !closed {
                    // Where the close delimiter was due.
                    add_defect(self.placed(place), Defect::new(DefectKind::CloseBoundaryNotFound, end));
                }
                self.complete_placed(place, Body::Multipart(body), end)
            }
            Some(Frame::Message { place }) => {
                // Only reachable if a message frame lost its root; keep its bytes.
                self.complete_placed(place, Body::default(), end)
            }
            None => unreachable!("pop_frame on an empty stack"),
        }
    }

    /// Ends every open container at the end of input.
    fn close_all(&mut self, end: usize) -> Part<'a> {
        loop {
            if let Some(part) = self.pop_frame(end)
                && let Some(root) = self.attach(part)
            {
                return root;
            }
        }
    }
}

enum Start<'a> {
    /// Read bytes from the offset into the segment.
    Segment(Segment, usize),
    /// An embedded message: start its root part at the offset.
    Nested(usize),
    /// The tree is complete.
    Done(Part<'a>),
}

enum Next {
    Part(usize),
    Epilogue(usize),
}

fn leaf_body(bytes: &[u8], offset: usize) -> Body<'_> {
    Body::Leaf(Leaf { bytes: Bytes::Borrowed(bytes), offset: offset as u32 })
}

/// Decides how to read a part's body from its Content-Type, recording defects.
/// `mime_fields` are the indexes of the first Content-Type and Content-Transfer-Encoding
/// fields ([`HeaderBlock`](crate::parse::header::HeaderBlock)).
fn classify<'a>(
    input: &'a [u8],
    head: &mut Head<'a>,
    body_start: usize,
    mime_fields: (Option<usize>, Option<usize>),
) -> Kind<'a> {
    // Where a field starts in the input, for defect offsets.
    let field_offset = |name: &str, head: &Head<'_>| {
        head.headers
            .iter()
            .find(|f| f.name().is(name))
            .map_or(head.start, |f| (f.raw().as_ptr() as usize).wrapping_sub(input.as_ptr() as usize))
    };
    let cache = mime_cache(&head.headers, mime_fields);
    head.headers.set_mime(cache);
    let encoding = head.headers.transfer_encoding();
    let identity = encoding.is_identity();
    let message = |head: &mut Head<'_>, encoding: TransferEncoding| {
        if identity {
            return Kind::Message;
        }
        head.defects.push(Defect::new(DefectKind::EncodedMessage, body_start));
        Kind::Leaf(LeafKind::EncodedMessage(encoding))
    };
    let Some([main_start, main_end, sub_start, sub_end, rest_start, rest_end]) = cache.content_type else {
        if mime_fields.0.is_none() {
            return match head.default_type {
                DefaultType::TextPlain => Kind::Leaf(LeafKind::Plain),
                DefaultType::MessageRfc822 => message(head, encoding),
            };
        }
        let at = field_offset("content-type", head);
        head.defects.push(Defect::new(DefectKind::InvalidContentType, at));
        return Kind::Leaf(LeafKind::Plain);
    };
    // The block borrows the input, so what is read from it lives as long as the input.
    let block = head.headers.borrowed_span().unwrap_or_default();
    let bytes = |start: u32, end: u32| block.get(start as usize..end as usize).unwrap_or_default();
    let (main, sub, rest) =
        (bytes(main_start, main_end), bytes(sub_start, sub_end), bytes(rest_start, rest_end));
    if main.eq_ignore_ascii_case(b"multipart") {
        let lookup = params::find_parameter(rest, "boundary");
        if matches!(lookup, params::Lookup::Complex)
            && crate::header::Parameters::from_source(rest).is_ambiguous("boundary")
        {
            let at = field_offset("content-type", head);
            head.defects.push(Defect::new(DefectKind::AmbiguousBoundary, at));
        }
        let Some(boundary) = boundary_of(rest, lookup) else {
            head.defects.push(Defect::new(DefectKind::NoBoundaryInMultipart, body_start));
            return Kind::Leaf(LeafKind::Plain);
        };
        if !identity {
            let at = field_offset("content-transfer-encoding", head);
            head.defects.push(Defect::new(DefectKind::InvalidMultipartTransferEncoding, at));
        }
        return Kind::Multipart(boundary, sub.eq_ignore_ascii_case(b"digest"));
    }
    if main.eq_ignore_ascii_case(b"message") {
        let sub = bytes_to_text(sub);
        if ["rfc822", "global", "news", "external-body"].iter().any(|s| sub.eq_ignore_ascii_case(s)) {
            return message(head, encoding);
        }
        if sub.eq_ignore_ascii_case("delivery-status") && identity {
            return Kind::Leaf(LeafKind::DeliveryStatus);
        }
    }
    Kind::Leaf(LeafKind::Plain)
}

/// The cache of `headers`, whose first Content-Type and Content-Transfer-Encoding fields
/// are at the indexes `mime_fields`.
fn mime_cache(headers: &HeaderMap<'_>, mime_fields: (Option<usize>, Option<usize>)) -> MimeCache {
    let value = |at: Option<usize>| headers.field_at(at?).map(|f| f.value());
    let transfer_encoding = value(mime_fields.1).map_or(0, |v| {
        let name = v.as_bytes().trim_ascii();
        // A plain token, the common case, needs no unfolding (and has no comment).
        if name.len() <= 16 && name.iter().all(|&b| chars::is(b, chars::TOKEN)) {
            encoding_code(&TransferEncoding::from_name(name))
        } else {
            encoding_code(&TransferEncoding::from_name(&v.unfolded()))
        }
    });
    let mut lowercase = false;
    let content_type = value(mime_fields.0).and_then(|v| {
        let (main, sub, rest) = params::content_type(v.as_bytes())?;
        lowercase = !main.iter().chain(sub).any(u8::is_ascii_uppercase);
        let span = |b: &[u8]| headers.block_offset(b).map(|at| (at, at + b.len() as u32));
        let (m, s, r) = (span(main)?, span(sub)?, span(rest)?);
        Some([m.0, m.1, s.0, s.1, r.0, r.1])
    });
    MimeCache { content_type, transfer_encoding, lowercase }
}

/// The body of a transfer-encoded embedded message, decoded.
fn decode_transfer(bytes: &[u8], encoding: &TransferEncoding) -> Vec<u8> {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    match encoding {
        TransferEncoding::Base64 => crate::encoding::base64::decode_into(bytes, &mut out, &mut issues),
        TransferEncoding::QuotedPrintable => {
            crate::encoding::quoted_printable::decode_into(bytes, &mut out, &mut issues)
        }
        TransferEncoding::UuEncode => {
            crate::encoding::uuencode::decode_into(bytes, &mut out, &mut issues);
        }
        _ => out.extend_from_slice(bytes),
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Body, DefectKind, Message, Part};

    fn defects(part: &Part<'_>) -> Vec<(DefectKind, usize)> {
        part.defects().iter().map(|d| (d.kind(), d.offset())).collect()
    }

    #[test]
    fn a_reused_boundary_that_ends_a_header_block_is_a_missing_separator() {
        // fuzz/regressions/roundtrip-1, reduced. The embedded multipart reuses the outer
        // boundary and has no blank line after its fields: in place the outer boundary
        // ended its header block (an empty body needs no blank line), alone nothing did.
        // Both readings give the line to the inner multipart, so both lack the separator.
        for eol in ["\n", "\r\n"] {
            // The inner part has a field: alone, the `--b` line must not be skipped as a line
            // that is not a field, which the look-ahead to the blank line would allow.
            let inner =
                "Content-Type: multipart/mixed; boundary=b\n--b\nContent-Type: text/plain\n\ninner\n--b--\n"
                    .replace('\n', eol);
            let head = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\n";
            let input = [head.replace('\n', eol), inner.clone(), format!("--b--{eol}")].concat();
            let msg = Message::parse(input.as_bytes()).unwrap();
            let outer = msg.body().as_multipart().unwrap();
            let Body::Message(embedded) = outer.parts()[0].body() else { panic!("not a message") };
            let root = embedded.root();
            let line = input.find(&inner).unwrap() + inner.find("--b").unwrap();
            assert_eq!(defects(root), [(DefectKind::MissingHeaderBodySeparator, line)]);
            assert_eq!(root.body().as_multipart().map(|m| (m.parts().len(), m.is_closed())), Some((1, true)));
            assert!(outer.is_closed());
            let alone = embedded.to_bytes();
            assert_eq!(alone, inner.as_bytes());
            let reread = Message::parse(&alone).unwrap();
            let line = line - root.offset();
            assert_eq!(defects(reread.root()), [(DefectKind::MissingHeaderBodySeparator, line)]);
            let m = reread.body().as_multipart().unwrap();
            assert_eq!((m.parts().len(), m.is_closed()), (1, true));
            assert_eq!(m.parts()[0].body().as_leaf().unwrap().as_bytes(), b"inner");
        }
    }

    /// Each part is kept where it stays as soon as its header block is read (see
    /// `Place`); the defects and spans found when its container ends must still reach it,
    /// at every depth and whichever container encloses it.
    #[test]
    fn containers_that_end_unclosed_or_without_delimiters_keep_their_defects_and_spans() {
        for eol in ["\n", "\r\n"] {
            // a: closed; inside it a message whose root multipart (m) is never closed and
            // holds a multipart (n) never closed either, then a multipart (z) with no
            // delimiter line at all, kept as a leaf.
            let input = "Content-Type: multipart/mixed; boundary=a\n\n--a\n\
                 Content-Type: message/rfc822\n\n\
                 Content-Type: multipart/mixed; boundary=m\n\n--m\n\
                 Content-Type: multipart/alternative; boundary=n\n\n--n\n\ninner\n\
                 --a\nContent-Type: multipart/mixed; boundary=z\n\nno delimiter here\n--a--\n"
                .replace('\n', eol);
            let at = |needle: &str| input.find(&needle.replace('\n', eol)).unwrap();
            let msg = Message::parse(input.as_bytes()).unwrap();
            assert_eq!(msg.to_bytes(), input.as_bytes());
            let a = msg.body().as_multipart().unwrap();
            assert!(a.is_closed());
            assert_eq!(a.parts().len(), 2);
            let Body::Message(embedded) = a.parts()[0].body() else { panic!("not a message") };
            let second_a = at("\n--a\nContent-Type: multipart/mixed; boundary=z");
            assert_eq!(a.parts()[0].raw().unwrap(), &input.as_bytes()[at("Content-Type: message")..second_a]);
            let m = embedded.root();
            assert_eq!(defects(m), [(DefectKind::CloseBoundaryNotFound, second_a)]);
            assert_eq!(
                m.raw().unwrap(),
                &input.as_bytes()[at("Content-Type: multipart/mixed; boundary=m")..second_a]
            );
            let n = &m.body().as_multipart().unwrap().parts()[0];
            assert_eq!(defects(n), [(DefectKind::CloseBoundaryNotFound, second_a)]);
            let n_body = n.body().as_multipart().unwrap();
            assert_eq!(n_body.parts()[0].body().as_leaf().unwrap().as_bytes(), b"inner");
            let z = &a.parts()[1];
            let z_body = at("no delimiter");
            assert_eq!(defects(z), [(DefectKind::StartBoundaryNotFound, z_body)]);
            assert_eq!(z.body().as_leaf().unwrap().as_bytes(), b"no delimiter here");
            assert_eq!(z.offset(), at("Content-Type: multipart/mixed; boundary=z"));
        }
    }
}
