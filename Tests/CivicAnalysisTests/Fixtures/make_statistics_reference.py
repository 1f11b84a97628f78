"""Reference values for the statistics tests, computed with SciPy and statsmodels.

Run from the repository root (needs numpy, scipy, statsmodels; the tests themselves
need no Python):

    python3 Tests/CivicAnalysisTests/Fixtures/make_statistics_reference.py

It writes three files next to itself:
- stats-sample.csv: 300 made-up rows (seeded), with ties, missing values and weights;
- distributions.json: cdf, sf and ppf of the normal, t, chi-square, F and binomial
  distributions at points spread over their range, tails included;
- statistics.json: every statistic civic-stats computes, on that sample, on
  cases-800.csv and on small hand-made samples.
"""
import csv
import json
import math
import pathlib

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

here = pathlib.Path(__file__).parent
rng = np.random.default_rng(20261125)


def clean(value):
    """JSON has no NaN: undefined results become null."""
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


# --- The sample ------------------------------------------------------------------
n = 300
group = rng.choice(["A", "B", "C"], size=n, p=[0.5, 0.3, 0.2])
arm = rng.choice(["control", "treatment"], size=n)
region = rng.choice(["nord", "sued", "west"], size=n)
x = np.round(rng.normal(50, 10, size=n), 1)
x += np.where(group == "B", 3.0, 0.0) + np.where(arm == "treatment", 2.5, 0.0)
x = np.round(x, 1)
y = np.round(0.5 * x + np.where(region == "sued", 4, 0) + rng.normal(0, 5, size=n))
score = rng.integers(1, 8, size=n) + (group == "C")
before = np.round(rng.normal(20, 4, size=n), 1)
after = np.round(before + rng.normal(1.0, 2.0, size=n), 1)
weight = rng.integers(1, 6, size=n)
outcome = (rng.random(n) < 1 / (1 + np.exp(-(x - 52) / 8))).astype(int)
x_missing = rng.random(n) < 0.03
y_missing = rng.random(n) < 0.03

columns = ["group", "arm", "region", "x", "y", "score", "before", "after", "weight", "outcome"]
with open(here / "stats-sample.csv", "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for i in range(n):
        writer.writerow([group[i], arm[i], region[i], "" if x_missing[i] else f"{x[i]:.1f}",
                         "" if y_missing[i] else f"{int(y[i])}", score[i], f"{before[i]:.1f}",
                         f"{after[i]:.1f}", weight[i], outcome[i]])


def describe(values):
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    k = len(values)
    if k == 0:
        return {"n": 0}
    q1, median, q3 = np.percentile(values, [25, 50, 75])
    mode = stats.mode(values, keepdims=False).mode
    return {
        "n": k, "mean": clean(values.mean()), "sd": clean(values.std(ddof=1)) if k > 1 else None,
        "min": clean(values.min()), "q1": clean(q1), "median": clean(median), "q3": clean(q3),
        "max": clean(values.max()), "mode": clean(mode),
        "skewness": clean(stats.skew(values, bias=False)) if k > 2 else None,
        "kurtosis": clean(stats.kurtosis(values, bias=False)) if k > 3 else None,
    }


def weighted(values, weights):
    keep = ~np.isnan(values)
    values, weights = values[keep], weights[keep].astype(float)
    d = DescrStatsW(values, weights=weights, ddof=1)
    quantiles = [float(np.quantile(values, q, weights=weights, method="inverted_cdf")) for q in (0.25, 0.5, 0.75)]
    return {"mean": float(d.mean), "sd": float(d.std), "quartiles": quantiles, "total_weight": float(weights.sum())}


xf = np.where(x_missing, np.nan, x)
yf = np.where(y_missing, np.nan, y)
reference = {"tool": f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}"}

# Descriptive statistics: whole column, per group, weighted, and tiny samples.
reference["describe"] = {
    "x": describe(xf),
    "score": describe(score),
    "x_by_group": {g: describe(xf[group == g]) for g in sorted(set(group))},
    "x_weighted": weighted(xf, weight),
    "tiny": [{"values": v, **describe(v)} for v in
             ([5.0], [1.0, 2.0], [3.0, 1.0, 2.0], [2.0, 2.0, 2.0, 7.0], [1.5, -2.0, 8.25, 3.0, 3.0, 0.5],
              [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4, 1e9 + 10])],
}

# Confidence intervals.
present = xf[~np.isnan(xf)]
reference["mean_ci95"] = list(stats.t.interval(0.95, len(present) - 1, loc=present.mean(), scale=stats.sem(present)))
reference["wilson"] = [
    {"successes": s, "n": m, "interval": list(proportion_confint(s, m, alpha=0.05, method="wilson"))}
    for s, m in ((0, 10), (3, 10), (10, 10), (47, 120), (1, 1000))]

# Chi-square test of independence and Cramér's V.
def chi_square(table, correction):
    table = np.asarray(table)
    result = stats.chi2_contingency(table, correction=correction)
    v = stats.contingency.association(table, method="cramer", correction=False)
    return {"table": table.tolist(), "correction": correction, "chi2": float(result.statistic),
            "df": int(result.dof), "p": float(result.pvalue), "cramers_v": float(v)}

reference["chi_square"] = [
    chi_square([[12, 5], [7, 19]], False), chi_square([[12, 5], [7, 19]], True),
    chi_square([[20, 15, 30], [25, 40, 10], [5, 8, 12]], False),
    chi_square([[200, 150], [180, 210]], False),
]
# Fisher's exact test.
reference["fisher"] = []
for table in ([[3, 1], [1, 3]], [[8, 2], [1, 5]], [[0, 5], [6, 0]], [[12, 5], [7, 19]], [[20, 40], [35, 15]], [[2, 7], [8, 2]]):
    result = stats.fisher_exact(table)
    reference["fisher"].append({"table": table, "odds_ratio": clean(result.statistic), "p": float(result.pvalue)})

# t-tests.
a = xf[(arm == "control") & ~np.isnan(xf)]
b = xf[(arm == "treatment") & ~np.isnan(xf)]
welch = stats.ttest_ind(a, b, equal_var=False)
low, high = welch.confidence_interval(0.95)
reference["welch"] = {"t": float(welch.statistic), "df": float(welch.df), "p": float(welch.pvalue),
                      "mean_difference": float(a.mean() - b.mean()), "ci95": [float(low), float(high)]}
one = stats.ttest_1samp(present, 50.0)
reference["one_sample"] = {"mu": 50.0, "t": float(one.statistic), "df": float(one.df), "p": float(one.pvalue),
                           "ci95": list(map(float, one.confidence_interval(0.95)))}
paired = stats.ttest_rel(after, before)
reference["paired"] = {"t": float(paired.statistic), "df": float(paired.df), "p": float(paired.pvalue),
                       "ci95": list(map(float, paired.confidence_interval(0.95)))}

# Rank tests (asymptotic Mann-Whitney with tie and continuity corrections).
sa = score[arm == "control"]
sb = score[arm == "treatment"]
mw = stats.mannwhitneyu(sa, sb, method="asymptotic", use_continuity=True)
reference["mann_whitney"] = {"u": float(mw.statistic), "p": float(mw.pvalue)}
mw_x = stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True)
reference["mann_whitney_x"] = {"u": float(mw_x.statistic), "p": float(mw_x.pvalue)}
groups_x = [xf[(group == g) & ~np.isnan(xf)] for g in ("A", "B", "C")]
anova = stats.f_oneway(*groups_x)
reference["anova"] = {"statistic": float(anova.statistic), "p": float(anova.pvalue)}
kw = stats.kruskal(*[score[group == g] for g in ("A", "B", "C")])
reference["kruskal"] = {"statistic": float(kw.statistic), "p": float(kw.pvalue)}

# Correlations: x and y with missing pairs left out; score and y (ties); a small
# sample without ties (Kendall's exact p-value).
def correlations(u, v):
    keep = ~np.isnan(u) & ~np.isnan(v)
    u, v = u[keep], v[keep]
    pearson = stats.pearsonr(u, v)
    spearman = stats.spearmanr(u, v)
    kendall = stats.kendalltau(u, v)
    return {"n": int(keep.sum()), "pearson": {"r": float(pearson.statistic), "p": float(pearson.pvalue)},
            "spearman": {"r": float(spearman.statistic), "p": float(spearman.pvalue)},
            "kendall": {"tau": float(kendall.statistic), "p": float(kendall.pvalue)}}

small_u = np.array([3.1, 1.2, 5.5, 4.4, 2.0, 6.7, 8.1, 7.3, 0.4, 9.9, 10.5, 11.2])
small_v = np.array([2.0, 1.0, 4.5, 6.0, 3.3, 5.1, 9.0, 7.7, 0.1, 8.8, 12.0, 10.0])
reference["correlate"] = {"x_y": correlations(xf, yf), "score_y": correlations(score.astype(float), yf),
                          "small": {"u": small_u.tolist(), "v": small_v.tolist(), **correlations(small_u, small_v)}}

# Linear regression: y on x, score and region (dummy-coded, first level reference).
keep = ~np.isnan(xf) & ~np.isnan(yf)
design = np.column_stack([np.ones(keep.sum()), xf[keep], score[keep],
                          (region[keep] == "sued").astype(float), (region[keep] == "west").astype(float)])
ols = sm.OLS(yf[keep], design).fit()
names = ["(Intercept)", "x", "score", "region[sued]", "region[west]"]
reference["regress"] = {
    "n": int(keep.sum()), "left_out": int((~keep).sum()),
    "coefficients": [{"name": names[i], "estimate": float(ols.params[i]), "se": float(ols.bse[i]),
                      "t": float(ols.tvalues[i]), "p": float(ols.pvalues[i])} for i in range(len(names))],
    "r2": float(ols.rsquared), "adj_r2": float(ols.rsquared_adj), "f": float(ols.fvalue), "f_p": float(ols.f_pvalue)}

# Logistic regression: outcome on x and arm.
keep_x = ~np.isnan(xf)
design = np.column_stack([np.ones(keep_x.sum()), xf[keep_x], (arm[keep_x] == "treatment").astype(float)])
logit = sm.Logit(outcome[keep_x], design).fit(method="newton", tol=1e-14, maxiter=100, disp=False)
names = ["(Intercept)", "x", "arm[treatment]"]
reference["logit"] = {
    "n": int(keep_x.sum()),
    "coefficients": [{"name": names[i], "estimate": float(logit.params[i]), "se": float(logit.bse[i]),
                      "z": float(logit.tvalues[i]), "p": float(logit.pvalues[i])} for i in range(len(names))]}

# The counselling cases: a domain example for every app command.
cases = list(csv.DictReader(open(here / "cases-800.csv", encoding="utf-8")))
def number(row, name):
    return float(row[name]) if row[name] != "" else np.nan
duration = np.array([number(r, "duration_minutes") for r in cases])
income = np.array([number(r, "income_eur") for r in cases])
age = np.array([number(r, "age") for r in cases])
gender = np.array([r["gender"] for r in cases])
service = np.array([r["service"] for r in cases])
gender_values = sorted(set(gender))
reference["cases"] = {
    "duration_by_gender": {g: describe(duration[gender == g]) for g in gender_values},
    "income_age": correlations(income, age),
}
men, women = income[(gender == "m") & ~np.isnan(income)], income[(gender == "w") & ~np.isnan(income)]
welch = stats.ttest_ind(men, women, equal_var=False)
reference["cases"]["welch_income_m_w"] = {"t": float(welch.statistic), "df": float(welch.df), "p": float(welch.pvalue)}
table = [[sum(1 for r in cases if r["service"] == s and r["outcome"] == o) for o in sorted({r["outcome"] for r in cases})]
         for s in sorted(set(service))]
reference["cases"]["service_outcome"] = chi_square(table, False)

# Trends: counts per month and quarter of start_date, 3-period moving average and
# change on the previous period, by pandas (periods without cases count 0).
import pandas as pd
starts = pd.to_datetime(pd.Series([r["start_date"] for r in cases if r["start_date"]]))
trends = {}
for name, code in (("month", "M"), ("quarter", "Q")):
    periods = starts.dt.to_period(code)
    counts = periods.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq=code)
    counts = counts.reindex(full, fill_value=0)
    trends[name] = {"labels": [str(p) for p in counts.index], "counts": [int(c) for c in counts],
                    "moving_average_3": [clean(v) for v in counts.rolling(3).mean()],
                    "relative_change": [clean(v) for v in counts.pct_change().replace([np.inf, -np.inf], np.nan)]}
reference["cases"]["trends"] = trends

# Frequencies and cross-table percentages, by pandas.
frame = pd.DataFrame(cases)
counts = frame["nationality"].value_counts()
reference["cases"]["nationality_frequencies"] = [
    {"value": v, "count": int(c), "percentage": float(100 * c / counts.sum())} for v, c in counts.items()]
rows = pd.crosstab(frame["gender"], frame["outcome"], normalize="index") * 100
columns = pd.crosstab(frame["gender"], frame["outcome"], normalize="columns") * 100
reference["cases"]["gender_outcome_percentages"] = {"rows": rows.values.tolist(), "columns": columns.values.tolist()}

(here / "statistics.json").write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n")

# --- Distributions -----------------------------------------------------------------
probabilities = [1e-300, 1e-100, 1e-12, 1e-6, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-9]

def reproduces(frozen, p):
    """Whether SciPy's own quantiles give back p: at a few far-tail points its F
    quantile misses by 1e-5 (sf(isf(1e-12)) = 0.99998e-12), and those points would
    test SciPy, not us."""
    ppf, isf = frozen.ppf(p), frozen.isf(p)
    if not (math.isfinite(ppf) and math.isfinite(isf)):
        return False
    return abs(frozen.cdf(ppf) - p) <= 1e-12 * p and abs(frozen.sf(isf) - p) <= 1e-12 * p


def continuous(name, frozen, points, parameters):
    return {"name": name, "parameters": parameters,
            "points": [{"x": float(p), "cdf": float(frozen.cdf(p)), "sf": float(frozen.sf(p))} for p in points],
            # Far-tail quantiles SciPy gets wrong (infinity, or a miss, see reproduces)
            # are left out here; the Swift tests check every quantile by round trip too.
            "quantiles": [{"p": p, "ppf": float(frozen.ppf(p)), "isf": float(frozen.isf(p))} for p in probabilities
                          if reproduces(frozen, p)]}

distributions = {"tool": f"scipy {scipy.__version__}", "continuous": [], "binomial": []}
normal_points = [-37.0, -20.0, -8.0, -3.5, -1.96, -1.0, -0.1, 0.0, 0.3, 1.0, 1.645, 2.5, 5.0, 9.0, 30.0]
distributions["continuous"].append(continuous("normal", stats.norm(), normal_points, []))
for df in (1, 2.5, 5, 10, 30, 100, 1000, 25000):
    points = [-200.0, -12.0, -4.0, -2.0, -0.5, 0.0, 0.25, 1.0, 2.1, 3.5, 7.0, 40.0, 1e4]
    distributions["continuous"].append(continuous("t", stats.t(df), points, [df]))
for df in (0.5, 1, 2, 3, 7.5, 20, 100, 1000, 20000):
    points = [1e-8, 0.01, 0.5, 1.0, 2.0, 5.0, df * 0.5, df, df * 1.5 + 3, df * 3 + 20, df * 10 + 200]
    distributions["continuous"].append(continuous("chi2", stats.chi2(df), points, [df]))
for d1, d2 in ((1, 1), (2, 27), (3, 10), (5, 2.5), (10, 100), (40, 3000), (4, 20000)):
    points = [1e-6, 0.05, 0.3, 0.9, 1.0, 1.7, 3.35, 8.0, 50.0, 1e3]
    distributions["continuous"].append(continuous("f", stats.f(d1, d2), points, [d1, d2]))
for trials, p in ((1, 0.5), (10, 0.3), (20, 0.05), (100, 0.5), (1000, 0.01), (5000, 0.7)):
    dist = stats.binom(trials, p)
    ks = sorted({0, 1, trials // 10, trials // 3, trials // 2, int(trials * p), trials - 1, trials})
    distributions["binomial"].append({
        "n": trials, "p": p,
        "points": [{"k": k, "pmf": float(dist.pmf(k)), "cdf": float(dist.cdf(k)), "sf": float(dist.sf(k))} for k in ks],
        "quantiles": [{"q": q, "ppf": int(dist.ppf(q))} for q in (0.001, 0.1, 0.5, 0.9, 0.999)]})

(here / "distributions.json").write_text(json.dumps(distributions, indent=1) + "\n")
print("wrote stats-sample.csv, statistics.json, distributions.json")
