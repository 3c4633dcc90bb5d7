package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.decode.Gpt2Decoder;

/** Runs one iteration's forward pass through the decoder's stages. */
interface BatchRunner extends AutoCloseable {
    /** Runs all stages of the step; logits end up in {@code step.logits()}. */
    void run(Gpt2Decoder.Step step);

    /** Cumulative busy nanoseconds per executor: compute, memory, network. */
    long[] busyNanos();

    /** Cumulative wall time during which two or more executors were busy at once (0 when sequential). */
    default long overlapNanos() {
        return 0;
    }

    @Override
    void close();
}
