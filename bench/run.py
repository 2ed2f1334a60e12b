"""Benchmarks: `make bench` prints figures and asserts nothing.

Each benchmark module has a ``run()``; those that need the shared data sets
(../shared/data) print a skip message when they are absent, as on a user's clone.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BENCHMARKS = (
    "seed_stages",
    "clean_bench",
    "clean_quality",
    "comments_bench",
    "actors_bench",
    "alias_precision",
    "topics_bench",
    "topic_sections",
    "adapt_bench",
    "long_line_bench",
    "incremental_bench",
)


def main(selected: list[str]) -> None:
    for name in selected or BENCHMARKS:
        print(f"== {name}")
        start = time.perf_counter()
        importlib.import_module(name).run()
        print(f"   ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
