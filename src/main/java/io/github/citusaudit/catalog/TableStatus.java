package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.CatalogFacts;
import io.github.citusaudit.report.TableInfo;
import io.github.citusaudit.spec.AuditColumns;
import io.github.citusaudit.spec.TableSpec;

/**
 * What is installed for one audited table and what its history holds, for {@code info}: read only,
 * from the catalog (see {@link InstalledState}), the placements, and the history table itself.
 */
public final class TableStatus {

    /** The history's size on disk: every table of its partition tree, on every node that holds a shard of it. */
    private static final String SIZE = """
            SELECT pg_catalog.pg_size_pretty(sum(%s)::bigint)
              FROM (SELECT pg_catalog.to_regclass(?) AS relid
                    UNION SELECT relid FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass(?))) t
             WHERE t.relid IS NOT NULL""";
    private static final String LOCAL_SIZE = "pg_catalog.pg_total_relation_size(t.relid)";
    private static final String CITUS_SIZE = "CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition d"
            + " WHERE d.logicalrelid = t.relid) THEN pg_catalog.citus_total_relation_size(t.relid, fail_on_error => false)"
            + " ELSE pg_catalog.pg_total_relation_size(t.relid) END";

    private final Connection connection;
    private final boolean citus;
    private final SqlQuote q = new SqlQuote();

    public TableStatus(Connection connection, boolean citus) {
        this.connection = connection;
        this.citus = citus;
    }

    public TableInfo read(TableSpec table) throws SQLException {
        String source = q.table(table.schema(), table.name());
        String history = q.table(table.history().schema(), table.history().table());
        CatalogFacts facts = new InstalledState(connection, citus).ofTable(table, citus);
        Map<String, String> all = facts.facts();
        String distribution = citus ? all.getOrDefault("distribution:" + source, "local") : null;
        String trigger = all.get("trigger:" + q.id(table.history().triggerName()) + " on " + source);
        boolean shardFunctions = InstalledState.hasShardFunctions(facts);
        String mode = mode(trigger, shardFunctions);
        String placements = all.get("placements:" + source);
        String slowPath = null;
        if (trigger != null && distribution != null && (distribution.startsWith("hash") || distribution.startsWith("single-shard"))) {
            Set<String> branches = ShardBranches.branches(AuditFunction.read(connection, table).map(AuditFunction::source).orElse(""));
            var shards = ShardBranches.shards(connection, table);
            long uncovered = shards.stream().filter(s -> !branches.contains(s.branchName())).count();
            slowPath = uncovered + " of " + shards.size();
        }
        if (!all.containsKey("table:" + history)) {
            return new TableInfo(table.schema() + "." + table.name(), distribution, mode, placements, slowPath, "no history table",
                    null, null);
        }
        Query query = new Query(connection);
        String rows = query.value("SELECT count(*)::text FROM " + history);
        String size = query.value(SIZE.formatted(citus ? CITUS_SIZE : LOCAL_SIZE), history, history);
        return new TableInfo(table.schema() + "." + table.name(), distribution, mode, placements, slowPath, rows, size,
                lastChange(query, table, history));
    }

    /** The installed mode, from what the catalog holds: the table's own trigger, placement mode's per-shard functions. */
    private String mode(String trigger, boolean shardFunctions) {
        String disabled = trigger != null && trigger.startsWith("disabled") ? " (trigger disabled)" : "";
        if (trigger != null && shardFunctions) {
            return "native, with placement mode's functions left" + disabled;
        }
        if (trigger != null) {
            return (citus ? "native" : "plain") + disabled;
        }
        return shardFunctions ? "placement" : "not installed";
    }

    /**
     * When the newest history row was written: the latest time. Not the row with the highest id: on
     * Citus each node draws its ids from its own range of the sequence, so the highest id is the
     * newest row of one node only (CitusInfoTest saw an older INSERT's time win over a later UPDATE's).
     */
    private String lastChange(Query query, TableSpec table, String history) throws SQLException {
        AuditColumns audit = table.history().auditColumns();
        if (audit.at() == null) {
            return null;
        }
        String value = query.value("SELECT date_trunc('second', max(" + q.id(audit.at().name()) + "))::text FROM " + history);
        return value == null ? "never" : value;
    }
}
