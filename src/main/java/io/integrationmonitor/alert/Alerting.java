package io.integrationmonitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.state.Database;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Alerting wired together: subscribe {@link #engine()} to the event bus, mount {@link #silencesHandler()}
 * at {@code /api/v1/silences}, {@link #start()} the dispatcher, and {@link #close()} on shutdown.
 */
public final class Alerting implements AutoCloseable {
    private final AlertEngine engine;
    private final OutboxDispatcher dispatcher;
    private final SilencesHandler silencesHandler;

    private Alerting(AlertEngine engine, OutboxDispatcher dispatcher, SilencesHandler silencesHandler) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.silencesHandler = silencesHandler;
    }

    /**
     * @param receivers from {@link Receivers#create}
     * @param clock     drives lifecycle timing, retries and silences
     */
    public static Alerting create(AlertingConfig config, Database database, Map<String, Receiver> receivers,
                                  MeterRegistry registry, Clock clock) {
        ObjectMapper json = Json.newMapper();
        AlertStore store = new AlertStore(database.dataSource(), json);
        Outbox outbox = new Outbox(database.dataSource(), json);
        Silences silences = new Silences(config.silences(), new SilenceStore(database.dataSource(), json));
        AlertMetrics metrics = new AlertMetrics(registry, receivers.keySet());
        OutboxDispatcher dispatcher = new OutboxDispatcher(receivers, outbox, config, clock, metrics,
                RandomGenerator.getDefault());
        AlertEngine engine = new AlertEngine(config, database.dataSource(), store, outbox, silences,
                new Router(config), receivers, metrics, clock, dispatcher::wakeUp);
        metrics.firingCounts(store.firingCounts());
        return new Alerting(engine, dispatcher, new SilencesHandler(silences, clock, json));
    }

    public AlertEngine engine() {
        return engine;
    }

    public OutboxDispatcher dispatcher() {
        return dispatcher;
    }

    public SilencesHandler silencesHandler() {
        return silencesHandler;
    }

    /** Starts delivering (one worker per receiver). */
    public void start() {
        dispatcher.start();
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
