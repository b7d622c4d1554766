package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.SQLException;

import io.github.citusaudit.catalog.LiveColumns;
import io.github.citusaudit.db.Query;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.spec.TableSpec;

/**
 * An audited table on the server verify is connected to: where to ask about it, its live columns,
 * and how apply installs its audit there, which decides what the checks ask.
 *
 * @param connection    to the coordinator (or the plain server): every question goes there
 * @param workers       what the workers say, asked once for all tables of the run
 * @param citus         the server runs Citus: the function is compared on every worker too
 * @param distributed   Citus holds the table (hash or reference): its shard placements are asked
 * @param placementMode a hash table in placement mode: a function per shard, triggers on the placements only
 */
record LiveTable(Connection connection, WorkerAnswers workers, LiveColumns columns, boolean citus, boolean distributed,
        boolean placementMode) {

    static LiveTable of(Connection connection, WorkerAnswers workers, TableSpec table, ServerInfo server, TriggerMode mode)
            throws SQLException {
        LiveColumns columns = LiveColumns.of(connection, table.schema(), table.name());
        boolean citus = server.hasCitus();
        boolean distributed = citus && !table.distribution().isLocal();
        boolean placementMode = distributed && mode == TriggerMode.PLACEMENT && table.distribution().isHash();
        return new LiveTable(connection, workers, columns, citus, distributed, placementMode);
    }

    /** For the checks' own questions; the catalog's are asked through {@link #connection()}. */
    Query query() {
        return new Query(connection);
    }
}
