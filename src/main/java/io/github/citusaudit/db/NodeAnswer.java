package io.github.citusaudit.db;

import java.util.HashMap;
import java.util.Map;

/**
 * How the queries sent to every node through run_command_on_workers answer: one text,
 * {@code number=value,number=value} (a shard id or a table's position, and a count or an md5:
 * neither holds a comma), so that many questions cost one round trip per node.
 */
public final class NodeAnswer {

    private NodeAnswer() {
    }

    /** The SQL that joins the rows' "number=value" texts into the answer; '' when there are none. */
    public static String aggregate(String number, String value) {
        return "coalesce(string_agg(" + number + " || '=' || " + value + ", ','), '')";
    }

    public static Map<Long, String> read(String answer) {
        Map<Long, String> values = new HashMap<>();
        if (answer != null && !answer.isEmpty()) {
            for (String pair : answer.split(",")) {
                int equals = pair.indexOf('=');
                values.put(Long.parseLong(pair.substring(0, equals)), pair.substring(equals + 1));
            }
        }
        return values;
    }
}
