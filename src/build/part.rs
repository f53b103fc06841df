//! `MimePart`: the low-level API that builds any MIME tree.

use crate::build::header;
use crate::build::{BuildOptions, Transport, random, transfer};
use crate::bytes::Bytes;
use crate::error::{Error, ErrorKind};
use crate::header::{ContentType, HeaderMap, HeaderName, TransferEncoding};
use crate::tree::{Body, Delimiters, Leaf, LineEnd, Message, Multipart, Part};

/// What a [`MimePart`] contains.
#[derive(Debug, Clone)]
enum Content {
    /// Text: line ends become CRLF; written with a charset.
    Text(String),
    /// Bytes, transfer-encoded as needed.
    Bytes(Vec<u8>),
    /// A body already transfer-encoded, written untouched.
    PreEncoded(Vec<u8>, TransferEncoding),
    /// Child parts of a multipart.
    Multipart(Vec<MimePart>),
    /// A whole message, written untouched as a message/rfc822 body.
    Message(Vec<u8>),
    /// A complete MIME entity (header and body), written untouched.
    Raw(Vec<u8>),
}

/// An optional file name, for [`MimePart::inline`]: `None`, `Some(String)`, or a name
/// given directly (`&str`, `String`, `&String`).
///
/// `Some("x.png")` does not convert (a second `Option` impl would leave a bare `None`
/// without a type); write `"x.png"`.
///
/// # Examples
///
/// ```
/// use mailmime::IntoFileName;
///
/// assert_eq!("a.png".into_file_name(), Some("a.png".to_owned()));
/// assert_eq!(None.into_file_name(), None);
/// assert_eq!(Some(String::from("b.png")).into_file_name(), Some("b.png".to_owned()));
/// ```
pub trait IntoFileName {
    /// The file name, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::IntoFileName;
    ///
    /// let name = String::from("chart.png");
    /// assert_eq!((&name).into_file_name().as_deref(), Some("chart.png"));
    /// assert_eq!(name.into_file_name().as_deref(), Some("chart.png"));
    /// assert_eq!(Option::<String>::None.into_file_name(), None);
    /// ```
    fn into_file_name(self) -> Option<String>;
}

impl IntoFileName for Option<String> {
    fn into_file_name(self) -> Option<String> {
        self
    }
}

impl IntoFileName for &str {
    fn into_file_name(self) -> Option<String> {
        Some(self.to_owned())
    }
}

impl IntoFileName for String {
    fn into_file_name(self) -> Option<String> {
        Some(self)
    }
}

impl IntoFileName for &String {
    fn into_file_name(self) -> Option<String> {
        Some(self.clone())
    }
}

/// One node of a MIME tree to build: a leaf, a multipart of any subtype, an embedded
/// message, or an entity given as bytes that must be kept exactly.
///
/// [`MessageBuilder`](crate::MessageBuilder) builds the usual structures from text, HTML,
/// inline parts and attachments; `MimePart` is for everything else.
///
/// # Examples
///
/// A `multipart/signed` whose signed part is kept byte for byte:
///
/// ```
/// use mailmime::{MessageBuilder, MimePart};
///
/// let signed_entity = b"Content-Type: text/plain\r\n\r\nSigned text.".to_vec();
/// let signed = MimePart::multipart("signed", vec![
///     MimePart::raw(signed_entity.clone()),
///     MimePart::bytes("application/pgp-signature", b"-----BEGIN PGP SIGNATURE-----\r\n...".to_vec()),
/// ])
/// .param("protocol", "application/pgp-signature")
/// .param("micalg", "pgp-sha256");
/// let (msg, _envelope) = MessageBuilder::new().from("a@example.com").to("b@example.org").body(signed).build().unwrap();
/// let first = &msg.body().as_multipart().unwrap().parts()[0];
/// assert_eq!(first.raw(), None);
/// let bytes = msg.to_bytes();
/// assert!(bytes.windows(signed_entity.len()).any(|w| w == &signed_entity[..]));
/// ```
#[derive(Debug, Clone)]
pub struct MimePart {
    media_type: String,
    params: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    disposition: Option<String>,
    filename: Option<String>,
    content_id: Option<String>,
    encoding: Option<TransferEncoding>,
    content: Content,
}

impl MimePart {
    fn with(media_type: impl Into<String>, content: Content) -> Self {
        MimePart {
            media_type: media_type.into(),
            params: Vec::new(),
            headers: Vec::new(),
            disposition: None,
            filename: None,
            content_id: None,
            encoding: None,
            content,
        }
    }

    /// A `text/<subtype>` part. Line ends become CRLF; the charset is `us-ascii` or
    /// `utf-8`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MessageBuilder, MimePart};
    ///
    /// let part = MimePart::text("markdown", "# Notes\n\n- naïve\n");
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").body(part).build()?;
    /// assert!(msg.content_type().is("text/markdown"));
    /// assert_eq!(msg.content_type().charset().as_deref(), Some("utf-8"));
    /// assert_eq!(msg.text(), "# Notes\r\n\r\n- naïve\r\n");
    ///
    /// let part = MimePart::text("plain", "ASCII only");
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").body(part).build()?;
    /// assert_eq!(msg.content_type().charset().as_deref(), Some("us-ascii"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn text(subtype: &str, text: impl Into<String>) -> Self {
        Self::with(format!("text/{subtype}"), Content::Text(text.into()))
    }

    /// A part of the given media type (`"image/png"`, or with parameters:
    /// `"text/csv; charset=utf-8; header=present"`) holding `data`, transfer-encoded as
    /// needed. Parameters written in the media type are checked as those of
    /// [`param`](Self::param) are; a media type that is not `type/subtype` of RFC 2045
    /// tokens followed by `name=value` parameters is an
    /// [`ErrorKind::InvalidContentType`] naming the argument `"media_type"`, with a
    /// [`reason`](Error::reason).
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder, MimePart};
    ///
    /// let part = MimePart::bytes("Text/CSV; charset=utf-8; header=present", b"a,b\r\n".to_vec());
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").body(part).build().unwrap();
    /// assert_eq!(format!("{:#}", msg.content_type()), "text/csv; charset=utf-8; header=present");
    ///
    /// let part = MimePart::bytes("text/csv; header", b"a,b\r\n".to_vec());
    /// let err = MessageBuilder::new().from("a@example.com").body(part).build().unwrap_err();
    /// assert_eq!((err.kind(), err.argument()), (&ErrorKind::InvalidContentType, Some("media_type")));
    /// assert_eq!(err.reason(), Some("this is not a name=value parameter"));
    /// ```
    ///
    /// A `message/*` type is written as an embedded message (see
    /// [`message`](Self::message)); a `multipart/*` type is refused with
    /// [`ErrorKind::InvalidContentType`] (argument `"media_type"`): use
    /// [`multipart`](Self::multipart), [`raw`](Self::raw) or
    /// [`pre_encoded`](Self::pre_encoded).
    pub fn bytes(media_type: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Self::with(media_type, Content::Bytes(data.into()))
    }

    /// A part whose body is already transfer-encoded with `encoding`; it is written
    /// untouched.
    ///
    /// Building fails with [`ErrorKind::InvalidTransferEncoding`] when the encoding's name
    /// is not an RFC 2045 token, when it is not 7bit, 8bit or binary for a `message/*` or
    /// `multipart/*` type, or when a different [`transfer_encoding`](Self::transfer_encoding)
    /// was chosen (argument `"transfer_encoding"`); and when the body does not fit the
    /// label or the transport (argument `"body"`, or `"attachment"` with the file name):
    /// a body labelled 7bit, base64 or quoted-printable must be US-ASCII in CRLF lines of
    /// at most 998 octets, 8bit needs [`Transport::EightBitMime`], binary
    /// [`Transport::BinaryMime`].
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder, MimePart, TransferEncoding};
    ///
    /// let part = MimePart::pre_encoded("image/png", TransferEncoding::Base64, b"iVBO\nRw0K".to_vec());
    /// let err = MessageBuilder::new().from("a@example.com").body(part).build().unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::InvalidTransferEncoding);
    /// assert_eq!((err.argument(), err.value()), (Some("body"), Some("image/png")));
    /// ```
    pub fn pre_encoded(
        media_type: impl Into<String>,
        encoding: TransferEncoding,
        body: impl Into<Vec<u8>>,
    ) -> Self {
        Self::with(media_type, Content::PreEncoded(body.into(), encoding))
    }

    /// A `multipart/<subtype>` of `parts` (add parameters such as `protocol` with
    /// [`param`](Self::param)).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MessageBuilder, MimePart};
    ///
    /// let digest = MimePart::multipart("alternative", vec![
    ///     MimePart::text("plain", "Meeting at 10."),
    ///     MimePart::text("enriched", "<bold>Meeting</bold> at 10."),
    /// ]);
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").body(digest).build()?;
    /// assert!(msg.content_type().is("multipart/alternative"));
    /// // The builder picks a boundary that occurs in no part.
    /// assert!(msg.content_type().boundary().is_some());
    /// let subtypes: Vec<_> = msg.leaves().map(|p| p.content_type().subtype().to_owned()).collect();
    /// assert_eq!(subtypes, ["plain", "enriched"]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn multipart(subtype: &str, parts: Vec<MimePart>) -> Self {
        Self::with(format!("multipart/{subtype}"), Content::Multipart(parts))
    }

    /// A `message/rfc822` part embedding `message` (parsed or built) as its exact bytes,
    /// with line ends made CRLF.
    ///
    /// The built part's body is a [`Body::Message`], the tree that parsing the built
    /// message gives (a `message/*` part built from bytes is read the same way, a
    /// delivery status included); offsets inside it count from the part's first byte.
    ///
    /// Its transfer encoding is 7bit when the message is short lines of US-ASCII, else
    /// 8bit or binary when the transport allows them (RFC 2046 §5.2.1 forbids base64 and
    /// quoted-printable); otherwise building fails with
    /// [`ErrorKind::InvalidTransferEncoding`] (argument `"body"`, value
    /// `"message/rfc822"`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, MessageBuilder, MimePart};
    ///
    /// let original = Message::parse(b"From: x@example.org\nSubject: Minutes\n\nAll agreed.\n")?;
    /// let forward = MimePart::multipart("mixed", vec![
    ///     MimePart::text("plain", "Forwarding the minutes."),
    ///     MimePart::message(&original),
    /// ]);
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").body(forward).build()?;
    /// let bytes = msg.to_bytes();
    /// // Read back, the part holds the message, its line ends made CRLF.
    /// let parsed = Message::parse(&bytes)?;
    /// let embedded = parsed.body().as_multipart().unwrap().parts()[1].body().as_message().unwrap();
    /// assert_eq!(embedded.subject().as_deref(), Some("Minutes"));
    /// assert_eq!(embedded.to_bytes(), b"From: x@example.org\r\nSubject: Minutes\r\n\r\nAll agreed.\r\n");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn message(message: &Message<'_>) -> Self {
        Self::with("message/rfc822", Content::Message(message.to_bytes()))
    }

    /// A complete MIME entity, header and body, written byte for byte: for content whose
    /// exact bytes a signature covers. The builder does not read the entity's header
    /// (parse the built message to see it); `param`, `header` and the other setters do not
    /// apply to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, MessageBuilder, MimePart};
    ///
    /// // An entity whose folding and spacing must survive, as a signature covers it.
    /// let entity = b"Content-Type: text/plain;\r\n  charset=us-ascii\r\n\r\nSigned  text.".to_vec();
    /// let body = MimePart::multipart("mixed", vec![MimePart::raw(entity.clone())]);
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").body(body).build()?;
    /// let bytes = msg.to_bytes();
    /// let parsed = Message::parse(&bytes)?;
    /// let part = &parsed.body().as_multipart().unwrap().parts()[0];
    /// assert_eq!(part.raw(), Some(&entity[..]));
    /// assert_eq!(part.content_type().charset().as_deref(), Some("us-ascii"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn raw(entity: impl Into<Vec<u8>>) -> Self {
        Self::with("", Content::Raw(entity.into()))
    }

    /// Adds a Content-Type parameter. The value may be any text: non-ASCII, long values
    /// and values with CR, LF or NUL are written in RFC 2231 form.
    ///
    /// Building fails, naming the argument `"param name"` and the name, with
    /// [`ErrorKind::InvalidParameterName`] for a name that is not an RFC 2045 token or
    /// holds `*`, `'` or `%` (RFC 2231 gives them a meaning), with
    /// [`ErrorKind::DuplicateParameter`] for a name given twice (ignoring case), and with
    /// [`ErrorKind::ReservedParameter`] for `boundary` on a multipart (the builder picks
    /// one that occurs in no part) or `charset` on a [`text`](Self::text) part (the
    /// builder writes the charset the text is in; to send another charset, encode the
    /// text and use [`bytes`](Self::bytes)).
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder, MimePart};
    ///
    /// let part = MimePart::multipart("mixed", vec![MimePart::text("plain", "x")]).param("boundary", "fixed");
    /// let err = MessageBuilder::new().from("a@example.com").body(part).build().unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::ReservedParameter);
    /// assert_eq!(err.value(), Some("boundary"));
    /// ```
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// Adds a header field to the part; the value is unstructured text, encoded as needed.
    /// The names refused are those of [`MessageBuilder::header`](crate::MessageBuilder::header),
    /// with the same errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MessageBuilder, MimePart};
    ///
    /// let part = MimePart::bytes("application/pdf", b"%PDF-1.4".to_vec())
    ///     .attachment("scan.pdf")
    ///     .header("Content-Description", "Scanned contract, page 1–3");
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").text("Scan attached.").part(part).build()?;
    /// let scan = msg.attachments().next().unwrap();
    /// assert_eq!(scan.headers().get("Content-Description").unwrap().decoded(), "Scanned contract, page 1–3");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// `Content-Disposition: attachment` with this file name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MessageBuilder, MimePart};
    ///
    /// let part = MimePart::bytes("application/zip", b"PK\x03\x04".to_vec()).attachment("Q3 report.zip");
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").text("Attached.").part(part).build()?;
    /// let zip = msg.attachments().next().unwrap();
    /// assert!(zip.content_disposition().unwrap().is_attachment());
    /// assert_eq!(zip.filename().as_deref(), Some("Q3 report.zip"));
    /// assert_eq!(&*zip.decoded(), b"PK\x03\x04");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn attachment(mut self, filename: impl Into<String>) -> Self {
        self.disposition = Some("attachment".into());
        self.filename = Some(filename.into());
        self
    }

    /// `Content-Disposition: inline`, with a file name when given: `None`,
    /// `Some(String)`, or the name itself (`"logo.png"`, a `String`); see
    /// [`IntoFileName`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MessageBuilder, MimePart};
    ///
    /// let logo = MimePart::bytes("image/png", vec![0x89, b'P']).inline("logo.png").content_id("<logo@example.com>");
    /// let spacer = MimePart::bytes("image/gif", vec![b'G']).inline(None).content_id("spacer@example.com");
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").html("<img src=cid:logo@example.com>").part(logo).part(spacer).build().unwrap();
    /// let images: Vec<_> = msg.parts().filter(|p| p.content_type().main_type() == "image").collect();
    /// assert_eq!(images[0].filename().as_deref(), Some("logo.png"));
    /// assert_eq!(images[0].content_id().as_deref(), Some("logo@example.com"));
    /// assert_eq!(images[1].filename(), None);
    /// ```
    pub fn inline(mut self, filename: impl IntoFileName) -> Self {
        self.disposition = Some("inline".into());
        self.filename = filename.into_file_name();
        self
    }

    /// The Content-ID (with or without angle brackets), for `cid:` references from HTML.
    /// Checked as [`MessageBuilder::message_id`](crate::MessageBuilder::message_id) is
    /// (argument `"content_id"`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MessageBuilder, MimePart};
    ///
    /// let logo = MimePart::bytes("image/png", vec![0x89, b'P', b'N', b'G'])
    ///     .inline("logo.png")
    ///     .content_id("<logo@example.com>");
    /// let (msg, _) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .html(r#"<img src="cid:logo@example.com">"#)
    ///     .part(logo)
    ///     .build()?;
    /// let part = msg.parts().find(|p| p.content_type().is("image/png")).unwrap();
    /// assert_eq!(part.headers().get("Content-ID").unwrap().as_bytes(), b" <logo@example.com>");
    /// assert_eq!(part.content_id().as_deref(), Some("logo@example.com"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn content_id(mut self, id: impl Into<String>) -> Self {
        self.content_id = Some(id.into());
        self
    }

    /// Chooses the transfer encoding instead of the automatic choice.
    ///
    /// Building fails with [`ErrorKind::InvalidTransferEncoding`]: naming the argument
    /// `"transfer_encoding"` for an encoding the builder cannot apply (x-uuencode, other
    /// names) or, on `message/*` and `multipart/*` parts, one other than 7bit, 8bit or
    /// binary (RFC 2045 §6.4); naming `"body"` (or `"attachment"` and the file name) when
    /// the body cannot be carried that way under the transport profile.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder, MimePart, TransferEncoding};
    ///
    /// // Quoted-printable keeps mostly-ASCII text readable on the wire.
    /// let part = MimePart::text("plain", "Grüße aus Köln").transfer_encoding(TransferEncoding::QuotedPrintable);
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").body(part).build()?;
    /// assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), b"Gr=C3=BC=C3=9Fe aus K=C3=B6ln");
    /// assert_eq!(msg.text(), "Grüße aus Köln");
    ///
    /// let uuencode = TransferEncoding::from_name(b"x-uuencode");
    /// let part = MimePart::bytes("application/octet-stream", vec![0, 1]).transfer_encoding(uuencode);
    /// let err = MessageBuilder::new().from("a@example.com").body(part).build().unwrap_err();
    /// assert_eq!((err.kind(), err.argument()), (&ErrorKind::InvalidTransferEncoding, Some("transfer_encoding")));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn transfer_encoding(mut self, encoding: TransferEncoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    pub(crate) fn is_inline_with_id(&self) -> bool {
        self.content_id.is_some()
    }

    /// What the caller's content errors name: the file name of an attachment, else the
    /// media type.
    fn body_error(&self, kind: ErrorKind) -> Error {
        match &self.filename {
            Some(name) => Error::naming(kind, "attachment", name.clone()),
            None => Error::naming(kind, "body", self.media_type.clone()),
        }
    }

    /// The Content-Type parameters: the caller's (those written in the media type, then
    /// those of [`param`](Self::param)), checked, then the builder's own.
    fn checked_params(
        &self,
        in_media_type: Vec<(String, String)>,
        own: &str,
    ) -> Result<Vec<(String, String)>, Error> {
        let mut params: Vec<(String, String)> =
            Vec::with_capacity(in_media_type.len() + self.params.len() + 1);
        for (name, value) in in_media_type.iter().chain(&self.params) {
            header::check_param_name(name)?;
            if name.eq_ignore_ascii_case(own) {
                return Err(Error::naming(ErrorKind::ReservedParameter, "param name", name.clone()));
            }
            if params.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                return Err(Error::naming(ErrorKind::DuplicateParameter, "param name", name.clone()));
            }
            params.push((name.clone(), value.clone()));
        }
        Ok(params)
    }

    /// Builds this part and everything below it.
    ///
    /// # Errors
    ///
    /// Each error names the argument and value it is about (see [`Error::argument`]):
    /// [`ErrorKind::InvalidContentType`] (`"media_type"`), [`ErrorKind::InvalidParameterName`],
    /// [`ErrorKind::DuplicateParameter`] and [`ErrorKind::ReservedParameter`]
    /// (`"param name"`), [`ErrorKind::InvalidHeaderName`] and
    /// [`ErrorKind::ReservedHeader`] (`"header name"`), [`ErrorKind::InvalidHeaderValue`]
    /// and [`ErrorKind::LineTooLong`] (`"content_id"`),
    /// [`ErrorKind::InvalidTransferEncoding`] (`"transfer_encoding"` for an encoding
    /// that is no token or not allowed for the media type, `"body"` or `"attachment"`
    /// for content the encoding or transport cannot carry).
    pub(crate) fn assemble(
        mut self,
        options: &BuildOptions,
        top: Vec<(HeaderName<'static>, String)>,
    ) -> Result<Part<'static>, Error> {
        let utf8 = options.transport.allows_utf8_headers();
        let transport = options.transport;
        let mut headers = HeaderMap::new();
        for (name, value) in &top {
            header::push_field(&mut headers, name, value)?;
        }
        if let Content::Raw(entity) = self.content {
            // The entity brings its own header fields; the builder does not interpret them.
            // Fields of the message (for a raw root) come first, which keeps one header block.
            let body = Body::Leaf(Leaf { bytes: Bytes::from(entity), offset: 0 });
            return Ok(Part::built(headers, LineEnd::None, body));
        }
        let MediaType { main, sub, params: type_params } = media_type(&self.media_type)?;
        if let Some(encoding) = &self.encoding {
            check_encoding_name(encoding)?;
            if (main == "multipart" || main == "message") && !encoding.is_identity() {
                // RFC 2045 §6.4, RFC 2046 §5.2.1.
                return Err(Error::naming(
                    ErrorKind::InvalidTransferEncoding,
                    "transfer_encoding",
                    encoding.as_str(),
                ));
            }
        }
        let own_param = match (&self.content, main.as_str()) {
            (Content::Multipart(_), _) => "boundary",
            (Content::Text(_), _) => "charset",
            _ => "",
        };
        let mut params = self.checked_params(type_params, own_param)?;
        let content = std::mem::replace(&mut self.content, Content::Bytes(Vec::new()));
        let (body, encoding) = match content {
            Content::Text(text) => {
                let body = transfer::crlf(text.as_bytes());
                let charset = if body.is_ascii() { "us-ascii" } else { "utf-8" };
                params.insert(0, ("charset".into(), charset.into()));
                self.leaf(body, true, self.encoding.clone(), options)?
            }
            Content::Bytes(_) if main == "multipart" => {
                return Err(Error::naming(
                    ErrorKind::InvalidContentType,
                    "media_type",
                    self.media_type.clone(),
                ));
            }
            Content::Bytes(data) | Content::Message(data) if main == "message" => {
                self.message_body(transfer::crlf(&data), transport)?
            }
            // Bytes must come back exactly (an attachment extracts byte for byte). Readers
            // rewrite line ends of 7bit/8bit/QP bodies (Python's email, munpack), so data
            // with line breaks is sent base64 unless the caller chose otherwise.
            Content::Bytes(data) | Content::Message(data) => {
                let chosen = Some(self.encoding.clone().unwrap_or_else(|| exact_encoding(&data, options)));
                self.leaf(data, false, chosen, options)?
            }
            Content::PreEncoded(data, encoding) => {
                check_encoding_name(&encoding)?;
                let composite = main == "multipart" || main == "message";
                if (composite && !encoding.is_identity())
                    || self.encoding.as_ref().is_some_and(|chosen| *chosen != encoding)
                {
                    return Err(Error::naming(
                        ErrorKind::InvalidTransferEncoding,
                        "transfer_encoding",
                        encoding.as_str(),
                    ));
                }
                transfer::check_encoded(&data, &encoding, transport)
                    .map_err(|_| self.body_error(ErrorKind::InvalidTransferEncoding))?;
                (Body::Leaf(Leaf { bytes: Bytes::from(data), offset: 0 }), Some(encoding))
            }
            Content::Multipart(parts) => {
                if main != "multipart" || parts.is_empty() {
                    return Err(Error::naming(
                        ErrorKind::InvalidContentType,
                        "media_type",
                        self.media_type.clone(),
                    ));
                }
                let children = parts
                    .into_iter()
                    .map(|p| p.assemble(options, Vec::new()))
                    .collect::<Result<Vec<_>, _>>()?;
                let (boundary, m) = multipart_body(children);
                if let Some(encoding) = &self.encoding {
                    let mut bytes = Vec::new();
                    for part in &m.parts {
                        part.write_into(&mut bytes);
                    }
                    transfer::check(&bytes, encoding, transport)
                        .map_err(|_| self.body_error(ErrorKind::InvalidTransferEncoding))?;
                }
                params.push(("boundary".into(), boundary));
                (Body::Multipart(Box::new(m)), self.encoding.clone())
            }
            Content::Raw(_) => unreachable!("handled above"),
        };
        let content_type =
            header::with_params("Content-Type".len(), &format!("{main}/{sub}"), &params, false);
        header::push_field(&mut headers, &header::name("Content-Type"), &content_type)?;
        if let Some(encoding) = &encoding {
            header::push_field(
                &mut headers,
                &header::name("Content-Transfer-Encoding"),
                &format!(" {encoding}"),
            )?;
        }
        if let Some(kind) = &self.disposition {
            let params: Vec<(String, String)> =
                self.filename.iter().map(|f| ("filename".to_owned(), f.clone())).collect();
            let value =
                header::with_params("Content-Disposition".len(), kind, &params, options.legacy_filename);
            header::push_field(&mut headers, &header::name("Content-Disposition"), &value)?;
        }
        if let Some(id) = &self.content_id {
            let id = header::msg_id("Content-ID".len(), "content_id", id)?;
            header::push_field(&mut headers, &header::name("Content-ID"), &format!(" <{id}>"))?;
        }
        for (name, value) in std::mem::take(&mut self.headers) {
            let name = header::custom_name(name)?;
            let value = header::unstructured(name.as_str().len(), &value, utf8);
            header::push_field(&mut headers, &name, &value)?;
        }
        if main == "message"
            && let Body::Leaf(leaf) = body
        {
            // The tree a reader of the built message gets: an embedded message, say.
            return Ok(Part::built_as_parsed(headers, LineEnd::CrLf, leaf));
        }
        Ok(Part::built(headers, LineEnd::CrLf, body))
    }

    /// A leaf body encoded with the chosen or automatic transfer encoding, which is always
    /// declared (7bit too), so no reader has to rely on the default.
    fn leaf(
        &self,
        body: Vec<u8>,
        is_text: bool,
        chosen: Option<TransferEncoding>,
        options: &BuildOptions,
    ) -> Result<(Body<'static>, Option<TransferEncoding>), Error> {
        let encoding = match chosen {
            Some(encoding) => {
                if !is_encodable(&encoding) {
                    return Err(Error::naming(
                        ErrorKind::InvalidTransferEncoding,
                        "transfer_encoding",
                        encoding.as_str(),
                    ));
                }
                transfer::check(&body, &encoding, options.transport)
                    .map_err(|_| self.body_error(ErrorKind::InvalidTransferEncoding))?;
                encoding
            }
            None => transfer::choose(&body, is_text, options.transport),
        };
        let encoded = transfer::encode(&body, &encoding, is_text);
        Ok((Body::Leaf(Leaf { bytes: Bytes::from(encoded), offset: 0 }), Some(encoding)))
    }

    /// The body of a message/* part, its line ends already CRLF: 7bit when it fits
    /// (no Content-Transfer-Encoding written), else 8bit or binary as the transport and
    /// the caller allow. RFC 2046 §5.2.1 forbids base64 and quoted-printable here.
    fn message_body(
        &self,
        bytes: Vec<u8>,
        transport: Transport,
    ) -> Result<(Body<'static>, Option<TransferEncoding>), Error> {
        let encoding = match &self.encoding {
            Some(chosen) => {
                transfer::check(&bytes, chosen, transport)
                    .map_err(|_| self.body_error(ErrorKind::InvalidTransferEncoding))?;
                Some(chosen.clone()).filter(|e| *e != TransferEncoding::SevenBit)
            }
            None => match transfer::choose(&bytes, false, transport) {
                TransferEncoding::SevenBit => None,
                encoding @ (TransferEncoding::EightBit | TransferEncoding::Binary) => Some(encoding),
                _ => return Err(self.body_error(ErrorKind::InvalidTransferEncoding)),
            },
        };
        Ok((Body::Leaf(Leaf { bytes: Bytes::from(bytes), offset: 0 }), encoding))
    }
}

/// Whether the builder can apply `encoding` to a body itself.
fn is_encodable(encoding: &TransferEncoding) -> bool {
    matches!(
        encoding,
        TransferEncoding::SevenBit
            | TransferEncoding::EightBit
            | TransferEncoding::Binary
            | TransferEncoding::Base64
            | TransferEncoding::QuotedPrintable
    )
}

/// An encoding name the caller gave must be an RFC 2045 token (`x-token`), so it can
/// never carry a line end into the header.
fn check_encoding_name(encoding: &TransferEncoding) -> Result<(), Error> {
    if header::is_token(encoding.as_str()) {
        Ok(())
    } else {
        Err(Error::naming(ErrorKind::InvalidTransferEncoding, "transfer_encoding", encoding.as_str()))
    }
}

/// A media type as the builder writes it: type, subtype, and the parameters written
/// after them.
struct MediaType {
    main: String,
    sub: String,
    params: Vec<(String, String)>,
}

/// `type/subtype`, each an RFC 2045 token, lowercased, and the parameters written after
/// it, if any (`text/plain; charset=utf-8`), decoded.
fn media_type(media_type: &str) -> Result<MediaType, Error> {
    let invalid = |reason: &'static str| {
        Error::naming(ErrorKind::InvalidContentType, "media_type", media_type).because(reason)
    };
    let (essence, params) = match media_type.split_once(';') {
        None => (media_type, Vec::new()),
        Some((essence, _)) => {
            let parsed: ContentType<'static> = media_type.parse().map_err(|e: Error| {
                let reason = e.reason().unwrap_or("expected type/subtype, then parameters").to_owned();
                Error::new(ErrorKind::InvalidContentType, e.offset())
                    .about("media_type", media_type)
                    .because(reason)
            })?;
            let params = parsed.parameters().iter().map(|(name, value)| (name, value.into_owned())).collect();
            (essence.trim(), params)
        }
    };
    let (main, sub) = essence.split_once('/').ok_or_else(|| invalid("expected type/subtype"))?;
    if !header::is_token(main) || !header::is_token(sub) {
        return Err(invalid(
            "the type and subtype must be RFC 2045 tokens (no white space, controls or tspecials)",
        ));
    }
    if "Content-Type: ".len() + essence.len() + 1 > header::MAX_LINE {
        return Err(Error::naming(ErrorKind::LineTooLong, "media_type", media_type));
    }
    Ok(MediaType { main: main.to_ascii_lowercase(), sub: sub.to_ascii_lowercase(), params })
}

/// The automatic encoding for bytes that must stay exact: 7bit for one short ASCII line,
/// binary when the transport carries it, base64 otherwise.
fn exact_encoding(data: &[u8], options: &BuildOptions) -> TransferEncoding {
    if data.len() <= 998 && data.iter().all(|&b| (b' '..0x7f).contains(&b) || b == b'\t') {
        TransferEncoding::SevenBit
    } else if options.transport.allows_binary() {
        TransferEncoding::Binary
    } else {
        TransferEncoding::Base64
    }
}

/// A multipart body framing `children` with a fresh boundary that occurs in none of
/// their bytes: CRLF delimiters, no preamble or epilogue. Returns the boundary too.
pub(crate) fn multipart_body(children: Vec<Part<'_>>) -> (String, Multipart<'_>) {
    let mut bytes = Vec::new();
    for child in &children {
        child.write_into(&mut bytes);
    }
    let boundary = loop {
        let boundary = random::boundary();
        if memchr::memmem::find(&bytes, format!("--{boundary}").as_bytes()).is_none() {
            break boundary;
        }
    };
    let delimiters = Delimiters::Owned(
        (0..children.len())
            .map(|i| {
                let line = if i == 0 { format!("--{boundary}\r\n") } else { format!("\r\n--{boundary}\r\n") };
                Bytes::from(line.into_bytes())
            })
            .collect(),
    );
    let body = Multipart {
        preamble: Bytes::default(),
        parts: children,
        delimiters,
        close: Bytes::from(format!("\r\n--{boundary}--\r\n").into_bytes()),
        closed: true,
        epilogue: Bytes::default(),
    };
    (boundary, body)
}
