//! `BuildOptions` and `Transport`: what the built message may contain.

/// What the SMTP transport that will carry the message accepts, which bounds the
/// transfer encodings and header text the builder may use.
///
/// | profile | bodies | header text |
/// |---|---|---|
/// | `SevenBit` (default) | 7bit, quoted-printable, base64 | US-ASCII, RFC 2047 encoded words |
/// | `EightBitMime` (RFC 6152) | also 8bit | as `SevenBit` |
/// | `BinaryMime` (RFC 3030) | also binary | as `SevenBit` |
/// | `SmtpUtf8` (RFC 6531, implies 8BITMIME) | as `EightBitMime` | raw UTF-8 (RFC 6532) |
///
/// # Examples
///
/// ```
/// use mailmime::{BuildOptions, MessageBuilder, Transport};
///
/// let text = "Grüße aus Köln";
/// // Over plain SMTP, 8-bit text is transfer-encoded.
/// let (msg, _) = MessageBuilder::new().from("a@example.com").text(text).build()?;
/// assert_eq!(msg.transfer_encoding().as_str(), "base64");
/// // A server that announced 8BITMIME takes it as it is.
/// let options = BuildOptions::default().transport(Transport::EightBitMime);
/// let (msg, _) = MessageBuilder::new().options(options).from("a@example.com").text(text).build()?;
/// assert_eq!(msg.transfer_encoding().as_str(), "8bit");
/// assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), text.as_bytes());
/// assert_eq!(Transport::default(), Transport::SevenBit);
/// # Ok::<(), mailmime::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Transport {
    /// Every octet below 128; lines of at most 998 octets.
    #[default]
    SevenBit,
    /// 8-bit bodies with short lines allowed (8BITMIME).
    EightBitMime,
    /// Any body bytes allowed (BINARYMIME with CHUNKING).
    BinaryMime,
    /// 8-bit bodies and UTF-8 header text allowed (SMTPUTF8).
    SmtpUtf8,
}

impl Transport {
    pub(crate) fn allows_8bit(self) -> bool {
        !matches!(self, Transport::SevenBit)
    }

    pub(crate) fn allows_binary(self) -> bool {
        matches!(self, Transport::BinaryMime)
    }

    pub(crate) fn allows_utf8_headers(self) -> bool {
        matches!(self, Transport::SmtpUtf8)
    }
}

/// Options for [`MessageBuilder`](crate::MessageBuilder).
///
/// # Examples
///
/// ```
/// use mailmime::{BuildOptions, Transport};
///
/// let options = BuildOptions::default()
///     .transport(Transport::EightBitMime)
///     .message_id_domain("mail.example.com")
///     .legacy_filename(true);
/// assert_ne!(options, BuildOptions::default());
/// assert_eq!(options, options.clone());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuildOptions {
    pub(crate) transport: Transport,
    pub(crate) message_id_domain: Option<String>,
    pub(crate) legacy_filename: bool,
}

impl BuildOptions {
    /// The transport profile (default [`Transport::SevenBit`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{BuildOptions, MessageBuilder, TransferEncoding, Transport};
    ///
    /// let attach = |transport| {
    ///     let options = BuildOptions::default().transport(transport);
    ///     let (msg, _) = MessageBuilder::new()
    ///         .options(options)
    ///         .from("a@example.com")
    ///         .attachment("x.bin", "application/octet-stream", vec![0u8, 1, 2, 255])
    ///         .build()?;
    ///     let encoding = msg.attachments().next().unwrap().transfer_encoding();
    ///     Ok::<_, mailmime::Error>(encoding)
    /// };
    /// assert_eq!(attach(Transport::SevenBit)?, TransferEncoding::Base64);
    /// // BINARYMIME carries any bytes: no base64 needed.
    /// assert_eq!(attach(Transport::BinaryMime)?, TransferEncoding::Binary);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = transport;
        self
    }

    /// The domain of generated Message-IDs. By default the From address's domain, or
    /// `localhost` when there is none.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{BuildOptions, MessageBuilder};
    ///
    /// let (msg, _) = MessageBuilder::new().from("ana@example.com").build()?;
    /// assert!(msg.message_id().unwrap().ends_with("@example.com"));
    ///
    /// let options = BuildOptions::default().message_id_domain("outbound.example.net");
    /// let (msg, _) = MessageBuilder::new().options(options).from("ana@example.com").build()?;
    /// assert!(msg.message_id().unwrap().ends_with("@outbound.example.net"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn message_id_domain(mut self, domain: impl Into<String>) -> Self {
        self.message_id_domain = Some(domain.into());
        self
    }

    /// Also write non-ASCII file names as an RFC 2047 encoded `name=` / `filename=` value
    /// next to the RFC 2231 one, for old clients (Outlook before 2007) that read only that.
    /// Off by default: RFC 2047 §5 does not allow encoded words in quoted strings.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{BuildOptions, MessageBuilder};
    ///
    /// let build = |options| {
    ///     let (msg, _) = MessageBuilder::new()
    ///         .options(options)
    ///         .from("a@example.com")
    ///         .attachment("résumé.pdf", "application/pdf", b"%PDF-1.4".to_vec())
    ///         .build()?;
    ///     let part = msg.attachments().next().unwrap();
    ///     let field = part.headers().get("Content-Disposition").unwrap().unfolded().into_owned();
    ///     Ok::<_, mailmime::Error>(String::from_utf8(field).unwrap())
    /// };
    /// assert_eq!(build(BuildOptions::default())?, "attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf");
    /// assert_eq!(
    ///     build(BuildOptions::default().legacy_filename(true))?,
    ///     "attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf; filename=\"=?UTF-8?B?csOpc3Vtw6kucGRm?=\"",
    /// );
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn legacy_filename(mut self, on: bool) -> Self {
        self.legacy_filename = on;
        self
    }
}
