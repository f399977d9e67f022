#!/usr/bin/env python3
"""Prints every PromQL expression of the Grafana dashboards (panel targets and query variables), one JSON
object per line: {"dashboard", "panel", "ref", "expr"}, with Grafana variables substituted so the expression
can be sent to Prometheus as is.

    python3 dashboards/tools/exprs.py [--range 5m] [dashboard.json ...]

Template variables become the regex `.*` (as "All" does, allValue is `.*`), ${datasource} is not in
expressions, and Grafana's interval variables become --range. Used by .ci/verify-assets.sh (syntax and
metric-name checks) and meant for the live check that evaluates every query against a real Prometheus.
"""
import argparse
import glob
import json
import os
import re

INTERVAL_VARS = ("__rate_interval", "__interval", "__range", "__range_s", "__range_ms", "__interval_ms")


def substitute(expr, rng):
    for v in INTERVAL_VARS:
        expr = expr.replace("${%s}" % v, rng).replace("$" + v, rng)
    # ${var:format}, ${var} and $var: every template variable means "all values".
    expr = re.sub(r"\$\{\w+(?::\w+)?\}", ".*", expr)
    expr = re.sub(r"\$[A-Za-z_]\w*", ".*", expr)
    return expr


def panels(items):
    for p in items:
        yield p
        yield from panels(p.get("panels", []))


def extract(path, rng):
    with open(path, encoding="utf-8") as f:
        dash = json.load(f)
    name = os.path.basename(path)
    for p in panels(dash.get("panels", [])):
        for t in p.get("targets", []):
            if t.get("expr"):
                yield {"dashboard": name, "panel": p.get("title", ""), "ref": t.get("refId", ""),
                       "expr": substitute(t["expr"], rng)}
    for v in dash.get("templating", {}).get("list", []):
        if v.get("type") == "query":
            q = v.get("query")
            q = q.get("query", "") if isinstance(q, dict) else q or ""
            m = re.fullmatch(r"\s*label_values\((.*),\s*\w+\)\s*", q, re.S)
            selector = m.group(1) if m else q
            yield {"dashboard": name, "panel": "variable " + v["name"], "ref": "var", "expr": substitute(selector, rng)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--range", default="5m", help="value for $__rate_interval, $__interval and $__range")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    files = args.files or sorted(glob.glob(os.path.join(here, "..", "*.json")))
    for path in files:
        for row in extract(path, args.range):
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
