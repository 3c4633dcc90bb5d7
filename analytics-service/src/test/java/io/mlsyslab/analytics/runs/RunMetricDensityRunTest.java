package io.mlsyslab.analytics.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.analytics.config.DensityLimits;
import io.mlsyslab.contract.FieldError;
import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.contract.MetricPoint;
import io.mlsyslab.platform.clients.RunsClient;
import io.mlsyslab.platform.clients.ServicesProperties;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.runs.RunKindRegistry;
import io.mlsyslab.platform.test.RecordingRunContext;
import jakarta.validation.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The length of the source series is checked when the run is posted (through the registry, as {@code POST runs}
 * does) and again when it executes, since the series can change in between. The other service is a stand-in
 * {@link RunsClient} whose answers each test sets.
 */
class RunMetricDensityRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Answers with a set length and series instead of calling another service. */
    private static final class StubRuns extends RunsClient {
        OptionalLong length = OptionalLong.empty();
        List<MetricPoint> series = List.of();

        StubRuns() {
            super(new ServicesProperties(Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                    io.mlsyslab.platform.test.TestSigning.asService("analytics"));
        }

        @Override
        public OptionalLong metricLength(String service, UUID id, String name) {
            return length;
        }

        @Override
        public List<MetricPoint> metric(String service, UUID id, String name, int limit) {
            return series.size() > limit ? series.subList(0, limit) : series;
        }
    }

    private final StubRuns runs = new StubRuns();
    private final RunMetricDensityRun kind = new RunMetricDensityRun(runs, DensityLimits.defaults());
    private final RunKindRegistry registry = new RunKindRegistry(List.of(kind), JSON,
            Validation.buildDefaultValidatorFactory().getValidator());

    private RunMetricDensityRun.Params params(String extra) {
        return (RunMetricDensityRun.Params) registry.bind(kind, JSON.readTree("{\"service\":\"inference\",\"runId\":\""
                + UUID.randomUUID() + "\",\"metric\":\"ttft\"" + extra + "}"));
    }

    private ProblemException refusedAtSubmission(RunMetricDensityRun.Params p) {
        try {
            registry.validateAtSubmission(kind, p);
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("accepted at submission");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> firstError(ProblemException e) {
        return ((List<Map<String, String>>) e.properties().get("errors")).getFirst();
    }

    private static List<MetricPoint> points(int n) {
        List<MetricPoint> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new MetricPoint(i, 1.0 + (i % 97) * 0.01, Instant.EPOCH));
        }
        return out;
    }

    @Test
    void aMissingSeriesOrOneTooShortIs422NamingTheMetric() {
        runs.length = OptionalLong.of(0);
        ProblemException missing = refusedAtSubmission(params(""));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(firstError(missing)).containsEntry("field", "params.metric");
        assertThat(firstError(missing).get("message")).contains("no metric series 'ttft'");
        runs.length = OptionalLong.of(1);
        ProblemException single = refusedAtSubmission(params(""));
        assertThat(single.status()).isEqualTo(422);
        assertThat(firstError(single)).containsEntry("field", "params.metric");
    }

    @Test
    void aSeriesOverTheLimitIs413AtSubmissionAndTheLimitItselfPasses() {
        runs.length = OptionalLong.of(RunMetricDensityRun.MAX_SAMPLES + 1L);
        ProblemException tooLong = refusedAtSubmission(params(""));
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(firstError(tooLong)).containsEntry("field", "params.metric");
        runs.length = OptionalLong.of(RunMetricDensityRun.MAX_SAMPLES);
        assertThatCode(() -> registry.validateAtSubmission(kind, params(""))).doesNotThrowAnyException();
    }

    @Test
    void crossValidationOverTooManyPointsIs413NamingTheBandwidth() {
        // n² over the default 2e9 work limit: 44,722 points
        runs.length = OptionalLong.of(44_722);
        ProblemException cv = refusedAtSubmission(params(",\"bandwidth\":\"cv-ml\""));
        assertThat(cv.status()).isEqualTo(413);
        assertThat(firstError(cv)).containsEntry("field", "params.bandwidth");
        runs.length = OptionalLong.of(44_721);
        assertThatCode(() -> registry.validateAtSubmission(kind, params(",\"bandwidth\":\"cv-ml\"")))
                .doesNotThrowAnyException();
        // a reference rule has no such cost
        runs.length = OptionalLong.of(44_722);
        assertThatCode(() -> registry.validateAtSubmission(kind, params(""))).doesNotThrowAnyException();
    }

    @Test
    void aServiceThatReportsNoLengthIsLeftToExecution() {
        runs.length = OptionalLong.empty();
        assertThatCode(() -> registry.validateAtSubmission(kind, params(""))).doesNotThrowAnyException();
    }

    @Test
    void executeChecksTheFetchedSeriesAgain() {
        RunMetricDensityRun.Params p = params("");
        // accepted at submission, then the series grew past the limit
        runs.length = OptionalLong.of(100);
        registry.validateAtSubmission(kind, p);
        runs.series = points(RunMetricDensityRun.MAX_SAMPLES + 5);
        assertThatThrownBy(() -> kind.execute(p, new RecordingRunContext(Integer.MAX_VALUE)))
                .isInstanceOfSatisfying(FieldErrorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FieldErrorException.Reason.TOO_LARGE);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("metric");
                });
        // ... or vanished
        runs.series = List.of();
        assertThatThrownBy(() -> kind.execute(p, new RecordingRunContext(Integer.MAX_VALUE)))
                .isInstanceOfSatisfying(FieldErrorException.class, e -> assertThat(e.errors().getFirst().message())
                        .contains("no metric series"));
        // and an unchanged series of 100 points is estimated
        runs.series = points(100);
        RunMetricDensityRun.Result result = kind.execute(p, new RecordingRunContext(Integer.MAX_VALUE));
        assertThat(result.density().samples()).isEqualTo(100);
    }
}
