#!/usr/bin/env python3
"""Writes a deterministic mbox of about SIZE_MB megabytes to OUT, for the memory check of
the mbox_stats example in .ci/run (and by hand: see CHANGELOG.md for the 300 MB figure).

    python3 tests/generate_mbox.py OUT SIZE_MB

Messages cycle through plain text (with an unquoted mboxo "From " line), mboxrd-quoted
">From " lines, quoted-printable, multipart/alternative and multipart/mixed with a
base64 attachment; every 500th attachment is 4 MB, so the largest message is about 5.4 MB
while the file is much larger. Memory bounded by the largest message means a peak far
below the file's size.
"""

import base64
import sys


def message(i):
    head = ("From: Sender %d <s%d@example.com>\nTo: r@example.org\nSubject: message %d\n"
            "Date: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <%d@example.com>\n" % (i, i, i, i))
    kind = i % 5
    if kind == 0:
        return head + "\nHello,\nFrom now on the report is weekly.\n" + "Some text. " * 40 + "\n"
    if kind == 1:
        return head + "\nQuoted below.\n\n>From the archive\n>>From deeper\n" + "line\n" * 30
    if kind == 2:
        return (head + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: "
                "quoted-printable\n\n" + "Caf=C3=A9 na=C3=AFve r=C3=A9sum=C3=A9 =\nsoft break.\n" * 20)
    if kind == 3:
        return (head + "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n"
                "--b\nContent-Type: text/plain\n\nplain\n--b\nContent-Type: text/html\n\n"
                "<p>html</p>\n--b--\n")
    size = 4_000_000 if i % 500 == 4 else 3_000
    data = base64.encodebytes(bytes((i + k) % 256 for k in range(size))).decode()
    return (head + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=m\n\n"
            "--m\nContent-Type: text/plain\n\nsee attached\n--m\nContent-Type: application/octet-stream\n"
            "Content-Disposition: attachment; filename=\"a%d.bin\"\nContent-Transfer-Encoding: base64\n\n"
            "%s--m--\n" % (i, data))


def main():
    out, size_mb = sys.argv[1], float(sys.argv[2])
    limit = int(size_mb * 1_000_000)
    cache = {}
    written = 0
    i = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        while written < limit:
            # The body of message i depends only on i % 500 (and its number in the headers).
            key = i % 500
            if key not in cache:
                cache[key] = message(key)
            text = "From s%d@example.com Mon Jan  1 00:00:00 2024\n" % i + cache[key].replace(
                "message %d\n" % key, "message %d\n" % i, 1) + "\n"
            f.write(text)
            written += len(text.encode("utf-8"))
            i += 1
    print("%s: %d messages, %d bytes" % (out, i, written))


if __name__ == "__main__":
    main()
