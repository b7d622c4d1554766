package io.github.citusaudit.spec;

/** How Citus holds a table; {@code LOCAL} is a plain PostgreSQL table (also what every table is without Citus). */
public enum DistributionKind {
    HASH,
    REFERENCE,
    LOCAL,
    /** One shard and no distribution column: {@code create_distributed_table(t, NULL)} (Citus 12 and later). */
    SINGLE_SHARD,
    /**
     * A table of a distributed schema (schema-based sharding, Citus 12 and later): Citus makes every
     * table created there a single-shard table, colocated with the schema's other tables.
     */
    DISTRIBUTED_SCHEMA,
    /** Not declared: read from the database, as its columns are ({@code columns: existing}). */
    EXISTING
}
