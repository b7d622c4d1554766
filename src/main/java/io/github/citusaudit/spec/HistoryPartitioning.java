package io.github.citusaudit.spec;

import java.util.Locale;

/**
 * A history table partitioned by range on its {@code at} column, one partition per {@code interval},
 * so that old history can be dropped a partition at a time (retention). Apply creates the partitions
 * from the current interval to {@code ahead} intervals beyond it, named as Citus'
 * create_time_partitions names them, so that either can make the next ones.
 */
public record HistoryPartitioning(Interval interval, int ahead) {

    /** Intervals ahead apply creates unless the spec says. */
    public static final int DEFAULT_AHEAD = 3;

    /**
     * A partition's length, with the suffix its partition's name takes from its start
     * ({@code to_char} format, as Citus' create_time_partitions writes it).
     */
    public enum Interval {
        DAY("1 day", "YYYY_MM_DD"),
        WEEK("1 week", "IYYY\"w\"IW"),
        MONTH("1 month", "YYYY_MM"),
        YEAR("1 year", "YYYY");

        private final String sql;
        private final String nameFormat;

        Interval(String sql, String nameFormat) {
            this.sql = sql;
            this.nameFormat = nameFormat;
        }

        /** As an SQL interval: {@code 1 month}. */
        public String sql() {
            return sql;
        }

        /** The unit date_trunc aligns partitions to: {@code month}. */
        public String unit() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The to_char format of a partition's name suffix, after {@code _p}. */
        public String nameFormat() {
            return nameFormat;
        }
    }
}
