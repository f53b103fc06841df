//! `HeaderName`: a field name compared without regard to ASCII case.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};

/// The name of a header field, such as `Content-Type`.
///
/// The name keeps the spelling it was parsed or created with; comparison and hashing
/// ignore ASCII case, as RFC 5322 §1.2.2 requires.
///
/// # Examples
///
/// ```
/// use mailmime::HeaderName;
///
/// let name = HeaderName::new("Content-Type").unwrap();
/// assert_eq!(name, HeaderName::new("content-type").unwrap());
/// assert_eq!(name.as_str(), "Content-Type");
/// assert!(HeaderName::new("Bad Name").is_err());
/// ```
#[derive(Clone)]
pub struct HeaderName<'a> {
    /// Always `ftext` (printable ASCII), so always valid UTF-8. Kept as bytes so parsing
    /// does not pay a UTF-8 check per field; [`as_str`](Self::as_str) converts on demand.
    name: Cow<'a, [u8]>,
}

impl<'a> HeaderName<'a> {
    /// A validated field name: one or more printable US-ASCII characters other than `:`
    /// (RFC 5322 §3.6.8 `ftext`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidHeaderName`](crate::ErrorKind::InvalidHeaderName) if `name`
    /// is empty or has a character outside `ftext`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, HeaderName};
    ///
    /// let name = HeaderName::new("X-Original-To")?;
    /// assert_eq!(name.as_str(), "X-Original-To");
    /// let owned = HeaderName::new(String::from("List-Id"))?;
    /// assert!(owned.is("list-id"));
    /// assert_eq!(HeaderName::new("Subject:").unwrap_err().kind(), &ErrorKind::InvalidHeaderName);
    /// assert_eq!(HeaderName::new("").unwrap_err().kind(), &ErrorKind::InvalidHeaderName);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn new(name: impl Into<Cow<'a, str>>) -> Result<Self, crate::Error> {
        let name = name.into();
        if name.is_empty() || !name.bytes().all(is_ftext) {
            return Err(crate::Error::new(crate::ErrorKind::InvalidHeaderName, None));
        }
        let name = match name {
            Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        };
        Ok(HeaderName { name })
    }

    /// A name the header parser has already checked to be `ftext`.
    pub(crate) fn from_parsed(name: &'a [u8]) -> Self {
        debug_assert!(name.iter().all(|&b| is_ftext(b)));
        HeaderName { name: Cow::Borrowed(name) }
    }

    /// The name as written.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::HeaderName;
    ///
    /// let name = HeaderName::new("MIME-version")?;
    /// assert_eq!(name.as_str(), "MIME-version");
    /// assert_eq!(name.to_string(), "MIME-version");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        // ftext is ASCII, so this never fails.
        std::str::from_utf8(&self.name).unwrap_or_default()
    }

    /// Whether this is `other`, ignoring ASCII case.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::HeaderName;
    ///
    /// let name = HeaderName::new("Content-Transfer-Encoding")?;
    /// assert!(name.is("content-transfer-encoding"));
    /// assert!(!name.is("Content-Type"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is(&self, other: &str) -> bool {
        self.name.eq_ignore_ascii_case(other.as_bytes())
    }

    /// This name with no borrow of the input.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{HeaderName, Message};
    ///
    /// let names: Vec<HeaderName<'static>> = {
    ///     let input = b"From: a@example.com\r\nSubject: x\r\n\r\n".to_vec();
    ///     let msg = Message::parse(&input)?;
    ///     msg.headers().iter().map(|f| f.name().into_owned()).collect()
    /// };
    /// assert!(names[1].is("subject"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn into_owned(self) -> HeaderName<'static> {
        HeaderName { name: Cow::Owned(self.name.into_owned()) }
    }
}

/// RFC 5322 `ftext`: printable US-ASCII except `:`.
fn is_ftext(b: u8) -> bool {
    (33..=126).contains(&b) && b != b':'
}

impl PartialEq for HeaderName<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name.eq_ignore_ascii_case(&other.name)
    }
}

impl Eq for HeaderName<'_> {}

impl PartialEq<str> for HeaderName<'_> {
    fn eq(&self, other: &str) -> bool {
        self.is(other)
    }
}

impl PartialEq<&str> for HeaderName<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.is(other)
    }
}

impl Hash for HeaderName<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for &b in self.name.iter() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

impl fmt::Debug for HeaderName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for HeaderName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_and_hash_without_case() {
        use std::collections::hash_map::DefaultHasher;
        let a = HeaderName::new("X-Mailer").unwrap();
        let b = HeaderName::new("x-MAILER").unwrap();
        assert_eq!(a, b);
        let hash = |n: &HeaderName<'_>| {
            let mut h = DefaultHasher::new();
            n.hash(&mut h);
            h.finish()
        };
        assert_eq!(hash(&a), hash(&b));
        assert!(a == "X-MAILER");
    }

    #[test]
    fn name_rejects_colon_space_controls_and_empty() {
        for bad in ["", "A:B", "A B", "A\r\nB", "Ä"] {
            assert!(HeaderName::new(bad).is_err(), "{bad:?}");
        }
        assert!(HeaderName::new("!#$%&'*+-.^_`|~").is_ok());
    }
}
