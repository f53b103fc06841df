//! Splitting an mbox file (mboxo / mboxrd) into messages.
//!
//! An mbox is messages one after another, each introduced by a separator line that starts
//! with `From ` (the envelope sender and date), with a blank line between one message and
//! the next separator. The rule used here to find separators is:
//!
//! - A line that starts with `From ` is a separator only at the start of the file or
//!   right after a blank line (an empty line, ending in LF or CRLF). Anywhere else it
//!   belongs to the message it is in. mboxo writers leave body lines that start with
//!   `From ` unquoted, so without this rule such a line would split a message in two.
//! - Text before the first line that starts with `From ` is not an mbox message and is
//!   skipped; that first line starts the first message even when no blank line precedes
//!   it (there is no message before it that it could belong to).
//! - The blank line before a separator, and one blank line at the end of the file, are not
//!   part of the message.
//!
//! A body line that starts with `From ` and follows a blank line cannot be told from a
//! separator; mboxrd writers quote such lines (`>From `), and
//! [`MboxMessage::unescaped`] removes that quoting.

use std::borrow::Cow;

use memchr::memmem;

/// One message of an mbox file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MboxMessage<'a> {
    from_line: &'a [u8],
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> MboxMessage<'a> {
    /// The `From ` separator line, without its line end.
    pub fn from_line(&self) -> &'a [u8] {
        self.from_line
    }

    /// The message as stored: after the `From ` line, before the blank line that separates
    /// it from the next message. `>From ` lines are left as they are (mboxo); see
    /// [`unescaped`](Self::unescaped) for mboxrd.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Byte offset of the message (its first byte after the `From ` line) in the file.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The message with mboxrd quoting undone: one `>` removed from every line that starts
    /// with one or more `>` followed by `From `. Borrowed when there is nothing to undo.
    pub fn unescaped(&self) -> Cow<'a, [u8]> {
        let quoted = |line: &[u8]| {
            let gts = line.iter().take_while(|&&b| b == b'>').count();
            gts > 0 && line[gts..].starts_with(b"From ")
        };
        let lines = self.bytes.split_inclusive(|&b| b == b'\n');
        if !lines.clone().any(quoted) {
            return Cow::Borrowed(self.bytes);
        }
        let mut out = Vec::with_capacity(self.bytes.len());
        for line in lines {
            out.extend_from_slice(if quoted(line) { &line[1..] } else { line });
        }
        Cow::Owned(out)
    }
}

/// Iterator over the messages of an mbox, made by [`split_mbox`].
#[derive(Debug, Clone)]
pub struct MboxMessages<'a> {
    input: &'a [u8],
    pos: usize,
}

/// Splits an mbox into its messages.
///
/// A message starts at a line that begins with `From ` at the start of the file or after
/// a blank line (the `From ` line itself is not part of the message); the blank line
/// before the next such line is the separator and is not part of the message either. A
/// `From ` line that does not follow a blank line is part of the message. Lines may end in
/// LF or CRLF. Text before the first line that begins with `From ` is skipped. The
/// [module docs](self) give the rule in full.
///
/// # Examples
///
/// ```
/// use mailmime::{Message, split_mbox};
///
/// let mbox = b"From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nbody 1\n\nFrom b@x Mon Jan  1 00:00:01 2024\nSubject: two\n\n>From here\n";
/// let messages: Vec<_> = split_mbox(mbox).collect();
/// assert_eq!(messages.len(), 2);
/// assert_eq!(messages[0].as_bytes(), b"Subject: one\n\nbody 1\n");
/// assert_eq!(&*messages[1].unescaped(), b"Subject: two\n\nFrom here\n");
/// let msg = Message::parse(messages[1].as_bytes()).unwrap();
/// assert_eq!(msg.headers().get("subject").unwrap().as_bytes(), b" two");
/// ```
pub fn split_mbox(input: &[u8]) -> MboxMessages<'_> {
    let pos = first_from(input).unwrap_or(input.len());
    MboxMessages { input, pos }
}

/// Offset of the first line that begins `From ` (at the start or after a line end).
fn first_from(input: &[u8]) -> Option<usize> {
    if input.starts_with(b"From ") { Some(0) } else { memmem::find(input, b"\nFrom ").map(|p| p + 1) }
}

/// Offset of the next separator in the body that starts at `body_start`: a line that begins
/// `From ` and follows a blank line (`\n` or `\r\n`) of the body.
fn next_separator(input: &[u8], body_start: usize) -> Option<usize> {
    let finder = memmem::Finder::new(b"\nFrom ");
    let mut from = body_start;
    while let Some(found) = finder.find(&input[from..]) {
        let line_start = from + found + 1;
        // The line before `line_start` ends at `line_start - 1`; it is blank when it is
        // that `\n` alone or `\r\n`. Both start at or after `body_start`: the byte before
        // `body_start` is the `From ` line's own `\n`, and that line is never blank.
        let before = &input[body_start.saturating_sub(1)..line_start - 1];
        if before.ends_with(b"\n") || before.ends_with(b"\n\r") {
            return Some(line_start);
        }
        from = line_start;
    }
    None
}

/// `bytes` without its last line when that line is blank (the line before a separator, or
/// at the end of the file).
fn strip_blank_line(bytes: &[u8]) -> &[u8] {
    for blank in [&b"\r\n"[..], b"\n"] {
        if let Some(rest) = bytes.strip_suffix(blank)
            && (rest.is_empty() || rest.ends_with(b"\n"))
        {
            return rest;
        }
    }
    bytes
}

impl<'a> Iterator for MboxMessages<'a> {
    type Item = MboxMessage<'a>;

    fn next(&mut self) -> Option<MboxMessage<'a>> {
        let input = self.input;
        if self.pos >= input.len() {
            return None;
        }
        let start = self.pos;
        let line_len = memchr::memchr(b'\n', &input[start..]).map_or(input.len() - start, |p| p + 1);
        let body_start = start + line_len;
        let end = next_separator(input, body_start).unwrap_or(input.len());
        self.pos = end;
        let bytes = strip_blank_line(&input[body_start..end]);
        let from_line = &input[start..body_start];
        let from_line = from_line.strip_suffix(b"\n").unwrap_or(from_line);
        let from_line = from_line.strip_suffix(b"\r").unwrap_or(from_line);
        Some(MboxMessage { from_line, bytes, offset: body_start })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_mbox_and_leading_junk() {
        let mbox = b"junk\r\nFrom a\r\nA: 1\r\n\r\nx\r\n\r\nFrom b\r\nB: 2\r\n";
        let m: Vec<_> = split_mbox(mbox).collect();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].from_line(), b"From a");
        assert_eq!(m[0].as_bytes(), b"A: 1\r\n\r\nx\r\n");
        assert_eq!(m[1].as_bytes(), b"B: 2\r\n");
        assert_eq!(m[1].offset(), 35);
    }

    #[test]
    fn from_inside_a_line_does_not_split() {
        let mbox = b"From a\nSubject: x From y\n\nsaid From me\n";
        assert_eq!(split_mbox(mbox).count(), 1);
    }

    #[test]
    fn unquoted_from_line_in_body_without_blank_line_does_not_split() {
        // mboxo: the writer left "From " at the start of a body line unquoted.
        for eol in ["\n", "\r\n"] {
            let mbox = format!(
                "From a{eol}S: 1{eol}{eol}Dear all,{eol}From now on we meet on Mondays.{eol}{eol}From b{eol}S: 2{eol}"
            );
            let m: Vec<_> = split_mbox(mbox.as_bytes()).collect();
            assert_eq!(m.len(), 2, "{eol:?}");
            assert_eq!(
                m[0].as_bytes(),
                format!("S: 1{eol}{eol}Dear all,{eol}From now on we meet on Mondays.{eol}").as_bytes()
            );
            assert_eq!(m[1].from_line(), b"From b");
            assert_eq!(m[1].as_bytes(), format!("S: 2{eol}").as_bytes());
        }
    }

    #[test]
    fn from_line_right_after_the_separator_line_is_part_of_the_message() {
        let m: Vec<_> = split_mbox(b"From a\nFrom b\nx\n").collect();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].as_bytes(), b"From b\nx\n");
    }

    #[test]
    fn blank_line_of_either_line_end_before_from_separates() {
        let m: Vec<_> = split_mbox(b"From a\nx\r\n\nFrom b\ny\n\r\nFrom c\n\nFrom d\n\n").collect();
        let bodies: Vec<&[u8]> = m.iter().map(|m| m.as_bytes()).collect();
        assert_eq!(bodies, [&b"x\r\n"[..], b"y\n", b"", b""]);
        assert_eq!(m.iter().map(|m| m.offset()).collect::<Vec<_>>(), [7, 18, 29, 37]);
    }

    #[test]
    fn empty_input_and_no_from_line() {
        assert_eq!(split_mbox(b"").count(), 0);
        assert_eq!(split_mbox(b"Subject: not an mbox\n").count(), 0);
        assert_eq!(split_mbox(b"From only").next().unwrap().as_bytes(), b"");
    }
}
