"""A growing corpus: the whole workflow on SaudiNewsNet without its last 2 days, then
with them added as a new file, for ``topics.update: assign`` and ``refit``.

SaudiNewsNet's last 2 days by ``date_extracted`` (2015-08-10 and -11) hold 3,386 of
31,030 articles (10.9%). A copy of the project gets the earlier articles as
``data/until-2015-08-09.jsonl.gz`` and runs the workflow (first run, empty caches); the
copy is then copied once per update mode, ``data/2015-08-10-11.jsonl.gz`` is added and
the workflow runs again (the update). Prints both wall times, their ratio (target for
``assign``: at most 20%), the jobs each run did, and how many documents each
per-document stage computed and took from its store (from the job logs).

``--share F`` runs on a fixed random share F of both parts (the same share, so the
update stays about 11% of the corpus), for machines where the whole corpus is too slow;
``--project PATH`` benchmarks another checkout (``--modes none`` when it has no
``topics.update``). Run it with ``nice`` on a shared machine:
``nice -n 10 .venv/bin/python bench/incremental_bench.py --share 0.29``.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from child import absent

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
PARTS = ("Snakefile", "config.yaml", "workflow", "analysis", "seeds", "docs")
NEW_DAYS = ("2015-08-10", "2015-08-11")
CONFIG = """corpus:
  name: growing
  paths: [data/*.jsonl.gz]
  fields: {{id: null, title: title, text: content, outlet: source,
           published: date_extracted, url: url, language: null, author: author,
           comments: null}}
  outlet_from: [field]
{topics}"""
STAGES = ("clean", "embed", "actors", "score_stance")


def split_corpus(share: float) -> tuple[list[str], list[str]]:
    """The earlier days' and the last 2 days' lines (a seeded share of each)."""
    import json

    old, new = [], []
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        for line in handle:
            day = json.loads(line)["date_extracted"][:10]
            (new if day in NEW_DAYS else old).append(line)
    if share < 1:
        draw = random.Random(15)
        old = [line for line in old if draw.random() < share]
        new = [line for line in new if draw.random() < share]
    return old, new


def write_lines(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write("".join(lines).encode("utf-8"))


def snakemake(project: Path) -> tuple[float, int, str]:
    """Wall seconds, jobs run and stderr of one workflow run."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(project / "workflow"))
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--configfile", "bench.yaml"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stderr[-3000:])
        raise SystemExit(f"   the workflow failed in {project}")
    total = re.search(r"^total\s+(\d+)", result.stderr, re.MULTILINE)
    return seconds, int(total.group(1)) if total else 0, result.stderr


def store_counts(project: Path) -> str:
    """Per stage: documents computed / taken from the store, summed over shards (the
    last line of that form in each shard's log)."""
    found = []
    for stage in STAGES:
        computed = stored = 0
        for log in sorted((project / "logs" / "growing" / stage).glob("*.log")):
            text = log.read_text("utf-8")
            if stage == "embed":  # the vector cache: "N articles, M texts embedded"
                lines = [
                    (embedded, int(articles) - int(embedded))
                    for articles, embedded in re.findall(
                        r"(\d+) articles, (\d+) texts embedded", text
                    )
                ]
            else:
                lines = re.findall(r"(\d+) documents computed, (\d+) from the store", text)
            if lines:
                computed += int(lines[-1][0])
                stored += int(lines[-1][1])
        found.append(f"{stage} {computed} computed / {stored} stored")
    return "; ".join(found)


def slowest_jobs(project: Path, since: float, count: int = 6) -> str:
    """The jobs of the run started at ``since`` that took longest (their benchmark files)."""
    import csv

    folder = project / "benchmarks" / "growing"
    timed = []
    for tsv in folder.rglob("*.tsv"):
        if tsv.stat().st_mtime >= since:
            with tsv.open() as handle:
                seconds = float(next(csv.DictReader(handle, delimiter="\t"))["s"])
            timed.append((seconds, str(tsv.relative_to(folder).with_suffix(""))))
    return ", ".join(
        f"{job} {seconds:.0f} s" for seconds, job in sorted(timed, reverse=True)[:count]
    )


def copy_project(source: Path, destination: Path) -> None:
    destination.mkdir(parents=True)
    for part in PARTS:
        if (source / part).is_dir():
            shutil.copytree(
                source / part, destination / part, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source / part, destination / part)


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--share", type=float, default=1.0)
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--modes", nargs="+", default=["assign", "refit"])
    args = parser.parse_args(argv or [])
    if absent(DATA):
        return
    old, new = split_corpus(args.share)
    print(
        f"   SaudiNewsNet{f' (share {args.share})' if args.share < 1 else ''}: first run "
        f"{len(old):,} articles, then {len(new):,} added "
        f"({len(new) / (len(old) + len(new)):.1%} of the grown corpus)"
    )
    with tempfile.TemporaryDirectory(prefix="incremental-") as folder:
        first = Path(folder) / "first"
        copy_project(args.project, first)
        write_lines(first / "data" / "until-2015-08-09.jsonl.gz", old)
        mode = args.modes[0]
        topics = "" if mode == "none" else f"topics:\n  update: {mode}\n"
        (first / "bench.yaml").write_text(CONFIG.format(topics=topics), encoding="utf-8")
        since = time.time()
        first_s, first_jobs, _ = snakemake(first)
        print(f"   first run: {first_s:.0f} s, {first_jobs} jobs")
        print(f"     slowest jobs: {slowest_jobs(first, since)}")
        for mode in args.modes:
            project = Path(folder) / mode
            shutil.copytree(first, project, symlinks=True)
            topics = "" if mode == "none" else f"topics:\n  update: {mode}\n"
            (project / "bench.yaml").write_text(CONFIG.format(topics=topics), encoding="utf-8")
            write_lines(project / "data" / "2015-08-10-11.jsonl.gz", new)
            since = time.time()
            seconds, jobs, _ = snakemake(project)
            print(
                f"   update, topics.update {mode}: {seconds:.0f} s, {jobs} jobs, "
                f"{seconds / first_s:.0%} of the first run"
                + (" (target for assign: <= 20%)" if mode == "assign" else "")
            )
            print(f"     {store_counts(project)}")
            print(f"     slowest jobs: {slowest_jobs(project, since)}")


if __name__ == "__main__":
    run(sys.argv[1:])
