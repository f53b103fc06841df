//! Charsets: arbitrary bytes decoded under an arbitrary label, the fallback path included.
//!
//! The first byte chooses the label: below 0x40, one of `LABELS` (known names, aliases,
//! odd spellings, unknown ones); otherwise the label is the data up to the first LF and
//! the rest is the bytes. Must hold: `for_label` of a charset's `name()` gives it back;
//! decoding never panics and reports issues inside the input; `decode_with_fallback` and
//! `decode_owned_with_fallback` give the same text and the same issues (with and without
//! the label, both fallbacks); an unknown label reports `UnknownCharset` at 0 and decodes
//! as if there were none; with none, valid UTF-8 comes back as it is (less a BOM). Text
//! that a charset can encode (`try_encode`) decodes back to itself, for the charsets whose
//! encoders are exact inverses of their decoders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailmime::encoding::{Charset, IssueKind, charset};
use mailmime_fuzz::Recipe;

const LABELS: &[&str] = &[
    "utf-8",
    "UTF8",
    "us-ascii",
    "ascii",
    "iso-8859-1",
    "latin1",
    "windows-1252",
    "cp1252",
    "iso-8859-2",
    "iso8859_15",
    "8859-5",
    "iso-8859-8-i",
    "koi8-r",
    "koi8-u",
    "windows-1251",
    "win-1256",
    "cp874",
    "macintosh",
    "x-mac-cyrillic",
    "ibm866",
    "utf-7",
    "unicode-1-1-utf-7",
    "cp65000",
    "utf-16",
    "utf-16le",
    "utf-16be",
    "ucs-2",
    "unicode",
    "shift_jis",
    "sjis",
    "euc-jp",
    "iso-2022-jp",
    "iso-2022-jp-2",
    "gbk",
    "gb2312",
    "gb18030",
    "big5",
    "big5-hkscs",
    "euc-kr",
    "ks_c_5601-1987",
    "cp949",
    "x-unknown",
    "unknown-8bit",
    "x-user-defined",
    "iso-2022-kr",
    "hz-gb-2312",
    "\"utf-8\"",
    " 'latin1' ",
    "no-such-charset",
    "",
    "iso-8859-1:1987",
];

/// Charsets whose encoder writes only what their decoder reads back as the same text
/// (the multi-byte Asian encoders fold some characters, UTF-7 and UTF-16 are checked in
/// their own right and here too).
fn round_trips(cs: Charset) -> bool {
    let name = cs.name();
    !matches!(name, "Shift_JIS" | "EUC-JP" | "ISO-2022-JP" | "gb18030" | "GBK" | "Big5" | "EUC-KR")
}

fuzz_target!(|data: &[u8]| {
    let mut recipe = Recipe::new(data);
    let first = recipe.byte();
    let label: &[u8] = if first < 0x40 {
        LABELS[usize::from(first) % LABELS.len()].as_bytes()
    } else {
        let mut recipe = Recipe::new(data);
        let label = recipe.until(b'\n');
        let bytes = recipe.rest();
        return check(label, bytes);
    };
    check(label, recipe.rest());
});

fn check(label: &[u8], bytes: &[u8]) {
    let known = Charset::for_label(label);
    if let Some(cs) = known {
        assert_eq!(Charset::for_label(cs.name().as_bytes()), Some(cs), "for_label(name()) of {cs:?}");
        let mut issues = Vec::new();
        let text = cs.decode(bytes, &mut issues);
        mailmime_fuzz::assert_issues_in_input(bytes, &issues);
        let mut via = Vec::new();
        let fallback = charset::decode_with_fallback(bytes, Some(label), Charset::WINDOWS_1252, &mut via);
        assert_eq!(fallback, text, "decode_with_fallback with a known label vs decode");
        assert_eq!(via, issues);
    }
    for fallback in [Charset::US_ASCII, Charset::WINDOWS_1252] {
        let mut borrowed_issues = Vec::new();
        let borrowed = charset::decode_with_fallback(bytes, Some(label), fallback, &mut borrowed_issues);
        mailmime_fuzz::assert_issues_in_input(bytes, &borrowed_issues);
        let mut owned_issues = Vec::new();
        let owned =
            charset::decode_owned_with_fallback(bytes.to_vec(), Some(label), fallback, &mut owned_issues);
        assert_eq!(owned, borrowed, "decode_owned_with_fallback vs decode_with_fallback under {label:?}");
        assert_eq!(owned_issues, borrowed_issues, "issues: owned vs borrowed under {label:?}");

        let mut none_issues = Vec::new();
        let none = charset::decode_with_fallback(bytes, None, fallback, &mut none_issues);
        let mut owned_none_issues = Vec::new();
        let owned_none =
            charset::decode_owned_with_fallback(bytes.to_vec(), None, fallback, &mut owned_none_issues);
        assert_eq!(owned_none, none, "decode_owned_with_fallback vs decode_with_fallback, no label");
        assert_eq!(owned_none_issues, none_issues);
        if known.is_none() {
            assert_eq!(
                borrowed_issues.first().map(|i| (i.kind, i.offset)),
                Some((IssueKind::UnknownCharset, 0))
            );
            assert_eq!(borrowed, none, "an unknown label decodes as no label");
            assert_eq!(borrowed_issues[1..], none_issues[..]);
        }
        if let Ok(utf8) = std::str::from_utf8(bytes) {
            assert_eq!(none, utf8.strip_prefix('\u{FEFF}').unwrap_or(utf8), "UTF-8 with no label");
            assert!(none_issues.is_empty());
        }
    }

    let Some(cs) = known else { return };
    let text = String::from_utf8_lossy(bytes);
    if let Some(encoded) = cs.try_encode(&text)
        && round_trips(cs)
    {
        assert_eq!(cs.encode(&text), encoded, "encode vs try_encode of encodable text");
        let mut issues = Vec::new();
        let back = cs.decode(&encoded, &mut issues);
        // A leading BOM is never content when decoding UTF-8 (or sniffing it).
        let expected = if cs.is_utf8() || cs.name() == "x-unknown" {
            text.strip_prefix('\u{FEFF}').unwrap_or(&text)
        } else {
            &text
        };
        assert!(issues.is_empty(), "decoding what {cs:?} encoded reported {issues:?}");
        assert_eq!(back, expected, "decode(encode(x)) under {cs:?}");
    }
}
