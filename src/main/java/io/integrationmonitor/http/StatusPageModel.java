package io.integrationmonitor.http;

import io.integrationmonitor.detect.ResourceHealth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the HTML status page shows, already read from the state store. Plain data: the page is a pure
 * function of it (see {@link StatusPage#render(StatusPageModel)}).
 *
 * @param generatedAt  "now" for the page: ages ("since 3h 5m") are computed against it
 * @param version      the monitor's version
 * @param resources    every known resource, in any order
 * @param recentEvents most recent first
 * @param targets      one row per polled (source, account, region)
 * @param alerts       every firing alert, silenced ones included
 * @param silences     every configured and run-time silence
 */
public record StatusPageModel(
        Instant generatedAt,
        String version,
        List<ResourceRow> resources,
        List<EventRow> recentEvents,
        List<TargetRow> targets,
        List<AlertRow> alerts,
        List<SilenceRow> silences) {

    public StatusPageModel {
        Objects.requireNonNull(generatedAt, "generatedAt");
        version = version == null ? "" : version;
        resources = resources == null ? List.of() : List.copyOf(resources);
        recentEvents = recentEvents == null ? List.of() : List.copyOf(recentEvents);
        targets = targets == null ? List.of() : List.copyOf(targets);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        silences = silences == null ? List.of() : List.copyOf(silences);
    }

    /** A page without alerts or silences. */
    public StatusPageModel(Instant generatedAt, String version, List<ResourceRow> resources,
                           List<EventRow> recentEvents, List<TargetRow> targets) {
        this(generatedAt, version, resources, recentEvents, targets, List.of(), List.of());
    }

    /**
     * One firing alert.
     *
     * @param name     the resource's name (for {@code poll_failing}: the poll target)
     * @param arn      empty for {@code poll_failing}
     * @param status   the resource's status (for {@code poll_failing}: the poll error reason)
     * @param silenced matched by a silence: tracked, not sent
     * @param detail   for the freshness conditions: the measured figure (may hold AWS text); empty otherwise
     */
    public record AlertRow(String condition, String severity, String kind, String name, String arn, String status,
                           Instant startsAt, boolean silenced, String detail) {
        /** A row without a detail. */
        public AlertRow(String condition, String severity, String kind, String name, String arn, String status,
                        Instant startsAt, boolean silenced) {
            this(condition, severity, kind, name, arn, status, startsAt, silenced, "");
        }

        public AlertRow {
            detail = detail == null ? "" : detail;
            condition = condition == null ? "" : condition;
            severity = severity == null ? "" : severity;
            kind = kind == null ? "" : kind;
            name = name == null ? "" : name;
            arn = arn == null ? "" : arn;
            status = status == null ? "" : status;
        }
    }

    /**
     * One silence.
     *
     * @param source   {@code config} or {@code api}
     * @param matchers what it matches, e.g. {@code kind=glue_integration name=orders-*}; empty: every alert
     * @param endsAt   null for a weekly window
     * @param active   silences alerts now
     */
    public record SilenceRow(String id, String source, String matchers, Instant endsAt, String comment,
                             boolean active) {
        public SilenceRow {
            id = id == null ? "" : id;
            source = source == null ? "" : source;
            matchers = matchers == null ? "" : matchers;
            comment = comment == null ? "" : comment;
        }
    }

    /** A Glue {@code Errors} entry or an association's failed {@code StatusMessage}; text comes from AWS, untrusted. */
    public record ErrorRow(String code, String message) {
        public ErrorRow {
            code = code == null ? "" : code;
            message = message == null ? "" : message;
        }
    }

    /**
     * One resource.
     *
     * @param kind        the {@code kind} label, e.g. {@code glue_integration}
     * @param statusSince when the current status was first seen; null if unknown
     * @param health      the {@link ResourceHealth} verdict; those that need attention are listed first
     * @param sourceArn   an integration's source; empty for other kinds or when unknown
     * @param targetArn   an integration's target; empty for other kinds or when unknown
     * @param displayName the name the page shows: {@code name}, or for an inbound integration the name of the
     *                    integration it receives; {@code name} stays what alerts and silences match
     */
    /** @param listings the sources that list the resource, the owner's first (empty: only its own) */
    public record ResourceRow(
            String kind,
            String name,
            String arn,
            String accountId,
            String region,
            String status,
            Instant statusSince,
            List<ErrorRow> errors,
            ResourceHealth.Verdict health,
            String sourceArn,
            String targetArn,
            String displayName,
            List<String> listings) {

        public ResourceRow {
            kind = kind == null ? "" : kind;
            name = name == null ? "" : name;
            arn = arn == null ? "" : arn;
            accountId = accountId == null ? "" : accountId;
            region = region == null ? "" : region;
            status = status == null ? "" : status;
            errors = errors == null ? List.of() : List.copyOf(errors);
            Objects.requireNonNull(health, "health");
            sourceArn = sourceArn == null ? "" : sourceArn;
            targetArn = targetArn == null ? "" : targetArn;
            displayName = displayName == null || displayName.isEmpty() ? name : displayName;
            listings = listings == null ? List.of() : List.copyOf(listings);
        }

        /** A resource shown under a name of its choosing, listed by its own source only. */
        public ResourceRow(String kind, String name, String arn, String accountId, String region, String status,
                           Instant statusSince, List<ErrorRow> errors, ResourceHealth.Verdict health,
                           String sourceArn, String targetArn, String displayName) {
            this(kind, name, arn, accountId, region, status, statusSince, errors, health, sourceArn, targetArn,
                    displayName, List.of());
        }

        /** A resource shown under its own name. */
        public ResourceRow(String kind, String name, String arn, String accountId, String region, String status,
                           Instant statusSince, List<ErrorRow> errors, ResourceHealth.Verdict health,
                           String sourceArn, String targetArn) {
            this(kind, name, arn, accountId, region, status, statusSince, errors, health, sourceArn, targetArn, name);
        }

        /** A resource without source and target. */
        public ResourceRow(String kind, String name, String arn, String accountId, String region, String status,
                           Instant statusSince, List<ErrorRow> errors, ResourceHealth.Verdict health) {
            this(kind, name, arn, accountId, region, status, statusSince, errors, health, "", "", name);
        }

        /** The same resource, as several listings report it. */
        ResourceRow listedBy(List<String> newListings) {
            return new ResourceRow(kind, name, arn, accountId, region, status, statusSince, errors, health,
                    sourceArn, targetArn, displayName, newListings);
        }

        /** Reported by more than one listing: the page names them. */
        boolean listedTwice() {
            return listings.size() > 1;
        }

        /** In a transient status past its threshold: shown as "(stuck)" after the status. */
        public boolean stuck() {
            return health == ResourceHealth.Verdict.STUCK;
        }
    }

    /**
     * One detected event.
     *
     * @param type    the event type label, e.g. {@code entered_failed}
     * @param name    empty for {@code discovered}
     * @param message what happened, e.g. {@code ACTIVE → FAILED} or {@code SYNCING for 6h12m since …}
     */
    public record EventRow(Instant at, String type, String kind, String name, String message) {
        public EventRow {
            type = type == null ? "" : type;
            kind = kind == null ? "" : kind;
            name = name == null ? "" : name;
            message = message == null ? "" : message;
        }
    }

    /**
     * The health of one poll target.
     *
     * @param source              the {@code source} label, e.g. {@code glue_integrations}
     * @param lastSuccess         null: never succeeded
     * @param lastFailure         null: never failed
     * @param lastErrorReason     the {@code reason} label of the last failure; empty when none
     * @param consecutiveFailures failures since the last success
     * @param failingSince        the first failure of the current run of failures; null when the last poll succeeded
     *                            or when unknown
     * @param notPermittedSince   since when the source's API refuses the monitor (before any success); null if not
     * @param grant               while not permitted: what to grant to whom (the stored message); else empty
     */
    public record TargetRow(
            String source,
            String accountId,
            String region,
            Instant lastSuccess,
            Instant lastFailure,
            String lastErrorReason,
            int consecutiveFailures,
            Instant failingSince,
            Instant notPermittedSince,
            String grant) {

        public TargetRow {
            source = source == null ? "" : source;
            accountId = accountId == null ? "" : accountId;
            region = region == null ? "" : region;
            lastErrorReason = lastErrorReason == null ? "" : lastErrorReason;
            grant = grant == null ? "" : grant;
        }

        public TargetRow(String source, String accountId, String region, Instant lastSuccess, Instant lastFailure,
                         String lastErrorReason, int consecutiveFailures, Instant failingSince) {
            this(source, accountId, region, lastSuccess, lastFailure, lastErrorReason, consecutiveFailures,
                    failingSince, null, "");
        }

        /** The source's API refuses the monitor: shown apart from the failing ones, with what to grant. */
        public boolean notPermitted() {
            return notPermittedSince != null;
        }

        /** The last poll failed: the source cannot be polled (shown in the page's header). */
        public boolean failing() {
            return consecutiveFailures > 0;
        }
    }
}
