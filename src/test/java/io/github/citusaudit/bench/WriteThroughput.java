package io.github.citusaudit.bench;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * Write throughput with each way of auditing, as a ratio to no trigger. Every configuration has its
 * own table (same columns, same 32 shards, same colocation group), so switching between them costs
 * nothing and the configurations can be interleaved: round after round, each runs an INSERT phase
 * and an UPDATE phase, and each ratio is taken against the no-trigger figure of the same round. The
 * median over rounds is reported with its spread.
 */
final class WriteThroughput {

    static final String SCHEMA = "bench_write";

    /** One way of auditing, on its own table. */
    record Configuration(String table, String label, boolean recordsHistory) {
    }

    static final List<Configuration> CONFIGURATIONS = List.of(
            new Configuration("w_none", "no trigger", false),
            new Configuration("w_recipe", "recipe: one function, EXECUTE format per row", true),
            new Configuration("w_native", "plugin native (default)", true),
            new Configuration("w_placement", "plugin placement", true),
            new Configuration("w_fallback", "variant: native, distributed fallback only (no branches)", true),
            new Configuration("w_static", "variant: native, static branches only (no fallback)", true),
            new Configuration("w_noindex", "variant: native, history without its primary key", true),
            new Configuration("w_noop", "variant: native trigger whose function does nothing", false));

    /** Throughput of one configuration over the rounds. */
    record Result(Configuration configuration, List<Double> insertTps, List<Double> updateTps, List<Double> insertRatios,
            List<Double> updateRatios, String historyCheck) {
    }

    private final BenchDatabase db;
    private final BenchOptions options;
    private final Map<String, TableSpec> tables = new LinkedHashMap<>();

    WriteThroughput(BenchDatabase db, BenchOptions options) {
        this.db = db;
        this.options = options;
    }

    List<Result> run() throws SQLException, InterruptedException {
        prepare();
        Map<String, List<Double>> inserts = new LinkedHashMap<>();
        Map<String, List<Double>> updates = new LinkedHashMap<>();
        Map<String, Long> writes = new LinkedHashMap<>();
        CONFIGURATIONS.forEach(c -> {
            inserts.put(c.table(), new ArrayList<>());
            updates.put(c.table(), new ArrayList<>());
            writes.put(c.table(), 0L);
        });
        try (WriteClients clients = new WriteClients(db, options.clients())) {
            // Warm-up, not counted: connections to the workers, plan caches, and keys to update.
            for (Configuration configuration : CONFIGURATIONS) {
                writes.merge(configuration.table(), clients.run(qualified(configuration), WriteClients.Kind.INSERT, 1).operations(), Long::sum);
            }
            for (int round = 0; round < options.rounds(); round++) {
                // Each round starts at another configuration, so that none always runs first or last.
                for (int i = 0; i < CONFIGURATIONS.size(); i++) {
                    Configuration configuration = CONFIGURATIONS.get((i + round) % CONFIGURATIONS.size());
                    WriteClients.Phase insert = clients.run(qualified(configuration), WriteClients.Kind.INSERT, options.seconds());
                    WriteClients.Phase update = clients.run(qualified(configuration), WriteClients.Kind.UPDATE, options.seconds());
                    inserts.get(configuration.table()).add(insert.perSecond());
                    updates.get(configuration.table()).add(update.perSecond());
                    writes.merge(configuration.table(), insert.operations() + update.operations(), Long::sum);
                    System.out.printf("  round %d  %-60s INSERT %7.0f/s  UPDATE %7.0f/s%n", round + 1, configuration.label(),
                            insert.perSecond(), update.perSecond());
                }
            }
        }
        List<Double> insertBase = inserts.get("w_none");
        List<Double> updateBase = updates.get("w_none");
        List<Result> results = new ArrayList<>();
        for (Configuration configuration : CONFIGURATIONS) {
            List<Double> insertTps = inserts.get(configuration.table());
            List<Double> updateTps = updates.get(configuration.table());
            results.add(new Result(configuration, insertTps, updateTps, ratios(insertTps, insertBase), ratios(updateTps, updateBase),
                    historyCheck(configuration, writes.get(configuration.table()))));
        }
        return results;
    }

    private void prepare() throws SQLException {
        db.dropSchemas(SCHEMA);
        Path specs = options.output().resolve("specs");
        List<String> names = CONFIGURATIONS.stream().map(Configuration::table).toList();
        AuditSpec all = BenchSpecs.read(BenchSpecs.write(specs, "write-all.yaml", SCHEMA, names, options.shards()));
        all.tables().forEach(t -> tables.put(t.name(), t));
        db.createTablesWithoutTriggers(all);

        apply(BenchSpecs.write(specs, "write-native.yaml", SCHEMA, List.of("w_native", "w_fallback", "w_static", "w_noindex"),
                options.shards()), TriggerMode.NATIVE);
        apply(BenchSpecs.write(specs, "write-placement.yaml", SCHEMA, List.of("w_placement"), options.shards()), TriggerMode.PLACEMENT);
        RecipeScripts.run(db, RecipeScripts.recipe(all.withTables(List.of(tables.get("w_recipe")))));
        TriggerVariants.fallbackOnly(db, tables.get("w_fallback"));
        TriggerVariants.staticBranchesOnly(db, tables.get("w_static"));
        TriggerVariants.withoutHistoryIndex(db, tables.get("w_noindex"));
        TriggerVariants.noOpTrigger(db, tables.get("w_noop"));
    }

    private void apply(Path spec, TriggerMode mode) {
        new ApplyCommand(BenchDatabase.QUIET).run(new Requests.Apply(spec.toFile(), (File) null, db.settings(), mode, false, null));
    }

    /** Every write must have left exactly one history row (UPDATEs always change n): else a figure would lie. */
    private String historyCheck(Configuration configuration, long writes) throws SQLException {
        if (!configuration.recordsHistory()) {
            return "n/a";
        }
        TableSpec table = tables.get(configuration.table());
        long rows = Long.parseLong(db.single("SELECT count(*) FROM " + Sql.table(table.history().schema(), table.history().table())));
        if (rows != writes) {
            throw new IllegalStateException(configuration.label() + ": " + writes + " writes left " + rows + " history rows");
        }
        return rows + " = writes";
    }

    private static List<Double> ratios(List<Double> values, List<Double> base) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ratios.add(values.get(i) / base.get(i));
        }
        return ratios;
    }

    private static String qualified(Configuration configuration) {
        return Sql.table(SCHEMA, configuration.table());
    }
}
