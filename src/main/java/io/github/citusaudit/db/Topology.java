package io.github.citusaudit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The nodes of a Citus cluster as the coordinator's metadata lists them. */
public record Topology(List<Node> nodes) {

    private static final String NODES = """
            SELECT nodename, nodeport, groupid, shouldhaveshards FROM pg_catalog.pg_dist_node
             WHERE noderole = 'primary' AND isactive ORDER BY groupid, nodeid""";

    public record Node(String name, int port, int groupId, boolean holdsShards) {

        public String address() {
            return name + ":" + port;
        }
    }

    public Topology {
        nodes = List.copyOf(nodes);
    }

    public static Topology read(Connection connection) throws SQLException {
        List<Node> nodes = new ArrayList<>();
        for (List<String> row : new Query(connection).rows(NODES)) {
            int port = Integer.parseInt(row.get(1));
            int groupId = Integer.parseInt(row.get(2));
            nodes.add(new Node(row.get(0), port, groupId, "t".equals(row.get(3))));
        }
        return new Topology(nodes);
    }

    public List<Node> workers() {
        return nodes.stream().filter(n -> n.groupId() != 0).toList();
    }

    public String describe() {
        List<String> workers = workers().stream().map(Node::address).toList();
        return "Citus cluster: coordinator and " + workers.size() + " worker(s)" + (workers.isEmpty() ? "" : " (" + String.join(", ", workers) + ")");
    }
}
