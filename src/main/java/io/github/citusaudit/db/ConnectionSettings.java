package io.github.citusaudit.db;

import java.util.Map;

/**
 * Where and as whom to connect. Built from explicit values first, then the libpq environment
 * variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD) that psql users already have set.
 * The password never appears in {@link #toString()} or {@link #describe()}.
 */
public record ConnectionSettings(String url, String user, String password) {

    public static ConnectionSettings resolve(String url, String user, String password, Map<String, String> environment) {
        String resolvedUrl = blankToNull(url);
        if (resolvedUrl == null) {
            String host = environment.getOrDefault("PGHOST", "localhost");
            String port = environment.getOrDefault("PGPORT", "5432");
            String database = environment.get("PGDATABASE");
            if (database == null && environment.get("PGHOST") == null) {
                throw new ConnectionSettingsException("no database given: set citus-audit.url (e.g. jdbc:postgresql://host:5432/db),"
                        + " or PGHOST/PGPORT/PGDATABASE in the environment");
            }
            resolvedUrl = "jdbc:postgresql://" + host + ":" + port + "/" + (database == null ? "" : database);
        }
        if (!resolvedUrl.startsWith("jdbc:postgresql:")) {
            throw new ConnectionSettingsException("citus-audit.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), not "
                    + describe(resolvedUrl));
        }
        String resolvedUser = blankToNull(user) != null ? user : environment.get("PGUSER");
        String resolvedPassword = password != null ? password : environment.get("PGPASSWORD");
        return new ConnectionSettings(resolvedUrl, resolvedUser, resolvedPassword);
    }

    /** The URL with any password parameter masked, and the user: safe to log. */
    public String describe() {
        return describe(url) + (user == null ? "" : " as " + user);
    }

    static String describe(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + describe() + (password == null ? "" : ", password=***") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
