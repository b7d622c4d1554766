package io.github.citusaudit.mojo;

import java.io.File;
import java.util.List;

import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.TrialCommand;
import io.github.citusaudit.trial.Throwaway;

/**
 * Applies the spec to a throwaway database (a Citus cluster when one can be started, else an
 * embedded PostgreSQL), makes one INSERT, UPDATE and DELETE per table, prints the history rows they
 * left, runs verify's checks; fails if anything is missing. Needs nothing but Java: the embedded
 * PostgreSQL (its binaries for this platform only) and Testcontainers are resolved when trial starts
 * one, not with the plugin.
 */
@Mojo(name = "trial", requiresProject = false, threadSafe = true)
public class TrialMojo extends AbstractCitusAuditMojo {

    /**
     * auto: Citus in Docker, else a local Citus installation, else an embedded PostgreSQL; citus: fail
     * without Citus; postgres: always the embedded PostgreSQL.
     */
    @Parameter(property = "citus-audit.database", defaultValue = "auto")
    private String database;

    /** Resolves the throwaway servers' libraries (an embedded PostgreSQL, Testcontainers) when one is started. */
    @Component
    private RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true)
    private List<RemoteRepository> repositories;

    /**
     * A SQL script run on the throwaway database before apply: it creates the tables the spec's
     * custom triggers act on (the plugin creates only the audited tables).
     */
    @Parameter(property = "citus-audit.trialSetup")
    private File trialSetup;

    /**
     * The Docker image of the Citus nodes when trial starts them in Docker (a coordinator and two
     * workers); any image that behaves like citusdata/citus, e.g. one built locally.
     */
    @Parameter(property = "citus-audit.citusImage", defaultValue = Throwaway.DEFAULT_CITUS_IMAGE)
    private String citusImage;

    @Override
    protected void run() {
        // The embedded PostgreSQL's library logs its start-up at INFO through Maven's SLF4J logger:
        // shown only with -X (its server's own output goes to a file, see ThrowawayPostgres).
        if (!getLog().isDebugEnabled()) {
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.zonky", "warn");
        }
        try (TrialLibraries libraries = new TrialLibraries(repositorySystem, repositorySession, repositories, getLog())) {
            try {
                new TrialCommand(console()).run(new Requests.Trial(spec, templates, Requests.database(database), libraries, trialSetup,
                        citusImage));
            } finally {
                // before the libraries' loader closes: Testcontainers' own clean-up needs its classes
                Throwaway.cleanUpDocker(libraries);
            }
        }
    }
}
