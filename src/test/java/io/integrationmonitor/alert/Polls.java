package io.integrationmonitor.alert;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the detector's events the way the detector would publish them. */
public final class Polls {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    public static final PollTarget TARGET = new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION);

    private Polls() {
    }

    public static String arn(String name) {
        return "arn:aws:glue:" + REGION + ":" + ACCOUNT + ":integration:" + name;
    }

    public static ObservedResource glue(String name, String status, ResourceError... errors) {
        return new ObservedResource(ResourceKind.GLUE_INTEGRATION, arn(name), name, ACCOUNT, REGION, ResourceStatus.valueOf(status),
                List.of(errors), Map.of(ObservedResource.Attributes.REFRESH_INTERVAL, "15"), Map.of("team", "data"), null);
    }

    public static KnownResource known(ObservedResource r, Instant since) {
        return new KnownResource(r, since, since, false);
    }

    /** A completed poll that observed {@code resources}; events: ENTERED_FAILED for FAILED ones. */
    public static PollCompleted completed(Instant at, List<ObservedResource> resources) {
        return completed(TARGET, at, resources);
    }

    public static PollCompleted completed(PollTarget target, Instant at, List<ObservedResource> resources) {
        List<KnownResource> current = new ArrayList<>();
        List<ResourceEvent> events = new ArrayList<>();
        for (ObservedResource r : resources) {
            current.add(known(r, at.minus(Duration.ofMinutes(5))));
            if (r.status() == ResourceStatus.FAILED) {
                events.add(new ResourceEvent(UUID.randomUUID().toString(), EventType.ENTERED_FAILED, target, r,
                        "ACTIVE", "FAILED", at));
            }
        }
        return new PollCompleted(new Snapshot(target, at, resources, 1), current, events, Duration.ofMillis(20));
    }

    public static PollFailed failed(Instant at, int consecutive) {
        return new PollFailed(TARGET, at, Duration.ofSeconds(1), PollErrorReason.ACCESS_DENIED,
                "AccessDeniedException from glue", consecutive);
    }
}
