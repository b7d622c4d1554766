package io.github.citusaudit.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;

/** Plain SQL for test set-up and assertions: statements run, rows come back as strings. */
public record TestDatabase(ConnectionSettings settings) {

    public void execute(String... statements) throws SQLException {
        try (Connection connection = new Database(settings).connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = new Database(settings).connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    public String single(String sql) throws SQLException {
        return query(sql).get(0).get(0);
    }
}
