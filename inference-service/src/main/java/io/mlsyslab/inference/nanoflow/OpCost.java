package io.mlsyslab.inference.nanoflow;

/**
 * What one operation moves, summed over all GPUs of the tensor-parallel group (the way Table 2 counts).
 *
 * @param flops    floating-point operations
 * @param memBytes bytes read from and written to device memory
 * @param netBytes bytes sent over GPU-to-GPU links
 */
public record OpCost(double flops, double memBytes, double netBytes) {

    public static final OpCost ZERO = new OpCost(0, 0, 0);

    public OpCost plus(OpCost o) {
        return new OpCost(flops + o.flops, memBytes + o.memBytes, netBytes + o.netBytes);
    }

    public OpCost times(double f) {
        return new OpCost(flops * f, memBytes * f, netBytes * f);
    }
}
