//! Issue reporting shared by every tolerant decoder in this module.
//!
//! Decoders never fail: when they meet malformed input they recover and
//! describe what they recovered from as an [`Issue`] pushed into a
//! caller-supplied `Vec`. Each decoder call records only the **first**
//! occurrence of each [`IssueKind`], so hostile input cannot make the issue
//! list grow without bound, and clean input never touches the vector (no
//! allocation).

/// The kind of problem a tolerant decoder recovered from.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::{base64, IssueKind};
///
/// let (bytes, issues) = base64::decode(b"aGk*=");
/// assert_eq!(bytes, b"hi");
/// assert_eq!(issues[0].kind, IssueKind::InvalidCharacter);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IssueKind {
    /// A byte that is not allowed at this place was skipped.
    InvalidCharacter,
    /// Padding (`=` in base64) was missing, misplaced, or followed by more data.
    InvalidPadding,
    /// The input ended in the middle of a unit (a dangling base64 symbol, a
    /// short uuencoded line, a missing `end` line...).
    TruncatedInput,
    /// An escape sequence (`=XX` in quoted-printable or Q, `%XX` in RFC 2231)
    /// was not valid and was kept literally.
    InvalidEscape,
    /// A charset label was not recognised; a fallback was used.
    UnknownCharset,
    /// Bytes that are not valid in the charset were replaced by U+FFFD.
    MalformedCharacter,
    /// A decoded value carries a control character (CR, LF, NUL or another
    /// C0 control other than TAB). The character is kept in the result.
    ControlCharacter,
    /// An expected delimiter line is missing (uuencode `begin`).
    MissingDelimiter,
    /// An RFC 2231 parameter section number occurs more than once; the first
    /// occurrence was kept.
    DuplicateSection,
    /// An RFC 2231 parameter section number is missing from the sequence.
    MissingSection,
    /// Base64 data continues after the `=` padding that should end it: decoded too when
    /// it is itself well-formed base64 (concatenated blocks), left out otherwise.
    DataAfterPadding,
}

impl IssueKind {
    const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// One problem found (and recovered from) by a tolerant decoder.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::{quoted_printable, Issue, IssueKind};
///
/// let mut out = Vec::new();
/// let mut issues = Vec::new();
/// quoted_printable::decode_into(b"a=ZZ", &mut out, &mut issues);
/// assert_eq!(out, b"a=ZZ");
/// assert_eq!(issues, [Issue { kind: IssueKind::InvalidEscape, offset: 1 }]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Issue {
    /// What went wrong.
    pub kind: IssueKind,
    /// Byte offset into the input given to the decoder (for
    /// [`join_pieces`](super::rfc2231::join_pieces), see its documentation).
    pub offset: usize,
}

/// Records at most one issue of each kind, with offsets shifted by `shift`.
pub(crate) struct Reporter<'a> {
    issues: &'a mut Vec<Issue>,
    seen: u32,
    /// Added to every offset reported (used when decoding a sub-slice).
    pub(crate) shift: usize,
    /// When set, every issue is reported at this offset instead (used when
    /// decoding bytes that do not map one-to-one to the input).
    pin: Option<usize>,
}

impl<'a> Reporter<'a> {
    /// Start recording into `issues` for one decoder call.
    pub(crate) fn new(issues: &'a mut Vec<Issue>) -> Self {
        Reporter { issues, seen: 0, shift: 0, pin: None }
    }

    /// Record `kind` at `offset` (relative to the current shift) unless this
    /// call already recorded that kind.
    #[inline]
    pub(crate) fn report(&mut self, kind: IssueKind, offset: usize) {
        if self.seen & kind.bit() == 0 {
            self.seen |= kind.bit();
            self.issues.push(Issue { kind, offset: self.pin.unwrap_or(offset + self.shift) });
        }
    }

    /// Run `f` with every issue reported at offset `at`.
    pub(crate) fn pinned<R>(&mut self, at: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        let old = self.pin;
        self.pin = Some(at);
        let r = f(self);
        self.pin = old;
        r
    }

    /// Run `f` with offsets shifted by an extra `by`.
    pub(crate) fn shifted<R>(&mut self, by: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        let old = self.shift;
        self.shift += by;
        let r = f(self);
        self.shift = old;
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporter_keeps_first_issue_of_each_kind_only() {
        let mut v = Vec::new();
        let mut r = Reporter::new(&mut v);
        r.report(IssueKind::InvalidCharacter, 3);
        r.report(IssueKind::InvalidCharacter, 7);
        r.shifted(10, |r| r.report(IssueKind::InvalidEscape, 2));
        r.report(IssueKind::InvalidEscape, 1);
        assert_eq!(
            v,
            [
                Issue { kind: IssueKind::InvalidCharacter, offset: 3 },
                Issue { kind: IssueKind::InvalidEscape, offset: 12 },
            ]
        );
    }

    #[test]
    fn reporter_appends_after_existing_issues_from_earlier_calls() {
        let mut v = vec![Issue { kind: IssueKind::InvalidCharacter, offset: 0 }];
        Reporter::new(&mut v).report(IssueKind::InvalidCharacter, 5);
        assert_eq!(v.len(), 2);
    }
}
