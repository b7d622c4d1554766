package io.github.citusaudit.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.citusaudit.catalog.PlacementTriggers;
import io.github.citusaudit.catalog.WorkerFunctions;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.spec.TableSpec;

/**
 * What the workers say about every table of a verify run, asked once for all tables on first need
 * and shared by the checks: a remote round trip per table adds up (seconds for a hundred tables).
 */
final class WorkerAnswers {

    private final Connection connection;
    private final List<TableSpec> tables;
    private Map<String, List<PlacementResult>> placementsByTable;
    private Map<String, List<WorkerFunctions.Answer>> functionsByTable;

    /** @param tables all tables the run checks, so that the workers are asked about them together */
    WorkerAnswers(Connection connection, List<TableSpec> tables) {
        this.connection = connection;
        this.tables = List.copyOf(tables);
    }

    /** What each placement of the table said of its audit trigger (none for a local table). */
    List<PlacementResult> placements(TableSpec table) throws SQLException {
        if (placementsByTable == null) {
            List<TableSpec> distributed = tables.stream().filter(t -> !t.distribution().isLocal()).toList();
            placementsByTable = new PlacementTriggers().check(connection, distributed).stream()
                    .collect(Collectors.groupingBy(PlacementResult::table));
        }
        return placementsByTable.getOrDefault(name(table), List.of());
    }

    /** Each worker's md5 of the table's trigger function. */
    List<WorkerFunctions.Answer> functions(TableSpec table) throws SQLException {
        if (functionsByTable == null) {
            functionsByTable = WorkerFunctions.of(connection, tables).stream()
                    .collect(Collectors.groupingBy(WorkerFunctions.Answer::table));
        }
        return functionsByTable.getOrDefault(name(table), List.of());
    }

    private static String name(TableSpec table) {
        return table.schema() + "." + table.name();
    }
}
