//! mbox reading (issue 11):
//!
//! - `MboxReader` gives exactly the messages `split_mbox` gives, and both agree with a
//!   line-by-line model of the separator rule, on generated mboxes read through buffers
//!   as small as one byte;
//! - an mbox of 1,000 generated messages (plain, quoted-printable, base64 and
//!   multipart/alternative bodies, LF and CRLF, unquoted mboxo `From ` lines, mboxrd
//!   `>From ` quoting, a truncated last message) gives back exactly those 1,000 messages
//!   and their decoded text, both ways;
//! - a read error ends the reader after one `Err`.

use std::io::{self, BufReader, Read};

use base64::Engine as _;
use mailmime::{MboxMessage, MboxReader, split_mbox};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Every message of `mbox` through the streaming reader, with a buffer of `capacity` bytes.
fn streamed(mbox: &[u8], capacity: usize) -> Vec<MboxMessage<'static>> {
    MboxReader::new(BufReader::with_capacity(capacity, mbox)).collect::<io::Result<_>>().unwrap()
}

/// The separator rule, written line by line and independently of `src/mbox.rs`: the
/// first line that begins `From ` starts a message, later ones only after a blank line;
/// a message loses one trailing blank line. Gives (from line, message, offset).
fn model(mbox: &[u8]) -> Vec<(Vec<u8>, Vec<u8>, u64)> {
    let is_blank = |line: &[u8]| line == b"\n" || line == b"\r\n";
    let mut messages: Vec<(Vec<u8>, Vec<u8>, u64)> = Vec::new();
    let mut offset = 0u64;
    let mut previous_blank = false;
    for line in mbox.split_inclusive(|&b| b == b'\n') {
        offset += line.len() as u64;
        if line.starts_with(b"From ") && (messages.is_empty() || previous_blank) {
            let from = line.strip_suffix(b"\n").unwrap_or(line);
            let from = from.strip_suffix(b"\r").unwrap_or(from);
            messages.push((from.to_vec(), Vec::new(), offset));
            previous_blank = false;
        } else if let Some((_, body, _)) = messages.last_mut() {
            body.extend_from_slice(line);
            previous_blank = is_blank(line);
        }
    }
    for (_, body, _) in &mut messages {
        let last_line = body.split_inclusive(|&b| b == b'\n').next_back().unwrap_or_default();
        if is_blank(last_line) {
            body.truncate(body.len() - last_line.len());
        }
    }
    messages
}

/// Lines that matter to the separator rule and to mboxrd quoting.
const LINES: &[&str] = &[
    "From a@example.com Thu Jan  1 00:00:00 1970",
    "From ",
    "From",
    "Fro",
    "from lower case",
    ">From quoted",
    ">>From quoted twice",
    "> From not quoting",
    "",
    "\r",
    "Subject: s",
    "text with From inside",
];
const LINE_ENDS: &[&str] = &["\n", "\r\n", ""];

fn generated_mbox() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((0..LINES.len(), 0..LINE_ENDS.len()), 0..40).prop_map(|lines| {
        lines.into_iter().flat_map(|(l, e)| [LINES[l], LINE_ENDS[e]]).collect::<String>().into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/mbox.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn reader_gives_the_messages_split_mbox_gives(mbox in generated_mbox(), capacity in 1usize..17) {
        let split: Vec<MboxMessage<'_>> = split_mbox(&mbox).collect();
        let expected = model(&mbox);
        let got: Vec<_> = split.iter().map(|m| (m.from_line().to_vec(), m.as_bytes().to_vec(), m.offset())).collect();
        prop_assert_eq!(&got, &expected);
        let owned: Vec<MboxMessage<'static>> = split.iter().cloned().map(MboxMessage::into_owned).collect();
        for capacity in [capacity, 8 * 1024] {
            let streamed = streamed(&mbox, capacity);
            prop_assert_eq!(&streamed, &owned);
            for (s, m) in streamed.iter().zip(&split) {
                prop_assert_eq!(s.unescaped(), m.unescaped());
            }
        }
    }
}

/// What generated message `i` holds, to check it after the round trip through an mbox.
struct Generated {
    from_line: String,
    /// The message as an mbox writer is given it (before any quoting).
    message: Vec<u8>,
    /// The text of its plain-text body, decoded.
    text: String,
}

/// Message `i` of the 1,000: one of five body shapes, LF or CRLF line ends.
fn generate(i: usize) -> Generated {
    let eol = if i % 7 == 3 { "\r\n" } else { "\n" };
    let from_line = format!("From sender{i}@example.com Mon Jan  1 00:{:02}:{:02} 2024", i / 60 % 60, i % 60);
    let head = format!(
        "From: Sender {i} <sender{i}@example.com>{eol}Subject: message {i}{eol}Message-ID: <{i}@example.com>{eol}"
    );
    let (headers, body, text) = match i % 5 {
        // mboxo: a body line that begins "From " after a non-blank line, left unquoted.
        0 => {
            let text = format!("Hello {i},{eol}From now on the report is weekly.{eol}{eol}Regards{eol}");
            (String::new(), text.clone(), text)
        }
        // mboxrd: a "From " line after a blank line (quoted by the writer) and a ">From "
        // line (quoted once more).
        1 => {
            let text = format!("Number {i}.{eol}{eol}From here on, quoted.{eol}>From an old reply{eol}");
            (String::new(), text.clone(), text)
        }
        // Quoted-printable UTF-8.
        2 => {
            let text = format!("Caf\u{e9} {i}, na\u{ef}ve r\u{e9}sum\u{e9}.{eol}");
            let body = format!("Caf=C3=A9 {i}, na=C3=AFve r=C3=A9sum=C3=A9.{eol}");
            let headers = format!(
                "Content-Type: text/plain; charset=utf-8{eol}Content-Transfer-Encoding: quoted-printable{eol}"
            );
            (headers, body, text)
        }
        // base64 UTF-8.
        3 => {
            let text = format!("Gr\u{fc}\u{df}e {i} \u{2013} base64 text.");
            let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
            let headers =
                format!("Content-Type: text/plain; charset=utf-8{eol}Content-Transfer-Encoding: base64{eol}");
            (headers, format!("{encoded}{eol}"), text)
        }
        // multipart/alternative: the plain part is the text body.
        _ => {
            let text = format!("Plain {i}{eol}From the multipart.");
            let body = format!(
                "--b{i}{eol}Content-Type: text/plain{eol}{eol}{text}{eol}--b{i}{eol}Content-Type: text/html{eol}{eol}<p>Plain {i}</p>{eol}--b{i}--{eol}"
            );
            (
                format!("MIME-Version: 1.0{eol}Content-Type: multipart/alternative; boundary=\"b{i}\"{eol}"),
                body,
                text,
            )
        }
    };
    let message = format!("{head}{headers}{eol}{body}").into_bytes();
    Generated { from_line, message, text }
}

/// An mboxrd writer, except that it leaves a `From ` line that follows a non-blank line
/// unquoted, as mboxo writers do: the separator rule must keep such lines in the message.
fn write_mbox(messages: &[Generated]) -> Vec<u8> {
    let mut mbox = Vec::new();
    for m in messages {
        mbox.extend_from_slice(m.from_line.as_bytes());
        mbox.push(b'\n');
        let mut previous_blank = true;
        for line in m.message.split_inclusive(|&b| b == b'\n') {
            let gts = line.iter().take_while(|&&b| b == b'>').count();
            if line[gts..].starts_with(b"From ") && (gts > 0 || previous_blank) {
                mbox.push(b'>');
            }
            mbox.extend_from_slice(line);
            previous_blank = line == b"\n" || line == b"\r\n";
        }
        mbox.push(b'\n');
    }
    mbox
}

#[test]
fn thousand_messages_come_back_with_their_text() {
    let mut messages: Vec<Generated> = (0..1_000).map(generate).collect();
    let mut mbox = write_mbox(&messages);
    // Cut the last message (multipart, i = 999) in the middle of its plain-text part: no
    // close delimiter, no final line end, no blank line.
    let cut = memchr::memmem::rfind(&mbox, b"From the multipart.").unwrap() + "From the multi".len();
    mbox.truncate(cut);
    messages.last_mut().unwrap().text = "Plain 999\nFrom the multi".to_owned();
    assert!(mbox.ends_with(b"Plain 999\nFrom the multi"));

    let check = |got: Vec<MboxMessage<'static>>, how: &str| {
        assert_eq!(got.len(), 1_000, "{how}");
        for (i, (m, expected)) in got.iter().zip(&messages).enumerate() {
            assert_eq!(m.from_line(), expected.from_line.as_bytes(), "{how}: message {i}");
            let msg = m.parse().unwrap();
            assert_eq!(msg.subject().as_deref(), Some(format!("message {i}").as_str()), "{how}");
            let text =
                msg.text_body().unwrap_or_else(|| panic!("{how}: message {i} has no text body")).text();
            assert_eq!(text, expected.text, "{how}: message {i}");
            if i < 999 {
                assert_eq!(&*m.unescaped(), expected.message.as_slice(), "{how}: message {i}");
            }
        }
    };
    check(split_mbox(&mbox).map(MboxMessage::into_owned).collect(), "split_mbox");
    check(streamed(&mbox, 8 * 1024), "MboxReader");
    check(streamed(&mbox, 61), "MboxReader, 61-byte buffer");
    // The quoting was really there to undo, and the mboxo lines really were left alone.
    let quoted = split_mbox(&mbox).nth(1).unwrap();
    assert!(
        memchr::memmem::find(quoted.as_bytes(), b"\n>From here on, quoted.\n>>From an old reply\n").is_some()
    );
    let mboxo = split_mbox(&mbox).next().unwrap();
    assert!(memchr::memmem::find(mboxo.as_bytes(), b",\nFrom now on the report is weekly.\n").is_some());
}

/// Gives `data`, then fails.
struct FailAfter<'a> {
    data: &'a [u8],
}

impl Read for FailAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.data.is_empty() {
            return Err(io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn read_error_is_returned_once_and_ends_the_reader() {
    let data = b"From a\nSubject: one\n\nFrom b\nSubject: tw";
    let mut reader = MboxReader::new(BufReader::with_capacity(4, FailAfter { data }));
    assert_eq!(reader.next().unwrap().unwrap().as_bytes(), b"Subject: one\n");
    let err = reader.next().unwrap().unwrap_err();
    assert_eq!(err.to_string(), "disk on fire");
    assert!(reader.next().is_none());
    assert_eq!(reader.position(), data.len() as u64);
}

#[test]
fn reader_skips_text_before_the_first_from_line() {
    let mut mbox = vec![b'x'; 100_000];
    mbox.extend_from_slice(b"\nFromage\nFrom a\nA: 1\n");
    let got = streamed(&mbox, 16);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].from_line(), b"From a");
    assert_eq!(got[0].offset(), 100_016);
}
