package io.mlsyslab.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the environment says about the apps' heaps: LAB_HEAP_SHARE (the share of physical memory all app heaps
 * together get, {@code 0.6} or {@code 60%}) and LAB_HEAP_&lt;APP&gt; (one app's -Xmx, e.g. {@code LAB_HEAP_INFERENCE=2g}).
 *
 * @param share the fraction of physical memory for all app heaps together
 * @param fixed heap sizes in bytes set for single apps, keyed by app name
 */
public record HeapSettings(double share, Map<String, Long> fixed) {

    /** 60%: the other 40% is PostgreSQL's, the runs' native memory (KV pools, native kernels), metaspace and the OS. */
    public static final double DEFAULT_SHARE = 0.6;
    public static final HeapSettings DEFAULT = new HeapSettings(DEFAULT_SHARE, Map.of());

    public HeapSettings {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("LAB_HEAP_SHARE must be in (0, 1] or (0%, 100%], got " + share);
        }
        fixed = Map.copyOf(fixed);
    }

    static HeapSettings fromEnvironment(Map<String, String> env, List<String> apps) {
        double share = DEFAULT_SHARE;
        String shareText = env.get("LAB_HEAP_SHARE");
        if (shareText != null && !shareText.isBlank()) {
            share = parseShare(shareText.trim());
        }
        Map<String, Long> fixed = new LinkedHashMap<>();
        for (String app : apps) {
            String variable = variableOf(app);
            String size = env.get(variable);
            if (size != null && !size.isBlank()) {
                fixed.put(app, parseSize(variable, size.trim()));
            }
        }
        for (String name : env.keySet()) {
            if (name.startsWith("LAB_HEAP_") && !name.equals("LAB_HEAP_SHARE")
                    && apps.stream().map(HeapSettings::variableOf).noneMatch(name::equals)) {
                throw new IllegalArgumentException(name + " names no app; the apps are " + apps);
            }
        }
        return new HeapSettings(share, fixed);
    }

    static String variableOf(String app) {
        return "LAB_HEAP_" + app.toUpperCase(Locale.ROOT);
    }

    private static double parseShare(String text) {
        try {
            return text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LAB_HEAP_SHARE must be a fraction or a percentage, got '" + text + "'");
        }
    }

    /** A size as the JVM writes -Xmx: a number with an optional k, m or g (any case). */
    static long parseSize(String variable, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kKmMgG]?)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(variable + " must be a size like 512m or 2g, got '" + text + "'");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(m.group(1)) * unit;
    }
}
