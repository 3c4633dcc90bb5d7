package io.mlsyslab.training.transport;

import io.mlsyslab.training.quant.Codec;

/**
 * The two collectives of the trainer, written from one worker's point of view over its {@link SyncTransport}.
 *
 * <ul>
 *   <li>{@link #ringAllReduceSum}: fp32 ring all-reduce (reduce-scatter then all-gather, {@code 2(M-1)} messages of
 *       about {@code n/M} values per worker), used for data-parallel gradients. Chunk {@code c} is summed along the
 *       ring starting at rank {@code c}; its owner's final value is what every rank receives, so all ranks hold
 *       identical bits.</li>
 *   <li>{@link #allGatherSum}: ring all-gather of each worker's <em>unreduced</em> outer gradient, quantised once
 *       by its sender ({@code M-1} messages of the whole fragment per worker); every rank dequantises all {@code M}
 *       messages (its own included) and sums them in fp32 in rank order {@code 0..M-1}, so all ranks hold identical
 *       bits and nothing is re-quantised. For {@code M = 2} this moves exactly the bytes of a ring all-reduce.</li>
 * </ul>
 */
public final class Collectives {
    private Collectives() {
    }

    /** In-place sum over all ranks of {@code buf} (fp32). */
    public static void ringAllReduceSum(SyncTransport t, float[] buf, int step) {
        int m = t.workers(), r = t.rank(), n = buf.length;
        if (m == 1) {
            return;
        }
        int right = (r + 1) % m, left = (r - 1 + m) % m;
        for (int s = 0; s < m - 1; s++) {
            int send = Math.floorMod(r - s, m), recv = Math.floorMod(r - s - 1, m);
            t.send(right, Messages.encode(Messages.GRADIENT_CHUNK, Codec.NONE, r, step, 0, send, buf,
                    chunkStart(send, n, m), chunkLength(send, n, m)));
            int off = chunkStart(recv, n, m), len = chunkLength(recv, n, m);
            float[] tmp = new float[len];
            Messages.decode(t.receive(left), Messages.GRADIENT_CHUNK, step, 0, recv, tmp, 0, len);
            for (int i = 0; i < len; i++) {
                buf[off + i] = buf[off + i] + tmp[i];
            }
        }
        for (int s = 0; s < m - 1; s++) {
            int send = Math.floorMod(r + 1 - s, m), recv = Math.floorMod(r - s, m);
            t.send(right, Messages.encode(Messages.GRADIENT_CHUNK, Codec.NONE, r, step, 0, send, buf,
                    chunkStart(send, n, m), chunkLength(send, n, m)));
            Messages.decode(t.receive(left), Messages.GRADIENT_CHUNK, step, 0, recv, buf,
                    chunkStart(recv, n, m), chunkLength(recv, n, m));
        }
    }

    /** Start of ring chunk {@code c} of {@code n} values over {@code m} ranks. */
    public static int chunkStart(int c, int n, int m) {
        return (int) ((long) c * n / m);
    }

    /** Length of ring chunk {@code c}. */
    public static int chunkLength(int c, int n, int m) {
        return chunkStart(c + 1, n, m) - chunkStart(c, n, m);
    }

    /**
     * The fp32 sum over ranks of the dequantised {@code codec(delta)}; {@code delta} is not modified.
     *
     * @return a new array holding the sum, identical on every rank
     */
    public static float[] allGatherSum(SyncTransport t, float[] delta, Codec codec, int step, int fragment) {
        int m = t.workers(), r = t.rank(), n = delta.length;
        float[][] decoded = new float[m][n];
        byte[] message = Messages.encode(Messages.OUTER_GRADIENT, codec, r, step, fragment, 0, delta, 0, n);
        Messages.decode(message, Messages.OUTER_GRADIENT, step, fragment, 0, decoded[r], 0, n);
        int right = (r + 1) % m, left = (r - 1 + m) % m;
        for (int s = 0; s < m - 1; s++) {
            t.send(right, message);
            message = t.receive(left);
            int origin = Math.floorMod(r - s - 1, m);
            Messages.Header h = Messages.decode(message, Messages.OUTER_GRADIENT, step, fragment, 0,
                    decoded[origin], 0, n);
            if (h.origin() != origin || h.codec() != codec) {
                throw new TransportException("message: expected origin " + origin + " codec " + codec + ", got "
                        + h);
            }
        }
        float[] sum = decoded[0];
        for (int k = 1; k < m; k++) {
            float[] d = decoded[k];
            for (int i = 0; i < n; i++) {
                sum[i] = sum[i] + d[i];
            }
        }
        return sum;
    }
}
