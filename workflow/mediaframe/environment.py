"""The locked software environment: the lock files, whether they still agree with
``pyproject.toml``, and whether the running environment is the one they pin.

``requirements.lock`` pins every package of the default install (runtime and ``dev``
extra, no torch) with its hashes, for every platform and Python the project supports
(``uv pip compile --universal``); ``requirements-transformers.lock`` adds the
``transformers`` extra on top of it. Each lock's first line states a digest of the
dependency tables of ``pyproject.toml`` it was made from, so a test can tell, offline,
that someone changed the dependencies without running ``make lock``.

Command line (``make setup`` runs the first, ``make lock`` the second; it needs only the
standard library and the project's ``workflow/`` folder on ``PYTHONPATH``)::

    python -m mediaframe.environment install requirements.lock   # into this interpreter's venv
    python -m mediaframe.environment lock     # (re)write both locks with uv
    python -m mediaframe.environment check    # exit 1 when a lock is stale

Example:
    >>> lock_problem(Path("pyproject.toml"), Path("requirements.lock")) is None
    True
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

DIGEST_LINE = "# pyproject dependencies digest: "
# Python version the universal resolution starts from (pyproject's requires-python).
MINIMUM_PYTHON = "3.11"


@dataclass(frozen=True)
class Lock:
    """One lock file: which extras it holds and how it is resolved."""

    file: str
    extras: tuple[str, ...]
    # True: pyproject's [tool.uv] applies (exclude-dependencies drops sentence-transformers);
    # False: the lock of the transformers extra, which needs it, constrained by the default lock.
    default: bool


LOCKS = (
    Lock("requirements.lock", ("dev",), default=True),
    Lock("requirements-transformers.lock", ("dev", "transformers"), default=False),
)
# Installed beside any lock and left out of the comparison, as ``pip freeze`` leaves them
# out: the project itself and the venv's own installers.
VENV_TOOLS = {"mediaframe", "pip", "setuptools", "wheel", "distribute"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?\s*$")


def dependency_digest(pyproject: Path) -> str:
    """A digest of everything in ``pyproject.toml`` that decides the lock's contents:
    requires-python, the dependencies, the extras and the ``[tool.uv]`` settings."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data.get("project", {})
    tables = {
        "requires-python": project.get("requires-python"),
        "dependencies": project.get("dependencies", []),
        "optional-dependencies": project.get("optional-dependencies", {}),
        "tool.uv": data.get("tool", {}).get("uv", {}),
    }
    encoded = json.dumps(tables, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:16]


def stated_digest(lock: Path) -> str | None:
    """The pyproject digest a lock file states in its header, None when it states none."""
    for line in lock.read_text(encoding="utf-8").splitlines()[:5]:
        if line.startswith(DIGEST_LINE):
            return line.removeprefix(DIGEST_LINE).strip()
    return None


def lock_problem(pyproject: Path, lock: Path) -> str | None:
    """Why ``lock`` does not match ``pyproject``, or None when it does."""
    if not lock.is_file():
        return f"{lock.name} is missing. Fix: run `make lock` and commit {lock.name}."
    stated, current = stated_digest(lock), dependency_digest(pyproject)
    if stated != current:
        return (
            f"{lock.name} was made from other dependencies than {pyproject.name} now declares "
            f"(lock states digest {stated}, {pyproject.name} gives {current}). Fix: run "
            f"`make lock` and commit {lock.name}."
        )
    return None


def lock_digest(lock: Path) -> str:
    """The lock file's own digest (sha256, 16 hex digits): the provenance names it."""
    return hashlib.sha256(lock.read_bytes()).hexdigest()[:16]


def locked_versions(lock: Path) -> dict[str, str]:
    """``{normalised name: version}`` of the packages the lock installs on this machine
    (environment markers evaluated here)."""
    from packaging.markers import Marker
    from packaging.utils import canonicalize_name

    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match and (match.group(3) is None or Marker(match.group(3)).evaluate()):
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def installed_versions() -> dict[str, str]:
    """``{normalised name: version}`` of the packages installed in this environment."""
    from packaging.utils import canonicalize_name

    return {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if dist.metadata["Name"]
    }


def environment_state(lock: Path, installed: dict[str, str] | None = None) -> str:
    """One line on whether the running environment is the one ``lock`` pins: "matches",
    or the first packages that differ. Packages installed beyond the lock (the project
    itself, an extra) are counted, not listed."""
    installed = installed_versions() if installed is None else installed
    pins = locked_versions(lock)
    differ = sorted(
        f"{name} {installed.get(name, 'missing')} (locked {version})"
        for name, version in pins.items()
        if installed.get(name) != version
    )
    more = sorted(set(installed) - set(pins) - VENV_TOOLS)
    state = "matches" if not differ else f"differs in {len(differ)}: {', '.join(differ[:5])}"
    if len(differ) > 5:
        state += ", …"
    if more:
        state += f"; {len(more)} more packages installed"
    return state


def environment(root: Path) -> dict[str, str]:
    """The provenance of the software environment: the lock that fits it (the
    transformers lock where sentence-transformers is installed), its digest, and
    whether the environment matches it. Empty when the project has no lock."""
    installed = installed_versions()
    chosen = LOCKS[1] if "sentence-transformers" in installed else LOCKS[0]
    lock = root / chosen.file
    if not lock.is_file():
        lock = root / LOCKS[0].file
    if not lock.is_file():
        return {}
    return {
        "lock": lock.name,
        "lock_digest": lock_digest(lock),
        "state": environment_state(lock, installed),
    }


def compile_lock(root: Path, lock: Lock) -> None:
    """(Re)write one lock with ``uv pip compile``. Versions already in the lock are kept
    where they still satisfy pyproject.toml (uv prefers them), so adding one dependency
    does not upgrade everything (delete the lock files first to upgrade all)."""
    command = [
        sys.executable,
        "-m",
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--universal",
        "--python-version",
        MINIMUM_PYTHON,
        "--generate-hashes",
        "--quiet",
        "--custom-compile-command",
        "make lock",
        "--output-file",
        lock.file,
    ]
    command += [argument for extra in lock.extras for argument in ("--extra", extra)]
    if not lock.default:
        command += ["--no-config", "--constraint", LOCKS[0].file]
    subprocess.run(command, cwd=root, check=True)
    path = root / lock.file
    text = path.read_text(encoding="utf-8")
    text = "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith(DIGEST_LINE)
    )
    path.write_text(
        f"{DIGEST_LINE}{dependency_digest(root / 'pyproject.toml')}\n{text}", encoding="utf-8"
    )


def locked_requirement(lock: Path, name: str) -> str:
    """The lock's entry for one package, hash lines included (a requirements file)."""
    lines = lock.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}=="))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("    --hash")),
        len(lines),
    )
    return "\n".join(lines[start:end]) + "\n"


def install(root: Path, lock: Path) -> None:
    """Install ``lock`` into the running interpreter's environment with the locked uv
    (itself installed by pip from its locked hashes first), then the project, editable.

    Every package is checked against its locked hash (``--require-hashes``) and installed
    without resolving (``--no-deps``), so a fresh venv holds exactly the lock. Packages
    installed beyond the lock (an extra) are kept, never removed.
    """
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        bootstrap = Path(folder) / "uv.txt"
        bootstrap.write_text(locked_requirement(lock, "uv"), encoding="utf-8")
        pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--require-hashes", "--no-deps", "-r", str(bootstrap)], check=True)
    uv = [python, "-m", "uv", "pip", "install", "--quiet", "--python", python]
    subprocess.run([*uv, "--require-hashes", "--no-deps", "-r", str(lock)], cwd=root, check=True)
    subprocess.run([*uv, "--no-deps", "--editable", "."], cwd=root, check=True)


def main(arguments: list[str]) -> int:
    root = Path.cwd()
    if len(arguments) == 2 and arguments[0] == "install":
        if problem := lock_problem(root / "pyproject.toml", root / arguments[1]):
            print(f"warning: {problem}", file=sys.stderr)
        install(root, root / arguments[1])
        return 0
    if arguments == ["lock"]:
        for lock in LOCKS:
            compile_lock(root, lock)
            print(f"wrote {lock.file} ({lock_digest(root / lock.file)})")
        return 0
    if arguments == ["check"]:
        problems = [lock_problem(root / "pyproject.toml", root / lock.file) for lock in LOCKS]
        for problem in filter(None, problems):
            print(problem, file=sys.stderr)
        return 1 if any(problems) else 0
    print("usage: python -m mediaframe.environment install LOCK|lock|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
