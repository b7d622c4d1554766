package io.github.citusaudit.mojo;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.core.DropCommand;
import io.github.citusaudit.core.Requests;

/** Removes the spec's audit triggers and functions everywhere (both modes); history tables stay unless dropHistory. */
@Mojo(name = "drop", requiresProject = false, threadSafe = true)
public class DropMojo extends AbstractConnectedMojo {

    /** Also drop the history tables and their id sequences: the recorded history is lost. */
    @Parameter(property = "citus-audit.dropHistory", defaultValue = "false")
    private boolean dropHistory;

    @Parameter(property = "citus-audit.lockTimeout", defaultValue = "10s")
    private String lockTimeout;

    @Override
    protected void run() {
        new DropCommand(console()).run(new Requests.Drop(spec, templates, connection(), dropHistory, lockTimeout));
    }
}
