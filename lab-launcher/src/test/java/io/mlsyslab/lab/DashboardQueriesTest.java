package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The query list the end-to-end test evaluates, checked without a lab. */
class DashboardQueriesTest {

    @Test
    void theAllowListNamesOnlyMetricsTheDashboardsUse() throws Exception {
        Set<String> used = new TreeSet<>();
        DashboardQueries.all().forEach(q -> used.addAll(DashboardQueries.metricNames(q.promql())));
        assertThat(used).containsAll(DashboardQueries.NOT_YET_EXPORTED)
                .contains("runs_queue_depth", "analytics_kde_pairs_total", "network_fabric_analysis_seconds_count");
        assertThat(DashboardQueries.all()).filteredOn(DashboardQueries.Query::alert).hasSize(4);
        assertThat(DashboardQueries.all()).allMatch(q -> !q.promql().contains("$"));
    }

    @Test
    void vllmDashboardQueriesAreConcreteAndReadTheEndToEndModel() throws Exception {
        assertThat(DashboardQueries.vllm()).hasSizeGreaterThan(20).allSatisfy(q -> {
            assertThat(q.promql()).doesNotContain("$").contains("vllm:").contains("model_name=\"e2e-vllm\"");
            assertThat(q.where()).startsWith("vLLM dashboard / ");
        });
    }

    @Test
    void metricNamesSkipFunctionsLabelsAndRecordingRules() {
        assertThat(DashboardQueries.metricNames("sum by (le, routeId) (rate(a_b_bucket{x=\"y\", z=~\"5..\"}[1m]))"
                + " / on (routeId) group_left mlsyslab:rule:rate5m > bool 0.5 or vector(0) * up"))
                .containsExactlyInAnyOrder("a_b_bucket", "up");
    }
}
