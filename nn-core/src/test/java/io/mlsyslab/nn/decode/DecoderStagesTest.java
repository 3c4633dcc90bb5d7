package io.mlsyslab.nn.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-op stages compose to forward, over any row split, and reach the backend through the batched calls. */
class DecoderStagesTest {
    static final GptConfig CFG = new GptConfig(40, 32, 32, 2, 4, 1e-5f);

    static int[][] rows() {
        // three sequences: a prefill of 6, a prefill of 9, a prefill of 5
        int[] lens = {6, 9, 5};
        int n = 20;
        int[] tokens = new int[n], seqs = new int[n], pos = new int[n];
        int r = 0;
        for (int s = 0; s < lens.length; s++) {
            for (int p = 0; p < lens[s]; p++, r++) {
                tokens[r] = (r * 11 + 5) % CFG.vocabSize();
                seqs[r] = s;
                pos[r] = p;
            }
        }
        return new int[][]{tokens, seqs, pos};
    }

    @Test
    void stagesOverRowRangesGiveForwardsLogitsAndBatchedCallsCoverEveryLayer() {
        Gpt2Model model = Gpt2Model.initialize(CFG, 3);
        int[][] r = rows();
        float[] reference = new Gpt2Decoder(model, new CachedAttention(SegmentKvCache.onHeap(2, 3, 32, 4, 8), 4),
                ComputePool.serial()).forward(r[0], r[1], r[2], null);
        List<String> calls = new ArrayList<>();
        AttentionBackend counting = new AttentionBackend() {
            final CachedAttention inner = new CachedAttention(SegmentKvCache.onHeap(2, 3, 32, 4, 8), 4);

            @Override
            public void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff) {
                inner.append(layer, seq, pos, k, kOff, v, vOff);
            }

            @Override
            public void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff) {
                inner.attend(layer, seq, length, q, qOff, out, outOff);
            }

            @Override
            public void appendBatch(int layer, int[] seqs, int[] positions, int from, int to, float[] k, int kOff,
                                    float[] v, int vOff, int stride) {
                synchronized (calls) {
                    calls.add("append " + layer + " " + from + ".." + to);
                }
                AttentionBackend.super.appendBatch(layer, seqs, positions, from, to, k, kOff, v, vOff, stride);
            }

            @Override
            public void attendBatch(int layer, int[] seqs, int[] lengths, int from, int to, float[] q, int qOff,
                                    int qStride, float[] out, int outOff, int outStride, ComputePool pool) {
                synchronized (calls) {
                    calls.add("attend " + layer + " " + from + ".." + to);
                }
                AttentionBackend.super.attendBatch(layer, seqs, lengths, from, to, q, qOff, qStride, out, outOff,
                        outStride, pool);
            }
        };
        Gpt2Decoder decoder = new Gpt2Decoder(model, counting, ComputePool.serial());
        Gpt2Decoder.Step s = decoder.begin(r[0], r[1], r[2], null);
        // split [0,7) [7,20): the middle sequence crosses the boundary; run range by range, layer by layer
        int[] bounds = {0, 7, 20};
        for (int j = 0; j < 2; j++) {
            decoder.embed(s, bounds[j], bounds[j + 1]);
        }
        for (int l = 0; l < CFG.nLayer(); l++) {
            for (int j = 0; j < 2; j++) {
                decoder.qkv(s, l, bounds[j], bounds[j + 1], ComputePool.serial());
            }
            for (int j = 1; j >= 0; j--) { // attention order does not matter once every key/value is appended
                decoder.attention(s, l, bounds[j], bounds[j + 1], new ComputePool(2));
            }
            for (int j = 0; j < 2; j++) {
                decoder.outProjection(s, l, bounds[j], bounds[j + 1], ComputePool.serial());
                decoder.mlp(s, l, bounds[j], bounds[j + 1], ComputePool.serial());
            }
        }
        decoder.head(s, 7, 20, ComputePool.serial());
        decoder.head(s, 0, 7, ComputePool.serial());
        double maxDiff = 0;
        for (int i = 0; i < reference.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(reference[i] - s.logits()[i]));
        }
        assertThat(maxDiff).isLessThan(1e-5);
        assertThat(calls).containsExactly("append 0 0..7", "append 0 7..20", "attend 0 7..20", "attend 0 0..7",
                "append 1 0..7", "append 1 7..20", "attend 1 7..20", "attend 1 0..7");
        // forward itself makes one batched call of each kind per layer
        calls.clear();
        new Gpt2Decoder(model, counting, ComputePool.serial()).forward(new int[]{1}, new int[]{0}, new int[]{20},
                null);
        assertThat(calls).containsExactly("append 0 0..1", "attend 0 0..1", "append 1 0..1", "attend 1 0..1");
    }
}
