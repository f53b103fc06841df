//! Helpers shared by several test binaries (each uses some of them).
#![allow(dead_code)]

use std::path::PathBuf;

pub(crate) mod lines;

/// The third-party corpora (`../shared/corpora`). `MAILMIME_CORPORA` names their folder;
/// when it is set (as `.ci/run` does) a missing folder is a failure. When it is not set,
/// `../shared/corpora` beside the repository is used if present, else `None`.
pub(crate) fn corpora() -> Option<PathBuf> {
    match std::env::var_os("MAILMIME_CORPORA") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.join("MANIFEST.tsv").is_file(),
                "MAILMIME_CORPORA={} has no MANIFEST.tsv",
                dir.display()
            );
            Some(dir)
        }
        None => {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
            dir.join("MANIFEST.tsv").is_file().then_some(dir)
        }
    }
}

/// `bytes` with every CRLF read as LF.
pub(crate) fn lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}
