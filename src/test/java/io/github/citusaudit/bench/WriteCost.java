package io.github.citusaudit.bench;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.spec.AuditColumns;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.HistorySpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * What a write costs with each way of auditing: the servers' CPU time per write, summed over every
 * node (the primary figure: on shared cores throughput swings with whatever else runs, CPU per
 * write much less), and throughput beside it. Every configuration has its own table (same columns,
 * same shards, same colocation group), so the configurations can be interleaved: round after round,
 * each runs an INSERT phase and an UPDATE phase of a fixed number of writes, and each ratio is taken
 * against no trigger in the same round. The median over rounds is reported with its spread.
 */
final class WriteCost {

    static final String SCHEMA = "bench_write";
    /** Every schema the write tables are in: the distributed schema holds the schema-sharded ones. */
    static final String[] SCHEMAS = {SCHEMA, BenchSpecs.DISTRIBUTED_SCHEMA};

    /** Who writes the history row: nobody, a trigger, or the client itself in the write's transaction. */
    enum History {
        NONE, TRIGGER, CLIENT
    }

    /**
     * One way of auditing, on its own table of the given shape; its ratios are to {@code baseline}, the
     * unaudited table of the same shape.
     */
    record Configuration(String table, String label, History history, BenchSpecs.Shape shape, String baseline) {

        /** A hash-distributed table, compared with no trigger on one. */
        Configuration(String table, String label, History history) {
            this(table, label, history, BenchSpecs.Shape.HASH, NO_TRIGGER);
        }
    }

    /** The hash-distributed table with no trigger: the baseline of every hash-distributed configuration. */
    static final String NO_TRIGGER = "w_none";

    /** The first is the one every ratio is to. */
    static final List<Configuration> CONFIGURATIONS = List.of(
            new Configuration(NO_TRIGGER, "no trigger", History.NONE),
            new Configuration("w_noop", "native trigger whose function returns at once (the floor)", History.NONE),
            new Configuration("w_anchor", "anchor: a hand-written static function per shard (placement style, NEW/OLD columns named)",
                    History.TRIGGER),
            new Configuration("w_placement", "plugin placement (a static function per shard)", History.TRIGGER),
            new Configuration("w_native", "plugin native (default)", History.TRIGGER),
            new Configuration("w_recipe", "recipe: one function, EXECUTE format per row", History.TRIGGER),
            new Configuration("w_app", "no trigger: the application inserts the history row in the same transaction",
                    History.CLIENT));

    /**
     * The other shapes production clusters have (issue 12), each audited by the plugin (its default mode)
     * and compared with an unaudited twin of the same shape ({@code -Dbench.writeShapes=false} leaves them out).
     */
    static final List<Configuration> SHAPES = List.of(
            new Configuration("w_part_none", "partitioned (4 hash partitions × 32 shards), no trigger", History.NONE,
                    BenchSpecs.Shape.PARTITIONED, "w_part_none"),
            new Configuration("w_part_noop", "partitioned: native trigger whose function returns at once", History.NONE,
                    BenchSpecs.Shape.PARTITIONED, "w_part_none"),
            new Configuration("w_part", "partitioned: plugin native (ratio to partitioned, no trigger)", History.TRIGGER,
                    BenchSpecs.Shape.PARTITIONED, "w_part_none"),
            new Configuration("w_ref_none", "reference table, no trigger", History.NONE, BenchSpecs.Shape.REFERENCE, "w_ref_none"),
            new Configuration("w_ref", "reference table: plugin (ratio to reference, no trigger)", History.TRIGGER,
                    BenchSpecs.Shape.REFERENCE, "w_ref_none"),
            new Configuration("w_schema_none", "schema-sharded (single shard), no trigger", History.NONE,
                    BenchSpecs.Shape.SCHEMA_SHARDED, "w_schema_none"),
            new Configuration("w_schema", "schema-sharded: plugin native (ratio to schema-sharded, no trigger)", History.TRIGGER,
                    BenchSpecs.Shape.SCHEMA_SHARDED, "w_schema_none"));

    /** Native with one thing changed, to tell where its cost goes ({@code -Dbench.writeVariants=true}). */
    static final List<Configuration> VARIANTS = List.of(
            new Configuration("w_fallback", "variant: native, distributed fallback only (no branches)", History.TRIGGER),
            new Configuration("w_static", "variant: native, static branches only (no fallback)", History.TRIGGER),
            new Configuration("w_noindex", "variant: native, history without its primary key", History.TRIGGER),
            new Configuration("w_nosec", "variant: native, caller's rights and search_path (no SECURITY DEFINER, no SET)",
                    History.TRIGGER),
            new Configuration("w_noblock", "variant: native, its INSERT naming r's columns without the exception block",
                    History.TRIGGER),
            new Configuration("w_byname", "variant: native, every row taken by name through jsonb (no block)", History.TRIGGER),
            new Configuration("w_newold", "variant: native, its INSERTs naming NEW's or OLD's columns (no r := NEW)",
                    History.TRIGGER),
            new Configuration("w_coordknown", "variant: native, coordinating written as false (no per-row gpid check)",
                    History.TRIGGER),
            new Configuration("w_lean", "variant: native's dispatch around the anchor's body (NEW/OLD named, no copy, no block)",
                    History.TRIGGER));

    /** One phase: µs of server CPU per write, and writes per second. */
    record Measurement(double cpuMicros, double perSecond) {
    }

    /** A configuration's phases over the rounds, per kind of write. */
    record Result(Configuration configuration, Map<WriteClients.Kind, List<Measurement>> phases, String historyCheck) {

        Stats cpuMicros(WriteClients.Kind kind) {
            return Stats.of(phases.get(kind).stream().map(Measurement::cpuMicros).toList());
        }

        Stats perSecond(WriteClients.Kind kind) {
            return Stats.of(phases.get(kind).stream().map(Measurement::perSecond).toList());
        }

        /**
         * The baseline's (no trigger on a table of the same shape) CPU per write ÷ this one's, round by round: the CPU a write takes rises with the
         * machine's load (other work's cache misses), which drifts between rounds more than within one.
         */
        Stats cpuRatios(Result baseline, WriteClients.Kind kind) {
            List<Measurement> base = baseline.phases().get(kind);
            List<Measurement> own = phases.get(kind);
            return Stats.of(IntStream.range(0, own.size()).mapToObj(round -> base.get(round).cpuMicros() / own.get(round).cpuMicros())
                    .toList());
        }
    }

    private final BenchDatabase db;
    private final BenchOptions options;
    private final List<Configuration> configurations;
    private final Map<String, TableSpec> tables = new LinkedHashMap<>();

    WriteCost(BenchDatabase db, BenchOptions options) {
        this.db = db;
        this.options = options;
        List<Configuration> all = Stream.of(CONFIGURATIONS, options.writeShapes() ? SHAPES : List.<Configuration>of(),
                options.writeVariants() ? VARIANTS : List.<Configuration>of()).flatMap(List::stream).toList();
        // -Dbench.writeSkip=w_fallback,w_static leaves configurations out (never a baseline another one needs).
        List<String> skipped = java.util.Arrays.stream(System.getProperty("bench.writeSkip", "").split(",")).map(String::trim).toList();
        this.configurations = all.stream().filter(c -> !skipped.contains(c.table())
                || all.stream().anyMatch(o -> !skipped.contains(o.table()) && o.baseline().equals(c.table()))).toList();
    }

    List<Result> run() throws SQLException, InterruptedException {
        prepare();
        ServerCpu cpu = ServerCpu.of(db);
        Map<Configuration, Map<WriteClients.Kind, List<Measurement>>> phases = new LinkedHashMap<>();
        Map<Configuration, Long> writes = new LinkedHashMap<>();
        try (WriteClients clients = new WriteClients(db, options.clients())) {
            for (Configuration configuration : configurations) {
                phases.put(configuration, new EnumMap<>(Map.of(WriteClients.Kind.INSERT, new ArrayList<>(),
                        WriteClients.Kind.UPDATE, new ArrayList<>())));
                // Warm-up, not measured: each table's first writes (sequence ranges, cold pages) and keys to update.
                int warmUp = options.writes() / 8;
                clients.run(target(configuration), WriteClients.Kind.INSERT, warmUp);
                writes.put(configuration, (long) warmUp);
            }
            for (int round = 0; round < options.rounds(); round++) {
                // Each round starts at another configuration, so that none always runs first or last.
                for (int i = 0; i < configurations.size(); i++) {
                    Configuration configuration = configurations.get((i + round) % configurations.size());
                    StringBuilder line = new StringBuilder(String.format("  round %d  %-60.60s", round + 1, configuration.label()));
                    for (WriteClients.Kind kind : WriteClients.Kind.values()) {
                        Measurement phase = measure(clients, cpu, configuration, kind);
                        phases.get(configuration).get(kind).add(phase);
                        writes.merge(configuration, (long) options.writes(), Long::sum);
                        line.append(String.format(" %s %5.0f µs %6.0f/s", kind, phase.cpuMicros(), phase.perSecond()));
                    }
                    System.out.println(line);
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (Configuration configuration : configurations) {
            results.add(new Result(configuration, phases.get(configuration), historyCheck(configuration, writes.get(configuration))));
        }
        return results;
    }

    /** The servers' CPU for one phase: read when all is quiet before it, and after its connections have closed. */
    private Measurement measure(WriteClients clients, ServerCpu cpu, Configuration configuration, WriteClients.Kind kind)
            throws InterruptedException {
        long before = cpu.quietMicros(List.of());
        WriteClients.Phase phase = clients.run(target(configuration), kind, options.writes());
        long after = cpu.quietMicros(phase.backends());
        return new Measurement((double) (after - before) / phase.writes(), phase.perSecond());
    }

    private void prepare() throws SQLException {
        db.dropSchemas(SCHEMAS);
        Path specs = options.output().resolve("specs");
        Map<String, BenchSpecs.Shape> shapes = new LinkedHashMap<>();
        configurations.forEach(c -> shapes.put(c.table(), c.shape()));
        AuditSpec all = BenchSpecs.read(BenchSpecs.write(specs, "write-all.yaml", SCHEMA, shapes, options.shards()));
        all.tables().forEach(t -> tables.put(t.name(), t));
        db.createTablesWithoutTriggers(all);
        for (TableSpec table : all.tables()) {
            // Autovacuum's workers come at their own times and their CPU lands in whichever phase they end in.
            // A partitioned table holds no rows (nor storage parameters): its partitions do.
            List<String> holdingRows = table.partitioning() == null ? List.of(table.name())
                    : table.partitioning().partitions().stream().map(p -> p.name()).toList();
            for (String name : holdingRows) {
                db.execute("ALTER TABLE " + Sql.table(table.schema(), name) + " SET (autovacuum_enabled = off)");
            }
            db.execute("ALTER TABLE " + Sql.table(table.history().schema(), table.history().table()) + " SET (autovacuum_enabled = off)");
        }

        Map<String, BenchSpecs.Shape> nativeTables = new LinkedHashMap<>();
        Stream.of("w_native", "w_fallback", "w_static", "w_noindex", "w_nosec", "w_noblock", "w_byname", "w_newold", "w_coordknown",
                "w_lean", "w_part", "w_ref", "w_schema").filter(tables::containsKey).forEach(t -> nativeTables.put(t, shapes.get(t)));
        apply(BenchSpecs.write(specs, "write-native.yaml", SCHEMA, nativeTables, options.shards()), TriggerMode.NATIVE);
        List<String> placementTables = Stream.of("w_placement", "w_anchor").filter(tables::containsKey).toList();
        if (!placementTables.isEmpty()) {
            apply(BenchSpecs.write(specs, "write-placement.yaml", SCHEMA, placementTables, options.shards()), TriggerMode.PLACEMENT);
        }
        if (tables.containsKey("w_recipe")) {
            RecipeScripts.run(db, RecipeScripts.recipe(all.withTables(List.of(tables.get("w_recipe")))));
        }
        Map<String, TriggerVariants.Change> changes = new LinkedHashMap<>();
        changes.put("w_anchor", TriggerVariants::perShardAnchor);
        changes.put("w_noop", TriggerVariants::noOpTrigger);
        changes.put("w_part_noop", TriggerVariants::noOpTrigger);
        changes.put("w_fallback", TriggerVariants::fallbackOnly);
        changes.put("w_static", TriggerVariants::staticBranchesOnly);
        changes.put("w_noindex", TriggerVariants::withoutHistoryIndex);
        changes.put("w_nosec", TriggerVariants::withoutFunctionSecurity);
        changes.put("w_noblock", TriggerVariants::withoutExceptionBlock);
        changes.put("w_byname", TriggerVariants::byNameOnly);
        changes.put("w_newold", TriggerVariants::namingNewOrOld);
        changes.put("w_coordknown", TriggerVariants::coordinatingKnown);
        changes.put("w_lean", TriggerVariants::leanDispatch);
        for (Map.Entry<String, TriggerVariants.Change> change : changes.entrySet()) {
            if (tables.containsKey(change.getKey())) {
                change.getValue().apply(db, tables.get(change.getKey()));
            }
        }
    }

    private void apply(Path spec, TriggerMode mode) {
        new ApplyCommand(BenchDatabase.QUIET).run(new Requests.Apply(spec.toFile(), (File) null, db.settings(), mode, false, null));
    }

    private WriteClients.Target target(Configuration configuration) {
        TableSpec table = tables.get(configuration.table());
        return new WriteClients.Target(Sql.table(table.schema(), configuration.table()),
                configuration.history() == History.CLIENT ? historyInsert(table) : null);
    }

    /** The history row as the triggers write it, the id from the history table's default (the coordinator's sequence). */
    private static String historyInsert(TableSpec table) {
        HistorySpec history = table.history();
        AuditColumns audit = history.auditColumns();
        return "INSERT INTO " + Sql.table(history.schema(), history.table()) + " (" + Sql.id(audit.operation().name()) + ", "
                + Sql.id(audit.at().name()) + ", " + Sql.id(audit.by().name())
                + ", id, tenant, payload, n) VALUES (?, now(), current_user, ?, ?, ?, ?)";
    }

    /** Every write must have left exactly one history row (UPDATEs always change n): else a figure would lie. */
    private String historyCheck(Configuration configuration, long writes) throws SQLException {
        if (configuration.history() == History.NONE) {
            return "n/a";
        }
        TableSpec table = tables.get(configuration.table());
        long rows = Long.parseLong(db.single("SELECT count(*) FROM " + Sql.table(table.history().schema(), table.history().table())));
        if (rows != writes) {
            throw new IllegalStateException(configuration.label() + ": " + writes + " writes left " + rows + " history rows");
        }
        return rows + " = writes";
    }
}
