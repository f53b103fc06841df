//! Safe file names for attachments: turning the name a sender chose into one path
//! component that can be created in a directory on Linux, macOS and Windows without
//! leaving that directory, hiding the file, or naming a device.
//!
//! This is text processing only: it reads no header. [`Part::filename`](crate::Part::filename)
//! gives the name a message declares; [`safe_file_name`] makes it safe, and [`FileNames`]
//! also keeps the names of one extraction apart.

use std::collections::{HashMap, HashSet};

use crate::encoding::safe::is_bidi_control;

/// The most bytes a name may have: what ext4, XFS, Btrfs and APFS allow in one component
/// (NTFS allows 255 UTF-16 units, never fewer than 255 UTF-8 bytes).
const MAX_BYTES: usize = 255;

/// What an empty name, or one that is nothing but dots, separators and white space,
/// becomes.
const FALLBACK: &str = "attachment";

/// The longest extension, dot excluded, that shortening keeps whole. Anything after the
/// last dot that is longer is treated as part of the name.
const MAX_EXTENSION_BYTES: usize = 32;

/// `name`, an untrusted attachment file name, as one safe path component.
///
/// The result can be joined to a directory and created there: it never leaves the
/// directory, on Linux, macOS or Windows. The rules, in the order they apply:
///
/// 1. **One component.** `/` and `\` separate components; the components that are empty
///    or nothing but dots (`.`, `..`, `...`) are dropped, and the rest are joined with
///    `_`: `../../etc/passwd` becomes `etc_passwd`, `C:\temp\x` becomes `C__temp_x`.
/// 2. **No leading or trailing dots, white space or control characters.** A leading dot
///    hides a file on Unix (`.bashrc`), and Windows drops trailing dots and spaces, so
///    `a.txt.` and `a.txt` would be one file.
/// 3. **No control or formatting characters.** Every control character (C0, DEL and C1:
///    NUL, CR, LF, ESC, ...) and every bidirectional override and isolate (U+202A–U+202E,
///    U+2066–U+2069, which make `invoice\u{202e}fdp.exe` display as `invoiceexe.pdf`) is
///    replaced with `_`.
/// 4. **No characters Windows forbids**: `<`, `>`, `:`, `"`, `|`, `?` and `*` are
///    replaced with `_` (a `:` would also open an NTFS alternate data stream).
/// 5. **Never empty.** What is left of an empty name becomes `attachment`.
/// 6. **At most 255 bytes** of UTF-8. A longer name is shortened at the end of its stem,
///    never inside a UTF-8 character, and keeps its extension (the text after the last
///    dot, when it is at most 32 bytes): 300 `x` and `.pdf` become 251 `x` and `.pdf`.
/// 7. **No Windows device name.** A name whose part before the first dot, less trailing
///    white space, is `CON`, `PRN`, `AUX`, `NUL`, `CONIN$`, `CONOUT$`, `COM0`–`COM9`,
///    `LPT0`–`LPT9`, or `COM` or `LPT` with a superscript `¹`, `²` or `³`, in any case,
///    opens the device instead of a file on Windows: it gets a `_` in front (`con.txt`
///    becomes `_con.txt`).
///
/// Everything else is kept, non-ASCII letters included; a name that already follows the
/// rules is returned unchanged, so the function is idempotent. Names that differ only in
/// case are still different names: [`FileNames`] also keeps them apart.
///
/// Not handled: Unicode normalization (macOS HFS+ stores names decomposed, which can make
/// a name longer than 255 bytes there) and characters that merely look like a separator
/// (U+2215 `∕`).
///
/// # Examples
///
/// ```
/// use mailmime::safe_file_name;
///
/// assert_eq!(safe_file_name("report.pdf"), "report.pdf");
/// assert_eq!(safe_file_name("../../etc/passwd"), "etc_passwd");
/// assert_eq!(safe_file_name(".."), "attachment");
/// assert_eq!(safe_file_name(".bashrc"), "bashrc");
/// assert_eq!(safe_file_name("invoice\u{202e}fdp.exe"), "invoice_fdp.exe");
/// assert_eq!(safe_file_name("CON.txt"), "_CON.txt");
/// assert_eq!(safe_file_name("why?.txt. "), "why_.txt");
/// let long = safe_file_name(&format!("{}.pdf", "é".repeat(200)));
/// assert_eq!(long.len(), 254); // 125 two-byte characters and ".pdf"
/// assert!(long.ends_with("é.pdf"));
/// ```
pub fn safe_file_name(name: &str) -> String {
    let cleaned = clean(name);
    let (stem, extension) = split_extension(&cleaned);
    fit(stem, "", extension)
}

/// Rules 1 to 5 of [`safe_file_name`]: one component, trimmed, with every forbidden
/// character replaced; never empty.
fn clean(name: &str) -> String {
    let mut joined = String::with_capacity(name.len());
    for component in name.split(['/', '\\']).filter(|c| !c.chars().all(|c| c == '.')) {
        if !joined.is_empty() {
            joined.push('_');
        }
        joined.push_str(component);
    }
    let trimmed = joined.trim_matches(is_trimmed);
    if trimmed.is_empty() {
        return FALLBACK.to_owned();
    }
    trimmed.chars().map(|c| if is_replaced(c) { '_' } else { c }).collect()
}

/// Whether `c` is removed from either end of a name (rule 2).
fn is_trimmed(c: char) -> bool {
    c == '.' || c.is_whitespace() || c.is_control()
}

/// Whether `c` is replaced with `_` (rules 3 and 4).
fn is_replaced(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*')
}

/// `name` split before its extension: (stem, extension with its dot, or "").
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot - 1 <= MAX_EXTENSION_BYTES => name.split_at(dot),
        _ => (name, ""),
    }
}

/// `stem`, `suffix` and `extension` joined into a name of at most [`MAX_BYTES`] bytes
/// that is no Windows device name (rules 6 and 7). `stem` is a cleaned name's stem, so it
/// starts with a character that is kept; `suffix` and `extension` together are short.
fn fit(stem: &str, suffix: &str, extension: &str) -> String {
    let room = MAX_BYTES - suffix.len() - extension.len();
    let join = |room: usize| {
        let short = truncate(stem, room);
        // What shortening leaves at the end must not be a dot or a space either.
        let short = if short.len() < stem.len() { short.trim_end_matches(is_trimmed) } else { short };
        format!("{short}{suffix}{extension}")
    };
    let name = join(room);
    if is_device_name(&name) { format!("_{}", join(room - 1)) } else { name }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether Windows opens a device for `name` (rule 7).
fn is_device_name(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or(name).trim_end_matches(char::is_whitespace);
    let upper = base.to_uppercase();
    if matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$") {
        return true;
    }
    match (upper.get(..3), upper.get(3..)) {
        (Some("COM" | "LPT"), Some(number)) => {
            matches!(number, "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³")
        }
        _ => false,
    }
}

/// The names of the files of one extraction: each one safe, and no two the same, also on
/// a file system that ignores case.
///
/// [`insert`](Self::insert) makes a name safe with [`safe_file_name`] and, when an equal
/// name (ignoring case) was handed out before, numbers it before the extension:
/// `same.txt`, `same (2).txt`, `Same (3).txt`. The number never makes a name longer than
/// 255 bytes: the stem is shortened instead.
///
/// # Examples
///
/// ```
/// use mailmime::FileNames;
///
/// let mut names = FileNames::new();
/// assert_eq!(names.insert("same.txt"), "same.txt");
/// assert_eq!(names.insert("same.txt"), "same (2).txt");
/// assert_eq!(names.insert("SAME.TXT"), "SAME (3).TXT");
/// assert_eq!(names.insert("../same.txt"), "same (4).txt");
/// assert_eq!(names.insert("same (2).txt"), "same (2) (2).txt");
/// assert!(names.contains("Same (2).TXT"));
/// assert_eq!(names.len(), 5);
/// ```
#[derive(Debug, Clone, Default)]
pub struct FileNames {
    /// Every name handed out, lowercased.
    taken: HashSet<String>,
    /// For each safe name handed out more than once (lowercased), the next number to try.
    next: HashMap<String, u64>,
}

impl FileNames {
    /// An empty set.
    ///
    /// # Examples
    ///
    /// ```
    /// let names = mailmime::FileNames::new();
    /// assert!(names.is_empty());
    /// ```
    pub fn new() -> Self {
        FileNames::default()
    }

    /// `name` made safe ([`safe_file_name`]) and different from every name handed out
    /// before, ignoring case; the result is handed out, so the next call never gives it.
    ///
    /// To avoid a file that already exists, call it again with the same name: each call
    /// gives the next number.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut names = mailmime::FileNames::new();
    /// assert_eq!(names.insert("con"), "_con");
    /// assert_eq!(names.insert("CON"), "_CON (2)");
    /// assert_eq!(names.insert(""), "attachment");
    /// assert_eq!(names.insert("/"), "attachment (2)");
    /// ```
    pub fn insert(&mut self, name: &str) -> String {
        let safe = safe_file_name(name);
        let key = safe.to_lowercase();
        if !self.taken.contains(&key) {
            self.taken.insert(key);
            return safe;
        }
        let (stem, extension) = split_extension(&safe);
        let number = self.next.entry(key).or_insert(2);
        loop {
            let candidate = fit(stem, &format!(" ({number})"), extension);
            *number += 1;
            if self.taken.insert(candidate.to_lowercase()) {
                return candidate;
            }
        }
    }

    /// Whether `name` was handed out, ignoring case.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut names = mailmime::FileNames::new();
    /// names.insert("a/b");
    /// assert!(names.contains("A_B"));
    /// assert!(!names.contains("a/b"));
    /// ```
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(&name.to_lowercase())
    }

    /// How many names were handed out.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut names = mailmime::FileNames::new();
    /// names.insert("x");
    /// names.insert("x");
    /// assert_eq!(names.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.taken.len()
    }

    /// Whether no name was handed out.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut names = mailmime::FileNames::new();
    /// assert!(names.is_empty());
    /// names.insert("x");
    /// assert!(!names.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.taken.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every rule of [`safe_file_name`], checked without its helpers; the rule broken.
    fn broken_rule(name: &str) -> Option<&'static str> {
        let base = name.split('.').next().unwrap_or_default().trim_end().to_uppercase();
        let devices = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];
        let numbered = ["COM", "LPT"].iter().any(|d| {
            base.strip_prefix(d).is_some_and(|n| n.chars().count() == 1 && "0123456789¹²³".contains(n))
        });
        if name.is_empty() {
            Some("empty")
        } else if name.len() > MAX_BYTES {
            Some("longer than 255 bytes")
        } else if name.contains(['/', '\\']) {
            Some("separator")
        } else if name.starts_with('.') || name.starts_with(char::is_whitespace) {
            Some("leading dot or space")
        } else if name.ends_with(['.', ' ']) || name.ends_with(char::is_whitespace) {
            Some("trailing dot or space")
        } else if name.chars().any(char::is_control) {
            Some("control character")
        } else if name.chars().any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')) {
            Some("bidi control")
        } else if name.contains(['<', '>', ':', '"', '|', '?', '*']) {
            Some("character Windows forbids")
        } else if devices.contains(&base.as_str()) || numbered {
            Some("device name")
        } else {
            None
        }
    }

    /// Asserts `safe_file_name(input) == expected` for each pair.
    fn known_answers(cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(safe_file_name(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn paths_become_one_component() {
        known_answers(&[
            ("../../etc/passwd", "etc_passwd"),
            ("/tmp/x", "tmp_x"),
            ("a/b", "a_b"),
            ("a//./b/../c", "a_b_c"),
            ("..\\..\\Windows\\win.ini", "Windows_win.ini"),
            ("C:\\temp\\x", "C__temp_x"),
            ("a/.../b", "a_b"),
            ("dir/", "dir"),
        ]);
    }

    #[test]
    fn dots_and_separators_alone_become_the_fallback() {
        let names = ["", ".", "..", "...", "/", "\\", "../..", "./", " ", " . ", "\0", "\r\n"];
        known_answers(&names.map(|name| (name, "attachment")));
    }

    #[test]
    fn leading_dots_and_white_space_are_removed() {
        known_answers(&[
            (".bashrc", "bashrc"),
            ("...hidden.txt", "hidden.txt"),
            ("  . x", "x"),
            ("..a", "a"),
        ]);
    }

    #[test]
    fn trailing_dots_and_white_space_are_removed() {
        known_answers(&[
            ("a.txt.", "a.txt"),
            ("a.txt . . ", "a.txt"),
            ("report.pdf\n", "report.pdf"),
            ("a\u{3000}", "a"),
        ]);
    }

    #[test]
    fn control_characters_are_replaced() {
        known_answers(&[
            ("a\0b", "a_b"),
            ("a\r\nBcc: x", "a__Bcc_ x"),
            ("\u{1b}[31mred\u{1b}[0m.txt", "[31mred_[0m.txt"),
            ("tab\there", "tab_here"),
            ("del\u{7f}c1\u{85}x", "del_c1_x"),
            // What Part::filename puts in place of a control is an ordinary character.
            ("a\u{fffd}.txt", "a\u{fffd}.txt"),
        ]);
    }

    #[test]
    fn bidi_overrides_and_isolates_are_replaced() {
        known_answers(&[("invoice\u{202e}fdp.exe", "invoice_fdp.exe")]);
        for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
            assert_eq!(safe_file_name(&format!("a{c}b")), "a_b", "U+{:04X}", c as u32);
        }
        // Marks that do not reorder text are kept.
        known_answers(&[("a\u{200f}b", "a\u{200f}b")]);
    }

    #[test]
    fn characters_windows_forbids_are_replaced() {
        known_answers(&[("a<b>c:d\"e|f?g*h", "a_b_c_d_e_f_g_h"), ("file.txt:stream", "file.txt_stream")]);
    }

    #[test]
    fn device_names_get_a_prefix_in_any_case_with_any_extension() {
        known_answers(&[
            ("con", "_con"),
            ("CON", "_CON"),
            ("Con.txt", "_Con.txt"),
            ("nul.tar.gz", "_nul.tar.gz"),
            ("aux", "_aux"),
            ("prn.", "_prn"),
            ("com1", "_com1"),
            ("COM9.log", "_COM9.log"),
            ("lpt1", "_lpt1"),
            ("LPT0", "_LPT0"),
            ("conin$", "_conin$"),
            ("CONOUT$.txt", "_CONOUT$.txt"),
            ("com\u{b9}", "_com\u{b9}"),
            ("lpt\u{b3}.x", "_lpt\u{b3}.x"),
            ("con .txt", "_con .txt"),
            ("../con", "_con"),
        ]);
        // Only the whole word before the first dot is a device.
        let names = ["console", "com10", "lpt", "com", "xcon", "con_x", "icon.png", "nul-1.txt", "com\u{b4}"];
        known_answers(&names.map(|name| (name, name)));
    }

    #[test]
    fn long_names_are_shortened_to_255_bytes_keeping_the_extension() {
        let long = format!("{}.pdf", "x".repeat(296));
        assert_eq!(long.len(), 300);
        assert_eq!(safe_file_name(&long), format!("{}.pdf", "x".repeat(251)));
        // Two-, three- and four-byte characters are never split.
        for c in ['é', '€', '😀'] {
            let safe = safe_file_name(&format!("{}.txt", c.to_string().repeat(200)));
            let whole = (MAX_BYTES - 4) / c.len_utf8();
            assert_eq!(safe, format!("{}.txt", c.to_string().repeat(whole)), "{c}");
        }
        // An extension over 32 bytes is part of the name.
        let odd = format!("a.{}", "b".repeat(300));
        assert_eq!(safe_file_name(&odd), format!("a.{}", "b".repeat(253)));
        // Shortening never leaves a trailing dot or space before the extension.
        let spaced = format!("{}{}.txt", "y".repeat(249), " .".repeat(10));
        assert_eq!(safe_file_name(&spaced), format!("{}.txt", "y".repeat(249)));
        assert_eq!(safe_file_name(&"z".repeat(255)), "z".repeat(255));
    }

    #[test]
    fn shortening_never_uncovers_a_device_name() {
        // 3 + 248 spaces + "x" + ".txt" is 256 bytes: shortened, the stem is "con".
        let name = format!("con{}x.txt", " ".repeat(248));
        assert_eq!(safe_file_name(&name), "_con.txt");
    }

    #[test]
    fn safe_names_are_kept_as_they_are() {
        let names = ["report.pdf", "Résumé 2024.docx", "写真.jpg", "a_b", "_con", "x (2).txt", "a..b"];
        known_answers(&names.map(|name| (name, name)));
    }

    #[test]
    fn repeated_names_are_numbered_before_the_extension_ignoring_case() {
        let mut names = FileNames::new();
        let given: Vec<String> =
            ["same.txt", "same.txt", "Same.txt", "same", "same", ".tar.gz", "a.tar.gz", "a.tar.gz"]
                .iter()
                .map(|n| names.insert(n))
                .collect();
        assert_eq!(
            given,
            [
                "same.txt",
                "same (2).txt",
                "Same (3).txt",
                "same",
                "same (2)",
                "tar.gz",
                "a.tar.gz",
                "a.tar (2).gz"
            ]
        );
        assert_eq!(names.len(), 8);
        assert!(names.contains("SAME (3).TXT"));
        assert!(!names.contains("same (4).txt"));
    }

    #[test]
    fn a_name_taken_literally_is_skipped_by_the_numbering() {
        let mut names = FileNames::new();
        assert_eq!(names.insert("x (2).txt"), "x (2).txt");
        assert_eq!(names.insert("x.txt"), "x.txt");
        assert_eq!(names.insert("x.txt"), "x (3).txt");
        assert_eq!(names.insert("x.txt"), "x (4).txt");
    }

    #[test]
    fn numbered_names_stay_within_255_bytes() {
        let mut names = FileNames::new();
        let long = format!("{}.pdf", "é".repeat(200));
        let first = names.insert(&long);
        assert_eq!(first.len(), 254);
        for n in 2..=12 {
            let next = names.insert(&long);
            let suffix = format!(" ({n}).pdf");
            assert!(next.ends_with(&suffix), "{next}");
            let stem = &next[..next.len() - suffix.len()];
            assert_eq!(stem, "é".repeat((MAX_BYTES - suffix.len()) / 2), "{n}");
        }
    }

    #[test]
    fn numbering_a_shortened_device_name_keeps_it_safe() {
        let mut names = FileNames::new();
        let name = format!("con{}x.txt", " ".repeat(248));
        assert_eq!(names.insert(&name), "_con.txt");
        assert_eq!(names.insert(&name), "_con (2).txt");
        assert_eq!(names.insert("con.txt"), "_con (3).txt");
    }

    #[test]
    fn the_checker_catches_each_rule() {
        // The property tests below are only as good as this checker.
        let long = "x".repeat(256);
        let cases = [
            ("", "empty"),
            (long.as_str(), "longer than 255 bytes"),
            ("a/b", "separator"),
            ("a\\b", "separator"),
            (".a", "leading dot or space"),
            ("a.", "trailing dot or space"),
            ("a\u{3000}", "trailing dot or space"),
            ("a\0b", "control character"),
            ("a\u{2067}b", "bidi control"),
            ("a:b", "character Windows forbids"),
            ("Lpt\u{b2}.x", "device name"),
            ("nul .x", "device name"),
        ];
        for (name, rule) in cases {
            assert_eq!(broken_rule(name), Some(rule), "{name:?}");
        }
        assert_eq!(broken_rule("ok.txt"), None);
    }

    /// Strings made mostly of the characters the rules are about.
    fn hostile_name() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => prop::sample::select(vec![
                ".", "..", "/", "\\", " ", "\t", "\0", "\r\n", "\u{85}", "\u{3000}", "\u{202e}", "\u{2066}",
                ":", "*", "?", "\"", "<", ">", "|", "é", "€", "😀", "\u{b9}", "$", "_", "(2)",
            ]).prop_map(str::to_owned),
            2 => "(?i)(con|prn|aux|nul|conin\\$|conout\\$|com[0-9]|lpt[0-9])",
            2 => "[a-zA-Z0-9]{1,40}",
            1 => "[a-z]{200,300}",
            1 => any::<String>(),
        ];
        prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn every_output_follows_every_rule(name in hostile_name()) {
            let safe = safe_file_name(&name);
            prop_assert_eq!(broken_rule(&safe), None, "{:?} -> {:?}", name, safe);
            prop_assert_eq!(safe_file_name(&safe), safe.clone(), "not idempotent");
        }

        #[test]
        fn arbitrary_strings_give_safe_names(name in any::<String>()) {
            let safe = safe_file_name(&name);
            prop_assert_eq!(broken_rule(&safe), None, "{:?} -> {:?}", name, safe);
        }

        #[test]
        fn file_names_are_safe_and_distinct_ignoring_case(
            list in prop::collection::vec(prop_oneof![hostile_name(), Just("Same.txt".to_owned())], 1..20)
        ) {
            let mut names = FileNames::new();
            let mut seen = HashSet::new();
            for name in &list {
                let given = names.insert(name);
                prop_assert_eq!(broken_rule(&given), None, "{:?} -> {:?}", name, given);
                prop_assert!(seen.insert(given.to_lowercase()), "{:?} given twice", given);
            }
            prop_assert_eq!(names.len(), list.len());
        }
    }
}
