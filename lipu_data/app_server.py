"""Starts `streamlit run app.py` in a process that has already imported the app's heavy libraries.

A fresh Streamlit server imports pandas, pyarrow and Altair only when its first session runs the
script, so the first visitor after a start (hosted apps sleep and wake) waits about a second longer
than everyone after. Importing them before the server listens moves that cost to start-up.

Usage, from the repository root: python -m lipu_data.app_server [streamlit run options]
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"


def preload() -> None:
    """Import what every page needs. Only modules without Streamlit caches: those must be created
    under the running server."""
    import altair  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401  (Streamlit serializes data frames with it)

    from lipu_data import charts, load, views  # noqa: F401


def main(argv: list[str]) -> int:
    preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP_SCRIPT), *argv]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
