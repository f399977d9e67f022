package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.outbox.OutboxDispatcher;
import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Alerting on an embedded H2 file database, driven by a {@link MutableClock}; re-creatable on the same files. */
final class AlertingHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

    final Path dataDir;
    final MutableClock clock;
    final AlertingConfig config;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Database database;
    Alerting alerting;

    AlertingHarness(Path dataDir, MutableClock clock, String yaml, Map<String, Receiver> receivers) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.config = config(yaml);
        open(receivers);
    }

    static AlertingConfig config(String yaml) {
        return io.integrationmonitor.config.ConfigLoader.parse(yaml, "test").alerting();
    }

    void open(Map<String, Receiver> receivers) {
        database = Database.embedded(dataDir);
        alerting = Alerting.create(config, database, receivers, registry, clock);
    }

    /** Drops everything without any orderly shutdown, as a killed process would. */
    void crash() {
        alerting.close();
        database.close();
    }

    void reopen(Map<String, Receiver> receivers) {
        open(receivers);
    }

    AlertEngine engine() {
        return alerting.engine();
    }

    OutboxDispatcher dispatcher() {
        return alerting.dispatcher();
    }

    Outbox outbox() {
        return new Outbox(new Jdbc(database.dataSource()), Json.newMapper());
    }

    @Override
    public void close() {
        alerting.close();
        database.close();
    }
}
