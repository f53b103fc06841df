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
    fn first_id_drops_comments_and_brackets() {
        assert_eq!(msg_id("(logo) <logo@example.com> (png)"), "logo@example.com");
        assert_eq!(msg_id("< spaced@x >"), "spaced@x");
        assert_eq!(msg_id("<open@x"), "open@x");
        assert_eq!(msg_id("  bare@x "), "bare@x");
    }
}
