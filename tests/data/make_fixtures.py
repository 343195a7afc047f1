#!/usr/bin/env python3
"""Writes the hand-made result and sweep folders that tests/test_charts.c draws.

The numbers are invented but plausible for a mid-size B2B company over a
five-year run, and consistent with each other: summary.csv and diffs.csv are
computed from the replications (Student-t 95% intervals, paired differences
against the first scenario), as `journeysim run` computes them. Run it from
the repository root; the output is deterministic (fixed seed):

    python3 tests/data/make_fixtures.py
"""
import json
import math
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)))
CREATED = "2026-11-25T22:00:00Z"

# Student t 0.975 quantiles by degrees of freedom.
T975 = {1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706, 6: 2.4469, 7: 2.3646,
        8: 2.3060, 9: 2.2622, 10: 2.2281, 11: 2.2010, 14: 2.1448, 19: 2.0930}


def num(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, int):
        return str(v)
    s = "%.10g" % v
    return "0" if s in ("-0", "0") else s


def stats(xs):
    xs = [x for x in xs if not math.isnan(x)]
    n = len(xs)
    if n == 0:
        return (float("nan"),) * 4 + (0,)
    m = sum(xs) / n
    if n < 2:
        return m, float("nan"), float("nan"), float("nan"), n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    h = T975[n - 1] * sd / math.sqrt(n)
    return m, sd, m - h, m + h, n


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(num(x) if not isinstance(x, str) else x for x in r) + "\n")


# ---------------------------------------------------------------- results

M = 1e6
# metric -> unit, then one mean per scenario (siloed, chief_customer_officer,
# customer_council, cmo_shadow_it), and the replication noise (sd).
BASE = {
    "experience.mean": ("points (0-10)", [6.2, 7.5, 7.0, 5.9], 0.15),
    "experience.nps": ("points", [-12, 18, 6, -20], 3.0),
    "revenue.total": ("EUR/year", [41.0 * M, 44.5 * M, 43.2 * M, 40.1 * M], 0.8 * M),
    "cost.staff": ("EUR/year", [14.0 * M, 13.6 * M, 13.8 * M, 14.1 * M], 0.15 * M),
    "cost.management": ("EUR/year", [1.51 * M, 1.51 * M, 1.51 * M, 1.51 * M], 0.0),
    "cost.overlay": ("EUR/year", [0.0, 0.6 * M, 0.45 * M, 0.0], 0.0),
    "cost.coordination": ("EUR/year", [1.9 * M, 0.9 * M, 1.1 * M, 2.2 * M], 0.08 * M),
    "cost.technology": ("EUR/year", [3.2 * M, 3.0 * M, 3.1 * M, 3.9 * M], 0.05 * M),
    "cost.rework": ("EUR/year", [1.1 * M, 0.6 * M, 0.7 * M, 1.4 * M], 0.09 * M),
    "cost.marketing": ("EUR/year", [4.4 * M, 4.4 * M, 4.4 * M, 4.6 * M], 0.05 * M),
    "journey.time_to_customer": ("days", [41.0, 31.5, 35.0, 43.0], 1.2),
    "sales.queue_mean": ("jobs", [9.5, 4.1, 6.0, 10.2], 0.8),
    "delivery.queue_mean": ("jobs", [6.2, 5.8, 6.0, 6.4], 0.6),
    "service.queue_mean": ("jobs", [14.0, 6.5, 8.8, 15.5], 1.0),
    "defects.open_mean": ("defects", [7.5, 3.2, 4.1, 9.0], 0.5),
    "experience.effort.wait": ("points/customer", [1.1, 0.6, 0.8, 1.2], 0.05),
    "experience.effort.repeat": ("points/customer", [0.7, 0.2, 0.35, 0.8], 0.04),
    "experience.effort.inconsistent": ("points/customer", [0.6, 0.25, 0.3, 0.9], 0.04),
    "experience.effort.transfer": ("points/customer", [0.5, 0.3, 0.4, 0.55], 0.03),
    "experience.effort.error": ("points/customer", [0.4, 0.2, 0.25, 0.5], 0.03),
    "experience.effort.unresolved": ("points/customer", [0.45, 0.3, 0.35, 0.5], 0.03),
    "experience.effort.defect": ("points/customer", [0.3, 0.15, 0.2, 0.35], 0.02),
    "experience.effort.fast": ("points/customer", [-0.6, -0.9, -0.8, -0.5], 0.03),
    "fragmentation.boundaries": ("count", [3, 0, 3, 3], 0.0),
    "fragmentation.systems": ("count", [4, 1, 2, 5], 0.0),
    "fragmentation.parties": ("count", [6, 1, 3, 7], 0.0),
    "flow.arrived": ("customers", [73100, 73900, 73600, 72900], 260),
    "flow.no_lead": ("customers", [51200, 51000, 51100, 51600], 220),
    "flow.leads": ("customers", [24300, 25600, 25100, 23600], 150),
    "flow.lost": ("customers", [15700, 15900, 15800, 15400], 130),
    "flow.nurtured": ("customers", [2400, 2700, 2600, 2300], 60),
    "flow.dropped": ("customers", [350, 120, 180, 420], 25),
    "flow.wins": ("customers", [7900, 9300, 8850, 7450], 90),
    "flow.delivered": ("customers", [7600, 9050, 8600, 7100], 90),
    "flow.rework": ("jobs", [900, 420, 520, 1100], 40),
    "flow.renewed": ("customers", [4100, 5600, 5100, 3700], 80),
    "flow.churned": ("customers", [1900, 1100, 1350, 2150], 60),
    "flow.in_system": ("customers", [6350, 7400, 7050, 5900], 90),
}


def derived(vals):
    """cost.total and margin from their parts, replication by replication."""
    parts = ["cost.staff", "cost.management", "cost.overlay", "cost.coordination", "cost.technology",
             "cost.rework", "cost.marketing"]
    vals["cost.total"] = sum(vals[p] for p in parts)
    vals["margin"] = vals["revenue.total"] - vals["cost.total"]


ORDER = ["experience.mean", "experience.nps", "journey.time_to_customer", "sales.queue_mean",
         "delivery.queue_mean", "service.queue_mean", "defects.open_mean",
         "experience.effort.wait", "experience.effort.repeat", "experience.effort.inconsistent",
         "experience.effort.transfer", "experience.effort.error", "experience.effort.unresolved",
         "experience.effort.defect", "experience.effort.fast", "revenue.total", "cost.staff",
         "cost.management", "cost.overlay", "cost.coordination", "cost.technology", "cost.rework",
         "cost.marketing", "cost.total", "margin", "fragmentation.boundaries", "fragmentation.systems",
         "fragmentation.parties", "flow.arrived", "flow.no_lead", "flow.lost", "flow.dropped",
         "flow.churned", "flow.in_system", "flow.leads", "flow.wins", "flow.nurtured", "flow.delivered",
         "flow.rework", "flow.renewed"]
UNITS = {k: v[0] for k, v in BASE.items()}
UNITS["cost.total"] = "EUR/year"
UNITS["margin"] = "EUR/year"


def replicate(scen_means, reps, rng, zero_var=False):
    """values[metric][scenario][rep] with common random numbers: a shared
    replication effect plus a smaller scenario-specific one."""
    out = {}
    for metric, (unit, means, sd) in BASE.items():
        common = [rng.gauss(0, 1) for _ in range(reps)]
        per = []
        for s, m in enumerate(scen_means(metric, means)):
            per.append([m + (0 if zero_var else sd * (0.8 * common[r] + 0.6 * rng.gauss(0, 1)))
                        for r in range(reps)])
        out[metric] = per
    n_s = len(next(iter(out.values())))
    for s in range(n_s):
        for r in range(reps):
            v = {k: out[k][s][r] for k in BASE}
            derived(v)
            for k in ("cost.total", "margin"):
                out.setdefault(k, [[0.0] * reps for _ in range(n_s)])[s][r] = v[k]
    return out


def write_results(folder, scenarios, values, reps, run_extra=None, timeseries=True, distributions=True,
                  drop=(), nan=(), replications=True):
    d = os.path.join(ROOT, folder)
    summ, diffs, rep_rows = [], [], []
    for s, name in enumerate(scenarios):
        for metric in ORDER:
            if metric in drop:
                continue
            xs = values[metric][s]
            if metric in nan:
                xs = [float("nan")] * reps
            m, sd, lo, hi, n = stats(xs)
            summ.append([name, metric, UNITS[metric], m, sd, lo, hi, n])
            for r in range(reps):
                rep_rows.append([name, r + 1, metric, xs[r]])
            dm, dsd, dlo, dhi, dn = stats([a - b for a, b in zip(xs, values[metric][0])]
                                          if metric not in nan else [float("nan")] * reps)
            diffs.append([name, scenarios[0], metric, UNITS[metric], dm, dlo, dhi, dn])
    write(os.path.join(d, "summary.csv"), ["scenario", "metric", "unit", "mean", "sd", "ci95_low", "ci95_high", "n"],
          summ)
    write(os.path.join(d, "diffs.csv"),
          ["scenario", "baseline", "metric", "unit", "mean_diff", "ci95_low", "ci95_high", "n"], diffs)
    if replications:
        write(os.path.join(d, "replications.csv"), ["scenario", "replication", "metric", "value"], rep_rows)
    run = {"version": "0.1.0", "command": "journeysim run config/default.cfg -o out", "seed": 20261125,
           "config": "config/default.cfg", "config_sha256": "9f2c" + "0" * 60, "scenarios": scenarios,
           "replications": reps, "horizon_days": 1825, "warmup_days": 365, "currency": "EUR",
           "created": CREATED, "wall_seconds": 12.5}
    run.update(run_extra or {})
    with open(os.path.join(d, "run.json"), "w") as f:
        json.dump(run, f, indent=2)
        f.write("\n")
    ts_header = ["scenario", "day", "series", "mean", "ci95_low", "ci95_high"]
    if timeseries is True:
        write(os.path.join(d, "timeseries.csv"), ts_header,
              make_timeseries(scenarios, 30 if len(scenarios) <= 4 else 60))
    elif timeseries == "empty":
        write(os.path.join(d, "timeseries.csv"), ts_header, [])
    dist_header = ["scenario", "variable", "bin_low", "bin_high", "share"]
    if distributions:
        write(os.path.join(d, "distributions.csv"), dist_header, make_distributions(scenarios, values))


SERIES = [("sales.queue", [9.5, 4.1, 6.0, 10.2]), ("sales.wip", [21.0, 15.0, 17.5, 22.0]),
          ("delivery.queue", [6.2, 5.8, 6.0, 6.4]), ("delivery.wip", [30.0, 29.0, 29.5, 30.5]),
          ("service.queue", [14.0, 6.5, 8.8, 15.5]), ("service.wip", [36.0, 27.0, 30.0, 38.0]),
          ("customers.active", [5600, 6700, 6400, 5200]), ("defects.open", [7.5, 3.2, 4.1, 9.0]),
          ("technology.debt", [0.0, 0.0, 0.0, 0.35])]


def make_timeseries(scenarios, every=30):
    rng = random.Random(7)
    rows = []
    for s, name in enumerate(scenarios):
        k = s % 4
        for series, means in SERIES:
            level = means[k] * (1 + 0.05 * (s // 4))
            for day in range(0, 1826, every):
                ramp = 1 - math.exp(-day / 120.0)
                season = 1 + 0.12 * math.sin(2 * math.pi * day / 365.0)
                v = level * ramp * season * (1 + 0.04 * rng.gauss(0, 1))
                if series == "technology.debt":
                    v = level * day / 1825.0
                h = 0.08 * v + 0.02 * level
                rows.append([name, day, series, round(v, 2), round(max(0.0, v - h), 2), round(v + h, 2)])
    return rows


def make_distributions(scenarios, values):
    rows = []
    for s, name in enumerate(scenarios):
        mu = sum(values["experience.mean"][s]) / len(values["experience.mean"][s])
        sd = 1.4
        bins = [(i * 0.25, (i + 1) * 0.25) for i in range(40)]
        w = [math.exp(-0.5 * (((a + b) / 2 - mu) / sd) ** 2) for a, b in bins]
        t = sum(w)
        for (a, b), x in zip(bins, w):
            rows.append([name, "experience", a, b, round(x / t, 5)])
        ttc = sum(values["journey.time_to_customer"][s]) / len(values["journey.time_to_customer"][s])
        # a gamma-like shape with the right mean, 5-day bins, last bin open-ended
        k = 4.0
        theta = ttc / k
        bins = [(i * 5.0, (i + 1) * 5.0) for i in range(24)]
        w = [((a + b) / 2) ** (k - 1) * math.exp(-((a + b) / 2) / theta) for a, b in bins]
        tail = 0.03 * (1 + s % 4) / 2
        t = sum(w) / (1 - tail)
        for (a, b), x in zip(bins, w):
            rows.append([name, "time_to_customer", a, b, round(x / t, 5)])
        rows.append([name, "time_to_customer", 120.0, "", tail])
    return rows


def results_small():
    rng = random.Random(20261125)
    scen = ["siloed", "chief_customer_officer", "customer_council", "cmo_shadow_it"]
    vals = replicate(lambda metric, means: means, 10, rng)
    write_results("results-small", scen, vals, 10)


def results_one():
    """One scenario, one replication: no interval anywhere."""
    rng = random.Random(1)
    vals = replicate(lambda metric, means: means[:1], 1, rng)
    write_results("results-one", ["siloed"], vals, 1, run_extra={"replications": 1, "scenarios": ["siloed"]})


def results_degenerate():
    """Zero variance everywhere, two metrics NaN, cost parts missing, an empty
    time series and no distributions.csv."""
    rng = random.Random(2)
    scen = ["siloed", "customer_council"]
    vals = replicate(lambda metric, means: means[:2], 5, rng, zero_var=True)
    write_results("results-degenerate", scen, vals, 5, run_extra={"replications": 5, "scenarios": scen},
                  timeseries="empty", distributions=False, drop=("cost.overlay", "cost.rework", "flow.leads"),
                  nan=("revenue.total", "margin"), replications=False)


def results_many():
    """Twelve scenarios, some with long names: legibility at the limit."""
    rng = random.Random(3)
    scen = ["siloed", "chief_customer_officer", "customer_council", "cmo_shadow_it", "cio_led",
            "marketing_technologist", "cmo_cio_aligned", "council_with_shared_platform_and_embedded_technologists",
            "cco_plus_integrated_crm", "escalation_to_the_ceo_for_every_cross_stage_decision", "lean_service",
            "regional_split"]
    shift = [0.0, 1.0, 0.6, -0.3, 0.2, 0.1, 0.5, 0.8, 1.2, -0.6, -0.1, 0.3]

    def means(metric, m):
        out = []
        for s in range(len(scen)):
            base = m[s % 4]
            if metric == "experience.mean":
                base = m[0] + shift[s]
            elif metric.startswith("cost.") and metric != "cost.management":
                base = base * (1 + 0.03 * math.sin(s * 1.7))
            elif metric == "revenue.total":
                base = m[0] * (1 + 0.02 * shift[s])
            out.append(base)
        return out

    vals = replicate(means, 8, rng)
    write_results("results-many", scen, vals, 8, run_extra={"replications": 8, "scenarios": scen},
                  replications=False)


def board_facts(scen, vals, reps, metric="margin"):
    """run.json's objective, ranking (paired gap to the next, best first),
    assumptions and interval note, as sim/experiment/output.c writes them."""
    means = [sum(vals[metric][s]) / reps for s in range(len(scen))]
    order = sorted(range(len(scen)), key=lambda s: -means[s])
    ranking = []
    for k, s in enumerate(order):
        e = {"scenario": scen[s], "rank": k + 1, "value": means[s]}
        if k + 1 < len(order):
            m, _, lo, hi, _ = stats([a - b for a, b in zip(vals[metric][s], vals[metric][order[k + 1]])])
            e.update({"diff_to_next": m, "diff_ci95_low": lo, "diff_ci95_high": hi,
                      "significant": lo > 0 or hi < 0})
        ranking.append(e)
    return {"objective": {"metric": metric, "label": "Margin", "unit": "EUR/year", "better": "higher",
                          "weights": [], "text": metric},
            "ranking": ranking,
            "assumptions": {"key": 20, "defaults": 14, "list": []},
            "interval_note": "95% intervals: simulation noise only (replications), not uncertainty in the "
                             "assumptions"}


COST_PARTS = ("cost.staff", "cost.overlay", "cost.coordination", "cost.technology", "cost.rework", "cost.marketing")


def results_objective():
    """The cheapest model (CIO led) is not the best on margin; run.json
    declares the objective, the ranking, the assumptions and a saturated
    contact centre."""
    rng = random.Random(20261126)
    scen = ["siloed", "cio_led", "customer_council", "chief_customer_officer"]

    def means(metric, m):
        lean = m[0] * (0.85 if metric in COST_PARTS else 0.95 if metric == "revenue.total" else 1.0)
        return [m[0], lean, m[2], m[1]]
    vals = replicate(means, 10, rng)
    extra = board_facts(scen, vals, 10)
    extra["warnings"] = [{"scenario": "chief_customer_officer", "pool": "service", "kind": "saturated",
                          "from_day": 800, "utilisation": 0.99,
                          "text": "contact centre saturated from about day 800: results depend on the horizon"}]
    extra["scenarios"] = scen
    write_results("results-objective", scen, vals, 10, run_extra=extra, timeseries=False, distributions=False)


def results_tie():
    """The two best on margin within noise of each other, and a run.json
    from before the objective: the ranking is computed from the replications."""
    rng = random.Random(20261127)
    scen = ["siloed", "chief_customer_officer", "customer_council", "cmo_shadow_it"]

    def means(metric, m):
        return [m[0], m[1], m[2] + (1.7 * M if metric == "revenue.total" else 0), m[3]]
    vals = replicate(means, 10, rng)
    write_results("results-tie", scen, vals, 10, run_extra={"scenarios": scen}, timeseries=False,
                  distributions=False)


# ---------------------------------------------------------------- sweeps

def write_manifest(d, design, params, scen, reps, points, extra=None):
    man = {"version": "0.1.0", "design": design, "parameters": params, "seed": 7,
           "replications": reps, "config": "config/sweeps/%s.cfg" % os.path.basename(d),
           "config_sha256": "4be1" + "0" * 60, "scenarios": scen, "points": points,
           "currency": "EUR", "created": CREATED}
    man.update(extra or {})
    with open(os.path.join(d, "manifest.json"), "w") as f:
        json.dump(man, f, indent=2)
        f.write("\n")


def sweep_tables(d, params, pvals, scen, model, reps, rng, metrics, results=False):
    """model(metric, scenario index, parameter values) -> mean; writes points,
    summary and diffs (and results.csv, the replications, when asked)."""
    os.makedirs(d, exist_ok=True)
    write(os.path.join(d, "points.csv"), ["point"] + params, [[i] + list(v) for i, v in enumerate(pvals)])
    summ, diffs, res = [], [], []
    for i, v in enumerate(pvals):
        reps_v = {}
        for metric, unit, sd in metrics:
            common = [rng.gauss(0, 1) for _ in range(reps)]
            for s, name in enumerate(scen):
                m = model(metric, s, v)
                reps_v[(metric, s)] = [m + sd * (0.8 * common[r] + 0.6 * rng.gauss(0, 1)) for r in range(reps)]
        for s, name in enumerate(scen):
            for metric, unit, sd in metrics:
                xs = reps_v[(metric, s)]
                mm, ssd, lo, hi, n = stats(xs)
                summ.append([i, name, metric, unit, mm, ssd, lo, hi, n])
                dm, _, dlo, dhi, dn = stats([a - b for a, b in zip(xs, reps_v[(metric, 0)])])
                diffs.append([i, name, scen[0], metric, unit, dm, dlo, dhi, dn])
                res.extend([i, name, r + 1, metric, x] for r, x in enumerate(xs))
    if results:
        write(os.path.join(d, "results.csv"), ["point", "scenario", "replication", "metric", "value"], res)
    write(os.path.join(d, "summary.csv"),
          ["point", "scenario", "metric", "unit", "mean", "sd", "ci95_low", "ci95_high", "n"], summ)
    write(os.path.join(d, "diffs.csv"),
          ["point", "scenario", "baseline", "metric", "unit", "mean_diff", "ci95_low", "ci95_high", "n"], diffs)
    return summ


SWEEP_METRICS = [("experience.mean", "points (0-10)", 0.12), ("margin", "EUR/year", 0.35 * M),
                 ("cost.total", "EUR/year", 0.25 * M)]


def handoff_model(metric, s, v):
    delay = v[0]
    interval = v[1] if len(v) > 1 else 14.0
    if metric == "experience.mean":
        return [7.4 - 0.55 * delay, 7.0 - 0.12 * delay - 0.02 * (interval - 14)][s]
    if metric == "margin":
        return [17.0 * M - 2.2 * M * delay, 14.6 * M - 0.6 * M * delay - 0.04 * M * (interval - 14)][s]
    return [25.5 * M + 0.9 * M * delay, 26.3 * M + 0.25 * M * delay - 0.02 * M * (interval - 14)][s]


def sweep_1d():
    d = os.path.join(ROOT, "sweep-1d")
    rng = random.Random(11)
    scen = ["siloed", "customer_council"]
    pvals = [(0.5 * i,) for i in range(9)]
    sweep_tables(d, ["mechanisms.handoff.delay"], pvals, scen, handoff_model, 10, rng, SWEEP_METRICS)
    # crossovers where council - siloed changes sign (computed from the model)
    # direction as sim/sweep/analysis.c writes it
    rows = [["mechanisms.handoff.delay", "margin", "customer_council", "siloed", 1.5, 1.31, 1.72,
             "scenario_better_above"],
            ["mechanisms.handoff.delay", "experience.mean", "customer_council", "siloed", 0.93, 0.71, 1.18,
             "scenario_better_above"],
            ["mechanisms.handoff.delay", "cost.total", "customer_council", "siloed", 1.23, 1.02, 1.49,
             "scenario_better_above"]]
    write(os.path.join(d, "crossovers.csv"),
          ["parameter", "metric", "scenario", "baseline", "at", "ci95_low", "ci95_high", "direction"], rows)
    write_manifest(d, "grid", [{"path": "mechanisms.handoff.delay", "unit": "days", "from": 0, "to": 4,
                                "step": 0.5}], scen, 10, len(pvals))


def sweep_2d():
    d = os.path.join(ROOT, "sweep-2d")
    rng = random.Random(12)
    scen = ["siloed", "customer_council"]
    pvals = [(0.5 * i, 7.0 * j) for j in range(1, 5) for i in range(1, 6)]
    sweep_tables(d, ["mechanisms.handoff.delay", "governance.council.meeting_interval"], pvals, scen,
                 handoff_model, 10, rng, SWEEP_METRICS)
    write(os.path.join(d, "crossovers.csv"),
          ["parameter", "metric", "scenario", "baseline", "at", "ci95_low", "ci95_high", "direction"], [])
    write_manifest(d, "grid", [{"path": "mechanisms.handoff.delay", "unit": "days"},
                               {"path": "governance.council.meeting_interval", "unit": "days"}], scen, 10, len(pvals))


def sweep_contrast():
    """A 1-D sweep of three models whose manifest names the board's metric,
    a contrast of two models neither of which is the baseline, and human
    labels and units: the contrast is paired from results.csv."""
    d = os.path.join(ROOT, "sweep-contrast")
    rng = random.Random(14)
    scen = ["siloed", "customer_council", "chief_customer_officer"]
    pvals = [(0.5 * i,) for i in range(9)]

    def model(metric, s, v):
        if s < 2:
            return handoff_model(metric, s, v)
        # the CCO: close to the council, ahead when handoffs are slow
        return handoff_model(metric, 1, v) + {"margin": -0.9 * M + 0.5 * M * v[0],
                                              "experience.mean": 0.1, "cost.total": 0.2 * M}[metric]
    sweep_tables(d, ["mechanisms.handoff.delay"], pvals, scen, model, 10, rng, SWEEP_METRICS, results=True)
    write(os.path.join(d, "crossovers.csv"),
          ["parameter", "metric", "scenario", "baseline", "at", "ci95_low", "ci95_high", "direction"], [])
    write_manifest(d, "grid", [{"path": "mechanisms.handoff.delay", "label": "Handoff delay at a boundary",
                                "unit": "days", "from": 0, "to": 4, "step": 0.5}], scen, 10, len(pvals),
                   extra={"seeds": "common", "metric": "margin",
                          "contrast": ["chief_customer_officer", "customer_council"]})


def sweep_oat(folder="sweep-oat", contrast=False):
    d = os.path.join(ROOT, folder)
    rng = random.Random(13)
    scen = ["siloed", "customer_council"]
    params = [("mechanisms.handoff.delay", 0.5, 3.0, 2.6), ("mechanisms.handoff.context_loss", 0.05, 0.3, 1.1),
              ("governance.council.meeting_interval", 7, 28, 0.7), ("technology.own.integration_debt_rate", 0.0,
                                                                      0.2, 0.45),
              ("arrivals.rate", 30, 50, 1.9), ("service.staff", 20, 28, 0.25)]
    names = [p[0] for p in params]
    base_vals = [1.5, 0.15, 14, 0.1, 40, 24]
    pvals = [tuple(base_vals)]
    for i, (p, lo, hi, _) in enumerate(params):
        for x in (lo, hi):
            v = list(base_vals)
            v[i] = x
            pvals.append(tuple(v))

    def model(metric, s, v):
        m = handoff_model(metric, s, (v[0], v[2]))
        return m
    sweep_tables(d, names, pvals, scen, model, 10, rng, SWEEP_METRICS)
    rows = []
    for scen_name, sign in (("siloed", 1.0), ("customer_council", 0.6)):
        for metric, unit, scale in (("margin", "EUR/year", M), ("experience.mean", "points (0-10)", 0.25)):
            base = 14.2 * M if metric == "margin" else 6.6
            ranked = sorted(params, key=lambda p: -p[3])
            for rank, (p, lo, hi, swing) in enumerate(ranked, 1):
                sw = swing * scale * sign
                direction = -1 if p in ("mechanisms.handoff.delay", "mechanisms.handoff.context_loss") else 1
                low_mean = base - direction * sw / 2
                high_mean = base + direction * sw / 2
                h = 0.12 * scale
                rows.append([scen_name, metric, p, lo, hi, low_mean, low_mean - h, low_mean + h, high_mean,
                             high_mean - h, high_mean + h, base, abs(high_mean - low_mean), rank])
    if contrast:
        # the paired difference council - siloed: a gap that changes sign on the handoff delay
        for metric, scale in (("margin", M), ("experience.mean", 0.25)):
            base = -0.4 * scale
            for rank, (p, lo, hi, swing) in enumerate(sorted(params, key=lambda p: -p[3]), 1):
                direction = 1 if p in ("mechanisms.handoff.delay", "mechanisms.handoff.context_loss") else -0.5
                low_mean = base - direction * swing * scale / 2
                high_mean = base + direction * swing * scale / 2
                h = 0.06 * scale
                rows.append(["customer_council-siloed", metric, p, lo, hi, low_mean, low_mean - h, low_mean + h,
                             high_mean, high_mean - h, high_mean + h, base, abs(high_mean - low_mean), rank])
    write(os.path.join(d, "tornado.csv"),
          ["scenario", "metric", "parameter", "low_value", "high_value", "low_mean", "low_ci95_low",
           "low_ci95_high", "high_mean", "high_ci95_low", "high_ci95_high", "base_mean", "swing", "rank"], rows)
    labels = {"mechanisms.handoff.delay": ("Handoff delay at a boundary", "days"),
              "mechanisms.handoff.context_loss": ("Context lost at a handoff", "share"),
              "governance.council.meeting_interval": ("Council meets every", "days"),
              "technology.own.integration_debt_rate": ("Integration debt growth", "per year"),
              "arrivals.rate": ("New prospects", "per day"), "service.staff": ("Contact centre seats", "seats")}
    man = [{"path": p, "low": lo, "high": hi} for p, lo, hi, _ in params]
    if contrast:
        for e in man:
            e["label"], e["unit"] = labels[e["path"]]
    write_manifest(d, "oat", man, scen, 10, len(pvals),
                   extra={"metric": "margin", "contrast": ["customer_council", "siloed"]} if contrast else None)


def sweep_empty():
    d = os.path.join(ROOT, "sweep-empty")
    os.makedirs(d, exist_ok=True)
    write(os.path.join(d, "points.csv"), ["point", "mechanisms.handoff.delay"], [])
    write(os.path.join(d, "summary.csv"),
          ["point", "scenario", "metric", "unit", "mean", "sd", "ci95_low", "ci95_high", "n"], [])
    write_manifest(d, "grid", [{"path": "mechanisms.handoff.delay"}], [], 10, 0)


if __name__ == "__main__":
    results_small()
    results_one()
    results_degenerate()
    results_many()
    results_objective()
    results_tie()
    sweep_1d()
    sweep_2d()
    sweep_oat()
    sweep_oat("sweep-oat-contrast", contrast=True)
    sweep_contrast()
    sweep_empty()
