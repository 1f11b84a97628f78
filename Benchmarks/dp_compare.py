"""Exact discrete Laplace draws per second: CivicDataKit against OpenDP, one core.

    python3 Benchmarks/dp_compare.py [DRAWS]     (needs `pip install opendp`)

Both sample the discrete Laplace distribution with scale 10 on integers. OpenDP's
`make_laplace` on an integer vector domain adds noise to a vector of DRAWS zeros in
one call (so Python's per-call cost does not count against it); `civic-bench noise`
(release build) draws DRAWS times. Best of three runs each, separate processes.
"""
import json
import pathlib
import subprocess
import sys
import time

DRAWS = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000
REPEATS = 3

OPENDP = r'''
import json, sys, time
import opendp.prelude as dp
dp.enable_features("contrib")
n = int(sys.argv[1])
space = dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int)
laplace = dp.m.make_laplace(*space, scale=10.0)
zeros = [0] * n
t0 = time.perf_counter()
noise = laplace(zeros)
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "draws_per_second": n / (t1 - t0),
                  "mean_square": sum(x * x for x in noise) / n}))
'''


def best(command):
    runs = [json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
            for _ in range(REPEATS)]
    return max(runs, key=lambda r: r["draws_per_second"])


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    subprocess.run(["swift", "build", "-c", "release", "--product", "civic-bench"], check=True, cwd=root,
                   capture_output=True)
    civic = best([str(root / ".build/release/civic-bench"), "noise", "--scale", "10", "--count", str(DRAWS)])
    opendp = best([sys.executable, "-c", OPENDP, str(DRAWS)])
    expected = 2 * 0.9048374180359595 / (1 - 0.9048374180359595) ** 2
    print(f"discrete Laplace, scale 10, {DRAWS} draws, one core (variance should be {expected:.2f})")
    print(f"  CivicDataKit  {civic['draws_per_second'] / 1e6:6.2f} M draws/s   mean square {civic['mean_square']:.2f}")
    print(f"  OpenDP        {opendp['draws_per_second'] / 1e6:6.2f} M draws/s   mean square {opendp['mean_square']:.2f}")
    print(f"  ratio civic/OpenDP: {civic['draws_per_second'] / opendp['draws_per_second']:.1f}x")


if __name__ == "__main__":
    main()
