package io.github.citusaudit.bench;

import java.sql.SQLException;

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
    private static final String END_IF = "END IF";

    private TriggerVariants() {
    }

    /** Native with only the distributed fallback: every row goes through the distributed history table. */
    static void fallbackOnly(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        String fallback = fallback(source);
        boolean ranges = source.contains(RANGES);
        int dispatchAt = ranges ? source.indexOf(RANGES) : source.indexOf(CASE);
        String end = ranges ? END_IF : END_CASE;
        int endAt = source.lastIndexOf(end);
        replaceFunction(db, table, source.substring(0, dispatchAt) + fallback.substring(0, fallback.length() - 1)
                + source.substring(endAt + end.length()));
    }

    /** Native with the static branches only: no ELSE in any CASE (a shard without a branch would raise CASE_NOT_FOUND). */
    static void staticBranchesOnly(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        String withoutFallbacks = source.replaceAll(java.util.regex.Pattern.quote(ELSE) + "\\s*"
                + java.util.regex.Pattern.quote(fallback(source)) + "\\s*" + END_CASE, "\n    " + END_CASE);
        replaceFunction(db, table, withoutFallbacks);
    }

    /** The distributed INSERT every CASE falls back to, with its semicolon. */
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

    private static String installedFunction(BenchDatabase db, TableSpec table) throws SQLException {
        String source = db.single("SELECT prosrc FROM pg_catalog.pg_proc WHERE oid = " + Sql.lit(functionName(table) + "()")
                + "::regprocedure");
        if (!source.contains(CASE) || !source.contains(ELSE)) {
            throw new IllegalStateException("the native function of " + table.name() + " has no static branches to vary:\n" + source);
        }
        return source;
    }

    private static void replaceFunction(BenchDatabase db, TableSpec table, String body) throws SQLException {
        // On the coordinator: Citus propagates the new definition to the workers.
        db.execute("CREATE OR REPLACE FUNCTION " + functionName(table) + "() RETURNS trigger LANGUAGE plpgsql AS " + Sql.dollar(body));
    }

    private static String functionName(TableSpec table) {
        return Sql.table(table.history().schema(), table.history().functionName());
    }
}
