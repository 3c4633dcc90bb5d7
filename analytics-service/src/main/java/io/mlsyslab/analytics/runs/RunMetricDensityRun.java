package io.mlsyslab.analytics.runs;

import io.mlsyslab.analytics.config.DensityLimits;
import io.mlsyslab.analytics.density.BandwidthRule;
import io.mlsyslab.analytics.density.SampleDensity;
import io.mlsyslab.analytics.kde.Kernel;
import io.mlsyslab.analytics.kde.KernelType;
import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.contract.MetricPoint;
import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.clients.RunsClient;
import io.mlsyslab.platform.runs.ParamDescription;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Run kind {@code run-metric-density}: fetches one metric series of a run in another service (e.g. inference's
 * time-to-first-token samples) and returns its 1-D kernel density with the chosen bandwidth rule, summary statistics
 * and a chart.
 */
@Component
public class RunMetricDensityRun implements RunKind<RunMetricDensityRun.Params, RunMetricDensityRun.Result> {

    /** A metric series longer than this is refused rather than estimated for minutes. */
    static final int MAX_SAMPLES = 200_000;

    public record Params(
            @ParamDescription("service that holds the run")
            @NotBlank @Pattern(regexp = ServiceCatalogue.NAME_PATTERN) String service,
            @ParamDescription("id of the run whose metric series is estimated") @NotNull UUID runId,
            @ParamDescription("name of the metric series, e.g. time.to.first.token") @NotBlank @Size(max = 128)
            String metric,
            @ParamDescription("kernel") KernelType kernel,
            @ParamDescription("bandwidth rule") BandwidthRule bandwidth,
            @ParamDescription("estimate on ln(value), for skewed positive quantities such as latencies")
            Boolean logScale,
            @ParamDescription("points of the returned density grid") @Min(16) @Max(4096) Integer gridPoints) {

        public Params {
            kernel = kernel == null ? KernelType.GAUSSIAN : kernel;
            bandwidth = bandwidth == null ? BandwidthRule.SILVERMAN : bandwidth;
            logScale = logScale != null && logScale;
            gridPoints = gridPoints == null ? 256 : gridPoints;
        }
    }

    public record Result(String service, UUID runId, String metric, SampleDensity.Estimate density) {}

    private final RunsClient runs;
    private final DensityLimits limits;

    public RunMetricDensityRun(RunsClient runs, DensityLimits limits) {
        this.runs = runs;
        this.limits = limits;
    }

    @Override
    public String name() {
        return "run-metric-density";
    }

    @Override
    public String description() {
        return "1-D kernel density of a metric series of a run in another service, with bandwidth selection";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    /**
     * At submission: the source run must exist (404 otherwise, or 503 when its service is unreachable) and its
     * series must have between 2 and {@value #MAX_SAMPLES} points (422 / 413 naming {@code params.metric}), and
     * cross-validation over that many points must fit the work limit (413 naming {@code params.bandwidth}).
     * Only the series' length is fetched here; {@link #execute} checks the values again, since the run may change.
     */
    @Override
    public void validateAtSubmission(Params params) {
        OptionalLong length = runs.metricLength(params.service(), params.runId(), params.metric());
        if (length.isEmpty()) {
            return; // a service that does not report lengths: execute checks what it fetches
        }
        checkLength(params, length.getAsLong());
    }

    private void checkLength(Params params, long n) {
        if (n == 0) {
            throw new FieldErrorException("metric", "run " + params.runId() + " in " + params.service()
                    + " has no metric series '" + params.metric() + "'");
        }
        if (n > MAX_SAMPLES) {
            throw FieldErrorException.tooLarge("metric", "the series has " + n + " samples, more than "
                    + MAX_SAMPLES + ", the limit of this kind");
        }
        if (n < 2) {
            throw new FieldErrorException("metric", n + " sample(s); a density needs at least 2");
        }
        params.bandwidth().selector("bandwidth", (int) n, 1, limits.maxCvWork(),
                Runtime.getRuntime().availableProcessors());
    }

    @Override
    public Result execute(Params params, RunContext ctx) {
        Kernel kernel = params.kernel().create(null);
        List<MetricPoint> series = runs.metric(params.service(), params.runId(), params.metric(),
                MAX_SAMPLES + 1);
        // checked at submission too; the series may have changed since
        if (series.size() > MAX_SAMPLES) {
            throw FieldErrorException.tooLarge("metric", "the series has more than " + MAX_SAMPLES
                    + " samples, the limit of this kind");
        }
        if (series.isEmpty()) {
            throw new FieldErrorException("metric", "run " + params.runId() + " in " + params.service()
                    + " has no metric series '" + params.metric() + "'");
        }
        ctx.progress(0.3);
        ctx.checkCancelled();
        double[] values = series.stream().mapToDouble(MetricPoint::value).toArray();
        SampleDensity.Estimate estimate = SampleDensity.estimate(values, kernel,
                params.bandwidth().selector("bandwidth", values.length, 1, limits.maxCvWork(),
                        Runtime.getRuntime().availableProcessors()),
                params.logScale(), params.gridPoints(), Runtime.getRuntime().availableProcessors());
        ctx.progress(0.9);
        SvgChart chart = SvgChart.line("Density of " + params.metric() + " (" + params.service() + " run "
                        + params.runId().toString().substring(0, 8) + ")", params.metric(), "density")
                .series(String.format(Locale.ROOT, "%s KDE, %s h=%.3g%s", estimate.kernel(), estimate.rule(),
                        estimate.bandwidth(), estimate.logScale() ? " (log)" : ""), estimate.grid(), estimate.density());
        if (estimate.logScale()) {
            chart.logX();
        }
        ctx.artifact("chart.svg", "image/svg+xml", chart.toBytes());
        return new Result(params.service(), params.runId(), params.metric(), estimate);
    }
}
