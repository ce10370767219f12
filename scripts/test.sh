#!/usr/bin/env bash
# The whole check: dev setup, data validation, then pytest (arguments go to pytest).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/setup.sh --dev

# A bad edit to data/ fails here, with file:row:column messages, before any test runs.
echo "test.sh: python -m lipu_data validate" >&2
.venv/bin/python -m lipu_data validate

# Two workers, a whole module per worker (--dist loadfile), so a module's shared server, browser and tab start once
# (tests/browser/conftest.py). The tests mostly wait on Chromium: on this 2-core machine two workers took 5 min 38 s
# where one took 8 min 50 s (when measured); today two take about 5 min for 1440 tests. Pass -n 0 to run in one process.
status=0
.venv/bin/python -m pytest -n 2 --dist loadfile "$@" || status=$?
if (( status == 5 )); then
  echo "test.sh: pytest collected no tests; that is a failure" >&2
fi
exit "$status"
