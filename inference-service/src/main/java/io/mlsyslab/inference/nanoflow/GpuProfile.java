package io.mlsyslab.inference.nanoflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One accelerator's datasheet numbers (sources in {@code docs/nanoflow-model.md}).
 *
 * @param name           catalog name
 * @param flops          dense FP16/BF16 tensor-core peak, FLOP/s (not the 2:4-sparse figure)
 * @param memBw          HBM/GDDR bandwidth, bytes/s
 * @param memBytes       device memory, bytes
 * @param netBwOneWay    one-way GPU-to-GPU bandwidth per GPU, bytes/s (NVLink: half the bidirectional figure)
 * @param sms            streaming multiprocessors
 * @param effectiveFlops the sustained GEMM rate used for the optimal throughput of Eq. 5 (A100: 260 TFLOP/s, the
 *                       value that makes the paper's 1857; other GPUs: the same 260/312 fraction of peak)
 */
public record GpuProfile(String name, double flops, double memBw, double memBytes, double netBwOneWay, int sms,
                         double effectiveFlops) {

    /** The fraction of peak that reproduces the paper's optimum: 260 / 312 TFLOP/s on the A100. */
    public static final double OPTIMAL_FRACTION_OF_PEAK = 260.0 / 312.0;

    public static final GpuProfile A100_80G = of("A100-80G", 312e12, 2.0e12, 80e9, 300e9, 108);
    public static final GpuProfile H100_SXM = of("H100-SXM", 989e12, 3.35e12, 80e9, 450e9, 132);
    public static final GpuProfile H200 = of("H200", 989e12, 4.8e12, 141e9, 450e9, 132);
    public static final GpuProfile RTX_A6000 = of("RTX-A6000", 154.8e12, 768e9, 48e9, 32e9, 84);

    /** The regular expression of catalog names, for request validation. */
    public static final String NAMES = "A100-80G|H100-SXM|H200|RTX-A6000";

    private static final Map<String, GpuProfile> CATALOG = new LinkedHashMap<>();

    /** The catalog names. */
    public static final Set<String> NAMES_SET = Set.of(NAMES.split("\\|"));

    static {
        for (GpuProfile g : List.of(A100_80G, H100_SXM, H200, RTX_A6000)) {
            CATALOG.put(g.name(), g);
        }
    }

    public GpuProfile {
        if (!(flops > 0 && memBw > 0 && memBytes > 0 && netBwOneWay > 0 && sms > 0 && effectiveFlops > 0)) {
            throw new IllegalArgumentException("gpu: every datasheet number must be positive");
        }
    }

    private static GpuProfile of(String name, double flops, double memBw, double memBytes, double net, int sms) {
        return new GpuProfile(name, flops, memBw, memBytes, net, sms, flops * OPTIMAL_FRACTION_OF_PEAK);
    }

    public static GpuProfile named(String name) {
        GpuProfile g = CATALOG.get(name);
        if (g == null) {
            throw new IllegalArgumentException("gpu: unknown GPU '" + name + "', known: " + CATALOG.keySet());
        }
        return g;
    }

    /** Ridge point of the roofline, FLOP per byte: above it a kernel is compute-bound. */
    public double ridge() {
        return flops / memBw;
    }
}
