package io.github.citusaudit.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;

/**
 * A statement that may hang (a Citus operation waiting forever on something) run with a bound: the
 * server cancels it after {@code limit} (statement_timeout), and should the cancel not take, a
 * watchdog terminates its backend. A test never waits longer than the limit plus a minute.
 */
public final class BoundedSql {

    /** SQLSTATE of a statement cancelled by statement_timeout. */
    public static final String QUERY_CANCELED = "57014";

    private BoundedSql() {
    }

    /** Runs {@code sql} in a session of its own; a statement that outlives {@code limit} ends with SQLSTATE 57014. */
    public static void run(ConnectionSettings settings, String sql, Duration limit) throws SQLException {
        run(settings, List.of(), sql, limit);
    }

    /**
     * The same after {@code setup} statements in the same session, each sent on its own: some Citus
     * functions refuse to run in a multi-statement string ("cannot be executed within a pipeline").
     */
    public static void run(ConnectionSettings settings, List<String> setup, String sql, Duration limit) throws SQLException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> pid = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try (Connection c = new Database(settings).connect(); Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                    r.next();
                    pid.set(r.getString(1));
                }
                for (String statement : setup) {
                    s.execute(statement);
                }
                s.execute("SET statement_timeout = '" + limit.toMillis() + "ms'");
                s.execute(sql);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "bounded-sql");
        runner.setDaemon(true);
        runner.start();
        try {
            runner.join(limit.plusSeconds(30).toMillis());
            if (runner.isAlive() && pid.get() != null) {
                new TestDatabase(settings).execute("SELECT pg_terminate_backend(" + pid.get() + ")");
                runner.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for: " + sql, e);
        }
        if (runner.isAlive()) {
            throw new IllegalStateException("still running after " + limit + ", cancel and terminate: " + sql);
        }
        if (failure.get() instanceof SQLException e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new IllegalStateException(sql + " failed: " + failure.get(), failure.get());
        }
    }

    /** Whether {@code e} is a statement ended by its bound. */
    public static boolean timedOut(SQLException e) {
        return QUERY_CANCELED.equals(e.getSQLState());
    }
}
