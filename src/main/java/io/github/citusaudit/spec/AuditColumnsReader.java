package io.github.citusaudit.spec;

import java.util.List;
import java.util.Locale;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a history's {@code columns}: the audit columns the history table carries about each change.
 * Each is a column name, or {@code {name, type}} (the application user also takes {@code setting}).
 * The four that say what happened — id, operation, at, by — keep their default names unless
 * switched off with {@code ~} or {@code false}: naming only {@code appUser} must not silently give
 * a history that cannot say what happened or when. The others are there only when named.
 */
record AuditColumnsReader(SpecProblems problems, NameChecks names) {

    static final List<String> KEYS = List.of("id", "operation", "at", "by", "appUser", "txid", "gpid", "image");
    static final List<String> COLUMN_FORM_KEYS = List.of("name", "type");
    static final List<String> APP_USER_FORM_KEYS = List.of("name", "type", "setting");
    static final String DEFAULT_APP_USER_SETTING = "app.username";
    private static final List<String> BIGINT = List.of("bigint", "int8");
    private static final AuditColumn DEFAULT_ID = new AuditColumn("history_id", "bigint");
    private static final AuditColumn DEFAULT_OPERATION = new AuditColumn("operation", "text");
    private static final AuditColumn DEFAULT_AT = new AuditColumn("changed_at", "timestamptz");
    private static final AuditColumn DEFAULT_BY = new AuditColumn("changed_by", "text");

    /** The audit columns of a history; {@code where} is "the history of table 'x'". */
    AuditColumns read(YamlMap history, String where) {
        Node node = history.get("columns");
        if (node == null) {
            return new AuditColumns(DEFAULT_ID, DEFAULT_OPERATION, DEFAULT_AT, DEFAULT_BY);
        }
        String columnsWhere = "the audit columns of " + where.replace("the history of ", "");
        YamlMap map = YamlMap.of(problems, node, columnsWhere, KEYS);
        AuditColumn id = mentioned(map, "id") ? column(map, "id", "bigint", columnsWhere) : DEFAULT_ID;
        if (id != null && !isBigint(id)) {
            problems.add(map.get("id"), "the history id column must be bigint (Citus numbers rows from workers only for bigint sequences), not '"
                    + id.type() + "'");
        }
        AuditColumn txid = column(map, "txid", "bigint", columnsWhere);
        AuditColumn gpid = column(map, "gpid", "bigint", columnsWhere);
        requireBigint(map, "txid", txid);
        requireBigint(map, "gpid", gpid);
        return new AuditColumns(id, mentioned(map, "operation") ? column(map, "operation", "text", columnsWhere) : DEFAULT_OPERATION,
                mentioned(map, "at") ? column(map, "at", "timestamptz", columnsWhere) : DEFAULT_AT,
                mentioned(map, "by") ? column(map, "by", "text", columnsWhere) : DEFAULT_BY,
                appUser(map, columnsWhere), txid, gpid, column(map, "image", "text", columnsWhere));
    }

    /** Whether the key is there at all, {@code ~} included (YamlMap.has counts ~ as absent). */
    private static boolean mentioned(YamlMap map, String key) {
        return map.get(key) != null;
    }

    /** {@code false}: the column is switched off, as with {@code ~}. */
    private static boolean switchedOff(Node node) {
        return node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag()) && "false".equalsIgnoreCase(scalar.getValue());
    }

    /** txid and gpid hold the server's 64-bit numbers; a narrower column would overflow. */
    private void requireBigint(YamlMap map, String key, AuditColumn column) {
        if (column != null && !isBigint(column)) {
            problems.add(map.get(key), "the " + key + " column must be bigint, not '" + column.type() + "'");
        }
    }

    private static boolean isBigint(AuditColumn column) {
        return BIGINT.contains(column.type().toLowerCase(Locale.ROOT));
    }

    /** The application's user: a column name (read from app.username), or {name, type, setting}. */
    private AuditColumn appUser(YamlMap map, String where) {
        Node node = map.get("appUser");
        if (node == null || YamlMap.isNull(node) || switchedOff(node) || node instanceof ScalarNode) {
            AuditColumn plain = column(map, "appUser", "text", where);
            return plain == null ? null : new AuditColumn(plain.name(), plain.type(), DEFAULT_APP_USER_SETTING);
        }
        String formWhere = "'appUser' of " + where;
        YamlMap form = YamlMap.of(problems, node, formWhere, APP_USER_FORM_KEYS);
        String name = form.requiredString("name", formWhere);
        String type = type(form, formWhere, "text");
        String setting = form.stringOr("setting", formWhere, DEFAULT_APP_USER_SETTING);
        if (!setting.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_.]*")) {
            problems.add(form.locate("setting"), "the setting of " + formWhere + " must be a custom setting name with a"
                    + " prefix, like app.username, not '" + setting + "'");
        }
        return named(form, name) ? new AuditColumn(name, type, setting) : null;
    }

    /** One audit column: a plain column name with {@code defaultType}, or {name, type}. */
    private AuditColumn column(YamlMap map, String key, String defaultType, String where) {
        Node node = map.get(key);
        if (node == null || YamlMap.isNull(node) || switchedOff(node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            names.written(node, scalar.getValue(), "column name");
            return new AuditColumn(scalar.getValue(), defaultType);
        }
        String formWhere = "'" + key + "' of " + where;
        YamlMap form = YamlMap.of(problems, node, formWhere, COLUMN_FORM_KEYS);
        String name = form.requiredString("name", formWhere);
        String type = type(form, formWhere, defaultType);
        return named(form, name) ? new AuditColumn(name, type) : null;
    }

    /** The type of a {name, type} form, checked like a source column's. */
    private String type(YamlMap form, String formWhere, String defaultType) {
        String type = form.stringOr("type", formWhere, defaultType);
        String typeProblem = PostgresTypes.problem(type);
        if (typeProblem != null) {
            problems.add(form.locate("type"), typeProblem);
        }
        return type;
    }

    /** Whether a {name, type} form has a name; a name it has is checked. A missing one was reported already. */
    private boolean named(YamlMap form, String name) {
        if (name == null) {
            return false;
        }
        names.written(form.get("name"), name, "column name");
        return true;
    }
}
