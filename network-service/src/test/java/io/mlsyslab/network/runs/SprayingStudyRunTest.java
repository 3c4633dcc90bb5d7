package io.mlsyslab.network.runs;

import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.test.RecordingRunContext;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SprayingStudyRunTest {

    private static SprayingStudyParams small() {
        return new SprayingStudyParams(List.of(4), List.of("ring-all-reduce", "permutation"), List.of("strided"),
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
        SprayingStudyParams bad = new SprayingStudyParams(List.of(64), List.of("broadcast"), null, null, null, null,
                null, null, 0.0, null, null);
        assertThat(v.validate(bad)).extracting(c -> c.getPropertyPath().toString().replaceAll("\\[.*", ""))
                .contains("fabricSizes", "collectives", "linkGbps");
    }

    @Test
    void tooLargeSweepsAndImpossibleFailuresAreRejectedNamingTheField() {
        SprayingStudyParams huge = new SprayingStudyParams(List.of(2, 3, 4, 5), null, List.of("contiguous", "strided",
                "random"), List.of(0, 1, 2, 3), List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0), null, 1, 1, null,
                null, null);
        assertThatThrownBy(() -> new SprayingStudyRun().execute(huge, new RecordingRunContext()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(413));
        SprayingStudyParams failures = new SprayingStudyParams(List.of(4), List.of("permutation"), List.of("strided"),
                List.of(5), List.of(1e6), null, 1, 1, null, null, null);
        assertThatThrownBy(() -> new SprayingStudyRun().execute(failures, new RecordingRunContext()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).startsWith("failedLinks:");
                });
    }
}
