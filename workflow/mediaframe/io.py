"""Reading and writing artifacts, and running a pipeline step with readable errors.

Example:
    >>> with step_logging("logs/clean/00.log"):
    ...     write_parquet(frame, "results/clean/articles/00.parquet")
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
import time
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


def yaml_syntax_error(path: str | Path) -> str | None:
    """A message naming line, column and problem when ``path`` is not valid YAML, else
    ``None``; Snakemake's own message for a broken config file names neither."""
    import yaml

    try:
        yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return (
            f"{path}{where}: {error.problem or error.context}. Fix: correct the YAML syntax "
            "there (a bracket, quote or indentation)."
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return f"{path}: cannot be read as YAML ({error})."
    return None


# A corpus name is a folder name under results/, reports/, logs/ and benchmarks/:
# letters, digits, "-", "_" and "."; not "." or ".." (they leave the folder) and not
# "cache" (results/cache holds the caches all corpora share).
CORPUS_NAME = re.compile(r"[A-Za-z0-9._-]+")
RESERVED_NAMES = (".", "..", "cache")


def corpus_name_problem(config: dict) -> str | None:
    """A message naming the key and the fix when ``corpus.name`` is missing or not a
    safe folder name, else ``None`` (before the schema, whose message names neither)."""
    corpus = config.get("corpus") if isinstance(config, dict) else None
    name = corpus.get("name") if isinstance(corpus, dict) else None
    fix = (
        "Fix: set corpus.name in config.yaml (or the --configfile you gave) to a short "
        "folder name of letters, digits, '-', '_' or '.', e.g. `name: syria_2022`; this "
        "corpus's results go to results/<name>/ and its reports to reports/<name>/."
    )
    if name is None:
        return f"config.yaml: corpus.name is missing. {fix}"
    if not isinstance(name, str) or not CORPUS_NAME.fullmatch(name) or name in RESERVED_NAMES:
        return f"config.yaml: corpus.name {name!r} is not a safe folder name. {fix}"
    return None


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
    stop_with_snakemake()
    try:
        yield log
    except MediaframeError as error:
        log.error("%s", error)
        sys.exit(1)


class Progress:
    """Periodic progress lines for a long job: count, share, rate and time left.

    A line is logged at the start, then at most every ``every`` seconds as :meth:`advance`
    is called, and at the end, so a job never stays silent for long; the lines go to
    the job's log file and the terminal.

    Example:
        >>> progress = Progress("score_stance 00", total=4000, unit="mentions")
        >>> for batch in batches:
        ...     progress.advance(len(batch))
        >>> progress.done()
    """

    def __init__(
        self,
        what: str,
        total: int,
        unit: str = "items",
        every: float = 20.0,
        logger: logging.Logger | None = None,
    ) -> None:
        self.what, self.total, self.unit, self.every = what, total, unit, every
        self.log = logger or log
        self.count = 0
        self.started = self._last = time.monotonic()
        self.log.info("%s: %s %s to do", what, f"{total:,}", unit)

    def advance(self, count: int = 1) -> None:
        self.count += count
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self.log.info("%s", self.line(now))

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.count / elapsed
        share = f" ({100 * self.count / self.total:.0f}%)" if self.total else ""
        left = (self.total - self.count) / rate if rate > 0 else float("nan")
        eta = f", about {_duration(left)} left" if rate > 0 and self.count < self.total else ""
        return (
            f"{self.what}: {self.count:,}/{self.total:,} {self.unit}{share}, "
            f"{rate:,.1f} {self.unit}/s{eta}"
        )

    def done(self) -> None:
        elapsed = time.monotonic() - self.started
        self.log.info(
            "%s: done, %s %s in %s", self.what, f"{self.count:,}", self.unit, _duration(elapsed)
        )


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds // 60 % 60:02d} min"


def stop_with_snakemake(poll_seconds: float = 2.0) -> None:
    """End this job when the Snakemake process that started it is gone.

    Snakemake killed with SIGKILL cannot stop its jobs; without this, a job keeps
    running (and writing) as an orphan after the user sees the run end. The nearest
    ancestor process running Snakemake is watched from a daemon thread; nothing happens
    where it cannot be found (a script run by hand) or without ``psutil``.
    """
    try:
        import psutil
    except ImportError:
        return
    try:
        owner = next(
            (
                parent
                for parent in psutil.Process().parents()
                if any("snakemake" in part for part in parent.cmdline()[:3])
            ),
            None,
        )
    except (psutil.Error, OSError):
        return
    if owner is None:
        return

    def watch() -> None:
        while owner.is_running():
            time.sleep(poll_seconds)
        log.error("Snakemake (pid %d) stopped; this job stops too.", owner.pid)
        logging.shutdown()
        os._exit(1)

    threading.Thread(target=watch, name="stop-with-snakemake", daemon=True).start()
