package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.render.RenderedStatement;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.StepResult;

/** Runs rendered statements in order on one connection, each on its own, with a progress line each. */
public final class StatementRunner {

    /** SQLSTATE of lock_timeout expiring. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Connection connection;
    private final ConnectionSettings settings;
    private final Console console;

    public StatementRunner(Connection connection, ConnectionSettings settings, Console console) {
        this.connection = connection;
        this.settings = settings;
        this.console = console;
    }

    /** Stops at the first failure with an {@link DatabaseException} naming the step and the template. */
    public List<StepResult> run(List<RenderedStatement> statements) {
        List<StepResult> results = new ArrayList<>();
        int number = 1;
        for (RenderedStatement statement : statements) {
            String progress = "[" + number++ + "/" + statements.size() + "] " + statement.title();
            long start = System.nanoTime();
            try (java.sql.Statement jdbc = connection.createStatement()) {
                jdbc.execute(statement.sql());
            } catch (SQLException e) {
                console.debug("failed SQL (from template " + statement.template() + "):\n" + statement.sql());
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new DatabaseException(progress + " gave up waiting for a lock after citus-audit.lockTimeout: another"
                            + " session holds " + statement.subject() + " (a long transaction?). Nothing after this step ran;"
                            + " apply again when it is free. " + Sql.message(e, settings), e);
                }
                if (connectionLost(e) && !stillConnected()) {
                    throw new DatabaseException(progress + " lost the connection to " + settings.describe() + " (the server ended"
                            + " the session or the network failed). This step's transaction was rolled back and nothing after it"
                            + " ran; every step is safe to repeat, so apply again. " + Sql.message(e, settings), e);
                }
                throw new DatabaseException(progress + " failed: " + Sql.message(e, settings), e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            console.info(progress + " ok (" + millis + " ms)");
            results.add(new StepResult(statement, millis));
        }
        return results;
    }

    /** A connection error may be a worker's, reported by Citus through a coordinator session that is fine. */
    private boolean stillConnected() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Class 08 (connection exception) or 57P01..57P03 (the server terminated the session or is shutting down). */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }
}
