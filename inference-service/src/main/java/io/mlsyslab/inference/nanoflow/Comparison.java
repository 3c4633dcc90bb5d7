package io.mlsyslab.inference.nanoflow;

/**
 * One reproduced number next to the paper's.
 *
 * @param name          what is compared (figure/table and point)
 * @param paper         the paper's value
 * @param model         this model's value
 * @param relativeError (model - paper) / paper
 * @param criterion     the acceptance rule
 * @param within        whether the rule holds
 */
public record Comparison(String name, double paper, double model, double relativeError, String criterion,
                         boolean within) {

    /** Within a relative tolerance, e.g. 0.10 for +-10%. */
    public static Comparison relative(String name, double paper, double model, double tolerance) {
        double err = (model - paper) / paper;
        return new Comparison(name, paper, model, err, "within +-" + pct(tolerance) + " of the paper",
                Math.abs(err) <= tolerance);
    }

    /** Equal once rounded to the paper's printed decimals. */
    public static Comparison printed(String name, double paper, double model, int decimals) {
        double scale = Math.pow(10, decimals);
        boolean equal = Math.round(model * scale) == Math.round(paper * scale);
        return new Comparison(name, paper, model, (model - paper) / paper, "equal to " + decimals
                + " decimals as printed", equal);
    }

    /** Within an absolute tolerance (percentage points for fractions). */
    public static Comparison absolute(String name, double paper, double model, double tolerance) {
        return new Comparison(name, paper, model, (model - paper) / paper, "within +-" + tolerance + " absolute",
                Math.abs(model - paper) <= tolerance);
    }

    private static String pct(double f) {
        return Math.round(f * 1000) / 10.0 + "%";
    }
}
