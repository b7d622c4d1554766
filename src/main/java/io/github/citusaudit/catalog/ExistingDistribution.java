package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.HistoryPlacement;
import io.github.citusaudit.spec.TableSpec;

/**
 * Resolves the audited tables' distribution against the database, before anything is installed: a
 * table the spec leaves undeclared ({@code columns: existing}, no {@code distribution}) takes the one
 * Citus gives it now, a single-shard table or one of a distributed schema included. Then, what the
 * database must allow for the spec to be installed: single-shard tables need a Citus that has them,
 * and each history table must be where Citus can colocate it with its source (see
 * {@link HistoryPlacement}), counting the schemas the database has distributed, not only those the
 * spec declares.
 */
public final class ExistingDistribution {

    private static final String DISTRIBUTED_SCHEMAS = """
            SELECT n.nspname FROM pg_catalog.pg_dist_schema s JOIN pg_catalog.pg_namespace n ON n.oid = s.schemaid""";

    private ExistingDistribution() {
    }

    public static AuditSpec resolve(Connection connection, ServerInfo server, AuditSpec spec) throws SQLException {
        List<TableSpec> resolved = new ArrayList<>();
        for (TableSpec table : spec.tables()) {
            resolved.add(table.distribution().isExisting() ? resolve(connection, server, table) : table);
        }
        AuditSpec result = spec.withTables(resolved);
        requireSingleShardTables(server, result);
        checkHistoryPlacement(connection, server, result);
        return result;
    }

    /** A table whose distribution the spec leaves to the database; it must exist (its columns are read too). */
    private static TableSpec resolve(Connection connection, ServerInfo server, TableSpec table) throws SQLException {
        LiveDistribution live = LiveDistribution.read(connection, server, table.schema(), table.name());
        if (live.distribution() == null) {
            throw new DriftException("table " + table.schema() + "." + table.name() + " is " + live.description()
                    + ", which cannot be audited; distribute it (or declare its 'distribution' in the spec)");
        }
        return table.withDistribution(live.distribution());
    }

    /** Stops on a Citus that has no single-shard tables when the spec (or the database) has some. */
    public static void requireSingleShardTables(ServerInfo server, AuditSpec spec) {
        List<String> singleShard = spec.tables().stream().filter(t -> t.distribution().isSingleShard())
                .map(t -> t.schema() + "." + t.name()).toList();
        server.cannotHoldSingleShardTables(singleShard).ifPresent(problem -> {
            throw new DriftException(problem);
        });
    }

    private static void checkHistoryPlacement(Connection connection, ServerInfo server, AuditSpec spec) throws SQLException {
        if (!server.hasSingleShardTables()) {
            return;
        }
        Set<String> distributed = new HashSet<>(spec.distributedSchemas());
        new Query(connection).rows(DISTRIBUTED_SCHEMAS).forEach(row -> distributed.add(row.get(0)));
        for (TableSpec table : spec.tables()) {
            HistoryPlacement.problem(table, distributed).ifPresent(problem -> {
                throw new DriftException(problem);
            });
        }
    }
}
