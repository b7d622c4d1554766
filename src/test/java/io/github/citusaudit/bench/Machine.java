package io.github.citusaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the figures were measured on: they mean little without it. */
final class Machine {

    private Machine() {
    }

    static List<String> describe(BenchDatabase db, String clusterSource) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.add("CPU: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
        lines.add("RAM: " + memory());
        lines.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; Java "
                + System.getProperty("java.version"));
        lines.add("Server: " + db.single("SELECT version()"));
        lines.add("Citus: " + db.single("SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'citus'"));
        lines.add("Nodes: " + db.single("SELECT count(*) FROM pg_catalog.pg_dist_node WHERE isactive AND noderole = 'primary'")
                + " (" + db.single("SELECT string_agg(nodename || ':' || nodeport || CASE WHEN groupid = 0 THEN ' coordinator'"
                        + " ELSE ' worker' END, ', ' ORDER BY groupid) FROM pg_catalog.pg_dist_node WHERE isactive") + ")");
        lines.add("Cluster: " + clusterSource);
        lines.add("Load average at start: " + loadAverage());
        return lines;
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
