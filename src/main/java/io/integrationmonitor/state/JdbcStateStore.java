package io.integrationmonitor.state;

import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The state store over a {@link Database}: embedded H2 or PostgreSQL, same SQL. The database belongs
 * to the caller, who closes it after the store.
 *
 * <p>Instants are kept to the millisecond; {@link #applyPoll} returns its result at that precision,
 * so what a caller holds is exactly what a later read (or another replica) sees.
 */
public final class JdbcStateStore implements StateStore {
    private final Jdbc jdbc;
    private final PollTargetTable targets = new PollTargetTable();
    private final KnownResourceTable resources;
    private final EventTable events;
    /** Targets whose row this store has inserted or found. */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public JdbcStateStore(Database database) {
        this(Objects.requireNonNull(database, "database").dataSource());
    }

    /** Over a data source of a migrated {@link Database}: lets tests observe the SQL the store issues. */
    JdbcStateStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        PayloadCodec codec = new PayloadCodec();
        this.resources = new KnownResourceTable(codec);
        this.events = new EventTable(codec);
    }

    @Override
    public Detection.Result applyPoll(PollTarget target, Detection detection) {
        ensureOpen();
        ensureTarget(target);
        return jdbc.inTransaction("applying a poll of " + target, c -> {
            Long sharedLastSeen = targets.lock(c, target);
            Map<String, KnownResourceTable.Row> rows = resources.rows(c, target);
            Detection.Result result = toStoredPrecision(detection.detect(KnownResourceTable.resources(rows)));
            Long newSharedLastSeen = latestLastSeen(result.newState(), sharedLastSeen);
            resources.sync(c, target, rows, result.newState(), newSharedLastSeen);
            if (newSharedLastSeen != null && !newSharedLastSeen.equals(sharedLastSeen)) {
                targets.setResourcesSeenAt(c, target, newSharedLastSeen);
            }
            events.insert(c, result.events());
            return result;
        });
    }

    @Override
    public Map<String, KnownResource> knownResources(PollTarget target) {
        ensureOpen();
        return jdbc.withConnection("reading resources of " + target, c -> resources.load(c, target));
    }

    @Override
    public List<KnownResource> allResources() {
        ensureOpen();
        return jdbc.withConnection("reading resources", resources::all);
    }

    @Override
    public List<ResourceEvent> eventsSince(Instant since, int limit) {
        ensureOpen();
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.withConnection("reading events", c -> events.since(c, since, limit));
    }

    @Override
    public List<EventQuery.Stored> events(EventQuery query) {
        ensureOpen();
        if (query.limit() <= 0) {
            return List.of();
        }
        return jdbc.withConnection("reading events", c -> events.page(c, query));
    }

    @Override
    public int pruneEventsBefore(Instant cutoff) {
        ensureOpen();
        return jdbc.withConnection("pruning events", c -> events.deleteBefore(c, cutoff));
    }

    @Override
    public void recordPollSuccess(PollTarget target, Instant at, Duration took) {
        ensureOpen();
        ensureTarget(target);
        jdbc.withConnection("recording a poll success of " + target, c -> {
            targets.recordSuccess(c, target, at, took);
            return null;
        });
    }

    @Override
    public int recordPollFailure(PollTarget target, Instant at, PollErrorReason reason, String message) {
        ensureOpen();
        ensureTarget(target);
        return jdbc.inTransaction("recording a poll failure of " + target,
                c -> targets.recordFailure(c, target, at, reason, message));
    }

    @Override
    public void recordPollNotPermitted(PollTarget target, Instant at, String message) {
        ensureOpen();
        ensureTarget(target);
        jdbc.inTransaction("recording that " + target + " is not permitted", c -> {
            targets.recordNotPermitted(c, target, at, message);
            return null;
        });
    }

    @Override
    public List<TargetHealth> targetHealth() {
        ensureOpen();
        return jdbc.withConnection("reading target health", targets::health);
    }

    /** Marks the store closed; the {@link Database} stays open (it is shared). */
    @Override
    public void close() {
        closed = true;
    }

    /**
     * Inserts the target's row once per store: rows of targets are never deleted, so after the first insert every
     * poll would pay a statement and a commit of its own for nothing.
     */
    private void ensureTarget(PollTarget target) {
        if (registered.contains(target.key())) {
            return;
        }
        jdbc.withConnection("registering " + target, c -> {
            targets.ensure(c, target);
            return null;
        });
        registered.add(target.key());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("state store is closed");
        }
    }

    /**
     * The last-seen time the target's rows will share: the newest in the new state (a poll sees all of its
     * resources at once, so in practice every one), or the current one when the state is empty.
     */
    private static Long latestLastSeen(List<KnownResource> state, Long current) {
        Long latest = null;
        for (KnownResource r : state) {
            long lastSeen = r.lastSeen().toEpochMilli();
            if (latest == null || lastSeen > latest) {
                latest = lastSeen;
            }
        }
        return latest != null ? latest : current;
    }

    private static Detection.Result toStoredPrecision(Detection.Result result) {
        List<KnownResource> state = new ArrayList<>(result.newState().size());
        for (KnownResource r : result.newState()) {
            state.add(new KnownResource(r.resource(), millis(r.statusSince()), millis(r.lastSeen()), r.stuckReported(),
                    r.lastUnhealthy()));
        }
        List<ResourceEvent> evts = new ArrayList<>(result.events().size());
        for (ResourceEvent e : result.events()) {
            evts.add(e.at(millis(e.at())));
        }
        return new Detection.Result(state, evts);
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
