package io.github.citusaudit.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.flywaydb.core.Flyway;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import liquibase.Scope;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * Flyway and Liquibase, the real libraries, run against a test server as their users run them:
 * Flyway's migrate over a filesystem location, Liquibase's update of a changelog in a directory.
 */
public final class MigrationTools {

    static {
        // Liquibase 4.30+ would report usage over the network: there is none here, and a test sends nothing.
        System.setProperty("liquibase.analytics.enabled", "false");
    }

    private MigrationTools() {
    }

    /** The tools' own tables, dropped so that each test starts with neither having run. */
    public static void forgetRuns(TestDatabase db) throws SQLException {
        db.execute("DROP TABLE IF EXISTS public.flyway_schema_history, public.databasechangelog, public.databasechangeloglock");
    }

    /** {@code flyway migrate} with the directory as its one location; returns how many migrations ran. */
    public static int flywayMigrate(ConnectionSettings server, Path location) {
        return flyway(server, location).migrate().migrationsExecuted;
    }

    /** {@code flyway validate}: the applied migrations match the ones in the location (throws if not). */
    public static void flywayValidate(ConnectionSettings server, Path location) {
        flyway(server, location).validate();
    }

    private static Flyway flyway(ConnectionSettings server, Path location) {
        return Flyway.configure().dataSource(server.url(), server.user(), server.password())
                .locations("filesystem:" + location.toAbsolutePath()).load();
    }

    /**
     * {@code liquibase update} of a changelog in a directory; returns the ids of the changesets it ran
     * (new in DATABASECHANGELOG, or run again: a new checksum and time).
     */
    public static List<String> liquibaseUpdate(ConnectionSettings server, Path directory, String changelog) throws Exception {
        Map<String, String> before = changesets(server);
        // Liquibase remembers for the rest of the JVM that a changelog was up to date with a database,
        // whatever the file holds later: a new liquibase process, as each real run is, starts without.
        Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
        try (Connection connection = new Database(server).connect()) {
            liquibase.database.Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(directory.toFile())), () -> {
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                        .execute();
            });
        }
        Map<String, String> after = changesets(server);
        return after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    /**
     * Why Liquibase cannot run on this server whatever the changelog, or empty when it can: from its
     * second update on, Liquibase reads the columns of its DATABASECHANGELOG through pgjdbc's
     * {@code DatabaseMetaData.getColumns}, a query on the catalog alone. Some servers fail that query
     * (Citus 13.2.2 and 14.0.1 on the PostgreSQL 17.12 run here, see README's 'Supported versions':
     * "negative bitmapset member not allowed", in a database where only {@code CREATE EXTENSION citus}
     * and a {@code CREATE TABLE} ran); a test of the plugin's changelog there would test that, not
     * the plugin.
     */
    public static Optional<String> liquibaseCannotReadColumns(ConnectionSettings server) throws SQLException {
        try (Connection connection = new Database(server).connect();
                ResultSet columns = connection.getMetaData().getColumns(null, "pg_catalog", "pg_class", "%")) {
            while (columns.next()) {
                // read to the end, as Liquibase does
            }
            return Optional.empty();
        } catch (SQLException e) {
            String versions = new TestDatabase(server).single("SELECT version() || ', Citus '"
                    + " || coalesce((SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus'), 'none')");
            return Optional.of("this server (" + versions + ") fails pgjdbc's DatabaseMetaData.getColumns, which Liquibase"
                    + " runs on every update after the first, before any changeset: " + e.getMessage());
        }
    }

    /** id → deployment id and execution of each changeset Liquibase recorded. */
    private static Map<String, String> changesets(ConnectionSettings server) throws SQLException {
        TestDatabase db = new TestDatabase(server);
        Map<String, String> rows = new HashMap<>();
        if ("f".equals(db.single("SELECT to_regclass('public.databasechangelog') IS NOT NULL"))) {
            return rows;
        }
        for (List<String> row : db.query("SELECT id, concat_ws(' ', md5sum, dateexecuted, orderexecuted, exectype) FROM public.databasechangelog")) {
            rows.put(row.get(0), row.get(1));
        }
        return rows;
    }
}
