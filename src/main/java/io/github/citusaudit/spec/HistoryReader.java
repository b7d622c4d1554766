package io.github.citusaudit.spec;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a table's {@code history}: where its history table is, what it captures and how. Every key
 * may be left out, and so may the whole mapping; the defaults come from {@link Naming}.
 */
final class HistoryReader {

    static final List<String> KEYS = List.of("table", "schema", "operations", "exclude", "columns", "trigger", "function",
            "time", "skipUnchangedUpdates", "update", "readers", "partitionBy");

    private final SpecProblems problems;
    private final NameChecks names;
    private final AuditColumnsReader auditColumns;
    private final HistoryPartitioningReader partitioning;

    HistoryReader(SpecProblems problems, NameChecks names) {
        this.problems = problems;
        this.names = names;
        this.auditColumns = new AuditColumnsReader(problems, names);
        this.partitioning = new HistoryPartitioningReader(problems);
    }

    /**
     * A history with the excluded columns where they were written: whether they are columns of the
     * table is checked once the table is whole, and the problem should point at them.
     */
    record Read(HistorySpec history, List<YamlMap.Located<String>> excluded) {
    }

    /** The history of {@code table}, named {@code tableName} in {@code tableSchema}; {@code what} is "table 'x'". */
    Read read(YamlMap table, String tableName, String tableSchema, String what) {
        Node node = table.get("history");
        String where = "the history of " + what;
        // No history, or an empty one, reads as an empty mapping: every key takes its default.
        YamlMap map = YamlMap.of(problems, node == null || YamlMap.isNull(node) ? emptyMapping() : node, where, KEYS);
        // Derived names are blamed on the history, or on the table when it has no 'history' key.
        Node anchor = node == null ? table.node() : node;
        String historyTable = map.stringOr("table", where, Naming.historyTable(tableName));
        String schema = map.stringOr("schema", where, tableSchema);
        String trigger = map.stringOr("trigger", where, Naming.trigger(tableName));
        String function = map.stringOr("function", where, Naming.function(tableName));
        names.writtenOrDefault(map, "table", anchor, historyTable, "history table name");
        names.writtenOrDefault(map, "trigger", anchor, trigger, "trigger name");
        names.writtenOrDefault(map, "function", anchor, function, "function name");
        names.asOfFunction(map.has("table") ? map.get("table") : anchor, historyTable);
        if (map.has("schema")) {
            names.written(map.get("schema"), schema, "schema");
        }
        Set<Operation> operations = operations(problems, map, "operations", where);
        List<YamlMap.Located<String>> excluded = map.strings("exclude", where);
        AuditColumns columns = auditColumns.read(map, where);
        names.idSequence(anchor, historyTable, columns.id());
        HistorySpec.ChangeTime time = choice(problems, map, "time", where, HistorySpec.ChangeTime.TRANSACTION);
        Boolean skipUnchanged = map.bool("skipUnchangedUpdates", where);
        HistorySpec.UpdateImage update = choice(problems, map, "update", where, HistorySpec.UpdateImage.OLD);
        if (update == HistorySpec.UpdateImage.BOTH && columns.image() == null) {
            // Two rows per UPDATE must be told apart; a spec that keeps both gets the column.
            columns = new AuditColumns(columns.id(), columns.operation(), columns.at(), columns.by(), columns.appUser(),
                    columns.txid(), columns.gpid(), new AuditColumn(Naming.DEFAULT_IMAGE_COLUMN, "text"));
        }
        List<String> readers = map.strings("readers", where).stream().map(YamlMap.Located::value).toList();
        HistoryPartitioning partitionBy = partitioning.read(map, where, columns, historyTable);
        HistorySpec history = new HistorySpec(schema, historyTable, operations,
                excluded.stream().map(YamlMap.Located::value).toList(), columns, trigger, function, time,
                skipUnchanged == null || skipUnchanged, update, readers, partitionBy);
        return new Read(history, excluded);
    }

    /** The operations captured (or events that fire a trigger): all of them unless {@code key} lists some. */
    static Set<Operation> operations(SpecProblems problems, YamlMap map, String key, String where) {
        List<YamlMap.Located<String>> listed = map.strings(key, where);
        if (!map.has(key)) {
            return EnumSet.allOf(Operation.class);
        }
        Set<Operation> operations = EnumSet.noneOf(Operation.class);
        for (YamlMap.Located<String> operation : listed) {
            String word = operation.value().toUpperCase(Locale.ROOT);
            if ("TRUNCATE".equals(word)) {
                problems.add(operation.node(), (key.equals("operations")
                        ? "truncate is not captured: Citus truncates each shard on its own and a row-level history cannot record it"
                        : "truncate is not a row event: Citus truncates each shard on its own and a row trigger never fires for it")
                        + "; leave it out of '" + key + "'");
                continue;
            }
            try {
                if (!operations.add(Operation.valueOf(word))) {
                    problems.add(operation.node(), "operation '" + operation.value() + "' is listed twice");
                }
            } catch (IllegalArgumentException e) {
                problems.add(operation.node(), "unknown operation '" + operation.value() + "'"
                        + DidYouMean.hint(operation.value(), List.of("insert", "update", "delete"))
                        + "; allowed: insert, update, delete");
            }
        }
        if (listed.isEmpty()) {
            problems.add(map.get(key), "'" + key + "' must name at least one of insert, update, delete");
        }
        return operations;
    }

    /**
     * One of the constants of an enum, written in any case; {@code fallback} if the key is absent or
     * wrong. The allowed words are the constants' names, so the message cannot fall behind the enum.
     */
    static <E extends Enum<E>> E choice(SpecProblems problems, YamlMap map, String key, String where, E fallback) {
        String text = map.string(key, where);
        if (text == null) {
            return fallback;
        }
        Class<E> type = fallback.getDeclaringClass();
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> words = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            String allowed = String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
            problems.add(map.get(key), "'" + key + "' of " + where + " must be " + allowed + ", not '" + text + "'"
                    + DidYouMean.hint(text, words));
            return fallback;
        }
    }

    private static MappingNode emptyMapping() {
        return new MappingNode(Tag.MAP, List.of(), DumperOptions.FlowStyle.BLOCK);
    }
}
