"""Reference values for CivicAnalysisTests, computed with pandas.

Run from the repository root (needs pandas; the tests themselves need no Python):

    python3 Tests/CivicAnalysisTests/Fixtures/make_reference.py

It reads cases-800.csv (made by `civic-generate --rows 800 --seed 7`) and writes
reference.json: per (service, district) the count, mean duration_minutes, median,
sum, min and max of income_eur (missing values left out, as pandas does), the
gender x outcome cross table, and the overall mean and median.
"""
import json
import pathlib

import pandas as pd

here = pathlib.Path(__file__).parent
cases = pd.read_csv(here / "cases-800.csv", dtype={"zip": str})

grouped = cases.groupby(["service", "district"], sort=True)
groups = []
for (service, district), frame in grouped:
    income = frame["income_eur"].dropna()
    duration = frame["duration_minutes"].dropna()
    groups.append({
        "service": service,
        "district": district,
        "count": int(len(frame)),
        "mean_duration_minutes": float(duration.mean()) if len(duration) else None,
        "median_income_eur": float(income.median()) if len(income) else None,
        "sum_income_eur": float(income.sum()) if len(income) else None,
        "min_income_eur": float(income.min()) if len(income) else None,
        "max_income_eur": float(income.max()) if len(income) else None,
    })

crosstab = pd.crosstab(cases["gender"], cases["outcome"])
reference = {
    "tool": f"pandas {pd.__version__}",
    "rows": int(len(cases)),
    "groups": groups,
    "crosstab": {
        "rows": [str(r) for r in crosstab.index],
        "columns": [str(c) for c in crosstab.columns],
        "counts": crosstab.values.tolist(),
    },
    "mean_duration_all": float(cases["duration_minutes"].mean()),
    "median_income_all": float(cases["income_eur"].median()),
}
(here / "reference.json").write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {len(groups)} groups")
