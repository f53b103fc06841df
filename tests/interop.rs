//! Interoperability with independent MIME implementations (TESTING.md point 7).
//!
//! - Messages built here are read by Python's `email` package (policy=default):
//!   subject, addresses, bodies, file names and decoded attachment bytes must be what
//!   the builder was given (`tests/interop/python_read.py`).
//! - Their attachments extract byte-identical with `munpack` (Debian mpack), `ripmime`
//!   and `reformime` (Debian maildrop).
//! - Built messages are delivered over SMTP, spoken by a minimal client here, to an
//!   aiosmtpd server on 127.0.0.1 (`tests/interop/smtp_sink.py`); what it stored must be
//!   the built bytes, with every Bcc address in RCPT TO and no Bcc field.
//! - Messages written by Python's generator, `mpack`, `makemime` and `reformime -r7`
//!   parse here to what those tools were given.
//!
//! The tools come from `bash .ci/interop-setup.sh`. The tests run only with
//! `MAILMIME_INTEROP=1`, and then a missing tool is a failure; without it each test prints
//! a note and passes, so `cargo test` works on a fresh machine.
//!
//! Python is `/usr/bin/python3` (Debian's python3-aiosmtpd installs for it; `python3` on
//! PATH may be another interpreter), or `MAILMIME_PYTHON` when set.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod support;

use mailmime::date::DateTime;
use mailmime::{
    Addressee, Body, BuildOptions, Envelope, Message, MessageBuilder, MimePart, Part, TransferEncoding,
    Transport,
};
use support::lf;

// ---------------------------------------------------------------------------------------
// Gate, temporary directories, processes
// ---------------------------------------------------------------------------------------

/// Whether the interop tests run; prints why not when they do not.
fn enabled(test: &str) -> bool {
    if std::env::var("MAILMIME_INTEROP").as_deref() == Ok("1") {
        return true;
    }
    eprintln!(
        "note: {test} not run: set MAILMIME_INTEROP=1 (after `bash .ci/interop-setup.sh`) \
         to run the interoperability tests"
    );
    false
}

fn python() -> String {
    std::env::var("MAILMIME_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".to_owned())
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop").join(name)
}

/// A fresh directory under the system temp dir, removed on drop unless the test is
/// failing (then its path is printed, to look at what the tools saw).
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("mailmime-interop-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("create {}: {e}", path.display()));
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn sub(&self, name: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::create_dir_all(&p).unwrap_or_else(|e| panic!("create {}: {e}", p.display()));
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("kept {} for inspection", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Runs `cmd` with `stdin` as its standard input, killing it (and failing) after
/// `timeout`. A program that cannot be started fails the test.
fn run(cmd: &mut Command, stdin: Option<&[u8]>, timeout: Duration) -> Output {
    let what = format!("{cmd:?}");
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| {
        panic!("cannot run {what}: {e} (install the tools with `bash .ci/interop-setup.sh`)")
    });
    let writer = stdin.map(|data| {
        let mut pipe = child.stdin.take().expect("piped stdin");
        let data = data.to_vec();
        std::thread::spawn(move || {
            // A tool may stop reading early; its exit status tells.
            let _ = pipe.write_all(&data);
        })
    });
    let read_all = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = read_all(child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
    let err = read_all(child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what} did not finish within {timeout:?}");
            }
            Err(e) => panic!("{what}: {e}"),
        }
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    Output { status, stdout: out.join().expect("stdout reader"), stderr: err.join().expect("stderr reader") }
}

/// [`run`], failing unless the program exits with status 0.
fn run_ok(cmd: &mut Command, stdin: Option<&[u8]>, timeout: Duration) -> Output {
    let what = format!("{cmd:?}");
    let out = run(cmd, stdin, timeout);
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn write(path: &Path, data: &[u8]) {
    std::fs::write(path, data).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn unhex(s: &str) -> String {
    assert!(s.len().is_multiple_of(2) && s.is_ascii(), "not hex: {s:?}");
    let bytes: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or_else(|e| panic!("{s:?}: {e}")))
        .collect();
    String::from_utf8(bytes).expect("hex of UTF-8")
}

// ---------------------------------------------------------------------------------------
// The messages
// ---------------------------------------------------------------------------------------

/// Deterministic bytes (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            out.extend_from_slice(&self.next().to_le_bytes());
        }
        out.truncate(n);
        out
    }
}

/// A 1x1 transparent PNG.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
    0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00,
    0x01, 0xe9, 0xfa, 0xdc, 0xd8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[derive(Clone, Debug)]
struct Mb {
    name: Option<String>,
    address: String,
}

/// A mailbox; an empty name is none.
fn mb(name: &str, address: &str) -> Mb {
    Mb { name: (!name.is_empty()).then(|| name.to_owned()), address: address.to_owned() }
}

impl Mb {
    fn addressee(&self) -> Addressee {
        match &self.name {
            Some(n) => (n.clone(), self.address.clone()).into(),
            None => self.address.clone().into(),
        }
    }
}

/// An attachment or inline part as given to the builder.
#[derive(Clone, Debug)]
struct Att {
    filename: Option<String>,
    media_type: &'static str,
    data: Vec<u8>,
    content_id: Option<String>,
    inline: bool,
    encoding: Option<TransferEncoding>,
    /// How the builder is given the part.
    api: Api,
    /// For a message/rfc822 part: what the embedded message (`data`) was built from.
    embedded: Option<Box<Spec>>,
}

/// The builder call that adds a part.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Api {
    /// `MessageBuilder::attachment` or `inline` where they fit, `MimePart::bytes` otherwise.
    Bytes,
    /// `MessageBuilder::attach_file` of a file named by the file name.
    AttachFile,
    /// `MimePart::message` of `data` parsed: no disposition, no file name.
    MimePartMessage,
}

fn att(filename: &str, media_type: &'static str, data: impl Into<Vec<u8>>) -> Att {
    Att {
        filename: Some(filename.to_owned()),
        media_type,
        data: data.into(),
        content_id: None,
        inline: false,
        encoding: None,
        api: Api::Bytes,
        embedded: None,
    }
}

fn inline(
    content_id: &str,
    filename: Option<&str>,
    media_type: &'static str,
    data: impl Into<Vec<u8>>,
) -> Att {
    Att {
        filename: filename.map(str::to_owned),
        media_type,
        data: data.into(),
        content_id: Some(content_id.to_owned()),
        inline: true,
        encoding: None,
        api: Api::Bytes,
        embedded: None,
    }
}

/// A message/rfc822 part holding `data`, the bytes of a message built from `embedded`,
/// added with `api`; `filename` is the attachment's (none for `Api::MimePartMessage`).
fn forwarded(api: Api, filename: Option<&str>, embedded: Spec, data: Vec<u8>) -> Att {
    assert_eq!(filename.is_none(), api == Api::MimePartMessage, "{}", embedded.name);
    Att {
        filename: filename.map(str::to_owned),
        media_type: "message/rfc822",
        data,
        content_id: None,
        inline: false,
        encoding: None,
        api,
        embedded: Some(Box::new(embedded)),
    }
}

impl Att {
    fn encoded(mut self, encoding: TransferEncoding) -> Att {
        self.encoding = Some(encoding);
        self
    }

    /// The Content-Disposition the builder writes: none for `MimePart::message`.
    fn disposition(&self) -> Option<&'static str> {
        match (self.api, self.inline) {
            (Api::MimePartMessage, _) => None,
            (_, true) => Some("inline"),
            (_, false) => Some("attachment"),
        }
    }

    /// The body the builder writes for the part, before any transfer encoding: the data,
    /// but for a message/* part, whose line ends it makes CRLF.
    fn sent(&self) -> Vec<u8> {
        if self.embedded.is_none() {
            return self.data.clone();
        }
        let lines = lf(&self.data);
        assert!(!lines.contains(&b'\r'), "an embedded message with a lone CR");
        lines.split(|&b| b == b'\n').collect::<Vec<_>>().join(&b"\r\n"[..])
    }

    /// The number of leaves Python checks for this part: one, and for an embedded
    /// message one more for each of its parts.
    fn checked_leaves(&self) -> usize {
        1 + self.embedded.as_ref().map_or(0, |s| s.parts.iter().map(Att::checked_leaves).sum())
    }
}

/// What a message is built from; the expectations are these inputs, never what mailmime
/// reads back.
#[derive(Clone, Debug)]
struct Spec {
    name: String,
    transport: Transport,
    legacy_filename: bool,
    from: Vec<Mb>,
    to: Vec<Mb>,
    cc: Vec<Mb>,
    bcc: Vec<Mb>,
    subject: String,
    text: Option<String>,
    html: Option<String>,
    parts: Vec<Att>,
}

impl Spec {
    fn new(name: &str, subject: &str) -> Spec {
        Spec {
            name: name.to_owned(),
            transport: Transport::SevenBit,
            legacy_filename: false,
            from: vec![mb("Alice Example", "alice@example.com")],
            to: vec![mb("Bob", "bob@example.org")],
            cc: Vec::new(),
            bcc: Vec::new(),
            subject: subject.to_owned(),
            text: None,
            html: None,
            parts: Vec::new(),
        }
    }

    fn text(mut self, text: &str) -> Spec {
        self.text = Some(text.to_owned());
        self
    }

    fn html(mut self, html: &str) -> Spec {
        self.html = Some(html.to_owned());
        self
    }

    fn part(mut self, part: Att) -> Spec {
        self.parts.push(part);
        self
    }

    fn transport(mut self, transport: Transport) -> Spec {
        self.transport = transport;
        self
    }

    /// The parts in the order they appear in the built tree: the builder puts inline
    /// parts (those with a Content-ID) before the attachments.
    fn expected_parts(&self) -> Vec<&Att> {
        let (inline, attached): (Vec<&Att>, Vec<&Att>) =
            self.parts.iter().partition(|p| p.content_id.is_some());
        inline.into_iter().chain(attached).collect()
    }

    fn transport_name(&self) -> &'static str {
        match self.transport {
            Transport::SevenBit => "7bit",
            Transport::EightBitMime => "8bitmime",
            Transport::BinaryMime => "binarymime",
            Transport::SmtpUtf8 => "smtputf8",
            _ => "other",
        }
    }

    fn build(&self, index: usize) -> (Message<'static>, Envelope) {
        let options = BuildOptions::default()
            .transport(self.transport)
            .message_id_domain("interop.example")
            .legacy_filename(self.legacy_filename);
        let seconds = 1_727_784_000 + 3_600 * i64::try_from(index).expect("small index");
        let mut b = MessageBuilder::new()
            .options(options)
            .date(DateTime::from_unix(seconds, 120).expect("valid date"))
            .message_id(format!("{}@interop.example", self.name))
            .subject(self.subject.clone());
        for m in &self.from {
            b = b.from(m.addressee());
        }
        for m in &self.to {
            b = b.to(m.addressee());
        }
        for m in &self.cc {
            b = b.cc(m.addressee());
        }
        for m in &self.bcc {
            b = b.bcc(m.addressee());
        }
        if let Some(t) = &self.text {
            b = b.text(t.clone());
        }
        if let Some(h) = &self.html {
            b = b.html(h.clone());
        }
        for p in &self.parts {
            match p.api {
                Api::Bytes => {}
                Api::AttachFile => {
                    // attach_file reads the file right away.
                    let dir = TempDir::new("attach-file");
                    let path = dir.path().join(p.filename.as_deref().expect("attach_file needs a name"));
                    write(&path, &p.data);
                    b = b.attach_file(&path);
                    continue;
                }
                Api::MimePartMessage => {
                    let embedded = Message::parse(&p.data).expect("parse the message to embed");
                    b = b.part(MimePart::message(&embedded));
                    continue;
                }
            }
            b = match (p.inline, &p.filename, &p.content_id, &p.encoding) {
                // The convenience methods where they fit, MimePart otherwise.
                (true, None, Some(cid), None) => b.inline(cid.clone(), p.media_type, p.data.clone()),
                (false, Some(name), None, None) => b.attachment(name.clone(), p.media_type, p.data.clone()),
                _ => {
                    let mut part = MimePart::bytes(p.media_type, p.data.clone());
                    part = if p.inline {
                        part.inline(p.filename.clone())
                    } else {
                        part.attachment(p.filename.clone().expect("an attachment has a file name"))
                    };
                    if let Some(cid) = &p.content_id {
                        part = part.content_id(cid.clone());
                    }
                    if let Some(e) = &p.encoding {
                        part = part.transfer_encoding(e.clone());
                    }
                    b.part(part)
                }
            };
        }
        b.build().unwrap_or_else(|e| panic!("{}: build failed: {e}", self.name))
    }
}

/// The messages every interop test uses: at least one under each transport profile.
fn corpus() -> Vec<Spec> {
    let mut rng = Rng(0x5eed_2024_1001);
    let mut v = Vec::new();

    // As examples/compose.rs.
    let mut s = Spec::new("m01-compose", "Rapport trimestriel — Q3 ✓")
        .text("Bonjour Bob,\n\nLe rapport est joint.\n\nAnaïs\n")
        .html("<p>Bonjour Bob,</p><p>Le rapport est joint. <img src=\"cid:logo@interop.example\"></p>")
        .part(inline("logo@interop.example", None, "image/png", PIXEL))
        .part(att("report.csv", "text/csv", "quarter,revenue\nQ3,1200\n"))
        .part(att("données été.pdf", "application/pdf", rng.bytes(5_000)));
    s.from = vec![mb("Anaïs Dupré", "anais@example.com")];
    s.cc = vec![mb("", "carol@example.net")];
    s.bcc = vec![mb("", "audit@example.com")];
    v.push(s);

    let mut s = Spec::new("m02-cjk", "四半期報告書について（ご確認ください）")
        .text("山田です。\n報告書を添付します。\nよろしくお願いします。\n")
        .part(att(
            "報告書 2024.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            rng.bytes(30_000),
        ));
    s.from = vec![mb("山田 太郎", "yamada@example.jp")];
    s.to = vec![mb("김민준", "minjun@example.kr"), mb("Иван Петров", "ivan@example.ru")];
    v.push(s);

    let mut s = Spec::new("m03-emoji", "Party time 🎉🥳 — RSVP by Friday 😀")
        .text("See you there 🎉\n")
        .part(att("😀 smile.png", "image/png", rng.bytes(2_048)))
        .part(att("🎉.gif", "image/gif", rng.bytes(100)));
    s.from = vec![mb("😀 Emoji Person", "emoji@example.com")];
    v.push(s);

    v.push(
        Spec::new("m04-leading-spaces", "   three leading spaces,  two inside and a tab\there")
            .text("Plain ASCII text without a final line end"),
    );

    let long_ascii = "The quick brown fox jumps over the lazy dog ".repeat(7);
    let mut s = Spec::new("m05-long-ascii-subject", long_ascii.trim_end()).text("Short text.\n");
    s.to = (1..=5).map(|i| mb(&format!("Recipient Number {i}"), &format!("rcpt{i}@example.org"))).collect();
    s.cc = (1..=3).map(|i| mb(&format!("Copy {i}"), &format!("copy{i}@example.net"))).collect();
    v.push(s);

    let long_unicode =
        format!("{}✓", "Überprüfung der Änderungen für die nächste Veröffentlichung ".repeat(4));
    v.push(
        Spec::new("m06-long-unicode-subject", &long_unicode)
            .text(&format!("{}\nzweite Zeile\n", "äöü ".repeat(300)))
            .part(att("änderungen.txt", "text/plain", "Änderung 1\nÄnderung 2\n")),
    );

    let mut s = Spec::new(
        "m07-encoded-word-lookalikes",
        "=?utf-8?q?not_an_encoded_word?= and =?ISO-8859-1?B?SGVsbG8=?=",
    )
    .text("Text that mentions =?utf-8?q?encoded_words?= literally.\n");
    s.from = vec![mb("=?utf-8?q?Mallory?=", "mallory@example.com")];
    v.push(s);

    let mut s = Spec::new("m08-quoted-names", "Names that need quoting").text("Hi all,\n");
    s.to = vec![
        mb("Doe, John", "john.doe@example.com"),
        mb("Dr. \"Bob\" \\ Smith", "bob.smith@example.com"),
        mb("O'Brien (work)", "obrien@example.com"),
        mb("a@b", "ab@example.com"),
        mb("Ünïcödé, Comma", "uni@example.com"),
    ];
    s.cc = vec![
        mb("", "john doe@example.com"),
        mb("", "first.last+tag@sub.example.org"),
        mb("Quote \"in\" name", "q@example.com"),
    ];
    s.bcc = vec![mb("Hidden Person", "hidden@example.net")];
    v.push(s);

    v.push(
        Spec::new("m09-large-binary", "Two large attachments")
            .text("Two attachments of about 200 KB.\n")
            .part(att("big1.bin", "application/octet-stream", rng.bytes(200_000)))
            .part(att("big2.zip", "application/zip", rng.bytes(210_001))),
    );

    v.push(
        Spec::new("m10-text-line-ends", "Text attachments with LF, CR and CRLF line ends")
            .text("Line ends of text attachments must survive exactly.\n")
            .part(att("notes.txt", "text/plain", "line 1\nline 2\n\nline 4\n"))
            .part(att("table.csv", "text/csv", "a,b,c\n1,2,3\n4,5,6"))
            .part(att("mixed-ends.txt", "text/plain", "crlf\r\nlf\ncr\rend"))
            .part(att("crlf.txt", "text/plain", "one\r\ntwo\r\n"))
            .part(att("empty.bin", "application/octet-stream", "")),
    );

    v.push(
        Spec::new("m11-tricky-filenames", "File names with spaces, quotes and punctuation")
            .text("Tricky names.\n")
            .part(att("my file with spaces.txt", "text/plain", "spaces\n"))
            .part(att("quote\"d name.bin", "application/octet-stream", rng.bytes(300)))
            .part(att("it's a file.txt", "text/plain", "apostrophe\n"))
            .part(att("semi;colon,comma.bin", "application/octet-stream", rng.bytes(301)))
            .part(att("back\\slash.bin", "application/octet-stream", rng.bytes(302)))
            .part(att("percent%41.txt", "text/plain", "percent\n"))
            .part(att("=?utf-8?q?fake?=.txt", "text/plain", "look-alike\n"))
            .part(att("tab\there.bin", "application/octet-stream", rng.bytes(303))),
    );

    v.push(
        Spec::new("m12-long-filenames", "Long file names (RFC 2231 continuations)")
            .text("Long names.\n")
            .part(att(
                &format!("a_very_long_file_name_{}end.pdf", "segment_".repeat(15)),
                "application/pdf",
                rng.bytes(400),
            ))
            .part(att(
                &format!("{}.docx", "Überprüfung_der_Änderungen_".repeat(4)),
                "application/octet-stream",
                rng.bytes(401),
            )),
    );

    let mut s = Spec::new("m13-legacy-filenames", "Legacy RFC 2047 file names as well")
        .text("legacy_filename(true)\n")
        .part(att("résumé.pdf", "application/pdf", rng.bytes(500)))
        .part(att("日本語のファイル.txt", "text/plain", "nihongo\n"))
        .part(att(&format!("{}.zip", "Überlanger Dateiname ".repeat(5)), "application/zip", rng.bytes(501)));
    s.legacy_filename = true;
    v.push(s);

    v.push(
        Spec::new("m14-html-only", "HTML only — with inline images")
            .html(
                "<html><body><p>Grüße <img src=\"cid:logo@interop.example\">\
                 <img src=\"cid:spacer@interop.example\"></p></body></html>\n",
            )
            .part(inline("logo@interop.example", Some("logo.png"), "image/png", PIXEL))
            .part(inline("spacer@interop.example", None, "image/gif", rng.bytes(43))),
    );

    v.push(
        Spec::new("m15-dot-lines", "Dot lines and From lines")
            .text(".hidden\n.\n..two dots\nFrom here\n. \nend\n")
            .html("<p>dots</p>\n.\n.<b>x</b>\n"),
    );

    v.push(
        Spec::new("m16-forced-encodings", "Forced quoted-printable and base64")
            .text(&format!("{}\nsecond line\n", "x".repeat(1_200)))
            .part(
                att("qp-binary.bin", "application/octet-stream", rng.bytes(3_000))
                    .encoded(TransferEncoding::QuotedPrintable),
            )
            .part(att("b64.txt", "text/plain", "plain ascii text\r\n").encoded(TransferEncoding::Base64))
            .part(
                att("qp-lf.txt", "text/plain", b"caf\xc3\xa9\nline two\n=3D\n".to_vec())
                    .encoded(TransferEncoding::QuotedPrintable),
            ),
    );

    let mut s = Spec::new("m17-8bitmime", "8BITMIME: Grüße — größere Anhänge")
        .transport(Transport::EightBitMime)
        .text("Grüße aus Köln — 8bit body\n")
        .part(att("latin1.txt", "text/plain", b"caf\xe9 cr\xe8me\r\nna\xefve\r\n".to_vec()))
        .part(att("données.bin", "application/octet-stream", rng.bytes(4_000)));
    s.to = vec![mb("Jörg Müller", "joerg@example.de")];
    v.push(s);

    v.push(
        Spec::new("m18-8bitmime-large", "8BITMIME with a large attachment")
            .transport(Transport::EightBitMime)
            .html("<p>Größe: 200 KB — ✓</p>\n")
            .part(att("archive.tar", "application/x-tar", rng.bytes(200_000)))
            .part(att("résumé final.pdf", "application/pdf", rng.bytes(1_000))),
    );

    v.push(
        Spec::new("m19-binarymime", "BINARYMIME: raw binary bodies")
            .transport(Transport::BinaryMime)
            .text("Binär: äöü\n")
            .part(
                att("raw.bin", "application/octet-stream", rng.bytes(10_000))
                    .encoded(TransferEncoding::Binary),
            )
            .part(att("lf-only.txt", "text/plain", "a\nb\nc\n"))
            .part(att("nul.bin", "application/octet-stream", b"\0\0\r\r\n\0x".to_vec())),
    );

    let mut s = Spec::new("m20-smtputf8", "SMTPUTF8: Grüße aus Köln 😀")
        .transport(Transport::SmtpUtf8)
        .text("Grüße 😀\n")
        .part(att("größe.txt", "text/plain", "gr\u{f6}\u{df}e\n"))
        .part(att("données.bin", "application/octet-stream", rng.bytes(2_000)));
    s.from = vec![mb("Jörg Müller", "jörg@bücher.example")];
    s.to = vec![mb("Ünal", "ünal@example.com")];
    s.cc = vec![mb("山田", "yamada@example.jp")];
    s.bcc = vec![mb("", "geheim@bücher.example")];
    v.push(s);

    let mut s = Spec::new("m21-smtputf8-cjk", "SMTPUTF8：山田さんへ")
        .transport(Transport::SmtpUtf8)
        .text("山田さん、資料です。\n")
        .html("<p>山田さん、資料です。</p>\n")
        .part(att("報告書.pdf", "application/pdf", rng.bytes(3_000)));
    s.from = vec![mb("山田 太郎", "山田@例え.jp")];
    s.to = vec![mb("김민준", "minjun@example.kr")];
    v.push(s);

    v.push(
        Spec::new("m22-attachments-only", "")
            .part(att("only.bin", "application/octet-stream", rng.bytes(1_000)))
            .part(att("only.png", "image/png", rng.bytes(500))),
    );

    let mut s = Spec::new("m23-many-types", "Twelve attachments of assorted types").text("Assorted.\n");
    for (i, (ext, media_type)) in [
        ("jpg", "image/jpeg"),
        ("mp3", "audio/mpeg"),
        ("mp4", "video/mp4"),
        ("zip", "application/zip"),
        ("pdf", "application/pdf"),
        ("glb", "model/gltf-binary"),
        ("woff2", "font/woff2"),
        ("bin", "application/octet-stream"),
    ]
    .into_iter()
    .enumerate()
    {
        s = s.part(att(&format!("f{:02}.{ext}", i + 1), media_type, rng.bytes(257 * (i + 1))));
    }
    s = s
        .part(att("f09.json", "application/json", "{\"a\": [1, 2, 3]}\n"))
        .part(att("f10.html", "text/html", "<html><body>attached page</body></html>\n"))
        .part(att("f11.sh", "text/x-sh", "#!/bin/sh\necho hi\n"))
        .part(att("f12.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
    v.push(s);

    let mut s = Spec::new("m24-bcc", "Bcc recipients only in the envelope").text("Hello\n");
    s.to = vec![mb("Alice", "alice@example.com")];
    s.cc = vec![mb("Bob", "bob@example.org")];
    s.bcc = vec![
        mb("Secret One", "secret1@example.net"),
        mb("", "secret2@example.org"),
        // The same mailbox as the Cc but for the domain's case: one RCPT TO for both.
        mb("", "bob@EXAMPLE.ORG"),
    ];
    v.push(s);

    v.push(Spec::new("m25-trailing-spaces", "trailing spaces  ").text("t\n"));

    // Non-text data that happens to be CRLF lines: ASCII (fits 7bit) and 8-bit (fits 8bit
    // under 8BITMIME).
    v.push(
        Spec::new("m26-crlf-octet-stream", "Octet streams made of CRLF lines")
            .transport(Transport::EightBitMime)
            .text("Two attachments whose bytes are CRLF-terminated lines.\n")
            .part(att("hello.dat", "application/octet-stream", "hello\r\nworld"))
            .part(att("latin1.dat", "application/octet-stream", b"caf\xe9\r\nna\xefve\r\n".to_vec())),
    );

    // A message/rfc822 attachment added with each API, the embedded message built here.
    // attach_file of a .eml file saved with LF line ends, as a Unix mail store keeps it.
    let mut inner = Spec::new("m27-embedded", "Minutes of the Monday meeting")
        .text("Minutes:\n1. Budget approved.\n2. Next meeting on Friday.\n");
    inner.from = vec![mb("Carol Jones", "carol@example.net")];
    let data = lf(&inner.build(100).0.to_bytes());
    v.push(
        Spec::new("m27-attach-file-eml", "Fwd: Minutes (attach_file of a .eml)")
            .text("The minutes are attached.\n")
            .part(forwarded(Api::AttachFile, Some("minutes.eml"), inner, data)),
    );

    // attachment(name, "message/rfc822", bytes), the embedded Subject an encoded word.
    let mut inner = Spec::new("m28-embedded", "Überprüfung der Änderungen — bitte bis Freitag ✓")
        .text("Hallo Alice,\n\nbitte die Änderungen prüfen.\n\nJörg\n");
    inner.from = vec![mb("Jörg Müller", "joerg@example.de")];
    inner.to = vec![mb("Alice Example", "alice@example.com")];
    let data = inner.build(101).0.to_bytes();
    v.push(
        Spec::new("m28-attachment-rfc822", "Fwd: Überprüfung (attachment of message/rfc822)")
            .text("See the forwarded message.\n")
            // Api::Bytes with a file name: MessageBuilder::attachment.
            .part(forwarded(Api::Bytes, Some("Überprüfung.eml"), inner, data))
            .part(att("after.txt", "text/plain", "a part after the message\n")),
    );

    // MimePart::message of a parsed message that has an attachment of its own.
    let mut inner = Spec::new("m29-embedded", "Report with its own attachment")
        .text("The report is attached.\n")
        .part(att("inner report.pdf", "application/pdf", rng.bytes(3_000)));
    inner.from = vec![mb("Dave", "dave@example.org")];
    let data = inner.build(102).0.to_bytes();
    v.push(
        Spec::new("m29-mimepart-message", "Fwd: Report (MimePart::message)")
            .text("Forwarding Dave's report.\n")
            .part(forwarded(Api::MimePartMessage, None, inner, data)),
    );

    v
}

/// A message of the corpus, built: the tree, its bytes and its envelope.
struct Built {
    spec: Spec,
    msg: Message<'static>,
    bytes: Vec<u8>,
    envelope: Envelope,
}

impl Built {
    /// The transfer encoding the builder chose (or was told) for each part of
    /// [`Spec::expected_parts`], read from the built tree's header fields.
    fn encodings(&self) -> Vec<TransferEncoding> {
        let parts: Vec<&Part<'_>> = self.msg.attachments().collect();
        let expected = self.spec.expected_parts();
        assert_eq!(parts.len(), expected.len(), "{}: attachments of the built tree", self.spec.name);
        parts.iter().map(|p| p.transfer_encoding()).collect()
    }
}

fn build_corpus() -> Vec<Built> {
    let corpus = corpus();
    for t in [Transport::SevenBit, Transport::EightBitMime, Transport::BinaryMime, Transport::SmtpUtf8] {
        assert!(corpus.iter().any(|s| s.transport == t), "no message under {t:?}");
    }
    assert!(corpus.len() >= 20);
    corpus
        .into_iter()
        .enumerate()
        .map(|(i, spec)| {
            let (msg, envelope) = spec.build(i);
            Built { bytes: msg.to_bytes(), msg, spec, envelope }
        })
        .collect()
}

fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn js_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_owned(), js)
}

fn js_mailboxes(list: &[Mb]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|m| format!("[{}, {}]", js(m.name.as_deref().unwrap_or("")), js(&m.address)))
        .collect();
    format!("[{}]", items.join(", "))
}

/// Writes NAME.eml, each part's data as NAME.K.bin, and expectations.json (read by
/// python_read.py).
fn write_corpus(dir: &Path, corpus: &[Built]) {
    let mut json = String::from("{\"messages\": [\n");
    for (i, b) in corpus.iter().enumerate() {
        let file = format!("{}.eml", b.spec.name);
        write(&dir.join(&file), &b.bytes);
        let _ = writeln!(
            json,
            "{}{}",
            js_message(dir, Some(&file), &b.spec.name, &b.spec),
            if i + 1 < corpus.len() { "," } else { "" },
        );
    }
    json.push_str("]}\n");
    write(&dir.join("expectations.json"), json.as_bytes());
}

/// The expectations for the message built from `s` (at `file` for a message of the
/// corpus, none for an embedded one), each part's data written as STEM.K.bin; an
/// embedded message's own as STEM.K.J.bin, and its expectations under "message".
fn js_message(dir: &Path, file: Option<&str>, stem: &str, s: &Spec) -> String {
    let mut parts = Vec::new();
    for (k, p) in s.expected_parts().into_iter().enumerate() {
        let data = format!("{stem}.{k}.bin");
        write(&dir.join(&data), &p.data);
        let message = p
            .embedded
            .as_ref()
            .map_or_else(|| "null".to_owned(), |e| js_message(dir, None, &format!("{stem}.{k}"), e));
        parts.push(format!(
            "{{\"filename\": {}, \"content_type\": {}, \"content_id\": {}, \"disposition\": {}, \
             \"data\": {}, \"message\": {message}}}",
            js_opt(p.filename.as_deref()),
            js(p.media_type),
            js_opt(p.content_id.as_deref()),
            js_opt(p.disposition()),
            js(&data),
        ));
    }
    format!(
        "{{{}\"transport\": {}, \"subject\": {}, \"from\": {}, \"to\": {}, \"cc\": {}, \
         \"text\": {}, \"html\": {}, \"attachments\": [{}]}}",
        file.map_or_else(String::new, |f| format!("\"file\": {}, ", js(f))),
        js(s.transport_name()),
        js(&s.subject),
        js_mailboxes(&s.from),
        js_mailboxes(&s.to),
        js_mailboxes(&s.cc),
        js_opt(s.text.as_deref()),
        js_opt(s.html.as_deref()),
        parts.join(", "),
    )
}

// ---------------------------------------------------------------------------------------
// Python's email reads what we build
// ---------------------------------------------------------------------------------------

#[test]
fn python_email_reads_built_messages() {
    if !enabled("python_email_reads_built_messages") {
        return;
    }
    let dir = TempDir::new("python-read");
    let corpus = build_corpus();
    write_corpus(dir.path(), &corpus);
    let out = run(
        Command::new(python()).arg(script("python_read.py")).arg(dir.path()),
        None,
        Duration::from_secs(60),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "python_read.py found mismatches ({})", out.status);
    // Every part is either compared or (binary transfer encoding only) reported as not.
    let n = corpus.len();
    let binary = corpus.iter().flat_map(Built::encodings).filter(|e| *e == TransferEncoding::Binary).count();
    // An embedded message's parts are checked too (and none of them is binary).
    let parts: usize = corpus.iter().flat_map(|b| &b.spec.parts).map(Att::checked_leaves).sum();
    let summary = format!(
        ": {n}/{n} messages match, {} attachments compared byte for byte, {binary} not compared",
        parts - binary
    );
    assert!(stdout.contains(&summary), "python_read.py did not check every part: want {summary:?}");
}

// ---------------------------------------------------------------------------------------
// munpack, ripmime, reformime extract what we attached
// ---------------------------------------------------------------------------------------

/// A file a tool wrote (or a section it extracted): its name and bytes.
struct Extracted {
    name: Option<String>,
    data: Vec<u8>,
}

/// Every file under `dir`, recursively, by path relative to `dir`.
fn files_under(dir: &Path) -> Vec<Extracted> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("read {}: {e}", d.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("under dir");
                let name = String::from_utf8_lossy(rel.as_os_str().as_bytes()).into_owned();
                out.push(Extracted { name: Some(name), data: read(&p) });
            }
        }
    }
    out
}

/// What a tool is expected to give for one part.
enum Want {
    /// These bytes.
    Bytes(Vec<u8>),
    /// Nothing to compare: the tool does not support the part's transfer encoding.
    Unsupported,
    /// A message/rfc822 part the tool does not write as a file: it unpacks the embedded
    /// message instead, so that message's attachments are looked for, by the same rules.
    Unpacked,
}

/// Parts found by name, by content, and not compared, over all messages.
#[derive(Default)]
struct Tally {
    messages: usize,
    by_name: usize,
    by_content: usize,
    unsupported: usize,
    unpacked: usize,
}

/// Finds every expected part among what `tool` extracted from one message: by file name
/// where `keeps_name` says the tool writes the name unchanged (then the file of that name
/// must hold the bytes), by content otherwise; each extracted file matches at most one
/// part. `want` gives the bytes the tool should produce for a part (its data, or the
/// data as the tool is known to alter it). Mismatches go to `errors`.
fn match_parts(
    tool: &str,
    b: &Built,
    mut files: Vec<Extracted>,
    keeps_name: impl Fn(&Att) -> bool,
    want: impl Fn(&Att, &TransferEncoding) -> Want,
    tally: &mut Tally,
    errors: &mut Vec<String>,
) {
    tally.messages += 1;
    let listing = files
        .iter()
        .map(|f| format!("{:?} ({} bytes)", f.name.as_deref().unwrap_or("-"), f.data.len()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut by_content = Vec::new();
    let mut queue: Vec<(&Att, TransferEncoding)> =
        b.spec.expected_parts().into_iter().zip(b.encodings()).collect();
    while let Some((p, encoding)) = queue.pop() {
        let data = match want(p, &encoding) {
            Want::Bytes(data) => data,
            Want::Unsupported => {
                tally.unsupported += 1;
                continue;
            }
            Want::Unpacked => {
                tally.unpacked += 1;
                queue.extend(embedded_parts(p));
                continue;
            }
        };
        let what = format!("{tool}: {}: {:?} ({}, {encoding})", b.spec.name, p.filename, p.media_type);
        let Some(name) = p.filename.as_deref().filter(|_| keeps_name(p)) else {
            assert!(!data.is_empty(), "{what}: an empty part can only be matched by name");
            by_content.push((what, data));
            continue;
        };
        match files.iter().position(|f| f.name.as_deref() == Some(name)) {
            Some(i) => {
                let f = files.remove(i);
                if f.data == data {
                    tally.by_name += 1;
                } else {
                    let at = f.data.iter().zip(&data).position(|(a, b)| a != b);
                    errors.push(format!(
                        "{what}: {} bytes extracted, {} expected, first difference at {at:?}",
                        f.data.len(),
                        data.len()
                    ));
                }
            }
            None => errors.push(format!("{what}: no file of that name; extracted: {listing}")),
        }
    }
    for (what, data) in by_content {
        match files.iter().position(|f| f.data == data) {
            Some(i) => {
                files.remove(i);
                tally.by_content += 1;
            }
            None => errors.push(format!(
                "{what}: its {} bytes are in no extracted file; extracted: {listing}",
                data.len()
            )),
        }
    }
}

/// The attachments of the message a message/rfc822 part embeds, with the transfer
/// encoding each was written with.
fn embedded_parts(p: &Att) -> Vec<(&Att, TransferEncoding)> {
    let spec = p.embedded.as_deref().expect("a message/rfc822 part of the corpus");
    let msg = Message::parse(&p.data).expect("parse the embedded message");
    let encodings: Vec<TransferEncoding> = msg.attachments().map(Part::transfer_encoding).collect();
    let parts = spec.expected_parts();
    assert_eq!(parts.len(), encodings.len(), "{}: attachments", spec.name);
    parts.into_iter().zip(encodings).collect()
}

/// Names made only of these, short enough to be a plain `filename=` value (no RFC 2231),
/// which every tool writes unchanged.
fn plain_name(p: &Att) -> bool {
    p.filename
        .as_deref()
        .is_some_and(|n| n.len() <= 60 && n.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)))
}

fn report(tool: &str, tally: &Tally, errors: &[String]) {
    println!(
        "{tool}: {} messages, {} parts compared byte for byte ({} found by file name, {} by content), \
         {} with a transfer encoding the tool does not support, {} message/rfc822 parts unpacked \
         (not written whole)",
        tally.messages,
        tally.by_name + tally.by_content,
        tally.by_name,
        tally.by_content,
        tally.unsupported,
        tally.unpacked
    );
    assert!(tally.by_name + tally.by_content > 0, "{tool}: nothing compared");
    assert!(errors.is_empty(), "{tool} disagrees:\n{}", errors.join("\n"));
}

#[test]
fn munpack_extracts_attachments_byte_identical() {
    if !enabled("munpack_extracts_attachments_byte_identical") {
        return;
    }
    let dir = TempDir::new("munpack");
    let corpus = build_corpus();
    let mut tally = Tally::default();
    let mut errors = Vec::new();
    for b in &corpus {
        let out_dir = dir.sub(&format!("out-{}", b.spec.name));
        // munpack reads a message saved as a local text file, which on Unix (an mbox, a
        // maildir) has LF line ends. Given CRLF it takes the CR of QP soft line breaks
        // ("=\r\n") and of the blank line after the header for data, so it gets the
        // message as a Unix mail store keeps it: every CRLF made LF.
        let eml = dir.path().join(format!("{}.eml", b.spec.name));
        write(&eml, &lf(&b.bytes));
        // -q: quiet; -t: also write text parts (those with an RFC 2231 file name, which
        // munpack does not read, count as nameless); -C: write into out_dir, also the
        // working directory, where munpack keeps a temporary file.
        run_ok(
            Command::new("munpack")
                .arg("-q")
                .arg("-t")
                .arg("-C")
                .arg(&out_dir)
                .arg(&eml)
                .current_dir(&out_dir),
            None,
            Duration::from_secs(10),
        );
        let want = |p: &Att, encoding: &TransferEncoding| match encoding {
            // munpack never writes a message/rfc822 part: it unpacks the embedded message
            // as if its parts were the outer message's.
            _ if p.embedded.is_some() => Want::Unpacked,
            // munpack has no binary support, and a binary body has no LF-only local form.
            TransferEncoding::Binary => Want::Unsupported,
            // munpack writes text/* parts, and every quoted-printable part, in local text
            // form: it drops every CR (CRLF becomes LF; a lone CR disappears; a CR decoded
            // from =0D in binary data too). LF-only text keeps its exact bytes.
            _ if p.media_type.starts_with("text/") || *encoding == TransferEncoding::QuotedPrintable => {
                Want::Bytes(p.data.iter().copied().filter(|&c| c != b'\r').collect())
            }
            _ => Want::Bytes(p.data.clone()),
        };
        // munpack reads only plain `filename=` / `name=` values (no RFC 2231) and replaces
        // characters it distrusts, so parts with other names are matched by content.
        match_parts("munpack", b, files_under(&out_dir), plain_name, want, &mut tally, &mut errors);
    }
    report("munpack", &tally, &errors);
}

#[test]
fn ripmime_extracts_attachments_byte_identical() {
    if !enabled("ripmime_extracts_attachments_byte_identical") {
        return;
    }
    let dir = TempDir::new("ripmime");
    let corpus = build_corpus();
    let mut tally = Tally::default();
    let mut errors = Vec::new();
    for b in &corpus {
        let out_dir = dir.sub(&format!("out-{}", b.spec.name));
        let eml = dir.path().join(format!("{}.eml", b.spec.name));
        write(&eml, &b.bytes);
        // Nameless parts are kept (as textfileN), so that inline images without a file
        // name are compared too.
        run_ok(
            Command::new("ripmime").arg("-i").arg(&eml).arg("-d").arg(&out_dir).current_dir(&out_dir),
            None,
            Duration::from_secs(10),
        );
        let want = |p: &Att, encoding: &TransferEncoding| match encoding {
            // ripmime has no binary support (it alters CR and LF bytes of such bodies).
            TransferEncoding::Binary => Want::Unsupported,
            TransferEncoding::Base64 => Want::Bytes(p.data.clone()),
            // ripmime writes a message/rfc822 part with a file name as that file (and
            // unpacks it too); one without a name it only unpacks.
            _ if p.embedded.is_some() && p.filename.is_none() => Want::Unpacked,
            // ripmime bug: for every part that is not base64 it keeps the CRLF before the
            // next boundary delimiter, which belongs to the delimiter (RFC 2046 §5.1.1), so
            // such parts come out with exactly one CRLF appended (to the bytes sent: an
            // embedded message's with CRLF line ends).
            _ => Want::Bytes([&p.sent()[..], b"\r\n"].concat()),
        };
        // ripmime decodes RFC 2231 names; names with characters it may replace are
        // matched by content.
        match_parts("ripmime", b, files_under(&out_dir), plain_name, want, &mut tally, &mut errors);
    }
    report("ripmime", &tally, &errors);
}

/// `reformime -i` output: (section, content type, disposition file name) per section.
fn reformime_sections(info: &str) -> Vec<(String, String, Option<String>)> {
    let mut out: Vec<(String, String, Option<String>)> = Vec::new();
    for line in info.lines() {
        if let Some(section) = line.strip_prefix("section: ") {
            out.push((section.to_owned(), String::new(), None));
        } else if let Some(last) = out.last_mut() {
            if let Some(ct) = line.strip_prefix("content-type: ") {
                last.1 = ct.to_owned();
            } else if let Some(name) = line.strip_prefix("content-disposition-filename: ") {
                last.2 = Some(name.to_owned());
            }
        }
    }
    out
}

#[test]
fn reformime_extracts_attachments_byte_identical() {
    if !enabled("reformime_extracts_attachments_byte_identical") {
        return;
    }
    let corpus = build_corpus();
    let mut tally = Tally::default();
    let mut errors = Vec::new();
    for b in &corpus {
        let info = run_ok(Command::new("reformime").arg("-i"), Some(&b.bytes), Duration::from_secs(10));
        let sections = reformime_sections(&String::from_utf8_lossy(&info.stdout));
        assert!(!sections.is_empty(), "{}: reformime -i listed no section", b.spec.name);
        let mut files = Vec::new();
        for (section, content_type, name) in sections {
            if content_type.starts_with("multipart/") {
                continue;
            }
            // -e -s SECTION: the section's decoded content on standard output.
            let out = run_ok(
                Command::new("reformime").arg("-e").arg("-s").arg(&section),
                Some(&b.bytes),
                Duration::from_secs(10),
            );
            files.push(Extracted { name, data: out.stdout });
        }
        // reformime decodes RFC 2231 and RFC 2047 names, but prints quoted-pairs as they
        // are (`quote\"d`), so names with a quote or backslash are matched by content.
        let keeps_name = |p: &Att| p.filename.as_deref().is_some_and(|n| !n.contains(['"', '\\']));
        // reformime supports every transfer encoding, binary included: all bytes exact.
        // A message/rfc822 section it writes as it is in the message (CRLF line ends);
        // when the embedded message is a single part, whose body its parser runs on to
        // the outer delimiter, with the CRLF before that delimiter, which belongs to the
        // delimiter (RFC 2046 §5.1.1), as ripmime does for every part that is not base64.
        // An embedded multipart ends with its close delimiter line, exactly. (reformime
        // lists the embedded message's parts as sections of their own, extracted too.)
        let want = |p: &Att, _: &TransferEncoding| match &p.embedded {
            Some(e) if e.parts.is_empty() => Want::Bytes([&p.sent()[..], b"\r\n"].concat()),
            _ => Want::Bytes(p.sent()),
        };
        match_parts("reformime", b, files, keeps_name, want, &mut tally, &mut errors);
    }
    report("reformime", &tally, &errors);
}

// ---------------------------------------------------------------------------------------
// Delivery over SMTP to aiosmtpd on 127.0.0.1
// ---------------------------------------------------------------------------------------

const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// `tests/interop/smtp_sink.py` listening on 127.0.0.1; killed when dropped, also when
/// the test panics.
struct SmtpSink {
    child: Child,
    port: u16,
    store: PathBuf,
    log: PathBuf,
}

impl SmtpSink {
    fn start(dir: &Path) -> SmtpSink {
        // A port that was free a moment ago (the sink binds it right away).
        let port = TcpListener::bind(("127.0.0.1", 0))
            .and_then(|l| l.local_addr())
            .expect("a free port on 127.0.0.1")
            .port();
        let store = dir.join("store");
        std::fs::create_dir_all(&store).expect("store dir");
        let log = dir.join("smtp_sink.log");
        let log_file = std::fs::File::create(&log).expect("log file");
        let child = Command::new(python())
            .arg(script("smtp_sink.py"))
            .arg(port.to_string())
            .arg(&store)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log_file))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {} smtp_sink.py: {e}", python()));
        let mut sink = SmtpSink { child, port, store, log };
        let stdout = sink.child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        match rx.recv_timeout(SMTP_TIMEOUT) {
            Ok(line) if line.trim_end() == "READY" => sink,
            other => panic!(
                "smtp_sink.py did not start ({other:?}); is python3-aiosmtpd installed for {}? log:\n{}",
                python(),
                sink.log_text()
            ),
        }
    }

    fn log_text(&self) -> String {
        String::from_utf8_lossy(&std::fs::read(&self.log).unwrap_or_default()).into_owned()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal SMTP client (RFC 5321) over a TcpStream with read and write timeouts.
struct SmtpClient {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    transcript: String,
}

impl SmtpClient {
    fn connect(port: u16) -> SmtpClient {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let stream = TcpStream::connect_timeout(&addr, SMTP_TIMEOUT).expect("connect to the SMTP sink");
        stream.set_read_timeout(Some(SMTP_TIMEOUT)).expect("read timeout");
        stream.set_write_timeout(Some(SMTP_TIMEOUT)).expect("write timeout");
        let reader = BufReader::new(stream.try_clone().expect("clone stream"));
        SmtpClient { reader, writer: stream, transcript: String::new() }
    }

    /// One reply, possibly multi-line: its code and the text of each line.
    fn reply(&mut self) -> (u16, Vec<String>) {
        let mut lines = Vec::new();
        for _ in 0..100 {
            let mut line = Vec::new();
            let n = (&mut self.reader)
                .take(4096)
                .read_until(b'\n', &mut line)
                .unwrap_or_else(|e| panic!("reading an SMTP reply: {e}\ntranscript:\n{}", self.transcript));
            assert!(n > 0, "the server closed the connection\ntranscript:\n{}", self.transcript);
            let text = String::from_utf8_lossy(&line).trim_end_matches(['\r', '\n']).to_owned();
            let _ = writeln!(self.transcript, "S: {text}");
            let code = text.get(..3).and_then(|c| c.parse::<u16>().ok());
            let Some(code) = code else { panic!("not an SMTP reply: {text:?}\n{}", self.transcript) };
            let more = text.as_bytes().get(3) == Some(&b'-');
            lines.push(text.get(4..).unwrap_or("").to_owned());
            if !more {
                return (code, lines);
            }
        }
        panic!("an SMTP reply of more than 100 lines\n{}", self.transcript)
    }

    fn expect_reply(&mut self, after: &str, code: u16) -> Vec<String> {
        let (got, lines) = self.reply();
        assert_eq!(got, code, "after {after}: {lines:?}\ntranscript:\n{}", self.transcript);
        lines
    }

    fn command(&mut self, line: &str, code: u16) -> Vec<String> {
        let _ = writeln!(self.transcript, "C: {line}");
        self.writer.write_all(format!("{line}\r\n").as_bytes()).expect("send an SMTP command");
        self.expect_reply(line, code)
    }
}

/// An address as an RFC 5321 path: the local part as a dot-string, or quoted.
/// (Envelope gives addresses unquoted: `john doe@example.com`.)
fn smtp_path(address: &str) -> String {
    let (local, domain) = address.rsplit_once('@').expect("an address with a domain");
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || !c.is_ascii();
    if !local.is_empty() && local.split('.').all(|w| !w.is_empty() && w.chars().all(atext)) {
        return address.to_owned();
    }
    let mut out = String::from("\"");
    for c in local.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str("\"@");
    out.push_str(domain);
    out
}

/// The reverse of [`smtp_path`]'s quoting, for what the server stored.
fn unquote_path(address: &str) -> String {
    let Some(rest) = address.strip_prefix('"') else { return address.to_owned() };
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '"' => {
                out.extend(chars);
                break;
            }
            c => out.push(c),
        }
    }
    out
}

/// The same mailbox: local parts equal, domains equal but for case (RFC 5321 §2.4).
fn same_mailbox(a: &str, b: &str) -> bool {
    match (a.rsplit_once('@'), b.rsplit_once('@')) {
        (Some((la, da)), Some((lb, db))) => la == lb && da.to_lowercase() == db.to_lowercase(),
        _ => a == b,
    }
}

fn kind(part: &Part<'_>) -> &'static str {
    match part.body() {
        Body::Leaf(_) => "leaf",
        Body::Multipart(_) => "multipart",
        Body::Message(_) => "message",
        _ => "other",
    }
}

/// Every part, depth-first, as a line describing its place and MIME fields.
fn shape(msg: &Message<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(msg.root(), 0usize)];
    while let Some((part, depth)) = stack.pop() {
        let ct = part.content_type();
        out.push(format!(
            "{depth} {} {}/{} {} attachment={} filename={:?} content-id={:?}",
            kind(part),
            ct.main_type(),
            ct.subtype(),
            part.transfer_encoding(),
            part.is_attachment(),
            part.filename(),
            part.content_id(),
        ));
        if let Body::Multipart(m) = part.body() {
            stack.extend(m.parts().iter().rev().map(|c| (c, depth + 1)));
        }
    }
    out
}

#[test]
fn smtp_delivery_to_aiosmtpd() {
    if !enabled("smtp_delivery_to_aiosmtpd") {
        return;
    }
    let started = Instant::now();
    let dir = TempDir::new("smtp");
    // BINARYMIME needs BDAT (RFC 3030 CHUNKING), which aiosmtpd does not offer.
    let corpus: Vec<Built> =
        build_corpus().into_iter().filter(|b| b.spec.transport != Transport::BinaryMime).collect();
    let sink = SmtpSink::start(dir.path());

    let mut c = SmtpClient::connect(sink.port);
    c.expect_reply("connecting", 220);
    let ehlo = c.command("EHLO client.interop.example", 250);
    let extensions: HashSet<String> =
        ehlo[1..].iter().filter_map(|l| l.split_whitespace().next()).map(str::to_ascii_uppercase).collect();
    for needed in ["8BITMIME", "SMTPUTF8"] {
        assert!(extensions.contains(needed), "the server does not offer {needed}: {ehlo:?}");
    }
    let mut sent_options = Vec::new();
    for b in &corpus {
        let options: &[&str] = match b.spec.transport {
            Transport::SevenBit => &[],
            Transport::EightBitMime => &["BODY=8BITMIME"],
            Transport::SmtpUtf8 => &["BODY=8BITMIME", "SMTPUTF8"],
            t => panic!("{}: no SMTP parameters for {t:?}", b.spec.name),
        };
        let mut mail = format!("MAIL FROM:<{}>", smtp_path(b.envelope.reverse_path()));
        for o in options {
            mail.push(' ');
            mail.push_str(o);
        }
        c.command(&mail, 250);
        for r in b.envelope.recipients() {
            c.command(&format!("RCPT TO:<{}>", smtp_path(r)), 250);
        }
        c.command("DATA", 354);
        let mut data = Vec::new();
        b.msg.write_smtp_data(&mut data).expect("write_smtp_data into a Vec");
        let _ = writeln!(c.transcript, "C: <{} bytes of {}>", data.len(), b.spec.name);
        c.writer.write_all(&data).expect("send DATA");
        c.expect_reply(&format!("the data of {}", b.spec.name), 250);
        sent_options.push(options);
    }
    c.command("QUIT", 221);

    let mut errors = Vec::new();
    let mut bcc_checked = 0;
    let mut attachments = 0;
    for (i, (b, options)) in corpus.iter().zip(&sent_options).enumerate() {
        let name = &b.spec.name;
        // The sink writes both files before it answers 250 to the data.
        let stored = read(&sink.store.join(format!("{}.eml", i + 1)));
        let env = String::from_utf8(read(&sink.store.join(format!("{}.env", i + 1)))).expect("ASCII");
        let mut mail_from = None;
        let mut mail_options = Vec::new();
        let mut rcpts = Vec::new();
        for line in env.lines() {
            let (key, value) = line.split_once(' ').unwrap_or((line, ""));
            let value = unhex(value);
            match key {
                "mail_from" => mail_from = Some(value),
                "mail_option" => mail_options.push(value),
                "rcpt" => rcpts.push(unquote_path(&value)),
                _ => panic!("{name}: unexpected line in the stored envelope: {line:?}"),
            }
        }
        // Envelope: what was sent, every Bcc address among the recipients.
        assert_eq!(mail_from.as_deref(), Some(b.envelope.reverse_path()), "{name}: MAIL FROM");
        assert_eq!(mail_options, *options, "{name}: MAIL FROM parameters");
        assert_eq!(rcpts, b.envelope.recipients(), "{name}: RCPT TO");
        for bcc in &b.spec.bcc {
            assert!(
                rcpts.iter().any(|r| same_mailbox(r, &bcc.address)),
                "{name}: Bcc {} not in RCPT TO {rcpts:?}",
                bcc.address
            );
            bcc_checked += 1;
        }
        // Content: the built bytes exactly; DATA needs a final line end, which
        // write_smtp_data adds when the message has none.
        let mut expected = b.bytes.clone();
        let line_end_added = !expected.ends_with(b"\r\n");
        if line_end_added {
            expected.extend_from_slice(b"\r\n");
        }
        if stored != expected {
            let at = stored.iter().zip(&expected).position(|(x, y)| x != y);
            errors.push(format!(
                "{name}: stored {} bytes, built {}, first difference at {at:?}",
                stored.len(),
                expected.len()
            ));
        }
        // No Bcc field anywhere, and no Bcc-only address anywhere in the bytes.
        let parsed = Message::parse(&stored).expect("parse what the server stored");
        for part in parsed.parts() {
            assert!(!part.headers().contains("bcc"), "{name}: a Bcc field arrived");
        }
        let text = String::from_utf8_lossy(&stored).to_lowercase();
        for bcc in &b.spec.bcc {
            let visible = b.spec.to.iter().chain(&b.spec.cc).any(|m| same_mailbox(&m.address, &bcc.address));
            if !visible {
                assert!(
                    !text.contains(&bcc.address.to_lowercase()),
                    "{name}: Bcc {} in the data",
                    bcc.address
                );
            }
        }
        // The same tree, the same decoded leaves, and every attachment's bytes. The
        // builder's tree holds an embedded message as a leaf of its bytes, which the
        // parser reads as a message with parts of its own; for a message with one, the
        // stored tree is compared with the built bytes parsed (which are the stored ones,
        // as checked above).
        let reparsed;
        let built = if b.spec.parts.iter().any(|p| p.embedded.is_some()) {
            reparsed = Message::parse(&b.bytes).expect("parse the built bytes");
            &reparsed
        } else {
            &b.msg
        };
        assert_eq!(shape(&parsed), shape(built), "{name}: tree");
        let mut built_leaves: Vec<_> = built.leaves().map(|p| p.decoded().into_owned()).collect();
        if line_end_added {
            // Only a single-part message can end without a line end (a multipart ends with
            // its close delimiter line); the CRLF that DATA needed is now its body's.
            assert_eq!(built_leaves.len(), 1, "{name}: no final line end, yet more than one leaf");
            assert_eq!(built.transfer_encoding(), TransferEncoding::SevenBit, "{name}");
            built_leaves[0].extend_from_slice(b"\r\n");
        }
        let stored_leaves: Vec<_> = parsed.leaves().map(|p| p.decoded().into_owned()).collect();
        assert!(built_leaves == stored_leaves, "{name}: decoded leaves differ");
        let got: Vec<&Part<'_>> = parsed.attachments().collect();
        let want = b.spec.expected_parts();
        assert_eq!(got.len(), want.len(), "{name}: attachments");
        for (g, w) in got.iter().zip(&want) {
            if g.filename() != w.filename {
                errors.push(format!("{name}: file name {:?} read back as {:?}", w.filename, g.filename()));
            }
            assert!(*g.decoded() == w.sent()[..], "{name}: bytes of {:?}", w.filename);
            attachments += 1;
        }
    }
    assert!(errors.is_empty(), "what the server stored differs:\n{}", errors.join("\n"));
    assert!(bcc_checked >= 4, "too few Bcc recipients checked");
    println!(
        "smtp: {} messages delivered to aiosmtpd on 127.0.0.1:{} and stored byte-identical, \
         {attachments} attachments compared, {bcc_checked} Bcc recipients checked, in {:?}",
        corpus.len(),
        sink.port,
        started.elapsed()
    );
    drop(sink);
}

// ---------------------------------------------------------------------------------------
// Messages other software writes parse here
// ---------------------------------------------------------------------------------------

/// (display name or "", address) of each mailbox.
fn mailboxes(list: &mailmime::AddressList<'_>) -> Vec<(String, String)> {
    list.mailboxes().map(|m| (m.name().unwrap_or("").to_owned(), m.address().into_owned())).collect()
}

fn crlf_to_lf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// What a message must parse to: written by the program that made it.
#[derive(Default, Debug)]
struct Expect {
    file: String,
    subject: String,
    from: Vec<(String, String)>,
    to: Vec<(String, String)>,
    cc: Vec<(String, String)>,
    text: Option<String>,
    html: Option<String>,
    /// (file name, content type, file holding the data)
    attachments: Vec<(Option<String>, String, String)>,
}

/// Reads python_write.py's expect.txt.
fn read_expectations(text: &str) -> Vec<Expect> {
    let opt = |v: &str| (v != "-").then(|| unhex(v));
    let mut out = Vec::new();
    let mut cur: Option<Expect> = None;
    for line in text.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        match (f[0], cur.as_mut()) {
            ("message", None) => cur = Some(Expect { file: f[1].to_owned(), ..Expect::default() }),
            ("subject", Some(e)) => e.subject = unhex(f[1]),
            ("from" | "to" | "cc", Some(e)) => {
                let mb = (unhex(f[1]), unhex(f[2]));
                match f[0] {
                    "from" => e.from.push(mb),
                    "to" => e.to.push(mb),
                    _ => e.cc.push(mb),
                }
            }
            ("text", Some(e)) => e.text = opt(f[1]),
            ("html", Some(e)) => e.html = opt(f[1]),
            ("attachment", Some(e)) => e.attachments.push((opt(f[1]), f[2].to_owned(), f[3].to_owned())),
            ("end", Some(_)) => out.extend(cur.take()),
            _ => panic!("unexpected line in expect.txt: {line:?}"),
        }
    }
    assert!(cur.is_none(), "expect.txt ends inside a message");
    out
}

/// Checks a message written elsewhere against `e`; the attachments are the leaves other
/// than the text and HTML bodies, in order. Differences go to `errors`.
fn check_parsed(dir: &Path, e: &Expect, errors: &mut Vec<String>) -> usize {
    let bytes = read(&dir.join(&e.file));
    let msg = Message::parse(&bytes).expect("parse");
    let mut err = |what: &str, got: String, want: String| {
        if got != want {
            errors.push(format!("{}: {what}: expected {want}, got {got}", e.file));
        }
    };
    let defects: Vec<String> = msg.defects().map(|d| format!("{d:?}")).collect();
    err("defects", format!("{defects:?}"), "[]".to_owned());
    err("subject", format!("{:?}", msg.subject()), format!("{:?}", Some(&e.subject)));
    err("from", format!("{:?}", mailboxes(&msg.from())), format!("{:?}", e.from));
    err("to", format!("{:?}", mailboxes(&msg.to())), format!("{:?}", e.to));
    err("cc", format!("{:?}", mailboxes(&msg.cc())), format!("{:?}", e.cc));
    let text = msg.text_body();
    let html = msg.html_body();
    err("text", format!("{:?}", text.map(|p| crlf_to_lf(&p.text()))), format!("{:?}", e.text));
    err("html", format!("{:?}", html.map(|p| crlf_to_lf(&p.text()))), format!("{:?}", e.html));
    let is_body = |p: &Part<'_>| [text, html].into_iter().flatten().any(|b| std::ptr::eq(b, p));
    let leaves: Vec<&Part<'_>> = msg.leaves().filter(|p| !is_body(p)).collect();
    err("number of attachments", leaves.len().to_string(), e.attachments.len().to_string());
    for (p, (name, content_type, data_file)) in leaves.iter().zip(&e.attachments) {
        let ct = p.content_type();
        err("content type", format!("{}/{}", ct.main_type(), ct.subtype()), content_type.clone());
        err("file name", format!("{:?}", p.filename()), format!("{name:?}"));
        let data = read(&dir.join(data_file));
        err(
            &format!("bytes of {name:?}"),
            format!("{} bytes", p.decoded().len()),
            format!("{} bytes", data.len()),
        );
        if p.decoded().len() == data.len() && *p.decoded() != data[..] {
            err(&format!("bytes of {name:?}"), "other bytes".to_owned(), "the same bytes".to_owned());
        }
    }
    e.attachments.len()
}

#[test]
fn python_generated_messages_parse_here() {
    if !enabled("python_generated_messages_parse_here") {
        return;
    }
    let dir = TempDir::new("python-write");
    run_ok(
        Command::new(python()).arg(script("python_write.py")).arg(dir.path()),
        None,
        Duration::from_secs(30),
    );
    let expectations =
        read_expectations(&String::from_utf8(read(&dir.path().join("expect.txt"))).expect("ASCII"));
    assert!(expectations.len() >= 6, "python_write.py wrote {} messages", expectations.len());
    let mut errors = Vec::new();
    let mut attachments = 0;
    for e in &expectations {
        attachments += check_parsed(dir.path(), e, &mut errors);
    }
    println!(
        "python generator: {} messages, {attachments} attachments parsed to the values given",
        expectations.len()
    );
    assert!(errors.is_empty(), "messages from Python's generator:\n{}", errors.join("\n"));
}

#[test]
fn tool_generated_messages_parse_here() {
    if !enabled("tool_generated_messages_parse_here") {
        return;
    }
    let dir = TempDir::new("tools-write");
    let d = dir.path();
    let mut rng = Rng(0x7001_5eed);
    let mut errors = Vec::new();

    // mpack: one file, base64, with a description (a text/plain part before it).
    let data = rng.bytes(70_000);
    write(&d.join("quarterly report.bin"), &data);
    write(&d.join("description.txt"), b"The quarterly report.\n");
    run_ok(
        Command::new("mpack")
            .args(["-s", "Report from mpack", "-d", "description.txt", "-c", "application/octet-stream"])
            .args(["-o", "mpack.eml", "quarterly report.bin"])
            .current_dir(d),
        None,
        Duration::from_secs(10),
    );
    write(&d.join("mpack.0.bin"), &data);
    let mpack = Expect {
        file: "mpack.eml".into(),
        subject: "Report from mpack".into(),
        text: Some("The quarterly report.\n".into()),
        attachments: vec![(
            Some("quarterly report.bin".into()),
            "application/octet-stream".into(),
            "mpack.0.bin".into(),
        )],
        ..Expect::default()
    };

    // makemime: multipart/mixed of an 8bit UTF-8 text, a base64 image and an LF-only
    // CSV as base64, with its header fields given by -a.
    let text = "Grüße from makemime.\nSecond line.\n";
    write(&d.join("body.txt"), text.as_bytes());
    let image = rng.bytes(5_000);
    write(&d.join("image.bin"), &image);
    let csv = b"a,b\n1,2\n".to_vec();
    write(&d.join("table.csv"), &csv);
    let makemime = |args: &[&str]| {
        run_ok(Command::new("makemime").args(args).current_dir(d), None, Duration::from_secs(10));
    };
    makemime(&["-c", "text/plain; charset=utf-8", "-e", "8bit", "-o", "s1", "body.txt"]);
    makemime(&[
        "-c",
        "image/png",
        "-e",
        "base64",
        "-a",
        "Content-Disposition: attachment; filename=\"photo 1.png\"",
        "-o",
        "s2",
        "image.bin",
    ]);
    makemime(&[
        "-c",
        "text/csv",
        "-e",
        "base64",
        "-a",
        "Content-Disposition: attachment; filename=table.csv",
        "-o",
        "s3",
        "table.csv",
    ]);
    makemime(&[
        "-m",
        "multipart/mixed",
        "-a",
        "Mime-Version: 1.0",
        "-a",
        "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_from_makemime?=",
        "-a",
        "From: \"Jörg (makemime)\" <joerg@example.de>",
        "-a",
        "To: bob@example.org, \"Doe, John\" <john@example.com>",
        "-o",
        "m1",
        "s1",
    ]);
    makemime(&["-j", "m1", "-o", "m2", "s2"]);
    makemime(&["-j", "m2", "-o", "makemime.eml", "s3"]);
    write(&d.join("makemime.0.bin"), &image);
    write(&d.join("makemime.1.bin"), &csv);
    let makemime_expect = Expect {
        file: "makemime.eml".into(),
        subject: "Grüße from makemime".into(),
        from: vec![("Jörg (makemime)".into(), "joerg@example.de".into())],
        to: vec![("".into(), "bob@example.org".into()), ("Doe, John".into(), "john@example.com".into())],
        text: Some(text.into()),
        attachments: vec![
            (Some("photo 1.png".into()), "image/png".into(), "makemime.0.bin".into()),
            (Some("table.csv".into()), "text/csv".into(), "makemime.1.bin".into()),
        ],
        ..Expect::default()
    };

    // reformime -r7: a built 8BITMIME message rewritten for a 7-bit path (8bit sections
    // become quoted-printable).
    let corpus = build_corpus();
    let b = corpus.iter().find(|b| b.spec.name == "m17-8bitmime").expect("m17");
    let out = run_ok(Command::new("reformime").arg("-r7"), Some(&b.bytes), Duration::from_secs(10));
    assert!(out.stdout.is_ascii(), "reformime -r7 left 8-bit bytes");
    write(&d.join("reformime.eml"), &out.stdout);
    let mut r7 = Expect {
        file: "reformime.eml".into(),
        subject: b.spec.subject.clone(),
        text: b.spec.text.clone(),
        ..Expect::default()
    };
    let pairs = |list: &[Mb]| -> Vec<(String, String)> {
        list.iter().map(|m| (m.name.clone().unwrap_or_default(), m.address.clone())).collect()
    };
    r7.from = pairs(&b.spec.from);
    r7.to = pairs(&b.spec.to);
    for (k, p) in b.spec.expected_parts().into_iter().enumerate() {
        let file = format!("reformime.{k}.bin");
        // An 8bit text part is now quoted-printable with the same canonical (CRLF) lines.
        write(&d.join(&file), &p.data);
        r7.attachments.push((p.filename.clone(), p.media_type.to_owned(), file));
    }
    let reencoded = Message::parse(&out.stdout)
        .expect("parse")
        .parts()
        .filter(|p| p.transfer_encoding() == TransferEncoding::QuotedPrintable)
        .count();
    // The 8bit text body is re-encoded; attachments are base64 already (bytes that must
    // stay exact are never sent as 8bit).
    assert!(reencoded >= 1, "reformime -r7 re-encoded {reencoded} parts, expected the 8bit text body");

    let mut attachments = 0;
    for e in [&mpack, &makemime_expect, &r7] {
        attachments += check_parsed(d, e, &mut errors);
    }
    println!(
        "mpack, makemime, reformime -r7: 3 messages, {attachments} attachments parsed to the values given"
    );
    assert!(errors.is_empty(), "messages written by the tools:\n{}", errors.join("\n"));
}
