package io.mlsyslab.nn.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.NamedTensors;
import io.mlsyslab.nn.tokenizer.CharTokenizer;
import io.mlsyslab.nn.train.AdamW;
import io.mlsyslab.nn.train.AdamWConfig;
import io.mlsyslab.nn.train.GradientClipping;
import io.mlsyslab.nn.train.Gpt2TrainingPass;
import io.mlsyslab.nn.train.LrSchedule;
import org.junit.jupiter.api.Test;

class CorpusTest {
    @Test
    void syntheticLanguageSamplesHaveTheStatedEntropy() {
        SyntheticLanguage lang = new SyntheticLanguage(12, 3, 0.05, 4);
        int[] s = lang.generate(400_000, 1);
        double nll = 0;
        for (int t = 1; t < s.length; t++) {
            nll -= Math.log(lang.probability(s[t - 1], s[t]));
        }
        assertThat(nll / (s.length - 1)).isCloseTo(lang.entropyPerToken(), within(0.01));
        assertThat(lang.entropyPerToken()).isBetween(0.3, Math.log(12));
    }

    @Test
    void trainingOnTheSyntheticLanguageApproachesItsEntropyFloor() {
        SyntheticLanguage lang = new SyntheticLanguage(12, 3, 0.05, 4);
        GptConfig cfg = new GptConfig(12, 16, 32, 1, 2, 1e-5f);
        Gpt2Model model = Gpt2Model.initialize(cfg, 1);
        int b = 8, t = 16;
        Gpt2TrainingPass pass = new Gpt2TrainingPass(model, b, t, ComputePool.serial());
        NamedTensors grads = new NamedTensors(model.params().layout());
        AdamW opt = new AdamW(model.params(), new AdamWConfig(0.9f, 0.95f, 1e-8f, 0.0f));
        LrSchedule lr = new LrSchedule(1e-2f, 1e-3f, 20, 300);
        int[] stream = lang.generate(300 * b * t + 1, 2);
        double late = 0;
        for (int step = 0; step < 300; step++) {
            int[] x = new int[b * t], y = new int[b * t];
            System.arraycopy(stream, step * b * t, x, 0, b * t);
            System.arraycopy(stream, step * b * t + 1, y, 0, b * t);
            grads.zero();
            float loss = pass.forward(x, y);
            pass.backward(grads);
            GradientClipping.clip(grads, 1.0);
            opt.step(model.params(), grads, lr.lr(step));
            if (step >= 250) {
                late += loss / 50.0;
            }
        }
        // starts at ln(12) = 2.48 nats; the floor is ~0.93: the trained model must get within 0.1 of it
        assertThat(late).isLessThan(lang.entropyPerToken() + 0.1).isGreaterThan(lang.entropyPerToken() - 0.1);
    }

    @Test
    void kjvExcerptLoadsWithItsSmallCharacterVocabulary() {
        String text = Corpora.kjvExcerpt();
        assertThat(text.length()).isBetween(1_900_000, 2_000_000);
        assertThat(text).startsWith("Genesis 1\n\nIn the beginning God created the heaven and the earth.");
        assertThat(CharTokenizer.fromCorpus(text).vocabSize()).isEqualTo(72);
        assertThat(Corpora.KJV_LICENCE).contains("public domain");
    }
}
