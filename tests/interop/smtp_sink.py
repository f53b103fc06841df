#!/usr/bin/env python3
"""A local SMTP server (aiosmtpd) that stores what it receives, for tests/interop.rs.

Usage: smtp_sink.py PORT OUTDIR

Listens on 127.0.0.1:PORT only, with SMTPUTF8 and 8BITMIME enabled. For the N-th
message (from 1) it writes OUTDIR/N.eml, the DATA content exactly as received
(dot-unstuffed, nothing added: no Received or X-Peer fields), then OUTDIR/N.json,
{"mail_from", "mail_options", "rcpt_tos", "rcpt_options"}, by rename so that a
reader never sees half a file. Prints "READY" once it accepts connections, and exits
when standard input reaches end of file (the test closes it or dies) or on SIGTERM.
"""

import json
import os
import sys
import threading

from aiosmtpd.controller import Controller


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
        meta = {
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "rcpt_options": envelope.rcpt_options,
        }
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
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
