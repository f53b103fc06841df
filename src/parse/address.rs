//! RFC 5322 §3.4 address specification and its obsolete forms (§4.4).
//!
//! The top-level [`address_list`] never fails: it reads every address it
//! can and skips the rest up to the next `,` (or `;`). The rule parsers
//! below it are lenient where real mail needs it; each doc comment says how.
//!
//! One rule holds throughout: text before `<` is a display name, whatever it
//! looks like. [`name_addr`] is always tried before [`addr_spec`] and its
//! [`display_name`] accepts any text, so `a@evil.test <b@good.test>` is the
//! mailbox `b@good.test`, never `a@evil.test`.
//!
//! No parser here recurses on the input (groups cannot nest), and each byte
//! of an element is scanned a bounded number of times, so the cost is linear.

use std::borrow::Cow;

use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::combinator::{eof, opt, peek, verify};
use nom::error::ErrorKind;
use nom::multi::many0_count;
use nom::sequence::{pair, preceded, separated_pair, terminated};

use super::lexical::{
    PResult, TextBuilder, cfws, comment_span, comments, domain_literal, dot_atom_text, fail, is_fws_byte,
    quoted_content, skip_quoted, text,
};
use crate::address::{Address, AddressList, Group, Mailbox};
use crate::parse::chars;

/// The parts of an `angle-addr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AngleAddr<'a> {
    /// Domains of an obsolete route, without `@`.
    pub(crate) route: Vec<Cow<'a, str>>,
    /// Unquoted local part.
    pub(crate) local_part: Cow<'a, str>,
    /// Domain, if the address had one.
    pub(crate) domain: Option<Cow<'a, str>>,
}

/// Reads an address list (`To`, `Cc`, `From`, ...) from an unfolded header
/// value. Never fails: what cannot be read is skipped up to the next `,`.
///
/// See the [module documentation](crate::address) for the decisions taken on
/// ambiguous input.
///
/// # Examples
///
/// ```
/// use mailmime::address::parse_address_list;
///
/// let list = parse_address_list(b"\"a@evil.test\" <b@good.test>, @@@, Ann <ann@x.test>,");
/// let found: Vec<_> = list.mailboxes().map(|m| (m.name(), m.address())).collect();
/// assert_eq!(found, [
///     (Some("a@evil.test"), "b@good.test".into()),
///     (Some("Ann"), "ann@x.test".into()),
/// ]);
/// ```
///
/// The lenient `address-list` grammar, with a fast path for one plain mailbox.
pub fn parse_address_list(value: &[u8]) -> AddressList<'_> {
    if let Some(mailbox) = plain_mailbox(value) {
        let mut list = AddressList::new();
        list.push(mailbox);
        return list;
    }
    match address_list(value, &mut None) {
        Ok((_, list)) => list,
        Err(_) => AddressList::new(),
    }
}

/// [`plain_mailbox`] when its display name and comment hold no `=?`, so that RFC 2047
/// decoding leaves them as they are: the mailbox the header layer gives for `value`,
/// read without unfolding, decoding or replacing anything (a plain mailbox has no CR, LF
/// or other control character inside, and is ASCII).
pub(crate) fn plain_decoded_mailbox(value: &[u8]) -> Option<Mailbox<'_>> {
    plain_mailbox_words(value).and_then(|(mailbox, encoded)| (!encoded).then_some(mailbox))
}

/// The common case, read without the general grammar: one mailbox in US-ASCII, either a
/// plain `dot-atom "@" dot-atom`, or such an address in angle brackets after a display name
/// of atoms separated by single spaces or a quoted string of such words without escapes;
/// then at most one comment of such words, and no obsolete syntax anywhere. Gives what [`address_list`] gives for the same input; `None` for anything
/// else.
fn plain_mailbox(value: &[u8]) -> Option<Mailbox<'_>> {
    plain_mailbox_words(value).map(|(mailbox, _)| mailbox)
}

/// [`plain_mailbox`], and whether its display name or comment holds `=?`, found while
/// their bytes are checked.
fn plain_mailbox_words(value: &[u8]) -> Option<(Mailbox<'_>, bool)> {
    let value = value.trim_ascii();
    if !value.is_ascii() {
        return None;
    }
    let mut text = std::str::from_utf8(value).ok()?;
    // One trailing comment of plain words: `a@b.example (A. Person)`.
    let mut comment = None;
    let mut encoded = false;
    if let Some(inner) = text.strip_suffix(')') {
        let open = inner.rfind('(')?;
        let words = &inner[open + 1..];
        encoded = plain_words(words, |b| b != b'(' && b != b')' && b != b'\\' && b != b'"')?;
        comment = Some(words);
        text = inner[..open].trim_end_matches(' ');
    }
    let (name, spec) = if let Some(inner) = text.strip_suffix('>') {
        // Values are short: a plain search costs less than setting up memchr's.
        let open = inner.bytes().position(|b| b == b'<')?;
        let name = inner[..open].trim_end_matches(' ');
        let name = match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
            // A quoted display name without escapes or folding: `"Ann Q. Lee" <a@b>`.
            Some(quoted) => {
                encoded |= plain_words(quoted, |b| b != b'"' && b != b'\\')?;
                quoted
            }
            None => {
                encoded |= plain_words(name, |b| chars::is(b, chars::ATEXT))?;
                name
            }
        };
        (Some(name), &inner[open + 1..])
    } else {
        (None, text)
    };
    let at = spec.bytes().position(|b| b == b'@')?;
    let (local, domain) = (&spec.as_bytes()[..at], &spec.as_bytes()[at + 1..]);
    (chars::is_dot_atom(local) && chars::is_dot_atom(domain))
        .then(|| (Mailbox::plain(name, spec, at, comment), encoded))
}

/// Whether `text` is empty or words of visible characters that `allowed` accepts,
/// separated by single spaces: `None` if not, else whether it holds `=?` (the start of
/// an RFC 2047 encoded word).
fn plain_words(text: &str, allowed: impl Fn(u8) -> bool) -> Option<bool> {
    // One pass: `previous` starts as a space, so a leading space fails like a double one.
    let mut previous = b' ';
    let mut encoded = false;
    for b in text.bytes() {
        let fits = match b {
            b' ' => previous != b' ',
            _ => b.is_ascii_graphic() && allowed(b),
        };
        if !fits {
            return None;
        }
        encoded |= previous == b'=' && b == b'?';
        previous = b;
    }
    (text.is_empty() || previous != b' ').then_some(encoded)
}

/// The input from the first byte that was skipped as not part of an address, if any.
type Junk<'a> = Option<&'a [u8]>;

/// Records `before` as junk (unless junk was seen already) when skipping moved past it.
fn note_junk<'a>(junk: &mut Junk<'a>, before: &'a [u8], after: &[u8]) {
    if junk.is_none() && after.len() < before.len() {
        *junk = Some(before);
    }
}

/// Reads `value` as a whole address list, strictly: `Err` with the offset of the first
/// text that is not an address (which [`address_list`] would skip) and what is wrong
/// there. Empty elements (`a@b, , c@d`) are allowed, as obs-addr-list allows them; an
/// angle-addr without its `>`, which [`angle_addr`] tolerates, is not.
pub(crate) fn strict_address_list(value: &[u8]) -> Result<AddressList<'_>, (usize, &'static str)> {
    if let Some(at) = unclosed_angle(value) {
        return Err((at, "this `<` has no closing `>`"));
    }
    let mut junk = None;
    let list = match address_list(value, &mut junk) {
        Ok((_, list)) => list,
        Err(_) => return Err((0, NOT_AN_ADDRESS)),
    };
    match junk {
        Some(at) => Err((value.len() - at.len(), NOT_AN_ADDRESS)),
        None => Ok(list),
    }
}

/// Reads one mailbox, as a From or To field holds it: `Name <local@domain>` or
/// `local@domain`, with RFC 2047 encoded words in the display name decoded and
/// non-ASCII text allowed (RFC 6532).
///
/// Unlike [`parse_address_list`], which reads what it can, this is strict: the string
/// must be exactly one mailbox with a domain. Anything else is an
/// [`ErrorKind::InvalidAddress`](crate::ErrorKind::InvalidAddress) error whose [`value`](crate::Error::value) is the string and
/// whose [`reason`](crate::Error::reason) says what is wrong.
///
/// # Examples
///
/// ```
/// use mailmime::address::Mailbox;
///
/// let mailbox: Mailbox = "Anaïs <anais@example.com>".parse().unwrap();
/// assert_eq!(mailbox.name(), Some("Anaïs"));
/// assert_eq!(mailbox.address(), "anais@example.com");
/// assert_eq!(mailbox.to_string(), "\"Anaïs\" <anais@example.com>");
/// let mailbox: Mailbox = "=?utf-8?q?Ana=C3=AFs?= <anais@example.com>".parse().unwrap();
/// assert_eq!(mailbox.name(), Some("Anaïs"));
///
/// let err = "a@example.com, b@example.com".parse::<Mailbox>().unwrap_err();
/// assert_eq!(err.kind(), &mailmime::ErrorKind::InvalidAddress);
/// assert_eq!(err.value(), Some("a@example.com, b@example.com"));
/// assert_eq!(err.reason(), Some("more than one address (parse an AddressList to read several)"));
/// ```
impl std::str::FromStr for Mailbox<'static> {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, crate::Error> {
        let mut addresses = <AddressList<'static> as std::str::FromStr>::from_str(s)?.into_iter();
        match (addresses.next(), addresses.next()) {
            (Some(Address::Mailbox(mailbox)), None) => Ok(mailbox),
            (None, _) => Err(invalid_address(s, "there is no mailbox", None)),
            (Some(Address::Group(_)), None) => {
                Err(invalid_address(s, "this is a group (name: members;), not one mailbox", None))
            }
            _ => {
                Err(invalid_address(s, "more than one address (parse an AddressList to read several)", None))
            }
        }
    }
}

/// Reads an address list as a To or Cc field holds it: mailboxes and groups separated
/// by commas, RFC 2047 encoded words in names decoded, non-ASCII text allowed
/// (RFC 6532). An empty string is the empty list.
///
/// Strict, unlike [`parse_address_list`]: text that is not an address, or a mailbox
/// without a domain, is an [`ErrorKind::InvalidAddress`](crate::ErrorKind::InvalidAddress) error naming the string, with
/// the [`offset`](crate::Error::offset) of the offending text and a [`reason`](crate::Error::reason).
///
/// # Examples
///
/// ```
/// use mailmime::address::AddressList;
///
/// let list: AddressList = "Ann <ann@example.com>, team: b@example.com;".parse().unwrap();
/// assert_eq!(list.len(), 2);
/// assert_eq!(list.mailboxes().count(), 2);
/// assert_eq!(list.to_string().parse::<AddressList>().unwrap(), list);
///
/// let err = "ann@example.com, @@@".parse::<AddressList>().unwrap_err();
/// assert_eq!(err.offset(), Some(17));
/// assert_eq!(err.to_string(), "invalid address: \"ann@example.com, @@@\": this is not an address at byte 17");
/// ```
impl std::str::FromStr for AddressList<'static> {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, crate::Error> {
        let mut list = strict_address_list(s.as_bytes())
            .map_err(|(offset, reason)| invalid_address(s, reason, Some(offset)))?;
        if let Some(mailbox) = list.mailboxes().find(|m| m.domain().is_none()) {
            let reason = format!("the mailbox {:?} has no @domain", mailbox.local_part());
            return Err(invalid_address(s, reason, None));
        }
        let controls = std::cell::Cell::new(false);
        list.decode_names(|name| {
            let decoded = crate::encoding::encoded_word::decode_text(name.as_bytes(), &mut Vec::new());
            let (text, replaced) = crate::encoding::safe::replace_controls(decoded);
            controls.set(controls.get() || replaced);
            text
        });
        if list.replace_spec_controls() || controls.get() {
            return Err(invalid_address(s, "it holds a control character (a line break, say)", None));
        }
        Ok(list.into_owned())
    }
}

fn invalid_address(value: &str, reason: impl Into<Cow<'static, str>>, offset: Option<usize>) -> crate::Error {
    crate::Error::new(crate::ErrorKind::InvalidAddress, offset).with_value(value).because(reason)
}

const NOT_AN_ADDRESS: &str = "this is not an address";

/// The offset of the first `<` outside quoted strings and comments that no `>` closes
/// before the next `,`, `;` or the end.
fn unclosed_angle(value: &[u8]) -> Option<usize> {
    let mut open = None;
    let unclosed = outside_quotes(value, |at, byte| {
        match byte {
            b'<' => open = open.or(Some(at)),
            b'>' => open = None,
            b',' | b';' if open.is_some() => return open,
            _ => {}
        }
        None
    });
    unclosed.or(open)
}

/// Whether `value` has a `<` outside quoted strings and comments: whether it is meant as
/// a `name-addr` (`Name <addr>`), not a bare `addr-spec`.
pub(crate) fn has_angle(value: &[u8]) -> bool {
    outside_quotes(value, |_, byte| (byte == b'<').then_some(())).is_some()
}

/// Calls `visit` with the offset of each byte of `value` outside quoted strings and
/// comments, until it returns `Some`.
fn outside_quotes<T>(value: &[u8], mut visit: impl FnMut(usize, u8) -> Option<T>) -> Option<T> {
    let mut rest = value;
    while let Some(&byte) = rest.first() {
        rest = match byte {
            b'"' => skip_quoted(rest).map_or(&rest[1..], |(after, ())| after),
            b'(' => cfws(rest).map_or(&rest[1..], |(after, ())| after),
            _ => {
                if let Some(found) = visit(value.len() - rest.len(), byte) {
                    return Some(found);
                }
                &rest[1..]
            }
        };
    }
    None
}

/// ```text
/// address-list     = (address *("," address)) / obs-addr-list
/// obs-addr-list    = *([CFWS] ",") address *("," [address / CFWS])
/// ```
///
/// Never fails and consumes all input. Lenient: empty elements are skipped
/// (`a@b, , c@d,`); an element that is not an address is skipped up to the
/// next `,`; `;` separates addresses like `,` (`a@b; c@d`); after a group
/// the next address may follow without a `,`. What it skips is recorded in `junk`
/// (see [`strict_address_list`]).
pub(crate) fn address_list<'a>(input: &'a [u8], junk: &mut Junk<'a>) -> PResult<'a, AddressList<'a>> {
    let mut list = AddressList::new();
    let mut rest = input;
    loop {
        (rest, _) = many0_count(alt((cfws, separator(b","), separator(b";")))).parse(rest)?;
        if rest.is_empty() {
            return Ok((rest, list));
        }
        match address(rest, junk) {
            Ok((after, Address::Group(group))) => {
                list.push(group);
                rest = after;
                continue;
            }
            Ok((after, mailbox)) => {
                list.push(mailbox);
                rest = after;
            }
            Err(_) => {}
        }
        let skipped = skip_junk(rest);
        note_junk(junk, rest, skipped);
        rest = skipped;
    }
}

/// `,` or `;` as a separator, with no value.
fn separator(byte: &'static [u8]) -> impl Fn(&[u8]) -> PResult<'_, ()> {
    move |input| tag(byte).map(|_| ()).parse(input)
}

/// Skips unreadable input up to the next `,` or `;` (not consumed), stepping
/// over quoted strings and comments whole.
fn skip_junk(input: &[u8]) -> &[u8] {
    let mut rest = input;
    while let Some(&byte) = rest.first() {
        rest = match byte {
            b',' | b';' => break,
            b'"' => skip_quoted(rest).map_or(&rest[1..], |(after, ())| after),
            b'(' => cfws(rest).map_or(&rest[1..], |(after, ())| after),
            _ => &rest[1..],
        };
    }
    rest
}

/// ```text
/// address = mailbox / group
/// ```
///
/// The group is tried first: both may start with a display name, and only
/// a group has `:` after it.
/// Junk skipped among a group's members is recorded in `junk` only when the group is
/// read.
pub(crate) fn address<'a>(input: &'a [u8], junk: &mut Junk<'a>) -> PResult<'a, Address<'a>> {
    let mut members_junk = None;
    match group(input, &mut members_junk) {
        Ok((rest, group)) => {
            if junk.is_none() {
                *junk = members_junk;
            }
            Ok((rest, Address::Group(group)))
        }
        Err(nom::Err::Error(_)) => mailbox.map(Address::Mailbox).parse(input),
        Err(e) => Err(e),
    }
}

/// ```text
/// group          = display-name ":" [group-list] ";" [CFWS]
/// group-list     = mailbox-list / CFWS / obs-group-list
/// obs-group-list = 1*([CFWS] ",") [CFWS]
/// ```
///
/// Lenient: the display name may be missing (the name is then empty) and the
/// closing `;` may be missing at the end of the input. Strict: the display
/// name may not hold an `@` outside quotes and comments, so that
/// `a@b.test junk: x` is read as the mailbox `a@b.test`, not as a group.
pub(crate) fn group<'a>(input: &'a [u8], junk: &mut Junk<'a>) -> PResult<'a, Group<'a>> {
    let (rest, name) = opt(display_name).parse(input)?;
    if has_bare_at(&input[..input.len() - rest.len()]) {
        return fail(input, ErrorKind::Verify);
    }
    let (rest, _) = tag(":").parse(rest)?;
    let (rest, members) = mailbox_list(rest, junk)?;
    let (rest, _) = opt(tag(";")).parse(rest)?;
    let (rest, _) = opt(cfws).parse(rest)?;
    let name = name.flatten().unwrap_or_default();
    Ok((rest, Group::new(name, members)))
}

/// Whether `span` holds an `@` outside quoted strings and comments.
fn has_bare_at(span: &[u8]) -> bool {
    let mut rest = span;
    while let Some(&byte) = rest.first() {
        rest = match byte {
            b'@' => return true,
            b'"' => skip_quoted(rest).map_or(&rest[1..], |(after, ())| after),
            b'(' => cfws(rest).map_or(&rest[1..], |(after, ())| after),
            _ => &rest[1..],
        };
    }
    false
}

/// ```text
/// mailbox-list  = (mailbox *("," mailbox)) / obs-mbox-list
/// obs-mbox-list = *([CFWS] ",") mailbox *("," [mailbox / CFWS])
/// ```
///
/// Used for the members of a group: stops before `;` or at the end of the
/// input. Never fails. Lenient: empty elements are skipped, and so is an
/// element that is not a mailbox, up to the next `,` or `;` (recorded in `junk`).
pub(crate) fn mailbox_list<'a>(input: &'a [u8], junk: &mut Junk<'a>) -> PResult<'a, Vec<Mailbox<'a>>> {
    let mut found = Vec::new();
    let mut rest = input;
    loop {
        (rest, _) = many0_count(alt((cfws, separator(b",")))).parse(rest)?;
        if rest.is_empty() || rest[0] == b';' {
            return Ok((rest, found));
        }
        if let Ok((after, member)) = mailbox(rest) {
            found.push(member);
            rest = after;
        }
        let skipped = skip_junk(rest);
        note_junk(junk, rest, skipped);
        rest = skipped;
    }
}

/// ```text
/// mailbox = name-addr / addr-spec
/// ```
///
/// The value carries every comment inside the mailbox. Lenient: a non-empty
/// local part without `@domain` is a mailbox when nothing but `,`, `;` or the
/// end follows it (`root`, `Undisclosed recipients`), as in Python.
///
/// A domain literal may hold `<` (RFC 5322 §3.4.1 `dtext`), which would end a display
/// name: when the display name read opens a domain literal it does not close, the
/// addr-spec reading is taken instead if it runs to the end of the mailbox
/// (`a@[x<y]` is that address, not the name `a@[x` and the address `y]`).
pub(crate) fn mailbox(input: &[u8]) -> PResult<'_, Mailbox<'_>> {
    let bare_addr_spec = |input| {
        addr_spec
            .map(|(local_part, domain)| {
                let address = AngleAddr { route: Vec::new(), local_part, domain: Some(domain) };
                (None, address)
            })
            .parse(input)
    };
    let end_of_mailbox = |input| peek(alt((tag(","), tag(";"), eof))).parse(input);
    let (rest, (name, address)) = match name_addr(input) {
        Ok((rest, named)) if opens_domain_literal(&input[..input.len() - rest.len()]) => {
            terminated(bare_addr_spec, end_of_mailbox).parse(input).unwrap_or((rest, named))
        }
        Ok(named) => named,
        Err(nom::Err::Error(_)) => alt((
            bare_addr_spec,
            terminated(non_empty_local_part, end_of_mailbox).map(|local_part| {
                let address = AngleAddr { route: Vec::new(), local_part, domain: None };
                (None, address)
            }),
        ))
        .parse(input)?,
        Err(e) => return Err(e),
    };
    let span = &input[..input.len() - rest.len()];
    let mailbox =
        Mailbox::from_parts(name, address.route, address.local_part, address.domain, comments(span));
    Ok((rest, mailbox))
}

/// Whether the text of `name_addr` before its first `<` has an `@[` that no `]` closes:
/// a display name that ran into a domain literal.
fn opens_domain_literal(span: &[u8]) -> bool {
    let before = &span[..memchr::memchr(b'<', span).unwrap_or(span.len())];
    memchr::memmem::rfind(before, b"@[").is_some_and(|at| memchr::memchr(b']', &before[at..]).is_none())
}

/// ```text
/// name-addr = [display-name] angle-addr
/// ```
pub(crate) fn name_addr(input: &[u8]) -> PResult<'_, (Option<Cow<'_, str>>, AngleAddr<'_>)> {
    pair(opt(display_name).map(Option::flatten), angle_addr).parse(input)
}

/// ```text
/// display-name = phrase
/// ```
///
/// Lenient: any text up to `<`, `,`, `;`, `:` or the end, not only words:
/// `a@evil.test <b@good.test>` has the display name `a@evil.test`. The value
/// is built as for `obs-phrase`: quoted strings unquoted, comments dropped,
/// each run of white space and comments between two pieces one space.
/// `None` when only white space and comments were read. Fails if nothing is
/// consumed.
pub(crate) fn display_name(input: &[u8]) -> PResult<'_, Option<Cow<'_, str>>> {
    let stop = |byte: u8| matches!(byte, b'<' | b',' | b';' | b':');
    let mut built = TextBuilder::default();
    let mut gap = false;
    let mut rest = input;
    while let Some(&byte) = rest.first() {
        if stop(byte) {
            break;
        }
        if is_fws_byte(byte) || byte == b'(' {
            (rest, _) = cfws(rest)?;
            gap = true;
            continue;
        }
        let (after, piece) = if byte == b'"' {
            quoted_content(rest)?
        } else {
            let (after, run) =
                take_while1(|byte: u8| !(stop(byte) || is_fws_byte(byte) || byte == b'(' || byte == b'"'))
                    .parse(rest)?;
            (after, text(run))
        };
        built.push(piece, gap);
        gap = false;
        rest = after;
    }
    if rest.len() == input.len() {
        return fail(input, ErrorKind::Alpha);
    }
    Ok((rest, built.finish()))
}

/// ```text
/// angle-addr     = [CFWS] "<" addr-spec ">" [CFWS] / obs-angle-addr
/// obs-angle-addr = [CFWS] "<" obs-route addr-spec ">" [CFWS]
/// ```
///
/// Lenient: doubled brackets (`<<a@b>>`); a missing `>`; a non-empty local
/// part without `@domain` when `>` or the end follows it (`<user>`). `<>`
/// (the null address of bounces, `MAILER DAEMON <>`) gives an empty local
/// part and no domain, as in Python.
pub(crate) fn angle_addr(input: &[u8]) -> PResult<'_, AngleAddr<'_>> {
    let (rest, _) = opt(cfws).parse(input)?;
    let (rest, _) = tag("<").parse(rest)?;
    let (rest, _) = many0_count(alt((tag("<").map(|_| ()), cfws))).parse(rest)?;
    let (rest, route) = opt(obs_route).parse(rest)?;
    let (rest, (local_part, domain)) = alt((
        addr_spec.map(|(local_part, domain)| (local_part, Some(domain))),
        terminated(non_empty_local_part, peek(alt((tag(">"), eof)))).map(|local_part| (local_part, None)),
        peek(tag(">")).map(|_| (Cow::Borrowed(""), None)),
    ))
    .parse(rest)?;
    let (rest, _) = many0_count(tag(">")).parse(rest)?;
    let (rest, _) = opt(cfws).parse(rest)?;
    let address = AngleAddr { route: route.unwrap_or_default(), local_part, domain };
    Ok((rest, address))
}

/// ```text
/// obs-route       = obs-domain-list ":"
/// obs-domain-list = *(CFWS / ",") "@" domain *("," [CFWS] ["@" domain])
/// ```
///
/// Gives the domains without their `@`.
pub(crate) fn obs_route(input: &[u8]) -> PResult<'_, Vec<Cow<'_, str>>> {
    let (mut rest, _) = many0_count(alt((cfws, separator(b",")))).parse(input)?;
    let mut route = Vec::new();
    let (after, first) = preceded(tag("@"), domain).parse(rest)?;
    route.push(first);
    rest = after;
    while let Ok((after, _)) = pair(tag(","), opt(cfws)).parse(rest) {
        rest = after;
        if let Ok((after, next)) = preceded(tag("@"), domain).parse(rest) {
            route.push(next);
            rest = after;
        }
    }
    let (rest, _) = tag(":").parse(rest)?;
    Ok((rest, route))
}

/// A [`local_part`] whose value is not empty (`""` alone is no address).
fn non_empty_local_part(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    verify(local_part, |local_part: &Cow<'_, str>| !local_part.is_empty()).parse(input)
}

/// ```text
/// addr-spec = local-part "@" domain
/// ```
///
/// Gives the unquoted local part and the domain.
pub(crate) fn addr_spec(input: &[u8]) -> PResult<'_, (Cow<'_, str>, Cow<'_, str>)> {
    separated_pair(local_part, tag("@"), domain).parse(input)
}

/// ```text
/// local-part = dot-atom / quoted-string / obs-local-part
/// ```
///
/// Same as [`obs_local_part`], which accepts the other two forms.
pub(crate) fn local_part(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    obs_local_part(input)
}

/// ```text
/// obs-local-part = word *("." word)
/// ```
///
/// The value is the words unquoted and joined, with the white space and
/// comments around each `.` dropped (`john . doe` gives `john.doe`).
/// Lenient, as Python: dots anywhere (`.a`, `a.`, `a..b`), and words with
/// only white space between them, which is kept as one space (`a b` gives
/// `a b`).
pub(crate) fn obs_local_part(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    let (mut rest, _) = opt(cfws).parse(input)?;
    let mut built = TextBuilder::default();
    let mut after_word = false;
    let mut gap = false;
    loop {
        if let Ok((after, piece)) = alt((dot_atom_text.map(text), quoted_content)).parse(rest) {
            built.push(piece, after_word && gap);
            after_word = true;
            gap = false;
            rest = after;
        } else if rest.first() == Some(&b'.') {
            built.push(Cow::Borrowed("."), false);
            after_word = false;
            gap = false;
            rest = &rest[1..];
        } else if let (false, Ok((after, ()))) = (built.is_empty(), cfws(rest)) {
            rest = after;
            gap = true;
        } else {
            break;
        }
    }
    match built.finish() {
        Some(value) => Ok((rest, value)),
        None => fail(input, ErrorKind::Alpha),
    }
}

/// Offset of the first comment that stands inside a domain of the address list
/// `value`: between two of its atoms, or between it and more atoms
/// (`user@good.example(x)evil.example`), which readers join or split differently. A
/// comment after a whole address (`a@b.example (Ann)`) is not one.
pub(crate) fn comment_inside_domain(value: &[u8]) -> Option<usize> {
    let is_domain_byte = |b: u8| b == b'.' || crate::parse::chars::is(b, crate::parse::chars::ATEXT);
    let skip_blank = |mut i: usize| {
        while i < value.len() && matches!(value[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        i
    };
    let mut i = 0;
    let mut quoted = false;
    while i < value.len() {
        match value[i] {
            b'\\' if quoted => i += 1,
            b'"' => quoted = !quoted,
            b'(' if !quoted => {
                i = skip_comment(value, i);
                continue;
            }
            b'@' if !quoted => {
                let mut j = skip_blank(i + 1);
                let mut atoms = false;
                while j < value.len() {
                    if value[j] == b'(' {
                        let comment = j;
                        j = skip_blank(skip_comment(value, j));
                        if atoms && j < value.len() && is_domain_byte(value[j]) {
                            return Some(comment);
                        }
                    } else if is_domain_byte(value[j]) {
                        atoms = true;
                        j += 1;
                    } else if matches!(value[j], b' ' | b'\t' | b'\r' | b'\n') {
                        j = skip_blank(j);
                        if j < value.len() && value[j] != b'(' {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset just after the comment that opens at `start` (nested comments and quoted
/// pairs included), or the end of `value` when it is not closed.
fn skip_comment(value: &[u8], start: usize) -> usize {
    start + comment_span(&value[start..]).1
}

/// ```text
/// domain = dot-atom / domain-literal / obs-domain
/// ```
pub(crate) fn domain(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    alt((domain_literal, obs_domain)).parse(input)
}

/// ```text
/// obs-domain = atom *("." atom)
/// ```
///
/// Accepts `dot-atom` too. The value drops the white space and comments
/// around each `.` (`machine(comment).  example` gives `machine.example`).
/// Lenient: empty labels (`a..b`) and a trailing `.` are kept.
pub(crate) fn obs_domain(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    let (rest, _) = opt(cfws).parse(input)?;
    let (mut rest, first) = dot_atom_text(rest)?;
    let mut built = TextBuilder::default();
    built.push(text(first), false);
    loop {
        let (after, _) = opt(cfws).parse(rest)?;
        rest = after;
        let Ok((after, _)) = tag::<_, _, nom::error::Error<&[u8]>>(".").parse(rest) else {
            break;
        };
        built.push(Cow::Borrowed("."), false);
        let (after, _) = opt(cfws).parse(after)?;
        rest = after;
        if let Ok((after, label)) = dot_atom_text(rest) {
            built.push(text(label), false);
            rest = after;
        }
    }
    match built.finish() {
        Some(value) => Ok((rest, value)),
        None => fail(input, ErrorKind::Alpha),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case<'a, T> = (&'a str, T, &'a str);

    fn check<'a, T: PartialEq + std::fmt::Debug>(
        parser: impl Fn(&'a [u8]) -> PResult<'a, T>,
        cases: &[Case<'a, T>],
    ) {
        for (input, expected, remainder) in cases {
            let (rest, value) =
                parser(input.as_bytes()).unwrap_or_else(|error| panic!("{input:?}: {error:?}"));
            assert_eq!(&value, expected, "value of {input:?}");
            assert_eq!(rest, remainder.as_bytes(), "remainder of {input:?}");
        }
    }

    fn rejects<'a, T: std::fmt::Debug>(parser: impl Fn(&'a [u8]) -> PResult<'a, T>, inputs: &[&'a str]) {
        for input in inputs {
            assert!(parser(input.as_bytes()).is_err(), "{input:?} accepted");
        }
    }

    fn cow(text: &str) -> Cow<'_, str> {
        Cow::Borrowed(text)
    }

    /// `(name, address)` of every mailbox, groups flattened: the view that is
    /// compared with Python's `email.policy.default`.
    fn flat(value: &str) -> Vec<(String, String)> {
        parse_address_list(value.as_bytes())
            .mailboxes()
            .map(|mailbox| {
                let name = mailbox.name().unwrap_or("").to_owned();
                (name, mailbox.address().into_owned())
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected.iter().map(|(name, address)| ((*name).to_owned(), (*address).to_owned())).collect()
    }

    fn angle(local_part: &str, domain: Option<&str>, route: &[&str]) -> AngleAddr<'static> {
        AngleAddr {
            route: route.iter().map(|d| Cow::Owned((*d).to_owned())).collect(),
            local_part: Cow::Owned(local_part.to_owned()),
            domain: domain.map(|d| Cow::Owned(d.to_owned())),
        }
    }

    #[test]
    fn local_part_known_answers() {
        check(
            local_part,
            &[
                ("jdoe@x", cow("jdoe"), "@x"),
                ("john.q.public@", cow("john.q.public"), "@"),
                ("\"john doe\"@x", cow("john doe"), "@x"),
                ("\"a\\\"b\"@c", cow("a\"b"), "@c"),
                ("john . doe @ x", cow("john.doe"), "@ x"),
                ("pete(his account)@", cow("pete"), "@"),
                ("a..b@c", cow("a..b"), "@c"),
                (".a@b", cow(".a"), "@b"),
                ("a.@b", cow("a."), "@b"),
                ("a b@c", cow("a b"), "@c"),
                ("a \"b\"@c", cow("a b"), "@c"),
                ("joe.\"q\".public@", cow("joe.q.public"), "@"),
                ("j\u{f6}rg@", cow("j\u{f6}rg"), "@"),
                ("root", cow("root"), ""),
            ],
        );
        rejects(local_part, &["", "@x", " <a@b>", "(c)"]);
    }

    #[test]
    fn domain_known_answers() {
        check(
            domain,
            &[
                ("example.com>", cow("example.com"), ">"),
                ("silly.test(his host)>", cow("silly.test"), ">"),
                ("(Chris's host.)public.example,", cow("public.example"), ","),
                ("machine(comment).  example>", cow("machine.example"), ">"),
                ("test  . example", cow("test.example"), ""),
                ("[192.0.2.1] x", cow("[192.0.2.1]"), "x"),
                ("b c", cow("b"), "c"),
                ("b.", cow("b."), ""),
                ("ex\u{e4}mple.com", cow("ex\u{e4}mple.com"), ""),
            ],
        );
        rejects(domain, &["", ".b", "<b>", "[1.2"]);
    }

    #[test]
    fn addr_spec_known_answers() {
        check(
            addr_spec,
            &[
                ("jdoe@example.org, x", (cow("jdoe"), cow("example.org")), ", x"),
                ("jdoe@test  . example", (cow("jdoe"), cow("test.example")), ""),
                ("\"john doe\"@example.com", (cow("john doe"), cow("example.com")), ""),
                ("a@b (Comment Name)", (cow("a"), cow("b")), ""),
                ("a@b@c", (cow("a"), cow("b")), "@c"),
            ],
        );
        rejects(addr_spec, &["", "root", "a@", "@b", "<a@b>"]);
    }

    #[test]
    fn obs_route_known_answers() {
        check(
            obs_route,
            &[
                ("@node.test:mary@", vec![cow("node.test")], "mary@"),
                ("@route1,@route2:user@dom", vec![cow("route1"), cow("route2")], "user@dom"),
                (", ,@a ,, @b , :x", vec![cow("a"), cow("b")], "x"),
            ],
        );
        rejects(obs_route, &["mary@x", "@a.test mary@x", ":x"]);
    }

    #[test]
    fn angle_addr_known_answers() {
        check(
            angle_addr,
            &[
                ("<mary@x.test>, y", angle("mary", Some("x.test"), &[]), ", y"),
                (" <boss@nil.test> (c),", angle("boss", Some("nil.test"), &[]), ","),
                ("<@node.test:mary@example.net>", angle("mary", Some("example.net"), &["node.test"]), ""),
                ("<@route1,@route2:user@dom>", angle("user", Some("dom"), &["route1", "route2"]), ""),
                ("<user>", angle("user", None, &[]), ""),
                ("<<a@b>>", angle("a", Some("b"), &[]), ""),
                ("<a@b", angle("a", Some("b"), &[]), ""),
                ("< a@b >x", angle("a", Some("b"), &[]), "x"),
            ],
        );
        check(angle_addr, &[("<>", angle("", None, &[]), ""), ("< (c) > x", angle("", None, &[]), "x")]);
        rejects(angle_addr, &["", "<", "a@b", "<@b>", "<a@@b>"]);
    }

    #[test]
    fn display_name_known_answers() {
        check(
            display_name,
            &[
                ("Mary Smith <", Some(cow("Mary Smith")), "<"),
                ("\"Joe Q. Public\" <", Some(cow("Joe Q. Public")), "<"),
                ("Joe Q. Public <", Some(cow("Joe Q. Public")), "<"),
                ("a@evil.test <b@good.test>", Some(cow("a@evil.test")), "<b@good.test>"),
                ("Who? <", Some(cow("Who?")), "<"),
                ("A Group(Some people)\r\n     :", Some(cow("A Group")), ":"),
                ("(Empty list)(start)Hidden recipients  :", Some(cow("Hidden recipients")), ":"),
                ("(only a comment) <", None, "<"),
                ("\"\" <", Some(cow("")), "<"),
                ("a, b", Some(cow("a")), ", b"),
            ],
        );
        rejects(display_name, &["", "<a@b>", ",", ":;"]);
    }

    #[test]
    fn name_addr_known_answers() {
        check(
            name_addr,
            &[
                (
                    "John Doe <jdoe@machine.example>",
                    (Some(cow("John Doe")), angle("jdoe", Some("machine.example"), &[])),
                    "",
                ),
                ("<jdoe@machine.example> tail", (None, angle("jdoe", Some("machine.example"), &[])), "tail"),
            ],
        );
        rejects(name_addr, &["jdoe@machine.example", "Name", "Name <"]);
    }

    #[test]
    fn mailbox_known_answers() {
        let (rest, mailbox) =
            super::mailbox(b"Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>, x").unwrap();
        assert_eq!(rest, b", x");
        assert_eq!(mailbox.name(), Some("Pete"));
        assert_eq!(mailbox.address(), "pete@silly.test");
        assert_eq!(mailbox.comments().collect::<Vec<_>>(), ["A nice ) chap", "his account", "his host"]);

        let (rest, mailbox) = super::mailbox(b"a@b (Comment Name); x").unwrap();
        assert_eq!(rest, b"; x");
        assert_eq!(mailbox.name(), None);
        assert_eq!(mailbox.comments().collect::<Vec<_>>(), ["Comment Name"]);

        let (rest, mailbox) = super::mailbox(b"root").unwrap();
        assert_eq!(rest, b"");
        assert_eq!((mailbox.local_part(), mailbox.domain()), ("root", None));

        rejects(super::mailbox, &["", "<", "@@@", "G: a@b;", "x y z <", "\"", "\"\" (c)", "<\"\">"]);
    }

    #[test]
    fn group_known_answers() {
        let (rest, group) = super::group(b"undisclosed-recipients:;", &mut None).unwrap();
        assert_eq!((rest, group.name(), group.members().len()), (&b""[..], "undisclosed-recipients", 0));

        let (rest, group) = super::group(
            b"A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group), x",
            &mut None,
        )
        .unwrap();
        assert_eq!(rest, b", x");
        assert_eq!(group.name(), "A Group");
        let members: Vec<_> = group.members().iter().map(|m| (m.name(), m.address().into_owned())).collect();
        assert_eq!(
            members,
            [
                (Some("Chris Jones"), "c@public.example".to_owned()),
                (None, "joe@example.org".to_owned()),
                (Some("John"), "jdoe@one.test".to_owned()),
            ]
        );
        assert_eq!(group.members()[2].comments().collect::<Vec<_>>(), ["my dear friend"]);

        // Missing ";" at the end.
        let (rest, group) = super::group(b"G: a@b, c@d", &mut None).unwrap();
        assert_eq!((rest, group.members().len()), (&b""[..], 2));

        let (_, group) = super::group(b"\"a@b\" (c@d): e@f;", &mut None).unwrap();
        assert_eq!((group.name(), group.members().len()), ("a@b", 1));

        rejects(
            |i| super::group(i, &mut None),
            &["", "a@b", "Name <a@b>", "\"x:y\" <a@b>", "a@b junk: c@d;"],
        );
    }

    #[test]
    fn address_known_answers() {
        let (rest, found) = address(b"G: a@b; c@d", &mut None).unwrap();
        assert_eq!(rest, b"c@d");
        assert!(matches!(found, Address::Group(group) if group.name() == "G" && group.members().len() == 1));
        let (rest, found) = address(b"Ann <ann@x.test> (c), b", &mut None).unwrap();
        assert_eq!(rest, b", b");
        assert!(matches!(found, Address::Mailbox(mailbox) if mailbox.address() == "ann@x.test"));
        rejects(|i| address(i, &mut None), &["", ",", "@x", "<"]);
    }

    #[test]
    fn mailbox_list_stops_at_semicolon() {
        let (rest, found) = mailbox_list(b" , a@b, junk junk <, c@d ; e@f", &mut None).unwrap();
        assert_eq!(rest, b"; e@f");
        let addresses: Vec<_> = found.iter().map(|m| m.address().into_owned()).collect();
        assert_eq!(addresses, ["a@b", "c@d"]);
    }

    #[test]
    fn strict_address_list_gives_the_offset_of_what_it_would_skip() {
        let offset = |value: &str| strict_address_list(value.as_bytes()).err().map(|(at, _)| at);
        assert_eq!(offset("a@b.test, , Ann <c@d.test>,"), None);
        assert_eq!(offset("team: a@b.test, c@d.test;, e@f.test"), None);
        assert_eq!(offset(""), None);
        assert_eq!(offset("a@b.test, @@@, c@d.test"), Some(10));
        assert_eq!(offset("a@b.test junk, c@d.test"), Some(9));
        assert_eq!(offset("Ann <a@b.test"), Some(4));
        assert_eq!(offset("team: a@b.test, <<<;"), Some(16));
        assert_eq!(offset("a@b.test, Ann <c@d.test, e@f.test"), Some(14));
        assert_eq!(offset("\"<\" <a@b.test>, (<) c@d.test"), None);
        let reason = |value: &str| strict_address_list(value.as_bytes()).err().map(|(_, why)| why);
        assert_eq!(reason("Ann <a@b.test"), Some("this `<` has no closing `>`"));
        assert_eq!(reason("a@b.test, @@@"), Some("this is not an address"));
        // What the strict reading keeps is what the lenient one reads.
        for value in ["a@b.test, , Ann <c@d.test>,", "team: a@b.test, c@d.test;, e@f.test"] {
            let lenient = address_list(value.as_bytes(), &mut None).unwrap().1;
            assert_eq!(strict_address_list(value.as_bytes()).unwrap(), lenient);
        }
    }

    #[test]
    fn address_list_consumes_everything() {
        let (rest, list) = address_list(b"a@b, ((( , c@d", &mut None).unwrap();
        assert_eq!(rest, b"");
        assert_eq!(list.len(), 1);
    }

    // RFC 5322 Appendix A. Header values as given there, unfolded where the
    // example folds them.

    #[test]
    fn rfc5322_a_1_1_simple_addressing() {
        assert_eq!(flat("John Doe <jdoe@machine.example>"), pairs(&[("John Doe", "jdoe@machine.example")]));
        assert_eq!(
            flat("Michael Jones <mjones@machine.example>"),
            pairs(&[("Michael Jones", "mjones@machine.example")])
        );
        assert_eq!(flat("Mary Smith <mary@example.net>"), pairs(&[("Mary Smith", "mary@example.net")]));
    }

    #[test]
    fn rfc5322_a_1_2_different_types_of_mailboxes() {
        assert_eq!(
            flat("\"Joe Q. Public\" <john.q.public@example.com>"),
            pairs(&[("Joe Q. Public", "john.q.public@example.com")])
        );
        assert_eq!(
            flat("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>"),
            pairs(&[("Mary Smith", "mary@x.test"), ("", "jdoe@example.org"), ("Who?", "one@y.test"),])
        );
        assert_eq!(
            flat("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>"),
            pairs(&[("", "boss@nil.test"), ("Giant; \"Big\" Box", "sysservices@example.net"),])
        );
    }

    #[test]
    fn rfc5322_a_1_3_group_addresses() {
        assert_eq!(flat("Pete <pete@silly.example>"), pairs(&[("Pete", "pete@silly.example")]));
        let list = parse_address_list(b"A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;");
        assert_eq!(list.len(), 1);
        let Some(Address::Group(group)) = list.iter().next() else { panic!("not a group: {list:?}") };
        assert_eq!(group.name(), "A Group");
        assert_eq!(
            flat("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;"),
            pairs(&[("Ed Jones", "c@a.test"), ("", "joe@where.test"), ("John", "jdoe@one.test"),])
        );
        let list = parse_address_list(b"Undisclosed recipients:;");
        let Some(Address::Group(group)) = list.iter().next() else { panic!("not a group: {list:?}") };
        assert_eq!((list.len(), group.name(), group.members().len()), (1, "Undisclosed recipients", 0));
    }

    #[test]
    fn rfc5322_a_2_and_a_3_reply_and_resent() {
        assert_eq!(
            flat("\"Mary Smith: Personal Account\" <smith@home.example>"),
            pairs(&[("Mary Smith: Personal Account", "smith@home.example")])
        );
        assert_eq!(
            flat("Jane Brown <j-brown@other.example>"),
            pairs(&[("Jane Brown", "j-brown@other.example")])
        );
    }

    #[test]
    fn rfc5322_a_4_message_with_trace_fields() {
        assert_eq!(flat("John Doe <jdoe@node.example>"), pairs(&[("John Doe", "jdoe@node.example")]));
    }

    #[test]
    fn rfc5322_a_5_white_space_comments_and_other_oddities() {
        let list = parse_address_list(b"Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>");
        let pete = list.mailboxes().next().unwrap();
        assert_eq!((pete.name(), pete.address()), (Some("Pete"), "pete@silly.test".into()));
        assert_eq!(pete.comments().collect::<Vec<_>>(), ["A nice ) chap", "his account", "his host"]);

        let to = "A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)";
        let list = parse_address_list(to.as_bytes());
        assert_eq!(list.len(), 1);
        assert_eq!(
            flat(to),
            pairs(
                &[("Chris Jones", "c@public.example"), ("", "joe@example.org"), ("John", "jdoe@one.test"),]
            )
        );

        let list = parse_address_list(b"(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;");
        let Some(Address::Group(group)) = list.iter().next() else { panic!("not a group: {list:?}") };
        assert_eq!((list.len(), group.name(), group.members().len()), (1, "Hidden recipients", 0));
    }

    #[test]
    fn rfc5322_a_6_1_obsolete_addressing() {
        assert_eq!(
            flat("Joe Q. Public <john.q.public@example.com>"),
            pairs(&[("Joe Q. Public", "john.q.public@example.com")])
        );
        let list = parse_address_list(b"Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example");
        assert_eq!(
            flat("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example"),
            pairs(&[("Mary Smith", "mary@example.net"), ("", "jdoe@test.example")])
        );
        let mary = list.mailboxes().next().unwrap();
        assert_eq!(mary.route().collect::<Vec<_>>(), ["node.test"]);
        assert_eq!(mary.to_string(), "Mary Smith <mary@example.net>");
    }

    #[test]
    fn rfc5322_a_6_3_obsolete_white_space_and_comments() {
        let list = parse_address_list(b"John Doe <jdoe@machine(comment).  example>");
        assert_eq!(
            flat("John Doe <jdoe@machine(comment).  example>"),
            pairs(&[("John Doe", "jdoe@machine.example")])
        );
        assert_eq!(list.mailboxes().next().unwrap().comments().collect::<Vec<_>>(), ["comment"]);
        assert_eq!(
            flat("Mary Smith\r\n  \r\n          <mary@example.net>"),
            pairs(&[("Mary Smith", "mary@example.net")])
        );
    }

    #[test]
    fn common_real_world_forms_match_python() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("a@b", &[("", "a@b")]),
            ("Name <a@b>", &[("Name", "a@b")]),
            ("\"Quoted, Name\" <a@b>", &[("Quoted, Name", "a@b")]),
            ("a@b (Comment Name)", &[("", "a@b")]),
            ("(comment) a@b", &[("", "a@b")]),
            ("undisclosed-recipients:;", &[]),
            ("<@route1,@route2:user@dom>", &[("", "user@dom")]),
            ("\"john doe\"@example.com", &[("", "\"john doe\"@example.com")]),
            ("john . doe @ example.com", &[("", "john.doe@example.com")]),
            ("<user>", &[("", "user")]),
            ("a@b, c@d,", &[("", "a@b"), ("", "c@d")]),
            (",,a@b,,", &[("", "a@b")]),
            ("\"a@evil.com\" <b@good.com>", &[("a@evil.com", "b@good.com")]),
            ("J\u{f6}rg <j\u{f6}rg@ex\u{e4}mple.com>", &[("J\u{f6}rg", "j\u{f6}rg@ex\u{e4}mple.com")]),
            ("a@b, junk junk, c@d", &[("", "a@b"), ("", "\"junk junk\""), ("", "c@d")]),
            ("  John    Doe   <a@b>", &[("John Doe", "a@b")]),
            ("=?utf-8?q?J=C3=B6rg?= <a@b>", &[("=?utf-8?q?J=C3=B6rg?=", "a@b")]),
            ("foo", &[("", "foo")]),
            ("\"\" <a@b>", &[("", "a@b")]),
            ("Name <a@b> trailing", &[("Name", "a@b")]),
            ("Name <a@b", &[("Name", "a@b")]),
            ("Name (comment <x@y>) <a@b>", &[("Name", "a@b")]),
            ("\"Joe\" Smith <a@b>", &[("Joe Smith", "a@b")]),
            ("Joe.\"Smith\" <a@b>", &[("Joe.Smith", "a@b")]),
            (" a@b\t,\tc@d ", &[("", "a@b"), ("", "c@d")]),
            ("a@[1.2.3.4]", &[("", "a@[1.2.3.4]")]),
            ("\"a\\\"b\"@c", &[("", "\"a\\\"b\"@c")]),
            ("John Doe <john.doe@example.com>;", &[("John Doe", "john.doe@example.com")]),
            ("G: a@b, c@d", &[("", "a@b"), ("", "c@d")]),
            ("G:;, x@y", &[("", "x@y")]),
            ("Mary <mary@x>, , Bob <bob@y>", &[("Mary", "mary@x"), ("Bob", "bob@y")]),
            ("a b c d <e@f>", &[("a b c d", "e@f")]),
            ("<a@b> Name", &[("", "a@b")]),
            ("<a@b>, Name", &[("", "a@b"), ("", "Name")]),
            ("Name <a@b>>", &[("Name", "a@b")]),
            ("\"a  b\" <x@y>", &[("a  b", "x@y")]),
            ("a  \"b c\" d <x@y>", &[("a b c d", "x@y")]),
            ("A(comment)B <x@y>", &[("A B", "x@y")]),
            ("\"a\"\"b\" <x@y>", &[("ab", "x@y")]),
            ("a (c) . b <x@y>", &[("a . b", "x@y")]),
            ("Foo (bar <a@b>, c@d", &[("", "Foo")]),
            ("a@b (comment", &[("", "a@b")]),
            ("Name <a@b> (comment)", &[("Name", "a@b")]),
            ("Mr. John Doe <x@y>", &[("Mr. John Doe", "x@y")]),
            ("a b@c", &[("", "\"a b\"@c")]),
            ("a \"b\"@c", &[("", "\"a b\"@c")]),
            ("\"\\\"Joe\\\"\" <x@y>", &[("\"Joe\"", "x@y")]),
            ("'Single Quoted' <a@b>", &[("'Single Quoted'", "a@b")]),
            ("x <a@[IPv6:::1]>", &[("x", "a@[IPv6:::1]")]),
            (
                "\"Doe, John\" <j@ex.com>, \"Smith, Jane\" <s@ex.com>",
                &[("Doe, John", "j@ex.com"), ("Smith, Jane", "s@ex.com")],
            ),
            ("\"unterminated <a@b>", &[("", "\"unterminated <a@b>\"")]),
            ("MAILER DAEMON <>", &[("MAILER DAEMON", "<>")]),
            ("\" John \" <a@b>", &[(" John ", "a@b")]),
            ("\"John\" \"\" <a@b>", &[("John ", "a@b")]),
            ("John \"\" Doe <a@b>", &[("John  Doe", "a@b")]),
            ("(John Doe) <a@b>", &[("", "a@b")]),
            ("\"a\\b\" <x@y>", &[("ab", "x@y")]),
            ("\"KLAUS- H\u{c4}NSCHEL\" <>", &[("KLAUS- H\u{c4}NSCHEL", "<>")]),
            ("<>, a@b", &[("", "<>"), ("", "a@b")]),
            ("\"q,r\",b@c.d G:", &[("", "\"q,r\""), ("", "b@c.d")]),
        ];
        for (value, expected) in cases {
            assert_eq!(flat(value), pairs(expected), "{value:?}");
        }
    }

    #[test]
    fn deliberate_differences_from_python() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // Python: [("", "a@evil.com")]. Text before "<" is a name, never the address.
            ("a@evil.com <b@good.com>", &[("a@evil.com", "b@good.com")]),
            ("a@b <c@d> e@f", &[("a@b", "c@d")]),
            // Python stops at the first ";" outside a group.
            ("a@b; c@d", &[("", "a@b"), ("", "c@d")]),
            ("Name <a@b>; Other <c@d>", &[("Name", "a@b"), ("Other", "c@d")]),
            // Python raises an AttributeError on these.
            ("G: a@b; H: c@d;", &[("", "a@b"), ("", "c@d")]),
            ("a@b, G:c@d;e@f", &[("", "a@b"), ("", "c@d"), ("", "e@f")]),
            // Python gives the address "<>" (nothing readable) for these; we skip them.
            ("@@@, a@b", &[("", "a@b")]),
            ("<@b>, a@b", &[("", "a@b")]),
            ("a@b.c.", &[("", "a@b.c.")]),
            (
                "smith@gmail.com, Mikel@Lindsaar <raasdnil@gmail.com>, tom@gmail.com",
                &[("", "smith@gmail.com"), ("Mikel@Lindsaar", "raasdnil@gmail.com"), ("", "tom@gmail.com")],
            ),
            // Python: [("", "Undisclosed-Recipient")].
            ("<Undisclosed-Recipient:@mailman.enron.com;>", &[]),
            // Python: [("", "Name")].
            ("Name <<a@b>>", &[("Name", "a@b")]),
            // Python: "@b"; an empty local part must be quoted.
            ("\"\"@b", &[("", "\"\"@b")]),
            // Python writes these unquoted; RFC 5322 and RFC 5321 allow a dot only between
            // atoms of a dot-atom, so mailmime quotes them as it writes every address.
            ("a.@b", &[("", "\"a.\"@b")]),
            ("a..b@c", &[("", "\"a..b\"@c")]),
        ];
        for (value, expected) in cases {
            assert_eq!(flat(value), pairs(expected), "{value:?}");
        }
    }

    #[test]
    fn a_domain_literal_holding_an_angle_bracket_or_quote_is_one_address() {
        // RFC 5322 §3.4.1: dtext is %d33-90 / %d94-126, so `<`, `>` and `"` may stand in a
        // domain literal. Found by the address fuzz target: `Display` writes such an
        // address as it is, and it read back as a display name before an angle address.
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("a@[x<t\"u]", &[("", "a@[x<t\"u]")]),
            ("a@[x<y], b@c", &[("", "a@[x<y]"), ("", "b@c")]),
            ("a@[<>]; b@c", &[("", "a@[<>]"), ("", "b@c")]),
            ("a@[<], b@[>]", &[("", "a@[<]"), ("", "b@[>]")]),
            ("Name <a@[x<y]>", &[("Name", "a@[x<y]")]),
            // A display name that only looks like it opens a literal keeps its address.
            ("\"x@[\" <a@b>", &[("x@[", "a@b")]),
            ("a@[x <b@c>", &[("a@[x", "b@c")]),
            ("a@[x] <b@c>", &[("a@[x]", "b@c")]),
        ];
        for (value, expected) in cases {
            assert_eq!(flat(value), pairs(expected), "{value:?}");
        }
        for value in
            ["a@[x<t\"u]", "N <a@[x<y]>, a@[\"<\"]", "a@[x>y]", "a@[\"]", "N <a@[>]>", "a@[<], b@[>]"]
        {
            let list = parse_address_list(value.as_bytes());
            let written = list.to_string();
            assert_eq!(parse_address_list(written.as_bytes()), list, "{value:?} written as {written:?}");
        }
    }

    #[test]
    fn display_name_text_never_becomes_the_address() {
        for value in [
            "\"a@evil.com\" <b@good.com>",
            "a@evil.com <b@good.com>",
            "(a@evil.com) <b@good.com>",
            "b@good.com (a@evil.com)",
            "\"a@evil.com, x\" <b@good.com>",
            "a@evil.com (x) <b@good.com>",
            "\"a@evil.com\"<b@good.com>",
        ] {
            let addresses: Vec<_> =
                parse_address_list(value.as_bytes()).mailboxes().map(|m| m.address().into_owned()).collect();
            assert_eq!(addresses, ["b@good.com"], "{value:?}");
        }
    }

    #[test]
    fn hostile_input_is_linear_and_stack_safe() {
        // 256 KiB each: a quadratic step would take minutes here, a linear
        // one takes milliseconds. The bound is loose so that a loaded
        // machine cannot fail the test.
        const SIZE: usize = 1 << 18;
        let patterns: [&[u8]; 17] = [
            b"(", b"<", b"\"", b"@", b":", b",", b"a ", b"a:", b"a@b ", b"<a@b>", b"@a,", b"<@a,", b"a.",
            b"(a)", b"x@y, ", b"a;", b"G:",
        ];
        for pattern in patterns {
            let input = pattern.repeat(SIZE / pattern.len());
            let start = std::time::Instant::now();
            let list = parse_address_list(&input);
            let elapsed = start.elapsed();
            assert!(
                elapsed < std::time::Duration::from_secs(30),
                "{:?}: {elapsed:?}",
                String::from_utf8_lossy(pattern)
            );
            assert!(list.len() <= input.len());
        }
        // Nesting depth of a megabyte: no stack overflow.
        assert!(parse_address_list(&vec![b'('; 1 << 20]).is_empty());
        let mut nested = vec![b'('; 1 << 20];
        nested.extend(vec![b')'; 1 << 20]);
        nested.extend(b" a@b");
        assert_eq!(parse_address_list(&nested).len(), 1);
        assert_eq!(parse_address_list(&b"x@y, ".repeat(1 << 12)).len(), 1 << 12);
    }

    #[test]
    fn line_breaks_and_tabs_count_as_white_space() {
        assert_eq!(
            flat("Mary\r\n Smith\t<mary@x.test>,\njdoe@example.org\r"),
            pairs(&[("Mary Smith", "mary@x.test"), ("", "jdoe@example.org")])
        );
        assert_eq!(flat("\"a\r\n b\" <x@y>"), pairs(&[("a b", "x@y")]));
    }

    #[test]
    fn parsed_text_borrows_the_input() {
        let list = parse_address_list(b"Mary Smith <mary@x.test>");
        let Some(Address::Mailbox(mailbox)) = list.iter().next() else { panic!() };
        assert!(matches!(mailbox.address(), Cow::Borrowed("mary@x.test")));
        let (_, value) = phrase_of("Mary Smith <");
        assert!(matches!(value, Some(Cow::Owned(_))));
        let (_, value) = phrase_of("\"Mary Smith\" <");
        assert!(matches!(value, Some(Cow::Borrowed(_))));
        let (_, (local, domain)) = addr_spec(b"john.q.public@example.com").unwrap();
        assert!(matches!((local, domain), (Cow::Borrowed(_), Cow::Borrowed(_))));
    }

    fn phrase_of(input: &str) -> (&[u8], Option<Cow<'_, str>>) {
        display_name(input.as_bytes()).unwrap()
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        let list = parse_address_list(b"J\xf6rg <j\xf6@x>");
        let mailbox = list.mailboxes().next().unwrap();
        assert_eq!((mailbox.name(), mailbox.local_part()), (Some("J\u{fffd}rg"), "j\u{fffd}"));
    }
}

#[cfg(test)]
mod plain_mailbox_tests {
    use proptest::prelude::*;

    use super::*;

    fn general(value: &[u8]) -> AddressList<'_> {
        address_list(value, &mut None).map(|(_, list)| list).unwrap_or_default()
    }

    #[test]
    fn plain_forms_are_read_without_the_grammar() {
        for input in [
            &b"a@b.example"[..],
            b"Ann Lee <ann@x.test>",
            b"<ann@x.test>",
            b" =?utf-8?q?A?= <a.b@c>",
            b"bbb@ddd.com (John X. Doe)",
            b"\"Ian T. Henry\" <henryi@oxy.edu>",
            b"\"\" <a@b>",
        ] {
            let fast = plain_mailbox(input).expect("plain");
            assert_eq!(Some(&fast), general(input).mailboxes().next(), "{input:?}");
            assert_eq!(fast.address(), general(input).mailboxes().next().unwrap().address());
        }
        for input in [
            &b"a..b@c"[..],
            b"\"a\"@b",
            b"A (c) <a@b>",
            b"Joe Q. Public <a@b>",
            b"a@b, c@d",
            b"A  B <a@b>",
            b"a@b (x (y))",
            b"\"a\\\"b\" <a@b>",
        ] {
            assert!(plain_mailbox(input).is_none(), "{input:?}");
        }
    }

    proptest! {
        #[test]
        fn plain_path_agrees_with_the_grammar(input in prop_oneof![
            "[ab.@<> \t=?\"(),;:é]{0,24}",
            "[ab. =?\"(]{0,8} ?<[ab.(]{1,5}@[ab.]{1,5}>",
            "[ab.]{1,5}@[ab.@ ]{1,5}",
            "\"[ab. \\\\\"()]{0,6}\" ?<[ab.]{1,3}@[ab.]{1,3}>( ?\\([ab. ()\\\\\"]{0,6}\\))?",
            "[ab.]{1,3}@[ab.]{1,3} ?\\([ab. ()\\\\]{0,6}\\)",
        ]) {
            let input = input.as_bytes();
            if let Some(fast) = plain_mailbox(input) {
                let list = general(input);
                prop_assert_eq!(list.len(), 1);
                let slow = list.mailboxes().next().unwrap();
                prop_assert_eq!(&fast, slow);
                prop_assert_eq!(fast.address(), slow.address());
            }
        }
    }
}
