//! mailmime, mail-parser 1.0 and mailparse side by side, in one run: throughput
//! (medians of interleaved iterations), peak memory (child processes under
//! `/usr/bin/time -v`) and scaling with the number of parts, levels and header fields.
//!
//! ```text
//! mailmime-compare [all | throughput | memory | scaling]   (default: all)
//! mailmime-compare --mem PARSER MODE DIR                   (one memory measurement)
//! ```
//!
//! See the README of this crate for exactly what is timed.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use mailmime_compare::inputs::{self, Input};
use mailmime_compare::{
    Kept, Mode, PARSERS, Walk, WalkFn, base64_body, cpython, mail_parser_side, mailmime_side, mailparse_side,
};

const MIB: f64 = (1 << 20) as f64;
/// Rounds every group runs at least, whatever the time budget.
const MIN_ROUNDS: usize = 15;
/// Rounds after which a group stops even within its budget.
const MAX_ROUNDS: usize = 20_000;
/// Runs of each memory measurement; the median is reported.
const MEM_RUNS: usize = 3;
/// A time ratio above this many times the size ratio is marked as superlinear
/// (4.4 for a 4x step).
const SUPERLINEAR: f64 = 1.1;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["--mem", parser, mode, dir] => mem_child(parser, mode, Path::new(dir)),
        [] | ["all"] => {
            let inputs = load_inputs();
            throughput(&inputs);
            memory(&inputs);
            scaling();
            footer();
            ExitCode::SUCCESS
        }
        ["throughput"] => {
            throughput(&load_inputs());
            footer();
            ExitCode::SUCCESS
        }
        ["memory"] => {
            memory(&load_inputs());
            ExitCode::SUCCESS
        }
        ["scaling"] => {
            scaling();
            footer();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "usage: mailmime-compare [all | throughput | memory | scaling]\n       \
                 mailmime-compare --mem (mailmime|mail-parser|mailparse|read) (parse|full) DIR"
            );
            ExitCode::from(2)
        }
    }
}

/// Seconds each throughput row runs (`COMPARE_SECS`, default 5); each scaling size runs
/// 0.4 of that.
fn budget() -> Duration {
    let secs = std::env::var("COMPARE_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(5.0);
    Duration::from_secs_f64(secs)
}

/// The six generated inputs and, when the corpus is there, `cpython`.
fn load_inputs() -> Vec<Input> {
    let mut all = inputs::all();
    match cpython() {
        Ok(corpus) => {
            let left_out: Vec<String> = corpus
                .rejected
                .iter()
                .map(|(name, refusing)| format!("{name} (refused by {})", refusing.join(", ")))
                .collect();
            println!(
                "cpython: {} messages from {}; left out: {}",
                corpus.files.len(),
                mailmime_compare::corpora_dir().join("cpython").display(),
                if left_out.is_empty() { "none".to_string() } else { left_out.join(", ") },
            );
            all.push(corpus.input);
        }
        Err(why) => println!("cpython: skipped, no corpus ({why}); set MAILMIME_CORPORA"),
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "cores: {}; load average at start: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    all
}

fn footer() {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("\nload average at end: {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
}

/// One timed function of a group.
type Runner<'a> = Box<dyn FnMut() + 'a>;

/// A runner walking every message of `messages` with `walk`.
fn walker(walk: WalkFn, messages: &[Vec<u8>], mode: Mode) -> Runner<'_> {
    Box::new(move || {
        let mut total = Walk::default();
        for message in messages {
            total += walk(black_box(message), mode).expect("accepted when loaded");
        }
        black_box(total);
    })
}

/// Medians and spread of per-iteration times.
struct Timing {
    median: Duration,
    /// (p75 - p25) / median.
    spread: f64,
}

/// Runs the runners round-robin, the first of each round rotating, one iteration each per
/// round, until `budget` has passed (and at least [`MIN_ROUNDS`] rounds); the median
/// per-iteration time of each. Two untimed rounds first.
fn interleave(runners: &mut [Runner<'_>], budget: Duration) -> (Vec<Timing>, usize) {
    let n = runners.len();
    for _ in 0..2 {
        for r in runners.iter_mut() {
            r();
        }
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); n];
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < MIN_ROUNDS || (start.elapsed() < budget && rounds < MAX_ROUNDS) {
        for k in 0..n {
            let i = (rounds + k) % n;
            let t = Instant::now();
            runners[i]();
            times[i].push(t.elapsed());
        }
        rounds += 1;
    }
    let timings = times
        .into_iter()
        .map(|mut t| {
            t.sort_unstable();
            let at = |q: f64| t[((t.len() - 1) as f64 * q).round() as usize];
            let median =
                if t.len() % 2 == 1 { t[t.len() / 2] } else { (t[t.len() / 2 - 1] + t[t.len() / 2]) / 2 };
            let spread = (at(0.75) - at(0.25)).as_secs_f64() / median.as_secs_f64().max(1e-12);
            Timing { median, spread }
        })
        .collect();
    (timings, rounds)
}

fn mibs(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / MIB / time.as_secs_f64()
}

fn print_table(header: &[String], rows: &[Vec<String>]) {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter().map(|r| r[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, &w))| {
                let pad = w - c.chars().count();
                if i == 0 { format!("{c}{}", " ".repeat(pad)) } else { format!("{}{c}", " ".repeat(pad)) }
            })
            .collect();
        println!("| {} |", cells.join(" | "));
    };
    line(header);
    println!("|{}|", widths.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("|"));
    for row in rows {
        line(row);
    }
}

fn throughput(inputs: &[Input]) {
    let budget = budget();
    println!(
        "\n## Throughput (MiB/s of input, median of interleaved iterations, {:.1} s per row)\n",
        budget.as_secs_f64()
    );
    let mut header: Vec<String> = vec!["input".into(), "mode".into(), "MiB".into(), "rounds".into()];
    header.extend(PARSERS.iter().map(|(name, _)| format!("{name} MiB/s")));
    header.extend(["÷ mail-parser".into(), "÷ mailparse".into(), "spread".into()]);
    let mut rows = Vec::new();
    let mut simd_line = None;
    for input in inputs {
        let size = input.bytes() as usize;
        for mode in Mode::ALL {
            // The ceiling for the attachment: a SIMD decode of its body with the line
            // breaks stripped beforehand (not timed), in the same rounds.
            let simd_body = (input.name == "base64_10mib" && mode == Mode::Full).then(|| {
                let body = base64_body(&input.messages[0]);
                let stripped: Vec<u8> = body.iter().copied().filter(|&b| b != b'\r' && b != b'\n').collect();
                (body.len(), stripped)
            });
            let mut runners: Vec<Runner<'_>> =
                PARSERS.iter().map(|&(_, walk)| walker(walk, &input.messages, mode)).collect();
            if let Some((_, stripped)) = &simd_body {
                let engine = base64::engine::Simd::standard(base64::engine::general_purpose::PAD);
                runners.push(Box::new(move || {
                    use base64::Engine as _;
                    black_box(engine.decode(black_box(stripped)).expect("valid base64"));
                }));
            }
            let (timings, rounds) = interleave(&mut runners, budget);
            let speed: Vec<f64> = timings[..3].iter().map(|t| mibs(size, t.median)).collect();
            let spread = timings.iter().map(|t| t.spread).fold(0.0, f64::max);
            let mut row = vec![
                input.name.to_string(),
                mode.name().to_string(),
                format!("{:.2}", size as f64 / MIB),
                rounds.to_string(),
            ];
            row.extend(speed.iter().map(|s| format!("{s:.0}")));
            row.push(format!("{:.2}x", speed[0] / speed[1]));
            row.push(format!("{:.2}x", speed[0] / speed[2]));
            row.push(format!("{:.0}%", spread * 100.0));
            rows.push(row);
            if let Some((body_len, _)) = simd_body {
                // Speeds in MiB/s of what each one reads: the whole message for the
                // parsers, the body with its line breaks for the SIMD decode.
                let simd = mibs(body_len, timings[3].median);
                simd_line = Some(format!(
                    "base64_10mib, full: SIMD decode of the stripped body (base64 0.23 engine::Simd, \
                     MiB/s of the body with its line breaks, {:.2} MiB): {simd:.0} MiB/s; \
                     mailmime full ÷ SIMD = {:.2}x; mail-parser full ÷ SIMD = {:.2}x; mailparse full ÷ SIMD = {:.2}x",
                    body_len as f64 / MIB,
                    speed[0] / simd,
                    speed[1] / simd,
                    speed[2] / simd,
                ));
            }
        }
    }
    print_table(&header, &rows);
    println!(
        "\n÷: mailmime's speed divided by the peer's (above 1.00x mailmime is faster). \
         spread: the widest (p75 - p25) / median of the row's series."
    );
    if let Some(line) = simd_line {
        println!("\n{line}");
    }
}

/// The child of the memory run: reads every file of `dir`, parses them all with
/// `parser`, walks them in `mode` and keeps everything (trees and decoded bodies) alive
/// to the end, then prints the walk's counts. `read` only reads the files.
fn mem_child(parser: &str, mode: &str, dir: &Path) -> ExitCode {
    let Some(mode) = Mode::from_name(mode) else {
        eprintln!("unknown mode {mode}");
        return ExitCode::from(2);
    };
    let files = match read_dir_sorted(dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let mut w = Walk::default();
    match parser {
        "read" => {}
        "mailmime" => {
            let msgs: Vec<_> = files.iter().map(|f| mailmime_side::parse(f).expect("accepted")).collect();
            let mut kept = Kept::keeping();
            for m in &msgs {
                w += mailmime_side::walk_parsed(m, mode, &mut kept);
            }
            black_box((&msgs, &kept));
        }
        "mail-parser" => {
            let msgs: Vec<_> = files.iter().map(|f| mail_parser_side::parse(f).expect("accepted")).collect();
            let mut kept = Kept::keeping();
            for m in &msgs {
                w += mail_parser_side::walk_parsed(m, mode, &mut kept);
            }
            black_box((&msgs, &kept));
        }
        "mailparse" => {
            let msgs: Vec<_> = files.iter().map(|f| mailparse_side::parse(f).expect("accepted")).collect();
            let mut kept = Kept::keeping();
            let mut nested = Vec::new();
            for m in &msgs {
                w += mailparse_side::walk_parsed(m, mode, &mut kept, Some(&mut nested)).expect("accepted");
            }
            black_box((&msgs, &kept, &nested));
        }
        other => {
            eprintln!("unknown parser {other}");
            return ExitCode::from(2);
        }
    }
    black_box(&files);
    println!("parts={} decoded={}", w.parts, w.decoded_bytes);
    ExitCode::SUCCESS
}

fn read_dir_sorted(dir: &Path) -> std::io::Result<Vec<Vec<u8>>> {
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    paths.sort();
    paths.iter().map(std::fs::read).collect()
}

/// One child run: peak RSS in KiB and the walk's part and decoded-byte counts.
fn mem_run(exe: &Path, parser: &str, mode: Mode, dir: &Path) -> Result<(u64, usize, usize), String> {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(exe)
        .args(["--mem", parser, mode.name()])
        .arg(dir)
        .output()
        .map_err(|e| format!("/usr/bin/time: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("{parser} {} {}: {stderr}", mode.name(), dir.display()));
    }
    let rss = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("no maximum resident set size in: {stderr}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| {
        stdout
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
            .unwrap_or(0)
    };
    Ok((rss, field("parts"), field("decoded")))
}

/// The median peak RSS (KiB) of [`MEM_RUNS`] runs, with the counts of the last.
fn mem_median(exe: &Path, parser: &str, mode: Mode, dir: &Path) -> Result<(u64, usize, usize), String> {
    let mut runs = Vec::new();
    for _ in 0..MEM_RUNS {
        runs.push(mem_run(exe, parser, mode, dir)?);
    }
    let (_, parts, decoded) = runs[runs.len() - 1];
    let mut rss: Vec<u64> = runs.iter().map(|r| r.0).collect();
    rss.sort_unstable();
    Ok((rss[rss.len() / 2], parts, decoded))
}

/// One parser's measurement in the memory table: extra peak KiB and parts walked.
#[derive(Clone, Copy)]
struct Extra {
    kib: i64,
    parts: usize,
}

/// A row of the memory table: input, mode, and per parser its [`Extra`] (`None` when
/// the run failed).
struct MemRow {
    input: &'static str,
    mode: Mode,
    extra: Vec<Option<Extra>>,
}

fn memory(inputs: &[Input]) {
    println!(
        "\n## Peak memory (extra peak RSS over a run that only reads the files, KiB; median of {MEM_RUNS} runs)\n"
    );
    if !Path::new("/usr/bin/time").exists() {
        println!("skipped: /usr/bin/time not found (Debian: apt-get install time)");
        return;
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            println!("skipped: no path to this binary ({e})");
            return;
        }
    };
    let tmp = std::env::temp_dir().join(format!("mailmime-compare-{}", std::process::id()));
    // The inputs, and 16,000 parts so that the per-part cost can be read off the
    // difference to 2,000 parts (the fixed costs, code pages and allocator, cancel).
    let extra = Input { name: "parts_16000", messages: vec![inputs::many_parts(16_000)] };
    let mut dirs = Vec::new();
    for input in inputs.iter().chain([&extra]) {
        let dir = tmp.join(input.name);
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            input
                .messages
                .iter()
                .enumerate()
                .try_for_each(|(i, m)| std::fs::write(dir.join(format!("{i:04}.eml")), m))
        });
        if let Err(e) = written {
            println!("skipped: cannot write the inputs to {}: {e}", tmp.display());
            let _ = std::fs::remove_dir_all(&tmp);
            return;
        }
        dirs.push((input.name, dir));
    }

    let mut header: Vec<String> = vec!["input".into(), "mode".into(), "parts".into(), "read KiB".into()];
    header.extend(PARSERS.iter().map(|(name, _)| format!("{name} +KiB")));
    header.push("decoded KiB".into());
    header.extend(PARSERS.iter().map(|(name, _)| format!("{name} B/part")));
    let mut rows = Vec::new();
    let mut measured: Vec<MemRow> = Vec::new();
    for (name, dir) in &dirs {
        let base = match mem_median(&exe, "read", Mode::Parse, dir) {
            Ok((rss, _, _)) => rss,
            Err(e) => {
                println!("{name}: read: {e}");
                continue;
            }
        };
        for mode in Mode::ALL {
            let mut extra = Vec::new();
            let mut decoded = 0;
            for (parser, _) in PARSERS {
                match mem_median(&exe, parser, mode, dir) {
                    Ok((rss, parts, dec)) => {
                        extra.push(Some(Extra { kib: rss as i64 - base as i64, parts }));
                        if parser == "mailmime" {
                            decoded = dec;
                        }
                    }
                    Err(e) => {
                        println!("{name}: {e}");
                        extra.push(None);
                    }
                }
            }
            let many = extra.iter().flatten().all(|e| e.parts >= 1000);
            let parts = extra.iter().flatten().next().map_or(0, |e| e.parts);
            let mut row =
                vec![name.to_string(), mode.name().to_string(), parts.to_string(), base.to_string()];
            row.extend(extra.iter().map(|e| e.map_or("-".into(), |e| e.kib.to_string())));
            row.push(if mode == Mode::Full { format!("{:.0}", decoded as f64 / 1024.0) } else { "-".into() });
            row.extend(extra.iter().map(|e| match e {
                Some(e) if many => format!("{:.0}", e.kib as f64 * 1024.0 / e.parts as f64),
                _ => "-".into(),
            }));
            rows.push(row);
            measured.push(MemRow { input: name, mode, extra });
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    print_table(&header, &rows);
    println!(
        "\n+KiB: peak RSS of parsing (and walking, and in full mode decoding) every message of the \
         input, all kept alive to the end, minus the peak RSS of only reading the files; it includes \
         the parser's code pages and allocator overhead, which dominate for small inputs. \
         decoded KiB: the decoded leaves (mailmime's count), held in full mode; a borrowed \
         (already plain) body costs nothing. B/part: +KiB per part, for inputs with 1,000 parts or more."
    );
    let find = |name: &str, mode: Mode| measured.iter().find(|r| r.input == name && r.mode == mode);
    let mut slopes = Vec::new();
    for mode in Mode::ALL {
        let (Some(small), Some(large)) = (find("parts_2000", mode), find("parts_16000", mode)) else {
            continue;
        };
        let per: Vec<String> = PARSERS
            .iter()
            .zip(small.extra.iter().zip(&large.extra))
            .map(|((name, _), pair)| match pair {
                (Some(a), Some(b)) if b.parts > a.parts => {
                    format!("{name} {:.0}", (b.kib - a.kib) as f64 * 1024.0 / (b.parts - a.parts) as f64)
                }
                _ => format!("{name} -"),
            })
            .collect();
        slopes.push(format!("{}: {}", mode.name(), per.join(", ")));
    }
    if !slopes.is_empty() {
        println!(
            "\nBytes per extra part, (+KiB(parts_16000) - +KiB(parts_2000)) / 14,000 parts: {}",
            slopes.join("; ")
        );
    }
}

fn scaling() {
    let budget = budget().mul_f64(0.4);
    println!(
        "\n## Scaling (full mode; median time per unit, interleaved, {:.1} s per size)\n",
        budget.as_secs_f64()
    );
    type Family = (&'static str, &'static str, [usize; 4], fn(usize) -> Vec<u8>, [(&'static str, WalkFn); 3]);
    // mailmime's header limits (10,000 fields, 1 MiB) are raised for the header rows, as
    // mail-parser's depth and part limits are everywhere.
    let mut raised = PARSERS;
    raised[0].1 = mailmime_side::walk_many_headers;
    let families: [Family; 3] = [
        ("parts", "part", [250, 1000, 4000, 16_000], inputs::many_parts, PARSERS),
        ("nested", "level", [10, 40, 160, 800], inputs::nested, PARSERS),
        ("headers", "field", [1250, 5000, 20_000, 40_000], inputs::many_headers, raised),
    ];
    let mut header: Vec<String> = vec!["input".into(), "N".into(), "unit".into()];
    for (name, _) in PARSERS {
        header.push(format!("{name} ns/unit"));
        header.push(format!("{name} t(N)/t(prev)"));
    }
    let mut rows = Vec::new();
    let mut marked = false;
    for (family, unit, sizes, make, parsers) in families {
        let mut prev: Vec<Option<Duration>> = vec![None; PARSERS.len()];
        let mut prev_n = 0;
        for n in sizes {
            let messages = vec![make(n)];
            let accepted: Vec<bool> =
                parsers.iter().map(|(_, walk)| walk(&messages[0], Mode::Full).is_some()).collect();
            let mut runners: Vec<Runner<'_>> = parsers
                .iter()
                .zip(&accepted)
                .filter(|(_, ok)| **ok)
                .map(|(&(_, walk), _)| walker(walk, &messages, Mode::Full))
                .collect();
            let (timings, _) = interleave(&mut runners, budget);
            let mut row = vec![family.to_string(), n.to_string(), unit.to_string()];
            let mut next = 0;
            for (i, ok) in accepted.iter().enumerate() {
                if !ok {
                    row.extend(["rejected".into(), "-".into()]);
                    prev[i] = None;
                    continue;
                }
                let t = timings[next].median;
                next += 1;
                row.push(format!("{:.1}", t.as_secs_f64() * 1e9 / n as f64));
                row.push(match prev[i] {
                    Some(p) => {
                        let ratio = t.as_secs_f64() / p.as_secs_f64();
                        let steps = n as f64 / prev_n as f64;
                        if ratio > SUPERLINEAR * steps {
                            marked = true;
                            format!("{ratio:.2} (x{steps:.0}) !")
                        } else {
                            format!("{ratio:.2} (x{steps:.0})")
                        }
                    }
                    None => "-".into(),
                });
                prev[i] = Some(t);
            }
            prev_n = n;
            rows.push(row);
        }
    }
    print_table(&header, &rows);
    println!(
        "\nt(N)/t(prev): total time at N over total time at the previous size; (xK) is the size \
         ratio (4 except nested 160 -> 800, x5, and headers 20,000 -> 40,000, x2). `!` marks a \
         time ratio above {SUPERLINEAR} times the size ratio (4.4 for a x4 step): worse than linear. \
         rejected: the parser gives up on the input (mailparse stops at 100 levels of nesting).{}",
        if marked { "" } else { " Nothing is marked." }
    );
}
