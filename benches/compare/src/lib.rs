//! The three parsers behind one interface, so the timing run, the memory run and the
//! sanity test all make exactly the same calls.
//!
//! Each parser has a `walk(input, mode)` that does what a user does with a message:
//!
//! - [`Mode::Parse`]: parse; then for the top-level message and every nested message
//!   (`message/rfc822` bodies, at any depth) read the Subject (RFC 2047 decoded), the
//!   address of the first From mailbox, the Date as a UNIX timestamp and the Message-ID;
//!   and for every part, depth-first, read its type and subtype.
//! - [`Mode::Full`]: the same walk, and every leaf body decoded into memory (text leaves
//!   charset-decoded, the others transfer-decoded).
//!
//! Every value read goes into a [`Walk`] (lengths, timestamps, counts) that the caller
//! passes through `std::hint::black_box`, so nothing is optimised away; the test compares
//! the `Walk`s of the three parsers, so the timing compares equal work.
//!
//! | read | mailmime | mail-parser 1.0 | mailparse 0.18 |
//! |---|---|---|---|
//! | parse | `Message::parse` | `MessageParser::new().max_depth(1024).max_parts(100_000).parse` | `parse_mail` |
//! | messages | the root, and `m.root()` of every `Body::Message(m)` in `parts()` | `messages()` | the root, and `parse_mail(get_body_raw())` of every `message/rfc822` / `message/global` part |
//! | Subject | `subject()` | `subject()` | `headers.get_first_value("Subject")` |
//! | From | `from().mailboxes().next()?.address()` | `from()?.first()?.address()` | `addrparse_header(get_first_header("From"))`, first mailbox's `addr` |
//! | Date | `date()?.unix_timestamp()` | `date()?.to_timestamp()` | `dateparse(get_first_value("Date"))` |
//! | Message-ID | `message_id()` | `message_id()` | `get_first_value("Message-ID")`, angle brackets trimmed |
//! | parts | `parts()`, `content_type().main_type()` / `.subtype()` | `parts()`, `content_type()` `.ctype()` / `.subtype()` (text/plain when absent) | recursion over `subparts`, `ctype.mimetype` split at `/` |
//! | full: text leaf | `text()` when `content_type().is_text()` | `text()` (Some for the parts it classifies as text: `text/*` or no Content-Type) | `get_body()` when the type is `text/*` |
//! | full: other leaf | `decoded()` | `decoded()` | `get_body_raw()` |
//!
//! mail-parser's depth and part limits are raised to mailmime's defaults (1,024 and
//! 100,000): with its own default depth of 64 it would stop early on deep nesting and do
//! less work than the others. mailparse does not parse `message/rfc822` bodies itself; a
//! user who wants the nested message's fields parses the decoded body, and so does the
//! walk here.

use std::borrow::Cow;
use std::ops::AddAssign;
use std::path::{Path, PathBuf};

#[path = "../../inputs.rs"]
pub mod inputs;

/// What the walk does besides parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Header fields of every message, type of every part.
    Parse,
    /// That, and every leaf decoded.
    Full,
}

impl Mode {
    /// Both modes, in report order.
    pub const ALL: [Mode; 2] = [Mode::Parse, Mode::Full];

    /// The name used on the command line and in the tables.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Parse => "parse",
            Mode::Full => "full",
        }
    }

    /// The mode called `name`.
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// Everything a walk read, folded into numbers: the result that goes through
/// `black_box`, and what the test compares across parsers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Walk {
    /// Messages whose fields were read: top-level and nested.
    pub messages: usize,
    /// Parts whose type was read, nested messages' root parts included.
    pub parts: usize,
    /// Leaf parts (bodies that are neither multipart nor a nested message).
    pub leaves: usize,
    /// Total length of the decoded Subjects.
    pub subject_bytes: usize,
    /// Total length of the first From addresses.
    pub from_bytes: usize,
    /// Sum of the Date timestamps.
    pub date_sum: i64,
    /// Total length of the Message-IDs (without angle brackets).
    pub message_id_bytes: usize,
    /// Total length of every part's type and subtype.
    pub type_bytes: usize,
    /// Total decoded length of the leaves (full mode): bytes for binary leaves, UTF-8
    /// bytes for text leaves.
    pub decoded_bytes: usize,
}

impl AddAssign for Walk {
    fn add_assign(&mut self, o: Walk) {
        self.messages += o.messages;
        self.parts += o.parts;
        self.leaves += o.leaves;
        self.subject_bytes += o.subject_bytes;
        self.from_bytes += o.from_bytes;
        self.date_sum = self.date_sum.wrapping_add(o.date_sum);
        self.message_id_bytes += o.message_id_bytes;
        self.type_bytes += o.type_bytes;
        self.decoded_bytes += o.decoded_bytes;
    }
}

impl Walk {
    fn message(&mut self, subject: Option<usize>, from: Option<usize>, date: Option<i64>, id: Option<usize>) {
        self.messages += 1;
        self.subject_bytes += subject.unwrap_or(0);
        self.from_bytes += from.unwrap_or(0);
        self.date_sum = self.date_sum.wrapping_add(date.unwrap_or(0));
        self.message_id_bytes += id.unwrap_or(0);
    }

    fn part(&mut self, main: &str, sub: &str) {
        self.parts += 1;
        self.type_bytes += main.len() + sub.len();
    }
}

/// Decoded bodies kept alive for the memory run (`keep` set), or dropped at once (the
/// timing run).
#[derive(Debug, Default)]
pub struct Kept<'a> {
    keep: bool,
    text: Vec<Cow<'a, str>>,
    bytes: Vec<Cow<'a, [u8]>>,
}

impl<'a> Kept<'a> {
    /// A sink that keeps everything it is given.
    pub fn keeping() -> Self {
        Kept { keep: true, ..Kept::default() }
    }

    fn text(&mut self, w: &mut Walk, text: Cow<'a, str>) {
        w.decoded_bytes += text.len();
        if self.keep {
            self.text.push(text);
        }
    }

    fn bytes(&mut self, w: &mut Walk, bytes: Cow<'a, [u8]>) {
        w.decoded_bytes += bytes.len();
        if self.keep {
            self.bytes.push(bytes);
        }
    }
}

/// mailmime.
pub mod mailmime_side {
    use mailmime::{Body, Message, ParseOptions, Part};

    use super::{Kept, Mode, Walk};

    /// Parses with default options.
    pub fn parse(input: &[u8]) -> Option<Message<'_>> {
        Message::parse(input).ok()
    }

    fn fields(m: &Part<'_>, w: &mut Walk) {
        let from = m.from();
        w.message(
            m.subject().map(|s| s.len()),
            from.mailboxes().next().map(|mb| mb.address().len()),
            m.date().map(|d| d.unix_timestamp()),
            m.message_id().map(|id| id.len()),
        );
    }

    /// The walk over a parsed message; decoded bodies go to `kept`.
    pub fn walk_parsed<'m>(msg: &'m Message<'_>, mode: Mode, kept: &mut Kept<'m>) -> Walk {
        let mut w = Walk::default();
        fields(msg.root(), &mut w);
        for part in msg.parts() {
            let ct = part.content_type();
            w.part(ct.main_type(), ct.subtype());
            match part.body() {
                Body::Message(m) => fields(m.root(), &mut w),
                Body::Leaf(_) => {
                    w.leaves += 1;
                    if mode == Mode::Full {
                        if ct.is_text() {
                            kept.text(&mut w, part.text());
                        } else {
                            kept.bytes(&mut w, part.decoded());
                        }
                    }
                }
                _ => {}
            }
        }
        w
    }

    /// Parses and walks; `None` when the parser rejects the input.
    pub fn walk(input: &[u8], mode: Mode) -> Option<Walk> {
        let msg = parse(input)?;
        Some(walk_parsed(&msg, mode, &mut Kept::default()))
    }

    /// [`walk`] with the header limits raised (100,000 fields and 64 MiB per header
    /// block, defaults 10,000 and 1 MiB), for the scaling rows with 20,000 and 40,000
    /// fields: at the defaults the fields beyond the limit become the body.
    pub fn walk_many_headers(input: &[u8], mode: Mode) -> Option<Walk> {
        let options = ParseOptions::default().max_headers(100_000).max_header_bytes(64 << 20);
        let msg = Message::parse_with(input, &options).ok()?;
        Some(walk_parsed(&msg, mode, &mut Kept::default()))
    }
}

/// mail-parser 1.0.
pub mod mail_parser_side {
    use mail_parser::{Message, MessageParser, PartKind};

    use super::{Kept, Mode, Walk};

    /// Parses with the depth and part limits raised to mailmime's defaults.
    pub fn parse(input: &[u8]) -> Option<Message<'_>> {
        MessageParser::new().max_depth(1024).max_parts(100_000).parse(input)
    }

    /// The walk over a parsed message; decoded bodies go to `kept`.
    pub fn walk_parsed<'m>(msg: &'m Message<'_>, mode: Mode, kept: &mut Kept<'m>) -> Walk {
        let mut w = Walk::default();
        for m in msg.messages() {
            w.message(
                m.subject().map(str::len),
                m.from().and_then(|list| list.first()).and_then(|mb| mb.address()).map(str::len),
                m.date().map(|d| d.to_timestamp()),
                m.message_id().map(str::len),
            );
        }
        for part in msg.parts() {
            match part.content_type() {
                Some(ct) => w.part(ct.ctype(), ct.subtype().unwrap_or("")),
                None => w.part("text", "plain"),
            }
            match part.kind() {
                PartKind::Multipart | PartKind::Message(_) => {}
                _ => {
                    w.leaves += 1;
                    if mode == Mode::Full {
                        match part.text() {
                            Some(text) => kept.text(&mut w, text),
                            None => kept.bytes(&mut w, part.decoded()),
                        }
                    }
                }
            }
        }
        w
    }

    /// Parses and walks; `None` when the parser rejects the input.
    pub fn walk(input: &[u8], mode: Mode) -> Option<Walk> {
        let msg = parse(input)?;
        Some(walk_parsed(&msg, mode, &mut Kept::default()))
    }
}

/// mailparse.
pub mod mailparse_side {
    use std::borrow::Cow;

    use mailparse::{MailAddr, MailHeaderMap, ParsedMail, addrparse_header, dateparse, parse_mail};

    use super::{Kept, Mode, Walk};

    /// Nested messages parsed during a memory run, kept with their (leaked) bodies.
    pub type Nested = Vec<ParsedMail<'static>>;

    /// Parses.
    pub fn parse(input: &[u8]) -> Option<ParsedMail<'_>> {
        parse_mail(input).ok()
    }

    fn fields(m: &ParsedMail<'_>, w: &mut Walk) {
        let from = m.headers.get_first_header("From").and_then(|h| addrparse_header(h).ok());
        let first = from.as_ref().and_then(|list| {
            list.iter().find_map(|a| match a {
                MailAddr::Single(info) => Some(info.addr.len()),
                MailAddr::Group(group) => group.addrs.first().map(|info| info.addr.len()),
            })
        });
        w.message(
            m.headers.get_first_value("Subject").map(|s| s.len()),
            first,
            m.headers.get_first_value("Date").and_then(|d| dateparse(&d).ok()),
            m.headers
                .get_first_value("Message-ID")
                .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>').len()),
        );
    }

    fn part<'a>(
        p: &ParsedMail<'a>,
        mode: Mode,
        w: &mut Walk,
        kept: &mut Kept<'a>,
        nested: Option<&mut Nested>,
    ) -> Option<()> {
        let mime = p.ctype.mimetype.as_str();
        let (main, sub) = mime.split_once('/').unwrap_or((mime, ""));
        w.part(main, sub);
        if matches!(mime, "message/rfc822" | "message/global") {
            let body = p.get_body_raw().ok()?;
            match nested {
                Some(keep) => {
                    let body: &'static [u8] = Box::leak(body.into_boxed_slice());
                    let inner = parse_mail(body).ok()?;
                    fields(&inner, w);
                    let mut inner_kept = Kept::keeping();
                    part(&inner, mode, w, &mut inner_kept, Some(keep))?;
                    kept.text.extend(inner_kept.text);
                    kept.bytes.extend(inner_kept.bytes);
                    keep.push(inner);
                }
                None => {
                    let inner = parse_mail(&body).ok()?;
                    fields(&inner, w);
                    part(&inner, mode, w, &mut Kept::default(), None)?;
                }
            }
        } else if p.subparts.is_empty() {
            w.leaves += 1;
            if mode == Mode::Full {
                if main.eq_ignore_ascii_case("text") {
                    kept.text(w, Cow::Owned(p.get_body().ok()?));
                } else {
                    kept.bytes(w, Cow::Owned(p.get_body_raw().ok()?));
                }
            }
        } else {
            let mut nested = nested;
            for sub in &p.subparts {
                part(sub, mode, w, kept, nested.as_deref_mut())?;
            }
        }
        Some(())
    }

    /// The walk over a parsed message; decoded bodies go to `kept`, nested messages to
    /// `nested` when given (else they are dropped after their walk). `None` when a body
    /// cannot be decoded or a nested message not parsed.
    pub fn walk_parsed<'a>(
        msg: &ParsedMail<'a>,
        mode: Mode,
        kept: &mut Kept<'a>,
        nested: Option<&mut Nested>,
    ) -> Option<Walk> {
        let mut w = Walk::default();
        fields(msg, &mut w);
        part(msg, mode, &mut w, kept, nested)?;
        Some(w)
    }

    /// Parses and walks; `None` when the parser rejects the input.
    pub fn walk(input: &[u8], mode: Mode) -> Option<Walk> {
        let msg = parse(input)?;
        walk_parsed(&msg, mode, &mut Kept::default(), None)
    }
}

/// A parser's walk entry point.
pub type WalkFn = fn(&[u8], Mode) -> Option<Walk>;

/// The three parsers, in report order: name and walk.
pub const PARSERS: [(&str, WalkFn); 3] = [
    ("mailmime", mailmime_side::walk),
    ("mail-parser", mail_parser_side::walk),
    ("mailparse", mailparse_side::walk),
];

/// The directory holding the third-party corpora: `$MAILMIME_CORPORA`, else
/// `../../../shared/corpora` from this crate (the repository's sibling `shared/corpora`).
pub fn corpora_dir() -> PathBuf {
    match std::env::var_os("MAILMIME_CORPORA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
    }
}

/// The CPython corpus as an input.
pub struct Corpus {
    /// The messages all three parsers accept, as the input `cpython`.
    pub input: inputs::Input,
    /// Their file names, in the same order.
    pub files: Vec<String>,
    /// The files left out, each with the parsers that reject it.
    pub rejected: Vec<(String, Vec<&'static str>)>,
}

/// The CPython corpus: every `msg_*` file of `<corpora>/cpython` (the directory also
/// holds the licence text) that all three parsers accept, that is parse and walk in both
/// modes without an error. `Err` says why there is none.
pub fn cpython() -> Result<Corpus, String> {
    let dir = corpora_dir().join("cpython");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("msg_")))
        .collect();
    paths.sort();
    let mut messages = Vec::new();
    let mut files = Vec::new();
    let mut rejected = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let refusing: Vec<&'static str> = PARSERS
            .iter()
            .filter(|(_, walk)| Mode::ALL.iter().any(|&mode| walk(&bytes, mode).is_none()))
            .map(|(parser, _)| *parser)
            .collect();
        if refusing.is_empty() {
            messages.push(bytes);
            files.push(name);
        } else {
            rejected.push((name, refusing));
        }
    }
    if messages.is_empty() {
        return Err(format!("{}: no message that all three parsers accept", dir.display()));
    }
    Ok(Corpus { input: inputs::Input { name: "cpython", messages }, files, rejected })
}

/// The raw (still base64, line breaks kept) body of the base64 leaf of `message`.
pub fn base64_body(message: &[u8]) -> Vec<u8> {
    let msg = mailmime::Message::parse(message).expect("default options");
    let part = msg
        .leaves()
        .find(|p| p.transfer_encoding() == mailmime::TransferEncoding::Base64)
        .expect("a base64 leaf");
    part.body().as_leaf().expect("a leaf").as_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_encoders_match_known_answers() {
        assert_eq!(inputs::base64_lines(b"Hello, world"), b"SGVsbG8sIHdvcmxk\r\n");
        assert_eq!(inputs::base64_lines(b"ab"), b"YWI=\r\n");
        assert_eq!(inputs::quoted_printable("a=b é \nc".as_bytes()), b"a=3Db =C3=A9=20\r\nc\r\n");
    }

    fn walks(message: &[u8], mode: Mode) -> [Walk; 3] {
        PARSERS.map(|(name, walk)| walk(message, mode).unwrap_or_else(|| panic!("{name} rejects it")))
    }

    /// On every generated input the three parsers see the same messages, parts and
    /// leaves, read the same field values (lengths, timestamps) and decode to the same
    /// sizes, so the timing compares equal work.
    #[test]
    fn parsers_agree_on_every_input() {
        for input in inputs::all() {
            for (i, message) in input.messages.iter().enumerate() {
                for mode in Mode::ALL {
                    let [mm, mp, mpa] = walks(message, mode);
                    let at = format!("{} #{i} {}", input.name, mode.name());
                    assert!(mm.parts > 0 && mm.messages == 1, "{at}: {mm:?}");
                    assert_eq!(mm, mp, "{at}: mailmime vs mail-parser");
                    assert_eq!(mm, mpa, "{at}: mailmime vs mailparse");
                }
            }
        }
    }

    /// The generated inputs carry every field the walk reads, so the field reads are not
    /// empty work.
    #[test]
    fn walk_reads_every_field() {
        let w = mailmime_side::walk(&inputs::small_messages()[0], Mode::Full).unwrap();
        assert_eq!(w.messages, 1);
        assert!(w.subject_bytes > 0 && w.from_bytes > 0 && w.message_id_bytes > 0, "{w:?}");
        assert_eq!(w.date_sum, 1_709_287_200, "Fri, 1 Mar 2024 10:00:00 +0000"); // i = 0
        assert!(w.decoded_bytes > 0, "{w:?}");
    }

    /// The scaling inputs: mailmime and mail-parser agree at the largest sizes (mailparse
    /// stops at 100 levels of nesting; mailmime needs its header limits raised for 40,000
    /// fields).
    #[test]
    fn parsers_agree_at_scale() {
        for message in [inputs::many_parts(16_000), inputs::nested(800)] {
            let mm = mailmime_side::walk(&message, Mode::Full).unwrap();
            let mp = mail_parser_side::walk(&message, Mode::Full).unwrap();
            assert_eq!(mm, mp);
        }
        let headers = inputs::many_headers(40_000);
        let mm = mailmime_side::walk_many_headers(&headers, Mode::Full).unwrap();
        assert_eq!(mm, mail_parser_side::walk(&headers, Mode::Full).unwrap());
        assert_eq!(mm, mailparse_side::walk(&headers, Mode::Full).unwrap());
        assert_eq!(mm.decoded_bytes, b"body\r\n".len());
        assert_ne!(mailmime_side::walk(&headers, Mode::Full), Some(mm), "the default limits apply");
        let w = mailmime_side::walk(&inputs::nested(800), Mode::Parse).unwrap();
        assert_eq!(w.parts, 1 + 2 * 800);
        assert!(mailparse_side::walk(&inputs::nested(100), Mode::Parse).is_some());
        assert!(mailparse_side::walk(&inputs::nested(160), Mode::Parse).is_none());
    }

    /// The CPython corpus, when present: mailmime and mail-parser accept every file (only
    /// mailparse may leave one out). The files where the parsers count parts or leaves
    /// differently (delivery-status blocks as parts, external-body headers, empty parts
    /// between adjacent delimiters, an RFC 2231 boundary, a reused boundary) are printed.
    #[test]
    fn cpython_corpus_loads() {
        let corpus = match cpython() {
            Ok(corpus) => corpus,
            Err(why) => {
                println!("no CPython corpus ({why}); skipped");
                return;
            }
        };
        println!("cpython: {} messages; left out {:?}", corpus.files.len(), corpus.rejected);
        for (name, refusing) in &corpus.rejected {
            assert_eq!(refusing, &["mailparse"], "{name}");
        }
        for (name, message) in corpus.files.iter().zip(&corpus.input.messages) {
            let [mm, mp, mpa] = walks(message, Mode::Full);
            let counts = [(mm.parts, mm.leaves), (mp.parts, mp.leaves), (mpa.parts, mpa.leaves)];
            if counts[0] != counts[1] || counts[0] != counts[2] {
                println!("{name}: (parts, leaves) mailmime, mail-parser, mailparse: {counts:?}");
            }
        }
    }
}
