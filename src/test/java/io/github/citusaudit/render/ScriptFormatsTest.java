package io.github.citusaudit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Flyway migration and the Liquibase changelog as text: what the tools are given (they run them in core's tests). */
class ScriptFormatsTest {

    private static final List<RenderedStatement> STATEMENTS = List.of(
            new RenderedStatement("s.\"t<&>\"", "table", "install/source-table.sql.vm", "CREATE TABLE s.\"t<&>\" (a int) -- ]]> in a name"),
            new RenderedStatement("s.\"t<&>\"", "distribution", "install/distribute.sql.vm", "SELECT 1"),
            new RenderedStatement("s.t", "trigger function", "install/trigger-function.sql.vm",
                    "DO $do$\nBEGIN\n    -- recorded columns: a\n    PERFORM 1; PERFORM 2;\nEND\n$do$"),
            new RenderedStatement("s.\"t<&>\"", "trigger--", "install/trigger.sql.vm", "SELECT 2"));

    /** A changeset per subject (consecutive statements of one table), each statement whole, ids unique. */
    @Test
    void theChangelogHoldsEachSubjectsStatementsWholeInOneRunOnChangeChangesetOutsideATransaction() throws Exception {
        String xml = LiquibaseChangelog.of("spec.yaml", "citus-audit-spec.changelog.xml", STATEMENTS);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("citus-audit-spec.changelog.xml", document.getDocumentElement().getAttribute("logicalFilePath"));
        NodeList changesets = document.getElementsByTagName("changeSet");
        List<String> ids = new ArrayList<>();
        List<List<String>> sql = new ArrayList<>();
        for (int i = 0; i < changesets.getLength(); i++) {
            Element changeset = (Element) changesets.item(i);
            ids.add(changeset.getAttribute("id"));
            assertEquals("true", changeset.getAttribute("runOnChange"));
            assertEquals("false", changeset.getAttribute("runInTransaction"));
            assertEquals("citus-audit", changeset.getAttribute("author"));
            NodeList statements = changeset.getElementsByTagName("sql");
            List<String> texts = new ArrayList<>();
            for (int j = 0; j < statements.getLength(); j++) {
                Element statement = (Element) statements.item(j);
                assertEquals("false", statement.getAttribute("splitStatements"));
                assertEquals("false", statement.getAttribute("stripComments"));
                texts.add(statement.getTextContent());
            }
            sql.add(texts);
        }
        assertEquals(List.of("s.\"t<&>\"", "s.t", "s.\"t<&>\" (2)"), ids);
        assertEquals(List.of(List.of(STATEMENTS.get(0).sql(), STATEMENTS.get(1).sql()), List.of(STATEMENTS.get(2).sql()),
                List.of(STATEMENTS.get(3).sql())), sql);
    }

    @Test
    void theFlywayMigrationIsThePsqlScriptWithoutItsMetaCommand() {
        String migration = FlywayMigration.of("spec.yaml", STATEMENTS);
        assertFalse(migration.lines().anyMatch(l -> l.startsWith("\\")), migration);
        assertTrue(SqlScript.of("install", "spec.yaml", STATEMENTS).lines().anyMatch(l -> l.equals("\\set ON_ERROR_STOP on")));
        for (RenderedStatement statement : STATEMENTS) {
            assertTrue(migration.contains("\n" + statement.sql() + ";\n"), statement.sql());
        }
        assertEquals("R__citus_audit.sql", FlywayMigration.fileName("citus-audit.yaml"));
        assertEquals("R__citus_audit_little_big.sql", FlywayMigration.fileName("little-big.yml"));
    }
}
