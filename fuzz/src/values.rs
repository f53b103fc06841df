//! Checks on the typed values of header fields (parameters, address lists, dates), shared by
//! the `walk` target and the targets that feed one kind of value.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use mailmime::address::parse_address_list;
use mailmime::date::parse_date_time;
use mailmime::encoding::encoded_word;
use mailmime::{Address, AddressList, DateTime, Mailbox, Parameters};

/// How many distinct names [`check_parameters`] also looks up one by one. Every lookup
/// reads the whole list, so looking all of them up would be quadratic in the list.
const LOOKUPS: usize = 16;

/// Asserts what [`Parameters`] documents: `iter` gives every name once, lowercased, with
/// the value `get` gives for it (for the first [`LOOKUPS`] names, in any case, and in
/// upper case); `is_empty` says whether `iter` gives anything; the owned copy gives the
/// same pairs. Feeds every name and value into `hash`.
pub fn check_parameters(params: &Parameters<'_>, hash: &mut impl Hasher) {
    let pairs: Vec<(String, Cow<'_, str>)> = params.iter().collect();
    assert_eq!(params.is_empty(), pairs.is_empty(), "is_empty() disagrees with iter(): {pairs:?}");
    for (i, (name, value)) in pairs.iter().enumerate() {
        assert!(!name.bytes().any(|b| b.is_ascii_uppercase()), "iter() gave a name not lowercased: {name:?}");
        if i < LOOKUPS {
            assert!(pairs[..i].iter().all(|(earlier, _)| earlier != name), "iter() gave {name:?} twice");
            let got = params.get(name);
            assert_eq!(got.as_deref(), Some(&**value), "get({name:?}) disagrees with iter()");
            let upper = name.to_ascii_uppercase();
            assert_eq!(params.get(&upper).as_deref(), Some(&**value), "get({upper:?}) is case-sensitive");
        }
        (name, value).hash(hash);
    }
    let owned = params.clone().into_owned();
    let owned_pairs: Vec<(String, Cow<'_, str>)> = owned.iter().collect();
    assert_eq!(pairs, owned_pairs, "into_owned() changed the parameters");
}

/// Whether `text` holds a control character, which `Display` writes as a space in a local
/// part or a domain (no quoted string can hold one), so such an address need not read
/// back as the same text. In names `Display` encodes them.
fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// What `Display` of an address list writes and a parser can read back: names (RFC 2047
/// decoded on the way back, as `Display` encodes those that need it), local parts,
/// domains and group structure (comments and source routes are not written).
#[derive(Debug, PartialEq, Eq)]
pub enum Written<'l> {
    /// A mailbox: display name, local part, domain.
    Mailbox(Option<Cow<'l, str>>, &'l str, Option<&'l str>),
    /// A group: its name and members.
    Group(Cow<'l, str>, Vec<Written<'l>>),
}

/// A name as it is, or RFC 2047 decoded (`decode`, for a list read back).
fn written_name(name: &str, decode: bool) -> Cow<'_, str> {
    if decode { encoded_word::decode_text(name.as_bytes(), &mut Vec::new()) } else { Cow::Borrowed(name) }
}

fn written_mailbox<'l>(mailbox: &'l Mailbox<'_>, decode: bool) -> Written<'l> {
    Written::Mailbox(mailbox.name().map(|n| written_name(n, decode)), mailbox.local_part(), mailbox.domain())
}

/// The [`Written`] form of `list`, names RFC 2047 decoded when `decode` is set, or `None`
/// when a local part or domain in it holds a control character.
pub fn written_form<'l>(list: &'l AddressList<'_>, decode: bool) -> Option<Vec<Written<'l>>> {
    let clean = |m: &Mailbox<'_>| !(has_control(m.local_part()) || m.domain().is_some_and(has_control));
    let mut out = Vec::with_capacity(list.len());
    for address in list {
        match address {
            Address::Mailbox(m) if clean(m) => out.push(written_mailbox(m, decode)),
            Address::Group(g) if g.members().iter().all(clean) => out.push(Written::Group(
                written_name(g.name(), decode),
                g.members().iter().map(|m| written_mailbox(m, decode)).collect(),
            )),
            _ => return None,
        }
    }
    Some(out)
}

/// Asserts what the address types document, on any list: `len`, `is_empty` and
/// `mailboxes` agree with the addresses; `address()` is `<>` for the null mailbox and
/// never empty; no display name is empty; `address()` and every `Display` never hold a line break;
/// the owned copy is equal. Feeds what the accessors return into `hash`.
pub fn check_address_list(list: &AddressList<'_>, hash: &mut impl Hasher) {
    assert_eq!(list.is_empty(), list.len() == 0);
    assert_eq!(list.iter().count(), list.len());
    let members: usize = list.iter().map(|a| a.mailboxes().len()).sum();
    assert_eq!(list.mailboxes().count(), members, "mailboxes() is not the members of iter()");
    for address in list {
        let written = address.to_string();
        assert!(!written.contains(['\r', '\n']), "Display wrote a line break: {written:?}");
        written.hash(hash);
        if let Address::Group(group) = address {
            group.name().hash(hash);
        }
        for mailbox in address.mailboxes() {
            check_mailbox(mailbox, hash);
        }
    }
    let written = list.to_string();
    assert!(!written.contains(['\r', '\n']), "Display of the list wrote a line break: {written:?}");
    assert_eq!(&list.clone().into_owned(), list, "into_owned() changed the list");
}

fn check_mailbox(mailbox: &Mailbox<'_>, hash: &mut impl Hasher) {
    let address = mailbox.address();
    assert!(!address.contains(['\r', '\n']), "address() holds a line break: {address:?}");
    if mailbox.is_null() {
        assert_eq!(address, "<>", "address() of the null mailbox");
    } else {
        assert!(!address.is_empty(), "address() of {mailbox:?} is empty");
    }
    assert!(mailbox.name() != Some(""), "an empty display name is no name: {mailbox:?}");
    (mailbox.name(), mailbox.local_part(), mailbox.domain(), &*address).hash(hash);
    mailbox.route().for_each(|r| r.hash(hash));
    mailbox.comments().for_each(|c| c.hash(hash));
    assert_eq!(&mailbox.clone().into_owned(), mailbox, "into_owned() changed the mailbox");
}

/// Asserts that `list` written with `Display` reads back as the same names (RFC 2047
/// decoded), local parts, domains and groups (when no local part or domain in it holds a
/// control character, which `Display` replaces by a space).
pub fn assert_address_list_reads_back(list: &AddressList<'_>) {
    let Some(want) = written_form(list, false) else { return };
    let written = list.to_string();
    let reparsed = parse_address_list(written.as_bytes());
    let got = written_form(&reparsed, true);
    assert_eq!(got.as_ref(), Some(&want), "the list written as {written:?} reads back otherwise");
}

/// Asserts what [`DateTime`] documents of a value however it was made: fields in range;
/// the RFC 5322 form (`Display`), `to_rfc3339` and `to_iso8601` read back as the same value;
/// `from_unix` of the timestamp gives it back (a leap second aside). Feeds it into `hash`.
pub fn check_date(date: DateTime, hash: &mut impl Hasher) {
    assert!((1..=9999).contains(&date.year()), "{date:?}");
    assert!((1..=12).contains(&date.month()), "{date:?}");
    assert!((1..=31).contains(&date.day()) && date.hour() <= 23 && date.minute() <= 59, "{date:?}");
    assert!(date.second() <= 60 && date.offset_minutes().abs() <= 23 * 60 + 59, "{date:?}");
    if !date.offset_is_known() {
        assert_eq!(date.offset_minutes(), 0, "an unknown offset is 0: {date:?}");
    }
    for written in [date.to_string(), date.to_rfc3339(), date.to_iso8601()] {
        assert_eq!(parse_date_time(written.as_bytes()), Some(date), "{date:?} written as {written:?}");
    }
    if date.second() < 60 {
        let back = DateTime::from_unix(date.unix_timestamp(), date.offset_minutes())
            .expect("the timestamp of a valid date is in range");
        let fields = |d: &DateTime| {
            (d.year(), d.month(), d.day(), d.hour(), d.minute(), d.second(), d.offset_minutes())
        };
        assert_eq!(fields(&back), fields(&date), "from_unix(unix_timestamp()) of {date:?}");
        assert_eq!(back.weekday(), date.weekday());
    }
    date.hash(hash);
}
