package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.catalog.HistoryPartitions;
import io.github.citusaudit.catalog.LivePartitioning;
import io.github.citusaudit.catalog.PartitionTriggers;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.HistorySpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * A partitioned table or history: partitioned as the spec declares; on plain PostgreSQL every
 * partition has the audit trigger (on Citus the triggers check asks each partition's shards); and a
 * history partitioned by time has a partition for now and for the next interval, without which
 * changes cannot be recorded and so fail. Run only for tables the spec or the database partitions.
 */
final class PartitioningCheck implements Check {

    @Override
    public String name() {
        return "partitioning";
    }

    /** Whether the check has anything to say about the table. */
    static boolean applies(TableSpec table, LivePartitioning source) {
        return table.partitioned() || source.partitioned() || table.history().partitionBy() != null;
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        HistorySpec history = table.history();
        LivePartitioning source = LivePartitioning.of(live.connection(), table.schema(), table.name());
        LivePartitioning historyTable = history.partitionBy() == null ? LivePartitioning.ABSENT
                : LivePartitioning.of(live.connection(), history.schema(), history.table());
        List<Finding> findings = new ArrayList<>();
        LivePartitioning.problem(table, source, historyTable).ifPresent(problem -> findings.add(new Finding("", problem)));
        if (!live.citus() && source.partitioned()) {
            for (String partition : PartitionTriggers.without(live.connection(), table)) {
                findings.add(new Finding("partition " + partition, "no enabled audit trigger: its changes are not"
                        + " recorded; run apply"));
            }
        }
        if (history.partitionBy() != null && historyTable.partitioned()) {
            findings.addAll(reach(history, HistoryPartitions.of(live.connection(), history)));
        }
        return findings;
    }

    private static List<Finding> reach(HistorySpec history, HistoryPartitions partitions) {
        String table = history.schema() + "." + history.table();
        String interval = history.partitionBy().interval().unit();
        if (!partitions.coversNow()) {
            return List.of(new Finding("", "no partition of history table " + table + " takes a change made now"
                    + (partitions.end() == null ? "" : " (the last ends at " + partitions.end() + ")")
                    + ": every change to the table fails until one does; run apply"));
        }
        if (!partitions.coversNext()) {
            return List.of(new Finding("", "the last partition of history table " + table + " ends at " + partitions.end()
                    + ", less than a " + interval + " from now: from then on every change to the table fails; run apply"
                    + " (it makes partitions " + history.partitionBy().ahead() + " " + interval + "(s) ahead)"));
        }
        return List.of();
    }
}
