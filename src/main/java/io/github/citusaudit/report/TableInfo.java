package io.github.citusaudit.report;

/**
 * What {@code info} says of one audited table; null where it does not apply (no Citus, no history).
 *
 * @param distribution how Citus holds the table ("hash by client_id, 32 shards", "reference"), or "local"
 * @param mode the trigger mode installed: native, placement, plain (no Citus), or "not installed"
 * @param placements shard placements with the audit trigger, "32 of 32" (Citus)
 * @param slowPath shards without a branch in the trigger function, which take the distributed INSERT (native mode)
 * @param historyRows rows in the history table
 * @param historySize the history table's size on disk, on every node (and partition)
 * @param lastChange when the newest history row was written
 */
public record TableInfo(String table, String distribution, String mode, String placements, String slowPath, String historyRows,
        String historySize, String lastChange) {
}
