//! Multipart delimiters (RFC 2046 §5.1.1).
//!
//! ```text
//! delimiter       = CRLF dash-boundary        ; the line end before belongs to it
//! dash-boundary   = "--" boundary
//! close-delimiter = delimiter "--"
//! delimiter line  = dash-boundary ["--"] *(SP / HTAB) line-end
//! ```
//!
//! A delimiter starts a line and only white space may follow the boundary (or the `--` of a
//! close delimiter). Every boundary of every enclosing multipart is active at once, so an
//! inner boundary that is a prefix or an extension of an outer one is never confused
//! with it: the whole line (minus trailing white space) is looked up, not a prefix.
//! Lines are found with `memchr` for `-` (then `--` at a line start); each input byte is looked at a bounded number
//! of times, whatever the nesting depth.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::parse::header::{line_content_len, line_end_len};
use crate::parse::params;

/// The active boundaries, each mapped to the stack position of the innermost multipart
/// using it. A boundary reused by a nested multipart shadows the outer one until the
/// inner one ends.
#[derive(Default)]
pub(crate) struct BoundaryIndex<'a> {
    /// Every active boundary with its frame, innermost last: most delimiter lines belong
    /// to the innermost multipart, which this answers without hashing, and while few
    /// multiparts are open a scan of it answers the rest.
    nesting: Vec<(usize, Cow<'a, [u8]>)>,
    /// Built once more than [`SHALLOW`] multiparts are open at a time (then kept), so
    /// that a lookup stays one hash however deep the nesting.
    map: HashMap<Cow<'a, [u8]>, usize, BuildHasherDefault<FastHasher>>,
    /// (frame, the frame it shadowed) for reused boundaries, while `map` is in use.
    shadowed: Vec<(usize, usize)>,
    longest: usize,
}

/// How many open multiparts a scan of [`BoundaryIndex::nesting`] serves before the map is
/// built: most messages nest two or three, and a scan of a few short boundaries is cheaper
/// than hashing and the map's allocation.
const SHALLOW: usize = 8;

/// A multiplicative hash (FxHash's scheme) for boundary lookups: boundaries are short
/// and chosen by the sender, and a collision costs one extra comparison, so SipHash's
/// flooding resistance buys nothing here.
#[derive(Default)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A delimiter line found in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Delimiter {
    /// Where the delimiter starts: the line end before it, when the segment has one.
    pub(crate) start: usize,
    /// Just after the delimiter line's own line end.
    pub(crate) end: usize,
    /// Stack position of the multipart whose boundary this is.
    pub(crate) frame: usize,
    /// Whether it is a close delimiter (`--boundary--`).
    pub(crate) close: bool,
}

impl<'a> BoundaryIndex<'a> {
    pub(crate) fn push(&mut self, boundary: Cow<'a, [u8]>, frame: usize) {
        self.longest = self.longest.max(boundary.len());
        if self.uses_map() {
            self.insert(boundary.clone(), frame);
        } else if self.nesting.len() == SHALLOW {
            for (f, b) in std::mem::take(&mut self.nesting) {
                self.insert(b.clone(), f);
                self.nesting.push((f, b));
            }
            self.insert(boundary.clone(), frame);
        }
        self.nesting.push((frame, boundary));
    }

    fn uses_map(&self) -> bool {
        !self.map.is_empty()
    }

    fn insert(&mut self, boundary: Cow<'a, [u8]>, frame: usize) {
        if let Some(outer) = self.map.insert(boundary, frame) {
            self.shadowed.push((frame, outer));
        }
    }

    pub(crate) fn remove(&mut self, boundary: &[u8], frame: usize) {
        if self.nesting.last().is_some_and(|(f, b)| *f == frame && **b == *boundary) {
            // The innermost multipart ends: the usual order.
            self.nesting.pop();
        } else if let Some(at) = self.nesting.iter().rposition(|(f, b)| *f == frame && **b == *boundary) {
            self.nesting.remove(at);
        }
        if !self.uses_map() {
            return;
        }
        if self.shadowed.is_empty() {
            // No boundary is reused: one lookup removes it if it is this frame's.
            if let Some((key, f)) = self.map.remove_entry(boundary)
                && f != frame
            {
                self.map.insert(key, f);
            }
            return;
        }
        if self.map.get(boundary) != Some(&frame) {
            return;
        }
        match self.shadowed.iter().rposition(|&(f, _)| f == frame) {
            Some(at) => {
                let (_, outer) = self.shadowed.remove(at);
                if let Some(slot) = self.map.get_mut(boundary) {
                    *slot = outer;
                }
            }
            None => {
                self.map.remove(boundary);
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.nesting.is_empty()
    }

    /// The frame of the innermost open multipart whose boundary is `name`.
    fn frame_of(&self, name: &[u8]) -> Option<usize> {
        if self.uses_map() {
            return self.map.get(name).copied();
        }
        self.nesting.iter().rev().find(|(_, b)| **b == *name).map(|&(f, _)| f)
    }

    /// If the line at `line_start` (which starts with `--`) is a delimiter line, its frame,
    /// whether it closes, and the offset just after its line end.
    pub(crate) fn match_line(&self, input: &[u8], line_start: usize) -> Option<(usize, bool, usize)> {
        let rest = &input[line_start..];
        let content = line_content_len(rest);
        let end = line_start + content + line_end_len(&rest[content..]);
        let name = rest[2..content].trim_ascii_end_wsp();
        if name.len() > self.longest + 2 {
            return None;
        }
        // The innermost boundary, compared directly: no active frame is deeper, so a match
        // here is the answer the lookups below would give.
        if let Some((frame, innermost)) = self.nesting.last() {
            if name == &innermost[..] {
                return Some((*frame, false, end));
            }
            if name.strip_suffix(b"--") == Some(&innermost[..]) {
                return Some((*frame, true, end));
            }
        }
        let open = self.frame_of(name);
        let close = name.strip_suffix(b"--").and_then(|n| self.frame_of(n));
        match (open, close) {
            (Some(o), Some(c)) if c > o => Some((c, true, end)),
            (Some(o), _) => Some((o, false, end)),
            (None, Some(c)) => Some((c, true, end)),
            (None, None) => None,
        }
    }
}

trait TrimWsp {
    fn trim_ascii_end_wsp(&self) -> &Self;
}

impl TrimWsp for [u8] {
    fn trim_ascii_end_wsp(&self) -> &[u8] {
        let n = self.iter().rposition(|&b| b != b' ' && b != b'\t').map_or(0, |p| p + 1);
        &self[..n]
    }
}

/// The first delimiter line of any active boundary at or after `from`. The line end
/// before it is included in the delimiter when it lies at or after `from`.
pub(crate) fn find_delimiter(input: &[u8], from: usize, index: &BoundaryIndex<'_>) -> Option<Delimiter> {
    if index.is_empty() {
        return None;
    }
    let mut pos = from;
    while let Some(found) = memchr::memchr(b'-', &input[pos..]) {
        let at = pos + found;
        if input.get(at + 1) != Some(&b'-') {
            pos = at + 1;
            continue;
        }
        let at_line_start = at == 0 || matches!(input[at - 1], b'\n' | b'\r');
        if !at_line_start {
            pos = at + 1;
            continue;
        }
        if let Some((frame, close, end)) = index.match_line(input, at) {
            let mut start = at;
            if start > from && matches!(input[start - 1], b'\n' | b'\r') {
                start -= 1;
                if start > from && input[start] == b'\n' && input[start - 1] == b'\r' {
                    start -= 1;
                }
            }
            return Some(Delimiter { start, end, frame, close });
        }
        // Not a delimiter: the next candidate starts a later line.
        pos = at + line_content_len(&input[at..]).max(2);
    }
    None
}

/// The boundary a multipart's delimiter lines are matched against, from the Content-Type
/// parameters `rest`: the parameter's own bytes, without trailing white space (RFC 2046
/// §5.1.1: a boundary does not end in white space). Edits check new content against it.
pub(crate) fn boundary(rest: &[u8]) -> Option<Cow<'_, [u8]>> {
    boundary_of(rest, params::find_parameter(rest, "boundary"))
}

/// [`boundary`] from the lookup of `boundary` in `rest` already made.
pub(crate) fn boundary_of<'a>(rest: &'a [u8], lookup: params::Lookup<'a>) -> Option<Cow<'a, [u8]>> {
    let boundary = match lookup {
        // The boundary's own bytes: delimiter lines are matched byte for byte.
        params::Lookup::Plain(b) => b,
        params::Lookup::Missing => return None,
        params::Lookup::Complex => Cow::Owned(
            crate::header::Parameters::from_source(rest).get("boundary")?.into_owned().into_bytes(),
        ),
    };
    let trimmed = boundary.len() - boundary.iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
    Some(match boundary {
        Cow::Borrowed(b) => Cow::Borrowed(&b[..trimmed]),
        Cow::Owned(mut v) => {
            v.truncate(trimmed);
            Cow::Owned(v)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(boundaries: &[&'static str]) -> BoundaryIndex<'static> {
        let mut idx = BoundaryIndex::default();
        for (i, b) in boundaries.iter().enumerate() {
            idx.push(Cow::Borrowed(b.as_bytes()), i);
        }
        idx
    }

    #[test]
    fn delimiter_takes_the_line_end_before_it() {
        let input = b"preamble\r\n--b\r\nbody";
        let d = find_delimiter(input, 0, &index(&["b"])).unwrap();
        assert_eq!(d, Delimiter { start: 8, end: 15, frame: 0, close: false });
        let input = b"x\n--b--\n";
        let d = find_delimiter(input, 0, &index(&["b"])).unwrap();
        assert_eq!(d, Delimiter { start: 1, end: 8, frame: 0, close: true });
    }

    #[test]
    fn line_end_before_from_is_not_taken() {
        let input = b"\r\n--b\r\n";
        let d = find_delimiter(input, 2, &index(&["b"])).unwrap();
        assert_eq!((d.start, d.end), (2, 7));
    }

    #[test]
    fn only_white_space_may_follow_the_boundary() {
        let input = b"--bx\r\n--b x\r\n--b \t\r\n";
        let d = find_delimiter(input, 0, &index(&["b"])).unwrap();
        assert_eq!((d.start, d.end), (11, 20));
    }

    #[test]
    fn delimiter_must_start_a_line() {
        let input = b"text --b\r\n--b";
        let d = find_delimiter(input, 0, &index(&["b"])).unwrap();
        assert_eq!((d.start, d.end), (8, 13));
    }

    #[test]
    fn prefix_boundaries_are_told_apart() {
        // Outer "ab", inner "abc": "--abc" belongs to the inner one, "--ab" to the outer.
        let idx = index(&["ab", "abc"]);
        assert_eq!(idx.match_line(b"--abc\r\n", 0), Some((1, false, 7)));
        assert_eq!(idx.match_line(b"--ab\r\n", 0), Some((0, false, 6)));
        assert_eq!(idx.match_line(b"--ab--\r\n", 0), Some((0, true, 8)));
        assert_eq!(idx.match_line(b"--abc--", 0), Some((1, true, 7)));
        assert_eq!(idx.match_line(b"--abcd\r\n", 0), None);
    }

    #[test]
    fn boundary_ending_in_dashes_prefers_the_innermost_reading() {
        // Outer "x--", inner "x": "--x--" closes the inner one.
        let idx = index(&["x--", "x"]);
        assert_eq!(idx.match_line(b"--x--\n", 0), Some((1, true, 6)));
        let idx = index(&["x", "x--"]);
        assert_eq!(idx.match_line(b"--x--\n", 0), Some((1, false, 6)));
    }

    #[test]
    fn a_reused_boundary_shadows_the_outer_one_until_removed() {
        let mut idx = index(&["b", "c"]);
        idx.push(Cow::Borrowed(b"b"), 2);
        assert_eq!(idx.match_line(b"--b\n", 0), Some((2, false, 4)));
        idx.remove(b"b", 2);
        assert_eq!(idx.match_line(b"--b\n", 0), Some((0, false, 4)));
        idx.remove(b"b", 0);
        assert_eq!(idx.match_line(b"--b\n", 0), None);
    }

    #[test]
    fn bare_cr_is_a_line_end() {
        let input = b"a\r--b\rrest";
        let d = find_delimiter(input, 0, &index(&["b"])).unwrap();
        assert_eq!(d, Delimiter { start: 1, end: 6, frame: 0, close: false });
    }

    #[test]
    fn removed_boundary_is_no_longer_a_delimiter() {
        let mut idx = index(&["a", "b"]);
        idx.remove(b"b", 1);
        assert_eq!(find_delimiter(b"--b\r\n--a\r\n", 0, &idx).map(|d| d.start), Some(3));
    }

    proptest::proptest! {
        /// Scans while few multiparts are open and the map once many are give the answer
        /// of the definition: the innermost open multipart whose boundary the line is
        /// (`--b`) or closes (`--b--`), the deeper of the two when both are. Multiparts
        /// open and close as a parser's stack does, with reused boundaries.
        #[test]
        fn lookups_agree_with_the_innermost_open_multipart(
            steps in proptest::collection::vec((0u8..4, 0u8..3), 0..60),
        ) {
            const NAMES: [&[u8]; 4] = [b"a", b"b", b"a--", b"ab"];
            let mut idx = BoundaryIndex::default();
            let mut open: Vec<&'static [u8]> = Vec::new();
            for (name, push) in steps {
                if push < 2 || open.is_empty() {
                    let name = NAMES[usize::from(name)];
                    idx.push(Cow::Borrowed(name), open.len());
                    open.push(name);
                } else {
                    let name = open.pop().unwrap_or_default();
                    idx.remove(name, open.len());
                }
                proptest::prop_assert_eq!(idx.is_empty(), open.is_empty());
                for line in [&b"--a"[..], b"--b", b"--a--", b"--b--", b"--a----", b"--ab--", b"--c"] {
                    let frame = |n: &[u8]| open.iter().rposition(|b| *b == n);
                    let open_at = frame(&line[2..]);
                    let close_at = line[2..].strip_suffix(b"--").and_then(frame);
                    let want = match (open_at, close_at) {
                        (Some(o), Some(c)) if c > o => Some((c, true)),
                        (Some(o), _) => Some((o, false)),
                        (None, Some(c)) => Some((c, true)),
                        (None, None) => None,
                    };
                    let got = idx.match_line(line, 0).map(|(f, close, _)| (f, close));
                    proptest::prop_assert_eq!(got, want, "{:?} with {:?} open", line, open);
                }
            }
        }
    }
}
