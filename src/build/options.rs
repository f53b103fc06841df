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
/// # let _ = options;
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
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = transport;
        self
    }

    /// The domain of generated Message-IDs. By default the From address's domain, or
    /// `localhost` when there is none.
    pub fn message_id_domain(mut self, domain: impl Into<String>) -> Self {
        self.message_id_domain = Some(domain.into());
        self
    }

    /// Also write non-ASCII file names as an RFC 2047 encoded `name=` / `filename=` value
    /// next to the RFC 2231 one, for old clients (Outlook before 2007) that read only that.
    /// Off by default: RFC 2047 §5 does not allow encoded words in quoted strings.
    pub fn legacy_filename(mut self, on: bool) -> Self {
        self.legacy_filename = on;
        self
    }
}
