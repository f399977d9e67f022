#!/usr/bin/env python3
"""Structural checks of the Grafana dashboards; exits 1 on any problem.

- every dashboard is valid JSON with a current schemaVersion, a `datasource` variable of Prometheus type and
  the account_id/region template variables;
- every panel and every query target uses the `${datasource}` variable;
- every metric name in every expression is one integration-monitor exports (or a Micrometer JVM/process one):
  the resource families are read from src/main/java/.../metrics/ResourceFamilies.java, so a dashboard cannot
  name a family the Java code does not define;
- both dashboards have the `service` variable (glue, rds, redshift, appintegrations); the estate dashboard's
  `kind` variable lists every kind, it has a status panel and a status timeline per kind, and every expression
  on a kind-specific family is gated by both $kind and $service;
- the committed JSON is what dashboards/tools/generate.py produces.
Run promtool on the expressions separately (see .ci/verify-assets.sh).
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DASH_DIR = os.path.join(HERE, "..")
sys.path.insert(0, HERE)
import exprs  # noqa: E402

FAMILIES_JAVA = os.path.join(HERE, "..", "..", "src", "main", "java", "io", "integrationmonitor", "metrics",
                             "ResourceFamilies.java")
KINDS = {"glue_integration", "glue_inbound_integration", "appintegrations_association", "rds_integration",
         "redshift_integration", "redshift_inbound_integration"}
SERVICES = ["glue", "rds", "redshift", "appintegrations"]


def resource_families():
    """{kind: [family names]} as ResourceFamilies.java defines them: ResourceKind.X, prefix, status name, has errors."""
    with open(FAMILIES_JAVA, encoding="utf-8") as f:
        java = f.read()
    families = {}
    for kind, prefix, status, errors in re.findall(
            r'ResourceKind\.(\w+),\s*"(aws_\w+)",\s*"(aws_\w+_status)",\s*(true|false)', java):
        names = [status, status[:-len("_status")] + "_stuck", prefix + "_info",
                 prefix + "_status_since_timestamp_seconds"] + ([prefix + "_errors"] if errors == "true" else [])
        families[kind.lower()] = names
    return families


FAMILIES = resource_families()
EXPORTED = {name for names in FAMILIES.values() for name in names} | {
    "integration_monitor_transitions_total",
    "integration_monitor_poll_duration_seconds_count", "integration_monitor_poll_duration_seconds_sum",
    "integration_monitor_poll_duration_seconds_max", "integration_monitor_poll_last_success_timestamp_seconds",
    "integration_monitor_poll_errors_total", "integration_monitor_poll_resources",
    "integration_monitor_poll_schedule_lag_seconds_bucket", "integration_monitor_poll_schedule_lag_seconds_count",
    "integration_monitor_poll_interval_seconds", "integration_monitor_poll_schedule_min_interval_seconds",
    "integration_monitor_aws_requests_total", "integration_monitor_build_info",
    "integration_monitor_alerts_firing", "integration_monitor_notifications_total",
    "integration_monitor_notification_queue", "integration_monitor_notification_delivery_seconds_count",
    "integration_monitor_notification_delivery_seconds_sum", "integration_monitor_notification_delivery_seconds_max",
    "integration_monitor_dead_letters_total",
    # the events: consumer (issue #13) and the table ingestion state it feeds
    "integration_monitor_event_messages_received_total", "integration_monitor_event_messages_deleted_total",
    "integration_monitor_event_parse_failures_total", "integration_monitor_event_duplicates_total",
    "integration_monitor_events_ignored_total", "integration_monitor_event_age_seconds_bucket",
    "integration_monitor_event_queue_messages", "integration_monitor_event_queue_readable",
    "aws_glue_integration_tables_failing",
    # freshness from CloudWatch (issue #14): metrics/FreshnessMetrics.java
    "aws_glue_integration_last_sync_timestamp_seconds", "aws_glue_integration_ingestion_failed",
    "aws_glue_integration_table_ingestion_failed", "aws_redshift_integration_lag_seconds",
    "aws_redshift_integration_tables_failed", "aws_integration_freshness_stale", "aws_integration_freshness_lagging",
    "aws_integration_freshness_tables_failing", "integration_monitor_freshness_integrations",
    "integration_monitor_freshness_table_series_dropped",
}
# Micrometer's JVM and process binders (jvm_memory_used_bytes{area,id}, process_cpu_usage, ...).
EXPORTED_PREFIXES = ("jvm_", "process_")

KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "offset", "inf", "nan", "atan2", "start", "end",
            # aggregation operators, which may stand before "by (...)" rather than "("
            "sum", "min", "max", "avg", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile",
            "count_values"}
EXPECTED_DS = {"type": "prometheus", "uid": "${datasource}"}


def metric_names(expr):
    """Metric names used in a PromQL expression (strings, matchers, ranges and label lists removed)."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    e = re.sub(r"\{[^}]*\}", " ", e)
    e = re.sub(r"\[[^\]]*\]", " ", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", r" \1 ", e)
    names = set()
    for m in re.finditer(r"(?<![\w.])([A-Za-z_:][\w:]*)(\s*\()?", e):
        word, call = m.group(1), m.group(2)
        if call or word.lower() in KEYWORDS:
            continue
        names.add(word)
    return names


def check_kinds_and_services(files):
    problems = []
    if set(FAMILIES) != KINDS:
        problems.append("ResourceFamilies.java defines families for %s, expected %s" % (sorted(FAMILIES), sorted(KINDS)))
    family_kind = {name: kind for kind, names in FAMILIES.items() for name in names}
    for path in files:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            dash = json.load(f)
        variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
        service = variables.get("service", {})
        if [o["value"] for o in service.get("options", [])] != SERVICES or service.get("allValue") != ".*":
            problems.append("%s: no `service` variable with %s and All = .*" % (name, ", ".join(SERVICES)))
        if name != "integration-monitor-estate.json":
            continue
        kinds = {o["value"] for o in variables.get("kind", {}).get("options", [])}
        if kinds != KINDS:
            problems.append("%s: the `kind` variable lists %s, not every kind %s" % (name, sorted(kinds), sorted(KINDS)))
        panels = [p for p in exprs.panels(dash.get("panels", [])) if p.get("type") != "row"]
        for kind, names in FAMILIES.items():
            status = names[0]
            for ptype in ("bargauge", "state-timeline"):
                if not any(p["type"] == ptype and any(status in t.get("expr", "") for t in p.get("targets", []))
                           for p in panels):
                    problems.append("%s: no %s panel of %s" % (name, ptype, status))
        for p in panels:
            for t in p.get("targets", []):
                expr = t.get("expr", "")
                for metric in metric_names(expr) & set(family_kind):
                    kind = family_kind[metric]
                    gate = '"kind", "%s", "", ""), "service", "%s", "", "")' % (kind, kind.split("_")[0])
                    if gate not in expr or "${kind:regex}" not in expr or "${service:regex}" not in expr:
                        problems.append("%s: panel '%s' reads %s without the $kind/$service gate of %s"
                                        % (name, p.get("title"), metric, kind))
    return problems


def main():
    problems = []
    files = sorted(glob.glob(os.path.join(DASH_DIR, "*.json")))
    if len(files) < 2:
        problems.append("expected the estate and self-health dashboards, found %d" % len(files))
    uids = set()
    for path in files:
        name = os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as f:
                dash = json.load(f)
        except ValueError as e:
            problems.append("%s: invalid JSON: %s" % (name, e))
            continue
        if dash.get("schemaVersion", 0) < 39:
            problems.append("%s: schemaVersion %s < 39" % (name, dash.get("schemaVersion")))
        if not dash.get("uid") or dash["uid"] in uids:
            problems.append("%s: missing or duplicate uid" % name)
        uids.add(dash.get("uid"))
        variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
        ds = variables.get("datasource", {})
        if ds.get("type") != "datasource" or ds.get("query") != "prometheus":
            problems.append("%s: no Prometheus `datasource` variable" % name)
        for required in ("account_id", "region"):
            if required not in variables:
                problems.append("%s: no `%s` variable" % (name, required))
        for v in variables.values():
            if v.get("type") == "query" and v.get("datasource") != EXPECTED_DS:
                problems.append("%s: variable %s does not use ${datasource}" % (name, v["name"]))
        ids = set()
        for p in exprs.panels(dash.get("panels", [])):
            title = p.get("title", "?")
            if p.get("id") in ids:
                problems.append("%s: duplicate panel id %s" % (name, p.get("id")))
            ids.add(p.get("id"))
            if p.get("type") == "row":
                continue
            if p.get("datasource") != EXPECTED_DS:
                problems.append("%s: panel '%s' datasource is %s" % (name, title, p.get("datasource")))
            if not p.get("targets"):
                problems.append("%s: panel '%s' has no query" % (name, title))
            for t in p.get("targets", []):
                if t.get("datasource") != EXPECTED_DS:
                    problems.append("%s: panel '%s' target %s datasource is %s" % (name, title, t.get("refId"), t.get("datasource")))
        for row in exprs.extract(path, "5m"):
            for metric in sorted(metric_names(row["expr"])):
                if metric not in EXPORTED and not metric.startswith(EXPORTED_PREFIXES):
                    problems.append("%s: panel '%s' uses unknown metric %s" % (name, row["panel"], metric))

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), tmp], check=True)
        for path in files:
            fresh = os.path.join(tmp, os.path.basename(path))
            if not os.path.exists(fresh) or open(fresh, encoding="utf-8").read() != open(path, encoding="utf-8").read():
                problems.append("%s differs from generate.py output: run python3 dashboards/tools/generate.py"
                                % os.path.basename(path))

    problems += check_kinds_and_services(files)

    for p in problems:
        print("dashboard check: " + p, file=sys.stderr)
    count = sum(1 for path in files for _ in exprs.extract(path, "5m"))
    print("dashboards: %d files, %d expressions, %d problems" % (len(files), count, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
