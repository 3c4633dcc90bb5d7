package io.mlsyslab.training.utilization;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link StudyRequest}: for each model and algorithm, a bisection per target utilisation and a bandwidth
 * sweep; then compares the cells with Streaming DiLoCo's Table 4 where the paper has them.
 */
public final class UtilizationStudy {

    /** The tolerance the reproduction is held to: |ours / paper - 1| at most 25 %. */
    public static final double PAPER_TOLERANCE = 0.25;

    /** Told after each model and algorithm; may throw to stop the study (e.g. on cancellation). */
    @FunctionalInterface
    public interface Listener {
        void done(int finished, int total);
    }

    private UtilizationStudy() {
    }

    public static UtilizationReport run(StudyRequest request, Listener listener) {
        long t0 = System.nanoTime();
        SyncSettings settings = request.settings();
        int workers = settings.workers();
        double[] sweep = request.sweepGbps();
        List<UtilizationReport.Cell> cells = new ArrayList<>();
        List<UtilizationReport.Curve> curves = new ArrayList<>();
        long simulations = 0;
        int total = request.models().size() * request.algorithms().size();
        int finished = 0;
        for (ModelProfile model : request.models()) {
            for (Algorithm algorithm : request.algorithms()) {
                SyncScheme scheme = algorithm.scheme(settings);
                double bitsPerSync = RingAllReduce.bitsSentPerWorker(scheme.payloadBits() * model.parameters()
                        / scheme.fragments(model.layers()), workers);
                for (double target : request.targetUtilizations()) {
                    BandwidthSearch.Result r = BandwidthSearch.search(model, scheme, workers, target,
                            request.minGbps(), request.maxGbps());
                    simulations += r.simulations();
                    Double paper = PaperTable4.gbps(model, algorithm, settings, target);
                    Double error = paper == null || r.gbps() == null ? null : r.gbps() / paper - 1;
                    cells.add(new UtilizationReport.Cell(model.name(), algorithm.wireName(), algorithm.paperRow(),
                            target, r.gbps(), r.atMinimum(), r.utilizationAtResult(), paper, error, bitsPerSync));
                }
                double[] u = new double[sweep.length];
                for (int i = 0; i < sweep.length; i++) {
                    u[i] = UtilizationSimulator.utilization(model, scheme, workers, sweep[i] * 1e9);
                }
                simulations += sweep.length;
                curves.add(new UtilizationReport.Curve(model.name(), algorithm.wireName(), sweep.clone(), u));
                listener.done(++finished, total);
            }
        }
        return new UtilizationReport(UtilizationReport.Settings.of(settings), request.models(), cells,
                ratios(request, cells), comparison(cells), curves, simulations, (System.nanoTime() - t0) / 1e9);
    }

    static List<UtilizationReport.Ratio> ratios(StudyRequest request, List<UtilizationReport.Cell> cells) {
        List<UtilizationReport.Ratio> ratios = new ArrayList<>();
        if (!request.algorithms().contains(Algorithm.DATA_PARALLEL) || request.algorithms().size() < 2) {
            return ratios;
        }
        for (ModelProfile model : request.models()) {
            for (double target : request.targetUtilizations()) {
                UtilizationReport.Cell dp = null;
                UtilizationReport.Cell best = null;
                for (UtilizationReport.Cell c : cells) {
                    if (!c.model().equals(model.name()) || c.targetUtilization() != target) {
                        continue;
                    }
                    if (c.algorithm().equals(Algorithm.DATA_PARALLEL.wireName())) {
                        dp = c;
                    } else if (c.gbps() != null && (best == null || c.gbps() < best.gbps())) {
                        best = c;
                    }
                }
                if (dp == null || best == null) {
                    continue;
                }
                Double ours = dp.gbps() == null ? null : dp.gbps() / best.gbps();
                Double paper = dp.paperGbps() == null || best.paperGbps() == null ? null
                        : dp.paperGbps() / best.paperGbps();
                ratios.add(new UtilizationReport.Ratio(model.name(), target, best.algorithm(), ours, paper));
            }
        }
        return ratios;
    }

    static UtilizationReport.Comparison comparison(List<UtilizationReport.Cell> cells) {
        int compared = 0;
        int within = 0;
        Double worst = null;
        String worstCell = null;
        for (UtilizationReport.Cell c : cells) {
            if (c.paperGbps() == null) {
                continue;
            }
            compared++;
            double err = c.relativeError() == null ? Double.POSITIVE_INFINITY : Math.abs(c.relativeError());
            if (err <= PAPER_TOLERANCE) {
                within++;
            }
            if (worst == null || err > worst) {
                worst = err;
                worstCell = c.model() + " / " + c.algorithm() + " @ " + c.targetUtilization();
            }
        }
        return new UtilizationReport.Comparison(compared, within,
                worst == null || worst.isInfinite() ? null : worst, worstCell);
    }
}
