package io.github.citusaudit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.render.TableView.AddableColumn;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.Operation;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;

class TableViewTest {

    private static TableSpec table(String spec, String name) {
        AuditSpec read = new SpecReader().read(Path.of(spec));
        return read.table(name).orElseThrow();
    }

    @Test
    void namesComeQuotedForSqlOrAsTheCatalogHoldsThem() {
        TableView seed = TableView.of(table("src/examples/seed/citus-audit.yaml", "account"));
        assertEquals("shard6.account", seed.source());
        assertEquals("shard6.account_hist", seed.history());
        assertEquals("shard6.account_audit", seed.function());
        assertEquals("shard6.account_hist_account_hist_id_seq", seed.idSequence());

        TableView hostile = TableView.of(table("src/test/resources/specs/hostile.yaml", "order"));
        assertEquals("\"We ird %$ \"\"schema\"\"\".\"order\"", hostile.source());
        assertEquals("\"We ird %$ \"\"schema\"\"\".\"fn%s'x\"", hostile.function());
        assertEquals("We ird %$ \"schema\"", hostile.historySchemaName());
        assertEquals("fn%s'x", hostile.functionName());
        assertEquals("trig$1 %L", hostile.triggerName());
    }

    @Test
    void historyColumnsToAddLeaveOutTheIdAndCarryNoConstraints() {
        TableView seed = TableView.of(table("src/examples/seed/citus-audit.yaml", "account"));
        List<AddableColumn> addable = seed.addableHistoryColumns();
        assertEquals(14, addable.size());
        assertEquals(new AddableColumn("operation", "operation text"), addable.get(0));
        assertEquals(new AddableColumn("effective_date", "effective_date timestamp"), addable.get(13));
        assertEquals("account_hist_id bigint NOT NULL DEFAULT nextval('shard6.account_hist_account_hist_id_seq')",
                seed.historyColumns().get(0));
        assertEquals("client_id bigint NOT NULL", seed.historyColumns().get(7));
        assertEquals("account_hist_id, client_id", seed.historyPrimaryKey());

        TableView hostile = TableView.of(table("src/test/resources/specs/hostile.yaml", "order"));
        assertTrue(hostile.addableHistoryColumns().contains(new AddableColumn("a.b%s", "\"a.b%s\" text")));
    }

    @Test
    void theHistoryInsertIsWrittenForFormat() {
        TableView hostile = TableView.of(table("src/test/resources/specs/hostile.yaml", "order"));
        assertTrue(hostile.insertColumns().endsWith(", \"a.b%%s\""), hostile.insertColumns());
        assertTrue(hostile.insertValues().startsWith("pg_catalog.nextval('\"We ird %%$ "), hostile.insertValues());
        assertTrue(hostile.insertValues().endsWith(", v1, v2, v3, v4, v5"), hostile.insertValues());
        assertFalse(hostile.recordsGpid());
        assertFalse(hostile.insertValues().contains(TableView.GPID_PLACEHOLDER));

        TableView trust = TableView.of(table("src/test/resources/specs/trust.yaml", "acct"));
        assertTrue(trust.recordsGpid());
        assertEquals("pg_catalog.nextval(''trust.acct_hist_hid_seq''::regclass), TG_OP, pg_catalog.statement_timestamp(),"
                + " coalesce(nullif(pg_catalog.current_setting(''role''), ''none''), session_user),"
                + " nullif(pg_catalog.current_setting(''app.username'', true), ''''), pg_catalog.txid_current(), %2$s,"
                + " v1, v2, v3",
                new SqlQuote().lit(trust.insertValues()).replaceAll("^'|'$", ""));
        assertEquals("hid, op, at, db_user, app_user, txid, gpid, id, tenant, balance", trust.insertColumns());
    }

    @Test
    void updateImagesAndTheAsOfFunction() {
        TableView both = TableView.of(table("src/test/resources/specs/images.yaml", "both_acct"));
        assertTrue(both.updateRecordsBoth());
        assertTrue(both.updateRecordsOld());
        assertTrue(both.recordsImage());
        assertEquals("images.both_acct_hist_as_of(timestamptz)", both.asOf().signature());
        assertEquals("row_image", both.asOf().newImage());

        TableView onlyNew = TableView.of(table("src/test/resources/specs/images.yaml", "new_acct"));
        assertFalse(onlyNew.updateRecordsOld());
        assertNull(onlyNew.asOf(), "update: new keeps no replaced versions");

        TableView seed = TableView.of(table("src/examples/seed/citus-audit.yaml", "account"));
        assertNull(seed.asOf().newImage());
        assertEquals("account_id bigint, entered timestamp", seed.asOf().resultColumns().substring(0, 36));
    }

    @Test
    void tgtypeComesWithHowItAddsUp() {
        TableView seed = TableView.of(table("src/examples/seed/citus-audit.yaml", "account"));
        assertEquals(29, seed.tgtype());
        assertEquals("INSERT OR UPDATE OR DELETE", seed.events());
        assertEquals("FOR EACH ROW 1 + INSERT 4 + DELETE 8 + UPDATE 16; AFTER sets no bit", seed.tgtypeBits());
        assertEquals(5, TriggerEvents.tgtype(EnumSet.of(Operation.INSERT)));
        assertEquals("FOR EACH ROW 1 + INSERT 4; AFTER sets no bit", TriggerEvents.tgtypeBits(EnumSet.of(Operation.INSERT)));
        assertEquals("FOR EACH ROW 1 + DELETE 8 + UPDATE 16; AFTER sets no bit",
                TriggerEvents.tgtypeBits(EnumSet.of(Operation.UPDATE, Operation.DELETE)));
    }
}
