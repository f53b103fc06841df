//! `MessageBuilder`: composing a message from addresses, text, HTML, inline parts and
//! attachments.

use std::path::Path;

use crate::address::Mailbox;
use crate::build::header::{self, addr_spec, join_folded, phrase, unstructured};
use crate::build::part::custom_name;
use crate::build::{BuildOptions, MimePart, random};
use crate::date::DateTime;
use crate::envelope::Envelope;
use crate::error::{Error, ErrorKind};
use crate::header::HeaderName;
use crate::tree::Message;

/// A mailbox to write: an address and an optional display name.
///
/// # Examples
///
/// ```
/// use mailmime::Addressee;
///
/// let plain: Addressee = "bob@example.org".into();
/// let named: Addressee = ("Bob Smith", "bob@example.org").into();
/// assert_eq!(named.address(), plain.address());
/// assert_eq!(named.name(), Some("Bob Smith"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    name: Option<String>,
    address: String,
}

impl Addressee {
    /// The display name.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The address (`local@domain`).
    pub fn address(&self) -> &str {
        &self.address
    }
}

impl From<&str> for Addressee {
    fn from(address: &str) -> Self {
        Addressee { name: None, address: address.to_owned() }
    }
}

impl From<String> for Addressee {
    fn from(address: String) -> Self {
        Addressee { name: None, address }
    }
}

impl<N: Into<String>, A: Into<String>> From<(N, A)> for Addressee {
    fn from((name, address): (N, A)) -> Self {
        let name = name.into();
        Addressee { name: (!name.is_empty()).then_some(name), address: address.into() }
    }
}

impl From<&Mailbox<'_>> for Addressee {
    fn from(m: &Mailbox<'_>) -> Self {
        Addressee { name: m.name().map(str::to_owned), address: m.address().into_owned() }
    }
}

/// Composes a message and chooses its MIME structure.
///
/// Text and HTML become a `multipart/alternative`; inline parts (with a Content-ID)
/// a `multipart/related` around the HTML; attachments a `multipart/mixed` outermost.
/// Date and Message-ID are generated when not given. Bcc recipients go into the
/// [`Envelope`] only, never into the message.
///
/// # Examples
///
/// ```
/// use mailmime::{MessageBuilder, MimePart};
///
/// let (msg, envelope) = MessageBuilder::new()
///     .from(("Ana", "ana@example.com"))
///     .to("bob@example.org")
///     .subject("Quarterly report ✓")
///     .text("See the report.")
///     .html("<p>See the <b>report</b>.</p>")
///     .attachment("report.pdf", "application/pdf", b"%PDF-1.4".to_vec())
///     .build()
///     .unwrap();
/// assert!(msg.content_type().is("multipart/mixed"));
/// assert_eq!(msg.subject().as_deref(), Some("Quarterly report ✓"));
/// assert_eq!(msg.attachments().next().unwrap().filename().as_deref(), Some("report.pdf"));
/// assert_eq!(envelope.recipients(), ["bob@example.org"]);
/// let bytes = msg.to_bytes();
/// assert!(bytes.is_ascii());
/// ```
#[derive(Debug, Clone, Default)]
pub struct MessageBuilder {
    options: BuildOptions,
    from: Vec<Addressee>,
    sender: Option<Addressee>,
    reply_to: Vec<Addressee>,
    to: Vec<Addressee>,
    cc: Vec<Addressee>,
    bcc: Vec<Addressee>,
    subject: Option<String>,
    date: Option<DateTime>,
    message_id: Option<String>,
    headers: Vec<(String, String)>,
    text: Option<String>,
    html: Option<String>,
    inline: Vec<MimePart>,
    attachments: Vec<MimePart>,
    body: Option<MimePart>,
    deferred: Option<Error>,
}

impl MessageBuilder {
    /// An empty builder with default [`BuildOptions`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The options (transport profile, Message-ID domain, legacy file names).
    pub fn options(mut self, options: BuildOptions) -> Self {
        self.options = options;
        self
    }

    /// Adds a From mailbox.
    pub fn from(mut self, mailbox: impl Into<Addressee>) -> Self {
        self.from.push(mailbox.into());
        self
    }

    /// Sets the Sender mailbox (the reverse path when given).
    pub fn sender(mut self, mailbox: impl Into<Addressee>) -> Self {
        self.sender = Some(mailbox.into());
        self
    }

    /// Adds a Reply-To mailbox.
    pub fn reply_to(mut self, mailbox: impl Into<Addressee>) -> Self {
        self.reply_to.push(mailbox.into());
        self
    }

    /// Adds a To recipient.
    pub fn to(mut self, mailbox: impl Into<Addressee>) -> Self {
        self.to.push(mailbox.into());
        self
    }

    /// Adds a Cc recipient.
    pub fn cc(mut self, mailbox: impl Into<Addressee>) -> Self {
        self.cc.push(mailbox.into());
        self
    }

    /// Adds a Bcc recipient: in the envelope, never in the message.
    pub fn bcc(mut self, mailbox: impl Into<Addressee>) -> Self {
        self.bcc.push(mailbox.into());
        self
    }

    /// Sets the Subject (any Unicode; encoded as needed).
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the Date (default: now, in UTC).
    pub fn date(mut self, date: DateTime) -> Self {
        self.date = Some(date);
        self
    }

    /// Sets the Message-ID, with or without angle brackets (default: generated).
    pub fn message_id(mut self, id: impl Into<String>) -> Self {
        self.message_id = Some(id.into());
        self
    }

    /// Adds any other header field; its value is unstructured text, encoded as needed.
    /// Fields the builder writes itself, and Bcc, are refused when building.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the plain-text body.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Sets the HTML body.
    pub fn html(mut self, html: impl Into<String>) -> Self {
        self.html = Some(html.into());
        self
    }

    /// Adds an inline part referenced from the HTML as `cid:<content_id>`.
    pub fn inline(
        mut self,
        content_id: impl Into<String>,
        media_type: impl Into<String>,
        data: impl Into<Vec<u8>>,
    ) -> Self {
        self.inline.push(MimePart::bytes(media_type, data).inline(None).content_id(content_id));
        self
    }

    /// Adds an attachment from bytes.
    pub fn attachment(
        mut self,
        filename: impl Into<String>,
        media_type: impl Into<String>,
        data: impl Into<Vec<u8>>,
    ) -> Self {
        self.attachments.push(MimePart::bytes(media_type, data).attachment(filename));
        self
    }

    /// Adds an attachment read from a file; the media type is guessed from the extension.
    /// A read error is reported by [`build`](Self::build).
    pub fn attach_file(mut self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        match std::fs::read(path) {
            Ok(data) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let media_type = media_type_for(&name);
                self.attachments.push(MimePart::bytes(media_type, data).attachment(name));
            }
            Err(e) => {
                self.deferred.get_or_insert(Error::new(ErrorKind::Io(e.kind()), None));
            }
        }
        self
    }

    /// Adds an attachment or inline part built with the low-level API.
    pub fn part(mut self, part: MimePart) -> Self {
        if part.is_inline_with_id() {
            self.inline.push(part);
        } else {
            self.attachments.push(part);
        }
        self
    }

    /// Uses `part` as the whole body instead of the structure chosen from text, HTML,
    /// inline parts and attachments (which are then ignored).
    pub fn body(mut self, part: MimePart) -> Self {
        self.body = Some(part);
        self
    }

    /// Builds the message and its envelope.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingFrom`] without a From; [`ErrorKind::InvalidAddress`],
    /// [`ErrorKind::InvalidHeaderName`], [`ErrorKind::ReservedHeader`],
    /// [`ErrorKind::InvalidContentType`], [`ErrorKind::InvalidTransferEncoding`],
    /// [`ErrorKind::InvalidHeaderValue`] for input that cannot be written safely;
    /// [`ErrorKind::Io`] when a file to attach could not be read.
    pub fn build(self) -> Result<(Message<'static>, Envelope), Error> {
        if let Some(e) = self.deferred {
            return Err(e);
        }
        if self.from.is_empty() {
            return Err(Error::new(ErrorKind::MissingFrom, None));
        }
        let utf8 = self.options.transport.allows_utf8_headers();
        let mut top: Vec<(HeaderName<'static>, String)> = Vec::new();
        let date = self.date.unwrap_or_else(now);
        top.push((header::name("Date"), format!(" {date}")));
        push_addresses(&mut top, "From", &self.from, utf8)?;
        if let Some(sender) = &self.sender {
            push_addresses(&mut top, "Sender", std::slice::from_ref(sender), utf8)?;
        }
        push_addresses(&mut top, "Reply-To", &self.reply_to, utf8)?;
        push_addresses(&mut top, "To", &self.to, utf8)?;
        push_addresses(&mut top, "Cc", &self.cc, utf8)?;
        // Checked like the others, though never written.
        for b in &self.bcc {
            addr_spec(&b.address, utf8)?;
        }
        if let Some(subject) = &self.subject {
            top.push((header::name("Subject"), unstructured("Subject".len(), subject, utf8)));
        }
        let id = match &self.message_id {
            Some(id) => {
                let id = id.trim().trim_start_matches('<').trim_end_matches('>');
                if id.is_empty()
                    || id.chars().any(|c| c.is_control() || c.is_whitespace() || "<>".contains(c))
                    || !id.is_ascii()
                {
                    return Err(Error::new(ErrorKind::InvalidHeaderValue, None));
                }
                id.to_owned()
            }
            None => {
                let domain = self
                    .options
                    .message_id_domain
                    .clone()
                    .or_else(|| self.from[0].address.rsplit_once('@').map(|(_, d)| d.to_owned()))
                    .filter(|d| {
                        d.is_ascii()
                            && !d.is_empty()
                            && !d.chars().any(|c| c.is_control() || c.is_whitespace() || "<>".contains(c))
                    })
                    .unwrap_or_else(|| "localhost".to_owned());
                format!("{:016x}.{:08x}@{domain}", random::random_u64(), date.unix_timestamp())
            }
        };
        top.push((header::name("Message-ID"), format!(" <{id}>")));
        for (name, value) in self.headers {
            let name = custom_name(name)?;
            let value = unstructured(name.as_str().len(), &value, utf8);
            top.push((name, value));
        }
        top.push((header::name("MIME-Version"), " 1.0".to_owned()));

        // The envelope holds addresses as SMTP writes them: local parts quoted when needed.
        let reverse_path = addr_spec(&self.sender.as_ref().unwrap_or(&self.from[0]).address, utf8)?;
        let recipients = self
            .to
            .iter()
            .chain(&self.cc)
            .chain(&self.bcc)
            .map(|a| addr_spec(&a.address, utf8))
            .collect::<Result<Vec<_>, _>>()?;
        let envelope = Envelope::new(reverse_path, recipients);

        let body = match self.body {
            Some(body) => body,
            None => structure(self.text, self.html, self.inline, self.attachments),
        };
        let root = body.assemble(&self.options, top)?;
        Ok((Message::from_root(root), envelope))
    }
}

/// text + HTML → alternative; inline parts → related around the HTML; attachments →
/// mixed outermost.
fn structure(
    text: Option<String>,
    html: Option<String>,
    inline: Vec<MimePart>,
    attachments: Vec<MimePart>,
) -> MimePart {
    let text = text.map(|t| MimePart::text("plain", t));
    let (html, loose_inline) = match html.map(|h| MimePart::text("html", h)) {
        Some(h) if !inline.is_empty() => {
            let mut parts = vec![h];
            parts.extend(inline);
            (Some(MimePart::multipart("related", parts)), Vec::new())
        }
        h => (h, inline),
    };
    let main = match (text, html) {
        (Some(t), Some(h)) => Some(MimePart::multipart("alternative", vec![t, h])),
        (t, h) => t.or(h),
    };
    if attachments.is_empty() && loose_inline.is_empty() {
        return main.unwrap_or_else(|| MimePart::text("plain", ""));
    }
    let mut parts: Vec<MimePart> = main.into_iter().collect();
    parts.extend(loose_inline);
    parts.extend(attachments);
    MimePart::multipart("mixed", parts)
}

fn push_addresses(
    top: &mut Vec<(HeaderName<'static>, String)>,
    name: &'static str,
    list: &[Addressee],
    utf8: bool,
) -> Result<(), Error> {
    if list.is_empty() {
        return Ok(());
    }
    let mut pieces = Vec::with_capacity(list.len());
    for a in list {
        let spec = addr_spec(&a.address, utf8)?;
        pieces.push(match &a.name {
            Some(n) => format!("{} <{spec}>", phrase(n, name.len() + 2, utf8)),
            None => spec,
        });
    }
    top.push((header::name(name), join_folded(name.len() + 1, &pieces, ",")));
    Ok(())
}

fn now() -> DateTime {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    DateTime::from_unix(seconds, 0).expect("the current time is a valid date")
}

/// A media type for common file extensions; `application/octet-stream` otherwise.
fn media_type_for(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" => "text/plain",
        "html" | "htm" => "text/html",
        "csv" => "text/csv",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "zip" => "application/zip",
        "json" => "application/json",
        "eml" => "message/rfc822",
        _ => "application/octet-stream",
    }
}
