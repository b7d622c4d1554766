package io.github.citusaudit.report;

/**
 * One thing verify found wrong.
 *
 * @param where the node and shard it concerns ({@code 127.0.0.1:5432 shard 102008}), or empty when
 *              it is about the table as a whole
 */
public record Finding(String where, String message) {

    @Override
    public String toString() {
        return where.isEmpty() ? message : where + ": " + message;
    }
}
