//! Bounded resources on hostile mail (issue 10): with the default `ParseOptions`, each
//! classic bomb parses and is fully walked (every typed accessor, every body decoded)
//! with peak resident memory under 4 × input + 16 MiB, in time linear in its size and
//! at most 1 s per 10 MB (times are checked in a release build only).
//!
//! With `MAILMIME_DUMP` set to a built `dump` example (`.ci/run` sets it to the release
//! build), each bomb is also printed with `dump --json` under `/usr/bin/time`, and the
//! process's peak RSS must stay under the same bound.
//!
//! Each bomb runs in a child process (this test binary run again), so that its peak
//! resident memory, read from `/proc/self/status`, is its own.

use std::process::Command;
use std::time::{Duration, Instant};

use mailmime::{Body, Message, ParseOptions};

/// The bombs of the issue; `scale` 1.0 is the size.
fn bomb(name: &str, scale: f64) -> Vec<u8> {
    let n = |full: usize| ((full as f64 * scale) as usize).max(1);
    let mut m = Vec::new();
    match name {
        "40,000-deep multipart nesting" => {
            for i in 0..n(40_000) {
                m.extend(format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n").bytes());
            }
        }
        "100,000 nested message/rfc822" => {
            for _ in 0..n(100_000) {
                m.extend(b"Content-Type: message/rfc822\r\n\r\n");
            }
        }
        "20,000 alternating multipart and message/rfc822 levels" => {
            for i in 0..n(10_000) {
                m.extend(
                    format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\nContent-Type: message/rfc822\r\n\r\n")
                        .bytes(),
                );
            }
        }
        "1,000,000 empty parts" => {
            m.extend(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n");
            for _ in 0..n(1_000_000) {
                m.extend(b"--b\r\n\r\n");
            }
            m.extend(b"--b--\r\n");
        }
        "1 MB of ; after a Content-Type" => {
            m.extend(b"Content-Type: text/plain");
            m.extend(std::iter::repeat_n(b';', n(1 << 20)));
            m.extend(b"\r\n\r\nx\r\n");
        }
        "300,000 nested comments in From" => {
            m.extend(b"From: ");
            m.extend(std::iter::repeat_n(b'(', n(300_000)));
            m.extend(std::iter::repeat_n(b')', n(300_000)));
            m.extend(b" a@b.example\r\n\r\nx\r\n");
        }
        "50,000 encoded words with unknown charsets" => {
            m.extend(b"Subject:");
            for i in 0..n(50_000) {
                m.extend(format!(" =?x-unknown-{i}?q?a?=").bytes());
            }
            m.extend(b"\r\n\r\nx\r\n");
        }
        "a 150,000-address To field" => {
            m.extend(b"To: ");
            for i in 0..n(150_000) {
                m.extend(format!("u{i}@b.example, ").bytes());
            }
            m.extend(b"\r\n\r\nx\r\n");
        }
        _ => unreachable!("{name}"),
    }
    m
}

const BOMBS: [&str; 8] = [
    "40,000-deep multipart nesting",
    "100,000 nested message/rfc822",
    "20,000 alternating multipart and message/rfc822 levels",
    "1,000,000 empty parts",
    "1 MB of ; after a Content-Type",
    "300,000 nested comments in From",
    "50,000 encoded words with unknown charsets",
    "a 150,000-address To field",
];

/// Every typed accessor on every part and embedded message, every body decoded.
fn walk(msg: &Message<'_>) -> usize {
    let mut n = 0;
    for part in msg.parts() {
        n += part.subject().map_or(0, |s| s.len());
        for list in [part.from(), part.to(), part.cc(), part.bcc(), part.reply_to()] {
            n += list.mailboxes().map(|m| m.address().len()).sum::<usize>();
        }
        n += usize::from(part.date().is_some()) + part.message_id().map_or(0, |s| s.len());
        n += part.references().len() + part.in_reply_to().len();
        n += part.content_type().parameters().iter().count();
        n += part.content_disposition().map_or(0, |d| d.parameters().iter().count());
        n += part.filename().map_or(0, |s| s.len()) + part.content_id().map_or(0, |s| s.len());
        n += part.field_defects().len();
        n += part.headers().iter().map(|f| f.value().decoded().len()).sum::<usize>();
        if let Body::Leaf(_) = part.body() {
            n += part.decoded().len() + part.text().len();
        }
        if let Body::Message(m) = part.body() {
            n += m.subject().map_or(0, |s| s.len());
        }
    }
    n
}

/// The options of the raised-limits runs: header blocks up to 64 MiB, so the header
/// bombs are read whole.
fn raised() -> ParseOptions {
    ParseOptions::default().max_header_bytes(64 << 20)
}

/// Parse (with `options`) and walk `input`: the best time of `runs`.
fn time_with(input: &[u8], options: &ParseOptions, runs: usize) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let msg = Message::parse_with(input, options).expect("these options never fail");
        std::hint::black_box(walk(&msg));
        drop(msg);
        best = best.min(start.elapsed());
    }
    best
}

/// Whether times are checked: in a release build (`.ci/run` runs
/// `cargo test --release --test bounds`); a debug build only prints them.
fn timed() -> bool {
    !cfg!(debug_assertions)
}

fn bound(input: &[u8]) -> usize {
    4 * input.len() + (16 << 20)
}

/// A `/proc/self/status` value in bytes (`VmRSS`, `VmHWM`).
fn status_bytes(key: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with(key)).expect(key);
    let kib: usize = line[key.len() + 1..].trim().trim_end_matches("kB").trim().parse().expect("a number");
    kib * 1024
}

/// The child: with `MAILMIME_BOMB` set, builds that bomb, resets the peak RSS, parses
/// and walks it once and prints the peak over the RSS before parsing, and the time.
#[test]
fn bomb_child() {
    let Ok(index) = std::env::var("MAILMIME_BOMB") else {
        return;
    };
    let scale: f64 = std::env::var("MAILMIME_BOMB_SCALE").map_or(1.0, |s| s.parse().unwrap());
    let options =
        if std::env::var("MAILMIME_BOMB_RAISED").is_ok() { raised() } else { ParseOptions::default() };
    let input = bomb(BOMBS[index.parse::<usize>().unwrap()], scale);
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).
    std::fs::write("/proc/self/clear_refs", "5").expect("/proc/self/clear_refs");
    let before = status_bytes("VmRSS:");
    let elapsed = time_with(&input, &options, 1);
    let peak = status_bytes("VmHWM:").saturating_sub(before);
    println!("BOMB peak={peak} seconds={}", elapsed.as_secs_f64());
}

/// Runs bomb `index` at `scale` in a child process: its peak RSS over what it held
/// before parsing, in bytes, and the seconds it took.
fn child(index: usize, scale: f64, raised: bool) -> (usize, f64) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["bomb_child", "--exact", "--nocapture", "--test-threads=1"])
        .env("MAILMIME_BOMB", index.to_string())
        .env("MAILMIME_BOMB_SCALE", scale.to_string());
    if raised {
        command.env("MAILMIME_BOMB_RAISED", "1");
    }
    let out = command.output().expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.find("BOMB ").map(|at| &l[at..]))
        .unwrap_or_else(|| panic!("bomb {index}: {stdout}"));
    let value = |key: &str| line.split(' ').find_map(|kv| kv.strip_prefix(key)).unwrap();
    (value("peak=").parse().unwrap(), value("seconds=").parse().unwrap())
}

/// With the header limit raised, the header bombs are read whole: memory and time grow
/// linearly (4x the input: well under 16x, the quadratic answer).
#[test]
fn header_bombs_with_the_limits_raised_stay_linear() {
    for (index, name) in BOMBS.iter().enumerate().skip(4) {
        let (small_peak, _) = child(index, 0.25, true);
        let (large_peak, _) = child(index, 1.0, true);
        let input = bomb(name, 1.0).len();
        eprintln!(
            "raised limits, {name}: peak RSS +{:.1} MB ({:.1} bytes per input byte), +{:.1} MB for a quarter",
            large_peak as f64 / 1e6,
            large_peak as f64 / input as f64,
            small_peak as f64 / 1e6,
        );
        assert!(large_peak < 32 * input + (16 << 20), "{name}: +{large_peak} bytes for {input}");
        check_linear(name, &raised());
    }
}

/// Best of five runs at the full size and at four times it: 4x the input must take well
/// under the 16x of a quadratic step (checked in release builds, on runs of 10 ms or
/// more, where timer noise is small).
fn check_linear(name: &str, options: &ParseOptions) {
    if !timed() {
        return;
    }
    let small = time_with(&bomb(name, 1.0), options, 5);
    let large = time_with(&bomb(name, 4.0), options, 5);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    eprintln!("  {name}: {:.4} s, 4x the input: {ratio:.2}x the time", large.as_secs_f64());
    if large > Duration::from_millis(10) {
        assert!(ratio < 8.0, "{name}: 4x the input took {ratio:.2}x the time");
    }
}

#[test]
fn bombs_parse_and_walk_in_bounded_memory_and_linear_time() {
    for (index, name) in BOMBS.iter().enumerate() {
        let input = bomb(name, 1.0);
        let (peak, seconds) = child(index, 1.0, false);
        let per_10mb = seconds / (input.len() as f64 / 1e7);
        eprintln!(
            "{name}: {:.2} MB, {seconds:.3} s ({per_10mb:.3} s per 10 MB), peak RSS +{:.1} MB (bound {:.1} MB)",
            input.len() as f64 / 1e6,
            peak as f64 / 1e6,
            bound(&input) as f64 / 1e6
        );
        assert!(peak < bound(&input), "{name}: peak RSS +{peak} bytes, bound {}", bound(&input));
        if timed() {
            assert!(per_10mb <= 1.0, "{name}: {per_10mb:.3} s per 10 MB");
        }
        check_linear(name, &ParseOptions::default());
    }
}

#[test]
fn dump_json_prints_the_bombs_in_bounded_memory() {
    let Ok(dump) = std::env::var("MAILMIME_DUMP") else {
        eprintln!("note: set MAILMIME_DUMP to a built dump example to check its memory");
        return;
    };
    let dir = std::env::temp_dir().join(format!("mailmime-bombs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, name) in BOMBS.iter().enumerate() {
        let input = bomb(name, 1.0);
        let path = dir.join(format!("bomb-{i}.eml"));
        std::fs::write(&path, &input).unwrap();
        let start = Instant::now();
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(&dump)
            .arg("--json")
            .arg(&path)
            .stdout(std::process::Stdio::null())
            .output()
            .expect("/usr/bin/time runs");
        let elapsed = start.elapsed();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let kib: usize = stderr.lines().last().and_then(|l| l.trim().parse().ok()).expect("peak RSS in KiB");
        eprintln!(
            "dump --json {name}: peak RSS {:.1} MB (bound {:.1} MB), {:.3} s",
            kib as f64 * 1024.0 / 1e6,
            bound(&input) as f64 / 1e6,
            elapsed.as_secs_f64()
        );
        assert!(kib * 1024 < bound(&input), "{name}: dump --json peaked at {kib} KiB");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
