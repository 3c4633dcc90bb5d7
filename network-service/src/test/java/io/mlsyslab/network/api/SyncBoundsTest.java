package io.mlsyslab.network.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.mlsyslab.network.runs.SprayingStudyRun;
import io.mlsyslab.network.runs.WirelessCrossLayerRun;
import io.mlsyslab.platform.config.StrictJson;
import io.mlsyslab.platform.errors.ProblemHandler;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.platform.runs.RunKindRegistry;
import jakarta.validation.Validation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The synchronous fabric and wireless endpoints take exactly the ranges the run kinds publish for the same quantities
 * (read from the kinds' schemas, so the test follows the one source): a value at a bound is answered, one just
 * beyond it is a 400 naming the field, and no answer holds NaN or infinity.
 */
class SyncBoundsTest {

    private static final String SMALL_FABRIC = "\"leaves\":2,\"spines\":2,\"hostsPerLeaf\":2";
    private static final String SHORT_SCENARIO = "\"seeds\":1,\"stacks\":[\"L0\"],\"durationSeconds\":1";

    private final RunKindRegistry registry = new RunKindRegistry(
            List.<RunKind<?, ?>>of(new SprayingStudyRun(), new WirelessCrossLayerRun()),
            StrictJson.apply(JsonMapper.builder()).build(), Validation.buildDefaultValidatorFactory().getValidator());
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FabricController(FabricLimits.DEFAULT,
                    (io.micrometer.core.instrument.MeterRegistry) null), new WirelessController(WirelessLimits.DEFAULT))
            .setControllerAdvice(new ProblemHandler()).build();

    /** The run kind's published range of a param (of its items, for a list). */
    private JsonNode range(String kind, String param) {
        JsonNode info = registry.describe().stream().filter(k -> k.name().equals(kind)).findFirst().orElseThrow()
                .paramsSchema().path("properties").path(param);
        return info.has("items") ? info.path("items") : info;
    }

    @Test
    void fabricAnalyzeTakesTheSprayingStudysRanges() throws Exception {
        // sync field -> body template, run kind param
        Map<String, String[]> fields = Map.of(
                "fabric.hostLinkGbps", new String[]{"{\"fabric\":{" + SMALL_FABRIC + ",\"hostLinkGbps\":%s}}", "linkGbps"},
                "fabric.fabricLinkGbps", new String[]{"{\"fabric\":{" + SMALL_FABRIC + ",\"fabricLinkGbps\":%s}}", "linkGbps"},
                "fabric.linkLatencyNs", new String[]{"{\"fabric\":{" + SMALL_FABRIC + ",\"linkLatencyNs\":%s}}", "linkLatencyNs"},
                "traffic.messageBytes", new String[]{"{\"fabric\":{" + SMALL_FABRIC + "},\"traffic\":{\"messageBytes\":%s}}",
                        "messageBytes"},
                "queuePairs", new String[]{"{\"fabric\":{" + SMALL_FABRIC + "},\"queuePairs\":%s}", "queuePairs"});
        fields.forEach((field, spec) -> checkRange("/api/network/fabric/analyze", field, spec[0],
                range("spraying-study", spec[1])));
    }

    @Test
    void wirelessSimulateTakesTheCrossLayerRunsRanges() {
        for (String param : List.of("users", "durationSeconds", "meanSnrDb", "dopplerHz", "feedbackDelaySlots",
                "retryLimit", "playoutBufferMs", "lossTarget", "burstGoodToBad", "burstBadToGood")) {
            String others = param.equals("durationSeconds") ? "\"seeds\":1,\"stacks\":[\"L0\"]" : SHORT_SCENARIO;
            checkRange("/api/network/wireless/simulate", param, "{" + others + ",\"" + param + "\":%s}",
                    range("wireless-crosslayer", param));
        }
    }

    @Test
    void hugeLinkSpeedsAndOversubscriptionAreRefusedNotComputedIntoNaN() throws Exception {
        for (String fabric : List.of("\"hostLinkGbps\":1e308", "\"oversubscription\":1e-308",
                "\"oversubscription\":1e308", "\"fabricLinkGbps\":4.9e-324")) {
            MockHttpServletResponse answer = send("/api/network/fabric/analyze",
                    "{\"fabric\":{" + SMALL_FABRIC + "," + fabric + "}}");
            assertThat(answer.getStatus()).as(fabric).isEqualTo(400);
            assertThat(answer.getContentAsString()).as(fabric).contains("\"field\":\"fabric.")
                    .doesNotContain("NaN", "Infinity");
        }
    }

    private void checkRange(String path, String field, String template, JsonNode range) {
        try {
            boolean integer = range.path("type").asString().equals("integer");
            double min = range.path("minimum").asDouble();
            double max = range.path("maximum").asDouble();
            for (double inside : new double[]{min, max}) {
                MockHttpServletResponse answer = send(path, template.formatted(literal(inside, integer)));
                assertThat(answer.getStatus()).as(field + " = " + inside + ": " + answer.getContentAsString())
                        .isEqualTo(200);
                assertThat(answer.getContentAsString()).as(field).doesNotContain("NaN", "Infinity");
            }
            double below = integer ? min - 1 : Math.nextDown(min);
            double above = integer ? max + 1 : Math.nextUp(max);
            for (double outside : new double[]{below, above}) {
                MockHttpServletResponse answer = send(path, template.formatted(literal(outside, integer)));
                assertThat(answer.getStatus()).as(field + " = " + outside).isEqualTo(400);
                assertThat(answer.getContentAsString()).as(field + " = " + outside)
                        .contains("\"field\":\"" + field + "\"");
            }
        } catch (Exception e) {
            throw new AssertionError(field, e);
        }
    }

    private static String literal(double value, boolean integer) {
        return integer ? Long.toString((long) value) : Double.toString(value);
    }

    private MockHttpServletResponse send(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
    }
}
