package io.mlsyslab.training.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.NamedTensors;
import io.mlsyslab.nn.train.AdamW;
import io.mlsyslab.nn.train.AdamWConfig;
import io.mlsyslab.nn.train.GradientClipping;
import io.mlsyslab.nn.train.Gpt2TrainingPass;
import io.mlsyslab.nn.train.LrSchedule;
import io.mlsyslab.training.quant.Codec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerEquivalenceTest {

    static void assertSameRun(TrainingOutcome a, TrainingOutcome b) {
        assertEquals(a.trainLoss().size(), b.trainLoss().size());
        for (int i = 0; i < a.trainLoss().size(); i++) {
            assertEquals(Double.doubleToLongBits(a.trainLoss().get(i)), Double.doubleToLongBits(b.trainLoss().get(i)),
                    "train loss of step " + (i + 1));
        }
        assertEquals(a.evals(), b.evals());
        assertArrayEquals(a.finalParams(), b.finalParams());
    }

    @Test
    void sameSeedSameLossesBitForBit() {
        TrainerConfig c = TinyConfigs.tiny(Algorithm.STREAMING_DILOCO, 10, 2, 1, Codec.FP4_E3M0, 30);
        TrainingOutcome a = InProcessTrainer.train(c, TrainingListener.NONE);
        TrainingOutcome b = InProcessTrainer.train(c, TrainingListener.NONE);
        assertSameRun(a, b);
        TrainingOutcome other = InProcessTrainer.train(c.with(Algorithm.STREAMING_DILOCO, 2, 1, Codec.NONE),
                TrainingListener.NONE);
        assertTrue(!a.trainLoss().equals(other.trainLoss()), "quantisation changes the run");
    }

    @Test
    void streamingWithOneFragmentAndNoOverlapIsDiloco() {
        TrainerConfig diloco = TinyConfigs.tiny(Algorithm.DILOCO, 10, 1, 0, Codec.NONE, 30);
        TrainingOutcome d = InProcessTrainer.train(diloco, TrainingListener.NONE);
        TrainingOutcome s = InProcessTrainer.train(diloco.with(Algorithm.STREAMING_DILOCO, 1, 0, Codec.NONE),
                TrainingListener.NONE);
        assertSameRun(d, s);
        assertEquals(3, d.syncs().size());
        assertEquals(d.totalBytes(), s.totalBytes());
    }

    /** DiLoCo with H = 1, outer lr 1, momentum 0: each step, the global model is the average of the workers'. */
    @Test
    void dilocoWithH1AndPlainOuterSgdIsParameterAveraging() {
        TrainerConfig base = TinyConfigs.tiny(Algorithm.DILOCO, 1, 1, 0, Codec.NONE, 6);
        TrainerConfig c = new TrainerConfig(base.algorithm(), base.workers(), 1, 1, false, 0, 0.5f, Codec.NONE, 1f,
                0f, base.innerLr(), base.minLrRatio(), base.warmupSteps(), base.weightDecay(), base.gradClip(),
                base.nLayer(), base.nEmbd(), base.nHead(), base.seqLen(), base.batch(), base.corpus(),
                base.totalSteps(), base.evalBatches(), 1, base.seed());
        TrainingOutcome o = InProcessTrainer.train(c, TrainingListener.NONE);

        Corpus corpus = Corpus.load(c.corpus(), c.seed());
        GptConfig cfg = WorkerLoop.modelConfig(c, corpus.vocabSize());
        Gpt2Model global = Gpt2Model.initialize(cfg, c.seed());
        int m = c.workers();
        Gpt2Model[] local = new Gpt2Model[m];
        AdamW[] opt = new AdamW[m];
        Gpt2TrainingPass[] pass = new Gpt2TrainingPass[m];
        WorkerLoop.Shard[] shard = new WorkerLoop.Shard[m];
        NamedTensors grads = new NamedTensors(global.params().layout());
        LrSchedule lr = new LrSchedule(c.innerLr(), c.innerLr() * c.minLrRatio(), c.warmupSteps(), c.totalSteps());
        for (int r = 0; r < m; r++) {
            local[r] = new Gpt2Model(cfg, global.params().copy());
            opt[r] = new AdamW(local[r].params(), new AdamWConfig(0.9f, 0.95f, 1e-8f, c.weightDecay()));
            pass[r] = new Gpt2TrainingPass(local[r], c.batch(), c.seqLen(), ComputePool.serial());
            shard[r] = new WorkerLoop.Shard(corpus.train(), r, m, c.seqLen(), WorkerLoop.samplerSeed(c.seed(), r));
        }
        int[] tokens = new int[c.batch() * c.seqLen()], targets = new int[tokens.length];
        float[] g = global.params().data();
        for (int t = 1; t <= c.totalSteps(); t++) {
            double lossSum = 0;
            for (int r = 0; r < m; r++) {
                System.arraycopy(g, 0, local[r].params().data(), 0, g.length);
                shard[r].next(c.batch(), tokens, targets);
                grads.zero();
                lossSum += pass[r].forward(tokens, targets);
                pass[r].backward(grads);
                GradientClipping.clip(grads, c.gradClip());
                opt[r].step(local[r].params(), grads, lr.lr(t - 1));
            }
            for (int i = 0; i < g.length; i++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += local[r].params().data()[i];
                }
                g[i] = (float) (s / m);
            }
            assertEquals(lossSum / m, o.trainLoss().get(t - 1), 1e-5, "step " + t);
        }
        float maxDiff = 0;
        for (int i = 0; i < g.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(g[i] - o.finalParams()[i]));
        }
        assertTrue(maxDiff < 1e-6f, "max |averaged - diloco| = " + maxDiff);
    }

    @Test
    void fragmentsCoverTheModelOnce() {
        TrainerConfig c = TinyConfigs.tiny(Algorithm.STREAMING_DILOCO, 10, 2, 1, Codec.NONE, 30);
        GptConfig cfg = new GptConfig(16, 16, 16, 4, 2, 1e-5f);
        var layout = io.mlsyslab.nn.model.ParameterLayout.gpt2(cfg);
        for (boolean sequential : new boolean[]{false, true}) {
            List<Fragments.Fragment> f = Fragments.plan(layout, 4, 2, sequential);
            int[] owner = new int[layout.size()];
            java.util.Arrays.fill(owner, -1);
            for (Fragments.Fragment fr : f) {
                for (int r = 0; r < fr.starts().length; r++) {
                    for (int i = fr.starts()[r]; i < fr.starts()[r] + fr.lengths()[r]; i++) {
                        assertEquals(-1, owner[i]);
                        owner[i] = fr.index();
                    }
                }
            }
            for (int o : owner) {
                assertTrue(o >= 0);
            }
            assertTrue(f.get(0).tensors().contains("wte.weight") && f.get(0).tensors().contains("wpe.weight"));
            assertTrue(f.get(1).tensors().contains("ln_f.weight"));
            assertEquals(sequential, f.get(0).tensors().contains("h.1.ln_1.weight"));
            assertEquals(!sequential, f.get(0).tensors().contains("h.2.ln_1.weight"));
        }
        assertEquals(2, c.effectiveFragments());
    }
}
