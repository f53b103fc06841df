//! `examples/extract_attachments` on hostile attachment names (issue 11): every file is
//! written inside the target directory, under a distinct, safe name, with the
//! attachment's decoded bytes. The test runs the example's own extraction code.
//!
//! With `MAILMIME_HOSTILE_EML=PATH` set, the hostile message is also written to PATH, for
//! `.ci/run` to run the example binary on.

#[path = "../examples/extract_attachments/extract.rs"]
mod extract;

use std::fs;
use std::path::{Path, PathBuf};

use mailmime::{Message, MessageBuilder};

/// The attachment names the acceptance test of issue 11 lists, and a 300-character name.
fn hostile_names() -> Vec<String> {
    let long = format!("{}.pdf", "ü".repeat(296));
    assert_eq!(long.chars().count(), 300);
    ["../../etc/passwd", "/tmp/x", "a/b", "con", "same.txt", "same.txt"]
        .iter()
        .map(|n| n.to_string())
        .chain([long])
        .collect()
}

/// A message with one attachment per hostile name, each with its own content (binary
/// for some, so base64 is decoded too).
fn hostile_message() -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut builder = MessageBuilder::new()
        .from("mallory@example.com")
        .to("victim@example.org")
        .subject("hostile attachment names")
        .text("Seven attachments.");
    let mut contents = Vec::new();
    for (i, name) in hostile_names().iter().enumerate() {
        let content: Vec<u8> = if i % 2 == 0 {
            format!("attachment {i} was called {name}\r\n").into_bytes()
        } else {
            (0..=255u8).cycle().skip(i).take(300 + i).collect()
        };
        let media_type = if i % 2 == 0 { "text/plain" } else { "application/octet-stream" };
        builder = builder.attachment(name.as_str(), media_type, content.clone());
        contents.push(content);
    }
    let (message, _) = builder.build().expect("the builder takes every name");
    (message.to_bytes(), contents)
}

/// An empty directory for one test, below the target directory.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("extract").join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// The names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read the directory")
        .map(|e| e.expect("entry").file_name().into_string().expect("UTF-8 name"))
        .collect();
    names.sort();
    names
}

/// Runs the extraction on `input` into `dir`; the files reported, in order.
fn run(input: &[u8], dir: &Path) -> Vec<extract::Written> {
    let mut written = Vec::new();
    let summary = extract::extract(input, dir, |w| {
        written.push(extract::Written { path: w.path.clone(), bytes: w.bytes })
    })
    .expect("extraction succeeds");
    assert!(summary.unparsed.is_empty());
    assert_eq!(summary.files, written.len());
    written
}

#[test]
fn hostile_names_give_seven_distinct_files_inside_the_directory() {
    let (eml, contents) = hostile_message();
    if let Some(path) = std::env::var_os("MAILMIME_HOSTILE_EML") {
        fs::write(&path, &eml).expect("write MAILMIME_HOSTILE_EML");
    }
    let msg = Message::parse(&eml).unwrap();
    let declared: Vec<String> = msg.attachments().filter_map(|p| p.filename()).collect();
    assert_eq!(declared, hostile_names(), "the builder wrote the names as given");

    let base = scratch("hostile");
    let dir = base.join("out");
    let written = run(&eml, &dir);

    let long = format!("{}.pdf", "ü".repeat(125));
    let expected = ["etc_passwd", "tmp_x", "a_b", "_con", "same.txt", "same (2).txt", long.as_str()];
    let names: Vec<String> =
        written.iter().map(|w| w.path.file_name().unwrap().to_str().unwrap().to_owned()).collect();
    assert_eq!(names, expected);

    // Exactly these 7 files, nothing beside the directory, nothing below it.
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(entries(&dir), sorted);
    assert_eq!(entries(&base), ["out"]);
    let root = dir.canonicalize().unwrap();
    for (w, content) in written.iter().zip(&contents) {
        let path = w.path.canonicalize().unwrap();
        assert_eq!(path.parent(), Some(root.as_path()), "{}", w.path.display());
        assert!(fs::symlink_metadata(&path).unwrap().is_file());
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 255, "{name} is {} bytes", name.len());
        let stem = name.split('.').next().unwrap();
        assert!(!stem.eq_ignore_ascii_case("con"), "{name}");
        assert_eq!(&fs::read(&path).unwrap(), content, "{name}");
        assert_eq!(w.bytes, content.len());
    }
    // The bytes written are what the parser decodes.
    for (w, part) in written.iter().zip(msg.attachments()) {
        assert_eq!(fs::read(&w.path).unwrap(), &*part.decoded());
    }
    assert_eq!(long.len(), 254);
    fs::remove_dir_all(&base).unwrap();
}

#[test]
fn a_second_run_into_the_same_directory_overwrites_nothing() {
    let (eml, contents) = hostile_message();
    let dir = scratch("twice");
    let first = run(&eml, &dir);
    let second = run(&eml, &dir);
    assert_eq!(entries(&dir).len(), 14);
    let second_names: Vec<&str> =
        second.iter().map(|w| w.path.file_name().unwrap().to_str().unwrap()).collect();
    assert_eq!(
        &second_names[..6],
        ["etc_passwd (2)", "tmp_x (2)", "a_b (2)", "_con (2)", "same (3).txt", "same (4).txt"]
    );
    for run in [&first, &second] {
        for (w, content) in run.iter().zip(&contents) {
            assert_eq!(&fs::read(&w.path).unwrap(), content, "{}", w.path.display());
        }
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_mbox_is_split_and_names_stay_distinct_across_its_messages() {
    let one = b"Subject: one\n\
Content-Type: multipart/mixed; boundary=b\n\n\
--b\nContent-Type: text/plain\n\nbody\n\
--b\nContent-Type: text/plain; name=Same.TXT\nContent-Disposition: attachment\n\nfrom one\n\
--b--\n";
    // RFC 2231: a path, a NUL and a bidi override, percent-encoded; and an embedded message.
    let two = b"Subject: two\n\
Content-Type: multipart/mixed; boundary=c\n\n\
--c\nContent-Type: application/octet-stream\n\
Content-Disposition: attachment; filename*=utf-8''..%2F..%2Fsame.txt\n\
Content-Transfer-Encoding: base64\n\nZnJvbSB0d28=\n\
--c\nContent-Type: application/octet-stream\n\
Content-Disposition: attachment; filename*0*=utf-8''%2Fevil%00; filename*1*=%E2%80%AEtxt.exe\n\n\
binary\n\
--c\nContent-Type: message/rfc822\n\nSubject: inner\n\ninner body\n\
--c--\n";
    let mut mbox = b"From a@example.com Mon Jan  1 00:00:00 2024\n".to_vec();
    mbox.extend_from_slice(one);
    mbox.extend_from_slice(b"\nFrom b@example.com Mon Jan  1 00:00:01 2024\n");
    mbox.extend_from_slice(two);
    assert_eq!(extract::messages(&mbox).len(), 2);

    let dir = scratch("mbox");
    let written = run(&mbox, &dir);
    let got: Vec<(String, Vec<u8>)> = written
        .iter()
        .map(|w| (w.path.file_name().unwrap().to_str().unwrap().to_owned(), fs::read(&w.path).unwrap()))
        .collect();
    let expected: Vec<(String, Vec<u8>)> = [
        ("Same.TXT", &b"from one"[..]),
        ("same (2).txt", b"from two"),
        ("evil\u{fffd}_txt.exe", b"binary"),
        ("message.eml", b"Subject: inner\n\ninner body"),
    ]
    .iter()
    .map(|(n, c)| (n.to_string(), c.to_vec()))
    .collect();
    assert_eq!(got, expected);
    assert_eq!(entries(&dir).len(), 4);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_message_that_is_not_an_mbox_is_one_message() {
    let input = b"Subject: From here\n\nFrom the body\n";
    assert_eq!(extract::messages(input), [&input[..]]);
}

#[test]
fn an_io_error_names_the_path() {
    let base = scratch("io-error");
    let file = base.join("not-a-directory");
    fs::write(&file, b"x").unwrap();
    let (eml, _) = hostile_message();
    let err = extract::extract(&eml, &file, |_| {}).unwrap_err();
    assert_eq!(err.path, file);
    assert!(err.to_string().starts_with(&format!("{}: ", file.display())), "{err}");
    // Inside a path whose parent is a file, creating the directory fails the same way.
    let below = file.join("out");
    let err = extract::extract(&eml, &below, |_| {}).unwrap_err();
    assert_eq!(err.path, below);
    fs::remove_dir_all(&base).unwrap();
}
