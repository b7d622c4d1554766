package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read with its locations: every key is checked against the keys the spec allows
 * (with a did-you-mean), duplicates are reported, and each problem names the line and column.
 */
final class YamlMap {

    private final SpecProblems problems;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();
    /** Keys a misspelt key was taken for: their absence is that same mistake, reported once. */
    private final java.util.Set<String> suggested = new java.util.HashSet<>();
    private final Node node;

    private YamlMap(SpecProblems problems, Node node, String what, List<String> allowedKeys) {
        this.problems = problems;
        this.node = node;
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, what + " must be a mapping of keys to values");
            return;
        }
        String previousKey = null;
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.add(keyNode, "keys in " + what + " must be plain words");
                continue;
            }
            String key = scalarKey.getValue();
            if (!allowedKeys.contains(key) && cutAtAComma(previousKey, scalarKey, tuple.getValueNode(), what)) {
                continue;
            }
            previousKey = key;
            if (!allowedKeys.contains(key)) {
                DidYouMean.closest(key, allowedKeys).ifPresent(suggested::add);
                problems.add(keyNode, "unknown key '" + key + "' in " + what + DidYouMean.hint(key, allowedKeys)
                        + "; allowed: " + String.join(", ", allowedKeys));
            } else if (values.containsKey(key)) {
                problems.add(keyNode, "key '" + key + "' appears twice in " + what);
            } else {
                values.put(key, tuple.getValueNode());
                keys.put(key, keyNode);
            }
        }
    }

    /**
     * In a flow mapping ({@code { name: amount, type: numeric(12,2) }}) YAML ends an entry at a comma,
     * so an unquoted value with a comma inside parentheses arrives as two entries: {@code numeric(12}
     * and a key {@code 2)} without a value. Taken back together (so that the value is checked whole) and
     * reported once, at the value, with the quoting that fixes it.
     */
    private boolean cutAtAComma(String previousKey, ScalarNode key, Node value, String what) {
        Node previous = previousKey == null ? null : values.get(previousKey);
        if (!(previous instanceof ScalarNode head) || !isNull(value)
                || count(head.getValue(), '(') <= count(head.getValue(), ')') || !key.getValue().contains(")")) {
            return false;
        }
        String whole = head.getValue() + "," + key.getValue();
        problems.add(previous, "'" + previousKey + "' of " + what + " was cut at its comma: in a flow mapping ({ ... }) YAML"
                + " ends an entry at a comma, so '" + whole + "' became '" + head.getValue() + "' and a key '" + key.getValue()
                + "'; quote it: " + previousKey + ": '" + whole + "'");
        values.put(previousKey, new ScalarNode(head.getTag(), whole, head.getStartMark(), key.getEndMark(),
                org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN));
        return true;
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    static YamlMap of(SpecProblems problems, Node node, String what, List<String> allowedKeys) {
        return new YamlMap(problems, node, what, allowedKeys);
    }

    Node node() {
        return node;
    }

    boolean has(String key) {
        return values.containsKey(key) && !isNull(values.get(key));
    }

    Node get(String key) {
        return values.get(key);
    }

    /** The node to point at when a key is missing or wrong: the value if present, else the mapping. */
    Node locate(String key) {
        return values.getOrDefault(key, node);
    }

    /** Whether a misspelling of this key was already reported. */
    boolean misspelt(String key) {
        return suggested.contains(key);
    }

    String requiredString(String key, String what) {
        if (!has(key)) {
            if (misspelt(key)) {
                return null;
            }
            problems.add(node, what + " needs '" + key + "'");
            return null;
        }
        return string(key, what);
    }

    String string(String key, String what) {
        Node value = values.get(key);
        if (value == null || isNull(value)) {
            return null;
        }
        if (!(value instanceof ScalarNode scalar)) {
            problems.add(value, "'" + key + "' of " + what + " must be a single value, not a list or mapping");
            return null;
        }
        if (scalar.getValue().isBlank()) {
            problems.add(value, "'" + key + "' of " + what + " must not be empty");
            return null;
        }
        return scalar.getValue();
    }

    /** The value, or {@code fallback} when there is none (or a wrong one, which is reported). */
    String stringOr(String key, String what, String fallback) {
        String value = string(key, what);
        return value == null ? fallback : value;
    }

    Boolean bool(String key, String what) {
        String text = string(key, what);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problems.add(values.get(key), "'" + key + "' of " + what + " must be true or false, not '" + text + "'");
                yield null;
            }
        };
    }

    Integer integer(String key, String what, int min, int max) {
        String text = string(key, what);
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                problems.add(values.get(key), "'" + key + "' of " + what + " must be between " + min + " and " + max
                        + ", not " + value);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(values.get(key), "'" + key + "' of " + what + " must be a whole number, not '" + text + "'");
            return null;
        }
    }

    /** A list of plain words; a single word is accepted as a list of one. */
    List<Located<String>> strings(String key, String what) {
        Node value = values.get(key);
        List<Located<String>> result = new ArrayList<>();
        if (value == null || isNull(value)) {
            return result;
        }
        if (value instanceof ScalarNode scalar) {
            result.add(new Located<>(scalar.getValue(), scalar));
            return result;
        }
        if (!(value instanceof SequenceNode sequence)) {
            problems.add(value, "'" + key + "' of " + what + " must be a list, e.g. [a, b]");
            return result;
        }
        for (Node item : sequence.getValue()) {
            if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                result.add(new Located<>(scalar.getValue(), scalar));
            } else {
                problems.add(item, "each item of '" + key + "' in " + what + " must be a plain word");
            }
        }
        return result;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
    }

    /** A value with the node it came from, so that later checks can still point at it. */
    record Located<T>(T value, Node node) {
    }
}
