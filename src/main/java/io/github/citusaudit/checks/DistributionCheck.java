package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.catalog.LiveDistribution;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/**
 * The table is distributed as the spec says (Citus only). A missing table is reported here, on any
 * server: what the table is, is the first thing verify asks of it.
 */
final class DistributionCheck implements Check {

    @Override
    public String name() {
        return "distribution";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        String name = table.schema() + "." + table.name();
        if (!live.columns().tableExists()) {
            return List.of(new Finding("", "table " + name + " does not exist: run apply"));
        }
        LiveDistribution actual = live.distribution();
        if (actual.is(table.distribution())) {
            return List.of();
        }
        // A distribution the spec leaves to the database is the database's, unless the plugin cannot audit it.
        return List.of(new Finding("", table.distribution().isExisting()
                ? "the table is " + actual.description() + ", which cannot be audited"
                : "the spec says " + table.distribution().describe() + " but the table is " + actual.description()));
    }
}
