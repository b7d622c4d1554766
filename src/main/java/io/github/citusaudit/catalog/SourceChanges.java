package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.citusaudit.spec.TableSpec;

/**
 * What a migration changed in a source table since apply made its trigger function: the columns the
 * function was made for ({@link RecordedColumns}) against the live table. A column is followed by
 * its number, so that a rename is told from a drop. Until apply catches up, the function records a
 * dropped or renamed column as NULL, a retyped one as NULL where history's column cannot hold the
 * value, and an added one not at all; none of that fails a write (templates/common/history-insert.vm).
 */
public final class SourceChanges {

    /**
     * One change.
     *
     * @param column the column as the function was made for it (for one added, its name)
     * @param detail a renamed column's new name; a retyped one's {@code from <type> to <type>}
     */
    public record Change(Kind kind, String column, String detail) {

        /** The column's name in the source now; null when it was dropped. */
        public String nameNow() {
            return switch (kind) {
                case DROPPED -> null;
                case RENAMED -> detail;
                case RETYPED, ADDED -> column;
            };
        }

        /** What verify says until apply catches up: what the change does to history meanwhile. */
        public String finding() {
            return switch (kind) {
                case DROPPED -> "source column '" + column + "' was dropped: history records NULL in it from now on"
                        + " (its history column is kept); until apply, writes take the trigger's slower by-name path";
                case RENAMED -> "source column '" + column + "' was renamed to '" + detail + "': history records NULL in '"
                        + column + "' and nothing of '" + detail + "' until apply adds it; until then, writes take"
                        + " the trigger's slower by-name path";
                case RETYPED -> "source column '" + column + "' was retyped " + detail + ": until apply retypes its history"
                        + " column, a value that column cannot hold is recorded as NULL, and writes take the trigger's"
                        + " slower by-name path";
                case ADDED -> "source column '" + column + "' was added: not recorded until apply adds it to history";
            };
        }

        /** What apply says as it catches up. */
        public String catchingUp() {
            return switch (kind) {
                case DROPPED -> "source column '" + column + "' was dropped: its history column is kept (NULL from now on)";
                case RENAMED -> "source column '" + column + "' was renamed to '" + detail + "': history's '" + column
                        + "' is kept (NULL from now on), '" + detail + "' is added to history";
                case RETYPED -> "source column '" + column + "' was retyped " + detail + ": its history column is retyped"
                        + " too (a rewrite of history, unless the types are binary compatible)";
                case ADDED -> "source column '" + column + "' was added: it is added to history";
            };
        }
    }

    /** How a column changed. */
    public enum Kind {
        DROPPED, RENAMED, RETYPED, ADDED
    }

    private SourceChanges() {
    }

    /** Empty when the function is missing or keeps no list of its columns: then nothing can be told. */
    public static List<Change> of(Connection connection, TableSpec table, boolean placementMode) throws SQLException {
        List<RecordedColumns.Column> recorded = RecordedColumns.read(connection, table, placementMode);
        if (recorded.isEmpty()) {
            return List.of();
        }
        LiveColumns source = LiveColumns.of(connection, table.schema(), table.name());
        return between(recorded, source, Set.copyOf(table.history().excludedColumns()));
    }

    /** @param excluded source columns never recorded, so not "added" */
    public static List<Change> between(List<RecordedColumns.Column> recorded, LiveColumns source, Set<String> excluded) {
        Set<String> recordedNames = new HashSet<>();
        recorded.forEach(c -> recordedNames.add(c.name()));
        Set<String> accounted = new HashSet<>(recordedNames);
        accounted.addAll(excluded);
        List<Change> changes = new ArrayList<>();
        for (RecordedColumns.Column column : recorded) {
            String type = source.type(column.name());
            if (type == null) {
                Optional<String> renamed = source.nameOf(column.attnum()).filter(name -> !recordedNames.contains(name));
                renamed.ifPresent(accounted::add);
                changes.add(renamed.map(name -> new Change(Kind.RENAMED, column.name(), name))
                        .orElse(new Change(Kind.DROPPED, column.name(), null)));
            } else if (!type.equals(column.type())) {
                changes.add(new Change(Kind.RETYPED, column.name(), "from " + column.type() + " to " + type));
            }
        }
        for (String name : source.names()) {
            if (!accounted.contains(name)) {
                changes.add(new Change(Kind.ADDED, name, null));
            }
        }
        return changes;
    }
}
