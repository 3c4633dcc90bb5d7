package io.mlsyslab.analytics.api;

import io.mlsyslab.analytics.config.DensityLimits;
import io.mlsyslab.analytics.density.BandwidthRule;
import io.mlsyslab.analytics.kde.Bandwidth;
import io.mlsyslab.analytics.kde.BandwidthSelector;
import io.mlsyslab.analytics.kde.Kernel;
import io.mlsyslab.analytics.kde.KernelDensity;
import io.mlsyslab.analytics.kde.KernelType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlsyslab.platform.errors.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code POST /api/analytics/kde/density}: log-densities of a kernel density estimate at query points.
 *
 * <p>JSON body: see {@link DensityRequest}. Binary body ({@code application/octet-stream}): n·d little-endian
 * float32 data values followed by m·d query values, with the shape in headers {@code X-KDE-N}, {@code X-KDE-D},
 * {@code X-KDE-M} or query parameters {@code n}, {@code d}, {@code m}; kernel and bandwidth as query parameters.
 */
@RestController
@RequestMapping("/api/analytics/kde")
public class DensityController {

    private final DensityLimits limits;
    private final int threads;
    private final MeterRegistry meters;

    @Autowired
    public DensityController(DensityLimits limits, MeterRegistry meters) {
        this(limits, Runtime.getRuntime().availableProcessors(), meters);
    }

    DensityController(DensityLimits limits, int threads) {
        this(limits, threads, new SimpleMeterRegistry());
    }

    DensityController(DensityLimits limits, int threads, MeterRegistry meters) {
        this.limits = limits;
        this.threads = threads;
        this.meters = meters;
    }

    @PostMapping(value = "/density", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DensityResponse density(@RequestBody DensityRequest request) {
        PointsInput data = PointsInput.fromJson("data", request.data(), dataLimit());
        PointsInput queries = PointsInput.fromJson("queries", request.queries(), queryLimit());
        return evaluate(data, queries, request.kernel(), request.degreesOfFreedom(), request.bandwidth());
    }

    @PostMapping(value = "/density", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public DensityResponse densityBinary(@RequestBody byte[] body,
                                         @RequestHeader(value = "X-KDE-N", required = false) Integer headerN,
                                         @RequestHeader(value = "X-KDE-D", required = false) Integer headerD,
                                         @RequestHeader(value = "X-KDE-M", required = false) Integer headerM,
                                         @RequestParam(value = "n", required = false) Integer paramN,
                                         @RequestParam(value = "d", required = false) Integer paramD,
                                         @RequestParam(value = "m", required = false) Integer paramM,
                                         @RequestParam(value = "kernel", required = false) String kernel,
                                         @RequestParam(value = "degreesOfFreedom", required = false) Double nu,
                                         @RequestParam(value = "bandwidth", required = false) String bandwidth) {
        int n = shape("n", headerN, paramN);
        int d = shape("d", headerD, paramD);
        int m = shape("m", headerM, paramM);
        PointsInput.check("data", n, d, dataLimit());
        PointsInput.check("queries", m, d, queryLimit());
        long expected = ((long) n + m) * d * Float.BYTES;
        if (body.length != expected) {
            throw ProblemException.badField("body", "expected (n + m)·d·4 = " + expected + " bytes of little-endian "
                    + "float32, got " + body.length);
        }
        PointsInput data = PointsInput.fromFloat32("data", body, 0, n, d, dataLimit());
        PointsInput queries = PointsInput.fromFloat32("queries", body, n * d * Float.BYTES, m, d, queryLimit());
        return evaluate(data, queries, kernel, nu, bandwidthParam(bandwidth));
    }

    /**
     * Meters of the KDE dashboard: query points evaluated ({@code analytics_kde_evaluations_total}), data-query
     * kernel pairs ({@code analytics_kde_pairs_total}) and the evaluation time ({@code analytics_kde_evaluation_seconds}),
     * per kernel.
     */
    private void record(String kernel, int n, int m, long nanos) {
        Counter.builder("analytics.kde.evaluations").description("KDE query points evaluated").tag("kernel", kernel)
                .register(meters).increment(m);
        Counter.builder("analytics.kde.pairs").description("KDE kernel evaluations (data points x query points)")
                .tag("kernel", kernel).register(meters).increment((double) n * m);
        Timer.builder("analytics.kde.evaluation").description("time to evaluate the query points of one request")
                .tag("kernel", kernel).register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }

    private DensityResponse evaluate(PointsInput data, PointsInput queries, String kernelName, Double nu,
                                     JsonNode bandwidthSpec) {
        int n = data.rows();
        int d = data.dimension();
        int m = queries.rows();
        if (queries.dimension() != d) {
            throw ProblemException.unprocessable("queries", "dimension " + queries.dimension()
                    + " differs from the data's " + d);
        }
        if ((double) n * m * d > limits.maxPairWork()) {
            throw ProblemException.tooLarge("queries", "n·m·d = " + (long) n * m * d + " exceeds the limit of "
                    + limits.maxPairWork());
        }
        Kernel kernel = kernel(kernelName, nu);
        String rule = null;
        Bandwidth bandwidth;
        if (bandwidthSpec == null || bandwidthSpec.isNull() || bandwidthSpec.isString()) {
            BandwidthSelector selector = selector(bandwidthSpec == null || bandwidthSpec.isNull() ? "scott"
                    : bandwidthSpec.asString(), n, d);
            rule = selector.ruleName();
            bandwidth = selector.select(data.values(), n, d, kernel);
        } else {
            bandwidth = fixedBandwidth(bandwidthSpec, d);
        }
        KernelDensity kde = KernelDensity.fit(data.values(), n, d, kernel, bandwidth, threads);
        long start = System.nanoTime();
        double[] logs = kde.logDensity(queries.values(), m);
        long took = System.nanoTime() - start;
        double elapsedMillis = took / 1e6;
        record(kernel.name(), n, m, took);
        List<Double> out = new ArrayList<>(m);
        for (double v : logs) {
            out.add(v == Double.NEGATIVE_INFINITY ? null : v);
        }
        Double dof = kernel instanceof Kernel.StudentT t ? t.degreesOfFreedom() : null;
        return new DensityResponse(n, d, m, kernel.name(), dof, describe(rule, bandwidth), out, elapsedMillis);
    }

    /** An unknown name (400 on kernel) or bad degrees of freedom (422) are typed field errors from the engine. */
    private static Kernel kernel(String name, Double nu) {
        return KernelType.parse(name).create(nu);
    }

    private BandwidthSelector selector(String name, int n, int d) {
        return BandwidthRule.parse("bandwidth", name).selector("bandwidth", n, d, limits.maxCvWork(), threads);
    }

    private static Bandwidth fixedBandwidth(JsonNode spec, int d) {
        if (spec.isNumber()) {
            return new Bandwidth.Isotropic(spec.asDouble());
        }
        if (spec.isArray()) {
            if (spec.size() != d) {
                throw ProblemException.unprocessable("bandwidth", "diagonal needs " + d + " values, got " + spec.size());
            }
            double[] h = new double[d];
            for (int k = 0; k < d; k++) {
                if (!spec.get(k).isNumber()) {
                    throw ProblemException.badField("bandwidth", "entry " + k + " is not a number");
                }
                h[k] = spec.get(k).asDouble();
            }
            return new Bandwidth.Diagonal(h);
        }
        throw ProblemException.badField("bandwidth", "must be a number, an array of numbers or a rule name");
    }

    private static JsonNode bandwidthParam(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return JsonNodeFactory.instance.numberNode(Double.parseDouble(raw));
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.stringNode(raw);
        }
    }

    private static DensityResponse.BandwidthUsed describe(String rule, Bandwidth bandwidth) {
        return switch (bandwidth) {
            case Bandwidth.Isotropic iso -> new DensityResponse.BandwidthUsed(rule, "isotropic", iso.h(), null, null);
            case Bandwidth.Diagonal diag -> new DensityResponse.BandwidthUsed(rule, "diagonal", null, diag.h(), null);
            case Bandwidth.Full full -> {
                int d = full.d();
                double[] flat = full.matrix();
                double[][] rows = new double[d][];
                for (int i = 0; i < d; i++) {
                    rows[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
                }
                yield new DensityResponse.BandwidthUsed(rule, "full", null, null, rows);
            }
        };
    }

    private static int shape(String field, Integer header, Integer param) {
        Integer v = header != null ? header : param;
        if (v == null) {
            throw ProblemException.badField(field, "is required for a binary body (header X-KDE-"
                    + field.toUpperCase(Locale.ROOT) + " or query parameter " + field + ")");
        }
        if (v < 1) {
            throw ProblemException.unprocessable(field, "must be >= 1");
        }
        return v;
    }

    private PointsInput.Limit dataLimit() {
        return new PointsInput.Limit(limits.maxPoints(), limits.maxDimension(), limits.maxDataValues());
    }

    private PointsInput.Limit queryLimit() {
        return new PointsInput.Limit(Integer.MAX_VALUE, limits.maxDimension(), limits.maxQueryValues());
    }
}
