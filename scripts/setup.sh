#!/usr/bin/env bash
# Create ./.venv (once) and install watchfloor into it with the given extras, e.g. `test`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "watchfloor needs Python 3.11 or newer (set PYTHON=...)" >&2; exit 1; }
  "$PYTHON" -m venv .venv
fi
spec="."
[ $# -gt 0 ] && spec=".[$(IFS=,; echo "$*")]"
# pip's notes about index locations configured on this machine but absent are noise; keep the rest.
log=$(mktemp)
status=0
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" 2>"$log" || status=$?
grep -v "is ignored: it is neither a file nor a directory" "$log" >&2 || true
rm -f "$log"
exit "$status"
