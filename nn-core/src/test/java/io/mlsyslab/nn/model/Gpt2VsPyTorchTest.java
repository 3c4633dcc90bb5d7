package io.mlsyslab.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlsyslab.nn.decode.CachedAttention;
import io.mlsyslab.nn.decode.Generator;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.decode.SegmentKvCache;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.safetensors.SafeTensors;
import io.mlsyslab.nn.train.AdamW;
import io.mlsyslab.nn.train.AdamWConfig;
import io.mlsyslab.nn.train.GradientClipping;
import io.mlsyslab.nn.train.Gpt2TrainingPass;
import io.mlsyslab.nn.train.LrSchedule;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The model against PyTorch 1.13 (float64 reference, see nn-core/scripts/gpt2_reference.py). Errors are
 * normwise per tensor: max |java - torch| / max |torch|.
 */
class Gpt2VsPyTorchTest {
    static final List<String> CONFIGS = PyTorchVectors.CONFIGS;

    @ParameterizedTest
    @FieldSource("CONFIGS")
    void logitsLossAndEveryGradientMatchPyTorch(String name) {
        Gpt2Model model = Gpt2Checkpoint.load(PyTorchVectors.dir(name));
        Map<String, Object> info = PyTorchVectors.info(name);
        int b = ((Number) info.get("batch")).intValue(), t = ((Number) info.get("seq")).intValue();
        for (ComputePool pool : new ComputePool[]{ComputePool.serial(), new ComputePool(2)}) {
            Gpt2TrainingPass pass = new Gpt2TrainingPass(model, b, t, pool);
            float loss = pass.forward(PyTorchVectors.ints(info.get("tokens")), PyTorchVectors.ints(info.get("targets")));
            NamedTensors grads = new NamedTensors(model.params().layout());
            pass.backward(grads);
            try (SafeTensors expected = SafeTensors.open(PyTorchVectors.dir(name).resolve("expected.safetensors"))) {
                assertThat(PyTorchVectors.normwiseRelError(pass.logits(), expected.floats("logits")))
                        .as("logits").isLessThan(1e-5);
                assertThat((double) loss).isCloseTo(((Number) info.get("loss")).doubleValue(),
                        within(1e-5 * Math.abs(((Number) info.get("loss")).doubleValue())));
                for (TensorSpec s : model.params().layout().tensors()) {
                    double err = PyTorchVectors.normwiseRelError(grads.tensor(s.name()).toArray(),
                            expected.floats("grad." + s.name()));
                    assertThat(err).as("grad %s", s.name()).isLessThan(1e-4);
                }
            }
            pool.close();
        }
    }

    @ParameterizedTest
    @FieldSource("CONFIGS")
    void threeAdamWStepsWithClippingAndScheduleMatchPyTorch(String name) {
        Gpt2Model model = Gpt2Checkpoint.load(PyTorchVectors.dir(name));
        Map<String, Object> info = PyTorchVectors.info(name);
        int b = ((Number) info.get("batch")).intValue(), t = ((Number) info.get("seq")).intValue();
        int[] tokens = PyTorchVectors.ints(info.get("tokens")), targets = PyTorchVectors.ints(info.get("targets"));
        @SuppressWarnings("unchecked")
        Map<String, Object> sched = (Map<String, Object>) info.get("schedule");
        LrSchedule schedule = new LrSchedule(((Number) sched.get("max_lr")).floatValue(),
                ((Number) sched.get("min_lr")).floatValue(), ((Number) sched.get("warmup")).intValue(),
                ((Number) sched.get("total")).intValue());
        AdamW opt = new AdamW(model.params(), new AdamWConfig(0.9f, 0.95f, 1e-8f, 0.1f));
        Gpt2TrainingPass pass = new Gpt2TrainingPass(model, b, t, ComputePool.serial());
        NamedTensors grads = new NamedTensors(model.params().layout());
        List<?> losses = (List<?>) info.get("adamw_losses"), norms = (List<?>) info.get("adamw_grad_norms");
        List<?> lrs = (List<?>) info.get("adamw_lrs");
        for (int step = 0; step < 3; step++) {
            grads.zero();
            float loss = pass.forward(tokens, targets);
            pass.backward(grads);
            double norm = GradientClipping.clip(grads, ((Number) info.get("clip")).doubleValue());
            float lr = schedule.lr(step);
            assertThat((double) lr).isCloseTo(((Number) lrs.get(step)).doubleValue(), within(1e-9));
            assertThat((double) loss).isCloseTo(((Number) losses.get(step)).doubleValue(), within(1e-4));
            assertThat(norm).isCloseTo(((Number) norms.get(step)).doubleValue(),
                    within(1e-4 * ((Number) norms.get(step)).doubleValue()));
            opt.step(model.params(), grads, lr);
        }
        try (SafeTensors expected = SafeTensors.open(PyTorchVectors.dir(name).resolve("expected.safetensors"))) {
            int c = model.config().nEmbd();
            @SuppressWarnings("unchecked")
            Map<String, Object> f32Err = (Map<String, Object>) info.get("adamw3_torch_f32_normwise_err");
            double lrSum = lrs.stream().mapToDouble(x -> ((Number) x).doubleValue()).sum();
            for (TensorSpec s : model.params().layout().tensors()) {
                float[] actual = model.params().tensor(s.name()).toArray();
                float[] want = expected.floats("adamw3." + s.name());
                if (s.name().endsWith("attn.c_attn.bias")) {
                    // The key bias adds q.b_k to every score of a query, which softmax ignores: its exact gradient is
                    // 0, so both engines only see rounding noise there, and Adam turns noise into steps of up to lr.
                    // Compare the query and value thirds exactly; bound the key third by Adam's largest move.
                    for (int i = c; i < 2 * c; i++) {
                        assertThat((double) Math.abs(actual[i] - want[i])).as("key bias %d", i)
                                .isLessThanOrEqualTo(1.01 * lrSum);
                        actual[i] = want[i];
                    }
                }
                double err = PyTorchVectors.normwiseRelError(actual, want);
                // 1e-4, or 4x what PyTorch's own float32 run deviates from float64 where the steps are
                // ill-conditioned (recorded by the script: tiny gradients whose rounding noise Adam's normalisation
                // amplifies; the noise also varies between JIT-compiled and interpreted vector reductions)
                double torchF32 = ((Number) f32Err.get(s.name())).doubleValue();
                assertThat(err).as("params after 3 steps: %s", s.name()).isLessThan(Math.max(1e-4, 4 * torchF32));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("CONFIGS")
    void greedyGenerationWithKvCacheReproducesPyTorchTokens(String name) {
        Gpt2Model model = Gpt2Checkpoint.load(PyTorchVectors.dir(name));
        Map<String, Object> info = PyTorchVectors.info(name);
        int[] prompt = PyTorchVectors.ints(info.get("greedy_prompt"));
        int[] expected = PyTorchVectors.ints(info.get("greedy_tokens"));
        List<int[]> onHeap = new Generator(model, ComputePool.serial())
                .generate(List.of(prompt), expected.length, SamplingConfig.greedy());
        assertThat(onHeap.getFirst()).containsExactly(expected);
        GptConfig c = model.config();
        try (Arena arena = Arena.ofShared()) {
            var cache = SegmentKvCache.offHeap(arena, c.nLayer(), 1, c.nPositions(), c.nHead(), c.headDim());
            List<int[]> offHeap = new Generator(model, new ComputePool(2))
                    .generate(List.of(prompt), expected.length, SamplingConfig.greedy(),
                            new CachedAttention(cache, c.nHead()));
            assertThat(offHeap.getFirst()).containsExactly(expected);
        }
    }
}
