package io.github.citusaudit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.catalog.AuditTrigger;
import io.github.citusaudit.catalog.PlacementTriggers;
import io.github.citusaudit.catalog.TriggerTables;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.db.StatementRunner;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.PlacementReport;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecException;
import io.github.citusaudit.spec.SpecProblem;
import io.github.citusaudit.spec.TriggerSpec;

/**
 * What apply does for the custom triggers beyond running their statements: before, refuse (located)
 * what only the database can tell is wrong, and say which bodies go through the distributed tables;
 * after, check the trigger on the table and on every shard placement, re-creating it where a
 * placement lost it, as for the audit's native trigger.
 */
final class CustomTriggers {

    private final Console console;

    CustomTriggers(Console console) {
        this.console = console;
    }

    /** Before anything runs: the tables are there and colocated; a body routed through Citus is said so. */
    void check(Connection connection, ServerInfo server, AuditSpec spec) throws SQLException {
        List<SpecProblem> problems = TriggerTables.problems(connection, server, spec.triggers());
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        for (TriggerSpec trigger : spec.triggers()) {
            if (!trigger.routedStatically() && server.hasCitus()) {
                console.warn("trigger " + trigger.name() + " on " + trigger.tableName() + " writes through the distributed tables"
                        + " (a round trip through Citus per statement), not the colocated shards: " + (trigger.routing()
                                == TriggerSpec.Routing.DISTRIBUTED ? "routing: distributed" : trigger.staticRouting().reason()));
            }
        }
    }

    /** After apply: every trigger on its table and, on Citus, on every shard placement; fails the apply otherwise. */
    void requireInPlace(Connection connection, ConnectionSettings settings, ServerInfo server, InstallPlan plan, AuditSpec spec)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        for (TriggerSpec trigger : spec.triggers()) {
            AuditTrigger.problem(connection, trigger.installedTrigger()).ifPresent(p -> missing.add(trigger.tableName() + ": " + p));
        }
        if (!missing.isEmpty()) {
            throw new DatabaseException("apply ran but the custom triggers are not in place:\n  " + String.join("\n  ", missing));
        }
        if (!server.hasCitus() || spec.triggers().isEmpty()) {
            return;
        }
        PlacementReport placements = placements(connection, spec);
        if (!placements.failures().isEmpty()) {
            List<String> broken = placements.failures().stream().map(f -> f.table()).distinct().toList();
            console.warn(placements.failures().size() + " shard placement(s) lack their custom trigger; re-creating the trigger of "
                    + String.join(", ", broken));
            new StatementRunner(connection, settings, console).run(spec.triggers().stream()
                    .filter(t -> broken.contains(t.tableName())).map(plan::recreateTrigger).toList());
            placements = placements(connection, spec);
        }
        if (!placements.failures().isEmpty()) {
            throw new DatabaseException(placements.failures().size() + " shard placement(s) have no working custom trigger:\n"
                    + String.join("\n", placements.failureTable()));
        }
        console.info("Custom triggers on " + placements.results().size() + " shard placement(s) of "
                + spec.triggers().size() + " trigger(s): all in place");
    }

    private static PlacementReport placements(Connection connection, AuditSpec spec) throws SQLException {
        return new PlacementReport(new PlacementTriggers().checkTriggers(connection,
                spec.triggers().stream().map(TriggerSpec::installedTrigger).toList()));
    }
}
