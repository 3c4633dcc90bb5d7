package io.mlsyslab.network.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.platform.errors.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WirelessControllerTest {

    private final WirelessController controller = new WirelessController(WirelessLimits.DEFAULT);

    private static WirelessSimulateRequest request(Integer users, Double duration, Integer seeds, Double snr,
            String fading, List<String> stacks) {
        return new WirelessSimulateRequest(users, duration, seeds, 3L, null, fading, null, snr, null, null, null, null,
                null, null, null, null, stacks);
    }

    /** The controller throws a problem, or the engine's typed field errors that the platform's handler renders. */
    private static void assertProblem(int status, String field, Runnable call) {
        RuntimeException thrown = assertThrows(RuntimeException.class, call::run);
        ProblemException e = thrown instanceof FieldErrorException typed ? ProblemException.of(typed)
                : assertInstanceOf(ProblemException.class, thrown);
        assertEquals(status, e.status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) e.properties().get("errors");
        assertEquals(field, errors.getFirst().get("field"), e.getMessage());
    }

    @Test
    void simulatesAScenarioForEachStackWithConfidenceIntervals() {
        WirelessSimulateResponse r = controller.simulate(request(2, 2.0, 3, 12.0, "JAKES", List.of("L0", "x")));
        assertEquals(List.of("L0", "X"), r.stacks().stream().map(WirelessSimulateResponse.StackResult::stack).toList());
        assertEquals(6, r.simulations());
        WirelessSimulateResponse.Metric goodput = r.stacks().get(1).metrics().get("goodputBps");
        assertTrue(goodput.mean() > 0);
        assertTrue(goodput.halfWidth95() >= 0);
        String json = JsonMapper.builder().build().writeValueAsString(r);
        assertTrue(json.contains("\"deadlineMissRate\""));
        assertFalse(json.contains("NaN"));
    }

    @Test
    void saturatedTrafficHasNoVideoMetrics() {
        WirelessSimulateRequest req = new WirelessSimulateRequest(1, 2.0, 2, 1L, "saturated", null, "ieee80211ag",
                null, null, null, null, 2, 0.01, null, null, null, List.of("X"));
        WirelessSimulateResponse r = controller.simulate(req);
        assertTrue(r.stacks().getFirst().metrics().get("spectralEfficiency").mean() > 0);
        assertEquals(null, r.stacks().getFirst().metrics().get("psnrMeanDb").mean());
    }

    @Test
    void requestsBeyondTheLimitsAre413NamingTheField() {
        assertProblem(413, "users", () -> controller.simulate(request(9, 1.0, 1, null, null, null)));
        assertProblem(413, "durationSeconds", () -> controller.simulate(request(1, 61.0, 1, null, null, null)));
        assertProblem(413, "seeds", () -> controller.simulate(request(1, 1.0, 21, null, null, null)));
        assertProblem(413, "durationSeconds", () -> controller.simulate(request(8, 60.0, 20, null, null, null)));
        assertProblem(413, "stacks", () -> controller.simulate(request(1, 1.0, 1, null, null,
                List.of("L0", "L1", "X", "X", "X", "X", "X", "X", "X"))));
    }

    @Test
    void parametersTheEngineRejectsAre422NamingTheField() {
        assertProblem(422, "meanSnrDb", () -> controller.simulate(request(1, 1.0, 1, 80.0, null, null)));
        assertProblem(422, "fading", () -> controller.simulate(request(1, 1.0, 1, null, "RICIAN", null)));
        assertProblem(422, "stacks", () -> controller.simulate(request(1, 1.0, 1, null, null, List.of("L9"))));
        assertProblem(422, "users", () -> controller.simulate(request(0, 1.0, 1, null, null, null)));
        assertProblem(422, "durationSeconds", () -> controller.simulate(request(1, 0.0, 1, null, null, null)));
        assertProblem(422, "stacks", () -> controller.simulate(request(1, 1.0, 1, null, null, List.of())));
    }
}
