//! Reads an mbox as a stream and prints what it holds: messages, parts, bytes, content
//! types, defects and throughput. Memory is bounded by the largest message, not by the
//! file, so it runs on mailboxes of any size. When stderr is a terminal it shows a
//! progress bar there.
//!
//! ```text
//! cargo run --release --example mbox_stats -- FILE.mbox
//! cargo run --release --example mbox_stats < FILE.mbox
//! ```

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mailmime::{MboxReader, Message};

/// What the mbox holds, counted as messages are read.
#[derive(Default)]
struct Stats {
    messages: u64,
    /// Messages that could not be parsed (only those of 4 GiB or more).
    unparsed: u64,
    parts: u64,
    /// Bytes of the messages, without `From ` lines and separators.
    message_bytes: u64,
    content_types: HashMap<String, u64>,
    defects: HashMap<&'static str, u64>,
}

impl Stats {
    fn add(&mut self, msg: &Message<'_>) {
        for part in msg.parts() {
            self.parts += 1;
            let ct = part.content_type();
            let essence = format!("{}/{}", ct.main_type(), ct.subtype());
            *self.content_types.entry(essence).or_default() += 1;
        }
        for defect in msg.defects() {
            *self.defects.entry(defect.kind().name()).or_default() += 1;
        }
    }
}

/// A progress line on stderr, redrawn at most five times a second.
struct Progress {
    /// The size of the input when it is a file, for a bar and a percentage.
    total: Option<u64>,
    last: Instant,
}

impl Progress {
    fn show(&mut self, stats: &Stats, position: u64, started: Instant, force: bool) {
        if !force && self.last.elapsed() < Duration::from_millis(200) {
            return;
        }
        self.last = Instant::now();
        let mb = position as f64 / 1e6;
        let rate = mb / started.elapsed().as_secs_f64().max(1e-9);
        let bar = match self.total {
            Some(total) if total > 0 => {
                let done = (position.min(total) * 30 / total) as usize;
                format!(
                    "[{}{}] {:3}% ",
                    "#".repeat(done),
                    " ".repeat(30 - done),
                    position.min(total) * 100 / total
                )
            }
            _ => String::new(),
        };
        eprint!("\r{bar}{} messages, {mb:.1} MB, {rate:.1} MB/s ", stats.messages);
    }
}

fn main() -> ExitCode {
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("usage: mbox_stats [FILE.mbox]   (no FILE or \"-\": standard input)");
                return ExitCode::SUCCESS;
            }
            _ if path.is_some() => {
                eprintln!("mbox_stats: one FILE at most");
                return ExitCode::FAILURE;
            }
            _ => path = Some(arg),
        }
    }
    let (input, total): (Box<dyn BufRead>, Option<u64>) = match path.as_deref() {
        None | Some("-") => (Box::new(io::stdin().lock()), None),
        Some(path) => match File::open(path) {
            Ok(file) => {
                let total = file.metadata().ok().map(|m| m.len());
                (Box::new(BufReader::with_capacity(1 << 16, file)), total)
            }
            Err(e) => {
                eprintln!("mbox_stats: {path}: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    match run(input, total) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mbox_stats: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: Box<dyn BufRead>, total: Option<u64>) -> io::Result<()> {
    let started = Instant::now();
    let mut progress = io::stderr().is_terminal().then_some(Progress { total, last: started });
    let mut stats = Stats::default();
    let mut reader = MboxReader::new(input);
    while let Some(message) = reader.next() {
        let message = message?;
        stats.messages += 1;
        stats.message_bytes += message.as_bytes().len() as u64;
        match message.parse() {
            Ok(msg) => stats.add(&msg),
            Err(_) => stats.unparsed += 1,
        }
        if let Some(progress) = &mut progress {
            progress.show(&stats, reader.position(), started, false);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    if let Some(progress) = &mut progress {
        progress.show(&stats, reader.position(), started, true);
        eprintln!();
    }
    report(&mut io::stdout().lock(), &stats, reader.position(), elapsed)
}

/// Counts, most frequent first (then by name, so the output is stable).
fn by_count<K: AsRef<str>>(counts: &HashMap<K, u64>) -> Vec<(&str, u64)> {
    let mut rows: Vec<(&str, u64)> = counts.iter().map(|(k, &n)| (k.as_ref(), n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    rows
}

fn report(out: &mut impl Write, stats: &Stats, input_bytes: u64, elapsed: f64) -> io::Result<()> {
    writeln!(out, "messages: {}", stats.messages)?;
    if stats.unparsed > 0 {
        writeln!(out, "unparsed messages: {}", stats.unparsed)?;
    }
    writeln!(out, "parts: {}", stats.parts)?;
    writeln!(out, "bytes: {input_bytes} read, {} in messages", stats.message_bytes)?;
    writeln!(out, "content types:")?;
    for (essence, n) in by_count(&stats.content_types) {
        writeln!(out, "  {n:>10}  {essence}")?;
    }
    let defects = by_count(&stats.defects);
    writeln!(out, "defects: {}", defects.iter().map(|&(_, n)| n).sum::<u64>())?;
    for (kind, n) in defects {
        writeln!(out, "  {n:>10}  {kind}")?;
    }
    let rate = input_bytes as f64 / 1e6 / elapsed.max(1e-9);
    writeln!(out, "throughput: {rate:.1} MB/s ({elapsed:.3} s)")?;
    out.flush()
}
