package io.github.citusaudit.core;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.catalog.ExistingColumns;
import io.github.citusaudit.catalog.ExistingDistribution;
import io.github.citusaudit.catalog.LivePartitioning;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.FlywayMigration;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.LiquibaseChangelog;
import io.github.citusaudit.render.RenderedStatement;
import io.github.citusaudit.render.ScriptFormat;
import io.github.citusaudit.render.SqlScript;
import io.github.citusaudit.render.TemplateRenderer;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;

/**
 * Writes a spec's statements without a database: install.sql and uninstall.sql for psql, a Flyway
 * repeatable migration, or a Liquibase changelog.
 */
public final class GenerateCommand {

    public static final String INSTALL_FILE = "install.sql";
    public static final String UNINSTALL_FILE = "uninstall.sql";

    private final Console console;

    public GenerateCommand(Console console) {
        this.console = console;
    }

    /** @return the files written */
    public List<Path> run(Requests.Generate request) {
        AuditSpec spec = new SpecReader().read(request.spec().toPath());
        if (spec.tables().stream().anyMatch(TableSpec::existingColumns)) {
            spec = resolveExisting(spec, request);
        }
        InstallPlan plan = new InstallPlan(new TemplateRenderer(request.templates()));
        String specName = request.spec().getName();
        List<RenderedStatement> install = plan.install(spec, request.mode() == null ? TriggerMode.NATIVE : request.mode());
        List<RenderedStatement> uninstall = request.format() == ScriptFormat.psql ? plan.uninstall(spec, false) : List.of();
        File directory = request.outputDirectory();
        try {
            Files.createDirectories(directory.toPath());
            return switch (request.format()) {
                case psql -> {
                    Path installFile = writeScript(directory, INSTALL_FILE, "install", specName, install);
                    Path uninstallFile = writeScript(directory, UNINSTALL_FILE, "uninstall", specName, uninstall);
                    console.info("Wrote " + installFile + " (" + install.size() + " statements) and " + uninstallFile + " ("
                            + uninstall.size() + " statements) for " + spec.tables().size() + " table(s)" + customTriggers(spec));
                    yield List.of(installFile, uninstallFile);
                }
                case flyway -> {
                    String name = FlywayMigration.fileName(specName);
                    Path migration = write(directory, name, FlywayMigration.of(specName, install));
                    Path configuration = write(directory, name + ".conf", FlywayMigration.CONFIGURATION);
                    console.info("Wrote the Flyway repeatable migration " + migration + " (" + install.size() + " statements) and its "
                            + configuration.getFileName() + " for " + spec.tables().size() + " table(s)" + customTriggers(spec));
                    yield List.of(migration, configuration);
                }
                case liquibase -> {
                    String name = LiquibaseChangelog.fileName(specName);
                    Path changelog = write(directory, name, LiquibaseChangelog.of(specName, name, install));
                    console.info("Wrote the Liquibase changelog " + changelog + " (" + install.size() + " statements in "
                            + LiquibaseChangelog.changesets(install).size() + " changesets) for " + spec.tables().size() + " table(s)"
                            + customTriggers(spec));
                    yield List.of(changelog);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + directory + ": " + e.getMessage(), e);
        }
    }

    private AuditSpec resolveExisting(AuditSpec spec, Requests.Generate request) {
        if (request.connection() == null) {
            String names = spec.tables().stream().filter(TableSpec::existingColumns).map(t -> t.schema() + "." + t.name())
                    .reduce((a, b) -> a + ", " + b).orElse("");
            throw new UsageException("tables declared with 'columns: existing' (" + names + ") need a database to read"
                    + " their columns from: set citus-audit.url, or declare the columns in the spec");
        }
        try (Connection connection = new Database(request.connection()).connect()) {
            ServerInfo server = ServerInfo.detect(connection);
            return LivePartitioning.resolve(connection,
                    ExistingDistribution.resolve(connection, server, ExistingColumns.resolve(connection, spec)));
        } catch (SQLException e) {
            throw DatabaseException.of("reading existing columns failed", e, request.connection());
        }
    }

    private static String customTriggers(AuditSpec spec) {
        return spec.triggers().isEmpty() ? "" : " and " + spec.triggers().size() + " custom trigger(s)";
    }

    /** Streams the script to its file: for thousands of tables it is tens of megabytes. */
    private static Path writeScript(File directory, String name, String purpose, String specName, List<RenderedStatement> statements)
            throws IOException {
        Path file = directory.toPath().resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            SqlScript.write(out, purpose, specName, statements);
        }
        return file;
    }

    private static Path write(File directory, String name, String content) throws IOException {
        Path file = directory.toPath().resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
