package io.github.citusaudit.spec;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Reports names PostgreSQL would not keep as written: a NUL it cannot store, or more than
 * {@link Naming#MAX_NAME_BYTES} bytes it would silently cut, so that two long names could end up the
 * same. A name written in the spec is blamed where it stands; a derived one where the spec could have
 * named it, with the key that would.
 */
record NameChecks(SpecProblems problems) {

    /** A name as written in the spec, at its node; {@code what} says what it names ("column name"). */
    void written(Node node, String name, String what) {
        if (name.indexOf('\0') >= 0) {
            problems.add(node, what + " must not contain a NUL character");
        } else if (Naming.tooLong(name)) {
            problems.add(node, what + " '" + name + "' is " + Naming.utf8Length(name) + " bytes long; PostgreSQL keeps only "
                    + Naming.MAX_NAME_BYTES + " and would silently truncate it");
        }
    }

    /** A name {@code key} of {@code map} gives, or else the default derived from the source table. */
    void writtenOrDefault(YamlMap map, String key, Node anchor, String value, String what) {
        if (map.has(key)) {
            written(map.get(key), value, what);
        } else if (Naming.tooLong(value)) {
            problems.add(anchor, "the default " + what + " '" + value + "' would be longer than " + Naming.MAX_NAME_BYTES
                    + " bytes; set '" + key + "' to a shorter name");
        }
    }

    /**
     * The as-of function's name, which no key sets: it follows the history table's. A history table
     * already too long is reported on its own, so only the suffix pushing it over is reported here.
     */
    void asOfFunction(Node at, String historyTable) {
        if (!Naming.tooLong(historyTable) && Naming.tooLong(Naming.asOfFunction(historyTable))) {
            problems.add(at, "the as-of function name '" + Naming.asOfFunction(historyTable) + "' would be longer than "
                    + Naming.MAX_NAME_BYTES + " bytes; choose a shorter history table name");
        }
    }

    /** The id sequence's name, which no key sets: it follows the history table's and the id column's. */
    void idSequence(Node at, String historyTable, AuditColumn id) {
        if (id == null) {
            return;
        }
        String sequence = Naming.idSequence(historyTable, id.name());
        if (Naming.tooLong(sequence)) {
            problems.add(at, "the history id sequence name '" + sequence + "' would be longer than "
                    + Naming.MAX_NAME_BYTES + " bytes; choose a shorter history table or id column name");
        }
    }
}
