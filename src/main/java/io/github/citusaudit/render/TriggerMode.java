package io.github.citusaudit.render;

/** How the audit trigger reaches the shards of a hash-distributed table. */
public enum TriggerMode {
    /**
     * One trigger on the distributed table, which Citus puts on every shard and keeps through moves
     * and splits; its function dispatches to the colocated history shard. Needs Citus 11 or later.
     * Without Citus this is the plain PostgreSQL trigger.
     */
    NATIVE,
    /**
     * A trigger per shard placement with a static function per shard, attached through
     * run_command_on_colocated_placements: for Citus before 11. Lost on shard moves and splits
     * until apply runs again.
     */
    PLACEMENT
}
