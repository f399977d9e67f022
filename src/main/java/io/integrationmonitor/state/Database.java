package io.integrationmonitor.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The pooled connection to the monitor's database, migrated on open. One per process; every
 * JDBC-backed store (state, alert outbox, Quartz in clustered mode) shares it.
 */
public final class Database implements AutoCloseable {
    /** How long a caller of the PostgreSQL pool waits for a connection (Hikari's default is 30 s). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** The same for the {@link #readPool() read pool}: an HTTP answer must not wait for the database. */
    static final Duration READ_CONNECTION_TIMEOUT = Duration.ofMillis(500);

    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final Dialect dialect;

    public enum Dialect { H2, POSTGRESQL }

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dataSource = new ReportingDataSource(pool, new Outage("database pool " + pool.getPoolName(),
                Clock.systemUTC()));
        this.dialect = dialect;
    }

    /** Embedded database file {@code integration-monitor.mv.db} under {@code dataDir}, created if missing. */
    public static Database embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        String file = dataDir.toAbsolutePath().resolve("integration-monitor").toString();
        // PostgreSQL mode keeps the SQL of the migrations and stores portable between H2 and PostgreSQL.
        // A poll waits for another replica's or thread's lock on its target; allow more than H2's short default.
        // WRITE_DELAY=0: a commit reaches the file at once, so kill -9 loses no acknowledged state or outbox row.
        // DB_CLOSE_ON_EXIT=FALSE: our shutdown closes the pool after the polls; H2's own hook would close first.
        String url = "jdbc:h2:file:" + file
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
        return open(url, "sa", "", Dialect.H2, 4);
    }

    /** A private in-memory database, gone when closed: for one-shot runs that must not touch the data directory. */
    public static Database inMemory() {
        String url = "jdbc:h2:mem:integration-monitor-" + java.util.UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return open(url, "sa", "", Dialect.H2, 4);
    }

    /**
     * PostgreSQL, shared by the replicas of a cluster. Besides the shared migrations this creates the
     * Quartz job store tables ({@code qrtz_*}) of the clustered schedule.
     */
    public static Database postgres(String jdbcUrl, String user, String password, int poolSize) {
        return open(jdbcUrl, user, password, Dialect.POSTGRESQL, poolSize);
    }

    private static Database open(String url, String user, String password, Dialect dialect, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("integration-monitor");
        if (dialect == Dialect.POSTGRESQL) {
            // a poll or check-in gives up sooner while PostgreSQL is unreachable; an embedded file never is, and
            // its lock waits (up to 10 s) keep the longer default
            config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        }
        config.setAutoCommit(true);
        // Each statement must see rows committed by others once it holds a lock (the state store relies on it).
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
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
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect);
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
     * timeout. It opens even when the database is down; close it before this one.
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
        return new Database(new HikariDataSource(config), dialect);
    }

    /** The pool, reporting an outage (one WARN, one INFO when it is over) to the log; see {@link Outage}. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        if (pool.getJdbcUrl().startsWith("jdbc:h2:mem:")) {
            // DB_CLOSE_DELAY=-1 keeps it alive across pool churn; drop it explicitly.
            try (var c = pool.getConnection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (java.sql.SQLException e) {
                // Already gone: nothing to free.
            }
        }
        pool.close();
    }
}
