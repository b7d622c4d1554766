package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the server is: its PostgreSQL version and, when installed in this database, Citus' version. */
public record ServerInfo(String postgresVersion, String citusVersion) {

    public static ServerInfo detect(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('server_version'),"
                        + " (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus')")) {
            rs.next();
            return new ServerInfo(rs.getString(1), rs.getString(2));
        }
    }

    public int citusMajorVersion() {
        return hasCitus() ? Integer.parseInt(citusVersion.replaceAll("^(\\d+).*", "$1")) : 0;
    }

    public boolean hasCitus() {
        return citusVersion != null;
    }

    public String describe() {
        return "PostgreSQL " + postgresVersion + (hasCitus() ? ", Citus " + citusVersion : ", without Citus");
    }
}
