#!/usr/bin/env python3
"""Writes the hand-made decide folders of tests/test_charts_decide.c: plausible
numbers from a small simulated set of worlds (pure Python, seeded), so that
p_best, ranks and acceptability agree with each other. Illustrative only."""
import json, math, os, random, sys

KEY = [
 ("handoff.coordination_relief", "Relief from a journey owner or council", "pert"),
 ("handoff.p_loss_boundary", "Context loss at a boundary", "beta"),
 ("handoff.delay_boundary", "Handoff delay at a boundary", "triangular"),
 ("governance.relief_council_live", "Council relief from its meetings", "beta"),
 ("renewal.slope", "Renewal sensitivity to experience", "lognormal"),
 ("experience.repeat", "Penalty for repeating information", "triangular"),
 ("technology.lead_time.it", "Change lead time (IT platform)", "triangular"),
 ("handoff.loss_data_share", "Share of context loss from missing data", "beta"),
 ("technology.capacity.it", "Changes at once per delivery team (IT platform)", "discrete"),
 ("transition.migration_cost", "Migration cost per stage", "uniform"),
 ("governance.decision_escalation", "Decision time of the CEO", "gamma"),
 ("technology.integration_quality", "Context an integration carries", "beta"),
 ("view.p_per_system", "Conflicting messages per extra system", "beta"),
 ("handoff.p_drop_boundary", "Drop chance at a boundary", "beta"),
 ("policy.it_weight.shared", "Weight of IT's focus, shared system", "uniform"),
 ("technology.p_redo.it", "Redo chance of a change (IT platform)", "beta"),
 ("governance.stage_defects_per_year", "Journey defects per stage", "gamma"),
 ("renewal.quality_logit", "Renewal by lead quality", "triangular"),
 ("technology.debt_per_year", "Integration debt growth", "triangular"),
 ("policy.threshold_shift.revenue", "Lead-threshold shift (revenue focus)", "triangular"),
]
SEVEN = ["siloed", "chief_customer_officer", "customer_council", "cmo_shadow_it", "cio_led", "cmo_cio_aligned",
         "marketing_technologist"]

def num(v):
    if v is None: return ""
    for p in (15, 16, 17):
        s = "%.*g" % (p, v)
        if float(s) == v: return s
    return repr(v)

def text(s):
    return '"%s"' % s.replace('"', '""') if any(c in s for c in ',"\n') else s

def quantile(xs, q):
    xs = sorted(xs); k = (len(xs) - 1) * q; f = math.floor(k); c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)

def write(dir_, name, header, rows):
    with open(os.path.join(dir_, name), "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(text(x) if isinstance(x, str) else num(x) for x in r) + "\n")

def make(dir_, scen, margin, exp_mean, spread, weight, params, evppi, groups, noise_share, seed, worlds=128, reps=4,
         lam_max=2e6):
    os.makedirs(dir_, exist_ok=True)
    rnd = random.Random(seed)
    S = len(scen)
    m = []; e = []
    for w in range(worlds):
        common = rnd.gauss(0, 1.5e6)          # moves every model alike
        split = rnd.gauss(0, 1)               # the assumption that decides
        m.append([margin[s] + common + spread[s] * split + rnd.gauss(0, 3e5) for s in range(S)])
        e.append([exp_mean[s] + 0.1 * rnd.gauss(0, 1) for s in range(S)])
    def obj(lam):
        return [[m[w][s] + lam * e[w][s] for s in range(S)] for w in range(worlds)]
    o = obj(weight)
    def pbest(o):
        c = [0] * S
        for w in range(worlds):
            c[max(range(S), key=lambda s: o[w][s])] += 1
        return [x / worlds for x in c]
    pb = pbest(o)
    exp_ = [sum(o[w][s] for w in range(worlds)) / worlds for s in range(S)]
    best_w = [max(o[w]) for w in range(worlds)]
    rows = []
    for s in range(S):
        vals = [o[w][s] for w in range(worlds)]
        beats = None if s == 0 else sum(o[w][s] > o[w][0] for w in range(worlds)) / worlds
        loss = sum(best_w[w] - o[w][s] for w in range(worlds)) / worlds
        rows.append([scen[s], objective_text(weight), exp_[s], quantile(vals, 0.05), quantile(vals, 0.95),
                     2.1e5 if noise_share < 0.3 else 6.4e5, pb[s], beats, loss])
    write(dir_, "decision.csv", ["scenario", "objective", "expected", "p05", "p95", "noise_halfwidth", "p_best",
                                 "p_beats_baseline", "expected_loss"], rows)
    rk = [[0] * S for _ in range(S)]
    for w in range(worlds):
        order = sorted(range(S), key=lambda s: -o[w][s])
        for r, s in enumerate(order):
            rk[s][r] += 1
    write(dir_, "ranks.csv", ["scenario", "rank", "probability"],
          [[scen[s], r + 1, rk[s][r] / worlds] for s in range(S) for r in range(S)])
    acc = []
    for k in range(41):
        lam = lam_max * k / 40
        p = pbest(obj(lam))
        acc += [[lam, scen[s], p[s]] for s in range(S)]
    write(dir_, "acceptability.csv", ["experience_weight", "scenario", "p_best"], acc)
    evpi = sum(best_w) / worlds - max(exp_)
    ev = []
    for (path, label, _), share in zip(params, evppi):
        ev.append([path, share * evpi, share, "parameter", label, 0.1 * share * evpi + 0.004 * evpi])
    ev.sort(key=lambda r: -r[1])
    for name, share in groups:
        ev.append([name, share * evpi, share, "group", name, 0.1 * share * evpi])
    ev.append(["(all)", evpi, 1.0, "all", "all parameters (EVPI)", None])
    write(dir_, "evppi.csv", ["parameter", "evppi", "share_of_evpi", "kind", "label", "se"], ev)
    write(dir_, "worlds.csv", ["world"] + [p[0] for p in params],
          [[w] + [round(rnd.random(), 4) for _ in params] for w in range(worlds)])
    best = max(range(S), key=lambda s: exp_[s])
    man = {
        "version": "0.1.0", "command": "decide", "design": "sobol", "seed": 20261125,
        "seeds": "common", "replications": reps, "worlds": worlds, "points": worlds,
        "config": "config/default.cfg", "scenarios": scen, "baseline": scen[0],
        "horizon_days": 1095, "warmup_days": 60, "currency": "EUR",
        "objective": {"metric": "objective" if weight else "margin", "label": "Objective" if weight else "Margin",
                      "unit": "EUR/year", "better": "higher",
                      "weights": [{"metric": "experience.mean", "per_unit": weight}] if weight else [],
                      "text": objective_text(weight)},
        "unit": "EUR/year", "best": scen[best], "evpi": evpi, "noise_share": noise_share,
        "noise_warning": noise_share > 0.3,
        "priors": [{"path": p, "dist": d, "label": l} for p, l, d in params],
        "created": "2026-11-30T22:00:00Z",
    }
    with open(os.path.join(dir_, "manifest.json"), "w") as f:
        json.dump(man, f, indent=2); f.write("\n")

def objective_text(weight):
    return "margin" if not weight else "margin + EUR %s/year per point of experience" % format(int(weight), ",")

root = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
# seven models, the board's case: the council best in most worlds, not all
shares = [0.62, 0.31, 0.27, 0.22, 0.12, 0.09, 0.07, 0.06, 0.05, 0.04, 0.035, 0.03, 0.025, 0.02, 0.015, 0.012,
          0.01, 0.008, 0.005, 0.002]
make(os.path.join(root, "decide"), SEVEN,
     [16.8e6, 18.9e6, 19.2e6, 17.1e6, 17.6e6, 18.2e6, 18.4e6], [7.7, 8.05, 7.76, 7.64, 7.75, 7.89, 7.71],
     [0, 4e5, -3.5e5, 1e5, 0, 2e5, 1.5e5], 200000, KEY, shares,
     [("handoffs", 0.74), ("governance", 0.35)], 0.12, 1)
# three models, no model best in most worlds (and a noisy run)
make(os.path.join(root, "decide-split"), SEVEN[:3], [18.0e6, 18.1e6, 18.05e6], [7.7, 7.7, 7.7],
     [0, 6e5, -6e5], 0, KEY[:2], [0.8, 0.1], [], 0.41, 2, worlds=64, reps=2)
# three models, one clearly best
make(os.path.join(root, "decide-clear"), SEVEN[:3], [16.0e6, 17.0e6, 19.5e6], [7.7, 7.8, 7.9],
     [0, 1e5, 0], 0, KEY[:2], [0.5, 0.2], [], 0.05, 3, worlds=64, reps=2)
# twelve models, one with a long name: the board keeps its rows a line apart
make(os.path.join(root, "decide-twelve"), SEVEN + ["head_of_journeys", "crm_first", "service_led_with_a_very_long_name",
                                                    "digital_office", "growth_team"],
     [16.8e6 + 0.2e6 * i for i in range(12)], [7.7 + 0.02 * i for i in range(12)],
     [0, 4e5, -3.5e5, 1e5, 0, 2e5, 1.5e5, 3e5, -2e5, 1e5, 2e5, -1e5], 200000, KEY, [0.3] * 20, [("handoffs", 0.5)],
     0.2, 5, worlds=32, reps=2)
