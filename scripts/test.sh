#!/usr/bin/env bash
# Install watchfloor with its test tools and run the whole suite: unit, store (SQLite and a real
# PostgreSQL server the tests start themselves), CLI, golden seeds and quality gates.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
