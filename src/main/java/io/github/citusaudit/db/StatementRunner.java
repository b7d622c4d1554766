package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.citusaudit.render.RenderedStatement;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.StepResult;

/**
 * Runs rendered statements in order on one connection, each on its own. While one runs, a second
 * connection asks every second what it waits for and says so ("waiting for a lock on s.t held by
 * pid 3251 (5 s of 10 s)"); {@link #cancel()} cancels it on the server (the JVM's shutdown hook on
 * Ctrl-C calls it), and nothing after it runs.
 */
public final class StatementRunner implements AutoCloseable {

    /** SQLSTATE of lock_timeout expiring. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** SQLSTATE of a statement cancelled (pg_cancel_backend, or the driver's cancel request). */
    private static final String QUERY_CANCELED = "57014";
    /** Said after the first second of waiting, then every this many seconds. */
    private static final int SAY_EVERY_SECONDS = 5;

    private final Connection connection;
    private final ConnectionSettings settings;
    private final Console console;
    private final LockWaits lockWaits;
    private ScheduledExecutorService watcher;
    private Integer backendPid;
    /** Citus' global process id of our backend, which its backends on the workers carry; null without Citus. */
    private String globalPid;
    private Long lockTimeoutMillis;

    private volatile java.sql.Statement running;
    private volatile String runningStep;
    private volatile boolean cancelled;

    public StatementRunner(Connection connection, ConnectionSettings settings, Console console) {
        this.connection = connection;
        this.settings = settings;
        this.console = console;
        this.lockWaits = new LockWaits(settings);
    }

    /** Stops at the first failure with an {@link DatabaseException} naming the step and the template. */
    public List<StepResult> run(List<RenderedStatement> statements) {
        List<StepResult> results = new ArrayList<>();
        try {
            int number = 1;
            for (RenderedStatement statement : statements) {
                String progress = "[" + number++ + "/" + statements.size() + "] " + statement.title();
                long millis = run(statement, progress);
                console.info(progress + " ok (" + millis + " ms)");
                results.add(new StepResult(statement, millis));
            }
        } finally {
            close();
        }
        return results;
    }

    /**
     * Runs one statement, saying what it waits for while it waits.
     *
     * @param progress how the step is named in messages, e.g. {@code [3/12] s.t: trigger}
     * @return how long it took, in milliseconds
     */
    public long run(RenderedStatement statement, String progress) {
        if (cancelled) {
            throw new DatabaseException("apply was interrupted before " + progress + ": it did not run, nor anything after it");
        }
        long start = System.nanoTime();
        ScheduledFuture<?> watch = watch(progress, start);
        try (java.sql.Statement jdbc = connection.createStatement()) {
            running = jdbc;
            runningStep = progress;
            if (cancelled) {
                throw new DatabaseException("apply was interrupted before " + progress + ": it did not run, nor anything after it");
            }
            jdbc.execute(statement.sql());
        } catch (SQLException e) {
            console.debug("failed SQL (from template " + statement.template() + "):\n" + statement.sql());
            if (cancelled && QUERY_CANCELED.equals(e.getSQLState())) {
                throw new DatabaseException(progress + " was interrupted: the server cancelled the statement and rolled it back,"
                        + " so nothing of this step is applied; the steps before it are, nothing after it ran. Every step is"
                        + " safe to repeat: apply again to finish. " + Sql.message(e, settings), e);
            }
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new DatabaseException(progress + " gave up waiting for a lock after citus-audit.lockTimeout: another"
                        + " session holds " + statement.subject() + " (a long transaction?). Nothing after this step ran;"
                        + " apply again when it is free. " + Sql.message(e, settings), e);
            }
            if (connectionLost(e) && !stillConnected()) {
                throw new DatabaseException(progress + " lost the connection to " + settings.describe() + " (the server ended"
                        + " the session or the network failed). This step's transaction was rolled back and nothing after it"
                        + " ran; every step is safe to repeat, so apply again. " + Sql.message(e, settings), e);
            }
            throw new DatabaseException(progress + " failed: " + Sql.message(e, settings), e);
        } finally {
            running = null;
            runningStep = null;
            if (watch != null) {
                watch.cancel(false);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Cancels the running statement on the server and lets nothing after it run. Safe from any
     * thread (a shutdown hook's); the statement's own thread gets the failure naming the step.
     *
     * @return the step that was running, or null when none was
     */
    public String cancel() {
        cancelled = true;
        String step = runningStep;
        java.sql.Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                console.warn("could not cancel " + step + " on the server: " + Sql.message(e, settings));
            }
        }
        return step;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Asks every second, from a second connection, what the statement waits for; says it now and then. */
    private ScheduledFuture<?> watch(String progress, long start) {
        try {
            prepareWatch();
        } catch (SQLException e) {
            console.debug("cannot watch for lock waits: " + Sql.message(e, settings));
            return null;
        }
        int[] ticks = {0};
        return watcher.scheduleAtFixedRate(() -> {
            int tick = ++ticks[0];
            if (tick != 1 && tick % SAY_EVERY_SECONDS != 0) {
                return;
            }
            try {
                Optional<String> waitingFor = lockWaits.of(backendPid, globalPid);
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                // Placement commands wait on the workers under the timeout each time anew: the whole step may last longer.
                String bound = lockTimeoutMillis == 0 ? ", no lock timeout"
                        : seconds * 1000 < lockTimeoutMillis ? " of " + format(lockTimeoutMillis) : "; lock timeout " + format(lockTimeoutMillis);
                waitingFor.ifPresent(what -> console.info(progress + ": waiting for " + what + " (" + seconds + " s" + bound + ")"));
            } catch (RuntimeException | SQLException e) {
                console.debug("cannot tell what " + progress + " waits for: " + e.getMessage());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private void prepareWatch() throws SQLException {
        if (backendPid == null) {
            Query query = new Query(connection);
            backendPid = Integer.valueOf(query.value("SELECT pg_catalog.pg_backend_pid()"));
            lockTimeoutMillis = Long.valueOf(query.value("SELECT setting FROM pg_catalog.pg_settings WHERE name = 'lock_timeout'"));
            if ("t".equals(query.value("SELECT to_regprocedure('pg_catalog.citus_backend_gpid()') IS NOT NULL"))) {
                globalPid = query.value("SELECT pg_catalog.citus_backend_gpid()::text");
            }
        }
        if (watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "citus-audit-lock-watch");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    private static String format(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Stops watching and closes the second connection, if one was opened. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        lockWaits.close();
    }

    /** A connection error may be a worker's, reported by Citus through a coordinator session that is fine. */
    private boolean stillConnected() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Class 08 (connection exception) or 57P01..57P03 (the server terminated the session or is shutting down). */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }
}
