package io.github.citusaudit.mojo;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.TrialCommand;
import io.github.citusaudit.trial.CitusContainers;

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

    /**
     * The Docker image of the Citus nodes when trial starts them in Docker (a coordinator and two
     * workers); any image that behaves like citusdata/citus, e.g. one built locally.
     */
    @Parameter(property = "citus-audit.citusImage", defaultValue = CitusContainers.DEFAULT_IMAGE)
    private String citusImage;

    @Override
    protected void run() {
        try {
            new TrialCommand(console()).run(new Requests.Trial(spec, templates, Requests.database(database), citusImage));
        } finally {
            CitusContainers.cleanUpBeforeTheClassLoaderCloses();
        }
    }
}
