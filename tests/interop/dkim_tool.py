#!/usr/bin/env python3
"""Signs and verifies messages with dkimpy, for tests/signatures.rs.

Usage:
    dkim_tool.py sign KEY.pem < JOBS      JOBS: lines "IN<TAB>OUT<TAB>relaxed|simple"
    dkim_tool.py verify PUBLIC.pem < FILES FILES: one path a line

sign: for every job, signs IN with the RSA key (PKCS#1 PEM), canonicalization c= both
header and body as given, selector "test" of domain "example.com", h= From (always: RFC
6376 §5.4 requires it, and dkimpy refuses a signature without it) and To, Subject, Date
where the message has them. OUT is the DKIM-Signature field, folded with the message's
own line end (that of its first line), then the message. Prints "OUT<TAB>ok<TAB>NAMES"
(the signed field names, comma-separated), or "OUT<TAB>skip<TAB>REASON" when dkimpy
refuses the message (and OUT is not written).

verify: checks the first DKIM-Signature of every file, with the key in PUBLIC.pem (a
SubjectPublicKeyInfo PEM) served as the TXT record of test._domainkey.example.com; no
DNS is used. Prints "PATH<TAB>pass" or "PATH<TAB>fail<TAB>REASON".

Both exit 0 when every line was answered; the caller judges the verdicts.
"""

import sys

import dkim

SELECTOR = b"test"
DOMAIN = b"example.com"
RECORD_NAME = SELECTOR + b"._domainkey." + DOMAIN + b"."
CANDIDATES = (b"from", b"to", b"subject", b"date")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def first_line_end(message):
    newline = message.find(b"\n")
    return b"\r\n" if newline > 0 and message[newline - 1 : newline] == b"\r" else b"\n"


def one_line(text):
    return " ".join(str(text).split())


def sign(key_path):
    key = read(key_path)
    for line in sys.stdin.read().splitlines():
        source, target, canon = line.split("\t")
        message = read(source)
        try:
            signer = dkim.DKIM(message, linesep=first_line_end(message))
            present = {name.lower() for name, _ in signer.headers}
            names = [b"from"] + [n for n in CANDIDATES[1:] if n in present]
            field = signer.sign(
                SELECTOR,
                DOMAIN,
                key,
                canonicalize=(canon.encode(), canon.encode()),
                include_headers=names,
            )
        except dkim.DKIMException as e:
            print(f"{target}\tskip\t{type(e).__name__}: {one_line(e)}")
            continue
        with open(target, "wb") as out:
            out.write(field + message)
        print(f"{target}\tok\t{b','.join(names).decode()}")


def public_key_record(public_path):
    lines = read(public_path).split(b"\n")
    body = b"".join(l.strip() for l in lines if l.strip() and not l.startswith(b"-----"))
    return b"v=DKIM1; k=rsa; p=" + body


def verify(public_path):
    record = public_key_record(public_path)

    def txt(name, timeout=5):
        return record if name == RECORD_NAME else None

    for path in sys.stdin.read().splitlines():
        message = read(path)
        try:
            ok = dkim.DKIM(message).verify(dnsfunc=txt)
            reason = "" if ok else "signature does not match the signed header fields"
        except dkim.DKIMException as e:
            ok, reason = False, f"{type(e).__name__}: {one_line(e)}"
        print(f"{path}\tpass" if ok else f"{path}\tfail\t{reason}")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("sign", "verify"):
        sys.exit(__doc__)
    (sign if sys.argv[1] == "sign" else verify)(sys.argv[2])


if __name__ == "__main__":
    main()
