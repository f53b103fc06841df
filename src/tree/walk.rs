//! Walking the tree: every part depth-first, the leaves, the attachments, the body text.

use std::borrow::Cow;

use crate::tree::html;
use crate::tree::{Body, Part};

/// Depth-first, pre-order iterator over a part and everything below it, embedded
/// messages included. Made by [`Part::parts`].
///
/// # Examples
///
/// ```
/// use mailmime::{Message, Parts};
///
/// let msg = Message::parse(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n--b--\r\n")?;
/// let parts: Parts<'_, '_> = msg.parts();
/// // The root, then its children.
/// let offsets: Vec<usize> = parts.map(|p| p.offset()).collect();
/// assert_eq!(offsets, [0, 50, 62]);
/// # Ok::<(), mailmime::Error>(())
/// ```
pub struct Parts<'p, 'a> {
    /// The part to give next, when it is known: the first one, and a first child.
    next: Option<&'p Part<'a>>,
    /// The rest of each open level's children, innermost last: the stack grows with the
    /// depth, not with the number of parts, and a leaf needs none.
    stack: Vec<std::slice::Iter<'p, Part<'a>>>,
}

impl<'p, 'a> Iterator for Parts<'p, 'a> {
    type Item = &'p Part<'a>;

    fn next(&mut self) -> Option<&'p Part<'a>> {
        let part = match self.next.take() {
            Some(part) => part,
            None => loop {
                match self.stack.last_mut()?.next() {
                    Some(part) => break part,
                    None => {
                        self.stack.pop();
                    }
                }
            },
        };
        let mut children = part.body.children().iter();
        self.next = children.next();
        if children.len() > 0 {
            self.stack.push(children);
        }
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
        Parts { next: Some(self), stack: Vec::new() }
    }

    /// The leaves (parts with a single body), depth-first, embedded messages included.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\
    /// Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\r\nplain\r\n--b\r\n\
    /// Content-Type: text/html\r\n\r\n<p>html</p>\r\n--b--\r\n--a\r\n\
    /// Content-Type: image/png\r\n\r\nPNG\r\n--a--\r\n",
    /// )?;
    /// let leaves: Vec<String> = msg.leaves().map(|p| p.content_type().to_string()).collect();
    /// assert_eq!(leaves, ["text/plain", "text/html", "image/png"]);
    /// assert_eq!(msg.parts().count(), 5); // and two multiparts
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn leaves(&self) -> impl Iterator<Item = &Part<'a>> + '_ {
        self.parts().filter(|p| p.body.is_leaf())
    }

    /// The attachments, depth-first: leaves and embedded messages for which
    /// [`is_attachment`](Part::is_attachment) holds. An attached message is listed
    /// itself (its [`decoded`](Part::decoded) bytes are the message), and the parts
    /// inside it are not: [`all_attachments`](Part::all_attachments) lists those too.
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
        self.attachments_below(false, false).map(|(_, part)| part)
    }

    /// Every attachment, those inside attached (forwarded) messages included,
    /// depth-first: an attached message comes before the attachments it holds.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\r\nsee below\r\n\
    ///       --a\r\nContent-Type: message/rfc822\r\n\r\n\
    ///       Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nforwarded\r\n\
    ///       --b\r\nContent-Type: image/png; name=x.png\r\n\r\nPNG\r\n--b--\r\n--a--\r\n",
    /// ).unwrap();
    /// let types: Vec<String> = msg.all_attachments().map(|p| p.content_type().to_string()).collect();
    /// assert_eq!(types, ["message/rfc822", "image/png"]);
    /// assert_eq!(msg.attachments().count(), 1);
    /// ```
    pub fn all_attachments(&self) -> impl Iterator<Item = &Part<'a>> + '_ {
        self.attachments_below(true, false).map(|(_, part)| part)
    }

    /// The [attachments](Self::attachments), each with its depth-first position below
    /// this part, as [`parts`](Self::parts) counts them (this part being 0). On a
    /// [`Message`](crate::Message) these are the positions
    /// [`part_mut`](crate::Message::part_mut), [`replace_part`](crate::Message::replace_part)
    /// and [`remove_part`](crate::Message::remove_part) take.
    ///
    /// Removing a part moves every part after it to a lower position, so remove from the
    /// last position to the first: collect the positions, then edit in reverse. A multipart
    /// keeps at least one part, so removing its only part is an error;
    /// [`strip_attachments`](crate::Message::strip_attachments) and
    /// [`retain_parts`](crate::Message::retain_parts) do all this, and keep what must not
    /// go (signed and encrypted parts, the images the HTML shows).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n\r\nsee the files\r\n\
    ///     --a\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nnotes\r\n\
    ///     --b\r\nContent-Type: application/zip; name=b.zip\r\n\r\nPK\r\n--b--\r\n\
    ///     --a\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\n%PDF\r\n--a--\r\n";
    /// let mut msg = Message::parse(input).unwrap();
    /// let found: Vec<(usize, String)> =
    ///     msg.attachment_indices().map(|(i, p)| (i, p.filename().unwrap())).collect();
    /// assert_eq!(found, [(4, "b.zip".to_string()), (5, "a.pdf".to_string())]);
    /// for (index, _) in found.iter().rev() {
    ///     msg.remove_part(*index).unwrap();
    /// }
    /// let bytes = msg.to_bytes();
    /// let stripped = Message::parse(&bytes).unwrap();
    /// assert_eq!(stripped.attachments().count(), 0);
    /// assert_eq!(stripped.parts().count(), 4);
    /// ```
    pub fn attachment_indices(&self) -> impl Iterator<Item = (usize, &Part<'a>)> + '_ {
        self.attachments_below(false, true)
    }

    /// [`all_attachments`](Self::all_attachments) with their positions, as
    /// [`attachment_indices`](Self::attachment_indices) gives them: an attachment inside
    /// a forwarded message is edited through the message around it, at its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"Content-Type: multipart/mixed; boundary=a\n\n--a\n\nsee below\n\
    ///     --a\nContent-Type: message/rfc822\n\n\
    ///     Content-Type: multipart/mixed; boundary=b\n\n--b\n\nforwarded\n\
    ///     --b\nContent-Type: image/png; name=x.png\n\nPNG\n--b--\n--a--\n";
    /// let mut msg = Message::parse(input).unwrap();
    /// let positions: Vec<usize> = msg.all_attachment_indices().map(|(i, _)| i).collect();
    /// assert_eq!(positions, [2, 5]);
    /// msg.remove_part(5).unwrap();
    /// let bytes = msg.to_bytes();
    /// let reparsed = Message::parse(&bytes).unwrap();
    /// let types: Vec<String> = reparsed.all_attachments().map(|p| p.content_type().to_string()).collect();
    /// assert_eq!(types, ["message/rfc822"]);
    /// ```
    pub fn all_attachment_indices(&self) -> impl Iterator<Item = (usize, &Part<'a>)> + '_ {
        self.attachments_below(true, true)
    }

    /// The attachments below this part, with their positions when `count` is set (then
    /// the parts not looked into, inside attached messages and delivery statuses, are
    /// walked to be counted; else the positions mean nothing).
    fn attachments_below(
        &self,
        into_messages: bool,
        count: bool,
    ) -> impl Iterator<Item = (usize, &Part<'a>)> + '_ {
        // Each part with whether it is only counted (it lies inside an attachment).
        let mut stack: Vec<(&Part<'a>, bool)> = vec![(self, false)];
        let mut position = 0;
        std::iter::from_fn(move || {
            while let Some((part, counted_only)) = stack.pop() {
                let at = position;
                position += 1;
                let children = part.body.children().iter().rev();
                let looked_into = match &part.body {
                    _ if counted_only => false,
                    // A multipart is looked into, and is no attachment itself.
                    Body::Multipart(_) => {
                        stack.extend(children.map(|c| (c, false)));
                        continue;
                    }
                    Body::Message(_) => into_messages,
                    _ => false,
                };
                if looked_into || count {
                    stack.extend(children.map(|c| (c, !looked_into)));
                }
                if !counted_only && part.is_attachment() {
                    return Some((at, part));
                }
            }
            None
        })
    }

    /// The plain-text body: the part a mail reader shows as the message's text, chosen
    /// as Python's `email` does (`get_body(preferencelist=("plain",))`):
    ///
    /// - a part with `Content-Disposition: attachment` is never the body, nor is
    ///   anything below it;
    /// - a `text/plain` part is the body, even with a file name or an `inline`
    ///   disposition that names one;
    /// - a multipart is searched in order, except `multipart/related`, where only its
    ///   start part (the `start` parameter's Content-ID, else the first part) is;
    /// - an embedded message (`message/rfc822`) is not looked into: its text is its
    ///   own, not this message's, even when it is the whole body.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nplain\r\n--a\r\nContent-Type: text/html\r\n\r\n<b>html</b>\r\n--a--\r\n",
    /// ).unwrap();
    /// assert_eq!(msg.text_body().unwrap().text(), "plain");
    /// assert_eq!(msg.html_body().unwrap().text(), "<b>html</b>");
    /// ```
    pub fn text_body(&self) -> Option<&Part<'a>> {
        self.body_part("plain")
    }

    /// The HTML body, chosen as [`text_body`](Self::text_body) chooses the plain one
    /// (Python's `get_body(preferencelist=("html",))`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: multipart/related; boundary=r\r\n\r\n--r\r\n\
    /// Content-Type: text/html; charset=utf-8\r\n\r\n<p>Caf\xc3\xa9 <img src=\"cid:logo\"></p>\r\n--r\r\n\
    /// Content-Type: image/png\r\nContent-ID: <logo>\r\n\r\nPNG\r\n--r--\r\n",
    /// )?;
    /// let html = msg.html_body().unwrap();
    /// assert_eq!(html.text(), "<p>Café <img src=\"cid:logo\"></p>");
    /// assert!(msg.text_body().is_none());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn html_body(&self) -> Option<&Part<'a>> {
        self.body_part("html")
    }

    /// The message's text, decoded: the [`text_body`](Self::text_body)'s text, or,
    /// when there is only an HTML body, that HTML's text (tags, scripts and styles
    /// dropped, block ends as line breaks, character references decoded). `None` when
    /// the message has neither.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: text/html\r\n\r\n<p>Hello &amp; welcome</p><p>Bye</p>").unwrap();
    /// assert_eq!(msg.body_text().as_deref(), Some("Hello & welcome\nBye"));
    /// assert_eq!(msg.body_html().as_deref(), Some("<p>Hello &amp; welcome</p><p>Bye</p>"));
    /// ```
    pub fn body_text(&self) -> Option<Cow<'_, str>> {
        match self.text_body() {
            Some(part) => Some(part.text()),
            None => self.html_body().map(|part| Cow::Owned(html::to_text(&part.text()))),
        }
    }

    /// The message's HTML, decoded: the [`html_body`](Self::html_body)'s text, or, when
    /// there is only a plain-text body, that text as HTML (escaped, in a `<pre>` block,
    /// so it shows as written). `None` when the message has neither.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: text/plain\r\n\r\n1 < 2").unwrap();
    /// assert_eq!(msg.body_html().as_deref(), Some("<pre>1 &lt; 2</pre>"));
    /// ```
    pub fn body_html(&self) -> Option<Cow<'_, str>> {
        match self.html_body() {
            Some(part) => Some(part.text()),
            None => self.text_body().map(|part| Cow::Owned(html::from_text(&part.text()))),
        }
    }

    fn body_part(&self, subtype: &str) -> Option<&Part<'a>> {
        let mut stack: Vec<&Part<'a>> = vec![self];
        while let Some(part) = stack.pop() {
            if part.is_disposed_attachment() {
                continue;
            }
            let ct = part.content_type();
            if ct.is_text() {
                if ct.subtype() == subtype && part.body.is_leaf() {
                    return Some(part);
                }
                continue;
            }
            let Body::Multipart(m) = &part.body else {
                continue;
            };
            if !ct.is_multipart() {
                continue;
            }
            if ct.subtype() != "related" {
                stack.extend(m.parts.iter().rev());
                continue;
            }
            let start = ct.param("start");
            let by_id = start.as_deref().and_then(|start| {
                m.parts.iter().find(|p| {
                    p.headers
                        .get("content-id")
                        .is_some_and(|id| id.unfolded().trim_ascii() == start.as_bytes())
                })
            });
            stack.extend(by_id.or(m.parts.first()));
        }
        None
    }

    /// Whether the part says `Content-Disposition: attachment` (the test
    /// [`text_body`](Self::text_body) applies, as Python's `is_attachment` does).
    pub(crate) fn is_disposed_attachment(&self) -> bool {
        self.content_disposition().is_some_and(|cd| cd.is_attachment())
    }
}
