package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What the server is: its PostgreSQL version and, when installed in this database, Citus' version. */
public record ServerInfo(String postgresVersion, String citusVersion) {

    public static ServerInfo detect(Connection connection) throws SQLException {
        List<String> versions = new Query(connection).rows("SELECT current_setting('server_version'),"
                + " (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus')").get(0);
        return new ServerInfo(versions.get(0), versions.get(1));
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
