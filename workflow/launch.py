"""Start Snakemake for `make run`, recovering from a run that was killed.

A run killed hard (SIGKILL, a closed laptop, an out-of-memory kill) leaves Snakemake's
lock behind and its unfinished outputs marked incomplete; the next run would stop and
ask for ``--unlock``, then for ``--rerun-incomplete``. This launcher:

- refuses to start while another Snakemake process is running in this project folder
  (its lock is real; the message names its process id);
- removes a lock whose owner is gone (``snakemake --unlock``), saying so;
- always passes ``--rerun-incomplete``, so half-written outputs are made again.

Jobs of a killed run stop by themselves within seconds (``mediaframe.io.stop_with_snakemake``).

Usage: ``python workflow/launch.py --cores all [more snakemake arguments]``
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def running_snakemake(project: Path) -> list[int]:
    """Process ids of Snakemake runs (other than this process) working in ``project``."""
    import psutil

    found = []
    for process in psutil.process_iter(["pid", "cmdline", "cwd"]):
        try:
            command = process.info["cmdline"] or []
            if process.pid == os.getpid() or not any("snakemake" in c for c in command[:3]):
                continue
            if "--unlock" in command or Path(process.info["cwd"] or "/") != project:
                continue
            found.append(process.pid)
        except (psutil.Error, OSError):
            continue
    return sorted(found)


def main(arguments: list[str]) -> int:
    project = Path.cwd().resolve()
    snakemake = [sys.executable, "-m", "snakemake"]
    locks = project / ".snakemake" / "locks"
    if locks.is_dir() and any(locks.iterdir()):
        others = running_snakemake(project)
        if others:
            print(
                f"Another run is working in {project} (Snakemake process "
                f"{', '.join(map(str, others))}). Wait for it to finish, or stop it "
                "(kill the process id), then run again.",
                file=sys.stderr,
            )
            return 1
        print(
            "The previous run stopped without releasing its lock (it was killed); its owner "
            "is gone, so the lock is removed and unfinished outputs are made again.",
            file=sys.stderr,
        )
        subprocess.run([*snakemake, "--unlock", "--quiet"], check=False, cwd=project)
    os.execv(sys.executable, [*snakemake, "--rerun-incomplete", *arguments])
    return 0  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
