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
use mailmime::Message;
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
