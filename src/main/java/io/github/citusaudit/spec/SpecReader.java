package io.github.citusaudit.spec;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML spec into a validated {@link AuditSpec}. Everything that can be known without a
 * database is checked here, and all problems are reported together, each with its file:line:column.
 */
public final class SpecReader {

    static final List<String> TOP_KEYS = List.of("schema", "tables");
    static final List<String> TABLE_KEYS = List.of("name", "schema", "distribution", "columns", "primaryKey", "history");
    static final List<String> DISTRIBUTION_KEYS = List.of("column", "shardCount", "colocateWith");
    static final List<String> COLUMN_KEYS = List.of("name", "type", "nullable", "default", "sequence", "identity");
    static final List<String> HISTORY_KEYS = List.of("table", "schema", "operations", "exclude", "columns", "trigger", "function",
            "time", "skipUnchangedUpdates", "update");
    static final List<String> AUDIT_COLUMN_KEYS = List.of("id", "operation", "at", "by", "appUser", "txid", "gpid", "image");
    /** The image column a history gets when it keeps both versions of an UPDATE and names none. */
    static final String DEFAULT_IMAGE_COLUMN = "row_image";
    static final List<String> APP_USER_FORM_KEYS = List.of("name", "type", "setting");
    static final String DEFAULT_APP_USER_SETTING = "app.username";
    static final List<String> AUDIT_COLUMN_FORM_KEYS = List.of("name", "type");

    /** PostgreSQL keeps the first 63 bytes of a name and silently drops the rest. */
    static final int MAX_NAME_BYTES = 63;

    public AuditSpec read(Path file) {
        String display = file.toString();
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), display);
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecProblem(new SourceLocation(display, 1, 1),
                    "cannot read the spec: " + e.getMessage())));
        }
    }

    public AuditSpec read(String yaml, String display) {
        SpecProblems problems = new SpecProblems(display);
        Node root = compose(new StringReader(yaml), problems);
        problems.throwIfAny();
        if (root == null) {
            problems.add((org.yaml.snakeyaml.error.Mark) null, "the spec is empty; it needs 'schema' and 'tables'");
            problems.throwIfAny();
        }
        AuditSpec spec = new Parse(problems, display).spec(root);
        problems.throwIfAny();
        return spec;
    }

    private static Node compose(Reader reader, SpecProblems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            problems.add(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
                    "YAML syntax error: " + problem.trim());
            return null;
        }
    }

    /** One reading of one file. */
    private static final class Parse {

        private final SpecProblems problems;
        private final String display;
        private final Map<String, Node> tableNodes = new LinkedHashMap<>();

        Parse(SpecProblems problems, String display) {
            this.problems = problems;
            this.display = display;
        }

        AuditSpec spec(Node root) {
            if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
                problems.add(root, "the spec must be a mapping with 'schema' and 'tables'");
                return new AuditSpec(display, List.of());
            }
            YamlMap top = YamlMap.of(problems, root, "the spec", TOP_KEYS);
            String schema = top.string("schema", "the spec");
            if (schema != null) {
                checkName(top.get("schema"), schema, "schema");
            }
            List<TableSpec> tables = new ArrayList<>();
            Node tablesNode = top.get("tables");
            if (tablesNode == null || YamlMap.isNull(tablesNode)) {
                if (!top.misspelt("tables")) {
                    problems.add(top.node(), "the spec needs 'tables', a list of audited tables");
                }
            } else if (!(tablesNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
                problems.add(tablesNode, "'tables' must be a non-empty list of tables");
            } else {
                for (Node tableNode : list.getValue()) {
                    TableSpec table = table(tableNode, schema);
                    if (table != null) {
                        tables.add(table);
                    }
                }
            }
            crossCheck(tables);
            return new AuditSpec(display, tables);
        }

        private TableSpec table(Node node, String defaultSchema) {
            YamlMap map = YamlMap.of(problems, node, "a table", TABLE_KEYS);
            String name = map.requiredString("name", "a table");
            String what = name == null ? "a table" : "table '" + name + "'";
            String schema = map.has("schema") ? map.string("schema", what) : defaultSchema;
            if (schema == null && map.has("name")) {
                problems.add(map.node(), what + " needs a 'schema' (here or at the top of the spec)");
            }
            if (name == null || schema == null) {
                return null;
            }
            checkName(map.get("name"), name, "table name");
            if (map.has("schema")) {
                checkName(map.get("schema"), schema, "schema");
            }
            if (tableNodes.containsKey(schema + "." + name)) {
                problems.add(map.get("name"), "table '" + name + "' is declared twice");
            }
            tableNodes.put(schema + "." + name, map.get("name"));

            Distribution distribution = distribution(map, what);
            boolean existing = false;
            List<ColumnSpec> columns = new ArrayList<>();
            Node columnsNode = map.get("columns");
            if (columnsNode == null || YamlMap.isNull(columnsNode)) {
                if (!map.misspelt("columns")) {
                    problems.add(map.node(), what + " needs 'columns': a list of columns, or 'existing' to read them from the database");
                }
            } else if (columnsNode instanceof ScalarNode scalar) {
                if ("existing".equals(scalar.getValue())) {
                    existing = true;
                } else {
                    problems.add(columnsNode, "'columns' of " + what + " must be a list of columns or the word 'existing'"
                            + DidYouMean.hint(scalar.getValue(), List.of("existing")));
                }
            } else if (columnsNode instanceof SequenceNode list) {
                columns = columns(list, what);
            } else {
                problems.add(columnsNode, "'columns' of " + what + " must be a list of columns or the word 'existing'");
            }
            List<YamlMap.Located<String>> primaryKey = map.strings("primaryKey", what);
            HistorySpec history = history(map, name, schema, what);
            TableSpec table = new TableSpec(schema, name, distribution, existing, columns,
                    primaryKey.stream().map(YamlMap.Located::value).toList(), history);
            if (history != null) {
                checkTable(map, table, primaryKey, what);
            }
            return history == null ? null : table;
        }

        private Distribution distribution(YamlMap table, String what) {
            Node node = table.get("distribution");
            if ((node == null || YamlMap.isNull(node)) && table.misspelt("distribution")) {
                return Distribution.LOCAL;
            }
            if (node == null || YamlMap.isNull(node)) {
                problems.add(table.node(), what + " needs 'distribution': a mapping with 'column', or 'reference', or 'local'");
                return Distribution.LOCAL;
            }
            if (node instanceof ScalarNode scalar) {
                return switch (scalar.getValue()) {
                    case "reference" -> Distribution.REFERENCE;
                    case "local" -> Distribution.LOCAL;
                    default -> {
                        problems.add(node, "'distribution' of " + what + " must be 'reference', 'local' or a mapping with 'column'"
                                + DidYouMean.hint(scalar.getValue(), List.of("reference", "local")));
                        yield Distribution.LOCAL;
                    }
                };
            }
            String where = "the distribution of " + what;
            YamlMap map = YamlMap.of(problems, node, where, DISTRIBUTION_KEYS);
            String column = map.requiredString("column", where);
            Integer shardCount = map.integer("shardCount", where, 1, 64000);
            String colocateWith = map.string("colocateWith", where);
            return new Distribution(DistributionKind.HASH, column, shardCount, colocateWith == null ? "default" : colocateWith);
        }

        private List<ColumnSpec> columns(SequenceNode list, String what) {
            List<ColumnSpec> columns = new ArrayList<>();
            Map<String, Node> seen = new HashMap<>();
            for (Node node : list.getValue()) {
                YamlMap map = YamlMap.of(problems, node, "a column of " + what, COLUMN_KEYS);
                String name = map.requiredString("name", "a column of " + what);
                String where = name == null ? "a column of " + what : "column '" + name + "' of " + what;
                String type = map.requiredString("type", where);
                if (name != null) {
                    checkName(map.get("name"), name, "column name");
                    if (seen.putIfAbsent(name, node) != null) {
                        problems.add(map.get("name"), "column '" + name + "' is declared twice in " + what);
                    }
                }
                if (type != null) {
                    String typeProblem = PostgresTypes.problem(type);
                    if (typeProblem != null) {
                        problems.add(map.get("type"), typeProblem + " (" + where + ")");
                    }
                }
                Boolean nullable = map.bool("nullable", where);
                String defaultExpression = map.string("default", where);
                String sequence = map.string("sequence", where);
                if (sequence != null) {
                    checkName(map.get("sequence"), sequence, "sequence name");
                }
                String identity = map.string("identity", where);
                if (identity != null && !List.of("always", "by default").contains(identity)) {
                    problems.add(map.get("identity"), "'identity' of " + where + " must be 'always' or 'by default', not '"
                            + identity + "'" + DidYouMean.hint(identity, List.of("always", "by default")));
                }
                int ways = (defaultExpression != null ? 1 : 0) + (sequence != null ? 1 : 0) + (identity != null ? 1 : 0);
                if (ways > 1) {
                    problems.add(node, where + " may have only one of 'default', 'sequence' and 'identity'");
                }
                if (name != null && type != null) {
                    columns.add(new ColumnSpec(name, type.trim(), nullable == null || nullable, defaultExpression, sequence, identity));
                }
            }
            return columns;
        }

        private HistorySpec history(YamlMap table, String tableName, String tableSchema, String what) {
            Node node = table.get("history");
            String where = "the history of " + what;
            YamlMap map = node == null || YamlMap.isNull(node)
                    ? YamlMap.of(problems, new org.yaml.snakeyaml.nodes.MappingNode(
                            org.yaml.snakeyaml.nodes.Tag.MAP, List.of(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK),
                            where, HISTORY_KEYS)
                    : YamlMap.of(problems, node, where, HISTORY_KEYS);
            Node anchor = node == null ? table.node() : node;
            String historyTable = orDefault(map.string("table", where), tableName + "_hist");
            String schema = orDefault(map.string("schema", where), tableSchema);
            String trigger = orDefault(map.string("trigger", where), tableName + "_audit");
            String function = orDefault(map.string("function", where), tableName + "_audit");
            checkDerivedName(map, "table", anchor, historyTable, "history table name");
            checkDerivedName(map, "trigger", anchor, trigger, "trigger name");
            checkDerivedName(map, "function", anchor, function, "function name");
            if (utf8Length(historyTable) <= MAX_NAME_BYTES && utf8Length(historyTable + "_as_of") > MAX_NAME_BYTES) {
                problems.add(map.has("table") ? map.get("table") : anchor, "the as-of function name '" + historyTable + "_as_of' would be longer than "
                        + MAX_NAME_BYTES + " bytes; choose a shorter history table name");
            }
            if (map.has("schema")) {
                checkName(map.get("schema"), schema, "schema");
            }

            Set<Operation> operations = EnumSet.noneOf(Operation.class);
            List<YamlMap.Located<String>> listed = map.strings("operations", where);
            if (!map.has("operations")) {
                operations = EnumSet.allOf(Operation.class);
            }
            for (YamlMap.Located<String> operation : listed) {
                String word = operation.value().toUpperCase(Locale.ROOT);
                if ("TRUNCATE".equals(word)) {
                    problems.add(operation.node(), "truncate is not captured: Citus truncates each shard on its own and a "
                            + "row-level history cannot record it; leave it out of 'operations'");
                    continue;
                }
                try {
                    if (!operations.add(Operation.valueOf(word))) {
                        problems.add(operation.node(), "operation '" + operation.value() + "' is listed twice");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(operation.node(), "unknown operation '" + operation.value() + "'"
                            + DidYouMean.hint(operation.value(), List.of("insert", "update", "delete"))
                            + "; allowed: insert, update, delete");
                }
            }
            if (map.has("operations") && listed.isEmpty()) {
                problems.add(map.get("operations"), "'operations' must name at least one of insert, update, delete");
            }
            List<YamlMap.Located<String>> excluded = map.strings("exclude", where);
            AuditColumns auditColumns = auditColumns(map, where);
            String idSequenceName = auditColumns.id() == null ? null : historyTable + "_" + auditColumns.id().name() + "_seq";
            if (idSequenceName != null && utf8Length(idSequenceName) > MAX_NAME_BYTES) {
                problems.add(anchor, "the history id sequence name '" + idSequenceName + "' would be longer than "
                        + MAX_NAME_BYTES + " bytes; choose a shorter history table or id column name");
            }
            excludedNodes.put(tableSchema + "." + tableName, excluded);
            HistorySpec.ChangeTime time = HistorySpec.ChangeTime.TRANSACTION;
            String timeText = map.string("time", where);
            if (timeText != null) {
                try {
                    time = HistorySpec.ChangeTime.valueOf(timeText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(map.get("time"), "'time' of " + where + " must be transaction, statement or clock, not '" + timeText
                            + "'" + DidYouMean.hint(timeText, List.of("transaction", "statement", "clock")));
                }
            }
            Boolean skipUnchanged = map.bool("skipUnchangedUpdates", where);
            HistorySpec.UpdateImage update = HistorySpec.UpdateImage.OLD;
            String updateText = map.string("update", where);
            if (updateText != null) {
                try {
                    update = HistorySpec.UpdateImage.valueOf(updateText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(map.get("update"), "'update' of " + where + " must be old, new or both, not '" + updateText
                            + "'" + DidYouMean.hint(updateText, List.of("old", "new", "both")));
                }
            }
            if (update == HistorySpec.UpdateImage.BOTH && auditColumns.image() == null) {
                // Two rows per UPDATE must be told apart; a spec that keeps both gets the column.
                auditColumns = new AuditColumns(auditColumns.id(), auditColumns.operation(), auditColumns.at(), auditColumns.by(),
                        auditColumns.appUser(), auditColumns.txid(), auditColumns.gpid(), new AuditColumn(DEFAULT_IMAGE_COLUMN, "text"));
            }
            return new HistorySpec(schema, historyTable, operations,
                    excluded.stream().map(YamlMap.Located::value).toList(), auditColumns, trigger, function, time,
                    skipUnchanged == null || skipUnchanged, update);
        }

        private final Map<String, List<YamlMap.Located<String>>> excludedNodes = new HashMap<>();
        private final Map<String, Node> historyNodes = new HashMap<>();

        private AuditColumns auditColumns(YamlMap history, String where) {
            Node node = history.get("columns");
            if (node == null) {
                return new AuditColumns(new AuditColumn("history_id", "bigint"), new AuditColumn("operation", "text"),
                        new AuditColumn("changed_at", "timestamptz"), new AuditColumn("changed_by", "text"));
            }
            String columnsWhere = "the audit columns of " + where.replace("the history of ", "");
            YamlMap map = YamlMap.of(problems, node, columnsWhere, AUDIT_COLUMN_KEYS);
            AuditColumn id = auditColumn(map, "id", "bigint", columnsWhere);
            if (id != null && !List.of("bigint", "int8").contains(id.type().toLowerCase(Locale.ROOT))) {
                problems.add(map.get("id"), "the history id column must be bigint (Citus numbers rows from workers only for bigint sequences), not '"
                        + id.type() + "'");
            }
            AuditColumn txid = auditColumn(map, "txid", "bigint", columnsWhere);
            AuditColumn gpid = auditColumn(map, "gpid", "bigint", columnsWhere);
            for (AuditColumn number : new AuditColumn[] {txid, gpid}) {
                if (number != null && !List.of("bigint", "int8").contains(number.type().toLowerCase(Locale.ROOT))) {
                    problems.add(map.get(number == txid ? "txid" : "gpid"), "the " + (number == txid ? "txid" : "gpid")
                            + " column must be bigint, not '" + number.type() + "'");
                }
            }
            return new AuditColumns(id, auditColumn(map, "operation", "text", columnsWhere),
                    auditColumn(map, "at", "timestamptz", columnsWhere), auditColumn(map, "by", "text", columnsWhere),
                    appUser(map, columnsWhere), txid, gpid, auditColumn(map, "image", "text", columnsWhere));
        }

        /** The application's user: a column name (read from app.username), or {name, type, setting}. */
        private AuditColumn appUser(YamlMap map, String where) {
            Node node = map.get("appUser");
            if (node == null || YamlMap.isNull(node) || node instanceof ScalarNode) {
                AuditColumn plain = auditColumn(map, "appUser", "text", where);
                return plain == null ? null : new AuditColumn(plain.name(), plain.type(), DEFAULT_APP_USER_SETTING);
            }
            String formWhere = "'appUser' of " + where;
            YamlMap form = YamlMap.of(problems, node, formWhere, APP_USER_FORM_KEYS);
            String name = form.requiredString("name", formWhere);
            String type = orDefault(form.string("type", formWhere), "text");
            String typeProblem = PostgresTypes.problem(type);
            if (typeProblem != null) {
                problems.add(form.locate("type"), typeProblem);
            }
            String setting = orDefault(form.string("setting", formWhere), DEFAULT_APP_USER_SETTING);
            if (!setting.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_.]*")) {
                problems.add(form.locate("setting"), "the setting of " + formWhere + " must be a custom setting name with a"
                        + " prefix, like app.username, not '" + setting + "'");
            }
            if (name == null) {
                return null;
            }
            checkName(form.get("name"), name, "column name");
            return new AuditColumn(name, type, setting);
        }

        private AuditColumn auditColumn(YamlMap map, String key, String defaultType, String where) {
            Node node = map.get(key);
            if (node == null || YamlMap.isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode scalar) {
                checkName(node, scalar.getValue(), "column name");
                return new AuditColumn(scalar.getValue(), defaultType);
            }
            YamlMap form = YamlMap.of(problems, node, "'" + key + "' of " + where, AUDIT_COLUMN_FORM_KEYS);
            String name = form.requiredString("name", "'" + key + "' of " + where);
            String type = orDefault(form.string("type", "'" + key + "' of " + where), defaultType);
            String typeProblem = PostgresTypes.problem(type);
            if (typeProblem != null) {
                problems.add(form.locate("type"), typeProblem);
            }
            if (name == null) {
                return null;
            }
            checkName(form.get("name"), name, "column name");
            return new AuditColumn(name, type);
        }

        /** Rules within one table that need both its columns and its history. */
        private void checkTable(YamlMap map, TableSpec table, List<YamlMap.Located<String>> primaryKey, String what) {
            historyNodes.put(table.history().schema() + "." + table.history().table(),
                    map.has("history") ? map.get("history") : map.node());
            Distribution distribution = table.distribution();
            Node distributionNode = map.locate("distribution");
            if (distribution.isHash() && distribution.column() != null && !table.existingColumns()
                    && table.column(distribution.column()).isEmpty()) {
                problems.add(distributionNode, "distribution column '" + distribution.column() + "' is not a column of " + what
                        + DidYouMean.hint(distribution.column(), table.columns().stream().map(ColumnSpec::name).toList()));
            }
            if (distribution.isHash() && distribution.column() != null && !primaryKey.isEmpty()
                    && primaryKey.stream().noneMatch(k -> k.value().equals(distribution.column()))) {
                problems.add(map.get("primaryKey"), "the primary key of " + what + " must include the distribution column '"
                        + distribution.column() + "' (Citus refuses unique constraints without it)");
            }
            if (table.existingColumns() && !primaryKey.isEmpty()) {
                problems.add(map.get("primaryKey"), "'primaryKey' of " + what + " has no effect with 'columns: existing'; the table is not created by the plugin");
            }
            if (!table.existingColumns()) {
                for (YamlMap.Located<String> key : primaryKey) {
                    if (table.column(key.value()).isEmpty()) {
                        problems.add(key.node(), "primary key column '" + key.value() + "' is not a column of " + what
                                + DidYouMean.hint(key.value(), table.columns().stream().map(ColumnSpec::name).toList()));
                    }
                }
                for (YamlMap.Located<String> excluded : excludedNodes.getOrDefault(table.schema() + "." + table.name(), List.of())) {
                    if (table.column(excluded.value()).isEmpty()) {
                        problems.add(excluded.node(), "excluded column '" + excluded.value() + "' is not a column of " + what
                                + DidYouMean.hint(excluded.value(), table.columns().stream().map(ColumnSpec::name).toList()));
                    }
                }
                for (AuditColumn audit : table.history().auditColumns().present()) {
                    if (table.column(audit.name()).filter(c -> !table.history().excludedColumns().contains(c.name())).isPresent()) {
                        problems.add(map.locate("history"), "audit column '" + audit.name() + "' of " + what
                                + " has the name of a source column; rename one of them"
                                + (audit == table.history().auditColumns().image() ? " (with update: both the image column is '"
                                        + DEFAULT_IMAGE_COLUMN + "' unless columns.image names another)" : ""));
                    }
                }
            }
            for (YamlMap.Located<String> excluded : excludedNodes.getOrDefault(table.schema() + "." + table.name(), List.of())) {
                if (excluded.value().equals(distribution.column())) {
                    problems.add(excluded.node(), "the distribution column '" + distribution.column()
                            + "' cannot be excluded: the history table is distributed on it");
                }
            }
            List<String> auditNames = table.history().auditColumns().present().stream().map(AuditColumn::name).toList();
            if (auditNames.stream().distinct().count() != auditNames.size()) {
                problems.add(map.locate("history"), "two audit columns of " + what + " have the same name");
            }
        }

        /** Rules across tables: names that collide, colocation with tables that are not there. */
        private void crossCheck(List<TableSpec> tables) {
            for (TableSpec table : tables) {
                String historyKey = table.history().schema() + "." + table.history().table();
                if (tableNodes.containsKey(historyKey)) {
                    problems.add(historyNodes.get(historyKey), "history table '" + table.history().table() + "' of table '"
                            + table.name() + "' has the name of an audited table");
                }
                // Tables declared twice are reported as such; their shared history name follows from it.
                long sameHistory = tables.stream()
                        .filter(t -> (t.history().schema() + "." + t.history().table()).equals(historyKey))
                        .map(t -> t.schema() + "." + t.name()).distinct().count();
                if (sameHistory > 1 && tables.stream().filter(t -> (t.history().schema() + "." + t.history().table())
                        .equals(historyKey)).findFirst().get() != table) {
                    problems.add(historyNodes.get(historyKey), "history table '" + table.history().table()
                            + "' is used by more than one table");
                }
                String colocateWith = table.distribution().colocateWith();
                if (table.distribution().isHash() && colocateWith != null && !List.of("default", "none").contains(colocateWith)) {
                    boolean known = tables.stream().anyMatch(t -> t.name().equals(colocateWith)
                            || (t.schema() + "." + t.name()).equals(colocateWith));
                    int index = tables.indexOf(table);
                    boolean before = tables.subList(0, index).stream().anyMatch(t -> t.name().equals(colocateWith)
                            || (t.schema() + "." + t.name()).equals(colocateWith));
                    Node at = tableNodes.get(table.schema() + "." + table.name());
                    if (!known) {
                        problems.add(at, "table '" + table.name() + "' is colocated with '" + colocateWith
                                + "', which is not a table of this spec" + DidYouMean.hint(colocateWith,
                                        tables.stream().map(TableSpec::name).toList()) + "; use 'default', 'none' or a table above it");
                    } else if (!before) {
                        problems.add(at, "table '" + table.name() + "' is colocated with '" + colocateWith
                                + "', which must be declared above it");
                    }
                }
            }
        }

        private void checkDerivedName(YamlMap map, String key, Node anchor, String value, String what) {
            if (map.has(key)) {
                checkName(map.get(key), value, what);
            } else if (utf8Length(value) > MAX_NAME_BYTES) {
                problems.add(anchor, "the default " + what + " '" + value + "' would be longer than " + MAX_NAME_BYTES
                        + " bytes; set '" + key + "' to a shorter name");
            }
        }

        private void checkName(Node node, String name, String what) {
            if (name.indexOf('\0') >= 0) {
                problems.add(node, what + " must not contain a NUL character");
            } else if (utf8Length(name) > MAX_NAME_BYTES) {
                problems.add(node, what + " '" + name + "' is " + utf8Length(name) + " bytes long; PostgreSQL keeps only "
                        + MAX_NAME_BYTES + " and would silently truncate it");
            }
        }

        private static String orDefault(String value, String fallback) {
            return value == null ? fallback : value;
        }
    }

    static int utf8Length(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
