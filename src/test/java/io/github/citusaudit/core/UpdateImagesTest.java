package io.github.citusaudit.core;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.PostgresTestSupport;
import io.github.citusaudit.testing.UpdateImages;

/** Tier 1: which version of a row an UPDATE records (history.update), on a real PostgreSQL. */
class UpdateImagesTest extends PostgresTestSupport {

    @Test
    void bothVersionsOrTheNewOne() throws SQLException {
        new ApplyCommand(Console.system()).run(new Requests.Apply(UpdateImages.SPEC, null, server.settings(), null, false, "5s"));
        UpdateImages.check(db);
    }
}
