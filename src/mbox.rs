//! Splitting an mbox file (mboxo / mboxrd) into messages.

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
/// A message starts at every line that begins with `From ` (the line itself is not part
/// of the message); the blank line before the next `From ` line is the separator and is
/// not part of the message either. Lines may end in LF or CRLF. Text before the first
/// `From ` line is skipped.
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
    let pos = if input.starts_with(b"From ") { 0 } else { next_from(input, 0).unwrap_or(input.len()) };
    MboxMessages { input, pos }
}

/// Offset of the next line start at or after `from` (and after a line end) that begins `From `.
fn next_from(input: &[u8], from: usize) -> Option<usize> {
    memmem::find(&input[from..], b"\nFrom ").map(|p| from + p + 1)
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
        let next = next_from(input, body_start.saturating_sub(1).max(start)).filter(|&n| n >= body_start);
        let end = next.unwrap_or(input.len());
        self.pos = end;
        let mut bytes = &input[body_start..end];
        // Drop the blank separator line before the next message. A message may be that
        // line alone, the line end before it being the From line's.
        if matches!(bytes, b"\n" | b"\r\n") {
            bytes = &bytes[..0];
        }
        for blank in [&b"\r\n\r\n"[..], b"\n\n"] {
            if bytes.ends_with(blank) {
                bytes = &bytes[..bytes.len() - blank.len() / 2];
                break;
            }
        }
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
    fn a_message_that_is_only_the_separator_is_empty() {
        // Found by the `mbox` fuzz target: the blank line after a From line was kept.
        for mbox in [&b"From a\n\nFrom b\nB: 2\n"[..], b"From a\r\n\r\nFrom b\r\nB: 2\r\n"] {
            let m: Vec<_> = split_mbox(mbox).collect();
            assert_eq!(m.len(), 2);
            assert_eq!(m[0].as_bytes(), b"");
            assert_eq!(m[1].from_line(), b"From b");
        }
        assert_eq!(split_mbox(b"From a\n\n").next().unwrap().as_bytes(), b"");
    }

    #[test]
    fn empty_input_and_no_from_line() {
        assert_eq!(split_mbox(b"").count(), 0);
        assert_eq!(split_mbox(b"Subject: not an mbox\n").count(), 0);
        assert_eq!(split_mbox(b"From only").next().unwrap().as_bytes(), b"");
    }
}
