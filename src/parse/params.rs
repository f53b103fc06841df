//! RFC 2045 §5.1 `Content-Type`, RFC 2183 `Content-Disposition` and their parameters,
//! with RFC 2231 parameter sections, read by hand-written scanners over the field body.
//!
//! The grammar is read leniently, the way deployed mail needs: comments anywhere
//! white space may appear, unquoted values that contain specials or spaces (read up to the
//! next `;`), missing values, stray `;`, an unterminated quoted string (read to the end).

use std::borrow::Cow;

use crate::parse::chars;
use crate::parse::lexical::{EscapedLineEnd, quoted_bytes, skip_cfws, text};

/// One parameter as written, `name*section*=value`: what the grammar reads, before
/// [`Parameters`](crate::Parameters) joins sections and decodes values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawParameter<'a> {
    /// The attribute without its RFC 2231 `*section*` suffix.
    pub(crate) name: Cow<'a, str>,
    /// The RFC 2231 section number, if any.
    pub(crate) section: Option<u32>,
    /// Whether the attribute ends in `*` (an RFC 2231 `charset'language'` value).
    pub(crate) extended: bool,
    /// The value, unquoted.
    pub(crate) value: Cow<'a, [u8]>,
}

impl<'a> RawParameter<'a> {
    pub(crate) fn new(
        name: Cow<'a, str>,
        section: Option<u32>,
        extended: bool,
        value: Cow<'a, [u8]>,
    ) -> Self {
        RawParameter { name, section, extended, value }
    }

    pub(crate) fn is_named(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// Neither an RFC 2231 section nor extended.
    pub(crate) fn is_plain(&self) -> bool {
        self.section.is_none() && !self.extended
    }

    #[cfg(test)]
    pub(crate) fn parts(&self) -> (&str, Option<u32>, bool, &[u8]) {
        (&self.name, self.section, self.extended, &self.value)
    }
}

/// A non-empty token at the start of `input`, and what follows it.
fn split_token(input: &[u8]) -> Option<(&[u8], &[u8])> {
    Some(input.split_at(chars::run(input, chars::TOKEN))).filter(|(token, _)| !token.is_empty())
}

/// ```text
/// content := type "/" subtype *(";" parameter)
/// ```
/// Returns `(type, subtype, rest)`; the rest holds the parameters. `None` when there is
/// no `type/subtype` (the caller falls back to the default type).
pub(crate) fn content_type(input: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let (main, i) = split_token(skip_cfws(input))?;
    let i = skip_cfws(i).strip_prefix(b"/")?;
    let (sub, i) = split_token(skip_cfws(i))?;
    let rest = skip_cfws(i);
    // Anything but a parameter list after the subtype makes the field invalid.
    if !rest.is_empty() && rest[0] != b';' {
        return None;
    }
    Some((main, sub, rest))
}

/// ```text
/// disposition := disposition-type *(";" disposition-parm)
/// ```
/// Returns the disposition type (possibly empty) and the rest.
pub(crate) fn content_disposition(input: &[u8]) -> (&[u8], &[u8]) {
    let i = skip_cfws(input);
    let (kind, i) = i.split_at(chars::run(i, chars::TOKEN));
    (kind, skip_cfws(i))
}

/// ```text
/// parameter := attribute "=" value
/// attribute := token            ; RFC 2231: name ["*" section] ["*"]
/// value     := token / quoted-string
/// ```
/// Reads every parameter after a `type/subtype` or disposition type. Never fails: junk
/// between parameters is skipped up to the next `;`.
pub(crate) fn parameters(input: &[u8]) -> Vec<RawParameter<'_>> {
    each_parameter(input).collect()
}

/// The parameters of [`parameters`], one at a time.
pub(crate) fn each_parameter(input: &[u8]) -> Parameters<'_> {
    Parameters { input }
}

/// The parameters of [`parameters`], one at a time, without collecting them.
pub(crate) struct Parameters<'a> {
    input: &'a [u8],
}

impl<'a> Iterator for Parameters<'a> {
    type Item = RawParameter<'a>;

    fn next(&mut self) -> Option<RawParameter<'a>> {
        loop {
            let Some(start) = next_parameter_start(self.input) else {
                self.input = &self.input[self.input.len()..];
                return None;
            };
            let (rest, found) = parameter(start);
            self.input = rest;
            if found.is_some() {
                return found;
            }
        }
    }
}

/// Checks that `input` (what follows `type/subtype`) is only `;`-separated parameters,
/// which [`parameters`] would read without skipping anything: `Err` with the offset of
/// the first text that is not a parameter. Empty elements (`a=b;;`, a trailing `;`) are
/// allowed.
pub(crate) fn strict_parameters(input: &[u8]) -> Result<(), usize> {
    let offset = |rest: &[u8]| input.len() - rest.len();
    let mut rest = skip_cfws(input);
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix(b";") else {
            return Err(offset(rest));
        };
        let start = skip_cfws(after);
        if start.is_empty() || start[0] == b';' {
            rest = start;
            continue;
        }
        let (after, found) = parameter(start);
        if found.is_none() {
            return Err(offset(start));
        }
        // An unquoted value runs to the next `;` (real mail has `name=my file.pdf`);
        // strictly it is one token.
        let i = skip_cfws(start);
        let attribute = i.iter().position(|&b| !chars::is(b, chars::TOKEN) && b != b'*').unwrap_or(i.len());
        let i = skip_cfws(&i[attribute..]);
        let value = skip_cfws(i.strip_prefix(b"=").unwrap_or(i));
        let written = value.get(..value.len().saturating_sub(after.len())).unwrap_or(value);
        if value.first() == Some(&b'"') {
            // The grammar tolerates a missing close quote; strictly, the string is closed
            // by a `"` that no backslash escapes.
            let escapes =
                written[..written.len().saturating_sub(1)].iter().rev().take_while(|&&b| b == b'\\').count();
            if written.len() < 2 || !written.ends_with(b"\"") || escapes % 2 == 1 {
                return Err(offset(value));
            }
        } else {
            let token = strip_trailing_comments(written.trim_ascii());
            if !token.iter().all(|&b| chars::is(b, chars::TOKEN)) {
                return Err(offset(value));
            }
        }
        rest = skip_cfws(after);
    }
    Ok(())
}

/// What a parameter lookup that does not allocate found.
#[derive(Debug, PartialEq)]
pub(crate) enum Lookup<'a> {
    /// Exactly one plain `name=value`: its value (unquoted).
    Plain(Cow<'a, [u8]>),
    /// No parameter of that name.
    Missing,
    /// RFC 2231 sections or duplicates: use the full reassembly.
    Complex,
}

/// Looks `name` up among the parameters in `input` without building a list.
pub(crate) fn find_parameter<'a>(input: &'a [u8], name: &str) -> Lookup<'a> {
    plain_lookup(input, name.as_bytes()).unwrap_or_else(|| general_lookup(input, name.as_bytes()))
}

/// [`find_parameter`] for the common list: `;`-separated `token=token` or
/// `token="quoted"` with only white space and line ends between them, no comment, no
/// quoted pair, no RFC 2231 `*`. `None` for anything else, which the general lookup reads.
fn plain_lookup<'a>(input: &'a [u8], name: &[u8]) -> Option<Lookup<'a>> {
    let blank = |i: &mut usize| {
        while *i < input.len() && matches!(input[*i], b' ' | b'\t' | b'\r' | b'\n') {
            *i += 1;
        }
    };
    let mut found = Lookup::Missing;
    let mut i = 0;
    loop {
        blank(&mut i);
        match input.get(i) {
            None => return Some(found),
            Some(b';') => i += 1,
            Some(_) => return None,
        }
        blank(&mut i);
        let start = i;
        i += chars::run(&input[i..], chars::TOKEN);
        if i == start {
            // A trailing `;` ends the list; anything else is for the general lookup.
            return (i == input.len()).then_some(found);
        }
        let attribute = &input[start..i];
        // Values here are a few bytes: a plain loop beats memchr's setup.
        if attribute.contains(&b'*') {
            return None;
        }
        blank(&mut i);
        if input.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        blank(&mut i);
        let value = if input.get(i) == Some(&b'"') {
            let content = &input[i + 1..];
            let close = content.iter().position(|&b| matches!(b, b'"' | b'\\' | b'\r' | b'\n'))?;
            if content[close] != b'"' {
                return None;
            }
            i += close + 2;
            &content[..close]
        } else {
            let len = chars::run(&input[i..], chars::TOKEN);
            if len == 0 {
                return None;
            }
            i += len;
            &input[i - len..i]
        };
        if attribute.eq_ignore_ascii_case(name) {
            if found != Lookup::Missing {
                return Some(Lookup::Complex);
            }
            found = Lookup::Plain(Cow::Borrowed(value));
        }
    }
}

/// [`find_parameter`] over the lenient grammar of [`parameters`].
fn general_lookup<'a>(input: &'a [u8], name: &[u8]) -> Lookup<'a> {
    let mut found = Lookup::Missing;
    let mut rest = input;
    while let Some(after) = next_parameter_start(rest) {
        let (next, parameter) = raw_parameter(after);
        rest = next;
        let Some((attribute, value)) = parameter else {
            continue;
        };
        let named = attribute.len() >= name.len() && attribute[..name.len()].eq_ignore_ascii_case(name);
        if !named || !(attribute.len() == name.len() || attribute[name.len()] == b'*') {
            continue;
        }
        match found {
            Lookup::Missing if attribute.len() == name.len() => found = Lookup::Plain(value),
            _ => return Lookup::Complex,
        }
    }
    found
}

/// The input just after the `;` that starts the next parameter, skipping junk after a
/// value; `None` at the end.
fn next_parameter_start(input: &[u8]) -> Option<&[u8]> {
    let input = skip_cfws(input);
    match input.first()? {
        b';' => Some(&input[1..]),
        _ => memchr::memchr(b';', input).map(|p| &input[p + 1..]),
    }
}

/// A parameter's attribute bytes and its value, unquoted.
type AttributeValue<'a> = (&'a [u8], Cow<'a, [u8]>);

/// One `attribute "=" value`, read as bytes: the attribute (with any RFC 2231 `*`
/// sections) and the value, unquoted. `None` (with the input from where reading stopped)
/// when there is no attribute or no `=`.
fn raw_parameter(input: &[u8]) -> (&[u8], Option<AttributeValue<'_>>) {
    let i = skip_cfws(input);
    let len = i.iter().position(|&b| !chars::is(b, chars::TOKEN) && b != b'*').unwrap_or(i.len());
    if len == 0 {
        return (i, None);
    }
    let (attribute, i) = i.split_at(len);
    let i = skip_cfws(i);
    let Some(i) = i.strip_prefix(b"=") else {
        return (i, None);
    };
    let i = skip_cfws(i);
    if i.first() == Some(&b'"') {
        return match quoted_bytes(i, EscapedLineEnd::Literal) {
            Ok((rest, value)) => (rest, Some((attribute, value))),
            Err(_) => (i, None),
        };
    }
    let end = memchr::memchr(b';', i).unwrap_or(i.len());
    let value = strip_trailing_comments(i[..end].trim_ascii());
    let value = if memchr::memchr2(b'\r', b'\n', value).is_some() {
        Cow::Owned(value.iter().copied().filter(|&b| b != b'\r' && b != b'\n').collect())
    } else {
        Cow::Borrowed(value)
    };
    (&i[end..], Some((attribute, value)))
}

fn parameter(input: &[u8]) -> (&[u8], Option<RawParameter<'_>>) {
    let (rest, found) = raw_parameter(input);
    let Some((attribute, value)) = found else {
        return (rest, None);
    };
    let (name, section, extended) = attribute_sections(attribute);
    let name = text(name);
    (rest, Some(RawParameter::new(name, section, extended, value)))
}

/// Removes comments that follow an unquoted value: `us-ascii (Plain text)` is `us-ascii`
/// (RFC 2045 §5.1 allows comments wherever white space may be).
fn strip_trailing_comments(mut value: &[u8]) -> &[u8] {
    while value.ends_with(b")") {
        let mut depth = 0usize;
        let mut open = None;
        for (i, &b) in value.iter().enumerate().rev() {
            match b {
                b')' => depth += 1,
                b'(' => {
                    depth -= 1;
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match open {
            Some(0) | None => return value,
            Some(i) => value = value[..i].trim_ascii(),
        }
    }
    value
}

/// Splits an RFC 2231 attribute `name*0*` into `("name", Some(0), true)`.
fn attribute_sections(attribute: &[u8]) -> (&[u8], Option<u32>, bool) {
    let (body, extended) = match attribute.strip_suffix(b"*") {
        Some(b) => (b, true),
        None => (attribute, false),
    };
    if let Some(star) = memchr::memrchr(b'*', body) {
        let digits = &body[star + 1..];
        if !digits.is_empty() && digits.len() <= 9 && digits.iter().all(u8::is_ascii_digit) {
            let n = digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            return (&body[..star], Some(n), extended);
        }
    }
    (body, None, extended)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_values(input: &[u8]) -> Vec<(String, Option<u32>, bool, String)> {
        parameters(input)
            .iter()
            .map(|p| {
                let (name, section, extended, value) = p.parts();
                (name.to_string(), section, extended, String::from_utf8_lossy(value).into_owned())
            })
            .collect()
    }

    #[test]
    fn strict_parameters_gives_the_offset_of_what_would_be_skipped() {
        for good in [&b""[..], b"; a=b", b" ; a=\"x;y\" (c) ; b*0*=utf-8''%41;", b";", b"; a=b;; c=d"] {
            assert_eq!(strict_parameters(good), Ok(()), "{:?}", String::from_utf8_lossy(good));
        }
        for (bad, at) in [
            (&b"; charset"[..], 2),
            (b"; a=b c=d", 4),
            (b"; a = b;c=(x) d e", 14),
            (b"; a (=) = b c", 10),
            (b"; =x", 2),
            (b"junk", 0),
            (b"; a=\"open", 4),
            (b"; a=\"x\\\"", 4),
        ] {
            assert_eq!(strict_parameters(bad), Err(at), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn token_stops_at_tspecials_and_space() {
        assert_eq!(split_token(b"text/plain"), Some((&b"text"[..], &b"/plain"[..])));
        assert_eq!(split_token(b"a b"), Some((&b"a"[..], &b" b"[..])));
        assert_eq!(split_token(b"/x"), None);
    }

    #[test]
    fn content_type_reads_type_subtype_and_rest() {
        // RFC 2045 §5.1 examples.
        assert_eq!(
            content_type(b"text/plain; charset=us-ascii (Plain text)"),
            Some((&b"text"[..], &b"plain"[..], &b"; charset=us-ascii (Plain text)"[..]))
        );
        assert_eq!(content_type(b" (c) TEXT / HTML "), Some((&b"TEXT"[..], &b"HTML"[..], &b""[..])));
        assert_eq!(content_type(b"text"), None);
        assert_eq!(content_type(b"text/plain garbage"), None);
        assert_eq!(content_type(b""), None);
    }

    #[test]
    fn parameters_quoted_token_and_lenient_values() {
        assert_eq!(
            names_values(b"; charset=\"us-ascii\" (Plain text); format=flowed"),
            [
                ("charset".into(), None, false, "us-ascii".into()),
                ("format".into(), None, false, "flowed".into())
            ]
        );
        assert_eq!(
            names_values(b";; name=a b.txt ;junk; x"),
            [("name".into(), None, false, "a b.txt".into())]
        );
        assert_eq!(names_values(b"; boundary=\"--=_x\""), [("boundary".into(), None, false, "--=_x".into())]);
        // An unquoted value with specials (common from Outlook) is read to the next ';'.
        assert_eq!(
            names_values(b";\r\n boundary=----=_NextPart_000_0093.EB75E850"),
            [("boundary".into(), None, false, "----=_NextPart_000_0093.EB75E850".into())]
        );
        assert_eq!(names_values(b"; name=a\r\n b"), [("name".into(), None, false, "a b".into())]);
        // RFC 2045 §5.1: a comment after an unquoted value is not part of it.
        assert_eq!(
            names_values(b"; charset=us-ascii (Plain text); boundary=abc(c) (d)"),
            [
                ("charset".into(), None, false, "us-ascii".into()),
                ("boundary".into(), None, false, "abc".into())
            ]
        );
    }

    #[test]
    fn parameters_rfc2231_sections() {
        // RFC 2231 §3 and §4.1 examples.
        assert_eq!(
            names_values(b"; URL*0=\"ftp://\"; URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\""),
            [
                ("URL".into(), Some(0), false, "ftp://".into()),
                ("URL".into(), Some(1), false, "cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar".into())
            ]
        );
        assert_eq!(
            names_values(b"; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A"),
            [("title".into(), None, true, "us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A".into())]
        );
        assert_eq!(attribute_sections(b"title*2"), (&b"title"[..], Some(2), false));
        assert_eq!(attribute_sections(b"title*1*"), (&b"title"[..], Some(1), true));
        assert_eq!(attribute_sections(b"a*b"), (&b"a*b"[..], None, false));
    }

    proptest::proptest! {
        #[test]
        fn plain_lookup_agrees_with_the_general_one(input in proptest::prop_oneof![
            "(;[ \t]{0,2}(charset|name\\*?|CHARSET|boundary|x)[ ]?=[ ]?([a-z0-9=._-]{0,8}|\"[ a-z;=()\\\\-]{0,8}\"?)(\r\n[ \t])?){0,4}[ ;]{0,2}",
            "[ -~\r\n]{0,40}",
        ]) {
            for name in ["charset", "name", "boundary"] {
                if let Some(fast) = plain_lookup(input.as_bytes(), name.as_bytes()) {
                    proptest::prop_assert_eq!(fast, general_lookup(input.as_bytes(), name.as_bytes()));
                }
            }
        }
    }

    #[test]
    fn plain_lookup_reads_the_common_lists() {
        let plain = |v: &'static [u8]| Some(Lookup::Plain(Cow::Borrowed(v)));
        assert_eq!(plain_lookup(b"; charset=utf-8\r\n", b"charset"), plain(b"utf-8"));
        assert_eq!(plain_lookup(b";\r\n\tboundary=\"=_a b\"; x=y", b"boundary"), plain(b"=_a b"));
        assert_eq!(plain_lookup(b"; x=y", b"charset"), Some(Lookup::Missing));
        assert_eq!(plain_lookup(b"; charset=a; CHARSET=b", b"charset"), Some(Lookup::Complex));
        // Comments, quoted pairs and RFC 2231 sections go to the general lookup.
        assert_eq!(plain_lookup(b"; charset=us-ascii (Plain text)", b"charset"), None);
        assert_eq!(plain_lookup(b"; name=\"a\\\"b\"", b"name"), None);
        assert_eq!(plain_lookup(b"; name*=utf-8''x", b"name"), None);
    }

    #[test]
    fn disposition_type_and_rest() {
        assert_eq!(
            content_disposition(b"attachment; filename=genome.jpeg"),
            (&b"attachment"[..], &b"; filename=genome.jpeg"[..])
        );
        assert_eq!(content_disposition(b"; filename=x"), (&b""[..], &b"; filename=x"[..]));
    }
}
