//! Composes a message with text, HTML, an inline image and two attachments (one with a
//! non-ASCII file name) and prints it, ready for SMTP DATA, to stdout.
//!
//! ```text
//! cargo run --example compose
//! ```

use std::io::Write;
use std::process::ExitCode;

use mailmime::{BuildOptions, MessageBuilder};

/// A 1x1 transparent PNG.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
    0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00,
    0x01, 0xe9, 0xfa, 0xdc, 0xd8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn main() -> ExitCode {
    let built = MessageBuilder::new()
        .options(BuildOptions::default().message_id_domain("example.com"))
        .from(("Anaïs Dupré", "anais@example.com"))
        .to(("Bob", "bob@example.org"))
        .cc("carol@example.net")
        .bcc("audit@example.com")
        .subject("Rapport trimestriel — Q3 ✓")
        .text("Bonjour Bob,\n\nLe rapport est joint.\n\nAnaïs\n")
        .html("<p>Bonjour Bob,</p><p>Le rapport est joint. <img src=\"cid:logo@example.com\"></p>")
        .inline("logo@example.com", "image/png", PIXEL.to_vec())
        .attachment("report.csv", "text/csv", b"quarter,revenue\nQ3,1200\n".to_vec())
        .attachment("données été.pdf", "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec())
        .build();
    let (message, envelope) = match built {
        Ok(built) => built,
        Err(e) => {
            eprintln!("compose: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("MAIL FROM:<{}>", envelope.reverse_path());
    for rcpt in envelope.recipients() {
        eprintln!("RCPT TO:<{rcpt}>");
    }
    match std::io::stdout().lock().write_all(&message.to_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compose: {e}");
            ExitCode::FAILURE
        }
    }
}
