package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** -Xmx per app from physical memory, the weights, the floor and the environment's overrides. */
class HeapPlanTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final List<String> APPS = List.of("gateway", "storage", "inference", "training", "network",
            "analytics");

    @Test
    void sixtyPercentOfTheMachineSplitByWeightLeavesRoomForPostgresAndNativeMemory() {
        HeapPlan plan = HeapPlan.of(APPS, 24 * GIB, HeapSettings.DEFAULT, List.of());

        long total = plan.heaps().values().stream().mapToLong(HeapPlan.Heap::bytes).sum();
        assertThat(total).isLessThanOrEqualTo((long) (24 * GIB * 0.6)).isGreaterThan((long) (24 * GIB * 0.59));
        // weights 0.5 + 1 + 2 + 2 + 1 + 1 = 7.5: one unit is 14.4 GiB / 7.5 = 1.92 GiB
        assertThat(plan.of("storage").bytes()).isEqualTo(1966 * MIB);
        assertThat(plan.of("inference").bytes()).isBetween(2 * plan.of("storage").bytes(),
                2 * plan.of("storage").bytes() + MIB);
        assertThat(plan.of("gateway").bytes()).isBetween(plan.of("storage").bytes() / 2 - MIB,
                plan.of("storage").bytes() / 2);
        assertThat(plan.heaps().values()).allSatisfy(h -> assertThat(h.source()).isEqualTo("share"));
        assertThat(plan.of("storage").jvmSize()).isEqualTo("1966m");
    }

    @Test
    void aSmallMachineGivesEveryAppTheFloor() {
        HeapPlan plan = HeapPlan.of(APPS, 2 * GIB, HeapSettings.DEFAULT, List.of());
        assertThat(plan.heaps().values()).allSatisfy(h -> assertThat(h.bytes()).isGreaterThanOrEqualTo(HeapPlan.FLOOR));
        assertThat(plan.of("gateway").jvmSize()).isEqualTo("256m");
    }

    @Test
    void anAppSetByItsVariableTakesItsSizeOutOfTheBudgetAndTheShareCanChange() {
        HeapSettings settings = HeapSettings.fromEnvironment(Map.of("LAB_HEAP_INFERENCE", "2g",
                "LAB_HEAP_SHARE", "50%"), APPS);
        HeapPlan plan = HeapPlan.of(APPS, 20 * GIB, settings, List.of());

        assertThat(plan.of("inference")).isEqualTo(new HeapPlan.Heap(2 * GIB, "LAB_HEAP_INFERENCE"));
        assertThat(plan.of("inference").jvmSize()).isEqualTo("2g");
        // (10 GiB - 2 GiB) over the weights left, 0.5 + 1 + 2 + 1 + 1 = 5.5
        assertThat(plan.of("storage").bytes()).isEqualTo((long) (8 * GIB / 5.5) >> 20 << 20);
        assertThat(plan.describe()).contains("50% of 20.0 GiB", "inference 2g (LAB_HEAP_INFERENCE)");
    }

    @Test
    void anXmxInLabJavaOptsWinsForEveryAppAndThePlanSaysSo() {
        HeapPlan plan = HeapPlan.of(APPS, 24 * GIB, HeapSettings.DEFAULT, List.of("-XX:+UseSerialGC", "-Xmx512m"));
        assertThat(plan.heaps().values()).containsOnly(new HeapPlan.Heap(512 * MIB, "LAB_JAVA_OPTS"));
    }

    @Test
    void sharesAndSizesAreParsedStrictly() {
        assertThat(HeapSettings.fromEnvironment(Map.of("LAB_HEAP_SHARE", "0.4"), APPS).share()).isEqualTo(0.4);
        assertThat(HeapSettings.parseSize("X", "1536M")).isEqualTo(1536 * MIB);
        assertThatThrownBy(() -> HeapSettings.fromEnvironment(Map.of("LAB_HEAP_SHARE", "150%"), APPS))
                .hasMessageContaining("LAB_HEAP_SHARE");
        assertThatThrownBy(() -> HeapSettings.fromEnvironment(Map.of("LAB_HEAP_TRAINING", "2 GB"), APPS))
                .hasMessageContaining("LAB_HEAP_TRAINING must be a size");
        assertThatThrownBy(() -> HeapSettings.fromEnvironment(Map.of("LAB_HEAP_INFERENSE", "2g"), APPS))
                .hasMessageContaining("LAB_HEAP_INFERENSE names no app");
    }
}
