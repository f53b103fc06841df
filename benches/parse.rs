//! Parsing and decoding throughput on generated inputs (see `inputs.rs` for what each
//! input is).
//!
//! Groups:
//!
//! - `parse/<input>`: `Message::parse` and drop.
//! - `parse_decode/<input>`: parse, then `Part::decoded()` on every leaf and
//!   `Part::text()` on every `text/*` leaf ([`decode_all`]).
//! - `decode/base64`, `decode/quoted_printable`, `decode/charset`: the decoders alone, on
//!   the body of the 10 MiB base64 attachment, the 2 MiB of quoted-printable HTML, and
//!   ISO-8859-1 and UTF-8 text; `decode/base64_stripped_simd` is the ceiling for base64:
//!   the `base64` crate's SIMD engine on the same body with the line breaks removed;
//!   `decode/quoted_printable_memchr_baseline` is the bar for quoted-printable: a simple
//!   memchr-driven decoder ([`qp_memchr_baseline`]) on the same body.
//! - `decode/charset_owned_utf8`, `decode/charset_owned_latin1`,
//!   `decode/charset_owned_ascii`: the same UTF-8 and ISO-8859-1 text, and ASCII text, as
//!   owned buffers turned into a `String` by `charset::decode_owned_with_fallback`; the
//!   `*_via_borrowed` rows do it through the borrowing `decode_with_fallback` and
//!   `into_owned`, and `decode/charset_owned_utf8_std_from_utf8` keeps the UTF-8 buffer
//!   with `String::from_utf8`.
//!
//! Run: `cargo bench --bench parse` (add `-- --quick` for a fast, rougher run, or a
//! filter such as `-- parse_decode/small`).

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mailmime::encoding::{Charset, base64, charset, quoted_printable};
use mailmime::{Message, TransferEncoding};

// Shared with `benches/compare/`, where its items are a library's public API.
#[allow(unreachable_pub)]
#[path = "inputs.rs"]
mod inputs;

/// Decodes every leaf of `msg` as a user would: `decoded()` (transfer decoding) for every
/// leaf and `text()` (charset decoding) for `text/*` leaves. Returns the total length so
/// nothing is optimised away.
fn decode_all(msg: &Message<'_>) -> usize {
    let mut total = 0;
    for part in msg.leaves() {
        total += if part.content_type().is_text() { part.text().len() } else { part.decoded().len() };
    }
    total
}

fn parse(c: &mut Criterion) {
    let inputs = inputs::all();
    let mut group = c.benchmark_group("parse");
    for input in &inputs {
        group.throughput(Throughput::Bytes(input.bytes()));
        group.bench_with_input(BenchmarkId::from_parameter(input.name), input, |b, input| {
            b.iter(|| {
                for message in &input.messages {
                    black_box(Message::parse(black_box(message)).expect("default options"));
                }
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("parse_decode");
    for input in &inputs {
        group.throughput(Throughput::Bytes(input.bytes()));
        group.bench_with_input(BenchmarkId::from_parameter(input.name), input, |b, input| {
            b.iter(|| {
                for message in &input.messages {
                    let msg = Message::parse(black_box(message)).expect("default options");
                    black_box(decode_all(&msg));
                }
            });
        });
    }
    group.finish();
}

/// The body of the first leaf of `message` with the given transfer encoding.
fn first_body(message: &[u8], encoding: TransferEncoding) -> Vec<u8> {
    let msg = Message::parse(message).expect("default options");
    let part = msg.leaves().find(|p| p.transfer_encoding() == encoding).expect("the input has one");
    part.body().as_leaf().expect("a leaf").as_bytes().to_vec()
}

/// A simple quoted-printable decoder, the baseline `decode/quoted_printable` must beat:
/// `memchr2` finds the next `=` or LF, the literal run before it is copied with
/// `extend_from_slice`; `=XX`, soft breaks (`=` CRLF / `=` LF) and SPACE/TAB before a line
/// end (except whitespace produced by an escape) are handled; anything else is kept.
fn qp_memchr_baseline(input: &[u8]) -> Vec<u8> {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'A'..=b'F' => Some(b - b'A' + 10),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(input.len());
    // out[..keep] ends with an escape-produced byte or a line break: never trimmed.
    let mut keep = 0;
    let mut pos = 0;
    while let Some(i) = memchr::memchr2(b'=', b'\n', &input[pos..]) {
        let at = pos + i;
        out.extend_from_slice(&input[pos..at]);
        if input[at] == b'\n' {
            let cr = out.len() > keep && out.last() == Some(&b'\r');
            if cr {
                out.pop();
            }
            while out.len() > keep && matches!(out.last(), Some(b' ' | b'\t')) {
                out.pop();
            }
            out.extend_from_slice(if cr { b"\r\n" } else { b"\n" });
            keep = out.len();
            pos = at + 1;
            continue;
        }
        let (c1, c2) = (input.get(at + 1).copied(), input.get(at + 2).copied());
        match (c1.and_then(hex), c2.and_then(hex)) {
            (Some(h), Some(l)) => {
                out.push((h << 4) | l);
                pos = at + 3;
            }
            _ => match (c1, c2) {
                (Some(b'\r'), Some(b'\n')) => pos = at + 3,
                (Some(b'\n'), _) => pos = at + 2,
                (None, _) => pos = at + 1,
                _ => {
                    out.push(b'=');
                    pos = at + 1;
                }
            },
        }
        keep = out.len();
    }
    out.extend_from_slice(&input[pos..]);
    while out.len() > keep && matches!(out.last(), Some(b' ' | b'\t')) {
        out.pop();
    }
    out
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");

    let body = first_body(&inputs::base64_attachment(10 << 20), TransferEncoding::Base64);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("base64", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            base64::decode_into(black_box(&body), &mut out, &mut Vec::new());
            out
        });
    });
    // The ceiling: a strict SIMD decode of the same symbols with the line breaks removed
    // beforehand (not timed). Throughput still counts the body with its line breaks, so
    // the two rows compare directly.
    let stripped: Vec<u8> = body.iter().copied().filter(|&b| b != b'\r' && b != b'\n').collect();
    let simd = ::base64::engine::Simd::standard(::base64::engine::general_purpose::PAD);
    group.bench_function("base64_stripped_simd", |b| {
        use ::base64::Engine as _;
        b.iter(|| simd.decode(black_box(&stripped)).expect("valid base64"));
    });

    let body = first_body(&inputs::qp_html(2 << 20), TransferEncoding::QuotedPrintable);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("quoted_printable", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            quoted_printable::decode_into(black_box(&body), &mut out, &mut Vec::new());
            out
        });
    });
    // The bar for `quoted_printable`: a straightforward memchr-driven decoder, checked to
    // give the same bytes on this input.
    let mut expected = Vec::new();
    quoted_printable::decode_into(&body, &mut expected, &mut Vec::new());
    assert_eq!(qp_memchr_baseline(&body), expected, "the baseline decodes the bench input alike");
    group.bench_function("quoted_printable_memchr_baseline", |b| {
        b.iter(|| qp_memchr_baseline(black_box(&body)));
    });

    // Charset decoding: 1 MiB of accented ISO-8859-1 (read as windows-1252) and the same
    // text in UTF-8 (validated and borrowed).
    let text = "Les élèves étudièrent à l'école où l'été brûlait. ".repeat(20_000);
    let latin1: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    let latin1_charset = Charset::for_label(b"iso-8859-1").expect("a known label");
    group.throughput(Throughput::Bytes(latin1.len() as u64));
    group.bench_function("charset", |b| {
        b.iter(|| latin1_charset.decode(black_box(&latin1), &mut Vec::new()).len());
    });
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("charset_utf8", |b| {
        b.iter(|| Charset::UTF_8.decode(black_box(text.as_bytes()), &mut Vec::new()).len());
    });

    // The same texts as owned buffers (as transfer decoding leaves them) turned into a
    // `String`: `charset_owned_*` with `decode_owned_with_fallback`, `*_via_borrowed` the
    // way it is done without it (decode the borrowed bytes, then own the result). The
    // buffer is cloned outside the timing.
    let owned = |label: &'static [u8], bytes: &[u8]| {
        let bytes = bytes.to_vec();
        move |b: &mut criterion::Bencher<'_>| {
            b.iter_batched(
                || bytes.clone(),
                |v| {
                    charset::decode_owned_with_fallback(
                        v,
                        Some(label),
                        Charset::WINDOWS_1252,
                        &mut Vec::new(),
                    )
                },
                BatchSize::LargeInput,
            );
        }
    };
    let via_borrowed = |label: &'static [u8], bytes: &[u8]| {
        let bytes = bytes.to_vec();
        move |b: &mut criterion::Bencher<'_>| {
            b.iter_batched(
                || bytes.clone(),
                |v| {
                    charset::decode_with_fallback(&v, Some(label), Charset::WINDOWS_1252, &mut Vec::new())
                        .into_owned()
                },
                BatchSize::LargeInput,
            );
        }
    };
    group.bench_function("charset_owned_utf8", owned(b"utf-8", text.as_bytes()));
    group.bench_function("charset_owned_utf8_via_borrowed", via_borrowed(b"utf-8", text.as_bytes()));
    // Keeping the buffer instead: one pass, but through std's slower UTF-8 validation.
    let utf8 = text.as_bytes().to_vec();
    group.bench_function("charset_owned_utf8_std_from_utf8", |b| {
        b.iter_batched(|| utf8.clone(), |v| String::from_utf8(v).map(|s| s.len()), BatchSize::LargeInput);
    });
    group.throughput(Throughput::Bytes(latin1.len() as u64));
    group.bench_function("charset_owned_latin1", owned(b"iso-8859-1", &latin1));
    group.bench_function("charset_owned_latin1_via_borrowed", via_borrowed(b"iso-8859-1", &latin1));
    // ASCII text labelled UTF-8, the commonest case: the buffer becomes the `String`.
    let ascii = "The pupils studied at the school where the summer burned. ".repeat(20_000);
    group.throughput(Throughput::Bytes(ascii.len() as u64));
    group.bench_function("charset_owned_ascii", owned(b"utf-8", ascii.as_bytes()));
    group.bench_function("charset_owned_ascii_via_borrowed", via_borrowed(b"utf-8", ascii.as_bytes()));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = parse, decode
}
criterion_main!(benches);
