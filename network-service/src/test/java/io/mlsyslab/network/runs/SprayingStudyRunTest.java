package io.mlsyslab.network.runs;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Placement;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.runs.RunKindRegistry;
import io.mlsyslab.platform.test.RecordingRunContext;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SprayingStudyRunTest {

    private static SprayingStudyParams small() {
        return new SprayingStudyParams(List.of(4), List.of(Collective.RING_ALL_REDUCE, Collective.PERMUTATION),
                List.of(Placement.STRIDED),
                List.of(0, 2), List.of(1e4, 1e8), null, 3, 2, null, null, 5L);
    }

    @Test
    void sweepsAndComparesEveryPolicyWithSpraying() {
        RecordingRunContext ctx = new RecordingRunContext();
        SprayingStudyResult r = new SprayingStudyRun().execute(small(), ctx);
        assertThat(r.points()).isEqualTo(8);
        assertThat(r.rows()).hasSize(8 * 5);
        assertThat(r.splittingEqualsSprayingEverywhere()).isTrue();
        for (SprayingStudyResult.Row row : r.rows()) {
            if (row.policy().equals("minimal-splitting")) {
                assertThat(row.fabricRatio()).isEqualTo(1.0);
            }
            if (row.failedLinks() == 0 && !row.policy().equals("spraying")) {
                assertThat(row.fabricRatio()).as(row.toString()).isGreaterThanOrEqualTo(1.0);
            }
        }
        // latency dominates small messages, so ECMP's completion-time penalty grows with message size
        double small = cctRatio(r, 1e4);
        double large = cctRatio(r, 1e8);
        assertThat(large).isGreaterThan(small);
        assertThat(ctx.lastProgress()).isEqualTo(1.0);
        assertThat(ctx.metrics.get("analysisSeconds")).hasSize(8);
        assertThat(ctx.metrics.get("cctRatio.ecmp")).hasSize(8);
        String svg = new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("ecmp / ring-all-reduce");
    }

    private static double cctRatio(SprayingStudyResult r, double bytes) {
        return r.rows().stream().filter(x -> x.policy().equals("ecmp") && x.failedLinks() == 0
                        && x.collective().equals("permutation") && x.messageBytes() == bytes)
                .findFirst().orElseThrow().cctRatioMean();
    }

    @Test
    void paramsAreValidatedAndDefaulted() {
        Validator v = Validation.buildDefaultValidatorFactory().getValidator();
        SprayingStudyParams defaults = new SprayingStudyParams(null, null, null, null, null, null, null, null, null,
                null, null);
        assertThat(v.validate(defaults)).isEmpty();
        assertThat(defaults.points()).isEqualTo(2 * 3 * 2 * 2 * 3);
        SprayingStudyParams bad = new SprayingStudyParams(List.of(64), List.of(), null, null, null, null,
                null, null, 0.0, null, null);
        assertThat(v.validate(bad)).extracting(c -> c.getPropertyPath().toString().replaceAll("\\[.*", ""))
                .contains("fabricSizes", "collectives", "linkGbps");
    }

    private final RunKindRegistry registry = new RunKindRegistry(List.of(new SprayingStudyRun()),
            JsonMapper.builder().build(), Validation.buildDefaultValidatorFactory().getValidator());

    private ProblemException submit(String params) {
        SprayingStudyRun kind = new SprayingStudyRun();
        return catchThrowableOfType(ProblemException.class,
                () -> registry.bind(kind, JsonMapper.builder().build().readTree(params)));
    }

    @SuppressWarnings("unchecked")
    private static String field(ProblemException e) {
        return ((List<Map<String, String>>) e.properties().get("errors")).getFirst().get("field");
    }

    @Test
    void theLargestSweepTheSchemaAllowsIsRefusedAtSubmissionNotAtExecution() {
        // 4 x 5 x 3 x 4 x 8 = 1,920 points: every list at its schema maximum, 413 when the params are bound
        ProblemException e = submit("""
                {"fabricSizes":[2,3,4,5],
                 "collectives":["ring-all-reduce","halving-doubling","all-to-all","permutation","double-binary-tree"],
                 "placements":["contiguous","strided","random"],"failedLinks":[0,1,2,2],
                 "messageBytes":[1,2,3,4,5,6,7,8]}""");
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(413);
        assertThat(field(e)).isEqualTo("params.messageBytes");
        assertThat(e.getMessage()).contains("1920 sweep points, at most 400");
        assertThatThrownBy(() -> new SprayingStudyParams(List.of(2, 3, 4, 5), null, List.of(Placement.values()),
                List.of(0, 1, 2, 3), List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0), null, 1, 1, null, null, null))
                .isInstanceOfSatisfying(FieldErrorException.class,
                        t -> assertThat(t.reason()).isEqualTo(FieldErrorException.Reason.TOO_LARGE));
    }

    @Test
    void moreFailuresThanLeavesAreRefusedAtSubmissionNamingTheElement() {
        ProblemException e = submit("""
                {"fabricSizes":[4,8],"failedLinks":[0,5]}""");
        assertThat(e.status()).isEqualTo(422);
        assertThat(field(e)).isEqualTo("params.failedLinks[1]");
    }

    @Test
    void vocabulariesBindByWireNameAndUnknownNamesAre400sNamingTheElement() {
        SprayingStudyParams p = (SprayingStudyParams) registry.bind(new SprayingStudyRun(), JsonMapper.builder().build()
                .readTree("{\"collectives\":[\"all-to-all\"],\"policies\":[\"ecmp-qp\",\"spraying\"]}"));
        assertThat(p.collectives()).containsExactly(Collective.ALL_TO_ALL);
        assertThat(p.policies()).containsExactly(RoutingPolicy.ECMP_QP, RoutingPolicy.SPRAYING);
        ProblemException e = submit("{\"collectives\":[\"permutation\",\"broadcast\"]}");
        assertThat(e.status()).isEqualTo(400);
        assertThat(field(e)).isEqualTo("params.collectives[1]");
        assertThat(e.getMessage()).contains("ring-all-reduce").doesNotContain("io.mlsyslab");
        ProblemException elements = submit("{\"fabricSizes\":[4,64]}");
        assertThat(field(elements)).isEqualTo("params.fabricSizes[1]");
        ProblemException nullElement = submit("{\"placements\":[null]}");
        assertThat(field(nullElement)).isEqualTo("params.placements[0]");
    }

    @Test
    void theSchemaListsWireNamesAndElementConstraints() {
        var schema = registry.describe().getFirst().paramsSchema().path("properties");
        assertThat(schema.path("collectives").path("items").path("enum").toString())
                .isEqualTo("[\"ring-all-reduce\",\"halving-doubling\",\"all-to-all\",\"permutation\","
                        + "\"double-binary-tree\"]");
        assertThat(schema.path("policies").path("items").path("enum").toString()).contains("\"minimal-splitting\"");
        assertThat(schema.path("fabricSizes").path("items").path("maximum").asInt()).isEqualTo(32);
        assertThat(registry.describe().getFirst().defaults().path("placements").toString())
                .isEqualTo("[\"strided\",\"random\"]");
    }
}
