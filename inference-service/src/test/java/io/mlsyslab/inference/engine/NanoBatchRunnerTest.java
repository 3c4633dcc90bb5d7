package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.decode.Gpt2Decoder;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.PyTorchGreedy;
import org.junit.jupiter.api.Test;

/**
 * One prefill batch through the nano-batch graph gives the sequential stages' logits; a remote attention call of
 * one nano-batch is in flight while the compute executor runs another nano-batch's QKV (the pipeline overlaps).
 */
class NanoBatchRunnerTest {

    /**
     * A rendezvous: the network executor's attention of nano-batch 0 (decode rows of sequences 0-1) waits until
     * the compute executor appends nano-batch 1's keys (sequences 2-3, inside its QKV stage), and that append waits
     * until the attention call has started. Both complete only if the graph runs the remote call and the other
     * nano-batch's GEMM at the same time; a serialising graph fails the bounded waits (instead of hanging). Logits
     * still equal the sequential run's.
     */
    @Test
    void remoteAttentionOfOneNanoBatchOverlapsTheNextNanoBatchsGemms() throws Exception {
        Gpt2Model model = PyTorchGreedy.load("tiny36").model();
        int rows = 4;
        int[] tokens = {5, 6, 7, 8}, seqs = {0, 1, 2, 3}, positions = {0, 0, 0, 0};
        float[][] logits = new float[2][];
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean qkvSawAttention = new java.util.concurrent.atomic.AtomicBoolean();
        for (int k : new int[]{1, 2}) {
            PagedKvCache cache = new PagedKvCache(2, 4, 16, 4, 3, 3, 12);
            for (int s = 0; s < 4; s++) {
                cache.ensureCapacity(s, 1);
            }
            java.util.concurrent.CountDownLatch secondQkv = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch attentionStarted = new java.util.concurrent.CountDownLatch(1);
            io.mlsyslab.nn.decode.AttentionBackend remote = new io.mlsyslab.nn.decode.AttentionBackend() {
                @Override
                public void append(int layer, int seq, int pos, float[] kk, int kOff, float[] v, int vOff) {
                    cache.append(layer, seq, pos, kk, kOff, v, vOff);
                    if (k == 2 && layer == 0 && seq == 2) {
                        try {
                            qkvSawAttention.set(attentionStarted.await(60, java.util.concurrent.TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        secondQkv.countDown();
                    }
                }

                @Override
                public void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff) {
                    cache.attend(layer, seq, length, q, qOff, out, outOff);
                }

                @Override
                public void attendBatch(int layer, int[] sq, int[] lengths, int from, int to, float[] q, int qOff,
                                        int qStride, float[] out, int outOff, int outStride, ComputePool pool) {
                    if (k == 2 && layer == 0 && from == 0) {
                        attentionStarted.countDown();
                        try {
                            overlapped.set(secondQkv.await(60, java.util.concurrent.TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    io.mlsyslab.nn.decode.AttentionBackend.super.attendBatch(layer, sq, lengths, from, to, q, qOff,
                            qStride, out, outOff, outStride, ComputePool.serial());
                }
            };
            ComputePool pool = ComputePool.serial();
            Gpt2Decoder decoder = new Gpt2Decoder(model, remote, pool);
            BatchRunner runner = k == 1
                    ? new SequentialRunner(decoder, pool, ComputePool.serial(), Resource.NETWORK, EngineObserver.NONE)
                    : new NanoBatchRunner(decoder, k, pool, ComputePool.serial(), Resource.NETWORK,
                    EngineObserver.NONE);
            Gpt2Decoder.Step step = decoder.begin(tokens, seqs, positions, null);
            runner.run(step);
            logits[k - 1] = step.logits();
            if (k == 2) {
                assertThat(runner.overlapNanos()).as("time with two executors busy").isPositive();
            }
            runner.close();
        }
        assertThat(qkvSawAttention).as("nano-batch 0's remote attention started while nano-batch 1's QKV ran")
                .isTrue();
        assertThat(overlapped).as("nano-batch 1's QKV ran while nano-batch 0's remote attention was in flight")
                .isTrue();
        assertThat(logits[1]).containsExactly(logits[0], org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void nanoBatchedPrefillEqualsSequentialLogits() {
        Gpt2Model model = PyTorchGreedy.load("tiny36").model();
        int rows = 20;
        int[] tokens = new int[rows], seqs = new int[rows], positions = new int[rows];
        int[] lens = {4, 9, 7};
        int r = 0;
        for (int s = 0; s < lens.length; s++) {
            for (int p = 0; p < lens[s]; p++, r++) {
                tokens[r] = (r * 7 + 3) % 50;
                seqs[r] = s;
                positions[r] = p;
            }
        }
        float[][] logits = new float[2][];
        for (int k : new int[]{1, 3}) {
            PagedKvCache cache = new PagedKvCache(2, 3, 64, 4, 3, 3, 12);
            for (int s = 0; s < 3; s++) {
                cache.ensureCapacity(s, lens[s]);
            }
            ComputePool pool = new ComputePool(2);
            Gpt2Decoder decoder = new Gpt2Decoder(model, cache, pool);
            BatchRunner runner = k == 1
                    ? new SequentialRunner(decoder, pool, ComputePool.serial(), Resource.MEMORY, EngineObserver.NONE)
                    : new NanoBatchRunner(decoder, k, pool, ComputePool.serial(), Resource.MEMORY,
                    EngineObserver.NONE);
            boolean[] emit = new boolean[rows];
            emit[3] = emit[12] = emit[19] = true;
            Gpt2Decoder.Step step = decoder.begin(tokens, seqs, positions, emit);
            runner.run(step);
            for (int s = 0; s < 3; s++) {
                cache.ensureCapacity(s, lens[s] + 1);
            }
            Gpt2Decoder.Step decode = decoder.begin(new int[]{1, 2, 3}, new int[]{0, 1, 2}, lens.clone(), null);
            runner.run(decode);
            float[] both = java.util.Arrays.copyOf(step.logits(), step.logits().length + decode.logits().length);
            System.arraycopy(decode.logits(), 0, both, step.logits().length, decode.logits().length);
            logits[k == 1 ? 0 : 1] = both;
            runner.close();
        }
        double maxDiff = 0;
        for (int i = 0; i < logits[0].length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(logits[0][i] - logits[1][i]));
        }
        assertThat(maxDiff).isLessThan(1e-4);
    }
}
