package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the list under a table's {@code columns}: each column's name, type (checked by
 * {@link PostgresTypes}), nullability, and at most one way of filling it in (default, sequence or
 * identity).
 */
record ColumnsReader(SpecProblems problems, NameChecks names) {

    static final List<String> KEYS = List.of("name", "type", "nullable", "default", "sequence", "identity");
    private static final List<String> IDENTITIES = List.of("always", "by default");

    /** The columns that have a name and a type; the others are reported and left out. */
    List<ColumnSpec> read(SequenceNode list, String what) {
        List<ColumnSpec> columns = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node node : list.getValue()) {
            YamlMap map = YamlMap.of(problems, node, "a column of " + what, KEYS);
            String name = map.requiredString("name", "a column of " + what);
            String where = name == null ? "a column of " + what : "column '" + name + "' of " + what;
            String type = map.requiredString("type", where);
            if (name != null) {
                names.written(map.get("name"), name, "column name");
                if (seen.putIfAbsent(name, node) != null) {
                    problems.add(map.get("name"), "column '" + name + "' is declared twice in " + what);
                }
            }
            if (type != null) {
                String typeProblem = PostgresTypes.problem(type);
                if (typeProblem != null) {
                    problems.add(map.get("type"), typeProblem + " (" + where + ")");
                }
            }
            Boolean nullable = map.bool("nullable", where);
            String defaultExpression = map.string("default", where);
            String sequence = map.string("sequence", where);
            if (sequence != null) {
                names.written(map.get("sequence"), sequence, "sequence name");
            }
            String identity = map.string("identity", where);
            if (identity != null && !IDENTITIES.contains(identity)) {
                problems.add(map.get("identity"), "'identity' of " + where + " must be 'always' or 'by default', not '"
                        + identity + "'" + DidYouMean.hint(identity, IDENTITIES));
            }
            int ways = (defaultExpression != null ? 1 : 0) + (sequence != null ? 1 : 0) + (identity != null ? 1 : 0);
            if (ways > 1) {
                problems.add(node, where + " may have only one of 'default', 'sequence' and 'identity'");
            }
            if (name != null && type != null) {
                columns.add(new ColumnSpec(name, type.trim(), nullable == null || nullable, defaultExpression, sequence, identity));
            }
        }
        return columns;
    }
}
