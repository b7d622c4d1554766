package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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
