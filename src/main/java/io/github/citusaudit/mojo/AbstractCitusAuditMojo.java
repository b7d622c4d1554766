package io.github.citusaudit.mojo;

import java.io.File;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.core.UsageException;
import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.render.RenderException;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.spec.SpecException;

/**
 * What every goal shares: {@code skip}, checked before anything else; the spec and template
 * parameters; and the mapping of core failures onto Maven's two kinds. Goals only map parameters
 * and call the core in {@link #run()}.
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

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("citus-audit: skipped (citus-audit.skip=true)");
            return;
        }
        try {
            run();
        } catch (SpecException e) {
            throw new MojoFailureException("Invalid spec:\n" + e.getMessage());
        } catch (UsageException | ConnectionException | DatabaseException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (RenderException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
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
