#!/usr/bin/env python3
"""Reference values for CivicPrivacy's IndividualRisk (the Benedetti-Franconi
individual risk with sampling weights, as in sdcMicro's measure_risk/indivRisk).

sdcMicro (R, CRAN) could not be installed where this was written (Debian carries
no r-cran-sdcmicro and CRAN is not reachable), so this script computes the
model's definition independently, in 60-digit arithmetic with mpmath:

  for a group of f sample rows whose weights add up to F^ = sum(w), p = f / F^
  (p = 1 when F^ < f), the risk of each row is
      r = E(1/F | f) = sum_{h >= f} (1/h) * C(h-1, f-1) * p^f * (1-p)^(h-f)
  (Benedetti & Franconi 1998; Franconi & Polettini 2004), summed term by term
  until the terms no longer matter, and checked against a second form,
      r = p^f * integral_0^1 t^(f-1) / (1 - (1-p) t)^f dt,
  by mpmath's quadrature, and for f = 1 against p/(1-p) * ln(1/p).
  The global risk is sum(r over rows) / rows, as sdcMicro's measure_risk reports it.

It writes, beside itself:
  weighted-sample.csv       the sample: id, region, age_group, gender, weight (made by
                            a seeded generator here, so nothing depends on a binary)
  weighted-sample-risk.csv  per row: id, fk, Fk, risk (17 significant digits)
  weighted-sample-global.txt the global risk and expected re-identifications
  single-groups.csv         f, Fk, risk for single groups across the range of p
                            (p near 0, p above 1/2, p = 1, weights adding up to less than f)

Run:  python3 individual-risk.py   (needs mpmath)
"""
import csv
import os
import random
from collections import defaultdict

import mpmath

mpmath.mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))


def risk_by_series(f, F):
    p = min(mpmath.mpf(1), mpmath.mpf(f) / mpmath.mpf(F))
    q = 1 - p
    if q == 0:
        return 1 / mpmath.mpf(f)
    total = mpmath.mpf(0)
    h = f
    term = p ** f  # C(f-1, f-1) p^f q^0
    eps = mpmath.mpf(10) ** -40
    while True:
        total += term / h
        # C(h, f-1) q^(h+1-f) / (C(h-1, f-1) q^(h-f)) = h / (h - f + 1) * q
        term = term * h / (h - f + 1) * q
        h += 1
        if term / h < eps * total:
            return total


def risk_by_integral(f, F):
    p = min(mpmath.mpf(1), mpmath.mpf(f) / mpmath.mpf(F))
    q = 1 - p
    return p ** f * mpmath.quad(lambda t: t ** (f - 1) / (1 - q * t) ** f, [0, 0.5, 0.9, 0.99, 1])


def make_sample():
    rng = random.Random(1998)
    rows = []
    regions = ["Nord", "Sued", "Ost", "West"]
    ages = ["18-29", "30-44", "45-64", "65+"]
    genders = ["w", "m"]
    for i in range(80):
        region = rng.choice(regions[:2]) if rng.random() < 0.6 else rng.choice(regions)
        age = rng.choice(ages[:2]) if rng.random() < 0.5 else rng.choice(ages)
        gender = rng.choice(genders)
        # Weights as survey weights are: a few small (over-sampled), most tens to hundreds.
        weight = rng.choice([0.4, 0.8, 1.2, 1.5, 3.0]) if rng.random() < 0.35 else round(rng.uniform(5, 400), 2)
        rows.append((f"R{i + 1:03d}", region, age, gender, weight))
    return rows


def main():
    rows = make_sample()
    groups = defaultdict(list)
    for index, row in enumerate(rows):
        groups[row[1:4]].append(index)
    risk_of_row = {}
    for key, members in groups.items():
        f = len(members)
        F = sum(mpmath.mpf(str(rows[i][4])) for i in members)
        series = risk_by_series(f, F)
        integral = risk_by_integral(f, F)
        assert abs(series - integral) < mpmath.mpf(10) ** -25 * series, (key, series, integral)
        p = min(mpmath.mpf(1), f / F)
        if f == 1 and p < 1:
            closed = p / (1 - p) * mpmath.log(1 / p)
            assert abs(series - closed) < mpmath.mpf(10) ** -30, (key, series, closed)
        for i in members:
            risk_of_row[i] = (f, F, series)
    with open(os.path.join(HERE, "weighted-sample.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "region", "age_group", "gender", "weight"])
        for row in rows:
            writer.writerow(row)
    with open(os.path.join(HERE, "weighted-sample-risk.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "fk", "Fk", "risk"])
        for index, row in enumerate(rows):
            f, F, r = risk_of_row[index]
            writer.writerow([row[0], f, mpmath.nstr(F, 17), mpmath.nstr(r, 17)])
    expected = sum(risk_of_row[i][2] for i in range(len(rows)))
    with open(os.path.join(HERE, "weighted-sample-global.txt"), "w") as out:
        out.write(f"global_risk {mpmath.nstr(expected / len(rows), 17)}\n")
        out.write(f"expected_reidentifications {mpmath.nstr(expected, 17)}\n")
        out.write(f"groups {len(groups)}\n")


SINGLE_GROUPS = [(1, 2000), (1, 3), (1, 1.25), (1, 1.0001), (2, 2.5), (2, 1.5), (3, 3.3), (3, 4), (3, 300),
                 (5, 6), (5, 9.5), (10, 10.5), (10, 1000), (40, 41), (40, 60), (7, 7)]


def single_groups():
    with open(os.path.join(HERE, "single-groups.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["fk", "Fk", "risk"])
        for f, F in SINGLE_GROUPS:
            series = risk_by_series(f, mpmath.mpf(str(F)))
            integral = risk_by_integral(f, mpmath.mpf(str(F)))
            assert abs(series - integral) < mpmath.mpf(10) ** -25 * series, (f, F, series, integral)
            writer.writerow([f, F, mpmath.nstr(series, 17)])


if __name__ == "__main__":
    single_groups()
    main()
