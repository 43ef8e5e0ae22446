#!/usr/bin/env bash
# The main job on the embedded default: install, ingest the sample corpus into ./watchfloor.db,
# list and search what was stored, and write the export to out/export.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
wf=.venv/bin/watchfloor
$wf ingest examples/corpus
$wf articles
echo; echo "\$ watchfloor search vucic"
$wf search vucic
mkdir -p out
$wf export --format json -o out/export.json
echo
echo "Next: .venv/bin/watchfloor show 1   (or: search, log, export; --help for more)"
