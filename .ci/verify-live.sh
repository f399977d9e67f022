#!/usr/bin/env bash
# Live verification of the operator assets against the real thing, all on 127.0.0.1:
#   the demo (embedded AWS simulator + the monitor, pushing to Alertmanager)
#   -> a real Alertmanager (deploy/alertmanager/alertmanager.yml, webhooks pointed at a loopback receiver)
#   -> a real Prometheus (scraping the demo and a second demo replica every second, deploy/prometheus/rules/
#      loaded; a second Prometheus scrapes the first replica only, to compare the dashboards' answers)
#   -> headless Chromium on the status page.
# Every dashboard query and every rule expression is evaluated through Prometheus' HTTP API and must return
# data; the alert rules the story should trip go pending/firing, the self-health ones stay inactive; the
# monitor's alerts reach Alertmanager and end once resolved. Takes about 1.5 minutes.
#
#   ./mvnw -B -q -DskipTests package && bash .ci/verify-live.sh
#
# Needs target/integration-monitor.jar (.ci/run builds it). Installs prometheus, prometheus-alertmanager,
# chromium and python3-yaml from Debian when missing. Writes ci-artifacts/ (screenshot, logs, DOM, scrape).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$(date +%s)

. .ci/lib/checks.sh

# --- tools ------------------------------------------------------------------------------------------------
jar=target/integration-monitor.jar
[ -f "$jar" ] || { echo "FAIL $jar is missing: build it first (./mvnw -B -q -DskipTests package)"; exit 1; }
need_pkgs=()
command -v prometheus >/dev/null || need_pkgs+=(prometheus)
command -v prometheus-alertmanager >/dev/null || need_pkgs+=(prometheus-alertmanager)
command -v chromium >/dev/null || need_pkgs+=(chromium)
/usr/bin/python3 -c 'import yaml' 2>/dev/null || need_pkgs+=(python3-yaml)
command -v node >/dev/null || need_pkgs+=(nodejs)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "installing from Debian: ${need_pkgs[*]}"
  apt-get update -qq
  # No init system here: the packages' services are not started, we run the binaries ourselves.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
PY=/usr/bin/python3
CHECK="$PY .ci/live/live_check.py"
echo "tools: $(prometheus --version 2>&1 | head -1); $(prometheus-alertmanager --version 2>&1 | head -1);" \
  "$(chromium --version 2>/dev/null); node $(node --version)"

# --- processes, cleaned up on any exit ----------------------------------------------------------------------
work=$(mktemp -d)
artifacts=$root/ci-artifacts
mkdir -p "$artifacts"
pids=()
cleanup() {
  local pid
  for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${pids[@]+"${pids[@]}"}; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  cp "$work"/*.log "$artifacts/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() {  # wait_http URL SECONDS NAME
  local i
  for i in $(seq $(($2 * 5))); do
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "FAIL $3 did not answer $1 within $2 s"; tail -20 "$work/$3.log" 2>/dev/null || true
  exit 1
}
am_port=$(free_port); prom_port=$(free_port); demo_port=$(free_port); demo2_port=$(free_port); prom1_port=$(free_port)
am=http://127.0.0.1:$am_port prom=http://127.0.0.1:$prom_port monitor=http://127.0.0.1:$demo_port
prom1=http://127.0.0.1:$prom1_port  # a second Prometheus that scrapes the first replica only

# --- schemas: Kubernetes manifests and the compose file (npm packages, offline once installed) -------------
schemas() {
  if [ ! -d .ci/live/schemas/node_modules ]; then
    (cd .ci/live/schemas && timeout 300 npm ci --no-audit --no-fund --silent) || { echo "npm ci failed"; return 1; }
  fi
  local k=deploy/kubernetes files rc=0
  files=("$k"/base/{serviceaccount,deployment,pvc,service,servicemonitor,prometheusrule}.yaml
         "$k"/components/podmonitor/podmonitor.yaml "$k"/overlays/ha/pdb.yaml)
  if command -v kubectl >/dev/null; then  # not packaged by Debian; used when present
    local dir name
    for dir in "$k/base" "$k"/overlays/*/; do
      name=$(basename "$dir")
      kubectl kustomize "$dir" > "$work/rendered-$name.yaml" && files+=("$work/rendered-$name.yaml") || rc=1
    done
  else
    echo "(no kubectl: the kustomize output is not rendered, the source manifests are validated)"
  fi
  node .ci/live/schemas/validate.mjs k8s "${files[@]}" | sed "s|$work/||" || rc=1
  node .ci/live/schemas/validate.mjs compose deploy/compose/docker-compose.yaml || rc=1
  return $rc
}
step "schemas: Kubernetes manifests (kubernetes-models, prometheus-operator CRDs) and compose (compose-spec)" schemas

# --- static: the example Alertmanager config and its CI variant ----------------------------------------------
"$PY" .ci/live/webhook_sink.py "$work/webhook.jsonl" > "$work/sink.port" 2> "$work/webhook.log" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/sink.port" ] && break; sleep 0.1; done
sink=http://127.0.0.1:$(cat "$work/sink.port")/alertmanager
step "amtool check-config deploy/alertmanager/alertmanager.yml" amtool check-config deploy/alertmanager/alertmanager.yml
$CHECK ci-alertmanager deploy/alertmanager/alertmanager.yml "$work/alertmanager.yml" "$sink"
step "amtool check-config CI variant (webhooks -> $sink, group_wait 1s, group_interval 2s)" \
  amtool check-config "$work/alertmanager.yml"

# --- Alertmanager --------------------------------------------------------------------------------------------
prometheus-alertmanager --config.file="$work/alertmanager.yml" --storage.path="$work/am-data" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= --log.level=warn \
  > "$work/alertmanager.log" 2>&1 &
pids+=($!)
wait_http "$am/-/ready" 30 alertmanager
ok "Alertmanager $(prometheus-alertmanager --version 2>&1 | head -1 | awk '{print $3}') ready at $am"

# --- the demo, started the way the image's ENTRYPOINT starts the monitor -------------------------------------
dockerfile_json() {  # dockerfile_json INSTRUCTION: its exec-form JSON array, one element a line
  "$PY" - "$1" <<'PY'
import json, re, sys
text = open("deploy/Dockerfile", encoding="utf-8").read().replace("\\\n", " ")
m = re.search(r"^%s\b.*?(\[.*\])\s*$" % sys.argv[1], text, re.M)
print("\n".join(json.loads(m.group(1))))
PY
}
mapfile -t entrypoint < <(dockerfile_json ENTRYPOINT)
[ "${entrypoint[0]}" = java ] && [ "${entrypoint[-2]}" = -jar ] || { echo "FAIL unexpected ENTRYPOINT ${entrypoint[*]}"; exit 1; }
t_start=$(date +%s.%N)
"${entrypoint[@]:0:${#entrypoint[@]}-1}" "$jar" demo --port "$demo_port" --bind 127.0.0.1 --speed 2 --interval 2s \
  --alertmanager-url "$am" --duration 180 --data-dir "$work/demo-data" > "$work/demo.log" 2>&1 &
pids+=($!)
demo_pid=$!
# A second replica of the demo (HA: every replica exports the whole estate), scraped by the same Prometheus;
# it runs the same story on its own simulator and does not notify.
"${entrypoint[@]:0:${#entrypoint[@]}-1}" "$jar" demo --port "$demo2_port" --bind 127.0.0.1 --speed 2 --interval 2s \
  --duration 180 --data-dir "$work/demo2-data" > "$work/demo2.log" 2>&1 &
pids+=($!)
wait_http "$monitor/metrics" 60 demo
wait_http "http://127.0.0.1:$demo2_port/metrics" 60 demo2
ok "demo ready at $monitor (story at speed 2, polls every 2 s; JVM flags of the image's ENTRYPOINT: ${entrypoint[*]:1:${#entrypoint[@]}-3})"
image_healthcheck() {  # the image's HEALTHCHECK command, its class compiled as the build stage does, on the demo
  local cmd
  mapfile -t cmd < <(dockerfile_json HEALTHCHECK)
  javac --release 17 -d "$work/healthcheck" deploy/docker/HealthCheck.java
  cmd=("${cmd[@]/\/opt\/integration-monitor\/healthcheck/$work/healthcheck}")
  # no URL in it: the probe reads the port from the main process's command line (here the demo's --port)
  cmd=("${cmd[0]}" "-Dhealthcheck.cmdline=/proc/$demo_pid/cmdline" "${cmd[@]:1}")
  echo "${cmd[*]}" | sed "s|$work/||"
  "${cmd[@]}"
}
step "Dockerfile HEALTHCHECK command against the running monitor" image_healthcheck

# --- Prometheus ----------------------------------------------------------------------------------------------
$CHECK ci-rules deploy/prometheus/rules/integration-monitor.rules.yml "$work/ci-copy.rules.yml"
cat > "$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
$(for f in "$root"/deploy/prometheus/rules/*.yml; do echo "  - $f"; done)
  - $work/ci-copy.rules.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ["127.0.0.1:$am_port"]
scrape_configs:
  - job_name: integration-monitor
    static_configs:
      - targets: ["127.0.0.1:$demo_port", "127.0.0.1:$demo2_port"]
EOF
cat > "$work/prometheus-one.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: integration-monitor
    static_configs:
      - targets: ["127.0.0.1:$demo_port"]
EOF
step "promtool check config (generated live config with the repo's rules)" promtool check config "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom-data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn > "$work/prometheus.log" 2>&1 &
pids+=($!)
prometheus --config.file="$work/prometheus-one.yml" --storage.tsdb.path="$work/prom1-data" \
  --web.listen-address="127.0.0.1:$prom1_port" --log.level=warn > "$work/prometheus-one.log" 2>&1 &
pids+=($!)
wait_http "$prom/-/ready" 30 prometheus
wait_http "$prom1/-/ready" 30 prometheus-one
ok "Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') ready at $prom (scrape and evaluation every 1 s)"

# --- while the story's failures are live -----------------------------------------------------------------------
step "monitor reports the story's failures" $CHECK wait-broken "$monitor" "$work/state.json" "$t_start"
[ -f "$work/state.json" ] || { echo "FAIL the demo never showed its failures; see ci-artifacts/demo.log"; exit 1; }

curl -fsS --max-time 10 "$monitor/metrics" > "$artifacts/metrics.txt"
lint_metrics() {  # no findings at all: every finding fails
  local out rc=0
  out=$(promtool check metrics < "$artifacts/metrics.txt" 2>&1) || rc=1
  [ -z "$out" ] || { echo "$out"; rc=1; }
  echo "$(grep -vc '^#' "$artifacts/metrics.txt") samples linted"
  return $rc
}
step "promtool check metrics on a live /metrics scrape" lint_metrics

chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
        --disable-component-update --disable-sync --disable-dev-shm-usage)
browser_dom() {
  timeout 60 "${chrome[@]}" --user-data-dir="$(mktemp -d -p "$work")" --dump-dom "$monitor/" \
    > "$artifacts/status-page.dom.html" 2>> "$work/chromium.log"
  $CHECK dom "$artifacts/status-page.dom.html" "$work/state.json"
}
step "Chromium: status page lists the unhealthy resources first" browser_dom
browser_screenshot() {
  rm -f "$artifacts/status-page.png"
  timeout 60 "${chrome[@]}" --user-data-dir="$(mktemp -d -p "$work")" --hide-scrollbars --window-size=1280,1600 \
    --screenshot="$artifacts/status-page.png" "$monitor/" >> "$work/chromium.log" 2>&1
  [ -s "$artifacts/status-page.png" ] && echo "saved ci-artifacts/status-page.png ($(wc -c < "$artifacts/status-page.png") bytes)"
}
step "Chromium: screenshot of the status page" browser_screenshot
browser_console() {
  local profile port rc=0 chrome_pid
  profile=$(mktemp -d -p "$work")
  "${chrome[@]}" --user-data-dir="$profile" --remote-debugging-address=127.0.0.1 --remote-debugging-port=0 \
    about:blank >> "$work/chromium.log" 2>&1 &
  chrome_pid=$!
  pids+=("$chrome_pid")
  for _ in $(seq 100); do [ -s "$profile/DevToolsActivePort" ] && break; sleep 0.1; done
  port=$(head -1 "$profile/DevToolsActivePort")
  node --experimental-websocket --no-warnings .ci/live/console_errors.mjs "$port" "$monitor/" || rc=$?
  kill "$chrome_pid" 2>/dev/null || true
  return $rc
}
step "Chromium: no console errors or failed loads on the status page (DevTools protocol)" browser_console
step "Alertmanager received the monitor's alerts for the failing resources" $CHECK am-firing "$am" "$work/state.json"

# --- after the story: recoveries, the stuck integration ------------------------------------------------------
step "monitor reports the recoveries and the integration stuck SYNCING" \
  $CHECK wait-settled "$monitor" "$work/state.json"
stuck_in_prometheus() {  # the monitor said stuck; Prometheus sees it a scrape and an evaluation later
  local i
  for i in $(seq 40); do
    curl -fsS --max-time 2 "$prom/api/v1/query" --data-urlencode \
      'query=count(count by (ci_copy) (ALERTS{alertname="ZeroEtlIntegrationStuck",alertstate="firing"})) == 2' \
      | grep -q '"result":\[{' && { sleep 2; return 0; }  # both rules; then the ranges' 1 s grid has it too
    sleep 0.5
  done
  echo "ZeroEtlIntegrationStuck (real rule and CI copy) is not firing 20 s after the monitor reported the stuck integration"
  return 1
}
step "Prometheus: ZeroEtlIntegrationStuck fires from the monitor's stuck gauge" stuck_in_prometheus
"$PY" dashboards/tools/exprs.py > "$work/exprs.jsonl"
step "Prometheus: the dashboard queries answer the same with two demo replicas scraped as with one" \
  $CHECK replicas "$prom" "$prom1" "$work/exprs.jsonl"
step "Prometheus: every dashboard query and rule expression returns data; alert states as the story dictates" \
  $CHECK prom "$prom" "$work/state.json" "$work/exprs.jsonl" deploy/prometheus/rules/*.yml "$work/ci-copy.rules.yml"
step "Alertmanager: resolved alerts ended, stuck alerts active, webhook notifications delivered" \
  $CHECK am-settled "$am" "$work/state.json" "$work/webhook.jsonl"

# --- no errors in the logs of the real processes ------------------------------------------------------------
logs_clean() {
  local bad
  bad=$(grep -hE '\b(ERROR|level=error)\b|Exception' "$work/demo.log" "$work/demo2.log" "$work/prometheus.log" \
    "$work/prometheus-one.log" "$work/alertmanager.log" || true)
  [ -z "$bad" ] || { echo "$bad" | head -20; return 1; }
}
step "no errors or exceptions in the demo, Prometheus and Alertmanager logs" logs_clean

echo "live: $(( $(date +%s) - started )) s; artifacts in ci-artifacts/ (status-page.png, *.log, metrics.txt)"
echo "live: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
