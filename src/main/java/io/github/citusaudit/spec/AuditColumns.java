package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The history table's own columns, each optional: {@code id} (bigint from a sequence the plugin
 * creates), {@code operation} (INSERT, UPDATE or DELETE), {@code at} (when), {@code by} (the
 * database user), {@code appUser} (the application's user, from a session setting), {@code txid}
 * (the transaction id), {@code gpid} (on Citus the global process id of the session that made
 * the change, else its backend pid) and {@code image} ({@code old} or {@code new}: which version of
 * the row the source columns hold; needed to tell the two rows of an UPDATE apart when both are kept).
 */
public record AuditColumns(AuditColumn id, AuditColumn operation, AuditColumn at, AuditColumn by, AuditColumn appUser,
        AuditColumn txid, AuditColumn gpid, AuditColumn image) {

    public AuditColumns(AuditColumn id, AuditColumn operation, AuditColumn at, AuditColumn by) {
        this(id, operation, at, by, null, null, null, null);
    }

    /** In the order they stand in a history table the plugin creates. */
    public List<AuditColumn> present() {
        List<AuditColumn> present = new ArrayList<>(8);
        for (AuditColumn column : Arrays.asList(id, operation, at, by, appUser, txid, gpid, image)) {
            if (column != null) {
                present.add(column);
            }
        }
        return present;
    }
}
