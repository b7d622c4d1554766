package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static branches of an installed audit trigger function (native mode): the shards it knows. The
 * function holds its dispatch twice, its INSERTs naming the row's columns and taking them by name
 * after a migration (templates/common/history-insert.vm), each with a branch for every shard it knows.
 */
public final class StaticBranches {

    private static final Pattern BRANCH = Pattern.compile("\n\\s*WHEN '([^']*)' THEN");

    private StaticBranches() {
    }

    /** How many shards the function's source has a branch for; each must have one in both dispatches. */
    public static int count(String functionSource) {
        Matcher branch = BRANCH.matcher(functionSource);
        Map<String, Integer> times = new TreeMap<>();
        while (branch.find()) {
            times.merge(branch.group(1), 1, Integer::sum);
        }
        if (!times.isEmpty()) {
            assertEquals(Set.of(2), Set.copyOf(times.values()), "each shard's branch in both dispatches: " + times);
        }
        return times.size();
    }
}
