"""Reading and writing artifacts, and running a pipeline step with readable errors.

Example:
    >>> with step_logging("logs/clean/00.log"):
    ...     write_parquet(frame, "results/clean/articles/00.parquet")
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import polars as pl

from mediaframe.errors import MediaframeError

log = logging.getLogger("mediaframe")

# The columns that identify a sentence in every per-sentence artifact (sentences,
# mentions, quotes); joins between those artifacts use them.
SENTENCE_KEY: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "outlet": pl.String(),
    "published": pl.Date(),
    "kind": pl.String(),
    "comment": pl.Int64(),
    "sentence": pl.Int64(),
}
# One row per input record that did not become an article, in the ingest and clean
# rejects tables alike: where it came from and which stage rejected it, and why.
REJECT_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "record": pl.Int64(),
    "doc_id": pl.String(),
    "stage": pl.String(),
    "reason": pl.String(),
}

# One row per reader comment (page, field or file) that did not become a comment: where
# it came from (``item``: its place in the record's comment list or page, 0 for a whole
# record or field), which stage rejected it, and why.
COMMENT_REJECT_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "record": pl.Int64(),
    "item": pl.Int64(),
    "doc_id": pl.String(),
    "origin": pl.String(),
    "comment_id": pl.String(),
    "stage": pl.String(),
    "reason": pl.String(),
}


def write_parquet(frame: pl.DataFrame, path: str | Path) -> None:
    """Write ``frame`` atomically; identical frames give identical bytes."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    frame.write_parquet(temporary, compression="zstd", statistics=True)
    temporary.replace(target)


def read_parquets(paths: Sequence[str | Path]) -> pl.DataFrame:
    """Concatenate shard files (all share one schema) in the order given."""
    return pl.concat([pl.read_parquet(p) for p in paths], how="vertical")


def limit_threads(threads: int) -> None:
    """Cap BLAS / OpenMP / numba threads at the cores the job was given."""
    for variable in (
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "NUMBA_NUM_THREADS",
    ):
        os.environ[variable] = str(threads)
    with contextlib.suppress(ImportError):
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)


@contextlib.contextmanager
def step_logging(log_path: str | Path | None) -> Iterator[logging.Logger]:
    """Log to the rule's log file; turn a :class:`MediaframeError` into a clean exit.

    The user sees the error's message (file, record, fix) instead of a traceback.
    """
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=handlers,
        force=True,
    )
    try:
        yield log
    except MediaframeError as error:
        log.error("%s", error)
        sys.exit(1)
