//! Editing a message: header fields, bodies, parts, embedded messages.
//!
//! Every edit regenerates only what it touches. Unchanged fields keep their bytes (their
//! folding included), and unchanged parts keep theirs, as do the boundary, preamble,
//! delimiters and epilogue of every multipart; so a signature over an untouched part
//! still verifies. A part that was edited, or that contains an edited part, loses its
//! [`raw`](Part::raw) span, since those bytes no longer describe it.

use crate::build::{self, BuildOptions, MimePart, Transport, transfer};
use crate::bytes::Bytes;
use crate::encoding::Charset;
use crate::error::{Error, ErrorKind};
use crate::header::HeaderMap;
use crate::tree::{Body, Leaf, LineEnd, Message, Multipart, Part};

impl<'a> Message<'a> {
    /// The top-level header fields, for editing.
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
        self.root_mut().headers_mut()
    }

    /// The part at depth-first position `index` (as [`Part::parts`] counts them, the root
    /// being 0), for editing. `None` past the last part.
    pub fn part_mut(&mut self, index: usize) -> Option<&mut Part<'a>> {
        let path = path_to(self.root(), index)?;
        descend(self.root_mut(), &path)
    }

    /// Replaces the part at depth-first position `index` (not the root) with a new part
    /// built from `part`; returns the old one. The enclosing delimiters stay as they were.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] for the root or an index past the last part; the
    /// builder's errors for `part`; [`ErrorKind::BoundaryInContent`] if the new part's bytes
    /// contain the enclosing boundary.
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
        let (parent_path, child) = parent_of(self.root(), index)?;
        let parent = descend(self.root_mut(), &parent_path).ok_or_else(no_such_part)?;
        let new = built(part)?;
        check_boundary(parent, &new)?;
        let slot = match &mut parent.body {
            Body::Multipart(m) => m.parts.get_mut(child),
            Body::DeliveryStatus(d) => d.groups.get_mut(child),
            Body::Message(m) => Some(m.root_mut()),
            Body::Leaf(_) => None,
        }
        .ok_or_else(no_such_part)?;
        Ok(std::mem::replace(slot, new))
    }

    /// Removes the part at depth-first position `index` from its multipart; returns it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] unless the part is a child of a multipart.
    pub fn remove_part(&mut self, index: usize) -> Result<Part<'a>, Error> {
        let (parent_path, child) = parent_of(self.root(), index)?;
        let parent = descend(self.root_mut(), &parent_path).ok_or_else(no_such_part)?;
        match &mut parent.body {
            Body::Multipart(m) if child < m.parts.len() => Ok(m.remove(child)),
            _ => Err(no_such_part()),
        }
    }

    /// Attaches `part` to the message: added to a top-level `multipart/mixed`, or, for
    /// any other message, the body (with its Content-* fields, byte for byte) becomes the
    /// first part of a new `multipart/mixed` and `part` the second.
    ///
    /// # Errors
    ///
    /// The builder's errors for `part`.
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
        let root = self.root_mut();
        root.parsed = false;
        if matches!(root.body, Body::Multipart(_)) && root.content_type().is("multipart/mixed") {
            return root.push_part(part);
        }
        let new = built(part)?;
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
        let separator = std::mem::replace(&mut root.separator, LineEnd::CrLf);
        let body = std::mem::take(&mut root.body);
        let old =
            Part::built(content, if separator == LineEnd::None { LineEnd::CrLf } else { separator }, body);
        let (boundary, multipart) = build::part::multipart_body(vec![old, new]);
        root.headers = kept;
        if !root.headers.contains("mime-version") {
            root.headers.append_raw("MIME-Version", "1.0")?;
        }
        root.headers.append_raw("Content-Type", &format!("multipart/mixed; boundary=\"{boundary}\""))?;
        root.body = Body::Multipart(Box::new(multipart));
        Ok(())
    }
}

impl<'a> Part<'a> {
    /// The header fields, for editing. See [`HeaderMap::insert`], [`HeaderMap::append`],
    /// [`HeaderMap::remove`].
    pub fn headers_mut(&mut self) -> &mut HeaderMap<'a> {
        self.parsed = false;
        &mut self.headers
    }

    /// Replaces a leaf's body with `data`, encoded with the part's declared transfer
    /// encoding when that can carry it, else with the automatic choice (and the
    /// Content-Transfer-Encoding field rewritten).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] if the part is not a leaf.
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
        let is_text = self.content_type().is_text();
        self.replace_leaf(data.into(), is_text)
    }

    /// Replaces a text leaf's body with `text` (line ends made CRLF), in the declared
    /// charset when it can represent the text, else in UTF-8 with the `charset` parameter
    /// rewritten.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] if the part is not a leaf.
    pub fn set_text(&mut self, text: &str) -> Result<(), Error> {
        let ct = self.content_type();
        let declared = ct.charset().and_then(|c| Charset::for_label(c.as_bytes()));
        let bytes = transfer::crlf(text.as_bytes());
        let text = String::from_utf8(bytes).unwrap_or_default();
        let encoded = match declared {
            Some(cs) => cs.try_encode(&text).map(|b| b.into_owned()),
            None if text.is_ascii() => Some(text.clone().into_bytes()),
            None => None,
        };
        let data = match encoded {
            Some(data) => data,
            None => {
                let params: Vec<(String, String)> = ct
                    .parameters()
                    .iter()
                    .filter(|(k, _)| k != "charset")
                    .map(|(k, v)| (k, v.into_owned()))
                    .chain([("charset".to_owned(), "utf-8".to_owned())])
                    .collect();
                let value = build::header::with_params("Content-Type".len(), &ct.to_string(), &params, false);
                let value = value.replace("\r\n", "");
                self.headers_mut().insert_raw("Content-Type", value.trim_start())?;
                text.into_bytes()
            }
        };
        self.replace_leaf(data, true)
    }

    /// Replaces the message embedded in a `message/rfc822` part.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] if the part does not hold an embedded message.
    pub fn set_message(&mut self, message: Message<'a>) -> Result<(), Error> {
        let encoding = self.transfer_encoding();
        let Body::Message(old) = &mut self.body else {
            return Err(no_such_part());
        };
        let mut message = message;
        message.reencode = (!encoding.is_identity()).then_some(encoding);
        **old = message;
        self.parsed = false;
        Ok(())
    }

    /// Adds `part` at the end of a multipart.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoSuchPart`] if this part is not a multipart; the builder's errors for
    /// `part`; [`ErrorKind::BoundaryInContent`] if its bytes contain this multipart's
    /// boundary.
    pub fn push_part(&mut self, part: MimePart) -> Result<(), Error> {
        let new = built(part)?;
        check_boundary(self, &new)?;
        let Body::Multipart(m) = &mut self.body else {
            return Err(no_such_part());
        };
        m.push(new);
        self.parsed = false;
        Ok(())
    }

    fn replace_leaf(&mut self, data: Vec<u8>, is_text: bool) -> Result<(), Error> {
        if !matches!(self.body, Body::Leaf(_)) {
            return Err(no_such_part());
        }
        let declared = self.transfer_encoding();
        let encoding = if transfer::check(&data, &declared, Transport::BinaryMime).is_ok() {
            declared.clone()
        } else {
            transfer::choose(&data, is_text, Transport::SevenBit)
        };
        if encoding != declared {
            let value = encoding.to_string();
            self.headers_mut().insert_raw("Content-Transfer-Encoding", &value)?;
        }
        let encoded = transfer::encode(&data, &encoding, is_text);
        self.body = Body::Leaf(Leaf { bytes: Bytes::from(encoded), offset: 0 });
        self.parsed = false;
        Ok(())
    }
}

impl<'a> Multipart<'a> {
    /// Adds a part at the end, with a delimiter in the style of the existing ones.
    pub(crate) fn push(&mut self, part: Part<'a>) {
        let delimiters = self.delimiters.owned();
        let delimiter = match delimiters.last() {
            Some(last) if matches!(last.first(), Some(b'\r' | b'\n')) => last.clone(),
            Some(first) => {
                // The first delimiter has no line end before it; the next ones need one.
                let end: &[u8] = if first.ends_with(b"\r\n") { b"\r\n" } else { b"\n" };
                let mut bytes = end.to_vec();
                bytes.extend_from_slice(first);
                Bytes::from(bytes)
            }
            None => Bytes::from(b"\r\n--".to_vec()),
        };
        delimiters.push(delimiter);
        self.parts.push(part);
    }

    /// Removes the part at `index` and one delimiter, keeping the first delimiter's form.
    pub(crate) fn remove(&mut self, index: usize) -> Part<'a> {
        let delimiters = self.delimiters.owned();
        let delimiter = if index == 0 && delimiters.len() > 1 { 1 } else { index };
        delimiters.remove(delimiter);
        self.parts.remove(index)
    }
}

fn no_such_part() -> Error {
    Error::new(ErrorKind::NoSuchPart, None)
}

fn built(part: MimePart) -> Result<Part<'static>, Error> {
    part.assemble(&BuildOptions::default(), Vec::new())
}

/// Fails if `new`'s bytes contain a delimiter of the multipart `parent`.
fn check_boundary(parent: &Part<'_>, new: &Part<'_>) -> Result<(), Error> {
    let Some(boundary) = parent.content_type().boundary().map(|b| b.into_owned()) else {
        return Ok(());
    };
    let mut bytes = Vec::new();
    new.write_into(&mut bytes);
    let delimiter = format!("--{boundary}");
    if memchr::memmem::find(&bytes, delimiter.as_bytes()).is_some() {
        return Err(Error::new(ErrorKind::BoundaryInContent, None));
    }
    Ok(())
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

fn parent_of(root: &Part<'_>, index: usize) -> Result<(Vec<usize>, usize), Error> {
    let mut path = path_to(root, index).ok_or_else(no_such_part)?;
    let child = path.pop().ok_or_else(no_such_part)?;
    Ok((path, child))
}

/// Follows `path` down from `part` for editing, dropping the raw span of every part on
/// the way and marking embedded messages decoded from a transfer encoding for
/// re-encoding.
fn descend<'p, 'a>(mut part: &'p mut Part<'a>, path: &[usize]) -> Option<&'p mut Part<'a>> {
    for &i in path {
        part.parsed = false;
        let encoding = part.transfer_encoding();
        part = match &mut part.body {
            Body::Multipart(m) => m.parts.get_mut(i)?,
            Body::DeliveryStatus(d) => d.groups.get_mut(i)?,
            Body::Message(m) => {
                if m.take_encoded().is_some() {
                    m.reencode = Some(encoding);
                }
                m.root_mut()
            }
            Body::Leaf(_) => return None,
        };
    }
    part.parsed = false;
    Some(part)
}
