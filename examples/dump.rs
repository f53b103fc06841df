//! Prints how mailmime reads a message.
//!
//! ```text
//! cargo run --example dump                      # the embedded sample, as a tree
//! cargo run --example dump -- [--tree] FILE.eml # an outline of the MIME tree
//! cargo run --example dump -- --json FILE.eml   # the JSON summary of spec/dump-json.md
//! cargo run --example dump -- --write FILE.eml  # parse, then write the message back
//! cargo run --example dump -- --mbox --json F    # every message of an mbox, as a JSON list
//! ```
//!
//! # The `--json` summary
//!
//! One object per message, keys sorted, every key always present (`null` or empty when
//! it does not apply); Python's `email` view of a message in the same shape is what the
//! differential test (`tests/differential/compare.py`) compares it with.
//!
//! ```text
//! {
//!   "defects":  [ "DefectName", ... ],        every part's parse defects, depth-first
//!   "envelope": ENVELOPE,                     the top-level message's fields
//!   "roles":    { "text_body": PATH | null,   Part::text_body (Python: get_body plain)
//!                 "html_body": PATH | null }, Part::html_body (Python: get_body html)
//!   "tree":     NODE
//! }
//! ENVELOPE = { "subject": decoded Subject | null,
//!              "from", "to", "cc", "reply_to": [ { "name": display name or "",
//!                                                   "address": "local@domain" } ... ]
//!                                              (groups flattened),
//!              "date": ISO 8601 with offset | null, "date_raw": the field unfolded | null,
//!              "message_id": the field decoded | null }
//! NODE = { "content_type": "type/subtype" (lowercased; the default when absent or invalid),
//!          "params": { lowercased name: decoded value },
//!          "disposition": lowercased disposition type | null,
//!          "filename": Part::filename | null,
//!          "charset": lowercased charset parameter | null,
//!          "transfer_encoding": the declared Content-Transfer-Encoding, lowercased | null,
//!          "kind": "multipart" | "message" | "leaf",
//!          "children": [ NODE ... ]  (a multipart's parts; an embedded message's root;
//!                                     a delivery status's field blocks; [] for a leaf),
//!          "envelope": ENVELOPE of an embedded message | null,
//!          "body_len", "body_sha256": a leaf's transfer-decoded body | null,
//!          "text_len" (Unicode scalar values), "text_sha256": a text/* leaf's text | null,
//!          "defects": [ "DefectName", ... ] recorded on this part }
//! PATH = [ child index, ... ] from the root through "children" ([] is the root).
//! ```
//!
//! Nodes are written as the tree is walked, indented at most 40 levels, so output and
//! memory grow with the number of parts, not with the square of the depth.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use mailmime::{Body, Message, Part};
use sha2::{Digest, Sha256};

const SAMPLE: &[u8] = b"From: =?utf-8?q?Ana=C3=AFs?= <anais@example.com>\r
To: Bob <bob@example.org>\r
Subject: =?utf-8?B?UXVhcnRlcmx5IHJlcG9ydCDinJM=?=\r
Date: Fri, 20 Nov 2026 09:15:00 +0100\r
Message-ID: <sample.1@example.com>\r
MIME-Version: 1.0\r
Content-Type: multipart/mixed; boundary=\"outer\"\r
\r
This preamble is ignored by MIME readers.\r
--outer\r
Content-Type: multipart/alternative; boundary=\"inner\"\r
\r
--inner\r
Content-Type: text/plain; charset=utf-8\r
\r
The report is attached.\r
--inner\r
Content-Type: text/html; charset=utf-8\r
\r
<p>The report is <b>attached</b>.</p>\r
--inner--\r
--outer\r
Content-Type: application/pdf; name=\"report.pdf\"\r
Content-Disposition: attachment; filename=\"report.pdf\"\r
Content-Transfer-Encoding: base64\r
\r
JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoK\r
--outer\r
Content-Type: message/rfc822\r
\r
From: carol@example.net\r
Subject: Earlier note\r
\r
Forwarded text.\r
--outer--\r
";

fn main() -> ExitCode {
    let mut mode = "--tree";
    let mut mbox = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--tree" => mode = "--tree",
            "--json" => mode = "--json",
            "--write" => mode = "--write",
            "--mbox" => mbox = true,
            "-h" | "--help" => {
                println!("usage: dump [--tree | --json | --write] [--mbox] [FILE]");
                return ExitCode::SUCCESS;
            }
            _ => path = Some(arg),
        }
    }
    let input = match &path {
        Some(p) => match std::fs::read(p) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("dump: {p}: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => SAMPLE.to_vec(),
    };
    if mbox {
        return dump_mbox(&input, mode);
    }
    let msg = match Message::parse(&input) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("dump: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match mode {
        "--json" => write_summary(&mut out, &msg).and_then(|()| writeln!(out)),
        "--write" => msg.write_to(&mut out),
        _ => out.write_all(tree(&msg).as_bytes()),
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dump: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Every message of an mbox: a JSON list, or the outlines one after another, written as
/// each message is read.
fn dump_mbox(input: &[u8], mode: &str) -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write = || -> Result<(), String> {
        let io = |e: std::io::Error| e.to_string();
        if mode == "--json" {
            out.write_all(b"[").map_err(io)?;
        }
        for (i, m) in mailmime::split_mbox(input).enumerate() {
            let msg = Message::parse(m.as_bytes()).map_err(|e| format!("message {i}: {e}"))?;
            match mode {
                "--json" => {
                    out.write_all(if i == 0 { b"\n" } else { b",\n" }).map_err(io)?;
                    write_summary(&mut out, &msg).map_err(io)?;
                }
                _ => {
                    writeln!(out, "# message {i} at byte {}", m.offset()).map_err(io)?;
                    out.write_all(tree(&msg).as_bytes()).map_err(io)?;
                }
            }
        }
        if mode == "--json" {
            out.write_all(b"\n]\n").map_err(io)?;
        }
        out.flush().map_err(io)
    };
    match write() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dump: {e}");
            ExitCode::FAILURE
        }
    }
}

/// An indented outline: one line per part.
fn tree(msg: &Message<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![(msg.root(), 0usize)];
    while let Some((part, depth)) = stack.pop() {
        // Deep trees are drawn at most MAX_INDENT levels in (with the depth shown), so
        // the outline grows with the number of parts, not with its square.
        let indent = if depth > MAX_INDENT { format!("{}[{depth}] ", pad(MAX_INDENT)) } else { pad(depth) };
        let mut line = format!("{indent}{}", part.content_type());
        if let Some(name) = part.filename() {
            line.push_str(&format!(" name={name:?}"));
        }
        match part.body() {
            Body::Leaf(leaf) => {
                line.push_str(&format!(" [{} bytes, {}]", leaf.as_bytes().len(), part.transfer_encoding()))
            }
            Body::Multipart(m) => line.push_str(&format!(" ({} parts)", m.parts().len())),
            Body::Message(m) => {
                if let Some(subject) = m.subject() {
                    line.push_str(&format!(" subject={subject:?}"));
                }
            }
            _ => {}
        }
        if part.is_attachment() {
            line.push_str(" attachment");
        }
        for d in part.defects() {
            line.push_str(&format!(" !{d}"));
        }
        out.push_str(&line);
        out.push('\n');
        let children: Vec<&Part<'_>> = match part.body() {
            Body::Multipart(m) => m.parts().iter().collect(),
            Body::Message(m) => vec![m.root()],
            Body::DeliveryStatus(d) => d.groups().iter().collect(),
            _ => Vec::new(),
        };
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    out
}

/// A JSON value, printed with sorted keys.
enum Json {
    Null,
    Num(usize),
    Str(String),
    List(Vec<Json>),
    Obj(BTreeMap<&'static str, Json>),
    Map(BTreeMap<String, Json>),
}

impl Json {
    fn opt(s: Option<String>) -> Json {
        s.map_or(Json::Null, Json::Str)
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Num(n) => out.push_str(&n.to_string()),
            Json::Str(s) => write_str(out, s),
            Json::List(items) if items.is_empty() => out.push_str("[]"),
            Json::List(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&pad(indent + 1));
                    item.write(out, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(indent));
                out.push(']');
            }
            Json::Obj(map) => write_object(out, map.iter().map(|(k, v)| (*k, v)), map.len(), indent),
            Json::Map(map) => write_object(out, map.iter().map(|(k, v)| (k.as_str(), v)), map.len(), indent),
        }
    }
}

fn write_object<'j>(
    out: &mut String,
    entries: impl Iterator<Item = (&'j str, &'j Json)>,
    len: usize,
    indent: usize,
) {
    if len == 0 {
        out.push_str("{}");
        return;
    }
    out.push_str("{\n");
    for (i, (k, v)) in entries.enumerate() {
        out.push_str(&pad(indent + 1));
        write_str(out, k);
        out.push_str(": ");
        v.write(out, indent + 1);
        out.push_str(if i + 1 < len { ",\n" } else { "\n" });
    }
    out.push_str(&pad(indent));
    out.push('}');
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Indentation stops growing after this many levels, so that output (and memory) grow
/// with the number of parts, not with the square of the nesting depth.
const MAX_INDENT: usize = 40;

/// White space for `level` levels of indentation, at most [`MAX_INDENT`].
fn pad(level: usize) -> String {
    "  ".repeat(level.min(MAX_INDENT))
}

/// The children a node lists: a multipart's parts, an embedded message's root, the
/// field groups of a delivery status.
fn children<'p, 'a>(part: &'p Part<'a>) -> Vec<&'p Part<'a>> {
    match part.body() {
        Body::Multipart(m) => m.parts().iter().collect(),
        Body::Message(m) => vec![m.root()],
        Body::DeliveryStatus(d) => d.groups().iter().collect(),
        _ => Vec::new(),
    }
}

/// Writes the JSON summary of spec/dump-json.md. Nodes are written as the tree is
/// walked, so memory does not grow with the tree; only the path to the current node is
/// kept.
fn write_summary(out: &mut impl Write, msg: &Message<'_>) -> std::io::Result<()> {
    let mut defects = Vec::new();
    let mut pending = vec![msg.root()];
    while let Some(part) = pending.pop() {
        defects.extend(part.defects().iter().map(|d| Json::Str(d.kind().name().to_owned())));
        pending.extend(children(part).into_iter().rev());
    }
    let mut head = String::from("{\n  \"defects\": ");
    Json::List(defects).write(&mut head, 1);
    head.push_str(",\n  \"envelope\": ");
    envelope(msg.root()).write(&mut head, 1);
    head.push_str(",\n  \"roles\": ");
    roles(msg).write(&mut head, 1);
    head.push_str(",\n  \"tree\": ");
    out.write_all(head.as_bytes())?;
    write_tree(out, msg.root(), 1)?;
    out.write_all(b"\n}")
}

/// The paths (child indices from the root, as in "tree") of the text and HTML bodies.
fn roles(msg: &Message<'_>) -> Json {
    let path_of = |target: Option<&Part<'_>>| {
        let Some(target) = target else { return Json::Null };
        let mut pending = vec![(msg.root(), Vec::new())];
        while let Some((part, path)) = pending.pop() {
            if std::ptr::eq(part, target) {
                return Json::List(path.into_iter().map(Json::Num).collect());
            }
            for (i, child) in children(part).into_iter().enumerate() {
                let mut child_path = path.clone();
                child_path.push(i);
                pending.push((child, child_path));
            }
        }
        Json::Null
    };
    let mut map = BTreeMap::new();
    map.insert("html_body", path_of(msg.html_body()));
    map.insert("text_body", path_of(msg.text_body()));
    Json::Obj(map)
}

/// A node whose children are being written: the children left, and the node's keys
/// that sort after "children".
struct Open<'p, 'a> {
    children: Vec<&'p Part<'a>>,
    next: usize,
    rest: Vec<(&'static str, Json)>,
    indent: usize,
}

/// Writes the node of `root` at `indent`, its descendants depth-first, without
/// recursion.
fn write_tree(out: &mut impl Write, root: &Part<'_>, indent: usize) -> std::io::Result<()> {
    let mut open: Vec<Open<'_, '_>> = Vec::new();
    open_node(out, root, indent, &mut open)?;
    loop {
        let Some(top) = open.last_mut() else {
            return Ok(());
        };
        if top.next < top.children.len() {
            let (child, first, indent) = (top.children[top.next], top.next == 0, top.indent + 2);
            top.next += 1;
            let mut sep = String::from(if first { "" } else { ",\n" });
            sep.push_str(&pad(indent));
            out.write_all(sep.as_bytes())?;
            open_node(out, child, indent, &mut open)?;
            continue;
        }
        let done = open.pop().unwrap_or_else(|| unreachable!());
        let mut tail = format!("\n{}]", pad(done.indent + 1));
        for (key, value) in &done.rest {
            tail.push_str(&format!(",\n{}", pad(done.indent + 1)));
            write_str(&mut tail, key);
            tail.push_str(": ");
            value.write(&mut tail, done.indent + 1);
        }
        tail.push_str(&format!("\n{}}}", pad(done.indent)));
        out.write_all(tail.as_bytes())?;
    }
}

/// Writes `part`'s node up to its children; a node with children is left open on
/// `open`, one without is written whole.
fn open_node<'p, 'a>(
    out: &mut impl Write,
    part: &'p Part<'a>,
    indent: usize,
    open: &mut Vec<Open<'p, 'a>>,
) -> std::io::Result<()> {
    let kids = children(part);
    let mut fields = node(part, Vec::new());
    if kids.is_empty() {
        let mut text = String::new();
        fields.write(&mut text, indent);
        return out.write_all(text.as_bytes());
    }
    let Json::Obj(map) = &mut fields else { unreachable!("a node is an object") };
    map.remove("children");
    let rest: Vec<(&'static str, Json)> = map.split_off("children").into_iter().collect();
    let mut text = String::from("{\n");
    for (key, value) in map.iter() {
        text.push_str(&pad(indent + 1));
        write_str(&mut text, key);
        text.push_str(": ");
        value.write(&mut text, indent + 1);
        text.push_str(",\n");
    }
    text.push_str(&pad(indent + 1));
    text.push_str("\"children\": [\n");
    out.write_all(text.as_bytes())?;
    open.push(Open { children: kids, next: 0, rest, indent });
    Ok(())
}

fn envelope(part: &Part<'_>) -> Json {
    let mut env = BTreeMap::new();
    let field = |name: &str| part.headers().get(name).map(|v| v.decoded().into_owned());
    env.insert("subject", Json::opt(part.subject().map(|s| s.into_owned())));
    for (key, list) in
        [("from", part.from()), ("to", part.to()), ("cc", part.cc()), ("reply_to", part.reply_to())]
    {
        let entries = list
            .mailboxes()
            .map(|m| {
                let mut entry = BTreeMap::new();
                entry.insert("name", Json::Str(m.name().unwrap_or("").to_owned()));
                entry.insert("address", Json::Str(m.address().into_owned()));
                Json::Obj(entry)
            })
            .collect();
        env.insert(key, Json::List(entries));
    }
    env.insert("date", Json::opt(part.date().map(|d| d.to_iso8601())));
    env.insert("date_raw", Json::opt(field("date")));
    env.insert("message_id", Json::opt(field("message-id")));
    Json::Obj(env)
}

fn node(part: &Part<'_>, children: Vec<Json>) -> Json {
    let ct = part.content_type();
    let mut n = BTreeMap::new();
    n.insert("content_type", Json::Str(ct.to_string()));
    let params: BTreeMap<String, Json> =
        ct.parameters().iter().map(|(k, v)| (k, Json::Str(v.into_owned()))).collect();
    n.insert("params", Json::Map(params));
    n.insert("disposition", Json::opt(part.content_disposition().map(|d| d.kind().to_owned())));
    n.insert("filename", Json::opt(part.filename()));
    n.insert("charset", Json::opt(ct.charset().map(|c| c.to_lowercase())));
    n.insert(
        "transfer_encoding",
        Json::opt(
            part.headers().get("content-transfer-encoding").map(|v| v.to_str_lossy().trim().to_lowercase()),
        ),
    );
    let (kind, envelope_json) = match part.body() {
        Body::Multipart(_) => ("multipart", Json::Null),
        Body::Message(m) => ("message", envelope(m.root())),
        Body::DeliveryStatus(_) => ("message", Json::Null),
        _ => ("leaf", Json::Null),
    };
    n.insert("kind", Json::Str(kind.to_owned()));
    n.insert("envelope", envelope_json);
    let mut body_len = Json::Null;
    let mut body_sha = Json::Null;
    let mut text_len = Json::Null;
    let mut text_sha = Json::Null;
    let mut defects: Vec<Json> =
        part.defects().iter().map(|d| Json::Str(d.kind().name().to_owned())).collect();
    if let Body::Leaf(_) = part.body() {
        let mut decoded = Vec::new();
        let decode_defects = part.decode_into(&mut decoded);
        defects.extend(decode_defects.iter().map(|d| Json::Str(d.kind().name().to_owned())));
        body_len = Json::Num(decoded.len());
        body_sha = Json::Str(hex_sha256(&decoded));
        if ct.is_text() {
            let text = part.text();
            text_len = Json::Num(text.chars().count());
            text_sha = Json::Str(hex_sha256(text.as_bytes()));
        }
    }
    n.insert("body_len", body_len);
    n.insert("body_sha256", body_sha);
    n.insert("text_len", text_len);
    n.insert("text_sha256", text_sha);
    n.insert("children", Json::List(children));
    n.insert(
        "defects",
        Json::List(part.defects().iter().map(|d| Json::Str(d.kind().name().to_owned())).collect()),
    );
    Json::Obj(n)
}
