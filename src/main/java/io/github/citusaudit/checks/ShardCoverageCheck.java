package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.citusaudit.catalog.AuditFunction;
import io.github.citusaudit.catalog.ShardBranches;
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
        Set<String> branches = ShardBranches.branches(AuditFunction.read(connection, trigger).map(AuditFunction::source).orElse(""));
        Map<String, List<String>> shardsByPartition = new LinkedHashMap<>();
        Map<String, List<String>> uncoveredByPartition = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (ShardBranches.Shard shard : ShardBranches.shards(connection, trigger)) {
            String partition = shard.partition();
            names.add(shard.branchName());
            shardsByPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(shard.shardId());
            if (!branches.contains(shard.branchName())) {
                uncoveredByPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(shard.shardId());
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
}
