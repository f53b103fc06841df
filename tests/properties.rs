//! Property tests of the parser:
//!
//! - parsing never panics and writes back exactly, on arbitrary bytes and on "MIME soup";
//! - a generated MIME tree, written to bytes, parses back to the same tree (shape, types,
//!   headers, bodies, preambles, epilogues) with no defects, and writes back exactly;
//! - the same with boundaries that are prefixes and extensions of each other;
//! - `HeaderMap` lookups agree with a plain `Vec` model.

mod common;

use mailmime::{Body, Message, Part};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/properties.txt",
        ))),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// Arbitrary input
// ---------------------------------------------------------------------------------------

/// Pieces of MIME syntax, so random concatenations reach the multipart and message code.
const SOUP: &[&str] = &[
    "\r\n",
    "\n",
    "\r",
    " ",
    "\t",
    ":",
    ";",
    "--",
    "\"",
    "From ",
    "Subject: x",
    "Content-Type: multipart/mixed; boundary=b",
    "Content-Type: multipart/digest; boundary=\"c\"",
    "Content-Type: multipart/alternative; boundary=bb",
    "Content-Type: message/rfc822",
    "Content-Type: message/delivery-status",
    "Content-Type: text/plain; name*0*=utf-8''a%C3; name*1*=%A9",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Disposition: attachment; filename=\"f\"",
    "Content-ID: <x@y>",
    "--b",
    "--b--",
    "--bb",
    "--bb--",
    "--c",
    "--c--",
    "Zm9vCg==",
    "=0A",
    "body",
    "\u{e9}",
    "\u{ff}",
];

/// Header blocks that make the rest of a soup input a multipart or a message body.
const SOUP_HEADS: &[&str] = &[
    "",
    "Content-Type: multipart/mixed; boundary=b\n\n",
    "Content-Type: multipart/mixed; boundary=b\r\n\r\n",
    "Content-Type: multipart/digest; boundary=\"c\"\n\n",
    "Content-Type: message/rfc822\r\n\r\n",
    "From x\nContent-Type: multipart/alternative;\n boundary=bb\n\n",
    "Content-Type: multipart/mixed; boundary=b\nContent-Transfer-Encoding: base64\n\n",
];

/// Whole lines: delimiter lines of the boundaries the soup uses, and blank lines.
const SOUP_LINES: &[&str] = &[
    "--b",
    "--b--",
    "--b \t",
    "--bb",
    "--bb--",
    "--c",
    "--c--",
    "",
    "",
    "Content-Type: text/plain",
    "Content-Type: multipart/alternative; boundary=bb",
    "Content-Type: multipart/digest; boundary=c",
    "Content-Type: message/rfc822",
    "Content-Type: message/delivery-status",
];

/// Lines of MIME syntax pieces and random bytes, after a header block that often makes
/// the input a multipart.
fn soup() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => proptest::sample::select(SOUP).prop_map(|s| s.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..8),
    ];
    let content = prop_oneof![
        3 => proptest::collection::vec(piece, 1..4).prop_map(|p| p.concat()),
        2 => proptest::sample::select(SOUP_LINES).prop_map(|s| s.as_bytes().to_vec()),
    ];
    let line = (content, proptest::sample::select(&["\n", "\r\n", "\r", ""][..])).prop_map(|(mut l, eol)| {
        l.extend_from_slice(eol.as_bytes());
        l
    });
    (proptest::sample::select(SOUP_HEADS), proptest::collection::vec(line, 0..60)).prop_map(
        |(head, lines)| {
            let mut v = head.as_bytes().to_vec();
            v.extend(lines.concat());
            v
        },
    )
}

fn arbitrary_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![1 => proptest::collection::vec(any::<u8>(), 0..2048), 2 => soup()]
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn parse_never_panics_and_writes_back_exactly(input in arbitrary_input()) {
        let msg = Message::parse(&input).expect("default options never fail");
        prop_assert_eq!(msg.to_bytes(), input.clone());
        // Every accessor the dump uses must cope with whatever was parsed.
        let dump = common::dump(&msg);
        prop_assert!(dump.starts_with("headers: ["));
        prop_assert_eq!(msg.parts().count(), common::walk(msg.root()).len());
        let owned = msg.into_owned();
        prop_assert_eq!(owned.to_bytes(), input);
        prop_assert_eq!(common::dump(&owned), dump);
    }
}

// ---------------------------------------------------------------------------------------
// Generated MIME trees
// ---------------------------------------------------------------------------------------

/// A generated part: header fields (the Content-Type field is added when written) and a body.
#[derive(Clone, Debug)]
struct Spec {
    /// Extra fields: name and the value after the colon, folding included, written with
    /// `\n` line ends (converted to the message's line end when written).
    fields: Vec<(String, String)>,
    /// Where the Content-Type field goes among `fields`.
    ct_at: usize,
    /// How the Content-Type field name is spelled.
    ct_name: &'static str,
    /// Whether the Content-Type parameters are folded onto a second line.
    ct_folded: bool,
    body: BodySpec,
}

#[derive(Clone, Debug)]
enum BodySpec {
    /// `ctype` `None`: no Content-Type field (text/plain, or message/rfc822 in a digest,
    /// which is why a leaf in a digest always gets one).
    Leaf { ctype: Option<&'static str>, lines: Vec<String> },
    Multipart {
        sub: &'static str,
        boundary: String,
        preamble: Option<Vec<String>>,
        epilogue: Option<Vec<String>>,
        children: Vec<Spec>,
    },
    /// `explicit` false: no Content-Type field (only honoured inside a digest).
    Message { explicit: bool, inner: Box<Spec> },
}

const FIELD_NAMES: &[&str] = &["Subject", "From", "To", "X-Note", "Comments", "Message-ID", "MIME-Version"];
const CT_NAMES: &[&str] = &["Content-Type", "content-type", "CONTENT-TYPE", "Content-type"];
const LEAF_TYPES: &[&str] =
    &["text/plain", "text/html", "application/octet-stream", "image/png", "text/x-custom+xml"];

/// What may follow a boundary on a line made to look like a delimiter line. Some make a
/// delimiter line of that boundary or of another one; [`finish`] rewrites those.
const BOUNDARY_SUFFIXES: &[&str] =
    &["", "--", " ", "\t-- \t", "----", "x", "-", "--x", " x", "-- x", "=", "'"];

/// A body line: printable ASCII and tabs, with lines that start with `-` and `--` common.
/// A line starting with NUL is a placeholder for `--`, one of the message's boundaries
/// (by index) and a suffix, filled in by [`finish`].
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => (0..16usize, proptest::sample::select(BOUNDARY_SUFFIXES)).prop_map(|(i, s)| format!("\0{i:02}{s}")),
        3 => "[ -~\t]{0,30}",
        1 => "--[a-z=_.-]{0,6}[ \t]{0,2}",
        1 => "-[ -~]{0,10}",
        1 => Just(String::new()),
    ]
}

fn lines() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(line(), 0..5)
}

/// A field value: text, sometimes folded (a line end followed by space or tab).
fn field_value() -> impl Strategy<Value = String> {
    let segment = "[!-~][ -~]{0,20}";
    (
        prop_oneof![Just(""), Just(" "), Just("  ")],
        proptest::collection::vec((segment, prop_oneof![Just("\n "), Just("\n\t"), Just("\n   ")]), 0..3),
        prop_oneof![Just(String::new()), "[!-~][ -~]{0,30}"],
    )
        .prop_map(|(lead, folds, last)| {
            let mut v = lead.to_string();
            for (seg, fold) in folds {
                v.push_str(&seg);
                v.push_str(fold);
            }
            v.push_str(&last);
            v
        })
}

fn fields() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(
        (proptest::sample::select(FIELD_NAMES).prop_map(str::to_string), field_value()),
        0..4,
    )
    .prop_map(|mut fields| {
        // A second Subject, From, Message-ID or MIME-Version is a defect
        // (`DuplicateField`): keep only the first of each, so a clean tree stays clean.
        let mut seen = Vec::new();
        fields.retain(|(name, _)| {
            let once = ["Subject", "From", "Message-ID", "MIME-Version"].contains(&name.as_str());
            let first = !seen.contains(name);
            seen.push(name.clone());
            !once || first
        });
        fields
    })
}

fn head() -> impl Strategy<Value = (Vec<(String, String)>, usize, &'static str, bool)> {
    (fields(), any::<usize>(), proptest::sample::select(CT_NAMES), any::<bool>()).prop_map(
        |(f, at, name, folded)| {
            let at = at % (f.len() + 1);
            (f, at, name, folded)
        },
    )
}

fn leaf() -> impl Strategy<Value = Spec> {
    (head(), proptest::option::of(proptest::sample::select(LEAF_TYPES)), lines()).prop_map(
        |((fields, ct_at, ct_name, ct_folded), ctype, lines)| Spec {
            fields,
            ct_at,
            ct_name,
            ct_folded,
            body: BodySpec::Leaf { ctype, lines },
        },
    )
}

fn tree() -> impl Strategy<Value = Spec> {
    leaf().prop_recursive(6, 96, 3, |inner| {
        prop_oneof![
            3 => (
                head(),
                proptest::sample::select(&["mixed", "alternative", "digest", "related"][..]),
                proptest::option::of(lines()),
                proptest::option::of(lines()),
                proptest::collection::vec(inner.clone(), 1..4),
            )
                .prop_map(|((fields, ct_at, ct_name, ct_folded), sub, preamble, epilogue, children)| Spec {
                    fields,
                    ct_at,
                    ct_name,
                    ct_folded,
                    body: BodySpec::Multipart { sub, boundary: String::new(), preamble, epilogue, children },
                }),
            1 => (head(), any::<bool>(), inner).prop_map(|((fields, ct_at, ct_name, ct_folded), explicit, inner)| {
                Spec {
                    fields,
                    ct_at,
                    ct_name,
                    ct_folded,
                    body: BodySpec::Message { explicit, inner: Box::new(inner) },
                }
            }),
        ]
    })
}

/// Makes a generated tree well-formed: gives every multipart its boundary (in pre-order
/// from `boundaries`), makes the types of digest children explicit where the default
/// would be wrong, and rewrites every body, preamble and epilogue line that would read
/// as a delimiter line of any boundary in the message.
fn finish(spec: &mut Spec, boundaries: &[String]) {
    let mut next = 0;
    let mut all = Vec::new();
    // Pass 1: boundaries and types, pre-order with an explicit stack.
    let mut stack: Vec<(&mut Spec, bool)> = vec![(spec, false)];
    while let Some((part, in_digest)) = stack.pop() {
        match &mut part.body {
            BodySpec::Leaf { ctype, .. } => {
                if in_digest && ctype.is_none() {
                    *ctype = Some("text/plain");
                }
            }
            BodySpec::Message { explicit, inner } => {
                if !in_digest {
                    *explicit = true;
                }
                stack.push((&mut **inner, false));
            }
            BodySpec::Multipart { sub, boundary, children, .. } => {
                *boundary = boundaries[next].clone();
                next += 1;
                all.push(boundary.clone());
                let digest = *sub == "digest";
                stack.extend(children.iter_mut().rev().map(|c| (c, digest)));
            }
        }
    }
    // Pass 2: placeholders become boundary look-alikes, and no line may be a delimiter
    // line of any boundary.
    let fix = |lines: &mut Vec<String>| {
        for l in lines.iter_mut() {
            if let Some(rest) = l.strip_prefix('\0') {
                let index: usize = rest[..2].parse().expect("two digits");
                let boundary = if all.is_empty() { "none" } else { &all[index % all.len()] };
                *l = format!("--{boundary}{}", &rest[2..]);
            }
            if let Some(rest) = l.strip_prefix("--") {
                let name = rest.trim_end_matches([' ', '\t']);
                if all.iter().any(|b| name == b || name.strip_suffix("--") == Some(b.as_str())) {
                    l.insert(0, 'x');
                }
            }
        }
    };
    let mut stack: Vec<&mut Spec> = vec![spec];
    while let Some(part) = stack.pop() {
        match &mut part.body {
            BodySpec::Leaf { lines, .. } => fix(lines),
            BodySpec::Message { inner, .. } => stack.push(&mut **inner),
            BodySpec::Multipart { preamble, epilogue, children, .. } => {
                if let Some(p) = preamble {
                    fix(p);
                }
                if let Some(e) = epilogue {
                    fix(e);
                }
                stack.extend(children.iter_mut());
            }
        }
    }
}

fn count_multiparts(spec: &Spec) -> usize {
    let mut n = 0;
    let mut stack = vec![spec];
    while let Some(part) = stack.pop() {
        match &part.body {
            BodySpec::Leaf { .. } => {}
            BodySpec::Message { inner, .. } => stack.push(&**inner),
            BodySpec::Multipart { children, .. } => {
                n += 1;
                stack.extend(children.iter());
            }
        }
    }
    n
}

/// The Content-Type field value the writer emits for a part, if any.
fn ct_value(spec: &Spec) -> Option<String> {
    let params_sep = if spec.ct_folded { ";\n\t" } else { "; " };
    match &spec.body {
        BodySpec::Leaf { ctype, .. } => ctype.map(|t| format!(" {t}")),
        BodySpec::Multipart { sub, boundary, .. } => {
            Some(format!(" multipart/{sub}{params_sep}boundary=\"{boundary}\""))
        }
        BodySpec::Message { explicit, .. } => explicit.then(|| " message/rfc822".to_string()),
    }
}

/// The header fields a part is written with, in order: (name, value with `\n` line ends).
fn written_fields(spec: &Spec) -> Vec<(String, String)> {
    let mut f = spec.fields.clone();
    if let Some(v) = ct_value(spec) {
        f.insert(spec.ct_at.min(f.len()), (spec.ct_name.to_string(), v));
    }
    f
}

/// Writes the tree with `eol` line ends. A part's bytes never end with a line end of
/// their own: the line end before a delimiter belongs to the delimiter.
fn write(spec: &Spec, eol: &str) -> Vec<u8> {
    enum Item<'s> {
        Part(&'s Spec),
        Text(String),
    }
    let nl = |s: &str| s.replace('\n', eol);
    let mut out = String::new();
    let mut stack = vec![Item::Part(spec)];
    while let Some(item) = stack.pop() {
        let part = match item {
            Item::Text(t) => {
                out.push_str(&t);
                continue;
            }
            Item::Part(p) => p,
        };
        for (name, value) in written_fields(part) {
            out.push_str(&name);
            out.push(':');
            out.push_str(&nl(&value));
            out.push_str(eol);
        }
        out.push_str(eol);
        match &part.body {
            BodySpec::Leaf { lines, .. } => out.push_str(&lines.join(eol)),
            BodySpec::Message { inner, .. } => stack.push(Item::Part(inner)),
            BodySpec::Multipart { boundary, preamble, epilogue, children, .. } => {
                if let Some(p) = preamble {
                    out.push_str(&p.join(eol));
                    out.push_str(eol);
                }
                let mut tail = format!("{eol}--{boundary}--");
                if let Some(e) = epilogue {
                    tail.push_str(eol);
                    tail.push_str(&e.join(eol));
                }
                stack.push(Item::Text(tail));
                for (i, child) in children.iter().enumerate().rev() {
                    stack.push(Item::Part(child));
                    let lead = if i == 0 { "" } else { eol };
                    stack.push(Item::Text(format!("{lead}--{boundary}{eol}")));
                }
            }
        }
    }
    out.into_bytes()
}

/// What a test compares for one part.
struct Shape {
    depth: usize,
    ctype: String,
    kind: &'static str,
    boundary: Option<String>,
    children: usize,
    /// Header fields: name as written and raw value.
    fields: Vec<(String, Vec<u8>)>,
    /// A leaf's body; empty for the other kinds.
    body: Vec<u8>,
    /// A multipart's preamble and epilogue; the epilogue is `None` when the close
    /// delimiter was not seen.
    multipart: Option<(Vec<u8>, Option<Vec<u8>>)>,
}

impl Shape {
    /// One line, so a mismatch shows as a readable diff.
    fn line(&self) -> String {
        let fields: Vec<String> =
            self.fields.iter().map(|(n, v)| format!("{n}:{}", common::escape(v))).collect();
        let mut s = format!(
            "{} {} {} boundary={:?} children={} fields=[{}] body={}",
            self.depth,
            self.ctype,
            self.kind,
            self.boundary,
            self.children,
            fields.join(", "),
            common::escape(&self.body)
        );
        if let Some((pre, epi)) = &self.multipart {
            let epi = epi.as_deref().map_or_else(|| "<not closed>".to_string(), common::escape);
            s.push_str(&format!(" preamble={} epilogue={epi}", common::escape(pre)));
        }
        s
    }
}

/// One line per part, pre-order: what the parse of `write(spec)` must give.
fn expected_shape(spec: &Spec, eol: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(spec, 0usize, false)];
    while let Some((part, depth, in_digest)) = stack.pop() {
        let fields: Vec<(String, Vec<u8>)> =
            written_fields(part).into_iter().map(|(n, v)| (n, v.replace('\n', eol).into_bytes())).collect();
        let shape = match &part.body {
            BodySpec::Leaf { ctype, lines } => Shape {
                depth,
                ctype: ctype.unwrap_or(if in_digest { "message/rfc822" } else { "text/plain" }).to_string(),
                kind: "leaf",
                boundary: None,
                children: 0,
                fields,
                body: lines.join(eol).into_bytes(),
                multipart: None,
            },
            BodySpec::Message { inner, .. } => {
                stack.push((&**inner, depth + 1, false));
                Shape {
                    depth,
                    ctype: "message/rfc822".to_string(),
                    kind: "message",
                    boundary: None,
                    children: 1,
                    fields,
                    body: Vec::new(),
                    multipart: None,
                }
            }
            BodySpec::Multipart { sub, boundary, preamble, epilogue, children } => {
                let digest = *sub == "digest";
                stack.extend(children.iter().rev().map(|c| (c, depth + 1, digest)));
                let pre = preamble.as_ref().map(|p| p.join(eol)).unwrap_or_default();
                let epi = epilogue.as_ref().map(|e| e.join(eol)).unwrap_or_default();
                Shape {
                    depth,
                    ctype: format!("multipart/{sub}"),
                    kind: "multipart",
                    boundary: Some(boundary.clone()),
                    children: children.len(),
                    fields,
                    body: Vec::new(),
                    multipart: Some((pre.into_bytes(), Some(epi.into_bytes()))),
                }
            }
        };
        out.push(shape.line());
    }
    out
}

/// The same description, read from a parsed message.
fn actual_shape(msg: &Message<'_>) -> Vec<String> {
    common::walk(msg.root())
        .into_iter()
        .map(|(depth, part): (usize, &Part<'_>)| {
            let ct = part.content_type();
            let mut shape = Shape {
                depth,
                ctype: ct.to_string(),
                kind: common::kind(part),
                boundary: None,
                children: common::children(part).len(),
                fields: part
                    .headers()
                    .iter()
                    .map(|f| (f.name_str().to_string(), f.value().as_bytes().to_vec()))
                    .collect(),
                body: Vec::new(),
                multipart: None,
            };
            match part.body() {
                Body::Leaf(l) => shape.body = l.as_bytes().to_vec(),
                Body::Multipart(m) => {
                    shape.boundary = ct.boundary().map(|b| b.into_owned());
                    let epi = m.is_closed().then(|| m.epilogue().to_vec());
                    shape.multipart = Some((m.preamble().to_vec(), epi));
                }
                _ => {}
            }
            shape.line()
        })
        .collect()
}

fn check_round_trip(mut spec: Spec, boundaries: &[String], crlf: bool) -> Result<(), TestCaseError> {
    finish(&mut spec, boundaries);
    let eol = if crlf { "\r\n" } else { "\n" };
    let input = write(&spec, eol);
    let msg = Message::parse(&input).expect("default options never fail");
    prop_assert_eq!(
        actual_shape(&msg),
        expected_shape(&spec, eol),
        "input:\n{}",
        String::from_utf8_lossy(&input)
    );
    let defects: Vec<String> = msg.defects().map(|d| d.to_string()).collect();
    prop_assert!(defects.is_empty(), "defects {:?} in\n{}", defects, String::from_utf8_lossy(&input));
    prop_assert_eq!(msg.to_bytes(), input.clone());
    prop_assert_eq!(msg.into_owned().to_bytes(), input);
    Ok(())
}

/// Distinct boundaries from the RFC 2046 `bchars` (no trailing space).
fn distinct_boundaries() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::hash_set(
        "[0-9A-Za-z'()+_,./:=?-][0-9A-Za-z'()+_,./:=? -]{0,20}[0-9A-Za-z'()+_,./:=?-]",
        12,
    )
    .prop_map(|set| {
        let mut v: Vec<String> = set.into_iter().collect();
        v.sort();
        v
    })
    .prop_shuffle()
}

/// Boundaries that are prefixes and extensions of each other.
const FAMILY: &[&str] =
    &["b", "b-", "bb", "b--", "b-b", "bbb", "b b", "-b", "b---", "b=", "bb-", "b----", "--b", "b--b"];

fn family_boundaries() -> impl Strategy<Value = Vec<String>> {
    Just(FAMILY.iter().map(|s| s.to_string()).collect::<Vec<_>>()).prop_shuffle()
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn generated_tree_parses_back_to_itself(
        spec in tree().prop_filter("at most 12 multiparts", |s| count_multiparts(s) <= 12),
        boundaries in distinct_boundaries(),
        crlf in any::<bool>(),
    ) {
        check_round_trip(spec, &boundaries, crlf)?;
    }

    #[test]
    fn generated_tree_with_prefix_boundaries_parses_back_to_itself(
        spec in tree().prop_filter("at most 14 multiparts", |s| count_multiparts(s) <= FAMILY.len()),
        boundaries in family_boundaries(),
        crlf in any::<bool>(),
    ) {
        check_round_trip(spec, &boundaries, crlf)?;
    }
}

// ---------------------------------------------------------------------------------------
// HeaderMap against a model
// ---------------------------------------------------------------------------------------

const MODEL_NAMES: &[&str] = &["Subject", "Received", "X-A", "X-AB", "To", "Content-Type", "X-Mailer"];

/// A name from `MODEL_NAMES` in random ASCII case.
fn cased_name() -> impl Strategy<Value = String> {
    (proptest::sample::select(MODEL_NAMES), proptest::collection::vec(any::<bool>(), 16)).prop_map(
        |(n, upper)| {
            n.chars()
                .zip(upper.iter().cycle())
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect()
        },
    )
}

/// A field value without `/` or `=`, so a Content-Type field never names a multipart.
fn model_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => " [a-z0-9 ]{0,12}",
        1 => " [a-z]{1,8}\n [a-z]{1,8}",
        1 => Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn header_map_lookups_match_a_vec_model(
        model in proptest::collection::vec((cased_name(), model_value()), 0..12),
        queries in proptest::collection::vec(prop_oneof![cased_name(), Just("X-Absent".to_string()), Just("X".to_string())], 1..6),
        crlf in any::<bool>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut input = String::new();
        for (name, value) in &model {
            input.push_str(&format!("{name}:{}{eol}", value.replace('\n', eol)));
        }
        input.push_str(eol);
        input.push_str("body");
        let expected: Vec<(String, Vec<u8>)> =
            model.iter().map(|(n, v)| (n.clone(), v.replace('\n', eol).into_bytes())).collect();

        let msg = Message::parse(input.as_bytes()).expect("parse");
        let headers = msg.headers();
        prop_assert_eq!(headers.len(), expected.len());
        prop_assert_eq!(headers.is_empty(), expected.is_empty());
        let iterated: Vec<(String, Vec<u8>)> =
            headers.iter().map(|f| (f.name_str().to_string(), f.value().as_bytes().to_vec())).collect();
        prop_assert_eq!(&iterated, &expected);
        for query in &queries {
            let matching: Vec<&[u8]> = expected
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(query))
                .map(|(_, v)| v.as_slice())
                .collect();
            prop_assert_eq!(headers.get(query).map(|v| v.as_bytes()), matching.first().copied(), "get({})", query);
            let all: Vec<&[u8]> = headers.get_all(query).map(|v| v.as_bytes()).collect();
            prop_assert_eq!(&all, &matching, "get_all({})", query);
            prop_assert_eq!(headers.contains(query), !matching.is_empty());
        }
        prop_assert_eq!(msg.body().as_leaf().map(|l| l.as_bytes()), Some(&b"body"[..]));
        prop_assert_eq!(msg.to_bytes(), input.as_bytes());
    }
}
