//! `HeaderMap`: the fields of one header block, in order, duplicates kept.
//!
//! A parsed map holds one slice of the input, the header block, and for each field four
//! offsets into it (start, colon, end of value, end of line): 20 bytes a field, however
//! long the field is. Fields added by an edit or by the builder keep their bytes in a
//! buffer of the map's own, beside the parsed ones. A map that was not edited writes its
//! block back in one piece.

use std::fmt;

use crate::bytes::{Bytes, SharedInput};
use crate::header::{HeaderName, HeaderValue, TransferEncoding};
use crate::parse::chars;

/// One header field: its name, its value and the exact bytes it was read from.
///
/// A view into the [`HeaderMap`] it belongs to: `Copy`, and free to make.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(b"Subject: Lunch\r\nX-Priority: 1 (Highest)\r\n\r\n")?;
/// let field = msg.headers().field_at(1).unwrap();
/// assert_eq!(field.name_str(), "X-Priority");
/// assert_eq!(field.value().as_bytes(), b" 1 (Highest)");
/// assert_eq!(field.raw(), b"X-Priority: 1 (Highest)\r\n");
/// # Ok::<(), mailmime::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct HeaderField<'a> {
    name: &'a [u8],
    value: &'a [u8],
    raw: &'a [u8],
    /// The map's fallback charset, as a [`Charset::code`](crate::encoding::Charset).
    fallback: u8,
}

impl<'a> HeaderField<'a> {
    /// The field name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"content-TYPE: text/plain\r\n\r\n")?;
    /// let name = msg.headers().field_at(0).unwrap().name();
    /// // Compared without regard to case, kept as written.
    /// assert!(name == "Content-Type");
    /// assert_eq!(name.as_str(), "content-TYPE");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn name(&self) -> HeaderName<'a> {
        HeaderName::from_parsed(self.name)
    }

    /// The field name as written.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"From: a@example.com\r\nDKIM-Signature: v=1\r\nX-Mailer: test\r\n\r\n")?;
    /// let names: Vec<&str> = msg.headers().iter().map(|f| f.name_str()).collect();
    /// assert_eq!(names, ["From", "DKIM-Signature", "X-Mailer"]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn name_str(&self) -> &'a str {
        // Names are ftext (printable ASCII), so this never fails.
        std::str::from_utf8(self.name).unwrap_or_default()
    }

    /// Whether the field is named `name`, ignoring ASCII case.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Received: from a\r\nreceived: from b\r\nSubject: x\r\n\r\n")?;
    /// assert_eq!(msg.headers().iter().filter(|f| f.is("RECEIVED")).count(), 2);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }

    /// The field body.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Subject: =?utf-8?q?caf=C3=A9?=\r\n\r\n")?;
    /// let value = msg.headers().field_at(0).unwrap().value();
    /// assert_eq!(value.as_bytes(), b" =?utf-8?q?caf=C3=A9?=");
    /// assert_eq!(value.decoded(), "café");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn value(&self) -> HeaderValue<'a> {
        HeaderValue::with_fallback(self.value, self.fallback)
    }

    /// The exact bytes of the field: name, colon, value, folding and the final line end.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Subject: a long\r\n\tsubject\r\nTo: b@example.org\r\n\r\n";
    /// let msg = Message::parse(input)?;
    /// let raw: Vec<&[u8]> = msg.headers().iter().map(|f| f.raw()).collect();
    /// assert_eq!(raw, [&b"Subject: a long\r\n\tsubject\r\n"[..], b"To: b@example.org\r\n"]);
    /// // The fields' bytes are the header block.
    /// assert_eq!(raw.concat(), &input[..input.len() - 2]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }
}

impl fmt::Debug for HeaderField<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeaderField").field("name", &self.name_str()).field("value", &self.value()).finish()
    }
}

/// Where one field's bytes are: offsets into the parsed block, or into the map's own
/// buffer when the top bit of `start` is set. Offsets stay below 2 GiB.
#[derive(Clone, Copy, Debug)]
struct Slot {
    start: u32,
    /// Just after the final line end; the value ends before that line end. The value
    /// starts after the first colon (names are `ftext`, which has none), found again
    /// when the field is read, so that a slot is 12 bytes.
    end: u32,
    /// The name's length, or [`LONG_NAME`] for a name of 65,535 bytes or more.
    name_len: u16,
    /// The name's first byte, lowercased: most lookups that miss stop here, without
    /// reading the name from the input.
    key: u8,
}

/// [`Slot::name_len`] of a name too long to count in 16 bits: it ends at the first `:`,
/// space or tab (names are `ftext`).
const LONG_NAME: u16 = u16::MAX;

/// The bit of [`Slot::start`] that marks a field held in the map's own buffer.
const OWNED: u32 = 1 << 31;

impl Slot {
    const EMPTY: Slot = Slot { start: 0, end: 0, name_len: 0, key: 0 };

    #[inline]
    fn new(start: u32, name_end: u32, end: u32, first: u8) -> Slot {
        // A length of LONG_NAME or more is recorded as LONG_NAME.
        let name_len = (name_end - (start & !OWNED)).min(u32::from(LONG_NAME)) as u16;
        Slot { start, end, name_len, key: first.to_ascii_lowercase() }
    }

    /// The name's length; `raw` is the field's bytes.
    fn name_len(&self, raw: &[u8]) -> usize {
        if self.name_len != LONG_NAME {
            return usize::from(self.name_len);
        }
        raw.iter().position(|&b| matches!(b, b':' | b' ' | b'\t')).unwrap_or(raw.len())
    }

    fn start(&self) -> u32 {
        self.start & !OWNED
    }

    fn owned(&self) -> bool {
        self.start & OWNED != 0
    }
}

/// How many fields a map holds without a heap allocation: most MIME parts have one to
/// three.
const INLINE_SLOTS: usize = 3;

/// The slots of a map: inline up to [`INLINE_SLOTS`], then on the heap.
#[derive(Clone, Debug)]
enum Slots {
    Inline(u8, [Slot; INLINE_SLOTS]),
    Heap(Vec<Slot>),
}

impl Default for Slots {
    fn default() -> Self {
        Slots::Inline(0, [Slot::EMPTY; INLINE_SLOTS])
    }
}

impl Slots {
    /// Inlined into the parser's loop: the spill to the heap, once a map, is not.
    #[inline]
    fn push(&mut self, slot: Slot) {
        match self {
            Slots::Inline(len, items) if (*len as usize) < INLINE_SLOTS => {
                items[*len as usize] = slot;
                *len += 1;
            }
            Slots::Heap(heap) => heap.push(slot),
            Slots::Inline(..) => self.spill(slot),
        }
    }

    /// Moves full inline slots to the heap, with `slot` after them.
    #[inline(never)]
    fn spill(&mut self, slot: Slot) {
        if let Slots::Inline(_, items) = self {
            let mut heap = Vec::with_capacity(INLINE_SLOTS * 4);
            heap.extend_from_slice(items);
            heap.push(slot);
            *self = Slots::Heap(heap);
        }
    }

    fn remove(&mut self, index: usize) {
        match self {
            Slots::Inline(len, items) => {
                items.copy_within(index + 1..*len as usize, index);
                *len -= 1;
            }
            Slots::Heap(heap) => {
                heap.remove(index);
            }
        }
    }
}

impl std::ops::Deref for Slots {
    type Target = [Slot];

    fn deref(&self) -> &[Slot] {
        match self {
            Slots::Inline(len, items) => &items[..*len as usize],
            Slots::Heap(heap) => heap,
        }
    }
}

impl std::ops::DerefMut for Slots {
    fn deref_mut(&mut self) -> &mut [Slot] {
        match self {
            Slots::Inline(len, items) => &mut items[..*len as usize],
            Slots::Heap(heap) => heap,
        }
    }
}

/// A line of a parsed header block that is not a field (an mbox `From ` line, a
/// continuation line before the first field, or a line skipped because only fields follow
/// it to the blank line), kept so the block can be written back.
#[derive(Clone, Copy, Debug)]
struct ExtraLine {
    /// The index of the field it precedes.
    at: u32,
    start: u32,
    end: u32,
}

/// What few maps need: bytes of fields added by edits, and non-field lines.
#[derive(Clone, Debug, Default)]
struct Rare {
    owned: Vec<u8>,
    extras: Vec<ExtraLine>,
    /// A line end written after the last non-field line, which had none (a block that is
    /// one unterminated line, given a body by an edit).
    extras_end: &'static [u8],
}

/// The MIME fields of a parsed block, read once by the parser while it decides what the
/// body is, so the accessors need not read them again. Offsets are into the block. Dropped
/// by any edit of the map.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct MimeCache {
    /// The first Content-Type field's type, subtype and parameters, when present and
    /// valid: `[type start, type end, subtype start, subtype end, parameters start,
    /// parameters end]`.
    pub(crate) content_type: Option<[u32; 6]>,
    /// The first Content-Transfer-Encoding as an [`encoding_code`]: 0 when absent,
    /// `u8::MAX` for a name that is not a known one (read from the field then).
    pub(crate) transfer_encoding: u8,
    /// Whether the type and subtype have no uppercase letter, so need no lowercasing.
    pub(crate) lowercase: bool,
}

/// A compact code for a known transfer encoding, for [`MimeCache`].
pub(crate) fn encoding_code(encoding: &TransferEncoding) -> u8 {
    match encoding {
        TransferEncoding::SevenBit => 1,
        TransferEncoding::EightBit => 2,
        TransferEncoding::Binary => 3,
        TransferEncoding::Base64 => 4,
        TransferEncoding::QuotedPrintable => 5,
        TransferEncoding::UuEncode => 6,
        TransferEncoding::Other(_) => u8::MAX,
    }
}

/// The transfer encoding a [`MimeCache`] code stands for; `None` for "read the field".
pub(crate) fn encoding_from_code(code: u8) -> Option<TransferEncoding> {
    Some(match code {
        0 | 1 => TransferEncoding::SevenBit,
        2 => TransferEncoding::EightBit,
        3 => TransferEncoding::Binary,
        4 => TransferEncoding::Base64,
        5 => TransferEncoding::QuotedPrintable,
        6 => TransferEncoding::UuEncode,
        _ => return None,
    })
}

/// The fields of a header block in their original order, duplicates included, with
/// case-insensitive lookup by name.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(b"Received: a\r\nreceived: b\r\nSubject: hi\r\n\r\n").unwrap();
/// let headers = msg.headers();
/// assert_eq!(headers.len(), 3);
/// assert_eq!(headers.get("RECEIVED").unwrap().as_bytes(), b" a");
/// let all: Vec<_> = headers.get_all("Received").map(|v| v.as_bytes()).collect();
/// assert_eq!(all, [&b" a"[..], b" b"]);
/// let names: Vec<_> = headers.iter().map(|f| f.name_str()).collect();
/// assert_eq!(names, ["Received", "received", "Subject"]);
/// ```
#[derive(Clone, Default)]
pub struct HeaderMap<'a> {
    /// The bytes the part was parsed from, starting with the header block (fields and
    /// non-field lines, no separator), which ends where its last line does.
    span: Bytes<'a>,
    slots: Slots,
    rare: Option<Box<Rare>>,
    /// The parser's MIME cache, and whether the fields were edited (then they no longer
    /// match the block byte for byte, and the cache is gone).
    mime: PackedMime,
}

/// A [`MimeCache`] in 16 bytes: the subtype and the parameters are found from the type's
/// start by short gaps (a cache whose lengths or gaps do not fit is not kept, and the
/// accessors read the field instead).
#[derive(Clone, Copy, Debug, Default)]
struct PackedMime {
    main_start: u32,
    rest_end: u32,
    sub_len: u16,
    /// A type name is a short token (at most 127 characters, RFC 6838 §4.2).
    main_len: u8,
    /// From the type's end to the subtype's start.
    sub_gap: u8,
    /// From the subtype's end to the parameters' start.
    rest_gap: u8,
    transfer_encoding: u8,
    /// [`PACKED_VALID`], [`PACKED_CONTENT_TYPE`], [`PACKED_LOWERCASE`], [`PACKED_EDITED`].
    flags: u8,
    /// Not part of the cache: the charset raw 8-bit bytes in the fields are read in, as a
    /// [`Charset::code`](crate::encoding::Charset) (0, windows-1252, unless the message
    /// was parsed with another [`ParseOptions::fallback_charset`](crate::ParseOptions::fallback_charset)).
    fallback: u8,
}

const PACKED_VALID: u8 = 1;
const PACKED_CONTENT_TYPE: u8 = 2;
const PACKED_LOWERCASE: u8 = 4;
/// Not part of the cache: set on a map whose fields were edited.
const PACKED_EDITED: u8 = 8;
/// Not part of the cache: the line end new fields get was set (by an edit of a parsed
/// message, to the message's own), and [`PACKED_LF`] says which.
const PACKED_LINE_END_SET: u8 = 16;
/// With [`PACKED_LINE_END_SET`]: new fields end in LF alone (else CRLF).
const PACKED_LF: u8 = 32;
/// The flags an edit or the parser's cache keeps.
const PACKED_LINE_END: u8 = PACKED_LINE_END_SET | PACKED_LF;

impl PackedMime {
    fn pack(mime: MimeCache) -> Self {
        let mut packed = PackedMime { transfer_encoding: mime.transfer_encoding, ..PackedMime::default() };
        packed.flags = PACKED_VALID | if mime.lowercase { PACKED_LOWERCASE } else { 0 };
        if let Some([a, b, c, d, e, f]) = mime.content_type {
            let fits = (u8::try_from(b - a), u16::try_from(d - c), u8::try_from(c - b), u8::try_from(e - d));
            let (Ok(main_len), Ok(sub_len), Ok(sub_gap), Ok(rest_gap)) = fits else {
                return PackedMime::default();
            };
            packed.flags |= PACKED_CONTENT_TYPE;
            (packed.main_start, packed.main_len, packed.sub_len) = (a, main_len, sub_len);
            (packed.sub_gap, packed.rest_gap, packed.rest_end) = (sub_gap, rest_gap, f);
        }
        packed
    }

    fn unpack(&self) -> Option<MimeCache> {
        if self.flags & PACKED_VALID == 0 {
            return None;
        }
        let content_type = (self.flags & PACKED_CONTENT_TYPE != 0).then(|| {
            let main_end = self.main_start + u32::from(self.main_len);
            let sub_start = main_end + u32::from(self.sub_gap);
            let sub_end = sub_start + u32::from(self.sub_len);
            [self.main_start, main_end, sub_start, sub_end, sub_end + u32::from(self.rest_gap), self.rest_end]
        });
        Some(MimeCache {
            content_type,
            transfer_encoding: self.transfer_encoding,
            lowercase: self.flags & PACKED_LOWERCASE != 0,
        })
    }
}

impl<'a> HeaderMap<'a> {
    /// An empty map.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::HeaderMap;
    ///
    /// let mut headers = HeaderMap::new();
    /// assert!(headers.is_empty());
    /// headers.append("X-Trace", "step 1")?;
    /// headers.append("X-Trace", "step 2")?;
    /// assert_eq!(headers.len(), 2);
    /// assert_eq!(headers.field_at(1).unwrap().raw(), b"X-Trace: step 2\r\n");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn new() -> Self {
        HeaderMap::default()
    }

    /// A map over a parsed header block, to be filled by [`push_parsed`](Self::push_parsed).
    /// The first few fields are held inline, so most parts parse with no allocation here.
    pub(crate) fn parsed(block: &'a [u8]) -> Self {
        HeaderMap {
            span: Bytes::Borrowed(block),
            slots: Slots::default(),
            rare: None,
            mime: PackedMime::default(),
        }
    }

    /// Sets the parsed block, once its end is known.
    pub(crate) fn set_block(&mut self, block: &'a [u8]) {
        self.span = Bytes::Borrowed(block);
    }

    /// Widens the span to the whole part, `part`, which starts with the block.
    pub(crate) fn set_part_span(&mut self, part: &'a [u8]) {
        debug_assert!(part.len() >= self.block().len());
        self.span = Bytes::Borrowed(part);
    }

    /// The bytes of the part this block was parsed from (empty for built maps).
    pub(crate) fn part_span(&self) -> &[u8] {
        &self.span
    }

    /// The part span, when it borrows the parsed input.
    pub(crate) fn borrowed_span(&self) -> Option<&'a [u8]> {
        match self.span {
            Bytes::Borrowed(b) => Some(b),
            Bytes::Shared(..) => None,
        }
    }

    /// The parsed header block.
    fn block(&self) -> &[u8] {
        let extras = self.rare.as_deref().map_or(&[][..], |r| &r.extras[..]);
        // Non-field lines come before the first field, so the last field ends the block.
        let end = match (self.slots.last(), extras.last()) {
            (Some(slot), _) if !slot.owned() => slot.end,
            (_, Some(extra)) => extra.end,
            _ => 0,
        };
        self.span.get(..end as usize).unwrap_or_default()
    }

    /// Records a parsed field by its offsets in the block and the first byte of its name.
    #[inline]
    pub(crate) fn push_parsed(&mut self, start: u32, name_end: u32, end: u32, first: u8) {
        debug_assert!(end < OWNED);
        self.slots.push(Slot::new(start, name_end, end, first));
    }

    /// Records a parsed line that is not a field, before the next field pushed.
    pub(crate) fn push_extra(&mut self, start: u32, end: u32) {
        let at = self.slots.len() as u32;
        self.rare.get_or_insert_with(Box::default).extras.push(ExtraLine { at, start, end });
    }

    /// Adds a field from its exact line: `name:value` and a line end. The name must be
    /// valid (`ftext`, so the first colon ends it) and the value safe to write.
    pub(crate) fn push_line(&mut self, line: &[u8]) {
        self.end_last_line();
        let slot = self.owned_slot(line);
        self.slots.push(slot);
        self.edited();
    }

    /// Gives the last field a line end when it has none (a block that ended at the end of
    /// the input, or where a delimiter line took the line end), so that a field added
    /// after it, or the blank line, starts a line of its own. With LF line ends a bare CR
    /// counts as none: the LF that follows would make it one CRLF line end.
    pub(crate) fn end_last_line(&mut self) {
        let lf = self.uses_lf();
        let line_end: &'static [u8] = if lf { b"\n" } else { b"\r\n" };
        let unended = |raw: &[u8]| chars::trailing_line_end_len(raw) == 0 || (lf && raw.ends_with(b"\r"));
        let Some(last) = self.slots.last() else {
            // Only non-field lines: the last of them gets the line end.
            let unended = self
                .rare
                .as_deref()
                .and_then(|r| r.extras.last())
                .is_some_and(|extra| unended(self.block_bytes(extra.start, extra.end)));
            if let Some(rare) = self.rare.as_deref_mut().filter(|_| unended) {
                rare.extras_end = line_end;
                self.edited();
            }
            return;
        };
        let raw = self.field(last).raw;
        if !unended(raw) {
            return;
        }
        let mut line = raw.to_vec();
        if lf && line.ends_with(b"\r") {
            // The bare CR becomes the LF every other line ends with, not a CRLF.
            line.pop();
        }
        line.extend_from_slice(line_end);
        let slot = self.owned_slot(&line);
        let at = self.slots.len() - 1;
        self.slots[at] = slot;
        self.edited();
    }

    fn owned_slot(&mut self, line: &[u8]) -> Slot {
        let rare = self.rare.get_or_insert_with(Box::default);
        let start = rare.owned.len();
        rare.owned.extend_from_slice(line);
        let colon = memchr::memchr(b':', line).unwrap_or(line.len());
        // The name ends before white space in front of the colon (RFC 5322 §4.5.8 obsolete
        // syntax, in a parsed field moved here), as the parser reads it.
        let name_end = colon - line[..colon].iter().rev().take_while(|&&b| chars::is(b, chars::WSP)).count();
        // Owned bytes stay far below 2 GiB: each line is at most 998 octets.
        let at = |n: usize| u32::try_from(start + n).unwrap_or(OWNED - 1).min(OWNED - 1);
        Slot::new(at(0) | OWNED, at(name_end), at(line.len()), line.first().copied().unwrap_or(0))
    }

    fn edited(&mut self) {
        let line_end = self.mime.flags & PACKED_LINE_END;
        let fallback = self.mime.fallback;
        self.mime = PackedMime { flags: PACKED_EDITED | line_end, fallback, ..PackedMime::default() };
    }

    /// The charset raw 8-bit bytes in the fields are read in (outside encoded words, and
    /// in encoded words whose charset is unknown), as a
    /// [`Charset::code`](crate::encoding::Charset).
    pub(crate) fn fallback(&self) -> u8 {
        self.mime.fallback
    }

    /// Sets [`fallback`](Self::fallback); edits keep it.
    pub(crate) fn set_fallback(&mut self, code: u8) {
        self.mime.fallback = code;
    }

    /// Makes the fields added from now on end in LF alone (`lf`) or in CRLF, the line
    /// ends of the message this map belongs to, whatever its first field ends with.
    pub(crate) fn set_line_ends(&mut self, lf: bool) {
        self.mime.flags =
            (self.mime.flags & !PACKED_LINE_END) | PACKED_LINE_END_SET | if lf { PACKED_LF } else { 0 };
    }

    /// Whether the fields no longer match the parsed block byte for byte.
    fn is_edited(&self) -> bool {
        self.mime.flags & PACKED_EDITED != 0
    }

    /// The first Content-Transfer-Encoding, `7bit` when absent: from what the parser read
    /// when it is a known name, else read from the field.
    pub(crate) fn transfer_encoding(&self) -> TransferEncoding {
        if let Some(known) = self.mime().and_then(|m| encoding_from_code(m.transfer_encoding)) {
            return known;
        }
        self.get("content-transfer-encoding")
            .map(|v| TransferEncoding::from_name(&v.unfolded()))
            .unwrap_or_default()
    }

    /// The MIME fields the parser read, while the map is as parsed.
    pub(crate) fn mime(&self) -> Option<MimeCache> {
        self.mime.unpack()
    }

    pub(crate) fn set_mime(&mut self, mime: MimeCache) {
        if !self.is_edited() {
            let (line_end, fallback) = (self.mime.flags & PACKED_LINE_END, self.mime.fallback);
            self.mime = PackedMime::pack(mime);
            self.mime.flags |= line_end;
            self.mime.fallback = fallback;
        }
    }

    /// Where `bytes`, a slice of the parsed block, starts in it.
    pub(crate) fn block_offset(&self, bytes: &[u8]) -> Option<u32> {
        let base = self.span.as_ptr() as usize;
        let at = bytes.as_ptr() as usize;
        (at >= base && at + bytes.len() <= base + self.span.len()).then(|| (at - base) as u32)
    }

    /// The parsed block's bytes from `start` to `end` (for [`MimeCache`] offsets).
    pub(crate) fn block_bytes(&self, start: u32, end: u32) -> &[u8] {
        self.span.get(start as usize..end as usize).unwrap_or_default()
    }

    fn field(&self, slot: &Slot) -> HeaderField<'_> {
        let source: &[u8] =
            if slot.owned() { self.rare.as_deref().map_or(&[][..], |r| &r.owned[..]) } else { &self.span };
        let (start, end) = (slot.start() as usize, slot.end as usize);
        let raw = &source[start..end];
        let name_len = slot.name_len(raw);
        // Just after the colon: at the name's end but for obsolete white space before it.
        let value_start = if raw.get(name_len) == Some(&b':') {
            name_len + 1
        } else {
            memchr::memchr(b':', raw).map_or(raw.len(), |colon| colon + 1)
        };
        let value_end = raw.len() - chars::trailing_line_end_len(raw);
        HeaderField {
            name: &raw[..name_len],
            value: &raw[value_start.min(value_end)..value_end],
            raw,
            fallback: self.mime.fallback,
        }
    }

    /// The field at `index`, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Return-Path: <a@example.com>\r\nReceived: from x\r\n\r\n")?;
    /// assert_eq!(msg.headers().field_at(0).unwrap().name_str(), "Return-Path");
    /// assert!(msg.headers().field_at(2).is_none());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn field_at(&self, index: usize) -> Option<HeaderField<'_>> {
        self.slots.get(index).map(|s| self.field(s))
    }

    /// The number of fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// // Repeated fields each count.
    /// let msg = Message::parse(b"Received: a\r\nReceived: b\r\nSubject: x\r\n\r\nbody")?;
    /// assert_eq!(msg.headers().len(), 3);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are no fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// // A part with no header fields at all: RFC 2046 lets it default to text/plain.
    /// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n")?;
    /// let part = &msg.body().as_multipart().unwrap().parts()[0];
    /// assert!(part.headers().is_empty());
    /// assert!(!msg.headers().is_empty());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The value of the first field named `name` (ASCII case ignored).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Received: newest\r\nReceived: oldest\r\nX-Spam-Score: 0.3\r\n\r\n")?;
    /// assert_eq!(msg.headers().get("received").unwrap().as_bytes(), b" newest");
    /// assert_eq!(msg.headers().get("x-spam-score").unwrap().to_str_lossy(), "0.3");
    /// assert!(msg.headers().get("Subject").is_none());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    #[inline]
    pub fn get(&self, name: &str) -> Option<HeaderValue<'_>> {
        let wanted = Wanted::new(name.as_bytes());
        self.slots.iter().find(|s| self.slot_is(s, &wanted)).map(|s| self.field(s).value())
    }

    /// The values of every field named `name`, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Received: from c by d\r\nSubject: x\r\nReceived: from a by b\r\n\r\n")?;
    /// let hops: Vec<_> = msg.headers().get_all("RECEIVED").map(|v| v.to_str_lossy()).collect();
    /// assert_eq!(hops, ["from c by d", "from a by b"]);
    /// assert_eq!(msg.headers().get_all("Cc").count(), 0);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn get_all<'m, 'n>(
        &'m self,
        name: &'n str,
    ) -> impl Iterator<Item = HeaderValue<'m>> + use<'m, 'n, 'a> {
        let wanted = Wanted::new(name.as_bytes());
        self.slots.iter().filter(move |s| self.slot_is(s, &wanted)).map(|s| self.field(s).value())
    }

    /// Whether the field in `slot` is named `wanted` (ASCII case ignored): most fields
    /// are told apart by their length and first byte, kept in the slot, without reading
    /// their name.
    #[inline]
    fn slot_is(&self, slot: &Slot, wanted: &Wanted<'_>) -> bool {
        ((slot.name_len == wanted.len && slot.key == wanted.key) || slot.name_len == LONG_NAME)
            && self.slot_name_is(slot, wanted.name)
    }

    /// Whether the name of the field in `slot` is `name` (ASCII case ignored), read
    /// without making the whole field.
    #[inline(never)]
    fn slot_name_is(&self, slot: &Slot, name: &[u8]) -> bool {
        let source: &[u8] =
            if slot.owned() { self.rare.as_deref().map_or(&[][..], |r| &r.owned[..]) } else { &self.span };
        let start = slot.start() as usize;
        let raw = source.get(start..slot.end as usize).unwrap_or_default();
        raw.get(..slot.name_len(raw)).is_some_and(|n| name_is(n, name))
    }

    /// Whether a field named `name` exists.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"MIME-Version: 1.0\r\nList-Unsubscribe: <mailto:u@example.com>\r\n\r\n")?;
    /// assert!(msg.headers().contains("list-unsubscribe"));
    /// assert!(!msg.headers().contains("List-Id"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every field, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"From: a@example.com\r\nTo: b@example.org\r\nSubject: Hi\r\n\r\n")?;
    /// let fields: Vec<(&str, String)> =
    ///     msg.headers().iter().map(|f| (f.name_str(), f.value().to_str_lossy().into_owned())).collect();
    /// assert_eq!(fields[2], ("Subject", "Hi".to_owned()));
    /// // The iterator runs backwards too.
    /// assert_eq!(msg.headers().iter().next_back().unwrap().name_str(), "Subject");
    /// // `&HeaderMap` is `IntoIterator`.
    /// for field in msg.headers() {
    ///     assert!(!field.name_str().is_empty());
    /// }
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn iter(&self) -> Fields<'_> {
        Fields { map: self, slots: self.slots.iter() }
    }

    /// Adds a field after the last one. `value` is text: it is folded, and RFC 2047 encoded
    /// where it is not printable ASCII, so it can never add a line of its own.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidHeaderName`](crate::ErrorKind::InvalidHeaderName) for a bad name;
    /// [`ErrorKind::DuplicateHeader`](crate::ErrorKind::DuplicateHeader) for a second
    /// From, Subject, Date, Message-ID, To, Content-Type, ... (a field a header holds
    /// once: [`insert`](Self::insert) replaces it).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n";
    /// let mut msg = Message::parse(input).unwrap();
    /// msg.headers_mut().append("X-Tag", "café").unwrap();
    /// assert_eq!(
    ///     msg.to_bytes(),
    ///     b"From: a@example.com\r\nSubject: hi\r\nX-Tag: =?UTF-8?B?Y2Fmw6k=?=\r\n\r\nbody\r\n"
    /// );
    /// ```
    pub fn append(&mut self, name: &str, value: &str) -> Result<(), crate::Error> {
        self.check_single(name)?;
        let (_, line) = self.text_line(name, value)?;
        self.push_line(&line);
        Ok(())
    }

    /// Adds a field whose value is written as given (already structured and encoded, such
    /// as an address list). Long values are folded at white space.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidHeaderName`](crate::ErrorKind::InvalidHeaderName) for a bad name;
    /// [`ErrorKind::InvalidHeaderValue`](crate::ErrorKind::InvalidHeaderValue) for a value
    /// with CR, LF or NUL, or one that cannot be folded under 998 octets a line;
    /// [`ErrorKind::DuplicateHeader`](crate::ErrorKind::DuplicateHeader) as for
    /// [`append`](Self::append).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, Message};
    ///
    /// let mut msg = Message::parse(b"From: a@example.com\r\n\r\nbody")?;
    /// // A structured value, written as given.
    /// msg.headers_mut().append_raw("List-Unsubscribe", "<mailto:leave@example.com?subject=unsubscribe>")?;
    /// assert_eq!(
    ///     msg.to_bytes(),
    ///     b"From: a@example.com\r\nList-Unsubscribe: <mailto:leave@example.com?subject=unsubscribe>\r\n\r\nbody"
    /// );
    /// let err = msg.headers_mut().append_raw("X-Bad", "one\r\nBcc: evil@example.com").unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::InvalidHeaderValue);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn append_raw(&mut self, name: &str, value: &str) -> Result<(), crate::Error> {
        self.check_single(name)?;
        let (_, line) = self.raw_line(name, value)?;
        self.push_line(&line);
        Ok(())
    }

    /// Refuses to add a second field that a header holds once.
    fn check_single(&self, name: &str) -> Result<(), crate::Error> {
        if crate::build::header::is_single_instance(name) && self.contains(name) {
            return Err(crate::Error::new(crate::ErrorKind::DuplicateHeader, None).with_value(name));
        }
        Ok(())
    }

    /// Sets the field `name` to `value` (text, as [`append`](Self::append)): the first such
    /// field is rewritten in place and any others are removed; with none, the field is
    /// appended. Other fields keep their bytes.
    ///
    /// # Errors
    ///
    /// As [`append`](Self::append).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let mut msg = Message::parse(b"X-Status: new\r\nSubject: hi\r\nX-Status: seen\r\n\r\nbody")?;
    /// msg.headers_mut().insert("x-status", "answered")?;
    /// // The first field rewritten where it stood, the second removed.
    /// assert_eq!(msg.to_bytes(), b"x-status: answered\r\nSubject: hi\r\n\r\nbody");
    /// msg.headers_mut().insert("Keywords", "urgent")?;
    /// assert_eq!(msg.to_bytes(), b"x-status: answered\r\nSubject: hi\r\nKeywords: urgent\r\n\r\nbody");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn insert(&mut self, name: &str, value: &str) -> Result<(), crate::Error> {
        let (name, line) = self.text_line(name, value)?;
        self.put(&name, &line);
        Ok(())
    }

    /// Sets the field `name` to a value written as given (see
    /// [`append_raw`](Self::append_raw)), in place of the first such field.
    ///
    /// # Errors
    ///
    /// As [`append_raw`](Self::append_raw).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let mut msg = Message::parse(b"To: old@example.org\r\nSubject: hi\r\n\r\nbody")?;
    /// msg.headers_mut().insert_raw("To", "\"Doe, Jane\" <jane@example.org>")?;
    /// assert_eq!(msg.to_bytes(), b"To: \"Doe, Jane\" <jane@example.org>\r\nSubject: hi\r\n\r\nbody");
    /// assert_eq!(msg.to().mailboxes().next().unwrap().name(), Some("Doe, Jane"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn insert_raw(&mut self, name: &str, value: &str) -> Result<(), crate::Error> {
        let (name, line) = self.raw_line(name, value)?;
        self.put(&name, &line);
        Ok(())
    }

    /// Removes every field named `name`; returns how many there were.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let mut msg = Message::parse(b"X-Spam: yes\r\nSubject: hi\r\nx-spam: really\r\n\r\nbody")?;
    /// assert_eq!(msg.headers_mut().remove("X-Spam"), 2);
    /// assert_eq!(msg.headers_mut().remove("X-Spam"), 0);
    /// assert_eq!(msg.to_bytes(), b"Subject: hi\r\n\r\nbody");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn remove(&mut self, name: &str) -> usize {
        let mut removed = 0;
        let mut i = 0;
        while i < self.slots.len() {
            if self.field(&self.slots[i]).is(name) {
                self.remove_at(i);
                removed += 1;
            } else {
                i += 1;
            }
        }
        removed
    }

    /// Removes field `i`, keeping the non-field lines where they stand, except a line the
    /// parser skipped because fields followed it: read again with no field after it, it
    /// would start the body. It moves before the last field left, or, when no field is
    /// left, goes (a block of no fields cannot hold it).
    fn remove_at(&mut self, i: usize) {
        self.slots.remove(i);
        self.edited();
        let len = self.slots.len() as u32;
        let span = &self.span;
        if let Some(rare) = self.rare.as_deref_mut() {
            rare.extras.retain_mut(|extra| {
                if extra.at as usize > i {
                    extra.at -= 1;
                }
                if extra.at < len {
                    return true;
                }
                let line = span.get(extra.start as usize..extra.end as usize).unwrap_or_default();
                // An mbox `From ` line or a leading continuation line reads back as one
                // before the first field or the blank line too.
                let kept_alone =
                    line.starts_with(b"From ") || line.first().is_some_and(|&b| b == b' ' || b == b'\t');
                if len == 0 {
                    return kept_alone;
                }
                extra.at = len - 1;
                true
            });
        }
    }

    fn put(&mut self, name: &HeaderName<'_>, line: &[u8]) {
        match self.iter().position(|f| f.is(name.as_str())) {
            Some(at) => {
                let slot = self.owned_slot(line);
                self.slots[at] = slot;
                self.edited();
                // Remove the later duplicates only.
                let mut i = at + 1;
                while i < self.slots.len() {
                    if self.field(&self.slots[i]).is(name.as_str()) {
                        self.remove_at(i);
                    } else {
                        i += 1;
                    }
                }
            }
            None => self.push_line(line),
        }
    }

    /// Whether new lines end in LF alone: as set by [`set_line_ends`](Self::set_line_ends),
    /// else as the first field's line does.
    pub(crate) fn uses_lf(&self) -> bool {
        if self.mime.flags & PACKED_LINE_END_SET != 0 {
            return self.mime.flags & PACKED_LF != 0;
        }
        self.iter().next().is_some_and(|f| f.raw.ends_with(b"\n") && !f.raw.ends_with(b"\r\n"))
    }

    fn text_line(&self, name: &str, value: &str) -> Result<(HeaderName<'static>, Vec<u8>), crate::Error> {
        let name = editable_name(name)?;
        let folded = crate::build::header::unstructured(name.as_str().len(), value, false);
        let line = crate::build::header::field_line(&name, &folded, self.uses_lf());
        Ok((name, checked_line(line, value)?))
    }

    fn raw_line(&self, name: &str, value: &str) -> Result<(HeaderName<'static>, Vec<u8>), crate::Error> {
        let name = editable_name(name)?;
        let folded =
            crate::build::header::raw_value(name.as_str().len(), value).map_err(|e| e.with_value(value))?;
        let line = crate::build::header::field_line(&name, &folded, self.uses_lf());
        Ok((name, checked_line(line, value)?))
    }

    /// Writes the block's lines (fields and kept non-field lines) in their order.
    /// Whether [`write_raw`](Self::write_raw) writes no byte: no field and no other line.
    pub(crate) fn writes_nothing(&self) -> bool {
        if !self.is_edited() {
            return self.block().is_empty();
        }
        self.slots.is_empty() && self.rare.as_ref().is_none_or(|r| r.extras.is_empty())
    }

    pub(crate) fn write_raw(&self, out: &mut Vec<u8>) {
        if !self.is_edited() {
            out.extend_from_slice(self.block());
            return;
        }
        let (extras, extras_end) =
            self.rare.as_deref().map_or((&[][..], &[][..]), |r| (&r.extras[..], r.extras_end));
        let mut extras = extras.iter().enumerate().peekable();
        let count = extras.len();
        let write_extra = |out: &mut Vec<u8>, (n, extra): (usize, &ExtraLine)| {
            out.extend_from_slice(self.block_bytes(extra.start, extra.end));
            if n + 1 == count {
                out.extend_from_slice(extras_end);
            }
        };
        for (i, slot) in self.slots.iter().enumerate() {
            while let Some(extra) = extras.next_if(|(_, e)| e.at as usize <= i) {
                write_extra(out, extra);
            }
            out.extend_from_slice(self.field(slot).raw);
        }
        for extra in extras {
            write_extra(out, extra);
        }
    }

    pub(crate) fn into_static(self, shared: &SharedInput<'_>) -> HeaderMap<'static> {
        HeaderMap { span: self.span.into_static(shared), slots: self.slots, rare: self.rare, mime: self.mime }
    }
}

/// The longest field name an edit accepts: with `": "` and one 75-character encoded word
/// the first line stays within 998 octets.
const MAX_NAME: usize = crate::build::header::MAX_LINE - 2 - 75;

/// A caller's field name for an edit: `ftext`, and short enough for one line.
fn editable_name(name: &str) -> Result<HeaderName<'static>, crate::Error> {
    let invalid = || crate::Error::new(crate::ErrorKind::InvalidHeaderName, None).with_value(name);
    if name.len() > MAX_NAME {
        return Err(invalid());
    }
    HeaderName::new(name.to_owned()).map_err(|_| invalid())
}

/// `line`, a field written for an edit, once it is known to be one field of lines of at
/// most 998 octets; else an error naming `value`.
fn checked_line(line: Vec<u8>, value: &str) -> Result<Vec<u8>, crate::Error> {
    let too_long = line
        .split(|&b| b == b'\n')
        .any(|l| l.strip_suffix(b"\r").unwrap_or(l).len() > crate::build::header::MAX_LINE);
    if too_long {
        return Err(crate::Error::new(crate::ErrorKind::InvalidHeaderValue, None).with_value(value));
    }
    Ok(line)
}

/// Whether the field name `field` is `name`, ignoring ASCII case: a word at a time
/// ([`chars::is_name`]) for a `name` of lowercase letters, digits and `-` (as every
/// lookup the crate makes), byte by byte for any other.
#[inline]
fn name_is(field: &[u8], name: &[u8]) -> bool {
    if field.len() != name.len() {
        return false;
    }
    if !name.iter().all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return field.eq_ignore_ascii_case(name);
    }
    chars::is_name(field, name)
}

/// A name looked up, with what [`HeaderMap::slot_is`] compares first: its length as a
/// [`Slot::name_len`], and its first byte lowercased as a [`Slot::key`].
struct Wanted<'n> {
    name: &'n [u8],
    /// [`LONG_NAME`] for a name no short slot can have: one of 65,535 bytes or more, and
    /// the empty one, which no field has.
    len: u16,
    key: u8,
}

impl<'n> Wanted<'n> {
    #[inline]
    fn new(name: &'n [u8]) -> Self {
        let len = u16::try_from(name.len()).ok().filter(|&n| n != 0 && n != LONG_NAME);
        let key = name.first().map_or(0, u8::to_ascii_lowercase);
        Wanted { name, len: len.unwrap_or(LONG_NAME), key }
    }
}

impl<'m> IntoIterator for &'m HeaderMap<'_> {
    type Item = HeaderField<'m>;
    type IntoIter = Fields<'m>;

    fn into_iter(self) -> Fields<'m> {
        self.iter()
    }
}

/// The fields of a [`HeaderMap`], in order: see [`HeaderMap::iter`].
///
/// # Examples
///
/// ```
/// use mailmime::{Fields, Message};
///
/// let msg = Message::parse(b"A: 1\r\nB: 2\r\nC: 3\r\n\r\n")?;
/// let fields: Fields<'_> = msg.headers().iter();
/// assert_eq!(fields.len(), 3);
/// let reversed: Vec<&str> = fields.rev().map(|f| f.name_str()).collect();
/// assert_eq!(reversed, ["C", "B", "A"]);
/// # Ok::<(), mailmime::Error>(())
/// ```
#[derive(Clone)]
pub struct Fields<'m> {
    map: &'m HeaderMap<'m>,
    slots: std::slice::Iter<'m, Slot>,
}

impl<'m> Iterator for Fields<'m> {
    type Item = HeaderField<'m>;

    fn next(&mut self) -> Option<HeaderField<'m>> {
        self.slots.next().map(|s| self.map.field(s))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.slots.size_hint()
    }
}

impl DoubleEndedIterator for Fields<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.slots.next_back().map(|s| self.map.field(s))
    }
}

impl ExactSizeIterator for Fields<'_> {}

impl fmt::Debug for HeaderMap<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn mime_cache_packs_and_unpacks_exactly() {
        let mime =
            MimeCache { content_type: Some([14, 18, 19, 24, 24, 40]), transfer_encoding: 4, lowercase: true };
        let back = PackedMime::pack(mime).unpack().unwrap();
        assert_eq!((back.content_type, back.transfer_encoding, back.lowercase), (mime.content_type, 4, true));
        let none = MimeCache { content_type: None, transfer_encoding: 0, lowercase: false };
        assert_eq!(PackedMime::pack(none).unpack().unwrap().content_type, None);
        // A gap too wide for the packed form is not cached at all.
        let wide = MimeCache { content_type: Some([0, 4, 300, 305, 305, 310]), ..mime };
        assert!(PackedMime::pack(wide).unpack().is_none());
        // So is a type name longer than a media type's 127 characters can be.
        let long = MimeCache { content_type: Some([0, 256, 257, 262, 262, 270]), ..mime };
        assert!(PackedMime::pack(long).unpack().is_none());
        assert!(PackedMime::default().unpack().is_none());
    }

    #[test]
    fn a_field_moved_with_white_space_before_its_colon_keeps_its_name() {
        let parsed = crate::Message::parse(b"Content-Type \t: text/html\r\n\r\nx").unwrap();
        let mut moved = HeaderMap::new();
        for field in parsed.headers().iter() {
            moved.push_line(field.raw());
        }
        let field = moved.iter().next().unwrap();
        assert_eq!((field.name_str(), field.raw()), ("Content-Type", &b"Content-Type \t: text/html\r\n"[..]));
        assert_eq!(moved.get("content-type").unwrap().as_bytes(), b" text/html");
    }

    #[test]
    fn the_fallback_charset_outlives_edits_and_the_parsers_cache() {
        let mut map = HeaderMap::parsed(b"Subject: \xf0\xd2\xc9\xd7\xc5\xd4\r\n");
        map.push_parsed(0, 7, 17, b'S');
        let koi8 = crate::encoding::Charset::for_label(b"koi8-r").unwrap();
        map.set_fallback(koi8.code());
        map.set_mime(MimeCache::default());
        assert_eq!(map.get("subject").unwrap().decoded(), "Привет");
        map.append("X-A", "b").unwrap();
        assert_eq!(map.fallback(), koi8.code());
        assert_eq!(map.iter().next().unwrap().value().decoded(), "Привет");
        assert_eq!(map.get("x-a").unwrap().fallback_charset(), koi8);
    }

    #[test]
    fn lookups_find_short_long_and_no_names() {
        let long = "X".repeat(usize::from(LONG_NAME) + 3);
        let longest_short = "Y".repeat(usize::from(LONG_NAME) - 1);
        let input = format!(
            "Subject: a\r\nsubject: b\r\nSUBJ: c\r\n{long}: d\r\n{longest_short}: e\r\nDate: f\r\n\r\n"
        );
        let options = crate::ParseOptions::default().max_header_bytes(1 << 20);
        let msg = crate::Message::parse_with(input.as_bytes(), &options).unwrap();
        let map = msg.headers();
        let all = |name: &str| map.get_all(name).map(|v| v.as_bytes().to_vec()).collect::<Vec<_>>();
        assert_eq!(all("SUBJECT"), [b" a".to_vec(), b" b".to_vec()]);
        assert_eq!(all("subj"), [b" c".to_vec()]);
        assert_eq!(all(&long.to_lowercase()), [b" d".to_vec()]);
        assert_eq!(all(&longest_short), [b" e".to_vec()]);
        assert!(all(&long[1..]).is_empty());
        assert!(all(&format!("{long}X")).is_empty());
        assert!(map.get("").is_none());
        assert!(!map.contains("dat"));
        assert!(map.contains("date"));
        // Each lookup agrees with comparing every field's name.
        for name in ["subject", "SUBJ", "date", "", "x", &long, &longest_short] {
            let slow: Vec<&[u8]> =
                map.iter().filter(|f| f.is(name) && !name.is_empty()).map(|f| f.value().as_bytes()).collect();
            assert_eq!(map.get_all(name).map(|v| v.as_bytes()).collect::<Vec<_>>(), slow, "{}", name.len());
        }
    }

    #[test]
    fn slot_name_lengths_from_sixteen_bits_up_are_long() {
        for (len, expected) in
            [(0, 0), (7, 7), (65_534, 65_534), (65_535, LONG_NAME), (65_536, LONG_NAME), (1 << 30, LONG_NAME)]
        {
            for start in [0, 5 | OWNED] {
                let slot = Slot::new(start, (start & !OWNED) + len, 0, b'S');
                assert_eq!((slot.name_len, slot.key), (expected, b's'), "{len} {start}");
            }
        }
    }

    #[test]
    fn names_match_in_any_case() {
        assert!(name_is(b"Content-Transfer-Encoding", b"content-transfer-encoding"));
        assert!(name_is(b"CONTENT-TYPE", b"content-type"));
        assert!(!name_is(b"Content-Typf", b"content-type"));
        assert!(name_is(b"X_Y", b"x_y"));
        assert!(!name_is(b"Subject", b"subjects"));
    }

    proptest! {
        #[test]
        fn name_is_agrees_with_eq_ignore_ascii_case(
            field in proptest::collection::vec(33u8..127, 0..30),
            name in "[a-z0-9_:-]{0,30}",
        ) {
            // Field names are ftext (printable ASCII but `:`).
            prop_assert_eq!(name_is(&field, name.as_bytes()), field.eq_ignore_ascii_case(name.as_bytes()));
            let lower = field.to_ascii_lowercase();
            prop_assert!(name_is(&field, &lower));
        }
    }
}
