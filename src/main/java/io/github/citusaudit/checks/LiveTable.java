package io.github.citusaudit.checks;

import io.github.citusaudit.catalog.LiveColumns;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.spec.TableSpec;

/**
 * An audited table on the server verify is connected to: its live columns, and how apply installs
 * its audit there, which decides what the checks ask.
 *
 * @param citus         the server runs Citus: the function is compared on every worker too
 * @param distributed   Citus holds the table (hash or reference): its shard placements are asked
 * @param placementMode a hash table in placement mode: a function per shard, triggers on the placements only
 */
record LiveTable(LiveColumns columns, boolean citus, boolean distributed, boolean placementMode) {

    static LiveTable of(TableSpec table, LiveColumns columns, ServerInfo server, TriggerMode mode) {
        boolean citus = server.hasCitus();
        boolean distributed = citus && !table.distribution().isLocal();
        return new LiveTable(columns, citus, distributed, distributed && mode == TriggerMode.PLACEMENT && table.distribution().isHash());
    }
}
