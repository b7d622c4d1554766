package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.db.WorkerReply;

/**
 * The nodes holding shards where {@code synchronous_commit} is {@code off} for this database and
 * role. Citus' non-blocking shard transfer (a move, a rebalance or a drain with
 * {@code shard_transfer_mode} auto or force_logical) blocks writes, catches up to the source's
 * {@code pg_current_wal_lsn()} and switches over; that is the WAL written so far, and with
 * {@code synchronous_commit = off} a commit returns before its WAL is written. Writes committed just
 * before the switch-over then stay on the old placement and are dropped with it, their history rows
 * with them (measured on Citus 12.1 and 13.2: README, "Citus operations on an audited table").
 */
public final class AsynchronousCommit {

    private static final String SETTING = "SELECT setting FROM pg_catalog.pg_settings WHERE name = 'synchronous_commit'";

    private AsynchronousCommit() {
    }

    /**
     * The nodes with it off, as {@code coordinator} (only when it holds shards) and {@code host:port};
     * a worker that does not answer is left out (verify's other checks name it).
     */
    public static List<String> nodesWithItOff(Connection connection) throws SQLException {
        Query query = new Query(connection);
        List<String> nodes = new ArrayList<>();
        boolean coordinatorHoldsShards = "t".equals(query.value("""
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_placement p
                                 JOIN pg_catalog.pg_dist_node n ON n.groupid = p.groupid
                                WHERE n.groupid = 0)"""));
        if (coordinatorHoldsShards && "off".equals(query.value(SETTING))) {
            nodes.add("coordinator");
        }
        for (WorkerReply reply : WorkerReply.ask(connection, SETTING)) {
            if (reply.success() && "off".equals(reply.result())) {
                nodes.add(reply.address());
            }
        }
        return nodes;
    }
}
