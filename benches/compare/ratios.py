#!/usr/bin/env python3
"""Table of mailmime's throughput relative to its peers, from one criterion run.

Reads every `<criterion dir>/**/new/benchmark.json` (group and function names, bytes per
iteration) with the `estimates.json` beside it (median time per iteration), and prints,
per group (`parse/<input>`, `parse_decode/<input>`), each parser's median throughput and
mailmime's ratio to each peer: mailmime MiB/s divided by peer MiB/s, so above 1.0 means
mailmime is faster.

Usage: python3 ratios.py [CRITERION_DIR]   (default: target/criterion beside this file,
or $CARGO_TARGET_DIR/criterion when that is set)
"""

import json
import os
import sys
from pathlib import Path

PARSERS = ["mailmime", "mail-parser", "mailparse"]
# The order of ../inputs.rs `all()`; other inputs follow, sorted.
INPUTS = ["small", "base64_10mib", "qp_html_2mib", "parts_2000", "nested_100", "headers_5000"]
MIB = 1024 * 1024


def default_dir() -> Path:
    target = os.environ.get("CARGO_TARGET_DIR")
    if target:
        return Path(target) / "criterion"
    return Path(__file__).resolve().parent / "target" / "criterion"


def load(criterion: Path) -> dict:
    """{group: {function: (median ns per iteration, bytes per iteration)}}"""
    results: dict = {}
    for bench in sorted(criterion.glob("**/new/benchmark.json")):
        meta = json.loads(bench.read_text())
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        throughput = meta.get("throughput") or {}
        size = throughput.get("Bytes") or throughput.get("BytesDecimal")
        function = meta.get("function_id")
        if size is None or function not in PARSERS:
            continue
        results.setdefault(meta["group_id"], {})[function] = (
            estimates["median"]["point_estimate"],
            size,
        )
    return results


def main() -> int:
    criterion = Path(sys.argv[1]) if len(sys.argv) > 1 else default_dir()
    results = load(criterion)
    if not results:
        print(f"no criterion results for {', '.join(PARSERS)} under {criterion}", file=sys.stderr)
        return 1

    header = ["group"] + [f"{p} MiB/s" for p in PARSERS] + ["vs mail-parser", "vs mailparse"]
    rows = []
    def order(group: str):
        kind, _, name = group.partition("/")
        rank = INPUTS.index(name) if name in INPUTS else len(INPUTS)
        return (kind != "parse", rank, name)

    for group in sorted(results, key=order):
        runs = results[group]
        mibs = {}
        for parser, (nanos, size) in runs.items():
            mibs[parser] = size / MIB / (nanos / 1e9)
        row = [group] + [f"{mibs[p]:.1f}" if p in mibs else "-" for p in PARSERS]
        for peer in PARSERS[1:]:
            if "mailmime" in mibs and peer in mibs:
                row.append(f"{mibs['mailmime'] / mibs[peer]:.2f}x")
            else:
                row.append("-")
        rows.append(row)

    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
