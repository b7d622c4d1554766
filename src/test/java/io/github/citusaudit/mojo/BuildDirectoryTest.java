package io.github.citusaudit.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;

import org.junit.jupiter.api.Test;

/** Outside a project Maven leaves ${project.basedir} unresolved in a default: the files go to target/citus-audit. */
class BuildDirectoryTest {

    @Test
    void anUnresolvedDefaultFallsBackToTargetUnderTheWorkingDirectory() {
        assertEquals(new File(System.getProperty("user.dir"), "target/citus-audit"),
                AbstractCitusAuditMojo.inBuildDirectory(new File("${project.basedir}/target/citus-audit")));
    }

    @Test
    void aResolvedDirectoryIsKept() {
        File configured = new File("/srv/app/target/citus-audit");
        assertEquals(configured, AbstractCitusAuditMojo.inBuildDirectory(configured));
    }
}
