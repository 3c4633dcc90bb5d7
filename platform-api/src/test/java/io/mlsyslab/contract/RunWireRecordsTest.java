package io.mlsyslab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The run API's wire records read back what they wrote, and a create request refuses what the API refuses. */
class RunWireRecordsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRunAndItsListRoundTripThroughJson() {
        Run run = new Run(UUID.randomUUID(), "kde-regimes", RunStatus.SUCCEEDED, 1.0,
                JSON.readTree("{\"n\":[1,2],\"kernel\":\"gaussian\"}"), Map.of("team", "a"),
                JSON.readTree("{\"ok\":true}"), JSON.readTree("{\"title\":\"none\"}"),
                Instant.parse("2026-01-02T03:04:05.123456Z"),
                Instant.parse("2026-01-02T03:04:06Z"), Instant.parse("2026-01-02T03:04:07Z"), 2, "lab-admin");
        RunList list = new RunList(List.of(run), "token");
        RunList back = JSON.readValue(JSON.writeValueAsString(list), RunList.class);
        assertThat(back).isEqualTo(list);
        assertThat(JSON.readTree(JSON.writeValueAsString(run)).path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void metricSeriesAndArtifactsRoundTripThroughJson() {
        MetricSeries series = new MetricSeries(Map.of("loss", List.of(new MetricPoint(0, 2.5, Instant.EPOCH),
                new MetricPoint(1, 1.25, Instant.EPOCH.plusSeconds(1)))));
        assertThat(JSON.readValue(JSON.writeValueAsString(series), MetricSeries.class)).isEqualTo(series);
        ArtifactList artifacts = new ArtifactList(List.of(new ArtifactInfo("chart.svg", "image/svg+xml", 1234,
                Instant.EPOCH)));
        assertThat(JSON.readValue(JSON.writeValueAsString(artifacts), ArtifactList.class)).isEqualTo(artifacts);
    }

    @Test
    void aCreateRequestNeedsAKindAndAtMost32Tags() {
        assertThat(JSON.readValue("{\"kind\":\"echo\",\"params\":{\"message\":\"hi\"}}", CreateRunRequest.class)
                .params().path("message").asString()).isEqualTo("hi");
        for (String blank : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> new CreateRunRequest(blank, null, null))
                    .isInstanceOfSatisfying(FieldErrorException.class, e -> {
                        assertThat(e.reason()).isEqualTo(FieldErrorException.Reason.INVALID);
                        assertThat(e.errors()).containsExactly(new FieldError("kind", "must not be blank"));
                    });
        }
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < CreateRunRequest.MAX_TAGS; i++) {
            tags.put("t" + i, "v");
        }
        assertThat(new CreateRunRequest("echo", null, tags).tags()).hasSize(32);
        tags.put("one-more", "v");
        assertThatThrownBy(() -> new CreateRunRequest("echo", null, tags))
                .isInstanceOfSatisfying(FieldErrorException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("tags", "at most 32 tags")));
    }
}
