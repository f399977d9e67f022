package io.integrationmonitor.http;

import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A table's alert as {@code /api/v1/alerts} lists it: the table, and AWS's code and message made inert. */
class TableAlertFieldsTest {

    @Test
    void theApiListsTheTableAndTheInertError() {
        Alert alert = Alert.builder("table:arn:aws:glue:eu-west-1:1:integration:x|orders|table_ingestion_failed",
                        Condition.TABLE_INGESTION_FAILED)
                .kind("glue_integration").name("x").arn("arn:aws:glue:eu-west-1:1:integration:x").table("orders")
                .status("FAILED").errors(List.of("SchemaMismatch: column\ndropped"))
                .startsAt(Instant.parse("2026-12-02T10:00:00Z")).build();

        AlertsHandler.Firing firing = AlertsHandler.Firing.of(new AlertView(alert, true, false, 1, Map.of()));

        assertThat(firing.table()).isEqualTo("orders");
        assertThat(firing.condition()).isEqualTo("table_ingestion_failed");
        assertThat(firing.errors()).containsExactly("SchemaMismatch: column\\ndropped");
        assertThat(alert.displayName()).isEqualTo("x table orders");
    }
}
