//! `MimePart`: the low-level API that builds any MIME tree.

use crate::build::header;
use crate::build::{BuildOptions, random, transfer};
use crate::bytes::Bytes;
use crate::error::{Error, ErrorKind};
use crate::header::{HeaderMap, HeaderName, TransferEncoding};
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
    pub fn text(subtype: &str, text: impl Into<String>) -> Self {
        Self::with(format!("text/{subtype}"), Content::Text(text.into()))
    }

    /// A part of the given media type (`"image/png"`) holding `data`, transfer-encoded as
    /// needed.
    pub fn bytes(media_type: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Self::with(media_type, Content::Bytes(data.into()))
    }

    /// A part whose body is already transfer-encoded with `encoding`; it is written
    /// untouched.
    pub fn pre_encoded(
        media_type: impl Into<String>,
        encoding: TransferEncoding,
        body: impl Into<Vec<u8>>,
    ) -> Self {
        Self::with(media_type, Content::PreEncoded(body.into(), encoding))
    }

    /// A `multipart/<subtype>` of `parts` (add parameters such as `protocol` with
    /// [`param`](Self::param)).
    pub fn multipart(subtype: &str, parts: Vec<MimePart>) -> Self {
        Self::with(format!("multipart/{subtype}"), Content::Multipart(parts))
    }

    /// A `message/rfc822` part embedding `message` (parsed or built) as its exact bytes.
    pub fn message(message: &Message<'_>) -> Self {
        Self::with("message/rfc822", Content::Message(message.to_bytes()))
    }

    /// A complete MIME entity, header and body, written byte for byte: for content whose
    /// exact bytes a signature covers. The builder does not read the entity's header
    /// (parse the built message to see it); `param`, `header` and the other setters do not
    /// apply to it.
    pub fn raw(entity: impl Into<Vec<u8>>) -> Self {
        Self::with("", Content::Raw(entity.into()))
    }

    /// Adds a Content-Type parameter.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// Adds a header field to the part.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// `Content-Disposition: attachment` with this file name.
    pub fn attachment(mut self, filename: impl Into<String>) -> Self {
        self.disposition = Some("attachment".into());
        self.filename = Some(filename.into());
        self
    }

    /// `Content-Disposition: inline`, with a file name when given.
    pub fn inline(mut self, filename: Option<String>) -> Self {
        self.disposition = Some("inline".into());
        self.filename = filename;
        self
    }

    /// The Content-ID (without angle brackets), for `cid:` references from HTML.
    pub fn content_id(mut self, id: impl Into<String>) -> Self {
        self.content_id = Some(id.into());
        self
    }

    /// Chooses the transfer encoding instead of the automatic choice. Building fails if the
    /// body cannot be carried that way under the transport profile.
    pub fn transfer_encoding(mut self, encoding: TransferEncoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    pub(crate) fn is_inline_with_id(&self) -> bool {
        self.content_id.is_some()
    }

    /// Builds this part and everything below it.
    pub(crate) fn assemble(
        self,
        options: &BuildOptions,
        top: Vec<(HeaderName<'static>, String)>,
    ) -> Result<Part<'static>, Error> {
        let utf8 = options.transport.allows_utf8_headers();
        let mut headers = HeaderMap::new();
        for (name, value) in top {
            header::push_field(&mut headers, &name, &value);
        }
        if let Content::Raw(entity) = self.content {
            // The entity brings its own header fields; the builder does not interpret them.
            // Fields of the message (for a raw root) come first, which keeps one header block.
            let body = Body::Leaf(Leaf { bytes: Bytes::from(entity), offset: 0 });
            return Ok(Part::built(headers, LineEnd::None, body));
        }
        let (main, sub) = media_type(&self.media_type)?;
        let mut params = self.params;
        let (body, encoding) = match self.content {
            Content::Text(text) => {
                let body = transfer::crlf(text.as_bytes());
                let charset = if body.is_ascii() { "us-ascii" } else { "utf-8" };
                if !params.iter().any(|(k, _)| k.eq_ignore_ascii_case("charset")) {
                    params.insert(0, ("charset".into(), charset.into()));
                }
                leaf(body, true, self.encoding, options)?
            }
            // Bytes must come back exactly (an attachment extracts byte for byte). Readers
            // rewrite line ends of 7bit/8bit/QP bodies (Python's email, munpack), so data
            // with line breaks is sent base64 unless the caller chose otherwise.
            Content::Bytes(data) => {
                let chosen = Some(self.encoding.unwrap_or_else(|| exact_encoding(&data, options)));
                leaf(data, false, chosen, options)?
            }
            Content::PreEncoded(data, encoding) => {
                (Body::Leaf(Leaf { bytes: Bytes::from(data), offset: 0 }), Some(encoding))
            }
            Content::Message(bytes) => {
                let encoding = transfer::choose(&bytes, false, options.transport);
                let encoding = match encoding {
                    TransferEncoding::SevenBit => None,
                    TransferEncoding::EightBit | TransferEncoding::Binary => Some(encoding),
                    // RFC 2046 §5.2.1: message/rfc822 is never base64 or quoted-printable.
                    _ => return Err(Error::new(ErrorKind::InvalidTransferEncoding, None)),
                };
                (Body::Leaf(Leaf { bytes: Bytes::from(bytes), offset: 0 }), encoding)
            }
            Content::Multipart(parts) => {
                if main != "multipart" || parts.is_empty() {
                    return Err(Error::new(ErrorKind::InvalidContentType, None));
                }
                let children = parts
                    .into_iter()
                    .map(|p| p.assemble(options, Vec::new()))
                    .collect::<Result<Vec<_>, _>>()?;
                let (boundary, m) = multipart_body(children);
                params.push(("boundary".into(), boundary));
                (Body::Multipart(Box::new(m)), None)
            }
            Content::Raw(_) => unreachable!("handled above"),
        };
        let content_type =
            header::with_params("Content-Type".len(), &format!("{main}/{sub}"), &params, false);
        header::push_field(&mut headers, &header::name("Content-Type"), &content_type);
        if let Some(encoding) = &encoding {
            header::push_field(
                &mut headers,
                &header::name("Content-Transfer-Encoding"),
                &format!(" {encoding}"),
            );
        }
        if let Some(kind) = &self.disposition {
            let params: Vec<(String, String)> =
                self.filename.iter().map(|f| ("filename".to_owned(), f.clone())).collect();
            let value =
                header::with_params("Content-Disposition".len(), kind, &params, options.legacy_filename);
            header::push_field(&mut headers, &header::name("Content-Disposition"), &value);
        }
        if let Some(id) = &self.content_id {
            if id.chars().any(|c| c.is_control() || c.is_whitespace() || c == '<' || c == '>')
                || !id.is_ascii()
            {
                return Err(Error::new(ErrorKind::InvalidHeaderValue, None));
            }
            header::push_field(&mut headers, &header::name("Content-ID"), &format!(" <{id}>"));
        }
        for (name, value) in self.headers {
            let name = custom_name(name)?;
            let value = header::unstructured(name.as_str().len(), &value, utf8);
            header::push_field(&mut headers, &name, &value);
        }
        Ok(Part::built(headers, LineEnd::CrLf, body))
    }
}

/// A caller's header name, checked, and not one the builder writes itself.
pub(crate) fn custom_name(name: String) -> Result<HeaderName<'static>, Error> {
    let name = HeaderName::new(name)?;
    const RESERVED: [&str; 6] = [
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
        "content-id",
        "mime-version",
        "bcc",
    ];
    if RESERVED.iter().any(|r| name.is(r)) {
        return Err(Error::new(ErrorKind::ReservedHeader, None));
    }
    Ok(name)
}

/// `type/subtype`, each an RFC 2045 token, lowercased.
fn media_type(media_type: &str) -> Result<(String, String), Error> {
    let invalid = || Error::new(ErrorKind::InvalidContentType, None);
    let (main, sub) = media_type.split_once('/').ok_or_else(invalid)?;
    let token = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?=".contains(&b))
    };
    if !token(main) || !token(sub) {
        return Err(invalid());
    }
    Ok((main.to_ascii_lowercase(), sub.to_ascii_lowercase()))
}

/// A leaf body encoded with the chosen or automatic transfer encoding, which is always
/// declared (7bit too), so no reader has to rely on the default.
fn leaf(
    body: Vec<u8>,
    is_text: bool,
    chosen: Option<TransferEncoding>,
    options: &BuildOptions,
) -> Result<(Body<'static>, Option<TransferEncoding>), Error> {
    let encoding = match chosen {
        Some(encoding) => {
            transfer::check(&body, &encoding, options.transport)?;
            encoding
        }
        None => transfer::choose(&body, is_text, options.transport),
    };
    let encoded = transfer::encode(&body, &encoding, is_text);
    Ok((Body::Leaf(Leaf { bytes: Bytes::from(encoded), offset: 0 }), Some(encoding)))
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
