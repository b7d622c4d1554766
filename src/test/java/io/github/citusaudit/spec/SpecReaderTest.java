package io.github.citusaudit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SpecReaderTest {

    private final SpecReader reader = new SpecReader();

    /** Naming only the application's user must not give a history that cannot say what happened, when or by whom. */
    @Test
    void auditColumnsNotMentionedKeepTheirDefaultsAndTildeOrFalseSwitchesOneOff() {
        AuditColumns columns = new SpecReader().read("""
                schema: s
                tables:
                  - name: t
                    distribution: local
                    columns: [{name: k, type: int}]
                    history: {columns: {appUser: who}}
                """, "spec.yaml").tables().get(0).history().auditColumns();
        assertEquals(List.of("history_id", "operation", "changed_at", "changed_by", "who"),
                columns.present().stream().map(AuditColumn::name).toList());

        AuditColumns fewer = new SpecReader().read("""
                schema: s
                tables:
                  - name: t
                    distribution: local
                    columns: [{name: k, type: int}]
                    history: {columns: {by: false, at: ~, appUser: who}}
                """, "spec.yaml").tables().get(0).history().auditColumns();
        assertEquals(List.of("history_id", "operation", "who"), fewer.present().stream().map(AuditColumn::name).toList());
    }

    @Test
    void readsTheSeedExample() {
        AuditSpec spec = reader.read(Path.of("src/examples/seed/citus-audit.yaml"));
        assertEquals(1, spec.tables().size());
        TableSpec account = spec.tables().get(0);
        assertEquals("shard6", account.schema());
        assertEquals("account", account.name());
        assertEquals(new Distribution(DistributionKind.HASH, "client_id", 32, "default"), account.distribution());
        assertEquals(11, account.columns().size());
        assertEquals(ColumnSpec.of("client_id", "bigint", false), account.column("client_id").orElseThrow());
        assertEquals("account_account_id_seq", account.column("account_id").orElseThrow().sequence());
        assertEquals("CURRENT_TIMESTAMP", account.column("entered").orElseThrow().defaultExpression());
        assertEquals(List.of("account_id", "client_id"), account.primaryKey());
        HistorySpec history = account.history();
        assertEquals("account_hist", history.table());
        assertEquals(Set.of(Operation.INSERT, Operation.UPDATE, Operation.DELETE), history.operations());
        assertEquals(new AuditColumn("replaced", "timestamp"), history.auditColumns().at());
        assertEquals(new AuditColumn("replaced_by", "varchar(100)"), history.auditColumns().by());
        assertEquals("account_hist_account_hist_id_seq", history.idSequence());
        assertEquals("account_audit", history.triggerName());
    }

    @Test
    void readsColocationAndDefaultsOfTheLittleBigExample() {
        AuditSpec spec = reader.read(Path.of("src/test/resources/specs/little-big-history.yaml"));
        TableSpec little = spec.table("little_vals").orElseThrow();
        TableSpec big = spec.table("big_vals").orElseThrow();
        assertEquals("little_vals_hist", little.history().table());
        assertEquals("history_id", little.history().auditColumns().id().name());
        assertEquals("little_vals", big.distribution().colocateWith());
        assertEquals(List.of("val"), big.history().excludedColumns());
        assertEquals(List.of("key"), big.auditedColumns().stream().map(ColumnSpec::name).toList());
        assertEquals(null, big.history().auditColumns().operation());
    }

    @Test
    void acceptsReferenceLocalAndExistingTables() {
        AuditSpec spec = reader.read("""
                schema: app
                tables:
                  - name: countries
                    distribution: reference
                    columns: [{name: code, type: char(2), nullable: false}]
                  - name: settings
                    distribution: local
                    columns: existing
                """, "spec.yaml");
        assertTrue(spec.tables().get(0).distribution().isReference());
        assertTrue(spec.tables().get(1).distribution().isLocal());
        assertTrue(spec.tables().get(1).existingColumns());
    }

    @Test
    void unknownKeyIsLocatedWithASuggestion() {
        assertProblems("""
                schema: shard6
                tables:
                  - name: account
                    distribution:
                      column: client_id
                      shardcount: 32
                    columns:
                      - {name: client_id, type: bigint}
                """, "spec.yaml:6:7: unknown key 'shardcount' in the distribution of table 'account' (did you mean 'shardCount'?);"
                + " allowed: column, shardCount, colocateWith, singleShard");
    }

    @Test
    void primaryKeyWithoutTheDistributionColumnIsRefused() {
        assertProblems("""
                schema: shard6
                tables:
                  - name: account
                    distribution: {column: client_id}
                    columns:
                      - {name: account_id, type: bigint}
                      - {name: client_id, type: bigint}
                    primaryKey: [account_id]
                """, "spec.yaml:8:17: the primary key of table 'account' must include the distribution column 'client_id'"
                + " (Citus refuses unique constraints without it)");
    }

    @Test
    void badTypesDuplicatesAndMissingColumnsAreAllReportedAtOnce() {
        SpecException e = assertThrows(SpecException.class, () -> reader.read("""
                schema: s
                tables:
                  - name: t
                    distribution: {column: tenant}
                    columns:
                      - {name: id, type: bigintt}
                      - {name: id, type: text}
                      - {name: n, type: serial}
                    history:
                      exclude: [nope]
                      operations: [insert, truncate, upsert]
                """, "spec.yaml"));
        List<String> lines = e.problems().stream().map(SpecProblem::toString).toList();
        assertEquals(List.of(
                "spec.yaml:4:19: distribution column 'tenant' is not a column of table 't'",
                "spec.yaml:6:26: unknown type 'bigintt' (did you mean 'bigint'?); qualify user-defined types with their schema, e.g. public.my_type (column 'id' of table 't')",
                "spec.yaml:7:16: column 'id' is declared twice in table 't'",
                "spec.yaml:8:25: 'serial': serial types hide a sequence; write the plain type and 'sequence: <name>' or 'identity: always' (column 'n' of table 't')",
                "spec.yaml:10:17: excluded column 'nope' is not a column of table 't'",
                "spec.yaml:11:28: truncate is not captured: Citus truncates each shard on its own and a row-level history cannot record it; leave it out of 'operations'",
                "spec.yaml:11:38: unknown operation 'upsert' (did you mean 'insert'?); allowed: insert, update, delete"), lines);
    }

    @Test
    void yamlSyntaxErrorIsLocated() {
        SpecException e = assertThrows(SpecException.class, () -> reader.read("schema: s\ntables:\n  - name: [t\n", "spec.yaml"));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().startsWith("spec.yaml:4:1: YAML syntax error:"), e.getMessage());
    }

    @Test
    void crossTableProblems() {
        assertProblems("""
                schema: s
                tables:
                  - name: a
                    distribution: {column: k, colocateWith: b}
                    columns: [{name: k, type: int}]
                  - name: b
                    distribution: {column: k, colocateWith: zz}
                    columns: [{name: k, type: int}]
                    history: {table: a}
                """,
                "spec.yaml:3:11: table 'a' is colocated with 'b', which must be declared above it",
                "spec.yaml:6:11: table 'b' is colocated with 'zz', which is not a table of this spec; use 'default', 'none' or a table above it",
                "spec.yaml:9:14: history table 'a' of table 'b' has the name of an audited table");
    }

    @Test
    void namesLongerThanPostgresKeepsAreRefused() {
        String longName = "a".repeat(60);
        assertProblems("""
                schema: s
                tables:
                  - name: %s
                    distribution: local
                    columns: [{name: k, type: int}]
                """.formatted(longName),
                "spec.yaml:3:5: the default history table name '" + longName + "_hist' would be longer than 63 bytes; set 'table' to a shorter name",
                "spec.yaml:3:5: the default trigger name '" + longName + "_audit' would be longer than 63 bytes; set 'trigger' to a shorter name",
                "spec.yaml:3:5: the default function name '" + longName + "_audit' would be longer than 63 bytes; set 'function' to a shorter name",
                "spec.yaml:3:5: the history id sequence name '" + longName + "_hist_history_id_seq' would be longer than 63 bytes; choose a shorter history table or id column name");
    }

    @Test
    void multibyteNamesCountBytesNotCharacters() {
        String name = "ä".repeat(32);
        SpecException e = assertThrows(SpecException.class, () -> reader.read("""
                schema: s
                tables:
                  - name: %s
                    distribution: local
                    columns: [{name: k, type: int}]
                    history: {table: h, trigger: t, function: f}
                """.formatted(name), "spec.yaml"));
        assertEquals("spec.yaml:3:11: table name '" + name + "' is 64 bytes long; PostgreSQL keeps only 63 and would silently truncate it",
                e.problems().get(0).toString());
    }

    @Test
    void emptyAndNonMappingDocuments() {
        assertProblems("", "spec.yaml:1:1: the spec is empty; it needs 'schema' and 'tables'");
        assertProblems("- a\n", "spec.yaml:1:1: the spec must be a mapping with 'schema' and 'tables' (or 'triggers')");
    }

    @Test
    void historyIdMustBeBigint() {
        assertProblems("""
                schema: s
                tables:
                  - name: t
                    distribution: local
                    columns: [{name: k, type: int}]
                    history:
                      columns: {id: {name: hid, type: integer}}
                """, "spec.yaml:7:21: the history id column must be bigint (Citus numbers rows from workers only for bigint sequences), not 'integer'");
    }

    @Test
    void historyContentOptionsAreReadAndChecked() {
        AuditSpec spec = reader.read(Path.of("src/test/resources/specs/trust.yaml"));
        HistorySpec history = spec.tables().get(0).history();
        assertEquals(HistorySpec.ChangeTime.STATEMENT, history.time());
        assertTrue(history.skipUnchangedUpdates());
        assertEquals(new AuditColumn("app_user", "text", "app.username"), history.auditColumns().appUser());
        assertEquals(List.of("hid", "op", "at", "db_user", "app_user", "txid", "gpid"),
                history.auditColumns().present().stream().map(AuditColumn::name).toList());
        assertEquals(HistorySpec.UpdateImage.OLD, history.update(), "an UPDATE records the replaced version by default");

        AuditSpec images = reader.read(Path.of("src/test/resources/specs/images.yaml"));
        HistorySpec both = images.tables().get(0).history();
        assertEquals(HistorySpec.UpdateImage.BOTH, both.update());
        assertEquals(new AuditColumn("row_image", "text"), both.auditColumns().image(), "both versions need an image column: one is added");
        assertTrue(both.keepsReplacedVersions());
        HistorySpec onlyNew = images.tables().get(1).history();
        assertEquals(new AuditColumn("version", "text"), onlyNew.auditColumns().image());
        assertFalse(onlyNew.keepsReplacedVersions(), "update: new keeps no replaced versions (no as-of function)");
        assertProblems("""
                schema: s
                tables:
                  - name: t
                    distribution: local
                    columns: [{name: k, type: int}]
                    history:
                      time: statment
                      skipUnchangedUpdates: sometimes
                      columns:
                        txid: {name: tx, type: int}
                        appUser: {name: u, setting: nodot}
                """,
                "spec.yaml:7:13: 'time' of the history of table 't' must be transaction, statement or clock, not 'statment' (did you mean 'statement'?)",
                "spec.yaml:8:29: 'skipUnchangedUpdates' of the history of table 't' must be true or false, not 'sometimes'",
                "spec.yaml:10:15: the txid column must be bigint, not 'int'",
                "spec.yaml:11:37: the setting of 'appUser' of the audit columns of table 't' must be a custom setting name with a prefix, like app.username, not 'nodot'");
    }

    @Test
    void aValidSpecHasNoProblems() {
        AuditSpec spec = reader.read("""
                schema: s
                tables:
                  - name: t
                    distribution: {column: k, shardCount: 4}
                    columns: [{name: k, type: int, nullable: false}, {name: "Mixed Case", type: "numeric(12, 2)"}]
                """, "spec.yaml");
        assertFalse(spec.tables().isEmpty());
        assertEquals("numeric(12, 2)", spec.tables().get(0).columns().get(1).type());
    }

    private void assertProblems(String yaml, String... expected) {
        SpecException e = assertThrows(SpecException.class, () -> reader.read(yaml, "spec.yaml"));
        assertEquals(List.of(expected), e.problems().stream().map(SpecProblem::toString).toList());
    }
}
