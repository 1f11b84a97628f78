#!/usr/bin/env bash
# civic-anonymize as a whole process on UCI Adult replicated 100 times (3,016,200 rows,
# the 8 quasi-identifiers of the calibration set with ARX's hierarchies, 500-anonymity):
# reading the CSV, building the hierarchies, anonymising, writing the CSV and the report.
# This is what ARX's whole process is set beside in the performance issue (load,
# anonymise, write).
#
#   Benchmarks/anonymize_adult_x100.sh [RUNS]   (default 3 runs of each case, alternating)
#
# Prints the wall time and peak memory of every run (/usr/bin/time), each run started
# after a sync. The data and
# hierarchies come from the test fixtures (Tests/CivicPrivacyTests/Fixtures/adult, see
# its SOURCE.md); the replicated file (about 250 MB) is made once in Benchmarks/work/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
fixtures=Tests/CivicPrivacyTests/Fixtures/adult
work=Benchmarks/work/adult-x100
mkdir -p "$work"
swift build -c release --product civic-anonymize >/dev/null
bin=$(swift build -c release --show-bin-path)
cp "$fixtures"/adult_hierarchy_*.csv "$work/"
if [ ! -f "$work/adult-x100.csv" ]; then
    { head -1 "$fixtures/adult.csv"; for _ in $(seq 100); do tail -n +2 "$fixtures/adult.csv"; done; } > "$work/adult-x100.csv.tmp"
    mv "$work/adult-x100.csv.tmp" "$work/adult-x100.csv"
fi
for limit in 0 0.05; do
    {
        echo "attributes:"
        for q in sex age race marital-status education native-country workclass salary-class; do
            printf '  %s:\n    role: quasi-identifier\n    hierarchy: {file: adult_hierarchy_%s.csv}\n' "$q" "$q"
        done
        echo "  occupation: insensitive"
        printf 'privacy:\n  k: 500\n  suppression-limit: %s\n' "$limit"
    } > "$work/anonymize-$limit.yaml"
done
echo "input: $(($(wc -l < "$work/adult-x100.csv") - 1)) rows"
for run in $(seq "$runs"); do
    for limit in 0 0.05; do
        sync  # so that the file the run before wrote is not still being flushed to disk
        /usr/bin/time -f "suppression $limit, run $run: %e s wall, %M KB peak" \
            "$bin/civic-anonymize" --config "$work/anonymize-$limit.yaml" --input "$work/adult-x100.csv" \
            --output "$work/out-$limit.csv" --report "$work/report-$limit.json" --lang en 2>&1 | tail -1
    done
done
