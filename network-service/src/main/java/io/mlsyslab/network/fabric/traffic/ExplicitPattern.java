package io.mlsyslab.network.fabric.traffic;

import io.mlsyslab.contract.FieldErrorException;

/** A pattern stored as two host arrays; flows from a host to itself are dropped on construction. */
public final class ExplicitPattern implements TrafficPattern {

    private final String label;
    private final int[] src;
    private final int[] dst;

    public ExplicitPattern(String label, int[] src, int[] dst) {
        if (src.length != dst.length) {
            throw new FieldErrorException("pattern", "source and destination counts differ");
        }
        int n = 0;
        for (int i = 0; i < src.length; i++) {
            if (src[i] != dst[i]) {
                n++;
            }
        }
        this.src = new int[n];
        this.dst = new int[n];
        int j = 0;
        for (int i = 0; i < src.length; i++) {
            if (src[i] != dst[i]) {
                this.src[j] = src[i];
                this.dst[j++] = dst[i];
            }
        }
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public int flowCount() {
        return src.length;
    }

    @Override
    public int src(int flow) {
        return src[flow];
    }

    @Override
    public int dst(int flow) {
        return dst[flow];
    }
}
