//! What [`Message::retain_parts`](crate::Message::retain_parts) removes: the parts the
//! caller refuses, less those whose removal would break the message, worked out on the
//! tree as it is before anything is edited. [`edit`](super::edit) then carries it out.

use crate::tree::html::cid_references;
use crate::tree::{Body, Part};

/// What happens to a part a plan names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Removed from its multipart.
    Remove,
    /// Replaced with an empty `text/plain` part: the last part of the root multipart,
    /// which cannot be left without one.
    Replace,
}

/// How a part that was looked at fares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Keep,
    Remove,
    Replace,
    /// A multipart whose parts were looked at in turn.
    Open,
}

/// A part looked at: the root, or a part of a multipart that was opened.
struct Node<'p, 'a> {
    part: &'p Part<'a>,
    /// The opened multipart it is a part of, and its position there.
    parent: Option<(usize, usize)>,
    verdict: Verdict,
    /// For an opened multipart, its parts' nodes.
    children: Vec<usize>,
}

/// Media types whose part is a signature, or signed or encrypted content, or what
/// reading such content needs: removing one leaves data nobody can verify or decrypt.
const SECURITY_TYPES: [&str; 6] = [
    "application/pgp-signature",
    "application/pgp-encrypted",
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pkcs7-mime",
    "application/x-pkcs7-mime",
];

/// Whether `part` stays whatever the caller says, and with everything in it: a
/// `multipart/signed` or `multipart/encrypted` (RFC 1847), or a part of one of the
/// [`SECURITY_TYPES`].
pub(crate) fn is_protected(part: &Part<'_>) -> bool {
    let ct = part.content_type();
    (ct.is_multipart() && (ct.subtype() == "signed" || ct.subtype() == "encrypted"))
        || SECURITY_TYPES.iter().any(|t| ct.is(t))
}

/// The parts to act on, each by its child positions from the root, in depth-first order
/// (so that acting from the last to the first keeps every other path valid).
///
/// `keep` is asked about each part of each multipart opened, depth-first, starting with
/// the root's: a multipart it keeps is opened in turn; a part it refuses is removed with
/// everything in it. Embedded messages and delivery statuses are parts like leaves: kept
/// or removed whole. Never removed, and never asked about: the root, the parts
/// [`is_protected`] names (a protected multipart is not opened either), and parts whose
/// Content-ID a kept `text/html` part refers to with `cid:`. A multipart left without
/// parts is removed itself; the root, which cannot be, keeps its first part as an empty
/// `text/plain` one ([`Action::Replace`]).
pub(crate) fn plan<'a>(
    root: &Part<'a>,
    keep: &mut dyn FnMut(&Part<'a>) -> bool,
) -> Vec<(Vec<usize>, Action)> {
    if !matches!(root.body(), Body::Multipart(_)) || is_protected(root) {
        return Vec::new();
    }
    let mut nodes = vec![Node { part: root, parent: None, verdict: Verdict::Open, children: Vec::new() }];
    // Depth-first, so that `keep` is asked in the order `parts()` gives: (part, parent
    // node, position in it), the next one on top.
    let mut pending: Vec<(&Part<'a>, usize, usize)> = children_of(root, 0);
    while let Some((part, parent, position)) = pending.pop() {
        let verdict = if is_protected(part) {
            Verdict::Keep
        } else if !keep(part) {
            Verdict::Remove
        } else if matches!(part.body(), Body::Multipart(_)) {
            Verdict::Open
        } else {
            Verdict::Keep
        };
        let id = nodes.len();
        nodes.push(Node { part, parent: Some((parent, position)), verdict, children: Vec::new() });
        nodes[parent].children.push(id);
        if verdict == Verdict::Open {
            pending.extend(children_of(part, id));
        }
    }
    keep_referenced(&mut nodes);
    remove_emptied(&mut nodes);
    actions(&nodes)
}

/// The parts of the multipart `part` (node `id`), last first, for the walk's stack.
fn children_of<'p, 'a>(part: &'p Part<'a>, id: usize) -> Vec<(&'p Part<'a>, usize, usize)> {
    part.body().children().iter().enumerate().rev().map(|(i, child)| (child, id, i)).collect()
}

/// Keeps the parts to be removed that a kept HTML part shows: an image it refers to by
/// `cid:` (RFC 2392) is content of that HTML, not an attachment beside it.
fn keep_referenced(nodes: &mut [Node<'_, '_>]) {
    let mut referenced: Vec<String> = Vec::new();
    for node in nodes.iter() {
        if node.verdict == Verdict::Keep
            && node.part.body().is_leaf()
            && node.part.content_type().is("text/html")
        {
            referenced.extend(cid_references(&node.part.text()));
        }
    }
    if referenced.is_empty() {
        return;
    }
    for node in nodes.iter_mut().filter(|n| n.verdict == Verdict::Remove) {
        if node.part.content_id().is_some_and(|id| referenced.contains(&id.to_lowercase())) {
            node.verdict = Verdict::Keep;
        }
    }
}

/// A multipart all of whose parts go, goes itself; the root keeps its first part as an
/// empty one. Children come after their parents in `nodes`, so going backwards settles
/// each multipart after its parts.
fn remove_emptied(nodes: &mut [Node<'_, '_>]) {
    for id in (0..nodes.len()).rev() {
        let node = &nodes[id];
        if node.verdict != Verdict::Open
            || node.children.is_empty()
            || !node.children.iter().all(|&c| nodes[c].verdict == Verdict::Remove)
        {
            continue;
        }
        if node.parent.is_some() {
            nodes[id].verdict = Verdict::Remove;
        } else {
            let first = node.children[0];
            nodes[first].verdict = Verdict::Replace;
        }
    }
}

/// The removals and replacements that are not inside a part removed or replaced whole,
/// with their paths, depth-first.
fn actions(nodes: &[Node<'_, '_>]) -> Vec<(Vec<usize>, Action)> {
    // Nodes come in depth-first order, parents first: whether a part lies inside a
    // removed one is known from its parent's.
    let mut inside_removed = vec![false; nodes.len()];
    let mut out = Vec::new();
    for (id, node) in nodes.iter().enumerate() {
        let Some((parent, _)) = node.parent else { continue };
        inside_removed[id] =
            inside_removed[parent] || matches!(nodes[parent].verdict, Verdict::Remove | Verdict::Replace);
        let action = match node.verdict {
            Verdict::Remove => Action::Remove,
            Verdict::Replace => Action::Replace,
            _ => continue,
        };
        if !inside_removed[id] {
            out.push((path(nodes, id), action));
        }
    }
    out
}

/// The child positions from the root to node `id`.
fn path(nodes: &[Node<'_, '_>], mut id: usize) -> Vec<usize> {
    let mut path = Vec::new();
    while let Some((parent, position)) = nodes[id].parent {
        path.push(position);
        id = parent;
    }
    path.reverse();
    path
}
