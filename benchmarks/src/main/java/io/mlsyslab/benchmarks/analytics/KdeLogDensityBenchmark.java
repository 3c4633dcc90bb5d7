package io.mlsyslab.benchmarks.analytics;

import io.mlsyslab.analytics.kde.Bandwidth;
import io.mlsyslab.analytics.kde.GaussianSample;
import io.mlsyslab.analytics.kde.Kernel;
import io.mlsyslab.analytics.kde.KernelDensity;
import io.mlsyslab.analytics.kde.ReferenceRule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact Gaussian KDE log-density at m queries over n points, the workload of benchmarks/python/kde_peers.py:
 * data and queries N(0, I_d), Scott bandwidth. "full" uses SciPy's convention (factor² × sample covariance, one
 * whitening pass), "isotropic" scikit-learn's (h = n^(−1/(d+4))). Throughput = n·m / score (pairs per second).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KdeLogDensityBenchmark {

    @Param({"100000"})
    int n;

    @Param({"1000"})
    int m;

    @Param({"2", "10", "50"})
    int d;

    @Param({"isotropic", "full"})
    String shape;

    @Param({"1", "2"})
    int threads;

    private KernelDensity kde;
    private double[] queries;

    @Setup
    public void setUp() {
        double[] data = GaussianSample.generate(n, d, 1.0, 1);
        queries = GaussianSample.generate(m, d, 1.0, 2);
        Bandwidth h = shape.equals("full") ? ReferenceRule.SCOTT.select(data, n, d, new Kernel.Gaussian())
                : new Bandwidth.Isotropic(ReferenceRule.SCOTT.factor(n, d));
        kde = KernelDensity.fit(data, n, d, new Kernel.Gaussian(), h, threads);
    }

    @Benchmark
    public double[] logDensity() {
        return kde.logDensity(queries, m);
    }
}
