#!/usr/bin/env python3
"""Writes tests/data/periods/: a results folder with the files of issue 15
(periods.csv, period_diffs.csv, cumulative.csv, payback.days in summary.csv
and diffs.csv) that tests/test_charts_periods.c draws.

Invented but consistent numbers (illustrative only): three scenarios over a
measuring window of 1,278 days (3.5 years: three whole years and a partial
half year) after a 365-day warm-up, ten replications each.

- siloed: the baseline, margin about EUR 3M a year.
- chief_customer_officer: a one-off EUR 1.2M move spent over the first 180
  days, then a margin gain that ramps in over the first year to about
  EUR 1M a year: pays back inside the window.
- cmo_shadow_it: ahead at first, but integration debt grows and the gain
  turns into a loss: does not pay back within the horizon.

Every figure comes from per-replication paths, so the periods of a money
metric sum to the window total, summary.csv's per-year values are the window
totals over 3.5 years, and payback.days is computed from the cumulative
paired difference as the contract says. Deterministic (fixed seed); run from
the repository root:

    python3 tests/data/periods/make_periods.py
"""
import json
import math
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(OUT, "..", "results-small")
SCEN = ["siloed", "chief_customer_officer", "cmo_shadow_it"]
REPS = 10
T975 = 2.2622  # Student t, 9 degrees of freedom
WARMUP, WINDOW, PERIOD = 365, 1278, 365
HORIZON = WARMUP + WINDOW
YEARS = WINDOW / 365.0
STEP = 26  # days between the points of cumulative.csv (about 50)
COMPONENTS = ["cost.staff", "cost.variable", "cost.management", "cost.overlay", "cost.coordination",
              "cost.technology", "cost.rework", "cost.marketing", "cost.transition"]
SHARES = [0.62, 0.06, 0.07, 0.03, 0.04, 0.08, 0.04, 0.06, 0.0]


def num(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, int):
        return str(v)
    return "%.10g" % v


def stat(xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    h = T975 * sd / math.sqrt(n)
    return m, sd, m - h, m + h


def rates(s, day, rep):
    """Money rates (EUR/year) and levels of scenario s on a day of the window for one replication."""
    u = rep["u"]
    y = day / 365.0
    revenue = 30.0e6 * (1 + 0.01 * y) + 0.3e6 * u[0]
    cost = 27.0e6 * (1 + 0.01 * y) + 0.2e6 * u[1]
    transition = 0.0
    debt, defects, exp, cust = 0.10, 30.0, 6.2, 4000.0
    if s == 1:  # the one-off move, then a gain that ramps in over a year
        if day < 180:
            transition = 1.2e6 / (180 / 365.0)
        ramp = min(1.0, day / 365.0)
        revenue += ramp * (0.7e6 + 0.25e6 * u[2])
        cost -= ramp * (0.3e6 + 0.15e6 * u[3])
        debt, defects, exp, cust = 0.10 - 0.03 * ramp, 30 - 5 * ramp, 6.2 + 0.3 * ramp, 4000 + 200 * ramp
    elif s == 2:  # ahead at first, then the debt costs more than the speed gains
        revenue += 0.4e6 + 0.1e6 * u[2]
        cost -= 0.3e6 - (0.45e6 + 0.15e6 * u[3]) * y
        debt, defects, exp, cust = 0.10 + 0.09 * y, 30 + 4.5 * y, 6.2 - 0.08 * y, 4000 - 15 * y
    cost += transition
    return {"revenue.total": revenue, "cost.total": cost, "cost.transition": transition,
            "technology.debt": debt + 0.01 * u[4], "defects.open_mean": defects + 0.8 * u[5],
            "experience.mean": exp + 0.05 * u[6], "customers.active": cust + 20 * u[7]}


def integrate(s, rep, a, b, key):
    """Money of key from day a to day b (EUR), or the time-average of a level."""
    total, d = 0.0, a
    while d < b:
        e = min(b, d + 1)
        total += rates(s, d + 0.5 * (e - d), rep)[key] * (e - d) / 365.0
        d = e
    return total


def main():
    rng = random.Random(15)
    reps = [{"u": [rng.gauss(0, 1) for _ in range(8)]} for _ in range(REPS)]
    periods = []
    k = 0
    while k * PERIOD < WINDOW:
        periods.append((k + 1, k * PERIOD, min(WINDOW, (k + 1) * PERIOD)))
        k += 1
    money = ["margin", "revenue.total", "cost.total"] + COMPONENTS
    levels = ["customers.active", "experience.mean", "experience.nps", "renewal.churn", "technology.debt",
              "defects.open_mean"]
    units = {m: "EUR" for m in money + ["margin.cumulative"]}
    units.update({"customers.active": "customers", "experience.mean": "points (0-10)", "experience.nps": "points",
                  "renewal.churn": "share", "technology.debt": "share", "defects.open_mean": "defects"})

    def period_values(s, r, a, b):
        rep = reps[r]
        v = {}
        rev = integrate(s, rep, a, b, "revenue.total")
        cost = integrate(s, rep, a, b, "cost.total")
        trans = integrate(s, rep, a, b, "cost.transition")
        v["revenue.total"], v["cost.total"], v["margin"] = rev, cost, rev - cost
        for c, sh in zip(COMPONENTS, SHARES):
            v[c] = (cost - trans) * sh
        v["cost.transition"] = trans
        span = (b - a) / 365.0
        for m in ["customers.active", "experience.mean", "technology.debt", "defects.open_mean"]:
            v[m] = integrate(s, rep, a, b, m) / span
        v["experience.nps"] = (v["experience.mean"] - 6.8) * 20
        v["renewal.churn"] = 0.12 - (v["experience.mean"] - 6.2) * 0.05
        v["margin.cumulative"] = integrate(s, rep, 0, b, "revenue.total") - integrate(s, rep, 0, b, "cost.total")
        return v

    # per scenario, replication and period
    vals = [[[period_values(s, r, a, b) for (_, a, b) in periods] for r in range(REPS)] for s in range(len(SCEN))]
    metrics = money + levels + ["margin.cumulative"]
    with open(os.path.join(OUT, "periods.csv"), "w") as f:
        f.write("scenario,period,start_day,end_day,partial,metric,unit,mean,ci95_low,ci95_high,n\n")
        for s, name in enumerate(SCEN):
            for pi, (k, a, b) in enumerate(periods):
                for m in metrics:
                    mean, _, lo, hi = stat([vals[s][r][pi][m] for r in range(REPS)])
                    f.write(",".join([name, str(k), str(a), str(b), str(int(b - a < PERIOD)), m, units[m],
                                      num(mean), num(lo), num(hi), str(REPS)]) + "\n")
    with open(os.path.join(OUT, "period_diffs.csv"), "w") as f:
        f.write("scenario,baseline,period,start_day,end_day,partial,metric,unit,mean_diff,ci95_low,ci95_high,n\n")
        for s, name in enumerate(SCEN[1:], 1):
            for pi, (k, a, b) in enumerate(periods):
                for m in metrics:
                    mean, _, lo, hi = stat([vals[s][r][pi][m] - vals[0][r][pi][m] for r in range(REPS)])
                    f.write(",".join([name, SCEN[0], str(k), str(a), str(b), str(int(b - a < PERIOD)), m, units[m],
                                      num(mean), num(lo), num(hi), str(REPS)]) + "\n")

    # the cumulative paired margin difference, day 0 first, the horizon last
    days = list(range(0, WINDOW, STEP)) + [WINDOW]
    cum = {}
    with open(os.path.join(OUT, "cumulative.csv"), "w") as f:
        f.write("scenario,baseline,day,metric,mean_diff,ci95_low,ci95_high,n\n")
        for s, name in enumerate(SCEN[1:], 1):
            acc = [0.0] * REPS
            rows, prev = [], 0
            for d in days:
                for r in range(REPS):
                    acc[r] += (integrate(s, reps[r], prev, d, "revenue.total") - integrate(s, reps[r], prev, d, "cost.total")
                               - integrate(0, reps[r], prev, d, "revenue.total") + integrate(0, reps[r], prev, d, "cost.total"))
                prev = d
                m, _, lo, hi = stat(acc) if d > 0 else (0.0, 0, 0.0, 0.0)
                rows.append((d, m, lo, hi))
                f.write(",".join([name, SCEN[0], str(d), "margin", num(m), num(lo), num(hi), str(REPS)]) + "\n")
            cum[s] = rows

    def for_good(rows, col):
        i = len(rows)
        while i > 0 and rows[i - 1][col] > 0:
            i -= 1
        if i == 0:
            return rows[0][0]
        if i == len(rows):
            return float("nan")
        (d0, a), (d1, b) = (rows[i - 1][0], rows[i - 1][col]), (rows[i][0], rows[i][col])
        return d0 + (0 - a) / (b - a) * (d1 - d0)

    # summary.csv and diffs.csv: results-small's rows of the three, the money per year of the window, payback.days
    whole = {}
    for s in range(len(SCEN)):
        for r in range(REPS):
            for m in money:
                whole[(s, r, m)] = sum(vals[s][r][pi][m] for pi in range(len(periods))) / YEARS
            # debt at the horizon, open defects over the window (as the run's metrics are)
            whole[(s, r, "technology.debt")] = rates(s, WINDOW, reps[r])["technology.debt"]
            whole[(s, r, "defects.open_mean")] = integrate(s, reps[r], 0, WINDOW, "defects.open_mean") / YEARS
    money = money + ["technology.debt", "defects.open_mean"]  # the rows summary.csv and diffs.csv take from here
    with open(os.path.join(SRC, "summary.csv")) as f:
        head, *lines = f.read().splitlines()
    with open(os.path.join(OUT, "summary.csv"), "w") as f:
        f.write(head + "\n")
        for s, name in enumerate(SCEN):
            done = set()
            for line in lines:
                sc, m, unit = line.split(",")[:3]
                if sc != name:
                    continue
                if m in money:
                    mean, sd, lo, hi = stat([whole[(s, r, m)] for r in range(REPS)])
                    line = ",".join([sc, m, unit, num(mean), num(sd), num(lo), num(hi), str(REPS)])
                    done.add(m)
                f.write(line + "\n")
            for m in money:  # the rows results-small does not have
                if m not in done:
                    mean, sd, lo, hi = stat([whole[(s, r, m)] for r in range(REPS)])
                    unit = "EUR/year" if units[m] == "EUR" else units[m]
                    f.write(",".join([name, m, unit, num(mean), num(sd), num(lo), num(hi), str(REPS)]) + "\n")
            if s:
                rows = cum[s]
                pb = [for_good(rows, 1), for_good(rows, 3), for_good(rows, 2)]
                f.write(",".join([name, "payback.days", "days", num(pb[0]), "", num(pb[1]), num(pb[2]),
                                  str(REPS)]) + "\n")
            else:
                f.write(",".join([name, "payback.days", "days", "", "", "", "", str(REPS)]) + "\n")
    with open(os.path.join(SRC, "diffs.csv")) as f:
        head, *lines = f.read().splitlines()
    with open(os.path.join(OUT, "diffs.csv"), "w") as f:
        f.write(head + "\n")
        for s, name in enumerate(SCEN):
            done = set()
            for line in lines:
                sc, base, m, unit = line.split(",")[:4]
                if sc != name:
                    continue
                if m in money:
                    mean, _, lo, hi = stat([whole[(s, r, m)] - whole[(0, r, m)] for r in range(REPS)])
                    line = ",".join([sc, base, m, unit, num(mean), num(lo), num(hi), str(REPS)])
                    done.add(m)
                f.write(line + "\n")
            for m in money:
                if m not in done:
                    mean, _, lo, hi = stat([whole[(s, r, m)] - whole[(0, r, m)] for r in range(REPS)])
                    unit = "EUR/year" if units[m] == "EUR" else units[m]
                    f.write(",".join([name, SCEN[0], m, unit, num(mean), num(lo), num(hi), str(REPS)]) + "\n")

    # timeseries.csv: debt and open defects day by day of the run (days since the start, warm-up included)
    with open(os.path.join(OUT, "timeseries.csv"), "w") as f:
        f.write("scenario,day,series,mean,ci95_low,ci95_high\n")
        for s, name in enumerate(SCEN):
            for series, key in [("technology.debt", "technology.debt"), ("defects.open", "defects.open_mean")]:
                for d in range(0, HORIZON + 1, 30):
                    w = max(0, d - WARMUP)
                    xs = [rates(s, w, reps[r])[key] for r in range(REPS)]
                    if d < WARMUP:  # the warm-up: today's organisation settling
                        xs = [rates(0, 0, reps[r])[key] * min(1, d / 120.0) for r in range(REPS)]
                    mean, _, lo, hi = stat(xs)
                    f.write(",".join([name, str(d), series, num(mean), num(max(0, lo)), num(hi)]) + "\n")

    with open(os.path.join(SRC, "run.json")) as f:
        run = json.load(f)
    run["scenarios"] = SCEN
    run["horizon_days"] = HORIZON
    run["period_days"] = PERIOD
    run["config"] = "tests/data/periods (illustrative)"
    run["payback"] = {SCEN[2]: "not within the horizon"}
    with open(os.path.join(OUT, "run.json"), "w") as f:
        json.dump(run, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
