package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.SQLException;

import io.github.citusaudit.catalog.LiveColumns;
import io.github.citusaudit.catalog.LiveDistribution;
import io.github.citusaudit.db.Query;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.spec.Distribution;
import io.github.citusaudit.spec.TableSpec;

/**
 * An audited table on the server verify is connected to: where to ask about it, its live columns,
 * and how apply installs its audit there, which decides what the checks ask.
 *
 * @param connection    to the coordinator (or the plain server): every question goes there
 * @param workers       what the workers say, asked once for all tables of the run
 * @param distribution  how Citus holds the table now (a local table when it does not exist)
 * @param citus         the server runs Citus: the function is compared on every worker too
 * @param distributed   Citus holds the table (hash, single-shard or reference): its shard placements are asked
 * @param placementMode a hash table in placement mode: a function per shard, triggers on the placements only
 */
record LiveTable(Connection connection, WorkerAnswers workers, LiveColumns columns, LiveDistribution distribution,
        boolean citus, boolean distributed, boolean placementMode) {

    /** @param table as the spec declares it: a distribution it leaves to the database is taken from there */
    static LiveTable of(Connection connection, WorkerAnswers workers, TableSpec table, ServerInfo server, TriggerMode mode)
            throws SQLException {
        LiveColumns columns = LiveColumns.of(connection, table.schema(), table.name());
        LiveDistribution live = columns.tableExists()
                ? LiveDistribution.read(connection, server, table.schema(), table.name()) : LiveDistribution.LOCAL;
        Distribution audited = audited(table.distribution(), live);
        boolean citus = server.hasCitus();
        boolean distributed = citus && !audited.isLocal();
        boolean placementMode = distributed && mode == TriggerMode.PLACEMENT && audited.isHash();
        return new LiveTable(connection, workers, columns, live, citus, distributed, placementMode);
    }

    /** The distribution the table is audited with: the spec's, or the database's where the spec leaves it undeclared. */
    static Distribution audited(Distribution declared, LiveDistribution live) {
        return declared.isExisting() && live.distribution() != null ? live.distribution() : declared;
    }

    /** For the checks' own questions; the catalog's are asked through {@link #connection()}. */
    Query query() {
        return new Query(connection);
    }
}
