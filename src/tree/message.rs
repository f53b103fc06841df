//! `Message`: a parsed or built RFC 5322 message.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use crate::bytes::{Bytes, SharedInput};
use crate::error::{Defect, Error};
use crate::header::TransferEncoding;
use crate::options::ParseOptions;
use crate::parse;
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
    /// For an embedded message edited after being decoded from a transfer encoding: the
    /// encoding to write it in again.
    pub(crate) reencode: Option<TransferEncoding>,
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
    pub fn parse_with(input: &'a [u8], options: &ParseOptions) -> Result<Self, Error> {
        parse::body::message(input, options).map(Message::from_root)
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
    /// to the decoded bytes.
    pub fn encoded(&self) -> Option<&[u8]> {
        self.encoded.as_deref()
    }

    pub(crate) fn take_encoded(&mut self) -> Option<Bytes<'a>> {
        self.encoded.take()
    }

    /// The root part.
    pub fn root(&self) -> &Part<'a> {
        &self.root
    }

    pub(crate) fn root_mut(&mut self) -> &mut Part<'a> {
        &mut self.root
    }

    /// Every defect in the message, depth-first, including those of embedded messages.
    pub fn defects(&self) -> impl Iterator<Item = &Defect> + '_ {
        self.root.parts().flat_map(|p| p.defects().iter())
    }

    /// The message as bytes. A parsed message that was not changed gives back exactly
    /// its input.
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
    pub fn write_to(&self, writer: &mut impl std::io::Write) -> std::io::Result<()> {
        writer.write_all(&self.to_bytes())
    }

    /// The message with no borrow of the input. The input is copied once and shared by
    /// every part.
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
