package io.mlsyslab.analytics.kde;

/** Chooses a bandwidth from the data: a reference rule, cross-validation or a theory rule. */
public interface BandwidthSelector {

    /** The rule's name as used in requests ("scott", "cv-ml", ...). */
    String ruleName();

    /** The bandwidth for this sample (row-major n × d) and kernel. */
    Bandwidth select(double[] data, int n, int d, Kernel kernel);
}
