#!/usr/bin/env bash
# The whole check: dev setup, data validation, then pytest (arguments go to pytest).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/setup.sh --dev

# A bad edit to data/ fails here, with file:row:column messages, before any test runs.
echo "test.sh: python -m lipu_data validate" >&2
.venv/bin/python -m lipu_data validate

status=0
.venv/bin/python -m pytest "$@" || status=$?
if (( status == 5 )); then
  echo "test.sh: pytest collected no tests; that is a failure" >&2
fi
exit "$status"
