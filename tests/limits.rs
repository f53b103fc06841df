//! Hostile sizes: deep nesting, many parts, huge header lines, many header fields.
//!
//! Each case must not panic, must not overflow a 2 MiB thread stack, must write back
//! byte for byte, and must take time linear in its size: the same work at sizes N and
//! 4N is timed in one run and the ratio must stay well under the 16 a quadratic
//! algorithm would show.

mod common;

use std::time::{Duration, Instant};

use common::{nested_multiparts as nested, on_small_stack};
use mailmime::{Body, DefectKind, Message, ParseOptions};

/// Every test here holds this lock, so timings are not taken while another test of this
/// file competes for the two cores.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn unlimited() -> ParseOptions {
    ParseOptions::default()
        .max_depth(usize::MAX)
        .max_parts(usize::MAX)
        .max_headers(usize::MAX)
        .max_header_bytes(usize::MAX)
}

/// Best of five timings of parsing `input` with `options`.
fn parse_time(input: &[u8], options: &ParseOptions) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            let msg = Message::parse_with(input, options).unwrap();
            std::hint::black_box(&msg);
            drop(msg);
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Asserts that 4x the input takes less than 8x the time (linear: ~4x; quadratic: ~16x).
fn assert_linear(name: &str, make: impl Fn(usize) -> Vec<u8>, n: usize, options: &ParseOptions) {
    let small = make(n);
    let large = make(4 * n);
    let t_small = parse_time(&small, options);
    let t_large = parse_time(&large, options);
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    eprintln!("{name}: N={n} {t_small:?}, 4N {t_large:?}, ratio {ratio:.2}");
    assert!(ratio < 8.0, "{name}: time grew {ratio:.1}x for 4x the input");
}

fn many_parts(parts: usize) -> Vec<u8> {
    let mut out = b"Content-Type: multipart/mixed; boundary=sep\r\n\r\n".to_vec();
    for i in 0..parts {
        out.extend_from_slice(format!("--sep\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n").as_bytes());
    }
    out.extend_from_slice(b"--sep--\r\n");
    out
}

fn long_header(len: usize) -> Vec<u8> {
    let mut out = b"Subject: ".to_vec();
    out.extend(std::iter::repeat_n(b'x', len));
    out.extend_from_slice(b"\r\n\r\nbody\r\n");
    out
}

fn many_fields(fields: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(fields * 24);
    for i in 0..fields {
        out.extend_from_slice(format!("X-Field-{i}: value {i}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\nbody\r\n");
    out
}

#[test]
fn hundred_thousand_nested_multiparts_parse_walk_write_and_drop_on_a_small_stack() {
    let _serial = serial();
    on_small_stack(|| {
        let input = nested(100_000);
        let msg = Message::parse_with(&input, &unlimited()).unwrap();
        assert_eq!(msg.parts().count(), 100_001);
        assert_eq!(msg.parts().filter(|p| p.content_type().is_multipart()).count(), 100_000);
        let leaf = msg.leaves().next().unwrap();
        assert_eq!(leaf.body().as_leaf().unwrap().as_bytes(), b"innermost");
        assert_eq!(msg.defects().count(), 0);
        assert_eq!(msg.to_bytes(), input);
        let owned = msg.into_owned();
        assert_eq!(owned.to_bytes(), input);
        assert!(!format!("{owned:?}").is_empty());
        drop(owned);
    });
}

#[test]
fn nesting_past_the_default_depth_becomes_an_opaque_leaf() {
    let _serial = serial();
    on_small_stack(|| {
        let input = nested(100_000);
        let msg = Message::parse(&input).unwrap();
        let depth_defects: Vec<_> =
            msg.defects().filter(|d| d.kind() == DefectKind::DepthLimitExceeded).collect();
        assert_eq!(depth_defects.len(), 1);
        assert_eq!(msg.parts().filter(|p| matches!(p.body(), Body::Multipart(_))).count(), 1024);
        assert_eq!(msg.to_bytes(), input);
        let err = Message::parse_with(&input, &ParseOptions::default().error_on_limit(true)).unwrap_err();
        assert_eq!(err.kind(), &mailmime::ErrorKind::LimitExceeded(mailmime::Limit::Depth));
    });
}

#[test]
fn nesting_time_is_linear() {
    let _serial = serial();
    on_small_stack(|| assert_linear("nesting", nested, 20_000, &unlimited()));
}

#[test]
fn hundred_thousand_parts() {
    let _serial = serial();
    on_small_stack(|| {
        let input = many_parts(100_000);
        let msg = Message::parse_with(&input, &unlimited()).unwrap();
        let Body::Multipart(m) = msg.body() else { panic!("not a multipart") };
        assert_eq!(m.parts().len(), 100_000);
        assert_eq!(m.parts()[99_999].body().as_leaf().unwrap().as_bytes(), b"part 99999");
        assert_eq!(msg.to_bytes(), input);

        // Default limit: 100,000 parts in all, the root included; the rest stays whole.
        let msg = Message::parse(&input).unwrap();
        let Body::Multipart(m) = msg.body() else { panic!("not a multipart") };
        assert_eq!(m.parts().len(), 100_000);
        let last = &m.parts()[99_999];
        assert_eq!(last.defects()[0].kind(), DefectKind::PartLimitExceeded);
        assert_eq!(last.raw().unwrap(), b"Content-Type: text/plain\r\n\r\npart 99999\r\n--sep--\r\n");
        assert_eq!(msg.to_bytes(), input);
    });
}

#[test]
fn parts_time_is_linear() {
    let _serial = serial();
    assert_linear("parts", many_parts, 10_000, &unlimited());
}

#[test]
fn ten_megabyte_header_line() {
    let _serial = serial();
    on_small_stack(|| {
        let input = long_header(10_000_000);
        let msg = Message::parse_with(&input, &unlimited()).unwrap();
        assert_eq!(msg.headers().get("subject").unwrap().as_bytes().len(), 10_000_001);
        assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), b"body\r\n");
        assert_eq!(msg.to_bytes(), input);

        // Default: the header block is capped at 1 MiB; the rest is an opaque leaf.
        let msg = Message::parse(&input).unwrap();
        assert!(msg.headers().is_empty());
        assert_eq!(msg.defects().next().unwrap().kind(), DefectKind::HeaderBytesLimitExceeded);
        assert_eq!(msg.body().as_leaf().unwrap().as_bytes(), &input[..]);
        assert_eq!(msg.to_bytes(), input);
    });
}

#[test]
fn header_line_time_is_linear() {
    let _serial = serial();
    // Both sizes exceed the CPU caches, so the ratio measures the algorithm, not the cache.
    assert_linear("header line", long_header, 8_000_000, &unlimited());
}

#[test]
fn hundred_thousand_header_fields() {
    let _serial = serial();
    on_small_stack(|| {
        let input = many_fields(100_000);
        let msg = Message::parse_with(&input, &unlimited()).unwrap();
        assert_eq!(msg.headers().len(), 100_000);
        assert_eq!(msg.headers().get("x-field-99999").unwrap().as_bytes(), b" value 99999");
        assert_eq!(msg.to_bytes(), input);

        let msg = Message::parse(&input).unwrap();
        assert_eq!(msg.headers().len(), 10_000);
        assert_eq!(msg.defects().next().unwrap().kind(), DefectKind::HeaderCountLimitExceeded);
        assert_eq!(msg.to_bytes(), input);
    });
}

#[test]
fn header_fields_time_is_linear() {
    let _serial = serial();
    assert_linear("header fields", many_fields, 25_000, &unlimited());
}

/// A header block of a field, a line that is not a field, then `fields` fields, and the
/// blank line when `blank`.
fn fields_after_a_line_that_is_not_one(fields: usize, blank: bool) -> Vec<u8> {
    let mut out = b"Subject: s\r\nnot a field\r\n".to_vec();
    out.extend_from_slice(&many_fields(fields));
    if !blank {
        let at = out.windows(4).rposition(|w| w == b"\r\n\r\n").unwrap();
        out.drain(at + 2..at + 4);
    }
    out
}

#[test]
fn a_line_that_is_not_a_field_before_a_hundred_thousand_fields_is_looked_past_once() {
    let _serial = serial();
    on_small_stack(|| {
        // The field count and defects of `input`, which writes back byte for byte.
        let read = |input: &[u8]| {
            let msg = Message::parse_with(input, &unlimited()).unwrap();
            assert_eq!(msg.to_bytes(), input);
            let defects: Vec<_> = msg.defects().map(|d| (d.kind(), d.offset())).collect();
            (msg.headers().len(), defects)
        };
        // The blank line comes: the line is skipped, every field is read.
        let input = fields_after_a_line_that_is_not_one(100_000, true);
        assert_eq!(read(&input), (100_001, vec![(DefectKind::InvalidHeaderLine, 12)]));
        let msg = Message::parse_with(&input, &unlimited()).unwrap();
        assert_eq!(msg.root().body().as_leaf().unwrap().as_bytes(), b"body\r\n");
        // A second line that is not a field ends the look-ahead there, and the body starts
        // at the first.
        let mut input = b"Subject: s\r\n".to_vec();
        for i in 0..100_000 {
            input.extend_from_slice(format!("not a field {i}\r\nX-Field-{i}: v\r\n").as_bytes());
        }
        input.extend_from_slice(b"\r\nbody\r\n");
        assert_eq!(read(&input), (1, vec![(DefectKind::MissingHeaderBodySeparator, 12)]));
        // No blank line comes: the body starts at the line.
        let input = fields_after_a_line_that_is_not_one(100_000, false);
        assert_eq!(read(&input), (1, vec![(DefectKind::MissingHeaderBodySeparator, 12)]));
    });
}

#[test]
fn header_look_ahead_time_is_linear() {
    let _serial = serial();
    assert_linear(
        "look-ahead to a blank line",
        |n| fields_after_a_line_that_is_not_one(n, true),
        25_000,
        &unlimited(),
    );
    assert_linear(
        "look-ahead to no blank line",
        |n| fields_after_a_line_that_is_not_one(n, false),
        25_000,
        &unlimited(),
    );
    // Parts whose fields run into the next delimiter line: each look-ahead stops there.
    let parts = |n: usize| {
        let mut out = b"Content-Type: multipart/mixed; boundary=sep\r\n\r\n".to_vec();
        for i in 0..n {
            out.extend_from_slice(format!("--sep\r\nA: 1\r\nnot a field\r\nX-Field-{i}: v\r\n").as_bytes());
        }
        out.extend_from_slice(b"--sep--\r\n");
        out
    };
    // (Fewer parts than `parts_time_is_linear`: at 40,000 parts allocation alone grows
    // near the bound.)
    assert_linear("look-ahead in parts", parts, 2_500, &unlimited());
}

#[test]
fn many_lines_starting_with_dashes_inside_deep_nesting_stay_linear() {
    let _serial = serial();
    // Every body line looks like a delimiter candidate; each must be checked once.
    let make = |n: usize| {
        let mut input = nested(50);
        let cut = input.windows(9).position(|w| w == b"innermost").unwrap();
        let mut lines = Vec::new();
        for i in 0..n {
            lines.extend_from_slice(format!("--b{i}x not a delimiter\r\n").as_bytes());
        }
        input.splice(cut..cut, lines);
        input
    };
    assert_linear("dash lines", make, 20_000, &unlimited());
}
