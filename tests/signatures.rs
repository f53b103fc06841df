//! Signatures keep verifying after mailmime parses, edits and writes a message (issue 9),
//! checked by the tools that verify them.
//!
//! - DKIM, with dkimpy (Debian python3-dkim, through `tests/interop/dkim_tool.py`): every
//!   `eml` message of the third-party corpora, as given and with every line end made LF
//!   and made CRLF (where that changes it), is signed with relaxed/relaxed and with
//!   simple/simple canonicalization, h= From, To, Subject, Date (From always; the others
//!   where present). Each must still verify after `Message::parse` + `to_bytes`, after a
//!   field is appended, and after the fields of one unsigned name are removed; and must
//!   fail once its From is rewritten, which shows that each verdict looks at that
//!   message. Messages dkimpy refuses to sign are listed with its reason, not failed.
//! - S/MIME, with `openssl smime`: a message built here holds a `multipart/signed` made
//!   by `openssl smime -sign` (detached, self-signed test certificate made at test time)
//!   between two other parts of a `multipart/mixed`. After a field is appended, after
//!   the part before or after the signed one is replaced or removed, and after
//!   `strip_attachments` and a `retain_parts` that refuses every part, the signed
//!   entity, cut out of the written bytes by its delimiters (RFC 2046 §5.1.1, not by
//!   mailmime), must be the bytes openssl wrote and must verify with
//!   `openssl smime -verify`. In three forms of the message: as openssl wrote the entity
//!   (CRLF, but LF in the base64 signature), all CRLF, and all LF.
//!
//! The tools come from `bash .ci/interop-setup.sh`. As in `tests/interop.rs`, the tests
//! run only with `MAILMIME_INTEROP=1`, and then a missing tool or corpus is a failure;
//! without it each test prints a note and passes. Python is `/usr/bin/python3`, or
//! `MAILMIME_PYTHON` when set.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
mod support;

use common::to_crlf;
use mailmime::{Message, MessageBuilder, MimePart};
use support::{corpora, lf};

// ---------------------------------------------------------------------------------------
// Gate, scratch directory, tools
// ---------------------------------------------------------------------------------------

/// True when the interop tests are asked for; otherwise says how to ask.
fn interop(test: &str) -> bool {
    let on = std::env::var_os("MAILMIME_INTEROP").is_some_and(|v| v == "1");
    if !on {
        eprintln!("note: {test} skipped; run `bash .ci/interop-setup.sh`, then set MAILMIME_INTEROP=1");
    }
    on
}

/// A directory for the files the tools read and write. A passing test removes it
/// ([`Scratch::remove`]); a failing one leaves it, and says where.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mailmime-signatures-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["", "in", "signed", "check"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        eprintln!("{tag}: the tools' files are in {} (removed if the test passes)", dir.display());
        Scratch(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn remove(self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Runs `command` with the file `stdin` (or nothing) as its input: its stdout when it
/// exits with status 0, else its status and what it printed. Fails the test if the
/// command cannot be started.
fn run(command: &mut Command, stdin: Option<&Path>) -> Result<String, String> {
    let input = match stdin {
        Some(path) => {
            Stdio::from(std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        }
        None => Stdio::null(),
    };
    let Output { status, stdout, stderr } = command.stdin(input).output().unwrap_or_else(|e| {
        panic!("cannot run {command:?}: {e} (install the tools with `bash .ci/interop-setup.sh`)")
    });
    let stdout = String::from_utf8_lossy(&stdout).into_owned();
    if status.success() {
        Ok(stdout)
    } else {
        Err(format!("{command:?}: {status}\n{stdout}{}", String::from_utf8_lossy(&stderr).trim_end()))
    }
}

/// [`run`], failing the test unless the command succeeds.
fn succeed(command: &mut Command, stdin: Option<&Path>) -> String {
    run(command, stdin).unwrap_or_else(|e| panic!("{e}"))
}

fn openssl(args: &[&str]) -> Command {
    let mut command = Command::new("openssl");
    command.args(args);
    command
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// How a message ends its lines.
fn line_ends(bytes: &[u8]) -> &'static str {
    let lf_only =
        bytes.iter().enumerate().filter(|&(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r')).count();
    match (lf_only, bytes.windows(2).any(|w| w == b"\r\n")) {
        (0, true) => "CRLF",
        (_, false) => "LF",
        _ => "mixed",
    }
}

// ---------------------------------------------------------------------------------------
// DKIM
// ---------------------------------------------------------------------------------------

const CANONICALIZATIONS: [&str; 2] = ["relaxed", "simple"];

/// The fields the DKIM signatures cover (`tests/interop/dkim_tool.py` signs those present).
const DKIM_SIGNED: [&str; 5] = ["from", "to", "subject", "date", "dkim-signature"];

/// What is done to a signed message before it is verified again.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum DkimCheck {
    /// The signed message as dkimpy wrote it: dkimpy must verify its own signature.
    AsSigned,
    /// `Message::parse(signed).to_bytes()`.
    ParseWrite,
    /// A field appended to the header.
    Append,
    /// Every field of the first unsigned name (not a Content-* or MIME-Version) removed.
    RemoveUnsigned,
    /// From rewritten: must fail.
    Tampered,
}

impl DkimCheck {
    fn name(self) -> &'static str {
        match self {
            DkimCheck::AsSigned => "as signed",
            DkimCheck::ParseWrite => "parse + write",
            DkimCheck::Append => "append a field",
            DkimCheck::RemoveUnsigned => "remove an unsigned field",
            DkimCheck::Tampered => "From rewritten",
        }
    }

    /// The bytes to verify for this check, or `None` when it does not apply.
    fn apply(self, signed: &[u8]) -> Option<Vec<u8>> {
        if self == DkimCheck::AsSigned {
            return Some(signed.to_vec());
        }
        let mut msg = Message::parse(signed).expect("parse never fails on bytes");
        match self {
            DkimCheck::AsSigned | DkimCheck::ParseWrite => {}
            DkimCheck::Append => {
                msg.headers_mut().append("X-Mailmime-Check", "appended after signing").unwrap();
            }
            DkimCheck::RemoveUnsigned => {
                let name = msg.headers().iter().map(|f| f.name_str().to_ascii_lowercase()).find(|n| {
                    !DKIM_SIGNED.contains(&n.as_str()) && !n.starts_with("content-") && n != "mime-version"
                })?;
                assert!(msg.headers_mut().remove(&name) > 0);
            }
            DkimCheck::Tampered => {
                msg.headers_mut().insert("From", "Mallory <mallory@example.net>").unwrap();
            }
        }
        let out = msg.to_bytes();
        if self != DkimCheck::ParseWrite {
            assert!(out != signed, "{self:?} left the message unchanged");
        }
        Some(out)
    }

    fn must_verify(self) -> bool {
        self != DkimCheck::Tampered
    }
}

const DKIM_CHECKS: [DkimCheck; 5] = [
    DkimCheck::AsSigned,
    DkimCheck::ParseWrite,
    DkimCheck::Append,
    DkimCheck::RemoveUnsigned,
    DkimCheck::Tampered,
];

/// One input: a corpus file, as given or with its line ends converted.
struct Sample {
    label: String,
    file: PathBuf,
}

/// The `eml` files of the corpus manifest.
fn corpus_messages(dir: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut paths = Vec::new();
    for mut columns in manifest.lines().skip(1).map(|row| row.split('\t')) {
        if let (Some(path), Some("eml")) = (columns.next(), columns.next()) {
            paths.push(path.to_owned());
        }
    }
    paths
}

/// Every corpus message as given, and LF and CRLF forms of it where they differ.
fn samples(corpus: &Path, scratch: &Scratch) -> Vec<Sample> {
    let mut out = Vec::new();
    for path in corpus_messages(corpus) {
        let given = read(&corpus.join(&path));
        let forms = [("", given.clone()), (" (made LF)", lf(&given)), (" (made CRLF)", to_crlf(&given))];
        for (k, (suffix, bytes)) in forms.iter().enumerate() {
            if k > 0 && *bytes == given {
                continue;
            }
            let file = scratch.file(&format!("in/{}.eml", out.len()));
            write(&file, bytes);
            out.push(Sample { label: format!("{path}{suffix}"), file });
        }
    }
    out
}

/// Splits the tab-separated lines a helper printed, keyed by their first column.
fn verdicts(stdout: &str) -> HashMap<String, Vec<String>> {
    stdout
        .lines()
        .map(|line| {
            let mut columns = line.split('\t').map(str::to_owned);
            (columns.next().unwrap_or_default(), columns.collect())
        })
        .collect()
}

#[test]
fn dkim_signatures_verify_after_parse_write_and_header_edits() {
    if !interop("dkim_signatures_verify_after_parse_write_and_header_edits") {
        return;
    }
    let corpus = corpora().expect("the corpora (set MAILMIME_CORPORA) are needed with MAILMIME_INTEROP=1");
    let python = std::env::var("MAILMIME_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".to_owned());
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/dkim_tool.py");
    let scratch = Scratch::new("dkim");
    let (key, public) = (scratch.file("key.pem"), scratch.file("public.pem"));
    succeed(&mut openssl(&["genrsa", "-traditional", "-out", path_arg(&key), "2048"]), None);
    succeed(&mut openssl(&["rsa", "-in", path_arg(&key), "-pubout", "-out", path_arg(&public)]), None);

    let samples = samples(&corpus, &scratch);

    // Sign everything in one dkimpy process.
    let mut jobs = String::new();
    for (i, sample) in samples.iter().enumerate() {
        for canon in CANONICALIZATIONS {
            let target = scratch.file(&format!("signed/{i}.{canon}.eml"));
            writeln!(jobs, "{}\t{}\t{canon}", path_arg(&sample.file), path_arg(&target)).unwrap();
        }
    }
    write(&scratch.file("sign.tsv"), jobs.as_bytes());
    let signing = verdicts(&succeed(
        Command::new(&python).arg(&tool).arg("sign").arg(&key),
        Some(&scratch.file("sign.tsv")),
    ));

    // Make the edited forms, then verify everything in one dkimpy process.
    let mut checks: Vec<(usize, &str, DkimCheck, PathBuf)> = Vec::new();
    let mut skipped: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut signed_line_ends: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (i, sample) in samples.iter().enumerate() {
        for canon in CANONICALIZATIONS {
            let target = scratch.file(&format!("signed/{i}.{canon}.eml"));
            let verdict = signing
                .get(path_arg(&target))
                .unwrap_or_else(|| panic!("dkim_tool.py sign said nothing of {} ({canon})", sample.label));
            match verdict.first().map(String::as_str) {
                Some("ok") => {}
                Some("skip") => {
                    let reason = format!("{}: {}", sample.label, verdict[1]);
                    skipped.entry(reason).or_default().push(canon);
                    continue;
                }
                _ => panic!("dkim_tool.py sign: unexpected verdict {verdict:?} for {}", sample.label),
            }
            let signed = read(&target);
            *signed_line_ends.entry((canon, line_ends(&signed))).or_default() += 1;
            for check in DKIM_CHECKS {
                if let Some(bytes) = check.apply(&signed) {
                    let file = scratch.file(&format!("check/{i}.{canon}.{check:?}.eml"));
                    write(&file, &bytes);
                    checks.push((i, canon, check, file));
                }
            }
        }
    }
    let list: String = checks.iter().map(|(.., file)| format!("{}\n", path_arg(file))).collect();
    write(&scratch.file("verify.txt"), list.as_bytes());
    let verifying = verdicts(&succeed(
        Command::new(&python).arg(&tool).arg("verify").arg(&public),
        Some(&scratch.file("verify.txt")),
    ));

    // Tally: per canonicalization and check, how many verified of how many expected to.
    let mut tally: BTreeMap<(&str, DkimCheck), (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (i, canon, check, file) in &checks {
        let verdict = verifying
            .get(path_arg(file))
            .unwrap_or_else(|| panic!("dkim_tool.py verify said nothing of {}", file.display()));
        let passed = verdict.first().map(String::as_str) == Some("pass");
        let entry = tally.entry((canon, *check)).or_default();
        entry.1 += 1;
        if passed == check.must_verify() {
            entry.0 += 1;
        } else {
            let said =
                if passed { "verified".to_owned() } else { verdict.get(1).cloned().unwrap_or_default() };
            failures.push(format!(
                "{} c={canon}/{canon}, {}: {said} ({})",
                samples[*i].label,
                check.name(),
                file.display()
            ));
        }
    }

    for canon in CANONICALIZATIONS {
        let must: Vec<_> = DKIM_CHECKS.iter().filter(|c| c.must_verify()).collect();
        let (verified, expected) = must
            .iter()
            .map(|c| tally.get(&(canon, **c)).copied().unwrap_or_default())
            .fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
        let each: Vec<String> = must
            .iter()
            .map(|c| {
                let (n, m) = tally.get(&(canon, **c)).copied().unwrap_or_default();
                format!("{} {n}/{m}", c.name())
            })
            .collect();
        let (rejected, tampered) = tally.get(&(canon, DkimCheck::Tampered)).copied().unwrap_or_default();
        let ends: Vec<String> = signed_line_ends
            .iter()
            .filter(|((c, _), _)| *c == canon)
            .map(|((_, e), n)| format!("{e} {n}"))
            .collect();
        eprintln!(
            "dkim {canon}/{canon}: {verified} of {expected} verified ({}); From rewritten: {rejected} of {tampered} \
             rejected; signed messages by line ends: {}",
            each.join(", "),
            ends.join(", ")
        );
    }
    let skips: usize = skipped.values().map(Vec::len).sum();
    eprintln!(
        "dkim: {skips} skipped (dkimpy would not sign them) of {}:",
        samples.len() * CANONICALIZATIONS.len()
    );
    for (reason, canons) in &skipped {
        eprintln!("  {} [{}]", reason, canons.join(", "));
    }
    assert!(failures.is_empty(), "{} DKIM checks failed:\n{}", failures.len(), failures.join("\n"));
    for canon in CANONICALIZATIONS {
        for ends in ["LF", "CRLF"] {
            assert!(
                signed_line_ends.get(&(canon, ends)).is_some_and(|&n| n > 0),
                "no {ends} message was signed with c={canon}/{canon}"
            );
        }
    }
    scratch.remove();
}

// ---------------------------------------------------------------------------------------
// S/MIME
// ---------------------------------------------------------------------------------------

/// The content openssl signs: a multipart/alternative with a folded field, a line with
/// trailing white space, one that starts with "From " and a lone dot.
const SIGNED_CONTENT: &str = "Content-Type: multipart/alternative;\r\n boundary=\"alt-7f3a\"\r\n\
Content-Language: en\r\n\
\r\n\
--alt-7f3a\r\n\
Content-Type: text/plain; charset=us-ascii\r\n\
Content-Transfer-Encoding: 7bit\r\n\
\r\n\
Quarterly figures, signed.  \r\n\
From the signer: this line starts with \"From \".\r\n\
.\r\n\
--alt-7f3a\r\n\
Content-Type: text/html; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
<p>Quarterly figures, signed. Caf=C3=A9.</p>\r\n\
--alt-7f3a--\r\n";

const INTRO: &str = "Introduction: the signed report follows.";
const REPLACEMENT: &str = "Replacement part, written after signing.";
const NOTES: &str = "notes.bin";

/// What each part of the built message is, depth-first.
const BUILT_TYPES: [&str; 8] = [
    "multipart/mixed",
    "text/plain",
    "multipart/signed",
    "multipart/alternative",
    "text/plain",
    "text/html",
    "application/x-pkcs7-signature",
    "application/octet-stream",
];
const INTRO_INDEX: usize = 1;
const NOTES_INDEX: usize = 7;

/// An edit outside the signed part.
#[derive(Clone, Copy, Debug)]
enum SmimeEdit {
    Append,
    ReplaceBefore,
    ReplaceAfter,
    RemoveBefore,
    RemoveAfter,
    /// Append, replace the part after, remove the part before.
    All,
    /// `strip_attachments`: the notes go, the signed part and its signature stay.
    Strip,
    /// `retain_parts` refusing every part: the signed part stays all the same.
    RetainNothing,
}

const SMIME_EDITS: [SmimeEdit; 8] = [
    SmimeEdit::Append,
    SmimeEdit::ReplaceBefore,
    SmimeEdit::ReplaceAfter,
    SmimeEdit::RemoveBefore,
    SmimeEdit::RemoveAfter,
    SmimeEdit::All,
    SmimeEdit::Strip,
    SmimeEdit::RetainNothing,
];

impl SmimeEdit {
    fn name(self) -> &'static str {
        match self {
            SmimeEdit::Append => "append a field",
            SmimeEdit::ReplaceBefore => "replace the part before",
            SmimeEdit::ReplaceAfter => "replace the part after",
            SmimeEdit::RemoveBefore => "remove the part before",
            SmimeEdit::RemoveAfter => "remove the part after",
            SmimeEdit::All => "all three: append, replace after, remove before",
            SmimeEdit::Strip => "strip_attachments",
            SmimeEdit::RetainNothing => "retain_parts refusing every part",
        }
    }

    fn apply(self, msg: &mut Message<'_>) {
        let replacement = || MimePart::text("plain", REPLACEMENT);
        if matches!(self, SmimeEdit::Append | SmimeEdit::All) {
            msg.headers_mut().append("X-Mailmime-Check", "appended after signing").unwrap();
        }
        if matches!(self, SmimeEdit::ReplaceBefore) {
            msg.replace_part(INTRO_INDEX, replacement()).unwrap();
        }
        if matches!(self, SmimeEdit::ReplaceAfter | SmimeEdit::All) {
            msg.replace_part(NOTES_INDEX, replacement()).unwrap();
        }
        if matches!(self, SmimeEdit::RemoveAfter) {
            msg.remove_part(NOTES_INDEX).unwrap();
        }
        if matches!(self, SmimeEdit::RemoveBefore | SmimeEdit::All) {
            msg.remove_part(INTRO_INDEX).unwrap();
        }
        if matches!(self, SmimeEdit::Strip) {
            let removed = msg.strip_attachments().unwrap();
            assert_eq!(removed.iter().map(|p| p.filename()).collect::<Vec<_>>(), [Some(NOTES.to_owned())]);
        }
        if matches!(self, SmimeEdit::RetainNothing) {
            let removed = msg.retain_parts(|_| false).unwrap();
            assert_eq!(removed.len(), 2, "the intro and the notes");
        }
    }

    /// The top-level parts the edit leaves, named as [`name_entity`] names them, and
    /// whether the appended field is there.
    fn expected(self) -> (&'static [&'static str], bool) {
        match self {
            SmimeEdit::Append => (&["intro", "signed", "notes"], true),
            SmimeEdit::ReplaceBefore => (&["replacement", "signed", "notes"], false),
            SmimeEdit::ReplaceAfter => (&["intro", "signed", "replacement"], false),
            SmimeEdit::RemoveBefore => (&["signed", "notes"], false),
            SmimeEdit::RemoveAfter => (&["intro", "signed"], false),
            SmimeEdit::All => (&["signed", "replacement"], true),
            SmimeEdit::Strip => (&["intro", "signed"], false),
            SmimeEdit::RetainNothing => (&["signed"], false),
        }
    }
}

/// The body parts of the multipart `message` with this boundary, cut as RFC 2046 §5.1.1
/// says: a delimiter line starts with "--" and the boundary; the line end before it
/// belongs to the delimiter; a part starts on the line after it. Up to the close
/// delimiter.
fn body_parts<'m>(message: &'m [u8], boundary: &str) -> Vec<&'m [u8]> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let lines: Vec<usize> = (0..message.len())
        .filter(|&i| (i == 0 || message[i - 1] == b'\n') && message[i..].starts_with(delimiter))
        .collect();
    let mut parts = Vec::new();
    for pair in lines.windows(2) {
        let (this, next) = (pair[0], pair[1]);
        if message[this + delimiter.len()..].starts_with(b"--") {
            break;
        }
        let start = this + message[this..next].iter().position(|&b| b == b'\n').expect("delimiter line") + 1;
        let mut end = next - 1;
        if end > start && message[end - 1] == b'\r' {
            end -= 1;
        }
        parts.push(&message[start..end.max(start)]);
    }
    parts
}

/// Names a top-level part of the message by what it holds.
fn name_entity(part: &[u8], signed: &[u8]) -> &'static str {
    let has = |s: &str| part.windows(s.len()).any(|w| w == s.as_bytes());
    if part == signed {
        "signed"
    } else if has("multipart/signed") {
        "signed, but other bytes"
    } else if has(INTRO) {
        "intro"
    } else if has(REPLACEMENT) {
        "replacement"
    } else if has(NOTES) {
        "notes"
    } else {
        "unknown"
    }
}

/// `openssl smime -verify` of the entity, trusting the test certificate; the content
/// openssl says was signed, or what it said on failure.
fn smime_verify(scratch: &Scratch, name: &str, entity: &[u8]) -> Result<Vec<u8>, String> {
    let (input, content) =
        (scratch.file(&format!("check/{name}.eml")), scratch.file(&format!("check/{name}.out")));
    write(&input, entity);
    let cert = scratch.file("cert.pem");
    run(
        &mut openssl(&[
            "smime",
            "-verify",
            "-CAfile",
            path_arg(&cert),
            "-in",
            path_arg(&input),
            "-out",
            path_arg(&content),
        ]),
        None,
    )
    .map(|_| read(&content))
}

#[test]
fn smime_signature_verifies_after_edits_outside_the_signed_part() {
    if !interop("smime_signature_verifies_after_edits_outside_the_signed_part") {
        return;
    }
    let scratch = Scratch::new("smime");
    let (key, cert, content) =
        (scratch.file("key.pem"), scratch.file("cert.pem"), scratch.file("content.eml"));
    succeed(
        &mut openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=mailmime test signer/emailAddress=signer@example.com",
            "-keyout",
            path_arg(&key),
            "-out",
            path_arg(&cert),
        ]),
        None,
    );
    write(&content, SIGNED_CONTENT.as_bytes());
    let signed_file = scratch.file("signed.eml");
    succeed(
        &mut openssl(&[
            "smime",
            "-sign",
            "-crlfeol",
            "-in",
            path_arg(&content),
            "-signer",
            path_arg(&cert),
            "-inkey",
            path_arg(&key),
            "-out",
            path_arg(&signed_file),
        ]),
        None,
    );
    // openssl -crlfeol ends the lines of the MIME structure with CRLF but those of the
    // base64 signature with LF; that form is checked as it is, and made all CRLF and all LF.
    let signed = read(&signed_file);
    assert_eq!(line_ends(&signed), "mixed", "openssl -crlfeol wrote other line ends than before");

    let (built, _) = MessageBuilder::new()
        .from(("Ann Example", "ann@example.com"))
        .to("bob@example.org")
        .subject("Signed report, forwarded")
        .body(MimePart::multipart(
            "mixed",
            vec![
                MimePart::text("plain", INTRO),
                MimePart::raw(signed.clone()),
                MimePart::bytes("application/octet-stream", b"\x00\x01 notes\r\n\xff".to_vec())
                    .attachment(NOTES),
            ],
        ))
        .build()
        .unwrap();
    let built = built.to_bytes();
    let forms = [
        // (name, file tag, line ends, message, signed entity)
        ("as openssl wrote it", "openssl", "mixed", built.clone(), signed.clone()),
        ("CRLF", "crlf", "CRLF", to_crlf(&built), to_crlf(&signed)),
        ("LF", "lf", "LF", lf(&built), lf(&signed)),
    ];

    let mut verified = 0;
    let mut failures = Vec::new();
    for (form, tag, ends, message, signed) in &forms {
        assert_eq!(line_ends(message), *ends, "{form}: the message has other line ends");
        // Before any edit: openssl verifies the entity as cut out, and the cut is exact.
        let parsed = Message::parse(message).unwrap();
        let types: Vec<String> = parsed.parts().map(|p| p.content_type().to_string()).collect();
        assert_eq!(types, BUILT_TYPES, "{form}: the built message has another shape");
        let boundary = parsed.content_type().boundary().expect("a boundary").into_owned();
        let before: Vec<&str> =
            body_parts(message, &boundary).iter().map(|p| name_entity(p, signed)).collect();
        assert_eq!(before, ["intro", "signed", "notes"], "{form}: the signed entity is not cut out exactly");
        let said = smime_verify(&scratch, &format!("{tag}-unedited"), signed)
            .unwrap_or_else(|e| panic!("{form}: openssl does not verify what it signed: {e}"));
        assert_eq!(lf(&said), lf(SIGNED_CONTENT.as_bytes()), "{form}: openssl verified other content");
        // A control: one byte changed in the signed text, and openssl must say no.
        let tampered =
            String::from_utf8(signed.to_vec()).unwrap().replace("figures, signed.", "figures, signes.");
        assert!(tampered.as_bytes() != signed.as_slice());
        assert!(
            smime_verify(&scratch, &format!("{tag}-tampered"), tampered.as_bytes()).is_err(),
            "{form}: openssl verified a changed signed text"
        );

        for (k, case) in SMIME_EDITS.iter().enumerate() {
            let mut msg = Message::parse(message).unwrap();
            case.apply(&mut msg);
            let out = msg.to_bytes();
            let parts = body_parts(&out, &boundary);
            let names: Vec<&str> = parts.iter().map(|p| name_entity(p, signed)).collect();
            let appended = Message::parse(&out).unwrap().headers().contains("X-Mailmime-Check");
            let mut problems = Vec::new();
            let (expected_names, expected_appended) = case.expected();
            if names != expected_names {
                problems.push(format!("parts are {names:?}, expected {expected_names:?}"));
            }
            if appended != expected_appended {
                problems.push(format!("X-Mailmime-Check present: {appended}"));
            }
            let signed_part =
                parts.iter().zip(&names).find(|(_, n)| n.starts_with("signed")).map(|(p, _)| *p);
            match signed_part {
                None => problems.push("no multipart/signed part is left".to_owned()),
                Some(entity) => {
                    if let Err(e) = smime_verify(&scratch, &format!("{tag}-{k}"), entity) {
                        problems.push(format!("openssl smime -verify: {e}"));
                    }
                }
            }
            if problems.is_empty() {
                verified += 1;
            } else {
                failures.push(format!("{form}, {}: {}", case.name(), problems.join("; ")));
            }
            eprintln!(
                "smime {form}, {}: {}",
                case.name(),
                if problems.is_empty() { "verified" } else { "FAILED" }
            );
        }
    }
    eprintln!("smime: {verified} of {} verified", forms.len() * SMIME_EDITS.len());
    assert!(failures.is_empty(), "S/MIME checks failed:\n{}", failures.join("\n"));
    scratch.remove();
}
