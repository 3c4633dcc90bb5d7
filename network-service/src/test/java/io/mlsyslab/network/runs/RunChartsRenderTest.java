package io.mlsyslab.network.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.RecordingRunContext;
import io.mlsyslab.platform.test.SvgRendering;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every network run kind's chart.svg, rendered with Batik: all text on the canvas and apart, every series in it. */
class RunChartsRenderTest {

    @Test
    void sprayingStudyChartWithTheDefaultPoliciesAndCollectives() {
        // default collectives, policies and message sizes (15 series), on one small fabric to stay fast
        SprayingStudyParams p = new SprayingStudyParams(List.of(4), null, List.of(io.mlsyslab.network.fabric.traffic.Placement.STRIDED), List.of(0), null, null,
                3, 2, null, null, 5L);
        RecordingRunContext ctx = new RecordingRunContext();
        SprayingStudyResult result = new SprayingStudyRun().execute(p, ctx);
        String svg = new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8);
        SvgRendering.Rendered r = check(svg, "spraying-study");
        List<String> series = result.rows().stream().filter(row -> !row.policy().equals("spraying"))
                .map(row -> row.policy() + " / " + row.collective()).distinct().toList();
        assertThat(series).hasSizeGreaterThanOrEqualTo(10);
        assertThat(r.texts().stream().map(SvgRendering.TextBox::text).toList()).as("every series in the legend")
                .containsAll(series);
        assertThat(svg).doesNotContainPattern(">[0-9.]+e[+-]?[0-9]+<");
        assertThat(svg).contains(" MiB<");
    }

    @Test
    void wirelessCrossLayerChart() {
        WirelessCrossLayerParams p = new WirelessCrossLayerParams(1, 2.0, 2, 7L, null, null, null, null, null, null,
                null, null, null, null, List.of(io.mlsyslab.network.wireless.sim.StackPreset.L1, io.mlsyslab.network.wireless.sim.StackPreset.X), List.of(10.0, 20.0), List.of(111.0), List.of(), List.of(),
                List.of());
        RecordingRunContext ctx = new RecordingRunContext(Integer.MAX_VALUE);
        new WirelessCrossLayerRun().execute(p, ctx);
        for (var artifact : ctx.artifacts.entrySet()) {
            if (artifact.getKey().endsWith(".svg")) {
                check(new String(artifact.getValue(), StandardCharsets.UTF_8), "wireless-" + artifact.getKey());
            }
        }
    }

    private static SvgRendering.Rendered check(String svg, String name) {
        SvgRendering.Rendered r = SvgRendering.renderAndKeep(svg, name);
        assertThat(r.texts()).isNotEmpty();
        assertThat(r.outside()).as(name + ": texts outside the canvas").isEmpty();
        assertThat(r.overlaps()).as(name + ": overlapping texts").isEmpty();
        return r;
    }
}
