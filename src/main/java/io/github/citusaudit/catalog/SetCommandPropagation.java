package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.db.Query;

/**
 * Where {@code citus.propagate_set_commands} is {@code 'local'} for this database. Without it, the
 * {@code SET LOCAL} of an application's user stays on the coordinator: the triggers run on the
 * workers, and {@code appUser} reads NULL there.
 */
public final class SetCommandPropagation {

    private static final String SETTING = "citus.propagate_set_commands";

    private SetCommandPropagation() {
    }

    /**
     * Where it is on, as "the server's configuration", "the database" or "role r" (each role whose
     * sessions in this database have it); empty when nowhere.
     */
    public static List<String> whereOn(Connection connection) throws SQLException {
        Query query = new Query(connection);
        List<String> places = new ArrayList<>();
        if ("local".equals(query.value("SELECT boot_val FROM pg_catalog.pg_settings WHERE name = ?", SETTING))
                || "local".equals(query.value("SELECT reset_val FROM pg_catalog.pg_settings WHERE name = ?"
                        + " AND source IN ('configuration file', 'command line', 'environment variable')", SETTING))) {
            places.add("the server's configuration");
        }
        for (List<String> row : query.rows("""
                SELECT CASE WHEN s.setrole = 0 THEN 'the database' ELSE 'role ' || r.rolname END
                  FROM pg_catalog.pg_db_role_setting s
                  LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
                 WHERE s.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()))
                   AND ? = ANY (s.setconfig)
                 ORDER BY s.setrole <> 0, r.rolname""", SETTING + "=local")) {
            places.add(row.get(0));
        }
        return places;
    }
}
