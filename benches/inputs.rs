//! Benchmark inputs, generated deterministically (no files in git).
//!
//! Shared by `benches/parse.rs` and the peer comparison in `benches/compare/`, which
//! includes this file with `#[path = "../../inputs.rs"]`, so every parser is timed on the
//! same bytes. The generators use no crate, not even `mailmime`: the base64 and
//! quoted-printable encoders here are small independent ones.
//!
//! | name | what |
//! |---|---|
//! | `small` | 50 real-world-like messages of a few KiB: multipart/alternative text+html, encoded-word subjects, folded headers, Received chains, small base64 attachments |
//! | `base64_10mib` | one multipart/mixed with a 10 MiB attachment, base64, 76-column CRLF lines |
//! | `qp_html_2mib` | 2 MiB of quoted-printable HTML in a UTF-8 and an ISO-8859-1 part |
//! | `parts_2000` | multipart/mixed with 2,000 small parts |
//! | `nested_100` | 100 nested multipart/mixed, each with a small text part |
//! | `headers_5000` | one message with 5,000 header fields |
//!
//! All line ends are CRLF.

// Each includer uses a different subset of the helpers.
#![allow(dead_code)]

/// One benchmark input: a name and one or more messages (timed together; throughput is
/// their total size).
pub struct Input {
    /// Criterion's parameter name.
    pub name: &'static str,
    /// The messages, each a complete `.eml`.
    pub messages: Vec<Vec<u8>>,
}

impl Input {
    /// Total size of all messages, for `Throughput::Bytes`.
    pub fn bytes(&self) -> u64 {
        self.messages.iter().map(|m| m.len() as u64).sum()
    }
}

/// Every input, in the order the benches report them.
pub fn all() -> Vec<Input> {
    vec![
        Input { name: "small", messages: small_messages() },
        Input { name: "base64_10mib", messages: vec![base64_attachment(10 << 20)] },
        Input { name: "qp_html_2mib", messages: vec![qp_html(2 << 20)] },
        Input { name: "parts_2000", messages: vec![many_parts(2000)] },
        Input { name: "nested_100", messages: vec![nested(100)] },
        Input { name: "headers_5000", messages: vec![many_headers(5000)] },
    ]
}

/// xorshift64*: a fixed, dependency-free pseudo-random sequence.
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed` (any value but 0).
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One item of `items`.
    pub fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }

    /// `min + below(spread)` random bytes.
    pub fn bytes_between(&mut self, min: usize, spread: usize) -> Vec<u8> {
        let n = min + self.below(spread);
        self.bytes(n)
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(n);
        out
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 (RFC 2045 §6.8) in lines of 76 characters, each ended by CRLF.
pub fn base64_lines(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 3 + data.len() / 57 * 2 + 8);
    for line in data.chunks(57) {
        for g in line.chunks(3) {
            let b = [g[0], *g.get(1).unwrap_or(&0), *g.get(2).unwrap_or(&0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            out.push(B64[(n >> 18) as usize & 63]);
            out.push(B64[(n >> 12) as usize & 63]);
            out.push(if g.len() > 1 { B64[(n >> 6) as usize & 63] } else { b'=' });
            out.push(if g.len() > 2 { B64[n as usize & 63] } else { b'=' });
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Quoted-printable (RFC 2045 §6.7) of text with LF line breaks: CRLF hard breaks,
/// soft breaks keeping lines at most 76 characters, `=XX` for `=`, 8-bit bytes and
/// white space before a line break.
pub fn quoted_printable(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 5 / 4);
    for line in text.split(|&b| b == b'\n') {
        let mut col = 0;
        for (i, &b) in line.iter().enumerate() {
            let last = i + 1 == line.len();
            let literal = ((b'!'..=b'~').contains(&b) && b != b'=') || ((b == b' ' || b == b'\t') && !last);
            let width = if literal { 1 } else { 3 };
            if col + width > 75 {
                out.extend_from_slice(b"=\r\n");
                col = 0;
            }
            if literal {
                out.push(b);
            } else {
                out.extend_from_slice(format!("={b:02X}").as_bytes());
            }
            col += width;
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// An RFC 2047 encoded word, `B` encoding.
fn encoded_word_b(charset: &str, text: &str) -> String {
    let b = base64_lines(text.as_bytes());
    format!("=?{charset}?B?{}?=", String::from_utf8_lossy(&b).replace("\r\n", ""))
}

/// An RFC 2047 encoded word, `Q` encoding, of bytes in `charset`.
fn encoded_word_q(charset: &str, text: &[u8]) -> String {
    let mut s = format!("=?{charset}?Q?");
    for &b in text {
        match b {
            b' ' => s.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => s.push(b as char),
            _ => s.push_str(&format!("={b:02X}")),
        }
    }
    s.push_str("?=");
    s
}

const WORDS: &[&str] = &[
    "the",
    "quarterly",
    "report",
    "meeting",
    "invoice",
    "please",
    "review",
    "attached",
    "schedule",
    "project",
    "update",
    "budget",
    "deadline",
    "team",
    "customer",
    "shipping",
    "order",
    "confirmation",
    "thanks",
    "regards",
    "tomorrow",
    "office",
    "design",
    "draft",
    "résumé",
    "naïve",
    "café",
    "Grüße",
    "señor",
    "déjà",
    "Zürich",
    "Ærø",
];

const NAMES: &[(&str, &str)] = &[
    ("Alice Martin", "alice@example.com"),
    ("Bob Müller", "bob.mueller@example.de"),
    ("Chloé Dubois", "chloe@example.fr"),
    ("Dan O'Neil", "dan@example.org"),
    ("Eve Ångström", "eve@example.se"),
    ("François Petit", "francois@example.fr"),
    ("Grace Hopper", "grace@navy.example"),
    ("Hiro Tanaka", "hiro@example.jp"),
];

/// `n` words of prose, lines wrapped near 72 columns, LF line ends.
fn prose(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    let mut col = 0;
    for i in 0..n {
        let w = rng.pick(WORDS);
        if col + w.len() > 72 {
            s.push('\n');
            col = 0;
        } else if i > 0 {
            s.push(' ');
            col += 1;
        }
        s.push_str(w);
        col += w.len();
    }
    s.push('\n');
    s
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| if (c as u32) < 256 { c as u8 } else { b'?' }).collect()
}

fn html_of(text: &str) -> String {
    let mut s = String::from(
        "<html><head><meta charset=\"utf-8\"><style>p { margin: 0 0 1em 0; }</style></head>\n<body>\n",
    );
    for para in text.split("\n\n") {
        s.push_str("<p style=\"font-family: Arial, sans-serif; color: #333333\">");
        s.push_str(&para.replace('\n', " "));
        s.push_str("</p>\n");
    }
    s.push_str("</body></html>\n");
    s
}

/// A header block common to the generated messages: a Received chain, folded
/// addresses, an encoded-word subject.
fn envelope(rng: &mut Rng, i: usize, hops: usize) -> String {
    let mut h = String::new();
    for hop in 0..hops {
        h.push_str(&format!(
            "Received: from mx{hop}.relay{i}.example.net (mx{hop}.relay{i}.example.net [192.0.2.{}])\r\n\
             \tby mail.example.com (Postfix) with ESMTPS id 4F{:X}\r\n\
             \tfor <alice@example.com>; Tue, {} Mar 2024 10:{:02}:{:02} +0000 (UTC)\r\n",
            (i * 7 + hop) % 250 + 1,
            rng.next_u64() & 0xffff_ffff,
            1 + i % 28,
            hop * 3 % 60,
            (i + hop) % 60,
        ));
    }
    h.push_str(&format!(
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=sel{i};\r\n\
         \th=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\
         \tb={}\r\n",
        String::from_utf8_lossy(&base64_lines(&rng.bytes(96))).replace("\r\n", "")
    ));
    let (from_name, from_addr) = *rng.pick(NAMES);
    let (to_name, to_addr) = *rng.pick(NAMES);
    let (cc_name, cc_addr) = *rng.pick(NAMES);
    let subject_text = format!("{} {} {} #{i}", rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS));
    let subject = match i % 3 {
        0 => encoded_word_b("utf-8", &subject_text),
        1 => encoded_word_q("iso-8859-1", &latin1(&subject_text)),
        _ => subject_text.clone(),
    };
    h.push_str(&format!(
        "From: {} <{from_addr}>\r\n\
         To: \"{to_name}\" <{to_addr}>,\r\n \"{cc_name}\" <{cc_addr}>\r\n\
         Subject: {subject}\r\n\
         Date: Tue, {} Mar 2024 10:{:02}:00 +0000\r\n\
         Message-ID: <{:016x}.{i}@example.com>\r\n\
         MIME-Version: 1.0\r\n",
        encoded_word_b("utf-8", from_name),
        1 + i % 28,
        i % 60,
        rng.next_u64(),
    ));
    h
}

/// ~50 small messages of a few KiB each, mixing the shapes of everyday mail.
pub fn small_messages() -> Vec<Vec<u8>> {
    let mut rng = Rng::new(0x5EED_0001);
    (0..50)
        .map(|i| {
            let hops = 2 + i % 5;
            let mut m = envelope(&mut rng, i, hops);
            let words = 60 + rng.below(200);
            let text = prose(&mut rng, words);
            match i % 5 {
                // Plain text, 8bit.
                0 => {
                    m.push_str("Content-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
                    m.push_str(&crlf(&text));
                }
                // multipart/alternative: QP text and QP html.
                1 | 2 => {
                    let b = format!("----=_Part_{i}_{:x}", rng.next_u64());
                    m.push_str(&format!(
                        "Content-Type: multipart/alternative;\r\n\tboundary=\"{b}\"\r\n\r\n\
                         This is a multi-part message in MIME format.\r\n\
                         --{b}\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                    ));
                    m.push_str(&String::from_utf8_lossy(&quoted_printable(text.as_bytes())));
                    m.push_str(&format!(
                        "\r\n--{b}\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                    ));
                    m.push_str(&String::from_utf8_lossy(&quoted_printable(html_of(&text).as_bytes())));
                    m.push_str(&format!("\r\n--{b}--\r\n"));
                }
                // multipart/mixed: alternative + small base64 attachment.
                3 => {
                    let outer = format!("=_mixed_{i}");
                    let inner = format!("=_alt_{i}");
                    let attachment = base64_lines(&rng.bytes_between(600, 1500));
                    m.push_str(&format!(
                        "Content-Type: multipart/mixed; boundary=\"{outer}\"\r\n\r\n\
                         --{outer}\r\nContent-Type: multipart/alternative; boundary=\"{inner}\"\r\n\r\n\
                         --{inner}\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                    ));
                    m.push_str(&String::from_utf8_lossy(&quoted_printable(&latin1(&text))));
                    m.push_str(&format!(
                        "\r\n--{inner}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n{}\r\n--{inner}--\r\n\r\n\
                         --{outer}\r\nContent-Type: application/pdf;\r\n name=\"=?utf-8?Q?R=C3=A9sum=C3=A9_{i}.pdf?=\"\r\n\
                         Content-Disposition: attachment;\r\n filename*=utf-8''R%C3%A9sum%C3%A9_{i}.pdf\r\n\
                         Content-Transfer-Encoding: base64\r\n\r\n{}--{outer}--\r\n",
                        crlf(&html_of(&text)).replace(|c: char| !c.is_ascii(), "&#233;"),
                        String::from_utf8_lossy(&attachment),
                    ));
                }
                // multipart/related: html with an inline image.
                _ => {
                    let b = format!("related-{i}");
                    let image = base64_lines(&rng.bytes_between(400, 800));
                    m.push_str(&format!(
                        "Content-Type: multipart/related; type=\"text/html\"; boundary={b}\r\n\r\n\
                         --{b}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n\
                         --{b}\r\nContent-Type: image/png\r\nContent-ID: <logo{i}@example.com>\r\n\
                         Content-Disposition: inline; filename=logo.png\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--{b}--\r\n",
                        String::from_utf8_lossy(&quoted_printable(html_of(&text).as_bytes())),
                        String::from_utf8_lossy(&image),
                    ));
                }
            }
            m.into_bytes()
        })
        .collect()
}

/// multipart/mixed: a short text part and an attachment of `size` random bytes, base64
/// in 76-column CRLF lines.
pub fn base64_attachment(size: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x5EED_0002);
    let mut m = envelope(&mut rng, 1, 3).into_bytes();
    m.extend_from_slice(
        b"Content-Type: multipart/mixed; boundary=\"b1_attachment\"\r\n\r\n\
          --b1_attachment\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe archive is attached.\r\n\r\n\
          --b1_attachment\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n\
          Content-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
    );
    m.extend_from_slice(&base64_lines(&rng.bytes(size)));
    m.extend_from_slice(b"--b1_attachment--\r\n");
    m
}

/// multipart/alternative with two quoted-printable HTML parts of about `size / 2`
/// encoded bytes each: one UTF-8, one ISO-8859-1.
pub fn qp_html(size: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x5EED_0003);
    let mut m = envelope(&mut rng, 2, 3).into_bytes();
    m.extend_from_slice(b"Content-Type: multipart/alternative; boundary=\"qp-html\"\r\n\r\n");
    for charset in ["utf-8", "iso-8859-1"] {
        let mut html = String::from("<html><body>\n");
        let mut encoded = Vec::new();
        while encoded.len() < size / 2 {
            let chunk = html_of(&prose(&mut rng, 400));
            html.push_str(&chunk);
            let bytes = if charset == "utf-8" { chunk.into_bytes() } else { latin1(&chunk) };
            encoded.extend_from_slice(&quoted_printable(&bytes));
        }
        m.extend_from_slice(
            format!(
                "--qp-html\r\nContent-Type: text/html; charset=\"{charset}\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            )
            .as_bytes(),
        );
        m.extend_from_slice(&encoded);
        m.extend_from_slice(b"\r\n");
    }
    m.extend_from_slice(b"--qp-html--\r\n");
    m
}

/// multipart/mixed with `n` small parts: text, QP text and base64 octets in turn.
pub fn many_parts(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x5EED_0004);
    let mut m = envelope(&mut rng, 3, 2).into_bytes();
    m.extend_from_slice(b"Content-Type: multipart/mixed; boundary=\"part-boundary\"\r\n\r\n");
    for i in 0..n {
        m.extend_from_slice(b"--part-boundary\r\n");
        let words = 8 + rng.below(12);
        let text = prose(&mut rng, words);
        let part = match i % 3 {
            0 => format!(
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}",
                crlf(&text)
            ),
            1 => format!(
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}",
                String::from_utf8_lossy(&quoted_printable(text.as_bytes()))
            ),
            _ => format!(
                "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"part{i}.bin\"\r\n\
                 Content-Transfer-Encoding: base64\r\n\r\n{}",
                String::from_utf8_lossy(&base64_lines(&rng.bytes_between(48, 64)))
            ),
        };
        m.extend_from_slice(part.as_bytes());
    }
    m.extend_from_slice(b"--part-boundary--\r\n");
    m
}

/// `depth` nested multipart/mixed, each holding a short text part and the next level.
///
/// Boundaries are `level-000`, `level-001`, ...: all the same length, so none is a prefix
/// of another (RFC 2046 §5.1.1 lets a boundary match the start of a longer line, and
/// parsers differ on it).
pub fn nested(depth: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x5EED_0005);
    let mut m = envelope(&mut rng, 4, 2).into_bytes();
    m.extend_from_slice(b"Content-Type: multipart/mixed; boundary=\"level-000\"\r\n\r\n");
    for level in 0..depth {
        m.extend_from_slice(
            format!(
                "--level-{level:03}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
                crlf(&prose(&mut rng, 10))
            )
            .as_bytes(),
        );
        m.extend_from_slice(format!("--level-{level:03}\r\n").as_bytes());
        if level + 1 < depth {
            m.extend_from_slice(
                format!("Content-Type: multipart/mixed; boundary=\"level-{:03}\"\r\n\r\n", level + 1)
                    .as_bytes(),
            );
        } else {
            m.extend_from_slice(b"Content-Type: text/plain\r\n\r\ninnermost\r\n");
        }
    }
    for level in (0..depth).rev() {
        m.extend_from_slice(format!("--level-{level:03}--\r\n").as_bytes());
    }
    m
}

/// One message with `n` header fields (Received chains, X- fields, some folded).
pub fn many_headers(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(0x5EED_0006);
    let mut m = String::new();
    for i in 0..n {
        match i % 4 {
            0 => m.push_str(&format!(
                "Received: from host{i}.example.net ([198.51.100.{}]) by mx.example.com; Tue, 5 Mar 2024 10:00:{:02} +0000\r\n",
                i % 250,
                i % 60
            )),
            1 => m.push_str(&format!("X-Spam-Score-{i}: {}.{}\r\n", rng.below(10), rng.below(10))),
            2 => m.push_str(&format!(
                "X-Trace-{i}: {} {}\r\n\t{} {}\r\n",
                rng.pick(WORDS),
                rng.pick(WORDS),
                rng.pick(WORDS),
                rng.pick(WORDS)
            )),
            _ => m.push_str(&format!("X-Id: <{:016x}@example.com>\r\n", rng.next_u64())),
        }
    }
    m.push_str("From: a@example.com\r\nSubject: many headers\r\nContent-Type: text/plain\r\n\r\nbody\r\n");
    m.into_bytes()
}
