package io.mlsyslab.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.NamedTensors;
import io.mlsyslab.nn.model.TensorSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrainingTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void backwardMatchesFiniteDifferencesOnRandomTinyConfigs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nHead = 1 + r.nextInt(3);
        GptConfig cfg = new GptConfig(5 + r.nextInt(10), 9, nHead * (2 + r.nextInt(5)), 1 + r.nextInt(2), nHead, 1e-5f);
        Gpt2Model model = Gpt2Model.initialize(cfg, seed);
        float[] p = model.params().data();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (r.nextGaussian() * 0.3); // larger weights: non-uniform attention, sizeable gradients
        }
        int b = 2, t = 1 + r.nextInt(8);
        int[] tokens = new int[b * t], targets = new int[b * t];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = r.nextInt(cfg.vocabSize());
            targets[i] = r.nextInt(cfg.vocabSize());
        }
        Gpt2TrainingPass pass = new Gpt2TrainingPass(model, b, t, ComputePool.serial());
        NamedTensors grads = new NamedTensors(model.params().layout());
        pass.forward(tokens, targets);
        pass.backward(grads);
        for (TensorSpec s : model.params().layout().tensors()) {
            for (int probe = 0; probe < 3; probe++) {
                int i = s.offset() + r.nextInt(s.size());
                float old = p[i];
                float h = 1e-2f;
                p[i] = old + h;
                double plus = pass.forward(tokens, targets);
                p[i] = old - h;
                double minus = pass.forward(tokens, targets);
                p[i] = old;
                double fd = (plus - minus) / (2 * h);
                assertThat((double) grads.data()[i]).as("%s[%d] cfg %s", s.name(), i - s.offset(), cfg)
                        .isCloseTo(fd, within(2e-2 * Math.abs(fd) + 3e-4));
            }
        }
    }

    @Test
    void gpt2InitialisationHasTheDocumentedStatistics() {
        GptConfig cfg = new GptConfig(500, 64, 64, 8, 4, 1e-5f);
        Gpt2Model a = Gpt2Model.initialize(cfg, 7), b = Gpt2Model.initialize(cfg, 7);
        assertThat(java.util.Arrays.equals(a.params().data(), b.params().data())).isTrue();
        assertThat(std(a.params().tensor("wte.weight").toArray())).isCloseTo(0.02, within(0.001));
        assertThat(std(a.params().tensor("h.3.attn.c_attn.weight").toArray())).isCloseTo(0.02, within(0.001));
        assertThat(std(a.params().tensor("h.3.mlp.c_proj.weight").toArray())).isCloseTo(0.02 / 4, within(0.0003));
        assertThat(a.params().tensor("h.0.ln_1.weight").toArray()).containsOnly(1f);
        assertThat(a.params().tensor("h.0.attn.c_attn.bias").toArray()).containsOnly(0f);
        assertThat(java.util.Arrays.equals(Gpt2Model.initialize(cfg, 8).params().data(), a.params().data())).isFalse();
    }

    private static double std(float[] x) {
        double s = 0, s2 = 0;
        for (float v : x) {
            s += v;
            s2 += (double) v * v;
        }
        double m = s / x.length;
        return Math.sqrt(s2 / x.length - m * m);
    }

    @Test
    void scheduleWarmsUpLinearlyThenFollowsTheCosine() {
        LrSchedule s = new LrSchedule(1f, 0.1f, 4, 14);
        assertThat(s.lr(0)).isEqualTo(0.25f);
        assertThat(s.lr(3)).isEqualTo(1f);
        assertThat(s.lr(4)).isEqualTo(1f);
        assertThat((double) s.lr(9)).isCloseTo(0.55, within(1e-6));
        assertThat(s.lr(14)).isEqualTo(0.1f);
        assertThat(s.lr(100)).isEqualTo(0.1f);
        assertThatThrownBy(() -> new LrSchedule(1f, 0f, 5, 5)).hasMessageStartingWith("totalSteps:");
    }

    @Test
    void clippingScalesToTheMaximumNormOnlyWhenAbove() {
        GptConfig cfg = new GptConfig(4, 2, 2, 1, 1, 1e-5f);
        NamedTensors g = new NamedTensors(io.mlsyslab.nn.model.ParameterLayout.gpt2(cfg));
        g.data()[0] = 3;
        g.data()[g.data().length - 1] = 4;
        assertThat(GradientClipping.clip(g, 10)).isCloseTo(5, within(1e-9));
        assertThat(g.data()[0]).isEqualTo(3f);
        assertThat(GradientClipping.clip(g, 1)).isCloseTo(5, within(1e-9));
        assertThat(GradientClipping.globalNorm(g)).isCloseTo(1, within(1e-6));
    }

    @Test
    void adamWFirstStepMovesEachParameterByLrTimesSignAndDecaysOnlyMatrices() {
        GptConfig cfg = new GptConfig(4, 2, 2, 1, 1, 1e-5f);
        Gpt2Model m = Gpt2Model.initialize(cfg, 3);
        NamedTensors before = m.params().copy();
        NamedTensors g = new NamedTensors(m.params().layout());
        java.util.Arrays.fill(g.data(), -2f);
        AdamW opt = new AdamW(m.params(), new AdamWConfig(0.9f, 0.95f, 1e-8f, 0.5f));
        opt.step(m.params(), g, 0.1f);
        int wte = m.params().layout().offset("wte.weight");
        int lnb = m.params().layout().offset("ln_f.bias");
        assertThat(m.params().data()[wte]).isCloseTo(before.data()[wte] * (1 - 0.05f) + 0.1f, within(1e-6f));
        assertThat(m.params().data()[lnb]).isCloseTo(before.data()[lnb] + 0.1f, within(1e-6f));
        assertThat(opt.stepCount()).isEqualTo(1);
        assertThatThrownBy(() -> new AdamWConfig(1f, 0.9f, 1e-8f, 0f)).hasMessageStartingWith("beta1:");
    }

    @Test
    void rejectsBadShapesAndTokens() {
        Gpt2Model m = Gpt2Model.initialize(new GptConfig(4, 8, 4, 1, 2, 1e-5f), 1);
        assertThatThrownBy(() -> new Gpt2TrainingPass(m, 1, 9, ComputePool.serial())).hasMessageStartingWith("seqLen:");
        Gpt2TrainingPass pass = new Gpt2TrainingPass(m, 1, 2, ComputePool.serial());
        assertThatThrownBy(() -> pass.forward(new int[]{0, 4}, null)).hasMessageStartingWith("tokens: id 4");
        assertThatThrownBy(() -> pass.backward(new NamedTensors(m.params().layout())))
                .hasMessageStartingWith("backward:");
    }
}
