package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.integrationmonitor.metrics.Fixtures.ACCOUNT;
import static io.integrationmonitor.metrics.Fixtures.REGION;
import static io.integrationmonitor.metrics.Fixtures.SOURCE_ACCOUNT;
import static io.integrationmonitor.metrics.Fixtures.T0;
import static io.integrationmonitor.metrics.Fixtures.completed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind's families, as scraped: their names, their label sets (written out here, not read from
 * {@link ResourceFamilies}, so a wrong entry there fails) and a one-hot state set over every status of the
 * kind. The RDS and Redshift families carry the same {@code integration_arn} label as Glue's, so PromQL can
 * join the listings of one integration.
 */
class ResourceFamiliesTest {
    private static final Set<String> INTEGRATION = Set.of("account_id", "region", "integration_arn", "integration_name");
    private static final Set<String> INBOUND = Set.of("account_id", "region", "integration_arn", "target_arn");
    private static final Set<String> ASSOCIATION =
            Set.of("account_id", "region", "data_integration_arn", "association_arn", "client_id");

    /** Per kind: the families' prefix, the state set's name, the identity labels and the _info-only labels. */
    private record Expected(String prefix, String statusName, Set<String> identity, Set<String> infoOnly,
                            boolean errors) {
        static Expected of(ResourceKind kind) {
            return switch (kind) {
                case GLUE_INTEGRATION -> new Expected("aws_glue_integration", "aws_glue_integration_status",
                        INTEGRATION, Set.of("source_arn", "target_arn", "refresh_interval"), true);
                case GLUE_INBOUND_INTEGRATION -> new Expected("aws_glue_inbound_integration",
                        "aws_glue_inbound_integration_status", INBOUND, Set.of("source_arn", "source_account_id"), true);
                case APPINTEGRATIONS_ASSOCIATION -> new Expected("aws_appintegrations_association",
                        "aws_appintegrations_association_last_execution_status", ASSOCIATION,
                        Set.of("execution_mode", "destination_uri"), false);
                case RDS_INTEGRATION -> new Expected("aws_rds_integration", "aws_rds_integration_status",
                        INTEGRATION, Set.of("source_arn", "target_arn"), true);
                case REDSHIFT_INTEGRATION -> new Expected("aws_redshift_integration",
                        "aws_redshift_integration_status", INTEGRATION, Set.of("source_arn", "target_arn"), true);
                case REDSHIFT_INBOUND_INTEGRATION -> new Expected("aws_redshift_inbound_integration",
                        "aws_redshift_inbound_integration_status", INBOUND, Set.of("source_arn", "source_account_id"),
                        true);
            };
        }

        String stuckName() {
            return statusName.substring(0, statusName.length() - "_status".length()) + "_stuck";
        }
    }

    private final PrometheusMetrics metrics = PrometheusMetrics.create("1.2.3");
    private final ResourceStateMetrics stateMetrics = new ResourceStateMetrics(metrics);

    @AfterEach
    void close() {
        metrics.close();
    }

    @ParameterizedTest
    @EnumSource(ResourceKind.class)
    void everyFamilyOfTheKindRendersWithItsLabels(ResourceKind kind) {
        // given one resource of the kind, with one error, seen by its source's poll
        Expected expected = Expected.of(kind);
        KnownResource resource = resource(kind, "one", kind.statuses().get(0));
        stateMetrics.onPollCompleted(completed(target(kind), T0, List.of(resource)));

        // when scraped
        PrometheusText scrape = scrape();

        // then the state set has one series per status, each with the identity labels and status
        assertThat(scrape.find(expected.statusName())).hasSize(kind.statuses().size())
                .allSatisfy(s -> assertThat(s.labels().keySet()).isEqualTo(with(expected.identity(), "status")));
        // the _stuck, _errors and _status_since gauges carry exactly the identity labels
        assertThat(scrape.find(expected.stuckName())).singleElement()
                .satisfies(s -> assertThat(s.labels().keySet()).isEqualTo(expected.identity()));
        assertThat(scrape.find(expected.prefix() + "_status_since_timestamp_seconds")).singleElement()
                .satisfies(s -> assertThat(s.labels().keySet()).isEqualTo(expected.identity()))
                .extracting(PrometheusText.Sample::value).isEqualTo(T0.getEpochSecond() * 1.0);
        if (expected.errors()) {
            assertThat(scrape.find(expected.prefix() + "_errors")).singleElement()
                    .satisfies(s -> assertThat(s.labels().keySet()).isEqualTo(expected.identity()))
                    .extracting(PrometheusText.Sample::value).isEqualTo(1.0);
        } else {
            assertThat(scrape.find(expected.prefix() + "_errors")).isEmpty();
        }
        // and _info adds the fixed properties, with their values
        assertThat(scrape.find(expected.prefix() + "_info")).singleElement().satisfies(s -> {
            assertThat(s.labels().keySet()).isEqualTo(union(expected.identity(), expected.infoOnly()));
            assertThat(s.value()).isEqualTo(1.0);
            expected.infoOnly().forEach(label ->
                    assertThat(s.labels().get(label)).isEqualTo(resource.resource().attribute(label)));
        });
    }

    @ParameterizedTest
    @EnumSource(ResourceKind.class)
    void theStateSetIsOneHotForEveryStatusOfTheKind(ResourceKind kind) {
        // given one resource in each status the kind can report
        List<KnownResource> resources = new ArrayList<>();
        for (ResourceStatus status : kind.statuses()) {
            resources.add(resource(kind, status.name().toLowerCase().replace('_', '-'), status));
        }
        stateMetrics.onPollCompleted(completed(target(kind), T0, resources));

        // when scraped
        PrometheusText scrape = scrape();

        // then each resource has exactly one 1, on its own status, and a 0 on every other
        String statusName = Expected.of(kind).statusName();
        for (KnownResource known : resources) {
            ObservedResource r = known.resource();
            String arnLabel = kind.isIntegration() ? "integration_arn" : "association_arn";
            assertThat(scrape.find(statusName, Map.of(arnLabel, r.arn()))).as("%s %s", kind, r.status()).hasSize(kind.statuses().size())
                    .allSatisfy(s -> assertThat(s.value())
                            .isEqualTo(s.labels().get("status").equals(r.status().name()) ? 1.0 : 0.0));
        }
        assertThat(scrape.find(statusName)).filteredOn(s -> s.value() == 1.0)
                .extracting(s -> s.labels().get("status"))
                .containsExactlyInAnyOrderElementsOf(kind.statuses().stream().map(Enum::name).toList());
    }

    private static PollTarget target(ResourceKind kind) {
        return new PollTarget(Source.of(kind), ACCOUNT, REGION);
    }

    /** A resource of the kind as its poller would report it: ARN, name and attributes in the kind's shape. */
    private static KnownResource resource(ResourceKind kind, String id, ResourceStatus status) {
        String cluster = "arn:aws:rds:" + REGION + ":" + SOURCE_ACCOUNT + ":cluster:" + id;
        String namespace = "arn:aws:redshift:" + REGION + ":" + ACCOUNT + ":namespace:ns-" + id;
        String arn = switch (kind) {
            case GLUE_INTEGRATION, GLUE_INBOUND_INTEGRATION -> "arn:aws:glue:" + REGION + ":" + ACCOUNT + ":integration:" + id;
            case RDS_INTEGRATION, REDSHIFT_INBOUND_INTEGRATION -> "arn:aws:rds:" + REGION + ":" + SOURCE_ACCOUNT
                    + ":integration:" + id;
            case REDSHIFT_INTEGRATION -> "arn:aws:redshift:" + REGION + ":" + ACCOUNT + ":integration:" + id;
            case APPINTEGRATIONS_ASSOCIATION -> "arn:aws:app-integrations:" + REGION + ":" + ACCOUNT
                    + ":data-integration/di-1/data-integration-association/" + id;
        };
        Map<String, String> attributes = switch (kind) {
            case APPINTEGRATIONS_ASSOCIATION -> Map.of(
                    Attributes.DATA_INTEGRATION_ARN, "arn:aws:app-integrations:" + REGION + ":" + ACCOUNT
                            + ":data-integration/di-1",
                    Attributes.CLIENT_ID, "connect", Attributes.EXECUTION_MODE, "ON_DEMAND",
                    Attributes.DESTINATION_URI, "s3://bucket/prefix");
            case GLUE_INBOUND_INTEGRATION, REDSHIFT_INBOUND_INTEGRATION -> Map.of(Attributes.SOURCE_ARN, cluster,
                    Attributes.SOURCE_ACCOUNT_ID, SOURCE_ACCOUNT, Attributes.TARGET_ARN, namespace);
            case GLUE_INTEGRATION -> Map.of(Attributes.SOURCE_ARN, cluster, Attributes.TARGET_ARN, namespace,
                    Attributes.REFRESH_INTERVAL, "15");
            case RDS_INTEGRATION, REDSHIFT_INTEGRATION -> Map.of(Attributes.SOURCE_ARN, cluster,
                    Attributes.TARGET_ARN, namespace, Attributes.DESCRIPTION, "not a label");
        };
        ObservedResource r = new ObservedResource(kind, arn, id, ACCOUNT, REGION, status,
                List.of(ResourceError.of("IntegrationFailure", "simulated")), attributes, Map.of(), T0);
        return new KnownResource(r, T0, T0, false);
    }

    private static Set<String> with(Set<String> labels, String extra) {
        return union(labels, Set.of(extra));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Set.copyOf(Stream.concat(a.stream(), b.stream()).toList());
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.scrape());
    }
}
