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
    private static final String ELSE = "\n        ELSE\n";
    private static final String END_CASE = "END CASE";

    private TriggerVariants() {
    }

    /** Native with only the distributed fallback: every row goes through the distributed history table. */
    static void fallbackOnly(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        int caseAt = source.indexOf(CASE);
        int elseAt = source.indexOf(ELSE, caseAt);
        int endAt = source.indexOf(END_CASE, elseAt);
        String fallback = source.substring(elseAt + ELSE.length(), endAt).strip();
        fallback = fallback.endsWith(";") ? fallback.substring(0, fallback.length() - 1) : fallback;
        replaceFunction(db, table, source.substring(0, caseAt) + fallback + source.substring(endAt + END_CASE.length()));
    }

    /** Native with the static branches only: no ELSE (a shard without a branch would raise CASE_NOT_FOUND). */
    static void staticBranchesOnly(BenchDatabase db, TableSpec table) throws SQLException {
        String source = installedFunction(db, table);
        int elseAt = source.indexOf(ELSE, source.indexOf(CASE));
        int endAt = source.indexOf(END_CASE, elseAt);
        replaceFunction(db, table, source.substring(0, elseAt) + "\n    " + source.substring(endAt));
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
