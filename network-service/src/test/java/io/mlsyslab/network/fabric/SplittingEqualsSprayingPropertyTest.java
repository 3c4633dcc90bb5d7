package io.mlsyslab.network.fabric;

import io.mlsyslab.network.fabric.analysis.LinkLoads;
import io.mlsyslab.network.fabric.analysis.Rational;
import io.mlsyslab.network.fabric.routing.MinimalSplittingRouter;
import io.mlsyslab.network.fabric.routing.RoutedPattern;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.routing.SprayingRouter;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.FabricSpec;
import io.mlsyslab.network.fabric.topology.Fabrics;
import io.mlsyslab.network.fabric.topology.FailedLink;
import io.mlsyslab.network.fabric.topology.TopologyKind;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Phase;
import io.mlsyslab.network.fabric.traffic.Placement;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paper's claim, checked exactly on random fabrics (leaf-spine and fat-tree, with and without failed links),
 * collectives and placements: minimal splitting puts on every fabric link exactly what failure-aware spraying puts
 * there, so the fabric-tier maximum congestion is equal; ECMP (any k) and single path never beat spraying; the
 * number of extra sub-flows is Σ r·(s/g − 1).
 */
class SplittingEqualsSprayingPropertyTest {

    private static final int CASES = 400;

    @Test
    void splittingMatchesSprayingOnEveryGeneratedCase() {
        SplittableRandom rng = new SplittableRandom(20240630);
        int checkedPatterns = 0;
        int withFailures = 0;
        int withSplits = 0;
        for (int c = 0; c < CASES; c++) {
            Fabric fabric = randomFabric(rng);
            List<Phase> phases;
            try {
                phases = randomCollective(rng, fabric);
            } catch (IllegalArgumentException e) {
                continue; // e.g. halving-doubling over a non power of two
            }
            for (Phase phase : phases) {
                TrafficPattern p = phase.pattern();
                RoutedPattern spray;
                try {
                    spray = new SprayingRouter().route(fabric, p, RoutingOptions.loadsOnly());
                } catch (IllegalArgumentException e) {
                    assertThat(e).hasMessageStartingWith("failedLinks:");
                    break; // failures disconnected a leaf pair this collective needs
                }
                RoutedPattern split = new MinimalSplittingRouter().route(fabric, p, RoutingOptions.loadsOnly());
                String where = "case " + c + " " + fabric.kind() + " pattern " + p.label();
                for (int l = 2 * fabric.hostCount(); l < fabric.linkCount(); l++) {
                    assertThat(Rational.of(split.linkUnits()[l], split.denominator()))
                            .as(where + " link " + fabric.linkName(l))
                            .isEqualTo(Rational.of(spray.linkUnits()[l], spray.denominator()));
                }
                Rational sprayMax = LinkLoads.fabricMaxFlows(fabric, spray);
                assertThat(LinkLoads.fabricMaxFlows(fabric, split)).as(where).isEqualTo(sprayMax);
                assertThat(split.extraSubFlows()).as(where).isEqualTo(expectedExtraSubFlows(fabric, p));
                if (split.extraSubFlows() > 0) {
                    withSplits++;
                }
                // without failures spraying is the optimum, so nothing beats it; with failures uniform spraying
                // over healthy paths is no longer optimal (a single path can do better), and the valid floor is a
                // leaf's cross-leaf traffic over its healthy uplinks (downlinks)
                Rational floor = fabric.failedLinkCount() == 0 ? sprayMax : leafFloor(fabric, p);
                for (int k = 1; k <= 3; k++) {
                    RoutedPattern ecmp = RoutingPolicy.ECMP_QP.router(rng.nextLong(), k)
                            .route(fabric, p, RoutingOptions.loadsOnly());
                    assertThat(LinkLoads.fabricMaxFlows(fabric, ecmp)).as(where + " ecmp k=" + k)
                            .isGreaterThanOrEqualTo(floor);
                }
                RoutedPattern single = RoutingPolicy.SINGLE_PATH_OPTIMAL.router(0, 1)
                        .route(fabric, p, RoutingOptions.loadsOnly());
                assertThat(LinkLoads.fabricMaxFlows(fabric, single)).as(where + " single path")
                        .isGreaterThanOrEqualTo(floor);
                assertThat(sprayMax).as(where + " spraying").isGreaterThanOrEqualTo(floor);
                checkedPatterns++;
                if (fabric.failedLinkCount() > 0) {
                    withFailures++;
                }
            }
        }
        assertThat(checkedPatterns).isGreaterThan(CASES);
        assertThat(withFailures).isGreaterThan(CASES / 4);
        assertThat(withSplits).isGreaterThan(CASES / 10);
    }

    @Test
    void sprayingMaximumIsTheLeafTrafficOverTheSpines() {
        // N1 sizes: on a healthy leaf-spine MC_spray = max(out(a), in(b)) / S, an independent formula
        for (int n : new int[] {16, 32}) {
            Fabric fabric = FabricTestSupport.leafSpine(n, n, n);
            for (Collective collective : Collective.values()) {
                for (Placement placement : Placement.values()) {
                    int[] hosts = placement.hostsOf(fabric.hostCount(), n, n, 7);
                    for (Phase phase : collective.phases(hosts, 1 << 20, 3)) {
                        TrafficPattern p = phase.pattern();
                        long[] out = new long[n];
                        long[] in = new long[n];
                        for (int f = 0; f < p.flowCount(); f++) {
                            int a = fabric.leafOf(p.src(f));
                            int b = fabric.leafOf(p.dst(f));
                            if (a != b) {
                                out[a]++;
                                in[b]++;
                            }
                        }
                        long max = 0;
                        for (int i = 0; i < n; i++) {
                            max = Math.max(max, Math.max(out[i], in[i]));
                        }
                        Rational expected = Rational.of(max, n);
                        assertThat(FabricTestSupport.fabricMax(fabric, new SprayingRouter(), p)).isEqualTo(expected);
                        assertThat(FabricTestSupport.fabricMax(fabric, new MinimalSplittingRouter(), p))
                                .as(collective + " " + placement).isEqualTo(expected);
                    }
                }
            }
        }
    }

    /** Lower bound for any routing on a leaf-spine fabric: cross-leaf flows of a leaf over its healthy up/downlinks. */
    private static Rational leafFloor(Fabric fabric, TrafficPattern p) {
        if (!(fabric instanceof io.mlsyslab.network.fabric.topology.LeafSpineFabric ls)) {
            return Rational.ZERO;
        }
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
        Rational floor = Rational.ZERO;
        for (int leaf = 0; leaf < leaves; leaf++) {
            int healthy = 0;
            for (int j = 0; j < ls.spineCount(); j++) {
                if (fabric.isHealthy(ls.upLink(leaf, j))) {
                    healthy++;
                }
            }
            if (healthy == 0) {
                continue; // an isolated leaf: any traffic it has already failed routing above
            }
            Rational r = Rational.of(Math.max(out[leaf], in[leaf]), healthy);
            if (r.compareTo(floor) > 0) {
                floor = r;
            }
        }
        return floor;
    }

    /** Σ over (source host, destination leaf) groups of r·(s/gcd(r,s) − 1), counted independently of the router. */
    private static long expectedExtraSubFlows(Fabric fabric, TrafficPattern p) {
        Map<Long, Integer> groups = new HashMap<>();
        for (int f = 0; f < p.flowCount(); f++) {
            int a = fabric.leafOf(p.src(f));
            int b = fabric.leafOf(p.dst(f));
            if (a != b) {
                groups.merge((long) p.src(f) * fabric.leafCount() + b, 1, Integer::sum);
            }
        }
        long extra = 0;
        for (Map.Entry<Long, Integer> g : groups.entrySet()) {
            int src = (int) (g.getKey() / fabric.leafCount());
            int b = (int) (g.getKey() % fabric.leafCount());
            int s = fabric.healthyPaths(fabric.leafOf(src), b).length;
            int r = g.getValue() % s;
            if (r > 0) {
                int gcd = BigInteger.valueOf(r).gcd(BigInteger.valueOf(s)).intValue();
                extra += (long) r * (s / gcd - 1);
            }
        }
        return extra;
    }

    private static Fabric randomFabric(SplittableRandom rng) {
        boolean failures = rng.nextBoolean();
        if (rng.nextInt(4) == 0) {
            int k = 2 * (1 + rng.nextInt(3));
            FabricSpec spec = FabricSpec.fatTree(k, 100, 500);
            List<FailedLink> failed = new ArrayList<>();
            int half = k / 2;
            if (failures && k > 2) {
                for (int i = rng.nextInt(1, 4); i > 0; i--) {
                    int agg = rng.nextInt(k * half);
                    failed.add(rng.nextBoolean()
                            ? new FailedLink(rng.nextInt(k * half), rng.nextInt(half), FailedLink.Tier.EDGE_AGG)
                            : new FailedLink(agg, (agg % half) * half + rng.nextInt(half), FailedLink.Tier.AGG_CORE));
                }
            }
            return Fabrics.build(spec.withFailures(failed));
        }
        int leaves = rng.nextInt(2, 9);
        int spines = rng.nextInt(1, 9);
        int hosts = rng.nextInt(1, 7);
        List<FailedLink> failed = new ArrayList<>();
        if (failures && spines > 1) {
            for (int i = rng.nextInt(1, leaves + 1); i > 0; i--) {
                failed.add(FailedLink.leafSpine(rng.nextInt(leaves), rng.nextInt(spines)));
            }
        }
        double gbps = rng.nextBoolean() ? 400 : 100;
        return Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, leaves, spines, hosts, 0, gbps,
                (double) (rng.nextBoolean() ? 400 : 200), null, 500, null, failed));
    }

    private static List<Phase> randomCollective(SplittableRandom rng, Fabric fabric) {
        Collective collective = Collective.values()[rng.nextInt(Collective.values().length)];
        Placement placement = Placement.values()[rng.nextInt(Placement.values().length)];
        int ranks = rng.nextInt(2, fabric.hostCount() + 1);
        if (collective == Collective.HALVING_DOUBLING) {
            ranks = Integer.highestOneBit(ranks);
        }
        int[] hosts = placement.hostsOf(ranks, fabric.leafCount(), fabric.hostsPerLeaf(), rng.nextLong());
        List<Phase> phases = new ArrayList<>(collective.phases(hosts, 1 << 20, rng.nextLong()));
        // plus a random multigraph: several flows per (host, leaf) group exercise the remainder rule
        int flows = rng.nextInt(1, 4 * fabric.hostCount());
        int[] s = new int[flows];
        int[] d = new int[flows];
        for (int i = 0; i < flows; i++) {
            s[i] = rng.nextInt(fabric.hostCount());
            d[i] = rng.nextInt(fabric.hostCount());
        }
        phases.add(new Phase(new io.mlsyslab.network.fabric.traffic.ExplicitPattern("random", s, d), 1, 1));
        return phases;
    }
}
