package io.integrationmonitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.integrationmonitor.Monitor;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.pipeline.PollRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "once", mixinStandardHelpOptions = true,
        description = {"Poll every source once, print the health of every resource and exit.",
                "Exit codes (Nagios plugin convention): 0 all healthy; 1 warning (NEEDS_ATTENTION, stuck); "
                        + "2 critical (FAILED integration or failed execution); 3 unknown (a source could not be polled, "
                        + "or its API refuses the monitor: not permitted). "
                        + "Critical outranks unknown, unknown outranks warning.",
                "Freshness (CloudWatch, when freshness is enabled): after the status polls, one GetMetricData poll "
                        + "per account and region; stale and lagging integrations are warning, failing tables "
                        + "critical, a failed freshness poll unknown. A role without cloudwatch:GetMetricData is "
                        + "a note that leaves the exit code as the status polls gave it: the status polls are "
                        + "the health."})
final class OnceCommand implements Callable<Integer> {

    enum Output { table, json }

    @Mixin
    ConfigOption config;

    @Option(names = "--output", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
    Output output;

    @Option(names = "--keep-state", description = "Use the configured data directory, so that stuck states are "
            + "judged across runs (cron). Default: in-memory state, nothing written.")
    boolean keepState;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        MonitorConfig loaded = config.loadOrReport(err);
        if (loaded == null) {
            return HealthReport.Level.UNKNOWN.exitCode;
        }
        // The report owns standard output; logs go to standard error, warnings and worse unless asked for more.
        LoggingSetup.applyForOneShot(loaded.logging());
        Clock clock = Clock.systemUTC();
        try (Monitor monitor = Monitor.create(loaded, new Monitor.Environment(clock, null, false, !keepState))) {
            List<PollRunner.Outcome> outcomes = monitor.pollAllOnce();
            List<PollFailed> failed = outcomes.stream().map(PollRunner.Outcome::failed)
                    .filter(java.util.Objects::nonNull).toList();
            List<PollNotPermitted> notPermitted = outcomes.stream().map(PollRunner.Outcome::notPermitted)
                    .filter(java.util.Objects::nonNull).toList();
            // Freshness after the status polls: it judges the ACTIVE integrations they found.
            FreshnessReport freshness = loaded.freshness().enabled()
                    ? FreshnessReport.of(monitor.pollFreshnessOnce()) : FreshnessReport.NONE;
            HealthReport report = HealthReport.evaluate(monitor.store().allResources(), failed, notPermitted,
                    loaded.stuck(), clock.instant()).withFreshness(freshness);
            PrintWriter out = spec.commandLine().getOut();
            if (output == Output.json) {
                out.println(json(report, loaded.freshness().enabled()));
            } else {
                new HealthTable(report, clock.instant(), keepState).print(out);
            }
            out.flush();
            return report.level().exitCode;
        }
    }

    private static String json(HealthReport report, boolean freshnessEnabled) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", report.level().name());
        doc.put("exit_code", report.level().exitCode);
        doc.put("resources", report.rows().stream().map(row -> {
            var r = row.resource().resource();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", row.level().name());
            m.put("kind", r.kind().label());
            m.put("name", r.name());
            m.put("arn", r.arn());
            m.put("account_id", r.accountId());
            m.put("region", r.region());
            m.put("status", r.status().label());
            m.put("status_since", row.resource().statusSince());
            m.put("reason", row.reason());
            m.put("listings", row.listings());
            m.put("errors", r.errors().stream().map(e -> Map.of("code", e.code(), "message", e.message())).toList());
            return m;
        }).toList());
        doc.put("failed_polls", report.failedPolls().stream().map(f -> Map.of(
                "source", f.target().source().label(),
                "account_id", f.target().accountId(),
                "region", f.target().region(),
                "reason", f.reason().label(),
                "message", f.message() == null ? "" : f.message())).toList());
        doc.put("not_permitted", report.notPermitted().stream().map(n -> Map.of(
                "source", n.target().source().label(),
                "account_id", n.target().accountId(),
                "region", n.target().region(),
                "iam_actions", n.actions(),
                "grant", n.grant(),
                "message", n.message() == null ? "" : n.message())).toList());
        Map<String, Object> freshness = new LinkedHashMap<>();
        freshness.put("enabled", freshnessEnabled);
        freshness.putAll(report.freshness().json());
        doc.put("freshness", freshness);
        try {
            return new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
