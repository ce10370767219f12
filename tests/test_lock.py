"""Locked dependencies: the lock files pin every transitive package with hashes and agree with the human-readable pins."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})*)", re.MULTILINE)


def locked(lock: str) -> dict[str, tuple[str, int]]:
    """Package -> (version, number of hashes) of a lock file."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name): (version, hashes.count("--hash=")) for name, version, hashes in ENTRY.findall(text)}


def pins(requirements: str) -> dict[str, str]:
    """Package -> version of the exact pins in a requirements file (following -r includes)."""
    found = {}
    for line in (ROOT / requirements).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found.update(pins(line[3:].strip()))
        elif line:
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = str(requirement.specifier).removeprefix("==")
    return found


@pytest.mark.parametrize("lock", LOCKS.values())
def test_every_locked_package_has_a_hash(lock):
    """Each entry of the lock pins one version and carries at least one sha256 hash (pip --require-hashes)."""
    entries = locked(lock)
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert len(entries) == len(re.findall(r"^[A-Za-z0-9]", text, re.MULTILINE)), "an entry the pattern did not read"
    assert entries and all(count >= 1 for _, count in entries.values()), [n for n, (_, c) in entries.items() if not c]


@pytest.mark.parametrize(("requirements", "lock"), LOCKS.items())
def test_lock_agrees_with_the_readable_pins(requirements, lock):
    """Every top-level pin appears in its lock at the same version (regenerate the lock after changing a pin)."""
    entries = locked(lock)
    assert {name: entries.get(name, ("missing",))[0] for name in pins(requirements)} == pins(requirements)


def test_runtime_and_dev_locks_agree():
    """The packages of the runtime lock have the same versions in the dev lock (tests run what production runs)."""
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {name: dev.get(name, ("missing",))[0] for name in runtime} == {name: v for name, (v, _) in runtime.items()}


def test_runtime_lock_holds_every_transitive_dependency():
    """Walking the installed packages' own requirements from requirements.txt reaches only locked packages."""
    entries = locked("requirements.lock")
    todo, seen = list(pins("requirements.txt")), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        assert name in entries, f"{name} is needed but not in requirements.lock"
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    assert seen <= set(entries)
