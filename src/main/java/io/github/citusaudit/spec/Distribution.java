package io.github.citusaudit.spec;

/**
 * Where the rows of a source table live. For {@code HASH}, {@code column} is the distribution column,
 * {@code shardCount} may be null (Citus' default) and {@code colocateWith} is {@code default},
 * {@code none} or another table of the spec; {@code SINGLE_SHARD} has no column and colocates the same
 * way.
 */
public record Distribution(DistributionKind kind, String column, Integer shardCount, String colocateWith) {

    public static final Distribution LOCAL = new Distribution(DistributionKind.LOCAL, null, null, null);
    public static final Distribution REFERENCE = new Distribution(DistributionKind.REFERENCE, null, null, null);
    public static final Distribution DISTRIBUTED_SCHEMA = new Distribution(DistributionKind.DISTRIBUTED_SCHEMA, null, null, null);
    public static final Distribution EXISTING = new Distribution(DistributionKind.EXISTING, null, null, null);

    /** A single-shard table colocated as {@code colocateWith} says ({@code default}, {@code none} or a table). */
    public static Distribution singleShard(String colocateWith) {
        return new Distribution(DistributionKind.SINGLE_SHARD, null, null, colocateWith);
    }

    public boolean isHash() {
        return kind == DistributionKind.HASH;
    }

    public boolean isReference() {
        return kind == DistributionKind.REFERENCE;
    }

    public boolean isLocal() {
        return kind == DistributionKind.LOCAL;
    }

    /** One shard, no distribution column: declared so, or a table of a distributed schema. */
    public boolean isSingleShard() {
        return kind == DistributionKind.SINGLE_SHARD || kind == DistributionKind.DISTRIBUTED_SCHEMA;
    }

    public boolean inDistributedSchema() {
        return kind == DistributionKind.DISTRIBUTED_SCHEMA;
    }

    /** Left to the database: to be read from it before anything is rendered or compared. */
    public boolean isExisting() {
        return kind == DistributionKind.EXISTING;
    }

    /** What the spec says the table is, as verify's messages put it. */
    public String describe() {
        return switch (kind) {
            case HASH -> "hash-distributed by " + column;
            case REFERENCE -> "a reference table";
            case LOCAL -> "a local table";
            case SINGLE_SHARD -> "a single-shard table";
            case DISTRIBUTED_SCHEMA -> "a single-shard table of a distributed schema";
            case EXISTING -> "as the database has it";
        };
    }
}
