package io.integrationmonitor.metrics;

import io.integrationmonitor.config.MetricsConfig.StateSets;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The block store behind the resource families: replaced per target, cached, merged where targets interleave. */
class RenderedExpositionTest {
    private static final PollTarget GLUE_A = new PollTarget(Source.GLUE_INTEGRATIONS, "111122223333", "eu-west-1");
    private static final PollTarget INBOUND_A =
            new PollTarget(Source.GLUE_INBOUND_INTEGRATIONS, "111122223333", "eu-west-1");
    private static final PollTarget INBOUND_B =
            new PollTarget(Source.GLUE_INBOUND_INTEGRATIONS, "444455556666", "eu-west-1");

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final RenderedExposition rendered = new RenderedExposition();
    private final ResourceStateMetrics metrics =
            new ResourceStateMetrics(new SimpleMeterRegistry(), rendered, StateSets.ALL);

    @Test
    void anUnchangedPollKeepsTheBlockAndItsDeflatedPiece() {
        // given a polled target whose deflated piece was built by a scrape
        List<KnownResource> resources = resources(GLUE_A, 5);
        metrics.refresh(GLUE_A, resources);
        RenderedBlock before = family("aws_glue_integration_status").block(GLUE_A);
        Deflated member = before.deflated();

        // when it polls again with equal state (new objects)
        metrics.refresh(GLUE_A, resources(GLUE_A, 5));

        // then nothing was rendered again
        RenderedBlock after = family("aws_glue_integration_status").block(GLUE_A);
        assertThat(after).isSameAs(before);
        assertThat(after.deflated()).isSameAs(member);
    }

    @Test
    void aChangedPollReplacesTheBlockWholeAndAVanishedResourceDropsOut() throws IOException {
        // given
        List<KnownResource> resources = resources(GLUE_A, 3);
        metrics.refresh(GLUE_A, resources);
        RenderedBlock before = family("aws_glue_integration_stuck").block(GLUE_A);

        // when one resource vanishes
        metrics.refresh(GLUE_A, resources.subList(0, 2));

        // then
        RenderedBlock after = family("aws_glue_integration_stuck").block(GLUE_A);
        assertThat(after).isNotSameAs(before);
        assertThat(after.version()).isGreaterThan(before.version());
        assertThat(after.rows()).isEqualTo(2);
        String removedArn = resources.get(2).resource().arn();
        assertThat(plain()).doesNotContain(removedArn).contains(resources.get(0).resource().arn());

        // when the target has no resource left
        metrics.refresh(GLUE_A, List.of());

        // then its families are gone from the exposition
        assertThat(plain()).doesNotContain("aws_glue_integration_stuck");
    }

    @Test
    void interleavingBlocksAreMergedInLabelOrderAndTheMergedMemberIsCached() throws IOException {
        // given two targets whose inbound integrations carry the same accounts, so their rows interleave
        metrics.refresh(INBOUND_A, resources(INBOUND_A, 6));
        metrics.refresh(INBOUND_B, resources(INBOUND_B, 6));
        RenderedFamily stuck = family("aws_glue_inbound_integration_stuck");

        // when scraped
        String text = plain();

        // then the rows of both are in one global order
        List<String> rows = Arrays.stream(text.split("\n")).filter(l -> l.startsWith("aws_glue_inbound_integration_stuck{"))
                .toList();
        assertThat(rows).hasSize(12);
        assertThat(rows.stream().map(r -> r.contains(":integration:a-") ? "A" : "B").collect(Collectors.joining()))
                .as("interleaved").contains("AB", "BA");
        assertThat(rows).isSortedAccordingTo(String::compareTo); // plain ASCII values: byte order is label order

        // when gzipped twice: one merged run, deflated once, kept while its blocks stay
        String unzipped = gunzip(gzip());
        Map<List<Long>, Deflated> cached = stuck.mergedMembers();
        gzip();
        // then
        assertThat(unzipped).isEqualTo(text);
        assertThat(cached).hasSize(1);
        assertThat(stuck.mergedMembers().values()).singleElement().isSameAs(cached.values().iterator().next());

        // when one of the blocks changes
        List<KnownResource> changed = new ArrayList<>(resources(INBOUND_B, 6));
        changed.remove(0);
        metrics.refresh(INBOUND_B, changed);
        gzip();
        // then the run is deflated again, under the new versions
        assertThat(stuck.mergedMembers().keySet()).doesNotContainAnyElementsOf(cached.keySet());
    }

    @Test
    void theDeflatedPiecesSpliceIntoOneGzipMemberOfThePlainText() throws IOException {
        // given
        Estate.generate(7).forEach(metrics::refresh);

        // when
        byte[] compressed = gzip().getBytes(StandardCharsets.ISO_8859_1);

        // then the text, read by a reader that stops after one member (as curl and browsers do)
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        int header = 10;
        inflater.setInput(compressed, header, compressed.length - header);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                assertThat(n > 0 || !inflater.needsInput()).as("the deflate stream ends before its input").isTrue();
                text.write(buffer, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
        assertThat(text.toString(StandardCharsets.UTF_8)).isEqualTo(plain());
        // and after the deflate stream exactly the trailer (CRC-32 and length, checked by the gzip reader): no second member
        assertThat(inflater.getRemaining()).isEqualTo(8);
        assertThat(gunzip(gzip())).isEqualTo(plain());
        inflater.end();
    }

    @Test
    void currentOnlyWritesExactlyOneStatusSeriesPerResourceWithValueOne() throws IOException {
        // given
        RenderedExposition currentOnly = new RenderedExposition();
        ResourceStateMetrics m = new ResourceStateMetrics(new SimpleMeterRegistry(), currentOnly, StateSets.CURRENT_ONLY);
        Map<PollTarget, List<KnownResource>> estate = Estate.generate(9);
        estate.forEach(m::refresh);

        // when
        PrometheusText text = PrometheusText.parse(write(currentOnly, false));

        // then
        for (List<KnownResource> resources : estate.values()) {
            for (KnownResource known : resources) {
                ResourceFamilies families = ResourceFamilies.of(known.resource().kind());
                String idLabel = known.resource().kind() == ResourceKind.APPINTEGRATIONS_ASSOCIATION
                        ? "association_arn" : "integration_arn";
                List<ResourceStatus> statuses = known.resource().kind().statuses();
                String expected = statuses.contains(known.resource().status())
                        ? known.resource().status().label() : ResourceStatus.UNKNOWN.label();
                assertThat(text.find(families.statusName(), Map.of(idLabel, known.resource().arn()
                        .replace("\n", "\\n"))))
                        .singleElement().satisfies(s -> {
                            assertThat(s.labels()).containsEntry("status", expected);
                            assertThat(s.value()).isEqualTo(1.0);
                        });
            }
        }
    }

    /** Plain ASCII names, distinct per target ("a-" or "b-"), labelled with accounts shared by the targets. */
    private static List<KnownResource> resources(PollTarget target, int n) {
        String letter = target.accountId().startsWith("1") ? "a" : "b";
        List<KnownResource> resources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String account = "9" + (i % 3) + "0000000000";
            ObservedResource r = new ObservedResource(target.source().kind(),
                    "arn:aws:glue:" + target.region() + ":" + account + ":integration:" + letter + "-" + i,
                    letter + "-" + i, account, target.region(), target.source().kind().statuses().get(0), List.of(),
                    Map.of(Attributes.TARGET_ARN, "arn:aws:redshift:" + target.region() + ":" + account + ":namespace:n"),
                    Map.of(), null);
            resources.add(new KnownResource(r, T0.plusSeconds(i), T0.plusSeconds(i), false));
        }
        return resources;
    }

    private RenderedFamily family(String name) {
        return rendered.families().stream().filter(f -> f.sortName().equals(name)).findFirst().orElseThrow();
    }

    private String plain() throws IOException {
        return write(rendered, false);
    }

    private String gzip() throws IOException {
        return write(rendered, true);
    }

    /** Gzipped bytes are carried in a Latin-1 string, one char per byte. */
    private static String write(RenderedExposition exposition, boolean gzip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CombinedExposition(new PrometheusRegistry(), exposition, new ScrapeCost(new SimpleMeterRegistry())).collect(false).write(out, gzip);
        return gzip ? out.toString(StandardCharsets.ISO_8859_1) : out.toString(StandardCharsets.UTF_8);
    }

    private static String gunzip(String latin1) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(latin1.getBytes(StandardCharsets.ISO_8859_1)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
