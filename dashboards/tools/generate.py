#!/usr/bin/env python3
"""Generates the Grafana dashboards of integration-monitor (dashboards/*.json).

The JSON files are committed; .ci/verify-assets.sh regenerates them and fails when they differ, so edit this
file and run `python3 dashboards/tools/generate.py [OUT_DIR]` (default: dashboards/). Plain Python 3, no dependencies.
"""
import json
import re
import os
import sys

DS = {"type": "prometheus", "uid": "${datasource}"}
SEL = 'account_id=~"$account_id",region=~"$region"'

KINDS = ["glue_integration", "glue_inbound_integration", "appintegrations_association", "rds_integration",
         "redshift_integration", "redshift_inbound_integration"]
# The AWS service of each kind: the $service variable (and the `service` label of the AWS request metrics,
# the SDK's service id in lower case; sources are named <service>_...).
SERVICES = ["glue", "rds", "redshift", "appintegrations"]


def service_of(kind):
    return kind.split("_")[0]


# The zero-ETL integration listings: (kind, metric prefix, title, owner). An integration is listed by its owner
# (Glue, RDS or Redshift DescribeIntegrations) and again, with the same integration_arn, by its target's inbound
# listing (Glue or Redshift DescribeInboundIntegrations). Metrics stay per listing; the unhealthy count and table
# show each integration once, as the monitor's own status page does.
INTEGRATIONS = [
    ("glue_integration", "aws_glue_integration", "Glue integrations", True),
    ("glue_inbound_integration", "aws_glue_inbound_integration", "Glue inbound integrations", False),
    ("rds_integration", "aws_rds_integration", "RDS integrations", True),
    ("redshift_integration", "aws_redshift_integration", "Redshift integrations", True),
    ("redshift_inbound_integration", "aws_redshift_inbound_integration", "Redshift inbound integrations", False),
]
GLUE_STATUSES = ["CREATING", "ACTIVE", "MODIFYING", "FAILED", "DELETING", "SYNCING", "NEEDS_ATTENTION", "UNKNOWN"]
EXEC_STATUSES = ["COMPLETED", "IN_PROGRESS", "FAILED", "NEVER_EXECUTED", "UNKNOWN"]
STATUS_COLORS = {
    "ACTIVE": "green", "COMPLETED": "green", "CREATING": "blue", "MODIFYING": "blue", "SYNCING": "blue",
    "IN_PROGRESS": "blue", "DELETING": "purple", "FAILED": "red", "NEEDS_ATTENTION": "orange",
    "NEVER_EXECUTED": "text", "UNKNOWN": "yellow",
}


def kind_gate(kind):
    """`and on() <this>` keeps an expression only while `kind` is selected in the $kind variable and its
    service in the $service variable.

    The kind-specific metrics carry no kind label, so the selection is tested on a one-series vector with a kind
    and a service label: each inner label_replace drops its label when it matches ${kind:regex} (or
    ${service:regex}), and `unless` then keeps the outer series only when both matched.
    """
    one = 'label_replace(label_replace(vector(1), "kind", "%s", "", ""), "service", "%s", "", "")' % (kind, service_of(kind))
    return (' and on() (%s unless on(kind) label_replace(%s, "kind", "", "kind", "${kind:regex}")'
            ' unless on(service) label_replace(%s, "service", "", "service", "${service:regex}"))' % (one, one, one))


# For series that carry a kind label (the monitor's alert and transition counters): the same two selections.
# Inside selectors the variables are written $kind/$service (Grafana formats multi-values for Prometheus as a
# regex by default): a `}` of ${var:format} would end the selector for once_over_replicas.
KIND_MATCHERS = 'kind=~"$kind",kind=~"($service)_.+"'


def gated(expr, kind):
    return "(%s)%s" % (expr, kind_gate(kind))


def status_code(statuses):
    """A vector mapping each status label to a number, for state timelines."""
    return " or ".join('label_replace(vector(%d), "status", "%s", "", "")' % (i + 1, s)
                       for i, s in enumerate(statuses))


class Layout:
    def __init__(self):
        self.panels = []
        self.next_id = 1
        self.y = 0
        self.x = 0
        self.row_h = 0

    def row(self, title):
        self.newline()
        self.panels.append({"type": "row", "title": title, "id": self.next_id, "collapsed": False, "panels": [],
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}})
        self.next_id += 1
        self.y += 1

    def newline(self):
        self.y += self.row_h
        self.x = 0
        self.row_h = 0

    def add(self, panel, w, h):
        if self.x + w > 24:
            self.newline()
        panel["id"] = self.next_id
        panel["gridPos"] = {"h": h, "w": w, "x": self.x, "y": self.y}
        panel["datasource"] = DS
        for t in panel.get("targets", []):
            t["datasource"] = DS
        self.next_id += 1
        self.x += w
        self.row_h = max(self.row_h, h)
        self.panels.append(panel)


# Gauges every replica exports alike (the estate, read from the shared state in clustered mode): each is taken
# once over replicas, so one, two or three scraped replicas give the same answer. Counters are not: each replica
# counts the work it did (a poll, a delivery), so they are summed as they are.
# The event queue's depth (GetQueueAttributes) is the same queue seen from every replica: a replicated gauge too.
REPLICATED_GAUGES = re.compile(r"\b(aws_[a-z_]+|integration_monitor_(?:alerts_firing|poll_last_success_timestamp_seconds"
                               r"|poll_resources|notification_queue|event_queue_messages))(\{[^}]*\})?(?![\w{(])")


def once_over_replicas(expr):
    return REPLICATED_GAUGES.sub(lambda m: "max without (instance, pod) (%s)" % m.group(0), expr)


def target(expr, legend="__auto", ref="A", instant=False, fmt="time_series"):
    expr = once_over_replicas(expr)
    t = {"refId": ref, "expr": expr, "legendFormat": legend, "range": not instant, "instant": instant,
         "editorMode": "code"}
    if fmt != "time_series":
        t["format"] = fmt
    return t


def panel(ptype, title, targets, description="", unit=None, options=None, custom=None, overrides=None,
          mappings=None, thresholds=None, transformations=None):
    defaults = {}
    if unit:
        defaults["unit"] = unit
    if custom:
        defaults["custom"] = custom
    if mappings:
        defaults["mappings"] = mappings
    defaults["thresholds"] = thresholds or {"mode": "absolute", "steps": [{"color": "green", "value": None}]}
    p = {"type": ptype, "title": title, "description": description, "targets": targets,
         "fieldConfig": {"defaults": defaults, "overrides": overrides or []}, "options": options or {}}
    if transformations:
        p["transformations"] = transformations
    return p


def status_mappings(statuses):
    return [{"type": "value", "options": {str(i + 1): {"text": s, "color": STATUS_COLORS[s], "index": i}
                                          for i, s in enumerate(statuses)}}]


def color_by_status_overrides(statuses):
    return [{"matcher": {"id": "byName", "options": s},
             "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": STATUS_COLORS[s]}}]}
            for s in statuses]


def query_var(name, label, query):
    return {"name": name, "label": label, "type": "query", "datasource": DS,
            "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery", "qryType": 1},
            "definition": query, "refresh": 2, "multi": True, "includeAll": True, "allValue": ".*",
            "current": {"selected": True, "text": ["All"], "value": ["$__all"]}, "sort": 1, "hide": 0,
            "regex": "", "options": []}


def custom_var(name, label, values):
    return {"name": name, "label": label, "type": "custom", "query": ",".join(values), "multi": True, "includeAll": True,
            "allValue": ".*", "current": {"selected": True, "text": ["All"], "value": ["$__all"]}, "hide": 0,
            "options": [{"selected": False, "text": v, "value": v} for v in values]}


def service_var():
    return custom_var("service", "Service", SERVICES)


def datasource_var():
    return {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
            "refresh": 1, "hide": 0, "current": {}, "options": [], "regex": ""}


def dashboard(uid, title, description, panels, variables, tags, links=None):
    return {
        "uid": uid, "title": title, "description": description, "tags": tags,
        "schemaVersion": 39, "version": 1, "editable": True, "graphTooltip": 1,
        "time": {"from": "now-6h", "to": "now"}, "timezone": "browser", "refresh": "1m",
        "fiscalYearStartMonth": 0, "liveNow": False, "weekStart": "",
        "annotations": {"list": [{"builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"},
                                  "enable": True, "hide": True, "iconColor": "rgba(0, 211, 255, 1)",
                                  "name": "Annotations & Alerts", "type": "dashboard"}]},
        "links": links or [], "panels": panels, "templating": {"list": variables},
    }


# --- estate overview -------------------------------------------------------------------------------------

def integration_term(prefix, owner):
    """Unhealthy (or stuck) integrations of one listing with the value = status-since timestamp in ms. topk picks
    one status where two replicas disagree for a moment (group_left needs one)."""
    # *_stuck is the monitor's verdict from its stuck.* thresholds: no threshold is repeated here
    stuck = ('(%s_status{%s} == 1 and on (account_id, region, integration_arn) '
             '(%s_stuck{%s} == 1))') % (prefix, SEL, prefix, SEL)
    # owner listings name the integration; inbound listings only have its ARN, whose last part is shown
    name = '"integration_name", "(.*)"' if owner else '"integration_arn", ".*[:/](.*)"'
    return ('max by (kind, account_id, region, arn, name, status) (label_replace(label_replace('
            '1000 * %s_status_since_timestamp_seconds{%s} * on (account_id, region, integration_arn) group_left (status) topk by (account_id, region, integration_arn) (1, '
            '(%s_status{%s,status=~"FAILED|NEEDS_ATTENTION"} == 1 or %s)), '
            '"arn", "$1", "integration_arn", "(.*)"), "name", "$1", %s))') % (prefix, SEL, prefix, SEL, stuck, name)


def association_term():
    return ('max by (kind, account_id, region, arn, name, status) (label_replace(label_replace('
            '1000 * aws_appintegrations_association_status_since_timestamp_seconds{%s} * on (account_id, region, association_arn) group_left (status) topk by (account_id, region, association_arn) (1, '
            '(aws_appintegrations_association_last_execution_status{%s,status="FAILED"} == 1 or '
            '(aws_appintegrations_association_last_execution_status{%s} == 1 and on (account_id, region, association_arn) '
            '(aws_appintegrations_association_last_execution_stuck{%s} == 1)))), '
            '"arn", "$1", "association_arn", "(.*)"), "name", "$1", "association_arn", ".*/(.*)"))') % (SEL, SEL, SEL, SEL)


def with_kind(expr, kind):
    return 'label_replace(%s, "kind", "%s", "", "")' % (expr, kind)


def once_per_integration(term):
    """The union over the integration listings of term(prefix, owner) (each labelled with its kind and gated by
    $kind/$service), an inbound listing's rows only where no owner listing has a row for the same `arn`."""
    def union(owner):
        return " or ".join(gated(with_kind(term(prefix, o), kind), kind)
                           for kind, prefix, _, o in INTEGRATIONS if o == owner)
    return "%s or ((%s) unless on (arn) (%s))" % (union(True), union(False), union(True))


def errors_term(prefix, _owner):
    return 'max by (account_id, region, arn) (label_replace(%s_errors{%s}, "arn", "$1", "integration_arn", "(.*)"))' % (prefix, SEL)


CONSOLES = [
    ("Glue", "glue/home?region=${__data.fields.region}#/v2/etl-configuration/zero-etl-integrations"),
    ("RDS", "rds/home?region=${__data.fields.region}#zero-etl-integrations:"),
    ("Redshift", "redshiftv2/home?region=${__data.fields.region}#zero-etl-integrations"),
]


def unhealthy_table():
    since = "%s or %s" % (once_per_integration(integration_term),
                          gated(with_kind(association_term(), "appintegrations_association"), "appintegrations_association"))
    errors = once_per_integration(errors_term)
    overrides = [
        {"matcher": {"id": "byName", "options": "Since"},
         "properties": [{"id": "unit", "value": "dateTimeFromNow"}]},
        {"matcher": {"id": "byName", "options": "Status"},
         "properties": [{"id": "custom.cellOptions", "value": {"type": "color-text"}},
                        {"id": "mappings", "value": [{"type": "value", "options": {
                            s: {"color": STATUS_COLORS[s], "index": i}
                            for i, s in enumerate(["FAILED", "NEEDS_ATTENTION", "CREATING", "MODIFYING", "SYNCING", "DELETING", "IN_PROGRESS"])}}]}]},
        {"matcher": {"id": "byName", "options": "ARN"},
         "properties": [{"id": "links", "value": [
             {"title": "AWS console: %s zero-ETL integrations" % service, "targetBlank": True,
              "url": "https://${__data.fields.region}.console.aws.amazon.com/" + path}
             for service, path in CONSOLES] + [
             {"title": "integration-monitor status page", "url": "${monitor_url}", "targetBlank": True}]}]},
    ]
    transformations = [
        {"id": "joinByField", "options": {"byField": "arn", "mode": "outer"}},
        {"id": "organize", "options": {
            "excludeByName": {"Time": True, "Time 1": True, "Time 2": True, "account_id 2": True, "region 2": True,
                              "kind 2": True},
            "renameByName": {"kind 1": "Kind", "kind": "Kind", "name": "Name", "status": "Status",
                             "Value #A": "Since", "Value #B": "Errors", "arn": "ARN", "account_id 1": "Account",
                             "account_id": "Account", "region 1": "Region", "region": "Region"},
            "indexByName": {"kind 1": 0, "name": 1, "status": 2, "Value #A": 3, "Value #B": 4, "account_id 1": 5,
                            "region 1": 6, "arn": 7}}},
        {"id": "filterByValue", "options": {"type": "include", "match": "any", "filters": [
            {"fieldName": "Since", "config": {"id": "greater", "options": {"value": 0}}}]}},
    ]
    return panel("table", "Unhealthy resources",
                 [target(since, ref="A", instant=True, fmt="table"), target(errors, ref="B", instant=True, fmt="table")],
                 description="FAILED or NEEDS_ATTENTION zero-ETL integrations (Glue, RDS, Redshift), associations whose last "
                             "execution FAILED, and resources stuck in a transient status (past the monitor's stuck.* thresholds). "
                             "One row per integration: an inbound listing's row only when no owner listing (Glue, RDS or Redshift "
                             "DescribeIntegrations) shows the same ARN. 'Since' is when the current status was first seen; "
                             "'Errors' the number of entries in the integration's Errors.",
                 overrides=overrides, transformations=transformations,
                 options={"showHeader": True, "cellHeight": "sm", "footer": {"show": False},
                          "sortBy": [{"displayName": "Since", "desc": False}]})


# The freshness gauges (freshness:, issue #14) carry a kind label: the $kind/$service selection is a matcher, not a
# gate. They are the monitor's readings of the shared state, taken once over replicas like every aws_* gauge.
FRESH_SEL = "%s,%s" % (SEL, KIND_MATCHERS)
FRESH_LEGEND = "{{integration_name}} ({{integration_arn}})"


def freshness_row(lay):
    legend = {"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}
    lay.row("Freshness")
    for title, verdict, color, description in [
        ("Stale", "stale", "orange", "ACTIVE integrations whose last sync is older than the monitor's freshness.stale "
                                     "threshold (IntegrationStale)."),
        ("Lagging", "lagging", "orange", "Integrations whose Redshift IntegrationLag is above freshness.lag in N of "
                                         "the last M samples (IntegrationLagging)."),
        ("Tables failing", "tables_failing", "red", "Integrations with tables failing to replicate or ingest, from "
                                                    "CloudWatch (IntegrationTablesFailing)."),
    ]:
        expr = "count(aws_integration_freshness_%s{%s} == 1) or vector(0)" % (verdict, FRESH_SEL)
        lay.add(panel("stat", title, [target(expr, legend=verdict, instant=True)], description=description,
                      thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": color, "value": 1}]},
                      options={"colorMode": "background", "graphMode": "none", "reduceOptions": {"calcs": ["lastNotNull"]}}), 6, 5)
    lay.add(panel("stat", "Freshness watched", [
        target("count(aws_integration_freshness_stale{%s}) or vector(0)" % FRESH_SEL, legend="watched", instant=True)],
        description="ACTIVE integrations whose freshness the monitor reads from CloudWatch (none: freshness disabled, "
                    "or cloudwatch:GetMetricData not permitted).",
        options={"colorMode": "none", "graphMode": "none", "reduceOptions": {"calcs": ["lastNotNull"]}}), 6, 5)
    lay.add(panel("timeseries", "Time since last sync", [
        target("time() - aws_glue_integration_last_sync_timestamp_seconds{%s}" % FRESH_SEL, legend=FRESH_LEGEND)],
        description="Age of each Glue-measured integration's last sync (CloudWatch LastSyncTimestamp, as of the "
                    "monitor's last freshness poll); the monitor calls it stale past k x its refresh interval + grace.",
        unit="s", options=legend), 12, 8)
    lay.add(panel("timeseries", "Integration lag", [
        target("aws_redshift_integration_lag_seconds{%s}" % FRESH_SEL, legend=FRESH_LEGEND)],
        description="The newest IntegrationLag of each RDS- or Redshift-owned integration (AWS/Redshift), per "
                    "freshness poll.",
        unit="s", options=legend), 12, 8)
    lay.add(panel("timeseries", "Tables failing (CloudWatch)", [
        target("aws_redshift_integration_tables_failed{%s}" % FRESH_SEL, legend="tables failed: " + FRESH_LEGEND, ref="A"),
        target("aws_glue_integration_ingestion_failed{%s}" % FRESH_SEL, legend="failed ingestions: " + FRESH_LEGEND, ref="B")],
        description="IntegrationNumTablesFailedReplication (Redshift) and IngestionFailed within "
                    "freshness.tables_failing.window (Glue), where CloudWatch has datapoints.",
        custom={"drawStyle": "bars", "fillOpacity": 60}, options=legend), 12, 8)
    lay.add(panel("timeseries", "Stale, lagging and failing integrations", [
        target("count(aws_integration_freshness_%s{%s} == 1) or vector(0)" % (verdict, FRESH_SEL), legend=verdict, ref=ref)
        for ref, verdict in (("A", "stale"), ("B", "lagging"), ("C", "tables_failing"))],
        description="How many watched integrations the monitor judged stale, lagging or with failing tables, over time.",
        custom={"fillOpacity": 10}, options=legend), 12, 8)


def estate():
    lay = Layout()
    lay.row("Estate")
    # each integration once, however many listings show it (they share its integration_arn)
    unhealthy_integrations = 'count(count by (integration_arn) (%s)) or vector(0)' % " or ".join(
        gated('%s_status{%s,status=~"FAILED|NEEDS_ATTENTION"} == 1' % (prefix, SEL), kind)
        for kind, prefix, _, _ in INTEGRATIONS)
    unhealthy_associations = 'count(%s) or vector(0)' % gated(
        'aws_appintegrations_association_last_execution_status{%s,status="FAILED"} == 1' % SEL, "appintegrations_association")
    unhealthy_count = "(%s) + (%s)" % (unhealthy_integrations, unhealthy_associations)
    lay.add(panel("stat", "Unhealthy", [target(unhealthy_count, legend="unhealthy", instant=True)],
                  description="FAILED and NEEDS_ATTENTION integrations (each counted once, however many listings show it) "
                              "plus associations whose last execution FAILED.",
                  thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "red", "value": 1}]},
                  options={"colorMode": "background", "graphMode": "none", "reduceOptions": {"calcs": ["lastNotNull"]}}), 4, 6)
    firing = 'sum by (condition, kind) (integration_monitor_alerts_firing{%s})' % KIND_MATCHERS
    lay.add(panel("stat", "Monitor alerts firing", [target(firing, legend="{{condition}} {{kind}}", instant=True)],
                  description="Conditions the monitor's own alerting currently considers firing.",
                  thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "orange", "value": 1}]},
                  options={"colorMode": "value", "graphMode": "none", "reduceOptions": {"calcs": ["lastNotNull"]}}), 4, 6)
    for width, title, metric, kind, statuses in [
        (5, "Glue integrations by status", "aws_glue_integration_status", "glue_integration", GLUE_STATUSES),
        (5, "Glue inbound integrations by status", "aws_glue_inbound_integration_status", "glue_inbound_integration", GLUE_STATUSES),
        (6, "Association last executions by status", "aws_appintegrations_association_last_execution_status", "appintegrations_association", EXEC_STATUSES),
        (8, "RDS integrations by status", "aws_rds_integration_status", "rds_integration", GLUE_STATUSES),
        (8, "Redshift integrations by status", "aws_redshift_integration_status", "redshift_integration", GLUE_STATUSES),
        (8, "Redshift inbound integrations by status", "aws_redshift_inbound_integration_status", "redshift_inbound_integration", GLUE_STATUSES),
    ]:
        expr = gated("sum by (status) (%s{%s})" % (metric, SEL), kind)
        lay.add(panel("bargauge", title, [target(expr, legend="{{status}}", instant=True)],
                      description="How many %s resources are in each status (hidden when the kind or its service is not selected)." % kind,
                      overrides=color_by_status_overrides(statuses),
                      options={"orientation": "horizontal", "displayMode": "basic", "showUnfilled": True,
                               "reduceOptions": {"calcs": ["lastNotNull"]}, "valueMode": "color"}), width, 6)
    lay.newline()
    lay.add(unhealthy_table(), 24, 9)

    freshness_row(lay)

    lay.row("Zero-ETL integrations across listings")
    errors = " or ".join(gated(with_kind('max by (account_id, region, integration_arn) (%s_errors{%s})' % (prefix, SEL), kind), kind)
                         for kind, prefix, _, _ in INTEGRATIONS)
    lay.add(panel("timeseries", "Errors reported by AWS", [target(errors, legend="{{kind}} {{integration_arn}}")],
                  description="Entries in each integration's Errors, per listing (an integration seen in two listings has a "
                              "line in each, with the same integration_arn).",
                  unit="short", custom={"fillOpacity": 10},
                  options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    since = " or ".join(gated(with_kind('max by (account_id, region, integration_arn) (time() - %s_status_since_timestamp_seconds{%s})' % (prefix, SEL), kind), kind)
                        for kind, prefix, _, _ in INTEGRATIONS)
    lay.add(panel("timeseries", "Time in current status", [target(since, legend="{{kind}} {{integration_arn}}")],
                  description="How long each integration has been in its current status, per listing (the monitor's "
                              "stuck.* thresholds decide when a transient status counts as stuck).",
                  unit="s", options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    listings = " or ".join(gated(with_kind('max by (account_id, region, integration_arn, source_arn, target_arn) (%s_info{%s})' % (prefix, SEL), kind), kind)
                           for kind, prefix, _, _ in INTEGRATIONS)
    lay.add(panel("table", "Integrations and the listings that show them", [target(listings, instant=True, fmt="table")],
                  description="One row per integration and listing, sorted by ARN: the same integration_arn in an owner listing "
                              "(glue_integration, rds_integration, redshift_integration) and an inbound one "
                              "(glue_inbound_integration, redshift_inbound_integration) is one integration.",
                  transformations=[{"id": "organize", "options": {
                      "excludeByName": {"Time": True, "Value": True},
                      "renameByName": {"integration_arn": "ARN", "kind": "Listing", "account_id": "Account",
                                       "region": "Region", "source_arn": "Source", "target_arn": "Target"},
                      "indexByName": {"integration_arn": 0, "kind": 1, "account_id": 2, "region": 3, "source_arn": 4,
                                      "target_arn": 5}}}],
                  options={"showHeader": True, "cellHeight": "sm", "sortBy": [{"displayName": "ARN", "desc": False}]}), 24, 8)

    lay.row("Status timelines")
    for title, metric, ident, legend, kind, statuses in [
        ("Glue integrations", "aws_glue_integration_status", "integration_name", "{{integration_name}}", "glue_integration", GLUE_STATUSES),
        ("Glue inbound integrations", "aws_glue_inbound_integration_status", "integration_arn", "{{integration_arn}}", "glue_inbound_integration", GLUE_STATUSES),
        ("AppIntegrations associations (last execution)", "aws_appintegrations_association_last_execution_status", "association_arn", "{{association_arn}}", "appintegrations_association", EXEC_STATUSES),
        ("RDS integrations", "aws_rds_integration_status", "integration_name", "{{integration_name}}", "rds_integration", GLUE_STATUSES),
        ("Redshift integrations", "aws_redshift_integration_status", "integration_name", "{{integration_name}}", "redshift_integration", GLUE_STATUSES),
        ("Redshift inbound integrations", "aws_redshift_inbound_integration_status", "integration_arn", "{{integration_arn}}", "redshift_inbound_integration", GLUE_STATUSES),
    ]:
        # max, never sum: a sum of state-set codes over replicas would be another status
        expr = gated("max by (account_id, region, %s) ((%s{%s} == 1) * on (status) group_left () (%s))"
                     % (ident, metric, SEL, status_code(statuses)), kind)
        lay.add(panel("state-timeline", "Status timeline: " + title, [target(expr, legend=legend)],
                      description="Status of each resource over time.",
                      mappings=status_mappings(statuses), custom={"fillOpacity": 80, "lineWidth": 0},
                      options={"showValue": "never", "mergeValues": True, "alignValue": "left", "rowHeight": 0.8,
                               "legend": {"showLegend": False, "displayMode": "list", "placement": "bottom"}}), 24, 8)
    transitions = 'sum by (kind, from, to) (increase(integration_monitor_transitions_total{%s}[$__rate_interval]))' % KIND_MATCHERS
    lay.add(panel("timeseries", "Status transitions", [target(transitions, legend="{{kind}}: {{from}} → {{to}}")],
                  description="Status changes detected by the monitor (all accounts and regions: the counter has no account label).",
                  unit="short", custom={"drawStyle": "bars", "fillOpacity": 60, "stacking": {"mode": "normal", "group": "A"}},
                  options={"legend": {"showLegend": True, "displayMode": "table", "placement": "right", "calcs": ["sum"]},
                           "tooltip": {"mode": "multi", "sort": "desc"}}), 24, 8)

    lay.row("AppIntegrations association executions")
    by_status = gated('sum by (status) (aws_appintegrations_association_last_execution_status{%s})' % SEL, "appintegrations_association")
    lay.add(panel("timeseries", "Associations by last execution status", [target(by_status, legend="{{status}}")],
                  description="How many associations report each last-execution status.",
                  overrides=color_by_status_overrides(EXEC_STATUSES),
                  custom={"fillOpacity": 30, "stacking": {"mode": "normal", "group": "A"}},
                  options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    failures = 'sum by (from, to) (increase(integration_monitor_transitions_total{kind="appintegrations_association",to=~"FAILED|COMPLETED"}[$__rate_interval]))'
    lay.add(panel("timeseries", "Execution outcome changes", [target(gated(failures, "appintegrations_association"), legend="{{from}} → {{to}}")],
                  description="Associations whose last execution changed to FAILED or back to COMPLETED.",
                  custom={"drawStyle": "bars", "fillOpacity": 60},
                  options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    info = ('max by (account_id, region, association_arn, data_integration_arn, client_id, execution_mode, destination_uri) '
            '(aws_appintegrations_association_info{%s})') % SEL
    lay.add(panel("table", "Associations", [target(gated(info, "appintegrations_association"), instant=True, fmt="table")],
                  description="Every known data integration association and its configuration.",
                  transformations=[{"id": "organize", "options": {"excludeByName": {"Time": True, "Value": True}}}],
                  options={"showHeader": True, "cellHeight": "sm"}), 24, 8)

    variables = [
        datasource_var(),
        query_var("account_id", "Account", "label_values(integration_monitor_poll_resources, account_id)"),
        query_var("region", "Region", 'label_values(integration_monitor_poll_resources{account_id=~"$account_id"}, region)'),
        service_var(),
        custom_var("kind", "Kind", KINDS),
        {"name": "monitor_url", "label": "Status page URL", "type": "textbox", "query": "http://localhost:9108/",
         "current": {"text": "http://localhost:9108/", "value": "http://localhost:9108/"}, "hide": 0,
         "options": [{"selected": True, "text": "http://localhost:9108/", "value": "http://localhost:9108/"}]},
    ]
    return dashboard("integration-monitor-estate", "Integration monitor: estate",
                     "AWS zero-ETL integrations (Glue, RDS, Redshift) and AppIntegrations associations watched by "
                     "integration-monitor.",
                     lay.panels, variables, ["integration-monitor", "aws", "glue", "rds", "redshift"],
                     links=[{"title": "Monitor self-health", "type": "link", "url": "/d/integration-monitor-self",
                             "keepTime": True, "includeVars": True, "icon": "dashboard"}])


# --- monitor self-health ---------------------------------------------------------------------------------

# The AWS request counters' service label is the SDK's service id in lower case (glue, rds, redshift,
# appintegrations, sns, sts): SNS and STS calls show only while every service is.
AWS_SEL = 'service=~"$service"'

def self_health():
    lay = Layout()
    # sources are named <service>_... (glue_integrations, rds_integrations, redshift_inbound_integrations, ...)
    sel = '%s,source=~"$source",source=~"($service)_.+"' % SEL
    lay.row("Polling")
    lay.add(panel("stat", "Version", [target('max by (version) (integration_monitor_build_info)', legend="{{version}}", instant=True)],
                  options={"colorMode": "none", "graphMode": "none", "textMode": "name", "reduceOptions": {"calcs": ["lastNotNull"]}}), 4, 5)
    lay.add(panel("stat", "Oldest successful poll", [target('max(time() - integration_monitor_poll_last_success_timestamp_seconds{%s})' % sel, legend="age", instant=True)],
                  unit="s", description="Age of the least recent successful poll over the selected targets; alerts fire past 3 intervals.",
                  thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "orange", "value": 120}, {"color": "red", "value": 180}]},
                  options={"colorMode": "background", "graphMode": "none", "reduceOptions": {"calcs": ["lastNotNull"]}}), 4, 5)
    lay.add(panel("stat", "Poll errors (range)", [target('sum(increase(integration_monitor_poll_errors_total{%s}[$__range]))' % sel, legend="errors", instant=True)],
                  thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "orange", "value": 1}]},
                  options={"colorMode": "background", "graphMode": "none", "reduceOptions": {"calcs": ["lastNotNull"]}}), 4, 5)
    lay.add(panel("stat", "Resources watched", [target('sum by (source) (integration_monitor_poll_resources{%s})' % sel, legend="{{source}}", instant=True)],
                  options={"colorMode": "none", "graphMode": "area", "reduceOptions": {"calcs": ["lastNotNull"]}}), 12, 5)
    lay.add(panel("timeseries", "Poll duration (mean and max)", [
        target('sum by (source, account_id, region) (rate(integration_monitor_poll_duration_seconds_sum{%s}[$__rate_interval])) / '
               'sum by (source, account_id, region) (rate(integration_monitor_poll_duration_seconds_count{%s}[$__rate_interval]))' % (sel, sel),
               legend="mean {{source}} {{account_id}}/{{region}}", ref="A"),
        target('max by (source, account_id, region) (integration_monitor_poll_duration_seconds_max{%s})' % sel,
               legend="max {{source}} {{account_id}}/{{region}}", ref="B")],
        unit="s", options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    lay.add(panel("timeseries", "Time since last successful poll", [
        target('time() - integration_monitor_poll_last_success_timestamp_seconds{%s}' % sel, legend="{{source}} {{account_id}}/{{region}}")],
        unit="s", custom={"thresholdsStyle": {"mode": "line"}},
        thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "red", "value": 180}]},
        options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    # the schedule's series carry source only (no account or region)
    sched = 'source=~"$source",source=~"($service)_.+"'
    lay.add(panel("timeseries", "Polls started within 1 s of due", [
        target('sum by (instance) (rate(integration_monitor_poll_schedule_lag_seconds_bucket{le="1.0",%s}[$__rate_interval])) / '
               'sum by (instance) (rate(integration_monitor_poll_schedule_lag_seconds_count{%s}[$__rate_interval]))' % (sched, sched),
               legend="{{instance}}")],
        unit="percentunit", description="Share of scheduled polls that started within 1 s of their due time "
        "(integration_monitor_poll_schedule_lag_seconds); IntegrationMonitorPollsBehindSchedule fires below 90%.",
        options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    lay.add(panel("timeseries", "Poll interval and the shortest one the estate sustains", [
        target('max by (source) (integration_monitor_poll_interval_seconds{%s})' % sched, legend="interval {{source}}", ref="A"),
        target('max by (instance) (integration_monitor_poll_schedule_min_interval_seconds)',
               legend="sustainable {{instance}}", ref="B")],
        unit="s", description="When the sustainable interval (last poll durations over the poll threads) exceeds an "
        "interval, polls of that source start late.",
        options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    lay.add(panel("timeseries", "Poll errors by reason", [
        target('sum by (source, reason) (increase(integration_monitor_poll_errors_total{%s}[$__rate_interval]))' % sel, legend="{{source}}: {{reason}}")],
        custom={"drawStyle": "bars", "fillOpacity": 60, "stacking": {"mode": "normal", "group": "A"}},
        options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    lay.add(panel("timeseries", "Resources per poll", [
        target('integration_monitor_poll_resources{%s}' % sel, legend="{{source}} {{account_id}}/{{region}}")],
        options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)

    lay.row("AWS API")
    lay.add(panel("timeseries", "AWS requests by outcome", [
        target('sum by (service, operation, outcome) (rate(integration_monitor_aws_requests_total{%s}[$__rate_interval]))' % AWS_SEL,
               legend="{{service}} {{operation}} {{outcome}}")],
        unit="reqps", options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    lay.add(panel("timeseries", "Throttled share of AWS requests", [
        # "or 0 * all": operations never throttled show 0 %, not "No data".
        target('(sum by (service, operation) (rate(integration_monitor_aws_requests_total{outcome="throttled",%s}[$__rate_interval])) '
               'or 0 * sum by (service, operation) (rate(integration_monitor_aws_requests_total{%s}[$__rate_interval]))) / '
               'sum by (service, operation) (rate(integration_monitor_aws_requests_total{%s}[$__rate_interval]))' % (AWS_SEL, AWS_SEL, AWS_SEL),
               legend="{{service}} {{operation}}")],
        unit="percentunit", custom={"thresholdsStyle": {"mode": "line"}},
        thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "orange", "value": 0.2}]},
        options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)

    lay.row("Notifications")
    lay.add(panel("timeseries", "Notifications by receiver and outcome", [
        target('sum by (receiver, outcome) (increase(integration_monitor_notifications_total[$__rate_interval]))', legend="{{receiver}} {{outcome}}")],
        custom={"drawStyle": "bars", "fillOpacity": 60, "stacking": {"mode": "normal", "group": "A"}},
        options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 8, 8)
    lay.add(panel("timeseries", "Notification queue and dead letters", [
        target('sum by (receiver) (integration_monitor_notification_queue)', legend="queued {{receiver}}", ref="A"),
        target('sum by (receiver) (increase(integration_monitor_dead_letters_total[$__rate_interval]))', legend="dead letters {{receiver}}", ref="B")],
        options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 8, 8)
    lay.add(panel("timeseries", "Notification delivery time", [
        target('sum by (receiver) (rate(integration_monitor_notification_delivery_seconds_sum[$__rate_interval])) / '
               'sum by (receiver) (rate(integration_monitor_notification_delivery_seconds_count[$__rate_interval]))', legend="mean {{receiver}}", ref="A"),
        target('max by (receiver) (integration_monitor_notification_delivery_seconds_max)', legend="max {{receiver}}", ref="B")],
        unit="s", options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 8, 8)

    # The events: consumer (issue #13). Counters and readability are per replica (each receives its share);
    # without events: configured the row shows no data.
    lay.row("AWS events")
    legend = {"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}
    none_received = '0 * sum by (queue) (increase(integration_monitor_event_messages_received_total[$__rate_interval]))'
    lay.add(panel("stat", "Event queues unreadable", [
        target('count(min by (queue) (integration_monitor_event_queue_readable) == 0) or vector(0)', legend="unreadable", instant=True)],
        description="Queues that at least one replica cannot receive from (IntegrationMonitorEventQueueUnreadable after 5 m).",
        thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "red", "value": 1}]},
        options={"colorMode": "background", "graphMode": "none", "reduceOptions": {"calcs": ["lastNotNull"]}}), 4, 5)
    lay.add(panel("stat", "Tables failing ingestion", [
        target('sum(aws_glue_integration_tables_failing{%s}) or vector(0)' % SEL, legend="tables", instant=True)],
        description="Tables whose latest Glue zero-ETL ingestion event is a failure (ZeroEtlTableIngestionFailing).",
        thresholds={"mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "orange", "value": 1}]},
        options={"colorMode": "background", "graphMode": "none", "reduceOptions": {"calcs": ["lastNotNull"]}}), 4, 5)
    lay.add(panel("timeseries", "Event messages received and deleted", [
        target('sum by (queue) (increase(integration_monitor_event_messages_received_total[$__rate_interval]))', legend="received {{queue}}", ref="A"),
        target('sum by (queue) (increase(integration_monitor_event_messages_deleted_total[$__rate_interval]))', legend="deleted {{queue}}", ref="B")],
        description="Received but not deleted: parse failures (left to the dead-letter queue) or handler errors (retried after the visibility timeout).",
        options=legend), 8, 8)
    lay.add(panel("timeseries", "Parse failures, duplicates, ignored events", [
        # "or 0 * received": 0 rather than "No data" for a queue that had none (the counters appear on first use)
        target('sum by (queue, kind) (increase(integration_monitor_event_parse_failures_total[$__rate_interval])) or %s' % none_received,
               legend="parse failures {{queue}} {{kind}}", ref="A"),
        target('sum by (queue) (increase(integration_monitor_event_duplicates_total[$__rate_interval])) or %s' % none_received,
               legend="duplicates {{queue}}", ref="B"),
        target('sum by (queue, reason) (increase(integration_monitor_events_ignored_total[$__rate_interval])) or %s' % none_received,
               legend="ignored {{queue}} {{reason}}", ref="C")],
        custom={"drawStyle": "bars", "fillOpacity": 60, "stacking": {"mode": "normal", "group": "A"}}, options=legend), 8, 8)
    lay.add(panel("timeseries", "Event age at receipt (p99)", [
        target('histogram_quantile(0.99, sum by (queue, le) (rate(integration_monitor_event_age_seconds_bucket[$__rate_interval])))', legend="p99 {{queue}}")],
        description="From the event's time to its receipt by the monitor: EventBridge delivery plus the time it waited in the queue.",
        unit="s", options=legend), 8, 8)
    lay.add(panel("timeseries", "Event queue depth", [
        target('sum by (queue, state) (integration_monitor_event_queue_messages)', legend="{{state}} {{queue}}")],
        description="ApproximateNumberOfMessages (visible) and ApproximateNumberOfMessagesNotVisible (in_flight) of each queue.",
        options=legend), 8, 8)
    lay.add(panel("timeseries", "Tables failing per integration", [
        target('sum by (account_id, region, integration_arn) (aws_glue_integration_tables_failing{%s})' % SEL,
               legend="{{integration_arn}}")],
        custom={"drawStyle": "bars", "fillOpacity": 60}, options=legend), 8, 8)

    lay.row("JVM and process")
    lay.add(panel("timeseries", "JVM heap", [
        target('sum by (instance) (jvm_memory_used_bytes{area="heap"})', legend="used {{instance}}", ref="A"),
        target('sum by (instance) (jvm_memory_max_bytes{area="heap"})', legend="max {{instance}}", ref="B")],
        unit="bytes", options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)
    lay.add(panel("timeseries", "Process CPU", [target('process_cpu_usage', legend="{{instance}}")],
                  unit="percentunit", options={"legend": {"showLegend": True, "displayMode": "list", "placement": "bottom"}}), 12, 8)

    variables = [
        datasource_var(),
        query_var("account_id", "Account", "label_values(integration_monitor_poll_resources, account_id)"),
        query_var("region", "Region", 'label_values(integration_monitor_poll_resources{account_id=~"$account_id"}, region)'),
        service_var(),
        query_var("source", "Source", 'label_values(integration_monitor_poll_resources{account_id=~"$account_id",region=~"$region",'
                                      'source=~"($service)_.+"}, source)'),
    ]
    return dashboard("integration-monitor-self", "Integration monitor: self-health",
                     "Polling, AWS API, notification and JVM health of integration-monitor itself.",
                     lay.panels, variables, ["integration-monitor"],
                     links=[{"title": "Estate", "type": "link", "url": "/d/integration-monitor-estate",
                             "keepTime": True, "includeVars": True, "icon": "dashboard"}])


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    for name, dash in [("integration-monitor-estate.json", estate()), ("integration-monitor-self.json", self_health())]:
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            json.dump(dash, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
