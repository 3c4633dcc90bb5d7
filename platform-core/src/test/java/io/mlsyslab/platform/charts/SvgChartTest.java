package io.mlsyslab.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void lineChartIsWellFormedXmlWithOnePathPerSeriesAndEscapedLabels() throws Exception {
        String svg = SvgChart.line("a < b & c", "x", "y")
                .series("one", new double[] {1, 2, 3}, new double[] {1, 4, 9})
                .dashedSeries("theory", new double[] {1, 2, 3}, new double[] {1, 3, 8})
                .toSvg();
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(svg).contains("a &lt; b &amp; c");
        assertThat(Pattern.compile("<path ").matcher(svg).results().count()).isEqualTo(2);
        assertThat(svg).contains("stroke-dasharray");
    }

    @Test
    void pointsMapMonotonicallyIntoThePlotArea() {
        String svg = SvgChart.line("t", "x", "y").series("s", new double[] {0, 1, 2}, new double[] {0, 5, 10}).toSvg();
        Matcher m = Pattern.compile("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"").matcher(svg);
        double lastX = -1;
        double lastY = Double.MAX_VALUE;
        int points = 0;
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            assertThat(x).isGreaterThan(lastX);
            assertThat(y).isLessThan(lastY); // larger values are drawn higher up
            lastX = x;
            lastY = y;
            points++;
        }
        assertThat(points).isEqualTo(3);
    }

    @Test
    void logAxesSkipNonPositiveAndNonFinitePoints() {
        String svg = SvgChart.line("t", "x", "y").logX().logY()
                .series("s", new double[] {0, 1, 10, 100}, new double[] {1, Double.NaN, 10, 100}).toSvg();
        assertThat(Pattern.compile("<circle cx=").matcher(svg).results().count()).isEqualTo(2);
    }

    @Test
    void barsDrawOneRectanglePerValue() {
        String svg = SvgChart.bars("t", "y", List.of("a", "b")).bars("s1", new double[] {1, 2})
                .bars("s2", new double[] {3, 4}).toSvg();
        assertThat(Pattern.compile("<rect x=").matcher(svg).results().count()).isEqualTo(4);
        assertThatThrownBy(() -> SvgChart.bars("t", "y", List.of("a")).bars("s", new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
