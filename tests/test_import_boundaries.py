"""Import boundaries between layers: the data core imports no streamlit; tests and benches share only harness/."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lipu_data"

# The modules of lipu_data that may import streamlit. Every other module is data core (or a pure chart
# builder) and is checked below without being listed: a new pure module is covered as soon as it exists.
# A new streamlit-facing module must be added here, and its name should say that it faces streamlit.
STREAMLIT_FACING = frozenset({
    "app_frame", "app_blocks", "app_server",
    "section_page",  # the layout every section page calls: streamlit by its docstring, though not by its name
    "served_data",  # the last valid data version and the one cache keyed on it (st.cache_data)
    "url_state",  # filters and search boxes kept in the address (st.query_params)
})

# Imports every module named on the command line in turn and reports the first after which streamlit is loaded.
_PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    if "streamlit" in sys.modules:
        print(json.dumps({"culprit": name}))
        break
else:
    print(json.dumps({"culprit": None, "imported": len(sys.argv) - 1}))
"""


def package_modules() -> list[str]:
    """Dotted names of every module file under lipu_data/ (subpackages included), found from the files."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def data_core_modules() -> list[str]:
    return [name for name in package_modules() if name.split(".")[-1] not in STREAMLIT_FACING]


def test_streamlit_facing_list_names_existing_modules():
    """Every module named streamlit-facing exists, so the list cannot exempt a module that is gone."""
    stems = {name.split(".")[-1] for name in package_modules()}
    assert STREAMLIT_FACING <= stems, sorted(STREAMLIT_FACING - stems)


def test_data_core_imports_no_streamlit():
    """A fresh interpreter imports every lipu_data module but the streamlit-facing ones and has not loaded
    streamlit: the data core and chart builders work in a notebook or a CLI without it."""
    modules = data_core_modules()
    assert "lipu_data.load" in modules and "lipu_data" in modules
    output = subprocess.run([sys.executable, "-c", _PROBE, *modules], cwd=ROOT, capture_output=True, text=True,
                            check=True, timeout=120).stdout
    report = json.loads(output.strip().splitlines()[-1])
    assert report["culprit"] is None, (
        f"importing {report['culprit']} loads streamlit: keep streamlit out of the data core, or, if the module "
        f"faces streamlit, name it so and add it to STREAMLIT_FACING")
    assert report["imported"] == len(modules)


def imported_roots(path: Path) -> set[str]:
    """The top-level names a Python file imports (absolute imports, anywhere in the file)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize(("folder", "forbidden"), [
    ("tests", {"bench"}),
    ("bench", {"tests"}),
    ("harness", {"tests", "bench"}),
])
def test_tests_and_benches_share_only_the_harness(folder, forbidden):
    """Tests never import bench/ and benches never import tests/: what both need lives in harness/, which
    imports neither."""
    offenders = {str(path.relative_to(ROOT)): sorted(imported_roots(path) & forbidden)
                 for path in sorted((ROOT / folder).rglob("*.py"))}
    assert {path: roots for path, roots in offenders.items() if roots} == {}
