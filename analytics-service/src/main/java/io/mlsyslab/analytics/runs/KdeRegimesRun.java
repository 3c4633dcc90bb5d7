package io.mlsyslab.analytics.runs;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.analytics.regimes.RegimeBounds;
import io.mlsyslab.analytics.regimes.RegimeReport;
import io.mlsyslab.analytics.regimes.RegimeSweep;
import io.mlsyslab.analytics.regimes.RegimeSweepConfig;
import io.mlsyslab.analytics.regimes.RegimeTheory;
import io.mlsyslab.analytics.regimes.SweepMonitor;
import io.mlsyslab.analytics.regimes.SweepPoint;
import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.ParamDescription;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Run kind {@code kde-regimes}: measures f1, f2, Y2, the largest weight share, KL/d and the replicate fluctuations of
 * rho_hat / E rho_hat over a grid of h / h_G for Gaussian data, locates h_G, h_CLT and the KL minimum, and reports
 * them next to the theory and its finite-size corrections. Defaults (d = 20, alpha = 0.5, n = 22026) take a few
 * seconds on two cores.
 */
@Component
public class KdeRegimesRun implements RunKind<KdeRegimesRun.Params, RegimeReport> {

    /** Ceiling on distance-times-bandwidth evaluations, about a minute of work on two cores. */
    static final double MAX_WORK = 2e10;

    public record Params(
            @ParamDescription("alpha = ln n / d; the data set has n = round(e^(alpha d)) points")
            @DecimalMin(RegimeBounds.ALPHA_MIN) @DecimalMax(RegimeBounds.ALPHA_MAX) Double alpha,
            @ParamDescription("dimension d") @Min(RegimeBounds.D_MIN) @Max(RegimeBounds.D_MAX) Integer d,
            @ParamDescription("per-coordinate standard deviation of the Gaussian data")
            @DecimalMin(RegimeBounds.SIGMA_MIN) @DecimalMax(RegimeBounds.SIGMA_MAX) Double sigma,
            @ParamDescription("query points per dataset, drawn from the data law") @Min(1) @Max(5000) Integer queries,
            @ParamDescription("independent datasets (seed-to-seed spread)") @Min(1) @Max(20) Integer datasets,
            @ParamDescription("replicate datasets at a typical query for the fluctuations of rho_hat/E rho_hat; 0 skips")
            @Min(0) @Max(20000) Integer replicates,
            @ParamDescription("smallest h / h_G of the log grid") @DecimalMin(value = "0.05") @DecimalMax("10") Double minRatio,
            @ParamDescription("largest h / h_G of the log grid") @DecimalMin(value = "0.05") @DecimalMax("10") Double maxRatio,
            @ParamDescription("bandwidths in the log grid") @Min(3) @Max(121) Integer gridPoints,
            @ParamDescription("random seed") Long seed,
            @ParamDescription("worker threads; 0 = all cores") @Min(0) @Max(256) Integer threads) {

        public Params {
            alpha = alpha == null ? 0.5 : alpha;
            d = d == null ? 20 : d;
            sigma = sigma == null ? 1.0 : sigma;
            queries = queries == null ? 200 : queries;
            datasets = datasets == null ? 1 : datasets;
            replicates = replicates == null ? 300 : replicates;
            minRatio = minRatio == null ? 0.5 : minRatio;
            maxRatio = maxRatio == null ? 2.0 : maxRatio;
            gridPoints = gridPoints == null ? 25 : gridPoints;
            seed = seed == null ? 0L : seed;
            threads = threads == null ? 0 : threads;
            if (replicates == 1) {
                throw FieldErrorException.invalid("replicates", "must be 0 (skip) or >= 2");
            }
            if (!(maxRatio > minRatio)) {
                throw FieldErrorException.invalid("maxRatio", "must exceed minRatio (" + minRatio + ")");
            }
            if (alpha > 0 && d > 0 && alpha * d > Math.log(RegimeSweepConfig.MAX_N)) {
                throw FieldErrorException.tooLarge("d", "n = e^(alpha d) = e^" + alpha * d + " points exceeds "
                        + RegimeSweepConfig.MAX_N);
            }
            double n = Math.exp(alpha * d);
            double work = n * (gridPoints + 1.0) * ((double) queries * datasets + 2.0 * replicates);
            if (work > MAX_WORK) {
                throw FieldErrorException.tooLarge("queries", "n (" + Math.round(n) + ") x bandwidths x (queries x datasets"
                        + " + 2 replicates) = " + String.format("%.3g", work) + " kernel evaluations exceeds "
                        + String.format("%.0e", MAX_WORK) + "; lower d, alpha, queries, replicates or gridPoints");
            }
        }
    }

    @Override
    public String name() {
        return "kde-regimes";
    }

    @Override
    public String description() {
        return "Sweeps the KDE bandwidth on Gaussian data in high dimension and locates the CLT, heavy-tailed and "
                + "extreme-value regimes (h_CLT, h_G, KL optimum) next to theory";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public RegimeReport execute(Params p, RunContext ctx) {
        int threads = p.threads() == 0 ? Runtime.getRuntime().availableProcessors() : p.threads();
        RegimeSweepConfig config = new RegimeSweepConfig(p.d(), RegimeSweepConfig.pointsFor(p.alpha(), p.d()),
                p.sigma(), p.queries(), p.datasets(), p.replicates(),
                RegimeSweepConfig.logGrid(p.minRatio(), p.maxRatio(), p.gridPoints()), p.seed(), threads);
        RegimeReport report = RegimeSweep.run(config, new SweepMonitor() {
            @Override
            public void progress(double fraction) {
                ctx.progress(fraction);
            }

            @Override
            public void checkCancelled() {
                ctx.checkCancelled();
            }
        });
        recordMetrics(report, ctx);
        ctx.artifact("chart.svg", "image/svg+xml", chart(report).toBytes());
        return report;
    }

    private static void recordMetrics(RegimeReport report, RunContext ctx) {
        List<SweepPoint> points = report.points();
        for (int k = 0; k < points.size(); k++) {
            SweepPoint p = points.get(k);
            ctx.metric("h_over_hg", k, p.ratio());
            ctx.metric("f1", k, p.f1());
            ctx.metric("f2", k, p.f2());
            ctx.metric("participation_ratio", k, p.participationRatio());
            ctx.metric("largest_weight_share", k, p.largestWeightShare());
            ctx.metric("kl_per_dim", k, p.klPerDim());
            if (p.replicates() != null && Double.isFinite(p.replicates().skewness())) {
                ctx.metric("replicate_skewness", k, p.replicates().skewness());
            }
        }
    }

    /** f1, f2, Y2 and KL/d against h / h_G, with the asymptotic theory dashed. */
    static SvgChart chart(RegimeReport report) {
        List<SweepPoint> points = report.points();
        int count = points.size();
        double[] x = new double[count];
        double[] f1 = new double[count];
        double[] f2 = new double[count];
        double[] y2 = new double[count];
        double[] kl = new double[count];
        for (int k = 0; k < count; k++) {
            SweepPoint p = points.get(k);
            x[k] = p.ratio();
            f1[k] = p.f1();
            f2[k] = p.f2();
            y2[k] = p.participationRatio();
            kl[k] = p.klPerDim();
        }
        // Theory on a fine grid so its kinks at h_G and h_CLT show.
        int fine = 200;
        double[] tx = new double[fine];
        double[] tf1 = new double[fine];
        double[] tf2 = new double[fine];
        double[] ty2 = new double[fine];
        double[] tkl = new double[fine];
        double lo = x[0];
        double hi = x[count - 1];
        double alpha = report.alpha();
        double sigma = report.sigma();
        double hG = report.theory().hG();
        for (int i = 0; i < fine; i++) {
            tx[i] = count == 1 ? lo : lo * Math.pow(hi / lo, i / (fine - 1.0));
            double h = tx[i] * hG;
            tf1[i] = RegimeTheory.f1(alpha, sigma, h);
            tf2[i] = RegimeTheory.f2(alpha, sigma, h);
            ty2[i] = RegimeTheory.participationRatio(alpha, sigma, h);
            tkl[i] = RegimeTheory.klPerDim(alpha, sigma, h);
        }
        String title = String.format("KDE regimes: d = %d, n = %d (alpha = %.3f)", report.d(), report.n(), alpha);
        return SvgChart.line(title, "h / h_G", "per-dimension value / participation ratio")
                .logX()
                .series("f1", x, f1)
                .series("f2", x, f2)
                .series("Y2", x, y2)
                .series("KL/d", x, kl)
                .dashedSeries("f1 theory", tx, tf1)
                .dashedSeries("f2 theory", tx, tf2)
                .dashedSeries("Y2 theory", tx, ty2)
                .dashedSeries("KL/d theory", tx, tkl);
    }
}
