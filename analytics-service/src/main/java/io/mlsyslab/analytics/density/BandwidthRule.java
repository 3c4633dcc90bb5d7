package io.mlsyslab.analytics.density;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mlsyslab.analytics.kde.BandwidthSelector;
import io.mlsyslab.analytics.kde.HighDimensionalRule;
import io.mlsyslab.analytics.kde.LikelihoodCrossValidation;
import io.mlsyslab.analytics.kde.ReferenceRule;
import io.mlsyslab.analytics.regimes.TheoryBandwidth;
import io.mlsyslab.contract.FieldErrorException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Bandwidth rules by the names clients use, shared by the density endpoint and the run kinds. */
public enum BandwidthRule {
    SCOTT("scott"),
    SILVERMAN("silverman"),
    SCOTT_ISOTROPIC("scott-isotropic"),
    SILVERMAN_ISOTROPIC("silverman-isotropic"),
    CV_ML("cv-ml"),
    CV_ML_DIAGONAL("cv-ml-diagonal"),
    HIGH_DIMENSIONAL("high-dimensional"),
    HIGH_DIMENSIONAL_FINITE("high-dimensional-finite");

    /** The wire names, for messages and descriptions. */
    public static final String NAMES = Arrays.stream(values()).map(BandwidthRule::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;

    BandwidthRule(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The rule named {@code name} (also the older spellings kl-theory and cv_ml); unknown names are a 400. */
    public static BandwidthRule parse(String field, String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (key.equals("kl-theory")) {
            return HIGH_DIMENSIONAL;
        }
        if (key.equals("cv_ml")) {
            return CV_ML;
        }
        for (BandwidthRule rule : values()) {
            if (rule.wireName.equals(key)) {
                return rule;
            }
        }
        throw FieldErrorException.invalid(field, "unknown rule '" + name + "' (" + NAMES + ")");
    }

    /**
     * The selector for n points in d dimensions; cross-validation costs n²·d per pass and is refused (413 on
     * {@code field}) above {@code maxCvWork}.
     */
    public BandwidthSelector selector(String field, int n, int d, double maxCvWork, int threads) {
        return switch (this) {
            case SCOTT -> ReferenceRule.SCOTT;
            case SILVERMAN -> ReferenceRule.SILVERMAN;
            case SCOTT_ISOTROPIC -> ReferenceRule.SCOTT_ISOTROPIC;
            case SILVERMAN_ISOTROPIC -> ReferenceRule.SILVERMAN_ISOTROPIC;
            case HIGH_DIMENSIONAL -> new HighDimensionalRule("high-dimensional", TheoryBandwidth::klOptimal);
            case HIGH_DIMENSIONAL_FINITE ->
                    new HighDimensionalRule("high-dimensional-finite", TheoryBandwidth::klOptimalFiniteSize);
            case CV_ML, CV_ML_DIAGONAL -> {
                if ((double) n * n * d > maxCvWork) {
                    throw FieldErrorException.tooLarge(field, "cross-validation costs n²·d = " + (long) n * n * d
                            + " per pass, over the limit of " + (long) maxCvWork + "; use fewer points or a rule");
                }
                yield new LikelihoodCrossValidation(this == CV_ML_DIAGONAL ? LikelihoodCrossValidation.Shape.DIAGONAL
                        : LikelihoodCrossValidation.Shape.ISOTROPIC, threads);
            }
        };
    }
}
