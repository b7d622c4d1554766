package io.github.citusaudit.render;

import java.util.List;
import java.util.Locale;

import io.github.citusaudit.spec.PartitionSpec;
import io.github.citusaudit.spec.Partitioning;

/**
 * What the templates print about a partitioned source table: its partition key for
 * {@code PARTITION BY} and the partitions the spec declares, each with its bound. Names quoted;
 * bound values as literals (PostgreSQL reads them as the partition column's type), but for the
 * open ends of a range, {@code MINVALUE} and {@code MAXVALUE}.
 */
public final class PartitioningView {

    private final String key;
    private final List<Partition> partitions;

    /**
     * A partition to create.
     *
     * @param table the partition, schema-qualified and quoted
     * @param bound {@code FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')}, {@code FOR VALUES IN (...)},
     *              {@code FOR VALUES WITH (MODULUS 4, REMAINDER 0)} or {@code DEFAULT}
     */
    public record Partition(String table, String bound) {
    }

    PartitioningView(Partitioning partitioning, String schema, SqlQuote q) {
        key = partitioning.strategy().name() + " (" + q.id(partitioning.column()) + ")";
        partitions = partitioning.partitions().stream()
                .map(p -> new Partition(q.table(schema, p.name()), bound(p, q))).toList();
    }

    private static String bound(PartitionSpec partition, SqlQuote q) {
        if (partition.isDefault()) {
            return "DEFAULT";
        }
        if (partition.modulus() != null) {
            return "FOR VALUES WITH (MODULUS " + partition.modulus() + ", REMAINDER " + partition.remainder() + ")";
        }
        if (!partition.in().isEmpty()) {
            return "FOR VALUES IN (" + String.join(", ", partition.in().stream().map(q::lit).toList()) + ")";
        }
        return "FOR VALUES FROM (" + rangeValue(partition.from(), q) + ") TO (" + rangeValue(partition.to(), q) + ")";
    }

    /** A range bound: a literal, or one of the open ends PostgreSQL writes as keywords. */
    private static String rangeValue(String value, SqlQuote q) {
        String word = value.toUpperCase(Locale.ROOT);
        return word.equals("MINVALUE") || word.equals("MAXVALUE") ? word : q.lit(value);
    }

    /** The partition key, {@code RANGE (occurred_at)}. */
    public String key() {
        return key;
    }

    /** The partitions the spec declares, in its order. */
    public List<Partition> partitions() {
        return partitions;
    }
}
