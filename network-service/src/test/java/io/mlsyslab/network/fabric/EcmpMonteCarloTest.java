package io.mlsyslab.network.fabric;

import io.mlsyslab.network.fabric.analysis.LinkLoads;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.routing.SprayingRouter;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Placement;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * N3: mean ECMP/spraying ratio of the fabric-tier maximum congestion on a 16x16x16 fabric. The digest's Monte Carlo
 * (4.66 permutation, 4.53 strided ring, 1.21 all-to-all) is matched within ±10%, and the committed NumPy reference
 * (src/test/python/ecmp_monte_carlo.py, more draws) within three standard errors of our mean plus 2%.
 */
class EcmpMonteCarloTest {

    private static final Fabric FABRIC = FabricTestSupport.leafSpine(16, 16, 16);

    @Test
    void permutation() throws Exception {
        double[] r = new double[300];
        for (int i = 0; i < r.length; i++) {
            int[] hosts = Placement.CONTIGUOUS.hostsOf(256, 16, 16, 0);
            TrafficPattern p = Collective.PERMUTATION.phases(hosts, 1, 1000 + i).getFirst().pattern();
            r[i] = ratio(p, 77 + i);
        }
        check(r, 4.66, reference("permutation"));
    }

    @Test
    void strideRing() throws Exception {
        int[] hosts = Placement.STRIDED.hostsOf(256, 16, 16, 0);
        TrafficPattern p = Collective.RING_ALL_REDUCE.phases(hosts, 1, 0).getFirst().pattern();
        double[] r = new double[300];
        for (int i = 0; i < r.length; i++) {
            r[i] = ratio(p, 5000 + i);
        }
        check(r, 4.53, reference("ringStrided"));
    }

    @Test
    void allToAll() throws Exception {
        int[] hosts = Placement.CONTIGUOUS.hostsOf(256, 16, 16, 0);
        TrafficPattern p = Collective.ALL_TO_ALL.phases(hosts, 1, 0).getFirst().pattern();
        double[] r = new double[30];
        for (int i = 0; i < r.length; i++) {
            r[i] = ratio(p, 9000 + i);
        }
        check(r, 1.21, reference("allToAll"));
    }

    private static double ratio(TrafficPattern p, long seed) {
        double ecmp = LinkLoads.fabricMaxFlows(FABRIC, RoutingPolicy.ECMP.router(seed, 1)
                .route(FABRIC, p, RoutingOptions.loadsOnly())).toDouble();
        double spray = LinkLoads.fabricMaxFlows(FABRIC, new SprayingRouter()
                .route(FABRIC, p, RoutingOptions.loadsOnly())).toDouble();
        return ecmp / spray;
    }

    private static void check(double[] r, double digest, JsonNode reference) {
        double mean = 0;
        for (double x : r) {
            mean += x / r.length;
        }
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean) / (r.length - 1);
        }
        double se = Math.sqrt(var / r.length);
        assertThat(mean).as("digest band").isCloseTo(digest, within(0.10 * digest));
        double ref = reference.get("mean").asDouble();
        assertThat(mean).as("NumPy reference").isCloseTo(ref, within(3 * se + 0.02 * ref));
    }

    private static JsonNode reference(String name) throws Exception {
        try (InputStream in = EcmpMonteCarloTest.class.getResourceAsStream("/fabric/ecmp-monte-carlo.json")) {
            return JsonMapper.builder().build().readTree(in).get(name);
        }
    }
}
