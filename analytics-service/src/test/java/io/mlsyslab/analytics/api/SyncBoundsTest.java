package io.mlsyslab.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.mlsyslab.analytics.config.DensityLimits;
import io.mlsyslab.analytics.runs.KdeRegimesRun;
import io.mlsyslab.platform.config.StrictJson;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.errors.ProblemHandler;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.platform.runs.RunKindRegistry;
import jakarta.validation.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The synchronous KDE endpoints take exactly the ranges the {@code kde-regimes} run kind publishes for the same
 * quantities (read from its schema, so the test follows the one source), and no answer holds NaN or infinity.
 */
class SyncBoundsTest {

    private final JsonMapper json = StrictJson.apply(JsonMapper.builder()).build();
    private final RunKindRegistry registry = new RunKindRegistry(List.<RunKind<?, ?>>of(new KdeRegimesRun()), json,
            Validation.buildDefaultValidatorFactory().getValidator());
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new RegimesController(),
                    new DensityController(DensityLimits.defaults(), 1))
            .setControllerAdvice(new ProblemHandler()).build();

    private JsonNode runKindBound(String param, String bound) {
        JsonNode schema = registry.describe().getFirst().paramsSchema().path("properties").path(param);
        JsonNode value = schema.path(bound).isMissingNode() ? schema.path("exclusiveM" + bound.substring(1))
                : schema.path(bound);
        assertThat(value.isNumber()).as(param + " " + bound + " in " + schema).isTrue();
        return value;
    }

    private MockHttpServletResponse regimes(String param, String value) throws Exception {
        var request = get("/api/analytics/kde/regimes").param(param, value);
        if (!param.equals("alpha")) {
            request.param("alpha", "0.1"); // alpha · d within the finite-size corrections up to d = 200
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String beyond(JsonNode bound, boolean above) {
        double v = bound.asDouble();
        return Double.toString(above ? Math.nextUp(v) : Math.nextDown(v));
    }

    @Test
    void regimesTakesTheRunKindsRangesOfAlphaSigmaAndD() throws Exception {
        for (String param : List.of("alpha", "sigma", "d")) {
            JsonNode min = runKindBound(param, "minimum");
            JsonNode max = runKindBound(param, "maximum");
            assertThat(regimes(param, min.asString()).getStatus()).as(param + " = " + min).isEqualTo(200);
            assertThat(regimes(param, max.asString()).getStatus()).as(param + " = " + max).isEqualTo(200);
            String below = param.equals("d") ? Integer.toString(min.asInt() - 1) : beyond(min, false);
            String above = param.equals("d") ? Integer.toString(max.asInt() + 1) : beyond(max, true);
            for (String outside : List.of(below, above)) {
                MockHttpServletResponse refused = regimes(param, outside);
                assertThat(refused.getStatus()).as(param + " = " + outside).isEqualTo(400);
                assertThat(refused.getContentAsString()).contains("\"field\":\"" + param + "\"");
            }
        }
    }

    @Test
    void aSubnormalSigmaIsRefusedWhenTheRunIsPostedNotWhenItRuns() {
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> registry.bind(
                registry.find("kde-regimes").orElseThrow(), json.readTree("{\"sigma\":4.9e-324}")));
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.properties().toString()).contains("params.sigma");
        // and the sync endpoint agrees
        assertThat(catchThrowableOfType(ProblemException.class, () -> registry.bind(
                registry.find("kde-regimes").orElseThrow(), json.readTree("{\"sigma\":1e-6}")))).isNull();
    }

    @Test
    void densityGeneratorSigmaHasTheSameRangeAndNoAnswerHoldsNaN() throws Exception {
        double sigmaMin = runKindBound("sigma", "minimum").asDouble();
        String[][] refusedBodies = {
                {"data.gaussian.sigma", gaussian(Math.nextDown(sigmaMin))},
                {"data.gaussian.sigma", gaussian(1e308)},
                {"bandwidth", "{\"data\":[[0],[1]],\"queries\":[[0]],\"bandwidth\":4.9e-324}"},
                {"bandwidth", "{\"data\":[[0,0],[1,1]],\"queries\":[[0,0]],\"bandwidth\":[1,1e-320]}"},
                {"data", "{\"data\":[[1e308],[-1e308]],\"queries\":[[0]]}"},
                {"queries", "{\"data\":[[0],[1]],\"queries\":[[1e300]]}"}};
        for (String[] body : refusedBodies) {
            MockHttpServletResponse answer = mvc.perform(post("/api/analytics/kde/density")
                    .contentType(MediaType.APPLICATION_JSON).content(body[1])).andReturn().getResponse();
            assertThat(answer.getStatus()).as(body[1]).isBetween(400, 422);
            assertThat(answer.getContentAsString()).as(body[1]).contains("\"field\":\"" + body[0] + "\"")
                    .doesNotContain("NaN", "Infinity");
        }
        MockHttpServletResponse atMin = mvc.perform(post("/api/analytics/kde/density")
                .contentType(MediaType.APPLICATION_JSON).content(gaussian(sigmaMin))).andReturn().getResponse();
        assertThat(atMin.getStatus()).isEqualTo(200);
        assertThat(atMin.getContentAsString()).doesNotContain("NaN", "Infinity");
    }

    private static String gaussian(double sigma) {
        return "{\"data\":{\"gaussian\":{\"n\":50,\"d\":3,\"sigma\":" + sigma + "}},"
                + "\"queries\":{\"gaussian\":{\"n\":5,\"d\":3,\"sigma\":" + sigma + "}}}";
    }
}
