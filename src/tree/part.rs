//! `Part`: one node of the MIME tree: a header block and a body.

use std::borrow::Cow;
use std::fmt;

use crate::bytes::SharedInput;
use crate::encoding::{Charset, safe};
use crate::error::{Defect, DefectKind};
use crate::header::{
    ContentDisposition, ContentType, HeaderMap, Parameters, TransferEncoding, bytes_to_text,
};
use crate::parse;
use crate::tree::{Body, DeliveryStatus, Leaf, Message, Multipart};

/// A Content-Type's type, subtype and parameter bytes, and whether the type and subtype
/// are known to have no uppercase letter.
type ContentTypeTokens<'p> = (&'p [u8], &'p [u8], &'p [u8], bool);

/// The type a part has when its Content-Type is absent or invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DefaultType {
    /// `text/plain` (RFC 2045 §5.2).
    #[default]
    TextPlain,
    /// `message/rfc822`, for the parts of a `multipart/digest` (RFC 2046 §5.1.5).
    MessageRfc822,
}

/// A MIME entity: header fields and a body.
///
/// Parts borrow the parsed input. The root of a [`Message`] is a part, and so is each
/// child of a multipart and the root of each embedded message.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let input = b"Content-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nContent-Type: text/plain\r\n\r\nhello\r\n--X--\r\n";
/// let msg = Message::parse(input).unwrap();
/// let child = &msg.body().as_multipart().unwrap().parts()[0];
/// assert!(child.content_type().is("text/plain"));
/// assert_eq!(child.body().as_leaf().unwrap().as_bytes(), b"hello");
/// assert_eq!(child.raw(), Some(&b"Content-Type: text/plain\r\n\r\nhello"[..]));
/// assert_eq!(child.offset(), 50);
/// ```
#[derive(Default)]
pub struct Part<'a> {
    /// The header fields; for a parsed part, also the span of input it was parsed from.
    pub(crate) headers: HeaderMap<'a>,
    pub(crate) body: Body<'a>,
    /// Boxed twice so that the common case, no defect, costs one pointer.
    #[allow(clippy::box_collection)]
    pub(crate) defects: Option<Box<Vec<Defect>>>,
    /// Inputs are below 4 GiB (see [`Message::parse_with`]).
    pub(crate) offset: u32,
    /// The empty line between the header block and the body.
    pub(crate) separator: LineEnd,
    pub(crate) default_type: DefaultType,
    /// Whether the part is as parsed, so that its span is what it writes.
    pub(crate) parsed: bool,
}

/// A line end: the separator between a header block and its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum LineEnd {
    /// None: the block ended at the end of input or at a line that is not a field.
    #[default]
    None,
    /// LF alone.
    Lf,
    /// CR alone.
    Cr,
    /// CR LF.
    CrLf,
}

impl LineEnd {
    /// The line end `bytes` is (`""`, LF, CR or CRLF).
    pub(crate) fn of(bytes: &[u8]) -> Self {
        match bytes {
            b"\r\n" => LineEnd::CrLf,
            b"\n" => LineEnd::Lf,
            b"\r" => LineEnd::Cr,
            _ => LineEnd::None,
        }
    }

    pub(crate) fn as_bytes(self) -> &'static [u8] {
        match self {
            LineEnd::None => b"",
            LineEnd::Lf => b"\n",
            LineEnd::Cr => b"\r",
            LineEnd::CrLf => b"\r\n",
        }
    }
}

impl<'a> Part<'a> {
    /// A part that was not parsed: no raw span, no defects.
    pub(crate) fn built(headers: HeaderMap<'a>, separator: LineEnd, body: Body<'a>) -> Self {
        Part {
            headers,
            body,
            defects: None,
            offset: 0,
            separator,
            default_type: DefaultType::TextPlain,
            parsed: false,
        }
    }

    /// The header fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nX-Part: one\r\n\r\n1\r\n--b--\r\n")?;
    /// let part = &msg.body().as_multipart().unwrap().parts()[0];
    /// assert_eq!(part.headers().get("X-Part").unwrap().to_str_lossy(), "one");
    /// // Each part has its own header block.
    /// assert!(!msg.headers().contains("X-Part"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn headers(&self) -> &HeaderMap<'a> {
        &self.headers
    }

    /// The charset this part's raw 8-bit header bytes (outside encoded words, and in words
    /// whose charset is unknown) and its body, when it names no charset and is not UTF-8,
    /// are read in: the [`ParseOptions::fallback_charset`](crate::ParseOptions::fallback_charset)
    /// the message was parsed with, windows-1252 by default. [`subject`](Self::subject),
    /// display names, [`filename`](Self::filename), [`text`](Self::text) and
    /// [`HeaderValue::decoded`](crate::HeaderValue::decoded) all use it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::encoding::Charset;
    /// use mailmime::{Message, ParseOptions};
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n\xe9t\xe9\r\n--b--\r\n";
    /// let msg = Message::parse(input).unwrap();
    /// let part = &msg.body().as_multipart().unwrap().parts()[0];
    /// assert_eq!(part.fallback_charset(), Charset::WINDOWS_1252);
    /// assert_eq!(part.text(), "été");
    ///
    /// let greek = Charset::for_label(b"iso-8859-7").unwrap();
    /// let msg = Message::parse_with(input, &ParseOptions::new().fallback_charset(greek)).unwrap();
    /// let part = &msg.body().as_multipart().unwrap().parts()[0];
    /// assert_eq!(part.fallback_charset(), greek);
    /// assert_eq!(part.text(), "ιtι");
    /// ```
    pub fn fallback_charset(&self) -> Charset {
        Charset::from_code(self.headers.fallback())
    }

    /// The body.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Body, Message};
    ///
    /// let msg = Message::parse(b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ntext")?;
    /// match msg.body() {
    ///     Body::Message(inner) => assert_eq!(inner.subject().as_deref(), Some("inner")),
    ///     other => panic!("not a message: {other:?}"),
    /// }
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn body(&self) -> &Body<'a> {
        &self.body
    }

    /// The defects recorded on this part (not its children).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message};
    ///
    /// let msg = Message::parse(b"Subject: a\r\nSubject: b\r\n\r\nbody")?;
    /// // `Message::defects` lists those of every part; `root()` reaches the root's own.
    /// let defects = msg.root().defects();
    /// assert_eq!((defects[0].kind(), defects[0].offset()), (DefectKind::DuplicateField, 12));
    /// assert_eq!(msg.subject().as_deref(), Some("a"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn defects(&self) -> &[Defect] {
        self.defects.as_deref().map_or(&[], Vec::as_slice)
    }

    /// Byte offset of the part's first header byte in the parsed input.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--\r\n";
    /// let msg = Message::parse(input)?;
    /// let part = &msg.body().as_multipart().unwrap().parts()[0];
    /// assert!(input[part.offset()..].starts_with(b"Content-Type: text/plain"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn offset(&self) -> usize {
        self.offset as usize
    }

    /// The exact bytes this part was parsed from: header block, separator and body. This
    /// is what a signature over the part covers. `None` for parts that were not parsed.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, MessageBuilder};
    ///
    /// let input = b"Content-Type: multipart/signed; boundary=s; protocol=\"application/pgp-signature\"\r\n\r\n\
    /// --s\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n--s\r\n\
    /// Content-Type: application/pgp-signature\r\n\r\n-----BEGIN PGP SIGNATURE-----\r\n--s--\r\n";
    /// let msg = Message::parse(input)?;
    /// let signed = &msg.body().as_multipart().unwrap().parts()[0];
    /// // The bytes the signature covers (RFC 3156 §5).
    /// assert_eq!(signed.raw(), Some(&b"Content-Type: text/plain\r\n\r\nsigned text"[..]));
    ///
    /// let (built, _) = MessageBuilder::new().from("a@example.com").build()?;
    /// assert_eq!(built.raw(), None);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn raw(&self) -> Option<&[u8]> {
        self.parsed.then(|| self.headers.part_span())
    }

    /// The media type: the first Content-Type field, or the default when it is absent
    /// or invalid (`text/plain`, or `message/rfc822` inside `multipart/digest`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>")?;
    /// assert!(msg.content_type().is("text/html"));
    /// // Absent or unreadable: the default.
    /// let msg = Message::parse(b"Content-Type: garbage\r\n\r\nhi")?;
    /// assert!(msg.content_type().is("text/plain"));
    /// // In a digest, parts default to message/rfc822.
    /// let msg = Message::parse(b"Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: one\r\n\r\n1\r\n--d--\r\n")?;
    /// assert!(msg.body().as_multipart().unwrap().parts()[0].content_type().is("message/rfc822"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn content_type(&self) -> ContentType<'_> {
        self.declared_content_type().unwrap_or_else(|| self.default_content_type())
    }

    /// The Content-Type field parsed, when present and valid.
    #[inline]
    pub(crate) fn declared_content_type(&self) -> Option<ContentType<'_>> {
        let (main, sub, rest, lowercase) = self.content_type_tokens()?;
        let params = Parameters::with_fallback(rest, self.headers.fallback());
        Some(ContentType::from_tokens(main, sub, params, lowercase))
    }

    /// The first Content-Type's type, subtype and parameter bytes: from what the parser
    /// read, or read again after an edit.
    pub(crate) fn content_type_parts(&self) -> Option<(&[u8], &[u8], &[u8])> {
        self.content_type_tokens().map(|(main, sub, rest, _)| (main, sub, rest))
    }

    /// [`content_type_parts`](Self::content_type_parts), and whether the parser saw no
    /// uppercase letter in the type and subtype (so that they need no lowercasing).
    #[inline(always)]
    fn content_type_tokens(&self) -> Option<ContentTypeTokens<'_>> {
        if let Some(mime) = self.headers.mime() {
            let [a, b, c, d, e, f] = mime.content_type?;
            // The offsets count in the span the block starts.
            let span = self.headers.part_span();
            let bytes = |start: u32, end: u32| span.get(start as usize..end as usize).unwrap_or_default();
            return Some((bytes(a, b), bytes(c, d), bytes(e, f), mime.lowercase));
        }
        let (main, sub, rest) = parse::params::content_type(self.headers.get("content-type")?.as_bytes())?;
        Some((main, sub, rest, false))
    }

    pub(crate) fn default_content_type(&self) -> ContentType<'static> {
        match self.default_type {
            DefaultType::TextPlain => ContentType::new("text", "plain"),
            DefaultType::MessageRfc822 => ContentType::new("message", "rfc822"),
        }
    }

    /// The Content-Disposition field, when present.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Disposition: attachment; filename=\"notes.txt\"\r\n\r\nx")?;
    /// let disposition = msg.content_disposition().unwrap();
    /// assert!(disposition.is_attachment());
    /// assert_eq!(disposition.param("filename").as_deref(), Some("notes.txt"));
    /// assert!(Message::parse(b"Subject: x\r\n\r\n")?.content_disposition().is_none());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn content_disposition(&self) -> Option<ContentDisposition<'_>> {
        let value = self.headers.get("content-disposition")?;
        let (kind, rest) = parse::params::content_disposition(value.as_bytes());
        let params = Parameters::with_fallback(rest, self.headers.fallback());
        Some(ContentDisposition::with_params(bytes_to_text(kind), params))
    }

    /// The Content-Transfer-Encoding; `7bit` when the field is absent.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, TransferEncoding};
    ///
    /// let msg = Message::parse(b"Content-Transfer-Encoding: Quoted-Printable\r\n\r\ncaf=C3=A9")?;
    /// assert_eq!(msg.transfer_encoding(), TransferEncoding::QuotedPrintable);
    /// assert_eq!(&*msg.decoded(), "café".as_bytes());
    /// assert_eq!(Message::parse(b"\r\nplain")?.transfer_encoding(), TransferEncoding::SevenBit);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn transfer_encoding(&self) -> TransferEncoding {
        self.headers.transfer_encoding()
    }

    /// The Content-ID without its angle brackets (and any comments around them).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-ID: (logo) <logo@example.com> (png)\r\n\r\n").unwrap();
    /// assert_eq!(msg.content_id().as_deref(), Some("logo@example.com"));
    /// ```
    pub fn content_id(&self) -> Option<Cow<'_, str>> {
        let value = self.headers.get("content-id")?;
        Some(msg_id_text(value.unfolded(), self.fallback_charset()))
    }

    /// The file name: the Content-Disposition `filename` parameter, else the Content-Type
    /// `name` parameter (RFC 2231 sections joined and decoded).
    ///
    /// Control characters (NUL from `filename*=...%00...`, CR, LF, ...) are replaced with
    /// U+FFFD; bidirectional overrides and isolates are kept, and
    /// [`field_defects`](Self::field_defects) reports both. Of two `filename` parameters
    /// the first is used; of a `filename` and a `filename*`, the `filename*` (RFC 2231).
    ///
    /// The name is the sender's: it may be a path (`../../etc/passwd`) or a device name
    /// (`con`). To save the part, make it a file name with
    /// [`safe_file_name`](crate::safe_file_name) or [`FileNames`](crate::FileNames).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Disposition: attachment; filename*=utf-8''a%00.txt\r\n\r\n").unwrap();
    /// assert_eq!(msg.root().filename().as_deref(), Some("a\u{fffd}.txt"));
    /// ```
    pub fn filename(&self) -> Option<String> {
        self.raw_filename().map(|name| match safe::replace_controls(Cow::Borrowed(&name)).0 {
            Cow::Borrowed(_) => name,
            Cow::Owned(replaced) => replaced,
        })
    }

    /// [`filename`](Self::filename) before control characters are replaced.
    fn raw_filename(&self) -> Option<String> {
        if let Some(cd) = self.content_disposition()
            && let Some(f) = cd.param("filename")
        {
            return Some(f.into_owned());
        }
        self.declared_content_type().and_then(|ct| ct.param("name").map(Cow::into_owned))
    }

    /// Where the field whose raw bytes are `raw` starts in the parsed input (the part's
    /// offset for a field an edit wrote).
    pub(crate) fn field_offset(&self, raw: &[u8]) -> usize {
        self.offset as usize + self.headers.block_offset(raw).map_or(0, |o| o as usize)
    }

    /// The file name's defects for [`field_defects`](Self::field_defects), at the offset
    /// of the field it comes from.
    pub(crate) fn filename_defects(&self, defects: &mut Vec<Defect>) {
        let field_at = |name: &str| {
            let field = self.headers.iter().find(|f| f.name().is(name))?;
            Some(self.field_offset(field.raw()))
        };
        let disposition = self.content_disposition();
        let from_disposition = disposition.as_ref().is_some_and(|cd| cd.param("filename").is_some());
        let at = if from_disposition { field_at("content-disposition") } else { field_at("content-type") };
        let Some(at) = at else {
            return;
        };
        let ambiguous = match &disposition {
            Some(cd) if from_disposition => cd.parameters().is_ambiguous("filename"),
            _ => self.declared_content_type().is_some_and(|ct| ct.parameters().is_ambiguous("name")),
        };
        if ambiguous {
            defects.push(Defect::new(DefectKind::AmbiguousFilename, at));
        }
        if let Some(name) = self.raw_filename() {
            if name.chars().any(safe::is_unsafe_control) {
                defects.push(Defect::new(DefectKind::ControlCharacterInHeader, at));
            }
            if safe::has_bidi_control(&name) {
                defects.push(Defect::new(DefectKind::BidiControlInHeader, at));
            }
        }
    }

    /// Whether this part is an attachment rather than body text: an embedded message, or
    /// a leaf that has `Content-Disposition: attachment` or a type other than `text/*`
    /// (an inline image is one). A `text/*` part is body text unless its disposition says
    /// `attachment`, even when it carries a file name: mail readers show
    /// `text/plain; name="note.txt"` and `inline; filename="msg.txt"` as the text. A
    /// `multipart/*` kept as a leaf (its delimiters were missing) is not one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n\
    /// --b\r\nContent-Type: text/plain; name=\"note.txt\"\r\n\r\nshown as the text\r\n\
    /// --b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\nsaved\r\n\
    /// --b\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\n\r\nPNG\r\n--b--\r\n";
    /// let msg = Message::parse(input)?;
    /// let parts = msg.body().as_multipart().unwrap().parts();
    /// let flags: Vec<bool> = parts.iter().map(|p| p.is_attachment()).collect();
    /// assert_eq!(flags, [false, true, true]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is_attachment(&self) -> bool {
        match self.body {
            Body::Multipart(_) => return false,
            Body::Message(_) | Body::DeliveryStatus(_) => return true,
            Body::Leaf(_) => {}
        }
        let disposed = self.is_disposed_attachment();
        let content_type = self.content_type();
        if content_type.is_multipart() || content_type.is_text() {
            return disposed;
        }
        true
    }

    /// Gives this part and every part below it, embedded messages included, the fallback
    /// charset `code` ([`fallback_charset`](Self::fallback_charset)).
    pub(crate) fn set_fallback_below(&mut self, code: u8) {
        let mut pending = vec![self];
        while let Some(part) = pending.pop() {
            part.headers.set_fallback(code);
            pending.extend(part.body.children_mut());
        }
    }

    /// Appends this part's bytes: header block, separator and body.
    pub(crate) fn write_into(&self, out: &mut Vec<u8>) {
        // An explicit stack of pending byte runs and parts keeps deep trees off the call stack.
        enum Item<'p, 'a> {
            Part(&'p Part<'a>),
            Bytes(&'p [u8]),
        }
        let mut stack = vec![Item::Part(self)];
        while let Some(item) = stack.pop() {
            let part = match item {
                Item::Bytes(b) => {
                    out.extend_from_slice(b);
                    continue;
                }
                Item::Part(p) => p,
            };
            part.headers.write_raw(out);
            out.extend_from_slice(part.separator.as_bytes());
            match &part.body {
                Body::Leaf(leaf) => out.extend_from_slice(&leaf.bytes),
                Body::Message(m) => match (&m.reencode, m.encoded()) {
                    // Edited after decoding: encode the new bytes the way the part declares.
                    (Some(reencode), encoded) => {
                        let bytes = m.to_bytes();
                        match encoded {
                            // Nothing inside changed after all (a refused edit, say).
                            Some(encoded) if bytes == m.root().headers.part_span() => {
                                out.extend_from_slice(encoded)
                            }
                            _ => out.extend_from_slice(&crate::build::edit::reencoded(&bytes, reencode)),
                        }
                    }
                    (None, Some(encoded)) => out.extend_from_slice(encoded),
                    (None, None) => stack.push(Item::Part(m.root())),
                },
                Body::DeliveryStatus(d) => {
                    for (group, separator) in d.groups.iter().zip(&d.separators).rev() {
                        stack.push(Item::Bytes(separator));
                        stack.push(Item::Part(group));
                    }
                }
                Body::Multipart(m) => {
                    out.extend_from_slice(&m.preamble);
                    stack.push(Item::Bytes(&m.epilogue));
                    stack.push(Item::Bytes(&m.close));
                    for (i, child) in m.parts.iter().enumerate().take(m.delimiters.len()).rev() {
                        if let Some(line_end) = own_line_end(m, i) {
                            stack.push(Item::Bytes(line_end));
                        }
                        stack.push(Item::Part(child));
                        stack.push(Item::Bytes(m.delimiters.get(i)));
                    }
                }
            }
        }
    }

    /// Whether this part writes no byte at all: no header line, no blank line, an empty
    /// leaf body.
    fn writes_nothing(&self) -> bool {
        self.headers.writes_nothing()
            && self.separator == LineEnd::None
            && matches!(&self.body, Body::Leaf(leaf) if leaf.bytes.is_empty())
    }

    /// This part and everything below it with no borrow of the input, sharing one copy.
    pub(crate) fn into_static(mut self, shared: &SharedInput<'_>) -> Part<'static> {
        // Convert bottom-up with an explicit stack: (part, number of children still to
        // convert) frames; converted children collect in `done`.
        struct Pending<'a> {
            part: Part<'a>,
            children: Vec<Part<'a>>,
        }
        let mut children = Vec::new();
        self.body.take_children(&mut children);
        children.reverse();
        let mut stack = vec![Pending { part: self, children }];
        let mut done: Vec<Vec<Part<'static>>> = vec![Vec::new()];
        loop {
            let top = stack.last_mut().expect("stack holds the root until the end");
            if let Some(mut child) = top.children.pop() {
                let mut grandchildren = Vec::new();
                child.body.take_children(&mut grandchildren);
                grandchildren.reverse();
                stack.push(Pending { part: child, children: grandchildren });
                done.push(Vec::new());
                continue;
            }
            let Pending { part, .. } = stack.pop().expect("non-empty");
            let converted = part.shallow_into_static(done.pop().expect("one list per frame"), shared);
            match done.last_mut() {
                Some(list) if !stack.is_empty() => list.push(converted),
                _ => return converted,
            }
        }
    }

    /// Converts this part, whose children were taken out, and gives it `children`.
    fn shallow_into_static(
        mut self,
        children: Vec<Part<'static>>,
        shared: &SharedInput<'_>,
    ) -> Part<'static> {
        let headers = std::mem::take(&mut self.headers).into_static(shared);
        let body = match std::mem::take(&mut self.body) {
            Body::Leaf(leaf) => {
                Body::Leaf(Leaf { bytes: leaf.bytes.into_static(shared), offset: leaf.offset })
            }
            Body::Multipart(m) => Body::Multipart(Box::new(Multipart {
                preamble: m.preamble.clone().into_static(shared),
                parts: children,
                delimiters: m.delimiters.clone().into_static(shared),
                close: m.close.clone().into_static(shared),
                closed: m.closed,
                epilogue: m.epilogue.clone().into_static(shared),
            })),
            Body::Message(mut m) => {
                let root = children.into_iter().next().unwrap_or_default();
                let mut message = match m.take_encoded() {
                    Some(encoded) => Message::from_encoded(root, encoded.into_static(shared)),
                    None => Message::from_root(root),
                };
                message.reencode = m.reencode.take();
                Body::Message(Box::new(message))
            }
            Body::DeliveryStatus(d) => Body::DeliveryStatus(Box::new(DeliveryStatus {
                groups: children,
                separators: d.separators.iter().map(|s| s.clone().into_static(shared)).collect(),
            })),
        };
        Part {
            headers,
            body,
            defects: std::mem::take(&mut self.defects),
            offset: self.offset,
            separator: self.separator,
            default_type: self.default_type,
            parsed: self.parsed,
        }
    }
}

/// The line end that part `i` of `m` writes after its bytes when it writes none and the
/// next delimiter line has no line end before it: the two delimiter lines would follow
/// each other directly and read back as one, and the part would be gone (a part that is
/// a header block ended by the next delimiter line shares its last line end with it, and
/// an edit may remove its fields). Parsed parts never need one: the parser reads two
/// delimiter lines in a row as one. `None` when none is needed.
fn own_line_end<'p>(m: &'p Multipart<'_>, i: usize) -> Option<&'p [u8]> {
    if i + 1 >= m.delimiters.len() || !m.parts.get(i).is_some_and(Part::writes_nothing) {
        return None;
    }
    let next = m.delimiters.get(i + 1);
    if next.first().is_some_and(|&b| b == b'\r' || b == b'\n') {
        return None;
    }
    // The delimiter line's own line end, so that the message keeps its style.
    let end = crate::parse::header::trailing_line_end_len(next);
    Some(if end > 0 { &next[next.len() - end..] } else { b"\r\n" })
}

/// A msg-id's text: unfolded, without the comments and angle brackets around it; raw
/// 8-bit bytes that are not UTF-8 read in `fallback`.
pub(crate) fn msg_id_text(value: Cow<'_, [u8]>, fallback: Charset) -> Cow<'_, str> {
    let text = parse::lexical::header_text(value, fallback);
    let inner = parse::msg_id::msg_id(&text);
    let id = if inner.len() == text.len() { text } else { Cow::Owned(inner.to_owned()) };
    safe::replace_controls(id).0
}

impl Part<'static> {
    /// A part that was not parsed whose body is read as the parser reads the body of a
    /// part with these fields: for a `message/*` part, an embedded message (or a delivery
    /// status) where the body would otherwise be a leaf, so that a built tree is the tree
    /// that parsing the built bytes gives. The body's parts share one copy of the part's
    /// bytes, and their offsets count from the part's first byte. A body the parser reads
    /// as a leaf, or one too large to parse again (4 GiB), stays the leaf it is.
    pub(crate) fn built_as_parsed(
        headers: HeaderMap<'static>,
        separator: LineEnd,
        leaf: Leaf<'static>,
    ) -> Self {
        let mut entity = Vec::with_capacity(leaf.bytes.len() + 256);
        headers.write_raw(&mut entity);
        entity.extend_from_slice(separator.as_bytes());
        entity.extend_from_slice(&leaf.bytes);
        let entity = std::sync::Arc::new(entity);
        let len = entity.len();
        // Read as the part's fields say: with their fallback charset, too.
        let options = crate::options::ParseOptions::default()
            .fallback_charset(crate::encoding::Charset::from_code(headers.fallback()));
        let parsed = Message::parse_shared(entity, 0..len, &options)
            .map(|mut message| std::mem::take(&mut message.root_mut().body));
        let body = match parsed {
            Ok(body @ (Body::Message(_) | Body::DeliveryStatus(_))) => body,
            _ => Body::Leaf(leaf),
        };
        Part::built(headers, separator, body)
    }
}

impl Drop for Part<'_> {
    fn drop(&mut self) {
        // Dropping nested boxes and vectors recursively would overflow the stack on deep
        // trees: move every descendant into one flat list first.
        // Dropping nests only as deep as the tree: a part whose children are all leaves is
        // dropped in place, and only deeper trees are flattened.
        if self.body.children().iter().all(|child| child.body.children().is_empty()) {
            return;
        }
        // Deeper trees: each body that has children is taken out of its part (40 bytes,
        // where a part is 160) and dropped once the bodies of its own children that have
        // children are taken out in turn, so every drop stays one level deep, and leaves
        // are dropped in place, never moved.
        let mut pending = Vec::new();
        take_deep_bodies(&mut self.body, &mut pending);
        while let Some(mut body) = pending.pop() {
            take_deep_bodies(&mut body, &mut pending);
        }
    }
}

/// Moves out the bodies of `body`'s children that have children of their own.
fn take_deep_bodies<'a>(body: &mut Body<'a>, into: &mut Vec<Body<'a>>) {
    for child in body.children_mut() {
        if !child.body.children().is_empty() {
            into.push(std::mem::take(&mut child.body));
        }
    }
}

/// A deep copy of the part and everything below it. Borrowed bytes stay borrowed from
/// the same input; the copy writes the same bytes and can be edited on its own.
///
/// The copy is made without recursion, so it works on trees of any depth (see
/// [`ParseOptions::max_depth`](crate::ParseOptions::max_depth)).
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n";
/// let msg = Message::parse(input).unwrap();
/// let part = msg.root().clone();
/// assert_eq!(part.raw(), Some(&input[..]));
/// assert_eq!(part.body().as_multipart().unwrap().parts().len(), 1);
/// ```
impl Clone for Part<'_> {
    fn clone(&self) -> Self {
        // Depth-first with an explicit stack: a frame holds a part and the copies of the
        // children made so far; a part is copied once all its children are.
        struct Frame<'p, 'a> {
            source: &'p Part<'a>,
            copies: Vec<Part<'a>>,
        }
        fn frame<'p, 'a>(source: &'p Part<'a>) -> Frame<'p, 'a> {
            Frame { source, copies: Vec::with_capacity(source.body.children().len()) }
        }
        let mut stack = vec![frame(self)];
        loop {
            let top = stack.last_mut().expect("the stack holds the root until the end");
            if let Some(child) = top.source.body.children().get(top.copies.len()) {
                stack.push(frame(child));
                continue;
            }
            let Frame { source, copies } = stack.pop().expect("non-empty");
            let copy = source.clone_with_children(copies);
            match stack.last_mut() {
                Some(parent) => parent.copies.push(copy),
                None => return copy,
            }
        }
    }
}

impl<'a> Part<'a> {
    /// A copy of this part alone, given the copies of its children.
    fn clone_with_children(&self, children: Vec<Part<'a>>) -> Part<'a> {
        let body = match &self.body {
            Body::Leaf(leaf) => Body::Leaf(Leaf { bytes: leaf.bytes.clone(), offset: leaf.offset }),
            Body::Multipart(m) => Body::Multipart(Box::new(Multipart {
                preamble: m.preamble.clone(),
                parts: children,
                delimiters: m.delimiters.clone(),
                close: m.close.clone(),
                closed: m.closed,
                epilogue: m.epilogue.clone(),
            })),
            Body::Message(m) => {
                Body::Message(Box::new(m.clone_with_root(children.into_iter().next().unwrap_or_default())))
            }
            Body::DeliveryStatus(d) => Body::DeliveryStatus(Box::new(DeliveryStatus {
                groups: children,
                separators: d.separators.clone(),
            })),
        };
        Part {
            headers: self.headers.clone(),
            body,
            defects: self.defects.clone(),
            offset: self.offset,
            separator: self.separator,
            default_type: self.default_type,
            parsed: self.parsed,
        }
    }
}

impl fmt::Debug for Part<'_> {
    /// A one-level summary; children are counted, not printed, so deep trees print safely.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("content_type", &self.content_type().to_string())
            .field("headers", &self.headers.len())
            .field("children", &self.body.children().len())
            .field("offset", &self.offset)
            .field("defects", &self.defects)
            .finish()
    }
}
#[cfg(test)]
mod tests {
    #[test]
    fn a_part_stays_small() {
        // Memory per part is a goal (TESTING.md): a regression here shows in every tree.
        // 160 includes three inline header slots, which spare most parts an allocation.
        assert!(size_of::<super::Part<'_>>() <= 160, "Part is {} bytes", size_of::<super::Part<'_>>());
        assert!(size_of::<crate::Body<'_>>() <= 40);
        assert!(size_of::<crate::bytes::Bytes<'_>>() <= 24);
    }
}
