//! Editing a parsed message: header fields, bodies, parts, embedded messages.
//!
//! Every edit regenerates only what it touches. Unchanged fields keep their bytes (their
//! folding included), and unchanged parts keep theirs, as do the boundary, preamble,
//! delimiters and epilogue of every multipart; so a signature over an untouched part
//! still verifies. A part that was edited, or that contains an edited part, loses its
//! [`raw`](Part::raw) span, since those bytes no longer describe it.
//!
//! What an edit writes obeys the writer's rules, as the builder's output does:
//!
//! - it uses the message's own line ends (LF alone or CRLF, read from the root's header
//!   block), so an LF-only message stays LF-only;
//! - no line is longer than 998 octets;
//! - new content never holds a delimiter line of any enclosing multipart, found the way
//!   the parser finds them. Edits do not re-bound parsed multiparts (that would change
//!   bytes a signature may cover): such content is refused with
//!   [`ErrorKind::BoundaryInContent`], and the message is left as it was;
//! - no multipart is left without parts;
//! - `message/*` and `multipart/*` parts are written 7bit, 8bit or binary.
//!
//! The methods of [`Message`] that edit (`headers_mut`, `part_mut`, `replace_part`,
//! `remove_part`, `attach`) are thin: the work is done here, beside the builder, so that
//! `tree/` holds only the model.

use std::ops::Deref;

use crate::build::{BuildOptions, MimePart, Transport, retain, transfer};
use crate::bytes::Bytes;
use crate::encoding::{Charset, quoted_printable};
use crate::error::{Error, ErrorKind};
use crate::header::{HeaderMap, TransferEncoding};
use crate::options::ParseOptions;
use crate::parse::multipart::{BoundaryIndex, find_delimiter};
use crate::tree::{Body, Leaf, LineEnd, Message, Multipart, Part, Reencode};

/// A part of a parsed message, borrowed for editing: made by
/// [`Message::part_mut`](crate::Message::part_mut).
///
/// It reads as the [`Part`] it stands for (it dereferences to it), and its edits know
/// where the part is: the boundaries of every enclosing multipart, which new content
/// must not contain, and the message's line ends, which new content gets.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let input = b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nold\n--b--\n";
/// let mut msg = Message::parse(input).unwrap();
/// let mut part = msg.part_mut(1).unwrap();
/// assert!(part.content_type().is("text/plain"));
/// part.set_text("new\r\ntext").unwrap();
/// // The message's own line ends (LF) throughout.
/// assert_eq!(
///     msg.to_bytes(),
///     b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nnew\ntext\n--b--\n"
/// );
/// ```
pub struct PartMut<'m, 'a> {
    root: &'m mut Part<'a>,
    /// The child positions from the root to the part (see [`path_to`]).
    path: Vec<usize>,
    lf: bool,
}

impl<'a> Deref for PartMut<'_, 'a> {
    type Target = Part<'a>;

    fn deref(&self) -> &Part<'a> {
        // The path was found in this tree, and no edit through `self` moves the part.
        follow(self.root, &self.path).unwrap_or(self.root)
    }
}

impl std::fmt::Debug for PartMut<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PartMut").field("path", &self.path).field("part", &**self).finish()
    }
}

impl<'m, 'a> PartMut<'m, 'a> {
    /// The header fields, for editing. New fields get the message's line ends. See
    /// [`HeaderMap::insert`], [`HeaderMap::append`], [`HeaderMap::remove`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let mut msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n").unwrap();
    /// msg.part_mut(1).unwrap().headers_mut().append("X-Scanned", "yes").unwrap();
    /// assert_eq!(msg.to_bytes(), b"Content-Type: multipart/mixed; boundary=b\n\n--b\nX-Scanned: yes\n\nx\n--b--\n");
    /// ```
    pub fn headers_mut(&mut self) -> &mut HeaderMap<'a> {
        let lf = self.lf;
        let part = marked(self.root, &self.path);
        part.headers.set_line_ends(lf);
        &mut part.headers
    }

    /// Replaces a leaf's body with `data`, which reads back byte for byte
    /// ([`Part::decoded`]): in the part's declared transfer encoding when that can carry
    /// it with the message's line ends and lines of at most 998 octets, else 7bit or
    /// base64 (and the Content-Transfer-Encoding field rewritten). A `message/*` or
    /// `multipart/*` leaf gets 7bit, 8bit or binary only.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] if the part is not a leaf;
    /// [`ErrorKind::BoundaryInContent`] if the body as written holds a delimiter line of an
    /// enclosing multipart; [`ErrorKind::InvalidTransferEncoding`] for a `message/*` or
    /// `multipart/*` leaf whose new body 7bit, 8bit and binary cannot carry, and for a
    /// `message/delivery-status` leaf with any other encoding (written in one of those,
    /// it would be read as a delivery status, not a leaf). On an error the message is
    /// unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let mut msg = Message::parse(b"Content-Transfer-Encoding: base64\r\n\r\naGk=\r\n").unwrap();
    /// msg.part_mut(0).unwrap().set_body(b"hello".to_vec()).unwrap();
    /// assert_eq!(msg.to_bytes(), b"Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=");
    /// ```
    pub fn set_body(&mut self, data: impl Into<Vec<u8>>) -> Result<(), Error> {
        self.replace_leaf(data.into(), false, None)
    }

    /// Replaces a leaf's body with `text`, its line ends made the message's (LF alone or
    /// CRLF, whatever `text` had): in the declared charset when it can represent the
    /// text, else in UTF-8 with the `charset` parameter rewritten; in the declared transfer
    /// encoding when that can carry it, else 7bit, quoted-printable or base64.
    ///
    /// # Errors
    ///
    /// As [`set_body`](Self::set_body).
    ///
    /// # Examples
    ///
    /// The delimiter of an enclosing multipart, two levels up, is refused:
    ///
    /// ```
    /// use mailmime::{ErrorKind, Message};
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n\
    /// Content-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\n\r\nhi\r\n--inner--\r\n--outer--\r\n";
    /// let mut msg = Message::parse(input).unwrap();
    /// let err = msg.part_mut(2).unwrap().set_text("a\r\n--outer--\r\nb").unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::BoundaryInContent);
    /// assert_eq!(err.value(), Some("outer"));
    /// assert_eq!(msg.to_bytes(), input);
    /// ```
    pub fn set_text(&mut self, text: &str) -> Result<(), Error> {
        let text = with_line_ends(text, self.lf);
        let ct = self.content_type();
        let declared = ct.charset().and_then(|c| Charset::for_label(c.as_bytes()));
        let encoded = match declared {
            Some(cs) => cs.try_encode(&text).map(|b| b.into_owned()),
            None if text.is_ascii() => Some(text.clone().into_bytes()),
            None => None,
        };
        let (data, content_type) = match encoded {
            Some(data) => (data, None),
            None => {
                let params: Vec<(String, String)> = ct
                    .parameters()
                    .iter()
                    .filter(|(k, _)| k != "charset")
                    .map(|(k, v)| (k, v.into_owned()))
                    .chain([("charset".to_owned(), "utf-8".to_owned())])
                    .collect();
                let head = format!("{}/{}", ct.main_type(), ct.subtype());
                let value = crate::build::header::with_params("Content-Type".len(), &head, &params, false);
                (text.into_bytes(), Some(value.replace("\r\n", "").trim_start().to_owned()))
            }
        };
        self.replace_leaf(data, true, content_type)
    }

    /// Replaces the message embedded in a `message/rfc822` part. Its line ends are made
    /// the enclosing message's (the message is read again from its converted bytes when
    /// they differ).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] if the part does not hold an embedded message;
    /// [`ErrorKind::BoundaryInContent`] if the message as written holds a delimiter line
    /// of an enclosing multipart; [`ErrorKind::InvalidTransferEncoding`] if it has a bare
    /// CR, which no line-end style can hold.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\
    /// Content-Type: message/rfc822\r\n\r\nSubject: draft\r\n\r\nold\r\n--b--\r\n";
    /// let mut msg = Message::parse(input)?;
    /// // An LF-only message gets the enclosing message's CRLF line ends.
    /// let final_version = Message::parse(b"Subject: final\n\nnew\n")?;
    /// msg.part_mut(1).unwrap().set_message(final_version)?;
    /// let embedded = msg.body().as_multipart().unwrap().parts()[0].body().as_message().unwrap();
    /// assert_eq!(embedded.subject().as_deref(), Some("final"));
    /// assert_eq!(
    ///     msg.to_bytes(),
    ///     b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n\
    ///     Subject: final\r\n\r\nnew\r\n\r\n--b--\r\n"
    /// );
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn set_message(&mut self, message: Message<'a>) -> Result<(), Error> {
        if !matches!(self.body, Body::Message(_)) {
            return Err(no_such_part(&self.path));
        }
        let lf = self.lf;
        let bytes = message.to_bytes();
        let styled = restyled(&bytes, lf)?;
        let first = styled.first().copied();
        let mut message: Message<'a> = if styled == bytes {
            message
        } else {
            // Read again as it was read: with its fallback charset.
            let options = ParseOptions::new().fallback_charset(message.fallback_charset());
            Message::parse_with(&styled, &options)?.into_owned()
        };
        let encoding = self.transfer_encoding();
        message.reencode = (!encoding.is_identity()).then_some(Reencode { encoding, lf });
        edit_checked(
            self.root,
            &self.path,
            &self.path,
            |part| {
                let (headers, separator) = (part.headers.clone(), part.separator);
                part.separator = blank_line(part, lf, first);
                match &mut part.body {
                    Body::Message(old) => Ok((headers, separator, std::mem::replace(&mut **old, message))),
                    _ => Err(no_such_part(&[])),
                }
            },
            |part, (headers, separator, old)| {
                part.headers = headers;
                part.separator = separator;
                if let Body::Message(m) = &mut part.body {
                    **m = old;
                }
            },
        )
        .map(drop)
    }

    /// Adds `part` at the end of this multipart, with a delimiter in the style of the
    /// existing ones.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] if this part is not a multipart; the builder's errors for
    /// `part`; [`ErrorKind::BoundaryInContent`] if its bytes hold a delimiter line of this
    /// or an enclosing multipart.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, MimePart};
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nSee the notes.\r\n--b--\r\n";
    /// let mut msg = Message::parse(input)?;
    /// msg.part_mut(0).unwrap().push_part(MimePart::text("plain", "Notes.").attachment("notes.txt"))?;
    /// assert_eq!(msg.attachments().next().unwrap().filename().as_deref(), Some("notes.txt"));
    /// let bytes = msg.to_bytes();
    /// assert!(bytes.starts_with(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nSee the notes.\r\n--b\r\n"));
    /// assert!(bytes.ends_with(b"Notes.\r\n--b--\r\n"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn push_part(&mut self, part: MimePart) -> Result<(), Error> {
        push_part_at(self.root, &self.path, part, self.lf)
    }

    fn replace_leaf(
        &mut self,
        data: Vec<u8>,
        is_text: bool,
        content_type: Option<String>,
    ) -> Result<(), Error> {
        if !matches!(self.body, Body::Leaf(_)) || in_delivery_status(self.root, &self.path) {
            return Err(no_such_part(&self.path));
        }
        let lf = self.lf;
        let ct = self.content_type();
        let structural = ct.is_multipart() || ct.is_message();
        let declared = self.transfer_encoding();
        if ct.is("message/delivery-status") && !declared.is_identity() {
            // A leaf only because of its transfer encoding: in the identity encoding a
            // `message/*` body gets, the parser reads the fields as a delivery status.
            return Err(Error::new(ErrorKind::InvalidTransferEncoding, None).with_value(&ct.to_string()));
        }
        let encoding = leaf_encoding(&data, is_text, &declared, structural, lf)
            .map_err(|e| e.with_value(&ct.to_string()))?;
        let body = encode(&data, &encoding, is_text, lf);
        let first = body.first().copied();
        let rewrite = (encoding != declared).then(|| encoding.to_string());
        let replace = |part: &mut Part<'a>| {
            let headers = part.headers.clone();
            part.headers.set_line_ends(lf);
            if let Some(value) = &content_type {
                part.headers.insert_raw("Content-Type", value)?;
            }
            if let Some(value) = &rewrite {
                part.headers.insert_raw("Content-Transfer-Encoding", value)?;
            }
            let leaf = Body::Leaf(Leaf { bytes: Bytes::from(body), offset: 0 });
            let separator = part.separator;
            part.separator = blank_line(part, lf, first);
            Ok((headers, separator, std::mem::replace(&mut part.body, leaf)))
        };
        let restore = |part: &mut Part<'a>, (headers, separator, body)| {
            part.headers = headers;
            part.separator = separator;
            part.body = body;
        };
        // The root of an embedded message: the header block of the message part may have
        // ended at the root's first line, with no blank line; then a blank line or field
        // the root gets would be read as the message part's. The part gets its own.
        let (path, rest) = self.path.split_at(self.path.len().saturating_sub(1));
        if !rest.is_empty() && follow(self.root, path).is_some_and(|p| matches!(p.body, Body::Message(_))) {
            return edit_checked(
                self.root,
                path,
                &self.path,
                |message| {
                    let (headers, separator) = (message.headers.clone(), message.separator);
                    // What follows is the root's header block, or its blank line.
                    message.separator = blank_line(message, lf, None);
                    let result = match &mut message.body {
                        Body::Message(m) => replace(m.root_mut()),
                        _ => Err(no_such_part(&[])),
                    };
                    match result {
                        Ok(old) => Ok((headers, separator, old)),
                        Err(e) => {
                            message.headers = headers;
                            message.separator = separator;
                            Err(e)
                        }
                    }
                },
                |message, (headers, separator, old)| {
                    message.headers = headers;
                    message.separator = separator;
                    if let Body::Message(m) = &mut message.body {
                        restore(m.root_mut(), old);
                    }
                },
            )
            .map(drop);
        }
        edit_checked(self.root, &self.path, &self.path, replace, restore).map(drop)
    }
}

/// [`Message::part_mut`]: the part at depth-first position `index`.
pub(crate) fn part_mut<'m, 'a>(root: &'m mut Part<'a>, index: usize) -> Option<PartMut<'m, 'a>> {
    let path = path_to(root, index)?;
    let lf = uses_lf(root);
    Some(PartMut { root, path, lf })
}

/// [`Message::headers_mut`]: the root's fields, new ones with the message's line ends.
pub(crate) fn headers_mut<'m, 'a>(root: &'m mut Part<'a>) -> &'m mut HeaderMap<'a> {
    let lf = uses_lf(root);
    root.parsed = false;
    root.headers.set_line_ends(lf);
    &mut root.headers
}

/// [`Message::replace_part`].
pub(crate) fn replace_part<'a>(root: &mut Part<'a>, index: usize, part: MimePart) -> Result<Part<'a>, Error> {
    let path = path_to(root, index).filter(|p| !p.is_empty()).ok_or_else(|| no_such_index(index))?;
    replace_at(root, &path, part, || no_such_index(index))
}

/// Replaces the part at `path` (not empty) with one built from `part`; `missing` is the
/// error when there is no such part, or it is a block of a delivery status.
fn replace_at<'a>(
    root: &mut Part<'a>,
    path: &[usize],
    part: MimePart,
    missing: impl Fn() -> Error,
) -> Result<Part<'a>, Error> {
    let lf = uses_lf(root);
    let (parent_path, child) = path.split_at(path.len().saturating_sub(1));
    let &[child] = child else { return Err(missing()) };
    if in_delivery_status(root, path) {
        return Err(missing());
    }
    let new = built(part, lf, root)?;
    edit_checked(
        root,
        parent_path,
        path,
        |parent| {
            // A new root for an embedded message: the message part needs its blank line.
            let (headers, separator) = (parent.headers.clone(), parent.separator);
            if matches!(parent.body, Body::Message(_)) {
                parent.separator = blank_line(parent, lf, None);
            }
            let old = child_mut(parent, child).map(|slot| std::mem::replace(slot, new));
            Ok((old.ok_or_else(&missing)?, headers, separator))
        },
        |parent, (old, headers, separator)| {
            if let Some(slot) = child_mut(parent, child) {
                *slot = old;
            }
            parent.headers = headers;
            parent.separator = separator;
        },
    )
    .map(|(old, _, _)| old)
}

/// The blank line after the header block of `part`, which gets a new body: as it was, or
/// the message's when there was none (the body would be read as header fields); then the
/// last field gets a line end too, if a delimiter had taken it.
fn blank_line(part: &mut Part<'_>, lf: bool, first: Option<u8>) -> LineEnd {
    match part.separator {
        LineEnd::None => {
            part.headers.set_line_ends(lf);
            part.headers.end_last_line();
            if lf { LineEnd::Lf } else { LineEnd::CrLf }
        }
        // A bare CR before an LF (or what may be one) would read back as one CRLF with
        // it, and the body would lose its first line end.
        LineEnd::Cr if first.is_none_or(|b| b == b'\n') => LineEnd::CrLf,
        separator => separator,
    }
}

/// Whether the part at `path` is a block of fields of a delivery-status body, where a
/// body of its own would be read as more blocks.
fn in_delivery_status(root: &Part<'_>, path: &[usize]) -> bool {
    let parent = path.split_last().and_then(|(_, parent)| follow(root, parent));
    parent.is_some_and(|p| matches!(p.body, Body::DeliveryStatus(_)))
}

/// Why removing a multipart's only part is refused, and what to do instead.
const ONLY_PART_HINT: &str = "it is the multipart's only part, and a multipart needs one \
    (RFC 2046 §5.1.1): remove the multipart itself, or replace it with the part to keep";

/// [`Message::remove_part`].
pub(crate) fn remove_part<'a>(root: &mut Part<'a>, index: usize) -> Result<Part<'a>, Error> {
    let path = path_to(root, index).filter(|p| !p.is_empty()).ok_or_else(|| no_such_index(index))?;
    let before = root.clone();
    let removed = remove_at(root, &path, || no_such_index(index))?;
    if let Err(e) = check_reads_back(root) {
        // A refused edit leaves the message as it was.
        *root = before;
        return Err(e);
    }
    Ok(removed)
}

/// Removes the part at `path` (not empty) from its multipart; `missing` is the error
/// when there is no such part of a multipart. On an error nothing has changed; the
/// caller checks that the result reads back as the tree ([`check_reads_back`]).
fn remove_at<'a>(
    root: &mut Part<'a>,
    path: &[usize],
    missing: impl Fn() -> Error,
) -> Result<Part<'a>, Error> {
    let (parent_path, child) = path.split_at(path.len().saturating_sub(1));
    let &[child] = child else { return Err(missing()) };
    let parent = follow(root, parent_path).ok_or_else(&missing)?;
    match &parent.body {
        Body::Multipart(m) if child < m.parts.len() && m.parts.len() == 1 => {
            // The builder refuses an empty multipart; so does an edit.
            let content_type = parent.content_type().to_string();
            return Err(Error::new(ErrorKind::InvalidContentType, None)
                .with_value(&content_type)
                .because(ONLY_PART_HINT));
        }
        Body::Multipart(m) if child < m.parts.len() => {}
        _ => return Err(missing()),
    }
    let parent = marked(root, parent_path);
    match &mut parent.body {
        Body::Multipart(m) => Ok(remove(m, child)),
        _ => Err(missing()),
    }
}

/// [`Message::retain_parts`]: carries out [`retain::plan`] from the last part it names to
/// the first, so that each path stays valid, and puts the message back as it was if an
/// edit fails.
pub(crate) fn retain_parts<'a>(
    root: &mut Part<'a>,
    keep: &mut dyn FnMut(&Part<'a>) -> bool,
) -> Result<Vec<Part<'a>>, Error> {
    let plan = retain::plan(root, keep);
    if plan.is_empty() {
        return Ok(Vec::new());
    }
    let before = root.clone();
    let mut removed = Vec::with_capacity(plan.len());
    for (path, action) in plan.iter().rev() {
        let missing = || no_such_part(path);
        let result = match action {
            retain::Action::Remove => remove_at(root, path, missing),
            retain::Action::Replace => replace_at(root, path, MimePart::text("plain", ""), missing),
        };
        match result {
            Ok(part) => removed.push(part),
            Err(e) => {
                *root = before;
                return Err(e);
            }
        }
    }
    // One check for all the removals: the result must read back as the tree it is.
    if let Err(e) = check_reads_back(root) {
        *root = before;
        return Err(e);
    }
    removed.reverse();
    Ok(removed)
}

/// [`Message::attach`].
pub(crate) fn attach(root: &mut Part<'_>, part: MimePart) -> Result<(), Error> {
    let lf = uses_lf(root);
    if matches!(root.body, Body::Multipart(_)) && root.content_type().is("multipart/mixed") {
        return push_part_at(root, &[], part, lf);
    }
    let new = built(part, lf, root)?;
    let before = root.clone();
    let result = wrap_in_mixed(root, new, lf).and_then(|()| check_reads_back(root));
    if result.is_err() {
        // A refused edit leaves the message as it was.
        *root = before;
    }
    result
}

/// [`attach`] to a root that is not a `multipart/mixed`: the root becomes one, holding
/// its old body (with its Content-* fields) and `new`.
fn wrap_in_mixed<'a>(root: &mut Part<'a>, new: Part<'a>, lf: bool) -> Result<(), Error> {
    // Move the Content-* fields, with their bytes, to the part that keeps the old body.
    let mut content = HeaderMap::new();
    let mut kept = HeaderMap::new();
    for field in root.headers.iter() {
        let name = field.name_str();
        if name.len() >= 8 && name[..8].eq_ignore_ascii_case("content-") {
            content.push_line(field.raw());
        } else {
            kept.push_line(field.raw());
        }
    }
    content.set_line_ends(lf);
    kept.set_line_ends(lf);
    // Each map's last field now stands before a blank line of `lf` style: a bare CR
    // ending it would make one CRLF with that LF, and the blank line would be gone.
    content.end_last_line();
    kept.end_last_line();
    content.set_fallback(root.headers.fallback());
    kept.set_fallback(root.headers.fallback());
    let line_end = if lf { LineEnd::Lf } else { LineEnd::CrLf };
    let separator = match std::mem::replace(&mut root.separator, line_end) {
        LineEnd::None => line_end,
        separator => separator,
    };
    let body = std::mem::take(&mut root.body);
    let old = Part::built(content, separator, body);
    let (boundary, mut multipart) = crate::build::part::multipart_body(vec![old, new]);
    restyle_frame(&mut multipart, lf)?;
    root.parsed = false;
    root.headers = kept;
    if !root.headers.contains("mime-version") {
        root.headers.append_raw("MIME-Version", "1.0")?;
    }
    root.headers.append_raw("Content-Type", &format!("multipart/mixed; boundary=\"{boundary}\""))?;
    root.body = Body::Multipart(Box::new(multipart));
    Ok(())
}

/// An embedded message's bytes encoded again as `reencode` says (see
/// `Part::write_into`).
pub(crate) fn reencoded(message: &[u8], reencode: &Reencode) -> Vec<u8> {
    encode(message, &reencode.encoding, true, reencode.lf)
}

/// Adds `part` at the end of the multipart at `path`.
fn push_part_at(root: &mut Part<'_>, path: &[usize], part: MimePart, lf: bool) -> Result<(), Error> {
    let target = follow(root, path).ok_or_else(|| no_such_part(path))?;
    let content_type = target.content_type();
    let (Body::Multipart(m), Some(boundary)) = (&target.body, content_type.boundary()) else {
        return Err(no_such_part(path));
    };
    let boundary = boundary.into_owned();
    let mut new_path = path.to_vec();
    new_path.push(m.parts.len());
    let new = built(part, lf, root)?;
    edit_checked(
        root,
        path,
        &new_path,
        |part| match &mut part.body {
            Body::Multipart(m) => {
                push(m, new, &boundary, lf);
                Ok(())
            }
            _ => Err(no_such_part(&[])),
        },
        |part, ()| {
            if let Body::Multipart(m) = &mut part.body {
                m.parts.pop();
                m.delimiters.owned().pop();
            }
        },
    )
    .map(drop)
}

/// Applies `change` to the part at `path`, then checks that the part at `check` (the new
/// content) holds no delimiter line of an enclosing multipart; if it does, `undo` puts
/// back what `change` returned, and the tree is as it was.
fn edit_checked<'a, T>(
    root: &mut Part<'a>,
    path: &[usize],
    check: &[usize],
    change: impl FnOnce(&mut Part<'a>) -> Result<T, Error>,
    undo: impl FnOnce(&mut Part<'a>, T),
) -> Result<T, Error> {
    // `check` is `path` or below it: every part down to the new content loses its raw
    // span, and an embedded message on the way (even one whose root is replaced) is
    // encoded again.
    let marks = Marks::take(root, check);
    let Some(part) = follow_mut(root, path) else {
        marks.restore(root, check);
        return Err(no_such_part(path));
    };
    let old = match change(part) {
        Ok(old) => old,
        Err(e) => {
            marks.restore(root, check);
            return Err(e);
        }
    };
    let sealed = Sealed::seal(root, check);
    match check_delimiters(root, check).and_then(|()| check_reads_back(root)) {
        Ok(()) => Ok(old),
        Err(e) => {
            sealed.restore(root);
            if let Some(part) = follow_mut(root, path) {
                undo(part, old);
            }
            marks.restore(root, check);
            Err(e)
        }
    }
}

/// The MIME structure of `part` down to embedded messages, depth-first: each part's
/// type and whether it is a multipart (1), an embedded message, parsed or not yet (2), a
/// delivery status (3) or another leaf (0).
fn structure(part: &Part<'_>) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut pending = vec![part];
    while let Some(part) = pending.pop() {
        let ct = part.content_type();
        let kind = match &part.body {
            Body::Multipart(m) => {
                pending.extend(m.parts().iter().rev());
                1
            }
            Body::Message(_) => 2,
            Body::DeliveryStatus(_) => 3,
            Body::Leaf(_) if ct.is_message() && !ct.subtype().eq_ignore_ascii_case("delivery-status") => 2,
            Body::Leaf(_) if ct.is_message() => 3,
            Body::Leaf(_) => 0,
        };
        out.push((kind, ct.to_string()));
    }
    out
}

/// Refuses an edit whose output would read back as another structure: the last guard
/// behind the delimiter checks, for input whose structure is already broken in ways an
/// edit can tip over (a multipart that lost its close delimiter inside another, say).
fn check_reads_back(root: &Part<'_>) -> Result<(), Error> {
    let mut bytes = Vec::new();
    root.write_into(&mut bytes);
    let Ok(reread) = Message::parse(&bytes) else {
        // Too large to parse again (4 GiB): nothing to compare with.
        return Ok(());
    };
    if structure(reread.root()) == structure(root) {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::EditChangesStructure, None))
    }
}

/// The delimiter lines around a part whose bytes an edit changed, given the line ends
/// they lacked: a delimiter's line end before it was the blank line of an empty part
/// before (or the line end of its last header field), or a delimiter at the end of the
/// input had none after it. The delimiter after the part may be an enclosing multipart's:
/// an unclosed multipart ends where its last part does. Keeps the bytes it replaced, so
/// that a refused edit can put them back.
struct Sealed {
    /// The innermost multipart around the part, and the part's position in it.
    container: Option<(Vec<usize>, usize)>,
    before: Option<Bytes<'static>>,
    /// The multipart whose delimiter (or close delimiter) follows the part, and the
    /// position of its part that holds it (see [`next_delimiter_at`]).
    next: Option<(Vec<usize>, usize)>,
    after: Option<Bytes<'static>>,
}

impl Sealed {
    /// Seals the part at `path`, a part inside a multipart (through embedded messages).
    fn seal(root: &mut Part<'_>, path: &[usize]) -> Sealed {
        let lf = uses_lf(root);
        let mut sealed = Sealed { container: None, before: None, next: None, after: None };
        let mut part: &Part<'_> = root;
        for (depth, &i) in path.iter().enumerate() {
            match &part.body {
                Body::Multipart(_) => sealed.container = Some((path[..depth].to_vec(), i)),
                Body::Message(_) => {}
                _ => sealed.container = None,
            }
            let Some(next) = part.body.children().get(i) else { return sealed };
            part = next;
        }
        let Some((at, child)) = sealed.container.clone() else { return sealed };
        let next = next_delimiter_at(root, path);
        let end: &[u8] = if lf { b"\n" } else { b"\r\n" };
        let ends = |b: &[u8]| matches!(b.last(), Some(b'\n' | b'\r'));
        let starts = |b: &[u8]| matches!(b.first(), Some(b'\n' | b'\r'));
        let Some(Body::Multipart(m)) = follow_mut(root, &at).map(|p| &mut p.body) else { return sealed };
        if let Some(before) = m.delimiters.owned().get_mut(child)
            && !ends(before)
        {
            let new = Bytes::from([&before[..], end].concat());
            sealed.before = Some(Bytes::from(std::mem::replace(before, new).to_vec()));
        }
        // None follows a part that runs to the end of the input: an unclosed multipart's
        // last part keeps its final line end there, so there is nothing to seal.
        let Some((next_at, next_child)) = next else { return sealed };
        if let Some(after) = follow_mut(root, &next_at).and_then(|p| delimiter_after(p, next_child))
            && !after.is_empty()
            && !starts(after)
        {
            let new = Bytes::from([end, &after[..]].concat());
            sealed.after = Some(Bytes::from(std::mem::replace(after, new).to_vec()));
        }
        sealed.next = Some((next_at, next_child));
        sealed
    }

    fn restore(self, root: &mut Part<'_>) {
        if let (Some((at, child)), Some(before)) = (self.container, self.before)
            && let Some(Body::Multipart(m)) = follow_mut(root, &at).map(|p| &mut p.body)
            && let Some(slot) = m.delimiters.owned().get_mut(child)
        {
            *slot = before;
        }
        let (Some((at, child)), Some(after)) = (self.next, self.after) else { return };
        let Some(Body::Multipart(m)) = follow_mut(root, &at).map(|p| &mut p.body) else { return };
        match m.delimiters.owned().get_mut(child + 1) {
            Some(slot) => *slot = after,
            None => m.close = after,
        }
    }
}

/// Where the delimiter line that the parser finds right after the part at `path` is: the
/// multipart it belongs to and the position of that multipart's part which holds (or is)
/// the part at `path`. That is the innermost multipart around the part, unless the part
/// is the last of an unclosed multipart (or the root of an embedded message that is),
/// which ends where an enclosing multipart's delimiter starts; the root of an embedded
/// message, transfer-encoded or not, ends where that message's part does. `None` when the
/// part runs to the end of the input.
fn next_delimiter_at(root: &Part<'_>, path: &[usize]) -> Option<(Vec<usize>, usize)> {
    for depth in (0..path.len()).rev() {
        let parent = follow(root, &path[..depth])?;
        let child = path[depth];
        match &parent.body {
            Body::Multipart(m) if child + 1 < m.delimiters.len() || m.closed => {
                return Some((path[..depth].to_vec(), child));
            }
            // The line end kept for a close delimiter missing at the end of the input.
            Body::Multipart(m) if !m.close.is_empty() || child + 1 != m.parts.len() => return None,
            Body::Multipart(_) => {}
            // An embedded message ends where its part does, its bytes encoded again or
            // not: an encoding's output need not end in a line end either.
            Body::Message(_) => {}
            _ => return None,
        }
    }
    None
}

/// The delimiter (or close delimiter) after part `child` of the multipart `part`.
fn delimiter_after<'p, 'a>(part: &'p mut Part<'a>, child: usize) -> Option<&'p mut Bytes<'a>> {
    let Body::Multipart(m) = &mut part.body else { return None };
    if child + 1 < m.delimiters.len() {
        m.delimiters.owned().get_mut(child + 1)
    } else {
        m.closed.then_some(&mut m.close)
    }
}

/// What following a path for an edit changed, so that a refused edit can undo it: each
/// part's `parsed` flag (from the root to the part), and which embedded messages were
/// marked for encoding again.
struct Marks {
    parsed: Vec<bool>,
    reencoded: Vec<usize>,
}

impl Marks {
    /// Drops the raw span of every part from `root` down `path` (their bytes change) and
    /// marks the transfer-encoded messages on the way for encoding again.
    fn take(root: &mut Part<'_>, path: &[usize]) -> Marks {
        let lf = uses_lf(root);
        let mut marks = Marks { parsed: Vec::with_capacity(path.len() + 1), reencoded: Vec::new() };
        let mut part = root;
        for (depth, &i) in path.iter().enumerate() {
            marks.parsed.push(std::mem::replace(&mut part.parsed, false));
            let encoding = part.transfer_encoding();
            let next = match &mut part.body {
                Body::Multipart(m) => m.parts.get_mut(i),
                Body::DeliveryStatus(d) => d.groups.get_mut(i),
                Body::Message(m) => {
                    if m.encoded().is_some() && m.reencode.is_none() {
                        m.reencode = Some(Reencode { encoding, lf });
                        marks.reencoded.push(depth);
                    }
                    Some(m.root_mut())
                }
                Body::Leaf(_) => None,
            };
            let Some(next) = next else { return marks };
            part = next;
        }
        marks.parsed.push(std::mem::replace(&mut part.parsed, false));
        marks
    }

    fn restore(self, root: &mut Part<'_>, path: &[usize]) {
        let mut part = root;
        for (depth, parsed) in self.parsed.into_iter().enumerate() {
            part.parsed = parsed;
            if self.reencoded.contains(&depth)
                && let Body::Message(m) = &mut part.body
            {
                m.reencode = None;
            }
            let Some(next) = path.get(depth).and_then(|&i| child_mut(part, i)) else { return };
            part = next;
        }
    }
}

/// [`Marks::take`] for an edit that cannot be refused: the part at `path` (a path found
/// in this tree), for editing.
fn marked<'p, 'a>(root: &'p mut Part<'a>, path: &[usize]) -> &'p mut Part<'a> {
    let _ = Marks::take(root, path);
    let steps = if follow(root, path).is_some() { path.len() } else { 0 };
    let mut part = root;
    for &i in &path[..steps] {
        // In range: `follow` took the same steps.
        part = &mut part.body.children_mut()[i];
    }
    part
}

/// Fails if the part at `path`, as it will be written, holds a delimiter line of an
/// enclosing multipart; or if an embedded message on the way, encoded again, holds one
/// of the multiparts around it. The lines are matched by the parser's own matcher, so
/// transport padding and every line-end style count.
fn check_delimiters(root: &Part<'_>, path: &[usize]) -> Result<(), Error> {
    let mut index = BoundaryIndex::default();
    let mut boundaries: Vec<String> = Vec::new();
    let mut part = root;
    for &i in path {
        part = match &part.body {
            Body::Multipart(m) => {
                if let Some(boundary) = parsed_boundary(part) {
                    boundaries.push(String::from_utf8_lossy(&boundary).into_owned());
                    index.push(boundary.into(), boundaries.len() - 1);
                }
                m.parts.get(i)
            }
            Body::DeliveryStatus(d) => d.groups.get(i),
            Body::Message(m) => {
                if let Some(reencode) = &m.reencode {
                    // The parser reads an encoded message's decoded bytes on their own, so
                    // only the enclosing boundaries apply, to the encoded bytes.
                    find_boundary(&reencoded(&m.to_bytes(), reencode), &index, &boundaries)?;
                    index = BoundaryIndex::default();
                    boundaries.clear();
                }
                Some(m.root())
            }
            Body::Leaf(_) => None,
        }
        .ok_or_else(|| no_such_part(path))?;
    }
    // A multipart kept as a leaf (its delimiters were missing) must not get them.
    if part.body.is_leaf()
        && part.content_type().is_multipart()
        && let Some(boundary) = parsed_boundary(part)
    {
        boundaries.push(String::from_utf8_lossy(&boundary).into_owned());
        index.push(boundary.into(), boundaries.len() - 1);
    }
    let mut bytes = Vec::new();
    part.write_into(&mut bytes);
    find_boundary(&bytes, &index, &boundaries)
}

/// The boundary of a multipart as the parser matches it.
fn parsed_boundary(part: &Part<'_>) -> Option<Vec<u8>> {
    let (_, _, rest) = part.content_type_parts()?;
    Some(crate::parse::multipart::boundary(rest)?.into_owned())
}

fn find_boundary(bytes: &[u8], index: &BoundaryIndex<'_>, boundaries: &[String]) -> Result<(), Error> {
    match find_delimiter(bytes, 0, index) {
        Some(found) => {
            let boundary = boundaries.get(found.frame).map_or("", String::as_str);
            Err(Error::new(ErrorKind::BoundaryInContent, None).with_value(boundary))
        }
        None => Ok(()),
    }
}

/// The transfer encoding a new leaf body is written in.
fn leaf_encoding(
    data: &[u8],
    is_text: bool,
    declared: &TransferEncoding,
    structural: bool,
    lf: bool,
) -> Result<TransferEncoding, Error> {
    use TransferEncoding::{Base64, Binary, EightBit, QuotedPrintable, SevenBit};
    if structural {
        // RFC 2045 §6.4: message/* and multipart/* are never encoded.
        let mut candidates = [declared.clone(), SevenBit, EightBit, Binary].into_iter();
        return candidates
            .find(|e| e.is_identity() && identity_fits(data, e, lf))
            .ok_or_else(|| Error::new(ErrorKind::InvalidTransferEncoding, None));
    }
    Ok(match declared {
        Base64 | QuotedPrintable => declared.clone(),
        SevenBit | EightBit | Binary if identity_fits(data, declared, lf) => declared.clone(),
        _ if identity_fits(data, &SevenBit, lf) => SevenBit,
        _ if is_text => transfer::choose(&transfer::crlf(data), true, Transport::SevenBit),
        _ => Base64,
    })
}

/// Whether `data` can be written as it is under an identity encoding: the message's line
/// ends only, lines of at most 998 octets, no NUL (unless binary), ASCII for 7bit.
fn identity_fits(data: &[u8], encoding: &TransferEncoding, lf: bool) -> bool {
    if !encoding.is_identity() || matches!(encoding, TransferEncoding::Other(_)) {
        return false;
    }
    let binary = *encoding == TransferEncoding::Binary;
    let seven = *encoding == TransferEncoding::SevenBit;
    let mut line = 0usize;
    for (i, &b) in data.iter().enumerate() {
        match b {
            b'\n' => {
                if !lf && (i == 0 || data[i - 1] != b'\r') {
                    return false;
                }
                line = 0;
                continue;
            }
            b'\r' if lf || data.get(i + 1) != Some(&b'\n') => return false,
            b'\r' => continue,
            0 if !binary => return false,
            0x80.. if seven => return false,
            _ => {}
        }
        line += 1;
        if line > crate::build::header::MAX_LINE {
            return false;
        }
    }
    true
}

/// Whether the line ends of `data` are all the message's.
fn line_ends_match(data: &[u8], lf: bool) -> bool {
    data.iter().enumerate().all(|(i, &b)| match b {
        b'\n' => lf || (i > 0 && data[i - 1] == b'\r'),
        b'\r' => !lf && data.get(i + 1) == Some(&b'\n'),
        _ => true,
    })
}

/// `data` encoded, with the message's line ends. Quoted-printable keeps lines as lines
/// (text mode) only where that is exact: for text whose line ends are the message's.
fn encode(data: &[u8], encoding: &TransferEncoding, is_text: bool, lf: bool) -> Vec<u8> {
    let text_mode = is_text && line_ends_match(data, lf) && !data.contains(&0);
    let encoded = match encoding {
        TransferEncoding::QuotedPrintable => {
            let mode = if text_mode {
                quoted_printable::EncodeMode::Text
            } else {
                quoted_printable::EncodeMode::Binary
            };
            let mut out = Vec::with_capacity(data.len() + data.len() / 8);
            quoted_printable::encode_into(data, &mut out, mode);
            out
        }
        _ => transfer::encode(data, encoding, text_mode),
    };
    if lf && !encoding.is_identity() {
        // The encoders write CR only in CRLF line breaks.
        lf_lines(&encoded)
    } else {
        encoded
    }
}

/// `text` with every line end (LF, CR, CRLF) made the message's.
fn with_line_ends(text: &str, lf: bool) -> String {
    let crlf = transfer::crlf(text.as_bytes());
    let text = String::from_utf8(crlf).unwrap_or_default();
    if lf { text.replace("\r\n", "\n") } else { text }
}

/// CRLF made LF.
fn lf_lines(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}

/// `bytes` with the message's line ends: CRLF made LF, or bare LF made CRLF.
///
/// # Errors
///
/// [`ErrorKind::InvalidTransferEncoding`] for a bare CR, which neither style holds.
fn restyled(bytes: &[u8], lf: bool) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(bytes.len() + if lf { 0 } else { bytes.len() / 32 });
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                if !lf {
                    out.push(b'\r');
                }
            }
            b'\r' => return Err(Error::new(ErrorKind::InvalidTransferEncoding, None).with_value("bare CR")),
            b'\n' => {
                if !lf && (i == 0 || bytes[i - 1] != b'\r') {
                    out.push(b'\r');
                }
                out.push(b'\n');
            }
            _ => out.push(b),
        }
    }
    Ok(out)
}

/// A part built for insertion into a parsed message: `message/*` and `multipart/*`
/// unencoded, every byte with the message's line ends, every part with the fallback
/// charset of `root`, the message's, so that it reads as it will when parsed again.
fn built(part: MimePart, lf: bool, root: &Part<'_>) -> Result<Part<'static>, Error> {
    let fallback = root.headers.fallback();
    let mut new = part.assemble(&BuildOptions::default(), Vec::new())?;
    let mut stack: Vec<&mut Part<'static>> = vec![&mut new];
    while let Some(part) = stack.pop() {
        let content_type = part.content_type();
        if (content_type.is_multipart() || content_type.is_message())
            && !part.transfer_encoding().is_identity()
        {
            let content_type = content_type.to_string();
            return Err(Error::new(ErrorKind::InvalidTransferEncoding, None).with_value(&content_type));
        }
        let mut headers = HeaderMap::new();
        for field in part.headers.iter() {
            headers.push_line(&restyled(field.raw(), lf)?);
        }
        headers.set_line_ends(lf);
        headers.set_fallback(fallback);
        part.headers = headers;
        if part.separator != LineEnd::None {
            part.separator = if lf { LineEnd::Lf } else { LineEnd::CrLf };
        }
        match &mut part.body {
            Body::Leaf(leaf) => leaf.bytes = Bytes::from(restyled(&leaf.bytes, lf)?),
            Body::Multipart(m) => {
                restyle_frame(m, lf)?;
                stack.extend(m.parts.iter_mut());
            }
            Body::Message(m) => stack.push(m.root_mut()),
            Body::DeliveryStatus(d) => stack.extend(d.groups.iter_mut()),
        }
    }
    Ok(new)
}

/// A built multipart's own bytes (preamble, delimiters, close, epilogue) with the
/// message's line ends.
fn restyle_frame(m: &mut Multipart<'_>, lf: bool) -> Result<(), Error> {
    m.preamble = Bytes::from(restyled(&m.preamble, lf)?);
    m.close = Bytes::from(restyled(&m.close, lf)?);
    m.epilogue = Bytes::from(restyled(&m.epilogue, lf)?);
    for delimiter in m.delimiters.owned() {
        *delimiter = Bytes::from(restyled(delimiter, lf)?);
    }
    Ok(())
}

/// Whether a parsed message's lines end in LF alone: its root's blank line says, or else
/// its first header field, or else (that field ends the input unended) the first line end
/// of the message.
pub(crate) fn uses_lf(root: &Part<'_>) -> bool {
    match root.separator {
        LineEnd::Lf => true,
        LineEnd::CrLf => false,
        _ if root.headers.iter().next().is_some_and(|f| f.raw().ends_with(b"\n")) => root.headers.uses_lf(),
        _ => {
            let mut bytes = Vec::new();
            root.write_into(&mut bytes);
            memchr::memchr(b'\n', &bytes).is_some_and(|at| at == 0 || bytes[at - 1] != b'\r')
        }
    }
}

/// Adds a part at the end of `m`, with a delimiter in the style of the existing ones. The
/// line end before it is there only if one was before what followed the last part (the
/// close delimiter's may be the blank line of an empty last part; a missing close
/// delimiter took none), so the last part keeps its bytes.
fn push<'a>(m: &mut Multipart<'a>, part: Part<'a>, boundary: &str, lf: bool) {
    let end: &[u8] = if lf { b"\n" } else { b"\r\n" };
    let is_end = |b: &u8| matches!(b, b'\r' | b'\n');
    let lead = !m.closed || m.close.first().is_some_and(is_end);
    let delimiters = m.delimiters.owned();
    let mut line = match delimiters.last() {
        Some(last) => {
            let from = last.iter().position(|b| !is_end(b)).unwrap_or(last.len());
            last[from..].to_vec()
        }
        None => format!("--{boundary}").into_bytes(),
    };
    if !line.last().is_some_and(is_end) {
        line.extend_from_slice(end);
    }
    let delimiter = if lead { [end, &line[..]].concat() } else { line };
    delimiters.push(Bytes::from(delimiter));
    m.parts.push(part);
}

/// Removes the part at `index` and one delimiter, keeping the first delimiter's form.
/// The part before then meets what followed the removed one, which gets the line end
/// before it that the removed delimiter had (none when the part before ends in its own),
/// so that part keeps its bytes. When the removed part was the last of an unclosed
/// multipart, nothing follows the part before: it runs to where the removed one ended.
fn remove<'a>(m: &mut Multipart<'a>, index: usize) -> Part<'a> {
    let delimiters = m.delimiters.owned();
    let delimiter = if index == 0 && delimiters.len() > 1 { 1 } else { index };
    if delimiter < delimiters.len() {
        let removed = delimiters.remove(delimiter);
        if index > 0 {
            let lead = removed.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            let next = match delimiters.get_mut(delimiter) {
                Some(next) => Some(next),
                None if m.closed => Some(&mut m.close),
                None => None,
            };
            if let Some(next) = next.filter(|n| !n.is_empty()) {
                let own = next.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
                *next = Bytes::from([&removed[..lead], &next[own.min(2)..]].concat());
            }
        }
    }
    m.parts.remove(index)
}

fn no_such_part(path: &[usize]) -> Error {
    let path: Vec<String> = path.iter().map(usize::to_string).collect();
    Error::new(ErrorKind::NoSuchPart, None).with_value(&path.join("."))
}

fn no_such_index(index: usize) -> Error {
    Error::new(ErrorKind::NoSuchPart, None).with_value(&index.to_string())
}

/// The child at position `i` of `part`, for editing.
fn child_mut<'p, 'a>(part: &'p mut Part<'a>, i: usize) -> Option<&'p mut Part<'a>> {
    part.body.children_mut().get_mut(i)
}

/// The part at `path` below `part`.
fn follow<'p, 'a>(mut part: &'p Part<'a>, path: &[usize]) -> Option<&'p Part<'a>> {
    for &i in path {
        part = part.body.children().get(i)?;
    }
    Some(part)
}

fn follow_mut<'p, 'a>(mut part: &'p mut Part<'a>, path: &[usize]) -> Option<&'p mut Part<'a>> {
    for &i in path {
        part = child_mut(part, i)?;
    }
    Some(part)
}

/// The child positions leading from `root` to its `index`-th part, depth-first.
fn path_to(root: &Part<'_>, index: usize) -> Option<Vec<usize>> {
    let mut stack: Vec<(&Part<'_>, usize, usize)> = vec![(root, 0, 0)];
    let mut path: Vec<usize> = Vec::new();
    let mut seen = 0;
    while let Some((part, depth, position)) = stack.pop() {
        path.truncate(depth.saturating_sub(1));
        if depth > 0 {
            path.push(position);
        }
        if seen == index {
            return Some(path);
        }
        seen += 1;
        let children = part.body.children();
        stack.extend(children.iter().enumerate().rev().map(|(i, c)| (c, depth + 1, i)));
    }
    None
}
