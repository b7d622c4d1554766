package io.github.citusaudit.spec;

/**
 * Where the rows of a source table live. For {@code HASH}, {@code column} is the distribution column,
 * {@code shardCount} may be null (Citus' default) and {@code colocateWith} is {@code default},
 * {@code none} or another table of the spec.
 */
public record Distribution(DistributionKind kind, String column, Integer shardCount, String colocateWith) {

    public static final Distribution LOCAL = new Distribution(DistributionKind.LOCAL, null, null, null);
    public static final Distribution REFERENCE = new Distribution(DistributionKind.REFERENCE, null, null, null);

    public boolean isHash() {
        return kind == DistributionKind.HASH;
    }

    public boolean isReference() {
        return kind == DistributionKind.REFERENCE;
    }

    public boolean isLocal() {
        return kind == DistributionKind.LOCAL;
    }
}
