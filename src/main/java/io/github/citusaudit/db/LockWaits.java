package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a backend of ours is waiting for, asked from a second connection while its statement runs:
 * the lock it has not been granted (pg_locks) and who holds it (pg_blocking_pids), or, on Citus,
 * a lock on a worker (citus_lock_waits). Opened on the first question, so that statements that wait
 * for nothing cost no connection.
 */
final class LockWaits implements AutoCloseable {

    private static final String LOCAL = """
            SELECT l.locktype, CASE WHEN l.relation IS NOT NULL THEN l.relation::regclass::text END,
                   array_to_string(pg_catalog.pg_blocking_pids(l.pid), ', ')
              FROM pg_catalog.pg_locks l
             WHERE l.pid = ?::int AND NOT l.granted
             LIMIT 1""";

    /**
     * Citus 11 and later: waits on any node of the cluster, by global process id (the node's id times
     * 10^10 plus the pid): the coordinator's statement waits on a worker, in a backend of Citus' own
     * that carries the statement's global pid.
     */
    private static final String DISTRIBUTED = """
            SELECT (w.blocking_gpid % 10000000000)::text, coalesce(n.nodename || ':' || n.nodeport, 'node ' || w.blocking_nodeid)
              FROM pg_catalog.citus_lock_waits w LEFT JOIN pg_catalog.pg_dist_node n ON n.nodeid = w.blocking_nodeid
             WHERE w.waiting_gpid = ?::bigint
             LIMIT 1""";

    private final Database database;
    private Connection connection;
    private Boolean citus;

    LockWaits(ConnectionSettings settings) {
        this.database = new Database(settings);
    }

    /** "a lock on shop.orders held by pid 3251", "another apply to finish (pid 77)", or empty when it waits for none. */
    synchronized Optional<String> of(int pid, String gpid) throws SQLException {
        if (connection == null) {
            connection = database.connect("citus-audit lock watch");
            citus = "t".equals(new Query(connection).value("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension"
                    + " WHERE extname = 'citus') AND to_regclass('citus_lock_waits') IS NOT NULL"));
        }
        Query query = new Query(connection);
        List<List<String>> rows = query.rows(LOCAL, String.valueOf(pid));
        if (!rows.isEmpty()) {
            List<String> row = rows.get(0);
            String holders = row.get(2) == null || row.get(2).isEmpty() ? "" : " held by pid " + row.get(2);
            if ("advisory".equals(row.get(0))) {
                return Optional.of("another apply to finish (its session is pid " + row.get(2) + ")");
            }
            if (row.get(1) != null) {
                return Optional.of("a lock on " + row.get(1) + holders);
            }
            return Optional.of("a " + row.get(0) + " lock" + holders);
        }
        if (citus && gpid != null) {
            rows = query.rows(DISTRIBUTED, gpid);
            if (!rows.isEmpty()) {
                return Optional.of("a lock on a shard held by pid " + rows.get(0).get(0) + " on " + rows.get(0).get(1));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // only ever read from
            }
            connection = null;
        }
    }
}
