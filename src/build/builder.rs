//! `MessageBuilder`: composing a message from addresses, text, HTML, inline parts and
//! attachments.

use std::path::Path;

use crate::address::{AddressList, Mailbox};
use crate::build::header::{self, addr_spec, unstructured};
use crate::build::{BuildOptions, MimePart, random};
use crate::date::DateTime;
use crate::envelope::Envelope;
use crate::error::{Error, ErrorKind};
use crate::header::HeaderName;
use crate::tree::Message;

/// A mailbox to write: an address and an optional display name.
///
/// A string holding `<` is read as an RFC 5322 mailbox, `Name <local@domain>`: the
/// display name may be quoted, hold RFC 2047 encoded words or any non-ASCII text (which
/// the builder encodes). Any other string is the address itself. When the string is
/// no mailbox, [`build`](MessageBuilder::build) fails with
/// [`ErrorKind::InvalidAddress`] naming the argument and the string, and
/// [`Error::reason`] says what is wrong.
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
/// let parsed: Addressee = "Anaïs <anais@example.com>".into();
/// assert_eq!((parsed.name(), parsed.address()), (Some("Anaïs"), "anais@example.com"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    name: Option<String>,
    address: String,
    /// Why the string given could not be read as a mailbox (then `address` is that
    /// string), reported by `build`.
    refused: Option<Box<Error>>,
}

impl Addressee {
    /// The display name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Addressee;
    ///
    /// assert_eq!(Addressee::from("\"Doe, Jane\" <jane@example.com>").name(), Some("Doe, Jane"));
    /// assert_eq!(Addressee::from(("", "jane@example.com")).name(), None);
    /// assert_eq!(Addressee::from("jane@example.com").name(), None);
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The address (`local@domain`) as given. A local part that is a whole quoted
    /// string (`"john doe"@example.com`) is read as one when the message is built; any
    /// other local part is quoted then if it needs it (`john doe@example.com` is written
    /// `"john doe"@example.com`). For a string that holds `<` (outside comments and
    /// quoted strings) but is no mailbox, that string.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Addressee;
    ///
    /// assert_eq!(Addressee::from("Jane <jane@example.com>").address(), "jane@example.com");
    /// assert_eq!(Addressee::from(("Jane", "jane@example.com")).address(), "jane@example.com");
    /// // Not a mailbox: kept as given, and refused by `build`.
    /// assert_eq!(Addressee::from("Jane <jane@example.com").address(), "Jane <jane@example.com");
    /// ```
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The string as given, read as `Name <addr>` when it holds `<` outside comments and
    /// quoted strings.
    fn parse(given: String) -> Self {
        // A control character cannot be written in a mailbox: left as the address, it is
        // refused by name when the message is built (reading it as `Name <addr>` would
        // drop a CR or LF inside a quoted string without a word).
        // A `<` only inside a comment or quoted string (`a(x<y)@b`) makes no `Name <addr>`.
        if !crate::parse::address::has_angle(given.as_bytes()) || given.chars().any(char::is_control) {
            return Addressee { name: None, address: given, refused: None };
        }
        match given.parse::<Mailbox<'static>>() {
            Ok(mailbox) => Addressee::from(&mailbox),
            Err(e) => Addressee { name: None, address: given, refused: Some(Box::new(e)) },
        }
    }

    /// The error `build` reports for this mailbox given as `argument`, if it is no
    /// mailbox.
    fn refusal(&self, argument: &'static str) -> Option<Error> {
        let refused = self.refused.as_deref()?;
        let error =
            Error::new(ErrorKind::InvalidAddress, refused.offset()).about(argument, self.address.clone());
        Some(match refused.reason() {
            Some(reason) => error.because(reason.to_owned()),
            None => error,
        })
    }
}

impl From<&str> for Addressee {
    fn from(given: &str) -> Self {
        Addressee::parse(given.to_owned())
    }
}

impl From<String> for Addressee {
    fn from(given: String) -> Self {
        Addressee::parse(given)
    }
}

impl From<&String> for Addressee {
    fn from(given: &String) -> Self {
        Addressee::parse(given.clone())
    }
}

impl<N: Into<String>, A: Into<String>> From<(N, A)> for Addressee {
    fn from((name, address): (N, A)) -> Self {
        let name = name.into();
        Addressee { name: (!name.is_empty()).then_some(name), address: address.into(), refused: None }
    }
}

/// One or more mailboxes, for [`MessageBuilder::to`], [`cc`](MessageBuilder::cc),
/// [`bcc`](MessageBuilder::bcc) and [`reply_to`](MessageBuilder::reply_to): anything that
/// converts into an [`Addressee`] (one recipient), an array, `Vec` or slice of such
/// things, or an [`AddressList`] (its mailboxes, groups flattened).
///
/// An iterator is collected first: `.to(names.iter().map(...).collect::<Vec<_>>())`
/// (a blanket impl for iterators would overlap the one for single recipients).
///
/// # Examples
///
/// ```
/// use mailmime::MessageBuilder;
/// use mailmime::address::AddressList;
///
/// let team = vec!["c@example.com".to_owned(), "Dee <d@example.com>".to_owned()];
/// let list: AddressList = "e@example.com, f: g@example.com;".parse().unwrap();
/// let domains = ["h.example", "i.example"];
/// let (_msg, envelope) = MessageBuilder::new()
///     .from("a@example.com")
///     .to(["b@example.com", "Bea <b2@example.com>"])
///     .cc(&team)
///     .cc(("Ann", "ann@example.com"))
///     .bcc(&list)
///     .bcc(domains.iter().map(|d| format!("x@{d}")).collect::<Vec<_>>())
///     .build()
///     .unwrap();
/// assert_eq!(envelope.recipients(), [
///     "b@example.com", "b2@example.com", "c@example.com", "d@example.com", "ann@example.com",
///     "e@example.com", "g@example.com", "x@h.example", "x@i.example",
/// ]);
/// ```
pub trait IntoAddressees {
    /// The mailboxes, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Addressee, IntoAddressees};
    ///
    /// let one = "bob@example.org".into_addressees();
    /// assert_eq!(one, [Addressee::from("bob@example.org")]);
    /// let two = ["a@example.com", "Bea <b@example.com>"].into_addressees();
    /// assert_eq!(two.iter().map(Addressee::address).collect::<Vec<_>>(), ["a@example.com", "b@example.com"]);
    /// ```
    fn into_addressees(self) -> Vec<Addressee>;
}

impl<T: Into<Addressee>> IntoAddressees for T {
    fn into_addressees(self) -> Vec<Addressee> {
        vec![self.into()]
    }
}

impl<T: Into<Addressee>, const N: usize> IntoAddressees for [T; N] {
    fn into_addressees(self) -> Vec<Addressee> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T: Into<Addressee>> IntoAddressees for Vec<T> {
    fn into_addressees(self) -> Vec<Addressee> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<T: Into<Addressee> + Clone> IntoAddressees for &[T] {
    fn into_addressees(self) -> Vec<Addressee> {
        self.iter().cloned().map(Into::into).collect()
    }
}

impl<T: Into<Addressee> + Clone> IntoAddressees for &Vec<T> {
    fn into_addressees(self) -> Vec<Addressee> {
        self.as_slice().into_addressees()
    }
}

impl IntoAddressees for &AddressList<'_> {
    fn into_addressees(self) -> Vec<Addressee> {
        self.mailboxes().map(Addressee::from).collect()
    }
}

impl IntoAddressees for AddressList<'_> {
    fn into_addressees(self) -> Vec<Addressee> {
        (&self).into_addressees()
    }
}

/// A parsed mailbox, to write again: the builder reads the quoted local part of
/// [`Mailbox::address`] (`"john doe"@example.com`) as the local part `john doe`, so the
/// mailbox comes out the same, quoted once.
///
/// ```
/// use mailmime::{Addressee, MessageBuilder, Message};
/// use mailmime::address::parse_address_list;
///
/// let list = parse_address_list(b"\"john doe\"@example.com");
/// let mailbox = list.mailboxes().next().unwrap();
/// let (msg, envelope) = MessageBuilder::new().from("a@example.com").to(mailbox).build().unwrap();
/// assert_eq!(envelope.recipients(), ["\"john doe\"@example.com"]);
/// let bytes = msg.to_bytes();
/// let reparsed = Message::parse(&bytes).unwrap();
/// assert_eq!(reparsed.to().mailboxes().next().unwrap().local_part(), "john doe");
/// ```
impl From<&Mailbox<'_>> for Addressee {
    fn from(m: &Mailbox<'_>) -> Self {
        Addressee { name: m.name().map(str::to_owned), address: m.address().into_owned(), refused: None }
    }
}

impl From<Mailbox<'_>> for Addressee {
    fn from(m: Mailbox<'_>) -> Self {
        Addressee::from(&m)
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
    in_reply_to: Vec<String>,
    references: Vec<String>,
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// // A From is all a message needs: Date, Message-ID and MIME-Version are written, and the
    /// // body is an empty text/plain.
    /// let (msg, envelope) = MessageBuilder::new().from("ana@example.com").build()?;
    /// assert!(msg.date().is_some());
    /// assert!(msg.message_id().unwrap().ends_with("@example.com"));
    /// assert_eq!(msg.headers().get("MIME-Version").unwrap().as_bytes(), b" 1.0");
    /// assert!(msg.content_type().is("text/plain"));
    /// assert_eq!(envelope.reverse_path(), "ana@example.com");
    /// assert!(envelope.recipients().is_empty());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The options (transport profile, Message-ID domain, legacy file names).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{BuildOptions, MessageBuilder, Transport};
    ///
    /// let options = BuildOptions::default().transport(Transport::SmtpUtf8).message_id_domain("mx.example.com");
    /// let (msg, _) = MessageBuilder::new().options(options).from("zoë@example.com").subject("Grüße").build()?;
    /// assert!(msg.message_id().unwrap().ends_with("@mx.example.com"));
    /// // SMTPUTF8 allows raw UTF-8 in header fields, so nothing is encoded.
    /// let bytes = msg.to_bytes();
    /// assert!(bytes.windows("Subject: Grüße".len()).any(|w| w == "Subject: Grüße".as_bytes()));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn options(mut self, options: BuildOptions) -> Self {
        self.options = options;
        self
    }

    /// Adds a From mailbox: `"ana@example.com"`, `"Anaïs <anais@example.com>"`,
    /// `("Anaïs", "anais@example.com")` or a parsed [`Mailbox`] (see [`Addressee`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder};
    ///
    /// let (msg, envelope) = MessageBuilder::new().from("Anaïs <anais@example.com>").build()?;
    /// let from = msg.from();
    /// let anais = from.mailboxes().next().unwrap();
    /// assert_eq!((anais.name(), &*anais.address()), (Some("Anaïs"), "anais@example.com"));
    /// assert_eq!(envelope.reverse_path(), "anais@example.com");
    /// // The display name is written as an RFC 2047 encoded word.
    /// assert_eq!(msg.headers().get("From").unwrap().as_bytes(), b" =?UTF-8?B?QW5hw69z?= <anais@example.com>");
    ///
    /// let err = MessageBuilder::new().to("bob@example.org").build().unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::MissingFrom);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn from(mut self, mailbox: impl Into<Addressee>) -> Self {
        self.from.push(mailbox.into());
        self
    }

    /// Sets the Sender mailbox (the reverse path when given).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, envelope) = MessageBuilder::new()
    ///     .from("boss@example.com")
    ///     .sender(("Assistant", "assistant@example.com"))
    ///     .to("client@example.org")
    ///     .build()?;
    /// assert_eq!(msg.sender().unwrap().address(), "assistant@example.com");
    /// assert_eq!(envelope.reverse_path(), "assistant@example.com");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn sender(mut self, mailbox: impl Into<Addressee>) -> Self {
        self.sender = Some(mailbox.into());
        self
    }

    /// Adds Reply-To mailboxes: one, or several (see [`IntoAddressees`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, envelope) = MessageBuilder::new()
    ///     .from("newsletter@example.com")
    ///     .reply_to(["support@example.com", "Sales <sales@example.com>"])
    ///     .to("reader@example.org")
    ///     .build()?;
    /// let reply_to: Vec<_> = msg.reply_to().mailboxes().map(|m| m.address().into_owned()).collect();
    /// assert_eq!(reply_to, ["support@example.com", "sales@example.com"]);
    /// // Reply-To is no recipient.
    /// assert_eq!(envelope.recipients(), ["reader@example.org"]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn reply_to(mut self, mailboxes: impl IntoAddressees) -> Self {
        self.reply_to.extend(mailboxes.into_addressees());
        self
    }

    /// Adds To recipients: one (`"bob@example.org"`, `"Bob <bob@example.org>"`,
    /// `("Bob", "bob@example.org")`, a parsed [`Mailbox`]) or several at once (an array,
    /// `Vec`, slice or [`AddressList`]; see [`IntoAddressees`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder};
    ///
    /// let (msg, envelope) = MessageBuilder::new()
    ///     .from("Anaïs <anais@example.com>")
    ///     .to(["bob@example.org", "Chloé <chloe@example.org>"])
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(envelope.recipients(), ["bob@example.org", "chloe@example.org"]);
    /// let names: Vec<_> = msg.to().mailboxes().map(|m| m.name().map(str::to_owned)).collect();
    /// assert_eq!(names, [None, Some("Chloé".to_owned())]);
    /// assert_eq!(msg.from().mailboxes().next().unwrap().name(), Some("Anaïs"));
    ///
    /// let err = MessageBuilder::new().from("a@example.com").to("Bob <bob@example.org").build().unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::InvalidAddress);
    /// assert_eq!((err.argument(), err.value()), (Some("to"), Some("Bob <bob@example.org")));
    /// assert_eq!(err.reason(), Some("this `<` has no closing `>`"));
    /// ```
    pub fn to(mut self, mailboxes: impl IntoAddressees) -> Self {
        self.to.extend(mailboxes.into_addressees());
        self
    }

    /// Adds Cc recipients: one or several, as [`to`](Self::to) takes them.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, envelope) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .to("b@example.org")
    ///     .cc(("Carol", "carol@example.net"))
    ///     .cc(vec!["dan@example.net", "erin@example.net"])
    ///     .build()?;
    /// assert_eq!(msg.cc().mailboxes().count(), 3);
    /// assert_eq!(
    ///     envelope.recipients(),
    ///     ["b@example.org", "carol@example.net", "dan@example.net", "erin@example.net"]
    /// );
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn cc(mut self, mailboxes: impl IntoAddressees) -> Self {
        self.cc.extend(mailboxes.into_addressees());
        self
    }

    /// Adds Bcc recipients, one or several as [`to`](Self::to) takes them: in the
    /// envelope, never in the message.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, envelope) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .to("b@example.org")
    ///     .bcc("audit@example.com")
    ///     .build()?;
    /// assert_eq!(envelope.recipients(), ["b@example.org", "audit@example.com"]);
    /// assert!(!msg.headers().contains("Bcc"));
    /// assert!(!String::from_utf8_lossy(&msg.to_bytes()).contains("audit"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn bcc(mut self, mailboxes: impl IntoAddressees) -> Self {
        self.bcc.extend(mailboxes.into_addressees());
        self
    }

    /// Sets the Subject (any Unicode; encoded as needed).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").subject("Café at 10? ☕").build()?;
    /// assert_eq!(msg.subject().as_deref(), Some("Café at 10? ☕"));
    /// // On the wire, US-ASCII only: an RFC 2047 encoded word.
    /// let raw = msg.headers().get("Subject").unwrap();
    /// assert!(raw.as_bytes().is_ascii());
    /// assert_eq!(raw.as_bytes(), b" =?UTF-8?B?Q2Fmw6k=?= at 10? =?UTF-8?B?4piV?=");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the Date (default: now, in UTC).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DateTime, MessageBuilder};
    ///
    /// let date = DateTime::new(2024, 3, 1, 9, 30, 0, 60).unwrap();
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").date(date).build()?;
    /// assert_eq!(msg.date(), Some(date));
    /// assert_eq!(msg.headers().get("Date").unwrap().as_bytes(), b" Fri, 01 Mar 2024 09:30:00 +0100");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn date(mut self, date: DateTime) -> Self {
        self.date = Some(date);
        self
    }

    /// Sets the Message-ID, with or without angle brackets (default: generated).
    ///
    /// [`build`](Self::build) fails with [`ErrorKind::InvalidHeaderValue`] for an id with
    /// characters other than `atext`, `.`, `@`, `[` and `]`, and with
    /// [`ErrorKind::LineTooLong`] for one that cannot fit in a 998-octet line (a msg-id
    /// cannot be folded); both name the argument `"message_id"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder};
    ///
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").message_id("<1234.5678@example.com>").build()?;
    /// assert_eq!(msg.message_id().as_deref(), Some("1234.5678@example.com"));
    /// assert_eq!(msg.headers().get("Message-ID").unwrap().as_bytes(), b" <1234.5678@example.com>");
    ///
    /// let builder = MessageBuilder::new().from("a@example.com").message_id("two words@example.com");
    /// let err = builder.build().unwrap_err();
    /// assert_eq!((err.kind(), err.argument()), (&ErrorKind::InvalidHeaderValue, Some("message_id")));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn message_id(mut self, id: impl Into<String>) -> Self {
        self.message_id = Some(id.into());
        self
    }

    /// Adds a message id to In-Reply-To (RFC 5322 §3.6.4), with or without angle
    /// brackets; checked as [`message_id`](Self::message_id) (argument `"in_reply_to"`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, MessageBuilder};
    ///
    /// let original = Message::parse(b"Message-ID: <q1@example.org>\r\nSubject: Question\r\n\r\n?")?;
    /// let id = original.message_id().unwrap();
    /// let (reply, _) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .subject("Re: Question")
    ///     .in_reply_to(&*id)
    ///     .references(&*id)
    ///     .build()?;
    /// assert_eq!(reply.in_reply_to(), ["q1@example.org"]);
    /// assert_eq!(reply.headers().get("In-Reply-To").unwrap().as_bytes(), b" <q1@example.org>");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn in_reply_to(mut self, id: impl Into<String>) -> Self {
        self.in_reply_to.push(id.into());
        self
    }

    /// Adds a message id to References (RFC 5322 §3.6.4), with or without angle
    /// brackets; checked as [`message_id`](Self::message_id) (argument `"references"`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// // A reply to the third message of a thread lists the thread, oldest first.
    /// let (reply, _) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .references("m1@example.org")
    ///     .references("<m2@example.org>")
    ///     .references("m3@example.org")
    ///     .in_reply_to("m3@example.org")
    ///     .build()?;
    /// assert_eq!(reply.references(), ["m1@example.org", "m2@example.org", "m3@example.org"]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn references(mut self, id: impl Into<String>) -> Self {
        self.references.push(id.into());
        self
    }

    /// Adds any other header field; its value is unstructured text, encoded as needed
    /// (CR, LF and NUL only ever inside RFC 2047 encoded words), folded at 78 columns.
    ///
    /// [`build`](Self::build) fails with [`ErrorKind::InvalidHeaderName`] for a name that
    /// is not RFC 5322 `ftext`, and with [`ErrorKind::ReservedHeader`] for a field the
    /// builder writes itself or through its own setter, so that none is written twice:
    /// Date, From, Sender, Reply-To, To, Cc, Subject, Message-ID, In-Reply-To,
    /// References (the fields RFC 5322 allows once; use their setters), MIME-Version,
    /// Content-Type, Content-Transfer-Encoding, Content-Disposition, Content-ID, and Bcc
    /// (use [`bcc`](Self::bcc)). Both name the argument `"header name"` and the name.
    ///
    /// ```
    /// use mailmime::{ErrorKind, MessageBuilder};
    ///
    /// let err = MessageBuilder::new().from("a@example.com").header("From", "b@example.com").build().unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::ReservedHeader);
    /// assert_eq!((err.argument(), err.value()), (Some("header name"), Some("From")));
    /// ```
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the plain-text body.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").text("Line one\nline two: naïve").build()?;
    /// assert!(msg.content_type().is("text/plain"));
    /// assert_eq!(msg.content_type().charset().as_deref(), Some("utf-8"));
    /// // Line ends are CRLF on the wire; the text reads back as written, with CRLF.
    /// assert_eq!(msg.body_text().as_deref(), Some("Line one\r\nline two: naïve"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Sets the HTML body.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, _) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .text("Hello, world")
    ///     .html("<p>Hello, <b>world</b></p>")
    ///     .build()?;
    /// // Text and HTML become the two versions of a multipart/alternative.
    /// assert!(msg.content_type().is("multipart/alternative"));
    /// assert!(msg.text_body().unwrap().content_type().is("text/plain"));
    /// assert_eq!(msg.html_body().unwrap().text(), "<p>Hello, <b>world</b></p>");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn html(mut self, html: impl Into<String>) -> Self {
        self.html = Some(html.into());
        self
    }

    /// Adds an inline part referenced from the HTML as `cid:<content_id>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let (msg, _) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .html(r#"<p><img src="cid:logo@example.com"> Welcome</p>"#)
    ///     .inline("logo@example.com", "image/png", vec![0x89, b'P', b'N', b'G'])
    ///     .build()?;
    /// // The HTML and the image it references make a multipart/related.
    /// assert!(msg.content_type().is("multipart/related"));
    /// let logo = msg.parts().find(|p| p.content_id().as_deref() == Some("logo@example.com")).unwrap();
    /// assert!(logo.content_type().is("image/png"));
    /// assert_eq!(&*logo.decoded(), b"\x89PNG");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
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
    ///
    /// A `message/*` attachment (`message/rfc822`) is written as an embedded message, as
    /// [`MimePart::message`] writes it: line ends made CRLF, then 7bit, or 8bit or binary
    /// when the transport allows them (RFC 2046 §5.2.1 forbids base64 here); when the
    /// transport cannot carry it, [`build`](Self::build) fails with
    /// [`ErrorKind::InvalidTransferEncoding`] naming the argument `"attachment"` and the
    /// file name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, MessageBuilder};
    ///
    /// let (msg, _) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .text("Figures attached.")
    ///     .attachment("figures.csv", "text/csv", "q,total\n1,100\n")
    ///     .attachment("chart.png", "image/png", vec![0x89, b'P', b'N', b'G', 0, 0xff])
    ///     .build()?;
    /// assert!(msg.content_type().is("multipart/mixed"));
    /// let names: Vec<_> = msg.attachments().filter_map(|p| p.filename()).collect();
    /// assert_eq!(names, ["figures.csv", "chart.png"]);
    /// // Binary data is base64 on the wire and decodes back byte for byte.
    /// let chart = msg.attachments().nth(1).unwrap();
    /// assert_eq!(chart.transfer_encoding().as_str(), "base64");
    /// assert_eq!(&*chart.decoded(), b"\x89PNG\x00\xff");
    ///
    /// // Attaching a message: message/rfc822, kept whole.
    /// let forwarded = Message::parse(b"Subject: Minutes\r\n\r\nAll agreed.\r\n")?;
    /// let (msg, _) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .attachment("minutes.eml", "message/rfc822", forwarded.to_bytes())
    ///     .build()?;
    /// let bytes = msg.to_bytes();
    /// let parsed = Message::parse(&bytes)?;
    /// let attached = parsed.attachments().next().unwrap();
    /// assert_eq!(attached.body().as_message().unwrap().subject().as_deref(), Some("Minutes"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn attachment(
        mut self,
        filename: impl Into<String>,
        media_type: impl Into<String>,
        data: impl Into<Vec<u8>>,
    ) -> Self {
        self.attachments.push(MimePart::bytes(media_type, data).attachment(filename));
        self
    }

    /// Adds an attachment read from a file, named by the file's name, with the media type
    /// its extension gives in the table below (ASCII case ignored: `.PDF` is `.pdf`; the
    /// last extension counts: `a.tar.gz` is gzip), `application/octet-stream` for any
    /// other. A `.eml` file becomes a `message/rfc822` attachment, written as
    /// [`attachment`](Self::attachment) says. For another type, read the file and call
    /// [`attachment`](Self::attachment).
    ///
    /// A read error is reported by [`build`](Self::build): [`ErrorKind::Io`] with the
    /// path ([`Error::path`]) and the `io::Error` as its `source()`.
    ///
    /// | extension | media type | for |
    /// |---|---|---|
    /// | `.pdf` | `application/pdf` | PDF |
    /// | `.doc` | `application/msword` | Word 97-2003 |
    /// | `.docx` | `application/vnd.openxmlformats-officedocument.wordprocessingml.document` | Word |
    /// | `.xls` | `application/vnd.ms-excel` | Excel 97-2003 |
    /// | `.xlsx` | `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` | Excel |
    /// | `.ppt` | `application/vnd.ms-powerpoint` | PowerPoint 97-2003 |
    /// | `.pptx` | `application/vnd.openxmlformats-officedocument.presentationml.presentation` | PowerPoint |
    /// | `.odt` | `application/vnd.oasis.opendocument.text` | OpenDocument text |
    /// | `.ods` | `application/vnd.oasis.opendocument.spreadsheet` | OpenDocument spreadsheet |
    /// | `.odp` | `application/vnd.oasis.opendocument.presentation` | OpenDocument presentation |
    /// | `.rtf` | `application/rtf` | Rich Text |
    /// | `.ics` | `text/calendar` | iCalendar (RFC 5545) |
    /// | `.vcf` | `text/vcard` | vCard (RFC 6350) |
    /// | `.zip` | `application/zip` | ZIP archive |
    /// | `.gz` | `application/gzip` | gzip (RFC 6713) |
    /// | `.tgz` | `application/gzip` | gzipped tar |
    /// | `.tar` | `application/x-tar` | tar archive |
    /// | `.7z` | `application/x-7z-compressed` | 7-Zip archive |
    /// | `.bz2` | `application/x-bzip2` | bzip2 |
    /// | `.xz` | `application/x-xz` | xz |
    /// | `.png` | `image/png` | PNG |
    /// | `.jpg` | `image/jpeg` | JPEG |
    /// | `.jpeg` | `image/jpeg` | JPEG |
    /// | `.gif` | `image/gif` | GIF |
    /// | `.webp` | `image/webp` | WebP |
    /// | `.svg` | `image/svg+xml` | SVG |
    /// | `.bmp` | `image/bmp` | BMP |
    /// | `.tif` | `image/tiff` | TIFF |
    /// | `.tiff` | `image/tiff` | TIFF |
    /// | `.heic` | `image/heic` | HEIC |
    /// | `.ico` | `image/vnd.microsoft.icon` | icon |
    /// | `.txt` | `text/plain` | text |
    /// | `.md` | `text/markdown` | Markdown (RFC 7763) |
    /// | `.csv` | `text/csv` | CSV (RFC 4180) |
    /// | `.html` | `text/html` | HTML |
    /// | `.htm` | `text/html` | HTML |
    /// | `.xml` | `application/xml` | XML (RFC 7303) |
    /// | `.json` | `application/json` | JSON |
    /// | `.mp3` | `audio/mpeg` | MP3 |
    /// | `.m4a` | `audio/mp4` | MPEG-4 audio |
    /// | `.aac` | `audio/aac` | AAC |
    /// | `.wav` | `audio/wav` | WAVE |
    /// | `.ogg` | `audio/ogg` | Ogg audio |
    /// | `.opus` | `audio/ogg` | Opus in Ogg |
    /// | `.flac` | `audio/flac` | FLAC |
    /// | `.mp4` | `video/mp4` | MPEG-4 video |
    /// | `.mov` | `video/quicktime` | QuickTime |
    /// | `.webm` | `video/webm` | WebM |
    /// | `.avi` | `video/x-msvideo` | AVI |
    /// | `.mkv` | `video/x-matroska` | Matroska |
    /// | `.eml` | `message/rfc822` | a message, attached whole |
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::MessageBuilder;
    ///
    /// let dir = std::env::temp_dir().join(format!("mailmime-attach-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("Minutes.DOCX");
    /// std::fs::write(&path, b"PK\x03\x04").unwrap();
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").attach_file(&path).build().unwrap();
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// let attachment = msg.attachments().next().unwrap();
    /// assert_eq!(attachment.filename().as_deref(), Some("Minutes.DOCX"));
    /// assert!(attachment.content_type().is("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    /// assert_eq!(&*attachment.decoded(), b"PK\x03\x04");
    /// ```
    pub fn attach_file(mut self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        match std::fs::read(path) {
            Ok(data) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let media_type = media_type_for(&name);
                self.attachments.push(MimePart::bytes(media_type, data).attachment(name));
            }
            Err(e) => {
                self.deferred.get_or_insert(Error::io("attach_file", path, e));
            }
        }
        self
    }

    /// Adds an attachment or inline part built with the low-level API.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MessageBuilder, MimePart};
    ///
    /// let invite = MimePart::bytes("text/calendar; method=REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    ///     .attachment("invite.ics")
    ///     .header("X-Meeting-Room", "4.12");
    /// let (msg, _) = MessageBuilder::new().from("a@example.com").text("Invitation attached.").part(invite).build()?;
    /// let part = msg.attachments().next().unwrap();
    /// assert_eq!(part.content_type().param("method").as_deref(), Some("REQUEST"));
    /// assert_eq!(part.headers().get("X-Meeting-Room").unwrap().decoded(), "4.12");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MessageBuilder, MimePart};
    ///
    /// // A report (RFC 6522): a structure the builder does not choose by itself.
    /// let report = MimePart::multipart("report", vec![
    ///     MimePart::text("plain", "Your message could not be delivered."),
    ///     MimePart::bytes(
    ///         "message/delivery-status",
    ///         "Reporting-MTA: dns; mx.example.com\r\n\r\n\
    ///          Final-Recipient: rfc822; x@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n",
    ///     ),
    /// ])
    /// .param("report-type", "delivery-status");
    /// let (msg, _) = MessageBuilder::new().from("mailer-daemon@example.com").text("ignored").body(report).build()?;
    /// assert!(msg.content_type().is("multipart/report"));
    /// assert_eq!(msg.content_type().param("report-type").as_deref(), Some("delivery-status"));
    /// assert_eq!(msg.body().as_multipart().unwrap().parts().len(), 2);
    /// assert_eq!(msg.body_text().as_deref(), Some("Your message could not be delivered."));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn body(mut self, part: MimePart) -> Self {
        self.body = Some(part);
        self
    }

    /// Builds the message and its envelope.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingFrom`] without a From; [`ErrorKind::Io`] when a file to attach
    /// could not be read (argument `"attach_file"`, the path as [`Error::value`] and
    /// [`Error::path`], the `io::Error` as its `source()`). For input that cannot be
    /// written safely, an error that names the argument and its value
    /// ([`Error::argument`], [`Error::value`]) and, for an address, says why
    /// ([`Error::reason`]):
    ///
    /// | kind | argument | for |
    /// |---|---|---|
    /// | [`ErrorKind::InvalidAddress`] | `"from"`, `"sender"`, `"reply_to"`, `"to"`, `"cc"`, `"bcc"` | no `@`, controls, a domain that is no dot-atom or literal, non-ASCII without SMTPUTF8 |
    /// | [`ErrorKind::LineTooLong`] | the same, `"message_id"`, `"in_reply_to"`, `"references"`, `"content_id"` | an address or msg-id too long for a 998-octet line |
    /// | [`ErrorKind::LineTooLong`] | `"param name"`, `"media_type"`, `"header"` (value: the field's name) | a name too long for a line |
    /// | [`ErrorKind::InvalidHeaderValue`] | `"message_id"`, `"in_reply_to"`, `"references"`, `"content_id"` | a character a msg-id cannot hold |
    /// | [`ErrorKind::InvalidHeaderName`], [`ErrorKind::ReservedHeader`] | `"header name"` | see [`header`](Self::header) |
    /// | [`ErrorKind::InvalidParameterName`], [`ErrorKind::DuplicateParameter`], [`ErrorKind::ReservedParameter`] | `"param name"` | see [`MimePart::param`] |
    /// | [`ErrorKind::InvalidContentType`] | `"media_type"` | see [`MimePart`] |
    /// | [`ErrorKind::InvalidTransferEncoding`] | `"transfer_encoding"`, `"body"`, `"attachment"` | see [`MimePart::transfer_encoding`], [`MimePart::pre_encoded`] |
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ErrorKind, Message, MessageBuilder};
    ///
    /// let (msg, envelope) = MessageBuilder::new()
    ///     .from("a@example.com")
    ///     .to("b@example.org")
    ///     .subject("Hello")
    ///     .text("Hi Bob")
    ///     .build()?;
    /// // The bytes are ready to send, and parse back to the same message.
    /// let bytes = msg.to_bytes();
    /// let parsed = Message::parse(&bytes)?;
    /// assert_eq!(parsed.subject().as_deref(), Some("Hello"));
    /// assert_eq!(parsed.body_text().as_deref(), Some("Hi Bob"));
    /// assert_eq!(envelope.recipients(), ["b@example.org"]);
    ///
    /// let err = MessageBuilder::new().from("a@example.com").to("no-at-sign").build().unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::InvalidAddress);
    /// assert_eq!((err.argument(), err.value()), (Some("to"), Some("no-at-sign")));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
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
        push_addresses(&mut top, "From", "from", &self.from, utf8)?;
        if let Some(sender) = &self.sender {
            push_addresses(&mut top, "Sender", "sender", std::slice::from_ref(sender), utf8)?;
        }
        push_addresses(&mut top, "Reply-To", "reply_to", &self.reply_to, utf8)?;
        push_addresses(&mut top, "To", "to", &self.to, utf8)?;
        push_addresses(&mut top, "Cc", "cc", &self.cc, utf8)?;
        // Checked like the others, though never written.
        for b in &self.bcc {
            if let Some(refusal) = b.refusal("bcc") {
                return Err(refusal);
            }
            addr_spec(&b.address, utf8).map_err(|e| e.about("bcc", b.address.clone()))?;
        }
        if let Some(subject) = &self.subject {
            top.push((header::name("Subject"), unstructured("Subject".len(), subject, utf8)));
        }
        let id = match &self.message_id {
            Some(id) => header::msg_id("Message-ID".len(), "message_id", id)?.to_owned(),
            None => {
                let stamp = format!("{:016x}.{:08x}", random::random_u64(), date.unix_timestamp());
                let domain = self
                    .options
                    .message_id_domain
                    .clone()
                    .or_else(|| self.from[0].address.rsplit_once('@').map(|(_, d)| d.to_owned()))
                    .filter(|d| header::msg_id("Message-ID".len(), "", &format!("{stamp}@{d}")).is_ok())
                    .unwrap_or_else(|| "localhost".to_owned());
                format!("{stamp}@{domain}")
            }
        };
        top.push((header::name("Message-ID"), format!(" <{id}>")));
        push_msg_ids(&mut top, "In-Reply-To", "in_reply_to", &self.in_reply_to)?;
        push_msg_ids(&mut top, "References", "references", &self.references)?;
        for (name, value) in self.headers {
            let name = header::custom_name(name)?;
            let value = unstructured(name.as_str().len(), &value, utf8);
            top.push((name, value));
        }
        top.push((header::name("MIME-Version"), " 1.0".to_owned()));

        // The envelope holds addresses as SMTP writes them: local parts quoted when needed.
        let reverse_path = addr_spec(&self.sender.as_ref().unwrap_or(&self.from[0]).address, utf8)?;
        // (Checked above, with the argument named.)
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
    argument: &'static str,
    list: &[Addressee],
    utf8: bool,
) -> Result<(), Error> {
    if list.is_empty() {
        return Ok(());
    }
    if let Some(refusal) = list.iter().find_map(|a| a.refusal(argument)) {
        return Err(refusal);
    }
    let list: Vec<(Option<&str>, &str)> =
        list.iter().map(|a| (a.name.as_deref(), a.address.as_str())).collect();
    top.push((header::name(name), header::mailbox_list(name.len(), argument, &list, utf8)?));
    Ok(())
}

fn push_msg_ids(
    top: &mut Vec<(HeaderName<'static>, String)>,
    name: &'static str,
    argument: &'static str,
    ids: &[String],
) -> Result<(), Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids = ids.iter().map(|id| header::msg_id(name.len(), argument, id)).collect::<Result<Vec<_>, _>>()?;
    top.push((header::name(name), header::msg_id_list(name.len(), &ids)));
    Ok(())
}

fn now() -> DateTime {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    DateTime::from_unix(seconds, 0).expect("the current time is a valid date")
}

/// File extensions (lowercase, without the dot) and their media types, as documented
/// on [`MessageBuilder::attach_file`].
const EXTENSION_TYPES: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("doc", "application/msword"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xls", "application/vnd.ms-excel"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt", "application/vnd.ms-powerpoint"),
    ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("odp", "application/vnd.oasis.opendocument.presentation"),
    ("rtf", "application/rtf"),
    ("ics", "text/calendar"),
    ("vcf", "text/vcard"),
    ("zip", "application/zip"),
    ("gz", "application/gzip"),
    ("tgz", "application/gzip"),
    ("tar", "application/x-tar"),
    ("7z", "application/x-7z-compressed"),
    ("bz2", "application/x-bzip2"),
    ("xz", "application/x-xz"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("svg", "image/svg+xml"),
    ("bmp", "image/bmp"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("heic", "image/heic"),
    ("ico", "image/vnd.microsoft.icon"),
    ("txt", "text/plain"),
    ("md", "text/markdown"),
    ("csv", "text/csv"),
    ("html", "text/html"),
    ("htm", "text/html"),
    ("xml", "application/xml"),
    ("json", "application/json"),
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("aac", "audio/aac"),
    ("wav", "audio/wav"),
    ("ogg", "audio/ogg"),
    ("opus", "audio/ogg"),
    ("flac", "audio/flac"),
    ("mp4", "video/mp4"),
    ("mov", "video/quicktime"),
    ("webm", "video/webm"),
    ("avi", "video/x-msvideo"),
    ("mkv", "video/x-matroska"),
    ("eml", "message/rfc822"),
];

/// The media type for a file name's extension (ASCII case ignored), from
/// [`EXTENSION_TYPES`]; `application/octet-stream` otherwise.
fn media_type_for(name: &str) -> &'static str {
    let Some((_, extension)) = name.rsplit_once('.') else {
        return "application/octet-stream";
    };
    EXTENSION_TYPES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(extension))
        .map_or("application/octet-stream", |&(_, media_type)| media_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of the extension table in the docs of `attach_file`: (extension, media type).
    fn documented_rows() -> Vec<(String, String)> {
        include_str!("builder.rs")
            .lines()
            .filter_map(|line| line.trim().strip_prefix("/// | `."))
            .map(|row| {
                let cells: Vec<&str> = row.split('|').map(|c| c.trim().trim_matches('`')).collect();
                (cells[0].to_owned(), cells[1].to_owned())
            })
            .collect()
    }

    #[test]
    fn attach_file_gives_each_documented_media_type_in_any_case() {
        let rows = documented_rows();
        // Every row of the table is documented, and only those.
        let table: Vec<(String, String)> =
            EXTENSION_TYPES.iter().map(|&(e, t)| (e.to_owned(), t.to_owned())).collect();
        assert_eq!(rows, table);
        for (extension, media_type) in &rows {
            for name in [format!("file.{extension}"), format!("A.B.{}", extension.to_ascii_uppercase())] {
                assert_eq!(media_type_for(&name), media_type, "{name}");
            }
        }
        let must_cover = [
            "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt", "rtf", "ics", "vcf", "zip",
            "gz", "tgz", "tar", "7z", "bz2", "xz", "png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "tiff",
            "heic", "ico", "txt", "md", "csv", "html", "htm", "xml", "json", "pdf", "mp3", "mp4", "eml",
        ];
        for extension in must_cover {
            assert!(rows.iter().any(|(e, _)| e == extension), "{extension} is not in the table");
        }
    }

    #[test]
    fn unknown_or_missing_extensions_are_octet_stream() {
        for name in ["README", "archive.", "x.docx.unknown", ".", "", "notes.txt~"] {
            assert_eq!(media_type_for(name), "application/octet-stream", "{name:?}");
        }
        assert_eq!(media_type_for("backup.tar.gz"), "application/gzip");
        assert_eq!(media_type_for(".md"), "text/markdown");
    }
}
