package io.github.citusaudit.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.citusaudit.spec.HistorySpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * Hand-made variants of the plugin's native mode, to tell where its cost goes. Each starts from
 * what the plugin's apply installed on its table and changes one thing: the function's dispatch
 * (rewritten from the installed function's own text, so nothing else differs), the history table's
 * index, or the whole function (a no-op, for the cost of firing a trigger at all).
 */
final class TriggerVariants {

    private static final String CASE = "CASE TG_TABLE_NAME";
    /** Where the dispatch over ranges of shard names starts, when there is more than one range. */
    private static final String RANGES = "IF TG_TABLE_NAME";
    private static final String ELSE = "\n        ELSE\n";
    private static final String END_CASE = "END CASE";

    /** The plugin's function security (templates/common/function-security.vm), which the anchor keeps. */
    private static final String SECURITY = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp";
    /** The history INSERT of an installed function: target, column list, values. */
    private static final Pattern INSERT = Pattern.compile("INSERT INTO (\\S+) \\(([^)]*)\\)\\s*VALUES \\((.*?)\\);", Pattern.DOTALL);
    /** The variables an installed function copies the row's columns into. */
    private static final Pattern VARIABLE = Pattern.compile("\\bv(\\d+)\\b");
    /** A column of the record r, as the usual path's INSERTs name it. */
    private static final Pattern ROW_COLUMN = Pattern.compile("\\br\\.");
    /** Which row r is: {@code IF TG_OP = '<op>' THEN r := <row>; ELSE r := <row>; END IF;} before the block. */
    private static final Pattern RECORD_CHOICE = Pattern.compile(
            "    IF TG_OP = '(\\w+)' THEN\n        r := (NEW|OLD);\n    ELSE\n        r := (NEW|OLD);\n    END IF;\n");
    /** What follows the usual path's dispatch in an installed function (update: new or old). */
    private static final String END_OF_ROW_DISPATCH = ";\n            RETURN NULL;\n        EXCEPTION";

    /** One of the changes below, made to a table the plugin (or nobody) has audited. */
    @FunctionalInterface
    interface Change {
        void apply(BenchDatabase db, TableSpec table) throws SQLException;
    }

    private TriggerVariants() {
    }

    /** Native with only the distributed fallback: every row goes through the distributed history table. */
    static void fallbackOnly(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        int[] dispatch = rowDispatch(source);
        String fallback = fallback(source);
        replaceFunction(db, table, source.substring(0, dispatch[0]) + fallback.substring(0, fallback.length() - 1)
                + source.substring(dispatch[1]));
    }

    /**
     * Native with the static branches only: no ELSE in any CASE of the usual path's dispatch (a shard
     * without a branch would raise CASE_NOT_FOUND, which the block does not catch).
     */
    static void staticBranchesOnly(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        String withoutFallbacks = source.replaceAll(Pattern.quote(ELSE) + "\\s*" + Pattern.quote(fallback(source)) + "\\s*" + END_CASE,
                "\n    " + END_CASE);
        replaceFunction(db, table, withoutFallbacks);
    }

    /** The distributed INSERT every CASE of the usual path's dispatch falls back to, with its semicolon. */
    private static String fallback(String source) {
        int elseAt = source.indexOf(ELSE, source.indexOf(CASE));
        return source.substring(elseAt + ELSE.length(), source.indexOf(END_CASE, elseAt)).strip();
    }

    /** Native with the history table's primary key (its only index) dropped. */
    static void withoutHistoryIndex(BenchDatabase db, TableSpec table) throws SQLException {
        HistorySpec history = table.history();
        String historyTable = Sql.table(history.schema(), history.table());
        String constraint = db.single("SELECT conname FROM pg_catalog.pg_constraint WHERE contype = 'p' AND conrelid = "
                + Sql.lit(historyTable) + "::regclass");
        db.execute("ALTER TABLE " + historyTable + " DROP CONSTRAINT " + Sql.id(constraint));
    }

    /** A native trigger whose function does nothing: the cost of firing a trigger on a distributed table. */
    static void noOpTrigger(BenchDatabase db, TableSpec table) throws SQLException {
        HistorySpec history = table.history();
        String function = Sql.table(history.schema(), history.functionName());
        db.execute("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS "
                + Sql.dollar("\nBEGIN\n    RETURN NULL;\nEND\n"));
        try (var connection = db.connect(); var statement = connection.createStatement()) {
            statement.execute("SET citus.enable_unsafe_triggers = on");
            statement.execute("CREATE TRIGGER " + Sql.id(history.triggerName()) + " AFTER INSERT OR UPDATE OR DELETE ON "
                    + Sql.table(table.schema(), table.name()) + " FOR EACH ROW EXECUTE FUNCTION " + function + "()");
        }
    }

    /**
     * The anchor: what a careful hand-written per-shard function does, in place of each per-shard
     * function the plugin's placement mode made for {@code table} (same triggers, same history shard,
     * same security: the rights of its owner, a pinned search_path). Its body names NEW's or OLD's
     * columns in one static INSERT: no record copy, no block, no check of unchanged UPDATEs (the
     * benchmark's UPDATEs always change a column).
     */
    static void perShardAnchor(BenchDatabase db, TableSpec table) throws SQLException {
        HistorySpec history = table.history();
        List<List<String>> functions = db.query("SELECT p.oid::regprocedure::text, p.prosrc FROM pg_catalog.pg_proc p"
                + " WHERE p.pronamespace = " + Sql.lit(Sql.id(history.schema())) + "::regnamespace AND p.proname LIKE "
                + Sql.lit(history.functionName().replace("_", "\\_") + "\\_%"));
        if (functions.isEmpty()) {
            throw new IllegalStateException("no per-shard functions of " + table.name() + " to replace with the anchor");
        }
        List<String> columns = table.columns().stream().map(c -> c.name()).toList();
        for (List<String> function : functions) {
            Matcher insert = INSERT.matcher(function.get(1));
            if (!insert.find()) {
                throw new IllegalStateException("no history INSERT in " + function.get(0) + ":\n" + function.get(1));
            }
            String body = "\nBEGIN\n    IF TG_OP = 'INSERT' THEN\n        " + staticInsert(insert, columns, "NEW")
                    + ";\n    ELSE\n        " + staticInsert(insert, columns, "OLD") + ";\n    END IF;\n    RETURN NULL;\nEND\n";
            db.execute("CREATE OR REPLACE FUNCTION " + function.get(0) + " RETURNS trigger LANGUAGE plpgsql " + SECURITY + " AS "
                    + Sql.dollar(body));
        }
    }

    /** The installed INSERT with its row's columns (r.<column>, or variables v1, v2, ...) named in {@code row}. */
    private static String staticInsert(Matcher insert, List<String> columns, String row) {
        return "INSERT INTO " + insert.group(1) + " (" + insert.group(2) + ")\n            VALUES ("
                + ofRow(namedColumns(insert.group(3), columns, row), row) + ")";
    }

    private static String installedFunction(BenchDatabase db, TableSpec table) throws SQLException {
        String source = db.single("SELECT prosrc FROM pg_catalog.pg_proc WHERE oid = " + Sql.lit(functionName(table) + "()")
                + "::regprocedure");
        if (!source.contains(CASE) || !source.contains(ELSE)) {
            throw new IllegalStateException("the native function of " + table.name() + " has no static branches to vary:\n" + source);
        }
        return source;
    }

    /** Replaces the function's body, keeping its security (definer's rights, pinned search_path). */
    private static void replaceFunction(BenchDatabase db, TableSpec table, String body) throws SQLException {
        replaceFunction(db, table, body, SECURITY);
    }

    private static void replaceFunction(BenchDatabase db, TableSpec table, String body, String security) throws SQLException {
        // On the coordinator: Citus propagates the new definition to the workers.
        db.execute("CREATE OR REPLACE FUNCTION " + functionName(table) + "() RETURNS trigger LANGUAGE plpgsql " + security + " AS "
                + Sql.dollar(body));
    }

    /** Native with its body as installed, but run with the caller's rights and search_path: what the definer's SET costs. */
    static void withoutFunctionSecurity(BenchDatabase db, TableSpec table) throws SQLException {
        replaceFunction(db, table, installedFunction(db, table), "");
    }

    /**
     * Native's usual path (the INSERT naming the row's columns) without the exception block around it:
     * what the block's subtransaction costs (a write after a migration would fail with this variant).
     */
    static void withoutExceptionBlock(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        String withoutBlock = source.replaceFirst("(IF NOT coordinating THEN\n)\\s*BEGIN\n", "$1")
                .replaceFirst("\\s*EXCEPTION\n\\s*WHEN undefined_column[^\n]*\n(\\s*--[^\n]*\n)*\\s*NULL;\n\\s*END;\n", "\n");
        if (withoutBlock.contains("WHEN undefined_column")) {
            throw new IllegalStateException("the exception block of " + table.name() + "'s function was not found:\n" + source);
        }
        replaceFunction(db, table, withoutBlock);
    }

    /**
     * Native with its {@code coordinating} constant written as false: what asking, on every call, whether
     * the backend runs its own statement ({@code citus_backend_gpid()} against {@code pg_backend_pid()})
     * costs. Right only where no trigger runs in a
     * coordinating backend, as in the benchmark (a coordinator without shards).
     */
    static void coordinatingKnown(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        String known = source.replaceFirst("coordinating constant boolean := [^\n]*;", "coordinating constant boolean := false;");
        if (known.equals(source)) {
            throw new IllegalStateException("no 'coordinating' constant in " + table.name() + "'s function:\n" + source);
        }
        replaceFunction(db, table, known);
    }

    /**
     * Native taking every row by name through jsonb, the path it takes after a migration (and in a
     * backend with remote connections): no exception block, no subtransaction, a jsonb of each row.
     */
    static void byNameOnly(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        String byName = source.replaceFirst("coordinating constant boolean := [^\n]*;", "coordinating constant boolean := true;");
        if (byName.equals(source)) {
            throw new IllegalStateException("no 'coordinating' constant in " + table.name() + "'s function:\n" + source);
        }
        replaceFunction(db, table, byName);
    }

    /**
     * Where the usual path's dispatch (its static branches, CASE or IF ranges, and fallback, naming
     * {@code r.<column>}) starts and ends in an installed native function: the first of the function's
     * two dispatches, the one inside the exception block.
     */
    private static int[] rowDispatch(String source) {
        int ranges = source.indexOf(RANGES);
        int cases = source.indexOf(CASE);
        int start = ranges >= 0 && ranges < cases ? ranges : cases;
        int end = source.indexOf(END_OF_ROW_DISPATCH, start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("no dispatch inside the exception block:\n" + source);
        }
        return new int[] {start, end};
    }

    private static String installedDispatch(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        int[] dispatch = rowDispatch(source);
        return source.substring(dispatch[0], dispatch[1]);
    }

    /**
     * Native's dispatch (its static branches and fallback, as installed) around the anchor's body: the
     * INSERTs name NEW's or OLD's columns, with no record copy, no block and no check of unchanged
     * UPDATEs. What native would cost if it did no more per row than the anchor.
     */
    static void leanDispatch(BenchDatabase db, TableSpec table) throws SQLException {
        String dispatch = installedDispatch(db, table);
        replaceFunction(db, table, "\nBEGIN\n    IF TG_OP = 'INSERT' THEN\n    " + ofRow(dispatch, "NEW")
                + ";\n    ELSE\n    " + ofRow(dispatch, "OLD") + ";\n    END IF;\n    RETURN NULL;\nEND\n");
    }

    /**
     * Native with its usual path naming NEW's or OLD's columns instead of the record r's: no
     * {@code r := NEW} (a copy of the row) before the block, the dispatch twice in it (under
     * {@code IF TG_OP = 'DELETE'}). r is set after the block, for the by-name path.
     */
    static void namingNewOrOld(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        int[] dispatch = rowDispatch(source);
        String rowDispatch = source.substring(dispatch[0], dispatch[1]);
        Matcher choice = RECORD_CHOICE.matcher(source);
        int blockEnd = source.indexOf("    END IF;\n", source.indexOf("WHEN undefined_column"));
        if (!choice.find() || choice.start() > dispatch[0] || blockEnd < 0) {
            throw new IllegalStateException("no r := NEW / OLD before the block in " + table.name() + "'s function:\n" + source);
        }
        blockEnd += "    END IF;\n".length();
        String named = "IF TG_OP = '" + choice.group(1) + "' THEN\n    " + ofRow(rowDispatch, choice.group(2)) + ";\n    ELSE\n    "
                + ofRow(rowDispatch, choice.group(3)) + ";\n    END IF";
        replaceFunction(db, table, source.substring(0, choice.start()) + source.substring(choice.end(), dispatch[0]) + named
                + source.substring(dispatch[1], blockEnd) + choice.group() + source.substring(blockEnd));
    }

    /** The row dispatch with {@code r.<column>} named in another row (NEW or OLD). */
    private static String ofRow(String rowDispatch, String row) {
        return ROW_COLUMN.matcher(rowDispatch).replaceAll(Matcher.quoteReplacement(row + "."));
    }

    private static String namedColumns(String text, List<String> columns, String row) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder named = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(named, Matcher.quoteReplacement(row + "." + Sql.id(columns.get(Integer.parseInt(variable.group(1)) - 1))));
        }
        variable.appendTail(named);
        return named.toString();
    }

    private static String functionName(TableSpec table) {
        return Sql.table(table.history().schema(), table.history().functionName());
    }
}
