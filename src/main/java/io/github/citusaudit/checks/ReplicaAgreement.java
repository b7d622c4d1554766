package io.github.citusaudit.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.catalog.ReplicaDigests.Replica;
import io.github.citusaudit.report.Finding;

/**
 * Which replicas of a table disagree with the others. What most replicas hold is taken as what the
 * table holds, and each replica holding something else is named; when no content is held by more
 * replicas than any other (two replicas that differ), every replica is named with what it holds.
 */
final class ReplicaAgreement {

    private ReplicaAgreement() {
    }

    /** Whether every replica answered and all hold the same. */
    static boolean agree(List<Replica> replicas) {
        return replicas.stream().allMatch(Replica::answered) && replicas.stream().map(Replica::digest).distinct().count() <= 1;
    }

    /**
     * @param table what the replicas are of, for the findings
     * @param why   what a difference means, ending each finding
     */
    static List<Finding> disagreements(String table, List<Replica> replicas, String why) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> holders = new LinkedHashMap<>();
        for (Replica replica : replicas) {
            if (replica.answered()) {
                holders.merge(replica.digest(), 1, Integer::sum);
            } else {
                findings.add(new Finding(replica.placement(), "cannot read the replica of " + table + ": " + replica.digest()));
            }
        }
        if (holders.size() <= 1) {
            return findings;
        }
        int most = Collections.max(holders.values());
        String agreed = Collections.frequency(holders.values(), most) == 1
                ? holders.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey()
                : null;
        for (Replica replica : replicas) {
            if (replica.answered() && !replica.digest().equals(agreed)) {
                String others = agreed == null ? "unlike the other replicas"
                        : "where the " + most + " other replicas hold " + agreed;
                findings.add(new Finding(replica.placement(), "the replica of " + table + " holds " + replica.digest() + ", "
                        + others + ": " + why));
            }
        }
        return findings;
    }
}
