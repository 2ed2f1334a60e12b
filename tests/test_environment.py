"""The lock: it agrees with pyproject.toml (offline: a digest of the dependency tables in
its header), pins every package with hashes, leaves torch out of the default install,
and the reports' provenance names it."""

from __future__ import annotations

import re
import shutil
import tomllib

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT
from mediaframe.environment import (
    LOCKS,
    environment_state,
    lock_digest,
    lock_problem,
    locked_requirement,
    locked_versions,
)
from mediaframe.report.helpers import provenance_block
from mediaframe.report.provenance import provenance

PYPROJECT = ROOT / "pyproject.toml"
DEFAULT_LOCK = ROOT / "requirements.lock"
TRANSFORMERS_LOCK = ROOT / "requirements-transformers.lock"
TORCH_STACK = {"torch", "sentence-transformers", "transformers", "triton"}


@pytest.mark.parametrize("lock", [lock.file for lock in LOCKS])
def test_each_lock_was_made_from_the_current_pyproject(lock):
    assert lock_problem(PYPROJECT, ROOT / lock) is None


def test_a_dependency_added_without_make_lock_is_caught(tmp_path):
    shutil.copy(DEFAULT_LOCK, tmp_path / "requirements.lock")
    text = PYPROJECT.read_text(encoding="utf-8")
    changed = text.replace("dependencies = [\n", 'dependencies = [\n    "rich>=13",\n', 1)
    assert changed != text
    (tmp_path / "pyproject.toml").write_text(changed, encoding="utf-8")
    problem = lock_problem(tmp_path / "pyproject.toml", tmp_path / "requirements.lock")
    assert problem is not None and "make lock" in problem
    assert lock_problem(tmp_path / "pyproject.toml", tmp_path / "missing.lock").startswith(
        "missing.lock is missing"
    )


def test_a_comment_in_pyproject_does_not_make_the_lock_stale(tmp_path):
    shutil.copy(DEFAULT_LOCK, tmp_path / "requirements.lock")
    text = PYPROJECT.read_text(encoding="utf-8") + "\n# a comment\n"
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert lock_problem(tmp_path / "pyproject.toml", tmp_path / "requirements.lock") is None


@pytest.mark.parametrize("lock", [DEFAULT_LOCK, TRANSFORMERS_LOCK])
def test_every_locked_package_is_pinned_with_hashes(lock):
    lines = lock.read_text(encoding="utf-8").splitlines()
    pins = [i for i, line in enumerate(lines) if re.match(r"^[A-Za-z0-9]", line)]
    assert len(pins) > 100
    for i in pins:
        assert "==" in lines[i], lines[i]
        assert lines[i + 1].strip().startswith("--hash=sha256:"), lines[i]


def test_the_default_install_carries_no_torch_and_the_transformers_extra_does():
    default = locked_versions(DEFAULT_LOCK)
    assert not TORCH_STACK & set(default), sorted(TORCH_STACK & set(default))
    assert not any(name.startswith("nvidia-") for name in default)
    assert "bertopic" in default and "snakemake-executor-plugin-slurm" in default
    extra = locked_versions(TRANSFORMERS_LOCK)
    assert {"torch", "sentence-transformers", "transformers"} <= set(extra)
    # the extra's lock is the default lock plus the torch stack: shared packages agree
    assert {name: extra[name] for name in default} == default


def test_the_locked_versions_satisfy_pyproject():
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    for lock, groups in ((DEFAULT_LOCK, ["dev", "slurm"]), (TRANSFORMERS_LOCK, ["transformers"])):
        pins = locked_versions(lock)
        wanted = project["dependencies"] + [r for group in groups for r in extras[group]]
        for line in wanted:
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate():
                continue
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{name} is not in {lock.name}"
            assert requirement.specifier.contains(pins[name]), (name, pins[name])


def test_the_uv_entry_is_a_requirements_file_with_its_hashes():
    entry = locked_requirement(DEFAULT_LOCK, "uv")
    assert entry.startswith("uv==")
    assert entry.count("--hash=sha256:") >= 2
    assert all(line.startswith(("uv==", "    --hash")) for line in entry.splitlines())


def test_environment_state_names_what_differs_from_the_lock():
    pins = locked_versions(DEFAULT_LOCK)
    assert environment_state(DEFAULT_LOCK, dict(pins)) == "matches"
    changed = dict(pins, polars="0.1", torch="2.0")
    del changed["pyyaml"]
    state = environment_state(DEFAULT_LOCK, changed)
    assert state.startswith("differs in 2: ")
    assert f"polars 0.1 (locked {pins['polars']})" in state
    assert f"pyyaml missing (locked {pins['pyyaml']})" in state
    assert state.endswith("; 1 more packages installed")


def test_markers_decide_which_pins_apply_here():
    pins = locked_versions(DEFAULT_LOCK)
    text = DEFAULT_LOCK.read_text(encoding="utf-8")
    soupsieve = re.findall(r"^soupsieve==(\S+) ; (.+?) \\$", text, flags=re.M)
    applying = [version for version, marker in soupsieve if Marker(marker).evaluate()]
    assert len(applying) == 1 and pins["soupsieve"] == applying[0]


def test_reports_name_the_lock_and_its_digest():
    info = provenance({"a": 1}, "f00d", ROOT)
    locked = info["environment"]
    assert locked["lock"] in {lock.file for lock in LOCKS}
    assert locked["lock_digest"] == lock_digest(ROOT / locked["lock"])
    html = provenance_block(info)
    assert locked["lock_digest"] in html and "Environment:" in html
    assert "no lock file" in provenance_block(provenance({"a": 1}, "f00d"))
