package io.mlsyslab.nn.decode;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Batched autoregressive generation: one prefill call for all prompts (of any lengths), then one decode call per
 * new token covering every sequence, with sampling per {@link SamplingConfig}.
 */
public final class Generator {
    private final Gpt2Model model;
    private final ComputePool pool;

    /** A generator for {@code model} running on {@code pool}. */
    public Generator(Gpt2Model model, ComputePool pool) {
        this.model = model;
        this.pool = pool;
    }

    /** Generates with a fresh on-heap KV cache sized for the request. */
    public List<int[]> generate(List<int[]> prompts, int maxNewTokens, SamplingConfig sampling) {
        GptConfig cfg = model.config();
        int longest = 0;
        for (int[] pr : prompts) {
            longest = Math.max(longest, pr.length);
        }
        int capacity = Math.max(1, Math.min(cfg.nPositions(), longest + maxNewTokens));
        KvCache cache = SegmentKvCache.onHeap(cfg.nLayer(), Math.max(1, prompts.size()), capacity, cfg.nHead(),
                cfg.headDim());
        return generate(prompts, maxNewTokens, sampling, new CachedAttention(cache, cfg.nHead()));
    }

    /**
     * Generates {@code maxNewTokens} tokens after each prompt; prompt {@code i} uses sequence slot {@code i} of the
     * backend.
     *
     * @return the new tokens of each sequence (prompts excluded)
     */
    public List<int[]> generate(List<int[]> prompts, int maxNewTokens, SamplingConfig sampling,
                                AttentionBackend backend) {
        GptConfig cfg = model.config();
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens: must be >= 0, was " + maxNewTokens);
        }
        int b = prompts.size();
        int total = 0;
        for (int[] pr : prompts) {
            if (pr.length == 0) {
                throw new IllegalArgumentException("prompts: every prompt needs at least one token");
            }
            if (pr.length + maxNewTokens > cfg.nPositions()) {
                throw new IllegalArgumentException("maxNewTokens: prompt of " + pr.length + " + " + maxNewTokens
                        + " new tokens exceeds n_positions=" + cfg.nPositions());
            }
            total += pr.length;
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            out.add(new int[maxNewTokens]);
        }
        if (b == 0 || maxNewTokens == 0) {
            return out;
        }
        Gpt2Decoder decoder = new Gpt2Decoder(model, backend, pool);
        Sampler sampler = new Sampler(sampling, b);
        int[] tokens = new int[total], seqs = new int[total], positions = new int[total];
        boolean[] emit = new boolean[total];
        int r = 0;
        for (int s = 0; s < b; s++) {
            int[] pr = prompts.get(s);
            for (int t = 0; t < pr.length; t++, r++) {
                tokens[r] = pr[t];
                seqs[r] = s;
                positions[r] = t;
                emit[r] = t == pr.length - 1;
            }
        }
        float[] logits = decoder.forward(tokens, seqs, positions, emit);
        int v = cfg.vocabSize();
        int[] step = new int[b], stepSeqs = new int[b], stepPos = new int[b];
        for (int s = 0; s < b; s++) {
            step[s] = sampler.sample(s, logits, s * v, v);
            out.get(s)[0] = step[s];
            stepSeqs[s] = s;
            stepPos[s] = prompts.get(s).length;
        }
        for (int n = 1; n < maxNewTokens; n++) {
            logits = decoder.forward(step, stepSeqs, stepPos, null);
            for (int s = 0; s < b; s++) {
                step[s] = sampler.sample(s, logits, s * v, v);
                out.get(s)[n] = step[s];
                stepPos[s]++;
            }
        }
        return out;
    }
}
