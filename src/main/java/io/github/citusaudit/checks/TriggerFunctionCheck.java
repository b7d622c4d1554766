package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.citusaudit.catalog.AuditFunction;
import io.github.citusaudit.catalog.WorkerFunctions;
import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.InstallPlan;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.InstalledTrigger;
import io.github.citusaudit.spec.TableSpec;

/** The function on the coordinator and on every worker has the text apply would give it now. */
final class TriggerFunctionCheck implements Check {

    private final InstallPlan plan;

    TriggerFunctionCheck(InstallPlan plan) {
        this.plan = plan;
    }

    @Override
    public String name() {
        return "trigger function";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        String function = AuditFunction.signature(table);
        List<Finding> findings = new ArrayList<>();
        Optional<AuditFunction> installed = AuditFunction.read(live.connection(), table);
        String where = live.citus() ? "coordinator" : "";
        String history = new SqlQuote().table(table.history().schema(), table.history().table());
        if (!"t".equals(live.query().value("SELECT pg_catalog.to_regclass(?) IS NOT NULL", history))) {
            // What apply would create is built from the history's shards: without the table there is
            // nothing to compare with (the history table check names it).
            findings.add(new Finding(where, "trigger function " + function + (installed.isPresent()
                    ? " writes to history table " + history + ", which does not exist: run apply" : " is missing")));
            return findings;
        }
        String expected = expectedMd5(plan.expectedFunctionDefinition(table).sql(), live.connection());
        compareEverywhere(findings, live.citus(), table.installedTrigger(), installed, expected,
                live.citus() ? live.workers().functions(table) : List.of());
        return findings;
    }

    /**
     * The md5 of the definition apply would create now: the server computes it from the live shard
     * layout into a session setting, so that it is compared with what is installed, md5 to md5.
     */
    static String expectedMd5(String expectedDefinitionSql, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(expectedDefinitionSql);
        }
        return new Query(connection).value("SELECT md5(current_setting('citus_audit.expected_definition'))");
    }

    /**
     * The function on the server we are connected to and on every worker (Citus) against the md5 of
     * what apply would create, and made to run with its owner's rights; for audit and custom triggers.
     */
    static void compareEverywhere(List<Finding> findings, boolean citus,
            InstalledTrigger trigger, Optional<AuditFunction> installed, String expected, List<WorkerFunctions.Answer> workers) {
        String function = AuditFunction.signature(trigger);
        String where = citus ? "coordinator" : "";
        compare(findings, where, function, installed.map(AuditFunction::md5).orElse(null), expected);
        if (installed.isPresent() && !installed.get().runsAsOwnerWithPinnedPath()) {
            findings.add(new Finding(where, "trigger function " + function + " runs with the rights of the role that writes"
                    + " (not SECURITY DEFINER with search_path pinned): an application role without rights on history"
                    + " cannot write; run apply"));
        }
        for (WorkerFunctions.Answer worker : workers) {
            if (!worker.answered()) {
                findings.add(new Finding(worker.node(), "cannot read the function: " + worker.error()));
            } else {
                compare(findings, worker.node(), function, worker.md5(), expected);
            }
        }
    }

    private static void compare(List<Finding> findings, String where, String function, String actual, String expected) {
        if (actual == null) {
            findings.add(new Finding(where, "trigger function " + function + " is missing"));
        } else if (!actual.equals(expected)) {
            findings.add(new Finding(where, "trigger function " + function + " differs from what apply would create (md5 "
                    + actual + ", expected " + expected + ")"));
        }
    }
}
