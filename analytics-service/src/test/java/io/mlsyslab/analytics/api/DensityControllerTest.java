package io.mlsyslab.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlsyslab.analytics.kde.Bandwidth;
import io.mlsyslab.analytics.kde.GaussianSample;
import io.mlsyslab.analytics.kde.Kernel;
import io.mlsyslab.analytics.config.DensityLimits;
import io.mlsyslab.analytics.kde.KernelDensity;
import io.mlsyslab.analytics.regimes.RegimeTheory;
import io.mlsyslab.platform.errors.ProblemHandler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DensityControllerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new DensityController(new DensityLimits(1000, 50, 20_000, 10_000, 1_000_000_000L,
                    2_000_000L), 2, meters))
            .setControllerAdvice(new ProblemHandler()).build();

    private JsonNode postJson(String body, int expectedStatus) throws Exception {
        MvcResult r = mvc.perform(post("/api/analytics/kde/density").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().is(expectedStatus)).andReturn();
        return JSON.readTree(r.getResponse().getContentAsString());
    }

    @Test
    void everyAnswerCountsItsQueryPointsAndKernelPairs() throws Exception {
        postJson("""
                {"data": [[0, 0], [1, 0], [0, 2]], "queries": [[0.5, 0.5], [3, 3]], "bandwidth": 0.7}""", 200);
        postJson("""
                {"data": {"gaussian": {"n": 40, "d": 2, "seed": 1}}, "queries": [[0, 0]], "bandwidth": 0.5}""", 200);
        postJson("{\"data\":[[1,2],[3]]}", 400);
        assertThat(meters.get("analytics.kde.evaluations").tag("kernel", "gaussian").counter().count()).isEqualTo(3);
        assertThat(meters.get("analytics.kde.pairs").tag("kernel", "gaussian").counter().count())
                .isEqualTo(3 * 2 + 40 * 1);
        assertThat(meters.get("analytics.kde.evaluation").timer().count()).isEqualTo(2);
    }

    @Test
    void inlineRowsWithANumericBandwidthEqualTheEngine() throws Exception {
        JsonNode r = postJson("""
                {"data": [[0, 0], [1, 0], [0, 2]], "queries": [[0.5, 0.5], [3, 3]], "bandwidth": 0.7}""", 200);
        double[] want = KernelDensity.fit(new double[] {0, 0, 1, 0, 0, 2}, 3, 2, new Kernel.Gaussian(),
                new Bandwidth.Isotropic(0.7), 1).logDensity(new double[] {0.5, 0.5, 3, 3}, 2);
        // to rounding (exp/log may round differently in interpreted and compiled code)
        assertThat(r.get("logDensity").get(0).asDouble()).isCloseTo(want[0], within(1e-12 * Math.abs(want[0])));
        assertThat(r.get("logDensity").get(1).asDouble()).isCloseTo(want[1], within(1e-12 * Math.abs(want[1])));
        assertThat(r.get("bandwidth").get("shape").asString()).isEqualTo("isotropic");
        assertThat(r.get("bandwidth").get("h").asDouble()).isEqualTo(0.7);
        assertThat(r.get("kernel").asString()).isEqualTo("gaussian");
    }

    @Test
    void generatorSpecWithScottRuleReportsTheFullMatrix() throws Exception {
        JsonNode r = postJson("""
                {"data": {"gaussian": {"n": 300, "d": 3, "sigma": 2.0, "seed": 7}},
                 "queries": {"gaussian": {"n": 5, "d": 3, "seed": 8}}}""", 200);
        assertThat(r.get("n").asInt()).isEqualTo(300);
        assertThat(r.get("bandwidth").get("rule").asString()).isEqualTo("scott");
        assertThat(r.get("bandwidth").get("shape").asString()).isEqualTo("full");
        double h00 = r.get("bandwidth").get("matrix").get(0).get(0).asDouble();
        // sigma^2 * n^(-2/(d+4)) up to sampling noise
        assertThat(h00).isBetween(0.7 * 4 * Math.pow(300, -2.0 / 7), 1.3 * 4 * Math.pow(300, -2.0 / 7));
        double[] data = GaussianSample.generate(300, 3, 2.0, 7);
        double[] queries = GaussianSample.generate(5, 3, 1.0, 8);
        double[] matrix = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                matrix[i * 3 + j] = r.get("bandwidth").get("matrix").get(i).get(j).asDouble();
            }
        }
        double[] want = KernelDensity.fit(data, 300, 3, new Kernel.Gaussian(), new Bandwidth.Full(matrix, 3), 1)
                .logDensity(queries, 5);
        for (int i = 0; i < 5; i++) {
            // to rounding: the service's fit and this one may round exp/log differently (interpreted vs compiled
            // code, seen once as a 1-ulp difference); a different matrix would be off by far more
            assertThat(r.get("logDensity").get(i).asDouble()).isCloseTo(want[i], within(1e-12 * Math.abs(want[i])));
        }
    }

    @Test
    void theoryRuleUsesTheRegimeTheorysKlOptimum() throws Exception {
        JsonNode r = postJson("""
                {"data": {"gaussian": {"n": 500, "d": 20, "seed": 1}}, "queries": {"gaussian": {"n": 2, "d": 20}},
                 "bandwidth": "high-dimensional"}""", 200);
        double h = r.get("bandwidth").get("h").asDouble();
        double hKl = RegimeTheory.hKl(Math.log(500) / 20, 1.0);
        assertThat(h).isBetween(0.95 * hKl, 1.05 * hKl);
        assertThat(r.get("bandwidth").get("rule").asString()).isEqualTo("high-dimensional");
        JsonNode finite = postJson("""
                {"data": {"gaussian": {"n": 500, "d": 20, "seed": 1}}, "queries": {"gaussian": {"n": 2, "d": 20}},
                 "bandwidth": "high-dimensional-finite"}""", 200);
        // the finite-size correction moves h up, towards the measured optimum
        assertThat(finite.get("bandwidth").get("h").asDouble()).isGreaterThan(h);
    }

    @Test
    void crossValidationAndCompactKernelNulls() throws Exception {
        JsonNode r = postJson("""
                {"data": {"gaussian": {"n": 100, "d": 2, "seed": 3}}, "queries": [[0, 0], [50, 50]],
                 "kernel": "epanechnikov", "bandwidth": "cv-ml"}""", 200);
        assertThat(r.get("bandwidth").get("rule").asString()).isEqualTo("cv-ml");
        assertThat(r.get("logDensity").get(0).isNumber()).isTrue();
        assertThat(r.get("logDensity").get(1).isNull()).isTrue();
    }

    @Test
    void binaryFloat32BodyWithShapeHeaders() throws Exception {
        float[] values = {0, 0, 1, 0, 0, 2, /* query */ 0.25f, 0.5f};
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        MvcResult res = mvc.perform(post("/api/analytics/kde/density?bandwidth=0.5&kernel=student-t&degreesOfFreedom=3")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(buf.array())
                        .header("X-KDE-N", 3).header("X-KDE-D", 2).header("X-KDE-M", 1))
                .andExpect(status().isOk()).andReturn();
        JsonNode r = JSON.readTree(res.getResponse().getContentAsString());
        double want = KernelDensity.fit(new double[] {0, 0, 1, 0, 0, 2}, 3, 2, new Kernel.StudentT(3),
                new Bandwidth.Isotropic(0.5), 1).logDensity(new double[] {0.25, 0.5}, 1)[0];
        assertThat(r.get("logDensity").get(0).asDouble()).isEqualTo(want);
        assertThat(r.get("degreesOfFreedom").asDouble()).isEqualTo(3.0);
        mvc.perform(post("/api/analytics/kde/density?n=3&d=2&m=2").contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content(buf.array()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void limitsAnswer413NamingTheField() throws Exception {
        JsonNode r = postJson("""
                {"data": {"gaussian": {"n": 5000, "d": 2}}, "queries": [[0, 0]]}""", 413);
        assertThat(r.get("errors").get(0).get("field").asString()).isEqualTo("data");
        r = postJson("""
                {"data": {"gaussian": {"n": 10, "d": 51}}, "queries": [[0, 0]]}""", 413);
        assertThat(r.get("errors").get(0).get("field").asString()).isEqualTo("data");
        r = postJson("""
                {"data": {"gaussian": {"n": 10, "d": 2}}, "queries": {"gaussian": {"n": 6000, "d": 2}}}""", 413);
        assertThat(r.get("errors").get(0).get("field").asString()).isEqualTo("queries");
        r = postJson("""
                {"data": {"gaussian": {"n": 1000, "d": 20}}, "queries": {"gaussian": {"n": 1, "d": 20}}, "bandwidth": "cv-ml"}""", 413);
        assertThat(r.get("errors").get(0).get("field").asString()).isEqualTo("bandwidth");
    }

    @Test
    void badInputsAnswer400Or422NamingTheField() throws Exception {
        assertThat(postJson("""
                {"data": [[0, 0], [1]], "queries": [[0, 0]]}""", 400).get("errors").get(0).get("field").asString())
                .isEqualTo("data");
        assertThat(postJson("""
                {"data": [[0, 0], [1, 1]], "queries": [[0, 0, 0]], "bandwidth": 1}""", 422)
                .get("errors").get(0).get("field").asString()).isEqualTo("queries");
        assertThat(postJson("""
                {"data": [[0, 0], [1, 1]], "queries": [[0, 0]], "bandwidth": -1}""", 422)
                .get("errors").get(0).get("field").asString()).isEqualTo("bandwidth");
        assertThat(postJson("""
                {"data": [[0, 0], [1, 1]], "queries": [[0, 0]], "bandwidth": "magic"}""", 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("bandwidth");
        assertThat(postJson("""
                {"data": [[0, 0], [1, 1]], "queries": [[0, 0]], "kernel": "box", "bandwidth": 1}""", 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("kernel");
        assertThat(postJson("""
                {"data": {"gaussian": {"n": 10, "d": 2, "sigma": -1}}, "queries": [[0, 0]]}""", 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("data.gaussian.sigma");
        assertThat(postJson("""
                {"queries": [[0, 0]]}""", 400).get("errors").get(0).get("field").asString()).isEqualTo("data");
    }
}
