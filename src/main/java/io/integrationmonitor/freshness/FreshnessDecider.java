package io.integrationmonitor.freshness;

import io.integrationmonitor.config.Durations;
import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.config.FreshnessOverrideConfig;
import io.integrationmonitor.match.Matcher;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The freshness rules, as a pure function: what one poll measured of each watched integration, judged against
 * the configured thresholds (and per-integration overrides) and the previous reading, gives the new readings
 * and what holds now: stale, lagging (N of the last M samples, with hysteresis), tables failing.
 *
 * <p>Thresholds: the first {@code freshness.overrides} entry whose {@code match} matches the integration (kind,
 * account, region, name globs, tags: the same rule as routes and silences, {@link Matcher}), its unset
 * thresholds the section's; no match, the section's. The refresh interval an integration is judged by is the
 * override's {@code refresh_interval}, else the integration's own {@code RefreshInterval}, else
 * {@code stale.default_refresh_interval}: an override is written for exactly the integrations whose own
 * interval should not count (one that reports none, or a source that changes less often than it is asked).
 */
public final class FreshnessDecider {
    /** Bounds what a metric value can make of an instant (CloudWatch's values are not trusted to be sane). */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private final FreshnessConfig config;
    private final List<OverrideRule> overrides;

    public FreshnessDecider(FreshnessConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.overrides = config.overrides().stream().map(o -> new OverrideRule(Matcher.of(o.match()), o)).toList();
    }

    /**
     * @param watched  every integration this poll judges
     * @param measured what the poll saw, by ARN (an integration without an entry saw nothing)
     * @param previous the previous readings of this (account, region), by ARN
     */
    public Decision decide(List<WatchedIntegration> watched, Map<String, Measurement> measured,
                           Map<String, FreshnessReading> previous, Instant now) {
        List<FreshnessReading> readings = new ArrayList<>(watched.size());
        List<FreshnessFinding> findings = new ArrayList<>();
        for (WatchedIntegration w : watched) {
            Measurement m = measured.getOrDefault(w.arn(), Measurement.empty(w.arn()));
            FreshnessReading prev = previous.get(w.arn());
            Thresholds t = thresholds(w);
            Set<FreshnessVerdict> verdicts = EnumSet.noneOf(FreshnessVerdict.class);

            Instant lastSync = lastSync(w, m, prev);
            boolean judgeStale = w.source() == MetricSource.GLUE || m.lag().isEmpty();
            if (judgeStale) {
                stale(w, lastSync, t, now).ifPresent(detail -> {
                    verdicts.add(FreshnessVerdict.STALE);
                    findings.add(new FreshnessFinding(FreshnessVerdict.STALE, w, detail, List.of()));
                });
            }
            if (w.source() == MetricSource.REDSHIFT) {
                Lag lag = lag(m.lag(), prev != null && prev.holds(FreshnessVerdict.LAGGING), t.lagThreshold(), prev);
                if (lag.lagging()) {
                    verdicts.add(FreshnessVerdict.LAGGING);
                    findings.add(new FreshnessFinding(FreshnessVerdict.LAGGING, w, lag.detail(), List.of()));
                }
            }
            tablesFailing(w, m).ifPresent(detail -> {
                verdicts.add(FreshnessVerdict.TABLES_FAILING);
                findings.add(new FreshnessFinding(FreshnessVerdict.TABLES_FAILING, w, detail, m.failingTables()));
            });

            Double newestLag = m.lag().isEmpty() ? null : m.lag().get(m.lag().size() - 1).seconds();
            readings.add(new FreshnessReading(w.arn(), w.name(), w.kind(), w.accountId(), w.region(), w.source(),
                    now, lastSync, newestLag, m.tablesFailed(), m.ingestionFailed(), m.failingTables(), verdicts));
        }
        return new Decision(readings, findings);
    }

    /**
     * Glue: the newest {@code LastSyncTimestamp} of this poll, else the one known before. Redshift: the newest
     * lag sample's period end minus its lag (the moment the target had caught up to), else the one known before.
     */
    private Instant lastSync(WatchedIntegration w, Measurement m, FreshnessReading prev) {
        Instant before = prev == null ? null : prev.lastSync();
        if (w.source() == MetricSource.GLUE) {
            return m.lastSync() != null ? m.lastSync() : before;
        }
        if (m.lag().isEmpty()) {
            return before;
        }
        LagSample newest = m.lag().get(m.lag().size() - 1);
        return newest.at().plus(config.period()).minus(seconds(newest.seconds()));
    }

    /** The detail of a stale integration, or empty when it is not stale. */
    private Optional<String> stale(WatchedIntegration w, Instant lastSync, Thresholds t, Instant now) {
        Duration threshold = t.stale().threshold(t.refreshInterval());
        Instant since = lastSync != null ? lastSync : w.activeSince();
        Duration age = Duration.between(since, now);
        if (age.compareTo(threshold) <= 0) {
            return Optional.empty();
        }
        String what = lastSync != null ? "last sync " + minutes(age) + " ago"
                : "no sync seen since ACTIVE " + minutes(age) + " ago";
        return Optional.of(what + ", refresh interval " + minutes(t.refreshInterval())
                + " (stale after " + minutes(threshold) + ")");
    }

    /**
     * N ({@code lag.samples}) of the last M ({@code lag.window}) samples above the threshold raise it; once
     * lagging, it stays until N of the last M are at or below; fewer than N samples keep what was.
     */
    private Lag lag(List<LagSample> samples, boolean wasLagging, Duration threshold, FreshnessReading prev) {
        int n = config.lag().samples();
        int window = config.lag().window();
        List<LagSample> last = samples.subList(Math.max(0, samples.size() - window), samples.size());
        double limit = threshold.toMillis() / 1000.0;
        int above = (int) last.stream().filter(s -> s.seconds() > limit).count();
        int below = last.size() - above;
        boolean lagging;
        if (last.size() < n) {
            lagging = wasLagging;
        } else {
            lagging = wasLagging ? below < n : above >= n;
        }
        if (!lagging) {
            return new Lag(false, "");
        }
        if (last.isEmpty()) {
            String known = prev == null || prev.lagSeconds() == null ? ""
                    : ", last known lag " + minutes(seconds(prev.lagSeconds()));
            return new Lag(true, "no lag sample in this poll" + known + " (threshold " + minutes(threshold) + ")");
        }
        Duration newest = seconds(last.get(last.size() - 1).seconds());
        return new Lag(true, "lag " + minutes(newest) + " (threshold " + minutes(threshold) + ") in " + above
                + " of the last " + last.size() + " samples");
    }

    /**
     * Redshift: {@code IntegrationNumTablesFailedReplication > 0}; Glue: {@code IngestionFailed > 0} within the
     * window. No datapoint is no failure.
     */
    private Optional<String> tablesFailing(WatchedIntegration w, Measurement m) {
        boolean failing = w.source() == MetricSource.REDSHIFT
                ? m.tablesFailed() != null && m.tablesFailed() > 0
                : m.ingestionFailed() != null && m.ingestionFailed() > 0;
        if (!failing) {
            return Optional.empty();
        }
        List<String> names = m.failingTables();
        long count = names.isEmpty() && m.tablesFailed() != null ? Math.round(Math.ceil(m.tablesFailed()))
                : names.size() + (long) m.moreFailingTables();
        if (count == 0) {
            // Glue: failures without a table dimension
            return Optional.of("ingestion failed " + Math.round(Math.ceil(m.ingestionFailed()))
                    + " times in the last " + minutes(config.tablesFailing().window()));
        }
        StringBuilder s = new StringBuilder().append(count).append(count == 1 ? " table failing" : " tables failing");
        if (!names.isEmpty()) {
            s.append(": ").append(String.join(", ", names));
            if (m.moreFailingTables() > 0) {
                s.append(" (and ").append(m.moreFailingTables()).append(" more)");
            }
        }
        return Optional.of(s.toString());
    }

    private Thresholds thresholds(WatchedIntegration w) {
        Matcher.Subject subject = Matcher.Subject.resource(w.kind().label(), w.accountId(), w.region(), w.name(),
                w.tags());
        FreshnessConfig.StaleConfig defaults = config.stale();
        for (OverrideRule o : overrides) {
            if (o.matcher().matches(subject)) {
                FreshnessOverrideConfig c = o.config();
                Duration refresh = c.refreshInterval() != null ? c.refreshInterval()
                        : w.refreshInterval() != null ? w.refreshInterval() : defaults.defaultRefreshInterval();
                FreshnessConfig.StaleConfig stale = new FreshnessConfig.StaleConfig(
                        c.factor() != null ? c.factor() : defaults.factor(),
                        c.grace() != null ? c.grace() : defaults.grace(), defaults.defaultRefreshInterval());
                return new Thresholds(refresh, stale,
                        c.lagThreshold() != null ? c.lagThreshold() : config.lag().threshold());
            }
        }
        Duration refresh = w.refreshInterval() != null ? w.refreshInterval() : defaults.defaultRefreshInterval();
        return new Thresholds(refresh, defaults, config.lag().threshold());
    }

    /** A metric value in seconds as a duration: never negative, at most {@link #LONGEST}, NaN as zero. */
    static Duration seconds(double seconds) {
        if (!(seconds > 0)) {
            return Duration.ZERO;
        }
        return seconds >= LONGEST.toSeconds() ? LONGEST : Duration.ofMillis(Math.round(seconds * 1000));
    }

    /**
     * Whole minutes in the configuration's shorthand ({@code 4h12m}, {@code 1h}); under a minute, whole seconds
     * ({@code 45s}).
     */
    static String minutes(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        Duration whole = d.compareTo(Duration.ofMinutes(1)) < 0 ? d.truncatedTo(ChronoUnit.SECONDS)
                : d.truncatedTo(ChronoUnit.MINUTES);
        return Durations.format(whole);
    }

    /** One poll's decision: one reading per watched integration, and the findings that hold now. */
    public record Decision(List<FreshnessReading> readings, List<FreshnessFinding> findings) {
        public Decision {
            readings = List.copyOf(readings);
            findings = List.copyOf(findings);
        }
    }

    private record OverrideRule(Matcher matcher, FreshnessOverrideConfig config) {
    }

    private record Thresholds(Duration refreshInterval, FreshnessConfig.StaleConfig stale, Duration lagThreshold) {
    }

    private record Lag(boolean lagging, String detail) {
    }
}
