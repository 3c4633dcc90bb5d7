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
}
