package io.mlsyslab.inference.bench;

import io.mlsyslab.inference.engine.EngineConfig;
import io.mlsyslab.inference.engine.GenerationListener;
import io.mlsyslab.inference.engine.GenerationRequest;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.TokenOutput;
import io.mlsyslab.nn.decode.Generator;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * Greedy decode throughput on the configuration of benchmarks' DecodeBenchmark and its PyTorch peer
 * (benchmarks/python/nn_decode_torch.py): vocab 96, 80 positions, width 128, 4 layers, 4 heads, prompt 16,
 * 64 new tokens, batch 1/8/32, one compute thread. Compares nn-core's static-batch Generator with the serving
 * engine (continuous batching, paged KV) sequential and nano-batched. Median of 7 runs after 3 warm-ups.
 * Run: see benchmarks/INFERENCE-BENCHMARKS.md.
 */
public final class DecodeComparisonMain {
    static final int PROMPT = 16, NEW = 64, VOCAB = 96;

    public static void main(String[] args) throws Exception {
        Gpt2Model model = Gpt2Model.initialize(new GptConfig(VOCAB, PROMPT + NEW, 128, 4, 4, 1e-5f), 1);
        ComputePool pool = new ComputePool(1);
        Generator generator = new Generator(model, pool);
        for (int batch : new int[]{1, 8, 32}) {
            List<int[]> prompts = new ArrayList<>();
            SplittableRandom r = new SplittableRandom(3);
            for (int b = 0; b < batch; b++) {
                int[] p = new int[PROMPT];
                for (int i = 0; i < PROMPT; i++) {
                    p[i] = r.nextInt(VOCAB);
                }
                prompts.add(p);
            }
            double gen = median(() -> generator.generate(prompts, NEW, SamplingConfig.greedy()));
            String line = String.format("batch=%d generator %.1f ms (%.0f tok/s)", batch, gen * 1e3,
                    batch * NEW / gen);
            for (int k : new int[]{1, 2}) {
                EngineConfig cfg = new EngineConfig(4096, 64, 64, 64L << 20, 16, k, 1, 1);
                try (InferenceEngine engine = new InferenceEngine(model, null, -1, cfg, null, null)) {
                    double t = median(() -> runEngine(engine, prompts));
                    line += String.format(" | engine %s %.1f ms (%.0f tok/s)", k == 1 ? "sequential" : "nano(2)",
                            t * 1e3, batch * NEW / t);
                }
            }
            System.out.println(line);
        }
        pool.close();
    }

    static void runEngine(InferenceEngine engine, List<int[]> prompts) {
        CountDownLatch done = new CountDownLatch(prompts.size());
        for (int[] p : prompts) {
            engine.submit(new GenerationRequest(p, NEW, SamplingConfig.greedy(), 1, null, null, false, true),
                    new GenerationListener() {
                        @Override
                        public void onTokens(int choice, List<TokenOutput> tokens) {
                        }

                        @Override
                        public void onFinish(int choice, String reason, String trailingText, int completionTokens) {
                            done.countDown();
                        }
                    });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static double median(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[3];
    }
}
