package io.mlsyslab.lab;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each app's -Xmx, from the machine: without it every JVM takes a quarter of physical memory as its maximum, and six
 * of them ask for 1.5 times the machine. The apps' heaps together get {@link HeapSettings#share} of physical memory,
 * split by weight (an app set by LAB_HEAP_&lt;APP&gt; takes its size out of that budget first), at least
 * {@link #FLOOR} each.
 *
 * @param heaps per app, in start order
 * @param physicalBytes the memory the plan was made for
 * @param share the share of it for all heaps
 */
record HeapPlan(Map<String, Heap> heaps, long physicalBytes, double share) {

    /** A Spring Boot app with its runs' working sets does not start in less. */
    static final long FLOOR = 256L << 20;

    /**
     * Inference holds model weights (and on-heap KV caches for its Java path) and training holds parameters,
     * gradients and optimizer state: twice an ordinary service's heap. The gateway only forwards: half.
     */
    static final Map<String, Double> WEIGHTS = Map.of("inference", 2.0, "training", 2.0, "gateway", 0.5);

    /**
     * One app's heap.
     *
     * @param source where the size comes from: {@code share}, the app's LAB_HEAP_ variable, or LAB_JAVA_OPTS
     */
    record Heap(long bytes, String source) {

        /** As -Xmx takes it, in whole mebibytes. */
        String jvmSize() {
            long mib = bytes >> 20;
            return mib % 1024 == 0 ? (mib / 1024) + "g" : mib + "m";
        }
    }

    static HeapPlan of(List<String> apps, long physicalBytes, HeapSettings settings, List<String> javaOptions) {
        Map<String, Heap> heaps = new LinkedHashMap<>();
        Optional<String> everyApp = javaOptions.stream().filter(o -> o.startsWith("-Xmx")).reduce((a, b) -> b);
        if (everyApp.isPresent()) {
            // LAB_JAVA_OPTS comes last on the command line and wins; the plan says so rather than show a size unused
            long bytes = HeapSettings.parseSize("LAB_JAVA_OPTS -Xmx", everyApp.get().substring(4));
            apps.forEach(app -> heaps.put(app, new Heap(bytes, "LAB_JAVA_OPTS")));
            return new HeapPlan(heaps, physicalBytes, settings.share());
        }
        long budget = (long) (physicalBytes * settings.share());
        double weights = 0;
        for (String app : apps) {
            Long fixed = settings.fixed().get(app);
            if (fixed != null) {
                budget -= fixed;
            } else {
                weights += weightOf(app);
            }
        }
        for (String app : apps) {
            Long fixed = settings.fixed().get(app);
            if (fixed != null) {
                heaps.put(app, new Heap(fixed, HeapSettings.variableOf(app)));
            } else {
                long share = (long) (Math.max(0, budget) * weightOf(app) / weights);
                heaps.put(app, new Heap(Math.max(FLOOR, share >> 20 << 20), "share"));
            }
        }
        return new HeapPlan(heaps, physicalBytes, settings.share());
    }

    static double weightOf(String app) {
        return WEIGHTS.getOrDefault(app, 1.0);
    }

    /** Physical memory as the JVM sees it (a container's limit inside one). */
    static long physicalMemory() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    Heap of(String app) {
        Heap heap = heaps.get(app);
        if (heap == null) {
            throw new IllegalArgumentException("no heap planned for " + app);
        }
        return heap;
    }

    /** One line for {@code ./lab up}: the sizes and what they come from. */
    String describe() {
        StringBuilder line = new StringBuilder("heap per app (-Xmx; " + Math.round(share * 100) + "% of "
                + String.format(java.util.Locale.ROOT, "%.1f", physicalBytes / (double) (1L << 30))
                + " GiB RAM by weight, LAB_HEAP_<APP> / LAB_HEAP_SHARE override):");
        heaps.forEach((app, heap) -> line.append(' ').append(app).append(' ').append(heap.jvmSize())
                .append(heap.source().equals("share") ? "" : " (" + heap.source() + ")").append(','));
        line.setLength(line.length() - 1);
        return line.toString();
    }
}
