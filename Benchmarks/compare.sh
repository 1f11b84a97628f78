#!/usr/bin/env bash
# Runs CivicDataKit's benchmarks side by side with polars, pandas and the sqlite3 shell.
#
#   Benchmarks/compare.sh [ROWS]      (default 2,000,000 rows, about 458 MB)
#
# SCRATCH_PATH chooses SwiftPM's build folder (default .build), for a checkout shared
# with other builds: SCRATCH_PATH=.build-bench Benchmarks/compare.sh
#
# Builds the release apps, generates the input once (Benchmarks/work/), installs polars and
# pandas into a virtual environment (Benchmarks/.venv), then runs Benchmarks/compare.py.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2000000}
scratch=${SCRATCH_PATH:-.build}

swift build -c release --scratch-path "$scratch" --product civic-bench
swift build -c release --scratch-path "$scratch" --product civic-generate
mkdir -p Benchmarks/work
input=Benchmarks/work/cases-$rows.csv
if [ ! -f "$input" ]; then
    "$scratch"/release/civic-generate --rows "$rows" --seed 2026 --output "$input"
fi
if [ ! -x Benchmarks/.venv/bin/python ]; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install --quiet polars pandas
fi
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
CIVIC_BENCH="$scratch/release/civic-bench" Benchmarks/.venv/bin/python Benchmarks/compare.py "$input"
