#!/usr/bin/env python3
"""A local SMTP server (aiosmtpd) that stores what it receives, for tests/interop.rs.

Usage: smtp_sink.py PORT OUTDIR

Listens on 127.0.0.1:PORT only, with SMTPUTF8 and 8BITMIME enabled. For the N-th
message (from 1) it writes OUTDIR/N.eml, the DATA content exactly as received
(dot-unstuffed, nothing added: no Received or X-Peer fields), then OUTDIR/N.env, the
envelope, by rename so that a reader never sees half a file. N.env has one item a line,
every value hex-encoded UTF-8 (easy to read without a JSON parser):

    mail_from HEX
    mail_option HEX        (one line per MAIL FROM parameter, e.g. BODY=8BITMIME)
    rcpt HEX               (one line per RCPT TO, in order)

Prints "READY" once it accepts connections, and exits when standard input reaches end of
file (the test closes it, or dies) or on a signal.
"""

import os
import sys
import threading

from aiosmtpd.controller import Controller


def hx(text):
    return text.encode("utf-8").hex()


class Store:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.outdir, str(n))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        lines = ["mail_from " + hx(envelope.mail_from)]
        lines += ["mail_option " + hx(o) for o in envelope.mail_options]
        lines += ["rcpt " + hx(r) for r in envelope.rcpt_tos]
        with open(base + ".env.tmp", "w", encoding="ascii") as f:
            f.write("\n".join(lines) + "\n")
        os.rename(base + ".env.tmp", base + ".env")
        return "250 OK stored as %d" % n


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: smtp_sink.py PORT OUTDIR")
    port = int(sys.argv[1])
    outdir = sys.argv[2]
    controller = Controller(
        Store(outdir),
        hostname="127.0.0.1",
        port=port,
        ready_timeout=10,
        enable_SMTPUTF8=True,
        decode_data=False,
    )
    controller.start()
    try:
        print("READY", flush=True)
        # Block until the test closes our standard input (or exits).
        sys.stdin.buffer.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
