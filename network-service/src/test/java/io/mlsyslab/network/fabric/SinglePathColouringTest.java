package io.mlsyslab.network.fabric;

import io.mlsyslab.network.fabric.analysis.Rational;
import io.mlsyslab.network.fabric.routing.SinglePathRouter;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.ExplicitPattern;
import io.mlsyslab.network.fabric.traffic.Phase;
import io.mlsyslab.network.fabric.traffic.Placement;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Optimal single path = ⌈Δ/S⌉ flows on the busiest leaf-spine link, Δ the largest leaf degree (N2). */
class SinglePathColouringTest {

    @Test
    void busiestLinkCarriesCeilDeltaOverSpines() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int c = 0; c < 300; c++) {
            int leaves = rng.nextInt(2, 12);
            int spines = rng.nextInt(1, 12);
            int hosts = rng.nextInt(1, 10);
            Fabric fabric = FabricTestSupport.leafSpine(leaves, spines, hosts);
            int flows = rng.nextInt(1, 6 * fabric.hostCount());
            int[] s = new int[flows];
            int[] d = new int[flows];
            for (int i = 0; i < flows; i++) {
                s[i] = rng.nextInt(fabric.hostCount());
                // skew destinations so some leaf pairs carry many parallel edges
                d[i] = rng.nextInt(3) == 0 ? rng.nextInt(hosts) : rng.nextInt(fabric.hostCount());
            }
            check(fabric, new ExplicitPattern("random", s, d));
        }
    }

    @Test
    void collectivesOnTheDigestFabrics() {
        for (int n : new int[] {8, 16}) {
            Fabric fabric = FabricTestSupport.leafSpine(n, n, n);
            for (Collective collective : Collective.values()) {
                int[] hosts = Placement.RANDOM.hostsOf(fabric.hostCount(), n, n, 5);
                for (Phase p : collective.phases(hosts, 1 << 20, 9)) {
                    check(fabric, p.pattern());
                }
            }
        }
        // Δ not a multiple of S: 3 hosts per leaf all sending off-leaf over 2 spines gives ⌈3/2⌉ = 2
        Fabric fabric = FabricTestSupport.leafSpine(2, 2, 3);
        assertThat(FabricTestSupport.fabricMax(fabric, new SinglePathRouter(),
                FabricTestSupport.flows(0, 3, 1, 4, 2, 5))).isEqualTo(Rational.of(2, 1));
    }

    private static void check(Fabric fabric, TrafficPattern p) {
        int leaves = fabric.leafCount();
        long[] out = new long[leaves];
        long[] in = new long[leaves];
        for (int f = 0; f < p.flowCount(); f++) {
            int a = fabric.leafOf(p.src(f));
            int b = fabric.leafOf(p.dst(f));
            if (a != b) {
                out[a]++;
                in[b]++;
            }
        }
        long delta = 0;
        for (int i = 0; i < leaves; i++) {
            delta = Math.max(delta, Math.max(out[i], in[i]));
        }
        int spines = ((io.mlsyslab.network.fabric.topology.LeafSpineFabric) fabric).spineCount();
        long expected = (delta + spines - 1) / spines;
        assertThat(FabricTestSupport.fabricMax(fabric, new SinglePathRouter(), p))
                .as("Δ=%d S=%d", delta, spines).isEqualTo(Rational.of(expected, 1));
    }
}
