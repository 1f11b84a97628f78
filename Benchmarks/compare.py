"""Side-by-side timings of civic-bench, polars, pandas and the sqlite3 shell.

Called by Benchmarks/compare.sh. Every contender runs in its own process (so that its
peak memory is its own), three times; the best run counts. Times are the tool's own
measurement of the work (reading, writing, grouping), not process start-up; the sqlite3 shell
is timed as a whole command, since `.import` is the whole command.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

REPEATS = 3
CIVIC_BENCH = os.environ.get("CIVIC_BENCH", ".build/release/civic-bench")

POLARS = r'''
import json, resource, sys, time
import polars as pl
options = {}
if sys.argv[2] == "ingest-same":
    # The table civic-bench's reader makes: the two dates parsed (named, since
    # try_parse_dates would try every text column), and the text columns it stores
    # as codes into a dictionary as categoricals; case_id and client_id, mostly
    # distinct, it keeps row by row, so they stay plain strings here too.
    options["schema_overrides"] = {"birth_date": pl.Date, "start_date": pl.Date,
                                   **{c: pl.Categorical for c in ["name", "gender", "district", "nationality",
                                                                  "service", "outcome", "notes"]}}
t0 = time.perf_counter()
df = pl.read_csv(sys.argv[1], infer_schema_length=10000, **options)
t1 = time.perf_counter()
out = {"ingest": t1 - t0}
if sys.argv[2] == "write":
    df.write_csv(sys.argv[3])
    out["write"] = time.perf_counter() - t1
if sys.argv[2] == "groupby":
    g = df.group_by(["service", "district"]).agg(
        pl.len().alias("n"), pl.col("duration_minutes").mean(), pl.col("income_eur").median())
    t2 = time.perf_counter()
    c = df.group_by(["gender", "outcome"]).len()
    t3 = time.perf_counter()
    out.update(groupby=t2 - t1, crosstab=t3 - t2, groups=g.height, n_sum=int(g["n"].sum()),
               w_abgeschlossen=int(c.filter((pl.col("gender") == "w") & (pl.col("outcome") == "abgeschlossen"))["len"][0]))
out["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
'''

PANDAS = r'''
import json, resource, sys, time
import pandas as pd
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
t1 = time.perf_counter()
out = {"ingest": t1 - t0}
if sys.argv[2] == "groupby":
    g = df.groupby(["service", "district"]).agg(
        n=("case_id", "size"), d=("duration_minutes", "mean"), i=("income_eur", "median"))
    t2 = time.perf_counter()
    c = pd.crosstab(df["gender"], df["outcome"])
    t3 = time.perf_counter()
    out.update(groupby=t2 - t1, crosstab=t3 - t2, groups=len(g), n_sum=int(g["n"].sum()),
               w_abgeschlossen=int(c.loc["w", "abgeschlossen"]))
out["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
'''


def run_json(command):
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def best(command, key):
    """The fastest of REPEATS runs; `key` picks the figure that decides."""
    runs = [run_json(command) for _ in range(REPEATS)]
    return min(runs, key=key)


def main():
    path = sys.argv[1]
    size_mb = os.path.getsize(path) / 1e6
    python = sys.executable
    print(f"input: {path} ({size_mb:.0f} MB)")

    civic_ingest = best([CIVIC_BENCH, "ingest", path], lambda r: r["seconds"]["ingest"])
    civic_ingest_s = civic_ingest["seconds"]["ingest"]
    with tempfile.TemporaryDirectory() as folder:
        # Writing the table back, each tool timing its own write call (polars: write_csv).
        civic_write = best([CIVIC_BENCH, "ingest", path, "--write-to", f"{folder}/c.csv"],
                           lambda r: r["seconds"]["write_csv"])["seconds"]["write_csv"]
        polars_write = best([python, "-c", POLARS, path, "write", f"{folder}/p.csv"], lambda r: r["write"])["write"]
    civic_group = best([CIVIC_BENCH, "groupby", path], lambda r: r["seconds"]["groupby"] + r["seconds"]["crosstab"])
    polars_ingest = best([python, "-c", POLARS, path, "ingest"], lambda r: r["ingest"])
    polars_same = best([python, "-c", POLARS, path, "ingest-same"], lambda r: r["ingest"])
    pandas_ingest = best([python, "-c", PANDAS, path, "ingest"], lambda r: r["ingest"])
    polars_group = best([python, "-c", POLARS, path, "groupby"], lambda r: r["groupby"] + r["crosstab"])
    pandas_group = best([python, "-c", PANDAS, path, "groupby"], lambda r: r["groupby"] + r["crosstab"])

    with tempfile.TemporaryDirectory() as folder:
        civic_sqlite = best([CIVIC_BENCH, "sqlite", path, "--database", f"{folder}/c.sqlite"],
                            lambda r: r["seconds"]["import_csv"])
        shell_times = []
        for i in range(REPEATS):
            db = f"{folder}/s{i}.sqlite"
            start = time.perf_counter()
            subprocess.run(["sqlite3", db, ".mode csv", f".import {path} cases"], check=True)
            shell_times.append(time.perf_counter() - start)
        shell_s = min(shell_times)

    cs = civic_group["seconds"]
    digest = civic_group["digest"]
    print(f"digest check: civic groups={digest['groups']} n_sum={digest['n_sum']} w/abgeschlossen={digest['crosstab_w_abgeschlossen']}; "
          f"polars groups={polars_group['groups']} n_sum={polars_group['n_sum']} w/abgeschlossen={polars_group['w_abgeschlossen']}; "
          f"pandas groups={pandas_group['groups']} n_sum={pandas_group['n_sum']} w/abgeschlossen={pandas_group['w_abgeschlossen']}")
    rows = [
        ("ingest (s)", civic_ingest_s, polars_ingest["ingest"], pandas_ingest["ingest"]),
        ("group-by (s)", cs["groupby"], polars_group["groupby"], pandas_group["groupby"]),
        ("cross table (s)", cs["crosstab"], polars_group["crosstab"], pandas_group["crosstab"]),
        ("peak memory, ingest (MB)", civic_ingest["peak_memory_mb"], polars_ingest["peak_memory_mb"],
         pandas_ingest["peak_memory_mb"]),
    ]
    print(f"{'':28}{'civic':>10}{'polars':>10}{'pandas':>10}{'civic/polars':>14}{'pandas/civic':>14}")
    for name, c, p, d in rows:
        print(f"{name:28}{c:10.3f}{p:10.3f}{d:10.3f}{c / p:14.2f}{d / c:14.2f}")
    print(f"ingest making the same table (dates parsed, the same text columns dictionary-coded): "
          f"civic {civic_ingest_s:.3f} s, polars {polars_same['ingest']:.3f} s, "
          f"civic/polars = {civic_ingest_s / polars_same['ingest']:.2f}")
    print(f"write CSV: civic {civic_write:.3f} s, polars write_csv {polars_write:.3f} s, "
          f"civic/polars = {civic_write / polars_write:.2f}")
    total = civic_sqlite["seconds"]["import_csv"]
    print(f"CSV to SQLite: civic {total:.3f} s (peak {civic_sqlite['peak_memory_mb']:.0f} MB), "
          f"sqlite3 .import {shell_s:.3f} s, civic/sqlite3 = {total / shell_s:.2f}")


if __name__ == "__main__":
    main()
