package io.github.citusaudit.spec;

import java.nio.charset.StandardCharsets;

/**
 * The one place the names the plugin derives are made, and the length PostgreSQL allows them.
 * The reader fills in defaults from here, {@link HistorySpec} derives the as-of function and id
 * sequence from here, and the name checks measure the same strings, so a rule changed here changes
 * everywhere at once.
 */
final class Naming {

    /** PostgreSQL keeps the first 63 bytes of a name and silently drops the rest. */
    static final int MAX_NAME_BYTES = 63;

    /** The image column a history gets when it keeps both versions of an UPDATE and names none. */
    static final String DEFAULT_IMAGE_COLUMN = "row_image";

    private Naming() {
    }

    /** The history table of a source table unless the spec names one: {@code <table>_hist}. */
    static String historyTable(String sourceTable) {
        return sourceTable + "_hist";
    }

    /** The audit trigger of a source table unless the spec names one: {@code <table>_audit}. */
    static String trigger(String sourceTable) {
        return sourceTable + "_audit";
    }

    /**
     * The trigger function of a source table unless the spec names one: {@code <table>_audit}, the
     * trigger's own name (triggers and functions live in different namespaces, so they do not clash).
     */
    static String function(String sourceTable) {
        return sourceTable + "_audit";
    }

    /** The function that reads a history as of a time: {@code <history table>_as_of}; never named in a spec. */
    static String asOfFunction(String historyTable) {
        return historyTable + "_as_of";
    }

    /** The sequence that numbers history rows: {@code <history table>_<id column>_seq}, as serial would name it. */
    static String idSequence(String historyTable, String idColumn) {
        return historyTable + "_" + idColumn + "_seq";
    }

    /**
     * The longest name a partition of a history partitioned by {@code interval} takes:
     * {@code <history table>_p<start>}, the start as Citus' create_time_partitions writes it
     * ({@code _p2026_11_25} by day, {@code _p2026w48} by week, {@code _p2026_11}, {@code _p2026}).
     */
    static String longestHistoryPartition(String historyTable, HistoryPartitioning.Interval interval) {
        return historyTable + "_p" + switch (interval) {
            case DAY -> "2026_11_25";
            case WEEK -> "2026w48";
            case MONTH -> "2026_11";
            case YEAR -> "2026";
        };
    }

    /** PostgreSQL's limit counts bytes, so a name of multibyte characters reaches it sooner. */
    static int utf8Length(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Whether PostgreSQL would truncate the name. */
    static boolean tooLong(String name) {
        return utf8Length(name) > MAX_NAME_BYTES;
    }
}
