package io.github.citusaudit.mojo;

import java.io.File;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.core.GenerateCommand;
import io.github.citusaudit.core.Requests;

/**
 * Writes install.sql and uninstall.sql for the spec, for review or for psql. No database is needed,
 * except to read the columns of tables declared {@code columns: existing}.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class GenerateMojo extends AbstractConnectedMojo {

    @Parameter(property = "citus-audit.outputDirectory", defaultValue = "${project.build.directory}/citus-audit")
    private File outputDirectory;

    /** native (also right for plain PostgreSQL) or placement (Citus before 11); auto means native here. */
    @Parameter(property = "citus-audit.mode", defaultValue = "native")
    private String mode;

    @Override
    protected void run() {
        new GenerateCommand(console()).run(new Requests.Generate(spec, templates, inBuildDirectory(outputDirectory),
                connectionGiven() ? connection() : null, Requests.mode(mode)));
    }
}
