package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of domain objects for the metrics and HTTP tests. */
public final class Fixtures {
    public static final String ACCOUNT = "111122223333";
    public static final String OTHER_ACCOUNT = "444455556666";
    public static final String REGION = "eu-west-1";
    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    public static final PollTarget GLUE = new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION);
    public static final PollTarget INBOUND = new PollTarget(Source.GLUE_INBOUND_INTEGRATIONS, ACCOUNT, REGION);
    public static final PollTarget ASSOCIATIONS = new PollTarget(Source.APPINTEGRATIONS_ASSOCIATIONS, ACCOUNT, REGION);

    private Fixtures() {
    }

    public static String glueArn(String account, String name) {
        return "arn:aws:glue:" + REGION + ":" + account + ":integration:" + name;
    }

    public static KnownResource glue(String account, String name, String status, Instant since, ResourceError... errors) {
        ObservedResource r = new ObservedResource(ResourceKind.GLUE_INTEGRATION, glueArn(account, name), name, account,
                REGION, ResourceStatus.valueOf(status), List.of(errors),
                Map.of(Attributes.SOURCE_ARN, "arn:aws:dynamodb:" + REGION + ":" + account + ":table/" + name,
                        Attributes.TARGET_ARN, "arn:aws:redshift:" + REGION + ":" + account + ":namespace:ns",
                        Attributes.DESCRIPTION, "the " + name + " integration"),
                Map.of("team", "data"), since);
        return new KnownResource(r, since, since.plusSeconds(60), false);
    }

    /** The account that owns the source of {@link #inbound} integrations (cross-account). */
    public static final String SOURCE_ACCOUNT = "210987654321";

    public static KnownResource inbound(String id, String status, Instant since) {
        String arn = "arn:aws:glue:" + REGION + ":" + ACCOUNT + ":integration:" + id;
        ObservedResource r = new ObservedResource(ResourceKind.GLUE_INBOUND_INTEGRATION, arn, id, ACCOUNT, REGION,
                ResourceStatus.valueOf(status),
                List.of(), Map.of(Attributes.SOURCE_ARN, "arn:aws:rds:" + REGION + ":" + SOURCE_ACCOUNT + ":cluster:src",
                Attributes.SOURCE_ACCOUNT_ID, SOURCE_ACCOUNT,
                Attributes.TARGET_ARN, "arn:aws:redshift:" + REGION + ":" + ACCOUNT + ":namespace:in"), Map.of(), null);
        return new KnownResource(r, since, since, false);
    }

    public static KnownResource association(String id, String status, Instant since) {
        String dataIntegration = "arn:aws:app-integrations:" + REGION + ":" + ACCOUNT + ":data-integration/di-1";
        ObservedResource r = new ObservedResource(ResourceKind.APPINTEGRATIONS_ASSOCIATION,
                dataIntegration + "/data-integration-association/" + id, id, ACCOUNT, REGION, ResourceStatus.valueOf(status),
                status.equals("FAILED") ? List.of(ResourceError.of("", "destination unreachable")) : List.of(),
                Map.of(Attributes.DATA_INTEGRATION_ARN, dataIntegration, Attributes.CLIENT_ID, "connect",
                        Attributes.EXECUTION_MODE, "ON_DEMAND", Attributes.DESTINATION_URI, "s3://bucket/prefix"),
                Map.of(), null);
        return new KnownResource(r, since, since, false);
    }

    public static PollCompleted completed(PollTarget target, Instant at, List<KnownResource> current,
                                          ResourceEvent... events) {
        List<ObservedResource> observed = current.stream().map(KnownResource::resource).toList();
        return new PollCompleted(new Snapshot(target, at, observed, 1), current, List.of(events), Duration.ofMillis(420));
    }

    public static PollFailed failed(PollTarget target, PollErrorReason reason, int consecutive) {
        return new PollFailed(target, T0, Duration.ofSeconds(3), reason, "simulated", consecutive);
    }

    public static ResourceEvent event(EventType type, PollTarget target, KnownResource resource, String from, String to,
                                      Instant at) {
        return new ResourceEvent(UUID.randomUUID().toString(), type, target, resource.resource(), from, to, at);
    }
}
