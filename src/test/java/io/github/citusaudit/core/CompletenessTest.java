package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.OracleWorkload;
import io.github.citusaudit.testing.TestDatabase;
import io.github.citusaudit.trial.ThrowawayPostgres;

/** Tier 1, the completeness test on plain PostgreSQL: 4 clients, 10,000 random changes, history equals the oracle. */
class CompletenessTest {

    @Test
    void plainPostgresLosesAndDoublesNothing() throws Exception {
        try (ThrowawayPostgres server = ThrowawayPostgres.start()) {
            new ApplyCommand(Console.system()).run(new Requests.Apply(new File("src/test/resources/specs/completeness.yaml"), null,
                    server.settings(), null, false, "5s"));
            OracleWorkload workload = new OracleWorkload(server.settings());
            List<OracleWorkload.Row> expected = workload.run(4, 2_500, 7L);
            List<OracleWorkload.Row> history = OracleWorkload.history(new TestDatabase(server.settings()));
            Map<OracleWorkload.Row, Integer> difference = OracleWorkload.difference(expected, history);
            System.out.println("[completeness] plain: " + workload.done() + " operations, " + expected.size() + " expected history rows, "
                    + history.size() + " found, " + difference.size() + " differences");
            assertTrue(difference.isEmpty(), "history differs from the oracle (+ surplus, - missing): " + difference);
        }
    }
}
