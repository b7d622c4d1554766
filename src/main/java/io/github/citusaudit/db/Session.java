package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.citusaudit.report.Console;

/** Settings of the plugin's own session: how long it may wait for locks, and the lock that serialises applies. */
public final class Session {

    /** One key for every citus-audit apply on a database: two applies at once take turns. */
    static final long APPLY_LOCK_KEY = 0x6369747573617564L;

    private Session() {
    }

    /** Bounds how long any statement may wait for a lock (and so block writers queued behind it). */
    public static void lockTimeout(Connection connection, String lockTimeout) throws SQLException {
        if (lockTimeout == null || lockTimeout.isBlank()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.set_config('lock_timeout', ?, false)")) {
            statement.setString(1, lockTimeout);
            statement.execute();
        }
    }

    /**
     * Takes the apply lock, first without waiting: when another apply holds it, says so (and which
     * session) before waiting for it, as long as lock_timeout allows.
     */
    public static void lockApply(Connection connection, Console console) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.pg_try_advisory_lock(?)")) {
            statement.setLong(1, APPLY_LOCK_KEY);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            }
        }
        String holder = new Query(connection).value("SELECT string_agg(pid::text, ', ') FROM pg_catalog.pg_locks"
                + " WHERE locktype = 'advisory' AND granted AND classid = ?::bigint::oid AND objid = ?::bigint::oid AND objsubid = 1",
                String.valueOf(APPLY_LOCK_KEY >>> 32), String.valueOf(APPLY_LOCK_KEY & 0xFFFFFFFFL));
        String timeout = new Query(connection).value("SELECT current_setting('lock_timeout')");
        console.info("waiting for another apply to finish (its session is pid " + (holder == null ? "?" : holder) + "; for at most "
                + ("0".equals(timeout) ? "ever: no lock timeout" : timeout + ", the lock timeout") + ")");
        lockApply(connection);
    }

    public static void lockApply(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.pg_advisory_lock(?)")) {
            statement.setLong(1, APPLY_LOCK_KEY);
            statement.execute();
        }
    }

    /**
     * Releases the apply lock if the session is still there. Best effort on purpose: an advisory lock
     * ends with its session, the connection is closed right after, and a failure here (the session
     * was lost mid-apply) must not hide the failure that matters.
     */
    public static void unlockApply(Connection connection) {
        try {
            if (connection.isClosed()) {
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?)")) {
                statement.setLong(1, APPLY_LOCK_KEY);
                statement.execute();
            }
        } catch (SQLException ignored) {
            // the session is gone, and its lock with it
        }
    }
}
