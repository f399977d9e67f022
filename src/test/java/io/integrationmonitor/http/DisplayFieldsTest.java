package io.integrationmonitor.http;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.Listings;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON API keeps identifiers exact and makes the display text (error messages) inert. */
class DisplayFieldsTest {
    @Test
    void errorMessagesAreInertAndNamesStayExact() {
        // given a resource whose name and error message carry a line break and a right-to-left override
        String name = "orders\n\u202Esil";
        ObservedResource r = new ObservedResource(ResourceKind.GLUE_INTEGRATION,
                "arn:aws:glue:us-east-1:123456789012:integration:x", name, "123456789012", "us-east-1", ResourceStatus.FAILED,
                List.of(ResourceError.of("Code\u202E", "line one\nline two \u202Eevil")), Map.of(), Map.of("t", "v\u202E"),
                null);
        Instant at = Instant.parse("2025-03-03T09:00:00Z");

        // when shown by /api/v1/resources
        ResourceView view = ResourceView.of(new Listings.Listed(List.of(new KnownResource(r, at, at, false))));

        // then the message is escaped, while the name, code and tags are the values AWS has
        assertThat(view.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("line one\\nline two \\u202Eevil");
            assertThat(e.code()).isEqualTo("Code\u202E");
        });
        assertThat(view.name()).isEqualTo(name);
        assertThat(view.tags()).containsEntry("t", "v\u202E");
    }
}
