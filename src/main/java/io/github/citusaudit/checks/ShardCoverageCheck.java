package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.citusaudit.catalog.AuditFunction;
import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.InstalledTrigger;
import io.github.citusaudit.spec.TableSpec;

/**
 * Native mode: every shard rows land in has a static branch in the trigger function: the table's
 * shards, or for a partitioned table its partitions' shards. Shards without one (new after a split,
 * or of a partition created since apply) take the slower distributed INSERT until apply rebuilds the
 * branches. A partitioned table's branches for shards of no partition (one detached or dropped since)
 * are named too: they do no harm, but the function is not what apply would make.
 */
final class ShardCoverageCheck implements Check {

    /** A branch of the function's CASE on the shard's name: {@code WHEN 'account_102008' THEN}. */
    private static final Pattern BRANCH = Pattern.compile("\\n\\s*WHEN '((?:[^']|'')*)' THEN");

    /**
     * Each shard rows land in, with the last part of its name as the branches spell it, and its
     * partition (empty for the table's own): the table's, unless it is partitioned, and those of the
     * leaves of its partition tree (pg_partition_tree has no rows for a table that is not partitioned).
     */
    private static final String SHARDS = """
            SELECT s.shardid::text, n[array_upper(n, 1)], t.partition
              FROM (SELECT r.relid, '' AS partition FROM pg_catalog.to_regclass(?) r(relid)
                     WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_partitioned_table p WHERE p.partrelid = r.relid)
                    UNION
                    SELECT p.relid, p.relid::regclass::text FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass(?)) p
                     WHERE p.isleaf AND p.level > 0) t
              JOIN pg_catalog.pg_dist_shard s ON s.logicalrelid = t.relid
             CROSS JOIN LATERAL parse_ident(shard_name(s.logicalrelid, s.shardid)) n
             ORDER BY s.shardid""";

    @Override
    public String name() {
        return "shard coverage";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        return findings(live.connection(), table.installedTrigger(), table.partitioned());
    }

    /** For any trigger apply installs with a static branch per shard, audit or custom. */
    static List<Finding> findings(Connection connection, InstalledTrigger trigger, boolean partitioned) throws SQLException {
        Set<String> branches = branches(AuditFunction.read(connection, trigger).map(AuditFunction::source).orElse(""));
        String source = new SqlQuote().table(trigger.schema(), trigger.table());
        List<List<String>> shards = new Query(connection).rows(SHARDS, source, source);
        Map<String, List<String>> shardsByPartition = new LinkedHashMap<>();
        Map<String, List<String>> uncoveredByPartition = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (List<String> shard : shards) {
            String partition = shard.get(2);
            names.add(shard.get(1));
            shardsByPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(shard.get(0));
            if (!branches.contains(shard.get(1))) {
                uncoveredByPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(shard.get(0));
            }
        }
        List<Finding> findings = new ArrayList<>();
        uncoveredByPartition.forEach((partition, uncovered) -> findings.add(uncovered(partition, uncovered,
                shardsByPartition.get(partition).size())));
        if (partitioned) {
            long stale = branches.stream().filter(branch -> !names.contains(branch)).count();
            if (stale > 0) {
                findings.add(new Finding("", stale + " branches of the trigger function name shards of no partition of the"
                        + " table (a partition detached or dropped since apply): they do no harm; apply removes them"));
            }
        }
        return findings;
    }

    /** The shards of the table (partition empty) or of one partition that have no branch. */
    private static Finding uncovered(String partition, List<String> uncovered, int shards) {
        String shardList = "shards " + String.join(", ", uncovered);
        String slowPath = " have no branch in the trigger function and run on the slow path (distributed INSERT)";
        if (partition.isEmpty()) {
            return new Finding(shardList, uncovered.size() + " of " + shards + " shards" + slowPath + ": run apply");
        }
        return new Finding("partition " + partition + " " + shardList, uncovered.size() + " of " + shards
                + " shards of this partition" + slowPath + " (a partition created since apply?): run apply");
    }

    /** The shard names the function has a branch for. */
    private static Set<String> branches(String functionSource) {
        Set<String> branches = new LinkedHashSet<>();
        Matcher matcher = BRANCH.matcher(functionSource);
        while (matcher.find()) {
            branches.add(matcher.group(1).replace("''", "'"));
        }
        return branches;
    }
}
