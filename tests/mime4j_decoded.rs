//! The decoded bodies that Apache mime4j ships with its test messages
//! (`*_decoded_<id>.txt|bin` next to `X.msg`) must equal `Part::decoded()` byte for byte,
//! except for the reviewed cases in `tests/differential/mime4j-exceptions.tsv`.
//!
//! mime4j writes line breaks of decoded text as CRLF (the canonical form of RFC 2045
//! §6.7 hard line breaks) where mailmime keeps the line ends of the input; a body that
//! equals the expected one once every CRLF is read as LF is counted apart, as a match
//! up to line-end normalisation, and the test prints both counts.
//!
//! mime4j names a leaf by its path: the root is `1`, the i-th part of a multipart is
//! `<parent>_i`, and the root of an embedded message is `<parent>_1`.
//!
//! The corpora live outside the repository: see `tests/corpus.rs` for how they are found.

use std::collections::BTreeMap;
use std::path::Path;

mod support;

use mailmime::{Body, Message, Part};
use support::corpora;
use support::lf;

/// The part at a mime4j id such as `1_2_1`.
fn part_at<'p, 'a>(root: &'p Part<'a>, id: &str) -> Option<&'p Part<'a>> {
    let mut steps = id.split('_');
    if steps.next()? != "1" {
        return None;
    }
    let mut part = root;
    for step in steps {
        let n: usize = step.parse().ok()?;
        part = match part.body() {
            Body::Multipart(m) => m.parts().get(n.checked_sub(1)?)?,
            Body::Message(m) if n == 1 => m.root(),
            _ => return None,
        };
    }
    Some(part)
}

fn exceptions() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/differential/mime4j-exceptions.tsv");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, reason) = l.split_once('\t').expect("name<TAB>reason");
            assert!(!reason.trim().is_empty(), "{name}: no reason");
            (name.to_owned(), reason.to_owned())
        })
        .collect()
}

#[test]
fn mime4j_expected_decoded_bodies_match() {
    let Some(dir) = corpora() else {
        eprintln!("corpora not found: set MAILMIME_CORPORA to run this test");
        return;
    };
    let exceptions = exceptions();
    let mut matched = 0;
    let mut normalised = 0;
    let mut failures = Vec::new();
    let mut seen_exceptions = Vec::new();
    for sub in ["mime4j/testmsgs", "mime4j/mimetools-testmsgs"] {
        let folder = dir.join(sub);
        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        for name in &names {
            let Some((stem, rest)) = name.split_once("_decoded_") else { continue };
            let Some(id) = rest.strip_suffix(".txt").or_else(|| rest.strip_suffix(".bin")) else { continue };
            let expected = std::fs::read(folder.join(name)).unwrap();
            let input = std::fs::read(folder.join(format!("{stem}.msg"))).unwrap();
            let msg = Message::parse(&input).unwrap();
            let key = format!("{sub}/{name}");
            let got = part_at(msg.root(), id).map(|p| p.decoded().into_owned());
            let exact = got.as_deref() == Some(&expected[..]);
            let ok = exact || got.as_deref().is_some_and(|g| lf(g) == lf(&expected));
            if ok && !exact {
                normalised += 1;
            }
            match (ok, exceptions.contains_key(&key)) {
                (true, false) => matched += 1,
                (true, true) => failures.push(format!("{key}: listed as an exception but now matches")),
                (false, true) => seen_exceptions.push(key),
                (false, false) => failures.push(format!(
                    "{key}: expected {} bytes, got {}",
                    expected.len(),
                    got.map_or("no such part".to_owned(), |g| format!("{} bytes", g.len()))
                )),
            }
        }
    }
    for key in exceptions.keys() {
        if !seen_exceptions.contains(key) && !failures.iter().any(|f| f.starts_with(key.as_str())) {
            failures.push(format!("{key}: listed as an exception but not found"));
        }
    }
    eprintln!(
        "{matched} mime4j decoded bodies match ({} byte for byte, {normalised} up to CRLF/LF), {} reviewed exceptions",
        matched - normalised,
        seen_exceptions.len()
    );
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    // mime4j ships 164 decoded bodies for these folders: each must have been compared.
    assert_eq!(matched + seen_exceptions.len(), 164, "not every expected body was compared");
}
