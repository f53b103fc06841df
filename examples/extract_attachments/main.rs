//! Writes every attachment of a message, or of every message in an mbox, into a
//! directory, under names that can never leave it, overwrite a file or name a device:
//! the "save all attachments" task.
//!
//! ```text
//! cargo run --example extract_attachments -- INPUT OUTDIR
//! ```
//!
//! INPUT is an `.eml` file, or an mbox when its first line starts with `From `. OUTDIR is
//! created when missing. Each name comes from `mailmime::FileNames`: made safe with
//! `mailmime::safe_file_name` (`../../etc/passwd` is written as `etc_passwd`, `con` as
//! `_con`) and numbered when it repeats (`same (2).txt`), also when a file of that name
//! already exists. One line is printed per file written; the exit code is non-zero when
//! a file cannot be written (the message names the path) or a message cannot be parsed.

mod extract;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [input, dir] = args.as_slice() else {
        eprintln!("usage: extract_attachments INPUT OUTDIR");
        return ExitCode::FAILURE;
    };
    let bytes = match std::fs::read(input) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("extract_attachments: {}: {e}", input.display());
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    let mut stdout_error = None;
    let result = extract::extract(&bytes, dir, |written| {
        if let Err(e) = writeln!(stdout, "{} ({} bytes)", written.path.display(), written.bytes) {
            stdout_error.get_or_insert(e);
        }
    });
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            eprintln!("extract_attachments: {e}");
            return ExitCode::FAILURE;
        }
    };
    for (index, error) in &summary.unparsed {
        eprintln!("extract_attachments: {}: message {index}: {error}", input.display());
    }
    eprintln!(
        "extract_attachments: {} file(s) from {} message(s) written to {}",
        summary.files,
        summary.messages,
        dir.display()
    );
    if let Some(e) = stdout_error {
        eprintln!("extract_attachments: stdout: {e}");
        return ExitCode::FAILURE;
    }
    if summary.unparsed.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
