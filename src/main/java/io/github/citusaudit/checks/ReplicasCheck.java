package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.citusaudit.catalog.ReplicaDigests;
import io.github.citusaudit.catalog.ReplicaDigests.Replica;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/**
 * A reference table on Citus: every node holds a replica and Citus makes each change on every one;
 * the trigger of the coordinator's replica records it, in a history that lives on the coordinator
 * alone (templates/install/reference-history.sql.vm). So the coordinator holds a replica, the
 * history is one table there, and every replica holds the same rows: one changed behind Citus' back
 * is not what the history describes. A history that is a reference table, as earlier versions made
 * it, has its replicas compared too: each recorded a history of its own. Replicas that differ are
 * asked again once, so that a change committing between the reads of two of them is not reported.
 */
final class ReplicasCheck implements Check {

    /** Where the history is: missing, none (a plain table), reference, coordinator (one placement there) or elsewhere. */
    private static final String HISTORY_PLACEMENT = """
            SELECT CASE WHEN t.rel IS NULL THEN 'missing'
                        WHEN p.logicalrelid IS NULL THEN 'none'
                        WHEN p.partmethod = 'n' AND p.repmodel = 't' THEN 'reference'
                        WHEN (SELECT array_agg(DISTINCT pl.groupid) FROM pg_catalog.pg_dist_shard s
                                JOIN pg_catalog.pg_dist_placement pl ON pl.shardid = s.shardid
                               WHERE s.logicalrelid = t.rel) = '{0}' THEN 'coordinator'
                        ELSE 'elsewhere' END
              FROM (SELECT pg_catalog.to_regclass(?) AS rel) t
              LEFT JOIN pg_catalog.pg_dist_partition p ON p.logicalrelid = t.rel""";

    private final SqlQuote q = new SqlQuote();

    @Override
    public String name() {
        return "replicas";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        String source = q.table(table.schema(), table.name());
        String history = q.table(table.history().schema(), table.history().table());
        List<Finding> findings = new ArrayList<>();
        List<Replica> sources = read(live, source);
        if (!sources.isEmpty() && sources.stream().noneMatch(Replica::onCoordinator)) {
            findings.add(new Finding("coordinator", "holds no replica of " + source + ", and the trigger that records its history"
                    + " runs on that replica: no change is recorded; add the coordinator to the metadata"
                    + " (citus_set_coordinator_host) and run apply"));
        }
        findings.addAll(ReplicaAgreement.disagreements(source, sources,
                "it was changed behind Citus' back, and the history does not describe it"));
        String placement = live.query().value(HISTORY_PLACEMENT, history);
        switch (placement) {
            case "none" -> findings.add(new Finding("", "history table " + history + " is not in the Citus metadata, so the"
                    + " workers cannot read it: run apply"));
            case "reference" -> {
                findings.add(new Finding("", "history table " + history + " is a reference table, as earlier versions made it:"
                        + " each replica records a history of its own, with ids and times of its own; run apply, which keeps"
                        + " the coordinator's copy as the one history"));
                findings.addAll(ReplicaAgreement.disagreements(history, read(live, history),
                        "each replica recorded a history of its own"));
            }
            case "elsewhere" -> findings.add(new Finding("", "history table " + history + " is distributed, but the history of"
                    + " a reference table is one table on the coordinator, whose replica writes it: undistribute it"
                    + " (undistribute_table) and run apply"));
            default -> {
                // missing (the history table check says so) or on the coordinator, as apply makes it
            }
        }
        return findings;
    }

    private static List<Replica> read(LiveTable live, String table) throws SQLException {
        List<Replica> replicas = ReplicaDigests.of(live.connection(), table);
        return ReplicaAgreement.agree(replicas) ? replicas : ReplicaDigests.of(live.connection(), table);
    }
}
