//! `ContentType`: the typed view of the Content-Type field (RFC 2045 §5).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind};
use crate::header::Parameters;

/// A media type with its parameters, such as `text/plain; charset=utf-8`.
///
/// Type and subtype are lowercased. A part without a valid Content-Type field gets the
/// RFC 2045 default type, `text/plain` (or `message/rfc822` inside a `multipart/digest`,
/// RFC 2046 §5.1.5), with no parameters: its [`charset`](Self::charset) is `None`.
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::ContentType;
    ///
    /// let ct = ContentType::new("Image", "PNG");
    /// assert_eq!(ct.to_string(), "image/png");
    /// assert!(ct.parameters().is_empty());
    /// ```
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

    /// The media type of a Content-Type field from its type and subtype bytes, as
    /// [`with_params`](Self::with_params) reads them (text, lowercased); `is_lowercase` says
    /// that they have no uppercase letter. The names most mail uses come from a table, so
    /// that reading them neither validates nor lowercases the bytes again.
    #[inline]
    pub(crate) fn from_tokens(
        main: &'a [u8],
        sub: &'a [u8],
        params: Parameters<'a>,
        is_lowercase: bool,
    ) -> Self {
        ContentType {
            main: token_text(main, main_type_name, is_lowercase),
            sub: token_text(sub, subtype_name, is_lowercase),
            params,
        }
    }

    /// The top-level type: `text`, `multipart`, `image`, ...
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: IMAGE/svg+xml\r\n\r\n<svg/>")?;
    /// assert_eq!(msg.content_type().main_type(), "image");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn main_type(&self) -> &str {
        &self.main
    }

    /// The subtype: `plain`, `mixed`, `png`, ...
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: image/SVG+XML\r\n\r\n<svg/>")?;
    /// assert_eq!(msg.content_type().subtype(), "svg+xml");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn subtype(&self) -> &str {
        &self.sub
    }

    /// Whether the media type is `essence` (`"type/subtype"`, ASCII case ignored).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::ContentType;
    ///
    /// let ct: ContentType = "text/calendar; method=REQUEST".parse()?;
    /// assert!(ct.is("text/calendar"));
    /// assert!(ct.is("Text/Calendar"));
    /// assert!(!ct.is("text/*"));
    /// assert!(!ct.is("text"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is(&self, essence: &str) -> bool {
        match essence.split_once('/') {
            Some((m, s)) => self.main.eq_ignore_ascii_case(m) && self.sub.eq_ignore_ascii_case(s),
            None => false,
        }
    }

    /// Whether the type is `multipart/*`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n")?;
    /// assert!(msg.content_type().is_multipart());
    /// assert!(!msg.body().as_multipart().unwrap().parts()[0].content_type().is_multipart());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is_multipart(&self) -> bool {
        self.main == "multipart"
    }

    /// Whether the type is `text/*`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::ContentType;
    ///
    /// assert!(ContentType::new("text", "csv").is_text());
    /// assert!(!ContentType::new("application", "json").is_text());
    /// ```
    pub fn is_text(&self) -> bool {
        self.main == "text"
    }

    /// Whether the type is `message/*`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::ContentType;
    ///
    /// assert!(ContentType::new("message", "rfc822").is_message());
    /// assert!(ContentType::new("message", "delivery-status").is_message());
    /// assert!(!ContentType::new("text", "rfc822-headers").is_message());
    /// ```
    pub fn is_message(&self) -> bool {
        self.main == "message"
    }

    /// The parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\r\n\r\n")?;
    /// let names: Vec<String> = msg.content_type().parameters().iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["charset", "format", "delsp"]);
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
    /// let msg = Message::parse(b"Content-Type: application/pdf; NAME*=utf-8''r%C3%A9sum%C3%A9.pdf\r\n\r\n")?;
    /// assert_eq!(msg.content_type().param("name").as_deref(), Some("résumé.pdf"));
    /// assert_eq!(msg.content_type().param("charset"), None);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn param(&self, name: &str) -> Option<Cow<'_, str>> {
        self.params.get(name)
    }

    /// The `charset` parameter.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: text/plain; charset=\"ISO-8859-1\"\r\n\r\ncaf\xe9")?;
    /// // As written: compare charsets with `encoding::Charset::for_label`.
    /// assert_eq!(msg.content_type().charset().as_deref(), Some("ISO-8859-1"));
    /// assert_eq!(msg.text(), "café");
    /// // Without a Content-Type, the default type has no parameters.
    /// let msg = Message::parse(b"Subject: x\r\n\r\nhi")?;
    /// assert!(msg.content_type().is("text/plain"));
    /// assert_eq!(msg.content_type().charset(), None);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn charset(&self) -> Option<Cow<'_, str>> {
        self.params.get("charset")
    }

    /// The `boundary` parameter, trailing white space removed (RFC 2046 §5.1.1: a
    /// boundary never ends in a space).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::ContentType;
    ///
    /// let ct: ContentType = "multipart/mixed; boundary=\"==sep==  \"".parse()?;
    /// assert_eq!(ct.boundary().as_deref(), Some("==sep=="));
    /// assert_eq!(ContentType::new("text", "plain").boundary(), None);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn boundary(&self) -> Option<Cow<'_, str>> {
        self.params.get("boundary").map(|b| match b {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim_end()),
            Cow::Owned(s) => Cow::Owned(s.trim_end().to_owned()),
        })
    }

    /// This value with no borrow of the input.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ContentType, Message};
    ///
    /// let content_type: ContentType<'static> = {
    ///     let input = b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>".to_vec();
    ///     let msg = Message::parse(&input)?;
    ///     msg.content_type().into_owned()
    /// }; // `input` and `msg` are gone; the content type lives on.
    /// assert!(content_type.is("text/html"));
    /// assert_eq!(content_type.charset().as_deref(), Some("utf-8"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn into_owned(self) -> ContentType<'static> {
        ContentType {
            main: Cow::Owned(self.main.into_owned()),
            sub: Cow::Owned(self.sub.into_owned()),
            params: self.params.into_owned(),
        }
    }
}

/// `type/subtype`, without parameters; with the alternate flag (`{:#}`), followed by
/// the parameters as written (line ends removed), which [`str::parse`] reads back.
///
/// # Examples
///
/// ```
/// use mailmime::{ContentType, Message};
///
/// let msg = Message::parse(b"Content-Type: text/plain; charset=utf-8;\r\n format=flowed\r\n\r\n").unwrap();
/// let ct = msg.content_type();
/// assert_eq!(ct.to_string(), "text/plain");
/// assert_eq!(format!("{ct:#}"), "text/plain; charset=utf-8; format=flowed");
/// let again: ContentType = format!("{ct:#}").parse().unwrap();
/// assert_eq!(again.param("format").as_deref(), Some("flowed"));
/// assert_eq!(format!("{again:#}"), format!("{ct:#}"));
/// ```
impl fmt::Display for ContentType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.main, self.sub)?;
        if f.alternate() {
            let source = self.params.source();
            let text = crate::parse::lexical::lossy_text(Cow::Borrowed(source));
            for piece in text.split(['\r', '\n']) {
                f.write_str(piece)?;
            }
        }
        Ok(())
    }
}

/// Reads a media type as a Content-Type field holds it: `type/subtype`, each an
/// RFC 2045 token (lowercased), then `;`-separated parameters, read as
/// [`Parameters`] reads them (RFC 2231 sections and quoted strings included).
///
/// # Errors
///
/// [`ErrorKind::InvalidContentType`](crate::ErrorKind::InvalidContentType) naming the
/// string, with a [`reason`](crate::Error::reason), when it does not start with
/// `type/subtype` or has anything but parameters after it (then with the
/// [`offset`](crate::Error::offset) of the text that is no parameter).
///
/// # Examples
///
/// ```
/// use mailmime::ContentType;
///
/// let ct: ContentType = "Text/Plain; charset=\"utf-8\"; format=flowed".parse().unwrap();
/// assert!(ct.is("text/plain"));
/// assert_eq!(ct.charset().as_deref(), Some("utf-8"));
/// assert_eq!(format!("{ct:#}"), "text/plain; charset=\"utf-8\"; format=flowed");
///
/// let err = "text plain".parse::<ContentType>().unwrap_err();
/// assert_eq!(err.kind(), &mailmime::ErrorKind::InvalidContentType);
/// assert_eq!(err.value(), Some("text plain"));
/// ```
impl FromStr for ContentType<'static> {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = || {
            Error::new(ErrorKind::InvalidContentType, None)
                .with_value(s)
                .because("expected type/subtype (RFC 2045 tokens), then only `;`-separated parameters")
        };
        let (main, sub, params) = crate::parse::params::content_type(s.as_bytes()).ok_or_else(invalid)?;
        // The header grammar lets 8-bit bytes into tokens, for real mail; a caller's
        // media type must be ASCII.
        if !main.is_ascii() || !sub.is_ascii() {
            return Err(invalid());
        }
        if let Err(at) = crate::parse::params::strict_parameters(params) {
            let offset = s.len() - params.len() + at;
            return Err(Error::new(ErrorKind::InvalidContentType, Some(offset))
                .with_value(s)
                .because("this is not a name=value parameter"));
        }
        // Tokens and the parameter text are slices of a `str` at ASCII boundaries.
        let text = |b: &[u8]| Cow::Owned(crate::parse::lexical::text(b).into_owned());
        let params = Parameters::from_source(params).into_owned();
        Ok(ContentType::with_params(text(main), text(sub), params))
    }
}

/// A type or subtype token as text, lowercased: `known`'s name for it when it has one
/// (ASCII case ignored), else its bytes read as [`bytes_to_text`](crate::header::bytes_to_text)
/// reads them. `is_lowercase` says that the bytes have no uppercase letter.
#[inline]
fn token_text<'a>(
    token: &'a [u8],
    known: impl Fn(&[u8]) -> Option<&'static str>,
    is_lowercase: bool,
) -> Cow<'a, str> {
    if let Some(name) = known(token) {
        return Cow::Borrowed(name);
    }
    folded_token_text(token, known, is_lowercase)
}

/// [`token_text`] for a token that is not a name of `known` as it is written.
fn folded_token_text<'a>(
    token: &'a [u8],
    known: impl Fn(&[u8]) -> Option<&'static str>,
    is_lowercase: bool,
) -> Cow<'a, str> {
    // Longer than every name in the tables.
    const LONGEST: usize = 32;
    if !is_lowercase && token.len() <= LONGEST {
        let mut folded = [0u8; LONGEST];
        let folded = &mut folded[..token.len()];
        folded.copy_from_slice(token);
        folded.make_ascii_lowercase();
        // Only ASCII letters change, so a match means the token is ASCII.
        if let Some(name) = known(folded) {
            return Cow::Borrowed(name);
        }
    }
    let text = crate::header::bytes_to_text(token);
    if is_lowercase { text } else { lowercase(text) }
}

/// The common top-level types, lowercase, by their exact bytes.
fn main_type_name(token: &[u8]) -> Option<&'static str> {
    Some(match token {
        b"text" => "text",
        b"multipart" => "multipart",
        b"image" => "image",
        b"application" => "application",
        b"message" => "message",
        b"audio" => "audio",
        b"video" => "video",
        _ => return None,
    })
}

/// The common subtypes, lowercase, by their exact bytes.
fn subtype_name(token: &[u8]) -> Option<&'static str> {
    Some(match token {
        b"plain" => "plain",
        b"html" => "html",
        b"mixed" => "mixed",
        b"alternative" => "alternative",
        b"related" => "related",
        b"signed" => "signed",
        b"encrypted" => "encrypted",
        b"report" => "report",
        b"digest" => "digest",
        b"parallel" => "parallel",
        b"rfc822" => "rfc822",
        b"delivery-status" => "delivery-status",
        b"disposition-notification" => "disposition-notification",
        b"rfc822-headers" => "rfc822-headers",
        b"octet-stream" => "octet-stream",
        b"pdf" => "pdf",
        b"jpeg" => "jpeg",
        b"png" => "png",
        b"gif" => "gif",
        b"calendar" => "calendar",
        b"enriched" => "enriched",
        b"richtext" => "richtext",
        b"csv" => "csv",
        b"pgp-signature" => "pgp-signature",
        b"pgp-encrypted" => "pgp-encrypted",
        b"pkcs7-signature" => "pkcs7-signature",
        b"x-pkcs7-signature" => "x-pkcs7-signature",
        b"pkcs7-mime" => "pkcs7-mime",
        b"zip" => "zip",
        b"msword" => "msword",
        b"json" => "json",
        b"xml" => "xml",
        _ => return None,
    })
}

pub(crate) fn lowercase(s: Cow<'_, str>) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(s.to_ascii_lowercase()) } else { s }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{ContentType, lowercase};
    use crate::Message;
    use crate::header::{Parameters, bytes_to_text};

    /// What reading the tokens without the tables gives.
    fn general<'a>(main: &'a [u8], sub: &'a [u8]) -> ContentType<'a> {
        ContentType::with_params(bytes_to_text(main), bytes_to_text(sub), Parameters::from_source(b""))
    }

    #[test]
    fn the_name_tables_give_what_reading_the_bytes_gives() {
        let tokens: &[&[u8]] = &[
            b"text",
            b"TEXT",
            b"Text",
            b"multipart",
            b"MultiPart",
            b"plain",
            b"PLAIN",
            b"html",
            b"Html",
            b"octet-stream",
            b"Octet-Stream",
            b"delivery-status",
            b"x-custom",
            b"X-Custom",
            b"textual",
            b"tex",
            b"",
            b"t\xe9xt",
            b"T\xc3\x89XT",
            b"\xff",
            b"disposition-notificationX",
            b"A-VERY-LONG-SUBTYPE-NAME-LONGER-THAN-THIRTY-TWO",
        ];
        for &main in tokens {
            for &sub in tokens {
                let expected = general(main, sub);
                let lowercase_bytes = !main.iter().chain(sub).any(u8::is_ascii_uppercase);
                let flags: &[bool] = if lowercase_bytes { &[true, false] } else { &[false] };
                for &is_lowercase in flags {
                    let fast =
                        ContentType::from_tokens(main, sub, Parameters::from_source(b""), is_lowercase);
                    assert_eq!(fast, expected, "{main:?} {sub:?} {is_lowercase}");
                    assert_eq!(
                        (fast.main_type(), fast.subtype()),
                        (expected.main_type(), expected.subtype())
                    );
                }
            }
        }
        // A known name costs no allocation, in any case.
        let ct = ContentType::from_tokens(b"TeXt", b"PLAIN", Parameters::from_source(b""), false);
        assert!(matches!((&ct.main, &ct.sub), (Cow::Borrowed("text"), Cow::Borrowed("plain"))));
        assert_eq!(lowercase(Cow::Borrowed("Ab")), "ab");
    }

    #[test]
    fn parsed_edited_and_missing_content_types_read_alike() {
        let input = b"Content-Type: Text/PLAIN; charset=utf-8\r\nSubject: x\r\n\r\nhi";
        let mut msg = Message::parse(input).unwrap();
        assert_eq!((msg.content_type().main_type(), msg.content_type().subtype()), ("text", "plain"));
        assert_eq!(msg.content_type().charset().as_deref(), Some("utf-8"));
        // An edit drops the parser's cache: the field is read again, to the same type.
        msg.headers_mut().insert("X-Edited", "yes").unwrap();
        assert!(msg.headers().mime().is_none());
        assert_eq!((msg.content_type().main_type(), msg.content_type().subtype()), ("text", "plain"));
        msg.headers_mut().insert("Content-Type", "IMAGE/X-Icon").unwrap();
        assert_eq!((msg.content_type().main_type(), msg.content_type().subtype()), ("image", "x-icon"));
        let msg = Message::parse(b"Subject: x\r\n\r\nhi").unwrap();
        assert!(msg.content_type().is("text/plain"));
    }
}
