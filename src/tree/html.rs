//! The two conversions behind `body_text()` and `body_html()`: HTML to the text a
//! reader would see, and plain text to HTML that shows it as written; and the `cid:`
//! references an HTML body makes to the parts beside it. Each is a single pass over its
//! input.

/// The text of an HTML document: tags dropped, `script` and `style` contents dropped,
/// block elements (`p`, `div`, `br`, `li`, `tr`, headings, ...) as line breaks, runs of
/// white space as one space, character references decoded.
pub(crate) fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find(['<', '&']) {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with('&') {
            let (text, used) = reference(rest);
            out.push_str(&text);
            rest = &rest[used..];
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // An unclosed `<`: the rest is text.
            push_text(&mut out, rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            // Skip to the matching end tag (or the end).
            rest = end_tag(rest, &name).map_or("", |at| &rest[at..]);
            continue;
        }
        let block = matches!(
            name.as_str(),
            "br" | "p"
                | "div"
                | "li"
                | "tr"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "pre"
                | "table"
                | "ul"
                | "ol"
                | "hr"
        );
        if block && !out.is_empty() && !out.ends_with('\n') {
            if out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
        }
    }
    push_text(&mut out, rest);
    out.trim().to_owned()
}

/// Where the first `</name` (any case) starts in `html`.
fn end_tag(html: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = html[from..].find("</") {
        let start = from + at;
        let after = &html.as_bytes()[start + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(start);
        }
        from = start + 2;
    }
    None
}

/// Appends text between tags, its runs of white space as one space (HTML renders them
/// so), without starting a line with one.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// The text of the character reference at the start of `input` and its length; a `&`
/// that starts no known reference is itself.
fn reference(input: &str) -> (String, usize) {
    let Some(end) = input[1..].find(';').map(|i| i + 1).filter(|&i| i <= 12) else {
        return ("&".to_owned(), 1);
    };
    let name = &input[1..end];
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => None,
    };
    let numeric = || {
        let digits = name.strip_prefix('#')?;
        let code = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => digits.parse().ok()?,
        };
        char::from_u32(code).filter(|c| !crate::encoding::safe::is_unsafe_control(*c) || *c == '\n')
    };
    match named.or_else(numeric) {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".to_owned(), 1),
    }
}

/// HTML that shows `text` as written: special characters escaped, line breaks kept,
/// in a `<pre>` block.
pub(crate) fn from_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 16);
    out.push_str("<pre>");
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out.push_str("</pre>");
    out
}

/// The Content-IDs an HTML document refers to with `cid:` URLs (RFC 2392: `src="cid:..."`,
/// `url(cid:...)`, unquoted attribute values), without the scheme, percent-decoded and
/// lowercased, in order, repeats included. A URL ends at a quote, parenthesis, angle
/// bracket or white space; the scheme is matched in any case.
pub(crate) fn cid_references(html: &str) -> Vec<String> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr::memchr(b':', &bytes[from..]) {
        let colon = from + found;
        from = colon + 1;
        let Some(start) = colon.checked_sub(3) else { continue };
        let scheme_alone = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if !scheme_alone || !bytes[start..colon].eq_ignore_ascii_case(b"cid") {
            continue;
        }
        let url = &bytes[from..];
        let end = url
            .iter()
            .position(|&b| matches!(b, b'"' | b'\'' | b'(' | b')' | b'<' | b'>') || b.is_ascii_whitespace())
            .unwrap_or(url.len());
        if end > 0 {
            let mut id = Vec::with_capacity(end);
            crate::encoding::rfc2231::percent_decode_into(&url[..end], &mut id, &mut Vec::new());
            out.push(String::from_utf8_lossy(&id).to_lowercase());
        }
        from += end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cid_references_are_found_in_attributes_and_styles() {
        let html = "<img src=\"cid:logo@example.com\"><td style='background: url(CID:bg%40x)'>\
                    <img src=cid:plain alt=x> cid: <a href=\"mycid:no\">x</a><img src='cid:A%2Fb'>";
        assert_eq!(cid_references(html), ["logo@example.com", "bg@x", "plain", "a/b"]);
        assert!(cid_references("").is_empty());
        assert!(cid_references(":cid:").is_empty());
        assert_eq!(cid_references("cid:x"), ["x"]);
    }

    #[test]
    fn html_becomes_the_text_a_reader_sees() {
        let html = "<html><head><style>p { color: red }</style><title>t</title></head>\
                    <body><p>Hello&nbsp;<b>world</b> &amp; friends,</p><p>line  two<br>three</p>\
                    <script>alert('x')</script><ul><li>a</li><li>b &#233; &#xE9; &bogus; &</li></ul></body></html>";
        assert_eq!(to_text(html), "t\nHello world & friends,\nline two\nthree\na\nb é é &bogus; &");
    }

    #[test]
    fn odd_html_is_read_without_panicking() {
        assert_eq!(to_text("a < b"), "a < b");
        assert_eq!(to_text("<script>never closed"), "");
        assert_eq!(to_text("<SCRIPT>x</a></Script>after"), "after");
        assert_eq!(to_text("&#1114112; &#x0; x"), "&#1114112; &#x0; x");
        assert_eq!(to_text(""), "");
    }

    #[test]
    fn text_becomes_html_that_shows_it() {
        assert_eq!(from_text("a < b & \"c\"\nnext"), "<pre>a &lt; b &amp; &quot;c&quot;\nnext</pre>");
    }
}
