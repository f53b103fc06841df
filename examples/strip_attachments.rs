//! Replaces every attachment larger than N bytes with a short text/plain note and writes
//! the message to stdout: the "strip MIME parts for archiving" task. Everything else,
//! signed parts included, keeps its exact bytes.
//!
//! ```text
//! cargo run --example strip_attachments -- [--max-bytes N] FILE.eml > stripped.eml
//! ```

use std::io::Write;
use std::process::ExitCode;

use mailmime::{Message, MimePart};

fn main() -> ExitCode {
    let mut max_bytes: usize = 100 * 1024;
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--max-bytes" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => max_bytes = n,
                None => {
                    eprintln!("strip_attachments: --max-bytes needs a number");
                    return ExitCode::FAILURE;
                }
            },
            _ => path = Some(arg),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: strip_attachments [--max-bytes N] FILE.eml");
        return ExitCode::FAILURE;
    };
    let input = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("strip_attachments: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut msg = match Message::parse(&input) {
        Ok(msg) => msg,
        Err(e) => {
            eprintln!("strip_attachments: {e}");
            return ExitCode::FAILURE;
        }
    };

    // Find the attachments first, with their depth-first positions, then replace them from
    // the last to the first, so earlier positions stay valid. (An attached message's
    // decoded bytes are the message.)
    let attachments: Vec<usize> =
        msg.attachment_indices().filter(|(_, p)| p.decoded().len() > max_bytes).map(|(i, _)| i).collect();
    let mut stripped = 0;
    for &index in attachments.iter().rev() {
        let part = msg.parts().nth(index).expect("index from the same tree");
        let name = part.filename().unwrap_or_else(|| "unnamed".to_owned());
        let size = part.decoded().len();
        let note = format!(
            "[{name} ({size} bytes, {}) was removed when this message was archived.]\r\n",
            part.content_type()
        );
        if index == 0 {
            // The whole message is the attachment: replace its body in place.
            let mut root = msg.part_mut(0).expect("the root exists");
            if root.set_body(note.into_bytes()).is_err() {
                continue;
            }
        } else if let Err(e) = msg.replace_part(index, MimePart::text("plain", note)) {
            eprintln!("strip_attachments: part {index}: {e}");
            continue;
        }
        stripped += 1;
    }
    if stripped > 0
        && let Err(e) = msg.headers_mut().append("X-Attachments-Stripped", &stripped.to_string())
    {
        eprintln!("strip_attachments: {e}");
    }
    eprintln!("strip_attachments: {stripped} attachment(s) over {max_bytes} bytes replaced");
    match std::io::stdout().lock().write_all(&msg.to_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("strip_attachments: {e}");
            ExitCode::FAILURE
        }
    }
}
