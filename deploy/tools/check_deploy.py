#!/usr/bin/env python3
"""Static checks of deploy/ (needs PyYAML); exits 1 on any problem. Each check prints one line.

    python3 deploy/tools/check_deploy.py [--rendered base.yaml overlay.yaml ...]

--rendered: output of `kubectl kustomize`, checked like the source manifests.
"""
import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEPLOY = os.path.join(ROOT, "deploy")
problems = []


def problem(msg):
    problems.append(msg)


def rel(path):
    return os.path.relpath(path, ROOT)


def load_all(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def check_yaml_parses():
    files = sorted(glob.glob(os.path.join(DEPLOY, "**", "*.y*ml"), recursive=True)
                   + glob.glob(os.path.join(ROOT, "dashboards", "**", "*.y*ml"), recursive=True))
    for path in files:
        try:
            load_all(path)
        except yaml.YAMLError as e:
            problem("%s: invalid YAML: %s" % (rel(path), e))
    return "YAML: %d files parse" % len(files)


def check_resource(doc, where):
    if not isinstance(doc, dict):
        problem("%s: not a mapping" % where)
        return
    for key in ("apiVersion", "kind"):
        if not doc.get(key):
            problem("%s: no %s" % (where, key))
    if not (doc.get("metadata") or {}).get("name"):
        problem("%s: %s without metadata.name" % (where, doc.get("kind")))


def check_kustomizations():
    count = 0
    for kfile in sorted(glob.glob(os.path.join(DEPLOY, "kubernetes", "**", "kustomization.yaml"), recursive=True)):
        kdir = os.path.dirname(kfile)
        k = load_all(kfile)[0]
        listed = list(k.get("resources", [])) + list(k.get("components", []))
        for gen in k.get("configMapGenerator", []) + k.get("secretGenerator", []):
            listed += [f.split("=", 1)[-1] for f in gen.get("files", [])]
        for entry in listed:
            target = os.path.normpath(os.path.join(kdir, entry))
            if not os.path.exists(target):
                problem("%s lists missing %s" % (rel(kfile), entry))
            elif os.path.isdir(target) and not os.path.exists(os.path.join(target, "kustomization.yaml")):
                problem("%s: %s is a directory without kustomization.yaml" % (rel(kfile), entry))
        for entry in k.get("resources", []):
            target = os.path.join(kdir, entry)
            if os.path.isfile(target):
                for i, doc in enumerate(load_all(target)):
                    check_resource(doc, "%s[%d]" % (rel(target), i))
                    count += 1
    return "kustomize sources: %d resources have apiVersion/kind/metadata.name, every listed file exists" % count


def find(docs, kind):
    return [d for d in docs if isinstance(d, dict) and d.get("kind") == kind]


DATA_DIR = "/var/lib/integration-monitor/data"


def monitor_config(docs, label):
    """The monitor's config.yaml from the ConfigMap (None when the documents have no ConfigMap)."""
    maps = [cm for cm in find(docs, "ConfigMap") if "config.yaml" in (cm.get("data") or {})]
    if len(maps) > 1:
        problem("%s: %d ConfigMaps with a config.yaml" % (label, len(maps)))
    return yaml.safe_load(maps[0]["data"]["config.yaml"]) if maps else None


def check_single_instance(docs, deployment, data_volume, label):
    """Embedded database: one pod at a time on a persistent data volume, so a restart keeps what was known."""
    spec = deployment["spec"]
    if spec.get("replicas", 1) != 1:
        problem("%s: single-instance mode with %s replicas (the embedded database is one process's)"
                % (label, spec.get("replicas")))
    if (spec.get("strategy") or {}).get("type") != "Recreate":
        problem("%s: single instance without strategy Recreate: two pods would open the database at once" % label)
    claim = ((data_volume or {}).get("persistentVolumeClaim") or {}).get("claimName")
    if not claim:
        problem("%s: the data directory is not on a PersistentVolumeClaim (a restart would re-alert everything)"
                % label)
        return
    pvcs = [p for p in find(docs, "PersistentVolumeClaim") if p["metadata"]["name"] == claim]
    if not pvcs:
        problem("%s: the data volume claims %s, which is not defined" % (label, claim))
        return
    pvc = pvcs[0]["spec"]
    if not ((pvc.get("resources") or {}).get("requests") or {}).get("storage"):
        problem("%s: PersistentVolumeClaim %s has no storage request" % (label, claim))
    if "storageClassName" in pvc:
        problem("%s: PersistentVolumeClaim %s forces a storage class" % (label, claim))
    if pvc.get("accessModes") != ["ReadWriteOnce"]:
        problem("%s: PersistentVolumeClaim %s is not ReadWriteOnce" % (label, claim))


def selects(selector, pod_labels):
    match = (selector or {}).get("matchLabels") or {}
    return bool(match) and all(pod_labels.get(k) == v for k, v in match.items())


DB_KEYS = ("jdbc_url", "username", "password")


def check_clustered(docs, deployment, config, mounts, volumes, label):
    """PostgreSQL: two replicas that survive a voluntary disruption and a lost node, credentials from a Secret."""
    spec = deployment["spec"]
    pod = spec["template"]["spec"]
    pod_labels = spec["template"]["metadata"]["labels"]
    if spec.get("replicas") != 2:
        problem("%s: clustered with %s replicas, expected 2" % (label, spec.get("replicas")))
    if (spec.get("strategy") or {}).get("type") == "Recreate":
        problem("%s: clustered with strategy Recreate: an update would stop every replica at once" % label)
    pdbs = [p for p in find(docs, "PodDisruptionBudget") if selects(p["spec"].get("selector"), pod_labels)]
    if len(pdbs) != 1:
        problem("%s: expected one PodDisruptionBudget selecting the monitor's pods, found %d" % (label, len(pdbs)))
    elif pdbs[0]["spec"].get("minAvailable") != 1 or "maxUnavailable" in pdbs[0]["spec"]:
        problem("%s: the PodDisruptionBudget is not minAvailable: 1" % label)
    terms = (((pod.get("affinity") or {}).get("podAntiAffinity") or {})
             .get("preferredDuringSchedulingIgnoredDuringExecution") or [])
    if not any(t.get("podAffinityTerm", {}).get("topologyKey") == "kubernetes.io/hostname"
               and selects(t["podAffinityTerm"].get("labelSelector"), pod_labels) for t in terms):
        problem("%s: no preferred pod anti-affinity by kubernetes.io/hostname on the monitor's pods" % label)
    # Each database key is ${VAR} in the config, and VAR comes from a Secret, so no credential is committed.
    cluster = config["cluster"]
    env = {e["name"]: e for e in deployment["spec"]["template"]["spec"]["containers"][0].get("env", [])}
    for key in DB_KEYS:
        ref = re.fullmatch(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", str(cluster.get(key, "")))
        if not ref:
            problem("%s: cluster.%s is not a ${VARIABLE} reference" % (label, key))
        elif "secretKeyRef" not in (env.get(ref.group(1), {}).get("valueFrom") or {}):
            problem("%s: cluster.%s comes from ${%s}, which is not taken from a Secret" % (label, key, ref.group(1)))
    if find(docs, "Secret"):
        problem("%s: a Secret is part of the manifests (credentials must not be committed)" % label)
    # State is in PostgreSQL: no volume for it, so nothing suggests the pod's disk matters.
    if find(docs, "PersistentVolumeClaim"):
        problem("%s: clustered, yet a PersistentVolumeClaim is defined" % label)
    if DATA_DIR in mounts or "data_dir" in (config.get("state") or {}):
        problem("%s: clustered, yet a data directory is configured or mounted" % label)
    for name, volume in volumes.items():
        if "persistentVolumeClaim" in volume:
            problem("%s: clustered, yet volume %s is a PersistentVolumeClaim" % (label, name))


def check_ha_overlay_config():
    """overlays/ha/config.yaml is the base's config.yaml without state.data_dir, plus the cluster section."""
    base = load_all(os.path.join(DEPLOY, "kubernetes", "base", "config.yaml"))[0]
    ha = load_all(os.path.join(DEPLOY, "kubernetes", "overlays", "ha", "config.yaml"))[0]
    base.get("state", {}).pop("data_dir", None)
    if not base.get("state"):
        base.pop("state", None)
    cluster = ha.pop("cluster", None) or {}
    if ha != base:
        problem("kubernetes/overlays/ha/config.yaml differs from base/config.yaml beyond cluster and state.data_dir")
    if cluster.get("enabled") is not True:
        problem("kubernetes/overlays/ha/config.yaml: cluster.enabled is not true")
    return "overlays/ha config.yaml: the base's config plus cluster (enabled, connection from the environment)"


def check_manifests(docs, label):
    """Properties the deployment must keep, on source or rendered manifests."""
    config = monitor_config(docs, label)
    clustered = bool(((config or {}).get("cluster") or {}).get("enabled"))
    for i, d in enumerate(docs):
        check_resource(d, "%s[%d]" % (label, i))
    deployments = find(docs, "Deployment")
    if len(deployments) != 1:
        problem("%s: expected one Deployment, found %d" % (label, len(deployments)))
        return
    pod = deployments[0]["spec"]["template"]["spec"]
    c = pod["containers"][0]
    if pod.get("securityContext", {}).get("runAsNonRoot") is not True:
        problem("%s: pod not runAsNonRoot" % label)
    if c.get("securityContext", {}).get("readOnlyRootFilesystem") is not True:
        problem("%s: root filesystem not read-only" % label)
    if c.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/healthz":
        problem("%s: liveness probe is not /healthz" % label)
    if c.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/readyz":
        problem("%s: readiness probe is not /readyz" % label)
    if not c.get("resources", {}).get("requests") or not c.get("resources", {}).get("limits"):
        problem("%s: container lacks resource requests/limits" % label)
    mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for path in ("/tmp", "/etc/integration-monitor") + ((DATA_DIR,) if not clustered else ()):
        if path not in mounts:
            problem("%s: nothing mounted at %s" % (label, path))
        elif mounts[path] not in volumes:
            problem("%s: mount %s uses undefined volume %s" % (label, path, mounts[path]))
    if clustered:
        check_clustered(docs, deployments[0], config, mounts, volumes, label)
    else:
        check_single_instance(docs, deployments[0], volumes.get(mounts.get(DATA_DIR)), label)
    env = {e["name"]: e for e in c.get("env", [])}
    if "secretKeyRef" not in env.get("SLACK_WEBHOOK_URL", {}).get("valueFrom", {}):
        problem("%s: SLACK_WEBHOOK_URL does not come from a Secret" % label)
    if any(e.get("value", "").startswith("https://hooks.") for e in env.values()):
        problem("%s: a webhook URL is written in the manifest" % label)
    if "-XX:+ExitOnOutOfMemoryError" not in env.get("JAVA_TOOL_OPTIONS", {}).get("value", ""):
        problem("%s: JAVA_TOOL_OPTIONS lacks -XX:+ExitOnOutOfMemoryError" % label)
    sa = find(docs, "ServiceAccount")
    if not sa or "eks.amazonaws.com/role-arn" not in (sa[0]["metadata"].get("annotations") or {}):
        problem("%s: ServiceAccount without the IRSA annotation" % label)
    if pod.get("serviceAccountName") != (sa[0]["metadata"]["name"] if sa else None):
        problem("%s: Deployment does not use the ServiceAccount" % label)
    for kind in ("Service", "PrometheusRule"):
        if not find(docs, kind):
            problem("%s: no %s" % (label, kind))
    monitors = find(docs, "ServiceMonitor") + find(docs, "PodMonitor")
    if len(monitors) != 1:
        problem("%s: expected exactly one ServiceMonitor or PodMonitor, found %d" % (label, len(monitors)))
    for m in monitors:
        if not m["apiVersion"].startswith("monitoring.coreos.com/"):
            problem("%s: %s has apiVersion %s" % (label, m["kind"], m["apiVersion"]))
    policies = find(docs, "NetworkPolicy")
    if len(policies) != 1:
        problem("%s: expected one NetworkPolicy for the HTTP port, found %d" % (label, len(policies)))
    for p in policies:
        spec = p["spec"]
        pod_labels = deployments[0]["spec"]["template"]["metadata"]["labels"]
        selected = spec.get("podSelector", {}).get("matchLabels", {})
        if not selected or any(pod_labels.get(k) != v for k, v in selected.items()):
            problem("%s: the NetworkPolicy does not select the monitor's pods" % label)
        if "Ingress" not in spec.get("policyTypes", []):
            problem("%s: the NetworkPolicy does not restrict ingress" % label)
        rules = spec.get("ingress", [])
        if not rules or any(not r.get("from") for r in rules):
            problem("%s: a NetworkPolicy ingress rule admits every source" % label)
        for r in rules:
            for source in r["from"]:
                names = source.get("podSelector", {}).get("matchLabels", {}).get("app.kubernetes.io/name")
                if names == "integration-monitor":
                    problem("%s: the NetworkPolicy admits only the monitor itself (a rewritten selector)" % label)
    for cm in find(docs, "ConfigMap"):
        config = yaml.safe_load(cm["data"]["config.yaml"])
        if "${SLACK_WEBHOOK_URL}" not in json.dumps(config):
            problem("%s: config does not take the webhook from ${SLACK_WEBHOOK_URL}" % label)
    return "%s (%s): Deployment/Service/ServiceAccount/NetworkPolicy/monitor/PrometheusRule properties hold" % (
        label, "clustered: replicas, PDB, anti-affinity, database Secret" if clustered
        else "single instance: Recreate, data on a PVC")


def check_prometheusrule():
    rules = load_all(os.path.join(DEPLOY, "prometheus", "rules", "integration-monitor.rules.yml"))[0]
    wrapped = load_all(os.path.join(DEPLOY, "kubernetes", "base", "prometheusrule.yaml"))[0]
    if wrapped.get("spec") != rules:
        problem("kubernetes/base/prometheusrule.yaml differs from the rules file: run deploy/tools/sync-prometheusrule.py")
    names = [r.get("alert") for g in rules["groups"] for r in g["rules"]]
    for g in rules["groups"]:
        for r in g["rules"]:
            if not r.get("labels", {}).get("severity"):
                problem("rule %s has no severity label" % r.get("alert"))
            if not r.get("annotations", {}).get("summary") or not r.get("annotations", {}).get("description"):
                problem("rule %s lacks summary/description" % r.get("alert"))
    tested = set()
    for path in glob.glob(os.path.join(DEPLOY, "prometheus", "tests", "*.yml")):
        for t in load_all(path)[0]["tests"]:
            for case in t.get("alert_rule_test", []):
                if case.get("exp_alerts"):
                    tested.add(case["alertname"] + ":fires")
                else:
                    tested.add(case["alertname"] + ":silent")
    for n in names:
        for mode in ("fires", "silent"):
            if n + ":" + mode not in tested:
                problem("rule %s has no promtool test where it %s" % (n, "fires" if mode == "fires" else "does not fire"))
    return "PrometheusRule wraps the %d rules; every rule has labels, annotations and firing/not-firing tests" % len(names)


# The list/describe calls of the six sources: Glue, RDS and Redshift zero-ETL integrations, AppIntegrations; and
# the freshness polls' CloudWatch reads (issue #14: GetMetricData supports no resource-level permission, only "*").
READ_ACTIONS = {"glue:DescribeIntegrations", "glue:DescribeInboundIntegrations",
                "rds:DescribeIntegrations", "redshift:DescribeIntegrations", "redshift:DescribeInboundIntegrations",
                "app-integrations:ListDataIntegrations", "app-integrations:ListDataIntegrationAssociations",
                "cloudwatch:GetMetricData"}
# The `events:` consumer (optional statement): receive, delete, extend the visibility of, count its queue's messages.
EVENT_QUEUE_ACTIONS = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                       "sqs:GetQueueAttributes"}
ALLOWED_ACTIONS = READ_ACTIONS | EVENT_QUEUE_ACTIONS | {"sns:Publish", "sts:AssumeRole",
                                                        "sts:AssumeRoleWithWebIdentity"}


def check_iam():
    files = sorted(glob.glob(os.path.join(DEPLOY, "iam", "*.json")))
    for path in files:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            policy = json.load(f)
        if policy.get("Version") != "2012-10-17":
            problem("%s: Version is not 2012-10-17" % name)
        actions = set()
        for s in policy.get("Statement", []):
            if s.get("Effect") != "Allow" or "Action" not in s:
                problem("%s: statement %s is not an Allow with Action" % (name, s.get("Sid")))
                continue
            acts = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
            actions.update(acts)
            for a in acts:
                if a not in ALLOWED_ACTIONS:
                    problem("%s: action %s is more than the monitor needs" % (name, a))
            if "Principal" not in s:
                resources = s.get("Resource")
                resources = resources if isinstance(resources, list) else [resources]
                if set(acts) & ({"sns:Publish", "sts:AssumeRole"} | EVENT_QUEUE_ACTIONS) and "*" in resources:
                    problem("%s: %s must name the configured ARNs, not *" % (name, s.get("Sid")))
        if "trust" in name:
            for s in policy["Statement"]:
                if "Principal" not in s:
                    problem("%s: trust statement without Principal" % name)
            if "cross-account" in name and "sts:ExternalId" not in json.dumps(policy):
                problem("%s: cross-account trust does not require an external id" % name)
        elif name == "monitor-policy.json" and not READ_ACTIONS | {"sns:Publish", "sts:AssumeRole"} <= actions:
            problem("%s: misses some of %s" % (name, sorted(READ_ACTIONS | {"sns:Publish", "sts:AssumeRole"})))
        elif name != "monitor-policy.json" and actions & EVENT_QUEUE_ACTIONS:
            problem("%s: only the monitor's own role consumes the event queue" % name)
        if name == "cross-account-read-policy.json" and actions != READ_ACTIONS:
            problem("%s: must grant exactly the read actions, has %s" % (name, sorted(actions)))
    return "IAM: %d policies valid, least privilege, external id required cross-account" % len(files)


def check_dockerfile():
    path = os.path.join(DEPLOY, "Dockerfile")
    text = open(path, encoding="utf-8").read()
    lines = re.sub(r"\\\n", " ", text).splitlines()
    stages = []
    for line in lines:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        op = parts[0].upper()
        if op == "FROM":
            stages.append(parts[-1] if len(parts) >= 4 and parts[-2].upper() == "AS" else parts[1])
        if op == "COPY" and not any(p.startswith("--from=") for p in parts):
            for src in [p for p in parts[1:-1] if not p.startswith("--")]:
                if not glob.glob(os.path.join(ROOT, src)):
                    problem("Dockerfile: COPY source %s does not exist (build context is the repository root)" % src)
        if op == "COPY":
            for p in parts:
                if p.startswith("--from=") and p.split("=", 1)[1] not in stages:
                    problem("Dockerfile: COPY %s names an unknown stage" % p)
    # The bases are build arguments (.ci/verify-image.sh builds on local ones); the defaults stay the public images.
    for arg, default, use in (("BUILD_IMAGE", "maven:3.9-eclipse-temurin-17", "FROM ${BUILD_IMAGE} AS build"),
                              ("RUNTIME_IMAGE", "eclipse-temurin:17-jre", "FROM ${RUNTIME_IMAGE}")):
        if "ARG %s=%s\n" % (arg, default) not in text or use not in text:
            problem("Dockerfile: expected ARG %s=%s and %s" % (arg, default, use))
    if len(stages) < 2:
        problem("Dockerfile: expected a build stage and a runtime stage")
    for needed in ("HEALTHCHECK", "EXPOSE 9108", "VOLUME", "USER monitor", "-XX:+ExitOnOutOfMemoryError"):
        if needed not in text:
            problem("Dockerfile: no %s" % needed)
    # The probe finds the configured port itself (HealthCheck.java); a port in the HEALTHCHECK would be wrong
    # as soon as http.port or demo --port says otherwise.
    healthcheck = next((line for line in lines if line.startswith("HEALTHCHECK")), "")
    if "HealthCheck" not in healthcheck:
        problem("Dockerfile: the HEALTHCHECK does not run deploy/docker/HealthCheck")
    elif re.search(r":\d+|/healthz", healthcheck):
        problem("Dockerfile: the HEALTHCHECK hard-codes a port or URL; HealthCheck takes the configured port")
    probe = open(os.path.join(DEPLOY, "docker", "HealthCheck.java"), encoding="utf-8").read()
    if "/healthz" not in probe or "MONITOR_HTTP_PORT" not in probe:
        problem("deploy/docker/HealthCheck.java: does not probe /healthz on the configured port")
    ignore = open(os.path.join(DEPLOY, "Dockerfile.dockerignore"), encoding="utf-8").read()
    for src in ("mvnw", "pom.xml", ".mvn/", "src/", "deploy/docker/HealthCheck.java"):
        if "!" + src not in ignore:
            problem("Dockerfile.dockerignore excludes %s, which the build copies" % src)
    return "Dockerfile: %d stages, COPY sources exist, non-root, HEALTHCHECK, volumes, EXPOSE 9108" % len(stages)


def check_compose():
    cdir = os.path.join(DEPLOY, "compose")
    compose = load_all(os.path.join(cdir, "docker-compose.yaml"))[0]
    services = compose.get("services", {})
    for name in ("integration-monitor", "prometheus", "alertmanager", "grafana"):
        if name not in services:
            problem("compose: no service %s" % name)
    monitor_env = services.get("integration-monitor", {}).get("environment") or {}
    if "-XX:+ExitOnOutOfMemoryError" not in str(monitor_env.get("JAVA_TOOL_OPTIONS", "")):
        problem("compose: the monitor's JAVA_TOOL_OPTIONS lacks -XX:+ExitOnOutOfMemoryError")
    command = services.get("integration-monitor", {}).get("command") or []
    if command[:1] != ["demo"]:
        problem("compose: the monitor does not run in demo mode")
    # The demo's HTTP server binds 127.0.0.1 by default: unreachable from Prometheus and the published port.
    bind = command[command.index("--bind") + 1] if "--bind" in command[:-1] else None
    if bind != "0.0.0.0":
        problem("compose: the demo must be started with --bind 0.0.0.0")
    build = services.get("integration-monitor", {}).get("build", {})
    if not os.path.exists(os.path.join(cdir, build.get("context", "."), build.get("dockerfile", "Dockerfile"))):
        problem("compose: build Dockerfile not found")
    mounts = 0
    for name, svc in services.items():
        for v in svc.get("volumes", []):
            src = v.split(":", 1)[0]
            if src.startswith("."):
                mounts += 1
                if not os.path.exists(os.path.join(cdir, src)):
                    problem("compose: %s mounts missing %s" % (name, src))
        for dep in svc.get("depends_on", []):
            if dep not in services:
                problem("compose: %s depends on unknown %s" % (name, dep))
    return ("compose: 4 services, %d bind mounts exist, build context found (not started: its images come from"
            " Docker Hub)" % mounts)


def main():
    rendered = sys.argv[sys.argv.index("--rendered") + 1:] if "--rendered" in sys.argv else []
    results = [check_yaml_parses(), check_kustomizations(), check_prometheusrule(), check_iam(),
               check_dockerfile(), check_compose(), check_ha_overlay_config()]
    base = os.path.join(DEPLOY, "kubernetes", "base")
    source_docs = []
    for f in ("serviceaccount.yaml", "deployment.yaml", "pvc.yaml", "service.yaml", "networkpolicy.yaml",
              "servicemonitor.yaml", "prometheusrule.yaml"):
        source_docs += load_all(os.path.join(base, f))
    source_docs.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "integration-monitor-config"},
                        "data": {"config.yaml": open(os.path.join(base, "config.yaml"), encoding="utf-8").read()}})
    results.append(check_manifests(source_docs, "kubernetes/base sources"))
    for path in rendered:
        results.append(check_manifests(load_all(path), "rendered " + os.path.basename(path)))
    for r in results:
        if r:
            print("  " + r)
    for p in problems:
        print("deploy check: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
