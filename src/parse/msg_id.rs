//! RFC 5322 §3.6.4 message identifiers, read leniently.
//!
//! ```text
//! msg-id    = [CFWS] "<" id-left "@" id-right ">" [CFWS]
//! msg-ids   = 1*msg-id                      ; In-Reply-To, References
//! ```
//!
//! The text between the angle brackets is taken as it is: real mail has ids without `@`,
//! with spaces, or with no brackets at all.

/// Where the ids of a msg-id list are in `text`, as byte ranges of their content (without
/// the brackets, not yet trimmed). A field with no bracketed id gives its words.
pub(crate) fn msg_ids(text: &str) -> Vec<(usize, usize)> {
    let mut ids = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('<') {
        let start = rest + open + 1;
        match text[start..].find('>') {
            Some(close) => {
                ids.push((start, start + close));
                rest = start + close + 1;
            }
            None => break,
        }
    }
    if ids.is_empty() {
        let mut pos = 0;
        for word in text.split_whitespace() {
            let at = pos + text[pos..].find(word).unwrap_or(0);
            ids.push((at, at + word.len()));
            pos = at + word.len();
        }
    }
    ids
}

/// The first range [`msg_ids`] gives, found without collecting the others.
pub(crate) fn first_msg_id(text: &str) -> Option<(usize, usize)> {
    // A byte search: ids are short, and `<` and `>` are ASCII, so never inside a character.
    let bytes = text.as_bytes();
    if let Some(open) = bytes.iter().position(|&b| b == b'<') {
        let start = open + 1;
        if let Some(close) = bytes[start..].iter().position(|&b| b == b'>') {
            return Some((start, start + close));
        }
    }
    let word = text.split_whitespace().next()?;
    let at = word.as_ptr() as usize - text.as_ptr() as usize;
    Some((at, at + word.len()))
}

/// The content of the first msg-id in `text`: between `<` and `>` (or to the end when the
/// `>` is missing), else the whole text, trimmed.
pub(crate) fn msg_id(text: &str) -> &str {
    match text.find('<') {
        Some(open) => match text[open + 1..].find('>') {
            Some(close) => text[open + 1..open + 1 + close].trim(),
            None => text[open + 1..].trim(),
        },
        None => text.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_ids_are_found_in_order() {
        let text = "<a@x> (comment) <b@y>";
        let ids: Vec<&str> = msg_ids(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(ids, ["a@x", "b@y"]);
    }

    #[test]
    fn ids_without_brackets_are_the_words() {
        let text = "a@x  b@y";
        let ids: Vec<&str> = msg_ids(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(ids, ["a@x", "b@y"]);
        // An unclosed bracket is no msg-id: the field's word is taken as it is.
        assert_eq!(msg_ids("<unterminated"), [(0, 13)]);
    }

    #[test]
    fn the_first_id_is_the_first_of_all_ids() {
        let cases = [
            "<a@x> (comment) <b@y>",
            "  <a@x>",
            "a@x  b@y",
            " \u{a0}a@x b@y",
            "<unterminated",
            "x <unterminated",
            "(c) <a@x",
            "a> <b",
            "<>",
            "<<a>>",
            "",
            "   ",
            "\u{2003}",
            "é <ü@x>",
        ];
        for text in cases {
            assert_eq!(first_msg_id(text), msg_ids(text).first().copied(), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_first_id_agrees_with_msg_ids(text in "[<>a@ \t\u{a0}\u{2003}é(]{0,24}") {
            proptest::prop_assert_eq!(first_msg_id(&text), msg_ids(&text).first().copied());
        }
    }

    #[test]
    fn first_id_drops_comments_and_brackets() {
        assert_eq!(msg_id("(logo) <logo@example.com> (png)"), "logo@example.com");
        assert_eq!(msg_id("< spaced@x >"), "spaced@x");
        assert_eq!(msg_id("<open@x"), "open@x");
        assert_eq!(msg_id("  bare@x "), "bare@x");
    }
}
