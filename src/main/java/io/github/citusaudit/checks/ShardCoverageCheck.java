package io.github.citusaudit.checks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.citusaudit.catalog.AuditFunction;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.spec.TableSpec;

/**
 * Native mode: every shard has a static branch in the trigger function. Shards without one (new
 * after a split) take the slower distributed INSERT until apply rebuilds the branches.
 */
final class ShardCoverageCheck implements Check {

    /** A branch of the function's CASE on the shard's name: {@code WHEN 'account_102008' THEN}. */
    private static final Pattern BRANCH = Pattern.compile("\\n\\s*WHEN '((?:[^']|'')*)' THEN");

    /** Each shard with the last part of its name, as the branches spell it. */
    private static final String SHARDS = """
            SELECT s.shardid::text, p[array_upper(p, 1)]
              FROM pg_catalog.pg_dist_shard s, parse_ident(shard_name(s.logicalrelid, s.shardid)) p
             WHERE s.logicalrelid = pg_catalog.to_regclass(?) ORDER BY s.shardid""";

    @Override
    public String name() {
        return "shard coverage";
    }

    @Override
    public List<Finding> findings(TableSpec table, LiveTable live) throws SQLException {
        Set<String> branches = branches(AuditFunction.read(live.connection(), table).map(AuditFunction::source).orElse(""));
        List<List<String>> shards = live.query().rows(SHARDS, new SqlQuote().table(table.schema(), table.name()));
        List<String> uncovered = new ArrayList<>();
        for (List<String> shard : shards) {
            if (!branches.contains(shard.get(1))) {
                uncovered.add(shard.get(0));
            }
        }
        return uncovered.isEmpty() ? List.of()
                : List.of(new Finding("shards " + String.join(", ", uncovered), uncovered.size() + " of " + shards.size()
                        + " shards have no branch in the trigger function and run on the slow path (distributed INSERT): run apply"));
    }

    /** The shard names the function has a branch for. */
    private static Set<String> branches(String functionSource) {
        Set<String> branches = new LinkedHashSet<>();
        Matcher matcher = BRANCH.matcher(functionSource);
        while (matcher.find()) {
            branches.add(matcher.group(1).replace("''", "'"));
        }
        return branches;
    }
}
