package io.github.citusaudit.report;

/** What one shard placement answered: where it is, whether the command ran, and its result or error. */
public record PlacementResult(String table, String node, int port, long shardId, boolean success, String result) {

    public String address() {
        return node + ":" + port;
    }
}
