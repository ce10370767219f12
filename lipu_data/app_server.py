"""Starts `streamlit run app.py` in a process that has already imported the app's heavy libraries.

A fresh Streamlit server imports pandas, pyarrow and Altair only when its first session runs the
script, so the first visitor after a start (hosted apps sleep and wake) waits about a second longer
than everyone after. Importing them before the server listens moves that cost to start-up.

It also freezes what those imports created out of the garbage collector's sight, so a full collection
walks only what sessions created. Streamlit's own full collection after every script run
(`runner.postScriptGC`) took about 50 ms with pandas, pyarrow and Altair loaded (14 ms for a bare
Streamlit) and still 12-28 ms after the freeze, delaying the run's last messages on every page load
and filter change, so `.streamlit/config.toml` turns it off; Python's generational collector still
runs, and its full collections benefit from the freeze the same way. Module objects live as long as
the process, so freezing them loses nothing; what sessions create afterwards is still collected.

Usage, from the repository root: python -m lipu_data.app_server [streamlit run options]
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

APP_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"


def preload() -> None:
    """Import what every page needs. Only modules without Streamlit caches: those must be created
    under the running server."""
    import altair  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401  (Streamlit serializes data frames with it)

    from lipu_data import charts, load, metrics, profiles, provenance, report_text, tables  # noqa: F401


def prepare_process() -> None:
    """Preload the heavy libraries and Streamlit itself, then freeze every object they created."""
    preload()
    import streamlit.web.cli  # noqa: F401

    gc.collect()  # leave no garbage in the frozen generation
    gc.freeze()


def main(argv: list[str]) -> int:
    prepare_process()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP_SCRIPT), *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
