//! `serde::Serialize` for the parsed tree and its typed views (feature `serde`).
//!
//! Every impl is written by hand over the types' accessors, so the serialized shape is a
//! format of its own, documented on each impl, and does not change when a private field
//! is renamed. Only serialization is offered: a tree borrows its input, and nothing here
//! could rebuild one.
//!
//! What is serialized is structure and headers: for each part its offset, header fields
//! (raw and decoded), typed MIME views, defects, the kind and sizes of its body, and its
//! child parts. Body bytes are not: a leaf gives its offset and size (`Part::decoded` and
//! `Part::text` read it), a multipart the sizes of its preamble and epilogue. The shape
//! is documented on the impl for `Message`, where rustdoc shows it.
//!
//! Nesting is serialized as nesting, which serde can only do by recursion: each level of
//! the tree costs stack. [`MAX_DEPTH`] bounds it; a deeper tree gives the serializer's
//! error instead of overflowing the stack. The children of a part are a key of the part
//! itself, not of its body, so that a level of the tree is two levels of serializer calls
//! (the part, the array of its children): about half the stack that a `parts` key inside
//! the body took.

use serde::ser::{Error, Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use crate::address::{Address, AddressList, Group, Mailbox};
use crate::date::DateTime;
use crate::error::{Defect, DefectKind};
use crate::header::{
    ContentDisposition, ContentType, HeaderField, HeaderMap, HeaderName, HeaderValue, Parameters,
    TransferEncoding,
};
use crate::tree::{Body, DeliveryStatus, Leaf, Message, Multipart, Part};

/// The deepest part that serializes: the root is at depth 0, a child of a multipart or
/// the root of an embedded message one deeper than its parent. 1,024 is the default
/// [`ParseOptions::max_depth`](crate::ParseOptions::max_depth), under which no part is
/// deeper than 1,024.
const MAX_DEPTH: usize = 1024;

/// A part at a depth of the tree being serialized.
struct PartAt<'p, 'a> {
    part: &'p Part<'a>,
    depth: usize,
}

impl Serialize for PartAt<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.depth > MAX_DEPTH {
            return Err(too_deep(self.part));
        }
        let mut s = serializer.serialize_struct("Part", 8)?;
        part_fields(&mut s, self.part)?;
        let children = PartsAt { parts: self.part.body().children(), depth: self.depth + 1 };
        s.serialize_field("parts", &children)?;
        s.end()
    }
}

#[cold]
fn too_deep<E: Error>(part: &Part<'_>) -> E {
    E::custom(format_args!(
        "the part at offset {} is nested deeper than {MAX_DEPTH} levels, the most mailmime serializes",
        part.offset()
    ))
}

/// The fields of a part before its children. A function of its own, so that what they
/// need is not in the frame of [`PartAt::serialize`], which is on the stack once per
/// level of nesting.
fn part_fields<S: SerializeStruct>(s: &mut S, part: &Part<'_>) -> Result<(), S::Error> {
    s.serialize_field("offset", &part.offset())?;
    s.serialize_field("headers", part.headers())?;
    s.serialize_field("content_type", &part.content_type())?;
    s.serialize_field("content_disposition", &part.content_disposition())?;
    s.serialize_field("transfer_encoding", &part.transfer_encoding())?;
    s.serialize_field("defects", part.defects())?;
    s.serialize_field("body", part.body())
}

/// The child parts of a part at `depth - 1`.
struct PartsAt<'p, 'a> {
    parts: &'p [Part<'a>],
    depth: usize,
}

impl Serialize for PartsAt<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.parts.len()))?;
        for part in self.parts {
            seq.serialize_element(&PartAt { part, depth: self.depth })?;
        }
        seq.end()
    }
}

/// A message serializes as its root [`Part`]: an object with `offset`, `headers`,
/// `content_type`, `content_disposition`, `transfer_encoding`, `defects`, `body` and
/// `parts`.
///
/// ```json
/// {
///   "offset": 0,
///   "headers": [{ "name": "Subject", "raw": " hi", "decoded": "hi" }],
///   "content_type": { "type": "text", "subtype": "plain", "parameters": {} },
///   "content_disposition": null,
///   "transfer_encoding": "7bit",
///   "defects": [],
///   "body": { "kind": "leaf", "offset": 15, "size": 7 },
///   "parts": []
/// }
/// ```
///
/// `content_type` and `transfer_encoding` are the effective values ([`Part::content_type`],
/// [`Part::transfer_encoding`]), defaults applied; `content_disposition` is `null` when the
/// field is absent. `defects` are the part's own ([`Part::defects`]).
///
/// `body` describes the [`Body`] by its `kind`; `parts` holds the child parts, each an
/// object of this same shape:
///
/// | `body.kind` | other keys of `body` | `parts` |
/// |---|---|---|
/// | `"leaf"` | `offset`, `size` (of the body as written, still transfer-encoded) | empty |
/// | `"multipart"` | `preamble_size`, `epilogue_size`, `closed` ([`Multipart::is_closed`]) | the parts |
/// | `"message"` | `encoded_size`: `null` unless the message was transfer-encoded ([`Message::encoded`]) | the embedded message's root |
/// | `"delivery-status"` | none | a part per group of fields ([`DeliveryStatus::groups`]) |
///
/// Body bytes are not serialized, only their sizes: read them with [`Part::decoded`] or
/// [`Part::text`]. Nor are values that accessors derive from the headers (addresses,
/// dates, file names); their types serialize on their own.
///
/// # Depth
///
/// Nested parts are nested objects, and serializing them recurses once per level. Parts
/// down to depth 1,024 serialize (the root is at depth 0), which covers every tree parsed
/// with the default [`ParseOptions::max_depth`](crate::ParseOptions::max_depth). With
/// `serde_json` a level takes about 1 KiB of stack in a debug build (976 bytes measured),
/// so 1,024 levels fit within the 2 MiB a spawned thread gets by default. A deeper part,
/// possible only with `max_depth` raised, makes serialization fail with the serializer's
/// error (`Error::custom`) instead of overflowing the stack; serializing a part deep in
/// such a tree counts from that part.
///
/// Readers may limit depth too: each level of parts is two levels of JSON (part object,
/// `parts` array), and `serde_json` reads no deeper than 128 levels unless its
/// `unbounded_depth` feature is used.
impl Serialize for Message<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PartAt { part: self.root(), depth: 0 }.serialize(serializer)
    }
}

/// The shape documented on [`Message`]'s impl; this part is at depth 0, so a part 1,024
/// levels below it is the deepest that serializes.
impl Serialize for Part<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PartAt { part: self, depth: 0 }.serialize(serializer)
    }
}

/// The `body` of a part, as documented on [`Message`]'s impl: an object whose `kind` is
/// `"leaf"`, `"multipart"`, `"message"` or `"delivery-status"`, with the body's sizes.
/// Child parts are not in it: they are the `parts` of the [`Part`] that has the body.
impl Serialize for Body<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Body::Leaf(leaf) => leaf.serialize(serializer),
            Body::Multipart(multipart) => multipart.serialize(serializer),
            Body::Message(message) => {
                let mut s = serializer.serialize_struct("Body", 2)?;
                s.serialize_field("kind", "message")?;
                s.serialize_field("encoded_size", &message.encoded().map(<[u8]>::len))?;
                s.end()
            }
            Body::DeliveryStatus(status) => status.serialize(serializer),
        }
    }
}

/// `{"kind": "leaf", "offset": 120, "size": 4096}`, as the [`Body`] holding it: where the
/// body starts in the input and its size as written (still transfer-encoded). The bytes
/// themselves are not serialized.
impl Serialize for Leaf<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Leaf", 3)?;
        s.serialize_field("kind", "leaf")?;
        s.serialize_field("offset", &self.offset())?;
        s.serialize_field("size", &self.as_bytes().len())?;
        s.end()
    }
}

/// `{"kind": "multipart", "preamble_size": 0, "epilogue_size": 2, "closed": true}`, as the
/// [`Body`] holding it. The parts are not in it (see [`Message`]'s impl); serialize
/// [`parts()`](Multipart::parts) for those.
impl Serialize for Multipart<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Multipart", 4)?;
        s.serialize_field("kind", "multipart")?;
        s.serialize_field("preamble_size", &self.preamble().len())?;
        s.serialize_field("epilogue_size", &self.epilogue().len())?;
        s.serialize_field("closed", &self.is_closed())?;
        s.end()
    }
}

/// `{"kind": "delivery-status"}`, as the [`Body`] holding it. The groups of fields are
/// not in it (see [`Message`]'s impl); serialize [`groups()`](DeliveryStatus::groups) for
/// those.
impl Serialize for DeliveryStatus<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("DeliveryStatus", 1)?;
        s.serialize_field("kind", "delivery-status")?;
        s.end()
    }
}

/// An array of fields in header order, duplicates kept, each as [`HeaderField`]'s impl
/// gives it.
impl Serialize for HeaderMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// `{"name": "Subject", "raw": " =?utf-8?q?caf=C3=A9?=", "decoded": "café"}`.
///
/// `name` is as written. `raw` is the bytes after the colon, folding included, as UTF-8
/// with invalid bytes replaced by U+FFFD; `decoded` is [`HeaderValue::decoded`].
impl Serialize for HeaderField<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("HeaderField", 3)?;
        s.serialize_field("name", self.name_str())?;
        value_fields(&mut s, self.value())?;
        s.end()
    }
}

/// `{"raw": " hi", "decoded": "hi"}`, as in [`HeaderField`]'s impl.
impl Serialize for HeaderValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("HeaderValue", 2)?;
        value_fields(&mut s, *self)?;
        s.end()
    }
}

fn value_fields<S: SerializeStruct>(s: &mut S, value: HeaderValue<'_>) -> Result<(), S::Error> {
    s.serialize_field("raw", &String::from_utf8_lossy(value.as_bytes()))?;
    s.serialize_field("decoded", &value.decoded())
}

/// The name as a string, as written.
impl Serialize for HeaderName<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// `{"type": "text", "subtype": "plain", "parameters": {"charset": "utf-8"}}`, type and
/// subtype lowercased.
impl Serialize for ContentType<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ContentType", 3)?;
        s.serialize_field("type", self.main_type())?;
        s.serialize_field("subtype", self.subtype())?;
        s.serialize_field("parameters", self.parameters())?;
        s.end()
    }
}

/// `{"type": "attachment", "parameters": {"filename": "a.pdf"}}`, the type lowercased
/// (empty when the field has only parameters).
impl Serialize for ContentDisposition<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ContentDisposition", 2)?;
        s.serialize_field("type", self.kind())?;
        s.serialize_field("parameters", self.parameters())?;
        s.end()
    }
}

/// A map from lowercased name to value, in order of first appearance, as
/// [`Parameters::iter`] gives them (RFC 2231 sections joined and decoded).
impl Serialize for Parameters<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (name, value) in self.iter() {
            map.serialize_entry(&name, &value)?;
        }
        map.end()
    }
}

/// The name, as [`TransferEncoding::as_str`] gives it: `"base64"`.
impl Serialize for TransferEncoding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// `{"name": "Ana", "address": "ana@example.com", "local_part": "ana", "domain":
/// "example.com"}`; `name` and `domain` may be `null`. Comments and obsolete routes are
/// left out.
impl Serialize for Mailbox<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Mailbox", 4)?;
        s.serialize_field("name", &self.name())?;
        s.serialize_field("address", &self.address())?;
        s.serialize_field("local_part", self.local_part())?;
        s.serialize_field("domain", &self.domain())?;
        s.end()
    }
}

/// `{"group": "Team", "members": [...]}`, each member a [`Mailbox`].
impl Serialize for Group<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Group", 2)?;
        s.serialize_field("group", self.name())?;
        s.serialize_field("members", self.members())?;
        s.end()
    }
}

/// A [`Mailbox`] or a [`Group`], untagged: a group is the object with a `group` key.
impl Serialize for Address<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Address::Mailbox(mailbox) => mailbox.serialize(serializer),
            Address::Group(group) => group.serialize(serializer),
        }
    }
}

/// An array of [`Address`]es, in order.
impl Serialize for AddressList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// `{"iso8601": "2021-11-20T14:22:01-08:00", "unix_timestamp": 1637446921}`: the local
/// time with its offset ([`DateTime::to_iso8601`], no offset when it is unknown) and the
/// instant ([`DateTime::unix_timestamp`]).
impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("DateTime", 2)?;
        s.serialize_field("iso8601", &self.to_iso8601())?;
        s.serialize_field("unix_timestamp", &self.unix_timestamp())?;
        s.end()
    }
}

/// `{"kind": "CloseBoundaryNotFound", "offset": 58}`.
impl Serialize for Defect {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Defect", 2)?;
        s.serialize_field("kind", &self.kind())?;
        s.serialize_field("offset", &self.offset())?;
        s.end()
    }
}

/// The name, as [`DefectKind::name`] gives it: `"CloseBoundaryNotFound"`.
impl Serialize for DefectKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}
