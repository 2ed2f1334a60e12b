"""The whole workflow on one 50 MB text without a line break: peak memory of each job.

A copy of the project gets the seed article and ``huge_line.txt``: Arabic news sentences
repeated to 50 MB on one line, with an actor mention every few hundred sentences. The
ingest stage splits the line (``corpus.max_line_chars``); every later job then works on
bounded lines and sentences. Prints each job's peak resident memory (Snakemake's
``benchmarks/<corpus.name>/*.tsv``, ``max_rss``) and wall time; the target is at most 4 GB per job.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("Snakefile", "config.yaml", "workflow", "analysis", "seeds", "docs")
SIZE = 50 * 1024 * 1024


def write_long_line(path: Path, size: int = SIZE) -> None:
    filler = (
        "وقال شهود عيان إن الأسواق في المدينة القديمة فتحت أبوابها من جديد بعد أيام من "
        "الإغلاق، وإن التجار بدأوا إحصاء خسائرهم وسط ارتفاع الأسعار. "
    )
    mention = "وقالت تركيا إن قواتها ستبقى في الشمال السوري. "
    block = (filler * 300 + mention).encode("utf-8")
    with path.open("wb") as handle:
        written = 0
        while written < size:
            handle.write(block)
            written += len(block)
        handle.write(b"\n")


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="long-line-") as folder:
        project = Path(folder)
        for part in PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(
                    source, project / part, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy2(source, project / part)
        write_long_line(project / "seeds" / "huge_line.txt")
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "snakemake", "--cores", "2"],
            cwd=project,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
            capture_output=True,
            text=True,
            check=False,
        )
        print(
            f"   workflow on a 50 MB single line: exit {result.returncode}, "
            f"{time.perf_counter() - start:.0f} s"
        )
        if result.returncode != 0:
            print(result.stderr[-3000:])
        name = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))["corpus"][
            "name"
        ]
        benchmarks = project / "benchmarks" / name
        for tsv in sorted(benchmarks.rglob("*.tsv")):
            with tsv.open() as handle:
                row = next(csv.DictReader(handle, delimiter="\t"))
            job = tsv.relative_to(benchmarks).with_suffix("")
            print(
                f"   {job!s:<28} peak RSS {float(row['max_rss']):>8.0f} MB, {float(row['s']):>7.1f} s"
            )


if __name__ == "__main__":
    run()
