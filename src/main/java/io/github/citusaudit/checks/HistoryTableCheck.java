package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.citusaudit.catalog.LiveColumns;
import io.github.citusaudit.catalog.SourceChanges;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.AuditColumn;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * The history table exists with every audited column, of the source's type, and every audit
 * column; on Citus it is colocated with its source (a reference table's history lives on the
 * coordinator alone: {@link ReplicasCheck} checks it). What a migration changed in the source since
 * apply made the trigger function (a column dropped, renamed, retyped or added) is named as such,
 * until apply catches up.
 */
final class HistoryTableCheck implements Check {

    private static final String COLOCATED = """
            SELECT (SELECT colocationid FROM pg_catalog.pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass(?))
                   IS NOT DISTINCT FROM
                   (SELECT colocationid FROM pg_catalog.pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass(?))""";

    private final SqlQuote q = new SqlQuote();

    @Override
    public String name() {
        return "history table";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        String history = q.table(table.history().schema(), table.history().table());
        LiveColumns historyColumns = LiveColumns.of(live.connection(), table.history().schema(), table.history().table());
        if (!historyColumns.tableExists()) {
            return List.of(new Finding("", "history table " + history + " does not exist: run apply"));
        }
        List<Finding> findings = new ArrayList<>();
        Set<String> changed = new HashSet<>();
        for (SourceChanges.Change change : SourceChanges.of(live.connection(), table, live.placementMode())) {
            findings.add(new Finding("", change.finding()));
            changed.add(change.nameNow());
        }
        for (ColumnSpec column : table.auditedColumns()) {
            if (changed.contains(column.name())) {
                continue;
            }
            String type = historyColumns.type(column.name());
            String sourceType = live.columns().type(column.name());
            if (type == null) {
                findings.add(new Finding("", "source column '" + column.name() + "' is not in history table " + history
                        + ": its changes are not recorded (apply adds it)"));
            } else if (!type.equals(sourceType)) {
                findings.add(new Finding("", "column '" + column.name() + "' is " + sourceType
                        + " in the source but " + type + " in the history table"));
            }
        }
        for (AuditColumn audit : table.history().auditColumns().present()) {
            if (!historyColumns.has(audit.name())) {
                findings.add(new Finding("", "audit column '" + audit.name() + "' is missing from history table " + history));
            }
        }
        String source = q.table(table.schema(), table.name());
        if (live.distributed() && !table.distribution().isReference()
                && !"t".equals(live.query().value(COLOCATED, source, history))) {
            findings.add(new Finding("", "history table " + history + " is not colocated with " + source
                    + ": its rows cannot sit beside the rows they record"));
        }
        return findings;
    }
}
