package io.github.citusaudit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TriggerSpec;

/** What apply runs for custom triggers: the examples' golden SQL, the body passed through, the names around it quoted. */
class CustomTriggerInstallPlanTest {

    private final AuditSpec embiggen = new SpecReader().read(Path.of("src/examples/little-big/citus-audit.yaml"));
    private final AuditSpec counts = new SpecReader().read(Path.of("src/examples/tenant-counts/citus-audit.yaml"));
    private final InstallPlan plan = new InstallPlan(new TemplateRenderer(null));

    @Test
    void embiggenInstallAndUninstallMatchGoldenFiles() throws IOException {
        InstallPlanTest.assertGolden("embiggen-install.sql", SqlScript.of("install", "citus-audit.yaml", plan.install(embiggen)));
        InstallPlanTest.assertGolden("embiggen-uninstall.sql", SqlScript.of("uninstall", "citus-audit.yaml",
                plan.uninstall(embiggen, false)));
    }

    @Test
    void tenantCountsInstallMatchesGoldenFile() throws IOException {
        InstallPlanTest.assertGolden("tenant-counts-install.sql", SqlScript.of("install", "citus-audit.yaml", plan.install(counts)));
    }

    @Test
    void theBodyPassesThroughAsWrittenWithOnlyItsPlaceholdersAndPercentSignsPreparedForFormat() {
        String body = "INSERT INTO {{t}} AS x (\"Key\", note) VALUES (NEW.\"Key\", '100% {{ t }} '''); -- done;\n;  ";
        TriggerView view = TriggerView.of(trigger("We ird", "Tab\"le", body, "Key", TriggerSpec.Routing.AUTO));
        assertEquals("INSERT INTO %1$s AS x (\"Key\", note) VALUES (NEW.\"Key\", '100%% %1$s '''); -- done", view.bodyTemplate());
        assertEquals("\"We ird\".\"Tab\"\"le\"", view.source());
        assertEquals(List.of("\"We ird\".\"big vals\""), view.targets());
    }

    @Test
    void hostileNamesAreQuotedEverywhereThePluginPutsThem() {
        String sql = String.join("\n", plan.install(new AuditSpec("x", List.of(), List.of(trigger("We ird", "Tab\"le",
                "INSERT INTO {{t}} (\"Key\") VALUES (NEW.\"Key\");", "Key", TriggerSpec.Routing.AUTO)))).stream()
                .map(RenderedStatement::sql).toList());
        assertTrue(sql.contains("'\"We ird\".\"Tab\"\"le\"'::regclass"), sql);
        assertTrue(sql.contains("CREATE TRIGGER \"Trig ger\" AFTER INSERT ON \"We ird\".\"Tab\"\"le\" FOR EACH ROW EXECUTE"
                + " FUNCTION \"We ird\".\"Trig ger\"()"), sql);
        assertFalse(sql.contains("We ird.Tab"), sql);
    }

    @Test
    void aBodyRoutedThroughTheDistributedTablesGetsNoShardPairs() {
        String sql = plan.install(trigger("s", "a", "INSERT INTO {{t}} (key) VALUES (NEW.key + 1);", "key",
                TriggerSpec.Routing.AUTO)).get(0).sql();
        assertFalse(sql.contains("FOR pair IN EXECUTE"), sql);
        assertTrue(sql.contains("citus.allow_nested_distributed_execution"), sql);
        String routedStatically = plan.install(trigger("s", "a", "INSERT INTO {{t}} (key) VALUES (NEW.key);", "key",
                TriggerSpec.Routing.AUTO)).get(0).sql();
        assertTrue(routedStatically.contains("FOR pair IN EXECUTE"), routedStatically);
        assertFalse(routedStatically.contains("citus.allow_nested_distributed_execution"), routedStatically);
    }

    private static TriggerSpec trigger(String schema, String table, String body, String column, TriggerSpec.Routing routing) {
        String yaml = String.join("\n", "triggers:", "  - name: \"Trig ger\"", "    schema: '" + schema + "'",
                "    table: '" + table + "'", "    distributionColumn: '" + column + "'", "    events: [insert]",
                "    routing: " + routing.name().toLowerCase(), "    targets:", "      t: { table: big vals }",
                "    body: '" + body.replace("'", "''") + "'", "");
        return new SpecReader().read(yaml, "spec.yaml").triggers().get(0);
    }
}
