"""Run one benchmark step in a fresh Python process, so its peak memory is its own."""

from __future__ import annotations

import json
import resource
import subprocess
import sys


def run_child(script: str, mode: str, *args: str) -> dict:
    """Run ``python script mode args...``; its last stdout line is a JSON dict."""
    result = subprocess.run(
        [sys.executable, script, mode, *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def absent(path) -> bool:
    """True (after printing the skip message) when a shared data set is not there."""
    if path.exists():
        return False
    print(f"   skipped: {path} is absent (it is not shipped with the project)")
    return True
