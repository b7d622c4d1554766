package io.github.citusaudit.checks;

import java.util.List;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.catalog.ExistingColumns;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/** The columns the spec declares (or excludes) are all in the live table, as apply needs them. */
final class SourceColumnsCheck implements Check {

    @Override
    public String name() {
        return "source columns";
    }

    @Override
    public List<Finding> findings(TableSpec declared, LiveTable live) {
        try {
            ExistingColumns.resolve(declared, live.columns());
            return List.of();
        } catch (DriftException e) {
            return List.of(new Finding("", e.getMessage()));
        }
    }
}
