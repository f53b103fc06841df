#!/usr/bin/env python3
"""Reads messages built by mailmime with Python's email package and compares them with
the expectations the Rust test wrote (tests/interop.rs, `python_email_reads_built_messages`).

Usage: python_read.py DIR

DIR holds expectations.json and the files it names. For every message it checks, with
email.message_from_binary_file(policy=email.policy.default):

- no defects; Subject; From, To and Cc as (display name, local part @ domain) in order;
  no Bcc field;
- the text/plain and text/html bodies (get_body + get_content), line ends normalised;
- every other leaf, in order: content type, file name, Content-ID, disposition and the
  decoded bytes (get_payload(decode=True)), which must equal the attachment's data exactly;
- a message/rfc822 part is such a leaf (its disposition and file name are checked,
  null when the API writes none), and the message it embeds (get_payload()[0]) is checked
  as a message is, with all of the above, its own attachments included; and
  as_bytes() (== bytes()) of it must be the message bytes mailmime was given, with
  every CRLF made LF on both sides (see check_embedded).

Python's own limitations are allowed for narrowly, each where it applies: raw UTF-8 in
address fields (`unescape_8bit`), and bodies without a transfer encoding
(`expected_bytes`, and for embedded messages `check_embedded`).

Prints one verdict per message and exits 1 on any mismatch.
"""

import email
import email.policy
import json
import os
import sys


def unescape_8bit(text, smtputf8):
    """Python quirk, applied only to messages sent as SMTPUTF8 (RFC 6532 raw UTF-8
    headers): parsing from bytes leaves non-ASCII bytes of structured (address) headers
    as surrogate escapes ('\\udcc3\\udcb6' for 'ö') instead of decoding them as UTF-8.
    Unstructured fields such as Subject are decoded. Undo exactly that escaping."""
    if smtputf8 and text is not None:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    return text


def mailboxes(msg, field, smtputf8):
    header = msg[field]
    if header is None:
        return []
    out = []
    for a in header.addresses:
        name = unescape_8bit(a.display_name, smtputf8)
        local = unescape_8bit(a.username, smtputf8)
        domain = unescape_8bit(a.domain, smtputf8)
        out.append([name, local + "@" + domain])
    return out


def expected_bytes(part, data):
    """What get_payload(decode=True) gives for `data`, or None when Python cannot give it.

    message_from_binary_file reads the message through a universal-newline text stream,
    so bodies that are not transfer-encoded (7bit, 8bit, binary) reach Python with every
    CRLF and lone CR made LF:
    - binary: not supported (CR bytes in the data are lost), so not compared;
    - 7bit / 8bit text/*: the line breaks come back as LF, which is the conversion of
      text to local line ends that RFC 2049 §2 allows, so that is what is expected.
      (Such text cannot hold a lone CR: the builder uses 7bit/8bit only for CRLF lines.)
    Anything else, in particular non-text data with a 7bit or 8bit encoding, must come
    back exactly."""
    cte = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
    if cte == "binary":
        return None
    if cte in ("7bit", "8bit") and part.get_content_maintype() == "text":
        return data.replace(b"\r\n", b"\n")
    return data


def norm(text):
    return None if text is None else text.replace("\r\n", "\n")


def leaves_of(part):
    """The leaves below `part` in order, an embedded message (message/rfc822) counting
    as one: its own parts are checked against its own expectations. (walk() would go
    into it, as message/rfc822 is_multipart() in Python.)"""
    if part.get_content_type() == "message/rfc822":
        yield part
    elif part.is_multipart():
        for sub in part.get_payload():
            yield from leaves_of(sub)
    else:
        yield part


def check(directory, exp):
    with open(os.path.join(directory, exp["file"]), "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    return check_message(directory, msg, exp, "")


def check_message(directory, msg, exp, where_prefix):
    """Checks `msg` (a message of the corpus, or one embedded in it, then `where_prefix`
    names the part holding it) against `exp`."""
    errors = []
    notes = []
    compared = 0
    skipped = 0

    def expect(what, got, want):
        if got != want:
            errors.append("%s%s: expected %r, got %r" % (where_prefix, what, want, got))

    smtputf8 = exp["transport"] == "smtputf8"

    expect("defects (root)", [type(d).__name__ for d in msg.defects], [])
    subject = msg["subject"]
    expect("subject", None if subject is None else str(subject), exp["subject"])
    for field in ("from", "to", "cc"):
        expect(field, mailboxes(msg, field, smtputf8), exp[field])
    expect("bcc field", msg["bcc"], None)

    bodies = []
    for kind in ("plain", "html"):
        part = msg.get_body(preferencelist=(kind,))
        if part is not None and part.get_content_type() != "text/" + kind:
            part = None
        bodies.append(part)
        got = None if part is None else norm(part.get_content())
        expect(kind + " body", got, norm(exp["text" if kind == "plain" else "html"]))

    leaves = [p for p in leaves_of(msg) if all(p is not b for b in bodies)]
    want = exp["attachments"]
    expect("number of attachment leaves", len(leaves), len(want))
    for i, (part, att) in enumerate(zip(leaves, want)):
        where = "attachment %d (%s)" % (i, att["filename"])
        expect(where + " content type", part.get_content_type(), att["content_type"])
        expect(where + " filename", part.get_filename(), att["filename"])
        cid = part["content-id"]
        cid = None if cid is None else str(cid).strip().strip("<>")
        expect(where + " content-id", cid, att["content_id"])
        expect(where + " disposition", part.get_content_disposition(), att["disposition"])
        expect(where + " defects", [type(d).__name__ for d in part.defects], [])
        with open(os.path.join(directory, att["data"]), "rb") as f:
            data = f.read()
        if att["message"] is not None:
            e, n, c, k = check_embedded(directory, part, att, data, where_prefix + where + ": ")
            errors += e
            notes += n
            compared += c
            skipped += k
            continue
        got = part.get_payload(decode=True)
        data = expected_bytes(part, data)
        if data is None:
            skipped += 1
            notes.append("%s%s: binary transfer encoding, bytes not compared" % (where_prefix, where))
        elif got == data:
            compared += 1
        else:
            errors.append(
                "%s%s bytes differ: expected %d bytes, got %s"
                % (where_prefix, where, len(data), "None" if got is None else "%d bytes" % len(got))
            )
    return errors, notes, compared, skipped


def check_embedded(directory, part, att, data, where):
    """A message/rfc822 part: Python must see one embedded message, the message
    att["message"] describes (checked as a message of the corpus is, its parts
    included), and written out again it must be the bytes mailmime was given (`data`),
    with line ends normalised: the builder makes them CRLF, and the universal-newline
    read makes them LF (see expected_bytes), so both sides are compared with every CRLF
    made LF. Counts as one part compared, plus the embedded message's own."""
    payload = part.get_payload()
    if not isinstance(payload, list) or len(payload) != 1:
        return ["%sexpected one embedded message, got %r" % (where, type(payload).__name__)], [], 0, 0
    embedded = payload[0]
    errors, notes, compared, skipped = check_message(directory, embedded, att["message"], where)
    got = embedded.as_bytes()
    if bytes(embedded) != got:
        errors.append("%sbytes() and as_bytes() of the embedded message differ" % where)
    want = data.replace(b"\r\n", b"\n")
    if got == want:
        compared += 1
        notes.append(
            "%smessage/rfc822: Subject %r, From %r, text %r, %d parts, %d bytes as given"
            % (where, str(embedded["subject"]), str(embedded["from"]),
               norm(embedded.get_body(preferencelist=("plain",)).get_content()),
               len(list(leaves_of(embedded))), len(got))
        )
    else:
        at = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
        errors.append(
            "%sembedded message bytes differ: expected %d bytes, got %d, first difference at %d"
            % (where, len(want), len(got), at)
        )
    return errors, notes, compared, skipped


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python_read.py DIR")
    directory = sys.argv[1]
    with open(os.path.join(directory, "expectations.json"), encoding="utf-8") as f:
        expectations = json.load(f)
    failed = 0
    compared = 0
    skipped = 0
    for exp in expectations["messages"]:
        errors, notes, c, k = check(directory, exp)
        compared += c
        skipped += k
        if errors:
            failed += 1
            print("FAIL %s" % exp["file"])
            for e in errors:
                print("    " + e)
        else:
            print("ok   %s (%d attachments)" % (exp["file"], c))
        for n in notes:
            print("    note: " + n)
    total = len(expectations["messages"])
    print("python %s: %d/%d messages match, %d attachments compared byte for byte, %d not compared"
          % (sys.version.split()[0], total - failed, total, compared, skipped))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
