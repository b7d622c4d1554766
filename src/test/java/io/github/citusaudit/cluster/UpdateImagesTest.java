package io.github.citusaudit.cluster;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.report.Console;

/** Tier 1: which version of a row an UPDATE records (history.update), on a real PostgreSQL. */
class UpdateImagesTest extends PostgresTestSupport {

    @Test
    void bothVersionsOrTheNewOne() throws SQLException {
        new ApplyCommand(Console.system()).run(new Requests.Apply(UpdateImages.SPEC, null, server.settings(), null, false, "5s"));
        UpdateImages.check(db);
    }
}
