//! Helpers shared by the fixture and property tests: a stable text dump of a parsed
//! tree, made only with the public API, the line-end conversion the fixtures use, the
//! snapshot check, and deep inputs with the small stack to parse them on.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use mailmime::{Body, Message, Part};

/// What kind of body a part has, as the dump spells it.
pub(crate) fn kind(part: &Part<'_>) -> &'static str {
    match part.body() {
        Body::Leaf(_) => "leaf",
        Body::Multipart(_) => "multipart",
        Body::Message(_) => "message",
        Body::DeliveryStatus(_) => "delivery-status",
        _ => "unknown",
    }
}

/// The direct children of a part: a multipart's parts, an embedded message's root, or
/// the field groups of a delivery-status body.
pub(crate) fn children<'p, 'a>(part: &'p Part<'a>) -> Vec<&'p Part<'a>> {
    match part.body() {
        Body::Multipart(m) => m.parts().iter().collect(),
        Body::Message(m) => vec![m.root()],
        Body::DeliveryStatus(d) => d.groups().iter().collect(),
        _ => Vec::new(),
    }
}

/// Every part with its depth, depth-first pre-order, without recursion.
pub(crate) fn walk<'p, 'a>(root: &'p Part<'a>) -> Vec<(usize, &'p Part<'a>)> {
    let mut out = Vec::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((part, depth)) = stack.pop() {
        out.push((depth, part));
        stack.extend(children(part).into_iter().rev().map(|c| (c, depth + 1)));
    }
    out
}

/// Bytes as printable ASCII (`\n`, `\r`, `\t`, `\xNN` escaped), quoted.
pub(crate) fn escape(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('"');
    for &b in bytes {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\x{b:02x}");
            }
        }
    }
    s.push('"');
    s
}

/// A body excerpt for the dump: whole when short, else its start and end.
fn excerpt(bytes: &[u8]) -> String {
    const HEAD: usize = 24;
    const TAIL: usize = 12;
    if bytes.len() <= HEAD + TAIL + 4 {
        escape(bytes)
    } else {
        format!("{}..{}", escape(&bytes[..HEAD]), escape(&bytes[bytes.len() - TAIL..]))
    }
}

/// A stable, line-based description of a parsed message.
///
/// The first line lists the top-level header field names in order. Then one line per
/// part, indented two spaces per depth: content type with its parameters sorted by
/// name, body kind, disposition, file name, Content-ID, transfer encoding, header count,
/// offset, and per kind the body length and an excerpt (leaf), the preamble and epilogue
/// lengths and whether the close delimiter was seen (multipart), whether the message was
/// transfer-encoded (message), or the field names (delivery-status group); then the
/// defects as `Name@offset`.
pub(crate) fn dump(msg: &Message<'_>) -> String {
    let mut out = String::new();
    let names: Vec<&str> = msg.headers().iter().map(|f| f.name_str()).collect();
    let _ = writeln!(out, "headers: [{}]", names.join(", "));
    let mut stack: Vec<(&Part<'_>, usize, bool)> = vec![(msg.root(), 0, false)];
    while let Some((part, depth, in_status)) = stack.pop() {
        let indent = "  ".repeat(depth);
        let mut line = String::new();
        if in_status {
            // A block of delivery-status fields: its field names say what it is.
            let names: Vec<&str> = part.headers().iter().map(|f| f.name_str()).collect();
            let _ = write!(line, "{indent}fields [{}]", names.join(", "));
            let rest = part.body().as_leaf().map_or(&[][..], |l| l.as_bytes());
            if !rest.is_empty() {
                let _ = write!(line, " rest={}", excerpt(rest));
            }
        } else {
            let ct = part.content_type();
            let _ = write!(line, "{indent}{ct}");
            let mut params: Vec<(String, String)> =
                ct.parameters().iter().map(|(k, v)| (k, v.into_owned())).collect();
            params.sort();
            for (k, v) in params {
                let _ = write!(line, "; {k}={}", escape(v.as_bytes()));
            }
            let _ = write!(line, " kind={}", kind(part));
            if let Some(cd) = part.content_disposition() {
                let _ = write!(line, " disp={}", escape(cd.kind().as_bytes()));
            }
            if let Some(f) = part.filename() {
                let _ = write!(line, " file={}", escape(f.as_bytes()));
            }
            if let Some(cid) = part.content_id() {
                let _ = write!(line, " cid={}", escape(cid.as_bytes()));
            }
            if part.is_attachment() {
                line.push_str(" attachment");
            }
            let _ = write!(line, " cte={}", part.transfer_encoding());
        }
        let _ = write!(line, " hdrs={} off={}", part.headers().len(), part.offset());
        match part.body() {
            Body::Leaf(leaf) if !in_status => {
                let b = leaf.as_bytes();
                let _ = write!(line, " len={} body={}", b.len(), excerpt(b));
            }
            Body::Multipart(m) => {
                let _ = write!(
                    line,
                    " parts={} preamble={} epilogue={} closed={}",
                    m.parts().len(),
                    m.preamble().len(),
                    m.epilogue().len(),
                    m.is_closed()
                );
            }
            Body::Message(m) => {
                if let Some(enc) = m.encoded() {
                    let _ = write!(line, " encoded-len={}", enc.len());
                }
            }
            _ => {}
        }
        if !part.defects().is_empty() {
            let list: Vec<String> =
                part.defects().iter().map(|d| format!("{}@{}", d.kind().name(), d.offset())).collect();
            let _ = write!(line, " defects=[{}]", list.join(", "));
        }
        out.push_str(&line);
        out.push('\n');
        let status = matches!(part.body(), Body::DeliveryStatus(_));
        stack.extend(children(part).into_iter().rev().map(|c| (c, depth + 1, status)));
    }
    out
}

/// Every lone LF turned into CRLF; CRLF pairs and bare CRs are kept.
pub(crate) fn to_crlf(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() + input.len() / 16);
    for (i, &b) in input.iter().enumerate() {
        if b == b'\n' && (i == 0 || input[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// Every line ends in CRLF and has at most 998 octets; under 7-bit every octet is ASCII.
pub(crate) fn assert_transport_ready(bytes: &[u8], seven_bit: bool) {
    let mut line = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => {
                assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at {i}");
                line = 0;
            }
            b'\r' => assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}"),
            _ => {
                line += 1;
                assert!(line <= 998, "line over 998 octets at {i}");
            }
        }
        if seven_bit {
            assert!(b < 128, "8-bit octet at {i}");
        }
    }
}

/// `path` relative to the crate root, for messages.
pub(crate) fn rel(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string()
}

/// Compares `actual` with the snapshot file `snap`, or with `bless` writes it there.
/// On a mismatch or a missing snapshot, writes `actual` to `actual_file` and says so;
/// otherwise removes a stale `actual_file`.
pub(crate) fn check_snapshot(
    snap: &Path,
    actual_file: &Path,
    actual: &str,
    bless: bool,
) -> Result<(), String> {
    if bless {
        fs::write(snap, actual).expect("write snapshot");
        let _ = fs::remove_file(actual_file);
        return Ok(());
    }
    let what = match fs::read_to_string(snap) {
        Ok(expected) if expected == actual => {
            let _ = fs::remove_file(actual_file);
            return Ok(());
        }
        Ok(_) => "differs",
        Err(_) => "is missing",
    };
    fs::write(actual_file, actual).expect("write actual");
    Err(format!("{} {what}; actual output in {}", rel(snap), rel(actual_file)))
}

/// `depth` multiparts, each the only part of the one around it, around a text leaf.
pub(crate) fn nested_multiparts(depth: usize) -> Vec<u8> {
    nested_multiparts_around(depth, b"\r\ninnermost\r\n")
}

/// `depth` multiparts, each the only part of the one around it, around `leaf` (a part:
/// header fields, blank line, body, line end).
pub(crate) fn nested_multiparts_around(depth: usize, leaf: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(depth * 64 + leaf.len());
    for i in 0..depth {
        out.extend_from_slice(
            format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n").as_bytes(),
        );
    }
    out.extend_from_slice(leaf);
    for i in (0..depth).rev() {
        out.extend_from_slice(format!("--b{i}--\r\n").as_bytes());
    }
    out
}

/// Runs `f` on a thread with a 2 MiB stack: the default for spawned threads, set here so
/// that `RUST_MIN_STACK` cannot change what is tested.
pub(crate) fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap()
}
