package io.mlsyslab.inference.engine;

/** The resource class an operation mostly uses, and the executor that runs it. */
public enum Resource {
    COMPUTE("compute"), MEMORY("memory"), NETWORK("network");

    final String label;

    Resource(String label) {
        this.label = label;
    }

    /** The executor's name in metrics and reports. */
    public String label() {
        return label;
    }
}
