package io.github.citusaudit.mojo;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.TrialCommand;

/**
 * Applies the spec to a throwaway database (a Citus cluster when one can be started, else an
 * embedded PostgreSQL), makes one INSERT, UPDATE and DELETE per table, prints the history rows they
 * left, runs verify's checks; fails if anything is missing. Needs nothing but Java.
 */
@Mojo(name = "trial", requiresProject = false, threadSafe = true)
public class TrialMojo extends AbstractCitusAuditMojo {

    /**
     * auto: Citus in Docker, else a local Citus installation, else an embedded PostgreSQL; citus: fail
     * without Citus; postgres: always the embedded PostgreSQL.
     */
    @Parameter(property = "citus-audit.database", defaultValue = "auto")
    private String database;

    @Override
    protected void run() {
        // The embedded PostgreSQL's library logs its start-up at INFO through Maven's SLF4J logger:
        // shown only with -X (its server's own output goes to a file, see ThrowawayPostgres).
        if (!getLog().isDebugEnabled()) {
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.zonky", "warn");
        }
        new TrialCommand(console()).run(new Requests.Trial(spec, templates, Requests.database(database)));
    }
}
