//! `ContentType`: the typed view of the Content-Type field (RFC 2045 §5).

use std::borrow::Cow;
use std::fmt;

use crate::header::Parameters;

/// A media type with its parameters, such as `text/plain; charset=utf-8`.
///
/// Type and subtype are lowercased. A part without a valid Content-Type field gets the
/// RFC 2045 default, `text/plain; charset=us-ascii` (or `message/rfc822` inside a
/// `multipart/digest`, RFC 2046 §5.1.5).
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(b"Content-Type: Text/HTML; charset=\"UTF-8\"\r\n\r\n<p>hi</p>").unwrap();
/// let ct = msg.content_type();
/// assert_eq!(ct.main_type(), "text");
/// assert_eq!(ct.subtype(), "html");
/// assert!(ct.is("text/html"));
/// assert_eq!(ct.charset().as_deref(), Some("UTF-8"));
/// assert_eq!(ct.to_string(), "text/html");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentType<'a> {
    main: Cow<'a, str>,
    sub: Cow<'a, str>,
    params: Parameters<'a>,
}

impl<'a> ContentType<'a> {
    /// A media type with no parameters; type and subtype are lowercased.
    pub fn new(main: impl Into<Cow<'a, str>>, sub: impl Into<Cow<'a, str>>) -> Self {
        ContentType {
            main: lowercase(main.into()),
            sub: lowercase(sub.into()),
            params: Parameters::default(),
        }
    }

    pub(crate) fn with_params(main: Cow<'a, str>, sub: Cow<'a, str>, params: Parameters<'a>) -> Self {
        ContentType { main: lowercase(main), sub: lowercase(sub), params }
    }

    /// [`with_params`](Self::with_params) for a type and subtype known to be lowercase.
    pub(crate) fn from_lowercase(main: Cow<'a, str>, sub: Cow<'a, str>, params: Parameters<'a>) -> Self {
        debug_assert!(!main.bytes().chain(sub.bytes()).any(|b| b.is_ascii_uppercase()));
        ContentType { main, sub, params }
    }

    /// The top-level type: `text`, `multipart`, `image`, ...
    pub fn main_type(&self) -> &str {
        &self.main
    }

    /// The subtype: `plain`, `mixed`, `png`, ...
    pub fn subtype(&self) -> &str {
        &self.sub
    }

    /// Whether the media type is `essence` (`"type/subtype"`, ASCII case ignored).
    pub fn is(&self, essence: &str) -> bool {
        match essence.split_once('/') {
            Some((m, s)) => self.main.eq_ignore_ascii_case(m) && self.sub.eq_ignore_ascii_case(s),
            None => false,
        }
    }

    /// Whether the type is `multipart/*`.
    pub fn is_multipart(&self) -> bool {
        self.main == "multipart"
    }

    /// Whether the type is `text/*`.
    pub fn is_text(&self) -> bool {
        self.main == "text"
    }

    /// Whether the type is `message/*`.
    pub fn is_message(&self) -> bool {
        self.main == "message"
    }

    /// The parameters.
    pub fn parameters(&self) -> &Parameters<'a> {
        &self.params
    }

    /// The value of parameter `name`, decoded (see [`Parameters::get`]).
    pub fn param(&self, name: &str) -> Option<Cow<'_, str>> {
        self.params.get(name)
    }

    /// The `charset` parameter.
    pub fn charset(&self) -> Option<Cow<'_, str>> {
        self.params.get("charset")
    }

    /// The `boundary` parameter, trailing white space removed (RFC 2046 §5.1.1: a
    /// boundary never ends in a space).
    pub fn boundary(&self) -> Option<Cow<'_, str>> {
        self.params.get("boundary").map(|b| match b {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim_end()),
            Cow::Owned(s) => Cow::Owned(s.trim_end().to_owned()),
        })
    }

    /// This value with no borrow of the input.
    pub fn into_owned(self) -> ContentType<'static> {
        ContentType {
            main: Cow::Owned(self.main.into_owned()),
            sub: Cow::Owned(self.sub.into_owned()),
            params: self.params.into_owned(),
        }
    }
}

/// `type/subtype`, without parameters.
impl fmt::Display for ContentType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.main, self.sub)
    }
}

pub(crate) fn lowercase(s: Cow<'_, str>) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(s.to_ascii_lowercase()) } else { s }
}
