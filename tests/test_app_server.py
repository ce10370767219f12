"""Server launcher (lipu_data.app_server): the process that serves the app is prepared before it listens."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

from harness.serving import REPO_ROOT

_REPORT = """
import gc, json, sys
from lipu_data.app_server import prepare_process
prepare_process()
print(json.dumps({"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects()),
                  "loaded": [name for name in ("pandas", "pyarrow", "altair", "streamlit") if name in sys.modules]}))
"""


def test_prepared_server_keeps_library_objects_out_of_full_collections():
    """After preparation the heavy libraries are imported and their objects frozen, so a full garbage
    collection walks only what sessions created since."""
    output = subprocess.run([sys.executable, "-c", _REPORT], cwd=REPO_ROOT, capture_output=True, text=True,
                            check=True, timeout=120).stdout
    report = json.loads(output.strip().splitlines()[-1])
    assert report["loaded"] == ["pandas", "pyarrow", "altair", "streamlit"]
    # Everything imported so far is frozen: what a collection still walks is a small remainder.
    assert report["frozen"] > 50_000
    assert report["tracked"] < report["frozen"] / 20


def test_benchmark_baselines_are_served_with_the_apps_settings():
    """The blank apps the benchmark compares against use exactly the app's server settings (runner, client,
    server, theme), so a setting that speeds the app up is measured on the baseline too."""
    app = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert app["runner"]["postScriptGC"] is False
    for baseline in ("blank_app", "blank_select"):
        settings = tomllib.loads((REPO_ROOT / "bench" / baseline / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
        assert settings == app, baseline


def test_peer_dashboard_is_served_with_the_apps_server_settings():
    """The peer dashboard the benchmark times choices against runs with the app's runner, server and browser
    settings, so the comparison measures the scripts, not the configuration (only the app's own menu,
    colours and card size are left out)."""
    app = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    peer = tomllib.loads((REPO_ROOT / "bench" / "peer_app" / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    for section in ("runner", "server", "browser"):
        assert peer[section] == app[section], section
    assert {key: app["client"][key] for key in peer["client"]} == peer["client"]
