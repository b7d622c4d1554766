package io.github.citusaudit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.citusaudit.spec.AuditColumn;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.HistorySpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * The two hand-written scripts the plugin is measured against, for the tables of a spec whose
 * source and history tables already exist (see {@link BenchDatabase#createTablesWithoutTriggers}):
 * <ul>
 * <li>the <b>recipe</b> of the Citus docs, corrected so that it works on Citus 13: one PL/pgSQL
 * function created on the coordinator (workers refuse DDL in distributed schemas), which takes the
 * history shard and its id sequence as trigger arguments and runs {@code EXECUTE format(...)} per
 * row (history shards have no defaults, so it supplies the id), attached to every placement pair by
 * one {@code run_command_on_colocated_placements} per table, whose rows are checked for success;</li>
 * <li><b>bare native</b>: {@code SET citus.enable_unsafe_triggers}, then per table a static
 * function inserting into the distributed history table and one {@code CREATE TRIGGER} on the
 * distributed table.</li>
 * </ul>
 * They run statement by statement through JDBC, as psql would run the same script without -1.
 */
final class RecipeScripts {

    static final String RECIPE_FUNCTION = "recipe_audit";

    private RecipeScripts() {
    }

    /** The recipe: its one function per history schema, then one placement command per table. */
    static List<String> recipe(AuditSpec spec) {
        List<String> statements = new ArrayList<>();
        spec.tables().stream().map(t -> t.history().schema()).distinct()
                .forEach(schema -> statements.add(recipeFunction(schema)));
        for (TableSpec table : spec.tables()) {
            statements.add(recipeTriggers(table));
        }
        return statements;
    }

    static String recipeFunction(String historySchema) {
        String body = """

                DECLARE
                    r record;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        r := NEW;
                    ELSE
                        r := OLD;
                    END IF;
                    -- TG_ARGV[0]: the history shard beside this source shard; TG_ARGV[1]: the id sequence.
                    EXECUTE format('INSERT INTO %s SELECT nextval(%L::regclass), $1, now(), current_user, ($2).*',
                                   TG_ARGV[0], TG_ARGV[1])
                        USING TG_OP, r;
                    RETURN NULL;
                END
                """;
        return "CREATE OR REPLACE FUNCTION " + Sql.table(historySchema, RECIPE_FUNCTION)
                + "() RETURNS trigger LANGUAGE plpgsql AS " + Sql.dollar(body);
    }

    /**
     * One row per placement pair comes back; the script's caller checks {@code success} of each
     * (failures arrive as rows, not errors). In the command, {@code %s} is the source shard and
     * {@code %L} the history shard as a literal; every other {@code %} is doubled.
     */
    static String recipeTriggers(TableSpec table) {
        HistorySpec history = table.history();
        String sequence = Sql.table(history.schema(), history.idSequence());
        String command = "CREATE TRIGGER " + fmt(Sql.id(history.triggerName()))
                + " AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION "
                + fmt(Sql.table(history.schema(), RECIPE_FUNCTION)) + "(%L, " + fmt(Sql.lit(sequence)) + ")";
        return "SELECT nodename, nodeport, shardid1, shardid2, success, result FROM run_command_on_colocated_placements("
                + Sql.lit(Sql.table(table.schema(), table.name())) + ", " + Sql.lit(Sql.table(history.schema(), history.table()))
                + ", " + Sql.lit(command) + ")";
    }

    /** Bare native: one static function and one trigger on the distributed table, per table. */
    static List<String> bareNative(AuditSpec spec) {
        List<String> statements = new ArrayList<>();
        statements.add("SET citus.enable_unsafe_triggers = on");
        for (TableSpec table : spec.tables()) {
            HistorySpec history = table.history();
            String function = Sql.table(history.schema(), history.functionName());
            statements.add("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS "
                    + Sql.dollar(staticInsertBody(table, Sql.table(history.schema(), history.table()))));
            statements.add("CREATE TRIGGER " + Sql.id(history.triggerName()) + " AFTER INSERT OR UPDATE OR DELETE ON "
                    + Sql.table(table.schema(), table.name()) + " FOR EACH ROW EXECUTE FUNCTION " + function + "()");
        }
        return statements;
    }

    /**
     * A trigger function body with one static INSERT into {@code target} (the distributed history
     * table, or a shard). Expects the default audit columns: id, operation, at, by.
     */
    static String staticInsertBody(TableSpec table, String target) {
        HistorySpec history = table.history();
        List<String> audit = history.auditColumns().present().stream().map(AuditColumn::name).toList();
        if (audit.size() != 4) {
            throw new IllegalArgumentException("the benchmark's specs use the four default audit columns, not " + audit);
        }
        List<String> source = table.auditedColumns().stream().map(ColumnSpec::name).toList();
        String columns = java.util.stream.Stream.concat(audit.stream(), source.stream()).map(Sql::id)
                .collect(Collectors.joining(", "));
        String values = "nextval(" + Sql.lit(Sql.table(history.schema(), history.idSequence())) + "::regclass), TG_OP, now(), current_user, "
                + source.stream().map(c -> "r." + Sql.id(c)).collect(Collectors.joining(", "));
        return """

                DECLARE
                    r record;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        r := NEW;
                    ELSE
                        r := OLD;
                    END IF;
                    INSERT INTO %s (%s)
                    VALUES (%s);
                    RETURN NULL;
                END
                """.formatted(target, columns, values);
    }

    /**
     * Runs a script's statements in one session; a {@code run_command_on_colocated_placements}
     * result is read row by row and any {@code success = false} fails the run.
     */
    static void run(BenchDatabase db, List<String> statements) throws SQLException {
        try (Connection connection = db.connect(); Statement jdbc = connection.createStatement()) {
            for (String sql : statements) {
                if (jdbc.execute(sql)) {
                    try (ResultSet rows = jdbc.getResultSet()) {
                        List<String> failures = new ArrayList<>();
                        int count = 0;
                        while (rows.next()) {
                            count++;
                            if (!rows.getBoolean("success")) {
                                failures.add(rows.getString("nodename") + ":" + rows.getInt("nodeport") + " shards "
                                        + rows.getLong("shardid1") + "/" + rows.getLong("shardid2") + ": " + rows.getString("result"));
                            }
                        }
                        if (count == 0 || !failures.isEmpty()) {
                            throw new IllegalStateException("recipe failed on " + (count == 0 ? "no placements" : failures));
                        }
                    }
                }
            }
        }
    }

    /** Writes a script as psql would read it, so that it can be read and rerun by hand. */
    static void write(Path file, List<String> statements) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join(";\n\n", statements) + ";\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fmt(String text) {
        return text.replace("%", "%%");
    }
}
