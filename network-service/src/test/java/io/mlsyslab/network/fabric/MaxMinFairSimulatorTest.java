package io.mlsyslab.network.fabric;

import io.mlsyslab.network.fabric.analysis.MaxMinFairSimulator;
import io.mlsyslab.network.fabric.routing.FlowTable;
import io.mlsyslab.network.fabric.routing.RoutedPattern;
import io.mlsyslab.network.fabric.routing.Router;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.FabricSpec;
import io.mlsyslab.network.fabric.topology.Fabrics;
import io.mlsyslab.network.fabric.topology.TopologyKind;
import io.mlsyslab.network.fabric.traffic.ExplicitPattern;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The incremental simulator against a naive one written here: full progressive filling from scratch after every
 * departure, O(links x flows) per filling. Random fabrics (unequal host and fabric speeds) and every policy, so
 * flows of unequal size (split pieces) and fractional link use (spraying) are covered.
 */
class MaxMinFairSimulatorTest {

    @Test
    void incrementalRefillMatchesFullRecomputation() {
        SplittableRandom rng = new SplittableRandom(99);
        for (int c = 0; c < 150; c++) {
            Fabric fabric = Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, rng.nextInt(2, 6),
                    rng.nextInt(1, 6), rng.nextInt(1, 5), 0, rng.nextBoolean() ? 100 : 400,
                    (double) (rng.nextBoolean() ? 100 : 250), null, 0, null, List.of()));
            int flows = rng.nextInt(1, 3 * fabric.hostCount() + 2);
            int[] s = new int[flows];
            int[] d = new int[flows];
            for (int i = 0; i < flows; i++) {
                s[i] = rng.nextInt(fabric.hostCount());
                d[i] = rng.nextInt(fabric.hostCount());
            }
            ExplicitPattern p = new ExplicitPattern("random", s, d);
            for (RoutingPolicy policy : RoutingPolicy.values()) {
                Router router = policy.router(rng.nextLong(), 1 + rng.nextInt(3));
                RoutedPattern routed = router.route(fabric, p, RoutingOptions.defaults());
                double expected = naive(fabric, routed.flows());
                assertThat(MaxMinFairSimulator.drainSeconds(fabric, routed.flows())).as("case %d %s", c, policy)
                        .isCloseTo(expected, within(1e-9 * Math.max(expected, 1e-30)));
            }
        }
    }

    private static double naive(Fabric fabric, FlowTable t) {
        int n = t.flowCount();
        int links = fabric.linkCount();
        double[] rem = new double[n];
        boolean[] active = new boolean[n];
        for (int f = 0; f < n; f++) {
            rem[f] = t.size(f);
            active[f] = true;
        }
        double time = 0;
        int left = n;
        while (left > 0) {
            double[] rate = new double[n];
            boolean[] frozen = new boolean[n];
            double[] used = new double[links];
            int open = 0;
            for (int f = 0; f < n; f++) {
                frozen[f] = !active[f];
                if (active[f]) {
                    open++;
                }
            }
            while (open > 0) {
                double[] w = new double[links];
                for (int f = 0; f < n; f++) {
                    if (!frozen[f]) {
                        for (int i = t.start(f); i < t.end(f); i++) {
                            w[t.link(i)] += t.weight(i);
                        }
                    }
                }
                double best = Double.POSITIVE_INFINITY;
                int bottleneck = -1;
                for (int l = 0; l < links; l++) {
                    if (w[l] > 1e-12) {
                        double level = (fabric.capacityBytesPerSecond(l) - used[l]) / w[l];
                        if (level < best) {
                            best = level;
                            bottleneck = l;
                        }
                    }
                }
                for (int f = 0; f < n; f++) {
                    if (frozen[f]) {
                        continue;
                    }
                    boolean onIt = false;
                    for (int i = t.start(f); i < t.end(f); i++) {
                        onIt |= t.link(i) == bottleneck;
                    }
                    if (onIt) {
                        frozen[f] = true;
                        open--;
                        rate[f] = best;
                        for (int i = t.start(f); i < t.end(f); i++) {
                            used[t.link(i)] += t.weight(i) * best;
                        }
                    }
                }
            }
            double dt = Double.POSITIVE_INFINITY;
            for (int f = 0; f < n; f++) {
                if (active[f]) {
                    dt = Math.min(dt, rem[f] / rate[f]);
                }
            }
            time += dt;
            for (int f = 0; f < n; f++) {
                if (active[f]) {
                    rem[f] -= rate[f] * dt;
                    if (rem[f] <= 1e-9 * t.size(f)) {
                        active[f] = false;
                        left--;
                    }
                }
            }
        }
        return time;
    }
}
