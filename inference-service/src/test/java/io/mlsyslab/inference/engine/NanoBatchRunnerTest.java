package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.decode.Gpt2Decoder;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.PyTorchGreedy;
import org.junit.jupiter.api.Test;

/** One prefill batch through the nano-batch graph gives the sequential stages' logits. */
class NanoBatchRunnerTest {

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
