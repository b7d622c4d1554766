package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections for the settings it was given. */
public final class Database {

    private final ConnectionSettings settings;

    public Database(ConnectionSettings settings) {
        this.settings = settings;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public Connection connect() {
        return connect("citus-audit");
    }

    /** @param applicationName what pg_stat_activity shows for the session (apply's second connection says what it is) */
    public Connection connect(String applicationName) {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        try {
            Connection connection = DriverManager.getConnection(settings.url(), properties);
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new ConnectionException("cannot connect to " + settings.describe() + ": " + Sql.message(e, settings), e);
        }
    }
}
