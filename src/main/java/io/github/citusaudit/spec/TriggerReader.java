package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one entry of {@code triggers}: a custom row trigger whose body writes colocated tables
 * through placeholders. Checked here, each problem located (in the body, at its line): every
 * placeholder of the body is a declared target and every target is used; the body names no target
 * by hand (a shard name would go wrong after a move or split, a table name would skip the static
 * branch); it does not change the row's distribution value; and, with {@code routing: static}, its
 * writes are shown to keep that value ({@link StaticRouting}).
 */
final class TriggerReader {

    static final List<String> KEYS = List.of("name", "schema", "table", "distributionColumn", "timing", "events", "when",
            "targets", "routing", "function", "body");
    static final List<String> TARGET_KEYS = List.of("table", "schema", "distributionColumn");
    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final SpecProblems problems;
    private final NameChecks names;

    TriggerReader(SpecProblems problems, NameChecks names) {
        this.problems = problems;
        this.names = names;
    }

    /** The trigger, or null when it lacks what the rest would be told from. */
    TriggerSpec read(Node node, String defaultSchema) {
        YamlMap map = YamlMap.of(problems, node, "a trigger", KEYS);
        String name = map.requiredString("name", "a trigger");
        String what = name == null ? "a trigger" : "trigger '" + name + "'";
        String schema = map.has("schema") ? map.string("schema", what) : defaultSchema;
        String table = map.requiredString("table", what);
        String column = map.requiredString("distributionColumn", what);
        String body = map.requiredString("body", what);
        if (schema == null && map.has("name")) {
            problems.add(map.node(), what + " needs a 'schema' (here or at the top of the spec)");
        }
        String function = map.stringOr("function", what, name);
        for (String key : List.of("name", "schema", "table", "distributionColumn", "function")) {
            if (map.has(key)) {
                names.written(map.get(key), map.string(key, what), key.equals("name") ? "trigger name" : key);
            }
        }
        TriggerSpec.Timing timing = HistoryReader.choice(problems, map, "timing", what, TriggerSpec.Timing.AFTER);
        Set<Operation> events = HistoryReader.operations(problems, map, "events", what);
        TriggerSpec.Routing routing = HistoryReader.choice(problems, map, "routing", what, TriggerSpec.Routing.AUTO);
        String when = map.string("when", what);
        List<TriggerSpec.TargetSpec> targets = targets(map, schema, column, what);
        if (name == null || schema == null || table == null || column == null || body == null) {
            return null;
        }
        Node bodyNode = map.get("body");
        checkPlaceholders(bodyNode, body, targets, what);
        checkNoTargetByHand(bodyNode, body, targets);
        checkKeepsDistributionValue(bodyNode, body, column, what);
        Map<String, String> targetColumns = new LinkedHashMap<>();
        targets.forEach(t -> targetColumns.put(t.placeholder(), t.distributionColumn()));
        StaticRouting.Verdict verdict = StaticRouting.of(body, column, targetColumns);
        if (routing == TriggerSpec.Routing.STATIC && !verdict.shown()) {
            problems.add(bodyNode, verdict.offset(), "routing: static, but " + verdict.reason()
                    + "; a row written into the shard beside the trigger's row under another distribution value would sit in"
                    + " the wrong shard. Keep the value (NEW." + column + "), or take 'routing: auto' (the distributed tables)");
        }
        return new TriggerSpec(name, schema, table, function, column, timing, events, when, targets, body, routing, verdict,
                location(map.node()), location(map.get("table")));
    }

    /** {@code targets}: a mapping of placeholder to table name, or to {table, schema, distributionColumn}. */
    private List<TriggerSpec.TargetSpec> targets(YamlMap map, String schema, String column, String what) {
        List<TriggerSpec.TargetSpec> targets = new ArrayList<>();
        Node node = map.get("targets");
        if (node == null || YamlMap.isNull(node)) {
            if (!map.misspelt("targets")) {
                problems.add(map.node(), what + " needs 'targets': the colocated tables its body writes, by placeholder"
                        + " (big: big_vals, written {{big}} in the body)");
            }
            return targets;
        }
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            problems.add(node, "'targets' of " + what + " must map placeholders to tables, e.g. {big: big_vals}");
            return targets;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String placeholder = tuple.getKeyNode() instanceof ScalarNode key ? key.getValue() : "";
            if (!PLACEHOLDER_NAME.matcher(placeholder).matches()) {
                problems.add(tuple.getKeyNode(), "placeholder '" + placeholder + "' of " + what
                        + " must be a plain word (letters, digits, _), used in the body as {{" + placeholder + "}}");
                continue;
            }
            Node value = tuple.getValueNode();
            String where = "target '" + placeholder + "' of " + what;
            if (value instanceof ScalarNode scalar && !YamlMap.isNull(scalar)) {
                names.written(scalar, scalar.getValue(), "table name");
                targets.add(new TriggerSpec.TargetSpec(placeholder, schema, scalar.getValue(), column, location(value)));
                continue;
            }
            YamlMap target = YamlMap.of(problems, value, where, TARGET_KEYS);
            String table = target.requiredString("table", where);
            String targetSchema = target.stringOr("schema", where, schema);
            String targetColumn = target.stringOr("distributionColumn", where, column);
            if (table != null && targetSchema != null) {
                targets.add(new TriggerSpec.TargetSpec(placeholder, targetSchema, table, targetColumn, location(value)));
            }
        }
        return targets;
    }

    /** Every placeholder of the body is a target, every target is used. */
    private void checkPlaceholders(Node bodyNode, String body, List<TriggerSpec.TargetSpec> targets, String what) {
        List<Map.Entry<String, Integer>> used = StaticRouting.placeholders(body);
        for (Map.Entry<String, Integer> placeholder : used) {
            if (targets.stream().noneMatch(t -> t.placeholder().equals(placeholder.getKey()))) {
                problems.add(bodyNode, placeholder.getValue(), "unknown target {{" + placeholder.getKey() + "}} in the body of "
                        + what + DidYouMean.hint(placeholder.getKey(), targets.stream().map(TriggerSpec.TargetSpec::placeholder)
                                .toList()) + "; declared: " + String.join(", ", targets.stream()
                                        .map(t -> "{{" + t.placeholder() + "}}").toList()));
            }
        }
        for (TriggerSpec.TargetSpec target : targets) {
            if (used.stream().noneMatch(u -> u.getKey().equals(target.placeholder()))) {
                problems.add(bodyNode, "placeholder {{" + target.placeholder() + "}} of target '" + target.table()
                        + "' is missing from the body of " + what + ": the body must name the target through it");
            }
        }
    }

    /**
     * A target named by hand: its table name (which would skip the static branch, and break it in a
     * qualified reference such as {@code big_vals.val}) or one of its shards' names (wrong after a move
     * or a split, and on every node but one).
     */
    private void checkNoTargetByHand(Node bodyNode, String body, List<TriggerSpec.TargetSpec> targets) {
        for (SqlTokens.Token token : SqlTokens.of(body)) {
            if (!token.isName()) {
                continue;
            }
            for (TriggerSpec.TargetSpec target : targets) {
                String table = target.table().toLowerCase(Locale.ROOT);
                String text = token.text().toLowerCase(Locale.ROOT);
                if (text.equals(table) || text.matches(Pattern.quote(table) + "_[0-9]+")) {
                    problems.add(bodyNode, token.offset(), "the body names target '" + target.table() + "' by hand ('"
                            + token.text() + "'); write {{" + target.placeholder() + "}} (and an alias where a column is"
                            + " qualified): the plugin puts in the colocated shard's name, or the table's in the fallback");
                }
            }
        }
    }

    /** {@code NEW.col := ...}: a BEFORE trigger would move the row to a value its shard does not hold. */
    private void checkKeepsDistributionValue(Node bodyNode, String body, String column, String what) {
        List<SqlTokens.Token> tokens = SqlTokens.of(body);
        for (int i = 0; i + 3 < tokens.size(); i++) {
            boolean statementStart = i == 0 || tokens.get(i - 1).is(";") || tokens.get(i - 1).is("then")
                    || tokens.get(i - 1).is("else") || tokens.get(i - 1).is("loop") || tokens.get(i - 1).is("begin");
            if (tokens.get(i).is("new") && tokens.get(i + 1).is(".") && tokens.get(i + 2).isName()
                    && tokens.get(i + 2).text().equals(column)
                    && (tokens.get(i + 3).is(":=") || (statementStart && tokens.get(i + 3).is("=")))) {
                problems.add(bodyNode, tokens.get(i).offset(), "the body of " + what + " assigns NEW." + column
                        + ", the distribution column: the row would stay in a shard that does not hold its new value");
            }
        }
    }

    private SourceLocation location(Node node) {
        return problems.locate(node);
    }
}
