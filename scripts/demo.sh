#!/usr/bin/env bash
# The main job on the embedded default: install, ingest the sample corpus into ./watchfloor.db,
# list and search what was stored, show who is named, write the export to out/export.json and
# briefs to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
wf=.venv/bin/watchfloor
$wf ingest examples/corpus
$wf articles
echo; echo "\$ watchfloor search vucic"
$wf search vucic
echo; echo "\$ watchfloor entities --limit 15"
$wf entities --limit 15
echo; echo "\$ watchfloor entity Rutte"
$wf entity Rutte --limit 8
echo; echo "\$ watchfloor claims --subject KFOR"
$wf claims --subject KFOR
echo; echo "\$ watchfloor disagreements --subject KFOR"
$wf disagreements --subject KFOR
echo; echo "\$ watchfloor stories"
$wf stories
echo; echo "\$ watchfloor timeline"
$wf timeline --limit 25
mkdir -p out
$wf export --format json -o out/export.json
echo; echo "\$ watchfloor brief --entity KFOR   (every statement cites its sentence; checked first)"
$wf brief --entity KFOR -o out/brief-kfor.md
sed -n '1,/^## Actors/p' out/brief-kfor.md
$wf brief --entity KFOR --format html -o out/brief-kfor.html
$wf brief --place Sarajevo --since 2025-03-01 --until 2025-03-31 --format pdf -o out/brief-sarajevo-march-2025.pdf
echo
echo "Briefs: out/brief-kfor.md, out/brief-kfor.html, out/brief-sarajevo-march-2025.pdf"
echo "More: .venv/bin/watchfloor show 1   (or: quotes, events, entity NAME, brief; --help for more)"
echo
# Last, the dashboard on the sample corpus (a browser opens where there is a display); Ctrl-C stops it.
open=--no-open
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ] && open=--open
exec $wf serve $open
