//! Every public item has a summary line and an example that compiles (STYLE.md, "Docs";
//! issue 11).
//!
//! A source scan of `src/`, so that it runs on stable with `cargo test`: it lists the
//! public modules, types, traits, trait methods, functions, inherent methods and
//! constants whose doc comment has no summary line, or no Rust code block (a fence with
//! no info string, or `rust`, `no_run` or `should_panic`; `ignore` and `text` blocks are
//! not compiled, so they do not count). Struct fields and enum variants are not items
//! of their own here. Items behind `#[doc(hidden)]`, `#[cfg(test)]`,
//! `#[cfg(doctest)]` or the hidden `fuzzing` feature are skipped, and so is everything
//! in trait impls (their docs are the trait's). `pub(crate)` and narrower are private;
//! a plain `pub` item is public because the `unreachable_pub` lint (Cargo.toml) keeps
//! every unreachable one `pub(crate)`.
//!
//! `cargo +nightly rustdoc --lib -- -Z unstable-options --show-coverage` counts examples
//! too, but not the inherent methods of types re-exported from private modules, which
//! are most of this crate's API; hence the scan. It finds the same items as rustdoc's
//! JSON output (`--output-format json`) walked from the crate root, plus the crate root.
//!
//! `DOC_COVERAGE_LIST=1 cargo test --test doc_coverage -- --nocapture` prints every item
//! found, with whether it has an example.

use std::fmt;
use std::path::{Path, PathBuf};

/// A public item found in the source.
struct Item {
    /// `Type::method`, `module::function`, `Type`, ...
    name: String,
    file: PathBuf,
    line: usize,
    has_summary: bool,
    has_example: bool,
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}:{})", self.name, self.file.display(), self.line)
    }
}

/// What a `{ ... }` block is, for what counts as an item inside it.
#[derive(Clone, PartialEq)]
enum Block {
    /// A module body (or the file): `pub` items count.
    Module(String),
    /// `impl Type { ... }`: `pub fn` and `pub const` count, as `Type::name`.
    Inherent(String),
    /// `pub trait Name { ... }`: every `fn` counts, as `Name::name`.
    Trait(String),
    /// `macro_rules! name { ... }`: the body of each rule is read as the module's, where
    /// the macro is invoked.
    MacroRules(String),
    /// Anything else (a trait impl, a function body, a struct, a hidden module): nothing
    /// inside counts.
    Opaque,
}

/// The source with comments, string and character literals blanked (newlines kept), so
/// that braces and keywords are only counted in code.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r')))
            && !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_')
            && {
                let start = if c == 'b' { i + 2 } else { i + 1 };
                let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
                chars.get(start + hashes) == Some(&'"')
            }
        {
            // A raw string: r"..", r#".."#, br".."
            let start = if c == 'b' { i + 2 } else { i + 1 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            for _ in i..start + hashes + 1 {
                out.push(' ');
            }
            i = start + hashes + 1;
            while i < chars.len() {
                if chars[i] == '"'
                    && chars[i + 1..].iter().take(hashes).filter(|&&h| h == '#').count() == hashes
                {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += hashes + 1;
                    break;
                }
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}', '{') or a lifetime ('a).
            let end = if next == Some('\\') {
                chars[i + 2..].iter().position(|&q| q == '\'').map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    for _ in i..=end {
                        out.push(' ');
                    }
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The doc comment and attributes written above line `index` (0-based) of `lines`.
fn outer_docs_and_attributes(lines: &[&str], index: usize) -> (Vec<String>, String) {
    let mut docs = Vec::new();
    let mut attributes = String::new();
    let mut i = index;
    let mut in_attribute = false;
    while i > 0 {
        i -= 1;
        let line = lines[i].trim();
        if let Some(doc) = line.strip_prefix("///") {
            docs.push(doc.strip_prefix(' ').unwrap_or(doc).to_owned());
        } else if line.starts_with("#[") {
            attributes.insert_str(0, line);
            in_attribute = false;
        } else if in_attribute || line.ends_with(")]") || line.ends_with(']') && !line.is_empty() {
            // A line of an attribute written over several lines.
            attributes.insert_str(0, line);
            in_attribute = true;
        } else {
            break;
        }
    }
    docs.reverse();
    (docs, attributes)
}

/// The `//!` docs at the top of a module file.
fn inner_docs(source: &str) -> Vec<String> {
    source
        .lines()
        .map(str::trim)
        .take_while(|l| l.starts_with("//!") || l.is_empty())
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|d| d.strip_prefix(' ').unwrap_or(d).to_owned())
        .collect()
}

fn hidden(attributes: &str) -> bool {
    let a: String = attributes.chars().filter(|c| !c.is_whitespace()).collect();
    a.contains("#[doc(hidden)]")
        || a.contains("#[cfg(test)]")
        || a.contains("#[cfg(doctest)]")
        || a.contains("#[cfg(feature=\"fuzzing\")]")
}

/// Whether `docs` hold a code block rustdoc compiles and runs (or at least compiles).
fn has_example(docs: &[String]) -> bool {
    let mut in_block = false;
    docs.iter().any(|line| {
        let Some(info) = line.trim_start().strip_prefix("```") else { return false };
        in_block = !in_block;
        if !in_block {
            return false;
        }
        let tags: Vec<&str> = info.split([',', ' ']).filter(|t| !t.is_empty()).collect();
        tags.iter().all(|t| matches!(*t, "rust" | "no_run" | "should_panic") || t.starts_with("edition"))
    })
}

fn has_summary(docs: &[String]) -> bool {
    docs.first().is_some_and(|l| !l.trim().is_empty())
}

/// The type an inherent `impl` header is for: `impl<'a> Part<'a>` is `Part`.
fn impl_type(header: &str) -> String {
    let mut rest = header.trim_start().strip_prefix("impl").unwrap_or(header).trim_start();
    if rest.starts_with('<') {
        let mut depth = 0;
        for (i, c) in rest.char_indices() {
            match c {
                '<' => depth += 1,
                '>' => {
                    depth -= 1;
                    if depth == 0 {
                        rest = &rest[i + 1..];
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    let path = rest.trim_start().split(['<', ' ', '{']).next().unwrap_or("");
    path.rsplit("::").next().unwrap_or(path).to_owned()
}

/// Whether an `impl` header implements a trait (`impl<T> Trait for T`).
fn is_trait_impl(header: &str) -> bool {
    header.split_whitespace().any(|w| w == "for")
}

/// The name after `keyword` in `line`: `pub fn decode<'a>(` with `fn` is `decode`.
fn name_after<'l>(line: &'l str, keyword: &str) -> Option<&'l str> {
    let mut words = line.split_whitespace();
    words.find(|w| *w == keyword)?;
    let name = words.next()?;
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(name.len());
    Some(&name[..end]).filter(|n| !n.is_empty())
}

/// The item a line declares: its keyword (`fn`, `struct`, `const`, ...) and name, for
/// `pub fn decode<'a>(`, `pub const fn encoded_len(`, `pub struct Part<'a> {`, ...
fn declared(code_line: &str) -> Option<(&'static str, String)> {
    let rest = code_line.trim_start().strip_prefix("pub ")?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let mut i = 0;
    // `pub const fn`, `pub unsafe fn`, `pub async fn`
    while words.get(i).is_some_and(|w| matches!(*w, "const" | "unsafe" | "async"))
        && words.get(i + 1).is_some_and(|w| matches!(*w, "fn" | "unsafe" | "async"))
    {
        i += 1;
    }
    let keyword = ["fn", "struct", "enum", "trait", "const", "static", "type", "mod", "union"]
        .into_iter()
        .find(|k| words.get(i) == Some(k))?;
    let name = words.get(i + 1)?;
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(name.len());
    Some((keyword, name[..end].to_owned())).filter(|(_, n)| !n.is_empty())
}

/// `header` without the attributes written before it.
fn without_attributes(header: &str) -> &str {
    let mut rest = header.trim_start();
    while let Some(attribute) = rest.strip_prefix("#[") {
        let mut depth = 1;
        let end = attribute.char_indices().find_map(|(i, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(i)
        });
        match end {
            Some(end) => rest = attribute[end + 1..].trim_start(),
            None => return rest,
        }
    }
    rest
}

fn module_file(dir: &Path, name: &str) -> Option<PathBuf> {
    [dir.join(format!("{name}.rs")), dir.join(name).join("mod.rs")].into_iter().find(|p| p.exists())
}

/// Scans one module file; `module` is its path (`""` for the crate root, `encoding`).
fn scan(file: &Path, module: &str, root: &Path, items: &mut Vec<Item>) {
    let source = std::fs::read_to_string(file).unwrap();
    let code = code_only(&source);
    let lines: Vec<&str> = source.lines().collect();
    let code_lines: Vec<&str> = code.lines().collect();
    let relative = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    // The directory a `mod x;` here is looked up in.
    let children = if file.ends_with("mod.rs") || file.ends_with("lib.rs") {
        file.parent().unwrap().to_path_buf()
    } else {
        file.with_extension("")
    };
    let mut stack = vec![Block::Module(module.to_owned())];
    // Code since the last `;`, `{` or `}`: the header of the next block.
    let mut header = String::new();
    // What the next `{` opens, when the line that declared it said so.
    let mut pending: Option<Block> = None;
    for (index, code_line) in code_lines.iter().enumerate() {
        let current = stack.last().cloned().unwrap_or(Block::Opaque);
        let trimmed = code_line.trim_start();
        let (docs, attributes) = outer_docs_and_attributes(&lines, index);
        let is_hidden = hidden(&attributes);
        let prefix = |name: &str| match &current {
            Block::Module(m) if m.is_empty() => name.to_owned(),
            Block::Module(m) => format!("{m}::{name}"),
            Block::Inherent(t) | Block::Trait(t) => format!("{t}::{name}"),
            Block::MacroRules(_) | Block::Opaque => name.to_owned(),
        };
        let mut push = |name: String, docs: &[String]| {
            items.push(Item {
                name,
                file: relative.clone(),
                line: index + 1,
                has_summary: has_summary(docs),
                has_example: has_example(docs),
            })
        };
        match &current {
            Block::Module(_) => {
                if let Some((keyword, name)) = declared(code_line) {
                    if is_hidden {
                        pending = Some(Block::Opaque);
                    } else if keyword == "mod" {
                        let child = prefix(&name);
                        if trimmed.trim_end().ends_with(';') {
                            let path = module_file(&children, &name)
                                .unwrap_or_else(|| panic!("no file for `mod {name}` in {}", file.display()));
                            let mut all = docs.clone();
                            all.extend(inner_docs(&std::fs::read_to_string(&path).unwrap()));
                            push(child.clone(), &all);
                            scan(&path, &child, root, items);
                        } else {
                            push(child.clone(), &docs);
                            pending = Some(Block::Module(child));
                        }
                    } else {
                        push(prefix(&name), &docs);
                        pending = Some(if keyword == "trait" { Block::Trait(name) } else { Block::Opaque });
                    }
                } else if trimmed.starts_with("mod ")
                    || trimmed.starts_with("pub(") && trimmed.contains(" mod ")
                {
                    // A private module: `mod x;` is scanned (its `pub` items may be
                    // re-exported), `mod x { .. }` too unless hidden.
                    let name = name_after(trimmed, "mod").unwrap().to_owned();
                    if trimmed.trim_end().ends_with(';') {
                        if !is_hidden {
                            let path = module_file(&children, &name)
                                .unwrap_or_else(|| panic!("no file for `mod {name}` in {}", file.display()));
                            // Its items are named by where they are re-exported: here.
                            scan(&path, module, root, items);
                        }
                    } else {
                        let here = match &current {
                            Block::Module(m) => m.clone(),
                            _ => String::new(),
                        };
                        pending = Some(if is_hidden { Block::Opaque } else { Block::Module(here) });
                    }
                }
            }
            Block::Inherent(_) => {
                if let Some((keyword, name)) = declared(code_line)
                    && !is_hidden
                    && (keyword == "fn" || keyword == "const")
                {
                    push(prefix(&name), &docs);
                }
            }
            Block::Trait(_) => {
                if let Some(name) = name_after(trimmed, "fn").filter(|_| trimmed.starts_with("fn "))
                    && !is_hidden
                {
                    push(prefix(name), &docs);
                }
            }
            Block::MacroRules(_) | Block::Opaque => {}
        }
        for c in code_line.chars() {
            match c {
                '{' => {
                    let opened = match (pending.take(), stack.last()) {
                        (Some(block), _) => block,
                        (None, Some(Block::MacroRules(m))) => Block::Module(m.clone()),
                        (None, Some(Block::Module(m))) => {
                            let h = without_attributes(&header);
                            if h.starts_with("macro_rules!") {
                                Block::MacroRules(m.clone())
                            } else if h.starts_with("impl") && !is_trait_impl(h) && !is_hidden {
                                Block::Inherent(impl_type(h))
                            } else {
                                Block::Opaque
                            }
                        }
                        (None, _) => Block::Opaque,
                    };
                    stack.push(opened);
                    header.clear();
                }
                '}' => {
                    stack.pop();
                    header.clear();
                }
                ';' => {
                    // The end of an item without a body (`pub struct Unit;`, `pub const
                    // X: u8 = 1;`), unless inside brackets (`[u8; 4]`).
                    let open = header.matches(['(', '[']).count();
                    if open == header.matches([')', ']']).count() {
                        pending = None;
                        header.clear();
                    } else {
                        header.push(c);
                    }
                }
                _ => header.push(c),
            }
        }
        header.push(' ');
    }
}

fn items() -> Vec<Item> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut items = Vec::new();
    let lib = root.join("src/lib.rs");
    items.push(Item {
        name: "crate".to_owned(),
        file: PathBuf::from("src/lib.rs"),
        line: 1,
        has_summary: has_summary(&inner_docs(&std::fs::read_to_string(&lib).unwrap())),
        has_example: has_example(&inner_docs(&std::fs::read_to_string(&lib).unwrap())),
    });
    scan(&lib, "", root, &mut items);
    items
}

#[test]
fn every_public_item_has_a_summary_and_an_example() {
    let items = items();
    let without_summary: Vec<&Item> = items.iter().filter(|i| !i.has_summary).collect();
    let without_example: Vec<&Item> = items.iter().filter(|i| !i.has_example).collect();
    let with_example = items.iter().filter(|i| i.has_example).count();
    println!("{with_example} of {} public items have an example", items.len());
    if std::env::var_os("DOC_COVERAGE_LIST").is_some() {
        for item in &items {
            println!("{} {item}", if item.has_example { "yes" } else { "no " });
        }
    }
    let list = |items: &[&Item]| items.iter().map(|i| format!("  {i}\n")).collect::<String>();
    assert!(without_summary.is_empty(), "public items without a summary line:\n{}", list(&without_summary));
    assert!(
        without_example.is_empty(),
        "{} of {} public items have no example (a Rust code block in their docs):\n{}",
        without_example.len(),
        items.len(),
        list(&without_example)
    );
}

/// The scan sees the API: a sample of items of each kind, and none of the private or
/// hidden ones.
#[test]
fn the_scan_finds_items_of_every_kind_and_skips_private_ones() {
    let items = items();
    let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    for expected in [
        "crate",
        "encoding",
        "encoding::base64",
        "encoding::base64::encoded_len",
        "encoding::charset::Charset",
        "Charset::UTF_8",
        "encoding::IssueKind",
        "address::Mailbox",
        "Mailbox::name",
        "IntoAddressees::into_addressees",
        "MessageBuilder::build",
        "Part::text",
        "Message::parse",
        "ErrorKind",
        "DefectKind",
        "DefectKind::name",
        "MessageBuilder",
        "Part::body_text",
    ] {
        assert!(names.contains(&expected), "{expected} not found among {names:?}");
    }
    for private in ["fuzzing", "fuzzing::base64", "ReadmeDoctests", "Bytes", "Bytes::new", "parse"] {
        assert!(!names.contains(&private), "{private} listed");
    }
}

#[test]
fn code_only_blanks_strings_chars_and_comments() {
    let code = code_only("let a = \"{\"; let b = '}'; // {\nlet c = r#\"}\"#; /* { */ fn f<'a>() {}");
    assert_eq!(code.matches('{').count(), 1);
    assert_eq!(code.matches('}').count(), 1);
    assert!(code.contains("fn f<'a>()"));
}

#[test]
fn only_compiled_code_blocks_count_as_examples() {
    let docs = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
    assert!(has_example(&docs("Summary.\n\n```\nlet x = 1;\n```")));
    assert!(has_example(&docs("```rust\n```")));
    assert!(has_example(&docs("```no_run\n```")));
    assert!(!has_example(&docs("```text\nnot code\n```")));
    assert!(!has_example(&docs("```ignore\n```")));
    assert!(!has_example(&docs("```compile_fail\nlet x: u8 = 256;\n```")));
    assert!(!has_example(&docs("Only prose.")));
}
