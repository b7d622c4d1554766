package io.github.citusaudit.spec;

import java.util.List;

/**
 * A partition the plugin creates with a partitioned source table, in the table's schema. Exactly one
 * kind of bound is set, the one its table's strategy takes: {@code from} and {@code to} (range;
 * {@code minvalue} and {@code maxvalue} are the open ends), {@code in} (list), {@code modulus} and
 * {@code remainder} (hash), or {@code isDefault} (range or list: rows no other partition takes).
 * Bound values are written as text; PostgreSQL reads them as the partition column's type.
 */
public record PartitionSpec(String name, boolean isDefault, String from, String to, List<String> in, Integer modulus,
        Integer remainder) {

    public PartitionSpec {
        in = in == null ? List.of() : List.copyOf(in);
    }
}
