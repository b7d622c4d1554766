package io.github.citusaudit.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

import io.github.citusaudit.db.ConnectionSettings;

/**
 * The goals as Maven runs them: looked up from the plugin descriptor by the plugin-testing harness
 * (its JUnit-3 style {@link AbstractMojoTestCase} is used by composition), configured from a POM,
 * with the {@code SettingsDecrypter} component injected by the container.
 */
class MojoTest {

    private static final String SEED_SPEC = "src/examples/seed/citus-audit.yaml";
    /** Nothing listens on port 1: connecting is refused at once. */
    private static final String DEAD_URL = "jdbc:postgresql://127.0.0.1:1/app?connectTimeout=2";

    @TempDir
    Path temp;

    private final Harness harness = new Harness();

    @BeforeEach
    void startContainer() throws Exception {
        harness.start();
    }

    @AfterEach
    void stopContainer() throws Exception {
        harness.stop();
    }

    @Test
    void skipReturnsBeforeReadingTheSpecOrConnecting() throws Exception {
        ApplyMojo mojo = harness.mojo("apply", pom(temp, """
                <skip>true</skip>
                <spec>%s</spec>
                """.formatted(temp.resolve("does-not-exist.yaml"))));
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        assertNull(harness.field(mojo, "url"), "no url configured");

        mojo.execute();

        assertEquals(List.of("[info] citus-audit: skipped (citus-audit.skip=true)"), log.lines);
        // Without skip, the same mojo fails: so it was skip that prevented reading and connecting.
        harness.set(mojo, "skip", false);
        assertThrows(MojoFailureException.class, mojo::execute);
    }

    @Test
    void badSpecFailsWithItsLocationBeforeAnyConnection() throws Exception {
        Path spec = temp.resolve("bad.yaml");
        Files.writeString(spec, """
                schema: app
                tables:
                  - name: account
                    colums: []
                """, StandardCharsets.UTF_8);
        ApplyMojo mojo = harness.mojo("apply", pom(temp, """
                <spec>%s</spec>
                <url>%s</url>
                <lockTimeout>1s</lockTimeout>
                """.formatted(spec, DEAD_URL)));
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(e.getMessage().contains(spec + ":4:5: unknown key 'colums'"), e.getMessage());
        String everything = e.getMessage() + "\n" + String.join("\n", log.lines);
        assertFalse(everything.contains("cannot connect"), everything);
        assertFalse(everything.contains("Connected to"), everything);
    }

    @Test
    void serverIdTakesUserAndDecryptedPasswordFromSettings() throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = "master-pass-of-the-test";
        Path security = temp.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>"
                + cipher.encryptAndDecorate(master, DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION)
                + "</master></settingsSecurity>", StandardCharsets.UTF_8);
        String encrypted = cipher.encryptAndDecorate("s3cret-from-settings", master);
        assertTrue(encrypted.startsWith("{") && !encrypted.contains("s3cret"), encrypted);

        Server server = new Server();
        server.setId("audit-db");
        server.setUsername("auditor");
        server.setPassword(encrypted);
        Settings settings = new Settings();
        settings.addServer(server);

        ApplyMojo mojo = harness.mojo("apply", pom(temp, """
                <spec>%s</spec>
                <url>%s</url>
                <serverId>audit-db</serverId>
                """.formatted(new File(SEED_SPEC).getAbsolutePath(), DEAD_URL)));
        harness.set(mojo, "settings", settings);
        assertNotNull(harness.field(mojo, "decrypter"), "SettingsDecrypter injected by the container");

        String previous = System.setProperty(DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION, security.toString());
        ConnectionSettings connection;
        try {
            connection = connection(mojo);
        } finally {
            if (previous == null) {
                System.clearProperty(DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION);
            } else {
                System.setProperty(DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION, previous);
            }
        }

        assertEquals("auditor", connection.user());
        assertEquals("s3cret-from-settings", connection.password());
        assertEquals(DEAD_URL, connection.url());
        assertFalse(connection.toString().contains("s3cret"), connection.toString());
    }

    @Test
    void failedConnectionNeverShowsThePassword() throws Exception {
        String password = "Wr0ng-Pa55word-xyzzy";
        ApplyMojo mojo = harness.mojo("apply", pom(temp, """
                <spec>%s</spec>
                <url>%s</url>
                <user>auditor</user>
                <password>%s</password>
                <lockTimeout>1s</lockTimeout>
                """.formatted(new File(SEED_SPEC).getAbsolutePath(), DEAD_URL, password)));
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);

        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);

        StringBuilder everything = new StringBuilder(String.join("\n", log.lines));
        for (Throwable t = e; t != null; t = t.getCause()) {
            everything.append('\n').append(t);
        }
        assertTrue(e.getMessage().contains("cannot connect to"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        assertFalse(everything.toString().contains(password), everything.toString());
    }

    @Test
    void generateWritesInstallAndUninstallScripts() throws Exception {
        Path out = temp.resolve("out");
        GenerateMojo mojo = harness.mojo("generate", pom(temp, """
                <spec>%s</spec>
                <outputDirectory>%s</outputDirectory>
                """.formatted(new File(SEED_SPEC).getAbsolutePath(), out)));
        mojo.setLog(new RecordingLog());
        // No url, no serverId: generate must not need a database (unless PG* variables name one).
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("PGHOST") == null && System.getenv("PGDATABASE") == null,
                "PGHOST/PGDATABASE set: generate would try to connect");

        mojo.execute();

        String install = Files.readString(out.resolve("install.sql"));
        String uninstall = Files.readString(out.resolve("uninstall.sql"));
        assertTrue(install.contains("account_hist"), install);
        assertFalse(uninstall.isBlank());
    }

    private static ConnectionSettings connection(AbstractConnectedMojo mojo) throws Exception {
        Method method = AbstractConnectedMojo.class.getDeclaredMethod("connection");
        return (ConnectionSettings) method.invoke(mojo);
    }

    /** A POM that configures this plugin with the given parameters. */
    private static File pom(Path dir, String configuration) throws Exception {
        Path pom = Files.createTempFile(dir, "pom", ".xml");
        Files.writeString(pom, """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId>
                  <artifactId>test</artifactId>
                  <version>1</version>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.github.citusaudit</groupId>
                        <artifactId>citus-audit-maven-plugin</artifactId>
                        <configuration>
                %s
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(configuration), StandardCharsets.UTF_8);
        return pom.toFile();
    }

    /** The harness's JUnit-3 test case, driven by hand from JUnit 5. */
    private static final class Harness extends AbstractMojoTestCase {

        void start() throws Exception {
            setUp();
        }

        void stop() throws Exception {
            tearDown();
        }

        @SuppressWarnings("unchecked")
        <T extends Mojo> T mojo(String goal, File pom) throws Exception {
            T mojo = (T) lookupMojo(goal, pom);
            java.util.Objects.requireNonNull(mojo, goal);
            return mojo;
        }

        Object field(Object mojo, String name) throws Exception {
            return getVariableValueFromObject(mojo, name);
        }

        void set(Object mojo, String name, Object value) throws Exception {
            setVariableValueToObject(mojo, name, value);
        }
    }

    /** Keeps every line logged, prefixed with its level. */
    static final class RecordingLog implements Log {

        final List<String> lines = new ArrayList<>();

        private void add(String level, CharSequence content, Throwable error) {
            if (content != null) {
                lines.add("[" + level + "] " + content);
            }
            for (Throwable t = error; t != null; t = t.getCause()) {
                lines.add("[" + level + "] " + t);
            }
        }

        @Override public boolean isDebugEnabled() { return true; }
        @Override public void debug(CharSequence content) { add("debug", content, null); }
        @Override public void debug(CharSequence content, Throwable error) { add("debug", content, error); }
        @Override public void debug(Throwable error) { add("debug", null, error); }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(CharSequence content) { add("info", content, null); }
        @Override public void info(CharSequence content, Throwable error) { add("info", content, error); }
        @Override public void info(Throwable error) { add("info", null, error); }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(CharSequence content) { add("warn", content, null); }
        @Override public void warn(CharSequence content, Throwable error) { add("warn", content, error); }
        @Override public void warn(Throwable error) { add("warn", null, error); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(CharSequence content) { add("error", content, null); }
        @Override public void error(CharSequence content, Throwable error) { add("error", content, error); }
        @Override public void error(Throwable error) { add("error", null, error); }
    }
}
