//! The `serde` feature: JSON snapshots of a few fixtures, the shape of every fixture's
//! JSON, the typed views on their own, and serializing deep trees.
//!
//! Snapshots are `tests/serde/<fixture>.json`, made from the fixture as stored (LF line
//! ends). On a mismatch the actual JSON is written beside it as `<fixture>.actual.json`;
//! `BLESS=1 cargo test --features serde --test serde` writes the snapshots (review the
//! diff before keeping it).
#![cfg(feature = "serde")]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{nested_multiparts as nested, on_small_stack};
use mailmime::{Body, DefectKind, Message, ParseOptions, Part};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The fixtures that have a JSON snapshot, under `tests/fixtures/`: a multipart with
/// attachments and a forwarded message, a bounce (delivery-status, embedded message), a
/// base64-encoded embedded message, raw 8-bit headers, and a multipart with defects.
const SNAPSHOTS: [&str; 5] = [
    "real/mixed-attachments-forward",
    "real/bounce-delivery-status",
    "real/base64-message-rfc822",
    "malformed/non-utf8-header",
    "malformed/missing-close-delimiter",
];

/// The keys of a serialized part (and so of a message), in order.
const PART_KEYS: [&str; 8] = [
    "offset",
    "headers",
    "content_type",
    "content_disposition",
    "transfer_encoding",
    "defects",
    "body",
    "parts",
];

#[test]
fn snapshots_match() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for name in SNAPSHOTS {
        let input = fs::read(root().join("fixtures").join(format!("{name}.eml"))).expect("read fixture");
        let msg = Message::parse(&input).expect("parse");
        let actual = serde_json::to_string_pretty(&msg).expect("serialize") + "\n";
        let file = name.rsplit('/').next().unwrap();
        let snap = root().join("serde").join(format!("{file}.json"));
        let actual_file = root().join("serde").join(format!("{file}.actual.json"));
        if let Err(failure) = common::check_snapshot(&snap, &actual_file, &actual, bless) {
            failures.push(failure);
        }
    }
    // A snapshot with no fixture behind it would never be checked.
    for entry in fs::read_dir(root().join("serde")).expect("tests/serde") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if !stem.ends_with(".actual") && !SNAPSHOTS.iter().any(|s| s.ends_with(&format!("/{stem}"))) {
            failures.push(format!("{} has no fixture", common::rel(&path)));
        }
    }
    assert!(failures.is_empty(), "(BLESS=1 accepts the actual output)\n  {}", failures.join("\n  "));
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![root().join("fixtures")];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "eml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every part object in `value` (a serialized part), depth-first, the way
/// [`Part::parts`] walks the tree.
fn json_parts(value: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(part) = stack.pop() {
        out.push(part);
        stack.extend(part["parts"].as_array().expect("parts").iter().rev());
    }
    out
}

/// The keys of an object, sorted (`Value` keeps no order; the snapshots check it).
fn keys(value: &Value) -> Vec<&str> {
    value.as_object().expect("object").keys().map(String::as_str).collect()
}

fn sorted<const N: usize>(mut keys: [&str; N]) -> [&str; N] {
    keys.sort_unstable();
    keys
}

#[test]
fn every_fixture_serializes_to_json_with_every_part_and_defect() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 40, "only {} fixtures", fixtures.len());
    for path in fixtures {
        let input = fs::read(&path).expect("read fixture");
        let msg = Message::parse(&input).expect("parse");
        let text = serde_json::to_string(&msg).expect("serialize");
        let value: Value = serde_json::from_str(&text).expect("the output is JSON");
        let name = path.display();
        assert_eq!(keys(&value), sorted(PART_KEYS), "{name}");

        let parts: Vec<&Part<'_>> = msg.parts().collect();
        let json = json_parts(&value);
        assert_eq!(json.len(), parts.len(), "{name}: part count");
        for (part, json) in parts.iter().zip(&json) {
            let at = part.offset();
            assert_eq!(keys(json), sorted(PART_KEYS), "{name}: the part at {at}");
            assert_eq!(json["offset"], at, "{name}");
            assert_eq!(json["headers"].as_array().unwrap().len(), part.headers().len(), "{name}: {at}");
            let defects: Vec<&str> =
                json["defects"].as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
            let expected: Vec<&str> = part.defects().iter().map(|d| d.kind().name()).collect();
            assert_eq!(defects, expected, "{name}: defects of the part at {at}");
            let ct = part.content_type();
            assert_eq!(json["content_type"]["type"], ct.main_type(), "{name}: {at}");
            assert_eq!(json["content_type"]["subtype"], ct.subtype(), "{name}: {at}");
            assert_eq!(json["transfer_encoding"], part.transfer_encoding().as_str(), "{name}: {at}");
            let body = &json["body"];
            match part.body() {
                Body::Leaf(leaf) => {
                    assert_eq!(body["kind"], "leaf", "{name}: {at}");
                    assert_eq!(body["size"], leaf.as_bytes().len(), "{name}: {at}");
                }
                Body::Multipart(multipart) => {
                    assert_eq!(body["kind"], "multipart", "{name}: {at}");
                    assert_eq!(body["preamble_size"], multipart.preamble().len(), "{name}: {at}");
                    assert_eq!(body["epilogue_size"], multipart.epilogue().len(), "{name}: {at}");
                }
                Body::Message(message) => {
                    assert_eq!(body["kind"], "message", "{name}: {at}");
                    assert_eq!(
                        body["encoded_size"],
                        json!(message.encoded().map(<[u8]>::len)),
                        "{name}: {at}"
                    );
                }
                Body::DeliveryStatus(_) => assert_eq!(body["kind"], "delivery-status", "{name}: {at}"),
                _ => panic!("{name}: a body kind this test does not know"),
            }
        }
    }
}

#[test]
fn header_fields_give_raw_and_decoded_text() {
    let msg =
        Message::parse(b"Subject: =?ISO-8859-1?Q?Andr=E9?=\r\n Pirard\r\nX-Raw: caf\xe9\r\nX-Empty:\r\n\r\n")
            .unwrap();
    assert_eq!(
        serde_json::to_value(msg.headers()).unwrap(),
        json!([
            {"name": "Subject", "raw": " =?ISO-8859-1?Q?Andr=E9?=\r\n Pirard", "decoded": "André Pirard"},
            {"name": "X-Raw", "raw": " caf\u{fffd}", "decoded": "café"},
            {"name": "X-Empty", "raw": "", "decoded": ""},
        ])
    );
    let value = msg.headers().get("x-raw").unwrap();
    assert_eq!(serde_json::to_value(value).unwrap(), json!({"raw": " caf\u{fffd}", "decoded": "café"}));
    let field = msg.headers().iter().next().unwrap();
    assert_eq!(serde_json::to_value(field.name()).unwrap(), json!("Subject"));
}

#[test]
fn typed_views_serialize_on_their_own() {
    let msg = Message::parse(
        b"From: =?utf-8?q?Ana=C3=AFs?= <anais@example.com>\r\n\
To: Team: a@x.test, \"b c\"@y.test;, <root>\r\n\
Date: Sat, 20 Nov 2021 14:22:01 -0800\r\n\
Content-Type: TEXT/Plain; charset=\"utf-8\"; format=flowed\r\n\
Content-Disposition: attachment; filename*=utf-8''na%C3%AFve.txt\r\n\
Content-Transfer-Encoding: Base64\r\n\r\n",
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(msg.from()).unwrap(),
        json!([{"name": "Anaïs", "address": "anais@example.com", "local_part": "anais", "domain": "example.com"}])
    );
    assert_eq!(
        serde_json::to_value(msg.to()).unwrap(),
        json!([
            {"group": "Team", "members": [
                {"name": null, "address": "a@x.test", "local_part": "a", "domain": "x.test"},
                {"name": null, "address": "\"b c\"@y.test", "local_part": "b c", "domain": "y.test"},
            ]},
            {"name": null, "address": "root", "local_part": "root", "domain": null},
        ])
    );
    assert_eq!(
        serde_json::to_value(msg.date().unwrap()).unwrap(),
        json!({"iso8601": "2021-11-20T14:22:01-08:00", "unix_timestamp": 1_637_446_921})
    );
    assert_eq!(
        serde_json::to_value(msg.content_type()).unwrap(),
        json!({"type": "text", "subtype": "plain", "parameters": {"charset": "utf-8", "format": "flowed"}})
    );
    assert_eq!(
        serde_json::to_value(msg.content_disposition().unwrap()).unwrap(),
        json!({"type": "attachment", "parameters": {"filename": "naïve.txt"}})
    );
    assert_eq!(serde_json::to_value(msg.transfer_encoding()).unwrap(), json!("base64"));
}

#[test]
fn defects_and_bodies_serialize_on_their_own() {
    let input = b"Content-Type: multipart/mixed; boundary=x\r\n\r\npre\r\n--x\r\n\r\nbody\r\n";
    let msg = Message::parse(input).unwrap();
    let defect = msg.defects().next().unwrap();
    assert_eq!(serde_json::to_value(defect).unwrap(), json!({"kind": "CloseBoundaryNotFound", "offset": 61}));
    assert_eq!(serde_json::to_value(DefectKind::NulInHeader).unwrap(), json!("NulInHeader"));
    let Body::Multipart(multipart) = msg.body() else { panic!("not a multipart") };
    let leaf_body = json!({"kind": "leaf", "offset": 57, "size": 4});
    let leaf_part = json!({
        "offset": 55,
        "headers": [],
        "content_type": {"type": "text", "subtype": "plain", "parameters": {}},
        "content_disposition": null,
        "transfer_encoding": "7bit",
        "defects": [],
        "body": leaf_body,
        "parts": [],
    });
    assert_eq!(
        serde_json::to_value(msg.body()).unwrap(),
        json!({"kind": "multipart", "preamble_size": 3, "epilogue_size": 0, "closed": false})
    );
    assert_eq!(serde_json::to_value(msg.body()).unwrap(), serde_json::to_value(&**multipart).unwrap());
    assert_eq!(serde_json::to_value(multipart.parts()).unwrap(), json!([leaf_part]));
    assert_eq!(serde_json::to_value(&msg).unwrap()["parts"], json!([leaf_part]));
    let child = &multipart.parts()[0];
    assert_eq!(serde_json::to_value(child.body()).unwrap(), leaf_body);
    assert_eq!(serde_json::to_value(child.body().as_leaf().unwrap()).unwrap(), leaf_body);

    let msg = Message::parse(b"Content-Type: message/delivery-status\r\n\r\nA: 1\r\n\r\nB: 2\r\n").unwrap();
    let Body::DeliveryStatus(status) = msg.body() else { panic!("not a delivery-status") };
    assert_eq!(serde_json::to_value(status).unwrap(), json!({"kind": "delivery-status"}));
    let groups = serde_json::to_value(status.groups()).unwrap();
    let headers: Vec<&Value> = groups.as_array().unwrap().iter().map(|g| &g["headers"][0]).collect();
    assert_eq!(
        headers,
        [
            &json!({"name": "A", "raw": " 1", "decoded": "1"}),
            &json!({"name": "B", "raw": " 2", "decoded": "2"})
        ]
    );
}

/// `depth` messages, each the message/rfc822 body of the one around it.
fn nested_messages(depth: usize) -> Vec<u8> {
    let mut out = b"Content-Type: message/rfc822\r\n\r\n".repeat(depth);
    out.extend_from_slice(b"Subject: innermost\r\n\r\ntext\r\n");
    out
}

/// How deeply arrays and objects nest in `json`, found without recursion.
fn json_depth(json: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
    for b in json.bytes() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'{' | b'[') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, b'}' | b']') => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced JSON");
    deepest
}

#[test]
fn a_tree_as_deep_as_the_default_limit_serializes_on_a_2_mib_stack() {
    on_small_stack(|| {
        let input = nested(5000);
        let msg = Message::parse(&input).unwrap();
        // 1,024 multiparts at depths 0 to 1,023, and the opaque leaf at depth 1,024.
        let deepest = msg.parts().last().unwrap();
        assert!(deepest.defects().iter().any(|d| d.kind() == DefectKind::DepthLimitExceeded));
        assert!(deepest.body().is_leaf());
        for json in [serde_json::to_string(&msg).unwrap(), serde_json::to_string_pretty(&msg).unwrap()] {
            let multiparts = json.matches(r#""kind":"multipart""#).count()
                + json.matches(r#""kind": "multipart""#).count();
            assert_eq!(multiparts, 1024);
            // Two levels per multipart (the part, its parts), then the leaf's part, its
            // headers array and a header field.
            assert_eq!(json_depth(&json), 2 * 1024 + 3);
        }

        let input = nested_messages(5000);
        let msg = Message::parse(&input).unwrap();
        let json = serde_json::to_string(&msg).unwrap();
        // Each message/rfc822 part at depths 0 to 1,023 is parsed; the one at 1,024 is a leaf.
        assert_eq!(json.matches(r#""kind":"message""#).count(), 1024);
        assert_eq!(json_depth(&json), 2 * 1024 + 3);
    });
}

#[test]
fn a_deeper_tree_is_an_error_not_a_stack_overflow() {
    on_small_stack(|| {
        let unlimited = ParseOptions::default().max_depth(usize::MAX);
        for input in [nested(1025), nested_messages(100_000)] {
            let msg = Message::parse_with(&input, &unlimited).unwrap();
            let deepest = msg.parts().nth(1025).unwrap();
            let err = serde_json::to_string(&msg).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "the part at offset {} is nested deeper than 1024 levels, the most mailmime serializes",
                    deepest.offset()
                )
            );
        }
        // A subtree starts again at depth 0, so a deep tree serializes from far enough in.
        let input = nested(2000);
        let msg = Message::parse_with(&input, &unlimited).unwrap();
        let inner = msg.parts().nth(1000).unwrap();
        let json = serde_json::to_string(inner).unwrap();
        assert_eq!(json.matches(r#""kind":"multipart""#).count(), 1000);
    });
}

#[test]
fn decoded_values_use_the_fallback_charset_the_message_was_parsed_with() {
    let koi8 = mailmime::encoding::Charset::for_label(b"koi8-r").unwrap();
    let input =
        b"Subject: \xf0\xd2\xc9\xd7\xc5\xd4\nContent-Type: text/plain; name=\"\xf0\xc5\xd4\xd2.txt\"\n\nx\n";
    let msg = Message::parse_with(input, &ParseOptions::new().fallback_charset(koi8)).unwrap();
    let json = serde_json::to_value(&msg).unwrap();
    assert_eq!(json["headers"][0]["decoded"], json!("Привет"));
    assert_eq!(json["content_type"]["parameters"]["name"], json!("Петр.txt"));
    let json = serde_json::to_value(Message::parse(input).unwrap()).unwrap();
    assert_eq!(json["headers"][0]["decoded"], json!("ðÒÉ×ÅÔ"));
}
