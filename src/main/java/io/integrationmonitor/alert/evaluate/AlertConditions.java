package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceHealth;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Which conditions a resource is in, and how a resource becomes an {@link Alert}. */
final class AlertConditions {
    /** The kinds a table event's integration ARN can name ({@code state.TableIngestionDecider#kindOf}). */
    private static final Set<ResourceKind> TABLE_EVENT_KINDS = EnumSet.of(ResourceKind.GLUE_INTEGRATION,
            ResourceKind.RDS_INTEGRATION, ResourceKind.REDSHIFT_INTEGRATION);

    /** The conditions of the freshness poll ({@code FreshnessAlertEvaluator}), one per verdict. */
    static final Set<Condition> FRESHNESS = EnumSet.of(Condition.STALE, Condition.LAGGING, Condition.TABLES_FAILING);

    private AlertConditions() {
    }

    /** The conditions the current state shows: also catches resources that appeared already unhealthy. */
    static Set<Condition> of(KnownResource kr) {
        return of(kr.resource().kind(), kr.status(), ResourceHealth.of(kr));
    }

    /** The one rule from a verdict to conditions, shared by {@link #of(KnownResource)} and {@link #possible}. */
    private static Set<Condition> of(ResourceKind kind, ResourceStatus status, ResourceHealth.Verdict health) {
        Set<Condition> conditions = EnumSet.noneOf(Condition.class);
        if (health == ResourceHealth.Verdict.UNHEALTHY) {
            conditions.add(status == ResourceStatus.NEEDS_ATTENTION ? Condition.NEEDS_ATTENTION
                    : kind.isIntegration() ? Condition.FAILED : Condition.EXECUTION_FAILED);
        }
        if (health == ResourceHealth.Verdict.STUCK) {
            conditions.add(Condition.STUCK);
        }
        return conditions;
    }

    /**
     * Every condition an alert about {@code kind} can be in: what each of the kind's statuses can give (a
     * transient one can turn stuck), {@code poll_failing}, which carries the kind of the source that
     * cannot be polled, the table events' condition, and for every zero-ETL integration the freshness ones.
     */
    static Set<Condition> possible(ResourceKind kind) {
        Set<Condition> conditions = EnumSet.noneOf(Condition.class);
        for (ResourceStatus status : kind.statuses()) {
            ResourceHealth.Verdict health = ResourceHealth.of(kind, status);
            conditions.addAll(of(kind, status, health));
            if (health == ResourceHealth.Verdict.TRANSIENT) {
                conditions.addAll(of(kind, status, ResourceHealth.Verdict.STUCK));
            }
        }
        if (Arrays.stream(Source.values()).anyMatch(source -> source.kind() == kind)) {
            conditions.add(Condition.POLL_FAILING);
        }
        if (TABLE_EVENT_KINDS.contains(kind)) {
            conditions.add(Condition.TABLE_INGESTION_FAILED);
        }
        if (kind.isIntegration()) {
            // freshness (CloudWatch): every zero-ETL integration, whichever listing it was taken from
            conditions.addAll(FRESHNESS);
        }
        return conditions;
    }

    /** The condition an event fires, if any. */
    static Optional<Condition> of(EventType type, ResourceKind kind) {
        return Optional.ofNullable(switch (type) {
            case ENTERED_FAILED -> kind.isIntegration() ? Condition.FAILED : Condition.EXECUTION_FAILED;
            case ENTERED_NEEDS_ATTENTION -> Condition.NEEDS_ATTENTION;
            case EXECUTION_FAILED -> Condition.EXECUTION_FAILED;
            case STUCK -> Condition.STUCK;
            default -> null;
        });
    }

    /**
     * Resource ARN and condition, whichever listing reports it: an integration listed by several targets
     * (its primary and its inbound listing) is one alert, evaluated by the listing that owns it
     * ({@code detect.Listings}).
     */
    static String key(KnownResource kr, Condition c) {
        return kr.arn() + "|" + c.label();
    }

    /** The resource part of an alert's key: what two alerts of one resource share. */
    static String resourceKey(Alert a) {
        return a.key().substring(0, a.key().lastIndexOf('|'));
    }

    /** The conditions of an unhealthy status (not STUCK, a transient one; not POLL_FAILING, not a resource's). */
    static boolean isUnhealthy(Condition c) {
        return c == Condition.FAILED || c == Condition.NEEDS_ATTENTION || c == Condition.EXECUTION_FAILED;
    }

    /** The alert of a resource in condition {@code c}, not yet started (the evaluation sets when it fired). */
    static Alert alert(KnownResource kr, Condition c, String targetKey) {
        ObservedResource r = kr.resource();
        return Alert.builder(key(kr, c), c)
                .kind(r.kind().label()).name(r.name()).arn(r.arn()).accountId(r.accountId()).region(r.region())
                .targetKey(targetKey).status(r.status().label()).statusSince(kr.statusSince())
                .errors(r.errors().stream().map(Object::toString).toList())
                .refreshInterval(r.attribute(ObservedResource.Attributes.REFRESH_INTERVAL)).tags(r.tags())
                .sourceAccountId(r.attribute(ObservedResource.Attributes.SOURCE_ACCOUNT_ID))
                .build();
    }
}
