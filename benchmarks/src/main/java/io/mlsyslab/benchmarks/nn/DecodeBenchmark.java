package io.mlsyslab.benchmarks.nn;

import io.mlsyslab.nn.decode.Generator;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Greedy generation with the KV cache on the "small" config widened to 80 positions so that a 16-token prompt plus
 * 64 new tokens fit: {@code batch} prompts, 64 new tokens each. Tokens/s = batch * 64 / (time per op). PyTorch peer:
 * benchmarks/python/nn_decode_torch.py.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DecodeBenchmark {
    static final int PROMPT = 16, NEW_TOKENS = 64, VOCAB = 96;

    @Param({"1", "8", "32"})
    public int batch;
    @Param({"1"})
    public int threads;

    private ComputePool pool;
    private Generator generator;
    private List<int[]> prompts;

    @Setup
    public void setup() {
        pool = new ComputePool(threads);
        generator = new Generator(Gpt2Model.initialize(new GptConfig(VOCAB, PROMPT + NEW_TOKENS, 128, 4, 4, 1e-5f), 1), pool);
        SplittableRandom r = new SplittableRandom(3);
        prompts = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int[] p = new int[PROMPT];
            for (int i = 0; i < PROMPT; i++) {
                p[i] = r.nextInt(VOCAB);
            }
            prompts.add(p);
        }
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public List<int[]> generate() {
        return generator.generate(prompts, NEW_TOKENS, SamplingConfig.greedy());
    }
}
