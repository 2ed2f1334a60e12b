"""Shared helpers: the project root, temporary project copies, Snakemake runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"
PROJECT_PARTS = (
    "Snakefile",
    "config.yaml",
    "workflow",
    "analysis",
    "seeds",
    "docs",
    "profiles",
    "requirements.lock",
)

sys.path.insert(0, str(ROOT / "workflow"))


def copy_project(destination: Path) -> Path:
    """A fresh copy of the workflow, its config, notebooks and seed corpus."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, destination / part, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / part)
    return destination


def add_to_config_list(root: Path, anchor: str, entries: list[str]) -> None:
    """Insert ``entries`` into the config.yaml list whose first line (or empty form) is
    ``anchor``, e.g. ``"    paths: []\n"``, keeping the anchor's indentation."""
    path = root / "config.yaml"
    config = path.read_text(encoding="utf-8")
    assert anchor in config, anchor
    indent = anchor[: len(anchor) - len(anchor.lstrip())]
    if anchor.rstrip().endswith("[]"):
        head = anchor.replace("[]", "").rstrip() + "\n"
        items = "".join(f"{indent}  - {entry}\n" for entry in entries)
    else:
        head, items = anchor, "".join(f"{indent}- {entry}\n" for entry in entries)
    path.write_text(config.replace(anchor, head + items, 1), encoding="utf-8")


def code_sheet_as_two_coders(
    root: Path, label_of: Callable[[str], str], every: int, second_label: str
) -> pl.DataFrame:
    """Fill the exported coding sheet as two coders in ``validation/coded``: ``amal``
    labels each unit with ``label_of(sentence)``; ``bilal`` agrees except on every
    ``every``-th unit, where he gives ``second_label``. Returns the sheet."""
    sheet = pl.read_csv(root / "results/seed/validation/coding_sheet.csv")
    folder = root / "validation" / "coded"
    folder.mkdir(parents=True)
    first = sheet.with_columns(
        pl.col("sentence").map_elements(label_of, return_dtype=pl.String).alias("label"),
        pl.lit("amal").alias("coder"),
    )
    second = first.with_columns(
        pl.when(pl.int_range(pl.len()) % every == 0)
        .then(pl.lit(second_label))
        .otherwise(pl.col("label"))
        .alias("label"),
        pl.lit("bilal").alias("coder"),
    )
    first.write_csv(folder / "amal.csv", include_bom=True)
    second.write_csv(folder / "bilal.csv", include_bom=True)
    return sheet


def snakemake(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run Snakemake in ``workdir`` with the interpreter running the tests."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"snakemake {' '.join(args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-6000:]}"
        )
    return result


def planned_jobs(workdir: Path, *args: str) -> dict[str, int]:
    """The jobs ``snakemake -n`` would run, as {rule: count} (empty when nothing to do)."""
    result = snakemake(workdir, "-n", *args)
    output = result.stdout + result.stderr
    if "Nothing to be done" in output:
        return {}
    table = output.split("Job stats:", 1)[1]
    jobs = {}
    for line in table.splitlines()[3:]:
        match = re.match(r"^(\w+)\s+(\d+)$", line.strip())
        if not match:
            break
        if match.group(1) != "total":
            jobs[match.group(1)] = int(match.group(2))
    return jobs


@pytest.fixture(scope="session")
def use_embedder():
    from mediaframe.embed import get_embedder

    return get_embedder({"backend": "use", "threads": 2})


def mention_frame(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    """A mentions table from ``(actor, sentence, mention text)`` rows, one sentence each."""
    return pl.DataFrame(
        [
            {
                "doc_id": "d",
                "kind": "body",
                "comment": None,
                "sentence": i,
                "actor": actor,
                "matched": mention,
                "sentence_text": sentence,
                "start": sentence.index(mention),
                "end": sentence.index(mention) + len(mention),
            }
            for i, (actor, sentence, mention) in enumerate(rows)
        ],
        schema_overrides={"comment": pl.Int64},
    )


def tiny_bert_config(vocab_size: int, **extra):
    """A one-layer, 16-wide BERT configuration: a real model small enough for tests."""
    import transformers

    return transformers.BertConfig(
        vocab_size=vocab_size,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        **extra,
    )
