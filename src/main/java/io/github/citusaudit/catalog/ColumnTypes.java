package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The live columns of a table, name to type as format_type prints it, in column order. */
public final class ColumnTypes {

    private static final String COLUMNS = """
            SELECT attname, pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute
             WHERE attrelid = pg_catalog.to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum""";

    private ColumnTypes() {
    }

    /** @param table a quoted, qualified name; empty when there is no such table */
    public static Map<String, String> of(Connection connection, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }
}
