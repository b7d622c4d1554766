package io.github.citusaudit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schema of the spec (for IDEs) must accept every shipped example and reject what the
 * reader rejects. The reader remains the authority; this keeps the schema from drifting away from it.
 */
class SpecJsonSchemaTest {

    private static final String SCHEMA_RESOURCE = "/citus-audit/citus-audit-spec.schema.json";
    private static final Path EXAMPLES = Path.of("src", "examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchemaFactory factory;
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = SpecJsonSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertNotNull(in, "the schema is on the classpath at " + SCHEMA_RESOURCE);
            schema = factory.getSchema(in);
        }
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() throws IOException {
        JsonSchema meta = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        String text;
        try (InputStream in = SpecJsonSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<ValidationMessage> errors = meta.validate(text, InputFormat.JSON);
        assertTrue(errors.isEmpty(), () -> "the schema does not follow the 2020-12 meta-schema: " + errors);
        JsonNode root = JSON.readTree(text);
        assertEquals("https://citusaudit.github.io/schema/citus-audit-spec.schema.json", root.path("$id").asText());
        assertFalse(root.path("title").asText().isBlank());
    }

    @TestFactory
    Stream<DynamicTest> everyExampleIsValid() throws IOException {
        List<Path> examples;
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            examples = Stream.concat(dirs.map(dir -> dir.resolve("citus-audit.yaml")).filter(Files::isRegularFile),
                    Stream.of(Path.of("src/test/resources/specs/trust.yaml"), Path.of("src/test/resources/specs/completeness.yaml"),
                            Path.of("src/test/resources/specs/tenant-schema.yaml"), Path.of("src/test/resources/specs/single-shard.yaml"),
                            Path.of("src/test/resources/specs/partitions.yaml"),
                            Path.of("src/test/resources/specs/completeness-partitioned.yaml")))
                    .sorted().toList();
        }
        assertFalse(examples.isEmpty(), "no examples found under " + EXAMPLES.toAbsolutePath());
        return examples.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            String yaml = Files.readString(file, StandardCharsets.UTF_8);
            Set<ValidationMessage> errors = validate(yaml);
            assertTrue(errors.isEmpty(), () -> file + " does not match the schema: " + errors);
            new SpecReader().read(yaml, file.toString());
        }));
    }

    static Stream<Arguments> validDocuments() {
        return Stream.of(
                Arguments.of("existing columns, reference table, empty history", """
                        tables:
                          - name: country
                            schema: app
                            distribution: reference
                            columns: existing
                            history:
                        """),
                Arguments.of("single words for list keys, upper-case operations, null audit column", """
                        schema: app
                        tables:
                          - name: orders
                            distribution: { column: tenant_id, shardCount: 8, colocateWith: none }
                            columns:
                              - { name: tenant_id, type: bigint, nullable: false }
                              - { name: id, type: bigint, identity: by default }
                              - { name: qty, type: int, default: 0 }
                              - { name: note, type: text }
                            primaryKey: [tenant_id, id]
                            history:
                              schema: audit
                              operations: [INSERT, DELETE]
                              exclude: note
                              trigger: orders_trg
                              function: orders_fn
                              columns: { id: { name: hid, type: bigint }, operation: op, at: ~, by: who }
                        """),
                Arguments.of("distributed schema, single-shard tables, a distribution read from the database", """
                        schema: tenant_a
                        distributedSchema: true
                        tables:
                          - { name: orders, columns: [{ name: id, type: bigint }] }
                          - { name: items, distribution: single-shard, columns: existing }
                          - { name: flags, schema: app, distributedSchema: false, columns: existing }
                          - name: settings
                            schema: app
                            distributedSchema: false
                            distribution: { singleShard: true, colocateWith: none }
                            columns: [{ name: key, type: text }]
                          - { name: notes, schema: tenant_b, distributedSchema: true, columns: [{ name: id, type: bigint }] }
                        """),
                Arguments.of("custom triggers only: a target by name and in full, WHEN, BEFORE", """
                        schema: shop
                        triggers:
                          - name: count_orders
                            table: orders
                            distributionColumn: tenant_id
                            timing: BEFORE
                            events: [insert, DELETE]
                            when: "NEW.amount IS NOT NULL OR TG_OP = 'DELETE'"
                            routing: static
                            targets:
                              counts: order_counts
                              totals: { table: totals, schema: ledger, distributionColumn: tenant }
                            body: |
                              INSERT INTO {{counts}} (tenant_id, orders) VALUES (NEW.tenant_id, 1);
                              DELETE FROM {{totals}} WHERE tenant = OLD.tenant_id;
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validDocuments")
    void acceptsWhatTheReaderAccepts(String what, String yaml) {
        Set<ValidationMessage> errors = validate(yaml);
        assertTrue(errors.isEmpty(), () -> what + ": " + errors);
        new SpecReader().read(yaml, what);
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("unknown key in a table", """
                        schema: app
                        tables:
                          - name: t
                            distribution: local
                            columns: existing
                            histroy: {}
                        """),
                Arguments.of("a custom trigger without targets", """
                        schema: app
                        triggers:
                          - { name: t, table: a, distributionColumn: id, body: "PERFORM 1;" }
                        """),
                Arguments.of("a custom trigger on truncate", """
                        schema: app
                        triggers:
                          - { name: t, table: a, distributionColumn: id, events: [truncate], targets: { b: b },
                              body: "INSERT INTO {{b}} (id) VALUES (NEW.id);" }
                        """),
                Arguments.of("unknown key at the top", """
                        schema: app
                        table: []
                        tables:
                          - { name: t, distribution: local, columns: existing }
                        """),
                Arguments.of("shardCount is not a number", """
                        schema: app
                        tables:
                          - name: t
                            distribution: { column: id, shardCount: many }
                            columns: [{ name: id, type: bigint }]
                        """),
                Arguments.of("shardCount out of range", """
                        schema: app
                        tables:
                          - name: t
                            distribution: { column: id, shardCount: 0 }
                            columns: [{ name: id, type: bigint }]
                        """),
                Arguments.of("bad operation word", """
                        schema: app
                        tables:
                          - name: t
                            distribution: local
                            columns: existing
                            history: { operations: [insert, upsert] }
                        """),
                Arguments.of("truncate is not an operation", """
                        schema: app
                        tables:
                          - name: t
                            distribution: local
                            columns: existing
                            history: { operations: [truncate] }
                        """),
                Arguments.of("bad distribution word", """
                        schema: app
                        tables:
                          - { name: t, distribution: replicated, columns: existing }
                        """),
                Arguments.of("default and sequence together", """
                        schema: app
                        tables:
                          - name: t
                            distribution: local
                            columns: [{ name: id, type: bigint, default: 1, sequence: t_id_seq }]
                        """),
                Arguments.of("bad identity word", """
                        schema: app
                        tables:
                          - name: t
                            distribution: local
                            columns: [{ name: id, type: bigint, identity: sometimes }]
                        """),
                Arguments.of("no schema anywhere", """
                        tables:
                          - { name: t, distribution: local, columns: existing }
                        """),
                Arguments.of("empty tables", """
                        schema: app
                        tables: []
                        """),
                Arguments.of("missing columns", """
                        schema: app
                        tables:
                          - { name: t, distribution: local }
                        """),
                Arguments.of("missing distribution outside a distributed schema", """
                        schema: app
                        tables:
                          - { name: t, columns: [{ name: id, type: bigint }] }
                        """),
                Arguments.of("missing distribution of a table whose schema is not distributed", """
                        schema: app
                        distributedSchema: true
                        tables:
                          - { name: t, distributedSchema: false, columns: [{ name: id, type: bigint }] }
                        """),
                Arguments.of("distributedSchema is not a boolean", """
                        schema: app
                        distributedSchema: sometimes
                        tables:
                          - { name: t, columns: existing }
                        """),
                Arguments.of("a single-shard table with a distribution column", """
                        schema: app
                        tables:
                          - { name: t, distribution: { singleShard: true, column: id }, columns: [{ name: id, type: bigint }] }
                        """),
                Arguments.of("unknown key in a partition", """
                        schema: app
                        tables:
                          - name: t
                            distribution: local
                            columns: [{ name: at, type: date }]
                            partitionBy: { column: at, partitions: [{ name: t_1, from: 2026-01-01, to: 2026-02-01, upto: x }] }
                        """),
                Arguments.of("a range partition bounded by a list", """
                        schema: app
                        tables:
                          - name: t
                            distribution: local
                            columns: [{ name: at, type: date }]
                            partitionBy: { column: at, partitions: [{ name: t_1, from: 2026-01-01, in: [x] }] }
                        """),
                Arguments.of("history partitioned by a fortnight", """
                        schema: app
                        tables:
                          - name: t
                            distribution: local
                            columns: existing
                            history: { partitionBy: { interval: fortnight } }
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void rejectsWhatTheReaderRejects(String what, String yaml) {
        assertFalse(validate(yaml).isEmpty(), () -> "the schema accepts a bad spec: " + what);
        assertThrows(SpecException.class, () -> new SpecReader().read(yaml, what),
                () -> "the reader accepts it, so the schema is stricter than the reader: " + what);
    }

    private static Set<ValidationMessage> validate(String yaml) {
        Object document = new Yaml().load(yaml);
        return schema.validate(JSON.valueToTree(document));
    }
}
