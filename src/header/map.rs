//! `HeaderMap`: the fields of one header block, in order, duplicates kept.

use std::fmt;

use crate::bytes::{Bytes, SharedInput};
use crate::header::{HeaderName, HeaderValue};

/// One header field: its name, its value and the exact bytes it was read from.
#[derive(Clone)]
pub struct HeaderField<'a> {
    name: HeaderName<'a>,
    value: HeaderValue<'a>,
    raw: Bytes<'a>,
}

impl<'a> HeaderField<'a> {
    pub(crate) fn from_parsed(name: HeaderName<'a>, value: HeaderValue<'a>, raw: Bytes<'a>) -> Self {
        HeaderField { name, value, raw }
    }

    /// The field name.
    pub fn name(&self) -> &HeaderName<'a> {
        &self.name
    }

    /// The field body.
    pub fn value(&self) -> &HeaderValue<'a> {
        &self.value
    }

    /// The exact bytes of the field: name, colon, value, folding and the final line end.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    pub(crate) fn into_static(self, shared: &SharedInput<'_>) -> HeaderField<'static> {
        HeaderField {
            name: self.name.into_owned(),
            value: self.value.into_static(shared),
            raw: self.raw.into_static(shared),
        }
    }
}

impl fmt::Debug for HeaderField<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeaderField").field("name", &self.name).field("value", &self.value).finish()
    }
}

/// A line of a header block that is not a field, kept so the block can be written back.
#[derive(Clone, Debug)]
pub(crate) enum Extra<'a> {
    /// An mbox `From ` line before the first field.
    UnixFrom(Bytes<'a>),
    /// A line starting with white space that continues no field.
    Orphan(Bytes<'a>),
}

/// The fields of a header block in their original order, duplicates included, with
/// case-insensitive lookup by name.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(b"Received: a\r\nreceived: b\r\nSubject: hi\r\n\r\n").unwrap();
/// let headers = msg.headers();
/// assert_eq!(headers.len(), 3);
/// assert_eq!(headers.get("RECEIVED").unwrap().as_bytes(), b" a");
/// let all: Vec<_> = headers.get_all("Received").map(|v| v.as_bytes()).collect();
/// assert_eq!(all, [&b" a"[..], b" b"]);
/// let names: Vec<_> = headers.iter().map(|f| f.name().as_str()).collect();
/// assert_eq!(names, ["Received", "received", "Subject"]);
/// ```
#[derive(Clone, Default)]
pub struct HeaderMap<'a> {
    fields: Vec<HeaderField<'a>>,
    /// Non-field lines and the index of the field they precede.
    extras: Vec<(usize, Extra<'a>)>,
}

impl<'a> HeaderMap<'a> {
    /// An empty map.
    pub fn new() -> Self {
        HeaderMap::default()
    }

    /// An empty map with room for `fields` fields.
    pub(crate) fn with_capacity(fields: usize) -> Self {
        HeaderMap { fields: Vec::with_capacity(fields), extras: Vec::new() }
    }

    pub(crate) fn push_parsed(&mut self, field: HeaderField<'a>) {
        self.fields.push(field);
    }

    pub(crate) fn push_extra(&mut self, extra: Extra<'a>) {
        self.extras.push((self.fields.len(), extra));
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The value of the first field named `name` (ASCII case ignored).
    pub fn get(&self, name: &str) -> Option<&HeaderValue<'a>> {
        self.fields.iter().find(|f| f.name.is(name)).map(|f| &f.value)
    }

    /// The values of every field named `name`, in order.
    pub fn get_all<'m, 'n>(
        &'m self,
        name: &'n str,
    ) -> impl Iterator<Item = &'m HeaderValue<'a>> + use<'m, 'n, 'a> {
        self.fields.iter().filter(move |f| f.name.is(name)).map(|f| &f.value)
    }

    /// Whether a field named `name` exists.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Every field, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, HeaderField<'a>> {
        self.fields.iter()
    }

    /// Adds a field after the last one. `value` is text: it is folded, and RFC 2047 encoded
    /// where it is not printable ASCII, so it can never add a line of its own.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidHeaderName`](crate::ErrorKind::InvalidHeaderName) for a bad name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let input = b"From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n";
    /// let mut msg = Message::parse(input).unwrap();
    /// msg.headers_mut().append("X-Tag", "café").unwrap();
    /// assert_eq!(
    ///     msg.to_bytes(),
    ///     b"From: a@example.com\r\nSubject: hi\r\nX-Tag: =?UTF-8?B?Y2Fmw6k=?=\r\n\r\nbody\r\n"
    /// );
    /// ```
    pub fn append(&mut self, name: &str, value: &str) -> Result<(), crate::Error> {
        let field = self.text_field(name, value)?;
        self.fields.push(field);
        Ok(())
    }

    /// Adds a field whose value is written as given (already structured and encoded, such
    /// as an address list). Long values are folded at white space.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidHeaderName`](crate::ErrorKind::InvalidHeaderName) for a bad name;
    /// [`ErrorKind::InvalidHeaderValue`](crate::ErrorKind::InvalidHeaderValue) for a value
    /// with CR, LF or NUL, or one that cannot be folded under 998 octets a line.
    pub fn append_raw(&mut self, name: &str, value: &str) -> Result<(), crate::Error> {
        let field = self.raw_field(name, value)?;
        self.fields.push(field);
        Ok(())
    }

    /// Sets the field `name` to `value` (text, as [`append`](Self::append)): the first such
    /// field is rewritten in place and any others are removed; with none, the field is
    /// appended. Other fields keep their bytes.
    ///
    /// # Errors
    ///
    /// As [`append`](Self::append).
    pub fn insert(&mut self, name: &str, value: &str) -> Result<(), crate::Error> {
        let field = self.text_field(name, value)?;
        self.put(field);
        Ok(())
    }

    /// Sets the field `name` to a value written as given (see
    /// [`append_raw`](Self::append_raw)), in place of the first such field.
    ///
    /// # Errors
    ///
    /// As [`append_raw`](Self::append_raw).
    pub fn insert_raw(&mut self, name: &str, value: &str) -> Result<(), crate::Error> {
        let field = self.raw_field(name, value)?;
        self.put(field);
        Ok(())
    }

    /// Removes every field named `name`; returns how many there were.
    pub fn remove(&mut self, name: &str) -> usize {
        let mut removed = 0;
        let mut i = 0;
        while i < self.fields.len() {
            if self.fields[i].name.is(name) {
                self.remove_at(i);
                removed += 1;
            } else {
                i += 1;
            }
        }
        removed
    }

    /// Removes field `i`, keeping the non-field lines where they stand.
    fn remove_at(&mut self, i: usize) {
        self.fields.remove(i);
        for (at, _) in &mut self.extras {
            if *at > i {
                *at -= 1;
            }
        }
    }

    fn put(&mut self, field: HeaderField<'a>) {
        match self.fields.iter().position(|f| f.name == field.name) {
            Some(at) => {
                let name = field.name.as_str().to_owned();
                self.fields[at] = field;
                // Remove the later duplicates only.
                let mut i = at + 1;
                while i < self.fields.len() {
                    if self.fields[i].name.is(&name) {
                        self.remove_at(i);
                    } else {
                        i += 1;
                    }
                }
            }
            None => self.fields.push(field),
        }
    }

    /// Whether the block's lines end in LF alone (so new lines match them).
    fn uses_lf(&self) -> bool {
        self.fields.first().is_some_and(|f| f.raw.ends_with(b"\n") && !f.raw.ends_with(b"\r\n"))
    }

    fn text_field(&self, name: &str, value: &str) -> Result<HeaderField<'a>, crate::Error> {
        let name = HeaderName::new(name.to_owned())?;
        let folded = crate::build::header::unstructured(name.as_str().len(), value, false);
        Ok(crate::build::header::field_with_line_end(name, folded, self.uses_lf()))
    }

    fn raw_field(&self, name: &str, value: &str) -> Result<HeaderField<'a>, crate::Error> {
        let name = HeaderName::new(name.to_owned())?;
        let folded = crate::build::header::raw_value(name.as_str().len(), value)?;
        Ok(crate::build::header::field_with_line_end(name, folded, self.uses_lf()))
    }

    /// Writes the block's lines (fields and kept non-field lines) in their order.
    pub(crate) fn write_raw(&self, out: &mut Vec<u8>) {
        let mut extras = self.extras.iter().peekable();
        for (i, field) in self.fields.iter().enumerate() {
            while let Some((_, extra)) = extras.next_if(|(at, _)| *at <= i) {
                out.extend_from_slice(extra.bytes());
            }
            out.extend_from_slice(&field.raw);
        }
        for (_, extra) in extras {
            out.extend_from_slice(extra.bytes());
        }
    }

    pub(crate) fn into_static(self, shared: &SharedInput<'_>) -> HeaderMap<'static> {
        HeaderMap {
            fields: self.fields.into_iter().map(|f| f.into_static(shared)).collect(),
            extras: self
                .extras
                .into_iter()
                .map(|(at, e)| {
                    let e = match e {
                        Extra::UnixFrom(b) => Extra::UnixFrom(b.into_static(shared)),
                        Extra::Orphan(b) => Extra::Orphan(b.into_static(shared)),
                    };
                    (at, e)
                })
                .collect(),
        }
    }
}

impl Extra<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Extra::UnixFrom(b) | Extra::Orphan(b) => b,
        }
    }
}

impl<'m, 'a> IntoIterator for &'m HeaderMap<'a> {
    type Item = &'m HeaderField<'a>;
    type IntoIter = std::slice::Iter<'m, HeaderField<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.fields.iter()
    }
}

impl fmt::Debug for HeaderMap<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.fields.iter()).finish()
    }
}
