package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.db.NodeAnswer;
import io.github.citusaudit.db.Query;
import io.github.citusaudit.db.WorkerReply;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.InstalledTrigger;
import io.github.citusaudit.spec.TableSpec;

/**
 * Asks every shard placement of the audited Citus tables whether it has exactly one enabled trigger
 * calling the audit function: one query per node for all tables at once (through
 * run_command_on_workers, and locally when the coordinator holds placements), matched against the
 * placements the coordinator's metadata lists. Asking per placement would cost a remote command per
 * shard: tens of seconds for a hundred tables. Citus reports failures as rows, so every row is read.
 */
public final class PlacementTriggers {

    /**
     * Every placement of the given tables, and of their partitions at any level (pg_partition_tree
     * has no rows for a table that is not partitioned): table index, shard, shard name, node, port,
     * whether on the coordinator, and the table's own shard of the same hash range (the shard itself
     * for the table's own shards): placement mode's trigger on a partition's shard is the clone of that shard's.
     */
    private static final String PLACEMENTS = """
            SELECT t.ord, s.shardid, shard_name(s.logicalrelid, s.shardid), n.nodename, n.nodeport, n.groupid = 0,
                   o.shardid
              FROM unnest(?::text[]) WITH ORDINALITY AS t(name, ord)
             CROSS JOIN LATERAL (SELECT pg_catalog.to_regclass(t.name) AS relid
                                 UNION SELECT relid FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass(t.name))) r
              JOIN pg_catalog.pg_dist_shard s ON s.logicalrelid = r.relid
              JOIN pg_catalog.pg_dist_shard o ON o.logicalrelid = pg_catalog.to_regclass(t.name)
                   AND o.shardminvalue IS NOT DISTINCT FROM s.shardminvalue
              JOIN pg_catalog.pg_dist_placement p ON p.shardid = s.shardid
              JOIN pg_catalog.pg_dist_node n ON n.groupid = p.groupid AND n.noderole = 'primary'
             ORDER BY s.shardid, n.nodename, n.nodeport""";

    private final SqlQuote q = new SqlQuote();

    public List<PlacementResult> check(Connection connection, AuditSpec spec) throws SQLException {
        return check(connection, spec.tables().stream().filter(t -> !t.distribution().isLocal()).toList());
    }

    /** The placements of the given tables Citus holds, in shard order. */
    public List<PlacementResult> check(Connection connection, List<TableSpec> tables) throws SQLException {
        return checkTriggers(connection, tables.stream().map(TableSpec::installedTrigger).toList());
    }

    /** The same for any triggers apply installs on Citus tables, audit or custom; results name the trigger's table. */
    public List<PlacementResult> checkTriggers(Connection connection, List<InstalledTrigger> tables) throws SQLException {
        List<Placement> placements = placements(connection, tables);
        if (placements.isEmpty()) {
            return List.of();
        }
        String count = countCommand(placements);
        Map<String, TriggerCounts> answers = new HashMap<>();
        for (WorkerReply worker : WorkerReply.ask(connection, count)) {
            answers.put(worker.address(), TriggerCounts.of(worker.success(), worker.result()));
        }
        if (placements.stream().anyMatch(Placement::onCoordinator)) {
            TriggerCounts local = TriggerCounts.of(true, new Query(connection).value(count));
            placements.stream().filter(Placement::onCoordinator).forEach(p -> answers.put(p.address(), local));
        }
        List<PlacementResult> results = new ArrayList<>();
        for (Placement placement : placements) {
            results.add(placement.result(answers.get(placement.address())));
        }
        return results;
    }

    private List<Placement> placements(Connection connection, List<InstalledTrigger> tables) throws SQLException {
        List<Placement> placements = new ArrayList<>();
        if (tables.isEmpty()) {
            return placements;
        }
        try (PreparedStatement statement = connection.prepareStatement(PLACEMENTS)) {
            statement.setArray(1, connection.createArrayOf("text",
                    tables.stream().map(t -> q.table(t.schema(), t.table())).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    placements.add(new Placement(tables.get(rs.getInt(1) - 1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getBoolean(6), rs.getLong(7)));
                }
            }
        }
        return placements;
    }

    /**
     * One query, the same on every node: for each shard of the list that exists there, how many
     * enabled triggers call the audit function (native mode) or the {@code <function>_<shardid>} of the
     * shard or, for a partition's shard, of the table's shard it is cloned from (placement mode).
     * Exactly one is right; two write history twice.
     * The answer reads {@code shardid=count,...}.
     */
    private String countCommand(List<Placement> placements) {
        Map<Long, Placement> shards = new LinkedHashMap<>();
        placements.forEach(p -> shards.putIfAbsent(p.shardId(), p));
        StringBuilder values = new StringBuilder();
        for (Placement shard : shards.values()) {
            values.append(values.isEmpty() ? "" : ", ").append('(').append(shard.shardId()).append(", ")
                    .append(q.lit(shard.shardName())).append(", ").append(q.lit(q.id(shard.table().functionSchema())))
                    .append(", ").append(q.lit(shard.table().functionName())).append(", ")
                    .append(shard.tableShardId()).append(')');
        }
        return "SELECT " + NodeAnswer.aggregate("v.shardid", "(SELECT count(*) FROM pg_catalog.pg_trigger t"
                + " JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid WHERE t.tgrelid = r.rel AND t.tgenabled = 'O'"
                + " AND p.pronamespace = pg_catalog.to_regnamespace(v.function_schema)"
                + " AND p.proname IN (v.function, v.function || '_' || v.table_shardid))")
                + " FROM (VALUES " + values + ") AS v(shardid, shard, function_schema, function, table_shardid)"
                + " CROSS JOIN LATERAL (SELECT pg_catalog.to_regclass(v.shard) AS rel) r WHERE r.rel IS NOT NULL";
    }

    /** @param tableShardId the table's shard of the same hash range: the shard itself unless it is a partition's */
    private record Placement(InstalledTrigger table, long shardId, String shardName, String node, int port, boolean onCoordinator,
            long tableShardId) {

        String address() {
            return node + ":" + port;
        }

        PlacementResult result(TriggerCounts answer) {
            String name = table.tableName();
            if (answer == null) {
                return new PlacementResult(name, node, port, shardId, false, "the node did not answer (not an active worker?)");
            }
            if (!answer.success()) {
                return new PlacementResult(name, node, port, shardId, false, answer.error());
            }
            String counted = answer.triggers().get(shardId);
            if (counted == null) {
                return new PlacementResult(name, node, port, shardId, false, "shard " + shardName + " is not on this node");
            }
            long count = Long.parseLong(counted);
            if (count == 1) {
                return new PlacementResult(name, node, port, shardId, true, "trigger in place");
            }
            String partition = tableShardId == shardId ? "" : " (partition shard " + shardName + ")";
            return new PlacementResult(name, node, port, shardId, false, (count == 0 ? "no enabled audit trigger"
                    : count + " audit triggers: every change is recorded " + count + " times") + partition);
        }
    }

    /** What one node said: its trigger count per shard, or why it could not say. */
    private record TriggerCounts(boolean success, String error, Map<Long, String> triggers) {

        static TriggerCounts of(boolean success, String result) {
            return success ? new TriggerCounts(true, null, NodeAnswer.read(result)) : new TriggerCounts(false, result, Map.of());
        }
    }
}
