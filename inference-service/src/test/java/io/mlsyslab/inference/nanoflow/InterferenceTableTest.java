package io.mlsyslab.inference.nanoflow;

import org.junit.jupiter.api.Test;

import static io.mlsyslab.inference.nanoflow.OpKind.Resource.COMPUTE;
import static io.mlsyslab.inference.nanoflow.OpKind.Resource.MEMORY;
import static io.mlsyslab.inference.nanoflow.OpKind.Resource.NETWORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InterferenceTableTest {

    @Test
    void printedColumnsOfTable3AreExact() {
        double[] r = {0.1, 0.2, 0.8, 0.9, 1.0};
        double[] gemv = {0.2, 0.3, 0.85, 0.95, 1.0};
        double[] net = {0.3, 0.5, 0.9, 1.0, 1.0};
        for (int i = 0; i < r.length; i++) {
            assertThat(InterferenceTable.performance(COMPUTE, r[i])).isCloseTo(r[i], within(1e-12));
            assertThat(InterferenceTable.performance(MEMORY, r[i])).isCloseTo(gemv[i], within(1e-12));
            assertThat(InterferenceTable.performance(NETWORK, r[i])).isCloseTo(net[i], within(1e-12));
        }
        // section 4.1.4: decode attention at R = 0.4 reaches about 0.8
        assertThat(InterferenceTable.performance(MEMORY, 0.4)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void curvesAreMonotoneAndNeverBelowGemm() {
        for (OpKind.Resource res : OpKind.Resource.values()) {
            double last = 0;
            for (int i = 1; i <= 100; i++) {
                double p = InterferenceTable.performance(res, i / 100.0);
                assertThat(p).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(1.0)
                        .isGreaterThanOrEqualTo(i / 100.0 - 1e-12);
                last = p;
            }
        }
    }

    @Test
    void sharesOutsideTheUnitIntervalAreRejected() {
        assertThatThrownBy(() -> InterferenceTable.performance(MEMORY, 0)).hasMessageStartingWith("share:");
        assertThatThrownBy(() -> InterferenceTable.performance(MEMORY, 1.5)).hasMessageStartingWith("share:");
    }
}
