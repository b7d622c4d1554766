package io.github.citusaudit.mojo;

import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.core.UsageException;
import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.ConnectionSettingsException;
import io.github.citusaudit.db.UnsupportedServerException;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.render.RenderException;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.spec.SpecException;

/**
 * What every goal shares: {@code skip}, checked before anything else; the spec and template
 * parameters; and the one mapping of core failures onto Maven's two kinds: a spec problem, drift
 * found or a misconfigured goal is a build failure; a database, connection, template or I/O error is
 * an execution error. Goals only map parameters and call the core in {@link #run()}.
 */
public abstract class AbstractCitusAuditMojo extends AbstractMojo {

    /** Skips the goal; nothing is read or connected to. */
    @Parameter(property = "citus-audit.skip", defaultValue = "false")
    private boolean skip;

    /** The YAML spec of audited tables. */
    @Parameter(property = "citus-audit.spec", defaultValue = "${basedir}/citus-audit.yaml")
    protected File spec;

    /** A directory whose templates replace the bundled ones of the same relative name (e.g. install/trigger.sql.vm). */
    @Parameter(property = "citus-audit.templates")
    protected File templates;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        refuseUnknownProperties();
        if (skip) {
            getLog().info("citus-audit: skipped (citus-audit.skip=true)");
            return;
        }
        if (spec != null) {
            getLog().info("citus-audit: spec " + spec.getAbsolutePath());
        }
        try {
            run();
        } catch (SpecException e) {
            throw new MojoFailureException("Invalid spec:\n" + e.getMessage());
        } catch (DriftException | UsageException | ConnectionSettingsException | UnsupportedServerException e) {
            // Expected outcomes: what was found, or how the goal was configured, fails the build.
            throw new MojoFailureException(e.getMessage(), e);
        } catch (DatabaseException | ConnectionException | RenderException | UncheckedIOException e) {
            // The server, the network, a template or the file system failed the goal.
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("citus-audit failed unexpectedly: " + e, e);
        }
    }

    /**
     * A misspelt -Dcitus-audit.* property would be ignored and the goal run without it (a dry run
     * that is not one): refused before anything else, skip included, with the closest name.
     */
    private void refuseUnknownProperties() throws MojoFailureException {
        if (session == null || mojoExecution == null) {
            return;
        }
        List<String> unknown = UnknownProperties.of(session.getUserProperties(),
                UnknownProperties.known(mojoExecution.getMojoDescriptor().getPluginDescriptor()));
        if (!unknown.isEmpty()) {
            throw new MojoFailureException(String.join("\n", unknown));
        }
    }

    /**
     * A directory whose default lies in the project's build directory. Run outside a project (the
     * goals do not need one), Maven leaves that default's {@code ${project.basedir}} unresolved, and
     * the files would land in a directory of that name: they go to target/citus-audit under the
     * working directory instead.
     */
    protected static File inBuildDirectory(File configured) {
        return configured != null && configured.getPath().contains("${") ? new File("target", "citus-audit").getAbsoluteFile()
                : configured;
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected Console console() {
        return new Console() {
            @Override
            public void info(String line) {
                getLog().info(line);
            }

            @Override
            public void warn(String line) {
                getLog().warn(line);
            }

            @Override
            public void debug(String line) {
                getLog().debug(line);
            }
        };
    }
}
