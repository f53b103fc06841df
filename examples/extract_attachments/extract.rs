//! The extraction itself, shared by the example's `main` and by `tests/extract.rs`, so
//! that the test checks the very code the example runs.

use std::borrow::Cow;
use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use mailmime::{FileNames, Message, Part, split_mbox};

/// An I/O error and the path it happened on.
#[derive(Debug)]
pub(crate) struct PathError {
    pub(crate) path: PathBuf,
    pub(crate) error: io::Error,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

/// One file written: where, and how many bytes.
#[derive(Debug)]
pub(crate) struct Written {
    pub(crate) path: PathBuf,
    pub(crate) bytes: usize,
}

/// What an extraction did, beside the files it reported.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub(crate) messages: usize,
    pub(crate) files: usize,
    /// The messages that could not be parsed: their position (from 1) and the error.
    pub(crate) unparsed: Vec<(usize, mailmime::Error)>,
}

/// The messages in `input`: those of an mbox when it starts with a `From ` line
/// (mboxrd quoting undone), else `input` as one message.
pub(crate) fn messages(input: &[u8]) -> Vec<Cow<'_, [u8]>> {
    if input.starts_with(b"From ") {
        split_mbox(input).map(|m| Cow::Owned(m.unescaped().into_owned())).collect()
    } else {
        vec![Cow::Borrowed(input)]
    }
}

/// The name the sender gave the attachment, or one that says what it is.
pub(crate) fn declared_name(part: &Part<'_>) -> String {
    part.filename().unwrap_or_else(|| {
        if part.body().as_message().is_some() { "message.eml" } else { "attachment" }.to_owned()
    })
}

/// The bytes an attachment is saved as: an embedded message as it is written, anything
/// else with its transfer encoding undone.
pub(crate) fn content<'p>(part: &'p Part<'_>) -> Cow<'p, [u8]> {
    match part.body().as_message() {
        // Not decoded(): it does not give an embedded message's bytes in every version.
        Some(message) => Cow::Owned(message.to_bytes()),
        None => part.decoded(),
    }
}

/// Writes every attachment of every message in `input` into `dir` (created when missing),
/// each in a new file named by `FileNames`, and calls `report` for each file written.
/// Stops at the first I/O error.
pub(crate) fn extract(
    input: &[u8],
    dir: &Path,
    mut report: impl FnMut(&Written),
) -> Result<Summary, PathError> {
    fs::create_dir_all(dir).map_err(|error| PathError { path: dir.to_path_buf(), error })?;
    let mut names = FileNames::new();
    let mut summary = Summary::default();
    for (index, bytes) in messages(input).iter().enumerate() {
        summary.messages += 1;
        let message = match Message::parse(bytes) {
            Ok(message) => message,
            Err(error) => {
                summary.unparsed.push((index + 1, error));
                continue;
            }
        };
        for part in message.attachments() {
            let written = write_new(dir, &mut names, &declared_name(part), &content(part))?;
            summary.files += 1;
            report(&written);
        }
    }
    Ok(summary)
}

/// Writes `bytes` to a file in `dir` that did not exist, named `FileNames::insert(wanted)`:
/// when that name is taken on disk, the next number is tried.
pub(crate) fn write_new(
    dir: &Path,
    names: &mut FileNames,
    wanted: &str,
    bytes: &[u8],
) -> Result<Written, PathError> {
    loop {
        let name = names.insert(wanted);
        let path = dir.join(&name);
        // safe_file_name gives one plain component; checked again here, so that no
        // mistake in it could ever write outside `dir`.
        let mut components = Path::new(&name).components();
        if !matches!((components.next(), components.next()), (Some(Component::Normal(_)), None)) {
            let error = io::Error::new(io::ErrorKind::InvalidInput, "not a plain file name");
            return Err(PathError { path, error });
        }
        // create_new never follows a symbolic link and never truncates a file.
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(PathError { path, error }),
        };
        return match file.write_all(bytes) {
            Ok(()) => Ok(Written { path, bytes: bytes.len() }),
            Err(error) => Err(PathError { path, error }),
        };
    }
}
