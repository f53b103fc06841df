//! The types of [`crate::address`], and how they are written.

use std::borrow::Cow;
use std::fmt;

use crate::encoding::encoded_word;
// The writers below choose between atom, quoted string and encoded word with the one
// set of character classes; `parse::chars` depends on nothing in the crate.
use crate::parse::chars;

/// One mailbox: an optional display name and an address (RFC 5322 §3.4).
///
/// # Examples
///
/// ```
/// use mailmime::address::parse_address_list;
///
/// let list = parse_address_list(b"\"Doe, John\" <john.doe@example.com>");
/// let mailbox = list.mailboxes().next().unwrap();
/// assert_eq!(mailbox.name(), Some("Doe, John"));
/// assert_eq!(mailbox.local_part(), "john.doe");
/// assert_eq!(mailbox.domain(), Some("example.com"));
/// assert_eq!(mailbox.address(), "john.doe@example.com");
/// assert_eq!(mailbox.to_string(), "\"Doe, John\" <john.doe@example.com>");
/// ```
#[derive(Clone, Debug)]
pub struct Mailbox<'a> {
    name: Option<Cow<'a, str>>,
    local_part: Cow<'a, str>,
    domain: Option<Cow<'a, str>>,
    route: Vec<Cow<'a, str>>,
    comments: Vec<Cow<'a, str>>,
    /// `local@domain` exactly as written, when the parser read it as one plain dot-atom
    /// addr-spec, so [`address`](Self::address) can borrow it. Not part of equality.
    spec: Option<Cow<'a, str>>,
}

impl PartialEq for Mailbox<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.local_part == other.local_part
            && self.domain == other.domain
            && self.route == other.route
            && self.comments == other.comments
    }
}

impl Eq for Mailbox<'_> {}

impl std::hash::Hash for Mailbox<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.local_part.hash(state);
        self.domain.hash(state);
        self.route.hash(state);
        self.comments.hash(state);
    }
}

impl<'a> Mailbox<'a> {
    /// A mailbox `local_part@domain` without a display name.
    ///
    /// `local_part` is the unquoted value; [`address`](Self::address) and
    /// `Display` quote it when needed.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::Mailbox;
    ///
    /// let mailbox = Mailbox::new("john doe", "example.com");
    /// assert_eq!(mailbox.address(), "\"john doe\"@example.com");
    /// ```
    pub fn new(local_part: impl Into<Cow<'a, str>>, domain: impl Into<Cow<'a, str>>) -> Self {
        Mailbox {
            name: None,
            local_part: local_part.into(),
            domain: Some(domain.into()),
            route: Vec::new(),
            comments: Vec::new(),
            spec: None,
        }
    }

    /// This mailbox with the display name `name` (an empty name means none).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::Mailbox;
    ///
    /// let mailbox = Mailbox::new("jdoe", "example.com").with_name("John Doe");
    /// assert_eq!(mailbox.to_string(), "John Doe <jdoe@example.com>");
    /// ```
    #[must_use]
    pub fn with_name(mut self, name: impl Into<Cow<'a, str>>) -> Self {
        let name = name.into();
        self.name = if name.is_empty() { None } else { Some(name) };
        self
    }

    /// Assembles a parsed mailbox.
    pub(crate) fn from_parts(
        name: Option<Cow<'a, str>>,
        route: Vec<Cow<'a, str>>,
        local_part: Cow<'a, str>,
        domain: Option<Cow<'a, str>>,
        comments: Vec<Cow<'a, str>>,
    ) -> Self {
        Mailbox {
            name: name.filter(|name| !name.is_empty()),
            local_part,
            domain,
            route,
            comments,
            spec: None,
        }
    }

    /// A parsed mailbox whose addr-spec was the plain dot-atoms `spec`, split at its `@`
    /// into `local_part` and `domain`.
    pub(crate) fn plain(name: Option<&'a str>, spec: &'a str, at: usize, comment: Option<&'a str>) -> Self {
        Mailbox {
            name: name.filter(|name| !name.is_empty()).map(Cow::Borrowed),
            local_part: Cow::Borrowed(&spec[..at]),
            domain: Some(Cow::Borrowed(&spec[at + 1..])),
            route: Vec::new(),
            comments: comment.map(Cow::Borrowed).into_iter().collect(),
            spec: Some(Cow::Borrowed(spec)),
        }
    }

    /// The display name, if there is one and it is not empty.
    ///
    /// Quoted strings are unquoted, comments removed and white space between
    /// words collapsed; RFC 2047 encoded words are still encoded here.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"Joe Q. Public <john.q.public@example.com>");
    /// assert_eq!(list.mailboxes().next().unwrap().name(), Some("Joe Q. Public"));
    ///
    /// // A comment is not a display name (as in Python's email.policy.default).
    /// let list = parse_address_list(b"jdoe@example.com (John Doe)");
    /// assert_eq!(list.mailboxes().next().unwrap().name(), None);
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The local part, unquoted (`"john doe"@example.com` gives `john doe`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"\"john doe\"@example.com");
    /// assert_eq!(list.mailboxes().next().unwrap().local_part(), "john doe");
    /// ```
    pub fn local_part(&self) -> &str {
        &self.local_part
    }

    /// The domain, or `None` when the address had none (`<user>`).
    ///
    /// A domain literal keeps its brackets: `[192.0.2.1]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"<root>, a@[192.0.2.1]");
    /// let domains: Vec<_> = list.mailboxes().map(|m| m.domain()).collect();
    /// assert_eq!(domains, [None, Some("[192.0.2.1]")]);
    /// ```
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }

    /// The address: `local_part@domain`, the local part alone when there is
    /// no domain, or `<>` for the null address (`MAILER DAEMON <>`), as
    /// Python gives it.
    ///
    /// The local part is written as is when it is an RFC 5322 dot-atom, else as a
    /// quoted string: also an empty one, and one with obsolete dot placement
    /// (`"a..b"@example.jp`, where Python writes `a..b@example.jp`), which RFC 5321
    /// does not allow unquoted. This is the addr-spec the builder writes and sends in
    /// the envelope. Control characters (possible only in a constructed mailbox or a
    /// domain literal) become spaces, so the result never holds a line break. In a
    /// domain literal, `\`, `[` and `]` (read from quoted pairs, as in `[a\]b]`) are
    /// escaped again, so the address reads back the same.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"john . doe @ example.com, \"a b\"@c.test");
    /// let addresses: Vec<_> = list.mailboxes().map(|m| m.address()).collect();
    /// assert_eq!(addresses, ["john.doe@example.com", "\"a b\"@c.test"]);
    /// ```
    pub fn address(&self) -> Cow<'_, str> {
        if let Some(spec) = &self.spec {
            return Cow::Borrowed(spec);
        }
        if self.is_null() {
            return Cow::Borrowed("<>");
        }
        match self.domain.as_deref() {
            None if is_dot_atom(&self.local_part) => Cow::Borrowed(&self.local_part),
            domain => Cow::Owned(addr_spec(&self.local_part, domain)),
        }
    }

    /// The domains of an obsolete source route, without their `@`
    /// (`<@a.test,@b.test:user@c.test>` gives `a.test`, `b.test`); empty for
    /// almost every address.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"Mary Smith <@node.test:mary@example.net>");
    /// let mailbox = list.mailboxes().next().unwrap();
    /// assert_eq!(mailbox.route().collect::<Vec<_>>(), ["node.test"]);
    /// assert_eq!(mailbox.address(), "mary@example.net");
    /// ```
    pub fn route(&self) -> impl ExactSizeIterator<Item = &str> {
        self.route.iter().map(|domain| &**domain)
    }

    /// Whether this is the null address `<>` (empty local part, no domain),
    /// which bounces use as their sender.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"MAILER DAEMON <>");
    /// let mailbox = list.mailboxes().next().unwrap();
    /// assert!(mailbox.is_null());
    /// assert_eq!((mailbox.name(), mailbox.address()), (Some("MAILER DAEMON"), "<>".into()));
    /// assert_eq!(mailbox.to_string(), "MAILER DAEMON <>");
    /// ```
    pub fn is_null(&self) -> bool {
        self.local_part.is_empty() && self.domain.is_none()
    }

    /// The text of each comment in the mailbox, in order (quoted-pairs
    /// resolved, nested comments kept as written).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>");
    /// let mailbox = list.mailboxes().next().unwrap();
    /// assert_eq!(mailbox.comments().collect::<Vec<_>>(), ["A nice ) chap", "his account", "his host"]);
    /// ```
    pub fn comments(&self) -> impl ExactSizeIterator<Item = &str> {
        self.comments.iter().map(|comment| &**comment)
    }

    /// Replaces the display name and the comments by `decode` of them
    /// (RFC 2047 decoding, applied by the header layer).
    #[allow(dead_code)] // Called by the header layer of the library.
    pub(crate) fn decode_names(&mut self, decode: impl Fn(&str) -> Cow<'_, str>) {
        if let Some(name) = &mut self.name {
            replace_with(name, &decode);
        }
        // An encoded word may decode to nothing (`=?utf-8?q??=`): then there is no name.
        self.name = self.name.take().filter(|name| !name.is_empty());
        for comment in &mut self.comments {
            replace_with(comment, &decode);
        }
    }

    /// Replaces control characters in the local part and the domain with U+FFFD;
    /// whether there were any.
    fn replace_spec_controls(&mut self) -> bool {
        let mut replaced = false;
        for text in std::iter::once(&mut self.local_part).chain(self.domain.as_mut()) {
            let (safe, changed) = crate::encoding::safe::replace_controls(std::mem::take(text));
            *text = safe;
            replaced |= changed;
        }
        if replaced {
            self.spec = None;
        }
        replaced
    }

    /// A copy that borrows nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::{parse_address_list, Mailbox};
    ///
    /// let owned: Mailbox<'static> = {
    ///     let value = b"Ann <ann@example.com>".to_vec();
    ///     parse_address_list(&value).mailboxes().next().unwrap().clone().into_owned()
    /// };
    /// assert_eq!(owned.address(), "ann@example.com");
    /// ```
    pub fn into_owned(self) -> Mailbox<'static> {
        Mailbox {
            name: self.name.map(owned),
            local_part: owned(self.local_part),
            domain: self.domain.map(owned),
            route: self.route.into_iter().map(owned).collect(),
            comments: self.comments.into_iter().map(owned).collect(),
            spec: self.spec.map(owned),
        }
    }
}

/// Writes `name-addr` (`Name <local@domain>`) or, without a name, the bare
/// [`address`](Mailbox::address), as the builder writes a mailbox for a transport with
/// SMTPUTF8 (but on one line).
///
/// The name is written as it is when it is ASCII atoms separated by single spaces,
/// else as a quoted string when it is printable text (non-ASCII included), else as
/// RFC 2047 encoded words: a name with a control character, with white space other
/// than single spaces between words, or with text that reads as an encoded word
/// (`=?`). So the output never holds a line break, and `str::parse` of it gives back
/// the same mailbox (for a name without control characters, which `str::parse`
/// refuses; [`parse_address_list`](crate::address::parse_address_list) and RFC 2047 decoding give those back too). A
/// source route and comments are not written; without a domain the local part stands
/// alone.
///
/// # Examples
///
/// ```
/// use mailmime::address::Mailbox;
///
/// let mailbox = Mailbox::new("john doe", "example.com").with_name("Doe, \"JD\" Jörg");
/// assert_eq!(mailbox.to_string(), r#""Doe, \"JD\" Jörg" <"john doe"@example.com>"#);
/// assert_eq!(mailbox.to_string().parse::<Mailbox>().unwrap(), mailbox);
/// let tricky = Mailbox::new("a", "example.com").with_name("=?utf-8?q?x?=");
/// assert_eq!(tricky.to_string(), "=?UTF-8?B?PT91dGYtOD9xP3g/PQ==?= <a@example.com>");
/// assert_eq!(tricky.to_string().parse::<Mailbox>().unwrap(), tricky);
/// ```
impl fmt::Display for Mailbox<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => {
                f.write_str(&phrase(name, true, usize::MAX))?;
                match self.is_null() {
                    true => f.write_str(" <>"),
                    false => write!(f, " <{}>", self.address()),
                }
            }
            None => f.write_str(&self.address()),
        }
    }
}

/// A named group of mailboxes, possibly empty (`undisclosed-recipients:;`).
///
/// # Examples
///
/// ```
/// use mailmime::address::{parse_address_list, Address};
///
/// let list = parse_address_list(b"A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;");
/// let Some(Address::Group(group)) = list.iter().next() else { panic!() };
/// assert_eq!(group.name(), "A Group");
/// assert_eq!(group.members().len(), 3);
/// assert_eq!(group.to_string(), "A Group: Ed Jones <c@a.test>, joe@where.test, John <jdoe@one.test>;");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Group<'a> {
    name: Cow<'a, str>,
    members: Vec<Mailbox<'a>>,
}

impl<'a> Group<'a> {
    /// A group named `name` holding `members`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::Group;
    ///
    /// let group = Group::new("undisclosed-recipients", Vec::new());
    /// assert_eq!(group.to_string(), "undisclosed-recipients:;");
    /// ```
    pub fn new(name: impl Into<Cow<'a, str>>, members: Vec<Mailbox<'a>>) -> Self {
        Group { name: name.into(), members }
    }

    /// The display name of the group (empty if the group had none).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::{parse_address_list, Address};
    ///
    /// let list = parse_address_list(b"Undisclosed recipients:;");
    /// let Some(Address::Group(group)) = list.iter().next() else { panic!() };
    /// assert_eq!(group.name(), "Undisclosed recipients");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The mailboxes in the group, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::{parse_address_list, Address};
    ///
    /// let list = parse_address_list(b"team: a@example.com, b@example.com;");
    /// let Some(Address::Group(group)) = list.iter().next() else { panic!() };
    /// let members: Vec<_> = group.members().iter().map(|m| m.address()).collect();
    /// assert_eq!(members, ["a@example.com", "b@example.com"]);
    /// ```
    pub fn members(&self) -> &[Mailbox<'a>] {
        &self.members
    }

    /// Replaces the group name and its members' names and comments by
    /// `decode` of them (RFC 2047 decoding, applied by the header layer).
    #[allow(dead_code)] // Called by the header layer of the library.
    pub(crate) fn decode_names(&mut self, decode: impl Fn(&str) -> Cow<'_, str>) {
        replace_with(&mut self.name, &decode);
        for member in &mut self.members {
            member.decode_names(&decode);
        }
    }

    /// A copy that borrows nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::Group;
    ///
    /// let name = String::from("team");
    /// let group: Group<'static> = Group::new(name.as_str(), Vec::new()).into_owned();
    /// drop(name);
    /// assert_eq!(group.name(), "team");
    /// ```
    pub fn into_owned(self) -> Group<'static> {
        Group { name: owned(self.name), members: self.members.into_iter().map(Mailbox::into_owned).collect() }
    }
}

/// Writes `name: member, member;` (`name:;` when empty), the name written like
/// [`Mailbox`]'s.
impl fmt::Display for Group<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&phrase(&self.name, true, usize::MAX))?;
        f.write_str(":")?;
        for (index, member) in self.members.iter().enumerate() {
            f.write_str(if index == 0 { " " } else { ", " })?;
            write!(f, "{member}")?;
        }
        f.write_str(";")
    }
}

/// One entry of an address list: a mailbox or a group.
///
/// # Examples
///
/// ```
/// use mailmime::address::{Address, Mailbox};
///
/// let address = Address::from(Mailbox::new("ann", "example.com"));
/// assert!(matches!(address, Address::Mailbox(_)));
/// assert_eq!(address.to_string(), "ann@example.com");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Address<'a> {
    /// A single mailbox.
    Mailbox(Mailbox<'a>),
    /// A named group of mailboxes.
    Group(Group<'a>),
}

impl Address<'_> {
    /// A copy that borrows nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::{Address, Mailbox};
    ///
    /// let address: Address<'static> = Address::from(Mailbox::new("a", "b.test")).into_owned();
    /// assert_eq!(address.to_string(), "a@b.test");
    /// ```
    pub fn into_owned(self) -> Address<'static> {
        match self {
            Address::Mailbox(mailbox) => Address::Mailbox(mailbox.into_owned()),
            Address::Group(group) => Address::Group(group.into_owned()),
        }
    }

    /// The mailboxes of this address: itself, or a group's members.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::{Address, Group, Mailbox};
    ///
    /// let group = Address::from(Group::new("g", vec![Mailbox::new("a", "b.test")]));
    /// assert_eq!(group.mailboxes().count(), 1);
    /// ```
    pub fn mailboxes(&self) -> std::slice::Iter<'_, Mailbox<'_>> {
        match self {
            Address::Mailbox(mailbox) => std::slice::from_ref(mailbox).iter(),
            Address::Group(group) => group.members.iter(),
        }
    }

    #[allow(dead_code)] // Called by the header layer of the library.
    fn decode_names(&mut self, decode: impl Fn(&str) -> Cow<'_, str>) {
        match self {
            Address::Mailbox(mailbox) => mailbox.decode_names(decode),
            Address::Group(group) => group.decode_names(decode),
        }
    }
}

impl<'a> From<Mailbox<'a>> for Address<'a> {
    fn from(mailbox: Mailbox<'a>) -> Self {
        Address::Mailbox(mailbox)
    }
}

impl<'a> From<Group<'a>> for Address<'a> {
    fn from(group: Group<'a>) -> Self {
        Address::Group(group)
    }
}

/// Writes the mailbox or the group.
impl fmt::Display for Address<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Mailbox(mailbox) => mailbox.fmt(f),
            Address::Group(group) => group.fmt(f),
        }
    }
}

/// The addresses of one header field, in order.
///
/// # Examples
///
/// ```
/// use mailmime::address::parse_address_list;
///
/// let list = parse_address_list(b"Mary <mary@x.test>, team: a@x.test, b@x.test;, c@x.test");
/// assert_eq!(list.len(), 3);
/// let addresses: Vec<_> = list.mailboxes().map(|m| m.address()).collect();
/// assert_eq!(addresses, ["mary@x.test", "a@x.test", "b@x.test", "c@x.test"]);
/// assert_eq!(list.to_string(), "Mary <mary@x.test>, team: a@x.test, b@x.test;, c@x.test");
/// ```
#[derive(Clone, Default)]
pub struct AddressList<'a> {
    addresses: Addresses<'a>,
}

/// The addresses of a list: most header fields hold one, which is kept without a heap
/// allocation.
#[derive(Clone)]
enum Addresses<'a> {
    One(Address<'a>),
    Many(Vec<Address<'a>>),
}

impl Default for Addresses<'_> {
    fn default() -> Self {
        Addresses::Many(Vec::new())
    }
}

impl<'a> Addresses<'a> {
    fn as_slice(&self) -> &[Address<'a>] {
        match self {
            Addresses::One(address) => std::slice::from_ref(address),
            Addresses::Many(addresses) => addresses,
        }
    }

    fn as_mut_slice(&mut self) -> &mut [Address<'a>] {
        match self {
            Addresses::One(address) => std::slice::from_mut(address),
            Addresses::Many(addresses) => addresses,
        }
    }

    fn push(&mut self, address: Address<'a>) {
        match self {
            Addresses::Many(addresses) if !addresses.is_empty() => addresses.push(address),
            Addresses::Many(_) => *self = Addresses::One(address),
            Addresses::One(_) => {
                if let Addresses::One(first) = std::mem::take(self) {
                    *self = Addresses::Many(vec![first, address]);
                }
            }
        }
    }

    fn into_vec(self) -> Vec<Address<'a>> {
        match self {
            Addresses::One(address) => vec![address],
            Addresses::Many(addresses) => addresses,
        }
    }
}

/// As the list of addresses it is: how many are held inline is not part of equality.
impl PartialEq for AddressList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.addresses.as_slice() == other.addresses.as_slice()
    }
}

impl Eq for AddressList<'_> {}

/// Hashes the addresses as a `Vec` of them hashes.
impl std::hash::Hash for AddressList<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.addresses.as_slice().hash(state);
    }
}

/// `AddressList { addresses: [...] }`.
impl fmt::Debug for AddressList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AddressList").field("addresses", &self.addresses.as_slice()).finish()
    }
}

impl<'a> AddressList<'a> {
    /// An empty list.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::AddressList;
    ///
    /// assert!(AddressList::new().is_empty());
    /// ```
    pub fn new() -> Self {
        AddressList::default()
    }

    /// Appends an address (a [`Mailbox`] or a [`Group`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::{AddressList, Mailbox};
    ///
    /// let mut list = AddressList::new();
    /// list.push(Mailbox::new("a", "b.test"));
    /// assert_eq!(list.len(), 1);
    /// ```
    pub fn push(&mut self, address: impl Into<Address<'a>>) {
        self.addresses.push(address.into());
    }

    /// The addresses, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"a@b.test, g:;");
    /// assert_eq!(list.iter().count(), 2);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Address<'a>> {
        self.addresses.as_slice().iter()
    }

    /// The number of addresses; a group counts as one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// assert_eq!(parse_address_list(b"g: a@b.test, c@d.test;").len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.addresses.as_slice().len()
    }

    /// Whether the list holds no address.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// assert!(parse_address_list(b" , ,").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.addresses.as_slice().is_empty()
    }

    /// Every mailbox, with groups replaced by their members.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::parse_address_list;
    ///
    /// let list = parse_address_list(b"a@b.test, undisclosed-recipients:;, g: c@d.test;");
    /// assert_eq!(list.mailboxes().count(), 2);
    /// ```
    pub fn mailboxes(&self) -> impl Iterator<Item = &Mailbox<'a>> {
        self.addresses.as_slice().iter().flat_map(|address| match address {
            Address::Mailbox(mailbox) => std::slice::from_ref(mailbox).iter(),
            Address::Group(group) => group.members.iter(),
        })
    }

    /// Replaces every display name, group name and comment by `decode` of it
    /// (RFC 2047 decoding, applied by the header layer).
    #[allow(dead_code)] // Called by the header layer of the library.
    pub(crate) fn decode_names(&mut self, decode: impl Fn(&str) -> Cow<'_, str>) {
        for address in self.addresses.as_mut_slice() {
            address.decode_names(&decode);
        }
    }

    /// Replaces control characters in every local part and domain with U+FFFD; whether
    /// there were any.
    #[allow(dead_code)] // Called by the header layer of the library.
    pub(crate) fn replace_spec_controls(&mut self) -> bool {
        let mut replaced = false;
        for address in self.addresses.as_mut_slice() {
            match address {
                Address::Mailbox(mailbox) => replaced |= mailbox.replace_spec_controls(),
                Address::Group(group) => {
                    for member in &mut group.members {
                        replaced |= member.replace_spec_controls();
                    }
                }
            }
        }
        replaced
    }

    /// A copy that borrows nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::address::{parse_address_list, AddressList};
    ///
    /// let list: AddressList<'static> = parse_address_list(&b"a@b.test".to_vec()).into_owned();
    /// assert_eq!(list.len(), 1);
    /// ```
    pub fn into_owned(self) -> AddressList<'static> {
        let addresses = match self.addresses {
            Addresses::One(address) => Addresses::One(address.into_owned()),
            Addresses::Many(addresses) => {
                Addresses::Many(addresses.into_iter().map(Address::into_owned).collect())
            }
        };
        AddressList { addresses }
    }
}

impl<'a> From<Vec<Address<'a>>> for AddressList<'a> {
    fn from(addresses: Vec<Address<'a>>) -> Self {
        AddressList { addresses: Addresses::Many(addresses) }
    }
}

impl<'a, A: Into<Address<'a>>> FromIterator<A> for AddressList<'a> {
    fn from_iter<I: IntoIterator<Item = A>>(iter: I) -> Self {
        AddressList { addresses: Addresses::Many(iter.into_iter().map(Into::into).collect()) }
    }
}

impl<'a> IntoIterator for AddressList<'a> {
    type Item = Address<'a>;
    type IntoIter = std::vec::IntoIter<Address<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.addresses.into_vec().into_iter()
    }
}

impl<'l, 'a> IntoIterator for &'l AddressList<'a> {
    type Item = &'l Address<'a>;
    type IntoIter = std::slice::Iter<'l, Address<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.addresses.as_slice().iter()
    }
}

/// Writes the addresses separated by `, `.
impl fmt::Display for AddressList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, address) in self.addresses.as_slice().iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            address.fmt(f)?;
        }
        Ok(())
    }
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

fn replace_with(text: &mut Cow<'_, str>, decode: &impl Fn(&str) -> Cow<'_, str>) {
    let decoded = decode(text);
    if *decoded != **text {
        let decoded = decoded.into_owned();
        *text = Cow::Owned(decoded);
    }
}

/// An addr-spec as mailmime writes it, for [`Mailbox::address`] and the builder: the
/// local part as a dot-atom, else as a [`quoted_string`]; then `@` and the domain (see
/// [`written_domain`]), if there is one.
pub(crate) fn addr_spec(local: &str, domain: Option<&str>) -> String {
    let mut out = String::with_capacity(local.len() + domain.map_or(0, str::len) + 3);
    if is_dot_atom(local) {
        out.push_str(local);
    } else {
        out.push_str(&quoted_string(local));
    }
    if let Some(domain) = domain {
        out.push('@');
        out.push_str(&written_domain(domain));
    }
    out
}

fn is_dot_atom(text: &str) -> bool {
    chars::is_dot_atom(text.as_bytes())
}

/// A domain as written in an address: in a domain literal, `\`, `[` and `]`
/// escaped with a backslash (the parser resolves such quoted pairs); control
/// characters replaced by spaces.
fn written_domain(domain: &str) -> Cow<'_, str> {
    let literal = domain.len() >= 2 && domain.starts_with('[') && domain.ends_with(']');
    let inner = if literal { &domain[1..domain.len() - 1] } else { domain };
    let escapes = literal && inner.contains(['\\', '[', ']']);
    if !escapes && !domain.chars().any(char::is_control) {
        return Cow::Borrowed(domain);
    }
    let mut out = String::with_capacity(domain.len() + 4);
    if literal {
        out.push('[');
    }
    for ch in inner.chars() {
        match ch {
            '\\' | '[' | ']' if literal => {
                out.push('\\');
                out.push(ch);
            }
            _ if ch.is_control() => out.push(' '),
            _ => out.push(ch),
        }
    }
    if literal {
        out.push(']');
    }
    Cow::Owned(out)
}

/// `content` as an RFC 5322 quoted string, the one quoting mailmime writes: `"` and `\`
/// as quoted pairs, control characters other than tab (which no quoted string can
/// hold) replaced by spaces.
fn quoted_string(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + 2);
    out.push('"');
    for ch in content.chars() {
        match ch {
            '"' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '\t' => out.push(ch),
            _ if ch.is_control() => out.push(' '),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// A display name as an RFC 5322 phrase on one line, the one way mailmime writes one
/// (for `Display` and for the builder, which folds it): ASCII atoms separated by single
/// spaces as they are; printable text (ASCII, or UTF-8 but C1 controls too when `utf8`)
/// as a quoted string; anything else as RFC 2047 encoded words (§5(3)), in `B` words
/// throughout when the white space between words is other than single spaces (a reader
/// of a phrase makes each run one space, so it must be inside encoded words to be kept).
/// Also encoded, so the phrase can fold, is a name with a word longer than
/// `longest_word`.
///
/// Non-ASCII names are quoted rather than written as RFC 6532 atoms, which older readers
/// of SMTPUTF8 mail take better.
pub(crate) fn phrase(name: &str, utf8: bool, longest_word: usize) -> String {
    let long_word = |s: &str| s.split([' ', '\t']).any(|word| word.len() > longest_word);
    let plain = !name.contains("=?");
    let words = || name.split(' ');
    if plain && words().all(|word| word.is_ascii() && chars::is_atom(word.as_bytes())) && !long_word(name) {
        return name.to_owned();
    }
    if plain && name.chars().all(|c| (c.is_ascii() || utf8) && !c.is_control()) {
        let quoted = quoted_string(name);
        if !long_word(&quoted) {
            return quoted;
        }
    }
    let single_spaced = words().all(|word| !word.is_empty() && !word.contains('\t'));
    let encoded = encoded_word::encode_word_phrase(name, 0).replace("\r\n", "");
    if !single_spaced || encoded == name || long_word(&encoded) {
        return encoded_word::encode_all(name, 0).replace("\r\n", "");
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::parse_address_list;
    use crate::encoding::safe;
    use proptest::prelude::*;

    #[test]
    fn display_quotes_only_when_needed() {
        let cases = [
            (Mailbox::new("jdoe", "example.com"), "jdoe@example.com"),
            (Mailbox::new("jdoe", "example.com").with_name("John Doe"), "John Doe <jdoe@example.com>"),
            (
                Mailbox::new("jdoe", "example.com").with_name("Joe Q. Public"),
                "\"Joe Q. Public\" <jdoe@example.com>",
            ),
            (Mailbox::new("jdoe", "example.com").with_name("Doe, John"), "\"Doe, John\" <jdoe@example.com>"),
            (Mailbox::new("jdoe", "example.com").with_name("a  b"), "\"a  b\" <jdoe@example.com>"),
            (Mailbox::new("jdoe", "example.com").with_name(" a"), "\" a\" <jdoe@example.com>"),
            (
                Mailbox::new("jdoe", "example.com").with_name("say \"hi\" \\o/"),
                "\"say \\\"hi\\\" \\\\o/\" <jdoe@example.com>",
            ),
            (Mailbox::new("jdoe", "example.com").with_name("J\u{f6}rg"), "\"J\u{f6}rg\" <jdoe@example.com>"),
            (Mailbox::new("jdoe", "example.com").with_name("a\tb"), "=?UTF-8?B?YQli?= <jdoe@example.com>"),
            (
                Mailbox::new("jdoe", "example.com").with_name("a\u{9b}b"),
                "=?UTF-8?Q?a=C2=9Bb?= <jdoe@example.com>",
            ),
            (
                Mailbox::new("jdoe", "example.com").with_name("=?x?="),
                "=?UTF-8?B?PT94Pz0=?= <jdoe@example.com>",
            ),
            (Mailbox::new("jdoe", "example.com").with_name(""), "jdoe@example.com"),
            (Mailbox::new("john doe", "example.com"), "\"john doe\"@example.com"),
            (Mailbox::new("", "example.com"), "\"\"@example.com"),
            (Mailbox::new("a..b", "docomo.ne.jp"), "\"a..b\"@docomo.ne.jp"),
            (Mailbox::new("a.", "docomo.ne.jp"), "\"a.\"@docomo.ne.jp"),
            (Mailbox::new("j\u{f6}rg", "ex\u{e4}mple.com"), "j\u{f6}rg@ex\u{e4}mple.com"),
            (Mailbox::new("a\"b", "c"), "\"a\\\"b\"@c"),
        ];
        for (mailbox, written) in cases {
            assert_eq!(mailbox.to_string(), written);
        }
    }

    #[test]
    fn display_never_writes_a_line_break() {
        let mailbox = Mailbox::new("a\r\nBcc: x", "b\r\nc").with_name("evil\r\nBcc: victim@x");
        let written = mailbox.to_string();
        // The name, encoded, reads back as it was; no quoted string can hold a line break,
        // so in the address the controls become spaces.
        assert_eq!(written, "=?UTF-8?Q?evil=0D=0ABcc=3A_victim=40x?= <\"a  Bcc: x\"@b  c>");
        let group = Group::new("g\n", vec![mailbox]);
        assert!(!group.to_string().contains(['\r', '\n']));
    }

    #[test]
    fn phrases_are_atoms_quoted_or_encoded() {
        assert_eq!(phrase("John Q Public", false, 76), "John Q Public");
        assert_eq!(phrase("Public, John Q.", false, 76), "\"Public, John Q.\"");
        assert_eq!(phrase("a \"b\" \\c", false, 76), "\"a \\\"b\\\" \\\\c\"");
        assert_eq!(phrase("Jörg", false, 76), "=?UTF-8?B?SsO2cmc=?=");
        assert_eq!(phrase("Jörg", true, 76), "\"Jörg\"");
        assert_eq!(phrase("Ann Müller", false, 76), "Ann =?UTF-8?Q?M=C3=BCller?=");
        // White space a reader would make one space goes inside the encoded words.
        assert_eq!(phrase("Ann  Müller", false, 76), "=?UTF-8?B?QW5uICBNw7xsbGVy?=");
        assert_eq!(phrase(" Müller", false, 76), "=?UTF-8?B?IE3DvGxsZXI=?=");
        // A word with no place to fold is encoded, in words of at most 72 characters.
        let long = "x".repeat(100);
        let p = phrase(&long, false, 76);
        assert!(p.split(' ').all(|w| w.len() <= 72 && w.starts_with("=?UTF-8?B?")), "{p}");
        assert_eq!(phrase(&long, true, usize::MAX), long);
    }

    #[test]
    fn domain_literal_quoted_pairs_are_written_back_escaped() {
        // Found by the `address` fuzz target: `a@[x\\y]` is the domain `[x\y]`, which
        // was written as it is and read back as `[xy]`.
        let list = parse_address_list(br"a@[x\\y], b@[x\]y], c@[1\[2]");
        let domains: Vec<_> = list.mailboxes().map(|m| m.domain().unwrap()).collect();
        assert_eq!(domains, [r"[x\y]", "[x]y]", "[1[2]"]);
        let addresses: Vec<_> = list.mailboxes().map(|m| m.address()).collect();
        assert_eq!(addresses, [r"a@[x\\y]", r"b@[x\]y]", r"c@[1\[2]"]);
        assert_eq!(parse_address_list(list.to_string().as_bytes()), list);
        assert_eq!(Mailbox::new("d", "[a]b]").address(), r"d@[a\]b]");
        assert_eq!(Mailbox::new("d", r"e\f").address(), r"d@e\f");
    }

    #[test]
    fn mailbox_without_domain_writes_the_local_part() {
        let list = parse_address_list(b"<root>, Admin <admin>");
        assert_eq!(list.to_string(), "root, Admin <admin>");
    }

    #[test]
    fn groups_display_and_flatten() {
        let group = Group::new(
            "A Group",
            vec![Mailbox::new("c", "a.test").with_name("Ed Jones"), Mailbox::new("joe", "where.test")],
        );
        assert_eq!(group.to_string(), "A Group: Ed Jones <c@a.test>, joe@where.test;");
        assert_eq!(Group::new("Hidden: list", Vec::new()).to_string(), "\"Hidden: list\":;");
        let list: AddressList<'_> =
            [Address::from(group), Mailbox::new("x", "y.test").into()].into_iter().collect();
        assert_eq!(list.len(), 2);
        assert_eq!(list.mailboxes().count(), 3);
        assert_eq!((&list).into_iter().count(), 2);
        assert_eq!(list.clone().into_iter().count(), 2);
        let reparsed = parse_address_list(list.to_string().as_bytes()).into_owned();
        assert_eq!(reparsed, list);
    }

    #[test]
    fn decode_names_replaces_names_and_comments() {
        let mut list = parse_address_list(b"=?x?= <a@b> (=?c?=), g=?x?=: d@e (=?x?=);");
        list.decode_names(|text| {
            if text.contains("=?") {
                Cow::Owned(text.replace("=?x?=", "X").replace("=?c?=", "C"))
            } else {
                Cow::Borrowed(text)
            }
        });
        let mut names = Vec::new();
        for address in &list {
            match address {
                Address::Mailbox(mailbox) => {
                    names.push(mailbox.name().unwrap_or("").to_owned());
                    names.extend(mailbox.comments().map(str::to_owned));
                }
                Address::Group(group) => {
                    names.push(group.name().to_owned());
                    names.extend(group.members().iter().flat_map(|m| m.comments().map(str::to_owned)));
                }
            }
        }
        assert_eq!(names, ["X", "C", "gX", "X"]);
    }

    #[test]
    fn a_name_that_decodes_to_nothing_is_no_name() {
        // The walk fuzz target's check: `From: =?utf-8?q??= <a@b.example>` gave the
        // display name Some("").
        let mut list = parse_address_list(b"=?utf-8?q??= <a@b.example>, g: c@d.example;");
        list.decode_names(|_| Cow::Borrowed(""));
        let mailbox = list.mailboxes().next().unwrap();
        assert_eq!(mailbox.name(), None);
        assert_eq!(mailbox.to_string(), "a@b.example");
        assert_eq!(list.to_string(), "a@b.example, \"\": c@d.example;");
    }

    #[test]
    fn a_list_of_one_is_a_list_like_any_other() {
        use std::hash::{BuildHasher, RandomState};
        let (a, b) = (Mailbox::new("a", "x.test"), Mailbox::new("b", "x.test"));
        let mut pushed = AddressList::new();
        pushed.push(a.clone());
        let one = AddressList::from(vec![Address::from(a.clone())]);
        assert_eq!(pushed, one);
        let hasher = RandomState::new();
        assert_eq!(hasher.hash_one(&pushed), hasher.hash_one(&one));
        assert_eq!(hasher.hash_one(&pushed), hasher.hash_one(vec![Address::from(a.clone())]));
        assert_eq!(format!("{pushed:?}"), format!("{one:?}"));
        assert!(format!("{pushed:?}").starts_with("AddressList { addresses: [Mailbox(Mailbox {"));
        assert_eq!((pushed.len(), pushed.is_empty(), pushed.iter().count()), (1, false, 1));
        pushed.push(b.clone());
        pushed.push(Group::new("g", vec![a.clone()]));
        let three: AddressList<'_> =
            vec![Address::from(a.clone()), Address::from(b.clone()), Group::new("g", vec![a.clone()]).into()]
                .into();
        assert_eq!(pushed, three);
        assert_eq!(hasher.hash_one(&pushed), hasher.hash_one(&three));
        assert_eq!(pushed.to_string(), "a@x.test, b@x.test, g: a@x.test;");
        assert_eq!(pushed.mailboxes().count(), 3);
        assert_eq!(pushed.clone().into_iter().count(), 3);
        let mut single = AddressList::new();
        single.push(b.clone());
        assert_eq!(single.clone().into_iter().collect::<Vec<_>>(), [Address::from(b.clone())]);
        assert_eq!(single.clone().into_owned(), single);
        assert_ne!(single, AddressList::new());
        assert_eq!(AddressList::new(), AddressList::from(Vec::new()));
    }

    #[test]
    fn into_owned_keeps_everything() {
        let value = b"Pete(A nice \\) chap) <@r.test:pete(his account)@silly.test(his host)>".to_vec();
        let list = parse_address_list(&value);
        let owned = list.clone().into_owned();
        drop(value);
        let mailbox = owned.mailboxes().next().unwrap();
        assert_eq!(mailbox.name(), Some("Pete"));
        assert_eq!(mailbox.route().collect::<Vec<_>>(), ["r.test"]);
        assert_eq!(mailbox.comments().len(), 3);
    }

    /// A display name: printable text of any kind, text that reads as encoded words, and
    /// control characters.
    fn name_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,3}",
            "[^\\p{Cc}]{0,24}",
            "[ a-z.,;:<>@\"\\\\()\\[\\]=?\u{e9}\u{4e2d}]{0,24}",
            "[ \t\r\n\x00\x01\x1b\x7f\u{85}\u{9b}a-z\"\\\\\u{e9}]{0,16}",
            "(=\\?utf-8\\?[qQbB]\\?[a-zA-Z0-9=_]{0,6}\\?= ?|[ \"a-z\u{e9}]{1,4}){1,4}",
        ]
    }

    /// A local part: dot-atoms, obsolete dots, and text that must be quoted (spaces,
    /// quotes, backslashes, non-ASCII).
    fn local_part_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,10}(\\.[a-z0-9_-]{1,10}){0,3}",
            "[a-z.]{0,12}",
            "[^\\p{Cc}]{0,16}",
            "[ a-z.,;:<>@\"\\\\()]{0,16}",
            Just("john doe".to_owned()),
        ]
    }

    /// `written` read back as the header layer reads an address field: the list, then
    /// RFC 2047 decoding of names and comments (without replacing control characters).
    fn read_back(written: &str) -> AddressList<'static> {
        let mut list = parse_address_list(written.as_bytes()).into_owned();
        list.decode_names(|name| encoded_word::decode_text(name.as_bytes(), &mut Vec::new()));
        list
    }

    fn domain_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9-]{1,10}(\\.[a-z0-9-]{1,10}){0,3}",
            "[a-z\u{e4}\u{4e2d}]{1,6}\\.[a-z]{2,4}",
            "\\[[0-9]{1,3}(\\.[0-9]{1,3}){3}\\]",
        ]
    }

    proptest! {
        #[test]
        fn parse_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let list = parse_address_list(&bytes);
            for mailbox in list.mailboxes() {
                let _ = mailbox.to_string();
            }
        }

        #[test]
        fn parse_never_panics_on_address_like_text(text in "[a-c@<>,;:\"()\\\\. \\[\\]\t\r\n\u{e9}]{0,64}") {
            let list = parse_address_list(text.as_bytes());
            for mailbox in list.mailboxes() {
                prop_assert!(!mailbox.local_part().is_empty() || mailbox.domain().is_some() || mailbox.is_null());
                let written = mailbox.to_string();
                prop_assert!(!written.contains(['\r', '\n']));
                prop_assert_eq!(parse_address_list(written.as_bytes()).mailboxes().count(), 1, "{}", written);
            }
        }

        #[test]
        fn display_then_parse_gives_back_name_and_address(
            name in name_strategy(),
            local in local_part_strategy(),
            domain in domain_strategy(),
        ) {
            let mailbox = Mailbox::new(local.as_str(), domain.as_str()).with_name(name.as_str());
            let written = mailbox.to_string();
            prop_assert!(!safe::has_unsafe_control(written.as_bytes()), "{:?}", written);
            let list = read_back(&written);
            prop_assert_eq!(list.len(), 1, "{}", written);
            let parsed = list.mailboxes().next().unwrap();
            prop_assert_eq!(parsed, &mailbox, "{}", written);
            prop_assert_eq!(parsed.address(), mailbox.address(), "{}", written);
            // The strict reading of the same text, which refuses control characters.
            let strict = written.parse::<Mailbox<'_>>();
            if name.contains(|c: char| safe::is_unsafe_control(c)) {
                prop_assert!(strict.is_err(), "{}", written);
            } else {
                let strict = strict.ok();
                prop_assert_eq!(strict.as_ref(), Some(&mailbox), "{}", written);
            }
        }

        #[test]
        fn lists_round_trip(
            entries in proptest::collection::vec((name_strategy(), local_part_strategy(), domain_strategy()), 0..5),
        ) {
            let list: AddressList<'_> = entries
                .iter()
                .map(|(name, local, domain)| Mailbox::new(local.as_str(), domain.as_str()).with_name(name.as_str()))
                .collect();
            let written = list.to_string();
            prop_assert_eq!(read_back(&written), list, "{}", written);
        }

        #[test]
        fn text_before_angle_brackets_never_becomes_the_address(
            name in "[^<>,;:\"()\\p{Cc}]{0,30}",
            local in "[a-z]{1,8}",
            domain in "[a-z]{1,8}\\.test",
        ) {
            let value = format!("{name} <{local}@{domain}>");
            let found: Vec<_> = parse_address_list(value.as_bytes())
                .mailboxes()
                .map(|m| m.address().into_owned())
                .collect();
            prop_assert_eq!(found, vec![format!("{local}@{domain}")], "{}", value);
        }
    }
}
