package io.github.citusaudit.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and spread of repeated measurements: with three nodes on two cores, single figures mislead. */
record Stats(double median, double min, double max) {

    static Stats of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(n - 1));
    }

    /** The median and, in parentheses, min–max, each in {@code pattern}: {@code 263 (256–265)}. */
    String spread(String pattern) {
        return format(pattern, median) + " (" + format(pattern, min) + "–" + format(pattern, max) + ")";
    }

    static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    static String seconds(long nanos) {
        return format("%.2f", nanos / 1e9);
    }
}
