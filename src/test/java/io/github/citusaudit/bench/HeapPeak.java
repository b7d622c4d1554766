package io.github.citusaudit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The heap a piece of work takes at its peak, in this JVM: after a collection, every heap pool's
 * peak is reset; afterwards the pools' peaks are summed (an upper bound: the pools need not peak at
 * the same moment) and what was in use before the work is taken off. The JVM's own garbage
 * collection decides how much garbage is counted, so the figure is what the work needs with the
 * heap this JVM has, not its live set.
 */
final class HeapPeak {

    private final long before;

    private HeapPeak(long before) {
        this.before = before;
    }

    /** Collects, resets the pools' peaks and remembers what is in use now. */
    static HeapPeak start() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
            used += pool.getUsage().getUsed();
        }
        return new HeapPeak(used);
    }

    /** Bytes of heap above what was in use at {@link #start()}, at the peak since. */
    long peakBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            peak += pool.getPeakUsage().getUsed();
        }
        return Math.max(0, peak - before);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    }

    static String mebibytes(long bytes) {
        return Stats.format("%.0f", bytes / 1024.0 / 1024.0);
    }
}
