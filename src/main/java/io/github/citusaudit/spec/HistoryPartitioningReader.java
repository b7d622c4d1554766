package io.github.citusaudit.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a history's {@code partitionBy}: the interval of its partitions and how many intervals ahead
 * apply creates them. The history is partitioned on its {@code at} column, so it needs one, of a time type.
 */
record HistoryPartitioningReader(SpecProblems problems) {

    static final List<String> KEYS = List.of("interval", "ahead");
    private static final List<String> INTERVALS = Arrays.stream(HistoryPartitioning.Interval.values())
            .map(HistoryPartitioning.Interval::unit).toList();
    private static final List<String> TIME_TYPES = List.of("timestamptz", "timestamp", "timestamp with time zone",
            "timestamp without time zone", "date");

    /** Null when the history has no {@code partitionBy}, or a wrong one (reported). */
    HistoryPartitioning read(YamlMap history, String where, AuditColumns columns, String historyTable) {
        if (!history.has("partitionBy")) {
            return null;
        }
        String what = "'partitionBy' of " + where;
        YamlMap map = YamlMap.of(problems, history.get("partitionBy"), what, KEYS);
        String word = map.requiredString("interval", what);
        Integer ahead = map.integer("ahead", what, 0, 1000);
        HistoryPartitioning.Interval interval = null;
        if (word != null && INTERVALS.contains(word.toLowerCase(Locale.ROOT))) {
            interval = HistoryPartitioning.Interval.valueOf(word.toUpperCase(Locale.ROOT));
        } else if (word != null) {
            problems.add(map.get("interval"), "'interval' of " + what + " must be day, week, month or year, not '" + word
                    + "'" + DidYouMean.hint(word, INTERVALS));
        }
        AuditColumn at = columns.at();
        if (at == null) {
            problems.add(history.get("partitionBy"), where + " is partitioned by its 'at' audit column, which it leaves out;"
                    + " keep columns.at or drop partitionBy");
        } else if (!TIME_TYPES.contains(at.type().toLowerCase(Locale.ROOT).replaceAll("\\s*\\(\\d+\\)", ""))) {
            problems.add(history.get("partitionBy"), where + " is partitioned by its 'at' column '" + at.name()
                    + "', which must be a timestamp, timestamptz or date, not '" + at.type() + "'");
        }
        if (interval != null && Naming.tooLong(Naming.longestHistoryPartition(historyTable, interval))) {
            problems.add(map.get("interval"), "history partition names such as '"
                    + Naming.longestHistoryPartition(historyTable, interval) + "' would be longer than "
                    + Naming.MAX_NAME_BYTES + " bytes; choose a shorter history table name");
        }
        return interval == null || at == null ? null
                : new HistoryPartitioning(interval, ahead == null ? HistoryPartitioning.DEFAULT_AHEAD : ahead);
    }
}
