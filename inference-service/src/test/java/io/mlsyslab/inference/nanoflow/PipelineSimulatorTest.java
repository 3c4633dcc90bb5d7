package io.mlsyslab.inference.nanoflow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PipelineSimulatorTest {

    private static final CostModel CM = new CostModel(ModelConfig.LLAMA2_70B, GpuProfile.A100_80G, 8, 2);
    private static final BatchMix BATCH = BatchMix.steadyState(Workload.C512_512, 2048);

    private static double soloSum(int ka, int kf, int layers, boolean computeOnly) {
        double sum = 0;
        for (OpKind k : PipelineSimulator.LAYER) {
            int n = k == OpKind.KQV || k == OpKind.DEC_ATTN || k == OpKind.PF_ATTN ? ka : kf;
            if (computeOnly && k.resource() != OpKind.Resource.COMPUTE) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                sum += CM.soloSeconds(k, BATCH.slice(2048.0 * i / n, 2048.0 * (i + 1) / n));
            }
        }
        return sum * layers;
    }

    @Test
    void withoutOverlapTheMakespanIsTheSumOfSoloTimes() {
        PipelineSimulator.Result r = PipelineSimulator.simulate(CM, BATCH, Schedule.SEQUENTIAL, 80);
        assertThat(r.seconds()).isCloseTo(soloSum(1, 1, 80, false), within(1e-9));
        assertThat(r.nanoOps()).isEqualTo(80 * 10);
        Schedule nano = new Schedule(4, 2, false, 1, 1, 1);
        assertThat(PipelineSimulator.simulate(CM, BATCH, nano, 3).seconds())
                .isCloseTo(soloSum(4, 2, 3, false), within(1e-9));
    }

    @Test
    void smallerNanoBatchesCostMoreGemmTimeBecauseWeightsStreamAgain() {
        assertThat(soloSum(4, 4, 1, true)).isGreaterThan(soloSum(2, 2, 1, true)).isGreaterThan(soloSum(1, 1, 1, true));
        assertThat(KernelEfficiency.gemmRowsFactor(2048, CM.ridgeRows())).isCloseTo(1.0, within(1e-12));
        assertThat(CM.ridgeRows()).isCloseTo(156, within(1e-9));
    }

    @Test
    void overlapNeverBeatsTheComputeWorkAndSplitsConserveTokens() {
        for (Schedule s : new Schedule[]{new Schedule(3, 3, true, 0.4, 0.4, 0.2), new Schedule(4, 2, true, 0.4, 0.2,
                0.1), new Schedule(1, 1, true, 0.9, 0.5, 0.9), new Schedule(2, 4, true, 0.1, 0.1, 0.1)}) {
            PipelineSimulator.Result r = PipelineSimulator.simulate(CM, BATCH, s, 3);
            // GEMMs run at P = R <= 1, so the compute work alone bounds the makespan from below
            assertThat(r.seconds()).as(s.toString()).isGreaterThanOrEqualTo(soloSum(s.attentionNanoBatches(),
                    s.ffnNanoBatches(), 3, true) * (1 - 1e-9));
            assertThat(r.computeShareSeconds()).isCloseTo(soloSum(s.attentionNanoBatches(), s.ffnNanoBatches(), 3,
                    true), within(1e-9));
        }
        double tokens = 0;
        for (int i = 0; i < 3; i++) {
            tokens += BATCH.slice(2048.0 * i / 3, 2048.0 * (i + 1) / 3).tokens();
        }
        assertThat(tokens).isCloseTo(2048, within(1e-9));
    }

    @Test
    void overlappingNanoBatchesBeatsRunningThemOneAtATime() {
        Schedule s = new Schedule(3, 3, true, 0.4, 0.4, 0.2);
        double overlapped = PipelineSimulator.simulate(CM, BATCH, s, 3).seconds();
        double alone = PipelineSimulator.simulate(CM, BATCH, s.withoutOverlap(), 3).seconds();
        double sequential = PipelineSimulator.simulate(CM, BATCH, Schedule.SEQUENTIAL, 3).seconds();
        assertThat(overlapped).isLessThan(sequential).isLessThan(alone);
        assertThat(alone).isGreaterThan(sequential);
    }

    @Test
    void singleGpuModelsHaveNoCollectives() {
        CostModel one = new CostModel(ModelConfig.LLAMA3_8B, GpuProfile.A100_80G, 1, 2);
        BatchMix b = BatchMix.steadyState(Workload.C512_512, 1024);
        assertThat(one.soloSeconds(OpKind.NET1, b)).isZero();
        PipelineSimulator.Result r = PipelineSimulator.simulate(one, b, new Schedule(2, 2, true, 0.4, 0.2, 1), 2);
        assertThat(r.busySeconds()[3]).isZero();
        // decode tokens fill the first nano-batch and prefill the second: one decode and one prefill attention op
        assertThat(r.nanoOps()).isEqualTo(2 * (2 + 1 + 1 + 5 * 2));
    }
}
