package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.InstalledTrigger;
import io.github.citusaudit.spec.TableSpec;

/**
 * Native mode on Citus: the shards rows of a table land in, and the shard names its trigger
 * function has a static branch for. A shard without a branch (new after a split, or of a partition
 * made since apply) takes the slow path, the distributed INSERT, until apply rebuilds the branches.
 */
public final class ShardBranches {

    /** A branch of the function's CASE on the shard's name: {@code WHEN 'account_102008' THEN}. */
    private static final Pattern BRANCH = Pattern.compile("\\n\\s*WHEN '((?:[^']|'')*)' THEN");

    /**
     * Each shard rows land in, with the last part of its name as the branches spell it, and its
     * partition (empty for the table's own): the table's, unless it is partitioned, and those of the
     * leaves of its partition tree (pg_partition_tree has no rows for a table that is not partitioned).
     */
    private static final String SHARDS = """
            SELECT s.shardid::text, n[array_upper(n, 1)], t.partition
              FROM (SELECT r.relid, '' AS partition FROM pg_catalog.to_regclass(?) r(relid)
                     WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_partitioned_table p WHERE p.partrelid = r.relid)
                    UNION
                    SELECT p.relid, p.relid::regclass::text FROM pg_catalog.pg_partition_tree(pg_catalog.to_regclass(?)) p
                     WHERE p.isleaf AND p.level > 0) t
              JOIN pg_catalog.pg_dist_shard s ON s.logicalrelid = t.relid
             CROSS JOIN LATERAL parse_ident(shard_name(s.logicalrelid, s.shardid)) n
             ORDER BY s.shardid""";

    /** One shard rows land in: its id, its name as a branch spells it, its partition (empty for the table's own). */
    public record Shard(String shardId, String branchName, String partition) {
    }

    private ShardBranches() {
    }

    /** The shards rows of the table land in (Citus only). */
    public static List<Shard> shards(Connection connection, TableSpec table) throws SQLException {
        return shards(connection, table.installedTrigger());
    }

    /** The shards rows of the trigger's table land in (Citus only), for any trigger with a branch per shard. */
    public static List<Shard> shards(Connection connection, InstalledTrigger trigger) throws SQLException {
        String source = new SqlQuote().table(trigger.schema(), trigger.table());
        return new Query(connection).rows(SHARDS, source, source).stream().map(r -> new Shard(r.get(0), r.get(1), r.get(2))).toList();
    }

    /** The shard names the function's text has a branch for. */
    public static Set<String> branches(String functionSource) {
        Set<String> branches = new LinkedHashSet<>();
        Matcher matcher = BRANCH.matcher(functionSource);
        while (matcher.find()) {
            branches.add(matcher.group(1).replace("''", "'"));
        }
        return branches;
    }
}
