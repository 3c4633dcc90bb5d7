package io.mlsyslab.inference.nanoflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A serving workload by its average prompt length p and decode length d (the paper's cost model uses only the means;
 * Table 4 of the paper for the traces).
 *
 * @param name     catalog name ("512/512" or a trace name)
 * @param prompt   average input tokens p
 * @param decode   average output tokens d
 */
public record Workload(String name, double prompt, double decode) {

    public static final Workload C512_512 = new Workload("512/512", 512, 512);
    public static final Workload C1024_512 = new Workload("1024/512", 1024, 512);
    public static final Workload C512_1024 = new Workload("512/1024", 512, 1024);
    public static final Workload SPLITWISE = new Workload("splitwise", 1155, 211);
    public static final Workload LMSYS_CHAT = new Workload("lmsys-chat", 102, 222);
    public static final Workload SHAREGPT = new Workload("sharegpt", 246, 322);
    public static final Workload PREFILL_ONLY = new Workload("512/0", 512, 0);

    /** The six workloads of the paper's Fig. 7, in its order. */
    public static final List<Workload> FIG7 = List.of(C512_512, C1024_512, C512_1024, SPLITWISE, LMSYS_CHAT,
            SHAREGPT);

    /** Catalog names or {@code <p>/<d>} with integers, for request validation. */
    public static final String NAME_PATTERN = "splitwise|lmsys-chat|sharegpt|[1-9][0-9]{0,5}/[0-9]{1,6}";

    private static final Map<String, Workload> CATALOG = new LinkedHashMap<>();

    static {
        for (Workload w : List.of(C512_512, C1024_512, C512_1024, SPLITWISE, LMSYS_CHAT, SHAREGPT, PREFILL_ONLY)) {
            CATALOG.put(w.name(), w);
        }
    }

    public Workload {
        if (!(prompt >= 1) || !(decode >= 0)) {
            throw new IllegalArgumentException("workload: need prompt >= 1 and decode >= 0 tokens");
        }
    }

    /** A catalog trace, or {@code "<p>/<d>"} constant lengths. */
    public static Workload named(String name) {
        Workload w = CATALOG.get(name);
        if (w != null) {
            return w;
        }
        String[] parts = name.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("workload: '" + name + "' is neither a trace " + CATALOG.keySet()
                    + " nor <prompt>/<decode>");
        }
        try {
            return new Workload(name, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("workload: '" + name + "' lengths must be integers");
        }
    }

    /** Share of a steady-state dense batch that is decode tokens: d / (p + d) (Sarathi-style chunked prefill). */
    public double decodeShare() {
        return decode / (prompt + decode);
    }

    /** Mean context a decode token attends to: p + d/2 (the digest's in-flight context). */
    public double decodeContext() {
        return prompt + decode / 2;
    }

    /** Mean context a prefill token attends to, counted as the full prompt as Table 2 does (p). */
    public double prefillContext() {
        return prompt;
    }
}
