package io.github.citusaudit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;

class InstallPlanTest {

    /** Set -Dcitus-audit.updateGolden=true to rewrite the golden files after an intended change. */
    private static final boolean UPDATE_GOLDEN = Boolean.getBoolean("citus-audit.updateGolden");

    private final AuditSpec seed = new SpecReader().read(Path.of("src/examples/seed/citus-audit.yaml"));
    private final AuditSpec littleBig = new SpecReader().read(Path.of("src/test/resources/specs/little-big-history.yaml"));
    private final AuditSpec reference = new SpecReader().read(Path.of("src/test/resources/specs/reference.yaml"));

    @Test
    void seedInstallMatchesGoldenFile() throws IOException {
        assertGolden("seed-install.sql", SqlScript.of("install", "citus-audit.yaml", plan(null).install(seed)));
    }

    @Test
    void seedUninstallMatchesGoldenFile() throws IOException {
        assertGolden("seed-uninstall.sql", SqlScript.of("uninstall", "citus-audit.yaml", plan(null).uninstall(seed, false)));
    }

    @Test
    void littleBigInstallMatchesGoldenFile() throws IOException {
        assertGolden("little-big-install.sql", SqlScript.of("install", "citus-audit.yaml", plan(null).install(littleBig)));
    }

    @Test
    void hostileNamesInstallMatchesGoldenFile() throws IOException {
        // Every name in it breaks hand-quoted SQL: the golden file is the record of how each is quoted.
        AuditSpec hostile = new SpecReader().read(Path.of("src/test/resources/specs/hostile.yaml"));
        assertGolden("hostile-install.sql", SqlScript.of("install", "hostile.yaml", plan(null).install(hostile)));
        assertGolden("hostile-install-placement.sql",
                SqlScript.of("install", "hostile.yaml", plan(null).install(hostile, TriggerMode.PLACEMENT)));
    }

    @Test
    void seedPlacementModeInstallMatchesGoldenFile() throws IOException {
        assertGolden("seed-install-placement.sql",
                SqlScript.of("install", "citus-audit.yaml", plan(null).install(seed, TriggerMode.PLACEMENT)));
    }

    @Test
    void referenceTableInstallMatchesGoldenFile() throws IOException {
        // Its history lives on the coordinator, and its function writes it from the coordinator's replica alone.
        assertGolden("reference-install.sql", SqlScript.of("install", "reference.yaml", plan(null).install(reference)));
    }

    @Test
    void verifyComputesAReferenceTablesFunctionFromItsOwnTemplate() {
        RenderedStatement expected = plan(null).expectedFunctionDefinition(reference.tables().get(0));
        assertEquals("install/reference-trigger-function.sql.vm", expected.template());
        assertTrue(expected.sql().contains("PERFORM pg_catalog.set_config('citus_audit.expected_definition', definition, false);"));
    }

    @Test
    void renderingIsDeterministic() {
        String first = SqlScript.of("install", "x", plan(null).install(seed));
        String second = SqlScript.of("install", "x", new InstallPlan(new TemplateRenderer(null)).install(seed));
        assertEquals(first, second);
    }

    @Test
    void statementsComeInDependencyOrder() {
        List<String> steps = plan(null).install(seed).stream().map(RenderedStatement::title).toList();
        assertEquals(List.of(
                "shard6: schema",
                "shard6.account: sequence account_account_id_seq",
                "shard6.account: table",
                "shard6.account: distribution",
                "shard6.account: history sequence",
                "shard6.account: history table",
                "shard6.account: history columns",
                "shard6.account: history distribution",
                "shard6.account: as-of function",
                "shard6.account: trigger function",
                "shard6.account: trigger"), steps);
    }

    @Test
    void aTemplateInTheOverrideDirectoryWins(@TempDir Path overrides) throws IOException {
        Files.createDirectories(overrides.resolve("install"));
        Files.writeString(overrides.resolve("install/schema.sql.vm"), "CREATE SCHEMA IF NOT EXISTS $q.id($schema) AUTHORIZATION app_owner\n");
        List<RenderedStatement> statements = plan(overrides).install(seed);
        assertEquals("CREATE SCHEMA IF NOT EXISTS shard6 AUTHORIZATION app_owner", statements.get(0).sql());
        // the other templates still come from the jar
        assertTrue(statements.get(2).sql().startsWith("CREATE TABLE IF NOT EXISTS shard6.account ("));
    }

    @Test
    void aMisspeltReferenceInAnOverrideFailsNamingTheTemplate(@TempDir Path overrides) throws IOException {
        Files.createDirectories(overrides.resolve("install"));
        Files.writeString(overrides.resolve("install/schema.sql.vm"), "CREATE SCHEMA $q.id($schemaa)\n");
        RenderException e = assertThrows(RenderException.class, () -> plan(overrides).install(seed));
        assertTrue(e.getMessage().startsWith("template install/schema.sql.vm (override in "), e.getMessage());
    }

    @Test
    void uninstallCanDropHistory() {
        List<String> sql = plan(null).uninstall(seed, true).stream().map(RenderedStatement::sql).toList();
        assertEquals(5, sql.size());
        assertEquals("DROP FUNCTION IF EXISTS shard6.account_audit()", sql.get(2));
        assertEquals("DROP TABLE IF EXISTS shard6.account_hist;\nDROP SEQUENCE IF EXISTS shard6.account_hist_account_hist_id_seq", sql.get(4));
    }

    private static InstallPlan plan(Path overrides) {
        return new InstallPlan(new TemplateRenderer(overrides == null ? null : overrides.toFile()));
    }

    static void assertGolden(String name, String actual) throws IOException {
        Path golden = Path.of("src/test/resources/golden", name);
        if (UPDATE_GOLDEN) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "rendered SQL differs from " + golden
                + "; if the change is intended, rerun with -Dcitus-audit.updateGolden=true and review the diff");
    }
}
