package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.citusaudit.spec.SqlTokens.Kind;
import io.github.citusaudit.spec.SqlTokens.Token;

/**
 * Whether a trigger body can be shown to write each target row into the shard beside the trigger's
 * row, so that the static branch (the body with the colocated shards' names) is right. On Citus a
 * shard holds one hash range of the distribution value: a row written into the shard under another
 * value would sit where no query looks for it. Shown only for writes of these forms, every use of a
 * placeholder being one of them:
 * <ul>
 * <li>{@code INSERT INTO {{t}} [AS a] (cols) VALUES (...) [, (...)]} or {@code ... SELECT ...}, the
 *     target's distribution column set to {@code NEW.col} or {@code OLD.col}, {@code col} the trigger
 *     table's distribution column;</li>
 * <li>{@code UPDATE {{t}} [a] SET ... WHERE ...} and {@code DELETE FROM {{t}} [a] WHERE ...}, the WHERE
 *     a conjunction (no OR at its top) holding {@code dist = NEW.col} (or OLD), the UPDATE not setting
 *     the distribution column.</li>
 * </ul>
 * Anything else (a computed or other value, dynamic SQL naming a placeholder in a string, a read of
 * a target) is not shown, and routes through the distributed tables or is refused. The test is of
 * form, not meaning: it can refuse a body that is right, never pass one that is wrong in these forms.
 */
public final class StaticRouting {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Set<String> SELECT_LIST_ENDS = Set.of("from", "where", "group", "having", "order", "limit", "on",
            "returning", "window", "offset");

    /**
     * @param shown  the static branch is right
     * @param reason why (shown) or what could not be shown
     * @param offset where in the body the reason points (0 when shown)
     */
    public record Verdict(boolean shown, String reason, int offset) {
    }

    private final String body;
    private final String sourceColumn;
    private final Map<String, String> targetColumns;
    private final List<Token> tokens;

    private StaticRouting(String body, String sourceColumn, Map<String, String> targetColumns) {
        this.body = body;
        this.sourceColumn = sourceColumn;
        this.targetColumns = targetColumns;
        this.tokens = SqlTokens.of(body);
    }

    /**
     * @param sourceColumn  the trigger table's distribution column
     * @param targetColumns each placeholder's target distribution column
     */
    public static Verdict of(String body, String sourceColumn, Map<String, String> targetColumns) {
        return new StaticRouting(body, sourceColumn, targetColumns).verdict();
    }

    /** The placeholders of a body in order of appearance, each with its offset, strings and comments included. */
    static List<Map.Entry<String, Integer>> placeholders(String body) {
        List<Map.Entry<String, Integer>> found = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(body);
        while (matcher.find()) {
            found.add(Map.entry(matcher.group(1), matcher.start()));
        }
        return found;
    }

    private Verdict verdict() {
        List<Map.Entry<String, Integer>> all = placeholders(body);
        int used = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.PLACEHOLDER) {
                continue;
            }
            used++;
            String problem = write(i);
            if (problem != null) {
                return new Verdict(false, problem, token.offset());
            }
        }
        if (used < all.size()) {
            int offset = all.stream().map(Map.Entry::getValue)
                    .filter(o -> tokens.stream().noneMatch(t -> t.kind() == Kind.PLACEHOLDER && t.offset() == o))
                    .findFirst().orElse(0);
            return new Verdict(false, "a placeholder stands in a string or comment (dynamic SQL): where its rows go cannot"
                    + " be shown", offset);
        }
        return new Verdict(true, "every write into a target keeps the row's " + sourceColumn, 0);
    }

    /** What is wrong with the write the placeholder at {@code i} stands in; null when it keeps the value. */
    private String write(int i) {
        Token placeholder = tokens.get(i);
        String target = "{{" + placeholder.text() + "}}";
        String column = targetColumns.get(placeholder.text());
        if (column == null) {
            return "unknown placeholder " + target;
        }
        int depth = placeholder.depth();
        int end = i + 1;
        while (end < tokens.size() && tokens.get(end).depth() >= depth
                && !(tokens.get(end).depth() == depth && tokens.get(end).is(";"))) {
            end++;
        }
        if (i >= 2 && word(i - 1, "into") && word(i - 2, "insert")) {
            return insert(target, column, i + 1, end, depth);
        }
        if (i >= 1 && word(i - 1, "update")) {
            int where = whereClause(i + 1, end, depth);
            for (int k = i + 1; k < where; k++) {
                if (word(k, "set") && tokens.get(k).depth() == depth) {
                    String changed = setsColumn(k + 1, where, depth, column);
                    if (changed != null) {
                        return "the UPDATE of " + target + " sets its distribution column '" + column + "'";
                    }
                }
            }
            return where < 0 ? "the UPDATE of " + target + " has no WHERE " + column + " = NEW." + sourceColumn
                    : condition(target, column, where + 1, end, depth, "UPDATE");
        }
        if (i >= 2 && word(i - 1, "from") && word(i - 2, "delete")) {
            int where = whereClause(i + 1, end, depth);
            return where < 0 ? "the DELETE from " + target + " has no WHERE " + column + " = NEW." + sourceColumn
                    : condition(target, column, where + 1, end, depth, "DELETE");
        }
        return target + " is used other than as the table of an INSERT, UPDATE or DELETE (write 'INSERT INTO " + target
                + "', 'UPDATE " + target + "' or 'DELETE FROM " + target + "'; refer to it elsewhere by an alias)";
    }

    /** The INSERT's column list and the value it gives the distribution column in every row. */
    private String insert(String target, String column, int start, int end, int depth) {
        int k = start;
        if (word(k, "as")) {
            k += 2;
        }
        if (!symbol(k, "(")) {
            return "the INSERT into " + target + " names no column list, so its distribution column cannot be found";
        }
        List<List<Token>> columns = split(k + 1, depth + 1);
        int position = -1;
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).size() == 1 && columns.get(c).get(0).isName() && columns.get(c).get(0).text().equals(column)) {
                position = c;
            }
        }
        if (position < 0) {
            return "the INSERT into " + target + " does not set its distribution column '" + column + "'";
        }
        k = closing(k);
        if (word(k, "values")) {
            while (symbol(k + 1, "(")) {
                String problem = value(target, column, split(k + 2, depth + 1), position);
                if (problem != null) {
                    return problem;
                }
                k = closing(k + 1);
                if (!symbol(k, ",")) {
                    break;
                }
            }
            return null;
        }
        if (word(k, "select")) {
            for (int s = k; s < end; s++) {
                if (tokens.get(s).depth() == depth && (word(s, "union") || word(s, "except") || word(s, "intersect"))) {
                    return "the INSERT into " + target + " combines SELECTs (" + tokens.get(s).text() + ")";
                }
            }
            List<List<Token>> list = new ArrayList<>();
            List<Token> current = new ArrayList<>();
            for (int s = k + 1; s < end; s++) {
                Token token = tokens.get(s);
                if (token.depth() == depth && token.kind() == Kind.WORD && SELECT_LIST_ENDS.contains(token.text())) {
                    break;
                }
                if (token.depth() == depth && token.is(",")) {
                    list.add(current);
                    current = new ArrayList<>();
                } else {
                    current.add(token);
                }
            }
            list.add(current);
            return value(target, column, list, position);
        }
        return "the INSERT into " + target + " takes its rows neither from VALUES nor from SELECT";
    }

    private String value(String target, String column, List<List<Token>> values, int position) {
        if (position >= values.size() || !rowValue(values.get(position))) {
            return "the INSERT into " + target + " gives its distribution column '" + column + "' a value other than NEW."
                    + sourceColumn + " (a computed or other value may belong to another shard)";
        }
        return null;
    }

    /** The WHERE of an UPDATE or DELETE holds {@code column = NEW.source} as one of its top-level conjuncts. */
    private String condition(String target, String column, int start, int end, int depth, String statement) {
        List<List<Token>> conjuncts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (int k = start; k < end; k++) {
            Token token = tokens.get(k);
            if (token.depth() == depth && (word(k, "or") || word(k, "between"))) {
                return "the WHERE of the " + statement + " of " + target + " has " + token.text().toUpperCase()
                        + " at its top, so that " + column + " = NEW." + sourceColumn + " cannot be shown to hold";
            }
            if (token.depth() == depth && word(k, "returning")) {
                break;
            }
            if (token.depth() == depth && word(k, "and")) {
                conjuncts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        conjuncts.add(current);
        for (List<Token> written : conjuncts) {
            List<Token> conjunct = unwrap(written);
            int equals = -1;
            for (int k = 0; k < conjunct.size(); k++) {
                if (conjunct.get(k).is("=") && conjunct.get(k).depth() == conjunct.get(0).depth()) {
                    equals = k;
                }
            }
            if (equals > 0) {
                List<Token> left = conjunct.subList(0, equals);
                List<Token> right = conjunct.subList(equals + 1, conjunct.size());
                if ((columnRef(left, column) && rowValue(right)) || (columnRef(right, column) && rowValue(left))) {
                    return null;
                }
            }
        }
        return "the WHERE of the " + statement + " of " + target + " does not hold " + column + " = NEW." + sourceColumn
                + " (it would reach only the shard beside the row)";
    }

    /** The column named by an UPDATE's SET list, when it is {@code column}; null otherwise. */
    private String setsColumn(int start, int end, int depth, String column) {
        boolean atName = true;
        for (int k = start; k < (end < 0 ? tokens.size() : end); k++) {
            Token token = tokens.get(k);
            if (token.depth() == depth && (word(k, "from") || word(k, "returning") || token.is(";"))) {
                break;
            }
            if (atName && token.isName() && token.text().equals(column) && token.depth() <= depth + 1) {
                return column;
            }
            atName = token.depth() == depth && token.is(",") || token.is("(") && token.depth() == depth;
        }
        return null;
    }

    /** {@code col}, {@code alias.col}: a reference to the target's distribution column. */
    private static boolean columnRef(List<Token> tokens, String column) {
        List<Token> t = unwrap(tokens);
        if (t.size() == 1) {
            return t.get(0).isName() && t.get(0).text().equals(column);
        }
        return t.size() == 3 && t.get(0).isName() && t.get(1).is(".") && t.get(2).isName() && t.get(2).text().equals(column);
    }

    /** {@code NEW.col}, {@code OLD.col} or {@code (NEW).col}, col the trigger table's distribution column. */
    private boolean rowValue(List<Token> tokens) {
        List<Token> t = unwrap(tokens);
        if (t.size() == 5 && t.get(0).is("(") && t.get(2).is(")")) {
            t = List.of(t.get(1), t.get(3), t.get(4));
        }
        return t.size() == 3 && (t.get(0).is("new") || t.get(0).is("old")) && t.get(1).is(".") && t.get(2).isName()
                && t.get(2).text().equals(sourceColumn);
    }

    /** The tokens without parentheses that enclose all of them. */
    private static List<Token> unwrap(List<Token> tokens) {
        List<Token> t = tokens;
        while (t.size() >= 2 && t.get(0).is("(") && t.get(t.size() - 1).is(")") && enclosesAll(t)) {
            t = t.subList(1, t.size() - 1);
        }
        return t;
    }

    private static boolean enclosesAll(List<Token> t) {
        int depth = t.get(0).depth();
        return t.get(t.size() - 1).depth() == depth && t.subList(1, t.size() - 1).stream().allMatch(x -> x.depth() > depth);
    }

    /** The items of a parenthesised list starting at {@code start}, split at commas at {@code depth}. */
    private List<List<Token>> split(int start, int depth) {
        List<List<Token>> items = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (int k = start; k < tokens.size() && tokens.get(k).depth() >= depth; k++) {
            if (tokens.get(k).depth() == depth && tokens.get(k).is(",")) {
                items.add(current);
                current = new ArrayList<>();
            } else {
                current.add(tokens.get(k));
            }
        }
        items.add(current);
        return items;
    }

    /** The index after the parenthesis closing the one at {@code open}. */
    private int closing(int open) {
        int depth = tokens.get(open).depth();
        for (int k = open + 1; k < tokens.size(); k++) {
            if (tokens.get(k).is(")") && tokens.get(k).depth() == depth) {
                return k + 1;
            }
        }
        return tokens.size();
    }

    /** The WHERE of the statement; -1 when it has none. */
    private int whereClause(int start, int end, int depth) {
        for (int k = start; k < end; k++) {
            if (tokens.get(k).depth() == depth && word(k, "where")) {
                return k;
            }
        }
        return -1;
    }

    private boolean word(int k, String word) {
        return k >= 0 && k < tokens.size() && tokens.get(k).kind() == Kind.WORD && tokens.get(k).text().equals(word);
    }

    private boolean symbol(int k, String symbol) {
        return k >= 0 && k < tokens.size() && tokens.get(k).kind() == Kind.SYMBOL && tokens.get(k).text().equals(symbol);
    }
}
