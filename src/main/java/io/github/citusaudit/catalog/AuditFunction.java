package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.InstalledTrigger;
import io.github.citusaudit.spec.TableSpec;

/**
 * A table's audit trigger function as the server we are connected to (the coordinator, on Citus)
 * holds it: its text and the text's md5, which the server computes so that it compares with the
 * md5 of what apply would create; and whether it runs with its owner's rights and a pinned
 * search_path, without which an application role cannot write history.
 */
public record AuditFunction(String source, String md5, boolean runsAsOwnerWithPinnedPath) {

    /** What apply creates every trigger function with (templates/common/function-security.vm). */
    private static final String FUNCTION = "SELECT prosrc, md5(prosrc), prosecdef AND proconfig = '{\"search_path=pg_catalog, pg_temp\"}'"
            + " FROM pg_catalog.pg_proc WHERE oid = to_regprocedure(?)";

    /** Empty when the function does not exist. */
    public static Optional<AuditFunction> read(Connection connection, TableSpec table) throws SQLException {
        return read(connection, table.installedTrigger());
    }

    /** A trigger's function, audit or custom; empty when it does not exist. */
    public static Optional<AuditFunction> read(Connection connection, InstalledTrigger trigger) throws SQLException {
        List<List<String>> rows = new Query(connection).rows(FUNCTION, signature(trigger));
        return rows.stream().findFirst().map(row -> new AuditFunction(row.get(0), row.get(1), "t".equals(row.get(2))));
    }

    /** The function as to_regprocedure reads it and findings name it: {@code schema.function()}, quoted where needed. */
    public static String signature(TableSpec table) {
        return signature(table.installedTrigger());
    }

    public static String signature(InstalledTrigger trigger) {
        return new SqlQuote().table(trigger.functionSchema(), trigger.functionName()) + "()";
    }
}
