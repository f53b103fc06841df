//! mailmime, mail-parser 1.0 and mailparse side by side on the inputs of
//! `benches/inputs.rs`.
//!
//! Groups `parse/<input>` and `parse_decode/<input>`, each with the functions
//! `mailmime`, `mail-parser` and `mailparse`; see `src/lib.rs` for exactly what each
//! one calls. `ratios.py` turns the results into a table of ratios.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mailmime_compare::{Decoded, inputs, mail_parser_side, mailmime_side, mailparse_side};

/// A parser's parse-only entry point.
type ParseFn = fn(&[u8]) -> usize;
/// A parser's parse-and-decode entry point.
type DecodeFn = fn(&[u8]) -> Decoded;

fn compare(c: &mut Criterion) {
    let inputs = inputs::all();
    for input in &inputs {
        let mut group = c.benchmark_group(format!("parse/{}", input.name));
        group.throughput(Throughput::Bytes(input.bytes()));
        let runs: [(&str, ParseFn); 3] = [
            ("mailmime", mailmime_side::parse),
            ("mail-parser", mail_parser_side::parse),
            ("mailparse", mailparse_side::parse),
        ];
        for (name, parse) in runs {
            group.bench_function(name, |b| {
                b.iter(|| {
                    for message in &input.messages {
                        black_box(parse(black_box(message)));
                    }
                });
            });
        }
        group.finish();
    }
    for input in &inputs {
        let mut group = c.benchmark_group(format!("parse_decode/{}", input.name));
        group.throughput(Throughput::Bytes(input.bytes()));
        let runs: [(&str, DecodeFn); 3] = [
            ("mailmime", mailmime_side::parse_decode),
            ("mail-parser", mail_parser_side::parse_decode),
            ("mailparse", mailparse_side::parse_decode),
        ];
        for (name, parse_decode) in runs {
            group.bench_function(name, |b| {
                b.iter(|| {
                    for message in &input.messages {
                        black_box(parse_decode(black_box(message)));
                    }
                });
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(20);
    targets = compare
}
criterion_main!(benches);
