//! RFC 2047 encoded words. On arbitrary bytes, `decode_text` and `decode_phrase` never
//! panic, their issues point into the input, text with no `=?` that is UTF-8 comes back
//! borrowed and unchanged, and a phrase with no quote or backslash decodes as text. The
//! fuzz data read as text (lossily) goes through `encode_text` and `encode_word_phrase`:
//! what they write is ASCII, folded only with CRLF + white space, in encoded words of at
//! most 75 characters, and decodes (unfolded) back to the text.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use mailmime::encoding::encoded_word;
use mailmime_fuzz::Recipe;

/// Asserts that `written` is ASCII with no control character but TAB and CRLF folds
/// (CRLF followed by SPACE or TAB), and that every encoded word in it is at most 75
/// characters long. Returns it unfolded.
fn check_written(written: &str) -> String {
    let bytes = written.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let fold = match b {
            b'\r' => bytes.get(i + 1) == Some(&b'\n') && matches!(bytes.get(i + 2), Some(b' ' | b'\t')),
            b'\n' => i > 0 && bytes[i - 1] == b'\r',
            _ => true,
        };
        assert!(fold, "a line end that is not a fold at {i} in {written:?}");
        assert!(b == b'\t' || b == b'\r' || b == b'\n' || (0x20..0x7F).contains(&b), "byte {b:#x} written");
    }
    for word in written.split([' ', '\t', '\r', '\n']).filter(|w| w.starts_with("=?UTF-8?")) {
        assert!(word.len() <= 75, "an encoded word of {} characters: {word}", word.len());
    }
    written.replace("\r\n", "")
}

fuzz_target!(|data: &[u8]| {
    let mut issues = Vec::new();
    let text = encoded_word::decode_text(data, &mut issues);
    mailmime_fuzz::assert_issues_in_input(data, &issues);
    if let Ok(plain) = std::str::from_utf8(data)
        && !plain.contains("=?")
    {
        assert!(matches!(text, Cow::Borrowed(_)), "text with no encoded word was copied");
        assert_eq!(text, plain, "text with no encoded word changed");
    }
    let mut phrase_issues = Vec::new();
    let phrase = encoded_word::decode_phrase(data, &mut phrase_issues);
    mailmime_fuzz::assert_issues_in_input(data, &phrase_issues);
    if !data.contains(&b'"') && !data.contains(&b'\\') {
        assert_eq!(phrase, text, "a phrase with nothing to unquote decodes as text");
        assert_eq!(phrase_issues, issues);
    }

    // The first byte says how much of the first line is used already.
    let mut recipe = Recipe::new(data);
    let used = usize::from(recipe.byte() % 80);
    let original = String::from_utf8_lossy(recipe.rest());
    let written = encoded_word::encode_text(&original, used);
    let unfolded = check_written(&written);
    let mut issues = Vec::new();
    assert_eq!(
        encoded_word::decode_text(unfolded.as_bytes(), &mut issues),
        original,
        "decode(encode_text(x))"
    );

    let written = encoded_word::encode_word_phrase(&original, used);
    let unfolded = check_written(&written);
    if written != *original {
        // Changed: the words that needed it are encoded and the result is a phrase as is.
        let mut issues = Vec::new();
        let back = encoded_word::decode_phrase(unfolded.as_bytes(), &mut issues);
        assert_eq!(back, original, "decode_phrase(encode_word_phrase(x)) of {written:?}");
    }
});
