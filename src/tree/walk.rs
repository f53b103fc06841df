//! Walking the tree: every part depth-first, the leaves, the attachments, the body text.

use crate::tree::{Body, Part};

/// Depth-first, pre-order iterator over a part and everything below it, embedded
/// messages included. Made by [`Part::parts`].
pub struct Parts<'p, 'a> {
    stack: Vec<&'p Part<'a>>,
}

impl<'p, 'a> Iterator for Parts<'p, 'a> {
    type Item = &'p Part<'a>;

    fn next(&mut self) -> Option<&'p Part<'a>> {
        let part = self.stack.pop()?;
        self.stack.extend(part.body.children().iter().rev());
        Some(part)
    }
}

impl<'a> Part<'a> {
    /// This part and every part below it, depth-first (pre-order), embedded messages
    /// included.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\r\none\r\n--a\r\nContent-Type: image/png\r\n\r\ntwo\r\n--a--\r\n",
    /// ).unwrap();
    /// let types: Vec<String> = msg.parts().map(|p| p.content_type().to_string()).collect();
    /// assert_eq!(types, ["multipart/mixed", "text/plain", "image/png"]);
    /// ```
    pub fn parts(&self) -> Parts<'_, 'a> {
        Parts { stack: vec![self] }
    }

    /// The leaves (parts with a single body), depth-first, embedded messages included.
    pub fn leaves(&self) -> impl Iterator<Item = &Part<'a>> + '_ {
        self.parts().filter(|p| p.body.is_leaf())
    }

    /// The attachments, depth-first: leaves and embedded messages for which
    /// [`is_attachment`](Part::is_attachment) holds. The parts inside an attached
    /// message belong to it and are not listed.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\r\nbody text\r\n--a\r\nContent-Type: application/pdf; name=r.pdf\r\n\r\n%PDF\r\n--a--\r\n",
    /// ).unwrap();
    /// let names: Vec<_> = msg.attachments().map(|p| p.filename().unwrap()).collect();
    /// assert_eq!(names, ["r.pdf"]);
    /// ```
    pub fn attachments(&self) -> impl Iterator<Item = &Part<'a>> + '_ {
        let mut stack: Vec<&Part<'a>> = vec![self];
        std::iter::from_fn(move || {
            while let Some(part) = stack.pop() {
                match &part.body {
                    Body::Multipart(m) => stack.extend(m.parts.iter().rev()),
                    Body::Message(m) if std::ptr::eq(part, self) => stack.push(m.root()),
                    _ if part.is_attachment() => return Some(part),
                    _ => {}
                }
            }
            None
        })
    }

    /// The plain-text body: the first `text/plain` part, depth-first, that is not an
    /// attachment and not inside an embedded message. In a `multipart/alternative` that
    /// is the plain alternative.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nplain\r\n--a\r\nContent-Type: text/html\r\n\r\n<b>html</b>\r\n--a--\r\n",
    /// ).unwrap();
    /// assert_eq!(msg.text_body().unwrap().body().as_leaf().unwrap().as_bytes(), b"plain");
    /// assert_eq!(msg.html_body().unwrap().body().as_leaf().unwrap().as_bytes(), b"<b>html</b>");
    /// ```
    pub fn text_body(&self) -> Option<&Part<'a>> {
        self.body_part("plain")
    }

    /// The HTML body: the first `text/html` part, depth-first, that is not an attachment
    /// and not inside an embedded message.
    pub fn html_body(&self) -> Option<&Part<'a>> {
        self.body_part("html")
    }

    fn body_part(&self, subtype: &str) -> Option<&Part<'a>> {
        let mut stack: Vec<&Part<'a>> = vec![self];
        while let Some(part) = stack.pop() {
            match &part.body {
                Body::Multipart(m) => stack.extend(m.parts.iter().rev()),
                Body::Message(m) if std::ptr::eq(part, self) => stack.push(m.root()),
                Body::Message(_) | Body::DeliveryStatus(_) => {}
                Body::Leaf(_) => {
                    let ct = part.content_type();
                    if ct.is_text() && ct.subtype() == subtype && !part.is_attachment() {
                        return Some(part);
                    }
                }
            }
        }
        None
    }
}
