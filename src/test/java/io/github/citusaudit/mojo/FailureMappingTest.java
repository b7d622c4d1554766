package io.github.citusaudit.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.core.UsageException;
import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.ConnectionSettingsException;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.render.RenderException;
import io.github.citusaudit.spec.SourceLocation;
import io.github.citusaudit.spec.SpecException;
import io.github.citusaudit.spec.SpecProblem;

/** The one mapping of the base mojo: what was found or configured fails the build; what broke is an execution error. */
class FailureMappingTest {

    /** A goal whose core throws the given exception. */
    private static AbstractCitusAuditMojo goalThrowing(RuntimeException thrown) {
        return new AbstractCitusAuditMojo() {
            @Override
            protected void run() {
                throw thrown;
            }
        };
    }

    @Test
    void specProblemsDriftAndMisconfigurationFailTheBuild() {
        List<RuntimeException> expected = List.of(
                new SpecException(List.of(new SpecProblem(new SourceLocation("spec.yaml", 3, 5), "unknown key 'colums'"))),
                new DriftException("2 verify check(s) failed"),
                new UsageException("citus-audit.mode must be auto, native or placement, not 'nativ'"),
                new ConnectionSettingsException("no database given: set citus-audit.url"));
        for (RuntimeException thrown : expected) {
            MojoFailureException e = assertThrows(MojoFailureException.class, goalThrowing(thrown)::execute);
            assertTrue(e.getMessage().contains(thrown.getMessage()), e.getMessage());
        }
    }

    @Test
    void databaseConnectionTemplateAndFileErrorsAreExecutionErrors() {
        List<RuntimeException> errors = List.of(
                new DatabaseException("[3/9] shard6.account: trigger failed: ERROR: permission denied [SQLSTATE 42501]"),
                new ConnectionException("cannot connect to jdbc:postgresql://db:5432/app: Connection refused [SQLSTATE 08001]"),
                new RenderException("template install/trigger.sql.vm: Variable $tabel has not been set", new RuntimeException()),
                new UncheckedIOException("cannot write to target/citus-audit", new IOException("read-only file system")));
        for (RuntimeException thrown : errors) {
            MojoExecutionException e = assertThrows(MojoExecutionException.class, goalThrowing(thrown)::execute);
            assertEquals(thrown.getMessage(), e.getMessage());
            assertSame(thrown, e.getCause());
        }
    }

    @Test
    void anythingElseIsAnExecutionErrorThatSaysWhatItWas() {
        IllegalStateException bug = new IllegalStateException("columns must be read first");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, goalThrowing(bug)::execute);
        assertTrue(e.getMessage().contains("IllegalStateException: columns must be read first"), e.getMessage());
        assertSame(bug, e.getCause());
    }

    @Test
    void aDatabaseErrorKeepsItsSqlStateAndNeverThePassword() {
        ConnectionSettings settings = new ConnectionSettings("jdbc:postgresql://db:5432/app", "auditor", "s3cret");
        SQLException server = new SQLException("ERROR: permission denied for table account_hist_102008 (s3cret)", "42501");
        DatabaseException e = DatabaseException.of("apply failed", server, settings);
        assertEquals("42501", e.sqlState());
        assertEquals("apply failed on jdbc:postgresql://db:5432/app as auditor: ERROR: permission denied for table"
                + " account_hist_102008 (***) [SQLSTATE 42501]", e.getMessage());
    }
}
