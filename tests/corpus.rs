//! Every message of the third-party corpora (../shared/corpora) parses without panic and
//! writes back byte for byte, borrowed and owned.
//!
//! The corpora are not part of this repository. `MAILMIME_CORPORA` names their folder;
//! when it is set (as `.ci/run` does) a missing folder is a failure. When it is not set,
//! `../shared/corpora` beside the repository is used if present.

mod support;

use mailmime::Message;
use support::corpora;

/// (path, kind) of every manifest row.
fn manifest(dir: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let mut cols = line.split('\t');
            (cols.next().unwrap().to_owned(), cols.next().unwrap_or("").to_owned())
        })
        .collect()
}

#[test]
fn every_corpus_message_round_trips_byte_for_byte() {
    let Some(dir) = corpora() else {
        eprintln!("corpora not found: set MAILMIME_CORPORA to run this test");
        return;
    };
    let rows = manifest(&dir);
    let mut checked = 0;
    for (path, _kind) in &rows {
        // mbox files too: read whole, they are still bytes that must round-trip.
        let input = std::fs::read(dir.join(path)).unwrap();
        let msg = Message::parse(&input).unwrap();
        assert!(msg.to_bytes() == input, "{path}: to_bytes differs from the input");
        let parts = msg.parts().count();
        let owned = msg.into_owned();
        assert!(owned.to_bytes() == input, "{path}: owned to_bytes differs from the input");
        assert_eq!(owned.parts().count(), parts, "{path}: owned tree has another shape");
        checked += 1;
    }
    assert!(checked >= 250, "only {checked} corpus files were checked");
    eprintln!("{checked} corpus files round-trip");
}
