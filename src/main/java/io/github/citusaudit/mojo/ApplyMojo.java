package io.github.citusaudit.mojo;

import java.io.File;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;

/** Installs the spec's tables, history tables, trigger functions and triggers on a live database. */
@Mojo(name = "apply", requiresProject = false, threadSafe = true)
public class ApplyMojo extends AbstractConnectedMojo {

    /**
     * Show what apply would change against the live database, and change nothing: the steps run in a
     * transaction that is rolled back, and only those that would create or change something are listed.
     */
    @Parameter(property = "citus-audit.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** With dryRun: also write what would change, and the SQL of those steps, to this file for review. */
    @Parameter(property = "citus-audit.dryRunOutput")
    private File dryRunOutput;

    /** How long any step may wait for a table lock, as a PostgreSQL interval (e.g. 5s); empty waits indefinitely. */
    @Parameter(property = "citus-audit.lockTimeout", defaultValue = "10s")
    private String lockTimeout;

    /** auto (native on Citus 11+ and plain PostgreSQL, placement before Citus 11), native or placement. */
    @Parameter(property = "citus-audit.mode", defaultValue = "auto")
    private String mode;

    /**
     * Where to set citus.propagate_set_commands = 'local' (Citus only), so that the application's
     * {@code SET LOCAL app.username = ...} reaches the workers, where the triggers record it:
     * {@code database} (needs the database's owner), or a comma-separated list of the application's
     * roles (needs CREATEROLE). Empty (the default) sets nothing: each application session must.
     */
    @Parameter(property = "citus-audit.propagateSetCommands")
    private String propagateSetCommands;

    @Override
    protected void run() {
        new ApplyCommand(console()).run(new Requests.Apply(spec, templates, connection(), Requests.mode(mode), dryRun,
                lockTimeout, Requests.propagateSetCommands(propagateSetCommands), dryRunOutput));
    }
}
