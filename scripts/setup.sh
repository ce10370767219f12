#!/usr/bin/env bash
# Idempotent setup: .venv with the locked requirements; with --dev also the test extras and, as root on
# Debian/Ubuntu, Chromium, the Noto CJK fonts and nginx. Re-running with nothing changed is a no-op.
# Installs from the lock files (every transitive package pinned with its hashes, pip --require-hashes):
# requirements.lock (runtime) and requirements-dev.lock (tests). They are generated from the human-readable
# pins in requirements.txt / requirements-dev.txt by pip-tools (pinned in requirements-dev.txt):
#   .venv/bin/pip-compile --generate-hashes --strip-extras --no-header --allow-unsafe --no-emit-index-url \
#       --no-emit-find-links --output-file requirements.lock requirements.txt        (and -dev likewise)
set -euo pipefail

dev=0
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    -h|--help) echo "usage: $0 [--dev]"; exit 0 ;;
    *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { echo "setup.sh: $*" >&2; }

# The Python version is pinned in .python-version (the lock's wheels and hashes are for it): prefer that
# interpreter when python3 is another one.
python="${PYTHON:-python3}"
want="$(tr -d '[:space:]' < .python-version 2>/dev/null || true)"
if [[ -n "$want" && ! -x .venv/bin/python ]]; then
  have="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"
  if [[ "$have" != "$want" ]]; then
    if command -v "python$want" >/dev/null 2>&1; then
      python="python$want"
    else
      say "WARNING: .python-version pins Python $want but $python is ${have:-missing}; the locked install may fail"
    fi
  fi
fi
if [[ ! -x .venv/bin/python ]]; then
  say "creating .venv with $("$python" --version 2>&1)"
  "$python" -m venv .venv
fi

# The stamp records the interpreter and a hash per lock file installed; an install happens only when a
# file we need is new or changed (requirements-dev.lock holds the runtime packages too).
stamp=.venv/.requirements-stamp
files=(requirements.lock)
(( dev )) && files+=(requirements-dev.lock)
stamp_line() { echo "$1=$(sha256sum "$1" | cut -d' ' -f1)"; }
python_line="python=$(.venv/bin/python -V 2>&1)"
touch "$stamp"
stale=0
grep -qxF "$python_line" "$stamp" || stale=1
for f in "${files[@]}"; do grep -qxF "$(stamp_line "$f")" "$stamp" || stale=1; done
if (( stale )); then
  req="${files[-1]}"
  say "installing $req into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$req"
  {
    echo "$python_line"
    for f in "${files[@]}"; do stamp_line "$f"; done
    # A runtime-only install leaves an earlier dev install (same interpreter) in place: keep its line.
    if (( !dev )) && grep -qxF "$python_line" "$stamp"; then grep '^requirements-dev.lock=' "$stamp" || true; fi
  } > "$stamp.new"
  mv "$stamp.new" "$stamp"
fi

if (( dev )); then
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || [[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]] \
    || missing+=(fonts-noto-cjk)
  if (( ${#missing[@]} )); then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
      say "installing system packages: ${missing[*]} (apt-get; chromium fonts-noto-cjk nginx)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq chromium fonts-noto-cjk nginx >/dev/null
    else
      say "WARNING: missing ${missing[*]}; browser/proxy tests will skip (and fail under CI=true)."
      say "WARNING: install them as root: apt-get install -y chromium fonts-noto-cjk nginx"
    fi
  fi
fi
