//! RFC 5322 §3.2 lexical tokens and their obsolete forms (§4.1, §4.2).
//!
//! The parsers work on the unfolded bytes of one header value. Where real mail
//! needs it they are more lenient than the ABNF, and each doc comment says how:
//!
//! - CR, LF and HTAB count as white space anywhere, paired or not, so a value
//!   that still carries its folds parses the same as an unfolded one;
//! - bytes 0x80 and above count as `atext`, `qtext`, `ctext` and `dtext`
//!   (RFC 6532 UTF-8; invalid UTF-8 becomes U+FFFD in the returned text);
//! - an unterminated comment or quoted string runs to the end of the input.
//!
//! Nothing here recurses: nested comments are matched with a depth counter, so
//! input of any nesting depth runs in constant stack and linear time.

use std::borrow::Cow;

use memchr::{memchr2, memchr3};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::combinator::{opt, recognize};
use nom::error::{Error, ErrorKind};
use nom::multi::many0_count;
use nom::sequence::{delimited, pair};
use nom::{IResult, Parser};

use crate::encoding::Charset;
use crate::encoding::charset::raw_header_text;
use crate::parse::chars;

/// Result of every parser in this module tree.
pub(crate) type PResult<'a, T> = IResult<&'a [u8], T>;

/// A recoverable nom error at `input`.
pub(crate) fn fail<T>(input: &[u8], kind: ErrorKind) -> PResult<'_, T> {
    Err(nom::Err::Error(Error::new(input, kind)))
}

/// `WSP = SP / HTAB`
pub(crate) fn is_wsp(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// A byte that may appear in FWS once folds are tolerated anywhere:
/// `WSP`, CR or LF.
pub(crate) fn is_fws_byte(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

// The readings of header bytes as text. Each keeps a borrow, and reuses an owned buffer
// that is valid UTF-8 already.

/// Header bytes as text, the lossy reading: UTF-8 (RFC 6532) with U+FFFD for each
/// invalid sequence. For bytes whose charset no option can name (what the lexer reads,
/// parameter names, [`HeaderValue::to_str_lossy`](crate::HeaderValue::to_str_lossy)).
#[inline]
pub(crate) fn lossy_text(bytes: Cow<'_, [u8]>) -> Cow<'_, str> {
    read_text(bytes, String::from_utf8_lossy)
}

/// Raw header bytes as text: UTF-8 (RFC 6532) when they are, else `fallback`
/// ([`raw_header_text`], the reading of every header path).
pub(crate) fn header_text(bytes: Cow<'_, [u8]>, fallback: Charset) -> Cow<'_, str> {
    read_text(bytes, |b| raw_header_text(b, fallback))
}

/// `bytes` as text by `read`, which reads anything that is not UTF-8: borrowed bytes
/// stay borrowed, and an owned buffer that is UTF-8 becomes the `String` without a copy.
#[inline]
fn read_text<'a>(bytes: Cow<'a, [u8]>, read: impl for<'b> Fn(&'b [u8]) -> Cow<'b, str>) -> Cow<'a, str> {
    match bytes {
        Cow::Borrowed(borrowed) => read(borrowed),
        Cow::Owned(owned) => match String::from_utf8(owned) {
            Ok(string) => Cow::Owned(string),
            Err(error) => Cow::Owned(read(error.as_bytes()).into_owned()),
        },
    }
}

/// Bytes of a header token (a media type, a disposition type) as text: UTF-8 (RFC 6532)
/// when valid, else windows-1252. Tokens are ASCII; 8-bit bytes in one make it invalid
/// whatever they read as, so no fallback charset applies.
pub(crate) fn bytes_to_text(b: &[u8]) -> Cow<'_, str> {
    raw_header_text(b, Charset::WINDOWS_1252)
}

/// Text of `bytes`: borrowed when they are valid UTF-8, else with U+FFFD for
/// each invalid sequence ([`lossy_text`]).
#[inline]
pub(crate) fn text(bytes: &[u8]) -> Cow<'_, str> {
    lossy_text(Cow::Borrowed(bytes))
}

/// Unfolding (RFC 5322 §2.2.3): `raw` with every CR and LF removed and the white space
/// of the folds kept. Lenient: a bare CR or LF is removed too, fold or not. Borrowed when
/// there is no line end.
#[inline]
pub(crate) fn unfold(raw: &[u8]) -> Cow<'_, [u8]> {
    let Some(first) = memchr2(b'\r', b'\n', raw) else {
        return Cow::Borrowed(raw);
    };
    let mut out = Vec::with_capacity(raw.len());
    out.extend_from_slice(&raw[..first]);
    out.extend(raw[first..].iter().copied().filter(|&b| b != b'\r' && b != b'\n'));
    Cow::Owned(out)
}

/// How [`unescape_bytes`] reads a backslash before a CR or LF, or a backslash with
/// nothing after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EscapedLineEnd {
    /// RFC 5322 header text: a fold the sender escaped. The backslash and the line end
    /// are both dropped, and so is a final lone backslash.
    Fold,
    /// RFC 2045 parameter values (RFC 822 `quoted-pair = "\" CHAR`): the CR or LF is the
    /// quoted character and is kept; a final lone backslash quotes nothing and is kept.
    Literal,
}

/// The inside of a comment, quoted string or domain literal: quoted-pairs resolved
/// (`\x` gives `x`) and the CR and LF of folds removed. Borrows when there is nothing
/// to resolve or remove.
pub(crate) fn unescape_bytes(content: &[u8], escaped: EscapedLineEnd) -> Cow<'_, [u8]> {
    let Some(first) = memchr3(b'\\', b'\r', b'\n', content) else {
        return Cow::Borrowed(content);
    };
    let mut out = Vec::with_capacity(content.len());
    out.extend_from_slice(&content[..first]);
    let mut bytes = content[first..].iter();
    while let Some(&byte) = bytes.next() {
        match byte {
            b'\r' | b'\n' => {}
            b'\\' => match bytes.next() {
                Some(b'\r' | b'\n') | None if escaped == EscapedLineEnd::Fold => {}
                Some(&quoted) => out.push(quoted),
                None => out.push(b'\\'),
            },
            _ => out.push(byte),
        }
    }
    Cow::Owned(out)
}

/// [`unescape_bytes`] as text, escaped folds dropped ([`EscapedLineEnd::Fold`]).
pub(crate) fn unescape(content: &[u8]) -> Cow<'_, str> {
    lossy_text(unescape_bytes(content, EscapedLineEnd::Fold))
}

/// Builds text from pieces, borrowing while there is only one piece.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder<'a> {
    text: Option<Cow<'a, str>>,
}

impl<'a> TextBuilder<'a> {
    /// Appends `piece`, with one space before it when `space_before` is set
    /// and something was appended already.
    pub(crate) fn push(&mut self, piece: Cow<'a, str>, space_before: bool) {
        self.text = Some(match self.text.take() {
            None => piece,
            Some(done) => {
                let mut owned = done.into_owned();
                if space_before && !owned.is_empty() {
                    owned.push(' ');
                }
                owned.push_str(&piece);
                Cow::Owned(owned)
            }
        });
    }

    /// Whether nothing was appended yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_none()
    }

    /// The text built, if any piece was appended.
    pub(crate) fn finish(self) -> Option<Cow<'a, str>> {
        self.text
    }
}

/// ```text
/// FWS     = ([*WSP CRLF] 1*WSP) / obs-FWS
/// obs-FWS = 1*WSP *(CRLF 1*WSP)
/// ```
///
/// Lenient: any run of SP, HTAB, CR and LF, so a bare CR or LF (or a fold
/// that was not removed) counts as white space.
#[allow(dead_code)] // A building block for the library's other grammars.
pub(crate) fn fws(input: &[u8]) -> PResult<'_, ()> {
    take_while1(is_fws_byte).map(|_| ()).parse(input)
}

/// Where the comment at the start of `input` ends: `(content_end, consumed)`.
/// `input` must start with `(`. Unterminated comments run to the end.
///
/// Never inlined: comments are rare, and inlined its scan makes every caller of
/// [`skip_cfws`] save registers on each call.
#[inline(never)]
pub(crate) fn comment_span(input: &[u8]) -> (usize, usize) {
    let mut depth = 1usize;
    let mut at = 1;
    while let Some(offset) = memchr3(b'(', b')', b'\\', &input[at..]) {
        let found = at + offset;
        match input[found] {
            b'(' => {
                depth += 1;
                at = found + 1;
            }
            b')' => {
                depth -= 1;
                at = found + 1;
                if depth == 0 {
                    return (found, at);
                }
            }
            _ => at = (found + 2).min(input.len()),
        }
    }
    (input.len(), input.len())
}

/// ```text
/// comment  = "(" *([FWS] ccontent) [FWS] ")"
/// ccontent = ctext / quoted-pair / comment
/// ctext    = %d33-39 / %d42-91 / %d93-126 / obs-ctext
/// ```
///
/// Gives the text inside the outer parentheses with quoted-pairs resolved and
/// nested comments kept as written (`(a (b) c)` gives `a (b) c`).
///
/// Nesting is tracked with a counter, not by recursion. Lenient: every byte
/// other than `(`, `)` and `\` is `ctext`; an unterminated comment runs to
/// the end of the input.
pub(crate) fn comment(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    if input.first() != Some(&b'(') {
        return fail(input, ErrorKind::Char);
    }
    let (content_end, consumed) = comment_span(input);
    Ok((&input[consumed..], unescape(&input[1..content_end])))
}

/// ```text
/// CFWS = (1*([FWS] comment) [FWS]) / FWS
/// ```
///
/// Comments are skipped; use [`comments`] to collect them from a span.
pub(crate) fn cfws(input: &[u8]) -> PResult<'_, ()> {
    let rest = skip_cfws(input);
    if rest.len() == input.len() {
        return fail(input, ErrorKind::Many1Count);
    }
    Ok((rest, ()))
}

/// `[CFWS]`: the input after any white space, line ends and (nested) comments, read
/// as [`fws`] and [`comment`] read them.
#[inline]
pub(crate) fn skip_cfws(input: &[u8]) -> &[u8] {
    // A byte loop, inlined: most calls skip one space or nothing.
    let mut at = 0;
    while let Some(&byte) = input.get(at) {
        if is_fws_byte(byte) {
            at += 1;
        } else if byte == b'(' {
            at += comment_span(&input[at..]).1;
        } else {
            break;
        }
    }
    &input[at..]
}

/// The text of every top-level comment in `span`, in order, skipping quoted
/// strings (a `(` inside quotes is not a comment).
pub(crate) fn comments(span: &[u8]) -> Vec<Cow<'_, str>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr2(b'"', b'(', &span[at..]) {
        let start = at + offset;
        if span[start] == b'"' {
            at = start + quoted_span(&span[start..]).1;
        } else {
            let (rest, content) =
                comment(&span[start..]).expect("a comment starts at every '(' found outside quotes");
            found.push(content);
            at = span.len() - rest.len();
        }
    }
    found
}

/// Where the quoted string at the start of `input` ends:
/// `(content_end, consumed)`. `input` must start with `"`.
/// Unterminated quoted strings run to the end.
fn quoted_span(input: &[u8]) -> (usize, usize) {
    let mut at = 1;
    while let Some(offset) = memchr2(b'"', b'\\', &input[at..]) {
        let found = at + offset;
        if input[found] == b'"' {
            return (found, found + 1);
        }
        at = (found + 2).min(input.len());
    }
    (input.len(), input.len())
}

/// Skips the bare quoted string at the start of `input` without building
/// its text (see [`quoted_content`]).
pub(crate) fn skip_quoted(input: &[u8]) -> PResult<'_, ()> {
    if input.first() != Some(&b'"') {
        return fail(input, ErrorKind::Char);
    }
    let (_, consumed) = quoted_span(input);
    Ok((&input[consumed..], ()))
}

/// `1*atext` ([`chars::ATEXT`]).
pub(crate) fn atext1(input: &[u8]) -> PResult<'_, &[u8]> {
    take_while1(|b| chars::is(b, chars::ATEXT)).parse(input)
}

/// ```text
/// atom = [CFWS] 1*atext [CFWS]
/// ```
#[allow(dead_code)] // A building block for the library's other grammars.
pub(crate) fn atom(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    delimited(opt(cfws), atext1, opt(cfws)).map(text).parse(input)
}

/// ```text
/// dot-atom-text = 1*atext *("." 1*atext)
/// ```
pub(crate) fn dot_atom_text(input: &[u8]) -> PResult<'_, &[u8]> {
    recognize(pair(atext1, many0_count(pair(tag("."), atext1)))).parse(input)
}

/// ```text
/// dot-atom = [CFWS] dot-atom-text [CFWS]
/// ```
#[allow(dead_code)] // A building block for the library's other grammars.
pub(crate) fn dot_atom(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    delimited(opt(cfws), dot_atom_text, opt(cfws)).map(text).parse(input)
}

/// The bare quoted string: `DQUOTE *([FWS] qcontent) [FWS] DQUOTE`, giving
/// its content with quoted-pairs resolved and fold line breaks removed (the
/// white space itself is kept: `"a  b"` gives `a  b`).
///
/// Lenient: every byte other than `"` and `\` is `qtext`; an unterminated
/// quoted string runs to the end of the input.
pub(crate) fn quoted_content(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    let (rest, content) = quoted_bytes(input, EscapedLineEnd::Fold)?;
    Ok((rest, lossy_text(content)))
}

/// [`quoted_content`] as bytes, with `escaped` saying how an escaped line end reads:
/// the one quoted-string scanner, for header text and parameter values alike.
pub(crate) fn quoted_bytes(input: &[u8], escaped: EscapedLineEnd) -> PResult<'_, Cow<'_, [u8]>> {
    if input.first() != Some(&b'"') {
        return fail(input, ErrorKind::Char);
    }
    let (content_end, consumed) = quoted_span(input);
    Ok((&input[consumed..], unescape_bytes(&input[1..content_end], escaped)))
}

/// ```text
/// quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]
/// qcontent      = qtext / quoted-pair
/// quoted-pair   = ("\" (VCHAR / WSP)) / obs-qp
/// ```
///
/// See [`quoted_content`] for the value and the leniency.
#[allow(dead_code)] // A building block for the library's other grammars.
pub(crate) fn quoted_string(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    delimited(opt(cfws), quoted_content, opt(cfws)).parse(input)
}

/// ```text
/// word = atom / quoted-string
/// ```
#[allow(dead_code)] // A building block for the library's other grammars.
pub(crate) fn word(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    alt((atom, quoted_string)).parse(input)
}

/// ```text
/// phrase = 1*word / obs-phrase
/// ```
///
/// Same as [`obs_phrase`], which accepts everything `1*word` does.
#[allow(dead_code)] // A building block for the library's other grammars.
pub(crate) fn phrase(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    obs_phrase(input)
}

/// ```text
/// obs-phrase = word *(word / "." / CFWS)
/// ```
///
/// The value joins the words as written; each run of white space and
/// comments between two of them becomes one space, and none is added where
/// there was none (`Joe."Smith"` gives `Joe.Smith`, `"Joe" Smith` gives
/// `Joe Smith`). White space inside quoted strings is kept.
#[allow(dead_code)] // A building block for the library's other grammars.
pub(crate) fn obs_phrase(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    let (mut rest, _) = opt(cfws).parse(input)?;
    let mut built = TextBuilder::default();
    let mut gap = false;
    loop {
        if let Ok((after, piece)) = alt((atext1.map(text), quoted_content)).parse(rest) {
            built.push(piece, gap);
            rest = after;
            gap = false;
        } else if built.is_empty() {
            break;
        } else if rest.first() == Some(&b'.') {
            built.push(Cow::Borrowed("."), gap);
            rest = &rest[1..];
            gap = false;
        } else if let Ok((after, ())) = cfws(rest) {
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

/// ```text
/// domain-literal = [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]
/// dtext          = %d33-90 / %d94-126 / obs-dtext
/// obs-dtext      = obs-NO-WS-CTL / quoted-pair
/// ```
///
/// Gives the literal with its brackets and without white space
/// (`[ 192.0.2.1 ]` gives `[192.0.2.1]`). Fails on a `[` inside or a missing
/// `]`.
pub(crate) fn domain_literal(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    delimited(opt(cfws), domain_literal_body, opt(cfws)).parse(input)
}

fn domain_literal_body(input: &[u8]) -> PResult<'_, Cow<'_, str>> {
    if input.first() != Some(&b'[') {
        return fail(input, ErrorKind::Char);
    }
    let mut at = 1;
    let end = loop {
        match memchr3(b']', b'[', b'\\', &input[at..]) {
            Some(offset) if input[at + offset] == b']' => break at + offset,
            Some(offset) if input[at + offset] == b'\\' => at = (at + offset + 2).min(input.len()),
            _ => return fail(input, ErrorKind::Char),
        }
    };
    let literal = &input[..=end];
    if !literal.iter().any(|&byte| is_fws_byte(byte) || byte == b'\\') {
        return Ok((&input[end + 1..], text(literal)));
    }
    let kept: Vec<u8> = literal.iter().copied().filter(|&byte| !is_fws_byte(byte)).collect();
    let value = match unescape(&kept) {
        Cow::Borrowed(borrowed) => Cow::Owned(borrowed.to_owned()),
        Cow::Owned(owned) => Cow::Owned(owned),
    };
    Ok((&input[end + 1..], value))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case<'a, T> = (&'a [u8], T, &'a [u8]);

    fn check<'a, T: PartialEq + std::fmt::Debug>(
        parser: impl Fn(&'a [u8]) -> PResult<'a, T>,
        cases: &[Case<'a, T>],
    ) {
        for (input, expected, remainder) in cases {
            let (rest, value) = parser(input)
                .unwrap_or_else(|error| panic!("{:?}: {error:?}", String::from_utf8_lossy(input)));
            assert_eq!(&value, expected, "value of {:?}", String::from_utf8_lossy(input));
            assert_eq!(rest, *remainder, "remainder of {:?}", String::from_utf8_lossy(input));
        }
    }

    fn rejects<'a, T: std::fmt::Debug>(parser: impl Fn(&'a [u8]) -> PResult<'a, T>, inputs: &[&'a [u8]]) {
        for input in inputs {
            assert!(parser(input).is_err(), "{:?} accepted", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn unfold_removes_line_ends_only() {
        assert_eq!(&*unfold(b" a\r\n b\n\tc\r d "), b" a b\tc d ");
        assert!(matches!(unfold(b" plain "), Cow::Borrowed(b" plain ")));
        assert_eq!(&*unfold(b"\r\n"), b"");
    }

    #[test]
    fn fws_takes_spaces_tabs_and_folds() {
        check(
            fws,
            &[(b" x", (), b"x"), (b"\r\n\tx", (), b"x"), (b" \t \r\n  y z", (), b"y z"), (b"\n", (), b"")],
        );
        rejects(fws, &[b"", b"x "]);
    }

    #[test]
    fn comment_gives_text_with_nesting_kept() {
        check(
            comment,
            &[
                (b"(his account)@x", Cow::Borrowed("his account"), b"@x"),
                (b"(A nice \\) chap) <", Cow::Borrowed("A nice ) chap"), b" <"),
                (b"(a (b (c)) d)e", Cow::Borrowed("a (b (c)) d"), b"e"),
                (b"()", Cow::Borrowed(""), b""),
                (b"(Chris's host.)public", Cow::Borrowed("Chris's host."), b"public"),
                (b"(folded\r\n text)", Cow::Borrowed("folded text"), b""),
                // Unterminated: runs to the end.
                (b"(open (inner) tail", Cow::Borrowed("open (inner) tail"), b""),
                (b"(\\", Cow::Borrowed(""), b""),
            ],
        );
        rejects(comment, &[b"", b"x(y)", b" (y)"]);
    }

    #[test]
    fn deep_comment_nesting_uses_no_stack() {
        let deep = vec![b'('; 1 << 20];
        let (rest, value) = comment(&deep).unwrap();
        assert!(rest.is_empty());
        assert_eq!(value.len(), (1 << 20) - 1);
        let mut balanced = vec![b'('; 100_000];
        balanced.extend(std::iter::repeat_n(b')', 100_000));
        balanced.push(b'x');
        let (rest, _) = cfws(&balanced).unwrap();
        assert_eq!(rest, b"x");
    }

    #[test]
    fn cfws_skips_white_space_and_comments() {
        check(cfws, &[(b" (a) (b)\t x", (), b"x"), (b"(a)(b)y", (), b"y"), (b"\r\n (c) z ", (), b"z ")]);
        rejects(cfws, &[b"", b"x (a)"]);
    }

    #[test]
    fn comments_are_collected_outside_quotes() {
        let found = comments(b"Pete(A nice \\) chap) \"(not one)\" <pete(his account)@x(his host)>");
        assert_eq!(found, ["A nice ) chap", "his account", "his host"]);
        assert!(comments(b"\"unterminated (x)").is_empty());
    }

    #[test]
    fn atom_and_dot_atom() {
        check(
            atom,
            &[
                (b" (c) joe (d) .", Cow::Borrowed("joe"), b"."),
                (b"j\xc3\xb6rg@", Cow::Borrowed("j\u{f6}rg"), b"@"),
                (b"a'b{c}", Cow::Borrowed("a'b{c}"), b""),
            ],
        );
        rejects(atom, &[b"", b" .", b"@x", b"\"q\""]);
        check(
            dot_atom_text,
            &[
                (b"john.q.public@example", &b"john.q.public"[..], b"@example"),
                (b"a..b", &b"a"[..], b"..b"),
                (b"a.", &b"a"[..], b"."),
            ],
        );
        check(dot_atom, &[(b" example.com (x) >", Cow::Borrowed("example.com"), b">")]);
    }

    #[test]
    fn quoted_string_value_is_unquoted() {
        check(
            quoted_string,
            &[
                (b"\"Joe Q. Public\" <", Cow::Borrowed("Joe Q. Public"), b"<"),
                (b" \"Giant; \\\"Big\\\" Box\" x", Cow::Borrowed("Giant; \"Big\" Box"), b"x"),
                (b"\"a  b\"", Cow::Borrowed("a  b"), b""),
                (b"\"\"@x", Cow::Borrowed(""), b"@x"),
                (b"\"a\\\\b\"", Cow::Borrowed("a\\b"), b""),
                (b"\"folded\r\n line\"", Cow::Borrowed("folded line"), b""),
                (b"\"unterminated <a@b>", Cow::Borrowed("unterminated <a@b>"), b""),
                (b"\"\xff\"", Cow::Borrowed("\u{fffd}"), b""),
            ],
        );
        rejects(quoted_string, &[b"", b"x\"y\""]);
    }

    #[test]
    fn cfws_skips_nested_comments_and_folding() {
        assert_eq!(skip_cfws(b" (a (b) c)\r\n x"), b"x");
        assert_eq!(skip_cfws(b"(unterminated"), b"");
        assert_eq!(skip_cfws(b"(a \\) b) y"), b"y");
        assert_eq!(skip_cfws(b"x (a)"), b"x (a)");
    }

    #[test]
    fn cfws_handles_a_megabyte_of_open_parentheses() {
        let deep = vec![b'('; 1 << 20];
        assert_eq!(skip_cfws(&deep), b"");
    }

    #[test]
    fn quoted_string_resolves_quoted_pairs() {
        // Parameter values: the bytes, unquoted.
        let quoted_string = |input| quoted_bytes(input, EscapedLineEnd::Literal);
        assert_eq!(quoted_string(b"\"a\\\"b\" rest"), Ok((&b" rest"[..], Cow::Owned(b"a\"b".to_vec()))));
        assert_eq!(quoted_string(b"\"plain\";"), Ok((&b";"[..], Cow::Borrowed(&b"plain"[..]))));
        assert_eq!(quoted_string(b"\"open"), Ok((&b""[..], Cow::Borrowed(&b"open"[..]))));
        // A folded quoted string unfolds to the text around the line end.
        assert_eq!(
            quoted_string(b"\"simple\r\n boundary\""),
            Ok((&b""[..], Cow::Owned(b"simple boundary".to_vec())))
        );
    }

    #[test]
    fn escaped_line_ends_are_folds_in_header_text_and_characters_in_parameters() {
        for (input, fold, literal) in [
            (&b"\"a\\\r\n b\""[..], &b"a b"[..], &b"a\r b"[..]),
            (b"\"a\\\nb\"", b"ab", b"a\nb"),
            (b"\"open\\", b"open", b"open\\"),
        ] {
            assert_eq!(quoted_bytes(input, EscapedLineEnd::Fold).unwrap().1, fold);
            assert_eq!(quoted_bytes(input, EscapedLineEnd::Literal).unwrap().1, literal);
        }
    }

    #[test]
    fn word_is_atom_or_quoted_string() {
        check(
            word,
            &[(b" Mary ", Cow::Borrowed("Mary"), b""), (b"\"Mary\"Smith", Cow::Borrowed("Mary"), b"Smith")],
        );
        rejects(word, &[b".", b"<a>"]);
    }

    #[test]
    fn phrase_joins_words_like_python() {
        check(
            phrase,
            &[
                (b"Joe Q. Public <", Cow::Borrowed("Joe Q. Public"), b"<"),
                (b"Mary Smith", Cow::Borrowed("Mary Smith"), b""),
                (b"\"Joe\" Smith <", Cow::Borrowed("Joe Smith"), b"<"),
                (b"Joe.\"Smith\"", Cow::Borrowed("Joe.Smith"), b""),
                (b"A(comment)B", Cow::Borrowed("A B"), b""),
                (b"a (c) . b", Cow::Borrowed("a . b"), b""),
                (b"  John    Doe   <", Cow::Borrowed("John Doe"), b"<"),
                (b"a  \"b c\" d:", Cow::Borrowed("a b c d"), b":"),
                (b"\"a\"\"b\"", Cow::Borrowed("ab"), b""),
                (b"Pete(A nice \\) chap) <", Cow::Borrowed("Pete"), b"<"),
                (b"Who? <", Cow::Borrowed("Who?"), b"<"),
            ],
        );
        rejects(phrase, &[b"", b". a", b" <a@b>", b"(c) , x"]);
    }

    #[test]
    fn domain_literal_keeps_brackets() {
        check(
            domain_literal,
            &[
                (b"[192.0.2.1]>", Cow::Borrowed("[192.0.2.1]"), b">"),
                (b" [ IPv6:::1 ] (c),", Cow::Borrowed("[IPv6:::1]"), b","),
                (b"[a\\]b]", Cow::Borrowed("[a]b]"), b""),
            ],
        );
        rejects(domain_literal, &[b"[1.2.3.4", b"[a[b]", b"x[1]"]);
    }
}
