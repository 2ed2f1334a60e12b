"""A real single-node SLURM cluster on this machine, for tests/test_slurm.py.

Debian's packages (``apt-get install --no-install-recommends slurmctld slurmd
slurm-client munge``; ``.ci/run`` installs them when it runs as root) start nothing, so
this module writes ``/etc/slurm/slurm.conf`` (jobs read it from there: ``SLURM_CONF`` is
not passed into them) and starts ``munged`` (as user munge), ``slurmctld`` and ``slurmd``
by command; :func:`stop` ends exactly the daemons it started, by their process ids.

No accounting daemon (slurmdbd) runs, so ``sacct`` fails: Snakemake's slurm executor
must be told ``--slurm-status-command squeue``, which sees a finished job for
``MinJobAge`` seconds.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

CONF = Path("/etc/slurm/slurm.conf")
MARK = "# written by mediaframe tests/slurm_cluster.py"
STATE = Path("/var/lib/mediaframe-slurm")
COMMANDS = ("munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo", "scontrol")
PACKAGES = "slurmctld slurmd slurm-client munge"


@dataclass
class Cluster:
    """A running cluster: its controller log and the daemons this module started."""

    log: Path
    started: list[int] = field(default_factory=list)


def why_not() -> str | None:
    """Why a cluster cannot be started here, or None when it can."""
    if os.geteuid() != 0:
        return "starting SLURM daemons needs root (this test runs as a normal user)"
    missing = [c for c in COMMANDS if c not in {Path(m).name for m in _found()}]
    if missing:
        return (
            f"SLURM is not installed ({', '.join(missing)} missing). Fix: apt-get install "
            f"--no-install-recommends {PACKAGES} (.ci/run does this as root)"
        )
    if CONF.is_file() and MARK not in CONF.read_text(encoding="utf-8"):
        return f"{CONF} belongs to another SLURM installation; the test will not replace it"
    return None


def _found() -> list[str]:
    path = f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin"
    return [found for c in COMMANDS if (found := shutil.which(c, path=path))]


def _command(name: str) -> str:
    found = shutil.which(name, path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
    assert found, name
    return found


def slurm_conf(host: str, cpus: int, memory_mb: int) -> str:
    """The configuration of a one-node cluster whose node is this machine."""
    return f"""{MARK}
ClusterName=mediaframe
SlurmctldHost={host}(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation={STATE}/state
SlurmdSpoolDir={STATE}/spool
SlurmctldPidFile={STATE}/slurmctld.pid
SlurmdPidFile={STATE}/slurmd.pid
SlurmctldLogFile={STATE}/slurmctld.log
SlurmdLogFile={STATE}/slurmd.log
SlurmctldDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MinJobAge=300
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memory_mb} State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
"""


def _memory_mb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(int(line.split()[1]) / 1024 * 0.9)
    raise RuntimeError("no MemTotal in /proc/meminfo")


def _pid(path: Path) -> int | None:
    try:
        pid = int(path.read_text().split()[0])
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError, IndexError):
        return None


def node_state() -> str:
    result = subprocess.run(
        [_command("sinfo"), "-h", "-N", "-o", "%T"], capture_output=True, text=True, timeout=20
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def start(timeout: float = 60) -> Cluster:
    """Start munged, slurmctld and slurmd (those not already running) and wait until the
    node accepts jobs. Raises RuntimeError with the daemons' logs when it does not."""
    host = socket.gethostname().split(".")[0]
    CONF.parent.mkdir(parents=True, exist_ok=True)
    conf = slurm_conf(host, os.cpu_count() or 1, _memory_mb())
    if not CONF.is_file() or CONF.read_text(encoding="utf-8") != conf:
        CONF.write_text(conf, encoding="utf-8")
    for folder in (STATE / "state", STATE / "spool"):
        folder.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(log=STATE / "slurmctld.log")

    munge_run = Path("/run/munge")
    munge_run.mkdir(parents=True, exist_ok=True)
    shutil.chown(munge_run, "munge", "munge")
    if _pid(munge_run / "munged.pid") is None:
        subprocess.run(
            ["runuser", "-u", "munge", "--", _command("munged"), "--force"], check=True, timeout=30
        )
        if (pid := _wait_pid(munge_run / "munged.pid")) is not None:
            cluster.started.append(pid)
    for daemon in ("slurmctld", "slurmd"):
        pidfile = STATE / f"{daemon}.pid"
        if _pid(pidfile) is None:
            subprocess.run([_command(daemon)], check=True, timeout=30)
            if (pid := _wait_pid(pidfile)) is not None:
                cluster.started.append(pid)

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = node_state()
        if state in {"idle", "mixed", "allocated"}:
            return cluster
        if state.startswith("down") or state.startswith("drain"):
            subprocess.run(
                [_command("scontrol"), "update", f"NodeName={host}", "State=RESUME"],
                check=False,
                timeout=20,
            )
        time.sleep(1)
    logs = "\n".join(
        f"--- {log}\n{log.read_text(errors='replace')[-2000:]}"
        for log in (STATE / "slurmctld.log", STATE / "slurmd.log")
        if log.is_file()
    )
    stop(cluster)
    raise RuntimeError(f"the SLURM node did not come up (state {node_state()!r}):\n{logs}")


def _wait_pid(pidfile: Path, timeout: float = 15) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (pid := _pid(pidfile)) is not None:
            return pid
        time.sleep(0.2)
    return None


def stop(cluster: Cluster) -> None:
    """End the daemons :func:`start` started (slurmd first), by process id."""
    for pid in reversed(cluster.started):
        try:
            os.kill(pid, 15)
        except ProcessLookupError:
            continue
        for _ in range(50):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
