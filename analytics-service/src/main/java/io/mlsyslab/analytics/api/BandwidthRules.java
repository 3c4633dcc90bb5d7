package io.mlsyslab.analytics.api;

import io.mlsyslab.analytics.kde.BandwidthSelector;
import io.mlsyslab.analytics.kde.HighDimensionalRule;
import io.mlsyslab.analytics.kde.LikelihoodCrossValidation;
import io.mlsyslab.analytics.kde.ReferenceRule;
import io.mlsyslab.analytics.regimes.TheoryBandwidth;
import io.mlsyslab.platform.errors.ProblemException;
import java.util.Locale;

/** Bandwidth rules by the names clients use, shared by the density endpoint and the run kinds. */
public final class BandwidthRules {

    public static final String NAMES = "scott, silverman, scott-isotropic, silverman-isotropic, cv-ml, cv-ml-diagonal, "
            + "high-dimensional, high-dimensional-finite";

    private BandwidthRules() {}

    private static final java.util.Set<String> KNOWN = java.util.Set.of("scott", "silverman", "scott-isotropic",
            "silverman-isotropic", "high-dimensional", "kl-theory", "high-dimensional-finite", "cv-ml", "cv_ml",
            "cv-ml-diagonal");

    /** Rejects an unknown rule name early, e.g. when a run is created rather than when it executes. */
    public static void checkName(String field, String name) {
        if (!KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(field + ": unknown rule '" + name + "' (" + NAMES + ")");
        }
    }

    /**
     * The selector named {@code name}; cross-validation costs n²·d per pass, so it is refused (413 on
     * {@code field}) above {@code maxCvWork}.
     */
    public static BandwidthSelector named(String field, String name, int n, int d, double maxCvWork, int threads) {
        String key = name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "scott" -> ReferenceRule.SCOTT;
            case "silverman" -> ReferenceRule.SILVERMAN;
            case "scott-isotropic" -> ReferenceRule.SCOTT_ISOTROPIC;
            case "silverman-isotropic" -> ReferenceRule.SILVERMAN_ISOTROPIC;
            case "high-dimensional", "kl-theory" -> new HighDimensionalRule("high-dimensional", TheoryBandwidth::klOptimal);
            case "high-dimensional-finite" ->
                    new HighDimensionalRule("high-dimensional-finite", TheoryBandwidth::klOptimalFiniteSize);
            case "cv-ml", "cv_ml", "cv-ml-diagonal" -> {
                if ((double) n * n * d > maxCvWork) {
                    throw ProblemException.tooLarge(field, "cross-validation costs n²·d = " + (long) n * n * d
                            + " per pass, over the limit of " + (long) maxCvWork + "; use fewer points or a rule");
                }
                yield new LikelihoodCrossValidation(key.endsWith("diagonal") ? LikelihoodCrossValidation.Shape.DIAGONAL
                        : LikelihoodCrossValidation.Shape.ISOTROPIC, threads);
            }
            default -> throw ProblemException.badField(field, "unknown rule '" + name + "' (" + NAMES + ")");
        };
    }
}
