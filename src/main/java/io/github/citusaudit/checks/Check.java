package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/** One of verify's checks: its name in the reports, and what it finds wrong with one table. */
interface Check {

    String name();

    /**
     * @param table the spec's table, its columns resolved against the live table (as declared, for
     *              the source columns check, which does the resolving)
     * @return empty when the check passes
     */
    List<Finding> findings(TableSpec table, LiveTable live) throws SQLException;
}
