//! Typed accessors for the RFC 5322 fields: subject, addresses, date, message ids.

use std::borrow::Cow;

use crate::address::{AddressList, Mailbox};
use crate::date::DateTime;
use crate::encoding::{Charset, IssueKind, encoded_word, safe};
use crate::error::{Defect, DefectKind};
use crate::header::HeaderValue;
use crate::parse::address::parse_address_list;
use crate::parse::date::parse_date_time;
use crate::parse::lexical::{header_text, unfold};
use crate::tree::Part;

impl<'a> HeaderValue<'a> {
    /// The value as text: unfolded, leading white space removed (trailing white space is
    /// part of an unstructured value, RFC 5322 §3.2.5), RFC 2047 encoded words decoded (adjacent
    /// words joined, a character split across words put back together, a raw 8-bit byte
    /// inside a word read in the word's charset), other 8-bit bytes read as UTF-8
    /// (RFC 6532) or, failing that, in the [fallback charset](Self::fallback_charset):
    /// windows-1252 unless the message was parsed with another
    /// [`ParseOptions::fallback_charset`](crate::ParseOptions::fallback_charset).
    ///
    /// Control characters (CR, LF, NUL, any other C0 control but TAB, and DEL) that an
    /// encoded word or the raw bytes smuggle in are replaced with U+FFFD (see the crate
    /// docs, "Hostile input"); [`decoded_with_defects`](Self::decoded_with_defects) reports
    /// them, and [`as_bytes`](Self::as_bytes) still has the raw value.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Subject: =?ISO-8859-1?Q?Andr=E9?= Pirard\r\n\r\n").unwrap();
    /// assert_eq!(msg.headers().get("subject").unwrap().decoded(), "André Pirard");
    /// ```
    pub fn decoded(&self) -> Cow<'a, str> {
        self.decoded_with_defects().0
    }

    /// [`decoded`](Self::decoded) with the defects found (control characters, undecodable
    /// bytes, unknown charsets), offsets relative to the unfolded value.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message};
    ///
    /// let msg = Message::parse(b"Subject: =?utf-8?q?line=0Dbreak?= =?x-klingon?q?abc?=\r\n\r\n")?;
    /// let (text, defects) = msg.headers().get("Subject").unwrap().decoded_with_defects();
    /// assert_eq!(text, "line\u{fffd}breakabc");
    /// let kinds: Vec<DefectKind> = defects.iter().map(|d| d.kind()).collect();
    /// assert_eq!(kinds, [DefectKind::ControlCharacterInHeader, DefectKind::UnknownCharset]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn decoded_with_defects(&self) -> (Cow<'a, str>, Vec<Defect>) {
        let raw = trim_leading(self.as_bytes());
        // Most values have nothing to unfold, decode or replace: then the text is the raw
        // bytes, found in one pass over them.
        if let Some(text) = encoded_word::undecoded(raw) {
            return (Cow::Borrowed(text), Vec::new());
        }
        decode_unstructured(raw, self.fallback_charset())
    }
}

/// [`HeaderValue::decoded_with_defects`] of `raw`, its leading white space removed, by
/// the general path: unfolded, decoded, control characters replaced.
fn decode_unstructured(raw: &[u8], fallback: Charset) -> (Cow<'_, str>, Vec<Defect>) {
    let mut issues = Vec::new();
    let text = match unfold(raw) {
        Cow::Borrowed(b) => encoded_word::decode_text_with_fallback(b, fallback, &mut issues),
        Cow::Owned(v) => {
            Cow::Owned(encoded_word::decode_text_with_fallback(&v, fallback, &mut issues).into_owned())
        }
    };
    let text = safe::replace_controls(text).0;
    let defects = issues
        .iter()
        .map(|i| {
            let kind = match i.kind {
                IssueKind::ControlCharacter => DefectKind::ControlCharacterInHeader,
                IssueKind::UnknownCharset => DefectKind::UnknownCharset,
                _ => DefectKind::UndecodableBytes,
            };
            Defect::new(kind, i.offset)
        })
        .collect();
    (text, defects)
}

/// `raw` without its leading white space.
fn trim_leading(raw: &[u8]) -> &[u8] {
    let start = raw.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(raw.len());
    &raw[start..]
}

impl<'a> Part<'a> {
    /// The Subject, decoded (see [`HeaderValue::decoded`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Subject: =?utf-8?B?8J+TpiBwYWNrYWdl?=\r\n\r\n").unwrap();
    /// assert_eq!(msg.subject().as_deref(), Some("📦 package"));
    /// ```
    pub fn subject(&self) -> Option<Cow<'_, str>> {
        self.headers.get("subject").map(|v| v.decoded())
    }

    /// The addresses of every field named `name`, in order, display names decoded.
    ///
    /// Control characters in display names, group names, local parts and domains are
    /// replaced with U+FFFD (see the crate docs, "Hostile input").
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Resent-To: Ops <ops@example.com>\r\nResent-To: =?utf-8?q?Jos=C3=A9?= <jose@example.com>\r\n\r\n",
    /// )?;
    /// let resent = msg.addresses("resent-to");
    /// let names: Vec<_> = resent.mailboxes().map(|m| m.name().unwrap().to_owned()).collect();
    /// assert_eq!(names, ["Ops", "José"]);
    /// assert!(msg.addresses("Delivered-To").is_empty());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn addresses(&self, name: &str) -> AddressList<'_> {
        let mut values = self.headers.get_all(name);
        let Some(first) = values.next() else {
            return AddressList::new();
        };
        let mut all = safe_addresses(first, &mut Checks::Off);
        for value in values {
            for address in safe_addresses(value, &mut Checks::Off) {
                all.push(address);
            }
        }
        all
    }

    /// The From addresses.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"From: =?utf-8?q?Ana=C3=AFs?= <anais@example.com>\r\n\r\n").unwrap();
    /// let from = msg.from();
    /// let first = from.mailboxes().next().unwrap();
    /// assert_eq!(first.name(), Some("Anaïs"));
    /// assert_eq!(first.address(), "anais@example.com");
    /// ```
    pub fn from(&self) -> AddressList<'_> {
        self.addresses("from")
    }

    /// The To addresses (groups kept; see [`AddressList::mailboxes`] to flatten).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"To: a@example.com, Team: b@example.com, c@example.com;\r\n\r\n")?;
    /// assert_eq!(msg.to().len(), 2); // a mailbox and a group
    /// let all: Vec<_> = msg.to().mailboxes().map(|m| m.address().into_owned()).collect();
    /// assert_eq!(all, ["a@example.com", "b@example.com", "c@example.com"]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn to(&self) -> AddressList<'_> {
        self.addresses("to")
    }

    /// The Cc addresses.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Cc: \"Doe, Jane\" <jane@example.com>, bob@example.org\r\n\r\n")?;
    /// let cc = msg.cc();
    /// let jane = cc.mailboxes().next().unwrap();
    /// assert_eq!((jane.name(), &*jane.address()), (Some("Doe, Jane"), "jane@example.com"));
    /// assert_eq!(cc.mailboxes().count(), 2);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn cc(&self) -> AddressList<'_> {
        self.addresses("cc")
    }

    /// The Bcc addresses.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// // Seen in a sender's saved copy; messages in transit rarely have one.
    /// let msg = Message::parse(b"Bcc: audit@example.com\r\n\r\n")?;
    /// assert_eq!(msg.bcc().mailboxes().next().unwrap().address(), "audit@example.com");
    /// // An empty Bcc field (RFC 5322 §3.6.3 allows it) is an empty list.
    /// assert!(Message::parse(b"Bcc:\r\n\r\n")?.bcc().is_empty());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn bcc(&self) -> AddressList<'_> {
        self.addresses("bcc")
    }

    /// The Reply-To addresses.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"From: list@example.com\r\nReply-To: Support <help@example.com>\r\n\r\n")?;
    /// // Where a reply goes: Reply-To when present, else From.
    /// let reply_to = msg.reply_to();
    /// let target = reply_to.mailboxes().next().unwrap();
    /// assert_eq!(target.address(), "help@example.com");
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn reply_to(&self) -> AddressList<'_> {
        self.addresses("reply-to")
    }

    /// The Sender mailbox.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"From: boss@example.com\r\nSender: Assistant <pa@example.com>\r\n\r\n")?;
    /// let sender = msg.sender().unwrap();
    /// assert_eq!((sender.name(), &*sender.address()), (Some("Assistant"), "pa@example.com"));
    /// assert!(Message::parse(b"From: a@example.com\r\n\r\n")?.sender().is_none());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn sender(&self) -> Option<Mailbox<'_>> {
        self.addresses("sender").mailboxes().next().cloned()
    }

    /// The Date, parsed (RFC 5322 §3.3 with the obsolete forms of §4.3); `None` when
    /// absent or unreadable.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Date: 21 Nov 97 09:55:06 GMT\r\n\r\n").unwrap();
    /// assert_eq!(msg.date().unwrap().to_iso8601(), "1997-11-21T09:55:06+00:00");
    /// ```
    pub fn date(&self) -> Option<DateTime> {
        let value = self.headers.get("date")?;
        // The common form has nothing to unfold: read from the raw value first.
        crate::parse::date::plain_date_time(value.as_bytes()).or_else(|| parse_date_time(&value.unfolded()))
    }

    /// The Message-ID without its angle brackets.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Message-ID:\r\n <20240301.1234@mail.example.com>\r\n\r\n")?;
    /// assert_eq!(msg.message_id().as_deref(), Some("20240301.1234@mail.example.com"));
    /// assert!(Message::parse(b"Subject: x\r\n\r\n")?.message_id().is_none());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn message_id(&self) -> Option<Cow<'_, str>> {
        let value = self.headers.get("message-id")?;
        let text = msg_id_text(value);
        let (start, end) = crate::parse::msg_id::first_msg_id(&text)?;
        Some(msg_id_at(&text, start, end))
    }

    /// The message ids of In-Reply-To, without angle brackets.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"In-Reply-To: <a@example.com> (the question)\r\n\r\n")?;
    /// assert_eq!(msg.in_reply_to(), ["a@example.com"]);
    /// assert!(Message::parse(b"Subject: new thread\r\n\r\n")?.in_reply_to().is_empty());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn in_reply_to(&self) -> Vec<Cow<'_, str>> {
        self.headers.get_all("in-reply-to").flat_map(msg_ids).collect()
    }

    /// The message ids of References, in order, without angle brackets.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"References: <1@example.com>\r\n <2@example.com> <3@example.com>\r\n\r\n")?;
    /// let thread = msg.references();
    /// assert_eq!(thread, ["1@example.com", "2@example.com", "3@example.com"]);
    /// // The thread's root is the first.
    /// assert_eq!(thread.first().map(|id| &**id), Some("1@example.com"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn references(&self) -> Vec<Cow<'_, str>> {
        self.headers.get_all("references").flat_map(msg_ids).collect()
    }

    /// The Received fields, raw, in order (newest first, as they appear).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Received: from mx.example.org by inbox.example.com;\r\n Tue, 5 Mar 2024 10:00:02 +0000\r\n\
    /// Received: from laptop by mx.example.org; Tue, 5 Mar 2024 10:00:00 +0000\r\n\r\n",
    /// )?;
    /// let hops: Vec<String> = msg.received().map(|v| v.to_str_lossy().into_owned()).collect();
    /// assert_eq!(hops.len(), 2);
    /// assert!(hops[0].starts_with("from mx.example.org by inbox.example.com;"));
    /// // The last is the first hop: where the message entered the mail system.
    /// assert!(hops[1].starts_with("from laptop"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn received(&self) -> impl Iterator<Item = HeaderValue<'_>> + '_ {
        self.headers.get_all("received")
    }
}

/// The `<...>` ids of a field; a field without angle brackets gives its words.
fn msg_ids(value: HeaderValue<'_>) -> Vec<Cow<'_, str>> {
    let text = msg_id_text(value);
    let ids = crate::parse::msg_id::msg_ids(&text);
    ids.into_iter().map(|(start, end)| msg_id_at(&text, start, end)).collect()
}

/// A msg-id field's value as text: unfolded, raw 8-bit bytes read as UTF-8 or in the
/// fallback charset.
fn msg_id_text(value: HeaderValue<'_>) -> Cow<'_, str> {
    header_text(value.unfolded(), value.fallback_charset())
}

/// The id at `start..end` of [`msg_id_text`], trimmed, control characters replaced:
/// borrowed from the field when the text is.
fn msg_id_at<'v>(text: &Cow<'v, str>, start: usize, end: usize) -> Cow<'v, str> {
    let id = match text {
        Cow::Borrowed(t) => Cow::Borrowed(t[start..end].trim()),
        Cow::Owned(t) => Cow::Owned(t[start..end].trim().to_owned()),
    };
    safe::replace_controls(id).0
}

/// What [`safe_addresses`] and the other readers do with what they find: nothing (the
/// accessors), or record defects at a field's offset ([`Part::field_defects`]).
pub(crate) enum Checks<'d> {
    Off,
    On { defects: &'d mut Vec<Defect>, at: usize },
}

impl Checks<'_> {
    pub(crate) fn report(&mut self, kind: DefectKind) {
        if let Checks::On { defects, at } = self
            && !defects.iter().any(|d| d.kind() == kind && d.offset() == *at)
        {
            defects.push(Defect::new(kind, *at));
        }
    }
}

/// One address field's list: display names, group names and comments RFC 2047 decoded,
/// and control characters in them and in local parts and domains replaced.
fn safe_addresses<'v>(value: HeaderValue<'v>, checks: &mut Checks<'_>) -> AddressList<'v> {
    // Most fields are one plain mailbox with nothing to decode: read without the rest.
    if let Checks::Off = checks
        && let Some(mailbox) = crate::parse::address::plain_decoded_mailbox(value.as_bytes())
    {
        let mut list = AddressList::new();
        list.push(mailbox);
        return list;
    }
    let unfolded = value.unfolded();
    // Raw 8-bit bytes read as the Subject reads them: in an encoded word with its
    // charset, elsewhere with the fallback (the address grammar works on text).
    let fallback = value.fallback_charset();
    let unfolded = match unfolded {
        Cow::Borrowed(b) => encoded_word::raw_to_utf8(b, fallback),
        Cow::Owned(v) => Cow::Owned(encoded_word::raw_to_utf8(&v, fallback).into_owned()),
    };
    let checking = matches!(checks, Checks::On { .. });
    if checking && crate::parse::address::comment_inside_domain(&unfolded).is_some() {
        checks.report(DefectKind::CommentInDomain);
    }
    // Local parts and domains are read from these bytes: without a control byte here,
    // they hold none.
    let raw_controls = safe::has_unsafe_control(&unfolded);
    let mut list = match unfolded {
        Cow::Borrowed(b) => parse_address_list(b),
        Cow::Owned(v) => parse_address_list(&v).into_owned(),
    };
    let controls = std::cell::Cell::new(false);
    let bidi = std::cell::Cell::new(false);
    list.decode_names(|name| {
        let mut issues = Vec::new();
        let decoded = encoded_word::decode_text_with_fallback(name.as_bytes(), fallback, &mut issues);
        if checking && safe::has_bidi_control(&decoded) {
            bidi.set(true);
        }
        let (text, replaced) = safe::replace_controls(decoded);
        controls.set(controls.get() || replaced);
        text
    });
    if (raw_controls && list.replace_spec_controls()) || controls.get() {
        checks.report(DefectKind::ControlCharacterInHeader);
    }
    if bidi.get() {
        checks.report(DefectKind::BidiControlInHeader);
    }
    list
}

/// The fields whose values are address lists.
const ADDRESS_FIELDS: [&str; 12] = [
    "from",
    "sender",
    "reply-to",
    "to",
    "cc",
    "bcc",
    "resent-from",
    "resent-sender",
    "resent-to",
    "resent-cc",
    "resent-bcc",
    "disposition-notification-to",
];

/// The fields whose values are message ids.
const MSG_ID_FIELDS: [&str; 5] =
    ["message-id", "content-id", "in-reply-to", "references", "resent-message-id"];

impl Part<'_> {
    /// What the typed accessors replaced or could read two ways in this part's header
    /// fields, each with the offset of its field in the parsed input:
    ///
    /// - [`DefectKind::ControlCharacterInHeader`]: a control character in a decoded
    ///   Subject, display name, group name, local part, domain, message id, Content-ID or
    ///   file name (the accessors give U+FFFD in its place);
    /// - [`DefectKind::BidiControlInHeader`]: a bidirectional override or isolate in a
    ///   display name or file name (kept in the value);
    /// - [`DefectKind::CommentInDomain`]: a comment between the atoms of a domain;
    /// - [`DefectKind::AmbiguousFilename`]: two `filename` (or two `name`) parameters, or
    ///   a `filename` and a `filename*` that disagree.
    ///
    /// Parsing does not decode header fields, so these are found here, on demand, and
    /// not in [`defects`](Self::defects).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{DefectKind, Message};
    ///
    /// let msg = Message::parse(b"From: =?utf-8?q?Boss=0D=0ABcc=3A_x=40evil?= <b@example.com>\r\n\r\n").unwrap();
    /// assert_eq!(msg.from().mailboxes().next().unwrap().name(), Some("Boss\u{fffd}\u{fffd}Bcc: x@evil"));
    /// let kinds: Vec<DefectKind> = msg.root().field_defects().iter().map(|d| d.kind()).collect();
    /// assert_eq!(kinds, [DefectKind::ControlCharacterInHeader]);
    /// ```
    pub fn field_defects(&self) -> Vec<Defect> {
        let mut defects = Vec::new();
        for field in self.headers.iter() {
            let at = self.field_offset(field.raw());
            let mut checks = Checks::On { defects: &mut defects, at };
            let name = field.name();
            if ADDRESS_FIELDS.iter().any(|f| name.is(f)) {
                safe_addresses(field.value(), &mut checks);
            } else if MSG_ID_FIELDS.iter().any(|f| name.is(f)) {
                if msg_id_text(field.value()).chars().any(safe::is_unsafe_control) {
                    checks.report(DefectKind::ControlCharacterInHeader);
                }
            } else if name.is("subject") {
                let (_, found) = field.value().decoded_with_defects();
                if found.iter().any(|d| d.kind() == DefectKind::ControlCharacterInHeader) {
                    checks.report(DefectKind::ControlCharacterInHeader);
                }
            }
        }
        self.filename_defects(&mut defects);
        defects.sort_by_key(Defect::offset);
        defects
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Message;

    /// Messages with the field `name` set to each of `values`, raw.
    fn with_field<'v>(name: &'v str, values: &'v [&'v [u8]]) -> impl Iterator<Item = Vec<u8>> + 'v {
        values.iter().map(move |value| [name.as_bytes(), b":", value, b"\r\n\r\n"].concat())
    }

    #[test]
    fn plain_unstructured_text_is_what_the_general_path_gives() {
        let values: [&[u8]; 16] = [
            b" Lunch on Friday",
            b"  \t leading white space and trailing \t ",
            b" an = sign, a ? mark, =? and ?= apart: = ?",
            b" =?utf-8?q?caf=C3=A9?=",
            b" almost =?utf-8?q?a word",
            b" =?",
            b" folded\r\n line",
            b" bare\rCR and bare\nLF",
            b" tab\tinside",
            b" nul\0 and del\x7f",
            b" \x0cform feed first",
            b" form feed\x0c inside",
            "  Grüße, naïve".as_bytes(),
            b" caf\xe9 in windows-1252",
            b"",
            b" ",
        ];
        for value in values {
            let raw = trim_leading(value);
            let general = decode_unstructured(raw, Charset::WINDOWS_1252);
            if let Some(fast) = encoded_word::undecoded(raw) {
                assert_eq!(
                    (Cow::Borrowed(fast), Vec::new()),
                    general,
                    "{:?}",
                    String::from_utf8_lossy(value)
                );
            }
            let msg_input = [&b"Subject:"[..], value, b"\r\n\r\n"].concat();
            let msg = Message::parse(&msg_input).unwrap();
            let subject = msg.headers().get("subject").unwrap();
            assert_eq!(
                subject.decoded_with_defects(),
                decode_unstructured(trim_leading(subject.as_bytes()), subject.fallback_charset())
            );
        }
        // The fast path takes the plain ones.
        assert_eq!(encoded_word::undecoded(b"Lunch on Friday"), Some("Lunch on Friday"));
        assert_eq!(encoded_word::undecoded("Grüße".as_bytes()), Some("Grüße"));
        assert_eq!(encoded_word::undecoded(b"a =?b"), None);
        assert_eq!(encoded_word::undecoded(b"a\r\n b"), None);
        assert_eq!(encoded_word::undecoded(b"caf\xe9"), None);
    }

    /// The addresses of `value` by the general path (checking turns the fast one off).
    fn general_addresses(value: HeaderValue<'_>) -> AddressList<'_> {
        safe_addresses(value, &mut Checks::On { defects: &mut Vec::new(), at: 0 })
    }

    fn assert_fast_addresses_agree(value: &[u8]) {
        let input = [&b"From:"[..], value, b"\r\n\r\n"].concat();
        let Ok(msg) = Message::parse(&input) else { return };
        let Some(field) = msg.headers().get("from") else { return };
        let (fast, general) = (msg.from(), general_addresses(field));
        assert_eq!(fast, general, "{:?}", String::from_utf8_lossy(value));
        let addresses =
            |list: &AddressList<'_>| list.mailboxes().map(|m| m.address().into_owned()).collect::<Vec<_>>();
        assert_eq!(addresses(&fast), addresses(&general), "{:?}", String::from_utf8_lossy(value));
    }

    #[test]
    fn plain_mailboxes_are_what_the_general_path_gives() {
        let values: [&[u8]; 40] = [
            b" aperson@dom.ain",
            b" bbb@ddd.com (John X. Doe)",
            b" Barry Warsaw <barry@python.org>",
            b" \"Allison Dunlap\" <xxx@example.com>",
            b" <foo@bar.baz>",
            b" MAILER DAEMON <>",
            b" foo",
            b" a@b (A (nested) comment)",
            b" a@b (one) (two)",
            b" a@b(tight)",
            b" a@b  (two spaces)",
            b" a@b ( padded )",
            b" a@b (=?utf-8?q?Jos=C3=A9?=)",
            b" =?utf-8?q?Jos=C3=A9?= <jose@example.com>",
            b" \"=?utf-8?q?Jos=C3=A9?=\" <jose@example.com>",
            b" \"Doe, \\\"JD\\\"\" <jd@example.com>",
            b" \"Doe, Jane\" <jane@example.com>",
            b" \" Spaced \" <s@example.com>",
            b" \"\" <empty@example.com>",
            b" Two  Spaces <t@example.com>",
            b" Dotted J. Name <d@example.com>",
            b" Name<tight@example.com>",
            b" Name <a@b> (after)",
            b" \"Quoted\" <a@b> (after)",
            b" john . doe @ example . com",
            b" a..b@example.com",
            b" .a@example.com",
            b" a@[192.0.2.1]",
            b" <@route.test:a@b.test>",
            b" a@b, c@d",
            b" a@b; c@d",
            b" Team: a@b, c@d;",
            b" undisclosed-recipients:;",
            b" Folded\r\n <folded@example.com>",
            b" folded@example.com\r\n (Comment)",
            b" \"Folded\r\n Name\" <f@example.com>",
            b" a@b (ctl\x01)",
            "  José <jose@example.com>".as_bytes(),
            b" Jos\xe9 <jose@example.com>",
            b" a@evil.test <b@good.test>",
        ];
        for value in values {
            assert_fast_addresses_agree(value);
        }
        // The fast path takes the common forms.
        for plain in [&b"a@b.c"[..], b"a@b.c (A. B)", b"Ann Lee <a@b.c>", b"\"Ann Lee\" <a@b.c>", b"<a@b.c>"]
        {
            assert!(crate::parse::address::plain_decoded_mailbox(plain).is_some(), "{plain:?}");
        }
        assert!(crate::parse::address::plain_decoded_mailbox(b"=?utf-8?q?x?= <a@b.c>").is_none());
    }

    proptest::proptest! {
        #[test]
        fn fast_addresses_agree_with_the_general_path(
            value in "[ab@. <>()\"\\,;:=?_\t\r\n\u{e9}\u{1}]{0,24}",
        ) {
            assert_fast_addresses_agree(value.as_bytes());
        }

        #[test]
        fn raw_dates_agree_with_the_unfolded_value(
            value in "[ \r\n]{0,2}(Tue,[ \r\n])?[ \r\n]?5 Mar 2024[ \r\n]14:30(:00)?[ \r\n][+-]0100[\r\n 5(a]{0,4}",
        ) {
            let input = [&b"Date:"[..], value.as_bytes(), b"\r\n\r\n"].concat();
            if let Ok(msg) = Message::parse(&input)
                && let Some(field) = msg.headers().get("date")
            {
                proptest::prop_assert_eq!(msg.date(), parse_date_time(&field.unfolded()));
            }
        }

        #[test]
        fn fast_addresses_agree_on_mailbox_like_text(
            name in "(\"?[A-Za-z=?. ]{0,8}\"? )?",
            local in "[a-z.]{0,5}",
            domain in "[a-z.]{0,5}",
            comment in "( ?\\([a-zA-Z=?. ()]{0,6}\\))?",
        ) {
            let value = if name.is_empty() {
                format!(" {local}@{domain}{comment}")
            } else {
                format!(" {name}<{local}@{domain}>{comment}")
            };
            assert_fast_addresses_agree(value.as_bytes());
        }
    }

    #[test]
    fn dates_read_raw_are_what_the_unfolded_value_gives() {
        let values: [&[u8]; 14] = [
            b" Tue, 5 Mar 2024 14:30:00 +0100",
            b" Tue, 5 Mar 2024 14:30:00 +0100 (CET)",
            b" Tue, 5 Mar 2024 14:30:00 +0100\r\n (CET)",
            b" Tue, 5 Mar 2024 14:30:00 +0100\r\n 5",
            b" Tue, 5 Mar 2024 14:30:00 +0100\r\n\t",
            b" Tue, 5 Mar 2024 14:30:00 +0100\r5",
            b" Tue, 5 Mar 2024 14:30:00 +0100\n\r\n 7",
            b" Tue, 5 Mar 2024 14:30:00 +01005",
            b" Tue,\r\n 5 Mar 2024 14:30:00 +0100",
            b" Tue, 5 Mar 2024\r\n 14:30:00 +0100",
            b"\r\n 5 Mar 2024 14:30:00 -0000",
            b" 5 Mar 2024 14:30 -0500",
            b" Fri Nov 21 09:55:06 1997",
            b" 21 Nov 97 09:55:06 GMT",
        ];
        for input in with_field("Date", &values) {
            let msg = Message::parse(&input).unwrap();
            let general = parse_date_time(&msg.headers().get("date").unwrap().unfolded());
            assert_eq!(msg.date(), general, "{:?}", String::from_utf8_lossy(&input));
        }
    }

    #[test]
    fn message_id_is_the_first_of_the_general_ids() {
        let values: [&[u8]; 12] = [
            b" <a@example.com>",
            b" <a@example.com> <b@example.com>",
            b"\r\n <folded@\r\n example.com>",
            b" (comment) < spaced@x >",
            b" bare@x  other@y",
            b" <unclosed@x",
            b" <ctl\x01@x>",
            b" <caf\xe9@x>",
            "  <café@x>".as_bytes(),
            b" ",
            b"",
            b" <>",
        ];
        for input in with_field("Message-ID", &values) {
            let msg = Message::parse(&input).unwrap();
            let general = msg_ids(msg.headers().get("message-id").unwrap()).into_iter().next();
            assert_eq!(msg.message_id(), general, "{:?}", String::from_utf8_lossy(&input));
        }
    }
}
