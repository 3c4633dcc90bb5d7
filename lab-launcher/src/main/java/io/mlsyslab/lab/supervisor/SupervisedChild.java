package io.mlsyslab.lab.supervisor;

/** A child the {@link Supervisor} can start again and again: an app JVM, PostgreSQL, or a test's shell command. */
public interface SupervisedChild {

    String name();

    /**
     * Starts a new incarnation of the child and returns once it runs (not necessarily ready). An exception counts as
     * a failed start, which the supervisor treats like a crash.
     */
    Incarnation start() throws Exception;

    /** Stops the running incarnation on purpose (gracefully first); returns once it is gone. */
    void stop();
}
