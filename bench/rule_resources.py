"""Per-rule figures behind the rules' ``mem_mb`` and ``runtime``: reads the ``benchmarks/``
files a finished run wrote (Snakemake's ``benchmark:``) and prints, per rule, the jobs,
the largest data input, the peak memory (``max_rss``), CPU and wall seconds of its
largest job, as a Markdown table.

Not part of ``make bench`` (it reads a run, it does not make one):
``python bench/rule_resources.py benchmarks/seed`` (``benchmarks/<corpus.name>``) after
``make run``.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path


def read(folder: Path) -> dict[str, list[dict[str, float]]]:
    """{rule: [one row per job]} from a run's benchmarks folder."""
    jobs: dict[str, list[dict[str, float]]] = defaultdict(list)
    for tsv in sorted(folder.rglob("*.tsv")):
        relative = tsv.relative_to(folder)
        # per-shard and per-report rules write benchmarks/RULE/WILDCARD.tsv; the others
        # benchmarks/RULE.tsv or benchmarks/validation/RULE.tsv
        per_job = len(relative.parts) > 1 and relative.parts[0] != "validation"
        rule = relative.parts[0] if per_job else relative.stem
        with tsv.open() as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        if rows:
            last = rows[-1]
            jobs[rule].append(
                {
                    "s": float(last["s"]),
                    "max_rss": float(last["max_rss"]) if last["max_rss"] != "-" else 0.0,
                    "cpu_time": float(last["cpu_time"]) if last["cpu_time"] != "-" else 0.0,
                }
            )
    return jobs


def main(folder: Path) -> None:
    jobs = read(folder)
    print("| rule | jobs | peak memory (MB) | CPU time (s) | wall time (s) |")
    print("|---|---|---|---|---|")
    for rule in sorted(jobs):
        rows = jobs[rule]
        print(
            f"| `{rule}` | {len(rows)} | {max(r['max_rss'] for r in rows):,.0f} | "
            f"{max(r['cpu_time'] for r in rows):,.1f} | {max(r['s'] for r in rows):,.1f} |"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/seed"))
