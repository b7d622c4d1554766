package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.catalog.ExistingColumns;
import io.github.citusaudit.catalog.SourceChanges;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/**
 * The columns the spec declares (or excludes) are all in the live table, as apply needs them. When
 * they are not, what a migration changed since apply made the trigger function is named too, so
 * that the spec can follow it.
 */
final class SourceColumnsCheck implements Check {

    @Override
    public String name() {
        return "source columns";
    }

    @Override
    public List<Finding> findings(TableSpec declared, LiveTable live) throws SQLException {
        try {
            ExistingColumns.resolve(declared, live.columns());
            return List.of();
        } catch (DriftException e) {
            List<Finding> findings = new ArrayList<>();
            findings.add(new Finding("", e.getMessage()));
            for (SourceChanges.Change change : SourceChanges.of(live.connection(), declared, live.placementMode())) {
                findings.add(new Finding("", change.finding()));
            }
            return findings;
        }
    }
}
