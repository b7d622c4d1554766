package io.github.citusaudit.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.Query;

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
        try (Connection connection = new Database(settings).connect()) {
            return new Query(connection).rows(sql);
        }
    }

    public String single(String sql) throws SQLException {
        return query(sql).get(0).get(0);
    }
}
