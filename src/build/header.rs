//! Writing header fields: folding at 78 columns, never over 998 octets, RFC 2047 encoded
//! words for text that needs them, quoted display names, RFC 2231 parameters.

use crate::encoding::{encoded_word, rfc2231};
use crate::error::{Error, ErrorKind};
use crate::header::{HeaderMap, HeaderName};

/// Lines are folded to this many characters when there is a place to fold.
pub(crate) const FOLD_AT: usize = 78;
/// No line may be longer (RFC 5322 §2.1.1).
pub(crate) const MAX_LINE: usize = 998;

/// A field's exact line from its name and its already folded value (starting with the
/// space after the colon, folds written as CRLF followed by white space), ended by CRLF,
/// or by LF when `lf` is set (to match a parsed message's line ends).
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

/// Appends a field with CRLF line ends to `headers`.
pub(crate) fn push_field(headers: &mut HeaderMap<'_>, name: &HeaderName<'_>, value: &str) {
    headers.push_line(&field_line(name, value, false));
}

/// A value written as given: no CR, LF or NUL; folded at white space if long.
pub(crate) fn raw_value(name_len: usize, value: &str) -> Result<String, Error> {
    if value.contains(['\r', '\n', '\0']) {
        return Err(Error::new(ErrorKind::InvalidHeaderValue, None));
    }
    let value = value.trim_start_matches([' ', '\t']);
    match fold_at_white_space(name_len + 2, value) {
        Some(folded) => Ok(format!(" {folded}")),
        None => Err(Error::new(ErrorKind::InvalidHeaderValue, None)),
    }
}

/// A known-good name.
pub(crate) fn name(s: &'static str) -> HeaderName<'static> {
    HeaderName::new(s).expect("a valid constant field name")
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
        if let Some(folded) = fold_at_white_space(name_len + 2, text) {
            return format!(" {folded}");
        }
    } else if !text.starts_with([' ', '\t']) {
        let encoded = encoded_word::encode_text(text, name_len + 2);
        if encoded.split("\r\n").all(|l| l.len() <= MAX_LINE) && encoded != text {
            return format!(" {encoded}");
        }
    }
    format!(" {}", encode_all(text))
}

/// Inserts a line end before white space so lines stay within 78 columns where possible.
/// `None` when some line would still exceed 998 octets.
fn fold_at_white_space(first_line_used: usize, text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line = first_line_used;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // The next piece runs to the next break candidate: white space that follows a
        // character that is not white space.
        let mut end = i + 1;
        while end < bytes.len() && (!is_wsp(bytes[end]) || is_wsp(bytes[end - 1])) {
            end += 1;
        }
        let piece = &text[i..end];
        if i > 0 && line + piece.len() > FOLD_AT {
            out.push_str("\r\n");
            line = 0;
        }
        out.push_str(piece);
        line += piece.len();
        if line > MAX_LINE {
            return None;
        }
        i = end;
    }
    Some(out)
}

fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Every character in UTF-8 `B` encoded words of at most 75 characters, one per line.
/// Used where the shorter forms cannot keep the text exact (leading white space).
pub(crate) fn encode_all(text: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        // 45 bytes of text make 60 base64 characters; with "=?UTF-8?B?" and "?=" that is 72.
        let mut cut = rest.len().min(45);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if !out.is_empty() {
            out.push_str("\r\n ");
        }
        out.push_str("=?UTF-8?B?");
        out.push_str(&base64::engine::general_purpose::STANDARD.encode(&rest.as_bytes()[..cut]));
        out.push_str("?=");
        rest = &rest[cut..];
    }
    out
}

/// RFC 5322 `atext`.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// A display name as a phrase: atoms as they are, printable ASCII quoted, anything else
/// as RFC 2047 encoded words (RFC 2047 §5(3)).
pub(crate) fn phrase(name: &str, first_line_used: usize, utf8: bool) -> String {
    let atoms = !name.is_empty()
        && name.split(' ').all(|w| !w.is_empty() && w.chars().all(is_atext))
        && !name.contains("=?");
    if atoms {
        return name.to_owned();
    }
    let printable =
        name.bytes().all(|b| (b' '..0x7f).contains(&b) || (utf8 && b >= 0x80)) && !name.contains("=?");
    if printable {
        let mut quoted = String::with_capacity(name.len() + 2);
        quoted.push('"');
        for c in name.chars() {
            if c == '"' || c == '\\' {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        return quoted;
    }
    let encoded = encoded_word::encode_word_phrase(name, first_line_used);
    if name.starts_with([' ', '\t']) || name.ends_with([' ', '\t']) || encoded == name {
        return encode_all(name);
    }
    encoded
}

/// An addr-spec: the local part as a dot-atom or a quoted string, then `@domain`.
///
/// # Errors
///
/// [`ErrorKind::InvalidAddress`] for control characters, a domain that is not a
/// dot-atom, or non-ASCII text without `utf8` (SMTPUTF8).
pub(crate) fn addr_spec(address: &str, utf8: bool) -> Result<String, Error> {
    let invalid = || Error::new(ErrorKind::InvalidAddress, None);
    if address.chars().any(|c| c.is_control()) || (!utf8 && !address.is_ascii()) {
        return Err(invalid());
    }
    let (local, domain) = address.rsplit_once('@').ok_or_else(invalid)?;
    let is_atom_char = |c: char| is_atext(c) || (utf8 && !c.is_ascii());
    let dot_atom =
        |s: &str| !s.is_empty() && s.split('.').all(|p| !p.is_empty() && p.chars().all(is_atom_char));
    let literal = domain.len() >= 2
        && domain.starts_with('[')
        && domain.ends_with(']')
        && !domain[1..domain.len() - 1].contains(['[', ']', '\\']);
    if !dot_atom(domain) && !literal {
        return Err(invalid());
    }
    if local.is_empty() {
        return Err(invalid());
    }
    if dot_atom(local) {
        return Ok(format!("{local}@{domain}"));
    }
    let mut quoted = String::with_capacity(local.len() + domain.len() + 4);
    quoted.push('"');
    for c in local.chars() {
        if c == '"' || c == '\\' {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push_str("\"@");
    quoted.push_str(domain);
    Ok(quoted)
}

/// Joins pieces with `separator` (`","` or `";"`), folding after a separator when the
/// next piece would pass 78 columns. Pieces are never split.
pub(crate) fn join_folded(first_line_used: usize, pieces: &[String], separator: &str) -> String {
    let mut out = String::new();
    let mut line = first_line_used;
    for (i, piece) in pieces.iter().enumerate() {
        let last_line_len = piece.split("\r\n").next().map_or(0, str::len);
        if i > 0 {
            out.push_str(separator);
            line += separator.len();
            if line + 1 + last_line_len > FOLD_AT {
                out.push_str("\r\n");
                line = 0;
            }
        }
        out.push(' ');
        out.push_str(piece);
        line = match piece.rfind("\r\n") {
            Some(at) => piece.len() - at - 2,
            None => line + 1 + piece.len(),
        };
    }
    out
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
            pieces.push(format!("{key}=\"{}\"", encode_all(value).replace("\r\n ", " ")));
        }
    }
    let mut value = join_folded(name_len + 1, &pieces, ";");
    if value.split("\r\n").any(|l| l.len() > MAX_LINE) {
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
    fn phrases_are_atoms_quoted_or_encoded() {
        assert_eq!(phrase("John Q Public", 0, false), "John Q Public");
        assert_eq!(phrase("Public, John Q.", 0, false), "\"Public, John Q.\"");
        assert_eq!(phrase("a \"b\" \\c", 0, false), "\"a \\\"b\\\" \\\\c\"");
        assert!(phrase("Jörg", 0, false).starts_with("=?UTF-8?"));
        assert_eq!(phrase("Jörg", 0, true), "\"Jörg\"");
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
