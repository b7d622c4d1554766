package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the objects apply's create-if-missing steps make are there already, for a whole spec in
 * one query: a step whose object is there would do nothing (its statement checks the same and
 * returns), so apply need not send it. Asked with exactly the conditions of the bundled templates:
 * a relation of that name (CREATE TABLE / SEQUENCE IF NOT EXISTS), a table Citus holds
 * (install/distribute.sql.vm returns when pg_dist_partition has it), the audit trigger on a table,
 * enabled, of that type and calling that function (install/trigger.sql.vm returns then, when the table
 * has no partitions). Anything missing, or not asked, runs as before.
 */
public final class AlreadyThere {

    private static final String RELATIONS = """
            SELECT 'relation:' || n FROM unnest((SELECT ?::text[])) AS n WHERE pg_catalog.to_regclass(n) IS NOT NULL
            UNION ALL
            SELECT 'trigger:' || t.source
              FROM unnest((SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::int[]))
                   AS t(source, name, function, tgtype)
             WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
                            WHERE tgrelid = pg_catalog.to_regclass(t.source) AND tgname = t.name
                              AND tgfoid = pg_catalog.to_regprocedure(t.function) AND tgtype = t.tgtype AND tgenabled = 'O')""";

    private static final String DISTRIBUTED = """

            UNION ALL
            SELECT 'distributed:' || n FROM unnest((SELECT ?::text[])) AS n
             WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid = pg_catalog.to_regclass(n))""";

    /** The audit trigger as install/trigger.sql.vm leaves it: on {@code table}, named, of {@code tgtype}, calling {@code function}. */
    public record Trigger(String table, String name, String function, int tgtype) {
    }

    private final List<String> relations = new ArrayList<>();
    private final List<String> distributed = new ArrayList<>();
    private final List<Trigger> triggers = new ArrayList<>();

    /** @return the key to look the answer up by */
    public String relation(String qualifiedName) {
        relations.add(qualifiedName);
        return "relation:" + qualifiedName;
    }

    /** @return the key to look the answer up by (Citus only) */
    public String distributed(String qualifiedName) {
        distributed.add(qualifiedName);
        return "distributed:" + qualifiedName;
    }

    /** @return the key to look the answer up by */
    public String trigger(Trigger trigger) {
        triggers.add(trigger);
        return "trigger:" + trigger.table();
    }

    /** The keys of the objects asked about that are there, read in one query. */
    public Set<String> read(Connection connection, boolean citus) throws SQLException {
        Set<String> there = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(citus ? RELATIONS + DISTRIBUTED : RELATIONS)) {
            statement.setArray(1, connection.createArrayOf("text", relations.toArray()));
            statement.setArray(2, connection.createArrayOf("text", triggers.stream().map(Trigger::table).toArray()));
            statement.setArray(3, connection.createArrayOf("text", triggers.stream().map(Trigger::name).toArray()));
            statement.setArray(4, connection.createArrayOf("text", triggers.stream().map(Trigger::function).toArray()));
            statement.setArray(5, connection.createArrayOf("int4", triggers.stream().map(Trigger::tgtype).toArray()));
            if (citus) {
                statement.setArray(6, connection.createArrayOf("text", distributed.toArray()));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    there.add(rs.getString(1));
                }
            }
        }
        return there;
    }
}
