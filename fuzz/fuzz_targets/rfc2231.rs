//! RFC 2231 parameter values: percent-decoding, extended values, section reassembly, and
//! the encoder, each through `encoding::rfc2231` and through `Parameters` on a parsed
//! Content-Type.
//!
//! The data is read three ways. Whole, by `percent_decode_into` (never longer than the
//! input, unchanged without `%`, issues at a `%`; every byte escaped decodes back with no
//! issue) and `decode_extended_value`. As a recipe of up to 8 pieces (flags: extended,
//! section 0-5, none, or a number of up to nine digits; a length; the value), joined and
//! decoded by `decode_param`: issue offsets are section numbers, no larger than the
//! largest; with no charset, and no encoded word where no piece is extended, the text is
//! the joined octets as UTF-8 if valid, else windows-1252; written as `p*N*="..."`
//! parameters of a Content-Type, the parsed `Parameters` give what `decode_param` gives
//! for the pieces the documented rule keeps (RFC 2231 pieces over a plain value; the
//! first plain value alone). And as text (the bytes after the first, which picks a name
//! and a line length) for `encode_param`: each piece fits the line when the line has room
//! for one character, and the pieces, written into a Content-Type, read back as the text.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use mailmime::Message;
use mailmime::encoding::Charset;
use mailmime::encoding::rfc2231::{self, ParamPiece};
use mailmime_fuzz::Recipe;

const NAMES: [&str; 4] = ["filename", "name", "title", "x"];

fn percent(data: &[u8]) {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    rfc2231::percent_decode_into(data, &mut out, &mut issues);
    assert!(out.len() <= data.len(), "percent-decoding grew the input");
    if !data.contains(&b'%') {
        mailmime_fuzz::assert_bytes_eq(data, &out, "percent_decode_into without %");
    }
    for issue in &issues {
        assert_eq!(data.get(issue.offset), Some(&b'%'), "{issue:?} is not at a %");
    }
    let escaped: String = data.iter().map(|b| format!("%{b:02x}")).collect();
    let mut out = Vec::new();
    let mut issues = Vec::new();
    rfc2231::percent_decode_into(escaped.as_bytes(), &mut out, &mut issues);
    assert!(issues.is_empty(), "{issues:?} on well-formed escapes");
    mailmime_fuzz::assert_bytes_eq(data, &out, "percent-decoding every byte escaped");

    let (label, language, octets) = rfc2231::decode_extended_value(data);
    for part in [label, language].into_iter().flatten() {
        assert!(!part.is_empty() && part.trim_ascii() == part, "charset or language {part:?}");
    }
    assert!(octets.len() <= data.len());
}

/// Reads up to 8 pieces; values lose CR and LF, which would end the header line.
fn pieces(recipe: &mut Recipe<'_>) -> Vec<ParamPiece<'static>> {
    (0..recipe.byte() % 9)
        .map(|_| {
            let flags = recipe.byte();
            let section = match (flags >> 1) & 7 {
                6 => None,
                // The parser reads up to nine digits as a section number.
                7 => Some(
                    u32::from_be_bytes([recipe.byte(), recipe.byte(), recipe.byte(), recipe.byte()])
                        % 1_000_000_000,
                ),
                n => Some(u32::from(n)),
            };
            let len = usize::from(recipe.byte());
            let value: Vec<u8> =
                recipe.take(len).iter().copied().filter(|&b| b != b'\r' && b != b'\n').collect();
            ParamPiece { section, extended: flags & 1 == 1, value: Cow::Owned(value) }
        })
        .collect()
}

/// A message whose Content-Type has the parameters `params` (`; a=b; ...`).
fn content_type(params: &[u8]) -> Vec<u8> {
    let mut input = b"Content-Type: application/x-fuzz".to_vec();
    input.extend_from_slice(params);
    input.extend_from_slice(b"\r\n\r\n");
    input
}

fn sections(pieces: &[ParamPiece<'static>]) {
    let mut issues = Vec::new();
    let decoded = rfc2231::decode_param(&mut pieces.to_vec(), &mut issues);
    let largest = pieces.iter().map(|p| p.section.unwrap_or(0) as usize).max().unwrap_or(0);
    for issue in &issues {
        assert!(issue.offset <= largest, "{issue:?}: offsets are section numbers, at most {largest}");
    }
    let mut joined_issues = Vec::new();
    let (label, octets) = rfc2231::join_pieces(&mut pieces.to_vec(), &mut joined_issues);
    // With no charset, and no encoded word to decode (looked for only when no piece is
    // extended): UTF-8 if valid (a leading U+FEFF kept: header text), else windows-1252.
    if label.is_none() && (pieces.iter().any(|p| p.extended) || no_encoded_word(&octets)) {
        let expected = match std::str::from_utf8(&octets) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => Charset::WINDOWS_1252.decode(&octets, &mut Vec::new()),
        };
        assert_eq!(decoded, expected, "decode_param with no charset vs UTF-8, else windows-1252");
    }

    // The same pieces as parameters of a parsed Content-Type.
    let mut raw = Vec::new();
    for p in pieces {
        raw.extend_from_slice(b"; p");
        if let Some(n) = p.section {
            raw.extend_from_slice(format!("*{n}").as_bytes());
        }
        raw.extend_from_slice(if p.extended { b"*=\"" } else { b"=\"" });
        for &b in p.value.iter() {
            if b == b'"' || b == b'\\' {
                raw.push(b'\\');
            }
            raw.push(b);
        }
        raw.push(b'"');
    }
    let input = content_type(&raw);
    let msg = Message::parse(&input).expect("parsing with default options never fails");
    let ct = msg.content_type();
    assert!(ct.is("application/x-fuzz"), "{ct} from {:?}", String::from_utf8_lossy(&input));
    let rfc: Vec<ParamPiece<'static>> =
        pieces.iter().filter(|p| p.section.is_some() || p.extended).cloned().collect();
    let kept = if rfc.is_empty() { pieces.iter().take(1).cloned().collect() } else { rfc };
    let expected = (!kept.is_empty()).then(|| rfc2231::decode_param(&mut kept.clone(), &mut Vec::new()));
    assert_eq!(ct.param("p").as_deref(), expected.as_deref(), "Parameters vs decode_param");
}

/// Whether `octets` hold no `=?` (then `decode_param` does not look for encoded words).
fn no_encoded_word(octets: &[u8]) -> bool {
    !octets.windows(2).any(|w| w == b"=?")
}

fn encoder(data: &[u8]) {
    let mut recipe = Recipe::new(data);
    let choice = recipe.byte();
    let name = NAMES[usize::from(choice & 3)];
    let max_line = usize::from(recipe.byte());
    let text = String::from_utf8_lossy(recipe.rest());
    let written = rfc2231::encode_param(name, &text, max_line);
    assert!(!written.is_empty());
    let limit = max_line.saturating_sub(2);
    for piece in &written {
        assert!(piece.is_ascii() && !piece.bytes().any(|b| b.is_ascii_control()), "{piece:?}");
        if limit >= name.len() + 32 {
            assert!(piece.len() <= limit, "{piece:?} is longer than {limit}");
        }
    }
    let params: String = written.iter().map(|p| format!(";\r\n {p}")).collect();
    let input = content_type(params.as_bytes());
    let msg = Message::parse(&input).expect("parsing with default options never fails");
    assert_eq!(msg.content_type().param(name).as_deref(), Some(&*text), "encode_param wrote {written:?}");
}

fuzz_target!(|data: &[u8]| {
    percent(data);
    let mut recipe = Recipe::new(data);
    sections(&pieces(&mut recipe));
    encoder(data);
});
