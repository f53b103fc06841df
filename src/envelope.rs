//! `Envelope` (SMTP's MAIL FROM and RCPT TO) and the SMTP DATA form of a message.

use std::io::{self, Write};

use crate::tree::Message;

/// The SMTP envelope of a message: the reverse path for `MAIL FROM` and every recipient
/// for `RCPT TO`.
///
/// Recipients come from To, Cc and Bcc, in that order, once each: addresses that differ
/// only in the case of their domain (RFC 5321 §2.4: domains are case-insensitive, local
/// parts are not) count once.
///
/// # Examples
///
/// ```
/// use mailmime::MessageBuilder;
///
/// let (msg, envelope) = MessageBuilder::new()
///     .from("alice@example.com")
///     .to("bob@example.org")
///     .cc("Bob@EXAMPLE.ORG")
///     .bcc("carol@example.net")
///     .subject("Hi")
///     .text("Hello")
///     .build()
///     .unwrap();
/// assert_eq!(envelope.reverse_path(), "alice@example.com");
/// assert_eq!(envelope.recipients(), ["bob@example.org", "Bob@EXAMPLE.ORG", "carol@example.net"]);
/// assert!(!String::from_utf8_lossy(&msg.to_bytes()).contains("carol"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Envelope {
    reverse_path: String,
    recipients: Vec<String>,
}

impl Envelope {
    /// An envelope from a reverse path and recipients, duplicates removed.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Envelope;
    ///
    /// let recipients = ["bob@example.org", "carol@example.net", "bob@EXAMPLE.org"].map(String::from);
    /// let envelope = Envelope::new("alice@example.com", recipients);
    /// // Domains are case-insensitive: the third is the first again.
    /// assert_eq!(envelope.recipients(), ["bob@example.org", "carol@example.net"]);
    /// ```
    pub fn new(reverse_path: impl Into<String>, recipients: impl IntoIterator<Item = String>) -> Self {
        let mut seen: Vec<String> = Vec::new();
        let mut kept = Vec::new();
        for r in recipients {
            let key = match r.rsplit_once('@') {
                Some((local, domain)) => format!("{local}@{}", domain.to_lowercase()),
                None => r.clone(),
            };
            if !seen.contains(&key) {
                seen.push(key);
                kept.push(r);
            }
        }
        Envelope { reverse_path: reverse_path.into(), recipients: kept }
    }

    /// The address for `MAIL FROM` (empty for the null reverse path).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Envelope;
    ///
    /// let bounce = Envelope::new("", ["alice@example.com".to_owned()]);
    /// assert_eq!(bounce.reverse_path(), ""); // MAIL FROM:<>
    /// assert_eq!(Envelope::new("a@example.com", []).reverse_path(), "a@example.com");
    /// ```
    pub fn reverse_path(&self) -> &str {
        &self.reverse_path
    }

    /// The addresses for `RCPT TO`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (_, envelope) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .to("to@example.org")
    ///     .cc("cc@example.org")
    ///     .bcc("bcc@example.org")
    ///     .build()?;
    /// for recipient in envelope.recipients() {
    ///     assert!(recipient.ends_with("@example.org"));
    /// }
    /// assert_eq!(envelope.recipients(), ["to@example.org", "cc@example.org", "bcc@example.org"]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn recipients(&self) -> &[String] {
        &self.recipients
    }
}

impl Message<'_> {
    /// Writes the message as the content of SMTP `DATA` (RFC 5321 §4.5.2): every line end
    /// is CRLF (a bare LF or CR, as in a message stored with LF line ends, is sent as
    /// CRLF, since SMTP allows no other), every line that starts with `.` gets another
    /// `.`, and the message ends with exactly one `CRLF.CRLF`.
    ///
    /// # Errors
    ///
    /// Any error of `writer`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Subject: x\r\n\r\n.hidden\r\nlast").unwrap();
    /// let mut out = Vec::new();
    /// msg.write_smtp_data(&mut out).unwrap();
    /// assert_eq!(out, b"Subject: x\r\n\r\n..hidden\r\nlast\r\n.\r\n");
    ///
    /// // A message stored with LF line ends.
    /// let msg = Message::parse(b"Subject: x\n\n.hidden\nend\n").unwrap();
    /// let mut out = Vec::new();
    /// msg.write_smtp_data(&mut out).unwrap();
    /// assert_eq!(out, b"Subject: x\r\n\r\n..hidden\r\nend\r\n.\r\n");
    /// ```
    pub fn write_smtp_data(&self, writer: &mut impl Write) -> io::Result<()> {
        let bytes = self.to_bytes();
        writer.write_all(&dot_stuffed(&bytes))
    }
}

/// `bytes` with CRLF line ends, dot-stuffed and terminated with `CRLF.CRLF`.
pub(crate) fn dot_stuffed(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32 + 5);
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\r' | b'\n' => {
                out.extend_from_slice(b"\r\n");
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                line_start = true;
            }
            _ => {
                if line_start && b == b'.' {
                    out.push(b'.');
                }
                out.push(b);
                line_start = false;
            }
        }
        i += 1;
    }
    if out.is_empty() || !line_start {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_stuffing_doubles_leading_dots_only() {
        assert_eq!(dot_stuffed(b".a\r\nb.c\r\n..d\r\n"), b"..a\r\nb.c\r\n...d\r\n.\r\n");
        assert_eq!(dot_stuffed(b""), b"\r\n.\r\n");
    }

    #[test]
    fn every_line_end_is_sent_as_crlf_and_the_end_is_one_crlf_dot_crlf() {
        assert_eq!(dot_stuffed(b".a\nb\n"), b"..a\r\nb\r\n.\r\n");
        assert_eq!(dot_stuffed(b"a\rb\r"), b"a\r\nb\r\n.\r\n");
        assert_eq!(dot_stuffed(b"a\r\r\n.b"), b"a\r\n\r\n..b\r\n.\r\n");
        assert_eq!(dot_stuffed(b"end"), b"end\r\n.\r\n");
        assert_eq!(dot_stuffed(b"\n"), b"\r\n.\r\n");
        assert_eq!(dot_stuffed(b"a\n\n"), b"a\r\n\r\n.\r\n");
    }

    #[test]
    fn recipients_are_deduplicated_by_case_insensitive_domain() {
        let e = Envelope::new(
            "a@x",
            ["b@Example.org".to_string(), "b@example.ORG".into(), "B@example.org".into()],
        );
        assert_eq!(e.recipients(), ["b@Example.org", "B@example.org"]);
    }
}
