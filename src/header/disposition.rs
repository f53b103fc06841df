//! `ContentDisposition`: the typed view of the Content-Disposition field (RFC 2183).

use std::borrow::Cow;

use crate::header::Parameters;
use crate::header::content_type::lowercase;

/// The disposition of a part (`inline`, `attachment`, ...) and its parameters.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(b"Content-Disposition: Attachment; filename=\"a.pdf\"\r\n\r\n").unwrap();
/// let cd = msg.content_disposition().unwrap();
/// assert!(cd.is_attachment());
/// assert_eq!(cd.kind(), "attachment");
/// assert_eq!(cd.param("filename").as_deref(), Some("a.pdf"));
/// assert_eq!(format!("{cd:?}"), r#"ContentDisposition { kind: "attachment", params: {"filename": "a.pdf"} }"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentDisposition<'a> {
    kind: Cow<'a, str>,
    params: Parameters<'a>,
}

impl<'a> ContentDisposition<'a> {
    pub(crate) fn with_params(kind: Cow<'a, str>, params: Parameters<'a>) -> Self {
        ContentDisposition { kind: lowercase(kind), params }
    }

    /// The lowercased disposition type; empty when the field has only parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Disposition: INLINE\r\n\r\n")?;
    /// assert_eq!(msg.content_disposition().unwrap().kind(), "inline");
    /// let msg = Message::parse(b"Content-Disposition: ; filename=a.txt\r\n\r\n")?;
    /// assert_eq!(msg.content_disposition().unwrap().kind(), "");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Whether the disposition type is `attachment`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Disposition: attachment; filename=invoice.pdf\r\n\r\n")?;
    /// assert!(msg.content_disposition().unwrap().is_attachment());
    /// let msg = Message::parse(b"Content-Disposition: inline\r\n\r\n")?;
    /// assert!(!msg.content_disposition().unwrap().is_attachment());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is_attachment(&self) -> bool {
        self.kind == "attachment"
    }

    /// Whether the disposition type is `inline`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Disposition: inline; filename=photo.jpg\r\n\r\n")?;
    /// let disposition = msg.content_disposition().unwrap();
    /// assert!(disposition.is_inline());
    /// assert!(!disposition.is_attachment());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is_inline(&self) -> bool {
        self.kind == "inline"
    }

    /// The parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Disposition: attachment; filename=report.pdf;\r\n size=4096;\r\n \
    ///       creation-date=\"Wed, 12 Feb 1997 16:29:51 -0500\"\r\n\r\n",
    /// )?;
    /// let disposition = msg.content_disposition().unwrap();
    /// let params: Vec<(String, String)> =
    ///     disposition.parameters().iter().map(|(k, v)| (k, v.into_owned())).collect();
    /// assert_eq!(params[1], ("size".to_owned(), "4096".to_owned()));
    /// assert_eq!(params.len(), 3);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn parameters(&self) -> &Parameters<'a> {
        &self.params
    }

    /// The value of parameter `name`, decoded (see [`Parameters::get`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// // RFC 2231 sections are joined and decoded.
    /// let msg = Message::parse(
    ///     b"Content-Disposition: attachment;\r\n filename*0*=utf-8''Quarterly%20;\r\n filename*1*=r%C3%A9sum%C3%A9.pdf\r\n\r\n",
    /// )?;
    /// let disposition = msg.content_disposition().unwrap();
    /// assert_eq!(disposition.param("filename").as_deref(), Some("Quarterly résumé.pdf"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn param(&self, name: &str) -> Option<Cow<'_, str>> {
        self.params.get(name)
    }

    /// This value with no borrow of the input.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ContentDisposition, Message};
    ///
    /// let input = b"Content-Disposition: attachment; filename=a.zip\r\n\r\n".to_vec();
    /// let msg = Message::parse(&input)?;
    /// let disposition: ContentDisposition<'static> = msg.content_disposition().unwrap().into_owned();
    /// drop(msg);
    /// drop(input);
    /// assert_eq!(disposition.param("filename").as_deref(), Some("a.zip"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn into_owned(self) -> ContentDisposition<'static> {
        ContentDisposition { kind: Cow::Owned(self.kind.into_owned()), params: self.params.into_owned() }
    }
}
