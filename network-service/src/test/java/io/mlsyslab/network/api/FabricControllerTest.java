package io.mlsyslab.network.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlsyslab.network.fabric.analysis.AnalysisReport;
import io.mlsyslab.network.fabric.traffic.SyncSchedule;
import io.mlsyslab.platform.errors.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class FabricControllerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FabricController controller = new FabricController(FabricLimits.DEFAULT, registry);

    private static FabricAnalyzeRequest.FabricBody leafSpine(int leaves, int spines, int hosts) {
        return new FabricAnalyzeRequest.FabricBody(null, leaves, spines, hosts, null, null, null, null, null, null, null);
    }

    private static FabricAnalyzeRequest.TrafficBody traffic(String collective, String placement) {
        return new FabricAnalyzeRequest.TrafficBody(collective, 1.0 * (1 << 20), null, placement, null);
    }

    @Test
    void analysesOverHttpAndComparesWithSpraying() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).build();
        String body = """
                {"fabric": {"leaves": 4, "spines": 4, "hostsPerLeaf": 4},
                 "traffic": {"collective": "ring-all-reduce", "placement": "strided", "messageBytes": 1048576},
                 "policies": ["ecmp", "minimal-splitting", "spraying"], "ecmpTrials": 5}
                """;
        mvc.perform(post("/api/network/fabric/analyze").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fabric.hosts").value(16))
                .andExpect(jsonPath("$.policies[0].policy").value("ecmp"))
                .andExpect(jsonPath("$.policies[0].trials.trials").value(5))
                .andExpect(jsonPath("$.policies[1].fabricEqualsSpraying").value(true))
                .andExpect(jsonPath("$.policies[1].fabricRatioToSpraying").value(1.0))
                .andExpect(jsonPath("$.policies[2].cctMethod").value("max-min-fluid"));
        assertThat(registry.find("network.fabric.analysis").timer().count()).isEqualTo(1);
    }

    @Test
    void replaysASyncSchedule() {
        var schedule = new SyncSchedule(SyncSchedule.FORMAT, 8, List.of(
                new SyncSchedule.SyncEvent(0.0, null, 1e6, null, "outer-1"),
                new SyncSchedule.SyncEvent(0.5, List.of(0, 2, 4, 6), 2e6, "all-to-all", "fragment")));
        AnalysisReport r = controller.analyze(new FabricAnalyzeRequest(leafSpine(4, 2, 2),
                new FabricAnalyzeRequest.TrafficBody(null, null, null, "strided", schedule), null, 3, 1L, 2));
        assertThat(r.workload().episodes()).isEqualTo(2);
        AnalysisReport.PolicyReport spray = r.policies().stream().filter(p -> p.policy().equals("spraying")).findFirst()
                .orElseThrow();
        assertThat(spray.makespanSeconds()).isGreaterThanOrEqualTo(0.5 + 0);
        assertThat(spray.makespanSeconds()).isLessThan(0.5 + spray.cctSeconds());
    }

    @Test
    void badTopologiesAre422NamingTheField() {
        assertProblem(422, "fabric.hostLinkGbps", () -> controller.analyze(new FabricAnalyzeRequest(
                new FabricAnalyzeRequest.FabricBody(null, 4, 4, 4, null, 0.0, null, null, null, null, null),
                null, null, 1, null, null)));
        assertProblem(422, "fabric.spines", () -> controller.analyze(new FabricAnalyzeRequest(
                new FabricAnalyzeRequest.FabricBody(null, 4, 40, 32, null, null, null, null, null, 64, null),
                null, null, 1, null, null)));
        assertProblem(422, "fabric.failedLinks[0].upper", () -> controller.analyze(new FabricAnalyzeRequest(
                new FabricAnalyzeRequest.FabricBody(null, 4, 4, 4, null, null, null, null, null, null,
                        List.of(new FabricAnalyzeRequest.FailedLinkBody(0, 9, null, null, null))),
                null, null, 1, null, null)));
        // every uplink of leaf 0 failed: leaf 0 cannot reach anyone
        var allDown = List.of(new FabricAnalyzeRequest.FailedLinkBody(0, 0, null, null, null),
                new FabricAnalyzeRequest.FailedLinkBody(0, 1, null, null, null));
        assertProblem(422, "fabric.failedLinks", () -> controller.analyze(new FabricAnalyzeRequest(
                new FabricAnalyzeRequest.FabricBody(null, 2, 2, 2, null, null, null, null, null, null, allDown),
                traffic("permutation", "strided"), null, 1, null, null)));
        assertProblem(422, "traffic.ranks", () -> controller.analyze(new FabricAnalyzeRequest(leafSpine(4, 4, 4),
                new FabricAnalyzeRequest.TrafficBody("halving-doubling", 1e6, 12, null, null), null, 1, null, null)));
        assertProblem(422, "traffic.collective", () -> controller.analyze(new FabricAnalyzeRequest(leafSpine(4, 4, 4),
                traffic("broadcast", null), null, 1, null, null)));
        assertProblem(422, "policies[1]", () -> controller.analyze(new FabricAnalyzeRequest(leafSpine(4, 4, 4),
                null, List.of("ecmp", "reps"), 1, null, null)));
        assertProblem(400, "fabric", () -> controller.analyze(new FabricAnalyzeRequest(null, null, null, 1, null,
                null)));
    }

    @Test
    void oversizedRequestsAre413NamingTheField() {
        assertProblem(413, "fabric.hostsPerLeaf", () -> controller.analyze(new FabricAnalyzeRequest(
                leafSpine(4096, 64, 64), null, null, 1, null, null)));
        assertProblem(413, "traffic.ranks", () -> controller.analyze(new FabricAnalyzeRequest(
                leafSpine(128, 64, 64), traffic("all-to-all", null), null, 1, null, null)));
        assertProblem(413, "ecmpTrials", () -> controller.analyze(new FabricAnalyzeRequest(
                leafSpine(4, 4, 4), null, null, 5000, null, null)));
        assertProblem(413, "ecmpTrials", () -> controller.analyze(new FabricAnalyzeRequest(
                leafSpine(512, 64, 64), traffic("permutation", null), null, 1000, null, 4)));
    }

    private static void assertProblem(int status, String field, Runnable call) {
        ProblemException e = catchThrowableOfType(ProblemException.class, call::run);
        assertThat(e).as("expected a problem for " + field).isNotNull();
        assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) e.properties().get("errors");
        assertThat(errors.getFirst().get("field")).as(e.getMessage()).isEqualTo(field);
    }
}
