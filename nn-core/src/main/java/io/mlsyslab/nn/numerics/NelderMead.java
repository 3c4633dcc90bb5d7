package io.mlsyslab.nn.numerics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/** The Nelder–Mead simplex method with the standard coefficients (1, 2, ½, ½), as in SciPy's fmin. */
public final class NelderMead {

    private NelderMead() {
    }

    /**
     * @param step       initial simplex edge along each axis
     * @param tolerance  stop when every vertex is within this of the best one (max-norm) and so are their values
     * @param maxEvals   hard cap on objective evaluations
     */
    public static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double step, double tolerance,
                             int maxEvals) {
        int d = start.length;
        double[][] x = new double[d + 1][];
        double[] fx = new double[d + 1];
        x[0] = start.clone();
        for (int i = 1; i <= d; i++) {
            x[i] = start.clone();
            x[i][i - 1] += step;
        }
        int evals = 0;
        for (int i = 0; i <= d; i++) {
            fx[i] = f.applyAsDouble(x[i]);
            evals++;
        }
        Integer[] order = new Integer[d + 1];
        while (evals < maxEvals) {
            for (int i = 0; i <= d; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> fx[i]));
            double[][] xs = new double[d + 1][];
            double[] fs = new double[d + 1];
            for (int i = 0; i <= d; i++) {
                xs[i] = x[order[i]];
                fs[i] = fx[order[i]];
            }
            System.arraycopy(xs, 0, x, 0, d + 1);
            System.arraycopy(fs, 0, fx, 0, d + 1);
            if (converged(x, fx, tolerance)) {
                break;
            }
            double[] centroid = new double[d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    centroid[k] += x[i][k] / d;
                }
            }
            double[] reflected = along(centroid, x[d], -1);
            double fr = f.applyAsDouble(reflected);
            evals++;
            if (fr < fx[0]) {
                double[] expanded = along(centroid, x[d], -2);
                double fe = f.applyAsDouble(expanded);
                evals++;
                replaceWorst(x, fx, fe < fr ? expanded : reflected, Math.min(fe, fr));
            } else if (fr < fx[d - 1]) {
                replaceWorst(x, fx, reflected, fr);
            } else {
                boolean outside = fr < fx[d];
                double[] contracted = along(centroid, x[d], outside ? -0.5 : 0.5);
                double fc = f.applyAsDouble(contracted);
                evals++;
                if (fc < (outside ? fr : fx[d])) {
                    replaceWorst(x, fx, contracted, fc);
                } else {
                    for (int i = 1; i <= d; i++) {
                        for (int k = 0; k < d; k++) {
                            x[i][k] = x[0][k] + 0.5 * (x[i][k] - x[0][k]);
                        }
                        fx[i] = f.applyAsDouble(x[i]);
                        evals++;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= d; i++) {
            if (fx[i] < fx[best]) {
                best = i;
            }
        }
        return x[best].clone();
    }

    /** centroid + t·(worst − centroid). */
    private static double[] along(double[] centroid, double[] worst, double t) {
        double[] p = new double[centroid.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = centroid[k] + t * (worst[k] - centroid[k]);
        }
        return p;
    }

    private static void replaceWorst(double[][] x, double[] fx, double[] p, double fp) {
        x[x.length - 1] = p;
        fx[fx.length - 1] = fp;
    }

    private static boolean converged(double[][] x, double[] fx, double tolerance) {
        double spread = 0;
        double valueSpread = 0;
        for (int i = 1; i < x.length; i++) {
            for (int k = 0; k < x[0].length; k++) {
                spread = Math.max(spread, Math.abs(x[i][k] - x[0][k]));
            }
            valueSpread = Math.max(valueSpread, Math.abs(fx[i] - fx[0]));
        }
        return spread <= tolerance && valueSpread <= tolerance * Math.max(1, Math.abs(fx[0]));
    }
}
