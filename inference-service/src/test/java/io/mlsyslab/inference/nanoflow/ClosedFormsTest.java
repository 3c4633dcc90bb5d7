package io.mlsyslab.inference.nanoflow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ClosedFormsTest {

    private static final CostModel PAPER = new CostModel(ModelConfig.LLAMA2_70B, GpuProfile.A100_80G, 8, 2);

    /** Table 2 of the paper as printed: GFLOP, memory GB, network GB, est. compute / memory / network ms. */
    private static final double[][] TABLE2 = {
            {27487.8, 19.5, 0, 11.01, 1.22, 0},
            {21990.2, 16.1, 0, 8.81, 1.01, 0},
            {153931.6, 96.6, 0, 61.67, 6.04, 0},
            {76965.8, 49.7, 0, 30.84, 3.11, 0},
            {3665.9, 462.2, 0, 1.47, 28.89, 0},
            {916.3, 2.1, 0, 0.37, 0.13, 0},
            {18.8, 75.2, 75.2, 0.01, 4.70, 31.33},
    };

    @Test
    void everyCellOfTable2IsReproducedAtItsPrintedPrecision() {
        List<ClosedForms.Table2Row> rows = ClosedForms.table2(PAPER, ClosedForms.TABLE2_MIX);
        assertThat(rows).hasSize(8);
        for (int i = 0; i < TABLE2.length; i++) {
            ClosedForms.Table2Row r = rows.get(i);
            double[] t = TABLE2[i];
            assertThat(round(r.gflop(), 1)).as(r.op() + " GFLOP").isEqualTo(t[0]);
            assertThat(round(r.memGb(), 1)).as(r.op() + " GB").isEqualTo(t[1]);
            assertThat(round(r.netGb(), 1)).as(r.op() + " net GB").isEqualTo(t[2]);
            assertThat(round(r.computeMs(), 2)).as(r.op() + " compute ms").isEqualTo(t[3]);
            assertThat(round(r.memoryMsAsPrinted(), 2)).as(r.op() + " memory ms").isEqualTo(t[4]);
            assertThat(round(r.networkMsAsPrinted(), 2)).as(r.op() + " network ms").isEqualTo(t[5]);
        }
    }

    @Test
    void table2TotalsAreTheDigestsNumbers() {
        ClosedForms.Table2Row total = ClosedForms.table2(PAPER, ClosedForms.TABLE2_MIX).getLast();
        assertThat(round(total.computeMs(), 2)).isEqualTo(114.17);
        assertThat(round(total.memoryMsAsPrinted(), 2)).isEqualTo(45.09);
        assertThat(round(total.networkMsAsPrinted(), 2)).isEqualTo(31.33);
        // with unrounded bytes the table's own rounding shows: 45.08 and 31.32 (within 0.05%)
        assertThat(total.memoryMs()).isCloseTo(45.09, within(45.09 * 5e-4));
        assertThat(total.networkMs()).isCloseTo(31.33, within(31.33 * 5e-4));
        // network bytes: 4 (N-1) B D S L, the N-1 of Table 2 (not Eq. 3's N)
        assertThat(total.netGb() * 1e9).isEqualTo(4.0 * 7 * 2048 * 8192 * 2 * 80);
    }

    @Test
    void table2OperationsInSequenceTakeTheRealColumnsSum() {
        NanoflowStudy.ClosedFormsReport c = NanoflowStudy.closedForms(PAPER, List.of(Workload.C512_512));
        assertThat(c.table2SequentialMs()).isCloseTo(225.05, within(225.05 * 5e-4));
        // the digest's 1137 is 2048 / 225.05 ms / 8 = 1137.5, truncated
        assertThat((long) Math.floor(c.table2SequentialTokensPerGpu())).isEqualTo(1137);
    }

    @Test
    void optimalThroughputIs1857At260TflopsAnd2000AtTheTexts280() {
        assertThat(ClosedForms.optimalTokensPerGpu(ModelConfig.LLAMA2_70B, 260e12)).isCloseTo(1857.14, within(0.01));
        assertThat(ClosedForms.optimalTokensPerGpu(ModelConfig.LLAMA2_70B, GpuProfile.A100_80G.effectiveFlops()))
                .isCloseTo(1857.14, within(0.01));
        NanoflowStudy.ClosedFormsReport c = NanoflowStudy.closedForms(PAPER, List.of(Workload.C512_512));
        assertThat(c.optimalAtTextFlops()).isCloseTo(2000, within(1e-9));
        assertThat(c.optimalNote()).contains("1857", "2000", "260", "280");
    }

    @Test
    void fig3MemoryBoundRatiosMatchToTwoDecimals() {
        double[][] expected = {{0.18, 0.61}, {0.20, 0.68}, {0.32, 1.09}, {0.09, 0.31}, {0.07, 0.23}, {0.11, 0.37}};
        for (int i = 0; i < Workload.FIG7.size(); i++) {
            Workload w = Workload.FIG7.get(i);
            assertThat(round(ClosedForms.memoryBoundRatio(ModelConfig.LLAMA2_70B, GpuProfile.A100_80G, 8, w), 2))
                    .as("70B " + w.name()).isEqualTo(expected[i][0]);
            assertThat(round(ClosedForms.memoryBoundRatio(ModelConfig.LLAMA3_8B, GpuProfile.A100_80G, 1, w), 2))
                    .as("8B " + w.name()).isEqualTo(expected[i][1]);
        }
    }

    @Test
    void fig2NetworkToComputeRatiosMatchToThreeDecimals() {
        assertThat(round(ClosedForms.networkComputeRatio(ModelConfig.LLAMA2_70B, GpuProfile.A100_80G, 8), 3))
                .isEqualTo(0.273);
        assertThat(round(ClosedForms.networkComputeRatio(ModelConfig.LLAMA2_70B, GpuProfile.H100_SXM, 8), 3))
                .isEqualTo(0.576);
    }

    @Test
    void architectureCountsMatchThePublishedSizes() {
        // KV per token of LLaMA-2-70B (digest: 327,680 B); public sizes: 68.98B, 8.03B, 46.7B total / 12.9B active
        assertThat(ModelConfig.LLAMA2_70B.kvBytesPerToken(2)).isEqualTo(327_680);
        assertThat(ModelConfig.LLAMA2_70B.totalParams() / 1e9).isCloseTo(68.98, within(0.01));
        assertThat(ModelConfig.LLAMA3_8B.totalParams() / 1e9).isCloseTo(8.03, within(0.01));
        assertThat(ModelConfig.MIXTRAL_8X7B.totalParams() / 1e9).isCloseTo(46.7, within(0.05));
        assertThat(ModelConfig.MIXTRAL_8X7B.activeParams() / 1e9).isCloseTo(12.9, within(0.05));
        assertThat(ModelConfig.LLAMA3_70B.totalParams() / 1e9).isCloseTo(70.55, within(0.01));
        assertThat(ModelConfig.QWEN2_72B.totalParams() / 1e9).isCloseTo(72.7, within(0.05));
        assertThat(ModelConfig.DEEPSEEK_67B.totalParams() / 1e9).isCloseTo(67.4, within(0.05));
    }

    @Test
    void unknownNamesAndBadHardwareAreRejectedNamingTheField() {
        assertThatThrownBy(() -> ModelConfig.named("gpt-5")).hasMessageStartingWith("model:");
        assertThatThrownBy(() -> GpuProfile.named("TPU")).hasMessageStartingWith("gpu:");
        assertThatThrownBy(() -> Workload.named("5-6")).hasMessageStartingWith("workload:");
        assertThatThrownBy(() -> new CostModel(ModelConfig.LLAMA2_70B, GpuProfile.A100_80G, 0, 2))
                .hasMessageStartingWith("gpus:");
        assertThatThrownBy(() -> new NanoflowModel(new CostModel(ModelConfig.LLAMA2_70B, GpuProfile.A100_80G, 1, 2),
                2048).denseTokens(Workload.C512_512)).hasMessageStartingWith("gpus:");
    }

    private static double round(double x, int decimals) {
        double s = Math.pow(10, decimals);
        return Math.round(x * s) / s;
    }
}
