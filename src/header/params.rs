//! `Parameters`: the `name=value` list of Content-Type and Content-Disposition, with
//! RFC 2231 sections reassembled.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use crate::encoding::Charset;
use crate::encoding::rfc2231::{self, ParamPiece};
use crate::parse::params::RawParameter;

/// The parameters of a structured header field, in order.
///
/// Lookups are case-insensitive. RFC 2231 sections (`name*0`, `name*1*`, ...) are put in
/// order and joined, and `charset'language'` extended values are percent-decoded and
/// converted to text.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(
///     b"Content-Type: text/plain; CHARSET=\"utf-8\";\r\n title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*2=\"isn't it!\"\r\n\r\n",
/// ).unwrap();
/// let params = msg.content_type().parameters().clone();
/// assert_eq!(params.get("charset").as_deref(), Some("utf-8"));
/// assert_eq!(params.get("Title").as_deref(), Some("This is even more ***fun*** isn't it!"));
/// ```
#[derive(Clone, Default)]
pub struct Parameters<'a> {
    /// The parameter text as written (`; name=value; ...`), parsed on each lookup: most
    /// callers ask for one parameter, and this keeps `content_type()` free of allocation.
    source: Cow<'a, [u8]>,
    /// The charset of values that name none, as a [`Charset::code`]: the part's.
    fallback: u8,
}

/// Lists are equal when their parameter text is: the fallback charset is how a reader
/// reads 8-bit values, not part of the list.
impl PartialEq for Parameters<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Parameters<'_> {}

impl<'a> Parameters<'a> {
    pub(crate) fn from_source(source: &'a [u8]) -> Self {
        Parameters { source: Cow::Borrowed(source), fallback: 0 }
    }

    /// The list over `source` whose values that name no charset are read in the charset
    /// `fallback` codes (a part's, [`HeaderMap::fallback`](crate::HeaderMap)).
    pub(crate) fn with_fallback(source: &'a [u8], fallback: u8) -> Self {
        Parameters { source: Cow::Borrowed(source), fallback }
    }

    fn fallback(&self) -> Charset {
        Charset::from_code(self.fallback)
    }

    /// The parameter text as written.
    pub(crate) fn source(&self) -> &[u8] {
        &self.source
    }

    fn list(&self) -> Vec<RawParameter<'_>> {
        crate::parse::params::parameters(&self.source)
    }

    /// Whether there are no parameters.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(b"Content-Type: text/plain\r\n\r\n")?;
    /// assert!(msg.content_type().parameters().is_empty());
    /// let msg = Message::parse(b"Content-Type: text/plain; format=flowed\r\n\r\n")?;
    /// assert!(!msg.content_type().parameters().is_empty());
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        crate::parse::params::each_parameter(&self.source).next().is_none()
    }

    /// The value of parameter `name` (ASCII case ignored), RFC 2231 sections joined and
    /// decoded. When both a plain and an RFC 2231 form are present the RFC 2231 form wins.
    /// A plain value that holds RFC 2047 encoded words (illegal, but common in `name=` and
    /// `filename=`) is decoded too; 8-bit bytes are read as UTF-8, else in the fallback
    /// charset (windows-1252 unless the message was parsed with another
    /// [`ParseOptions::fallback_charset`](crate::ParseOptions::fallback_charset)).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: application/octet-stream; name=\"=?utf-8?q?r=C3=A9sum=C3=A9.pdf?=\"\r\n\
    ///       Content-Disposition: attachment; filename=plain.pdf; filename*=utf-8''r%C3%A9sum%C3%A9.pdf\r\n\r\n",
    /// )?;
    /// // RFC 2047 inside a quoted value: not allowed, but common, and decoded.
    /// assert_eq!(msg.content_type().parameters().get("NAME").as_deref(), Some("résumé.pdf"));
    /// // The RFC 2231 form wins over the plain one.
    /// let disposition = msg.content_disposition().unwrap();
    /// assert_eq!(disposition.parameters().get("filename").as_deref(), Some("résumé.pdf"));
    /// assert_eq!(disposition.parameters().get("size"), None);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<Cow<'_, str>> {
        use crate::parse::params::{Lookup, find_parameter};
        // The lookup without a list compares bytes, but a name with 8-bit bytes that are
        // not UTF-8 is only known as text (U+FFFD for each bad byte, as `iter` gives it):
        // such names are matched in the list.
        let lookup = if name.is_ascii() { find_parameter(&self.source, name) } else { Lookup::Complex };
        match lookup {
            Lookup::Missing => None,
            Lookup::Plain(value) => Some(plain_text(value, self.fallback())),
            Lookup::Complex => {
                let list = self.list();
                let pieces: Vec<&RawParameter<'_>> = list.iter().filter(|p| p.is_named(name)).collect();
                collapse(&pieces, self.fallback())
            }
        }
    }

    /// Whether `name` can be read two ways: it occurs twice as a plain parameter, an RFC
    /// 2231 section occurs twice, or a plain value and an RFC 2231 value disagree.
    /// [`get`](Self::get) takes the first plain value, or the RFC 2231 value when there
    /// is one (RFC 2231 §4 lets it replace the plain one).
    pub(crate) fn is_ambiguous(&self, name: &str) -> bool {
        use crate::parse::params::{Lookup, find_parameter};
        if !matches!(find_parameter(&self.source, name), Lookup::Complex) {
            return false;
        }
        let list = self.list();
        let pieces: Vec<&RawParameter<'_>> = list.iter().filter(|p| p.is_named(name)).collect();
        let (plain, sections): (Vec<_>, Vec<_>) = pieces.iter().partition(|p| p.is_plain());
        if plain.len() > 1 {
            return true;
        }
        let mut numbers: Vec<Option<u32>> = sections.iter().map(|p: &&RawParameter<'_>| p.section).collect();
        numbers.sort_unstable();
        if numbers.windows(2).any(|w| w[0] == w[1]) {
            return true;
        }
        match plain.first() {
            Some(first) if !sections.is_empty() => {
                Some(plain_text(first.value.clone(), self.fallback())) != collapse(&sections, self.fallback())
            }
            _ => false,
        }
    }

    /// Every parameter once, by lowercased name in order of first appearance, with its
    /// value as [`get`](Self::get) gives it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::Message;
    ///
    /// let msg = Message::parse(
    ///     b"Content-Type: text/plain; Charset=utf-8;\r\n title*0=\"Part \"; title*1=one; charset=latin1\r\n\r\n",
    /// )?;
    /// let params: Vec<(String, String)> =
    ///     msg.content_type().parameters().iter().map(|(name, value)| (name, value.into_owned())).collect();
    /// // Each name once, lowercased, its sections joined, the first plain value kept.
    /// assert_eq!(params, [("charset".into(), "utf-8".into()), ("title".into(), "Part one".into())]);
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (String, Cow<'_, str>)> + '_ {
        let list = self.list();
        let mut order: Vec<String> = Vec::new();
        let mut groups: HashMap<String, Vec<&RawParameter<'_>>> = HashMap::new();
        for p in &list {
            let key = p.name.to_ascii_lowercase();
            groups
                .entry(key)
                .or_insert_with_key(|k| {
                    order.push(k.clone());
                    Vec::new()
                })
                .push(p);
        }
        let pairs: Vec<(String, Cow<'_, str>)> = order
            .into_iter()
            .filter_map(|k| collapse(&groups[&k], self.fallback()).map(|v| (k, v)))
            .collect();
        pairs.into_iter()
    }

    /// This list with no borrow of the input.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::{Message, Parameters};
    ///
    /// let params: Parameters<'static> = {
    ///     let input = b"Content-Type: text/plain; charset=utf-8\r\n\r\n".to_vec();
    ///     let msg = Message::parse(&input)?;
    ///     msg.content_type().parameters().clone().into_owned()
    /// };
    /// assert_eq!(params.get("charset").as_deref(), Some("utf-8"));
    /// # Ok::<(), mailmime::Error>(())
    /// ```
    pub fn into_owned(self) -> Parameters<'static> {
        Parameters { source: Cow::Owned(self.source.into_owned()), fallback: self.fallback }
    }
}

/// Each parameter once, name to decoded value, as [`iter`](Parameters::iter) gives them:
/// `{"charset": "utf-8", "filename": "résumé.pdf"}`.
///
/// # Examples
///
/// ```
/// use mailmime::Message;
///
/// let msg = Message::parse(b"Content-Type: text/plain; Charset=utf-8; name*=utf-8''%C3%A9t%C3%A9.txt\r\n\r\n").unwrap();
/// let params = msg.content_type().parameters().clone();
/// assert_eq!(format!("{params:?}"), r#"{"charset": "utf-8", "name": "été.txt"}"#);
/// ```
impl fmt::Debug for Parameters<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A plain (not RFC 2231) value as text: borrowed when it is UTF-8 with no encoded word.
fn plain_text(value: Cow<'_, [u8]>, fallback: Charset) -> Cow<'_, str> {
    if let Cow::Borrowed(b) = value
        && let Ok(text) = std::str::from_utf8(b)
        && !text.contains("=?")
    {
        return Cow::Borrowed(text);
    }
    let mut issues = Vec::new();
    let mut one = [ParamPiece { section: None, extended: false, value }];
    Cow::Owned(rfc2231::decode_param_with_fallback(&mut one, fallback, &mut issues))
}

fn collapse<'s>(pieces: &[&RawParameter<'s>], fallback: Charset) -> Option<Cow<'s, str>> {
    let rfc2231: Vec<&RawParameter<'s>> = pieces.iter().copied().filter(|p| !p.is_plain()).collect();
    if rfc2231.is_empty() {
        return pieces.first().map(|p| plain_text(p.value.clone(), fallback));
    }
    let mut issues = Vec::new();
    let mut sections: Vec<ParamPiece<'_>> = rfc2231
        .iter()
        .map(|p| ParamPiece { section: p.section, extended: p.extended, value: Cow::Borrowed(&p.value) })
        .collect();
    Some(Cow::Owned(rfc2231::decode_param_with_fallback(&mut sections, fallback, &mut issues)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(input: &[u8]) -> Parameters<'_> {
        Parameters::from_source(input)
    }

    #[test]
    fn sections_are_joined_in_section_order() {
        let p = params(b"; b*1=\"def\"; b*0=\"abc\"; b*2=ghi");
        assert_eq!(p.get("b").as_deref(), Some("abcdefghi"));
    }

    #[test]
    fn octets_are_joined_before_charset_decoding() {
        // "é" is C3 A9 in UTF-8, split across two sections.
        let p = params(b"; filename*0*=utf-8''caf%C3; filename*1*=%A9.txt");
        assert_eq!(p.get("filename").as_deref(), Some("café.txt"));
    }

    #[test]
    fn extended_value_uses_its_charset() {
        let p = params(b"; name*=iso-8859-1'fr'%E9t%E9");
        assert_eq!(p.get("name").as_deref(), Some("été"));
    }

    #[test]
    fn bad_percent_escapes_are_kept() {
        let p = params(b"; name*=utf-8''100%zz%4");
        assert_eq!(p.get("name").as_deref(), Some("100%zz%4"));
    }

    #[test]
    fn iter_gives_each_name_once_lowercased() {
        let p = params(b"; Charset=utf-8; NAME*0=a; name*1=b; format=flowed");
        let all: Vec<(String, String)> = p.iter().map(|(k, v)| (k, v.into_owned())).collect();
        assert_eq!(
            all,
            [
                ("charset".to_string(), "utf-8".to_string()),
                ("name".to_string(), "ab".to_string()),
                ("format".to_string(), "flowed".to_string())
            ]
        );
    }

    #[test]
    fn encoded_words_in_a_quoted_value_are_decoded() {
        let p = params(b"; filename=\"=?utf-8?B?w6l0w6kucGRm?=\"");
        assert_eq!(p.get("filename").as_deref(), Some("été.pdf"));
    }

    #[test]
    fn every_name_iter_gives_is_found_by_get() {
        // Found by the `walk` fuzz target: a name with a byte that is not UTF-8.
        let p = params(b"; \xfeoundary=\"inner\"; caf\xc3\xa9=1");
        let all: Vec<(String, String)> = p.iter().map(|(k, v)| (k, v.into_owned())).collect();
        assert_eq!(
            all,
            [
                ("\u{fffd}oundary".to_string(), "inner".to_string()),
                ("caf\u{e9}".to_string(), "1".to_string())
            ]
        );
        assert_eq!(p.get("\u{fffd}oundary").as_deref(), Some("inner"));
        assert_eq!(p.get("\u{fffd}OUNDARY").as_deref(), Some("inner"));
        assert_eq!(p.get("CAF\u{e9}").as_deref(), Some("1"));
        assert_eq!(p.get("boundary"), None);
    }

    #[test]
    fn eight_bit_values_read_in_the_fallback_charset() {
        let koi8 = Charset::for_label(b"koi8-r").unwrap().code();
        let p = Parameters::with_fallback(
            b"; name=\"\xf0\xc5\xd4\xd2\"; a*=x-unknown''%F0; b*=utf-8''%C3%A9",
            koi8,
        );
        assert_eq!(p.get("name").as_deref(), Some("Петр"));
        assert_eq!(p.get("a").as_deref(), Some("П"));
        assert_eq!(p.get("b").as_deref(), Some("é"));
        let all: Vec<String> = p.iter().map(|(_, v)| v.into_owned()).collect();
        assert_eq!(all, ["Петр", "П", "é"]);
        assert_eq!(p.clone().into_owned().get("name").as_deref(), Some("Петр"));
        // The fallback is how the list reads, not what it holds.
        assert_eq!(
            p,
            Parameters::from_source(b"; name=\"\xf0\xc5\xd4\xd2\"; a*=x-unknown''%F0; b*=utf-8''%C3%A9")
        );
    }

    #[test]
    fn eight_bit_value_falls_back_to_windows_1252() {
        let p = params(b"; name=\"caf\xe9\"");
        assert_eq!(p.get("name").as_deref(), Some("café"));
    }
}
