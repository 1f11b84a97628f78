"""`civic-stats describe` per group against pandas' groupby().describe(), side by side.

    Benchmarks/.venv/bin/python Benchmarks/describe_compare.py [ROWS]

Writes Benchmarks/work/describe-ROWS.csv once (default 2,000,000 rows: a group
column with the 16 German states, a decimal column with 3 % missing), then runs
`civic-bench describe` (release build) and pandas three times each, in separate
processes; the fastest run counts. Both time loading and describing separately.
CivicDataKit computes more per group (mode, skewness, kurtosis) than pandas'
describe (count, mean, std, min, quartiles, max); a second pandas figure adds
skew() and kurt() for a like-for-like count.
"""
import json
import pathlib
import subprocess
import sys

import numpy as np

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
REPEATS = 3
STATES = ["Baden-Württemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen",
          "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland",
          "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen"]

PANDAS = r'''
import json, resource, sys, time
import pandas as pd
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
t1 = time.perf_counter()
d = df.groupby("state")["income"].describe()
t2 = time.perf_counter()
g = df.groupby("state")["income"]
extra = (g.skew(), g.apply(lambda s: s.kurt()))
t3 = time.perf_counter()
print(json.dumps({"ingest": t1 - t0, "describe": t2 - t1, "describe_skew_kurt": t3 - t1,
                  "groups": len(d), "mean_sum": float(d["mean"].sum()), "median_sum": float(d["50%"].sum()),
                  "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
'''


def best(command, key):
    runs = [json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
            for _ in range(REPEATS)]
    return min(runs, key=key)


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    work = root / "Benchmarks" / "work"
    work.mkdir(exist_ok=True)
    path = work / f"describe-{ROWS}.csv"
    if not path.exists():
        rng = np.random.default_rng(2026)
        state = rng.choice(STATES, size=ROWS)
        income = np.round(rng.gamma(2.0, 700.0, size=ROWS), 2).astype(str)
        income[rng.random(ROWS) < 0.03] = ""
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("state,income\n")
            handle.writelines(f"{s},{i}\n" for s, i in zip(state, income))
    subprocess.run(["swift", "build", "-c", "release", "--product", "civic-bench"], check=True, cwd=root,
                   capture_output=True)
    civic = best([str(root / ".build/release/civic-bench"), "describe", str(path), "--column", "income", "--by", "state"],
                 lambda r: r["seconds"]["describe"])
    pandas = best([sys.executable, "-c", PANDAS, str(path)], lambda r: r["describe"])
    print(f"input: {path.name}, {civic['rows']} rows, {civic['groups']} groups (pandas {pandas['groups']})")
    print(f"check: sum of group means civic {civic['mean_sum']:.6f} pandas {pandas['mean_sum']:.6f}; "
          f"medians civic {civic['median_sum']:.4f} pandas {pandas['median_sum']:.4f}")
    c = civic["seconds"]
    print(f"{'':34}{'civic':>10}{'pandas':>10}{'pandas/civic':>14}")
    for name, mine, theirs in [("load CSV (s)", c["ingest"], pandas["ingest"]),
                               ("describe per group (s)", c["describe"], pandas["describe"]),
                               ("describe + skew + kurtosis (s)", c["describe"], pandas["describe_skew_kurt"]),
                               ("peak memory (MB)", civic["peak_memory_mb"], pandas["peak_memory_mb"])]:
        print(f"{name:34}{mine:10.3f}{theirs:10.3f}{theirs / mine:14.2f}")


if __name__ == "__main__":
    main()
