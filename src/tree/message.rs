//! `Message`: a parsed or built RFC 5322 message.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use crate::build::{MimePart, PartMut, edit};
use crate::bytes::{Bytes, SharedInput};
use crate::encoding::Charset;
use crate::error::{Defect, Error};
use crate::header::{HeaderMap, TransferEncoding};
use crate::options::ParseOptions;
use crate::tree::Part;

/// An RFC 5322 message: the root [`Part`] of a MIME tree.
///
/// `Message` dereferences to its root part, so every [`Part`] accessor
/// (`headers()`, `content_type()`, `body()`, ...) works on it directly.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let input = b"Subject: hi\r\nContent-Type: text/plain\r\n\r\nHello\r\n";
/// let msg = Message::parse(input).unwrap();
/// assert_eq!(msg.headers().get("subject").unwrap().as_bytes(), b" hi");
/// assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), b"Hello\r\n");
/// assert_eq!(msg.to_bytes(), input);
/// ```
pub struct Message<'a> {
    root: Part<'a>,
    /// For an embedded message that was transfer-encoded: the encoded body it was decoded
    /// from, written back in its place.
    encoded: Option<Bytes<'a>>,
    /// For an embedded message edited after being decoded from a transfer encoding: how to
    /// write it encoded again (then `encoded` is stale).
    pub(crate) reencode: Option<Reencode>,
}

/// How an embedded message that was edited after being decoded is written: in the part's
/// transfer encoding again, with the line ends of the message around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reencode {
    pub(crate) encoding: TransferEncoding,
    pub(crate) lf: bool,
}

/// A deep copy, made without recursion as [`Part`]'s is, so it works on trees of any
/// depth. Edits to the copy leave the original as it was.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let input = b"Subject: hi\r\n\r\nbody\r\n";
/// let msg = Message::parse(input).unwrap();
/// let mut copy = msg.clone();
/// copy.headers_mut().insert("Subject", "changed").unwrap();
/// assert_eq!(msg.to_bytes(), input);
/// assert_eq!(copy.to_bytes(), b"Subject: changed\r\n\r\nbody\r\n");
/// ```
impl Clone for Message<'_> {
    fn clone(&self) -> Self {
        self.clone_with_root(self.root.clone())
    }
}

impl<'a> Message<'a> {
    /// Parses a message with the default [`ParseOptions`].
    ///
    /// Malformed input is not an error: the parser recovers and records
    /// [`Defect`]s. With default options this fails only for an input of 4 GiB or more.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded) with
    /// [`Limit::InputBytes`](crate::Limit::InputBytes) for an input of 4 GiB or more
    /// (offsets in the tree are 32 bits); otherwise only with
    /// [`ParseOptions::error_on_limit`] set (see [`parse_with`](Self::parse_with)).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message};
    ///
    /// let eml = b"From: Ana <ana@example.com>\r\n\
    /// To: bob@example.org\r\n\
    /// Subject: Lunch?\r\n\
    /// \r\n\
    /// Noon at the usual place?\r\n";
    /// let msg = Message::parse(eml)?;
    /// assert_eq!(msg.subject().as_deref(), Some("Lunch?"));
    /// assert_eq!(msg.body_text().as_deref(), Some("Noon at the usual place?\r\n"));
    /// assert_eq!(msg.defects().count(), 0);
    ///
    /// // Broken mail parses too; what was wrong is recorded.
    /// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\ncut off")?;
    /// assert_eq!(msg.defects().next().unwrap().kind(), DefectKind::CloseBoundaryNotFound);
    /// assert_eq!(msg.body_text().as_deref(), Some("cut off"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn parse(input: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with(input, &ParseOptions::default())
    }

    /// Parses a message with the given options.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded) when a limit is
    /// reached and [`ParseOptions::error_on_limit`] is set, and always for an input of
    /// 4 GiB or more ([`Limit::InputBytes`](crate::Limit::InputBytes)).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, Limit, Message, ParseOptions};
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n1\r\n--b\r\n\r\n2\r\n--b--\r\n";
    /// // Refuse, rather than recover from, a message with more parts than expected.
    /// let strict = ParseOptions::default().max_parts(2).error_on_limit(true);
    /// let err = Message::parse_with(input, &strict).unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::LimitExceeded(Limit::Parts));
    /// assert!(Message::parse_with(input, &ParseOptions::default()).is_ok());
    /// ```
    pub fn parse_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, Error> {
        let mut root = super::assemble::message(input, options)?;
        if options.fallback_charset != Charset::WINDOWS_1252 {
            // The parser gives every part the default; only another one costs a walk.
            root.set_fallback_below(options.fallback_charset.code());
        }
        Ok(Message::from_root(root))
    }

    /// Parses `input[range]` into a message that shares `input` instead of copying it.
    pub(crate) fn parse_shared(
        input: Arc<Vec<u8>>,
        range: Range<usize>,
        options: &ParseOptions,
    ) -> Result<Message<'static>, Error> {
        let shared = SharedInput::from_shared(&input);
        let Message { root, .. } = Message::parse_with(&input[range], options)?;
        Ok(Message::from_root(root.into_static(&shared)))
    }

    pub(crate) fn from_root(root: Part<'a>) -> Self {
        Message { root, encoded: None, reencode: None }
    }

    pub(crate) fn from_encoded(root: Part<'a>, encoded: Bytes<'a>) -> Self {
        Message { root, encoded: Some(encoded), reencode: None }
    }

    /// For an embedded message that was transfer-encoded (base64, quoted-printable): the
    /// encoded bytes it was decoded from. Offsets and raw spans inside such a message refer
    /// to the decoded bytes. After an edit inside the message these are the bytes as
    /// parsed; the message is written encoded anew.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// // A forwarded message sent in base64, which RFC 2045 §6.4 does not allow but mailers do.
    /// let input = b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n\
    /// U3ViamVjdDogaGkNCg0KYm9keQ0K\r\n";
    /// let msg = Message::parse(input)?;
    /// let embedded = msg.body().as_message().unwrap();
    /// assert_eq!(embedded.subject().as_deref(), Some("hi"));
    /// assert_eq!(embedded.encoded(), Some(&b"U3ViamVjdDogaGkNCg0KYm9keQ0K\r\n"[..]));
    /// assert_eq!(embedded.to_bytes(), b"Subject: hi\r\n\r\nbody\r\n");
    /// assert_eq!(msg.encoded(), None);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn encoded(&self) -> Option<&[u8]> {
        self.encoded.as_deref()
    }

    /// A copy of this message around `root` (a copy of its root).
    pub(crate) fn clone_with_root(&self, root: Part<'a>) -> Self {
        Message { root, encoded: self.encoded.clone(), reencode: self.reencode.clone() }
    }

    pub(crate) fn take_encoded(&mut self) -> Option<Bytes<'a>> {
        self.encoded.take()
    }

    /// The root part.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, Part};
    ///
    /// let msg = Message::parse(b"Subject: hi\r\n\r\nbody")?;
    /// // `Message` dereferences to its root, so this is rarely needed; it names the `Part`.
    /// let root: &Part<'_> = msg.root();
    /// assert_eq!(root.subject(), msg.subject());
    /// assert_eq!(root.offset(), 0);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn root(&self) -> &Part<'a> {
        &self.root
    }

    pub(crate) fn root_mut(&mut self) -> &mut Part<'a> {
        &mut self.root
    }

    /// Every defect in the message, depth-first, including those of embedded messages.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message};
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\
    /// Content-Transfer-Encoding: base64\r\n\r\naGVsbG8*\r\n--b\r\nBad header line\r\n\r\nx\r\n";
    /// let msg = Message::parse(input)?;
    /// let kinds: Vec<DefectKind> = msg.defects().map(|d| d.kind()).collect();
    /// assert_eq!(kinds, [DefectKind::CloseBoundaryNotFound, DefectKind::MissingHeaderBodySeparator]);
    /// // Decoding errors are found when the body is decoded.
    /// let base64_part = &msg.body().as_multipart().unwrap().parts()[0];
    /// let (_, decode_defects) = base64_part.text_with_fallback(mailmime::encoding::Charset::US_ASCII);
    /// assert_eq!(decode_defects[0].kind(), DefectKind::InvalidBase64Characters);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn defects(&self) -> impl Iterator<Item = &Defect> + '_ {
        self.root.parts().flat_map(|p| p.defects().iter())
    }

    /// The message as bytes. A parsed message that was not changed gives back exactly
    /// its input.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// // Odd folding, LF line ends, an unknown field: all written back as they were.
    /// let input = b"X-Odd:   spaced\n\tfolded\nSubject: hi\n\nbody";
    /// let mut msg = Message::parse(input)?;
    /// assert_eq!(msg.to_bytes(), input);
    /// // After an edit, only what was edited is written anew.
    /// msg.headers_mut().insert("Subject", "hello")?;
    /// assert_eq!(msg.to_bytes(), b"X-Odd:   spaced\n\tfolded\nSubject: hello\n\nbody");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.root.raw().map_or(0, <[u8]>::len));
        self.root.write_into(&mut out);
        out
    }

    /// Writes the message (see [`to_bytes`](Self::to_bytes)).
    ///
    /// # Errors
    ///
    /// Any error of `writer`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").subject("Saved").text("hi").build().unwrap();
    /// let mut file = Vec::new(); // or a `std::fs::File`
    /// msg.write_to(&mut file)?;
    /// assert_eq!(file, msg.to_bytes());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn write_to(&self, writer: &mut impl std::io::Write) -> std::io::Result<()> {
        writer.write_all(&self.to_bytes())
    }

    /// The top-level header fields, for editing. New fields get the message's line ends
    /// (LF alone or CRLF).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Subject: old\r\nX-Spam: yes\r\nTo: b@example.org\r\n\r\nbody";
    /// let mut msg = Message::parse(input).unwrap();
    /// msg.headers_mut().insert("Subject", "new").unwrap();
    /// msg.headers_mut().remove("X-Spam");
    /// assert_eq!(msg.to_bytes(), b"Subject: new\r\nTo: b@example.org\r\n\r\nbody");
    /// ```
    pub fn headers_mut(&mut self) -> &mut HeaderMap<'a> {
        edit::headers_mut(&mut self.root)
    }

    /// The part at depth-first position `index` (as [`Part::parts`] counts them, the root
    /// being 0), for editing: see [`PartMut`]. `None` past the last part.
    ///
    /// Positions come from `parts().enumerate()`, or, for attachments, from
    /// [`attachment_indices`](Part::attachment_indices).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\
    /// Content-Type: text/plain\r\n\r\nold\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>old</p>\r\n--b--\r\n";
    /// let mut msg = Message::parse(input)?;
    /// // Depth-first positions, as `parts()` counts them: 0 is the root.
    /// let html = msg.parts().position(|p| p.content_type().is("text/html")).unwrap();
    /// assert_eq!(html, 2);
    /// msg.part_mut(html).unwrap().set_text("<p>new</p>")?;
    /// assert_eq!(msg.html_body().unwrap().text(), "<p>new</p>");
    /// assert_eq!(msg.text_body().unwrap().text(), "old");
    /// assert!(msg.part_mut(3).is_none());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn part_mut(&mut self, index: usize) -> Option<PartMut<'_, 'a>> {
        edit::part_mut(&mut self.root, index)
    }

    /// Replaces the part at depth-first position `index` (not the root) with a new part
    /// built from `part`, with the message's line ends; returns the old one. The enclosing
    /// delimiters stay as they were.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`](crate::ErrorKind::NoSuchPart) for the root or an index
    /// past the last part; the builder's errors for `part`;
    /// [`ErrorKind::InvalidTransferEncoding`](crate::ErrorKind::InvalidTransferEncoding) for
    /// a `message/*` or `multipart/*` part in a transfer encoding other than 7bit, 8bit or
    /// binary; [`ErrorKind::BoundaryInContent`](crate::ErrorKind::BoundaryInContent) if the
    /// new part's bytes hold a delimiter line of any enclosing multipart (the error names
    /// the boundary). Parsed multiparts are never re-bounded; on an error the message is
    /// unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, MimePart};
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nkeep\r\n--b\r\nContent-Type: application/zip\r\n\r\nPK...\r\n--b--\r\n";
    /// let mut msg = Message::parse(input).unwrap();
    /// msg.replace_part(2, MimePart::text("plain", "[attachment removed]")).unwrap();
    /// assert_eq!(
    ///     msg.to_bytes(),
    ///     b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nkeep\r\n--b\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n[attachment removed]\r\n--b--\r\n"
    /// );
    /// ```
    pub fn replace_part(&mut self, index: usize, part: MimePart) -> Result<Part<'a>, Error> {
        edit::replace_part(&mut self.root, index, part)
    }

    /// Removes the part at depth-first position `index` from its multipart; returns it.
    ///
    /// The parts after it move one position down (by the size of its subtree): to remove
    /// several, take their positions from `parts().enumerate()` or
    /// [`attachment_indices`](Part::attachment_indices) and remove the last first.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`](crate::ErrorKind::NoSuchPart) unless the part is a child
    /// of a multipart; [`ErrorKind::InvalidContentType`](crate::ErrorKind::InvalidContentType)
    /// if it is that multipart's only part (a multipart without parts cannot be written:
    /// replace the part, or the multipart, instead); the error's
    /// [`reason`](crate::Error::reason) says so.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nSee attached.\r\n\
    /// --b\r\nContent-Type: application/x-msdownload; name=invoice.exe\r\n\r\nMZ...\r\n--b--\r\n";
    /// let mut msg = Message::parse(input)?;
    /// let removed = msg.remove_part(2)?;
    /// assert_eq!(removed.filename().as_deref(), Some("invoice.exe"));
    /// assert_eq!(msg.to_bytes(), b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nSee attached.\r\n--b--\r\n");
    /// // The last part left cannot go: a multipart needs one.
    /// assert!(msg.remove_part(1).is_err());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn remove_part(&mut self, index: usize) -> Result<Part<'a>, Error> {
        edit::remove_part(&mut self.root, index)
    }

    /// Removes the parts `keep` refuses, except those the message needs to stay whole and
    /// readable; returns the removed parts in the order they were in.
    ///
    /// `keep` is asked about each part of a multipart, depth-first, starting with the
    /// root's parts (the root itself is never removed). A multipart it keeps is looked
    /// into in turn; a part it refuses goes with everything in it. An embedded message
    /// (`message/rfc822`) or a delivery status is one part, kept or removed whole.
    ///
    /// Kept whatever `keep` says:
    ///
    /// - `multipart/signed` and `multipart/encrypted` (RFC 1847) with all their parts. A
    ///   signature covers the exact bytes of the signed part, so nothing inside it may go,
    ///   and the signature part (`smime.p7s`, `application/pgp-signature`) is what
    ///   verifies it.
    /// - Signatures and signed or encrypted content anywhere: `application/pgp-signature`,
    ///   `application/pkcs7-signature` (and `x-pkcs7-signature`), `application/pkcs7-mime`
    ///   (and `x-pkcs7-mime`; S/MIME content, often the whole message), and
    ///   `application/pgp-encrypted`.
    /// - The machine-readable report of a `multipart/report` (RFC 6522): the part of type
    ///   `message/<report-type>` (`message/delivery-status` in a bounce,
    ///   `message/disposition-notification` in a read receipt), or its second part when
    ///   none has that type. Without it the report is no longer one that mail systems can
    ///   read. The returned message (its third part) can go.
    /// - Parts whose Content-ID a kept `text/html` part refers to with a `cid:` URL
    ///   (RFC 2392, `<img src="cid:logo@example.com">`): an inline image is part of the
    ///   HTML, which would show a hole without it. IDs are compared ignoring case.
    ///
    /// `keep` is not asked about the first three, and they are not looked into. A multipart
    /// `keep` refuses goes whole, with any of these inside it (nothing is left that a
    /// signature could fail on); [`strip_attachments`](Self::strip_attachments) never
    /// refuses a multipart.
    ///
    /// A multipart left with no parts is removed itself; the root multipart must keep one,
    /// so if all of its parts go, its first is replaced with an empty `text/plain` part
    /// (and returned with the removed ones).
    ///
    /// Every other byte stays as it was: a removal rewrites only the delimiters around
    /// what it takes out, so a signature over a part that stays still verifies. A DKIM
    /// signature over the whole body cannot survive any removal: strip before signing, or
    /// sign again after.
    ///
    /// # Errors
    ///
    /// The errors of [`remove_part`](Self::remove_part) and
    /// [`replace_part`](Self::replace_part), which only input whose structure is already
    /// broken can give ([`ErrorKind::EditChangesStructure`](crate::ErrorKind::EditChangesStructure),
    /// say); the message is then left as it was.
    ///
    /// # Examples
    ///
    /// Removing the attachments over a size, for archiving:
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nsee attached\r\n\
    ///     --b\r\nContent-Type: application/pdf; name=big.pdf\r\n\r\n%PDF-1.7 ...\r\n\
    ///     --b\r\nContent-Type: text/csv; name=small.csv\r\n\r\na,b\r\n--b--\r\n";
    /// let mut msg = Message::parse(input).unwrap();
    /// let removed = msg.retain_parts(|p| !p.is_attachment() || p.decoded().len() <= 10).unwrap();
    /// assert_eq!(removed.len(), 1);
    /// assert_eq!(removed[0].filename().as_deref(), Some("big.pdf"));
    /// assert_eq!(
    ///     msg.to_bytes(),
    ///     b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nsee attached\r\n\
    ///     --b\r\nContent-Type: text/csv; name=small.csv\r\n\r\na,b\r\n--b--\r\n"
    /// );
    /// ```
    pub fn retain_parts(&mut self, mut keep: impl FnMut(&Part<'a>) -> bool) -> Result<Vec<Part<'a>>, Error> {
        edit::retain_parts(&mut self.root, &mut keep)
    }

    /// Removes the attachments, the parts [`is_attachment`](Part::is_attachment) names
    /// (attached files and messages, inline images), as
    /// [`retain_parts`](Self::retain_parts) removes parts: the text and HTML bodies stay,
    /// and so do signed and encrypted parts with their signatures, and the images the HTML
    /// shows by `cid:`, and the delivery status or disposition notification of a
    /// `multipart/report`. What was attached to a forwarded message goes with it. Returns the
    /// removed parts in the order they were in, to save them, say.
    ///
    /// # Errors
    ///
    /// As [`retain_parts`](Self::retain_parts).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=m\r\n\r\n\
    ///     --m\r\nContent-Type: multipart/related; boundary=r\r\n\r\n\
    ///     --r\r\nContent-Type: text/html\r\n\r\n<img src=\"cid:logo@x\"> Hello\r\n\
    ///     --r\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\n\r\nPNG\r\n--r--\r\n\
    ///     --m\r\nContent-Type: application/zip; name=a.zip\r\n\r\nPK\r\n--m--\r\n";
    /// let mut msg = Message::parse(input).unwrap();
    /// let removed = msg.strip_attachments().unwrap();
    /// assert_eq!(removed.iter().map(|p| p.filename().unwrap()).collect::<Vec<_>>(), ["a.zip"]);
    /// // The logo the HTML shows is kept.
    /// let bytes = msg.to_bytes();
    /// let stripped = Message::parse(&bytes).unwrap();
    /// let kept: Vec<String> = stripped.parts().map(|p| p.content_type().to_string()).collect();
    /// assert_eq!(kept, ["multipart/mixed", "multipart/related", "text/html", "image/png"]);
    /// ```
    pub fn strip_attachments(&mut self) -> Result<Vec<Part<'a>>, Error> {
        self.retain_parts(|part| !part.is_attachment())
    }

    /// Attaches `part` to the message: added to a top-level `multipart/mixed`, or, for
    /// any other message, the body (with its Content-* fields, byte for byte) becomes the
    /// first part of a new `multipart/mixed` and `part` the second. What is added has the
    /// message's line ends.
    ///
    /// # Errors
    ///
    /// As [`replace_part`](Self::replace_part), but for `NoSuchPart`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, MimePart};
    ///
    /// let mut msg = Message::parse(b"From: a@example.com\r\nContent-Type: text/plain\r\n\r\nHello\r\n").unwrap();
    /// msg.attach(MimePart::bytes("application/pdf", b"%PDF".to_vec()).attachment("a.pdf")).unwrap();
    /// let bytes = msg.to_bytes();
    /// let reparsed = Message::parse(&bytes).unwrap();
    /// assert!(reparsed.content_type().is("multipart/mixed"));
    /// assert_eq!(reparsed.text_body().unwrap().text(), "Hello\r\n");
    /// assert_eq!(reparsed.attachments().next().unwrap().filename().as_deref(), Some("a.pdf"));
    /// ```
    pub fn attach(&mut self, part: MimePart) -> Result<(), Error> {
        edit::attach(&mut self.root, part)
    }

    /// The message with no borrow of the input. The input is copied once and shared by
    /// every part.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// fn load() -> Result<Message<'static>, mailmime::Error> {
    ///     let input: Vec<u8> = b"Subject: from a file\r\n\r\nbody".to_vec(); // std::fs::read(path)
    ///     Ok(Message::parse(&input)?.into_owned())
    /// }
    /// let msg = load()?;
    /// assert_eq!(msg.subject().as_deref(), Some("from a file"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn into_owned(self) -> Message<'static> {
        let Message { root, .. } = self;
        // Every slice of a parsed tree lies inside the root's raw span, which is the whole
        // input; copy that once and let the slices share it.
        let input: &[u8] = root.headers.borrowed_span().unwrap_or_default();
        let shared = SharedInput::new(input);
        let owned = root.into_static(&shared);
        Message { root: owned, encoded: None, reencode: None }
    }
}

impl<'a> Deref for Message<'a> {
    type Target = Part<'a>;

    fn deref(&self) -> &Part<'a> {
        &self.root
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Message").field(&self.root).finish()
    }
}
