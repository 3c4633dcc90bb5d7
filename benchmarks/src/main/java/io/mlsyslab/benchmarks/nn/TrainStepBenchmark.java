package io.mlsyslab.benchmarks.nn;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.NamedTensors;
import io.mlsyslab.nn.train.AdamW;
import io.mlsyslab.nn.train.AdamWConfig;
import io.mlsyslab.nn.train.GradientClipping;
import io.mlsyslab.nn.train.Gpt2TrainingPass;
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
 * One full training step of the "small" config (n_layer 4, n_head 4, n_embd 128, ctx 64, vocab 96, batch 16):
 * forward, loss, backward, global-norm clip, AdamW. Tokens/s = 1024 / (time per op). PyTorch peer:
 * benchmarks/python/nn_train_step_torch.py.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBenchmark {
    static final int BATCH = 16, CTX = 64, VOCAB = 96;

    @Param({"1"})
    public int threads;

    private ComputePool pool;
    private Gpt2Model model;
    private Gpt2TrainingPass pass;
    private NamedTensors grads;
    private AdamW opt;
    private int[] x, y;

    @Setup
    public void setup() {
        pool = new ComputePool(threads);
        model = Gpt2Model.initialize(GptConfig.small(VOCAB), 1);
        pass = new Gpt2TrainingPass(model, BATCH, CTX, pool);
        grads = new NamedTensors(model.params().layout());
        opt = new AdamW(model.params(), AdamWConfig.gpt2Defaults());
        SplittableRandom r = new SplittableRandom(2);
        x = new int[BATCH * CTX];
        y = new int[BATCH * CTX];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(VOCAB);
            y[i] = r.nextInt(VOCAB);
        }
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float step() {
        grads.zero();
        float loss = pass.forward(x, y);
        pass.backward(grads);
        GradientClipping.clip(grads, 1.0);
        opt.step(model.params(), grads, 1e-4f);
        return loss;
    }
}
