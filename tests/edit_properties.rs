//! Sequences of edits on real messages (a sample of the third-party corpora when present,
//! and every fixture), in their LF and their CRLF form.
//!
//! After every call that returns Ok, the message must write out well-formed and read back
//! as the tree the edits made:
//!
//! - one line-end style, the original's (when the original had one);
//! - no line over 998 octets (when the original had none), and none in what an edit wrote;
//! - no multipart without parts, and no defect when the original had none;
//! - the reparsed tree has the shape of the edited one (kinds and media types);
//! - edited parts carry the new content (`text()`, `decoded()`, header values), and every
//!   untouched part's `raw()` is byte-identical to before the call.
//!
//! A call that returns an error must leave the message writing exactly what it wrote
//! before, and a `BoundaryInContent` refusal must name the boundary of an enclosing
//! multipart that the content holds.

mod common;
mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use mailmime::{Body, ErrorKind, Message, MimePart, Part};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use support::lines::{line_end_style, longest_line};

/// Inputs no larger than this keep a case fast.
const MAX_INPUT: usize = 48 * 1024;
/// How many corpus messages the sample takes.
const CORPUS_SAMPLE: usize = 40;

/// (name, bytes) of every input: fixtures in both forms, and a corpus sample as stored
/// and in the other form.
fn inputs() -> &'static [(String, Vec<u8>)] {
    static INPUTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let mut out = Vec::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = eml_files(&root);
        files.sort();
        for path in files {
            let stored = std::fs::read(&path).unwrap();
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            if path.parent().and_then(Path::file_name).is_some_and(|n| n == "raw") {
                out.push((name, stored));
            } else {
                out.push((format!("{name} (crlf)"), common::to_crlf(&stored)));
                out.push((format!("{name} (lf)"), stored));
            }
        }
        if let Some(dir) = support::corpora() {
            let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
            let rows: Vec<&str> = manifest
                .lines()
                .skip(1)
                .filter(|l| l.split('\t').nth(1) == Some("eml"))
                .filter_map(|l| l.split('\t').next())
                .collect();
            let step = (rows.len() / CORPUS_SAMPLE).max(1);
            for path in rows.iter().step_by(step).take(CORPUS_SAMPLE) {
                let stored = std::fs::read(dir.join(path)).unwrap();
                if stored.len() > MAX_INPUT {
                    continue;
                }
                let lf = support::lf(&stored);
                out.push((format!("{path} (crlf)"), common::to_crlf(&lf)));
                out.push((format!("{path} (lf)"), lf));
            }
        }
        out
    })
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "eml") {
                out.push(path);
            }
        }
    }
    out
}

/// Every part with its path (child positions from the root), depth-first: the order of
/// `Part::parts`, so position `i` here is the index `part_mut(i)` takes.
fn paths<'p, 'a>(root: &'p Part<'a>) -> Vec<(Vec<usize>, &'p Part<'a>)> {
    let mut out = Vec::new();
    let mut stack = vec![(Vec::new(), root)];
    while let Some((path, part)) = stack.pop() {
        for (i, child) in common::children(part).into_iter().enumerate().rev() {
            let mut p = path.clone();
            p.push(i);
            stack.push((p, child));
        }
        out.push((path, part));
    }
    out
}

fn at<'p, 'a>(root: &'p Part<'a>, path: &[usize]) -> Option<&'p Part<'a>> {
    let mut part = root;
    for &i in path {
        part = *common::children(part).get(i)?;
    }
    Some(part)
}

/// What the tree looks like: every part's path, kind and media type.
fn shape(root: &Part<'_>) -> Vec<(Vec<usize>, &'static str, String)> {
    paths(root)
        .into_iter()
        .map(|(p, part)| (p, common::kind(part), part.content_type().to_string()))
        .collect()
}

/// The boundaries of the multiparts enclosing the part at `path`, innermost last.
fn enclosing_boundaries(root: &Part<'_>, path: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    let mut part = root;
    for &i in path {
        if let (Body::Multipart(_), Some(b)) = (part.body(), part.content_type().boundary()) {
            // RFC 2046 §5.1.1: a boundary does not end in white space.
            out.push(b.trim_end().to_owned());
        }
        let Some(next) = common::children(part).get(i).copied() else { break };
        part = next;
    }
    out
}

/// Text with every line end made LF (to compare text whose line ends an encoding chose).
fn lf_text(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A new part for `replace_part`, `push_part` and `attach`.
#[derive(Debug, Clone)]
enum NewPart {
    Text(String),
    Bytes(Vec<u8>),
    /// A multipart/mixed of a text part and a bytes part.
    Nested(String, Vec<u8>),
}

impl NewPart {
    fn build(&self) -> MimePart {
        match self {
            NewPart::Text(t) => MimePart::text("plain", t.clone()),
            NewPart::Bytes(b) => MimePart::bytes("application/octet-stream", b.clone()),
            NewPart::Nested(t, b) => MimePart::multipart(
                "mixed",
                vec![
                    MimePart::text("plain", t.clone()),
                    MimePart::bytes("application/octet-stream", b.clone()),
                ],
            ),
        }
    }

    /// Asserts that `part`, read back, is this part.
    fn check(&self, part: &Part<'_>) -> Result<(), TestCaseError> {
        match self {
            NewPart::Text(t) => {
                prop_assert!(part.content_type().is("text/plain"));
                prop_assert_eq!(lf_text(&part.text()), lf_text(t));
            }
            NewPart::Bytes(b) => {
                prop_assert!(part.content_type().is("application/octet-stream"));
                prop_assert_eq!(&*part.decoded(), &b[..]);
            }
            NewPart::Nested(t, b) => {
                prop_assert!(part.content_type().is("multipart/mixed"));
                let Body::Multipart(m) = part.body() else {
                    return Err(TestCaseError::fail("not a multipart"));
                };
                prop_assert_eq!(m.parts().len(), 2);
                NewPart::Text(t.clone()).check(&m.parts()[0])?;
                NewPart::Bytes(b.clone()).check(&m.parts()[1])?;
            }
        }
        Ok(())
    }
}

/// A delimiter line of an enclosing multipart to put into new content.
#[derive(Debug, Clone)]
struct Inject {
    pick: Index,
    close: bool,
    padding: &'static str,
    crlf: bool,
}

#[derive(Debug, Clone)]
enum Edit {
    SetHeader(Index, String, String),
    AppendHeader(Index, String, String),
    AppendRaw(Index, String, String),
    RemoveHeader(Index, String),
    SetText(Index, String, Option<Inject>),
    SetBody(Index, Vec<u8>, Option<Inject>),
    ReplacePart(Index, NewPart, Option<Inject>),
    RemovePart(Index),
    Attach(NewPart, Option<Inject>),
    PushPart(Index, NewPart, Option<Inject>),
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Subject".to_string()),
        Just("X-Tag".to_string()),
        Just("Received".to_string()),
        Just("Comments".to_string()),
        "X-[A-Za-z0-9-]{1,10}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    let line = prop_oneof!["[ -~]{0,30}", "\\PC{0,12}", Just(".".to_string()), Just("--".to_string())];
    let end = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    proptest::collection::vec((line, end), 0..6)
        .prop_map(|lines| lines.into_iter().map(|(l, e)| format!("{l}{e}")).collect::<String>())
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..64),
        "[ -~\n]{0,60}".prop_map(String::into_bytes),
        "[ -~\r\n]{0,60}".prop_map(String::into_bytes),
    ]
}

fn new_part() -> impl Strategy<Value = NewPart> {
    prop_oneof![
        text().prop_map(NewPart::Text),
        bytes().prop_map(NewPart::Bytes),
        (text(), bytes()).prop_map(|(t, b)| NewPart::Nested(t, b)),
    ]
}

fn inject() -> impl Strategy<Value = Option<Inject>> {
    let padding = prop_oneof![Just(""), Just(" "), Just(" \t ")];
    proptest::option::weighted(0.3, (any::<Index>(), any::<bool>(), padding, any::<bool>()))
        .prop_map(|o| o.map(|(pick, close, padding, crlf)| Inject { pick, close, padding, crlf }))
}

fn edit() -> impl Strategy<Value = Edit> {
    let value = "[ -~]{0,40}|\\PC{0,20}";
    prop_oneof![
        (any::<Index>(), header_name(), value).prop_map(|(i, n, v)| Edit::SetHeader(i, n, v)),
        (any::<Index>(), header_name(), value).prop_map(|(i, n, v)| Edit::AppendHeader(i, n, v)),
        (any::<Index>(), header_name(), "[ -~]{0,30}(\r\n[ -~]{0,10})?")
            .prop_map(|(i, n, v)| Edit::AppendRaw(i, n, v)),
        (any::<Index>(), header_name()).prop_map(|(i, n)| Edit::RemoveHeader(i, n)),
        (any::<Index>(), text(), inject()).prop_map(|(i, t, j)| Edit::SetText(i, t, j)),
        (any::<Index>(), bytes(), inject()).prop_map(|(i, b, j)| Edit::SetBody(i, b, j)),
        (any::<Index>(), new_part(), inject()).prop_map(|(i, p, j)| Edit::ReplacePart(i, p, j)),
        any::<Index>().prop_map(Edit::RemovePart),
        (new_part(), inject()).prop_map(|(p, j)| Edit::Attach(p, j)),
        (any::<Index>(), new_part(), inject()).prop_map(|(i, p, j)| Edit::PushPart(i, p, j)),
    ]
}

/// Counts of outcomes over the whole run, so the test can insist that both the accepted
/// and the refused paths were taken.
static ACCEPTED: AtomicUsize = AtomicUsize::new(0);
static REFUSED_BOUNDARY: AtomicUsize = AtomicUsize::new(0);
static STRUCTURAL: AtomicUsize = AtomicUsize::new(0);

/// What the call that was made should have done, checked on the reparsed output.
enum Expect {
    Header { path: Vec<usize>, name: String, value: Option<String>, last: bool },
    Text { path: Vec<usize>, text: String },
    Body { path: Vec<usize>, data: Vec<u8> },
    Part { path: Vec<usize>, part: NewPart },
    Removed,
    Nothing,
}

/// How paths in the tree before the call map to paths after it; `None` for the parts
/// the call touched (their raw spans change).
struct Moves {
    touched: Vec<Vec<usize>>,
    gone: Option<Vec<usize>>,
    removed: Option<Vec<usize>>,
    nested: bool,
}

impl Moves {
    fn at(path: &[usize]) -> Moves {
        Moves {
            touched: (0..=path.len()).map(|n| path[..n].to_vec()).collect(),
            gone: None,
            removed: None,
            nested: false,
        }
    }

    fn map(&self, path: &[usize]) -> Option<Vec<usize>> {
        if self.touched.iter().any(|t| t == path) {
            return None;
        }
        if let Some(gone) = &self.gone
            && path.starts_with(gone)
        {
            return None;
        }
        let mut path = path.to_vec();
        if let Some(removed) = &self.removed {
            let (last, parent) = removed.split_last().unwrap();
            if path.len() >= removed.len() && path[..parent.len()] == parent[..] {
                if path[parent.len()] == *last {
                    return None;
                }
                if path[parent.len()] > *last {
                    path[parent.len()] -= 1;
                }
            }
        }
        if self.nested {
            path.insert(0, 0);
        }
        Some(path)
    }
}

/// The content `inject` asks for: `content` with a delimiter line of an enclosing
/// multipart of `path` in front.
fn injected(root: &Part<'_>, path: &[usize], inject: &Option<Inject>, content: &str) -> String {
    let Some(inject) = inject else { return content.to_owned() };
    let boundaries = enclosing_boundaries(root, path);
    if boundaries.is_empty() {
        return content.to_owned();
    }
    let boundary = &boundaries[inject.pick.index(boundaries.len())];
    let close = if inject.close { "--" } else { "" };
    let end = if inject.crlf { "\r\n" } else { "\n" };
    format!("--{boundary}{close}{}{end}{content}", inject.padding)
}

fn injected_part(root: &Part<'_>, path: &[usize], inject: &Option<Inject>, part: &NewPart) -> NewPart {
    match part {
        NewPart::Text(t) => NewPart::Text(injected(root, path, inject, t)),
        NewPart::Bytes(b) => {
            let prefix = injected(root, path, inject, "");
            NewPart::Bytes([prefix.as_bytes(), b].concat())
        }
        NewPart::Nested(t, b) => NewPart::Nested(injected(root, path, inject, t), b.clone()),
    }
}

/// Applies `edit` to `msg` (whose bytes are `before`, read back as `tree`); returns the
/// result, what to expect, how paths move, and the new content for a refusal check.
fn apply(
    msg: &mut Message<'_>,
    tree: &Message<'_>,
    edit: &Edit,
) -> (Result<(), mailmime::Error>, Expect, Moves, Vec<usize>, String) {
    let all = paths(tree.root());
    let pick = |i: &Index, keep: &dyn Fn(&Part<'_>, &[usize]) -> bool| -> Option<(usize, Vec<usize>)> {
        let candidates: Vec<usize> = (0..all.len()).filter(|&n| keep(all[n].1, &all[n].0)).collect();
        (!candidates.is_empty()).then(|| {
            let n = candidates[i.index(candidates.len())];
            (n, all[n].0.clone())
        })
    };
    let any = |_: &Part<'_>, _: &[usize]| true;
    let leaf = |p: &Part<'_>, _: &[usize]| p.body().is_leaf();
    let multipart = |p: &Part<'_>, _: &[usize]| matches!(p.body(), Body::Multipart(_));
    let child = |_: &Part<'_>, path: &[usize]| !path.is_empty();
    match edit {
        Edit::SetHeader(i, name, value)
        | Edit::AppendHeader(i, name, value)
        | Edit::AppendRaw(i, name, value) => {
            let (n, path) = pick(i, &any).unwrap();
            let mut part = msg.part_mut(n).unwrap();
            let result = match edit {
                Edit::SetHeader(..) => part.headers_mut().insert(name, value),
                Edit::AppendHeader(..) => part.headers_mut().append(name, value),
                _ => part.headers_mut().append_raw(name, value),
            };
            let last = !matches!(edit, Edit::SetHeader(..));
            let expect =
                Expect::Header { path: path.clone(), name: name.clone(), value: Some(value.clone()), last };
            (result, expect, Moves::at(&path), path, value.clone())
        }
        Edit::RemoveHeader(i, name) => {
            let (n, path) = pick(i, &any).unwrap();
            msg.part_mut(n).unwrap().headers_mut().remove(name);
            let expect = Expect::Header { path: path.clone(), name: name.clone(), value: None, last: false };
            (Ok(()), expect, Moves::at(&path), path, String::new())
        }
        Edit::SetText(i, text, inject) => {
            let Some((n, path)) = pick(i, &leaf) else { return skipped() };
            let text = injected(tree.root(), &path, inject, text);
            let result = msg.part_mut(n).unwrap().set_text(&text);
            (result, Expect::Text { path: path.clone(), text: text.clone() }, Moves::at(&path), path, text)
        }
        Edit::SetBody(i, data, inject) => {
            let Some((n, path)) = pick(i, &leaf) else { return skipped() };
            let prefix = injected(tree.root(), &path, inject, "");
            let data = [prefix.as_bytes(), data].concat();
            let result = msg.part_mut(n).unwrap().set_body(data.clone());
            let content = String::from_utf8_lossy(&data).into_owned();
            (result, Expect::Body { path: path.clone(), data }, Moves::at(&path), path, content)
        }
        Edit::ReplacePart(i, part, inject) => {
            let Some((n, path)) = pick(i, &child) else { return skipped() };
            let part = injected_part(tree.root(), &path, inject, part);
            let result = msg.replace_part(n, part.build()).map(drop);
            let mut moves = Moves::at(&path[..path.len() - 1]);
            moves.gone = Some(path.clone());
            let content = format!("{part:?}");
            (result, Expect::Part { path: path.clone(), part }, moves, path, content)
        }
        Edit::RemovePart(i) => {
            let Some((n, path)) = pick(i, &child) else { return skipped() };
            let result = msg.remove_part(n).map(drop);
            let mut moves = Moves::at(&path[..path.len() - 1]);
            moves.removed = Some(path.clone());
            (result, Expect::Removed, moves, path, String::new())
        }
        Edit::Attach(part, inject) => {
            let root = tree.root();
            let mixed =
                matches!(root.body(), Body::Multipart(_)) && root.content_type().is("multipart/mixed");
            let (path, new_path) = if mixed {
                let count = common::children(root).len();
                (vec![count], vec![count])
            } else {
                (vec![0], vec![1])
            };
            let part = injected_part(root, &path, inject, part);
            let result = msg.attach(part.build());
            let mut moves = Moves::at(&[]);
            moves.nested = !mixed;
            let content = format!("{part:?}");
            (result, Expect::Part { path: new_path, part }, moves, path, content)
        }
        Edit::PushPart(i, part, inject) => {
            let Some((n, path)) = pick(i, &multipart) else { return skipped() };
            let count = common::children(all[n].1).len();
            let mut new_path = path.clone();
            new_path.push(count);
            let part = injected_part(tree.root(), &new_path, inject, part);
            let result = msg.part_mut(n).unwrap().push_part(part.build());
            let content = format!("{part:?}");
            (result, Expect::Part { path: new_path.clone(), part }, Moves::at(&path), new_path, content)
        }
    }
}

/// No part fits the edit: nothing is called, and nothing may change.
fn skipped() -> (Result<(), mailmime::Error>, Expect, Moves, Vec<usize>, String) {
    (Ok(()), Expect::Nothing, Moves::at(&[]), Vec::new(), String::new())
}

/// Whether any multipart in the tree has no parts.
fn has_empty_multipart(root: &Part<'_>) -> bool {
    root.parts().any(|p| matches!(p.body(), Body::Multipart(m) if m.parts().is_empty()))
}

/// What holds for the original input, and so must hold after every edit.
struct Original {
    style: Option<bool>,
    short_lines: bool,
    clean: bool,
    no_empty: bool,
    /// No multipart lacks its close delimiter. Where one does, the parser gives the line
    /// end before the missing delimiter to the last part or to an epilogue depending on
    /// what that last part is, so appending after such a part can move one line end from
    /// its raw span to a delimiter (known, not fixed: see the CHANGELOG).
    closed: bool,
}

/// Makes one call on `msg`, whose bytes are `before`; checks the outcome and returns the
/// bytes after it.
fn step(
    msg: &mut Message<'_>,
    before: &[u8],
    edit: &Edit,
    original: &Original,
) -> Result<Vec<u8>, TestCaseError> {
    let tree = Message::parse(before).unwrap();
    let (result, expect, moves, path, content) = apply(msg, &tree, edit);
    let after = msg.to_bytes();
    if let Err(e) = result {
        prop_assert!(after == before, "the refused call {:?} ({}) changed the message", edit, e);
        match e.kind() {
            ErrorKind::BoundaryInContent => {
                let boundary = e.value().unwrap_or_default();
                let mut candidates = enclosing_boundaries(tree.root(), &path);
                if let Some(own) = at(tree.root(), &path)
                    .and_then(|p| p.content_type().boundary().map(|b| b.trim_end().to_owned()))
                {
                    candidates.push(own);
                }
                prop_assert!(
                    candidates.iter().any(|b| b == boundary),
                    "{} is no enclosing boundary",
                    boundary
                );
                let delimiter = format!("--{boundary}");
                prop_assert!(
                    content.contains(&delimiter),
                    "refused {:?}, which has no {}",
                    content,
                    delimiter
                );
                REFUSED_BOUNDARY.fetch_add(1, Ordering::Relaxed);
            }
            ErrorKind::InvalidContentType => {
                // Removing the only part of a multipart.
                prop_assert!(matches!(edit, Edit::RemovePart(_)), "{:?}: {}", edit, e);
                let parent = at(tree.root(), &path[..path.len() - 1]).unwrap();
                prop_assert_eq!(common::children(parent).len(), 1);
            }
            ErrorKind::InvalidTransferEncoding => {
                // A message/* or multipart/* leaf whose new body no identity encoding carries.
                let part = at(tree.root(), &path).unwrap();
                prop_assert!(part.content_type().is_message() || part.content_type().is_multipart(), "{}", e);
                STRUCTURAL.fetch_add(1, Ordering::Relaxed);
            }
            ErrorKind::NoSuchPart => {
                // A body for a delivery-status field block, or a part removed from an
                // embedded message or a delivery-status body.
                let parent = at(tree.root(), &path[..path.len().saturating_sub(1)]).unwrap();
                prop_assert!(!matches!(parent.body(), Body::Multipart(_)), "{:?}: {}", edit, e);
            }
            ErrorKind::InvalidHeaderValue => {
                prop_assert!(matches!(edit, Edit::AppendRaw(..)), "{:?}: {}", edit, e);
                prop_assert!(content.contains(['\r', '\n']), "refused {:?}", content);
            }
            ErrorKind::EditChangesStructure => {
                // The library's own guard: the output would have read back as another
                // tree, so the edit was undone (the unchanged bytes are checked above).
            }
            ErrorKind::DuplicateHeader => {
                // A second field of a name a header holds once, on a header that has one.
                let (Edit::AppendHeader(_, name, _) | Edit::AppendRaw(_, name, _)) = edit else {
                    return Err(TestCaseError::fail(format!("{edit:?}: {e}")));
                };
                prop_assert_eq!(e.value(), Some(name.as_str()));
                prop_assert!(at(tree.root(), &path).unwrap().headers().contains(name), "{:?}: {}", edit, e);
            }
            _ => prop_assert!(false, "{:?}: unexpected error {}", edit, e),
        }
        return Ok(after);
    }
    if let Edit::AppendRaw(_, _, value) = edit {
        prop_assert!(!value.contains(['\r', '\n']), "a value with a line break was written");
    }
    ACCEPTED.fetch_add(1, Ordering::Relaxed);
    let reparsed = Message::parse(&after).unwrap();
    if let Some(lf) = original.style {
        prop_assert_eq!(line_end_style(&after), Some(lf), "{:?} mixed the line ends", edit);
    }
    if original.short_lines {
        prop_assert!(longest_line(&after) <= 998, "{:?} wrote a line over 998 octets", edit);
    }
    if original.clean {
        let defects: Vec<String> = reparsed.defects().map(ToString::to_string).collect();
        prop_assert!(defects.is_empty(), "{:?} gave defects {:?}", edit, defects);
    }
    if original.no_empty {
        prop_assert!(!has_empty_multipart(reparsed.root()), "{:?} left an empty multipart", edit);
    }
    prop_assert_eq!(
        shape(reparsed.root()),
        shape(msg.root()),
        "{:?}: the output reads back as another tree",
        edit
    );

    let found = |path: &[usize]| {
        at(reparsed.root(), path).ok_or_else(|| TestCaseError::fail(format!("no part at {path:?}")))
    };
    match &expect {
        Expect::Header { path, name, value, last } => {
            let part = found(path)?;
            match value {
                None => prop_assert!(part.headers().get(name).is_none()),
                Some(value) => {
                    let got =
                        if *last { part.headers().get_all(name).last() } else { part.headers().get(name) };
                    let got = got.ok_or_else(|| TestCaseError::fail(format!("no {name} field")))?;
                    if matches!(edit, Edit::AppendRaw(..)) {
                        prop_assert_eq!(&*got.unfolded(), value.trim_matches([' ', '\t']).as_bytes());
                    } else {
                        prop_assert_eq!(got.decoded(), value.as_str());
                    }
                }
            }
            for field in part.headers().iter().filter(|f| f.is(name)) {
                prop_assert!(longest_line(field.raw()) <= 998);
            }
        }
        Expect::Text { path, text } => {
            let part = found(path)?;
            match original.style {
                Some(lf) => {
                    let expected = if lf { lf_text(text) } else { lf_text(text).replace('\n', "\r\n") };
                    prop_assert_eq!(part.text(), expected);
                }
                None => prop_assert_eq!(lf_text(&part.text()), lf_text(text)),
            }
            prop_assert!(longest_line(part.body().as_leaf().unwrap().as_bytes()) <= 998);
        }
        Expect::Body { path, data } => {
            let part = found(path)?;
            prop_assert_eq!(&*part.decoded(), &data[..]);
            prop_assert!(longest_line(part.body().as_leaf().unwrap().as_bytes()) <= 998);
        }
        Expect::Part { path, part: new } => {
            let part = found(path)?;
            new.check(part)?;
            prop_assert!(longest_line(part.raw().unwrap()) <= 998);
        }
        Expect::Removed => {}
        Expect::Nothing => prop_assert!(after == before),
    }
    for (path, part) in paths(tree.root()).into_iter().filter(|_| original.closed) {
        let Some(moved) = moves.map(&path) else { continue };
        let now = found(&moved)?;
        prop_assert!(now.raw() == part.raw(), "{:?}: the untouched part at {:?} changed", edit, path);
    }
    drop(reparsed);
    Ok(after)
}

fn check_sequence(input: &[u8], edits: &[Edit]) -> Result<(), TestCaseError> {
    let parsed = Message::parse(input).unwrap();
    let original = Original {
        style: line_end_style(input),
        short_lines: longest_line(input) <= 998,
        clean: parsed.defects().next().is_none(),
        no_empty: !has_empty_multipart(parsed.root()),
        closed: !parsed.defects().any(|d| d.kind() == mailmime::DefectKind::CloseBoundaryNotFound),
    };
    let mut msg = Message::parse(input).unwrap();
    let mut before = input.to_vec();
    for edit in edits {
        before = step(&mut msg, &before, edit, &original)?;
    }
    Ok(())
}

#[test]
fn edit_sequences_keep_every_message_well_formed_and_untouched_parts_exact() {
    let inputs = inputs();
    assert!(inputs.len() >= 80, "only {} inputs", inputs.len());
    // PROPTEST_CASES runs more (or fewer) cases; 160 keep `cargo test` fast.
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(160);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let strategy = (0..inputs.len(), proptest::collection::vec(edit(), 1..6));
    let result = runner.run(&strategy, |(n, edits)| {
        let (name, input) = &inputs[n];
        check_sequence(input, &edits).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Both ways out were taken: edits that were written, and content that was refused.
    let (accepted, refused) = (ACCEPTED.load(Ordering::Relaxed), REFUSED_BOUNDARY.load(Ordering::Relaxed));
    assert!(accepted >= 200, "only {accepted} edits were accepted");
    assert!(refused >= 5, "only {refused} edits were refused for a delimiter");
    eprintln!("{} inputs, {accepted} edits accepted, {refused} refused for a delimiter", inputs.len());
}
