package io.mlsyslab.storage.offload;

/**
 * One reproduced ratio next to the paper's value.
 *
 * @param name          stable identifier
 * @param description   what is divided by what
 * @param value         the model's ratio; null when a point it needs does not fit
 * @param paper         the paper's value; null when this run's configuration differs from the paper's
 * @param relativeError (value - paper) / paper; null when either is null
 * @param headline      one of the four ratios the issue asks to reproduce within the tolerance
 * @param withinTolerance |relativeError| <= 25 %; null when there is no paper value to compare with
 * @param source        where the paper states it
 */
public record Ratio(String name, String description, Double value, Double paper, Double relativeError,
                    Boolean withinTolerance, boolean headline, String source) {

    /** Tolerance of the headline reproduction (issue 8: within 25 %). */
    public static final double TOLERANCE = 0.25;

    static Ratio of(String name, String description, Double value, Double paper, boolean headline, String source) {
        Double error = value == null || paper == null ? null : (value - paper) / paper;
        Boolean within = error == null ? null : Math.abs(error) <= TOLERANCE;
        return new Ratio(name, description, value, paper, error, within, headline, source);
    }
}
