package io.mlsyslab.contract;

/** QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED; a RUNNING run whose replica died goes back to QUEUED. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
