package io.mlsyslab.platform.runs;

/**
 * One kind of experiment a service can run. Implementations are Spring beans; the runs core discovers them,
 * validates params against {@link #paramsType()}, persists the run and calls {@link #execute} on a worker.
 *
 * <p>The params type is a record. Defaults live in the record's compact constructor (a {@code null} component is
 * replaced by its default), so the params a client omits are filled in the same way for the API, the stored run and
 * the published JSON Schema. Components may carry Jakarta validation constraints and {@link ParamDescription}.
 *
 * <p>The result is any JSON-serialisable value (normally a record); it is stored as the run's result and as the
 * artifact {@code result.json}. A kind that draws its main figure stores it with
 * {@code ctx.artifact("chart.svg", "image/svg+xml", ...)}, see {@code io.mlsyslab.platform.charts.SvgChart}.
 */
public interface RunKind<P extends Record, R> {

    /** Stable, URL-safe name, e.g. {@code spraying-study}. */
    String name();

    /** One sentence for {@code GET run-kinds}. */
    String description();

    Class<P> paramsType();

    /**
     * Does the work. Call {@link RunContext#checkCancelled()} between steps so cancellation and shutdown are seen
     * promptly, and {@link RunContext#progress(double)} as the work advances. Throwing fails the run; the message
     * becomes the run's error.
     */
    R execute(P params, RunContext ctx) throws Exception;

    /**
     * Checks at {@code POST runs} that need more than the params themselves, e.g. that another service's run and
     * metric series exist and are not too long ({@code RunsClient}); called after the params are bound and
     * validated, before the run is stored, so the client gets the 4xx instead of a 202 and a FAILED run. Throw
     * {@link io.mlsyslab.contract.FieldErrorException} (its fields are prefixed with {@code params.}) or a
     * {@code ProblemException} (e.g. the 404 or 503 {@code RunsClient} raises). Data can change before the run
     * executes, so {@link #execute} must check again. The default checks nothing.
     */
    default void validateAtSubmission(P params) {
    }
}
