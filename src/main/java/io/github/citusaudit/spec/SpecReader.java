package io.github.citusaudit.spec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML spec into a validated {@link AuditSpec}. Everything that can be known without a
 * database is checked, and all problems are reported together, each with its file:line:column.
 * The YAML is composed into nodes, not loaded into maps, so that every value keeps its location;
 * this class reads the top level and hands each table to a {@link TableReader}. The readers and
 * checks carry nothing from one table to the next (most are records of the {@link SpecProblems} they
 * report to); only {@link SpecCrossChecks} remembers the tables read so far.
 */
public final class SpecReader {

    static final List<String> TOP_KEYS = List.of("schema", "distributedSchema", "tables", "triggers");

    public AuditSpec read(Path file) {
        String display = file.toString();
        if (!Files.exists(file)) {
            throw new SpecException(List.of(new SpecProblem(new SourceLocation(display, 1, 1), "spec not found: "
                    + file.toAbsolutePath() + " does not exist (set citus-audit.spec, or <spec> in the plugin's configuration)")));
        }
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), display);
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecProblem(new SourceLocation(display, 1, 1),
                    "cannot read the spec: " + e.getMessage())));
        }
    }

    public AuditSpec read(String yaml, String display) {
        SpecProblems problems = new SpecProblems(display);
        Node root = compose(yaml, problems);
        problems.throwIfAny();
        if (root == null) {
            problems.add((Mark) null, "the spec is empty; it needs 'schema' and 'tables'");
            problems.throwIfAny();
        }
        AuditSpec spec = spec(root, problems, display);
        problems.throwIfAny();
        return spec;
    }

    /** The YAML as nodes, or null when it is empty or not YAML (the syntax error is reported). */
    private static Node compose(String yaml, SpecProblems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            problems.add(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
                    "YAML syntax error: " + problem.trim());
            return null;
        }
    }

    /** The top level: the default schema and the list of tables, then the rules between tables. */
    private static AuditSpec spec(Node root, SpecProblems problems, String display) {
        if (!(root instanceof MappingNode)) {
            problems.add(root, "the spec must be a mapping with 'schema' and 'tables' (or 'triggers')");
            return new AuditSpec(display, List.of());
        }
        NameChecks names = new NameChecks(problems);
        SpecCrossChecks crossChecks = new SpecCrossChecks(problems);
        TableReader tableReader = new TableReader(problems, names, crossChecks);
        YamlMap top = YamlMap.of(problems, root, "the spec", TOP_KEYS);
        String schema = top.string("schema", "the spec");
        if (schema != null) {
            names.written(top.get("schema"), schema, "schema");
        }
        // The default of every table's own distributedSchema, as 'schema' is of every table's schema.
        boolean distributedSchema = Boolean.TRUE.equals(top.bool("distributedSchema", "the spec"));
        List<TableSpec> tables = new ArrayList<>();
        Node tablesNode = top.get("tables");
        if (tablesNode == null || YamlMap.isNull(tablesNode)) {
            if (!top.misspelt("tables") && !top.has("triggers")) {
                problems.add(top.node(), "the spec needs 'tables', a list of audited tables (or 'triggers', a list of custom triggers)");
            }
        } else if (!(tablesNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problems.add(tablesNode, "'tables' must be a non-empty list of tables");
        } else {
            for (Node tableNode : list.getValue()) {
                TableSpec table = tableReader.read(tableNode, schema, distributedSchema);
                if (table != null) {
                    tables.add(table);
                }
            }
        }
        crossChecks.check(tables);
        return new AuditSpec(display, tables, triggers(top, schema, problems, names));
    }

    /** The custom triggers, none without 'triggers'; two on one table with one name, or sharing a function, are reported. */
    private static List<TriggerSpec> triggers(YamlMap top, String schema, SpecProblems problems, NameChecks names) {
        List<TriggerSpec> triggers = new ArrayList<>();
        Node node = top.get("triggers");
        if (node == null || YamlMap.isNull(node)) {
            return triggers;
        }
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            problems.add(node, "'triggers' must be a non-empty list of triggers");
            return triggers;
        }
        TriggerReader reader = new TriggerReader(problems, names);
        for (Node triggerNode : list.getValue()) {
            TriggerSpec trigger = reader.read(triggerNode, schema);
            if (trigger == null) {
                continue;
            }
            for (TriggerSpec earlier : triggers) {
                if (earlier.tableName().equals(trigger.tableName()) && earlier.name().equals(trigger.name())) {
                    problems.add(triggerNode, "trigger '" + trigger.name() + "' on " + trigger.tableName() + " is declared twice");
                } else if (earlier.schema().equals(trigger.schema()) && earlier.function().equals(trigger.function())) {
                    problems.add(triggerNode, "trigger '" + trigger.name() + "' would share function " + trigger.schema() + "."
                            + trigger.function() + " with trigger '" + earlier.name() + "'; set 'function' to another name");
                }
            }
            triggers.add(trigger);
        }
        return triggers;
    }
}
