package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections for the settings it was given. */
public final class Database {

    /**
     * The plugin's own driver, asked directly: DriverManager loads the drivers on the class path once
     * per JVM, through whichever class loader asks first. In a Maven build where another plugin used
     * JDBC before (Liquibase's does), the plugin's driver was never registered and DriverManager
     * answered "No suitable driver".
     */
    private static final Driver DRIVER = new org.postgresql.Driver();

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
            Connection connection = DRIVER.connect(settings.url(), properties);
            if (connection == null) {
                throw new ConnectionException("cannot connect to " + settings.describe() + ": not a PostgreSQL JDBC URL"
                        + " (jdbc:postgresql://host:port/database)");
            }
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new ConnectionException("cannot connect to " + settings.describe() + ": " + Sql.message(e, settings), e);
        }
    }
}
