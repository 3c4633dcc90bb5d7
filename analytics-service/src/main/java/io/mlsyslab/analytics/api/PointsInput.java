package io.mlsyslab.analytics.api;

import io.mlsyslab.analytics.kde.GaussianSample;
import io.mlsyslab.analytics.regimes.RegimeBounds;
import io.mlsyslab.platform.errors.ProblemException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.databind.JsonNode;

/**
 * A row-major point set parsed from a request: inline JSON rows, a {"gaussian": {...}} generator or little-endian
 * float32. Sizes are checked against the limits before the array is allocated.
 */
record PointsInput(double[] values, int rows, int dimension) {

    static final double MAX_ABS_COORDINATE = 1e150;

    /** Which count limit applies: the data's or the queries'. */
    record Limit(int maxRows, int maxDimension, long maxValues) {
    }

    static PointsInput fromJson(String field, JsonNode node, Limit limit) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ProblemException.badField(field, "is required");
        }
        if (node.isObject()) {
            return generated(field, node, limit);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ProblemException.badField(field, "must be a non-empty array of rows or {\"gaussian\": {...}}");
        }
        int rows = node.size();
        JsonNode first = node.get(0);
        if (!first.isArray() || first.isEmpty()) {
            throw ProblemException.badField(field, "rows must be non-empty arrays of numbers");
        }
        int d = first.size();
        check(field, rows, d, limit);
        double[] values = new double[rows * d];
        for (int i = 0; i < rows; i++) {
            JsonNode row = node.get(i);
            if (!row.isArray() || row.size() != d) {
                throw ProblemException.badField(field, "row " + i + " has " + (row.isArray() ? row.size() : 0)
                        + " values, expected " + d);
            }
            for (int k = 0; k < d; k++) {
                JsonNode v = row.get(k);
                if (!v.isNumber()) {
                    throw ProblemException.badField(field, "row " + i + ", column " + k + " is not a number");
                }
                values[i * d + k] = coordinate(field, i, k, v.asDouble());
            }
        }
        return new PointsInput(values, rows, d);
    }

    private static PointsInput generated(String field, JsonNode node, Limit limit) {
        JsonNode spec = node.get("gaussian");
        if (spec == null || !spec.isObject()) {
            throw ProblemException.badField(field, "a generator must look like {\"gaussian\": {\"n\", \"d\", \"sigma\", \"seed\"}}");
        }
        String prefix = field + ".gaussian.";
        int n = intField(prefix + "n", spec.get("n"));
        int d = intField(prefix + "d", spec.get("d"));
        if (n < 1) {
            throw ProblemException.unprocessable(prefix + "n", "must be >= 1");
        }
        if (d < 1) {
            throw ProblemException.unprocessable(prefix + "d", "must be >= 1");
        }
        check(field, n, d, limit);
        if (spec.has("sigma") && !spec.get("sigma").isNumber()) {
            throw ProblemException.badField(prefix + "sigma", "must be a number");
        }
        double sigma = spec.has("sigma") ? spec.get("sigma").asDouble() : 1.0;
        // the range of the same sigma in the kde-regimes run kind
        if (!(sigma >= RegimeBounds.sigmaMin() && sigma <= RegimeBounds.sigmaMax())) {
            throw ProblemException.badField(prefix + "sigma", "must be a number in [" + RegimeBounds.sigmaMin() + ", "
                    + RegimeBounds.sigmaMax() + "]");
        }
        long seed = spec.has("seed") ? spec.get("seed").asLong() : 0L;
        return new PointsInput(GaussianSample.generate(n, d, sigma, seed), n, d);
    }

    private static int intField(String field, JsonNode v) {
        if (v == null || !v.canConvertToInt()) {
            throw ProblemException.badField(field, "must be an integer");
        }
        return v.asInt();
    }

    /** Reads rows·d float32 values (little-endian) from {@code body} at {@code offset}. */
    static PointsInput fromFloat32(String field, byte[] body, int offset, int rows, int d, Limit limit) {
        check(field, rows, d, limit);
        double[] values = new double[rows * d];
        ByteBuffer buffer = ByteBuffer.wrap(body, offset, rows * d * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            values[i] = coordinate(field, i / d, i % d, buffer.getFloat());
        }
        return new PointsInput(values, rows, d);
    }

    /**
     * A coordinate whose squared distances stay finite: beyond 1e150 a sum of d squares overflows to infinity and the
     * density becomes NaN (a float32 NaN or infinity in a binary body is refused the same way).
     */
    private static double coordinate(String field, int row, int column, double value) {
        if (!(Math.abs(value) <= MAX_ABS_COORDINATE)) {
            throw ProblemException.badField(field, "row " + row + ", column " + column + " must be a finite number in ["
                    + -MAX_ABS_COORDINATE + ", " + MAX_ABS_COORDINATE + "]");
        }
        return value;
    }

    static void check(String field, long rows, long d, Limit limit) {
        if (rows > limit.maxRows()) {
            throw ProblemException.tooLarge(field, rows + " points exceed the limit of " + limit.maxRows());
        }
        if (d > limit.maxDimension()) {
            throw ProblemException.tooLarge(field, "dimension " + d + " exceeds the limit of " + limit.maxDimension());
        }
        if (rows * d > limit.maxValues()) {
            throw ProblemException.tooLarge(field, rows + " x " + d + " = " + rows * d + " values exceed the limit of "
                    + limit.maxValues());
        }
    }
}
