package io.integrationmonitor.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The pooled connection to the monitor's database, migrated on open. One per process; every
 * JDBC-backed store (state, alert outbox, Quartz in clustered mode) shares it.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Chunks less full than this are rewritten by {@link #compact}; measured: 95 keeps heavy churn near 5x its rows. */
    private static final int REWRITE_BELOW_FILL_PERCENT = 95;
    private static final int REWRITE_BYTES_PER_STEP = 16 << 20;

    /** How long a caller of the PostgreSQL pool waits for a connection (Hikari's default is 30 s). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** The same for the {@link #readPool() read pool}: an HTTP answer must not wait for the database. */
    static final Duration READ_CONNECTION_TIMEOUT = Duration.ofMillis(500);

    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final Path embeddedFile;

    public enum Dialect { H2, POSTGRESQL }

    private Database(HikariDataSource pool, Dialect dialect, Path embeddedFile) {
        this.pool = pool;
        this.dataSource = new ReportingDataSource(pool, new Outage("database pool " + pool.getPoolName(),
                Clock.systemUTC()));
        this.dialect = dialect;
        this.embeddedFile = embeddedFile;
    }

    /** Parsed statements each embedded connection keeps (see {@link #embedded(Path, int)}). */
    private static final int QUERY_CACHE_SIZE = 128;
    /** H2's page cache of an embedded database, in KB (its {@code CACHE_SIZE}; 16 MB by default). */
    private static final int PAGE_CACHE_KB = 4096;

    /** {@link #embedded(Path, int)} with four connections: enough for one poll at a time and the rest. */
    public static Database embedded(Path dataDir) {
        return embedded(dataDir, 4);
    }

    /**
     * Embedded database file {@code integration-monitor.mv.db} under {@code dataDir}, created if missing.
     *
     * @param poolSize connections: one per poll that may commit at once, and a few for the rest, so that a poll never
     *                 waits for a connection another poll holds (H2 runs their transactions side by side)
     * @throws DatabaseOpenException when the directory cannot be created or written, or another process holds it
     */
    public static Database embedded(Path dataDir, int poolSize) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw OpenFailures.dataDirectory(dataDir, e);
        }
        if (!Files.isWritable(dataDir)) {
            throw OpenFailures.notWritable(dataDir);
        }
        String file = dataDir.toAbsolutePath().resolve("integration-monitor").toString();
        // PostgreSQL mode keeps the SQL of the migrations and stores portable between H2 and PostgreSQL.
        // A poll waits for another replica's or thread's lock on its target; allow more than H2's short default.
        // WRITE_DELAY=0: a commit reaches the file at once, so kill -9 loses no acknowledged state or outbox row.
        // DB_CLOSE_ON_EXIT=FALSE: our shutdown closes the pool after the polls; H2's own hook would close first.
        // QUERY_CACHE_SIZE: a poll and its alert evaluation run a few dozen distinct statements; H2 keeps 8 parsed
        // per connection by default, so each poll would parse most of its SQL again.
        // CACHE_SIZE (KB): H2's 16 MB page cache held about 6 MB more of the heap at 25,500 resources than 4 MB
        // does, for no measured cost per poll (BENCHMARKS.md); pages beyond it come from the OS's file cache.
        String url = "jdbc:h2:file:" + file
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + PAGE_CACHE_KB + ";QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
        probe(url, "sa", "", e -> OpenFailures.embedded(dataDir, e));
        return open(url, "sa", "", Dialect.H2, poolSize, Path.of(file + ".mv.db"));
    }

    /** A private in-memory database, gone when closed: for one-shot runs that must not touch the data directory. */
    public static Database inMemory() {
        String url = "jdbc:h2:mem:integration-monitor-" + java.util.UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE;
        return open(url, "sa", "", Dialect.H2, 4, null);
    }

    /**
     * PostgreSQL, shared by the replicas of a cluster. Besides the shared migrations this creates the
     * Quartz job store tables ({@code qrtz_*}) of the clustered schedule.
     *
     * @throws DatabaseOpenException when the server cannot be reached or refuses the user, password or database
     */
    public static Database postgres(String jdbcUrl, String user, String password, int poolSize) {
        probe(jdbcUrl, user, password, e -> OpenFailures.postgres(jdbcUrl, e));
        return open(jdbcUrl, user, password, Dialect.POSTGRESQL, poolSize, null);
    }

    /**
     * One plain connection first: its failure says precisely what is wrong (and the pool would log a stack
     * trace at ERROR for it).
     */
    private static void probe(String url, String user, String password,
                              Function<SQLException, DatabaseOpenException> explain) {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.isValid(1);
        } catch (SQLException e) {
            throw explain.apply(e);
        }
    }

    private static Database open(String url, String user, String password, Dialect dialect, int poolSize,
                                 Path embeddedFile) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("integration-monitor");
        config.setAutoCommit(true);
        // Each statement must see rows committed by others once it holds a lock (the state store relies on it).
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (dialect == Dialect.POSTGRESQL) {
            // a poll or check-in gives up sooner while PostgreSQL is unreachable; an embedded file never is, and
            // its lock waits (up to 10 s) keep the longer default
            config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            if (dialect == Dialect.POSTGRESQL) {
                migrateQuartzTables(ds);
            }
        } catch (FlywayException e) {
            ds.close();
            throw OpenFailures.migration(e);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect, embeddedFile);
    }

    /**
     * The Quartz tables have their own history table: one shared version sequence would have a Quartz
     * V100 block every later shared V2, V3... as "not applied" (Flyway refuses out-of-order versions).
     * The schema already holds the shared tables, hence the baseline at version 0.
     */
    private static void migrateQuartzTables(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/quartz-postgresql")
                .table("quartz_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /**
     * A second, small pool on the same database (no migrations) for reads that answer HTTP requests: it
     * gives up on a connection after {@link #READ_CONNECTION_TIMEOUT} (connecting and each read are capped
     * too), so while the database is unreachable a request fails at once instead of after the main pool's
     * timeout. It opens even when the database is down; close it before this one. It never compacts the
     * embedded file: this one does.
     */
    public Database readPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pool.getJdbcUrl());
        config.setUsername(pool.getUsername());
        config.setPassword(pool.getPassword());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setPoolName(pool.getPoolName() + "-reads");
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(READ_CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(250);
        config.setInitializationFailTimeout(-1);
        if (dialect == Dialect.POSTGRESQL) {
            // pgjdbc, in seconds: a half-open connection (packets dropped) must not hold a request either
            config.addDataSourceProperty("connectTimeout", "1");
            config.addDataSourceProperty("socketTimeout", "5");
        }
        return new Database(new HikariDataSource(config), dialect, null);
    }

    /**
     * Reclaims space in the embedded database file for at most about {@code maxTime}: rewrites the sparsest
     * chunks, a step at a time, so that freed space is reused and the file's tail can be truncated. Writers
     * wait for the step in progress only. H2 does this in a background thread only when commits are delayed
     * (WRITE_DELAY &gt; 0), which {@link #embedded} turns off for durability, and offers it on a live database
     * only through its engine API. A no-op for PostgreSQL (autovacuum) and the in-memory database.
     */
    public void compact(Duration maxTime) {
        if (!isEmbeddedFile()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
            MVStore store = session.getDatabase().getStore().getMvStore();
            long deadline = System.nanoTime() + maxTime.toNanos();
            while (System.nanoTime() < deadline && store.compact(REWRITE_BELOW_FILL_PERCENT, REWRITE_BYTES_PER_STEP)) {
                // another step while time is left and there is something to rewrite
            }
        } catch (SQLException | RuntimeException e) {
            throw new StateStoreException("compacting the database file failed: " + e.getMessage(), e);
        }
    }

    /**
     * Bytes the state takes: the embedded database's file, or PostgreSQL's tables (with indexes and TOAST) in
     * the current schema; empty for the in-memory database or when the size cannot be read.
     */
    public OptionalLong sizeBytes() {
        try {
            if (isEmbeddedFile()) {
                return OptionalLong.of(Files.size(embeddedFile));
            }
            if (dialect == Dialect.POSTGRESQL) {
                try (Connection c = pool.getConnection(); var s = c.createStatement();
                     var rs = s.executeQuery("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                             + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                             + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')")) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        } catch (java.io.IOException | SQLException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private void compactOnShutdown() {
        java.sql.Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            log.warn("compacting the database file on shutdown failed: {}", e.getMessage());
            return;
        }
        try (var s = c.createStatement()) {
            // SHUTDOWN ends every session: only when no other pool in this JVM shares the file (tests do).
            if (onlySessionsAreOurs(s)) {
                s.execute("SHUTDOWN COMPACT");
            }
        } catch (SQLException e) {
            log.warn("compacting the database file on shutdown failed: {}", e.getMessage());
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // Expected after SHUTDOWN: the pool's reset of the connection finds the database closed.
                log.debug("closing the connection after SHUTDOWN COMPACT: {}", e.getMessage());
            }
        }
    }

    private boolean onlySessionsAreOurs(java.sql.Statement s) throws SQLException {
        try (var rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            return rs.next() && rs.getInt(1) <= pool.getHikariPoolMXBean().getTotalConnections();
        }
    }

    private boolean isEmbeddedFile() {
        return embeddedFile != null;
    }

    /** The pool, reporting an outage (one WARN, one INFO when it is over) to the log; see {@link Outage}. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Closes the pool. The embedded database is shut down with {@code SHUTDOWN COMPACT} first: the file is
     * rewritten to hold only live data (for a file of some hundred MB, a second or two). Not when another
     * pool in this JVM has the same file open: H2 shares it, and that one closes it later.
     */
    @Override
    public void close() {
        if (isEmbeddedFile() && !pool.isClosed()) {
            compactOnShutdown();
        }
        if (pool.getJdbcUrl().startsWith("jdbc:h2:mem:")) {
            // DB_CLOSE_DELAY=-1 keeps it alive across pool churn; drop it explicitly.
            try (var c = pool.getConnection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // Already gone: nothing to free.
            }
        }
        pool.close();
    }
}
