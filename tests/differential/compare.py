#!/usr/bin/env python3
"""Differential test: mailmime's `dump --json` against Python's `email` (oracle.py).

For every message of the corpora manifest (eml rows, and each message of mbox rows;
duplicates skipped) it compares
the depth-first list of (content_type, kind) of the two trees. Every disagreement must be
listed, with its reason, in structure-disagreements.tsv next to this script; a listed
entry that now agrees is reported as stale. Exit status 1 when agreement is below the
threshold, when a disagreement is not listed, or when a listed one is stale.

Usage: compare.py --corpora ../shared/corpora --dump target/release/examples/dump
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_oracle(corpora):
    path = os.path.join(os.path.dirname(os.path.abspath(corpora)), "tools", "oracle.py")
    spec = importlib.util.spec_from_file_location("oracle", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def structure(node):
    """Depth-first (content_type, kind) list, iteratively."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append((n["content_type"], n["kind"]))
        stack.extend(reversed(n["children"]))
    return out


def load_reviewed(path):
    reviewed = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rel, reason = line.split("\t", 1)
            if not reason.strip():
                raise SystemExit("%s: %s has no reason" % (path, rel))
            reviewed[rel] = reason
    return reviewed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--dump", required=True)
    ap.add_argument("--threshold", type=float, default=0.95)
    ap.add_argument("--reviewed", default=os.path.join(HERE, "structure-disagreements.tsv"))
    ap.add_argument("--show", action="store_true", help="print both structures of each disagreement")
    a = ap.parse_args()

    oracle = load_oracle(a.corpora)
    reviewed = load_reviewed(a.reviewed)
    rows = []
    with open(os.path.join(a.corpora, "MANIFEST.tsv"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            rel, kind, _source, dup, _exp = line.rstrip("\n").split("\t")
            if kind in ("eml", "mbox") and not dup:
                rows.append((rel, kind))

    agree, disagree, crashed = [], [], []
    for rel, kind in rows:
        path = os.path.join(a.corpora, rel)
        args = [a.dump, "--json", path] if kind == "eml" else [a.dump, "--mbox", "--json", path]
        proc = subprocess.run(args, capture_output=True, timeout=60)
        if proc.returncode != 0:
            crashed.append((rel, proc.stderr.decode("utf-8", "replace")[-500:]))
            continue
        ours = json.loads(proc.stdout)
        if kind == "eml":
            with open(path, "rb") as fh:
                pairs = [(rel, ours, oracle.summarize_bytes(fh.read()))]
        else:
            theirs = [oracle.summarize_bytes(raw) for _key, raw in oracle.mbox_messages(path)]
            if len(theirs) != len(ours):
                crashed.append((rel, "mbox: %d messages here, %d in Python" % (len(ours), len(theirs))))
                continue
            pairs = [("%s#%d" % (rel, i), o, t) for i, (o, t) in enumerate(zip(ours, theirs))]
        for name, o, t in pairs:
            s_ours, s_theirs = structure(o["tree"]), structure(t["tree"])
            if s_ours == s_theirs:
                agree.append(name)
            else:
                disagree.append((name, s_ours, s_theirs))

    total = len(agree) + len(disagree) + len(crashed)
    ratio = len(agree) / total if total else 0.0
    print("structure: %d messages, %d agree, %d disagree, %d crashed: %.1f%% agreement (threshold %.0f%%)"
          % (total, len(agree), len(disagree), len(crashed), 100 * ratio, 100 * a.threshold))
    failed = False
    for rel, err in crashed:
        print("CRASH %s\n%s" % (rel, err))
        failed = True
    for rel, s_ours, s_theirs in disagree:
        listed = rel in reviewed
        print("%s %s%s" % ("reviewed  " if listed else "UNREVIEWED", rel, ": " + reviewed[rel] if listed else ""))
        if not listed or a.show:
            print("    mailmime: %s" % s_ours)
            print("    python:   %s" % s_theirs)
        failed |= not listed
    stale = sorted(set(reviewed) - {d[0] for d in disagree})
    for rel in stale:
        print("STALE     %s (listed as a disagreement but now agrees or is not in the corpus)" % rel)
        failed = True
    if ratio < a.threshold:
        print("FAIL: agreement below threshold")
        failed = True
    print("differential-structure: %d passed, %d failed" % (len(agree) + len(disagree) - sum(1 for d in disagree if d[0] not in reviewed), sum(1 for d in disagree if d[0] not in reviewed) + len(crashed) + len(stale)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
