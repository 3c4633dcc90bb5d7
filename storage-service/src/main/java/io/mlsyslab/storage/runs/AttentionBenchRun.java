package io.mlsyslab.storage.runs;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.bench.AttentionBench;
import io.mlsyslab.storage.kv.KvStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Run kind {@code attention-bench}: one decode step of attention measured over real store files for every
 * (length, batch), in storage vs fetching the KV over the emulated link vs an in-memory copy. Metric series per
 * mode: {@code tokensPerSecond.<mode>}, {@code linkBytesPerStep.<mode>}, {@code kvBytesScannedPerSecond.<mode>},
 * step = point index; {@code chart.svg}: tokens/s against length, one line per mode and batch.
 */
@Component
public class AttentionBenchRun implements RunKind<AttentionBenchParams, AttentionBenchResult> {
    private final KvStore store;
    private final InStorageAttention attention;
    private final ComputePool pool;

    public AttentionBenchRun(KvStore store, InStorageAttention attention, ComputePool storageComputePool) {
        this.store = store;
        this.attention = attention;
        this.pool = storageComputePool;
    }

    @Override
    public String name() {
        return "attention-bench";
    }

    @Override
    public String description() {
        return "Decode attention over stored KV: in storage vs fetch over an emulated link vs in-memory copy, "
                + "swept over sequence length and batch (tokens/s, link bytes, KV bytes scanned/s)";
    }

    @Override
    public Class<AttentionBenchParams> paramsType() {
        return AttentionBenchParams.class;
    }

    @Override
    public AttentionBenchResult execute(AttentionBenchParams p, RunContext ctx) {
        AttentionBench bench = new AttentionBench(store, attention, pool);
        AttentionBench.Setup setup = new AttentionBench.Setup(p.kvHeads(), p.qHeads(), p.headDim(),
                KvFormat.fromName("dtype", p.dtype()), p.linkGigabytesPerSecond(),
                Duration.ofNanos(p.linkLatencyMicros() * 1000L), p.steps(), p.seed());
        List<AttentionBench.Point> points = new ArrayList<>();
        int total = p.lengths().size() * p.batches().size(), done = 0;
        for (int batch : p.batches()) {
            for (int length : p.lengths()) {
                ctx.checkCancelled();
                List<AttentionBench.Point> measured;
                try {
                    measured = bench.measure(setup, length, batch, ctx::isCancelled);
                } catch (java.util.concurrent.CancellationException e) {
                    ctx.checkCancelled(); // turns the bench's stop into the platform's cancellation
                    throw e;
                }
                for (AttentionBench.Point pt : measured) {
                    points.add(pt);
                    ctx.metric("tokensPerSecond." + pt.mode(), done, pt.tokensPerSecond());
                    ctx.metric("linkBytesPerStep." + pt.mode(), done, pt.linkBytesPerStep());
                    ctx.metric("kvBytesScannedPerSecond." + pt.mode(), done, pt.kvBytesScannedPerSecond());
                }
                ctx.progress(++done / (double) total);
            }
        }
        ctx.artifact("chart.svg", "image/svg+xml", chart(p, points));
        return AttentionBenchResult.of(points);
    }

    static byte[] chart(AttentionBenchParams p, List<AttentionBench.Point> points) {
        SvgChart chart = SvgChart.line("Decode attention, " + p.kvHeads() + "×" + p.headDim() + " " + p.dtype()
                        + ", link " + p.linkGigabytesPerSecond() + " GB/s", "sequence length (tokens)",
                "tokens/s per decode step (one layer)").logX().logY();
        Map<String, List<AttentionBench.Point>> series = new LinkedHashMap<>();
        for (AttentionBench.Point pt : points) {
            series.computeIfAbsent(pt.mode() + ", batch " + pt.batch(), k -> new ArrayList<>()).add(pt);
        }
        series.forEach((name, pts) -> {
            double[] x = pts.stream().mapToDouble(AttentionBench.Point::length).toArray();
            double[] y = pts.stream().mapToDouble(AttentionBench.Point::tokensPerSecond).toArray();
            if (name.startsWith("in-memory")) {
                chart.dashedSeries(name, x, y);
            } else {
                chart.series(name, x, y);
            }
        });
        return chart.toBytes();
    }
}
