//! mailmime, mail-parser 1.0 and mailparse side by side, in one run: throughput
//! (medians of interleaved iterations).
//!
//! ```text
//! mailmime-compare [all | throughput]   (default: all)
//! ```
//!
//! See the README of this crate for exactly what is timed.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mailmime_compare::inputs::{self, Input};
use mailmime_compare::{Mode, PARSERS, Walk, WalkFn, base64_body, cpython};

const MIB: f64 = (1 << 20) as f64;
/// Rounds every group runs at least, whatever the time budget.
const MIN_ROUNDS: usize = 15;
/// Rounds after which a group stops even within its budget.
const MAX_ROUNDS: usize = 20_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] | ["all"] | ["throughput"] => {
            throughput(&load_inputs());
            footer();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: mailmime-compare [all | throughput]");
            ExitCode::from(2)
        }
    }
}

/// Seconds each throughput row runs (`COMPARE_SECS`, default 5).
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
