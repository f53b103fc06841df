//! Splitting an mbox file (mboxo / mboxrd) into messages: [`split_mbox`] for an mbox in
//! memory, [`MboxReader`] for a stream. Both find separators by the rule documented on
//! [`split_mbox`] (this module is private, so that is where users read it).

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead};
use std::iter::FusedIterator;
use std::mem;
use std::sync::Arc;

use memchr::memmem;

use crate::bytes::Bytes;
use crate::error::Error;
use crate::options::ParseOptions;
use crate::tree::Message;

/// One message of an mbox file: its `From ` line and the message bytes.
///
/// [`split_mbox`] gives messages that borrow the mbox (`MboxMessage<'a>`);
/// [`into_owned`](Self::into_owned) gives one that owns its bytes (`MboxMessage<'static>`).
///
/// # Parsing a message
///
/// [`parse`](Self::parse) undoes the mboxrd quoting and parses the result. The
/// [`Message`] it returns borrows the mbox, not this `MboxMessage`, so it may outlive it:
///
/// ```
/// use mailmime::split_mbox;
///
/// let mbox = b"From a@x Mon Jan  1 00:00:00 2024\nSubject: hi\n\n>From the start\n";
/// let messages: Vec<_> = split_mbox(mbox).filter_map(|m| m.parse().ok()).collect();
/// assert_eq!(messages[0].subject().as_deref(), Some("hi"));
/// assert_eq!(messages[0].body().as_leaf().unwrap().as_bytes(), b"From the start\n");
/// # Ok::<(), mailmime::Error>(())
/// ```
///
/// `Message::parse(&m.unescaped())` does not compile: the unescaped bytes are a temporary
/// that is dropped at the end of the statement while the message still borrows them
/// (error E0716). Call [`parse`](Self::parse) instead, or keep the bytes in a variable
/// that outlives the message:
///
/// ```compile_fail,E0716
/// # let mbox = b"From a\nSubject: hi\n\nbody\n";
/// # let m = mailmime::split_mbox(mbox).next().unwrap();
/// let msg = mailmime::Message::parse(&m.unescaped())?;
/// println!("{:?}", msg.subject());
/// # Ok::<(), mailmime::Error>(())
/// ```
///
/// ```
/// # let mbox = b"From a\nSubject: hi\n\nbody\n";
/// # let m = mailmime::split_mbox(mbox).next().unwrap();
/// let bytes = m.unescaped();
/// let msg = mailmime::Message::parse(&bytes)?;
/// assert_eq!(msg.subject().as_deref(), Some("hi"));
/// # Ok::<(), mailmime::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct MboxMessage<'a> {
    /// The `From ` line with its line end, then the message (without the blank line after it).
    record: Bytes<'a>,
    /// Length of the `From ` line without its line end.
    from_line_len: usize,
    /// Where the message starts in `record`.
    body_start: usize,
    /// Offset of the message's first byte in the mbox.
    offset: u64,
}

impl<'a> MboxMessage<'a> {
    /// The message whose record (`From ` line, message, and the blank line that may end it)
    /// starts at `record_offset` in the mbox. Shared by [`split_mbox`] and the reader, so
    /// both cut a record the same way.
    fn from_record(record: Bytes<'a>, record_offset: u64) -> Self {
        let line = memchr::memchr(b'\n', &record).map_or(record.len(), |p| p + 1);
        let from_line = &record[..line];
        let from_line = from_line.strip_suffix(b"\n").unwrap_or(from_line);
        let from_line = from_line.strip_suffix(b"\r").unwrap_or(from_line);
        let from_line_len = from_line.len();
        let body_len = strip_blank_line(&record[line..]).len();
        let record = record.slice(0..line + body_len);
        MboxMessage { record, from_line_len, body_start: line, offset: record_offset + line as u64 }
    }

    /// The `From ` separator line, without its line end.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = mailmime::split_mbox(b"From a@x Mon Jan  1 00:00:00 2024\r\nSubject: hi\r\n").next().unwrap();
    /// assert_eq!(m.from_line(), b"From a@x Mon Jan  1 00:00:00 2024");
    /// ```
    pub fn from_line(&self) -> &[u8] {
        &self.record[..self.from_line_len]
    }

    /// The message as stored: after the `From ` line, before the blank line that separates
    /// it from the next message. `>From ` lines are left as they are (mboxo); see
    /// [`unescaped`](Self::unescaped) for mboxrd.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = mailmime::split_mbox(b"From a\nSubject: hi\n\n>From here\n\n").next().unwrap();
    /// assert_eq!(m.as_bytes(), b"Subject: hi\n\n>From here\n");
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.record[self.body_start..]
    }

    /// Byte offset of the message (its first byte after the `From ` line) in the file.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = mailmime::split_mbox(b"From a\nSubject: hi\n").next().unwrap();
    /// assert_eq!(m.offset(), 7);
    /// ```
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The message with mboxrd quoting undone: one `>` removed from every line that starts
    /// with one or more `>` followed by `From `. Borrowed when there is nothing to undo.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = mailmime::split_mbox(b"From a\nSubject: hi\n\n>From here\n>>From there\n").next().unwrap();
    /// assert_eq!(&*m.unescaped(), b"Subject: hi\n\nFrom here\n>From there\n");
    /// ```
    pub fn unescaped(&self) -> Cow<'_, [u8]> {
        unescape(self.as_bytes())
    }

    /// Parses the [`unescaped`](Self::unescaped) message with the default
    /// [`ParseOptions`].
    ///
    /// The message borrows what this `MboxMessage` borrows (the mbox given to
    /// [`split_mbox`]), not the `MboxMessage` itself. When there is no quoting to undo
    /// nothing is copied; otherwise the unescaped bytes are owned by the message. For a
    /// `MboxMessage<'static>` the message is `Message<'static>` and shares its bytes.
    ///
    /// # Errors
    ///
    /// As [`Message::parse`]: only for a message of 4 GiB or more.
    ///
    /// # Examples
    ///
    /// ```
    /// let mbox = b"From a\nSubject: hi\n\n>From me\n";
    /// let msg = mailmime::split_mbox(mbox).next().unwrap().parse()?;
    /// assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), b"From me\n");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn parse(&self) -> Result<Message<'a>, Error> {
        self.parse_with(&ParseOptions::default())
    }

    /// Parses the [`unescaped`](Self::unescaped) message with the given options (see
    /// [`parse`](Self::parse)).
    ///
    /// # Errors
    ///
    /// As [`Message::parse_with`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{ParseOptions, split_mbox};
    ///
    /// let m = split_mbox(b"From a\nSubject: hi\n\nbody\n").next().unwrap();
    /// let msg = m.parse_with(&ParseOptions::default())?;
    /// assert_eq!(msg.to_bytes(), m.as_bytes());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn parse_with(&self, options: &ParseOptions) -> Result<Message<'a>, Error> {
        match (unescape(self.as_bytes()), &self.record) {
            (Cow::Owned(unquoted), _) => {
                let len = unquoted.len();
                Message::parse_shared(Arc::new(unquoted), 0..len, options)
            }
            (Cow::Borrowed(_), Bytes::Borrowed(record)) => {
                let record: &'a [u8] = record;
                Message::parse_with(&record[self.body_start..], options)
            }
            (Cow::Borrowed(_), Bytes::Shared(buf, range)) => {
                Message::parse_shared(buf.clone(), range.start + self.body_start..range.end, options)
            }
        }
    }

    /// The message with no borrow of the mbox: its bytes are copied once (not at all when
    /// they are owned already).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{MboxMessage, split_mbox};
    ///
    /// let owned: Vec<MboxMessage<'static>> = {
    ///     let mbox = b"From a\nSubject: one\n\nFrom b\nSubject: two\n".to_vec();
    ///     split_mbox(&mbox).map(MboxMessage::into_owned).collect()
    /// };
    /// assert_eq!(owned[1].as_bytes(), b"Subject: two\n");
    /// ```
    pub fn into_owned(self) -> MboxMessage<'static> {
        let record = match self.record {
            Bytes::Borrowed(b) => Bytes::from(b.to_vec()),
            Bytes::Shared(buf, range) => Bytes::Shared(buf, range),
        };
        MboxMessage { record, ..self }
    }
}

impl fmt::Debug for MboxMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MboxMessage")
            .field("from_line", &String::from_utf8_lossy(self.from_line()))
            .field("offset", &self.offset)
            .field("len", &self.as_bytes().len())
            .finish()
    }
}

/// `bytes` with one `>` removed from every line that starts with `>`s and then `From `.
fn unescape(bytes: &[u8]) -> Cow<'_, [u8]> {
    let quoted = |line: &[u8]| {
        let gts = line.iter().take_while(|&&b| b == b'>').count();
        gts > 0 && line[gts..].starts_with(b"From ")
    };
    let lines = bytes.split_inclusive(|&b| b == b'\n');
    if !lines.clone().any(quoted) {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len());
    for line in lines {
        out.extend_from_slice(if quoted(line) { &line[1..] } else { line });
    }
    Cow::Owned(out)
}

/// Iterator over the messages of an mbox, made by [`split_mbox`].
///
/// # Examples
///
/// ```
/// use mailmime::{MboxMessages, split_mbox};
///
/// let mbox = b"From a@example.com Mon Jan  1 00:00:00 2024\nSubject: one\n\n1\n\n\
/// From b@example.com Mon Jan  1 00:00:01 2024\nSubject: two\n\n2\n";
/// let messages: MboxMessages<'_> = split_mbox(mbox);
/// let separators: Vec<String> =
///     messages.map(|m| String::from_utf8_lossy(m.from_line()).into_owned()).collect();
/// assert_eq!(
///     separators,
///     ["From a@example.com Mon Jan  1 00:00:00 2024", "From b@example.com Mon Jan  1 00:00:01 2024"]
/// );
/// ```
#[derive(Debug, Clone)]
pub struct MboxMessages<'a> {
    input: &'a [u8],
    pos: usize,
}

/// Splits an mbox into its messages.
///
/// Each message is given with its `From ` line, its bytes and its offset; the `From ` line
/// and the blank line after the message are not part of the message. Lines may end in LF
/// or CRLF. [`MboxReader`] does the same on a stream.
///
/// # The separator rule
///
/// An mbox is messages one after another, each introduced by a separator line that starts
/// with `From ` (the envelope sender and date), with a blank line between one message and
/// the next separator. The rule used here to find separators is:
///
/// - A line that starts with `From ` is a separator only at the start of the file or
///   right after a blank line (an empty line, ending in LF or CRLF). Anywhere else it
///   belongs to the message it is in. mboxo writers leave body lines that start with
///   `From ` unquoted, so without this rule such a line would split a message in two.
/// - Text before the first line that starts with `From ` is not an mbox message and is
///   skipped; that first line starts the first message even when no blank line precedes
///   it (there is no message before it that it could belong to).
/// - The blank line before a separator, and one blank line at the end of the file, are not
///   part of the message.
///
/// A body line that starts with `From ` and follows a blank line cannot be told from a
/// separator; mboxrd writers quote such lines (`>From `), and
/// [`MboxMessage::unescaped`] removes that quoting.
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
///
/// // An unquoted "From " line after a non-blank line stays in its message (mboxo).
/// let mboxo = b"From a\nSubject: one\n\nHi,\nFrom now on: Mondays.\n\nFrom b\nSubject: two\n";
/// let messages: Vec<_> = split_mbox(mboxo).collect();
/// assert_eq!(messages.len(), 2);
/// assert_eq!(messages[0].as_bytes(), b"Subject: one\n\nHi,\nFrom now on: Mondays.\n");
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
        let end = next_separator(input, start + line_len).unwrap_or(input.len());
        self.pos = end;
        Some(MboxMessage::from_record(Bytes::Borrowed(&input[start..end]), start as u64))
    }
}

/// Reads the messages of an mbox from a stream, one at a time.
///
/// The streaming counterpart of [`split_mbox`]: on the same bytes it gives the same
/// messages (same `From ` lines, bytes and offsets), by the same separator rule (see
/// [`split_mbox`](split_mbox#the-separator-rule)), without reading the whole mbox into memory. It holds one message
/// at a time, so its memory is bounded by the largest message, not by the file. Each item
/// is an owned [`MboxMessage<'static>`](MboxMessage), which
/// [`parse`](MboxMessage::parse)s into a `Message<'static>` sharing its bytes.
///
/// Give it any [`BufRead`]: a [`BufReader`](std::io::BufReader) around a file, locked
/// stdin, or a byte slice.
///
/// # Errors
///
/// An item is `Err` when reading fails. The message being read when that happened is lost,
/// and the reader yields nothing after the error.
///
/// # Examples
///
/// ```
/// use std::io::BufReader;
/// use mailmime::MboxReader;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let mbox: &[u8] = b"From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nHi,\nFrom now on, mboxo.\n\n\
/// From b@x Mon Jan  1 00:00:01 2024\nSubject: two\n\n>From here\n";
/// // With a file: MboxReader::new(BufReader::new(File::open(path)?))
/// let mut subjects = Vec::new();
/// for m in MboxReader::new(BufReader::new(mbox)) {
///     let msg = m?.parse()?;
///     subjects.push(msg.subject().unwrap().into_owned());
/// }
/// assert_eq!(subjects, ["one", "two"]);
/// # Ok(())
/// # }
/// ```
pub struct MboxReader<R> {
    reader: R,
    /// The `From ` line of the message being read and the lines read after it.
    record: Vec<u8>,
    /// Offset in the stream of `record`'s first byte.
    record_offset: u64,
    /// Whether the last line in `record` is blank, so that a `From ` line next separates.
    last_blank: bool,
    /// Bytes consumed from `reader`.
    position: u64,
    state: ReaderState,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReaderState {
    /// Before the first `From ` line.
    Start,
    /// `record` holds a `From ` line and what followed it so far.
    InMessage,
    /// End of input or an error.
    Done,
}

impl<R: BufRead> MboxReader<R> {
    /// A reader of the mbox that `reader` gives.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut reader = mailmime::MboxReader::new(&b"From a\nSubject: hi\n"[..]);
    /// assert_eq!(reader.next().unwrap()?.as_bytes(), b"Subject: hi\n");
    /// assert!(reader.next().is_none());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(reader: R) -> Self {
        MboxReader {
            reader,
            record: Vec::new(),
            record_offset: 0,
            last_blank: false,
            position: 0,
            state: ReaderState::Start,
        }
    }

    /// How many bytes have been read from the stream so far: for progress reports. It is
    /// at most one line past the end of the last message returned.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut reader = mailmime::MboxReader::new(&b"junk\nFrom a\nA: 1\n\nFrom b\nB: 2\n"[..]);
    /// reader.next();
    /// // The first message ends where "From b\n" starts; the reader has read that line too.
    /// assert_eq!(reader.position(), 25);
    /// ```
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Skips the lines before the first that begins `From `, keeping at most one buffer of
    /// them in memory, and leaves that line in `record`. False at the end of input.
    fn find_first_from(&mut self) -> io::Result<bool> {
        const FROM: &[u8] = b"From ";
        // How much of "From " the current line has matched so far; None once it has not.
        let mut matched = Some(0);
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(false);
            }
            let mut i = 0;
            let mut found = false;
            while i < buf.len() {
                if let Some(k) = matched {
                    if buf[i] == FROM[k] {
                        i += 1;
                        matched = Some(k + 1);
                        if k + 1 == FROM.len() {
                            found = true;
                            break;
                        }
                        continue;
                    }
                    matched = None;
                }
                match memchr::memchr(b'\n', &buf[i..]) {
                    Some(p) => {
                        i += p + 1;
                        matched = Some(0);
                    }
                    None => i = buf.len(),
                }
            }
            self.reader.consume(i);
            self.position += i as u64;
            if found {
                self.record_offset = self.position - FROM.len() as u64;
                self.record.extend_from_slice(FROM);
                self.read_line()?;
                return Ok(true);
            }
        }
    }

    /// Appends the next line to `record` and counts it, also when reading fails part way.
    fn read_line(&mut self) -> io::Result<usize> {
        let before = self.record.len();
        let result = self.reader.read_until(b'\n', &mut self.record);
        self.position += (self.record.len() - before) as u64;
        result
    }

    /// Reads lines until the next separator or the end of input, and returns the message
    /// they complete.
    fn read_message(&mut self) -> io::Result<MboxMessage<'static>> {
        loop {
            let line_start = self.record.len();
            let n = self.read_line()?;
            let line = &self.record[line_start..];
            if n == 0 || (self.last_blank && line.starts_with(b"From ")) {
                let next = self.record.split_off(line_start);
                let record = mem::replace(&mut self.record, next);
                let message = MboxMessage::from_record(Bytes::from(record), self.record_offset);
                self.record_offset = self.position - n as u64;
                self.last_blank = false;
                if n == 0 {
                    self.state = ReaderState::Done;
                }
                return Ok(message);
            }
            self.last_blank = line == b"\n" || line == b"\r\n";
        }
    }
}

impl<R: BufRead> Iterator for MboxReader<R> {
    type Item = io::Result<MboxMessage<'static>>;

    fn next(&mut self) -> Option<Self::Item> {
        let result = match self.state {
            ReaderState::Done => return None,
            ReaderState::Start => match self.find_first_from() {
                Ok(true) => {
                    self.state = ReaderState::InMessage;
                    self.read_message()
                }
                Ok(false) => {
                    self.state = ReaderState::Done;
                    return None;
                }
                Err(e) => Err(e),
            },
            ReaderState::InMessage => self.read_message(),
        };
        if result.is_err() {
            self.state = ReaderState::Done;
            self.record = Vec::new();
        }
        Some(result)
    }
}

impl<R: BufRead> FusedIterator for MboxReader<R> {}

impl<R> fmt::Debug for MboxReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MboxReader").field("position", &self.position).finish_non_exhaustive()
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

    /// Whether `inner` lies inside `outer`'s memory.
    fn inside(inner: &[u8], outer: &[u8]) -> bool {
        let outer = outer.as_ptr_range();
        outer.start <= inner.as_ptr() && inner.as_ptr_range().end <= outer.end
    }

    #[test]
    fn parse_borrows_the_mbox_unless_it_undoes_quoting() {
        let cases: [(&[u8], &[u8], bool); 2] = [
            (b"From a\nSubject: one\n\nplain body\n", b"plain body\n", true),
            (b"From a\nSubject: one\n\n>From x\n>>From y\n> From z\n", b"From x\n>From y\n> From z\n", false),
        ];
        for (mbox, expected, borrows) in cases {
            let msg = split_mbox(mbox).next().unwrap().parse().unwrap();
            let body = msg.body().as_leaf().unwrap().as_bytes();
            assert_eq!(body, expected);
            assert_eq!(inside(body, mbox), borrows);
        }
    }

    #[test]
    fn owned_message_parses_into_a_message_sharing_its_bytes() {
        let owned = split_mbox(b"From a\r\nSubject: two\r\n\r\nbody\r\n\r\n").next().unwrap().into_owned();
        assert_eq!(owned.from_line(), b"From a");
        assert_eq!(owned.as_bytes(), b"Subject: two\r\n\r\nbody\r\n");
        assert_eq!(owned.offset(), 8);
        let msg: Message<'static> = owned.parse().unwrap();
        assert_eq!(msg.subject().as_deref(), Some("two"));
        assert!(inside(msg.body().as_leaf().unwrap().as_bytes(), owned.as_bytes()));
        assert_eq!(msg.to_bytes(), owned.as_bytes());
    }

    #[test]
    fn empty_input_and_no_from_line() {
        assert_eq!(split_mbox(b"").count(), 0);
        assert_eq!(split_mbox(b"Subject: not an mbox\n").count(), 0);
        assert_eq!(split_mbox(b"From only").next().unwrap().as_bytes(), b"");
    }
}
