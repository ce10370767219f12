#!/usr/bin/env bash
# Run the app locally: ./scripts/run.sh [streamlit run options], e.g. --server.port 8502
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/setup.sh
# lipu_data.app_server is `streamlit run app.py` with pandas, pyarrow and Altair imported before the
# server listens, so the first visitor after a start does not wait for those imports.
exec .venv/bin/python -m lipu_data.app_server "$@"
