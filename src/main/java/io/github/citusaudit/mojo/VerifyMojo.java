package io.github.citusaudit.mojo;

import java.io.File;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;

/**
 * Read-only pre-deploy check of a live coordinator (or PostgreSQL): distribution, history tables,
 * trigger functions on every node, triggers on every shard placement, shard coverage. Writes
 * verify.json and JUnit XML for CI servers; fails the build on any finding unless failOnDrift is off.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractConnectedMojo {

    /** auto (native on Citus 11+, placement before), native or placement: what apply installed. */
    @Parameter(property = "citus-audit.mode", defaultValue = "auto")
    private String mode;

    @Parameter(property = "citus-audit.reportDirectory", defaultValue = "${project.build.directory}/citus-audit")
    private File reportDirectory;

    /** Fail the build on any finding; false only warns. */
    @Parameter(property = "citus-audit.failOnDrift", defaultValue = "true")
    private boolean failOnDrift;

    @Override
    protected void run() {
        new VerifyCommand(console()).run(new Requests.Verify(spec, templates, connection(), Requests.mode(mode), inBuildDirectory(reportDirectory),
                failOnDrift));
    }
}
