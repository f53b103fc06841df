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
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Whether the disposition type is `attachment`.
    pub fn is_attachment(&self) -> bool {
        self.kind == "attachment"
    }

    /// Whether the disposition type is `inline`.
    pub fn is_inline(&self) -> bool {
        self.kind == "inline"
    }

    /// The parameters.
    pub fn parameters(&self) -> &Parameters<'a> {
        &self.params
    }

    /// The value of parameter `name`, decoded (see [`Parameters::get`]).
    pub fn param(&self, name: &str) -> Option<Cow<'_, str>> {
        self.params.get(name)
    }

    /// This value with no borrow of the input.
    pub fn into_owned(self) -> ContentDisposition<'static> {
        ContentDisposition { kind: Cow::Owned(self.kind.into_owned()), params: self.params.into_owned() }
    }
}
