package io.github.citusaudit.mojo;

import org.apache.maven.plugins.annotations.Mojo;

import io.github.citusaudit.core.InfoCommand;
import io.github.citusaudit.core.Requests;

/**
 * Read-only: per audited table, the trigger mode installed, the shard placements with the trigger,
 * the shards on the slow path, the history's rows, size and last change. Never fails on what it finds
 * (verify does that).
 */
@Mojo(name = "info", requiresProject = false, threadSafe = true)
public class InfoMojo extends AbstractConnectedMojo {

    @Override
    protected void run() {
        new InfoCommand(console()).run(new Requests.Info(spec, connection()));
    }
}
