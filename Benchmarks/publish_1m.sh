#!/usr/bin/env bash
# civic-publish end to end on one million generated counselling cases: wall time and
# peak memory (the issue's target: under 60 s and 4 GB on 2 cores).
#
#   Benchmarks/publish_1m.sh [ROWS]                  counting people (privacy unit client_id, the default)
#   PRIVACY_UNIT=row Benchmarks/publish_1m.sh [ROWS]  counting rows, for comparison
#   RECODING=global Benchmarks/publish_1m.sh [ROWS]   one level per column (the profile's default is local)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=Benchmarks/work/publish
mkdir -p "$work"
swift build -c release --product civic-publish >/dev/null
swift build -c release --product civic-generate >/dev/null
bin=$(swift build -c release --show-bin-path)
if [ ! -f "$work/cases-$rows.csv" ]; then
    "$bin/civic-generate" cases --rows "$rows" --seed 1 --output "$work/cases-$rows.csv"
fi
ls -l "$work/cases-$rows.csv" | awk '{printf "input: %d rows, %.0f MB\n", '"$rows"', $5/1e6}'
config=()
: > "$work/settings.yaml"
[ -n "${PRIVACY_UNIT:-}" ] && printf 'privacy-unit: %s\n' "$PRIVACY_UNIT" >> "$work/settings.yaml"
[ -n "${RECODING:-}" ] && printf 'recoding: %s\n' "$RECODING" >> "$work/settings.yaml"
[ -s "$work/settings.yaml" ] && config=(--config "$work/settings.yaml")
echo "privacy unit: ${PRIVACY_UNIT:-client_id (default)}; recoding: ${RECODING:-local, the profile default}"
# The output is this script's own scratch folder: start afresh (a folder left by an
# older version lacks the marker civic-publish needs before it replaces a folder).
rm -rf "$work/out-$rows"
/usr/bin/time -v "$bin/civic-publish" --input "$work/cases-$rows.csv" --output "$work/out-$rows" "${config[@]}" 2> "$work/time.log" || {
    cat "$work/time.log"; exit 1; }
grep -vE "^\s" "$work/time.log" || true
grep -E "Elapsed \(wall|Maximum resident" "$work/time.log"
