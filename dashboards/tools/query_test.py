#!/usr/bin/env python3
"""Writes a `promtool test rules` file that evaluates the estate dashboard's key queries (as rendered for
"All") against a small synthetic estate, scraped from three replicas, and states the expected rows (one
replica's). The estate has Glue, RDS and Redshift integrations, one of them (Aurora -> Redshift) in two listings
with the same integration_arn: the unhealthy count and table show it once. A second test does the same for the
self dashboard's "AWS events" row, a third for the estate dashboard's "Freshness" row. Usage:

    python3 dashboards/tools/query_test.py OUT.yml && promtool test rules OUT.yml
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import exprs  # noqa: E402

ACC, REG = "123456789012", "eu-west-1"
ID = 'job="integration-monitor",instance="im:9108",account_id="%s",region="%s"' % (ACC, REG)


OWNERS = ("aws_glue_integration", "aws_rds_integration", "aws_redshift_integration")
NAMESPACE = "arn:aws:redshift-serverless:%s:%s:namespace/0a1b2c3d" % (REG, ACC)


def glue(name, status, since, errors, metric="aws_glue_integration", stuck=0, arn=None):
    """An integration of one listing (owner listings name it; inbound ones carry its target instead)."""
    arn = arn or "arn:aws:glue:%s:%s:integration/%s" % (REG, ACC, name)
    target = NAMESPACE if not metric.startswith("aws_glue") else "arn:aws:glue:%s:%s:database/lake" % (REG, ACC)
    ident = '%s,integration_arn="%s",%s' % (ID, arn, 'integration_name="%s"' % name if metric in OWNERS
                                            else 'target_arn="%s"' % target)
    statuses = ["CREATING", "ACTIVE", "MODIFYING", "FAILED", "DELETING", "SYNCING", "NEEDS_ATTENTION", "UNKNOWN"]
    series = [{"series": '%s_status{%s,status="%s"}' % (metric, ident, s), "values": "%dx10" % (1 if s == status else 0)}
              for s in statuses]
    series.append({"series": "%s_status_since_timestamp_seconds{%s}" % (metric, ident), "values": "%dx10" % since})
    series.append({"series": "%s_errors{%s}" % (metric, ident), "values": "%dx10" % errors})
    series.append({"series": "%s_stuck{%s}" % (metric, ident), "values": "%dx10" % stuck})
    series.append({"series": '%s_info{%s,source_arn="arn:aws:dynamodb:%s:%s:table/%s"%s}'
                             % (metric, ident, REG, ACC, name, ',target_arn="%s"' % target if metric in OWNERS else ""),
                   "values": "1x10"})
    return series


def association(name, status, since, stuck=0):
    arn = "arn:aws:app-integrations:%s:%s:data-integration-association/di-1/%s" % (REG, ACC, name)
    ident = '%s,data_integration_arn="arn:aws:app-integrations:%s:%s:data-integration/di-1",association_arn="%s",client_id="connect"' % (ID, REG, ACC, arn)
    series = [{"series": 'aws_appintegrations_association_last_execution_status{%s,status="%s"}' % (ident, s),
               "values": "%dx10" % (1 if s == status else 0)}
              for s in ["COMPLETED", "IN_PROGRESS", "FAILED", "NEVER_EXECUTED", "UNKNOWN"]]
    series.append({"series": "aws_appintegrations_association_status_since_timestamp_seconds{%s}" % ident, "values": "%dx10" % since})
    series.append({"series": "aws_appintegrations_association_last_execution_stuck{%s}" % ident, "values": "%dx10" % stuck})
    return series, arn


AURORA = "arn:aws:rds:%s:%s:integration:5b1c7a2e-aurora-orders" % (REG, ACC)
DDB = "arn:aws:redshift:%s:%s:integration:9d8e7f6a-ddb-orders" % (REG, ACC)
ELSEWHERE = "arn:aws:rds:%s:999988887777:integration:from-elsewhere" % REG


def events_test():
    """The self dashboard's "AWS events" row, scraped from two replicas: replicated gauges (queue depth, tables
    failing) count once, readability is per replica, the p99 comes from the age histogram's buckets."""
    by_panel = {(row["panel"], row["ref"]): row["expr"]
                for row in exprs.extract(os.path.join(HERE, "..", "integration-monitor-self.json"), "5m")}
    queue = 'job="integration-monitor",instance="%s",queue="%s"'
    orders = "arn:aws:glue:%s:%s:integration/orders" % (REG, ACC)
    series = []
    for replica in ("im:9108", "im-2:9108"):
        q = queue % (replica, "integration-monitor-events")
        series += [
            {"series": "integration_monitor_event_queue_readable{%s}" % q, "values": "1x10"},
            {"series": "integration_monitor_event_queue_readable{%s}" % (queue % (replica, "other-events")),
             "values": "1x10" if replica == "im:9108" else "0x10"},
            {"series": 'integration_monitor_event_queue_messages{%s,state="visible"}' % q, "values": "7x10"},
            {"series": 'integration_monitor_event_queue_messages{%s,state="in_flight"}' % q, "values": "3x10"},
            {"series": 'aws_glue_integration_tables_failing{job="integration-monitor",instance="%s",account_id="%s",'
                       'region="%s",integration_arn="%s"}' % (replica, ACC, REG, orders), "values": "2x10"},
            {"series": 'aws_glue_integration_tables_failing{job="integration-monitor",instance="%s",account_id="%s",'
                       'region="%s",integration_arn="%s"}' % (replica, ACC, REG, orders[:-6] + "billing"), "values": "0x10"},
        ]
        # per minute: 50 events within 1 s, 48 more within 2 s, the last 2 within 5 s: p99 = 2 + 3 * (99-98)/2
        for le, per_minute in (("0.5", 0), ("1.0", 50), ("2.0", 98), ("5.0", 100), ("+Inf", 100)):
            series.append({"series": 'integration_monitor_event_age_seconds_bucket{%s,le="%s"}' % (q, le),
                           "values": "0+%dx10" % per_minute})
    tests = [
        {"expr": by_panel[("Event queues unreadable", "A")], "eval_time": "10m", "exp_samples": [{"labels": "{}", "value": 1}]},
        {"expr": by_panel[("Tables failing ingestion", "A")], "eval_time": "10m", "exp_samples": [{"labels": "{}", "value": 2}]},
        {"expr": by_panel[("Event queue depth", "A")], "eval_time": "10m", "exp_samples": [
            {"labels": '{queue="integration-monitor-events",state="visible"}', "value": 7},
            {"labels": '{queue="integration-monitor-events",state="in_flight"}', "value": 3}]},
        {"expr": by_panel[("Tables failing per integration", "A")], "eval_time": "10m", "exp_samples": [
            {"labels": '{account_id="%s",region="%s",integration_arn="%s"}' % (ACC, REG, orders), "value": 2},
            {"labels": '{account_id="%s",region="%s",integration_arn="%s"}' % (ACC, REG, orders[:-6] + "billing"), "value": 0}]},
        {"expr": by_panel[("Event age at receipt (p99)", "A")], "eval_time": "10m", "exp_samples": [
            {"labels": '{queue="integration-monitor-events"}', "value": 3.5}]},
    ]
    return {"interval": "1m", "input_series": series, "promql_expr_test": tests}


def freshness_test():
    """The estate dashboard's "Freshness" row, scraped from two replicas (each renders the shared readings): counts
    and figures once, not twice; the $kind matcher of the freshness series keeps every kind for "All"."""
    by_panel = {(row["panel"], row["ref"]): row["expr"]
                for row in exprs.extract(os.path.join(HERE, "..", "integration-monitor-estate.json"), "5m")}
    orders = "arn:aws:glue:%s:%s:integration:orders" % (REG, ACC)
    billing = "arn:aws:rds:%s:%s:integration:billing" % (REG, ACC)
    fresh = "arn:aws:glue:%s:%s:integration:fresh" % (REG, ACC)

    def ident(replica, arn, name, kind):
        return ('job="integration-monitor",instance="%s",account_id="%s",region="%s",integration_arn="%s",'
                'integration_name="%s",kind="%s"' % (replica, ACC, REG, arn, name, kind))

    series = []
    for replica in ("im:9108", "im-2:9108"):
        o, b, f = (ident(replica, orders, "orders", "glue_integration"),
                   ident(replica, billing, "billing", "rds_integration"),
                   ident(replica, fresh, "fresh", "glue_integration"))
        series += [
            # orders last synced at 0 (stale, 2 failed ingestions), fresh keeps syncing, billing lags 20 minutes
            {"series": "aws_glue_integration_last_sync_timestamp_seconds{%s}" % o, "values": "0x10"},
            {"series": "aws_glue_integration_last_sync_timestamp_seconds{%s}" % f, "values": "0+60x10"},
            {"series": "aws_glue_integration_ingestion_failed{%s}" % o, "values": "2x10"},
            {"series": "aws_redshift_integration_lag_seconds{%s}" % b, "values": "1200x10"},
            {"series": "aws_redshift_integration_tables_failed{%s}" % b, "values": "0x10"},
        ]
        for verdict, holding in (("stale", (o,)), ("lagging", (b,)), ("tables_failing", (o,))):
            for i in (o, b, f):
                series.append({"series": "aws_integration_freshness_%s{%s}" % (verdict, i),
                               "values": "%dx10" % (1 if i in holding else 0)})
    labels = '{job="integration-monitor",account_id="%s",region="%s",integration_arn="%s",integration_name="%s",kind="%s"}'
    tests = [
        {"expr": by_panel[("Stale", "A")], "eval_time": "10m", "exp_samples": [{"labels": "{}", "value": 1}]},
        {"expr": by_panel[("Lagging", "A")], "eval_time": "10m", "exp_samples": [{"labels": "{}", "value": 1}]},
        {"expr": by_panel[("Tables failing", "A")], "eval_time": "10m", "exp_samples": [{"labels": "{}", "value": 1}]},
        {"expr": by_panel[("Freshness watched", "A")], "eval_time": "10m", "exp_samples": [{"labels": "{}", "value": 3}]},
        {"expr": by_panel[("Time since last sync", "A")], "eval_time": "10m", "exp_samples": [
            {"labels": labels % (ACC, REG, orders, "orders", "glue_integration"), "value": 600},
            {"labels": labels % (ACC, REG, fresh, "fresh", "glue_integration"), "value": 0}]},
        {"expr": by_panel[("Integration lag", "A")], "eval_time": "10m", "exp_samples": [
            {"labels": labels % (ACC, REG, billing, "billing", "rds_integration"), "value": 1200}]},
        {"expr": by_panel[("Tables failing (CloudWatch)", "B")], "eval_time": "10m", "exp_samples": [
            {"labels": labels % (ACC, REG, orders, "orders", "glue_integration"), "value": 2}]},
        {"expr": by_panel[("Stale, lagging and failing integrations", "B")], "eval_time": "10m",
         "exp_samples": [{"labels": "{}", "value": 1}]},
    ]
    return {"interval": "1m", "input_series": series, "promql_expr_test": tests}


def main():
    by_panel = {}
    for row in exprs.extract(os.path.join(HERE, "..", "integration-monitor-estate.json"), "5m"):
        by_panel[(row["panel"], row["ref"])] = row["expr"]
    assoc_series, assoc_arn = association("a-1", "FAILED", 200)
    running_series, running_arn = association("a-2", "IN_PROGRESS", 250, stuck=1)
    # the stuck gauges, not the time spent, decide: 'slow' is stuck, 'loading' (SYNCING as long) is not yet
    series = (glue("orders", "FAILED", 100, 2) + glue("healthy", "ACTIVE", 50, 0)
              + glue("slow", "SYNCING", 10, 0, stuck=1) + glue("loading", "SYNCING", 10, 0) + running_series
              + glue("inbound-1", "NEEDS_ATTENTION", 300, 1, metric="aws_glue_inbound_integration") + assoc_series
              # Aurora -> Redshift: RDS lists it, and Redshift's inbound listing again (same ARN): one integration
              + glue("aurora-orders", "NEEDS_ATTENTION", 400, 3, metric="aws_rds_integration", arn=AURORA)
              + glue("aurora-orders", "NEEDS_ATTENTION", 410, 3, metric="aws_redshift_inbound_integration", arn=AURORA)
              # DynamoDB -> Redshift, FAILED; and an inbound integration whose source account is not watched
              + glue("ddb-orders", "FAILED", 500, 1, metric="aws_redshift_integration", arn=DDB)
              + glue("from-elsewhere", "ACTIVE", 20, 0, metric="aws_redshift_inbound_integration", arn=ELSEWHERE))
    # scraped from three replicas, each exporting the whole estate: the answers are those of one
    series = [dict(x, series=x["series"].replace('instance="im:9108"', 'instance="%s"' % replica))
              for replica in ("im:9108", "im-2:9108", "im-3:9108") for x in series]
    glue_arn = "arn:aws:glue:%s:%s:integration/" % (REG, ACC)
    expr_tests = []
    stat_expr = by_panel[("Unhealthy", "A")]
    table_since = by_panel[("Unhealthy resources", "A")]
    table_errors = by_panel[("Unhealthy resources", "B")]
    # orders, inbound-1, aurora-orders (once, though two listings show it), ddb-orders, association a-1
    expr_tests.append({"expr": stat_expr, "eval_time": "2m", "exp_samples": [{"labels": "{}", "value": 5}]})
    slow = '{kind="glue_integration",account_id="%s",region="%s",arn="%sslow",name="slow",status="SYNCING"}' % (ACC, REG, glue_arn)
    running = '{kind="appintegrations_association",account_id="%s",region="%s",arn="%s",name="a-2",status="IN_PROGRESS"}' % (ACC, REG, running_arn)
    expr_tests.append({"expr": table_since, "eval_time": "2m", "exp_samples": [
        {"labels": '{kind="glue_integration",account_id="%s",region="%s",arn="%sorders",name="orders",status="FAILED"}' % (ACC, REG, glue_arn), "value": 100000},
        {"labels": '{kind="glue_inbound_integration",account_id="%s",region="%s",arn="%sinbound-1",name="inbound-1",status="NEEDS_ATTENTION"}' % (ACC, REG, glue_arn), "value": 300000},
        {"labels": '{kind="appintegrations_association",account_id="%s",region="%s",arn="%s",name="a-1",status="FAILED"}' % (ACC, REG, assoc_arn), "value": 200000},
        {"labels": slow, "value": 10000}, {"labels": running, "value": 250000},
        # the owner listing's row only: the Redshift inbound twin of aurora-orders adds none
        {"labels": '{kind="rds_integration",account_id="%s",region="%s",arn="%s",name="aurora-orders",status="NEEDS_ATTENTION"}' % (ACC, REG, AURORA), "value": 400000},
        {"labels": '{kind="redshift_integration",account_id="%s",region="%s",arn="%s",name="ddb-orders",status="FAILED"}' % (ACC, REG, DDB), "value": 500000},
    ]})
    expr_tests.append({"expr": table_errors, "eval_time": "2m", "exp_samples": [
        {"labels": '{kind="glue_integration",account_id="%s",region="%s",arn="%s%s"}' % (ACC, REG, glue_arn, n), "value": v}
        for n, v in [("orders", 2), ("healthy", 0), ("slow", 0), ("loading", 0)]] + [
        {"labels": '{kind="glue_inbound_integration",account_id="%s",region="%s",arn="%sinbound-1"}' % (ACC, REG, glue_arn), "value": 1}] + [
        {"labels": '{kind="%s",account_id="%s",region="%s",arn="%s"}' % (k, ACC, REG, arn), "value": v}
        for k, arn, v in [("rds_integration", AURORA, 3), ("redshift_integration", DDB, 1),
                          ("redshift_inbound_integration", ELSEWHERE, 0)]]})
    expr_tests.append({"expr": by_panel[("Integrations and the listings that show them", "A")], "eval_time": "2m", "exp_samples": [
        {"labels": '{kind="%s",account_id="%s",region="%s",integration_arn="%s",source_arn="arn:aws:dynamodb:%s:%s:table/%s",target_arn="%s"}'
                   % (k, ACC, REG, arn, REG, ACC, n, t), "value": 1}
        for k, arn, n, t in [
            ("glue_integration", glue_arn + "orders", "orders", "arn:aws:glue:%s:%s:database/lake" % (REG, ACC)),
            ("glue_integration", glue_arn + "healthy", "healthy", "arn:aws:glue:%s:%s:database/lake" % (REG, ACC)),
            ("glue_integration", glue_arn + "slow", "slow", "arn:aws:glue:%s:%s:database/lake" % (REG, ACC)),
            ("glue_integration", glue_arn + "loading", "loading", "arn:aws:glue:%s:%s:database/lake" % (REG, ACC)),
            ("glue_inbound_integration", glue_arn + "inbound-1", "inbound-1", "arn:aws:glue:%s:%s:database/lake" % (REG, ACC)),
            ("rds_integration", AURORA, "aurora-orders", NAMESPACE),
            ("redshift_inbound_integration", AURORA, "aurora-orders", NAMESPACE),
            ("redshift_integration", DDB, "ddb-orders", NAMESPACE),
            ("redshift_inbound_integration", ELSEWHERE, "from-elsewhere", NAMESPACE)]]})
    expr_tests.append({"expr": by_panel[("Status timeline: RDS integrations", "A")], "eval_time": "2m", "exp_samples": [
        {"labels": '{account_id="%s",region="%s",integration_name="aurora-orders"}' % (ACC, REG), "value": 7}]})
    expr_tests.append({"expr": by_panel[("Redshift inbound integrations by status", "A")], "eval_time": "2m", "exp_samples": [
        {"labels": '{status="%s"}' % s, "value": {"NEEDS_ATTENTION": 1, "ACTIVE": 1}.get(s, 0)}
        for s in ["CREATING", "ACTIVE", "MODIFYING", "FAILED", "DELETING", "SYNCING", "NEEDS_ATTENTION", "UNKNOWN"]]})
    expr_tests.append({"expr": by_panel[("Status timeline: Glue integrations", "A")], "eval_time": "2m", "exp_samples": [
        {"labels": '{account_id="%s",region="%s",integration_name="orders"}' % (ACC, REG), "value": 4},
        {"labels": '{account_id="%s",region="%s",integration_name="healthy"}' % (ACC, REG), "value": 2},
        {"labels": '{account_id="%s",region="%s",integration_name="slow"}' % (ACC, REG), "value": 6},
        {"labels": '{account_id="%s",region="%s",integration_name="loading"}' % (ACC, REG), "value": 6}]})
    expr_tests.append({"expr": by_panel[("Association last executions by status", "A")], "eval_time": "2m", "exp_samples": [
        {"labels": '{status="%s"}' % s, "value": 1 if s in ("FAILED", "IN_PROGRESS") else 0}
        for s in ["COMPLETED", "IN_PROGRESS", "FAILED", "NEVER_EXECUTED", "UNKNOWN"]]})
    doc = {"rule_files": [], "evaluation_interval": "1m",
           "tests": [{"interval": "1m", "input_series": series, "promql_expr_test": expr_tests}, events_test(),
                     freshness_test()]}
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)  # JSON is YAML


if __name__ == "__main__":
    main()
