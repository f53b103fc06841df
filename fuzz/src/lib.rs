//! Helpers shared by the fuzz targets in `fuzz_targets/`.
//!
//! Each target is one small file that calls into this crate, so the checks are written
//! once and every target states only what it feeds in. The full walk is in [`walk`], the
//! checks on typed header values in [`values`], tree shapes for reparsing in [`shape`].

pub mod shape;
pub mod values;
pub mod walk;

use mailmime::encoding::Issue;
use mailmime::{Body, Message, Part};

/// Reads fuzz data as a recipe: single bytes for choices, then runs of bytes. Missing
/// bytes read as zero and missing runs as empty, so every input is a recipe.
#[derive(Debug, Clone, Copy)]
pub struct Recipe<'a> {
    rest: &'a [u8],
}

impl<'a> Recipe<'a> {
    /// A recipe over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Recipe { rest: data }
    }

    /// The next byte (0 when none is left).
    pub fn byte(&mut self) -> u8 {
        let (&b, rest) = self.rest.split_first().unwrap_or((&0, &[]));
        self.rest = rest;
        b
    }

    /// The next `n` bytes, or as many as are left.
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let (run, rest) = self.rest.split_at(n.min(self.rest.len()));
        self.rest = rest;
        run
    }

    /// The bytes up to the next `end` byte (which is consumed), or all that are left.
    pub fn until(&mut self, end: u8) -> &'a [u8] {
        match self.rest.iter().position(|&b| b == end) {
            Some(at) => {
                let run = &self.rest[..at];
                self.rest = &self.rest[at + 1..];
                run
            }
            None => self.take(self.rest.len()),
        }
    }

    /// Everything left.
    pub fn rest(self) -> &'a [u8] {
        self.rest
    }
}

/// Calls every read-only accessor on every part of `msg`, depth-first, and the walking
/// helpers on the root. Panics only if the library does.
pub fn touch_message(msg: &Message<'_>) {
    for part in msg.parts() {
        touch_part(part);
    }
    let _ = msg.defects().count();
    if let Some(p) = msg.text_body() {
        assert!(p.content_type().is_text(), "text_body returned a non-text part");
        assert!(p.body().is_leaf(), "text_body returned a non-leaf");
    }
    if let Some(p) = msg.html_body() {
        assert!(p.content_type().is_text(), "html_body returned a non-text part");
        assert!(p.body().is_leaf(), "html_body returned a non-leaf");
    }
    for p in msg.attachments() {
        let _ = p.filename();
        assert!(!matches!(p.body(), Body::Multipart(_)), "attachments() returned a multipart");
    }
    let _ = msg.leaves().count();
}

/// Calls every read-only accessor of one part (not its children).
pub fn touch_part(part: &Part<'_>) {
    let content_type = part.content_type();
    let _ = content_type.to_string();
    let _ = content_type.charset();
    let _ = content_type.boundary();
    let _ = content_type.is_multipart() || content_type.is_message();
    for (name, value) in content_type.parameters().iter() {
        let _ = (name.len(), value.len());
    }
    if let Some(disposition) = part.content_disposition() {
        let _ = (disposition.kind().len(), disposition.is_attachment(), disposition.is_inline());
        for (name, value) in disposition.parameters().iter() {
            let _ = (name.len(), value.len());
        }
    }
    let _ = part.filename();
    let _ = part.transfer_encoding().as_str().len();
    let _ = part.content_id();
    let _ = part.is_attachment();
    for field in part.headers() {
        let _ = field.name_str().len();
        let _ = field.value().unfolded();
        let _ = field.value().to_str_lossy();
        let _ = field.raw().len();
    }
    let _ = part.headers().get("subject");
    let _ = part.headers().get_all("received").count();
    for defect in part.defects() {
        let _ = defect.to_string();
    }
    let _ = (part.offset(), part.raw().map(<[u8]>::len));
    match part.body() {
        Body::Leaf(leaf) => {
            let _ = leaf.as_bytes().len();
        }
        Body::Multipart(m) => {
            let _ = (m.preamble().len(), m.epilogue().len(), m.is_closed(), m.parts().len());
        }
        Body::Message(m) => {
            let _ = m.encoded().map(<[u8]>::len);
        }
        _ => {}
    }
}

/// Asserts that `msg` writes back exactly `input`, and so does its owned copy.
pub fn assert_round_trip(input: &[u8], msg: Message<'_>) {
    assert_bytes_eq(input, &msg.to_bytes(), "to_bytes");
    let owned: Message<'static> = msg.into_owned();
    assert_bytes_eq(input, &owned.to_bytes(), "into_owned().to_bytes");
}

/// `assert_eq!` for byte strings that names the first differing offset instead of
/// printing two long vectors.
pub fn assert_bytes_eq(expected: &[u8], actual: &[u8], what: &str) {
    if expected != actual {
        let at = expected.iter().zip(actual).position(|(a, b)| a != b);
        let at = at.unwrap_or(expected.len().min(actual.len()));
        panic!(
            "{what}: output differs from input at byte {at} (input {} bytes, output {} bytes)\n  input  from there: {:?}\n  output from there: {:?}",
            expected.len(),
            actual.len(),
            String::from_utf8_lossy(&expected[at..expected.len().min(at + 64)]),
            String::from_utf8_lossy(&actual[at..actual.len().min(at + 64)]),
        );
    }
}

/// Asserts that every issue a decoder reported points into its input (the documented
/// meaning of [`Issue::offset`]).
pub fn assert_issues_in_input(input: &[u8], issues: &[Issue]) {
    for issue in issues {
        assert!(issue.offset <= input.len(), "{issue:?} points past the end of a {}-byte input", input.len());
    }
}

/// The limits the `limits` target parses with, and what they promise about the tree.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// `ParseOptions::max_depth`.
    pub depth: usize,
    /// `ParseOptions::max_parts`.
    pub parts: usize,
    /// `ParseOptions::max_headers`.
    pub headers: usize,
    /// `ParseOptions::max_header_bytes`.
    pub header_bytes: usize,
}

impl Limits {
    /// The options that set these limits (lenient: limits become opaque leaves).
    pub fn options(&self) -> mailmime::ParseOptions {
        mailmime::ParseOptions::default()
            .max_depth(self.depth)
            .max_parts(self.parts)
            .max_headers(self.headers)
            .max_header_bytes(self.header_bytes)
    }

    /// Asserts what `ParseOptions` documents: no multipart, embedded message or
    /// delivery-status body at depth `depth` or deeper; at most `parts` parts besides the
    /// opaque leaves that record `PartLimitExceeded`; at most `headers` fields and
    /// `header_bytes` bytes of fields in any header block.
    pub fn assert_respected_by(&self, msg: &Message<'_>) {
        use mailmime::DefectKind;

        let mut counted = 0usize;
        let mut stack: Vec<(&Part<'_>, usize)> = vec![(msg.root(), 0)];
        while let Some((part, depth)) = stack.pop() {
            let limit_leaf = part.defects().iter().any(|d| d.kind() == DefectKind::PartLimitExceeded);
            if !limit_leaf {
                counted += 1;
            }
            let fields = part.headers().len();
            assert!(fields <= self.headers, "{fields} header fields in one block");
            let bytes: usize = part.headers().iter().map(|f| f.raw().len()).sum();
            assert!(bytes <= self.header_bytes, "{bytes} bytes of header fields in one block");
            let children: &[Part<'_>] = match part.body() {
                Body::Leaf(_) => &[],
                Body::Multipart(m) => m.parts(),
                Body::Message(m) => std::slice::from_ref(m.root()),
                Body::DeliveryStatus(d) => d.groups(),
                _ => &[],
            };
            if !part.body().is_leaf() {
                assert!(depth < self.depth, "a nested body at depth {depth}");
            }
            stack.extend(children.iter().map(|c| (c, depth + 1)));
        }
        assert!(counted <= self.parts, "{counted} parts counted against the limit");
    }
}

/// A base64 body in regular lines (the layout the vector kernels decode), built from fuzz
/// data and then damaged in a few fuzz-chosen places.
#[derive(Debug)]
pub struct Base64Lines {
    /// The encoded body, mutations applied.
    pub input: Vec<u8>,
    /// Whether the lines end in CRLF (else LF).
    pub crlf: bool,
    /// The bytes that were encoded.
    pub payload: Vec<u8>,
    /// Whether any mutation changed `input` (if not, it must decode to `payload`).
    pub mutated: bool,
    /// Bytes already in the output vector before decoding (the decoders append).
    pub prefix: Vec<u8>,
    /// Where in `input` to start the line decoders for the direct kernel comparison.
    pub start: usize,
}

impl Base64Lines {
    /// Reads the fuzz data as
    ///
    /// * byte 0, flags: bit 0 set for LF line ends (else CRLF), bits 1..4 the length of
    ///   the output prefix (0..=7), bits 4..8 where the direct kernel comparison starts;
    /// * byte 1: whole 57-byte lines of payload (0..=255); byte 2: bytes in the last,
    ///   partial line (`% 57`);
    /// * byte 3: number of mutations (`% 9`), then 4 bytes per mutation: operation,
    ///   position (big-endian `u16`, modulo the length), value;
    /// * the rest: the payload, stretched with a xorshift stream seeded from it when too
    ///   short.
    ///
    /// Missing bytes read as zero, so every input builds a body.
    pub fn from_fuzz(data: &[u8]) -> Base64Lines {
        let at = |i: usize| data.get(i).copied().unwrap_or(0);
        let flags = at(0);
        let crlf = flags & 1 == 0;
        let prefix: Vec<u8> = (0..(flags >> 1) & 7).map(|i| 0xA0 | i).collect();
        let start = usize::from(flags >> 4);
        let len = usize::from(at(1)) * 57 + usize::from(at(2)) % 57;
        let mutations = usize::from(at(3)) % 9;
        let ops_end = (4 + 4 * mutations).min(data.len());
        let ops = data.get(4..ops_end).unwrap_or(&[]);
        let seed_bytes = data.get(ops_end..).unwrap_or(&[]);

        let mut payload: Vec<u8> = seed_bytes.iter().copied().take(len).collect();
        let mut x = seed_bytes
            .iter()
            .fold(0x9E37_79B9_7F4A_7C15u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3))
            | 1;
        while payload.len() < len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            payload.push((x >> 24) as u8);
        }

        let mut input = Vec::new();
        mailmime::encoding::base64::encode_into(&payload, &mut input);
        if !crlf {
            input.retain(|&b| b != b'\r');
        }
        let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let original = input.clone();
        for op in ops.chunks(4) {
            let get = |i: usize| op.get(i).copied().unwrap_or(0);
            let (kind, value) = (get(0) % 8, get(3));
            let pos = usize::from(u16::from_be_bytes([get(1), get(2)])) % (input.len() + 1);
            let here = pos < input.len();
            match kind {
                // Replace a byte: garbage, padding, white space.
                0 if here => input[pos] = value,
                1 if here => input[pos] = b'=',
                2 if here => input[pos] = if value & 1 == 0 { b' ' } else { b'\t' },
                // Drop the next line end: the whole of it, or only its LF.
                3 => {
                    if let Some(nl) = input[pos..].iter().position(|&b| b == b'\n').map(|i| pos + i) {
                        input.remove(nl);
                        if value & 1 == 0 && nl > 0 && input[nl - 1] == b'\r' {
                            input.remove(nl - 1);
                        }
                    }
                }
                // Add a line end: the body's own, CRLF, LF or a lone CR.
                4 => {
                    let add: &[u8] = match value % 4 {
                        0 => eol,
                        1 => b"\r\n",
                        2 => b"\n",
                        _ => b"\r",
                    };
                    input.splice(pos..pos, add.iter().copied());
                }
                5 => input.truncate(pos),
                6 => input.insert(pos, value),
                7 if here => {
                    input.remove(pos);
                }
                _ => {}
            }
        }
        let mutated = input != original;
        Base64Lines { input, crlf, payload, mutated, prefix, start }
    }
}

/// Asserts that `encoding::base64::decode_into` (engine, staging and, on regular lines,
/// the vector kernels) gives exactly what the scalar tolerant decoder gives on its own: the
/// same bytes after the same prefix, and the same issues (kinds, offsets, order). An
/// unmutated body must give its payload, with no issue.
pub fn assert_base64_matches_scalar(body: &Base64Lines) {
    use mailmime::encoding::base64;
    use mailmime::fuzzing::base64::decode_scalar;

    let mut fast = body.prefix.clone();
    let mut fast_issues = Vec::new();
    base64::decode_into(&body.input, &mut fast, &mut fast_issues);
    let mut slow = body.prefix.clone();
    let mut slow_issues = Vec::new();
    decode_scalar(&body.input, &mut slow, &mut slow_issues);
    // `assert_bytes_eq` calls its first argument the input: here, the scalar decoder's output.
    assert_bytes_eq(&slow, &fast, "decode_into (output) vs the scalar decoder (input)");
    assert_eq!(fast_issues, slow_issues, "issues: decode_into (left) vs the scalar decoder (right)");
    assert_issues_in_input(&body.input, &fast_issues);
    if !body.mutated {
        assert!(fast_issues.is_empty(), "an unmutated body reported {fast_issues:?}");
        assert_bytes_eq(&body.payload, &fast[body.prefix.len()..], "decode_into of an unmutated body");
    }
}

/// Asserts that every vector kernel this CPU runs, and the run-time dispatch, agree with
/// the scalar twin on `input` with `crlf` line ends, appending after `prefix`: same number
/// of bytes consumed (whole lines), same output. Also that what the twin decoded is what the
/// tolerant decoder makes of those lines, with no issue.
pub fn assert_line_decoders_agree(input: &[u8], crlf: bool, prefix: &[u8]) {
    use mailmime::fuzzing::base64::{LineDecoder, decode_lines, decode_lines_scalar, kernels};

    let run = |decode: LineDecoder| {
        let mut out = prefix.to_vec();
        let consumed = decode(input, crlf, &mut out);
        (consumed, out)
    };
    let (consumed, want) = run(decode_lines_scalar);
    let stride = if crlf { 78 } else { 77 };
    assert!(consumed <= input.len() && consumed % stride == 0, "scalar twin consumed {consumed} bytes");
    assert_eq!(want.len(), prefix.len() + consumed / stride * 57, "scalar twin: output length");
    let dispatch: LineDecoder = decode_lines;
    for (name, decode) in kernels().into_iter().chain([("decode_lines", dispatch)]) {
        let (got_consumed, got) = run(decode);
        assert_eq!(got_consumed, consumed, "{name} vs the scalar twin: bytes consumed");
        // The twin's output plays the "input" of `assert_bytes_eq`.
        assert_bytes_eq(&want, &got, &format!("{name} (output) vs the scalar twin (input)"));
    }

    let mut tolerant = Vec::new();
    let mut issues = Vec::new();
    mailmime::fuzzing::base64::decode_scalar(&input[..consumed], &mut tolerant, &mut issues);
    assert!(issues.is_empty(), "lines the scalar twin took as regular gave {issues:?}");
    assert_bytes_eq(&tolerant, &want[prefix.len()..], "scalar twin (output) vs the tolerant decoder (input)");
}

#[path = "../../tests/support/lines.rs"]
mod lines;
use lines::{line_end_style, longest_line};

/// Every part's kind and media type, depth-first: what a tree looks like.
pub fn shape(msg: &Message<'_>) -> Vec<(u8, String)> {
    msg.parts()
        .map(|p| {
            let kind = match p.body() {
                Body::Leaf(_) => 0,
                Body::Multipart(_) => 1,
                Body::Message(_) => 2,
                _ => 3,
            };
            (kind, p.content_type().to_string())
        })
        .collect()
}

/// One edit read from fuzz bytes.
#[derive(Debug)]
pub enum FuzzEdit {
    /// `headers_mut().insert` (text value).
    SetHeader(usize, String),
    /// `headers_mut().append_raw`.
    AppendRaw(usize, String),
    /// `headers_mut().remove("X-Fuzz")`.
    RemoveHeader(usize),
    /// `set_text`.
    SetText(usize, String),
    /// `set_body`.
    SetBody(usize, Vec<u8>),
    /// `replace_part` with a text part.
    ReplacePart(usize, String),
    /// `remove_part`.
    RemovePart(usize),
    /// `attach` with a bytes part.
    Attach(Vec<u8>),
    /// `push_part` with a text part.
    PushPart(usize, String),
    /// `strip_attachments`.
    StripAttachments,
    /// `retain_parts` refusing every (n + 2)th part it is asked about.
    RetainParts(usize),
}

/// Reads `data` as a message and a list of edits: byte 0 says how many of the following
/// bytes are edits (4 each: kind, target, length, a flag byte); the rest is the message.
/// Content bytes come from the message itself, from an offset the edit names, and a set
/// flag puts a delimiter line of the message's first boundary in front.
pub fn split_edits(data: &[u8]) -> (Vec<FuzzEdit>, &[u8]) {
    let Some((&n, rest)) = data.split_first() else { return (Vec::new(), data) };
    let n = usize::from(n).min(rest.len()) / 4 * 4;
    let (ops, message) = rest.split_at(n);
    let boundary = Message::parse(message)
        .ok()
        .and_then(|m| m.parts().find_map(|p| p.content_type().boundary().map(|b| b.trim_end().to_owned())));
    let edits = ops
        .chunks_exact(4)
        .enumerate()
        .map(|(i, op)| {
            let (target, len, flags) = (usize::from(op[1]), usize::from(op[2] % 40), op[3]);
            let start = (i * 37 + usize::from(flags)) % (message.len() + 1);
            let mut content = message[start..(start + len).min(message.len())].to_vec();
            if flags & 1 == 1
                && let Some(b) = &boundary
            {
                let line = format!(
                    "--{b}{}{}",
                    if flags & 2 == 2 { "--" } else { "" },
                    if flags & 4 == 4 { "\r\n" } else { "\n" }
                );
                content.splice(0..0, line.into_bytes());
            }
            let text = String::from_utf8_lossy(&content).into_owned();
            match op[0] % 11 {
                0 => FuzzEdit::SetHeader(target, text),
                1 => FuzzEdit::AppendRaw(target, text),
                2 => FuzzEdit::RemoveHeader(target),
                3 => FuzzEdit::SetText(target, text),
                4 => FuzzEdit::SetBody(target, content),
                5 => FuzzEdit::ReplacePart(target, text),
                6 => FuzzEdit::RemovePart(target),
                7 => FuzzEdit::Attach(content),
                8 => FuzzEdit::PushPart(target, text),
                9 => FuzzEdit::StripAttachments,
                _ => FuzzEdit::RetainParts(target % 3),
            }
        })
        .collect();
    (edits, message)
}

/// Applies `edits` to the message `input` and asserts after every call: a refused call
/// changes no byte; an accepted one keeps the original's line-end style and line lengths
/// (when the original had one style and no line over 998 octets), leaves no empty
/// multipart (when there was none), reads back as the tree that was edited, and the
/// edited part carries the new text or bytes.
pub fn assert_edits_well_formed(input: &[u8], edits: &[FuzzEdit]) {
    use mailmime::MimePart;

    let Ok(mut msg) = Message::parse(input) else { return };
    let style = line_end_style(input);
    let short = longest_line(input) <= 998;
    let empty =
        |m: &Message<'_>| m.parts().any(|p| matches!(p.body(), Body::Multipart(m) if m.parts().is_empty()));
    let no_empty = !empty(&msg);
    let count = msg.parts().count().max(1);
    for edit in edits {
        let before = msg.to_bytes();
        let result = match edit {
            FuzzEdit::SetHeader(t, v) => {
                msg.part_mut(t % count).map(|mut p| p.headers_mut().insert("X-Fuzz", v))
            }
            FuzzEdit::AppendRaw(t, v) => {
                msg.part_mut(t % count).map(|mut p| p.headers_mut().append_raw("X-Fuzz", v))
            }
            FuzzEdit::RemoveHeader(t) => msg.part_mut(t % count).map(|mut p| {
                p.headers_mut().remove("X-Fuzz");
                Ok(())
            }),
            FuzzEdit::SetText(t, v) => msg.part_mut(t % count).map(|mut p| p.set_text(v)),
            FuzzEdit::SetBody(t, v) => msg.part_mut(t % count).map(|mut p| p.set_body(v.clone())),
            FuzzEdit::ReplacePart(t, v) => {
                Some(msg.replace_part(t % count, MimePart::text("plain", v.clone())).map(drop))
            }
            FuzzEdit::RemovePart(t) => Some(msg.remove_part(t % count).map(drop)),
            FuzzEdit::Attach(v) => Some(msg.attach(MimePart::bytes("application/octet-stream", v.clone()))),
            FuzzEdit::PushPart(t, v) => {
                msg.part_mut(t % count).map(|mut p| p.push_part(MimePart::text("plain", v.clone())))
            }
            FuzzEdit::StripAttachments => Some(msg.strip_attachments().map(drop)),
            FuzzEdit::RetainParts(n) => {
                let mut asked = 0;
                Some(
                    msg.retain_parts(|_| {
                        asked += 1;
                        asked % (n + 2) != 0
                    })
                    .map(drop),
                )
            }
        };
        let after = msg.to_bytes();
        match result {
            None => assert_bytes_eq(&before, &after, "no such part, yet the message changed"),
            Some(Err(_)) => assert_bytes_eq(&before, &after, "a refused edit changed the message"),
            Some(Ok(())) => {
                if let Some(lf) = style {
                    assert_eq!(line_end_style(&after), Some(lf), "{edit:?} mixed the line ends");
                }
                if short {
                    assert!(longest_line(&after) <= 998, "{edit:?} wrote a line over 998 octets");
                }
                let reparsed = Message::parse(&after).expect("parsing with default options never fails");
                if no_empty {
                    assert!(!empty(&reparsed), "{edit:?} left a multipart without parts");
                }
                assert_eq!(shape(&reparsed), shape(&msg), "{edit:?}: the output reads back as another tree");
                if let FuzzEdit::SetBody(t, v) = edit {
                    let part = reparsed.parts().nth(t % count).expect("the shape is the same");
                    assert_bytes_eq(v, &part.decoded(), "set_body (the bytes set) vs decoded()");
                }
            }
        }
    }
}
