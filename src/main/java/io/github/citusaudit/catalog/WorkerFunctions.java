package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.db.NodeAnswer;
import io.github.citusaudit.db.WorkerReply;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.InstalledTrigger;
import io.github.citusaudit.spec.TableSpec;

/**
 * Each worker's md5 of the audit trigger functions of the given tables: one run_command_on_workers
 * for all tables, as a round trip per table adds up. The workers answer {@code index=md5} by the
 * table's position in the list, so that no name has to be parsed back.
 */
public final class WorkerFunctions {

    /**
     * What one worker said of one table's function.
     *
     * @param md5   null when the function is missing there (or the worker did not answer)
     * @param error why the worker did not answer; null when it did
     */
    public record Answer(String table, String node, boolean answered, String md5, String error) {
    }

    private WorkerFunctions() {
    }

    /** Worker by worker, each with one answer per table in the list's order. */
    public static List<Answer> of(Connection connection, List<TableSpec> tables) throws SQLException {
        return ofTriggers(connection, tables.stream().map(TableSpec::installedTrigger).toList());
    }

    /** The same for any triggers apply installs, audit or custom; each answer names the trigger's table. */
    public static List<Answer> ofTriggers(Connection connection, List<InstalledTrigger> tables) throws SQLException {
        List<Answer> answers = new ArrayList<>();
        if (tables.isEmpty()) {
            return answers;
        }
        for (WorkerReply worker : WorkerReply.ask(connection, md5Command(tables))) {
            Map<Long, String> md5s = worker.success() ? NodeAnswer.read(worker.result()) : Map.of();
            for (int i = 0; i < tables.size(); i++) {
                String table = tables.get(i).tableName();
                String md5 = md5s.getOrDefault((long) i, "");
                answers.add(worker.success() ? new Answer(table, worker.address(), true, md5.isEmpty() ? null : md5, null)
                        : new Answer(table, worker.address(), false, null, worker.result()));
            }
        }
        return answers;
    }

    /** The same query on every worker: {@code index=md5} per table, the md5 empty where the function is missing. */
    private static String md5Command(List<InstalledTrigger> tables) {
        SqlQuote q = new SqlQuote();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < tables.size(); i++) {
            values.append(i == 0 ? "" : ", ").append('(').append(i).append(", ")
                    .append(q.lit(AuditFunction.signature(tables.get(i)))).append(')');
        }
        return "SELECT " + NodeAnswer.aggregate("v.i", "coalesce((SELECT md5(prosrc) FROM pg_catalog.pg_proc"
                + " WHERE oid = to_regprocedure(v.f)), '')") + " FROM (VALUES " + values + ") AS v(i, f)";
    }
}
