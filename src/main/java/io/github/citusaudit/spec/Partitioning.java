package io.github.citusaudit.spec;

import java.util.List;
import java.util.Locale;

/**
 * How a source table is partitioned (PostgreSQL declarative partitioning): by {@code strategy} on
 * one {@code column}, with the partitions the plugin creates with it (none for a table that exists
 * or whose partitions are made elsewhere, e.g. by Citus' create_time_partitions). Rows land in the
 * partitions, which on Citus are distributed tables of their own, colocated with the parent.
 */
public record Partitioning(Strategy strategy, String column, List<PartitionSpec> partitions) {

    /** PostgreSQL's partitioning strategies, as {@code PARTITION BY} writes them. */
    public enum Strategy {
        RANGE,
        LIST,
        HASH;

        /** The word in the spec: {@code range}, {@code list} or {@code hash}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Partitioning {
        partitions = List.copyOf(partitions);
    }
}
