package io.github.citusaudit.mojo;

import java.io.File;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.core.GenerateCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.render.ScriptFormat;

/**
 * Writes install.sql and uninstall.sql for the spec, for review or for psql, or a Flyway repeatable
 * migration or a Liquibase changelog that those tools run as they are. No database is needed,
 * except to read the columns of tables declared {@code columns: existing}.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class GenerateMojo extends AbstractConnectedMojo {

    @Parameter(property = "citus-audit.outputDirectory", defaultValue = "${project.build.directory}/citus-audit")
    private File outputDirectory;

    /** native (also right for plain PostgreSQL) or placement (Citus before 11); auto means native here. */
    @Parameter(property = "citus-audit.mode", defaultValue = "native")
    private String mode;

    /**
     * What to write: {@code psql} (install.sql and uninstall.sql), {@code flyway} (a repeatable migration
     * R__citus_audit....sql with its .conf; point Flyway's locations at the output directory) or
     * {@code liquibase} (citus-audit....changelog.xml, to include from your changelog).
     */
    @Parameter(property = "citus-audit.format", defaultValue = "psql")
    private ScriptFormat format;

    @Override
    protected void run() {
        new GenerateCommand(console()).run(new Requests.Generate(spec, templates, inBuildDirectory(outputDirectory),
                connectionGiven() ? connection() : null, Requests.mode(mode), format));
    }
}
