//! Removes every attachment larger than N bytes, attaches a short text/plain note that
//! lists them, and writes the message to stdout: the "strip MIME parts for archiving"
//! task. `Message::retain_parts` does the removing, so signed and encrypted parts (and
//! their signatures) stay, as do the images the HTML shows by `cid:`; everything else
//! keeps its exact bytes.
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

    // Remove the attachments over the size, keeping what the message needs: signed and
    // encrypted parts with their signatures, and the images its HTML shows (`cid:`). An
    // attached message's decoded bytes are the message.
    let removed = match msg.retain_parts(|p| !p.is_attachment() || p.decoded().len() <= max_bytes) {
        Ok(removed) => removed,
        Err(e) => {
            eprintln!("strip_attachments: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Say what was removed, in a note attached in their place.
    let mut note = String::new();
    for part in &removed {
        let name = part.filename().unwrap_or_else(|| "unnamed".to_owned());
        let (size, kind) = (part.decoded().len(), part.content_type());
        note.push_str(&format!(
            "[{name} ({size} bytes, {kind}) was removed when this message was archived.]\r\n"
        ));
    }
    let mut stripped = removed.len();
    if msg.is_attachment() && msg.body().is_leaf() && msg.decoded().len() > max_bytes {
        // The whole message is the attachment: replace its body in place.
        let name = msg.filename().unwrap_or_else(|| "unnamed".to_owned());
        let line = format!(
            "[{name} ({} bytes) was removed when this message was archived.]\r\n",
            msg.decoded().len()
        );
        match msg.part_mut(0).map(|mut root| root.set_body(line.into_bytes())) {
            Some(Ok(())) => stripped += 1,
            Some(Err(e)) => eprintln!("strip_attachments: {e}"),
            None => {}
        }
    }
    if !removed.is_empty() {
        let attached = msg.attach(MimePart::text("plain", note));
        if let Err(e) = attached {
            eprintln!("strip_attachments: the note: {e}");
        }
    }
    if stripped > 0
        && let Err(e) = msg.headers_mut().append("X-Attachments-Stripped", &stripped.to_string())
    {
        eprintln!("strip_attachments: {e}");
    }
    eprintln!("strip_attachments: {stripped} attachment(s) over {max_bytes} bytes removed");
    match std::io::stdout().lock().write_all(&msg.to_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("strip_attachments: {e}");
            ExitCode::FAILURE
        }
    }
}
