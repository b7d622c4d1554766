package io.github.citusaudit.mojo;

import org.apache.maven.plugins.annotations.Mojo;

import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.TrialCommand;

/**
 * Applies the spec to a throwaway PostgreSQL, makes one INSERT, UPDATE and DELETE per table and
 * prints the history rows they left; fails if any is missing. Needs nothing but Java.
 */
@Mojo(name = "trial", requiresProject = false, threadSafe = true)
public class TrialMojo extends AbstractCitusAuditMojo {

    @Override
    protected void run() {
        new TrialCommand(console()).run(new Requests.Trial(spec, templates));
    }
}
