package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.decode.Gpt2Decoder;
import io.mlsyslab.nn.kernel.ComputePool;

/** The plain engine: every stage over the whole batch, one after another. */
final class SequentialRunner implements BatchRunner {
    private final Gpt2Decoder decoder;
    private final ComputePool compute, attention;
    private final Resource attentionResource;
    private final EngineObserver observer;
    private final long[] busy = new long[3];

    SequentialRunner(Gpt2Decoder decoder, ComputePool compute, ComputePool attention, Resource attentionResource,
                     EngineObserver observer) {
        this.decoder = decoder;
        this.compute = compute;
        this.attention = attention;
        this.attentionResource = attentionResource;
        this.observer = observer;
    }

    @Override
    public void run(Gpt2Decoder.Step s) {
        int rows = s.rows();
        long t0 = System.nanoTime();
        decoder.embed(s, 0, rows);
        long computeNs = System.nanoTime() - t0, attentionNs = 0;
        for (int l = 0; l < decoder.model().config().nLayer(); l++) {
            long a = System.nanoTime();
            decoder.qkv(s, l, 0, rows, compute);
            long b = System.nanoTime();
            decoder.attention(s, l, 0, rows, attention);
            long c = System.nanoTime();
            decoder.outProjection(s, l, 0, rows, compute);
            decoder.mlp(s, l, 0, rows, compute);
            long d = System.nanoTime();
            computeNs += (b - a) + (d - c);
            attentionNs += c - b;
        }
        long h = System.nanoTime();
        decoder.head(s, 0, rows, compute);
        long end = System.nanoTime();
        computeNs += end - h;
        record(Resource.COMPUTE, computeNs);
        record(attentionResource, attentionNs);
    }

    private void record(Resource r, long ns) {
        busy[r.ordinal()] += ns;
        observer.busy(r.label, ns);
    }

    @Override
    public long[] busyNanos() {
        return busy.clone();
    }

    @Override
    public void close() {
    }
}
