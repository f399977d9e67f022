#!/usr/bin/env bash
# Verifies the operator assets (dashboards/, deploy/) with the real tools where this machine has them:
# promtool (rules, rule unit tests, dashboard PromQL), amtool (Alertmanager config and routing), kubectl
# kustomize (if installed), javac/java (the image's health check), python3 + PyYAML (structure), python3-jsonschema
# + the CloudFormation resource specification from npm (the EventBridge/SQS template).
# Installs what it needs from Debian, once. No Docker engine runs here: the Dockerfile and the compose file
# are checked statically (.ci/verify-image.sh builds and runs the image).
#   bash .ci/verify-assets.sh
set -euo pipefail
cd "$(dirname "$0")/.."

. .ci/lib/checks.sh
CHECK_OUTPUT=on_failure

# --- tools ------------------------------------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi
need_pkgs=()
command -v promtool >/dev/null || need_pkgs+=(prometheus)
command -v amtool >/dev/null || need_pkgs+=(prometheus-alertmanager)
command -v javac >/dev/null || need_pkgs+=(default-jdk-headless)
/usr/bin/python3 -c 'import yaml' 2>/dev/null || need_pkgs+=(python3 python3-yaml)
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || need_pkgs+=(python3-jsonschema)
command -v npm >/dev/null || need_pkgs+=(npm)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "installing from Debian: ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  # The prometheus package would try to start its service; there is no init system to start it here.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
PY=/usr/bin/python3
echo "tools: $(promtool --version 2>&1 | head -1); $(amtool --version 2>&1 | head -1)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- Prometheus rules and config -------------------------------------------------------------------------
step "promtool check rules" promtool check rules deploy/prometheus/rules/*.yml
step "promtool test rules (alert rules)" promtool test rules deploy/prometheus/tests/*.yml
step "promtool check config (example prometheus.yml)" promtool check config --syntax-only deploy/prometheus/prometheus.yml

# --- Alertmanager ------------------------------------------------------------------------------------------
step "amtool check-config" amtool check-config deploy/alertmanager/alertmanager.yml
amroute() {  # amroute EXPECTED LABELS...: the receiver the route tree picks
  local got
  got=$(amtool config routes test --config.file=deploy/alertmanager/alertmanager.yml "${@:2}")
  [ "$got" = "$1" ] || { echo "labels ${*:2}: routed to '$got', expected '$1'"; return 1; }
}
step "amtool routes: critical -> ops-webhook" amroute ops-webhook alertname=ZeroEtlIntegrationFailed severity=critical
step "amtool routes: warning -> ops-webhook" amroute ops-webhook alertname=ZeroEtlIntegrationStuck severity=warning
step "amtool routes: info -> blackhole" amroute blackhole alertname=IntegrationMonitorAwsThrottled severity=info
step "amtool routes: an RDS integration's critical alert -> ops-webhook" amroute ops-webhook alertname=ZeroEtlIntegrationFailed severity=critical service=rds kind=rds_integration

# --- Grafana dashboards ------------------------------------------------------------------------------------
step "dashboards: JSON, datasource refs, metric names, generated" "$PY" dashboards/tools/check.py
dashboard_exprs_parse() {  # every dashboard expression, as a recording rule, through Prometheus' parser
  "$PY" dashboards/tools/exprs.py > "$work/exprs.jsonl"
  "$PY" - "$work/exprs.jsonl" "$work/dashboard-exprs.yml" <<'PY'
import json, sys, yaml
rules = [{"record": "dashboard:expr_%d" % i, "expr": json.loads(line)["expr"]}
         for i, line in enumerate(open(sys.argv[1]))]
yaml.safe_dump({"groups": [{"name": "dashboard-expressions", "rules": rules}]}, open(sys.argv[2], "w"), width=1 << 20)
PY
  promtool check rules "$work/dashboard-exprs.yml"
}
step "dashboards: every PromQL expression parses (promtool)" dashboard_exprs_parse
dashboard_queries_evaluate() {
  "$PY" dashboards/tools/query_test.py "$work/dashboard-queries.test.yml"
  promtool test rules "$work/dashboard-queries.test.yml" dashboards/tests/*.yml
}
step "dashboards: key queries and the \$kind/\$service filters evaluate as expected (promtool)" dashboard_queries_evaluate

# --- the build ---------------------------------------------------------------------------------------------
rebuild_is_clean() {  # a package without clean must not re-shade the shaded jar (it used to warn ~800 times)
  # Not -q: the shade plugin's overlap report is at WARNING level, which -q hides.
  ./mvnw -B -o package -DskipTests > "$work/package-1.log" 2>&1 || { tail -20 "$work/package-1.log"; return 1; }
  ./mvnw -B -o package -DskipTests > "$work/package-2.log" 2>&1 || { tail -20 "$work/package-2.log"; return 1; }
  local overlaps
  overlaps=$(cat "$work/package-1.log" "$work/package-2.log" | grep -ci 'overlapping' || true)
  [ "$overlaps" -eq 0 ] || { grep -i -m 5 'overlapping' "$work/package-2.log" "$work/package-1.log"; \
    echo "$overlaps overlapping-resource warnings from the shade plugin"; return 1; }
  java -jar target/integration-monitor.jar --version >/dev/null || { echo "the rebuilt jar does not start"; return 1; }
}
step "package twice without clean: no shade overlap warnings, the jar starts" rebuild_is_clean

# --- Kubernetes, IAM, Dockerfile, compose ----------------------------------------------------------------
rendered=()
if command -v kubectl >/dev/null; then
  for dir in deploy/kubernetes/base deploy/kubernetes/overlays/*/; do
    name=$(basename "$dir")
    step "kubectl kustomize $dir" kubectl kustomize "$dir" -o "$work/rendered-$name.yaml"
    [ -f "$work/rendered-$name.yaml" ] && rendered+=("$work/rendered-$name.yaml")
  done
else
  echo "skip kubectl kustomize: no kubectl (Debian has no kustomize/kubectl/kubeconform package); structural checks only"
fi
step "deploy: YAML, kustomize structure, manifests, PrometheusRule, IAM, Dockerfile, compose" \
  "$PY" deploy/tools/check_deploy.py --rendered ${rendered[@]+"${rendered[@]}"}
step "PrometheusRule generated from the rules file" "$PY" deploy/tools/sync-prometheusrule.py --check

# --- CloudFormation: deploy/events (EventBridge rules, SQS queue + DLQ, consumer policy) ------------------------
# The CloudFormation resource specification as the pinned npm package @aws-cdk/cfnspec ships it
# (spec/specification.json, resource specification 117.0.0), checked against the registry's sha512 integrity.
CFNSPEC_VERSION=2.72.1
CFNSPEC_INTEGRITY=sha512-qF6zQXXJPpRwI3uS5+whGtJdQFwxH7gSwW6Xa8xdXWWEUazDEgKOLt9isw8As8vH8bCRAxukOkogGq1+xMG30w==
cfn_spec() {  # prints the path of the specification, fetching it once into the user's cache
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/integration-monitor/cfnspec-$CFNSPEC_VERSION" tarball got
  if [ ! -s "$cache/specification.json" ]; then
    rm -rf "$cache" && mkdir -p "$cache/pack"
    (cd "$cache/pack" && npm pack --silent "@aws-cdk/cfnspec@$CFNSPEC_VERSION" >/dev/null) || return 1
    tarball=$(ls "$cache"/pack/*.tgz)
    got="sha512-$("$PY" -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$tarball")"
    [ "$got" = "$CFNSPEC_INTEGRITY" ] || { echo "cfnspec tarball integrity $got, expected $CFNSPEC_INTEGRITY" >&2; return 1; }
    tar -xzf "$tarball" -O package/spec/specification.json > "$cache/specification.json.part"
    mv "$cache/specification.json.part" "$cache/specification.json" && rm -rf "$cache/pack"
  fi
  echo "$cache/specification.json"
}
cfn_templates=(deploy/events/*.yaml)
if spec=$(cfn_spec); then
  step "cloudformation: ${cfn_templates[*]} valid against the resource specification (jsonschema)" \
    "$PY" deploy/tools/check_cfn.py --spec "$spec" "${cfn_templates[@]}"
  cfn_rejects() {  # cfn_rejects EXPECTED_MESSAGE PYTHON_MUTATION: a mutated copy of the template must fail
    "$PY" - "$2" deploy/events/eventbridge-sqs.yaml "$work/mutated.json" <<'PY'
import json, sys, yaml
t = yaml.safe_load(open(sys.argv[2]))
r = t["Resources"]
exec(sys.argv[1])
json.dump(t, open(sys.argv[3], "w"))
PY
    local out
    if out=$("$PY" deploy/tools/check_cfn.py --spec "$spec" "$work/mutated.json" 2>&1); then
      echo "accepted: $2"; return 1
    fi
    grep -qF -- "$1" <<<"$out" || { echo "rejected, but not with '$1':"; echo "$out"; return 1; }
  }
  step "cloudformation: an unknown property is rejected" cfn_rejects "'VisibilityTimout' was unexpected" \
    'r["EventQueue"]["Properties"]["VisibilityTimout"] = 60'
  step "cloudformation: an unknown property of a nested type is rejected" cfn_rejects "'QueueArn' was unexpected" \
    'r["GlueZeroEtlRule"]["Properties"]["Targets"][0]["QueueArn"] = "x"'
  step "cloudformation: a missing required property is rejected" cfn_rejects "'Queues' is a required property" \
    'del r["EventQueuePolicy"]["Properties"]["Queues"]'
  step "cloudformation: a missing required property of a nested type is rejected" cfn_rejects "'Id' is a required property" \
    'del r["RedshiftIntegrationRule"]["Properties"]["Targets"][0]["Id"]'
  step "cloudformation: a wrong type is rejected" cfn_rejects "'sixty' does not match" \
    'r["EventQueue"]["Properties"]["VisibilityTimeout"] = "sixty"'
  step "cloudformation: a list where a string belongs is rejected" cfn_rejects "is not of type 'string'" \
    'r["GlueZeroEtlRule"]["Properties"]["Description"] = ["a", "b"]'
  step "cloudformation: an unknown resource type is rejected" cfn_rejects "unknown resource type AWS::SQS::Queues" \
    'r["DeadLetterQueue"]["Type"] = "AWS::SQS::Queues"'
  step "cloudformation: an attribute the type lacks is rejected" cfn_rejects "has no attribute 'Url'" \
    't["Outputs"]["QueueUrl"]["Value"] = {"Fn::GetAtt": ["EventQueue", "Url"]}'
  step "cloudformation: a Ref to nothing is rejected" cfn_rejects "Ref to unknown 'QueueNam'" \
    'r["EventQueue"]["Properties"]["QueueName"] = {"Ref": "QueueNam"}'
  step "cloudformation: a parameter default outside its range is rejected" cfn_rejects "outside 30..43200" \
    't["Parameters"]["VisibilityTimeoutSeconds"]["Default"] = 20'
else
  fail "cloudformation: resource specification @aws-cdk/cfnspec@$CFNSPEC_VERSION not fetched (npm pack)"
fi
step "cloudformation: the events stack is what the monitor's consumer relies on" "$PY" deploy/tools/check_events_stack.py
events_stack_rejects() {  # events_stack_rejects EXPECTED_MESSAGE PYTHON_MUTATION
  "$PY" - "$2" deploy/events/eventbridge-sqs.yaml "$work/mutated-stack.yaml" <<'PY'
import sys, yaml
t = yaml.safe_load(open(sys.argv[2]))
r = t["Resources"]
exec(sys.argv[1])
yaml.safe_dump(t, open(sys.argv[3], "w"))
PY
  local out
  if out=$("$PY" deploy/tools/check_events_stack.py "$work/mutated-stack.yaml" 2>&1); then echo "accepted: $2"; return 1; fi
  grep -qF -- "$1" <<<"$out" || { echo "rejected, but not with '$1':"; echo "$out"; return 1; }
}
step "events stack: a consume policy on every queue is rejected" events_stack_rejects "expected the event queue's ARN only" \
  'r["MonitorConsumePolicy"]["Properties"]["PolicyDocument"]["Statement"][0]["Resource"] = "*"'
step "events stack: a queue policy without the rule condition is rejected" events_stack_rejects "expected exactly the rules" \
  'del r["EventQueuePolicy"]["Properties"]["PolicyDocument"]["Statement"][0]["Condition"]'
step "events stack: a Redshift rule that misses the fixtures is rejected" events_stack_rejects "matched by none" \
  'r["RedshiftIntegrationRule"]["Properties"]["EventPattern"]["detail-type"] = [{"prefix": "Redshift Integration Event"}]'
step "events stack: an unencrypted queue is rejected" events_stack_rejects "not encrypted at rest" \
  'del r["DeadLetterQueue"]["Properties"]["SqsManagedSseEnabled"]'
step "events stack: an unwatched dead-letter queue is rejected" events_stack_rejects "no CloudWatch alarm" \
  'del r["DeadLetterQueueAlarm"]'

healthcheck_probe() {  # the image's HEALTHCHECK class against a real HTTP server: 200 -> 0, 503 -> 1, closed -> 1;
  # with no URL it finds the configured port (MONITOR_HTTP_PORT, the --config file of the main process)
  javac --release 17 -d "$work/hc" deploy/docker/HealthCheck.java
  "$PY" - > "$work/port" 2>/dev/null <<'PY' &
import http.server, socketserver
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/healthz" else 503); self.end_headers()
    def log_message(self, *a): pass
s = socketserver.TCPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
  local server=$! rc=0 port
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(cat "$work/port")
  java -cp "$work/hc" HealthCheck "http://127.0.0.1:$port/healthz" || { echo "healthy server reported unhealthy"; rc=1; }
  # as the image runs it: no URL, the port from the environment or the main process's --config file
  MONITOR_HTTP_PORT=$port java -cp "$work/hc" HealthCheck || { echo "MONITOR_HTTP_PORT not probed"; rc=1; }
  printf 'http:\n  port: %s\n' "$port" > "$work/hc-config.yaml"
  printf 'java\0-jar\0im.jar\0run\0--config\0%s\0' "$work/hc-config.yaml" > "$work/hc-cmdline"
  java -Dhealthcheck.cmdline="$work/hc-cmdline" -cp "$work/hc" HealthCheck || { echo "http.port of --config not probed"; rc=1; }
  if java -cp "$work/hc" HealthCheck "http://127.0.0.1:$port/broken" 2>/dev/null; then echo "503 reported healthy"; rc=1; fi
  kill "$server"; wait "$server" 2>/dev/null || true
  if java -cp "$work/hc" HealthCheck "http://127.0.0.1:$port/healthz" 2>/dev/null; then echo "closed port reported healthy"; rc=1; fi
  return $rc
}
step "Dockerfile HEALTHCHECK probe against a real HTTP server" healthcheck_probe
if command -v hadolint >/dev/null; then
  step "hadolint deploy/Dockerfile" hadolint deploy/Dockerfile
else
  echo "skip hadolint: not installed (not packaged by Debian); Dockerfile checked statically here, built and run by .ci/verify-image.sh"
fi

echo "assets: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
