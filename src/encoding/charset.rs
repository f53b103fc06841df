//! Charsets: label lookup, decoding to UTF-8 and encoding from it.
//!
//! Built on `encoding_rs` (the WHATWG Encoding Standard) with mail-specific
//! changes:
//!
//! * **US-ASCII is strict.** WHATWG maps `us-ascii`/`ascii`/`ansi_x3.4-1968`
//!   to windows-1252; here they (and the other IANA US-ASCII aliases) decode
//!   bytes >= 0x80 to U+FFFD with [`IssueKind::MalformedCharacter`].
//! * **UTF-7** (`utf-7`, `unicode-1-1-utf-7`, code page 65000) uses
//!   [`utf7`].
//! * **`utf-16`/`ucs-2`/`unicode`** (no byte order in the label) honour a
//!   BOM; without one the byte order is guessed from where the zero bytes
//!   are, big-endian on a tie (RFC 2781 §4.3). `utf-16le`/`utf-16be` are
//!   taken literally.
//! * **`x-unknown`, `unknown-8bit`, `unknown`, `x-user-defined`** (what mail
//!   software writes when it did not know the charset) decode as UTF-8 when
//!   the bytes are valid UTF-8, else as windows-1252, without an issue; where
//!   a fallback charset is given ([`decode_with_fallback`], the encoded-word
//!   and RFC 2231 `*_with_fallback` decoders), in that one instead. (The
//!   WHATWG `x-user-defined` decoder maps high bytes to the Private Use Area,
//!   which is never what such mail meant.) [`Charset::name`] is `x-unknown`.
//! * Labels WHATWG maps to its "replacement" decoder (`iso-2022-kr`,
//!   `iso-2022-cn`, `hz-gb-2312`...) are *not recognised* (`None`), so a
//!   caller falls back instead of getting a single U+FFFD.
//! * Many spellings WHATWG lacks are accepted: `iso8859_1`, `8859-1`,
//!   `latin-1`, `windows1252`, `win-1251`, Windows code page numbers (`cp936`,
//!   `cp932`, `cp949`, `ms949`, `cp65001`, `cp20866`, `cp28592`...),
//!   `ks_c_5601`, `shiftjis`, `euc_jp`, `iso-2022-jp-1/2/3` (decoded as
//!   ISO-2022-JP), `x-mac-roman`; `x-mac-japanese`, `x-mac-chinesetrad`,
//!   `x-mac-chinesesimp` and `x-mac-korean` are approximated by Shift_JIS,
//!   Big5, GBK and EUC-KR.
//! * ISO-8859-1 is decoded as windows-1252 (its superset, as WHATWG and every
//!   mail client do), so its [`name`](Charset::name) is `windows-1252`.
//!
//! **BOM:** decoding never lets a BOM switch the charset. A leading UTF-8 BOM
//! is stripped when decoding a body as UTF-8 (it is never content in mail);
//! other charsets keep a leading U+FEFF as is, except the byte-order-less UTF-16
//! labels, where the BOM selects the byte order and is stripped. Header text
//! (encoded words, RFC 2231 parameter values) declares its charset in place and
//! is no byte stream a BOM could mark, so its decoders keep a leading U+FEFF as
//! the character it is: what the encoders write then reads back exactly.
//!
//! **Unmappable characters on encode** become `?` ([`Charset::encode`]);
//! [`Charset::try_encode`] returns `None` instead.
//!
//! # Examples
//!
//! ```
//! use mailmime::encoding::Charset;
//!
//! let mut issues = Vec::new();
//! let shift_jis = Charset::for_label(b"Shift_JIS").unwrap();
//! assert_eq!(shift_jis.decode(b"\x93\xfa\x96\x7b", &mut issues), "日本");
//! // Mail's spellings, not only the registry's.
//! assert_eq!(Charset::for_label(b"cp932"), Some(shift_jis));
//! assert_eq!(Charset::for_label(b"latin-1").unwrap().name(), "windows-1252");
//! // Encoding back, with `?` for what the charset cannot hold.
//! assert_eq!(&*Charset::WINDOWS_1252.encode("café ☕"), b"caf\xe9 ?");
//! assert!(issues.is_empty());
//! ```

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use encoding_rs::{DecoderResult, EncoderResult, Encoding};

use super::report::{Issue, IssueKind, Reporter};
use super::utf7;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Inner {
    Enc(&'static Encoding),
    Ascii,
    Utf7,
    /// UTF-16 with the byte order from a BOM or guessed.
    Utf16,
    /// `x-unknown` and friends: UTF-8 if valid, else windows-1252.
    Unknown8bit,
}

/// A character set usable to decode bytes to text and encode text to bytes.
///
/// Small and `Copy`; obtain one from a label with [`Charset::for_label`] or
/// use a constant such as [`Charset::UTF_8`].
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::Charset;
///
/// let cs = Charset::for_label(b" \"ISO-8859-15\" ").unwrap();
/// assert_eq!(cs.name(), "ISO-8859-15");
/// let mut issues = Vec::new();
/// assert_eq!(cs.decode(b"\xa4uro", &mut issues), "€uro");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Charset(Inner);

impl fmt::Debug for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Charset({})", self.name())
    }
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Longest label we look at (longer ones are not charset names).
const MAX_LABEL: usize = 48;

/// Labels that must not go to WHATWG lookup (keys are squashed: lowercase,
/// without `-`, `_`, `.`, `:`, space).
const OVERRIDES: &[(&str, Inner)] = &[
    ("usascii", Inner::Ascii),
    ("ascii", Inner::Ascii),
    ("ansix341968", Inner::Ascii),
    ("ansix341986", Inner::Ascii),
    ("isoir6", Inner::Ascii),
    ("iso646irv", Inner::Ascii),
    ("iso646us", Inner::Ascii),
    ("us", Inner::Ascii),
    ("ibm367", Inner::Ascii),
    ("cp367", Inner::Ascii),
    ("csascii", Inner::Ascii),
    ("646", Inner::Ascii),
    ("xascii", Inner::Ascii),
    ("utf7", Inner::Utf7),
    ("unicode11utf7", Inner::Utf7),
    ("csunicode11utf7", Inner::Utf7),
    ("xunicode20utf7", Inner::Utf7),
    ("utf16", Inner::Utf16),
    ("ucs2", Inner::Utf16),
    ("unicode", Inner::Utf16),
    ("csunicode", Inner::Utf16),
    ("iso10646ucs2", Inner::Utf16),
    ("xunknown", Inner::Unknown8bit),
    ("unknown", Inner::Unknown8bit),
    ("unknown8bit", Inner::Unknown8bit),
    ("xuserdefined", Inner::Unknown8bit),
];

/// Extra aliases tried after WHATWG lookup failed (squashed keys) mapped to a
/// WHATWG label.
const ALIASES: &[(&str, &str)] = &[
    ("utf8", "utf-8"),
    ("xutf8", "utf-8"),
    ("unicode20utf8", "utf-8"),
    ("utf16le", "utf-16le"),
    ("utf16be", "utf-16be"),
    ("latin0", "iso-8859-15"),
    ("latin1", "windows-1252"),
    ("latin2", "iso-8859-2"),
    ("latin3", "iso-8859-3"),
    ("latin4", "iso-8859-4"),
    ("latin5", "windows-1254"),
    ("latin6", "iso-8859-10"),
    ("latin7", "iso-8859-13"),
    ("latin8", "iso-8859-14"),
    ("latin9", "iso-8859-15"),
    ("latin10", "iso-8859-16"),
    ("isolatin1", "windows-1252"),
    ("isolatin2", "iso-8859-2"),
    ("isolatin9", "iso-8859-15"),
    ("ksc56011987", "euc-kr"),
    ("ksc56011989", "euc-kr"),
    ("ksc56011992", "euc-kr"),
    ("ksc5601", "euc-kr"),
    ("euckr", "euc-kr"),
    ("xeuckr", "euc-kr"),
    ("uhc", "euc-kr"),
    ("xwindows949", "euc-kr"),
    ("xmackorean", "euc-kr"),
    ("shiftjis", "shift_jis"),
    ("xshiftjis", "shift_jis"),
    ("sjis", "shift_jis"),
    ("xsjis", "shift_jis"),
    ("mskanji", "shift_jis"),
    ("windows31j", "shift_jis"),
    ("csshiftjis", "shift_jis"),
    ("shiftjisx0213", "shift_jis"),
    ("xmacjapanese", "shift_jis"),
    ("eucjp", "euc-jp"),
    ("xeucjp", "euc-jp"),
    ("ujis", "euc-jp"),
    ("iso2022jp", "iso-2022-jp"),
    ("iso2022jp1", "iso-2022-jp"),
    ("iso2022jp2", "iso-2022-jp"),
    ("iso2022jp3", "iso-2022-jp"),
    ("csiso2022jp", "iso-2022-jp"),
    ("csiso2022jp2", "iso-2022-jp"),
    ("jis", "iso-2022-jp"),
    ("gb2312", "gbk"),
    ("gb231280", "gbk"),
    ("gb23121980", "gbk"),
    ("euccn", "gbk"),
    ("xeuccn", "gbk"),
    ("gbk", "gbk"),
    ("xgbk", "gbk"),
    ("xmacchinesesimp", "gbk"),
    ("gb18030", "gb18030"),
    ("big5", "big5"),
    ("big5hkscs", "big5"),
    ("xbig5", "big5"),
    ("cnbig5", "big5"),
    ("xxbig5", "big5"),
    ("xmacchinesetrad", "big5"),
    ("koi8r", "koi8-r"),
    ("koi8u", "koi8-u"),
    ("koi8ru", "koi8-u"),
    ("tis620", "windows-874"),
    ("macroman", "macintosh"),
    ("xmacroman", "macintosh"),
    ("maccyrillic", "x-mac-cyrillic"),
    ("xmacukrainian", "x-mac-cyrillic"),
    ("ibm866", "ibm866"),
    ("dos866", "ibm866"),
    ("iso88598i", "iso-8859-8-i"),
];

/// The labels almost every message uses, with what [`Charset::lookup`] gives them (a
/// test checks it), so that they need no lookup.
const COMMON_LABELS: [(&[u8], Charset); 4] = [
    (b"utf-8", Charset::UTF_8),
    (b"us-ascii", Charset::US_ASCII),
    (b"iso-8859-1", Charset::WINDOWS_1252),
    (b"windows-1252", Charset::WINDOWS_1252),
];

/// Windows / IBM code page numbers.
fn code_page(n: u32) -> Option<Inner> {
    let label: &str = match n {
        1250 => "windows-1250",
        1251 => "windows-1251",
        1252 => "windows-1252",
        1253 => "windows-1253",
        1254 => "windows-1254",
        1255 => "windows-1255",
        1256 => "windows-1256",
        1257 => "windows-1257",
        1258 => "windows-1258",
        874 => "windows-874",
        932 | 943 => "shift_jis",
        936 => "gbk",
        949 | 51949 => "euc-kr",
        950 => "big5",
        866 => "ibm866",
        819 | 28591 => "windows-1252",
        20866 => "koi8-r",
        21866 => "koi8-u",
        28592..=28599 => {
            return Encoding::for_label(format!("iso-8859-{}", n - 28590).as_bytes()).map(Inner::Enc);
        }
        28603 => "iso-8859-13",
        28605 => "iso-8859-15",
        65001 => "utf-8",
        65000 => return Some(Inner::Utf7),
        20127 | 367 => return Some(Inner::Ascii),
        50220..=50222 => "iso-2022-jp",
        51932 | 20932 => "euc-jp",
        54936 => "gb18030",
        1200 => "utf-16le",
        1201 => "utf-16be",
        10000 => "macintosh",
        10007 => "x-mac-cyrillic",
        _ => return None,
    };
    Encoding::for_label(label.as_bytes()).map(Inner::Enc)
}

fn parse_digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u32, |a, &d| Some(a * 10 + u32::from(d - b'0')))
}

impl Charset {
    /// UTF-8.
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::encoding::Charset;
    ///
    /// let mut issues = Vec::new();
    /// assert_eq!(Charset::UTF_8.decode("naïve".as_bytes(), &mut issues), "naïve");
    /// assert_eq!(Charset::for_label(b"UTF8"), Some(Charset::UTF_8));
    /// assert!(Charset::UTF_8.is_utf8());
    /// ```
    pub const UTF_8: Charset = Charset(Inner::Enc(&encoding_rs::UTF_8_INIT));
    /// Strict US-ASCII (bytes >= 0x80 are malformed).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::encoding::{Charset, IssueKind};
    ///
    /// let mut issues = Vec::new();
    /// assert_eq!(Charset::US_ASCII.decode(b"caf\xe9", &mut issues), "caf\u{fffd}");
    /// assert_eq!(issues[0].kind, IssueKind::MalformedCharacter);
    /// assert_eq!(Charset::US_ASCII.try_encode("café"), None);
    /// ```
    pub const US_ASCII: Charset = Charset(Inner::Ascii);
    /// windows-1252 (also used for ISO-8859-1).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::encoding::Charset;
    ///
    /// let mut issues = Vec::new();
    /// // 0x80 is the euro sign in windows-1252, a C1 control in ISO-8859-1.
    /// assert_eq!(Charset::WINDOWS_1252.decode(b"\x80 10", &mut issues), "€ 10");
    /// assert_eq!(Charset::for_label(b"iso-8859-1"), Some(Charset::WINDOWS_1252));
    /// ```
    pub const WINDOWS_1252: Charset = Charset(Inner::Enc(&encoding_rs::WINDOWS_1252_INIT));
    /// UTF-7 (RFC 2152).
    ///
    /// # Examples
    ///
    /// ```
    /// use mailmime::encoding::Charset;
    ///
    /// let mut issues = Vec::new();
    /// assert_eq!(Charset::UTF_7.decode(b"Hi Mom -+Jjo--!", &mut issues), "Hi Mom -☺-!");
    /// assert_eq!(&*Charset::UTF_7.encode("1 + 1 = 2"), b"1 +- 1 = 2");
    /// ```
    pub const UTF_7: Charset = Charset(Inner::Utf7);

    /// This charset as one byte, for the tree's compact fields: its position in [`CODES`]
    /// (windows-1252, the default fallback, is 0).
    pub(crate) fn code(self) -> u8 {
        CODES.iter().position(|&c| c == self).and_then(|at| u8::try_from(at).ok()).unwrap_or(0)
    }

    /// The charset [`code`](Self::code) gave `code`; windows-1252 for a code no charset has.
    pub(crate) fn from_code(code: u8) -> Charset {
        CODES.get(usize::from(code)).copied().unwrap_or(Charset::WINDOWS_1252)
    }

    /// Whether this is `x-unknown` and its aliases (`unknown-8bit`, ...): the sender did not
    /// know the charset, so the reader's fallback applies to bytes that are not UTF-8.
    pub(crate) fn is_unknown(&self) -> bool {
        self.0 == Inner::Unknown8bit
    }

    /// Look up a charset label as found in mail (`charset=` parameters,
    /// encoded words, RFC 2231 values).
    ///
    /// Surrounding whitespace and quotes are ignored and case does not
    /// matter. Every WHATWG label `encoding_rs` knows is accepted (except
    /// those mapped to its "replacement" decoder, and the ASCII/UTF-16 labels
    /// which are handled as described in the [module docs](self)), plus many
    /// aliases real mail uses. Returns `None` for unknown labels.
    ///
    /// # Example
    ///
    /// ```rust
    /// use mailmime::encoding::Charset;
    ///
    /// assert_eq!(Charset::for_label(b"cp1252"), Some(Charset::WINDOWS_1252));
    /// assert_eq!(Charset::for_label(b"US-ASCII"), Some(Charset::US_ASCII));
    /// assert_eq!(Charset::for_label(b"ks_c_5601").unwrap().name(), "EUC-KR");
    /// assert_eq!(Charset::for_label(b"no-such-charset"), None);
    /// ```
    pub fn for_label(label: &[u8]) -> Option<Charset> {
        // As written (most mail writes them lowercase), then in any case.
        let common = COMMON_LABELS.iter().find(|(common, _)| *common == label);
        if let Some(&(_, charset)) =
            common.or_else(|| COMMON_LABELS.iter().find(|(common, _)| common.eq_ignore_ascii_case(label)))
        {
            return Some(charset);
        }
        Charset::lookup(label)
    }

    /// [`for_label`](Self::for_label) without the table of common labels.
    fn lookup(label: &[u8]) -> Option<Charset> {
        let label = label.trim_ascii();
        let label = label.strip_prefix(b"\"").unwrap_or(label);
        let label = label.strip_suffix(b"\"").unwrap_or(label);
        let label = label.strip_prefix(b"'").unwrap_or(label);
        let label = label.strip_suffix(b"'").unwrap_or(label);
        let label = label.trim_ascii();
        if label.is_empty() || label.len() > MAX_LABEL {
            return None;
        }
        let mut sq = [0u8; MAX_LABEL];
        let mut sl = 0;
        for &b in label {
            if !matches!(b, b'-' | b'_' | b'.' | b':' | b' ') {
                sq[sl] = b.to_ascii_lowercase();
                sl += 1;
            }
        }
        let squashed = &sq[..sl];
        if let Some((_, inner)) = OVERRIDES.iter().find(|(k, _)| k.as_bytes() == squashed) {
            return Some(Charset(*inner));
        }
        if let Some(e) = Encoding::for_label_no_replacement(label) {
            return Some(Charset(Inner::Enc(e)));
        }
        if let Some((_, target)) = ALIASES.iter().find(|(k, _)| k.as_bytes() == squashed) {
            return Encoding::for_label(target.as_bytes()).map(|e| Charset(Inner::Enc(e)));
        }
        // ISO-8859-N spellings: iso8859-1, iso_8859_1, 8859-1, iso-8859-1:1987 ...
        let no_year = match label.iter().position(|&b| b == b':') {
            Some(p) => &label[..p],
            None => label,
        };
        let mut sq2 = [0u8; MAX_LABEL];
        let mut sl2 = 0;
        for &b in no_year {
            if !matches!(b, b'-' | b'_' | b'.' | b' ') {
                sq2[sl2] = b.to_ascii_lowercase();
                sl2 += 1;
            }
        }
        let s2 = &sq2[..sl2];
        let s2 = s2.strip_prefix(b"iso").unwrap_or(s2);
        if let Some(num) = s2.strip_prefix(b"8859").and_then(parse_digits) {
            let name = format!("iso-8859-{num}");
            return Encoding::for_label_no_replacement(name.as_bytes()).map(|e| Charset(Inner::Enc(e)));
        }
        // Code page numbers: cp1252, windows1252, win-1251, ms936, ibm866, x-cp50220, 1252...
        for prefix in [&b"xwindows"[..], b"windows", b"win", b"xcp", b"cp", b"ms", b"ibm", b""] {
            if let Some(num) = squashed.strip_prefix(prefix).and_then(parse_digits) {
                return code_page(num).map(Charset);
            }
        }
        None
    }

    /// The canonical name of this charset, suitable for a `charset=`
    /// parameter (for example `UTF-8`, `windows-1252`, `US-ASCII`, `UTF-7`).
    ///
    /// # Example
    ///
    /// ```rust
    /// use mailmime::encoding::Charset;
    ///
    /// assert_eq!(Charset::for_label(b"latin1").unwrap().name(), "windows-1252");
    /// assert_eq!(Charset::for_label(b"x-unknown").unwrap().name(), "x-unknown");
    /// ```
    pub fn name(&self) -> &'static str {
        match self.0 {
            Inner::Enc(e) => e.name(),
            Inner::Ascii => "US-ASCII",
            Inner::Utf7 => "UTF-7",
            Inner::Utf16 => "UTF-16",
            Inner::Unknown8bit => "x-unknown",
        }
    }

    /// Whether this is UTF-8.
    ///
    /// # Example
    ///
    /// ```rust
    /// use mailmime::encoding::Charset;
    ///
    /// assert!(Charset::for_label(b"utf8").unwrap().is_utf8());
    /// ```
    pub fn is_utf8(&self) -> bool {
        self.0 == Inner::Enc(encoding_rs::UTF_8)
    }

    /// Whether ASCII bytes always mean ASCII characters in this charset (and
    /// ASCII text encodes to the same bytes). False for UTF-7, UTF-16 and
    /// ISO-2022-JP.
    ///
    /// # Example
    ///
    /// ```rust
    /// use mailmime::encoding::Charset;
    ///
    /// assert!(Charset::WINDOWS_1252.is_ascii_compatible());
    /// assert!(!Charset::UTF_7.is_ascii_compatible());
    /// ```
    pub fn is_ascii_compatible(&self) -> bool {
        match self.0 {
            Inner::Enc(e) => e.is_ascii_compatible(),
            Inner::Ascii | Inner::Unknown8bit => true,
            Inner::Utf7 | Inner::Utf16 => false,
        }
    }

    /// Decode `bytes` to text.
    ///
    /// Bytes that are invalid in the charset become U+FFFD and one
    /// [`IssueKind::MalformedCharacter`] is recorded at the offset of the first
    /// bad byte. Returns [`Cow::Borrowed`] (no allocation) for valid UTF-8
    /// under UTF-8 and for pure ASCII under any ASCII-compatible charset.
    ///
    /// # Example
    ///
    /// ```rust
    /// use std::borrow::Cow;
    /// use mailmime::encoding::{Charset, IssueKind};
    ///
    /// let mut issues = Vec::new();
    /// assert!(matches!(Charset::UTF_8.decode(b"plain", &mut issues), Cow::Borrowed("plain")));
    /// assert_eq!(Charset::UTF_8.decode(b"a\xffb", &mut issues), "a\u{FFFD}b");
    /// assert_eq!(issues[0].kind, IssueKind::MalformedCharacter);
    /// assert_eq!(issues[0].offset, 1);
    /// ```
    pub fn decode<'a>(&self, bytes: &'a [u8], issues: &mut Vec<Issue>) -> Cow<'a, str> {
        self.decode_with(bytes, &mut Reporter::new(issues))
    }

    #[inline]
    pub(crate) fn decode_with<'a>(&self, bytes: &'a [u8], rep: &mut Reporter<'_>) -> Cow<'a, str> {
        match self.0 {
            Inner::Enc(e) if e == encoding_rs::UTF_8 => decode_utf8(bytes, rep),
            Inner::Enc(e) => decode_encoding(e, bytes, rep),
            Inner::Ascii => decode_ascii(bytes, rep),
            Inner::Utf7 => utf7::decode_with(bytes, rep),
            Inner::Utf16 => decode_utf16_auto(bytes, rep),
            Inner::Unknown8bit => match utf8_str(bytes) {
                Some(s) => Cow::Borrowed(strip_bom(s)),
                None => decode_encoding(encoding_rs::WINDOWS_1252, bytes, rep),
            },
        }
    }

    /// [`decode_with`](Self::decode_with) for header text: a leading U+FEFF is kept (see
    /// the [module docs](self)).
    pub(crate) fn decode_header_with<'a>(&self, bytes: &'a [u8], rep: &mut Reporter<'_>) -> Cow<'a, str> {
        match self.0 {
            Inner::Enc(e) if e == encoding_rs::UTF_8 => decode_utf8_keeping_bom(bytes, 0, rep),
            Inner::Unknown8bit => sniff_header(bytes, Charset::WINDOWS_1252, rep),
            _ => self.decode_with(bytes, rep),
        }
    }

    /// [`decode_with`](Self::decode_with) for an owned buffer: the same text and issues,
    /// as a `String`. ASCII (under an ASCII-compatible charset) becomes the `String` in
    /// place; valid UTF-8 is validated and copied; anything else is decoded in one pass
    /// into a new `String`.
    pub(crate) fn decode_owned_with(&self, bytes: Vec<u8>, rep: &mut Reporter<'_>) -> String {
        match self.0 {
            Inner::Enc(e) if e == encoding_rs::UTF_8 => utf8_owned(bytes, rep),
            Inner::Enc(e) if e.is_ascii_compatible() && bytes.is_ascii() => ascii_string(bytes),
            Inner::Enc(e) if e.is_single_byte() => single_byte_string(e, &bytes, rep),
            Inner::Enc(e) => decode_to_string(e, &bytes, rep),
            Inner::Ascii if bytes.is_ascii() => ascii_string(bytes),
            Inner::Ascii => decode_ascii(&bytes, rep).into_owned(),
            Inner::Utf7 => utf7::decode_with(&bytes, rep).into_owned(),
            Inner::Utf16 => {
                let (e, shift) = utf16_byte_order(&bytes);
                rep.shifted(shift, |rep| decode_to_string(e, &bytes[shift..], rep))
            }
            Inner::Unknown8bit => sniff_owned(bytes, Charset::WINDOWS_1252, rep),
        }
    }

    /// Encode `text` in this charset; characters it cannot represent become
    /// `?`. Returns [`Cow::Borrowed`] when the bytes are `text`'s own (UTF-8,
    /// or ASCII text in an ASCII-compatible charset).
    ///
    /// UTF-16 without byte order in the label is written big-endian with a
    /// BOM.
    ///
    /// # Example
    ///
    /// ```rust
    /// use mailmime::encoding::Charset;
    ///
    /// assert_eq!(&*Charset::WINDOWS_1252.encode("café €"), b"caf\xe9 \x80");
    /// assert_eq!(&*Charset::US_ASCII.encode("café"), b"caf?");
    /// ```
    pub fn encode<'a>(&self, text: &'a str) -> Cow<'a, [u8]> {
        self.encode_impl(text, true).unwrap_or(Cow::Borrowed(b""))
    }

    /// Encode `text` in this charset, or `None` if some character cannot be
    /// represented.
    ///
    /// # Example
    ///
    /// ```rust
    /// use mailmime::encoding::Charset;
    ///
    /// assert!(Charset::WINDOWS_1252.try_encode("naïve").is_some());
    /// assert!(Charset::WINDOWS_1252.try_encode("日本").is_none());
    /// ```
    pub fn try_encode<'a>(&self, text: &'a str) -> Option<Cow<'a, [u8]>> {
        self.encode_impl(text, false)
    }

    fn encode_impl<'a>(&self, text: &'a str, lossy: bool) -> Option<Cow<'a, [u8]>> {
        let e = match self.0 {
            Inner::Enc(e) if e == encoding_rs::UTF_8 => {
                return Some(Cow::Borrowed(text.as_bytes()));
            }
            Inner::Unknown8bit => return Some(Cow::Borrowed(text.as_bytes())),
            Inner::Utf7 => return Some(utf7::encode(text)),
            Inner::Ascii => {
                if text.is_ascii() {
                    return Some(Cow::Borrowed(text.as_bytes()));
                }
                if !lossy {
                    return None;
                }
                return Some(Cow::Owned(
                    text.chars().map(|c| if c.is_ascii() { c as u8 } else { b'?' }).collect(),
                ));
            }
            Inner::Utf16 => {
                let mut v = vec![0xFE, 0xFF];
                v.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
                return Some(Cow::Owned(v));
            }
            Inner::Enc(e) if e == encoding_rs::UTF_16BE => {
                return Some(Cow::Owned(text.encode_utf16().flat_map(u16::to_be_bytes).collect()));
            }
            Inner::Enc(e) if e == encoding_rs::UTF_16LE => {
                return Some(Cow::Owned(text.encode_utf16().flat_map(u16::to_le_bytes).collect()));
            }
            Inner::Enc(e) => e,
        };
        if e.is_ascii_compatible() && text.is_ascii() {
            return Some(Cow::Borrowed(text.as_bytes()));
        }
        let mut enc = e.new_encoder();
        let mut out = Vec::with_capacity(text.len() + 16);
        let mut rest = text;
        loop {
            let need = enc
                .max_buffer_length_from_utf8_without_replacement(rest.len())
                .unwrap_or(rest.len() * 4 + 16);
            out.reserve(need);
            let (res, read) = enc.encode_from_utf8_to_vec_without_replacement(rest, &mut out, true);
            rest = &rest[read..];
            match res {
                EncoderResult::InputEmpty => return Some(Cow::Owned(out)),
                EncoderResult::OutputFull => {}
                EncoderResult::Unmappable(_) => {
                    if !lossy {
                        return None;
                    }
                    out.reserve(8);
                    // Through the encoder, so stateful encodings switch back to ASCII.
                    let _ = enc.encode_from_utf8_to_vec_without_replacement("?", &mut out, false);
                }
            }
        }
    }
}

/// Every charset, each once, in the order of [`Charset::code`]: the four mail-specific
/// ones and every `encoding_rs` encoding. 0 is windows-1252, the default fallback.
const CODES: [Charset; 44] = [
    Charset::WINDOWS_1252,
    Charset::UTF_8,
    Charset::US_ASCII,
    Charset::UTF_7,
    Charset(Inner::Utf16),
    Charset(Inner::Unknown8bit),
    Charset(Inner::Enc(&encoding_rs::BIG5_INIT)),
    Charset(Inner::Enc(&encoding_rs::EUC_JP_INIT)),
    Charset(Inner::Enc(&encoding_rs::EUC_KR_INIT)),
    Charset(Inner::Enc(&encoding_rs::GBK_INIT)),
    Charset(Inner::Enc(&encoding_rs::GB18030_INIT)),
    Charset(Inner::Enc(&encoding_rs::IBM866_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_2022_JP_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_2_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_3_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_4_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_5_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_6_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_7_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_8_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_8_I_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_10_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_13_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_14_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_15_INIT)),
    Charset(Inner::Enc(&encoding_rs::ISO_8859_16_INIT)),
    Charset(Inner::Enc(&encoding_rs::KOI8_R_INIT)),
    Charset(Inner::Enc(&encoding_rs::KOI8_U_INIT)),
    Charset(Inner::Enc(&encoding_rs::MACINTOSH_INIT)),
    Charset(Inner::Enc(&encoding_rs::REPLACEMENT_INIT)),
    Charset(Inner::Enc(&encoding_rs::SHIFT_JIS_INIT)),
    Charset(Inner::Enc(&encoding_rs::UTF_16BE_INIT)),
    Charset(Inner::Enc(&encoding_rs::UTF_16LE_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_874_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_1250_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_1251_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_1253_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_1254_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_1255_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_1256_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_1257_INIT)),
    Charset(Inner::Enc(&encoding_rs::WINDOWS_1258_INIT)),
    Charset(Inner::Enc(&encoding_rs::X_MAC_CYRILLIC_INIT)),
    Charset(Inner::Enc(&encoding_rs::X_USER_DEFINED_INIT)),
];

/// `bytes` as a `str` if they are valid UTF-8. encoding_rs's validator (SIMD over ASCII
/// runs) is several times faster than `std::str::from_utf8` on mail text.
#[inline]
pub(crate) fn utf8_str(bytes: &[u8]) -> Option<&str> {
    match encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(Cow::Borrowed(s)) => Some(s),
        _ => None,
    }
}

#[inline]
fn decode_utf8<'a>(bytes: &'a [u8], rep: &mut Reporter<'_>) -> Cow<'a, str> {
    let (body, shift) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    decode_utf8_keeping_bom(body, shift, rep)
}

/// UTF-8 `bytes` (found `shift` bytes into the input) as text, a leading BOM included.
#[inline]
fn decode_utf8_keeping_bom<'a>(bytes: &'a [u8], shift: usize, rep: &mut Reporter<'_>) -> Cow<'a, str> {
    match utf8_str(bytes) {
        Some(s) => Cow::Borrowed(s),
        None => malformed_utf8(bytes, shift, rep),
    }
}

/// [`decode_utf8_keeping_bom`] for bytes that are not valid UTF-8.
#[cold]
fn malformed_utf8<'a>(bytes: &'a [u8], shift: usize, rep: &mut Reporter<'_>) -> Cow<'a, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(err) => {
            rep.report(IssueKind::MalformedCharacter, shift + err.valid_up_to());
            Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}

fn decode_ascii<'a>(bytes: &'a [u8], rep: &mut Reporter<'_>) -> Cow<'a, str> {
    let valid = Encoding::ascii_valid_up_to(bytes);
    if valid == bytes.len() {
        // All ASCII, hence valid UTF-8.
        return match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
        };
    }
    rep.report(IssueKind::MalformedCharacter, valid);
    Cow::Owned(bytes.iter().map(|&b| if b < 0x80 { char::from(b) } else { '\u{FFFD}' }).collect())
}

fn decode_encoding<'a>(e: &'static Encoding, bytes: &'a [u8], rep: &mut Reporter<'_>) -> Cow<'a, str> {
    let (text, had_errors) = e.decode_without_bom_handling(bytes);
    if had_errors {
        rep.report(IssueKind::MalformedCharacter, first_malformed(e, bytes));
    }
    text
}

/// Offset of the first malformed byte (only called when there is one).
fn first_malformed(e: &'static Encoding, bytes: &[u8]) -> usize {
    let mut dec = e.new_decoder_without_bom_handling();
    let mut buf = String::with_capacity(8192);
    let mut pos = 0;
    loop {
        buf.clear();
        let (res, read) = dec.decode_to_string_without_replacement(&bytes[pos..], &mut buf, true);
        pos += read;
        match res {
            DecoderResult::Malformed(bad, extra) => {
                return pos.saturating_sub(usize::from(extra) + usize::from(bad));
            }
            DecoderResult::OutputFull => {
                if read == 0 {
                    buf.reserve(64);
                }
            }
            DecoderResult::InputEmpty => return 0,
        }
    }
}

/// The byte order of UTF-16 `bytes` without one in the label, and the length of the BOM
/// that gave it (0 when guessed).
fn utf16_byte_order(bytes: &[u8]) -> (&'static Encoding, usize) {
    if bytes.starts_with(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, 2)
    } else if bytes.starts_with(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, 2)
    } else {
        // Guess from zero bytes in the first 512 code units.
        let sample = &bytes[..bytes.len().min(1024)];
        let (mut even, mut odd) = (0usize, 0usize);
        for pair in sample.chunks_exact(2) {
            even += usize::from(pair[0] == 0);
            odd += usize::from(pair[1] == 0);
        }
        let e = if odd > even { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        (e, 0)
    }
}

fn decode_utf16_auto<'a>(bytes: &'a [u8], rep: &mut Reporter<'_>) -> Cow<'a, str> {
    let (e, shift) = utf16_byte_order(bytes);
    rep.shifted(shift, |rep| decode_encoding(e, &bytes[shift..], rep))
}

/// `s` without a leading UTF-8 BOM (never content in mail).
fn strip_bom(s: &str) -> &str {
    s.strip_prefix('\u{FEFF}').unwrap_or(s)
}

/// ASCII `bytes` as a `String`, in place (std's validation of ASCII is a fast word scan).
fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`decode_utf8`] for an owned buffer.
///
/// ASCII is kept in place. Other valid text is validated by encoding_rs and copied, which
/// measured faster than keeping the buffer with `String::from_utf8`: std's validation is
/// the slow part (on the QP HTML and French prose bench texts, 1.1-1.35x slower than
/// encoding_rs 0.8.35's and 10-16x slower than encoding_rs 0.8.44's, which validates with
/// simdutf8), and the copy is cheap (2-8% of the validation time with 0.8.35). A
/// one-pass decode-and-copy with encoding_rs's UTF-8 decoder was no faster than
/// validate-then-copy, and slower on short texts.
fn utf8_owned(bytes: Vec<u8>, rep: &mut Reporter<'_>) -> String {
    if bytes.is_ascii() {
        return ascii_string(bytes);
    }
    let (body, shift) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (&bytes[..], 0),
    };
    match utf8_str(body) {
        Some(s) => s.to_owned(),
        None => rep.shifted(shift, |rep| decode_to_string(encoding_rs::UTF_8, body, rep)),
    }
}

/// Room for `bytes` decoded with `e` (by `dec`, fresh) into UTF-8, replacement
/// characters included.
///
/// A single-byte charset maps each byte to one BMP character, U+FFFD for a byte it leaves
/// unmapped: one byte of UTF-8 for an ASCII byte, at most three for any other. Counting
/// the bytes >= 0x80 (a vectorised scan) gives that bound, which is what the decoder
/// checks before each character, so it never runs out of room; encoding_rs's own bound
/// is three bytes for every input byte. Sized that way, a large body (a QP-encoded
/// ISO-8859-1 part of 1 MiB, say) took an allocation three times its size, above the
/// allocator's mmap threshold: fresh pages faulted in on every call, then given back by
/// the shrink below, which also left the threshold below the next call's request.
/// Other charsets: encoding_rs's bound (for UTF-8 about the length; a replacement
/// character may need more, which the caller reserves).
fn utf8_capacity(e: &'static Encoding, dec: &encoding_rs::Decoder, bytes: &[u8]) -> usize {
    if e.is_single_byte() {
        return bytes.len() + 2 * count_non_ascii(bytes);
    }
    dec.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len())
}

/// The UTF-8 of each byte in a single-byte charset: its bytes (padded to four, for a
/// fixed-size copy) and their number, with [`UNMAPPED`] set for a byte the charset leaves
/// unmapped (whose bytes are U+FFFD's). Bytes below 0x80 are themselves.
type ByteTable = [([u8; 4], u8); 256];

/// Set in a [`ByteTable`] length: the byte is malformed in the charset.
const UNMAPPED: u8 = 0x80;

/// The [`ByteTable`] of single-byte charset `e`, built from encoding_rs's own decoding of
/// each byte the first time it is needed, then kept (one slot per [`CODES`] entry).
fn byte_table(e: &'static Encoding) -> &'static ByteTable {
    static TABLES: [OnceLock<ByteTable>; CODES.len()] = [const { OnceLock::new() }; CODES.len()];
    TABLES[usize::from(Charset(Inner::Enc(e)).code())].get_or_init(|| {
        let mut table = [([0xEF, 0xBF, 0xBD, 0], UNMAPPED | 3); 256];
        for (byte, entry) in (0..=0xFFu8).zip(table.iter_mut()) {
            if let Some(text) = e.decode_without_bom_handling_and_without_replacement(&[byte]) {
                let utf8 = text.as_bytes();
                let len = utf8.len().min(3);
                entry.0 = [0; 4];
                entry.0[..len].copy_from_slice(&utf8[..len]);
                entry.1 = len as u8;
            }
        }
        table
    })
}

/// [`decode_to_string`] for a single-byte charset: the same text and issues, several
/// times faster on accented text than encoding_rs's decoder, whose ASCII-run copy is
/// set up again after every non-ASCII byte.
///
/// A word of eight bytes is stored whole at the output's end: with no byte >= 0x80 that
/// is its decoding; else the output advances past the ASCII bytes before the first one,
/// whose UTF-8 from the table is stored next, and so on with the rest of the word, shifted
/// down. The output, sized by
/// [`utf8_capacity`], is ASCII and the table's whole UTF-8 sequences; encoding_rs's
/// validator checks it before it becomes the `String` (a copy).
fn single_byte_string(e: &'static Encoding, bytes: &[u8], rep: &mut Reporter<'_>) -> String {
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let table = byte_table(e);
    let room = utf8_capacity(e, &e.new_decoder_without_bom_handling(), bytes);
    // Eight bytes of slack for the whole-word stores.
    let mut dst = vec![0u8; room + 8];
    let mut w = 0;
    // Lengths OR-ed together: whether a byte was unmapped.
    let mut lens = 0u8;
    // `w` is at most `room` minus three per byte >= 0x80 and one per other byte still to
    // decode, so every store below stays within `dst`.
    let mut words = bytes.chunks_exact(8);
    for word in words.by_ref() {
        let mut rest = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let mut marks = rest & HIGH;
        // Bytes of the word decoded so far.
        let mut done = 0;
        while marks != 0 {
            // The ASCII bytes before the next byte >= 0x80 are stored with the rest of the
            // word, then the byte's UTF-8 over what follows them.
            let ascii = (marks.trailing_zeros() / 8) as usize;
            dst[w..w + 8].copy_from_slice(&rest.to_le_bytes());
            w += ascii;
            let (utf8, len) = table[usize::from((rest >> (8 * ascii)) as u8)];
            dst[w..w + 4].copy_from_slice(&utf8);
            w += usize::from(len & 3);
            lens |= len;
            done += ascii + 1;
            rest = rest.checked_shr(8 * (ascii as u32 + 1)).unwrap_or(0);
            marks = rest & HIGH;
        }
        // The ASCII rest of the word (all of it, usually).
        dst[w..w + 8].copy_from_slice(&rest.to_le_bytes());
        w += 8 - done;
    }
    for &b in words.remainder() {
        let (utf8, len) = table[usize::from(b)];
        dst[w..w + 4].copy_from_slice(&utf8);
        w += usize::from(len & 3);
        lens |= len;
    }
    if lens & UNMAPPED != 0 {
        let at = bytes.iter().position(|&b| table[usize::from(b)].1 & UNMAPPED != 0);
        rep.report(IssueKind::MalformedCharacter, at.unwrap_or(0));
    }
    match utf8_str(&dst[..w]) {
        Some(text) => text.to_owned(),
        // Not reached: the table holds encoding_rs's UTF-8 (its issues are reported above).
        None => decode_to_string(e, bytes, &mut Reporter::new(&mut Vec::new())),
    }
}

/// The number of bytes >= 0x80 in `bytes`: their high bits summed in a byte per run of
/// 240 bytes (a whole number of vectors, and a sum that fits), a loop the compiler
/// vectorises.
fn count_non_ascii(bytes: &[u8]) -> usize {
    bytes.chunks(240).map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + (b >> 7)))).sum()
}

/// Decode `bytes` with `e` (no BOM handling) into a new `String` in one pass: invalid
/// sequences become U+FFFD and the first one is reported at the offset of its first byte.
fn decode_to_string(e: &'static Encoding, bytes: &[u8], rep: &mut Reporter<'_>) -> String {
    let mut dec = e.new_decoder_without_bom_handling();
    let capacity = utf8_capacity(e, &dec, bytes);
    let mut text = String::with_capacity(capacity);
    let mut pos = 0;
    loop {
        let (result, read) = dec.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(bad, extra) => {
                rep.report(
                    IssueKind::MalformedCharacter,
                    pos.saturating_sub(usize::from(extra) + usize::from(bad)),
                );
                text.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => {
                let rest = dec.max_utf8_buffer_length_without_replacement(bytes.len() - pos);
                text.reserve(rest.unwrap_or(bytes.len() - pos).max(4));
            }
        }
    }
    // Give back what the bound left unused when it is much (text in a non-Latin
    // single-byte charset, mostly two-byte characters; CJK charsets).
    if text.capacity() - text.len() > text.len() / 8 + 64 {
        text.shrink_to_fit();
    }
    text
}

/// [`sniff`] for an owned buffer.
fn sniff_owned(bytes: Vec<u8>, fallback: Charset, rep: &mut Reporter<'_>) -> String {
    if bytes.is_ascii() {
        return ascii_string(bytes);
    }
    match utf8_str(&bytes) {
        Some(s) => strip_bom(s).to_owned(),
        None => fallback.decode_owned_with(bytes, rep),
    }
}

/// Decode `bytes` with the `declared` charset label, or detect one.
///
/// * No label: US-ASCII if the bytes are ASCII, UTF-8 if they are valid UTF-8
///   (a leading UTF-8 BOM is stripped), else `fallback` (windows-1252 is the
///   usual choice).
/// * Unknown label: an [`IssueKind::UnknownCharset`] issue (offset 0), then as
///   if no label was given.
/// * `x-unknown`, `unknown-8bit` and the other labels for "the sender did not
///   know": as if no label was given, without an issue.
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::{charset, Charset, IssueKind};
///
/// let mut issues = Vec::new();
/// let fb = Charset::WINDOWS_1252;
/// assert_eq!(charset::decode_with_fallback("é".as_bytes(), None, fb, &mut issues), "é");
/// assert_eq!(charset::decode_with_fallback(b"\xe9", None, fb, &mut issues), "é");
/// assert_eq!(charset::decode_with_fallback(b"\xe9", Some(b"bogus"), fb, &mut issues), "é");
/// assert_eq!(issues[0].kind, IssueKind::UnknownCharset);
/// ```
pub fn decode_with_fallback<'a>(
    bytes: &'a [u8],
    declared: Option<&[u8]>,
    fallback: Charset,
    issues: &mut Vec<Issue>,
) -> Cow<'a, str> {
    decode_with_fallback_rep(bytes, declared, fallback, &mut Reporter::new(issues))
}

pub(crate) fn decode_with_fallback_rep<'a>(
    bytes: &'a [u8],
    declared: Option<&[u8]>,
    fallback: Charset,
    rep: &mut Reporter<'_>,
) -> Cow<'a, str> {
    if let Some(label) = declared {
        match Charset::for_label(label) {
            Some(cs) if cs.is_unknown() => {}
            Some(cs) => return cs.decode_with(bytes, rep),
            None => rep.report(IssueKind::UnknownCharset, 0),
        }
    }
    sniff(bytes, fallback, rep)
}

/// [`decode_with_fallback`] for an owned buffer, such as a transfer-decoded body: the
/// same text and the same issues, as a `String`, without a second decoding pass over the
/// bytes in the common cases.
///
/// * ASCII under UTF-8, US-ASCII, no label, or any ASCII-compatible charset becomes the
///   `String` in place: no copy, no allocation.
/// * Other valid UTF-8 (declared, or found when no label is given) is validated once and
///   copied into a new `String`: keeping the buffer with `String::from_utf8` measured
///   slower, std's validation being slower than encoding_rs's (the crate's
///   `decode/charset_owned_utf8*` benches compare both); other charsets
///   (windows-1252 for ISO-8859-1, the other single-byte charsets, Shift_JIS...) are
///   decoded in one pass into a new `String`, which is sized for the worst case and
///   shrunk when much of it is left unused.
/// * Labels, the fallback, BOM handling and issues ([`IssueKind::UnknownCharset`],
///   [`IssueKind::MalformedCharacter`] with the offset of the first bad byte) are
///   exactly those of [`decode_with_fallback`].
///
/// # Example
///
/// ```rust
/// use mailmime::encoding::{charset, Charset, IssueKind};
///
/// let mut issues = Vec::new();
/// let fb = Charset::WINDOWS_1252;
/// assert_eq!(charset::decode_owned_with_fallback(b"caf\xc3\xa9".to_vec(), None, fb, &mut issues), "café");
/// assert_eq!(charset::decode_owned_with_fallback(b"caf\xe9".to_vec(), None, fb, &mut issues), "café");
/// let latin1 = Some(&b"iso-8859-1"[..]);
/// assert_eq!(charset::decode_owned_with_fallback(b"\x80 5".to_vec(), latin1, fb, &mut issues), "€ 5");
/// assert!(issues.is_empty());
/// let utf8 = Some(&b"utf-8"[..]);
/// assert_eq!(charset::decode_owned_with_fallback(b"a\xffb".to_vec(), utf8, fb, &mut issues), "a\u{FFFD}b");
/// assert_eq!((issues[0].kind, issues[0].offset), (IssueKind::MalformedCharacter, 1));
/// ```
pub fn decode_owned_with_fallback(
    bytes: Vec<u8>,
    declared: Option<&[u8]>,
    fallback: Charset,
    issues: &mut Vec<Issue>,
) -> String {
    let mut rep = Reporter::new(issues);
    if let Some(label) = declared {
        match Charset::for_label(label) {
            Some(cs) if cs.is_unknown() => {}
            Some(cs) => return cs.decode_owned_with(bytes, &mut rep),
            None => rep.report(IssueKind::UnknownCharset, 0),
        }
    }
    sniff_owned(bytes, fallback, &mut rep)
}

/// [`sniff`] for header text: a leading U+FEFF is kept (see the [module docs](self)).
pub(crate) fn sniff_header<'a>(bytes: &'a [u8], fallback: Charset, rep: &mut Reporter<'_>) -> Cow<'a, str> {
    match utf8_str(bytes) {
        Some(s) => Cow::Borrowed(s),
        None => fallback.decode_header_with(bytes, rep),
    }
}

/// Raw header bytes (outside encoded words, or a parameter value naming no charset) as
/// text: UTF-8 (RFC 6532) when they are, else `fallback`, silently: the bytes declare no
/// charset that could be wrong. The one reading of such bytes on every header path.
pub(crate) fn raw_header_text(bytes: &[u8], fallback: Charset) -> Cow<'_, str> {
    // Header values are short: std's check, with its ASCII fast path, costs less here
    // than encoding_rs's (which [`utf8_str`] uses for bodies); both accept the same bytes.
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => fallback.decode_header_with(bytes, &mut Reporter::new(&mut Vec::new())),
    }
}

/// ASCII or UTF-8 if the bytes are, else `fallback`.
pub(crate) fn sniff<'a>(bytes: &'a [u8], fallback: Charset, rep: &mut Reporter<'_>) -> Cow<'a, str> {
    match utf8_str(bytes) {
        // Validated once: what decode_utf8 would do with valid input.
        Some(s) => Cow::Borrowed(strip_bom(s)),
        None => fallback.decode_with(bytes, rep),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_labels_are_what_the_lookup_gives() {
        for (label, charset) in COMMON_LABELS {
            assert_eq!(Charset::lookup(label), Some(charset), "{label:?}");
            assert_eq!(Charset::for_label(&label.to_ascii_uppercase()), Some(charset));
        }
    }

    #[test]
    fn every_charset_has_its_own_code_and_back() {
        for (i, &charset) in CODES.iter().enumerate() {
            assert_eq!(usize::from(charset.code()), i, "{charset:?}");
            assert_eq!(Charset::from_code(charset.code()), charset);
        }
        assert_eq!(Charset::WINDOWS_1252.code(), 0);
        // Whatever a label gives has a code of its own.
        for label in [
            &b"koi8-r"[..],
            b"cp1251",
            b"shift_jis",
            b"utf-7",
            b"utf-16",
            b"x-unknown",
            b"us-ascii",
            b"gb2312",
        ] {
            let charset = Charset::for_label(label).unwrap();
            assert_eq!(Charset::from_code(charset.code()), charset, "{label:?}");
        }
        assert_eq!(Charset::from_code(u8::MAX), Charset::WINDOWS_1252);
    }

    #[test]
    fn x_unknown_bodies_read_in_the_fallback_without_an_issue() {
        let koi8 = Charset::for_label(b"koi8-r").unwrap();
        let mut issues = Vec::new();
        assert_eq!(decode_with_fallback(b"\xf0\xc5\xd4\xd2", Some(b"x-unknown"), koi8, &mut issues), "Петр");
        let owned = decode_owned_with_fallback(
            b"\xf0\xc5\xd4\xd2".to_vec(),
            Some(b"unknown-8bit"),
            koi8,
            &mut issues,
        );
        assert_eq!(owned, "Петр");
        assert!(issues.is_empty());
        assert_eq!(decode_with_fallback(b"\xf0", Some(b"bogus"), koi8, &mut issues), "П");
        assert_eq!(issues[0].kind, IssueKind::UnknownCharset);
    }

    #[test]
    fn common_labels_resolve_as_the_full_lookup_does() {
        for label in
            [&b"utf-8"[..], b"UTF-8", b"Us-Ascii", b"ISO-8859-1", b"windows-1252", b" utf-8 ", b"\"utf-8\""]
        {
            assert_eq!(Charset::for_label(label), Charset::lookup(label), "{label:?}");
        }
        assert_eq!(Charset::for_label(b"UTF-8"), Some(Charset::UTF_8));
    }
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn utf8_str_agrees_with_std(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(utf8_str(&bytes), std::str::from_utf8(&bytes).ok());
        }
    }

    fn name(label: &str) -> Option<&'static str> {
        Charset::for_label(label.as_bytes()).map(|c| c.name())
    }

    fn dec<'a>(cs: Charset, bytes: &'a [u8]) -> (Cow<'a, str>, Vec<Issue>) {
        let mut issues = Vec::new();
        let s = cs.decode(bytes, &mut issues);
        (s, issues)
    }

    #[test]
    fn labels_are_trimmed_unquoted_and_case_insensitive() {
        assert_eq!(name(" \"UTF-8\" "), Some("UTF-8"));
        assert_eq!(name("'utf-8'"), Some("UTF-8"));
        assert_eq!(name("\tIso-8859-2\r\n"), Some("ISO-8859-2"));
        assert_eq!(name(""), None);
        assert_eq!(name("\"\""), None);
    }

    #[test]
    fn every_whatwg_label_is_accepted() {
        for label in [
            "utf8",
            "unicode-1-1-utf-8",
            "cp819",
            "l1",
            "greek",
            "csbig5",
            "sjis",
            "x-sjis",
            "gb_2312-80",
            "iso-ir-149",
            "koi",
            "csisolatin9",
            "windows-874",
            "dos-874",
            "x-mac-roman",
            "x-mac-cyrillic",
            "gb18030",
            "euc-jp",
            "csiso2022jp",
            "utf-16be",
            "utf-16le",
            "iso-8859-16",
            "iso-8859-8-i",
            "x-user-defined",
        ] {
            assert!(name(label).is_some(), "{label}");
        }
    }

    #[test]
    fn mail_aliases_missing_from_whatwg_are_accepted() {
        let cases = [
            ("utf8", "UTF-8"),
            ("UTF_8", "UTF-8"),
            ("iso8859-1", "windows-1252"),
            ("iso_8859-1:1987", "windows-1252"),
            ("8859_1", "windows-1252"),
            ("ISO8859_15", "ISO-8859-15"),
            ("iso-8859-7:1987", "ISO-8859-7"),
            ("latin-1", "windows-1252"),
            ("latin9", "ISO-8859-15"),
            ("cp1252", "windows-1252"),
            ("cp1251", "windows-1251"),
            ("windows1250", "windows-1250"),
            ("win-1251", "windows-1251"),
            ("windows-1258", "windows-1258"),
            ("ks_c_5601-1987", "EUC-KR"),
            ("ks_c_5601", "EUC-KR"),
            ("cp949", "EUC-KR"),
            ("gb2312", "GBK"),
            ("cp936", "GBK"),
            ("euc-cn", "GBK"),
            ("ms932", "Shift_JIS"),
            ("cp932", "Shift_JIS"),
            ("shift-jis", "Shift_JIS"),
            ("Shift_JIS", "Shift_JIS"),
            ("x-sjis", "Shift_JIS"),
            ("iso-2022-jp", "ISO-2022-JP"),
            ("ISO-2022-JP-2", "ISO-2022-JP"),
            ("euc-kr", "EUC-KR"),
            ("koi8-r", "KOI8-R"),
            ("koi8r", "KOI8-R"),
            ("cp866", "IBM866"),
            ("x-mac-cyrillic", "x-mac-cyrillic"),
            ("x-mac-japanese", "Shift_JIS"),
            ("big5", "Big5"),
            ("cp950", "Big5"),
            ("cp65001", "UTF-8"),
            ("cp20866", "KOI8-R"),
            ("cp28592", "ISO-8859-2"),
            ("tis-620", "windows-874"),
            ("unicode-1-1-utf-7", "UTF-7"),
            ("utf-7", "UTF-7"),
            ("ansi_x3.4-1968", "US-ASCII"),
            ("us-ascii", "US-ASCII"),
            ("ascii", "US-ASCII"),
            ("x-unknown", "x-unknown"),
            ("unknown-8bit", "x-unknown"),
            ("x-user-defined", "x-unknown"),
            ("utf-16", "UTF-16"),
        ];
        for (label, expected) in cases {
            assert_eq!(name(label), Some(expected), "{label}");
        }
    }

    #[test]
    fn replacement_and_unknown_labels_are_not_recognised() {
        for label in
            ["iso-2022-kr", "hz-gb-2312", "replacement", "iso-2022-cn", "x-mac-ce-bogus", "cp437", "foo"]
        {
            assert_eq!(name(label), None, "{label}");
        }
    }

    #[test]
    fn us_ascii_is_strict_not_windows_1252() {
        let (s, issues) = dec(Charset::US_ASCII, b"ab\xe9\x80");
        assert_eq!(s, "ab\u{FFFD}\u{FFFD}");
        assert_eq!(issues, [Issue { kind: IssueKind::MalformedCharacter, offset: 2 }]);
    }

    #[test]
    fn utf8_valid_and_ascii_inputs_are_borrowed() {
        assert!(matches!(dec(Charset::UTF_8, "ünï".as_bytes()).0, Cow::Borrowed(_)));
        for label in
            ["windows-1252", "shift_jis", "koi8-r", "us-ascii", "iso-2022-jp", "gb18030", "x-unknown"]
        {
            let cs = Charset::for_label(label.as_bytes()).unwrap();
            let (s, issues) = dec(cs, b"Hello, world!");
            assert!(matches!(s, Cow::Borrowed("Hello, world!")), "{label}");
            assert!(issues.is_empty());
        }
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let (s, _) = dec(Charset::UTF_8, b"\xEF\xBB\xBFhi");
        assert!(matches!(s, Cow::Borrowed("hi")));
        // A BOM does not switch a legacy charset to UTF-8.
        let (s, _) = dec(Charset::WINDOWS_1252, b"\xEF\xBB\xBFhi");
        assert_eq!(s, "ï»¿hi");
    }

    #[test]
    fn malformed_bytes_report_offset_of_first_bad_byte() {
        let (s, issues) = dec(Charset::UTF_8, b"ok\xc3(\xff");
        assert_eq!(s, "ok\u{FFFD}(\u{FFFD}");
        assert_eq!(issues, [Issue { kind: IssueKind::MalformedCharacter, offset: 2 }]);
        let sjis = Charset::for_label(b"shift_jis").unwrap();
        let mut long = vec![b'a'; 20_000];
        long.extend_from_slice(b"\x82\xa0\x82");
        let (s, issues) = dec(sjis, &long);
        assert!(s.ends_with("\u{3042}\u{FFFD}"));
        assert_eq!(issues, [Issue { kind: IssueKind::MalformedCharacter, offset: 20_002 }]);
    }

    #[test]
    fn legacy_charsets_decode() {
        let cases: [(&str, &[u8], &str); 7] = [
            ("iso-8859-1", b"caf\xe9 \x80", "café €"),
            ("koi8-r", b"\xf0\xd2\xc9\xd7\xc5\xd4", "Привет"),
            ("shift_jis", b"\x93\xfa\x96\x7b", "日本"),
            ("iso-2022-jp", b"\x1b$B$3$s$K$A$O\x1b(B", "こんにちは"),
            ("euc-kr", b"\xc7\xd1\xb1\xb9", "한국"),
            ("gb2312", b"\xd6\xd0\xce\xc4", "中文"),
            ("utf-7", b"+ZeVnLIqe-", "日本語"),
        ];
        for (label, bytes, text) in cases {
            let cs = Charset::for_label(label.as_bytes()).unwrap();
            let (s, issues) = dec(cs, bytes);
            assert_eq!(s, text, "{label}");
            assert!(issues.is_empty(), "{label}");
        }
    }

    #[test]
    fn utf16_without_byte_order_uses_bom_or_guesses() {
        let cs = Charset::for_label(b"utf-16").unwrap();
        assert_eq!(dec(cs, b"\xFF\xFEh\0i\0").0, "hi");
        assert_eq!(dec(cs, b"\xFE\xFF\0h\0i").0, "hi");
        assert_eq!(dec(cs, b"h\0i\0").0, "hi");
        assert_eq!(dec(cs, b"\0h\0i").0, "hi");
        let (_, issues) = dec(cs, b"\xFE\xFF\0h\xD8\0");
        assert_eq!(issues[0].offset, 4);
    }

    #[test]
    fn x_unknown_decodes_utf8_or_windows_1252() {
        let cs = Charset::for_label(b"x-unknown").unwrap();
        assert_eq!(dec(cs, "é".as_bytes()), (Cow::Borrowed("é"), vec![]));
        assert_eq!(dec(cs, b"\xe9"), (Cow::Owned("é".to_string()), vec![]));
    }

    #[test]
    fn encode_substitutes_unmappable_characters() {
        assert_eq!(&*Charset::WINDOWS_1252.encode("a日b"), b"a?b");
        let jis = Charset::for_label(b"iso-2022-jp").unwrap();
        assert_eq!(&*jis.encode("あ☃"), b"\x1b$B$\"\x1b(B?");
        assert!(jis.try_encode("☃").is_none());
        assert!(matches!(Charset::UTF_8.encode("☃"), Cow::Borrowed(_)));
    }

    #[test]
    fn decode_with_fallback_sniffs_when_undeclared_or_unknown() {
        let mut issues = Vec::new();
        let fb = Charset::WINDOWS_1252;
        assert!(matches!(decode_with_fallback(b"abc", None, fb, &mut issues), Cow::Borrowed("abc")));
        assert_eq!(decode_with_fallback("ä".as_bytes(), None, fb, &mut issues), "ä");
        assert_eq!(decode_with_fallback(b"\xe4", None, fb, &mut issues), "ä");
        assert!(issues.is_empty());
        assert_eq!(decode_with_fallback(b"\xe4", Some(b"x-bogus"), fb, &mut issues), "ä");
        assert_eq!(issues, [Issue { kind: IssueKind::UnknownCharset, offset: 0 }]);
        issues.clear();
        assert_eq!(decode_with_fallback(b"\xe4", Some(b"koi8-r"), fb, &mut issues), "Д");
    }

    /// Labels the owned decoder is compared on (`None`: no label; `bogus`: unknown).
    const OWNED_LABELS: [Option<&str>; 22] = [
        None,
        Some("utf-8"),
        Some("iso-8859-1"),
        Some("windows-1252"),
        Some("shift_jis"),
        Some("us-ascii"),
        Some("x-unknown"),
        Some("utf-16"),
        Some("utf-16le"),
        Some("utf-16be"),
        Some("utf-7"),
        Some("iso-2022-jp"),
        Some("euc-jp"),
        Some("euc-kr"),
        Some("gb18030"),
        Some("big5"),
        Some("koi8-r"),
        Some("iso-8859-3"),
        Some("iso-8859-8"),
        Some("windows-874"),
        Some("x-mac-cyrillic"),
        Some("bogus"),
    ];

    fn owned_and_borrowed(bytes: &[u8], label: Option<&str>, fallback: Charset) -> [(String, Vec<Issue>); 2] {
        let label = label.map(str::as_bytes);
        let mut issues = Vec::new();
        let owned = decode_owned_with_fallback(bytes.to_vec(), label, fallback, &mut issues);
        let mut borrowed_issues = Vec::new();
        let borrowed = decode_with_fallback(bytes, label, fallback, &mut borrowed_issues).into_owned();
        [(owned, issues), (borrowed, borrowed_issues)]
    }

    #[test]
    fn owned_ascii_becomes_the_string_in_place() {
        for label in [None, Some(&b"utf-8"[..]), Some(b"us-ascii"), Some(b"iso-8859-1"), Some(b"shift_jis")] {
            let v = b"plain ASCII text".to_vec();
            let ptr = v.as_ptr();
            let s = decode_owned_with_fallback(v, label, Charset::WINDOWS_1252, &mut Vec::new());
            assert_eq!(s, "plain ASCII text");
            assert_eq!(s.as_ptr(), ptr, "{label:?}");
        }
    }

    #[test]
    fn owned_decode_known_answers() {
        let fb = Charset::WINDOWS_1252;
        type Case<'a> = (&'a [u8], Option<&'a str>, &'a str, &'a [Issue]);
        let cases: [Case<'_>; 9] = [
            ("élève".as_bytes(), None, "élève", &[]),
            (b"\xEF\xBB\xBFhi \xc3\xa9", None, "hi é", &[]),
            (b"\xEF\xBB\xBFhi \xe9", None, "ï»¿hi é", &[]),
            (b"caf\xe9", None, "café", &[]),
            (b"caf\xe9", Some("latin1"), "café", &[]),
            (
                b"\xEF\xBB\xBFok\xc3(",
                Some("utf-8"),
                "ok\u{FFFD}(",
                &[Issue { kind: IssueKind::MalformedCharacter, offset: 5 }],
            ),
            (
                b"ab\xe9",
                Some("us-ascii"),
                "ab\u{FFFD}",
                &[Issue { kind: IssueKind::MalformedCharacter, offset: 2 }],
            ),
            (
                b"\x93\xfa\x96\x7b\x82",
                Some("shift_jis"),
                "日本\u{FFFD}",
                &[Issue { kind: IssueKind::MalformedCharacter, offset: 4 }],
            ),
            (b"\xe4", Some("x-bogus"), "ä", &[Issue { kind: IssueKind::UnknownCharset, offset: 0 }]),
        ];
        for (bytes, label, text, issues) in cases {
            let mut got = Vec::new();
            let s = decode_owned_with_fallback(bytes.to_vec(), label.map(str::as_bytes), fb, &mut got);
            assert_eq!((s.as_str(), got.as_slice()), (text, issues), "{label:?} {bytes:?}");
        }
    }

    #[test]
    fn owned_decode_does_not_keep_the_worst_case_capacity() {
        let latin1: Vec<u8> =
            "Les élèves étudièrent à l'école. ".chars().map(|c| c as u8).collect::<Vec<_>>().repeat(300);
        let s =
            decode_owned_with_fallback(latin1.clone(), Some(b"iso-8859-1"), Charset::UTF_8, &mut Vec::new());
        assert_eq!(s, "Les élèves étudièrent à l'école. ".repeat(300));
        assert!(s.capacity() <= s.len() + s.len() / 8 + 64, "{} for {}", s.capacity(), s.len());
    }

    #[test]
    fn owned_decode_agrees_with_borrowed_on_long_inputs() {
        // Past the 8 KiB chunks in which the borrowed decoder looks for the first bad byte.
        let mut sjis = "日本".repeat(5000).into_bytes();
        sjis.extend_from_slice(b"\x82");
        let mut utf8 = "é".repeat(9000).into_bytes();
        utf8.insert(17_001, 0xff);
        for (bytes, label) in [(&sjis, None), (&sjis, Some("utf-8")), (&utf8, None), (&utf8, Some("utf-8"))] {
            let [owned, borrowed] = owned_and_borrowed(bytes, label, Charset::WINDOWS_1252);
            assert_eq!(owned, borrowed, "{label:?}");
        }
        let sjis_text = Charset::for_label(b"shift_jis").unwrap().encode(&"日本".repeat(5000)).into_owned();
        let mut sjis_bad = sjis_text.clone();
        sjis_bad.push(0x82);
        let [owned, borrowed] = owned_and_borrowed(&sjis_bad, Some("shift_jis"), Charset::WINDOWS_1252);
        assert_eq!(owned, borrowed);
        assert_eq!(owned.1, [Issue { kind: IssueKind::MalformedCharacter, offset: sjis_text.len() }]);
    }

    #[test]
    fn non_ascii_count_is_the_plain_count() {
        // Every length around the 240-byte runs and the vector width, a byte >= 0x80 at
        // every position, and every byte value.
        for len in 0..600 {
            let mut bytes = vec![b'a'; len];
            assert_eq!(count_non_ascii(&bytes), 0, "{len}");
            for at in 0..len {
                bytes[at] = 0x80 | (at as u8);
                let plain = bytes.iter().filter(|&&b| b >= 0x80).count();
                assert_eq!(count_non_ascii(&bytes), plain, "{len} {at}");
            }
        }
        let every: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        assert_eq!(count_non_ascii(&every), every.iter().filter(|&&b| b >= 0x80).count());
    }

    /// Every single-byte charset encoding_rs has.
    fn single_byte_charsets() -> Vec<&'static Encoding> {
        let singles: Vec<&'static Encoding> = CODES
            .iter()
            .filter_map(|c| match c.0 {
                Inner::Enc(e) if e.is_single_byte() => Some(e),
                _ => None,
            })
            .collect();
        assert!(singles.len() >= 25, "{}", singles.len());
        singles
    }

    /// [`single_byte_string`] and the general [`decode_to_string`] on `bytes`, both with
    /// their issues; panics unless the general one's text fits the counted bound.
    fn single_byte_both(e: &'static Encoding, bytes: &[u8]) -> [(String, Vec<Issue>); 2] {
        let run = |f: fn(&'static Encoding, &[u8], &mut Reporter<'_>) -> String| {
            let mut issues = Vec::new();
            let text = f(e, bytes, &mut Reporter::new(&mut issues));
            (text, issues)
        };
        let general = run(decode_to_string);
        let bound = utf8_capacity(e, &e.new_decoder_without_bom_handling(), bytes);
        assert!(general.0.len() <= bound, "{}: {} > {bound}", e.name(), general.0.len());
        [run(single_byte_string), general]
    }

    #[test]
    fn single_byte_decoder_is_the_general_one_for_every_byte_at_every_position() {
        // Every byte value at each position of the words and of the tail, alone, twice in
        // a row and next to another non-ASCII byte, in every single-byte charset: the
        // same text and issues (the first unmapped byte) as encoding_rs's decoder, whose
        // text also fits the bound counted up front. And the text is encoding_rs's own.
        for e in single_byte_charsets() {
            for b in 0..=255u8 {
                for at in 0..19 {
                    let mut bytes = b"The quick brown fox jumps".to_vec();
                    bytes[at] = b;
                    let [fast, general] = single_byte_both(e, &bytes);
                    assert_eq!(fast, general, "{} {b:#04x} at {at}", e.name());
                    bytes[at + 1] = b;
                    bytes[at + 5] = 0xE9;
                    let [fast, general] = single_byte_both(e, &bytes);
                    assert_eq!(fast, general, "{} {b:#04x} at {at}, twice", e.name());
                }
                let bytes = [&b"caf"[..], &[b; 300], b"\xe9 tail"].concat();
                let [fast, general] = single_byte_both(e, &bytes);
                let (want, malformed) = e.decode_without_bom_handling(&bytes);
                assert_eq!(
                    (fast.0.as_str(), !fast.1.is_empty()),
                    (&*want, malformed),
                    "{} {b:#04x}",
                    e.name()
                );
                assert_eq!(fast, general, "{} {b:#04x} run", e.name());
            }
        }
    }

    proptest! {
        #[test]
        fn single_byte_decoder_is_the_general_one(
            bytes in proptest::collection::vec(prop_oneof![3 => 0x20..0x7Fu8, 1 => any::<u8>()], 0..400),
            which in any::<prop::sample::Index>(),
        ) {
            let singles = single_byte_charsets();
            let e = singles[which.index(singles.len())];
            let [fast, general] = single_byte_both(e, &bytes);
            prop_assert_eq!(fast, general, "{}", e.name());
        }
    }

    /// Bytes that exercise the sniffing: arbitrary bytes, valid UTF-8, ASCII, with a UTF-8
    /// BOM or one stray byte, and bytes after a UTF-16 BOM.
    fn mail_text() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..300),
            any::<String>().prop_map(String::into_bytes),
            "[ -~\r\n]{0,200}".prop_map(String::into_bytes),
            any::<String>().prop_map(|s| [&b"\xEF\xBB\xBF"[..], s.as_bytes()].concat()),
            (
                prop::sample::select(vec![&b"\xFE\xFF"[..], b"\xFF\xFE"]),
                proptest::collection::vec(any::<u8>(), 0..100)
            )
                .prop_map(|(bom, rest)| [bom, &rest].concat()),
            (any::<String>(), any::<u8>(), any::<prop::sample::Index>()).prop_map(|(s, b, i)| {
                let mut v = s.into_bytes();
                v.insert(i.index(v.len() + 1), b);
                v
            }),
        ]
    }

    proptest! {
        #[test]
        fn owned_decode_agrees_with_borrowed(
            bytes in mail_text(),
            label in 0..OWNED_LABELS.len(),
            utf8_fallback in any::<bool>(),
        ) {
            let fallback = if utf8_fallback { Charset::UTF_8 } else { Charset::WINDOWS_1252 };
            let [owned, borrowed] = owned_and_borrowed(&bytes, OWNED_LABELS[label], fallback);
            prop_assert_eq!(owned, borrowed);
        }

        #[test]
        fn decoders_never_panic(data in proptest::collection::vec(any::<u8>(), 0..200), idx in 0usize..12) {
            let labels = ["utf-8", "us-ascii", "utf-7", "utf-16", "utf-16le", "shift_jis", "iso-2022-jp", "euc-kr",
                "gb18030", "big5", "x-unknown", "windows-1252"];
            let cs = Charset::for_label(labels[idx].as_bytes()).unwrap();
            let mut issues = Vec::new();
            let _ = cs.decode(&data, &mut issues);
            prop_assert!(issues.len() <= 1);
        }

        #[test]
        fn encode_then_decode_round_trips_for_unicode_charsets(s in any::<String>(), idx in 0usize..5) {
            let labels = ["utf-8", "utf-7", "utf-16", "utf-16le", "utf-16be"];
            let cs = Charset::for_label(labels[idx].as_bytes()).unwrap();
            prop_assume!(!s.starts_with('\u{FEFF}'));
            let bytes = cs.encode(&s);
            let mut issues = Vec::new();
            prop_assert_eq!(cs.decode(&bytes, &mut issues), s.as_str());
            prop_assert!(issues.is_empty());
        }
    }
}
