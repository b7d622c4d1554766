package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.catalog.AuditTrigger;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.spec.TableSpec;

/**
 * The table's trigger exists and is enabled (placement mode has none on the table itself), and
 * every shard placement of a distributed table has exactly one enabled audit trigger.
 */
final class TriggersCheck implements Check {

    @Override
    public String name() {
        return "triggers";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        if (!live.placementMode()) {
            AuditTrigger.problem(live.connection(), table)
                    .ifPresent(problem -> findings.add(new Finding(live.distributed() ? "coordinator" : "", problem)));
        }
        if (live.distributed()) {
            for (PlacementResult placement : live.workers().placements(table)) {
                if (!placement.success()) {
                    findings.add(new Finding(placement.address() + " shard " + placement.shardId(), placement.result()));
                }
            }
        }
        return findings;
    }
}
