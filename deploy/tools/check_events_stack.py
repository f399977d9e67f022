#!/usr/bin/env python3
"""Checks that deploy/events/eventbridge-sqs.yaml builds what the monitor's `events:` consumer relies on; exits 1
on any problem. Each check prints one line.

    python3 deploy/tools/check_events_stack.py [TEMPLATE]

check_cfn.py says the template is valid CloudFormation; this says it is the right one: the rules match every
event fixture the monitor's parser is tested with (an EventBridge pattern matcher for the operators used here),
with the sources and detail-type prefix of the Java code; the queue is encrypted, long-polled, redriven to a
dead-letter queue (watched by a CloudWatch alarm), with a visibility timeout above a targeted poll; only this stack's rules may send to it; the
monitor's policy grants exactly the four consumer actions on that queue alone, the same four as
deploy/iam/monitor-policy.json; the outputs the README tells operators to read exist.
"""
import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TEMPLATE = os.path.join(ROOT, "deploy", "events", "eventbridge-sqs.yaml")
EVENTS_JAVA = os.path.join(ROOT, "src", "main", "java", "io", "integrationmonitor", "events")
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "events")
CONSUMER_ACTIONS = {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"}
MIN_VISIBILITY_TIMEOUT = 60  # a targeted poll with the SDK's retries, before the event is deleted
REQUIRED_OUTPUTS = {"QueueUrl", "QueueArn", "DeadLetterQueueArn"}

problems = []


def problem(msg):
    problems.append(msg)


def of_type(resources, type_name):
    return {name: r for name, r in resources.items() if r["Type"] == type_name}


def java_constant(file_name, constant):
    with open(os.path.join(EVENTS_JAVA, file_name), encoding="utf-8") as f:
        m = re.search(r'\b%s\s*=\s*"([^"]*)"' % constant, f.read())
    if not m:
        raise SystemExit("%s: constant %s not found (renamed? update %s)" % (file_name, constant, __file__))
    return m.group(1)


def matches(pattern, event):
    """EventBridge matching for exact values and {"prefix": ...}; every pattern key must match (AND)."""
    for key, wanted in pattern.items():
        value = event.get(key)
        if isinstance(wanted, dict):
            if not isinstance(value, dict) or not matches(wanted, value):
                return False
            continue
        values = value if isinstance(value, list) else [value]
        if not any(matches_value(w, v) for w in wanted for v in values):
            return False
    return True


def matches_value(wanted, value):
    if isinstance(wanted, dict):
        if set(wanted) != {"prefix"}:
            raise SystemExit("pattern operator %s not supported by this check: extend matches_value" % wanted)
        return isinstance(value, str) and value.startswith(wanted["prefix"])
    return wanted == value


def parameter_default(template, value):
    if isinstance(value, dict) and set(value) == {"Ref"}:
        return template.get("Parameters", {}).get(value["Ref"], {}).get("Default")
    return value


def is_getatt(value, resource, attribute="Arn"):
    return value == {"Fn::GetAtt": [resource, attribute]}


def check_rules(template):
    resources = template["Resources"]
    rules = of_type(resources, "AWS::Events::Rule")
    queues = of_type(resources, "AWS::SQS::Queue")
    glue_source = java_constant("EventParser.java", "GLUE_SOURCE")
    redshift_source = java_constant("EventParser.java", "REDSHIFT_SOURCE")
    redshift_prefix = java_constant("IntegrationEvents.java", "REDSHIFT_INTEGRATION_PREFIX")
    patterns = {}
    for name, rule in rules.items():
        props = rule["Properties"]
        if props.get("EventBusName", "default") != "default":
            problem("%s: not on the default bus (AWS services send there)" % name)
        for target in props.get("Targets", []):
            if not any(is_getatt(target.get("Arn"), q) for q in queues):
                problem("%s: target %s is not a queue of this stack" % (name, target.get("Id")))
            if "RoleArn" in target:
                problem("%s: an SQS target takes no RoleArn (the queue policy grants EventBridge)" % name)
        if not props.get("Targets"):
            problem("%s: no target" % name)
        patterns[name] = props["EventPattern"]
    sources = sorted(s for p in patterns.values() for s in p.get("source", []))
    if sources != sorted([glue_source, redshift_source]):
        problem("rule sources %s, expected %s and %s (EventParser)" % (sources, glue_source, redshift_source))
    for name, pattern in patterns.items():
        if pattern.get("source") == [redshift_source] and pattern.get("detail-type") != [{"prefix": redshift_prefix}]:
            problem("%s: detail-type %s, expected the prefix %r the monitor classifies (IntegrationEvents)"
                    % (name, pattern.get("detail-type"), redshift_prefix))
        if pattern.get("source") == [glue_source] and set(pattern) != {"source"}:
            problem("%s: match the Glue source alone (the documented detail types disagree with each other)" % name)
    fixtures = sorted(glob.glob(os.path.join(FIXTURES, "*.json")))
    for path in fixtures:
        with open(path, encoding="utf-8") as f:
            event = json.load(f)
        matched = [name for name, pattern in patterns.items() if matches(pattern, event)]
        if len(matched) != 1:
            problem("fixture %s matched by %s, expected exactly one rule" % (os.path.basename(path), matched or "none"))
    noise = {"source": redshift_source, "detail-type": "Redshift Cluster State Change", "detail": {}}
    if any(matches(p, noise) for p in patterns.values()):
        problem("a rule matches a Redshift cluster event: only integration events should reach the queue")
    return "rules: %d on the default bus, sources %s, each of %d fixtures matched by one rule" % (
        len(rules), ", ".join(sources), len(fixtures))


def check_queue(template):
    resources = template["Resources"]
    queues = of_type(resources, "AWS::SQS::Queue")
    redriven = {n: q for n, q in queues.items() if "RedrivePolicy" in q["Properties"]}
    if len(redriven) != 1:
        problem("expected one queue with a RedrivePolicy (the event queue), found %s" % sorted(redriven))
        return "queue: not checked"
    (name, queue), = redriven.items()
    props = queue["Properties"]
    for n, q in queues.items():
        p = q["Properties"]
        if p.get("SqsManagedSseEnabled") is not True and "KmsMasterKeyId" not in p:
            problem("%s: not encrypted at rest (SqsManagedSseEnabled: true)" % n)
    redrive = props["RedrivePolicy"]
    dlq = next((n for n in queues if is_getatt(redrive.get("deadLetterTargetArn"), n)), None)
    if dlq is None or dlq == name:
        problem("%s: RedrivePolicy.deadLetterTargetArn is not another queue of this stack" % name)
    receives = parameter_default(template, redrive.get("maxReceiveCount"))
    if not isinstance(receives, int) or not 1 <= receives <= 1000:
        problem("%s: maxReceiveCount %r, expected 1..1000" % (name, receives))
    visibility = parameter_default(template, props.get("VisibilityTimeout"))
    if not isinstance(visibility, int) or visibility < MIN_VISIBILITY_TIMEOUT:
        problem("%s: VisibilityTimeout %r, expected >= %d s" % (name, visibility, MIN_VISIBILITY_TIMEOUT))
    wait = parameter_default(template, props.get("ReceiveMessageWaitTimeSeconds"))
    if wait != 20:
        problem("%s: ReceiveMessageWaitTimeSeconds %r, expected 20 (long polling)" % (name, wait))
    retention = parameter_default(template, props.get("MessageRetentionPeriod"))
    dlq_retention = parameter_default(template, queues.get(dlq, {}).get("Properties", {}).get("MessageRetentionPeriod"))
    if isinstance(retention, int) and isinstance(dlq_retention, int) and dlq_retention < retention:
        problem("%s keeps events %d s, less than %s (%d s): redriven events would expire early"
                % (dlq, dlq_retention, name, retention))
    alarms = [a for a in of_type(resources, "AWS::CloudWatch::Alarm").values()
              if {"Name": "QueueName", "Value": {"Fn::GetAtt": [dlq, "QueueName"]}} in a["Properties"].get("Dimensions", [])
              and a["Properties"].get("MetricName") == "ApproximateNumberOfMessagesVisible"]
    if not alarms:
        problem("%s: no CloudWatch alarm on its visible messages (the monitor does not read it)" % dlq)
    return "queue %s: encrypted, long polling, visibility %s s, redrive to %s (alarmed) after %s receives" % (
        name, visibility, dlq, receives)


def statements(document):
    s = document.get("Statement", [])
    return s if isinstance(s, list) else [s]


def as_list(value):
    return value if isinstance(value, list) else [value]


def check_queue_policy(template):
    resources = template["Resources"]
    rules = sorted(of_type(resources, "AWS::Events::Rule"))
    policies = of_type(resources, "AWS::SQS::QueuePolicy")
    if len(policies) != 1:
        problem("expected one AWS::SQS::QueuePolicy, found %d" % len(policies))
        return "queue policy: not checked"
    (name, policy), = policies.items()
    for st in statements(policy["Properties"]["PolicyDocument"]):
        if st.get("Effect") != "Allow":
            continue
        if st.get("Principal") != {"Service": "events.amazonaws.com"} or as_list(st.get("Action")) != ["sqs:SendMessage"]:
            problem("%s: statement %s grants more than sqs:SendMessage to events.amazonaws.com" % (name, st.get("Sid")))
        arns = as_list((st.get("Condition") or {}).get("ArnEquals", {}).get("aws:SourceArn", []))
        sources = sorted(a["Fn::GetAtt"][0] for a in arns if isinstance(a, dict) and "Fn::GetAtt" in a)
        if sources != rules or len(arns) != len(rules):
            problem("%s: aws:SourceArn %s, expected exactly the rules %s" % (name, arns, rules))
    return "queue policy %s: events.amazonaws.com may send, only from %s" % (name, ", ".join(rules))


def check_consume_policy(template):
    resources = template["Resources"]
    queues = of_type(resources, "AWS::SQS::Queue")
    event_queue = next(n for n, q in queues.items() if "RedrivePolicy" in q["Properties"])
    policies = of_type(resources, "AWS::IAM::ManagedPolicy")
    if len(policies) != 1:
        problem("expected one AWS::IAM::ManagedPolicy, found %d" % len(policies))
        return "consume policy: not checked"
    (name, policy), = policies.items()
    actions = set()
    for st in statements(policy["Properties"]["PolicyDocument"]):
        if st.get("Effect") != "Allow" or set(st) - {"Sid", "Effect", "Action", "Resource"}:
            problem("%s: statement %s is not a plain Allow" % (name, st.get("Sid")))
        actions |= set(as_list(st.get("Action")))
        if as_list(st.get("Resource")) != [{"Fn::GetAtt": [event_queue, "Arn"]}]:
            problem("%s: Resource %s, expected the event queue's ARN only" % (name, st.get("Resource")))
    if actions != CONSUMER_ACTIONS:
        problem("%s: actions %s, expected %s" % (name, sorted(actions), sorted(CONSUMER_ACTIONS)))
    with open(os.path.join(ROOT, "deploy", "iam", "monitor-policy.json"), encoding="utf-8") as f:
        monitor = json.load(f)
    sqs = {a for st in statements(monitor) for a in as_list(st.get("Action")) if a.startswith("sqs:")}
    if sqs != CONSUMER_ACTIONS:
        problem("deploy/iam/monitor-policy.json: SQS actions %s, expected %s" % (sorted(sqs), sorted(CONSUMER_ACTIONS)))
    missing = REQUIRED_OUTPUTS - set(template.get("Outputs", {}))
    if missing:
        problem("outputs missing: %s" % sorted(missing))
    return "consume policy %s: %s on %s only; monitor-policy.json agrees; outputs %s" % (
        name, ", ".join(sorted(actions)), event_queue, ", ".join(sorted(REQUIRED_OUTPUTS)))


def commented_events_example(path):
    """The `# events:` block of a config file, uncommented and parsed."""
    lines, inside = [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.rstrip() == "# events:":
                inside = True
            elif inside and not line.startswith("#   "):
                break
            if inside:
                lines.append(line[2:])
    return (yaml.safe_load("".join(lines)) or {}).get("events") if lines else None


def check_config_examples(template):
    with open(os.path.join(ROOT, "deploy", "config", "integration-monitor.yaml"), encoding="utf-8") as f:
        reference = yaml.safe_load(f)["events"]
    queue_name = template["Parameters"]["QueueName"]["Default"]
    checked = []
    for config in ("base", "overlays/ha"):
        path = os.path.join(ROOT, "deploy", "kubernetes", config, "config.yaml")
        example = commented_events_example(path)
        if not isinstance(example, dict):
            problem("kubernetes/%s/config.yaml: no commented `# events:` example" % config)
            continue
        if set(example) != set(reference):
            problem("kubernetes/%s/config.yaml: events keys %s, the reference has %s"
                    % (config, sorted(example), sorted(reference)))
        for queue in example.get("queues") or []:
            if set(queue) != {"url", "target", "region"}:
                problem("kubernetes/%s/config.yaml: queue keys %s" % (config, sorted(queue)))
            if not re.fullmatch(r"https://sqs\.[a-z0-9-]+\.amazonaws\.com/\d{12}/" + re.escape(queue_name),
                                str(queue.get("url"))):
                problem("kubernetes/%s/config.yaml: queue url %s is not the stack's QueueUrl shape" % (config, queue.get("url")))
        checked.append(config)
    return "config examples (%s): a commented events: section with the reference's keys and the stack's queue" % (
        ", ".join(checked))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else TEMPLATE
    with open(path, encoding="utf-8") as f:
        template = yaml.safe_load(f)
    for check in (check_rules, check_queue, check_queue_policy, check_consume_policy, check_config_examples):
        before = len(problems)
        summary = check(template)
        print(("FAIL " if len(problems) > before else "ok   ") + summary)
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
