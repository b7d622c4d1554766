package io.github.citusaudit.render;

import io.github.citusaudit.spec.AuditColumn;
import io.github.citusaudit.spec.HistoryPartitioning;
import io.github.citusaudit.spec.HistorySpec;

/**
 * What the templates print about a history partitioned by time on its {@code at} column: the key for
 * {@code PARTITION BY}, and what the partitions made ahead are computed from on the server.
 */
public final class HistoryPartitionsView {

    private final String key;
    private final String at;
    private final String atType;
    private final String interval;
    private final String unit;
    private final String nameFormat;
    private final int ahead;
    private final String namePrefix;

    HistoryPartitionsView(HistorySpec history, SqlQuote q) {
        HistoryPartitioning partitioning = history.partitionBy();
        AuditColumn atColumn = history.auditColumns().at();
        at = q.id(atColumn.name());
        atType = atColumn.type();
        key = "RANGE (" + at + ")";
        interval = partitioning.interval().sql();
        unit = partitioning.interval().unit();
        nameFormat = partitioning.interval().nameFormat();
        ahead = partitioning.ahead();
        namePrefix = history.table() + "_p";
    }

    /** The partition key, {@code RANGE (changed_at)}. */
    public String key() {
        return key;
    }

    /** The at column, quoted. */
    public String at() {
        return at;
    }

    /** The at column's type, as the spec writes it: partition bounds are read as it. */
    public String atType() {
        return atType;
    }

    /** One partition's length as an SQL interval, {@code 1 month}. */
    public String interval() {
        return interval;
    }

    /** The date_trunc unit partitions start at, {@code month}. */
    public String unit() {
        return unit;
    }

    /** The to_char format of a partition's start in its name, after {@code <history>_p}. */
    public String nameFormat() {
        return nameFormat;
    }

    /** What a partition's name starts with, {@code account_hist_p}, as the catalog holds it. */
    public String namePrefix() {
        return namePrefix;
    }

    /** How many intervals beyond the current one apply makes partitions for. */
    public int ahead() {
        return ahead;
    }
}
