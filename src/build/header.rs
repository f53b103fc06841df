//! The one writer of header fields: every field the builder writes, and every field an
//! edit adds, is made here and passes [`check_field`] on its way out.
//!
//! The writers below make values safe by construction (CR, LF and NUL only ever
//! encoded, folding at 78 columns where there is a place to fold, RFC 2047 encoded words
//! where there is none, RFC 2231 parameters); [`check_field`] then checks the finished
//! field against the output invariants once more: a name of RFC 5322 `ftext`, no CR or
//! LF except as a fold (CRLF followed by white space, never a line of white space only),
//! no NUL, no line over 998 octets.
//!
//! The text inside a field comes from one routine each, shared with `Display` and
//! `Mailbox::address`: display names and addr-specs from [`address`] (beside the
//! `Mailbox` type, which `build/` already depends on), RFC 2047 encoded words from
//! [`encoded_word`], RFC 2231 parameters from [`rfc2231`], character classes from the
//! table in `parse/chars.rs`. This file lays them out in lines.

use crate::address;
use crate::encoding::{encoded_word, rfc2231};
use crate::error::{Error, ErrorKind};
use crate::header::{HeaderMap, HeaderName};
use crate::parse::chars::{self, ATEXT, TOKEN, WSP};

/// Lines are folded to this many characters when there is a place to fold.
pub(crate) const FOLD_AT: usize = 78;
/// No line may be longer (RFC 5322 §2.1.1).
pub(crate) const MAX_LINE: usize = 998;

/// A field's exact line from its name and its already folded value (starting with the
/// space after the colon, folds written as CRLF followed by white space), ended by CRLF,
/// or by LF when `lf` is set (to match a parsed message's line ends).
///
/// The value must come from one of the writers here ([`unstructured`], [`raw_value`],
/// [`with_params`], ...), which keep to the invariants [`check_field`] checks.
pub(crate) fn field_line(name: &HeaderName<'_>, value: &str, lf: bool) -> Vec<u8> {
    let mut raw = Vec::with_capacity(name.as_str().len() + value.len() + 3);
    raw.extend_from_slice(name.as_str().as_bytes());
    raw.push(b':');
    if lf {
        raw.extend_from_slice(value.replace("\r\n", "\n").as_bytes());
        raw.push(b'\n');
    } else {
        raw.extend_from_slice(value.as_bytes());
        raw.extend_from_slice(b"\r\n");
    }
    raw
}

/// Checks a finished field (`name`, and `value` as [`field_line`] takes it) against the
/// output invariants.
///
/// # Errors
///
/// [`ErrorKind::InvalidHeaderName`] for a name that is not `ftext`;
/// [`ErrorKind::InvalidHeaderValue`] for NUL, a CR or LF that is not part of a fold, or a
/// folded line of white space only; [`ErrorKind::LineTooLong`] for a line over 998
/// octets. Each names the field (argument `"header"`).
pub(crate) fn check_field(name: &HeaderName<'_>, value: &str) -> Result<(), Error> {
    let fail = |kind| Err(Error::naming(kind, "header", name.as_str()));
    if name.as_str().is_empty() || !name.as_str().bytes().all(|b| chars::is(b, chars::FTEXT)) {
        return fail(ErrorKind::InvalidHeaderName);
    }
    let bytes = value.as_bytes();
    let mut line = name.as_str().len() + 1;
    let mut line_has_text = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') && matches!(bytes.get(i + 2), Some(b' ' | b'\t')) => {
                if !line_has_text {
                    return fail(ErrorKind::InvalidHeaderValue);
                }
                line = 0;
                line_has_text = false;
                i += 2;
                continue;
            }
            b'\r' | b'\n' | 0 => return fail(ErrorKind::InvalidHeaderValue),
            b' ' | b'\t' => {}
            _ => line_has_text = true,
        }
        line += 1;
        if line > MAX_LINE {
            return fail(ErrorKind::LineTooLong);
        }
        i += 1;
    }
    if !line_has_text {
        return fail(ErrorKind::InvalidHeaderValue);
    }
    Ok(())
}

/// Appends a field with CRLF line ends to `headers`, after [`check_field`].
///
/// # Errors
///
/// As [`check_field`].
pub(crate) fn push_field(
    headers: &mut HeaderMap<'_>,
    name: &HeaderName<'_>,
    value: &str,
) -> Result<(), Error> {
    check_field(name, value)?;
    headers.push_line(&field_line(name, value, false));
    Ok(())
}

/// A value written as given: no CR, LF or NUL; folded at white space if long.
///
/// # Errors
///
/// [`ErrorKind::InvalidHeaderValue`] (argument `"header value"`) for CR, LF or NUL, or a
/// value with no place to fold that would make a line over 998 octets.
pub(crate) fn raw_value(name_len: usize, value: &str) -> Result<String, Error> {
    let invalid = || Error::naming(ErrorKind::InvalidHeaderValue, "header value", value);
    if value.contains(['\r', '\n', '\0']) {
        return Err(invalid());
    }
    let value = value.trim_start_matches([' ', '\t']);
    let folded = fold_at_white_space(name_len + 2, value);
    if !lines_fit(name_len + 2, &folded) {
        return Err(invalid());
    }
    Ok(format!(" {folded}"))
}

/// A known-good name.
pub(crate) fn name(s: &'static str) -> HeaderName<'static> {
    HeaderName::new(s).expect("a valid constant field name")
}

/// Fields a caller's `header(name, value)` may not add: those the builder writes itself
/// or through a setter of its own (among them every field RFC 5322 §3.6 allows once), and
/// Bcc, which goes into the envelope only.
const RESERVED: [&str; 16] = [
    "content-type",
    "content-transfer-encoding",
    "content-disposition",
    "content-id",
    "mime-version",
    "bcc",
    "date",
    "from",
    "sender",
    "reply-to",
    "to",
    "cc",
    "subject",
    "message-id",
    "in-reply-to",
    "references",
];

/// Whether a header may hold only one field named `name`: the fields RFC 5322 §3.6
/// allows once (Bcc aside, which may be empty and repeated by some agents) and the MIME
/// fields RFC 2045 and RFC 2183 allow once. Edits that append such a field when the
/// header has one already are refused ([`ErrorKind::DuplicateHeader`]).
pub(crate) fn is_single_instance(name: &str) -> bool {
    RESERVED.iter().any(|r| *r != "bcc" && name.eq_ignore_ascii_case(r))
}

/// A caller's header name, checked, and not one the builder writes itself.
///
/// # Errors
///
/// [`ErrorKind::InvalidHeaderName`] for a name that is not `ftext`,
/// [`ErrorKind::ReservedHeader`] for a name in the reserved list; both name it
/// (argument `"header name"`).
pub(crate) fn custom_name(name: String) -> Result<HeaderName<'static>, Error> {
    if name.is_empty() || !name.bytes().all(|b| chars::is(b, chars::FTEXT)) {
        return Err(Error::naming(ErrorKind::InvalidHeaderName, "header name", name));
    }
    if RESERVED.iter().any(|r| name.eq_ignore_ascii_case(r)) {
        return Err(Error::naming(ErrorKind::ReservedHeader, "header name", name));
    }
    HeaderName::new(name)
}

/// Whether `s` is an RFC 2045 token of US-ASCII.
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii() && chars::is(b, TOKEN))
}

/// Checks a caller's Content-Type parameter name: an RFC 2045 token without the
/// characters RFC 2231 gives a meaning in names (`*`, `'`, `%`).
///
/// # Errors
///
/// [`ErrorKind::InvalidParameterName`] naming it (argument `"param name"`), or
/// [`ErrorKind::LineTooLong`] for a name too long for a line of its own.
pub(crate) fn check_param_name(name: &str) -> Result<(), Error> {
    if !is_token(name) || name.contains(['*', '\'', '%']) {
        return Err(Error::naming(ErrorKind::InvalidParameterName, "param name", name));
    }
    // Room on a line of its own for `name*99*=`, one encoded character and `;`.
    if name.len() + 24 > MAX_LINE {
        return Err(Error::naming(ErrorKind::LineTooLong, "param name", name));
    }
    Ok(())
}

/// Whether printable ASCII text can be written as it is: no control characters, no
/// leading white space (it would be taken for folding), nothing an RFC 2047 decoder
/// would read as an encoded word.
fn is_plain(text: &str, utf8: bool) -> bool {
    text.bytes().all(|b| (b == b'\t' || (b' '..0x7f).contains(&b)) || (utf8 && b >= 0x80))
        && !text.starts_with([' ', '\t'])
        && !text.contains("=?")
}

/// Unstructured text (RFC 5322 §3.2.5), such as a Subject: folded at white space, or
/// encoded with RFC 2047 where it is not plain printable ASCII (or UTF-8 when `utf8`).
/// The result, unfolded and decoded, is exactly `text`.
pub(crate) fn unstructured(name_len: usize, text: &str, utf8: bool) -> String {
    if is_plain(text, utf8) {
        let folded = fold_at_white_space(name_len + 2, text);
        if lines_fit(name_len + 2, &folded) {
            return format!(" {folded}");
        }
    } else if !text.starts_with([' ', '\t']) {
        let encoded = encoded_word::encode_text(text, name_len + 2);
        if lines_fit(name_len + 2, &encoded) && encoded != text {
            return format!(" {encoded}");
        }
    }
    format!(" {}", encoded_word::encode_all(text, name_len + 2))
}

/// Whether every line of a folded value fits in 998 octets, the first line starting at
/// column `first_line_used`.
fn lines_fit(first_line_used: usize, folded: &str) -> bool {
    folded
        .split("\r\n")
        .enumerate()
        .all(|(i, l)| l.len() + if i == 0 { first_line_used } else { 0 } <= MAX_LINE)
}

/// `text` cut into words, each but the first starting with the white space before it:
/// the places where a line may fold.
fn words(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len() {
        if chars::is(bytes[i], WSP) && !chars::is(bytes[i - 1], WSP) {
            words.push(&text[start..i]);
            start = i;
        }
    }
    if start < text.len() {
        words.push(&text[start..]);
    }
    words
}

/// Lays `words` out on lines: a line end goes before a word that starts with white space
/// when the word would pass 78 columns (the first line starting at `first_line_used`).
/// Words are never split, so a line can be longer where there is no place to fold: check
/// with [`lines_fit`].
fn fold_words<S: AsRef<str>>(first_line_used: usize, words: &[S]) -> String {
    let mut out = String::with_capacity(words.iter().map(|w| w.as_ref().len() + 1).sum());
    let mut line = first_line_used;
    for (i, word) in words.iter().enumerate() {
        let word = word.as_ref();
        // Never before a word of white space only: the new line would hold nothing else.
        let foldable = word.starts_with([' ', '\t']) && !word.trim_start_matches([' ', '\t']).is_empty();
        if i > 0 && foldable && line + word.len() > FOLD_AT {
            out.push_str("\r\n");
            line = 0;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

/// Inserts a line end before white space so lines stay within 78 columns where possible.
fn fold_at_white_space(first_line_used: usize, text: &str) -> String {
    fold_words(first_line_used, &words(text))
}

/// An addr-spec: the local part as a dot-atom or a quoted string, then `@domain`, checked
/// for the transport and written as [`Mailbox::address`](crate::address::Mailbox::address)
/// writes it.
///
/// A local part given as a quoted string (`"john doe"@example.com`, as
/// [`Mailbox::address`](crate::address::Mailbox::address) gives it) is read as one and
/// written again the same way, so it is never quoted twice.
///
/// # Errors
///
/// [`ErrorKind::InvalidAddress`] for control characters, a domain that is not a
/// dot-atom, or non-ASCII text without `utf8` (SMTPUTF8). The caller names the argument.
pub(crate) fn addr_spec(address: &str, utf8: bool) -> Result<String, Error> {
    let invalid = |reason: &'static str| Error::new(ErrorKind::InvalidAddress, None).because(reason);
    if address.chars().any(|c| c.is_control()) {
        return Err(invalid("the address holds a control character (a line break, say)"));
    }
    if !utf8 && !address.is_ascii() {
        return Err(invalid(
            "the address is not ASCII, which needs the SMTPUTF8 transport (BuildOptions::transport)",
        ));
    }
    let (local, domain) = match unquote_local_part(address) {
        Some((local, domain)) => (std::borrow::Cow::Owned(local), domain),
        None => {
            let (local, domain) = address.rsplit_once('@').ok_or_else(|| invalid("the address has no @"))?;
            (std::borrow::Cow::Borrowed(local), domain)
        }
    };
    let literal = domain.len() >= 2
        && domain.starts_with('[')
        && domain.ends_with(']')
        && !domain[1..domain.len() - 1].contains(['[', ']', '\\']);
    if domain.is_empty() {
        return Err(invalid("the address has no domain after the @"));
    }
    if !chars::is_dot_atom(domain.as_bytes()) && !literal {
        return Err(invalid("the domain is not a dot-atom (example.com) or a domain literal ([192.0.2.1])"));
    }
    if local.is_empty() {
        return Err(invalid("the address has no local part before the @"));
    }
    Ok(address::addr_spec(&local, Some(domain)))
}

/// `"local"@domain` read as a quoted-string local part: its content (quoted pairs
/// resolved) and the domain. `None` unless `address` starts with a whole quoted string
/// followed by `@`.
fn unquote_local_part(address: &str) -> Option<(String, &str)> {
    let rest = address.strip_prefix('"')?;
    let mut local = String::new();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => local.push(chars.next()?.1),
            '"' => return rest[i + 1..].strip_prefix('@').map(|domain| (local, domain)),
            _ => local.push(c),
        }
    }
    None
}

/// The value of an address field (From, To, ...): each mailbox as `phrase <addr-spec>`
/// or a bare addr-spec, separated by commas, folded at 78 columns before any word of a
/// display name and before `<`, never inside an addr-spec.
///
/// # Errors
///
/// [`ErrorKind::InvalidAddress`] as [`addr_spec`]; [`ErrorKind::LineTooLong`] for an
/// address too long for a line of its own. Both name `argument` and the address.
pub(crate) fn mailbox_list(
    name_len: usize,
    argument: &'static str,
    list: &[(Option<&str>, &str)],
    utf8: bool,
) -> Result<String, Error> {
    let mut words: Vec<String> = Vec::new();
    for (i, &(display, address)) in list.iter().enumerate() {
        let spec = addr_spec(address, utf8).map_err(|e| e.about(argument, address))?;
        // On a line of its own, with the space before it and a comma after it.
        if name_len + 1 + spec.len() + 4 > MAX_LINE {
            return Err(Error::naming(ErrorKind::LineTooLong, argument, address));
        }
        if let Some(last) = words.last_mut().filter(|_| i > 0) {
            last.push(',');
        }
        match display {
            Some(display) => {
                // A word too long for a line is encoded, so the phrase can fold.
                let phrase = address::phrase(display, utf8, FOLD_AT - 2);
                for (j, word) in self::words(&phrase).into_iter().enumerate() {
                    words.push(if j == 0 { format!(" {word}") } else { word.to_owned() });
                }
                words.push(format!(" <{spec}>"));
            }
            None => words.push(format!(" {spec}")),
        }
    }
    Ok(fold_words(name_len + 1, &words))
}

/// A msg-id's content (RFC 5322 §3.6.4) for Message-ID, In-Reply-To, References and
/// Content-ID, given with or without angle brackets: `atext`, `.`, `@`, `[` and `]`.
///
/// # Errors
///
/// [`ErrorKind::InvalidHeaderValue`] for an empty id or any other character (white
/// space, controls, non-ASCII, angle brackets inside); [`ErrorKind::LineTooLong`] when
/// `<id>` would not fit on a line after `name_len` and `": "`. Both name `argument` and
/// the id.
pub(crate) fn msg_id<'i>(name_len: usize, argument: &'static str, id: &'i str) -> Result<&'i str, Error> {
    let bare = id.trim();
    let bare = bare.strip_prefix('<').unwrap_or(bare);
    let bare = bare.strip_suffix('>').unwrap_or(bare);
    let allowed = |b: u8| b.is_ascii() && (chars::is(b, ATEXT) || matches!(b, b'.' | b'@' | b'[' | b']'));
    if bare.is_empty() || !bare.bytes().all(allowed) {
        return Err(Error::naming(ErrorKind::InvalidHeaderValue, argument, id));
    }
    if name_len + 2 + bare.len() + 2 > MAX_LINE {
        return Err(Error::naming(ErrorKind::LineTooLong, argument, id));
    }
    Ok(bare)
}

/// The value of a field of msg-ids (In-Reply-To, References): ` <a> <b>`, folded between
/// ids.
pub(crate) fn msg_id_list(name_len: usize, ids: &[&str]) -> String {
    let words: Vec<String> = ids.iter().map(|id| format!(" <{id}>")).collect();
    fold_words(name_len + 1, &words)
}

/// Joins pieces with `separator` (`","` or `";"`), folding after a separator when the
/// next piece would pass 78 columns. Pieces are never split.
pub(crate) fn join_folded(first_line_used: usize, pieces: &[String], separator: &str) -> String {
    let mut words: Vec<String> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let Some(last) = words.last_mut() {
            last.push_str(separator);
        }
        words.push(format!(" {piece}"));
    }
    fold_words(first_line_used, &words)
}

/// `type/subtype` and parameters, folded; non-ASCII or long values in RFC 2231 form,
/// with an RFC 2047 copy of `name`/`filename` when `legacy` is set.
pub(crate) fn with_params(name_len: usize, head: &str, params: &[(String, String)], legacy: bool) -> String {
    let mut pieces = vec![head.to_owned()];
    for (key, value) in params {
        let encoded = rfc2231::encode_param(key, value, FOLD_AT);
        let is_2231 = encoded.iter().any(|p| p.contains('*'));
        pieces.extend(encoded);
        if legacy && is_2231 && (key == "name" || key == "filename") {
            pieces.push(format!("{key}=\"{}\"", encoded_word::encode_all(value, 0).replace("\r\n ", " ")));
        }
    }
    let mut value = join_folded(name_len + 1, &pieces, ";");
    if !lines_fit(name_len + 1, &value) {
        // Only an unbreakable legacy copy can be this long; leave it out.
        pieces.retain(|p| !p.contains("=?UTF-8?B?"));
        value = join_folded(name_len + 1, &pieces, ";");
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(s: &str) -> String {
        s.replace("\r\n", "")
    }

    #[test]
    fn plain_subject_is_folded_before_white_space_within_78_columns() {
        let text = "word ".repeat(40);
        let text = text.trim_end();
        let v = unstructured("Subject".len(), text, false);
        assert_eq!(unfold(&v), format!(" {text}"));
        let mut first = true;
        for line in v.split("\r\n") {
            let used = if first { "Subject:".len() } else { 0 };
            assert!(used + line.len() <= FOLD_AT, "{line:?}");
            first = false;
        }
    }

    #[test]
    fn non_ascii_and_controls_become_encoded_words() {
        let v = unstructured(7, "café\r\nBcc: x", false);
        assert!(v.is_ascii() && !unfold(&v).contains('\n'));
        assert!(v.contains("=?UTF-8?"), "{v}");
    }

    #[test]
    fn leading_white_space_survives_as_encoded_words() {
        let v = unstructured(7, "  indented", false);
        assert_eq!(v, " =?UTF-8?B?ICBpbmRlbnRlZA==?=");
    }

    #[test]
    fn unbreakable_long_word_is_encoded_to_stay_under_998() {
        let word = "x".repeat(2000);
        let v = unstructured(7, &word, false);
        assert!(v.split("\r\n").all(|l| l.len() <= MAX_LINE));
    }

    #[test]
    fn addr_spec_quotes_local_parts_and_rejects_injection() {
        assert_eq!(addr_spec("john.doe@example.com", false).unwrap(), "john.doe@example.com");
        assert_eq!(addr_spec("john doe@example.com", false).unwrap(), "\"john doe\"@example.com");
        assert_eq!(addr_spec("a\"b@example.com", false).unwrap(), "\"a\\\"b\"@example.com");
        assert_eq!(addr_spec("x@[192.0.2.1]", false).unwrap(), "x@[192.0.2.1]");
        for bad in ["a@b\r\nBcc: c@d", "no-at-sign", "a@", "@b", "a@b c", "ü@example.com", "a@exa\0mple"] {
            assert!(addr_spec(bad, false).is_err(), "{bad:?}");
        }
        assert_eq!(addr_spec("ü@bücher.example", true).unwrap(), "ü@bücher.example");
    }

    #[test]
    fn addr_spec_says_which_part_of_the_address_is_wrong() {
        let reason = |address: &str| addr_spec(address, false).unwrap_err().reason().map(str::to_owned);
        let cases = [
            ("a@b\r\nBcc: c@d", "the address holds a control character (a line break, say)"),
            (
                "ü@example.com",
                "the address is not ASCII, which needs the SMTPUTF8 transport (BuildOptions::transport)",
            ),
            ("no-at-sign", "the address has no @"),
            ("a@", "the address has no domain after the @"),
            ("a@b c", "the domain is not a dot-atom (example.com) or a domain literal ([192.0.2.1])"),
            ("@b", "the address has no local part before the @"),
        ];
        for (address, expected) in cases {
            assert_eq!(reason(address).as_deref(), Some(expected), "{address:?}");
        }
    }

    #[test]
    fn join_folded_breaks_after_separators() {
        let pieces: Vec<String> = (0..10).map(|i| format!("person{i}@example.com")).collect();
        let v = join_folded(3, &pieces, ",");
        assert!(v.split("\r\n").all(|l| l.len() <= FOLD_AT));
        assert_eq!(unfold(&v).matches(',').count(), 9);
    }

    #[test]
    fn parameters_use_rfc2231_for_non_ascii() {
        let v = with_params(12, "attachment", &[("filename".into(), "résumé.pdf".into())], false);
        assert_eq!(v, " attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf");
        let v = with_params(12, "attachment", &[("filename".into(), "résumé.pdf".into())], true);
        assert!(v.contains("filename=\"=?UTF-8?B?"), "{v}");
    }
}
