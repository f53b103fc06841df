//! Snapshot tests over the fixture corpus in `tests/fixtures/{rfc,real,malformed}`.
//!
//! Every `X.eml` runs as stored (LF line ends, snapshot `X.lf.snap`) and with every lone
//! LF turned into CRLF (`X.crlf.snap`). Fixtures under a `raw/` directory run only as
//! stored (`X.raw.snap`): they hold bare CRs or mixed line ends on purpose.
//!
//! On a mismatch the actual dump is written to `X.<variant>.actual` and the test fails
//! listing every mismatch. `BLESS=1 cargo test --test fixtures` writes the snapshots: all
//! of them, including any that were set by hand to the RFC's answer while the parser
//! still gets it wrong (those also have direct tests at the end of this file), so review
//! the diff before keeping a blessed snapshot.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::rel;
use mailmime::Message;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// Every file under `dir`, sorted, without recursion on the call stack.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn is_raw(path: &Path) -> bool {
    path.parent().and_then(Path::file_name).is_some_and(|n| n == "raw")
}

fn fixtures() -> Vec<PathBuf> {
    files_under(&fixture_root()).into_iter().filter(|p| p.extension().is_some_and(|e| e == "eml")).collect()
}

/// The line-end variants a fixture runs as: (name, input).
fn variants(path: &Path, stored: Vec<u8>) -> Vec<(&'static str, Vec<u8>)> {
    if is_raw(path) {
        vec![("raw", stored)]
    } else {
        let crlf = common::to_crlf(&stored);
        vec![("lf", stored), ("crlf", crlf)]
    }
}

fn sibling(path: &Path, variant: &str, ext: &str) -> PathBuf {
    let stem = path.file_stem().expect("file stem").to_string_lossy();
    path.with_file_name(format!("{stem}.{variant}.{ext}"))
}

#[test]
fn corpus_is_present_and_stored_with_lf_line_ends() {
    let all = fixtures();
    assert!(all.len() >= 40, "expected at least 40 fixtures, found {}", all.len());
    for dir in ["rfc", "real", "malformed", "malformed/raw"] {
        assert!(
            all.iter().any(|p| p.parent() == Some(&fixture_root().join(dir))),
            "no fixture in tests/fixtures/{dir}"
        );
    }
    for path in all.iter().filter(|p| !is_raw(p)) {
        let bytes = fs::read(path).expect("read fixture");
        assert!(
            !bytes.contains(&b'\r'),
            "{}: fixtures outside raw/ must be stored with LF line ends",
            rel(path)
        );
    }
    for path in all.iter().filter(|p| is_raw(p)) {
        let bytes = fs::read(path).expect("read fixture");
        assert!(bytes.contains(&b'\r'), "{}: a raw/ fixture is there for its CRs", rel(path));
    }
}

#[test]
fn snapshots_match() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut expected_snaps = Vec::new();
    let mut runs = 0;
    for path in fixtures() {
        let stored = fs::read(&path).expect("read fixture");
        for (variant, input) in variants(&path, stored) {
            runs += 1;
            let msg = Message::parse(&input).expect("parse never fails with default options");
            let actual = common::dump(&msg);
            let snap = sibling(&path, variant, "snap");
            let actual_file = sibling(&path, variant, "actual");
            expected_snaps.push(snap.clone());
            if let Err(failure) = common::check_snapshot(&snap, &actual_file, &actual, bless) {
                failures.push(failure);
            }
        }
    }
    // A snapshot with no fixture behind it would never be checked.
    for path in files_under(&fixture_root()) {
        if path.extension().is_some_and(|e| e == "snap") && !expected_snaps.contains(&path) {
            failures.push(format!("{} has no fixture", rel(&path)));
        }
    }
    assert!(runs >= 80, "only {runs} fixture runs");
    assert!(
        failures.is_empty(),
        "{} snapshot mismatch(es) (BLESS=1 accepts the actual output):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

#[test]
fn every_fixture_writes_back_exactly() {
    let mut failures = Vec::new();
    for path in fixtures() {
        let stored = fs::read(&path).expect("read fixture");
        for (variant, input) in variants(&path, stored) {
            let msg = Message::parse(&input).expect("parse");
            if msg.to_bytes() != input {
                failures.push(format!("{} ({variant}): to_bytes differs from the input", rel(&path)));
            }
            let borrowed_dump = common::dump(&msg);
            let owned = msg.into_owned();
            if owned.to_bytes() != input {
                failures.push(format!(
                    "{} ({variant}): into_owned().to_bytes() differs from the input",
                    rel(&path)
                ));
            }
            if common::dump(&owned) != borrowed_dump {
                failures.push(format!("{} ({variant}): into_owned() changed the tree", rel(&path)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_part_raw_span_is_the_input_at_its_offset() {
    // Parts of transfer-encoded embedded messages refer to their decoded bytes, so only
    // the parts outside such messages are checked against the input.
    let mut failures = Vec::new();
    for path in fixtures() {
        let stored = fs::read(&path).expect("read fixture");
        for (variant, input) in variants(&path, stored) {
            let msg = Message::parse(&input).expect("parse");
            let mut stack = vec![msg.root()];
            while let Some(part) = stack.pop() {
                let raw = part.raw().expect("parsed parts have raw bytes");
                let at = part.offset();
                if input.get(at..at + raw.len()) != Some(raw) {
                    failures
                        .push(format!("{} ({variant}): part at {at} raw span is not the input", rel(&path)));
                }
                if let Some(m) = part.body().as_message()
                    && m.encoded().is_some()
                {
                    continue;
                }
                stack.extend(common::children(part));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Direct checks of fixtures whose snapshots record the RFC's answer rather than the
// parser's current output. They hold even if someone blesses the snapshots.

fn fixture(rel_path: &str) -> Vec<u8> {
    fs::read(fixture_root().join(rel_path)).expect("read fixture")
}

#[test]
fn rfc2045_comment_after_a_parameter_is_not_part_of_its_value() {
    // RFC 2045 §5.1: `charset=us-ascii (Plain text)` and `charset="us-ascii"` are equivalent.
    let input = fixture("rfc/rfc2045-5-1-content-type-comment.eml");
    for input in [input.clone(), common::to_crlf(&input)] {
        let msg = Message::parse(&input).expect("parse");
        assert_eq!(msg.content_type().charset().as_deref(), Some("us-ascii"));
    }
}

#[test]
fn rfc5322_a6_3_from_with_white_space_before_the_colon_is_a_field() {
    // RFC 5322 Appendix A.6.3 (obs-optional, §4.5.3): `From  : John Doe ...` is the From
    // field with obsolete white space before the colon, not an mbox "From " line.
    let input = fixture("rfc/rfc5322-a6-3-obsolete-white-space.eml");
    for input in [input.clone(), common::to_crlf(&input)] {
        let msg = Message::parse(&input).expect("parse");
        let names: Vec<&str> = msg.headers().iter().map(|f| f.name_str()).collect();
        assert_eq!(names, ["From", "To", "Subject", "Date", "Message-ID"]);
        assert_eq!(
            msg.headers().get("from").map(|v| v.as_bytes()),
            Some(&b" John Doe <jdoe@machine(comment).  example>"[..])
        );
        let offsets: Vec<usize> = msg.defects().map(|d| d.offset()).collect();
        assert_eq!(offsets.first(), Some(&0), "the From field's ObsoleteHeaderSyntax defect");
        assert_eq!(msg.to_bytes(), input);
    }
}
