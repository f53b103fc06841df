#!/usr/bin/env python3
"""Differential test: mailmime's `dump --json` against Python's `email` (oracle.py).

For every message of the corpora manifest (eml rows, and each message of mbox rows;
duplicates skipped) it compares:

- structure: the depth-first list of (content_type, kind) of the two trees
  (threshold 94% of messages; reviewed list: structure-disagreements.tsv);
- body: each leaf's body_sha256 (94% of Python's leaves). A Python leaf agrees when the
  longest common subsequence of the two depth-first leaf lists, keyed by (content_type,
  body_sha256), pairs it; for equal trees that is plain depth-first pairing;
- text: each text/* leaf's text_sha256 where Python could decode it, paired the same way
  (94%);
- subject, from, to, date: the envelope fields (97% of messages each);
- roles: the paths of the text and HTML bodies (Python's get_body), 99% of the
  messages whose trees have the same structure (paths into different trees cannot
  agree); "roles (all)" reports the figure over every message, unthresholded.

Body, text and envelope disagreements are reviewed in content-disagreements.tsv as
`path<TAB>key<TAB>reason` where key is `body:N`, `text:N` (N = leaf index), `subject`,
`from`, `to`, `date` or `roles`. A disagreement that is not listed, or a listed one that now
agrees, fails the run, as does any figure under its threshold.

The three 94% thresholds were 95% until issue 11 asked for four readings of broken mail
that Python's email does not share and GMime and mime4j's expected outputs do (a
multipart with only a close delimiter has zero parts, RFC 2046 §5.1.1; the header block
looks ahead to the blank line, RFC 5322 §2.1; an unclosed multipart's last part keeps its
final line break; base64 stops at its padding, RFC 2045 §6.8), and a windows-1252
fallback for unlabelled 8-bit text. That moved structure to 235/248, body to 478/506 and
text to 393/418, every disagreement reviewed with its RFC section. The thresholds are a
coarse guard against regressions; the exact assertion is the reviewed lists.

Usage: compare.py --corpora ../shared/corpora --dump target/release/examples/dump
"""
import argparse
import difflib
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


def leaves(node):
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n["kind"] == "leaf":
            out.append(n)
        stack.extend(reversed(n["children"]))
    return out


def addresses(env, key):
    return [(a["name"] or "", a["address"] or "") for a in env[key]]


def compare_content(name, ours, theirs, out):
    """Appends (name, key, detail) for each content disagreement; returns counts."""
    counts = {"body": [0, 0], "text": [0, 0]}
    lo, lt = leaves(ours["tree"]), leaves(theirs["tree"])
    # A Python leaf agrees when an order-preserving pairing of the two leaf lists (their
    # longest common subsequence) pairs it with a leaf of the same type and content. With
    # equal trees this is plain depth-first pairing.
    def paired(key, theirs_leaves):
        a = [key(n) for n in theirs_leaves]
        b = [key(n) for n in lo]
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        found = {}
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                found[block.a + k] = lo[block.b + k]
        return found

    body_pairs = paired(lambda n: (n["content_type"], n["body_sha256"]), lt)
    text_pairs = paired(lambda n: (n["content_type"], n.get("text_sha256")), lt)
    for i, t in enumerate(lt):
        counts["body"][1] += 1
        if i in body_pairs:
            counts["body"][0] += 1
        else:
            o = lo[i] if i < len(lo) else None
            out.append((name, "body:%d" % i, "python %s %s bytes; mailmime leaf %d: %s bytes"
                        % (t["content_type"], t["body_len"], i, o and o["body_len"])))
        if t.get("text_sha256") is None:
            continue
        counts["text"][1] += 1
        if i in text_pairs:
            counts["text"][0] += 1
        else:
            o = lo[i] if i < len(lo) else None
            out.append((name, "text:%d" % i, "python %s chars; mailmime leaf %d: %s chars"
                        % (t.get("text_len"), i, o and o.get("text_len"))))
    eo, et = ours["envelope"], theirs["envelope"]
    fields = {
        "subject": (eo["subject"], et["subject"]),
        "from": (addresses(eo, "from"), addresses(et, "from")),
        "to": (addresses(eo, "to"), addresses(et, "to")),
        "date": (eo["date"], et["date"]),
    }
    for key, (a, b) in fields.items():
        agree = a == b
        counts.setdefault(key, [0, 0])
        counts[key][1] += 1
        counts[key][0] += agree
        if not agree:
            out.append((name, key, "mailmime %r, python %r" % (a, b)))
    # Roles are paths into the tree, so they compare only where the trees have the same
    # structure; a disagreement on another tree must still be reviewed (it follows from
    # the reviewed structure disagreement) and is counted in "roles (all)".
    a, b = ours.get("roles"), theirs.get("roles")
    same_tree = structure(ours["tree"]) == structure(theirs["tree"])
    counts["roles (all)"] = [int(a == b), 1]
    counts["roles"] = [int(a == b), 1] if same_tree else [0, 0]
    if a != b:
        out.append((name, "roles", "mailmime %r, python %r" % (a, b)))
    return counts


def load_reviewed_content(path):
    reviewed = {}
    if not os.path.exists(path):
        return reviewed
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rel, key, reason = line.split("\t", 2)
            if not reason.strip():
                raise SystemExit("%s: %s %s has no reason" % (path, rel, key))
            reviewed[(rel, key)] = reason
    return reviewed


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
    ap.add_argument("--threshold", type=float, default=0.94)
    ap.add_argument("--reviewed", default=os.path.join(HERE, "structure-disagreements.tsv"))
    ap.add_argument("--reviewed-content", default=os.path.join(HERE, "content-disagreements.tsv"))
    ap.add_argument("--field-threshold", type=float, default=0.97)
    ap.add_argument("--roles-threshold", type=float, default=0.99)
    ap.add_argument("--show", action="store_true", help="print both structures of each disagreement")
    a = ap.parse_args()

    oracle = load_oracle(a.corpora)
    reviewed = load_reviewed(a.reviewed)
    reviewed_content = load_reviewed_content(a.reviewed_content)
    content_out = []
    totals = {}
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
            for key, (ok, n) in compare_content(name, o, t, content_out).items():
                totals.setdefault(key, [0, 0])
                totals[key][0] += ok
                totals[key][1] += n
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
    unreviewed_content = 0
    for name, key, detail in content_out:
        listed = (name, key) in reviewed_content
        unreviewed_content += not listed
        print("%s %s %s: %s" % ("reviewed  " if listed else "UNREVIEWED", name, key,
                                reviewed_content[(name, key)] if listed else detail))
    stale_content = sorted(set(reviewed_content) - {(n, k) for n, k, _ in content_out})
    for name, key in stale_content:
        print("STALE     %s %s (listed as a disagreement but now agrees)" % (name, key))
    for key in ("body", "text", "subject", "from", "to", "date", "roles", "roles (all)"):
        ok, n = totals.get(key, [0, 0])
        need = {"body": a.threshold, "text": a.threshold, "roles": a.roles_threshold, "roles (all)": 0.0}.get(
            key, a.field_threshold)
        r = ok / n if n else 1.0
        print("%-11s %d/%d agree: %.1f%% (threshold %.0f%%)" % (key, ok, n, 100 * r, 100 * need))
        if r < need:
            print("FAIL: %s agreement below threshold" % key)
            failed = True
    failed |= unreviewed_content > 0 or bool(stale_content)
    n_unreviewed = sum(1 for d in disagree if d[0] not in reviewed) + len(crashed) + len(stale)
    n_unreviewed += unreviewed_content + len(stale_content)
    checks = len(agree) + len(disagree) + sum(n for _ok, n in totals.values())
    print("differential: %d passed, %d failed" % (checks - n_unreviewed, n_unreviewed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
