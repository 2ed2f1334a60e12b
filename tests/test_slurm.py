"""The whole workflow on the seed corpus through a real single-node SLURM cluster
(Debian's slurmctld, slurmd and munge, started here): every job goes through the
scheduler, and every parquet output is byte-identical to a local run's.

Skips, saying why, where the cluster cannot be started (not root, SLURM not installed:
``.ci/run`` installs it as root). A cluster that is installed but does not come up fails.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import slurm_cluster
from conftest import copy_project, snakemake

pytestmark = pytest.mark.workflow

# The slurm executor plugin can lose its jobs and then ignores SIGTERM: a hard limit.
SLURM_RUN_LIMIT = 1500


@pytest.fixture(scope="module")
def cluster():
    if reason := slurm_cluster.why_not():
        pytest.skip(f"no SLURM cluster: {reason}")
    pytest.importorskip(
        "snakemake_executor_plugin_slurm", reason="snakemake-executor-plugin-slurm (dev extra)"
    )
    running = slurm_cluster.start()
    yield running
    slurm_cluster.stop(running)


def run_through_slurm(workdir: Path) -> str:
    """``snakemake --workflow-profile profiles/slurm`` in its own process group, killed
    whole (SIGKILL) when it outlives the limit; returns its output."""
    command = [
        sys.executable,
        "-m",
        "snakemake",
        "--workflow-profile",
        "profiles/slurm",
        "--slurm-init-seconds-before-status-checks",
        "2",
        "--jobs",
        "4",
    ]
    process = subprocess.Popen(
        command,
        cwd=workdir,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=SLURM_RUN_LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        submitted = re.findall(r"has been submitted with SLURM jobid (\d+)", output)
        subprocess.run(["scancel", *submitted], check=False, timeout=30)
        raise AssertionError(
            f"the SLURM run did not finish in {SLURM_RUN_LIMIT} s:\n{output[-6000:]}"
        ) from None
    assert process.returncode == 0, f"the SLURM run failed:\n{output[-8000:]}"
    return output


def parquet_files(root: Path) -> dict[str, bytes]:
    """Every parquet output of the seed corpus (results/seed), and of the shared caches."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted((root / "results").rglob("*.parquet"))
    }


def test_the_seed_workflow_runs_through_slurm_with_identical_outputs(cluster, tmp_path):
    local = copy_project(tmp_path / "local")
    snakemake(local)
    on_slurm = copy_project(tmp_path / "slurm")
    output = run_through_slurm(on_slurm)

    # every job was submitted to SLURM, and the controller ran each of them
    job_ids = re.findall(r"has been submitted with SLURM jobid (\d+)", output)
    planned = re.search(r"^total\s+(\d+)$", output, flags=re.M)
    run_here = re.findall(r"^localrule (\w+):", output, flags=re.M)
    assert run_here == ["all"], run_here  # only the target rule, which runs nothing
    assert planned and len(job_ids) == int(planned.group(1)) - 1 > 15, output[-4000:]
    controller = cluster.log.read_text(errors="replace")
    for job_id in job_ids:
        assert re.search(rf"JobId={job_id}\b.*(done|WEXITSTATUS 0)", controller), job_id
    assert (on_slurm / "reports" / "seed" / "index.html").is_file()

    # the results are the same bytes as a local run's
    here, there = parquet_files(local), parquet_files(on_slurm)
    assert len(here) > 30
    assert sorted(here) == sorted(there)
    differ = [name for name in here if here[name] != there[name]]
    assert not differ, f"parquet outputs differ between the local and the SLURM run: {differ}"
