#!/usr/bin/env bash
# Run the app locally: ./scripts/run.sh [streamlit run options], e.g. --server.port 8502
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
