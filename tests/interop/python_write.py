#!/usr/bin/env python3
"""Writes messages with Python's email generator for tests/interop.rs
(`python_generated_messages_parse_here`): EmailMessage with set_content, add_alternative,
add_related and add_attachment, serialised with policy.SMTP (CRLF) or policy.SMTPUTF8.

Usage: python_write.py OUTDIR

Writes OUTDIR/pNN.eml, the attachment data as OUTDIR/pNN.K.bin, and OUTDIR/expect.txt:
what went in, one item per line, every value hex-encoded UTF-8 ("-" for none):

    message FILE
    subject HEX
    from|to|cc HEX_NAME HEX_ADDRESS
    text HEX|-
    html HEX|-
    attachment HEX_FILENAME|- CONTENT_TYPE DATA_FILE
    end

The expectations are the values given to the generator, not what Python reads back.
"""

import email.policy
import os
import random
import sys
from email.headerregistry import Address
from email.message import EmailMessage


def hx(text):
    return "-" if text is None else text.encode("utf-8").hex()


class Writer:
    def __init__(self, outdir):
        self.outdir = outdir
        self.lines = []

    def add(self, name, policy, subject, from_, to, cc, text=None, html=None,
            text_cte=None, html_cte=None, related=(), attachments=()):
        """from_/to/cc: lists of (display name, local part, domain).
        related: (cid, maintype, subtype, data) parts next to the HTML.
        attachments: (filename, maintype, subtype, data, cte)."""
        msg = EmailMessage(policy=policy)
        msg["Subject"] = subject
        for field, boxes in (("From", from_), ("To", to), ("Cc", cc)):
            if boxes:
                msg[field] = [Address(n, username=u, domain=d) for (n, u, d) in boxes]
        msg["Message-ID"] = "<%s@python.example>" % name
        msg["Date"] = "Tue, 01 Oct 2024 12:00:00 +0000"
        if text is not None:
            msg.set_content(text, cte=text_cte)  # None: Python chooses
        if html is not None:
            if text is not None:
                msg.add_alternative(html, subtype="html", cte=html_cte)
                html_part = msg.get_payload()[-1]
            else:
                msg.set_content(html, subtype="html", cte=html_cte)
                html_part = msg
            for cid, maintype, subtype, data in related:
                html_part.add_related(data, maintype, subtype, cid="<%s>" % cid)
        self.lines.append("message %s.eml" % name)
        self.lines.append("subject %s" % hx(subject))
        for field, boxes in (("from", from_), ("to", to), ("cc", cc)):
            for (n, u, d) in boxes:
                self.lines.append("%s %s %s" % (field, hx(n), hx(u + "@" + d)))
        # set_content ends text with a line end when it has none.
        self.lines.append("text %s" % hx(None if text is None else text.rstrip("\n") + "\n"))
        self.lines.append("html %s" % hx(None if html is None else html.rstrip("\n") + "\n"))
        for i, (cid, maintype, subtype, data) in enumerate(related):
            self.write_data(name, i, data, None, maintype + "/" + subtype)
        for i, (filename, maintype, subtype, data, cte) in enumerate(attachments):
            # add_attachment's cte defaults to base64 for bytes; passing None would write
            # an empty Content-Transfer-Encoding field and the raw bytes.
            extra = {} if cte is None else {"cte": cte}
            msg.add_attachment(data, maintype, subtype, filename=filename, **extra)
            self.write_data(name, len(related) + i, data, filename, maintype + "/" + subtype)
        self.lines.append("end")
        with open(os.path.join(self.outdir, name + ".eml"), "wb") as f:
            f.write(msg.as_bytes(policy=policy))

    def write_data(self, name, i, data, filename, content_type):
        data_file = "%s.%d.bin" % (name, i)
        with open(os.path.join(self.outdir, data_file), "wb") as f:
            f.write(data)
        self.lines.append("attachment %s %s %s" % (hx(filename), content_type, data_file))

    def finish(self):
        with open(os.path.join(self.outdir, "expect.txt"), "w", encoding="ascii") as f:
            f.write("\n".join(self.lines) + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python_write.py OUTDIR")
    rng = random.Random(20241001)

    def blob(n):
        return bytes(rng.getrandbits(8) for _ in range(n))

    smtp = email.policy.SMTP
    w = Writer(sys.argv[1])
    w.add(
        "p01", smtp,
        "Grüße aus Köln — 日本語の件名 😀",
        [("Jörg Müller", "joerg", "example.de")],
        [("Doe, John", "john.doe", "example.com"), ("😀 Emoji", "emoji", "example.org")],
        [("", "plain", "example.net")],
        text="Hallo Jörg,\n\nanbei die Dateien.\n\nGrüße\n",
        attachments=[
            ("données été.bin", "application", "octet-stream", blob(50000), None),
            ("data.csv", "text", "csv", b"a,b\nc,d\n", None),
        ],
    )
    w.add(
        "p02", smtp,
        " ".join(["Überlange Betreffzeile mit Umlauten äöü und mehr Text"] * 4),
        [("山田 太郎", "yamada", "example.jp")],
        [("Иван Петров", "ivan", "example.ru")],
        [],
        text="テキスト本文です。\n二行目。\n",
        html="<p>HTML 本文 <img src=\"cid:logo@python.example\"></p>\n",
        related=[("logo@python.example", "image", "png", blob(3000))],
        attachments=[
            ("Ein sehr langer Dateiname mit Umlauten äöüß und noch mehr Wörtern, "
             "damit er umgebrochen wird.pdf", "application", "pdf", blob(20000), None),
        ],
    )
    w.add(
        "p03", smtp,
        "A long plain ASCII subject that goes on and on so that the generator has to "
        "fold it over more than one line, which is fine",
        [("Dr. \"Bob\" Smith", "bob", "example.com")],
        [("O'Brien, Pat", "pat", "example.com"), ("", "first.last+tag", "sub.example.org")],
        [("Ünïcödé Person", "u", "example.com")],
        text="Quoted-printable text: café, naïve, 1 = 1.\n" + "long line " * 30 + "\n",
        text_cte="quoted-printable",
        html="<p>Base64 HTML: café</p>\n",
        html_cte="base64",
        attachments=[
            ("my file with spaces.txt", "text", "plain", b"line one\nline two\n", None),
            ("quote\"d name.bin", "application", "octet-stream", blob(1000), None),
            ("notes-qp.txt", "text", "plain", b"caf\xc3\xa9 = coffee\r\nbare\rcr\n", "quoted-printable"),
        ],
    )
    w.add(
        "p04", email.policy.SMTPUTF8,
        "SMTPUTF8: Grüße 😀 日本",
        [("Jörg", "jörg", "bücher.example")],
        [("", "ü", "example.com")],
        [],
        text="UTF-8 headers and an 8bit body: äöü 😀\n",
        attachments=[("größe.txt", "application", "octet-stream", blob(500), None)],
    )
    w.add(
        "p05", smtp,
        # (Not an encoded-word look-alike: assigning a str to msg["Subject"] decodes
        # RFC 2047 syntax in it, so the generator would never write one.)
        "Plain ASCII; a 7bit body with dot lines",
        [("Mallory", "mallory", "example.com")],
        [("", "bob", "example.org")],
        [],
        text="ASCII only, 7bit.\n.leading dot line\n.\nFrom the start\n",
    )
    w.add(
        "p06", smtp,
        "Only attachments",
        [("", "a", "example.com")],
        [("", "b", "example.org")],
        [],
        attachments=[
            ("報告書.xlsx", "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             blob(120000), None),
            ("😀.png", "image", "png", blob(777), None),
            ("page.html", "text", "html", b"<html><body>attached page</body></html>\n", None),
        ],
    )
    w.finish()


if __name__ == "__main__":
    main()
