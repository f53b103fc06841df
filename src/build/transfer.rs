//! Choosing and applying a Content-Transfer-Encoding for a body.

use crate::build::Transport;
use crate::encoding::{base64, quoted_printable};
use crate::error::{Error, ErrorKind};
use crate::header::TransferEncoding;

/// What a body holds, for the choice of encoding.
pub(crate) struct Shape {
    ascii: bool,
    /// Short lines, CRLF only, no NUL: fits SMTP's line rules.
    lines_ok: bool,
    /// Share of bytes quoted-printable would have to escape, in percent.
    escaped_percent: usize,
}

pub(crate) fn shape(body: &[u8]) -> Shape {
    let mut ascii = true;
    let mut lines_ok = true;
    let mut line = 0usize;
    let mut escaped = 0usize;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        match b {
            b'\r' if body.get(i + 1) == Some(&b'\n') => {
                line = 0;
                i += 2;
                continue;
            }
            b'\r' | b'\n' | 0 => {
                lines_ok = false;
                escaped += 1;
            }
            b'=' => escaped += 1,
            0x80.. => {
                ascii = false;
                escaped += 1;
            }
            _ if b < b' ' && b != b'\t' => escaped += 1,
            _ => {}
        }
        line += 1;
        if line > 998 {
            lines_ok = false;
        }
        i += 1;
    }
    Shape { ascii, lines_ok, escaped_percent: if body.is_empty() { 0 } else { escaped * 100 / body.len() } }
}

/// The automatic choice: 7bit when it fits, 8bit or binary when the transport allows,
/// quoted-printable for mostly-ASCII text, base64 otherwise.
pub(crate) fn choose(body: &[u8], is_text: bool, transport: Transport) -> TransferEncoding {
    let s = shape(body);
    if s.lines_ok && s.ascii {
        TransferEncoding::SevenBit
    } else if s.lines_ok && transport.allows_8bit() {
        TransferEncoding::EightBit
    } else if transport.allows_binary() {
        TransferEncoding::Binary
    } else if is_text && s.escaped_percent <= 20 {
        TransferEncoding::QuotedPrintable
    } else {
        TransferEncoding::Base64
    }
}

/// Checks that `encoding`, chosen by the caller, can carry `body` over `transport`.
pub(crate) fn check(body: &[u8], encoding: &TransferEncoding, transport: Transport) -> Result<(), Error> {
    let s = shape(body);
    let fits = match encoding {
        TransferEncoding::SevenBit => s.lines_ok && s.ascii,
        TransferEncoding::EightBit => s.lines_ok && transport.allows_8bit(),
        TransferEncoding::Binary => transport.allows_binary(),
        TransferEncoding::Base64 | TransferEncoding::QuotedPrintable => true,
        _ => false,
    };
    if fits { Ok(()) } else { Err(Error::new(ErrorKind::InvalidTransferEncoding, None)) }
}

/// Checks that a body the caller has already encoded with `encoding` can be written as
/// it is over `transport`: a body labelled 7bit, base64 or quoted-printable must be
/// US-ASCII in CRLF lines of at most 998 octets, 8bit needs 8BITMIME, binary
/// BINARYMIME, and any other encoding whatever its bytes need.
pub(crate) fn check_encoded(
    body: &[u8],
    encoding: &TransferEncoding,
    transport: Transport,
) -> Result<(), Error> {
    let s = shape(body);
    let fits = match encoding {
        TransferEncoding::SevenBit | TransferEncoding::Base64 | TransferEncoding::QuotedPrintable => {
            s.lines_ok && s.ascii
        }
        TransferEncoding::EightBit => s.lines_ok && transport.allows_8bit(),
        TransferEncoding::Binary => transport.allows_binary(),
        _ => (s.lines_ok && (s.ascii || transport.allows_8bit())) || transport.allows_binary(),
    };
    if fits { Ok(()) } else { Err(Error::new(ErrorKind::InvalidTransferEncoding, None)) }
}

/// The body encoded, without a final line end (the delimiter or end of message supplies
/// one).
pub(crate) fn encode(body: &[u8], encoding: &TransferEncoding, is_text: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + body.len() / 3 + 4);
    match encoding {
        TransferEncoding::Base64 => {
            base64::encode_into(body, &mut out);
            if out.ends_with(b"\r\n") {
                out.truncate(out.len() - 2);
            }
        }
        TransferEncoding::QuotedPrintable => {
            let mode = if is_text {
                quoted_printable::EncodeMode::Text
            } else {
                quoted_printable::EncodeMode::Binary
            };
            quoted_printable::encode_into(body, &mut out, mode);
        }
        _ => out.extend_from_slice(body),
    }
    out
}

/// Text with every line end (LF, CR, CRLF) made CRLF.
pub(crate) fn crlf(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + text.len() / 40);
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'\r' => {
                out.extend_from_slice(b"\r\n");
                if text.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => out.extend_from_slice(b"\r\n"),
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automatic_choice_follows_content_and_transport() {
        let t = Transport::SevenBit;
        assert_eq!(choose(b"plain\r\ntext", true, t), TransferEncoding::SevenBit);
        assert_eq!(choose("caf\u{e9} au lait".as_bytes(), true, t), TransferEncoding::QuotedPrintable);
        assert_eq!(choose("caf\u{e9}".as_bytes(), true, Transport::EightBitMime), TransferEncoding::EightBit);
        assert_eq!(choose(&[0, 1, 2, 255, 254], false, t), TransferEncoding::Base64);
        assert_eq!(choose(&[0, 1, 2, 255, 254], false, Transport::BinaryMime), TransferEncoding::Binary);
        let long = vec![b'a'; 1000];
        assert_eq!(choose(&long, true, t), TransferEncoding::QuotedPrintable);
        assert_eq!(choose(b"bare\rcr", true, Transport::EightBitMime), TransferEncoding::QuotedPrintable);
        assert_eq!(choose(b"nul\0", false, t), TransferEncoding::Base64);
        assert_eq!(choose(b"a line with a nul\0 in it", true, t), TransferEncoding::QuotedPrintable);
    }

    #[test]
    fn caller_choice_is_checked() {
        assert!(check(b"ok", &TransferEncoding::SevenBit, Transport::SevenBit).is_ok());
        assert!(check("é".as_bytes(), &TransferEncoding::SevenBit, Transport::SevenBit).is_err());
        assert!(check("é".as_bytes(), &TransferEncoding::EightBit, Transport::SevenBit).is_err());
        assert!(check(&[0], &TransferEncoding::Binary, Transport::BinaryMime).is_ok());
        assert!(check(b"x", &TransferEncoding::UuEncode, Transport::SevenBit).is_err());
    }

    #[test]
    fn pre_encoded_bodies_are_checked_against_label_and_transport() {
        let t = Transport::SevenBit;
        assert!(check_encoded(b"AAEC\r\nAAEC", &TransferEncoding::Base64, t).is_ok());
        assert!(check_encoded(b"AAEC\nAAEC", &TransferEncoding::Base64, t).is_err());
        assert!(
            check_encoded("caf\u{e9}".as_bytes(), &TransferEncoding::SevenBit, Transport::EightBitMime)
                .is_err()
        );
        assert!(check_encoded("caf\u{e9}".as_bytes(), &TransferEncoding::EightBit, t).is_err());
        assert!(
            check_encoded("caf\u{e9}".as_bytes(), &TransferEncoding::EightBit, Transport::EightBitMime)
                .is_ok()
        );
        assert!(check_encoded(b"begin 644 x\r\nend", &TransferEncoding::UuEncode, t).is_ok());
        assert!(check_encoded(&[0xff], &TransferEncoding::Other("x-y".into()), t).is_err());
        assert!(check_encoded(&[0xff, 0], &TransferEncoding::Binary, Transport::BinaryMime).is_ok());
    }

    #[test]
    fn crlf_normalises_every_line_end() {
        assert_eq!(crlf(b"a\nb\rc\r\nd"), b"a\r\nb\r\nc\r\nd");
    }
}
