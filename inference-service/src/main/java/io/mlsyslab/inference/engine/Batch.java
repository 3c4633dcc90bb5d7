package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.decode.Gpt2Decoder;
import java.util.List;
import java.util.concurrent.Future;

/** One iteration in flight: the chunks it runs, the decoder step holding its activations, and its run. */
final class Batch {
    final List<Chunk> chunks;
    final Gpt2Decoder.Step step;
    final long startNanos;
    Future<?> future;

    Batch(List<Chunk> chunks, Gpt2Decoder.Step step, long startNanos) {
        this.chunks = chunks;
        this.step = step;
        this.startNanos = startNanos;
    }

    /** The decoder rows of the chunks, in chunk order. */
    static Rows rows(List<Chunk> chunks) {
        int rows = 0;
        for (Chunk c : chunks) {
            rows += c.length();
        }
        int[] tokens = new int[rows], seqs = new int[rows], positions = new int[rows];
        boolean[] emit = new boolean[rows];
        int r = 0;
        for (Chunk c : chunks) {
            for (int i = 0; i < c.length(); i++, r++) {
                int pos = c.start() + i;
                tokens[r] = c.seq().tokens.get(pos);
                seqs[r] = c.seq().slot;
                positions[r] = pos;
                emit[r] = c.emitAll() || (c.emits() && i == c.length() - 1);
            }
        }
        return new Rows(tokens, seqs, positions, emit);
    }

    record Rows(int[] tokens, int[] seqs, int[] positions, boolean[] emit) {
    }
}
