//! `Bytes`: a byte string that either borrows the parsed input or shares an owned copy.
//!
//! Every byte slice stored in the tree is a `Bytes`. Parsing only ever creates the
//! borrowed form; [`Bytes::into_static`] turns a tree into a `'static` one by copying the
//! input once into an `Arc<Vec<u8>>` that every slice then shares, so an owned tree costs
//! the input's size plus a pointer and a range per slice, never a copy per nesting level.
//! The `Arc` holds a `Vec` rather than a `[u8]` so that its pointer is thin: a `Bytes` is
//! 24 bytes, the size of the range and one pointer, in both forms.

use std::ops::{Deref, Range};
use std::sync::Arc;

#[derive(Clone)]
pub(crate) enum Bytes<'a> {
    Borrowed(&'a [u8]),
    Shared(Arc<Vec<u8>>, Range<usize>),
}

impl Default for Bytes<'_> {
    fn default() -> Self {
        Bytes::Borrowed(&[])
    }
}

impl Deref for Bytes<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Borrowed(b) => b,
            Bytes::Shared(buf, range) => &buf[range.clone()],
        }
    }
}

impl std::fmt::Debug for Bytes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self))
    }
}

impl PartialEq for Bytes<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Bytes<'_> {}

impl<'a> From<&'a [u8]> for Bytes<'a> {
    fn from(b: &'a [u8]) -> Self {
        Bytes::Borrowed(b)
    }
}

impl From<Vec<u8>> for Bytes<'_> {
    fn from(v: Vec<u8>) -> Self {
        let len = v.len();
        Bytes::Shared(Arc::new(v), 0..len)
    }
}

/// The owned copy of an input that `into_owned` shares among all slices of one tree.
pub(crate) struct SharedInput<'s> {
    original: &'s [u8],
    copy: Arc<Vec<u8>>,
}

impl<'s> SharedInput<'s> {
    pub(crate) fn new(original: &'s [u8]) -> Self {
        SharedInput { original, copy: Arc::new(original.to_vec()) }
    }

    /// Shares `input`, which is owned already, rather than copying it.
    pub(crate) fn from_shared(input: &'s Arc<Vec<u8>>) -> Self {
        SharedInput { original: input, copy: input.clone() }
    }

    /// A shared slice of the copy if `b` lies inside the original input, else a fresh copy.
    pub(crate) fn share(&self, b: &[u8]) -> Bytes<'static> {
        let base = self.original.as_ptr() as usize;
        let start = b.as_ptr() as usize;
        if start >= base && start + b.len() <= base + self.original.len() && !b.is_empty() {
            let offset = start - base;
            Bytes::Shared(self.copy.clone(), offset..offset + b.len())
        } else {
            Bytes::from(b.to_vec())
        }
    }
}

impl<'a> Bytes<'a> {
    /// The bytes in `range` of this slice (clamped to its length), sharing its storage.
    pub(crate) fn slice(&self, range: Range<usize>) -> Bytes<'a> {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        match self {
            Bytes::Borrowed(b) => Bytes::Borrowed(&b[start..end]),
            Bytes::Shared(buf, r) => Bytes::Shared(buf.clone(), r.start + start..r.start + end),
        }
    }

    /// This slice with no borrow of the input left.
    pub(crate) fn into_static(self, shared: &SharedInput<'_>) -> Bytes<'static> {
        match self {
            Bytes::Borrowed(b) => shared.share(b),
            Bytes::Shared(buf, range) => Bytes::Shared(buf, range),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn into_static_shares_one_copy_of_the_input() {
        let input = b"Subject: hi\r\n\r\nbody".to_vec();
        let shared = SharedInput::new(&input);
        let a = Bytes::Borrowed(&input[0..7]).into_static(&shared);
        let b = Bytes::Borrowed(&input[15..]).into_static(&shared);
        assert_eq!(&*a, b"Subject");
        assert_eq!(&*b, b"body");
        match (&a, &b) {
            (Bytes::Shared(x, _), Bytes::Shared(y, _)) => assert!(Arc::ptr_eq(x, y)),
            _ => panic!("expected shared slices"),
        }
    }

    #[test]
    fn into_static_copies_bytes_from_outside_the_input() {
        let input = b"abc".to_vec();
        let other = b"xyz".to_vec();
        let shared = SharedInput::new(&input);
        let c = Bytes::Borrowed(&other[..]).into_static(&shared);
        assert_eq!(&*c, b"xyz");
    }
}
