package io.mlsyslab.platform.runs;

/** Thrown by {@link RunContext#checkCancelled()}; a kind should let it propagate. */
public class RunCancelledException extends RuntimeException {

    public RunCancelledException(String message) {
        super(message, null, false, false);
    }
}
