package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What one worker answered to a command the coordinator sent every worker through
 * run_command_on_workers. Citus reports a worker's failure as a row, so every reply is read.
 *
 * @param address {@code node:port}
 * @param result  the command's answer, or the worker's error when it did not succeed
 */
public record WorkerReply(String address, boolean success, String result) {

    private static final String ASK = "SELECT nodename || ':' || nodeport, success, result FROM run_command_on_workers(?)";

    public static List<WorkerReply> ask(Connection connection, String command) throws SQLException {
        return new Query(connection).rows(ASK, command).stream()
                .map(row -> new WorkerReply(row.get(0), "t".equals(row.get(1)), row.get(2)))
                .toList();
    }
}
