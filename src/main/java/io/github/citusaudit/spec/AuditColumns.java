package io.github.citusaudit.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The history table's own columns, each optional: {@code id} (bigint from a sequence the plugin
 * creates), {@code operation} (INSERT, UPDATE or DELETE), {@code at} (when) and {@code by} (the
 * database user).
 */
public record AuditColumns(AuditColumn id, AuditColumn operation, AuditColumn at, AuditColumn by) {

    /** In the order they stand in a history table the plugin creates. */
    public List<AuditColumn> present() {
        List<AuditColumn> present = new ArrayList<>(4);
        for (AuditColumn column : new AuditColumn[] {id, operation, at, by}) {
            if (column != null) {
                present.add(column);
            }
        }
        return present;
    }
}
