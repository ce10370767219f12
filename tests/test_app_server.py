"""Server launcher (lipu_data.app_server): the process that serves the app is prepared before it listens."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.serving import REPO_ROOT

_REPORT = """
import gc, json, sys
from lipu_data.app_server import prepare_process
prepare_process()
print(json.dumps({"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects()),
                  "loaded": [name for name in ("pandas", "pyarrow", "altair", "streamlit") if name in sys.modules]}))
"""


def test_prepared_server_keeps_library_objects_out_of_the_per_run_collection():
    """After preparation the heavy libraries are imported and their objects frozen, so the full garbage
    collection Streamlit runs after every script run walks only what sessions created since."""
    output = subprocess.run([sys.executable, "-c", _REPORT], cwd=REPO_ROOT, capture_output=True, text=True,
                            check=True, timeout=120).stdout
    report = json.loads(output.strip().splitlines()[-1])
    assert report["loaded"] == ["pandas", "pyarrow", "altair", "streamlit"]
    # Everything imported so far is frozen: what a collection still walks is a small remainder.
    assert report["frozen"] > 50_000
    assert report["tracked"] < report["frozen"] / 20
